"""Reconcile readings across a dossier: the same person's name, ID number and address usually appear
on several papers, some typed large or machine-read (the ID card's QR), some handwritten. A doubtful
reading that is within a character or two of a trusted reading of the same kind elsewhere in the
dossier is taken to be that value (a misread), kept in the case it was printed in, and flagged
`corrected_from_dossier`. Ambiguous matches (two trusted values equally close) change nothing, and
only near-identical values are touched, so two relatives' different names are never merged.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from classifiers import gazetteer
from classifiers.agreement import (
    MACHINE_SOURCES,
    OUTVOTED_CONFIDENCE,
    as_printed,
    confirmed_values,
    covers,
    digit_distance,
    fragment_of,
    fuller_address,
    key_of,
    kind_of,
    misread_distance,
    more_papers,
    one_word_garbled,
    outvoted,
    real_spelling,
    references,
    respelt,
    spellings,
    trusted,
    typed,
    votes,
)
from classifiers.documents import DocumentSpan, ExtractedField
from classifiers.names import is_surname
from classifiers.people import (
    birth_by_id_elsewhere,
    birth_year_by_confirmed_id,
    births_by_id,
    date_words_from_digits,
    death_date_from_request,
    deaths,
    fill_death_date,
    fill_ids,
    fill_origin,
    fill_person_items,
    fix_birth_date,
    fix_parent_years,
    identify_subject,
    ids_named,
    known_people,
    name_by_id,
    named_otherwise,
    origins,
    parent_years,
    people,
    request_names_subject,
    requested_deaths,
    sex_by_confirmed_id,
    traits,
    vote_ids,
)
from classifiers.places import correct_units_in_text
from classifiers.text import fold

# Fields whose value is an address: the units they name are the dossier's places.
PLACE_FIELDS = {"place_of_origin", "place_of_residence", "current_residence", "father_place_of_residence",
                "mother_place_of_residence", "new_place_of_residence", "place_of_birth", "place_of_death"}


# ... and of them, where people live: the ward whose offices receive, register and treat them
HOME_FIELDS = {"place_of_residence", "current_residence", "new_place_of_residence"}


SHAPE_FLAGS = ("id_not_12_digits", "phone_shape", "address_cut")  # what a value taken from another paper no longer is


UNTRUSTED_ID_CONFIDENCE = 0.6


def _untrusted_id(key: str, documents: list[DocumentSpan]) -> list[tuple[float, str]]:
    """An ID number read with a digit too many or too few ("0790843224867") is surely misread: any paper's
    12-digit reading one edit from it will do, trusted or not (a handwritten form's), when only one is; so
    will one that a reading of ten digits or more opens or ends ("1086709447": a phone photo lost "00")."""
    near = {k for d in documents if not d.review for n, g in d.fields.items()
            if kind_of(n) == "id" and len(k := key_of("id", g.value)) == 12
            and (digit_distance(key, k) <= 1 or (len(key) >= 10 and (k.endswith(key) or k.startswith(key))))}
    return [(1.0, near.pop())] if len(near) == 1 else []


def _parents(d: DocumentSpan) -> set[str]:
    """The name keys of the parents a paper names: its subject is none of them ("CHỮ", the child's name with
    "THU THƯ" lost, is no fragment of the father's "CHU ANH TÙNG")."""
    return {key_of("name", f.value) for n in ("father_full_name", "mother_full_name") if (f := d.fields.get(n))}


def family_names_restored(fields: dict[str, ExtractedField], names: dict[str, str]) -> None:
    """A name read without its family name, however surely (its first word no family name: "BẢO LỘC", "THỊ
    THU THỦY" on a death notice), that exactly one other name of the same paper ("CHU BẢO LỘC", the declarant
    who is the household head: a form names one person in several items, and no other paper may be sure of
    him) or trusted name of the dossier (`names`, key -> value) is, after a family name, is that name (flag
    `corrected_from_dossier`, ≤ 0.8); so is a name of three words or more whose first word is no family name
    and whose given names are exactly one other name's of the same paper (a handwritten family name garbled:
    "Đua Gia Nam" with "Phạm Gia Nam" signed under the form). A family name restored from garbled letters
    (`surname_restored`: "7®ÂM BẢO GIANG" read "LÂM") counts as lost; confirmed so, it is as sure as a vote."""
    for name, f in list(fields.items()):
        if kind_of(name) != "name" or len(words := key_of("name", f.value).split()) < 2:
            continue
        if "surname_restored" in f.flags and len(words) > 2:
            words = words[1:]
        elif is_surname(f.value.split()[0]):
            continue
        pool = {key_of("name", g.value): g.value for n, g in fields.items() if n != name and kind_of(n) == "name"}
        known = {k: v for k, v in {**names, **pool}.items() if is_surname(k.split()[0])}
        fuller = {v for k, v in known.items() if k.split()[1:] == words}
        if not fuller and len(words) >= 3:  # or its family name garbled ("Đua Gia Nam"): on its own paper only,
            # where one person is named in several items ("THỊ THU THỦY" is no "LÊ THU THỦY" of another paper)
            fuller = {v for k, v in known.items() if k in pool and k.split()[1:] == words[1:]}
        if len(fuller) == 1:  # a guessed family name the name vouches for, or replaces, is as sure as a vote
            value = as_printed(fuller.pop(), f.value)
            fields[name] = dataclasses.replace(
                f, value=value, flags=f.flags if value == f.value else (*f.flags, "corrected_from_dossier"),
                confidence=OUTVOTED_CONFIDENCE if "surname_restored" in f.flags
                else min(f.confidence, OUTVOTED_CONFIDENCE))


def _machine_sure(sure: dict[str, str], key: str) -> str | None:
    """The value a card and its QR give alike (`confirmed_values`) for a reading's key, or for the key with a
    slash read inside a number taken out ("Số 13⁄9" of "Số 139": a stroke of the card's pattern read as one)."""
    return sure.get(key) or sure.get(re.sub(r"(?<=\d)[/⁄∕](?=\d)", "", key))


def _holders_born(documents: list[DocumentSpan]) -> dict[str, set[str]]:
    """A paper's holder's name, as read in capitals -> the dates of birth the papers giving it print."""
    out: dict[str, set[str]] = {}
    for d in documents:
        if (f := d.fields.get("full_name")) and (born := d.fields.get("date_of_birth")):
            out.setdefault(f.value.upper(), set()).add(born.value)
    return out


def _cut_at_end(d: DocumentSpan, name: str, holders: dict[str, set[str]], ids: dict[str, set[str]]) -> str | None:
    """A name read with its last words lost ("DƯƠNG HOÀNG" of "DƯƠNG HOÀNG HƯNG" on a scanned insurance card,
    a father "CHU TRỌNG" of "CHU TRỌNG QUÂN" on a form): the one name that it opens which another paper gives
    with the same date of birth (a holder's), or under the ID number the paper prints beside it."""
    f = d.fields.get(name)
    if f is None or not name.endswith("full_name") or len(words := f.value.upper().split()) < 2:
        return None
    if name == "full_name" and (born := d.fields.get("date_of_birth")) is not None:
        names = {n for n, dates in holders.items() if born.value in dates}
    else:
        number = d.fields.get(name.removesuffix("full_name") + "id_number")
        own = key_of("id", number.value) if number else ""
        names = {n for n, numbers in ids.items() if own in numbers} if len(own) == 12 else set()
    fuller = {n for n in names if n.split()[:len(words)] == words and len(n.split()) > len(words)}
    return fuller.pop() if len(fuller) == 1 else None


def _born_alike(d: DocumentSpan, name: str, holders: dict[str, set[str]]) -> Callable[[str], bool]:
    """Whether a paper giving a spelling is about the holder of `d`'s `name`: one date of birth."""
    born = d.fields.get("date_of_birth") if name == "full_name" else None
    return lambda spelling: born is not None and born.value in holders.get(spelling, set())


def _another_person(d: DocumentSpan, name: str, ids: dict[str, set[str]]) -> Callable[[str], bool]:
    """Whether the papers give a spelling to another person than `d`'s `name` (`named_otherwise`), by the ID
    number `d` prints for it or, printing none, the ones given with its reading."""
    number = d.fields.get(name.removesuffix("full_name") + "id_number") if name.endswith("full_name") else None
    own = key_of("id", number.value) if number else ""
    mine = {own} if len(own) == 12 else ids.get(d.fields[name].value.upper(), set())
    return lambda spelling: named_otherwise(spelling, mine, ids)


_WARD_PART = re.compile(r"(?:^|, )(?:[Pp]hường|[Xx]ã|[Tt]hị trấn) ([^,]+)(?=, )")


def ward_completed(fields: dict[str, ExtractedField], wards: list[gazetteer.Unit]) -> None:
    """An address whose ward its district does not have (`unknown_ward`) names the first words of the one
    ward of that district another address of the dossier names ("phường Niệm" of "phường Niệm Nghĩa", its
    last word lost on a handwritten form): that ward (flag `corrected_from_dossier`, ≤ 0.8). The gazetteer
    alone does not complete it: a commune formed since may begin like an old one."""
    for name, f in list(fields.items()):
        if "unknown_ward" not in f.flags:  # an address, or a request naming one
            continue
        district = gazetteer.resolve(f.value, letters=False).district
        for m in _WARD_PART.finditer(f.value) if district is not None else ():
            read = fold(m.group(1)).lower().split()
            fits = [w for w in wards if w.parent == district.code and len(w.folded.split()) > len(read)
                    and w.folded.split()[:len(read)] == read]
            if len(fits) == 1:
                fields[name] = dataclasses.replace(
                    f, value=f.value[:m.start(1)] + fits[0].name + f.value[m.end(1):],
                    confidence=OUTVOTED_CONFIDENCE,
                    flags=(*(x for x in f.flags if x != "unknown_ward"), "corrected_from_dossier"))
                break


def reconcile(documents: list[DocumentSpan]) -> list[DocumentSpan]:
    polled = votes(documents)
    refs, spelt, machine = references(documents, polled), spellings(documents), confirmed_values(documents)
    out = []
    holders, ids = _holders_born(documents), ids_named(documents)
    for i, d in enumerate(documents):
        fields = dict(d.fields)
        for name, f in d.fields.items():
            kind = kind_of(name)
            if kind is None or f.source in MACHINE_SOURCES:
                continue
            if kind in ("name", "address") and (sure := _machine_sure(machine.get(kind, {}), key_of(kind, f.value))) \
                    and not (kind == "name" and _another_person(d, name, ids)(sure.upper())):
                # the letters a card prints as its QR gives them: their marks, whatever the papers' majority (not
                # another person's: a son named as his father but for a mark)
                if (value := as_printed(sure, f.value)) != f.value:
                    fields[name] = dataclasses.replace(f, value=value, flags=(*f.flags, "corrected_from_dossier"),
                                                       confidence=min(f.confidence, OUTVOTED_CONFIDENCE))
                continue
            if kind == "address" and not d.review and \
                    (fuller := fuller_address(f.value, refs["address"], not trusted(d, f, name))):
                cut = "address_cut" in f.flags  # doubted only for being cut: the whole of it is as sure as a vote
                fields[name] = dataclasses.replace(f, value=as_printed(fuller, f.value),
                                                   flags=(*(x for x in f.flags if x not in SHAPE_FLAGS),
                                                          "corrected_from_dossier"),
                                                   confidence=OUTVOTED_CONFIDENCE if cut else
                                                   min(f.confidence, OUTVOTED_CONFIDENCE))
                continue
            if trusted(d, f, name) and kind == "name" and not d.review \
                    and (better := respelt(f.value, i, polled, spelt, _born_alike(d, name, holders),
                                           _another_person(d, name, ids))
                         or _cut_at_end(d, name, holders, ids)):
                fields[name] = dataclasses.replace(f, value=as_printed(better, f.value),
                                                   flags=(*f.flags, "corrected_from_dossier"),
                                                   confidence=min(f.confidence, OUTVOTED_CONFIDENCE))
                continue
            if trusted(d, f, name):
                # addresses only: relatives' names (Duy/Hữu) can be as close as a misread
                if kind == "address" and not d.review and \
                        (better := outvoted(kind, f.value, i, polled) or real_spelling(f.value, i, polled)):
                    value = as_printed(better, f.value)
                    fields[name] = dataclasses.replace(f, value=value, flags=(*f.flags, "corrected_from_dossier"),
                                                       confidence=min(f.confidence, OUTVOTED_CONFIDENCE))
                continue
            key = key_of(kind, f.value)
            if key in refs[kind] and kind == "name" and more_papers(f.value, refs[kind][key], spelt):
                continue  # the marks more papers read, if less surely, than the reference's one paper
            if key in refs[kind]:  # same letters: at most the tone marks differ
                scored = [(0, key)]
            else:
                impossible = "phone_shape" in f.flags
                scored = sorted((dist, k) for k in refs[kind]
                                if (dist := misread_distance(kind, key, k, impossible)) is not None
                                and not (kind == "address" and gazetteer.other_units(f.value, refs[kind][k])))
            untrusted = not scored and kind == "id" and "id_not_12_digits" in f.flags
            if untrusted:
                scored = _untrusted_id(key, documents)
            if not scored and kind == "name":
                others = _parents(d) if name == "full_name" else set()  # a child is never its own parent
                whole = [k for k in refs["name"] if covers(key, k) and k not in others] or \
                    [k for k in refs["name"] if fragment_of(key, k) and k not in others] or \
                    [k for k in refs["name"] if one_word_garbled(f.value, k) and k not in others]
                scored = [(1, whole[0])] if len(whole) == 1 else []
            if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
                continue
            value = refs[kind].get(scored[0][1], scored[0][1])  # an ID's key is its digits (`_untrusted_id`)
            if value.upper() == f.value.upper() or kind == "name" and _another_person(d, name, ids)(value.upper()):
                continue
            value = value if kind in ("id", "phone") else as_printed(value, f.value)
            flags = tuple(x for x in f.flags if x not in SHAPE_FLAGS) + ("corrected_from_dossier",)
            conf = UNTRUSTED_ID_CONFIDENCE if untrusted else max(f.confidence, 0.8)
            fields[name] = dataclasses.replace(f, value=value, flags=flags, confidence=conf)
        family_names_restored(fields, refs["name"])
        out.append(dataclasses.replace(d, fields=fields))
    vote_ids(out)
    addresses = [f.value for d in out if not d.review for n, f in d.fields.items() if n in PLACE_FIELDS]
    wards, districts = gazetteer.named_units(addresses)
    homes, _ = gazetteer.named_units([f.value for d in out if not d.review
                                      for n, f in d.fields.items() if n in HOME_FIELDS])
    read = gazetteer.names_read(addresses)
    known, everyone, died, origin, seen = people(out), known_people(out), deaths(out), origins(out), traits(out)
    requested = requested_deaths(out)
    births = births_by_id(out)
    id_readers = {k: set().union(*values.values()) for k, values in polled["id"].items()}  # the papers trusted on it
    years = parent_years(out)
    for i, d in enumerate(out):
        fill_origin(d, origin)
        name_by_id(d, everyone, refs["name"], polled, ids)
        identify_subject(d.fields, d.type, everyone, refs["name"])  # on the form's own date of birth
        fix_birth_date(d.fields, known, d.type, typed(d))
        birth_by_id_elsewhere(d.fields, births)
        fill_person_items(d, seen)  # after the date of birth that tells two people of one name apart is repaired
        confirmed = {k for k, docs in id_readers.items() if docs - {i}}  # by another paper
        sex_by_confirmed_id(d.fields, confirmed)
        birth_year_by_confirmed_id(d.fields, confirmed)
        fix_parent_years(d.fields, known, years, typed(d))
        fill_ids(d, d.fields, everyone)
        fill_death_date(d.fields, d.type, died)
        death_date_from_request(d.fields, d.type, requested)
        date_words_from_digits(d.fields, d.type)
        request_names_subject(d)
        ward_completed(d.fields, wards)
        correct_units_in_text(d.fields, wards, districts, read, homes)
    return out

