"""What the dossier knows of each person (name, ID number, dates, origin, sex), and the repairs that follow
from it: a value unread or misread on one paper about a person is the one trusted papers give for them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from classifiers.agreement import (
    CONFUSION_COST,
    MACHINE_SOURCES,
    MAX_ID_DISTANCE,
    NAME_SUFFIX,
    OUTVOTED_CONFIDENCE,
    RECEIPT,
    TRUSTED,
    Votes,
    as_printed,
    digit_distance,
    key_of,
    kind_of,
    misread_distance,
    trusted,
)
from classifiers.datewords import date_words, parse_date_words
from classifiers.documents import DocumentSpan, ExtractedField
from classifiers.text import fold
from classifiers.validate import DIGIT_CONFUSIONS, dt_ok, id_birth_year, id_number_problems, one_digit_off


def _by_person(documents: list[DocumentSpan], item: str, doc_type: str | None = None) -> dict[str, str]:
    """ID number, and folded full name, -> the value of `item`, from trusted readings of papers (of
    `doc_type` when given) that name their person in a trusted reading."""
    out: dict[str, str] = {}
    for d in documents:
        value = d.fields.get(item)
        if d.review or value is None or not trusted(d, value) or doc_type not in (None, d.type):
            continue
        for name in ("id_number", "full_name"):
            f = d.fields.get(name)
            if f is not None and trusted(d, f, name):
                out.setdefault(f.value if name == "id_number" else key_of("name", f.value), value.value)
    return out


def people(documents: list[DocumentSpan]) -> dict[str, str]:
    """ID number, and folded full name, -> date of birth, from trusted readings (the card's QR above all). A
    name read less surely but with the same letters and marks on two or more papers names its person as well
    as a confident reading does, when the dates of birth trusted papers give beside it agree."""
    out = _by_person(documents, "date_of_birth")
    papers: dict[str, int] = {}
    dates: dict[str, set[str]] = {}
    for d in documents:
        name, dob = d.fields.get("full_name"), d.fields.get("date_of_birth")
        if d.review or name is None or len(name.value.split()) < 2:
            continue
        spelt = name.value.upper()
        papers[spelt] = papers.get(spelt, 0) + 1
        if dob is not None and trusted(d, dob):
            dates.setdefault(spelt, set()).add(dob.value)
    for spelt, found in dates.items():
        key = key_of("name", spelt)
        if key not in out and papers[spelt] >= 2 and len(found) == 1:
            out[key] = found.pop()
    return out


def _person(fields: dict[str, ExtractedField], known: dict[str, str], prefix: str = "") -> str | None:
    idn, name = fields.get(f"{prefix}id_number"), fields.get(f"{prefix}full_name")
    if idn and idn.value in known:
        return known[idn.value]
    return known.get(key_of("name", name.value)) if name else None


PARENTS = ("mother_", "father_")


def _parent_of(prefix: str, fields: dict[str, ExtractedField]) -> str | None:
    """A parent named by role and by the child's date of birth ("mother_" of the child born 2025-12-17): the
    birth certificate and the registration form of one child name the same parents."""
    born = fields.get("date_of_birth")
    return f"{prefix}{born.value}" if born is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", born.value) else None


def parent_years(documents: list[DocumentSpan]) -> dict[str, str]:
    """Folded name of a parent, and the parent by role and child (`_parent_of`) -> year of birth, from the
    trusted readings of typed papers that print a parent's year (the birth certificate; by name only when the
    name is trusted too); a parent given two different years is left out."""
    out: dict[str, set[str]] = {}
    for d in documents:
        for prefix in PARENTS:
            name, year = d.fields.get(f"{prefix}full_name"), d.fields.get(f"{prefix}year_of_birth")
            if d.review or year is None or not trusted(d, year) or not re.fullmatch(r"(19|20)\d\d", year.value):
                continue
            if name is not None and trusted(d, name, "full_name"):
                out.setdefault(key_of("name", name.value), set()).add(year.value)
            if (role := _parent_of(prefix, d.fields)) is not None:
                out.setdefault(role, set()).add(year.value)
    return {k: v.pop() for k, v in out.items() if len(v) == 1}


def fix_parent_years(fields: dict[str, ExtractedField], known: dict[str, str],
                      years: dict[str, str] | None = None, is_typed: bool = True) -> None:
    """A parent's year of birth misread on a form, within a digit or two of the year known for that
    parent (by ID number or name) from a trusted paper, or of the year a trusted paper prints beside the
    parent's name or for the same child's parent (`years`), is that year; an unread one beside a read name
    is filled with it (flag `filled_from_dossier`). A confident reading is kept only on a typed paper: a
    handwritten 1 read as 7 is read confidently ("2007" for "2001")."""
    for prefix in PARENTS:
        year, dob = fields.get(f"{prefix}year_of_birth"), _person(fields, known, prefix)
        name = fields.get(f"{prefix}full_name")
        if dob is None and name is not None:
            dob = (years or {}).get(key_of("name", name.value))
        if dob is None and (role := _parent_of(prefix, fields)) is not None:
            dob = (years or {}).get(role)
        if dob is None:
            continue
        if year is None:
            if name is not None:
                fields[f"{prefix}year_of_birth"] = ExtractedField(dob[:4], FILLED_CONFIDENCE, "ocr",
                                                                  flags=("filled_from_dossier",))
            continue
        if year.value == dob[:4] or (is_typed and not year.flags and year.confidence >= TRUSTED):
            continue
        if Levenshtein.distance(year.value, dob[:4]) <= 2:
            flags = tuple(x for x in year.flags if x not in ("not_a_year", "digits_repaired"))
            fields[f"{prefix}year_of_birth"] = dataclasses.replace(
                year, value=dob[:4], flags=(*flags, "corrected_from_dossier"), confidence=max(year.confidence, 0.8))


def _ddmmyyyy(iso: str) -> str:
    return iso[8:10] + iso[5:7] + iso[:4]


# Papers whose form always has a date-of-birth item for the person they name (a request letter does, the
# receipt does not, so `other` is not here): an unread one may be filled from the dossier.
PRINTS_BIRTH_DATE = {"residence_declaration_form", "residence_confirmation", "death_notice", "cccd",
                     "health_insurance_card"}
FILLED_CONFIDENCE = 0.6


def prints_birth_date(doc_type: str, fields: dict[str, ExtractedField]) -> bool:
    """A request letter ("Đơn đề nghị…", type `other`) has a "Sinh ngày" item; the receipt of the same type
    does not."""
    title = fields.get("title")
    return doc_type in PRINTS_BIRTH_DATE or (doc_type == "other" and title is not None
                                             and fold(title.value).startswith("don de nghi"))


def fix_birth_date(fields: dict[str, ExtractedField], known: dict[str, str], doc_type: str = "",
                    is_typed: bool = True) -> None:
    """A date of birth read as garbage ("2943/7997") on a paper about a person whose date of birth is
    known from a trusted paper, and within two digits of it, is that date; on a form that always prints
    one, an unread date of birth is that date (flag `filled_from_dossier`). A reading that is no date at all
    ("/4⁄21/7958") is replaced whatever its digits when the paper's name and ID number both name that person.
    A confident reading is kept only on a typed paper: a handwritten 1 read as 7 is read confidently. A
    reading less sure than a reference that agrees with one is as sure: two papers read alike; a reading
    repaired into the reference's date is the dossier's (flag `corrected_from_dossier`, no longer a repair)."""
    dob, truth = fields.get("date_of_birth"), _person(fields, known)
    if dob is None and truth is not None and prints_birth_date(doc_type, fields):
        fields["date_of_birth"] = ExtractedField(truth, FILLED_CONFIDENCE, "ocr", flags=("filled_from_dossier",))
        return
    if dob is not None and dob.value == truth and not dob.flags and dob.confidence < TRUSTED:
        fields["date_of_birth"] = dataclasses.replace(dob, confidence=TRUSTED)
    elif dob is not None and dob.value == truth and dob.flags == ("digits_repaired",):
        # a handwritten date repaired into the very date the dossier gives: the dossier decides it
        fields["date_of_birth"] = dataclasses.replace(dob, flags=("corrected_from_dossier",),
                                                      confidence=max(dob.confidence, OUTVOTED_CONFIDENCE))
    if dob is None or truth is None or dob.value == truth:
        return
    if is_typed and not dob.flags and dob.confidence >= TRUSTED:
        return
    digits = re.sub(r"\D", "", dob.value)
    if len(digits) == 8 and dob.value[4:5] == "-":  # ISO: compare as printed, day first
        digits = _ddmmyyyy(dob.value)
    idn, name = fields.get("id_number"), fields.get("full_name")
    both = idn is not None and name is not None and idn.value in known \
        and known.get(key_of("name", name.value)) == truth
    if Levenshtein.distance(digits, _ddmmyyyy(truth)) <= 2 or ("not_a_date" in dob.flags and both):
        flags = (*(x for x in dob.flags if x not in ("not_a_date", "digits_repaired")), "corrected_from_dossier")
        fields["date_of_birth"] = dataclasses.replace(dob, value=truth, flags=flags,
                                                      confidence=max(dob.confidence, 0.8))


def births_by_id(documents: list[DocumentSpan]) -> dict[str, set[str]]:
    """ID number -> the dates of birth papers give beside it that agree with the year it encodes."""
    out: dict[str, set[str]] = {}
    for d in documents:
        idn, dob = d.fields.get("id_number"), d.fields.get("date_of_birth")
        if not d.review and idn is not None and dob is not None and dt_ok(dob.value) \
                and id_birth_year(idn.value) == int(dob.value[:4]):
            out.setdefault(idn.value, set()).add(dob.value)
    return out


def birth_by_id_elsewhere(fields: dict[str, ExtractedField], births: dict[str, set[str]]) -> None:
    """A date of birth whose year is not the one its paper's ID number encodes, one digit from the date
    another paper gives beside the same number, agreeing with it, is that date ("1996-11-03" on a phone photo
    of a card numbered 031098…, the form's 1998-11-03 with the same number): two papers read the number alike,
    so the number is right and the date misread (flag `corrected_from_dossier`, ≤ 0.8)."""
    idn, dob = fields.get("id_number"), fields.get("date_of_birth")
    if idn is None or dob is None or not dt_ok(dob.value) or id_birth_year(idn.value) in (None, int(dob.value[:4])):
        return
    near = [b for b in births.get(idn.value, ()) if one_digit_off(_ddmmyyyy(b), _ddmmyyyy(dob.value))]
    if len(near) == 1:
        fields["date_of_birth"] = dataclasses.replace(dob, value=near[0], confidence=min(dob.confidence, 0.8),
                                                      flags=(*dob.flags, "corrected_from_dossier"))


def sex_by_confirmed_id(fields: dict[str, ExtractedField], confirmed: set[str]) -> None:
    """A sex read against the sex digit of the paper's own ID number, when another, trusted paper of the
    dossier reads that number too (`confirmed`: the one-stop shop's typed receipt), is the number's: two papers
    agree on the number, one reading of a ticked or handwritten word does not outweigh them (flag
    `derived_from_id_number`, ≤ 0.6)."""
    idn, sex = fields.get("id_number"), fields.get("sex")
    if idn is None or sex is None or idn.value not in confirmed or id_number_problems(idn.value):
        return
    by_id = "Nam" if int(idn.value[3]) % 2 == 0 else "Nữ"
    if sex.value != by_id:
        fields["sex"] = dataclasses.replace(sex, value=by_id, confidence=min(sex.confidence, FILLED_CONFIDENCE),
                                            flags=(*sex.flags, "derived_from_id_number"))


def birth_year_by_confirmed_id(fields: dict[str, ExtractedField], confirmed: set[str]) -> None:
    """A date of birth whose year is one confusable digit from the year the paper's own ID number encodes, when
    another, trusted paper reads that number too (`confirmed`), is in that year: "30/04/1964" beside 031084…
    on a handwritten request, the number on the typed receipt too (flag `derived_from_id_number`, ≤ 0.6)."""
    idn, dob = fields.get("id_number"), fields.get("date_of_birth")
    if idn is None or dob is None or idn.value not in confirmed or not dt_ok(dob.value) \
            or "corrected_from_dossier" in dob.flags or (year := id_birth_year(idn.value)) is None:
        return
    changed = [(a, b) for a, b in zip(dob.value[:4], str(year), strict=True) if a != b]
    if len(changed) == 1 and changed[0][1] in DIGIT_CONFUSIONS.get(changed[0][0], ""):
        fields["date_of_birth"] = dataclasses.replace(
            dob, value=f"{year}{dob.value[4:]}", confidence=min(dob.confidence, FILLED_CONFIDENCE),
            flags=(*dob.flags, "derived_from_id_number"))


@dataclass(frozen=True)
class Person:
    """Someone a trusted paper names together with an ID number (a card's QR, a typed certificate)."""

    name: str  # folded key
    id_number: str
    born: str | None  # ISO date of birth when the same paper gives it trustworthily


ROLES = ("", "household_head_", "mother_", "father_", "declarant_")
ROLE_SEX = {"mother_": "Nữ", "father_": "Nam"}
# ID items a paper always fills in (a birth registration form may leave a parent's blank): an unread one
# may be filled from the dossier.
ALWAYS_IDS = {"residence_declaration_form": {"id_number", "household_head_id_number"},
              "residence_confirmation": {"id_number", "household_head_id_number"},
              "birth_registration_form": {"declarant_id_number"}, "birth_certificate": {"declarant_id_number"},
              "death_notice": {"id_number"}, "other": {"id_number"}}


def known_people(documents: list[DocumentSpan]) -> list[Person]:
    """Every (name, ID number) pair a trusted paper of the dossier gives for one person (the household members a
    residence confirmation lists among them, with their dates of birth)."""
    out: list[Person] = []
    for d in documents:
        if d.review:
            continue
        members = [k[: -len("full_name")] for k in d.fields if re.fullmatch(r"member_\d+_full_name", k)]
        for role in (*ROLES, *members):
            name, idn = d.fields.get(f"{role}full_name"), d.fields.get(f"{role}id_number")
            if not (name and idn and trusted(d, name, "full_name") and trusted(d, idn)) \
                    or id_number_problems(idn.value) or len(idn.value) != 12:
                continue
            dob = d.fields.get(f"{role}date_of_birth") if role == "" or role in members else None
            person = Person(key_of("name", name.value), idn.value, dob.value if dob and trusted(d, dob) else None)
            if person not in out:
                out.append(person)
    return out


def ids_named(documents: list[DocumentSpan]) -> dict[str, set[str]]:
    """A name as read in capitals -> the 12-digit ID numbers papers print for the person it names there."""
    out: dict[str, set[str]] = {}
    for d in documents:
        for role in ROLES:
            name, number = d.fields.get(f"{role}full_name"), d.fields.get(f"{role}id_number")
            if not d.review and name and number and len(k := key_of("id", number.value)) == 12:
                out.setdefault(name.value.upper(), set()).add(k)
    return out


def named_otherwise(spelling: str, mine: set[str], ids: dict[str, set[str]]) -> bool:
    """Whether the papers give `spelling` only beside ID numbers more than a misread digit from every one of
    `mine`: another person's name, however near (a father "BÙI BẢO HƯNG" and his son "BÙI BẢO HÙNG")."""
    theirs = ids.get(spelling.upper(), set())
    return bool(mine) and bool(theirs) and all(digit_distance(a, b) > 1 for a in mine for b in theirs)


NAME_BY_ID_CONFIDENCE = 0.6
ID_IDENTIFIES = 0.8  # an ID number read less surely than this identifies nobody


def name_by_id(d: DocumentSpan, everyone: list[Person], refs: dict[str, str], polled: Votes,
               ids: dict[str, set[str]] | None = None) -> None:
    """A paper that gives a person's ID number next to the name names the person the dossier knows under that
    number: a name with the same letters but other marks ("HỒ QUANG DỮNG" beside the number of "HỒ QUANG
    DŨNG", when more papers spell it so), or a doubtful reading sharing a whole word with it ("Phzz Quốc",
    "WGÔ K HÀ"), or a reading one letter off it that fewer papers give ("VÕ ĐỨC THÀNH" beside the number of
    "VŨ ĐỨC THÀNH", read surely), takes that person's spelling (`corrected_from_dossier`, ≤ 0.8 and ≤ 0.6).
    Only when exactly one name goes with the number (a name one letter off the one more papers give is that
    one misread: `_misread_names_dropped`) and the number itself was read surely (≥ 0.8, as a value taken from
    the dossier is), and never another person's spelling (`ids`, `named_otherwise`: a son's name but for a
    mark)."""
    for role in ROLES:
        name, idn = d.fields.get(f"{role}full_name"), d.fields.get(f"{role}id_number")
        if name is None or idn is None or name.source in MACHINE_SOURCES or idn.confidence < ID_IDENTIFIES:
            continue
        keys = _misread_names_dropped({p.name for p in everyone if p.id_number == idn.value and p.name in refs},
                                      polled)
        if len(keys) != 1:
            continue
        key = keys.pop()
        want, read = refs[key], key_of("name", name.value)
        if want.upper() == name.value.upper() or named_otherwise(want, {key_of("id", idn.value)}, ids or {}):
            continue
        if read == key:
            papers = polled["name"].get(key, {})
            if trusted(d, name, "full_name") and len(papers.get(want, ())) <= len(papers.get(name.value, ())):
                continue  # a trusted spelling yields only to one more papers give
            conf = min(name.confidence, OUTVOTED_CONFIDENCE)
        elif not trusted(d, name, "full_name") and set(w for w in read.split() if len(w) >= 2) & set(key.split()):
            conf = min(name.confidence, NAME_BY_ID_CONFIDENCE)
        elif len(read.split()) == len(key.split()) and Levenshtein.distance(read, key) == 1 \
                and _papers(polled, key) > _papers(polled, read):
            conf = min(name.confidence, OUTVOTED_CONFIDENCE)  # a vowel misread with its mark ("VÕ" for "VŨ")
        else:
            continue
        d.fields[f"{role}full_name"] = dataclasses.replace(name, value=as_printed(want, name.value), confidence=conf,
                                                           flags=(*name.flags, "corrected_from_dossier"))


def _misread_names_dropped(keys: set[str], polled: Votes) -> set[str]:
    """The names (keys) one ID number goes with, less those one letter off the one most papers give, given by
    fewer: the same person misread on a paper, not a second holder of the number."""
    if len(keys) < 2:
        return keys
    top = max(keys, key=lambda k: _papers(polled, k))
    if all(k == top or (len(k.split()) == len(top.split()) and Levenshtein.distance(k, top) == 1
                        and _papers(polled, k) < _papers(polled, top)) for k in keys):
        return {top}
    return keys


def _papers(polled: Votes, key: str) -> int:
    """How many papers give a name (its `key`) in any spelling."""
    return len(set().union(*polled["name"].get(key, {}).values()))


def _fits(person: Person, born: str | None, year: str | None) -> bool:
    if person.born is None:
        return True
    return (born is None or born == person.born) and (year is None or year == person.born[:4])


def fill_ids(d: DocumentSpan, fields: dict[str, ExtractedField], everyone: list[Person]) -> None:
    """An ID number unread, cut short or impossible for its holder, on a paper that names a person the dossier
    knows (same name, and same date or year of birth when both are known) under exactly one ID number, is
    that number: flag `filled_from_dossier` when unread, `corrected_from_dossier` otherwise."""
    for role in ROLES:
        name, id_name = fields.get(f"{role}full_name"), f"{role}id_number"
        current = fields.get(id_name)
        if name is None or (current is not None and trusted(d, current)):
            continue
        dob = fields.get(f"{role}date_of_birth")
        born = dob.value if dob and dt_ok(dob.value) else None
        year_f = fields.get(f"{role}year_of_birth")
        year = year_f.value if year_f and re.fullmatch(r"(19|20)\d\d", year_f.value) else None
        key = key_of("name", name.value)
        ids = {p.id_number for p in everyone if p.name == key and _fits(p, born, year)}
        if len(ids) != 1:
            continue
        want = ids.pop()
        if current is None:
            if id_name in ALWAYS_IDS.get(d.type, ()):
                fields[id_name] = ExtractedField(want, FILLED_CONFIDENCE, "ocr", flags=("filled_from_dossier",))
        elif current.value != want and (id_number_problems(current.value, born, ROLE_SEX.get(role), year)
                                        or _cut_from(current.value, want)):
            flags = (*(x for x in current.flags if x != "id_not_12_digits"), "corrected_from_dossier")
            fields[id_name] = dataclasses.replace(current, value=want, flags=flags,
                                                  confidence=min(current.confidence, FILLED_CONFIDENCE))


MIN_CUT = 6


def _cut_from(read: str, want: str) -> bool:
    """A reading of fewer than 12 digits (at least six) that is the start or the end of the 12-digit number,
    one confusable digit misread at most: the rest was lost to a stray mark ("23&799757534" of
    "038199757534"), so it is no old 9-digit card number of its own."""
    digits = re.sub(r"\D", "", read)
    return MIN_CUT <= len(digits) < 12 and min(digit_distance(digits, want[:len(digits)]),
                                               digit_distance(digits, want[-len(digits):])) <= CONFUSION_COST


VOTED_CONFIDENCE = 0.6
MIN_VOTES = 3


def _same_holder(a: DocumentSpan, a_field: str, b: DocumentSpan, b_field: str) -> bool:
    """The names beside two ID readings (when both are read) are one name, misread at most."""
    na = a.fields.get(a_field[: -len("id_number")] + NAME_SUFFIX)
    nb = b.fields.get(b_field[: -len("id_number")] + NAME_SUFFIX)
    if na is None or nb is None:
        return True
    ka, kb = key_of("name", na.value), key_of("name", nb.value)
    return ka == kb or misread_distance("name", ka, kb) is not None


def vote_ids(documents: list[DocumentSpan]) -> None:
    """Three or more doubtful readings of one ID number (each within a misread or two of the others, beside the
    same name), on two or more papers and with no trusted reading among them, are read digit by digit: where
    every position has a digit most of the readings give, that number is the value (misreads of the
    serial digits, which structure cannot check, seldom fall on the same digit twice). A reading that
    differs becomes it (`corrected_from_dossier`, ≤ 0.6); the result must be a possible number."""
    readings = [(i, name, f) for i, d in enumerate(documents) if not d.review for name, f in d.fields.items()
                if kind_of(name) == "id" and re.fullmatch(r"\d{12}", f.value)]
    changes = []
    for i, name, f in readings:
        if trusted(documents[i], f):
            continue
        group = [(j, other, g) for j, other, g in readings
                 if digit_distance(f.value, g.value) <= MAX_ID_DISTANCE
                 and _same_holder(documents[i], name, documents[j], other)]
        if len(group) < MIN_VOTES or len({j for j, _, _ in group}) < 2 \
                or any(trusted(documents[j], g) for j, _, g in group):
            continue
        digits = []
        for k in range(12):
            column = [g.value[k] for _, _, g in group]
            best = max(set(column), key=column.count)
            if 2 * column.count(best) <= len(column):
                break
            digits.append(best)
        value = "".join(digits)
        if len(value) == 12 and value != f.value and not id_number_problems(value):
            changes.append((i, name, dataclasses.replace(f, value=value, confidence=min(f.confidence, VOTED_CONFIDENCE),
                                                         flags=(*f.flags, "corrected_from_dossier"))))
    for i, name, f in changes:
        documents[i].fields[name] = f


def _date_digits(value: str) -> str:
    """A date as its digits, day first (an ISO value is turned round; an unparsed reading is kept as read)."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return _ddmmyyyy(value)
    return re.sub(r"\D", "", value)


# Papers about one person whose name and date of birth are handwritten items (a death deregistration's
# subject is the deceased, whose card or death notice is in the dossier).
NAMES_SUBJECT = {"residence_declaration_form", "other"}


# Typed cards whose holder's name may lose its last word under the card's seal ("CAO HỒNG È" for CAO HỒNG
# HIỀN), or all but its first (a phone photo's): the holder is known by the card's date of birth and the words
# read before the speck
CARD_HOLDERS = {"health_insurance_card"}


def _speck_cut(value: str) -> str | None:
    """The name's key without its last word when that is a speck (one letter) after two words or more; a name
    of one word (no one's whole name: the line of the rest was lost, "DƯƠNG" of DƯƠNG HẢI CHI) as it is."""
    words = key_of("name", value).split()
    if len(words) == 1:
        return words[0]
    return " ".join(words[:-1]) if len(words) >= 3 and len(words[-1]) == 1 else None


def identify_subject(fields: dict[str, ExtractedField], doc_type: str, everyone: list[Person],
                      refs: dict[str, str]) -> None:
    """A subject's name unread or read in part ("CWU") on a handwritten form is a person the dossier knows
    when exactly one known person has the form's ID number (name unread), or the form's date of birth
    (equal, or one digit off when the reading is no date) and, when read, a family name within a letter of
    theirs: name (and date of birth) from the dossier, flag `filled_from_dossier` or
    `corrected_from_dossier`. An unread ID number is then filled by `fill_ids`. A typed card's name cut to a
    speck, or to one word (`CARD_HOLDERS`, `_speck_cut`), is the one known person born on the card's date whose
    name opens with the words read before the speck."""
    name, dob, idn = fields.get("full_name"), fields.get("date_of_birth"), fields.get("id_number")
    cut = _speck_cut(name.value) if doc_type in CARD_HOLDERS and name is not None else None
    if doc_type not in NAMES_SUBJECT and cut is None:
        return
    if name is not None and any(p.name == key_of("name", name.value) for p in everyone):
        return
    found = {p for p in everyone if p.name in refs and name is None and idn is not None and p.id_number == idn.value}
    if cut is not None:  # a typed card: its own date of birth, read as a date, and the words before the speck
        found = {p for p in everyone if p.name in refs and dob is not None and not dob.flags and p.born == dob.value
                 and p.name.startswith(cut + " ")}
    elif not found and dob is not None:
        read = _date_digits(dob.value)
        exact = re.fullmatch(r"\d{4}-\d\d-\d\d", dob.value) is not None and not dob.flags
        first = fold(name.value).split()[0] if name is not None and name.value.split() else None
        found = {p for p in everyone if p.born and p.name in refs
                 and (read == _ddmmyyyy(p.born) or (not exact and Levenshtein.distance(read, _ddmmyyyy(p.born)) <= 1))
                 and (first is None or Levenshtein.distance(first, p.name.split()[0]) <= 1)}
    # one person, whom several papers may give with and without a date of birth
    if len({p.name for p in found}) != 1 or len({p.born for p in found if p.born}) > 1:
        return
    person = max(found, key=lambda p: p.born is not None)
    printed = name.value if name is not None else next(
        (f.value for k, f in fields.items() if k.endswith(NAME_SUFFIX) and k != "full_name"), "")
    title = fields.get("title")
    if not printed and title is not None and fold(title.value).startswith(RECEIPT):
        printed = refs[person.name].upper()  # the officer's receipt prints names in capitals
    value = as_printed(refs[person.name], printed)
    flag = "corrected_from_dossier" if name is not None else "filled_from_dossier"
    fields["full_name"] = ExtractedField(value, FILLED_CONFIDENCE, "ocr", name.page if name else None,
                                         name.bbox if name else None, (flag,))
    if dob is not None and person.born and dob.value != person.born:
        fields["date_of_birth"] = dataclasses.replace(
            dob, value=person.born, confidence=min(dob.confidence, FILLED_CONFIDENCE),
            flags=(*(x for x in dob.flags if x not in ("not_a_date", "digits_repaired")), "corrected_from_dossier"))


def deaths(documents: list[DocumentSpan]) -> dict[str, str]:
    """ID number, and folded full name, -> date of death, from the dossier's typed death notices."""
    return _by_person(documents, "date_of_death", "death_notice")


def requested_deaths(documents: list[DocumentSpan]) -> dict[str, set[str]]:
    """ID number, and folded full name, -> the dates of death the dossier's deregistration requests give for
    that person (handwritten readings: a reference only for a death notice that lost its own)."""
    out: dict[str, set[str]] = {}
    for d in documents:
        death = d.fields.get("date_of_death")
        if d.type != "residence_declaration_form" or death is None or not dt_ok(death.value):
            continue
        idn, name = d.fields.get("id_number"), d.fields.get("full_name")
        for key in (idn.value if idn else None, key_of("name", name.value) if name else None):
            if key:
                out.setdefault(key, set()).add(death.value)
    return out


def death_date_from_request(fields: dict[str, ExtractedField], doc_type: str, requested: dict[str, set[str]]) -> None:
    """A death notice whose date of death was not read ("Đã chết vào lúc: 17 giờ 10 phút, ngày" and the
    date lost at the line's end) dates the death the one day the dossier's request to deregister the same
    person (by ID number or name) gives (flag `filled_from_dossier`, ≤ 0.6)."""
    if doc_type != "death_notice" or "date_of_death" in fields:
        return
    idn, name = fields.get("id_number"), fields.get("full_name")
    found = set().union(*(requested.get(k, set()) for k in (idn.value if idn else None,
                                                              key_of("name", name.value) if name else None) if k))
    if len(found) == 1:
        fields["date_of_death"] = ExtractedField(found.pop(), FILLED_CONFIDENCE, "ocr", flags=("filled_from_dossier",))


def fill_death_date(fields: dict[str, ExtractedField], doc_type: str, died: dict[str, str]) -> None:
    """A residence form about a person whose death notice is in the dossier is the deregistration of a dead
    person ("Xóa đăng ký thường trú … do đã chết ngày …"): an unread date of death is the notice's
    (flag `filled_from_dossier`), and a request read to its "chết ngày" but not its date ends with it. A
    date of death read as no date, a digit away from the notice's ("16/47/2026": a phone photo's "/0" read
    as "4"), is the notice's, in the request too (flag `corrected_from_dossier`)."""
    if doc_type != "residence_declaration_form":
        return
    idn, name, death = fields.get("id_number"), fields.get("full_name"), fields.get("date_of_death")
    found = {died[k] for k in (idn.value if idn else None, key_of("name", name.value) if name else None) if k in died}
    notice = found.pop() if len(found) == 1 else None
    if death is None and notice is not None:
        fields["date_of_death"] = ExtractedField(notice, FILLED_CONFIDENCE, "ocr", flags=("filled_from_dossier",))
    elif death is not None and notice is not None and not dt_ok(death.value) and one_digit_off(death.value, notice):
        fields["date_of_death"] = dataclasses.replace(
            death, value=notice, confidence=FILLED_CONFIDENCE,
            flags=(*(x for x in death.flags if x != "not_a_date"), "corrected_from_dossier"))
        if (content := fields.get("request_content")) is not None and _day(death.value) in content.value:
            fields["request_content"] = dataclasses.replace(
                content, value=content.value.replace(_day(death.value), _day(notice)),
                flags=(*content.flags, "corrected_from_dossier"), confidence=min(content.confidence, FILLED_CONFIDENCE))
    content, death = fields.get("request_content"), fields.get("date_of_death")
    if content is not None and death is not None and dt_ok(death.value) \
            and fold(content.value).rstrip(" .:").endswith("chet ngay"):
        # the request's last words read, its date lost at the line's end: the date of death it states
        fields["request_content"] = dataclasses.replace(
            content, value=f"{content.value.rstrip(' .:')} {_day(death.value)}",
            flags=(*content.flags, "filled_from_dossier"),
            confidence=min(content.confidence, FILLED_CONFIDENCE))


def _day(iso: str) -> str:
    """An ISO-shaped reading ("2026-47-16", a real date or not) as the papers print it: "16/47/2026"."""
    return "/".join(reversed(iso.split("-")))


# Papers that always print their holder's place of origin next to the ID number.
PRINTS_ORIGIN = {"cccd", "residence_confirmation"}


def origins(documents: list[DocumentSpan]) -> dict[str, set[str]]:
    """ID number -> the places of origin trusted papers give its holder (a place of origin never changes)."""
    out: dict[str, set[str]] = {}
    for d in documents:
        idn, origin = d.fields.get("id_number"), d.fields.get("place_of_origin")
        if not d.review and idn and origin and trusted(d, idn) and trusted(d, origin):
            out.setdefault(idn.value, set()).add(origin.value)
    return out


def fill_origin(d: DocumentSpan, known: dict[str, set[str]]) -> None:
    """An unread place of origin on a paper that always prints one, about a person whose ID number another
    paper gives with exactly one place of origin, is that place (flag `filled_from_dossier`); one read
    doubtfully and otherwise is too (flag `corrected_from_dossier`): a phone photo's "quận 1" where a
    copy of the same card reads "quận 3" surely, two districts that the address rules would never merge."""
    idn, origin = d.fields.get("id_number"), d.fields.get("place_of_origin")
    if d.type not in PRINTS_ORIGIN or idn is None or (origin is not None and trusted(d, origin)):
        return
    found = known.get(idn.value, set())
    if len(found) != 1:
        return
    value = found.pop()
    if origin is None:
        d.fields["place_of_origin"] = ExtractedField(value, FILLED_CONFIDENCE, "ocr", flags=("filled_from_dossier",))
    elif value != origin.value:
        d.fields["place_of_origin"] = dataclasses.replace(origin, value=value,
                                                          confidence=min(origin.confidence, OUTVOTED_CONFIDENCE),
                                                          flags=(*origin.flags, "corrected_from_dossier"))


# What a paper says of the person it names that never differs between papers about that person (an ethnic
# group is changed only by a rare civil-status decision).
PERSON_ITEMS = ("sex", "nationality", "ethnicity")
# Papers that print an ethnic group for the person they name (the chip ID card does not).
PRINTS_ETHNICITY = {"birth_registration_form", "birth_certificate", "residence_confirmation", "death_notice"}
Traits = dict[str, list[tuple[str | None, dict[str, str]]]]


def traits(documents: list[DocumentSpan]) -> Traits:
    """Folded full name -> (date of birth or None, {item: value}) for each trusted paper naming a person with
    a trusted sex or nationality."""
    out: Traits = {}
    for d in documents:
        name, dob = d.fields.get("full_name"), d.fields.get("date_of_birth")
        if d.review or name is None or not trusted(d, name, "full_name"):
            continue
        items = {k: f.value for k in (*PERSON_ITEMS, "phone_number")
                 if (f := d.fields.get(k)) is not None and trusted(d, f)}
        if items:
            out.setdefault(key_of("name", name.value), []).append((dob.value if dob and trusted(d, dob) else None,
                                                                 items))
    return out


def fill_person_items(d: DocumentSpan, known: Traits) -> None:
    """A sex, nationality or ethnic group unread, or read doubtfully and differently, on a paper about a person
    whom trusted papers name with one value for it (same name, and same date of birth when both are known), is
    that value: flag `filled_from_dossier` when unread, `corrected_from_dossier` otherwise (≤ 0.6). The contact
    phone a request letter left unread is the one the office's receipt prints for the same applicant (filled
    only: a person may give another number elsewhere, and near misreads are reconciled as phones)."""
    name, dob = d.fields.get("full_name"), d.fields.get("date_of_birth")
    if name is None or d.review:
        return
    born = dob.value if dob is not None and not dob.flags else None
    entries = [items for when, items in known.get(key_of("name", name.value), [])
               if born is None or when in (None, born)]
    for item in PERSON_ITEMS:
        if item == "ethnicity" and d.type not in PRINTS_ETHNICITY:
            continue
        values = {items[item] for items in entries if item in items}
        current = d.fields.get(item)
        if len(values) != 1 or (current is not None and (trusted(d, current) or current.value in values)):
            continue
        want = values.pop()
        if current is None:
            d.fields[item] = ExtractedField(want, FILLED_CONFIDENCE, "ocr", flags=("filled_from_dossier",))
        else:
            d.fields[item] = dataclasses.replace(current, value=want, confidence=min(current.confidence,
                                                 FILLED_CONFIDENCE), flags=(*current.flags, "corrected_from_dossier"))
    phones = {items["phone_number"] for items in entries if "phone_number" in items}
    title = d.fields.get("title")
    letter = d.type == "other" and title is not None and fold(title.value).startswith("don de nghi")
    if letter and "phone_number" not in d.fields and len(phones) == 1:
        d.fields["phone_number"] = ExtractedField(phones.pop(), FILLED_CONFIDENCE, "ocr",
                                                  flags=("filled_from_dossier",))


# Papers that print the date of birth a second time in words.
PRINTS_DATE_WORDS = {"birth_registration_form", "birth_certificate"}
WORDS_FROM_DIGITS_CONFIDENCE = 0.6
WORDS_CLOSE = 80.0


def date_words_from_digits(fields: dict[str, ExtractedField], doc_type: str) -> None:
    """The date in words spells the date of birth in digits. Once the digits are sure (a confident reading,
    or taken from a trusted paper of the dossier), words that spell the same date get their exact spelling,
    and words unread, too garbled to parse, or parsed as another date but nearer this one's spelling ("tháng
    môi": "mười" to the parser, as near "một") and close to it, become it (flag `from_date_in_digits`,
    ≤ 0.6). Words that spell another date, nearer its spelling, are left alone, unless the digits were taken
    from them and the dossier then corrected those ("tháng môi" parsed as October, the other papers' January)."""
    dob, words = fields.get("date_of_birth"), fields.get("date_of_birth_in_words")
    if doc_type not in PRINTS_DATE_WORDS or dob is None or not dt_ok(dob.value):
        return
    from_dossier = set(dob.flags) & {"corrected_from_dossier", "filled_from_dossier"}
    # digits first taken from these very words, then corrected by the dossier: the words were misread
    outvoted_words = {"from_date_in_words", "corrected_from_dossier"} <= set(dob.flags)
    if not (from_dossier and set(dob.flags) - {"from_date_in_words"} <= from_dossier) \
            and (dob.flags or dob.confidence < TRUSTED):
        return
    spelled = date_words(dt.date.fromisoformat(dob.value))
    if words is not None and words.value == spelled:
        return
    parsed = parse_date_words(words.value) if words is not None else None
    if words is not None and parsed is not None:
        if parsed[0] == dob.value:
            fields["date_of_birth_in_words"] = dataclasses.replace(words, value=spelled,
                                                                   confidence=min(words.confidence, 0.85))
            return
        read, other = fold(words.value), date_words(dt.date.fromisoformat(parsed[0]))
        if not outvoted_words and Levenshtein.distance(read, fold(other)) < Levenshtein.distance(read, fold(spelled)):
            return  # nearer another date's spelling: the words say another date (a tie: the sure digits decide)
    if words is None or fuzz.ratio(fold(words.value), fold(spelled)) >= WORDS_CLOSE:
        conf = min(dob.confidence, words.confidence if words else 1.0, WORDS_FROM_DIGITS_CONFIDENCE)
        fields["date_of_birth_in_words"] = ExtractedField(
            spelled, conf, "ocr", words.page if words else None, words.bbox if words else None,
            (*(words.flags if words else ()), "from_date_in_digits"))


HEAD_IS_SUBJECT_CONFIDENCE = 0.7
PARENT_WORDS = {"mother_": frozenset({"Mẹ"}), "father_": frozenset({"Cha", "Bố"})}


def _same_person(fields: dict[str, ExtractedField], a: str, b: str) -> bool:
    """Two roles of one paper name one person: the same 12-digit ID number, or the same name letters."""
    ida, idb = fields.get(f"{a}id_number"), fields.get(f"{b}id_number")
    if ida is not None and idb is not None and re.fullmatch(r"\d{12}", ida.value) and ida.value == idb.value:
        return True
    na, nb = fields.get(f"{a}full_name"), fields.get(f"{b}full_name")
    return na is not None and nb is not None and key_of("name", na.value) == key_of("name", nb.value)


def _same_opening(reading: str, words: frozenset[str]) -> str | None:
    """The one word that opens with the reading's letter, marks aside: a father's handwritten "Cha" read
    "Chữ" keeps its C while its vowel and tone are misread, too far from every word for `closest_entry`."""
    first = fold(reading)[:1].lower()
    match = [w for w in words if first and fold(w)[:1].lower() == first]
    return match[0] if len(match) == 1 else None


def kinship_by_people(fields: dict[str, ExtractedField], doc_type: str) -> dict[str, ExtractedField]:
    """A kinship word the reading alone leaves open, decided by who the paper names (after the dossier has
    repaired its names and numbers):
    - a residence paper whose subject has the household head's ID number is about the head himself: item 8
      is "Chủ hộ" (flag `copied_from_subject`, ≤ 0.7) when unread, not a listed word ("C7”") or one only
      the vocabulary made of the reading ("Chưi hộ" → "Chị");
    - a relationship to the head that names the other sex than the subject's ("Bà" for a man) is matched
      again among the words for the subject's sex, else flagged `relationship_disagrees_with_sex`;
    - a birth registration whose declarant is the child's mother (same name or number) says "Mẹ" (flag
      `declarant_is_parent`, ≤ 0.6); the father says "Cha" or "Bố", the reading deciding which ("Chư");
      and one whose declarant is "Cha" or "Mẹ", that parent's name unread (the father's line lost at the top
      of the form's second page), names that parent as the declarant (the same flag, ≤ 0.6).
    A listed word that agrees with the people is never changed."""
    from classifiers.extract.common import FEMALE_KIN, MALE_KIN, RELATIONSHIPS, closest_entry

    out = dict(fields)
    rel = out.get("relationship_to_household_head")
    if doc_type in ("residence_declaration_form", "residence_confirmation"):
        if _same_person(out, "", "household_head_") and (rel is None or rel.value not in RELATIONSHIPS
                                                          or "completed_from_vocabulary" in rel.flags):
            src = out.get("id_number")
            conf = min(rel.confidence if rel else 1.0, src.confidence if src else 1.0, HEAD_IS_SUBJECT_CONFIDENCE)
            out["relationship_to_household_head"] = ExtractedField(
                "Chủ hộ", conf, "ocr", rel.page if rel else None, rel.bbox if rel else None,
                (*(rel.flags if rel else ()), "copied_from_subject"))
            return out
        sex = out.get("sex")
        if rel is not None and sex is not None and sex.value in ("Nam", "Nữ"):
            other = FEMALE_KIN if sex.value == "Nam" else MALE_KIN
            if rel.value in other or rel.value not in RELATIONSHIPS:
                near = closest_entry(rel.value, [r for r in RELATIONSHIPS if r not in other], vowels=True)
                if near is not None:
                    out["relationship_to_household_head"] = dataclasses.replace(
                        rel, value=near, flags=(*rel.flags, "completed_from_vocabulary"),
                        confidence=min(rel.confidence, FILLED_CONFIDENCE))
                elif rel.value in other:
                    out["relationship_to_household_head"] = dataclasses.replace(
                        rel, flags=(*rel.flags, "relationship_disagrees_with_sex"),
                        confidence=min(rel.confidence, 0.3))
        return out
    if doc_type != "birth_registration_form":
        return out
    rel = out.get("declarant_relationship")
    if rel is not None and rel.value in RELATIONSHIPS:
        declarant = out.get("declarant_full_name")
        for parent, words in PARENT_WORDS.items():
            if rel.value in words and f"{parent}full_name" not in out and declarant is not None:
                out[f"{parent}full_name"] = dataclasses.replace(  # the parent's own line lost: the declarant
                    declarant, confidence=min(declarant.confidence, rel.confidence, FILLED_CONFIDENCE),
                    flags=(*declarant.flags, "declarant_is_parent"))
        return out
    for parent, words in PARENT_WORDS.items():
        if not _same_person(out, "declarant_", parent):
            continue
        if len(words) == 1:
            (value,) = words
            flag = "declarant_is_parent"
        elif rel is None or (value := closest_entry(rel.value, words, vowels=True)
                             or _same_opening(rel.value, words)) is None:
            return out
        else:
            flag = "completed_from_vocabulary"
        conf = min(rel.confidence if rel else 1.0, FILLED_CONFIDENCE)
        out["declarant_relationship"] = ExtractedField(value, conf, "ocr", rel.page if rel else None,
                                                       rel.bbox if rel else None, (*(rel.flags if rel else ()), flag))
        return out
    return out


# "Xóa đăng ký thường trú đối với ông Ngô Ngọc An do đã chết ngày …": the person a deregistration is about.
_REQUEST_PERSON = re.compile(r"(doi voi (?:ong|ba)\s+)(.+?)(\s+do\W)")  # "do" then a space or a speck


def request_names_subject(d: DocumentSpan) -> None:
    """A residence form's request names its subject ("… đối với ông <name> do đã chết …"): a name read there
    with other marks or a word lost ("Định Trọng Toàn", "Ngô An") is the form's own item 1 once the dossier
    has settled it (`corrected_from_dossier`, ≤ 0.8)."""
    from classifiers.agreement import covers

    content, name = d.fields.get("request_content"), d.fields.get("full_name")
    if d.type != "residence_declaration_form" or content is None or name is None:
        return
    m = _REQUEST_PERSON.search(fold(content.value))
    if m is None:
        return
    read, want = key_of("name", content.value[m.start(2):m.end(2)]), key_of("name", name.value)
    if read != want and misread_distance("name", read, want) is None and not covers(read, want):
        return
    spelt = " ".join(w[:1].upper() + w[1:].lower() for w in name.value.split())
    value = content.value[:m.start(2)] + spelt + content.value[m.end(2):]
    if value != content.value:
        d.fields["request_content"] = dataclasses.replace(
            content, value=value, flags=(*content.flags, "corrected_from_dossier"),
            confidence=min(content.confidence, OUTVOTED_CONFIDENCE))
