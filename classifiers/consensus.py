"""Reconcile readings across a dossier: the same person's name, ID number and address usually appear
on several papers, some typed large or machine-read (the ID card's QR), some handwritten. A doubtful
reading that is within a character or two of a trusted reading of the same kind elsewhere in the
dossier is taken to be that value (a misread), kept in the case it was printed in, and flagged
`corrected_from_dossier`. Ambiguous matches (two trusted values equally close) change nothing, and
only near-identical values are touched, so two relatives' different names are never merged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from classifiers.documents import DocumentSpan, ExtractedField
from classifiers.text import fold

TRUSTED = 0.9  # a typed paper's reading at least this confident (or a QR value) is a reference
TYPED = {"cccd", "residence_confirmation", "birth_certificate", "death_notice", "health_insurance_card"}
NAME_SUFFIX = "full_name"
# Not `new_place_of_residence`: a move is often to a nearby address that differs by a few characters.
ADDRESS_FIELDS = {"place_of_origin", "place_of_residence", "current_residence", "father_place_of_residence",
                  "mother_place_of_residence"}


def kind_of(name: str) -> str | None:
    if name.endswith(NAME_SUFFIX):
        return "name"
    if name.endswith("id_number"):
        return "id"
    if name in ADDRESS_FIELDS:
        return "address"
    if name == "phone_number":  # the applicant's number, on the request and on the receipt
        return "phone"
    return None


def _key(kind: str, value: str) -> str:
    if kind in ("id", "phone"):
        return re.sub(r"\D", "", value)
    return " ".join(fold(value).replace(",", " ").split())


# Digits handwriting and small print confuse most (a 1 with a flag reads as 7, an open 0 as 9, 2 or 6):
# substituting one for the other costs less than an arbitrary edit.
DIGIT_CONFUSIONS = frozenset(frozenset(p) for p in ("17", "09", "02", "06", "08", "38", "56", "49", "68"))
CONFUSION_COST = 0.4
MAX_ID_DISTANCE = 2.0
MAX_PHONE_DISTANCE = 1.0


def digit_distance(a: str, b: str) -> float:
    """Levenshtein distance where a confusable digit substitution costs `CONFUSION_COST`."""
    prev = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [float(i)]
        for j, cb in enumerate(b, 1):
            sub = 0.0 if ca == cb else (CONFUSION_COST if frozenset((ca, cb)) in DIGIT_CONFUSIONS else 1.0)
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub))
        prev = cur
    return prev[-1]


def _close(kind: str, a: str, b: str) -> float | None:
    """Edit distance between two keys when small enough to be the same value misread, else None. ID numbers
    weigh confusable digits lightly: two people's numbers differ in most of their six serial digits, a
    misread in one or two, or three 1s written like 7s."""
    if kind == "id":
        d = digit_distance(a, b)
        return d if d <= MAX_ID_DISTANCE and len(b) == 12 else None
    if kind == "phone":  # no structure to check the digits against: one misread digit at most
        d = digit_distance(a, b)
        return d if d <= MAX_PHONE_DISTANCE else None
    if kind == "address" and b.endswith(" " + a) and b[: len(b) - len(a) - 1] in LEADING_UNITS:
        return 1  # the opening unit word lost ("Điện Biên, thành phố …" for "Phường Điện Biên, …")
    d = Levenshtein.distance(a, b)
    if kind == "name":
        return d if d <= 2 and d <= 0.2 * len(b) and abs(len(a.split()) - len(b.split())) <= 1 else None
    return d if d <= max(2, int(0.1 * len(b))) else None


LEADING_UNITS = {"xa", "phuong", "thi tran", "thon", "xom", "ap"}
PART_SCORE = 70.0


def _part_of(read: str, word: str, first: bool, last: bool) -> bool:
    """A read word is the reference's word misread, or cut at the edge of the reading (the end of its last
    word, the start of its first word: at least two letters left)."""
    if fuzz.ratio(read, word) >= PART_SCORE:
        return True
    return len(read) >= 2 and ((last and word.startswith(read)) or (first and word.endswith(read)))


def covers(read: str, name: str) -> bool:
    """A handwritten name read in part ("dinh hoang", "tien tuan", "hoang thi ng") is `name` when its words
    are, in order, at least two of the name's words, each misread or cut at the reading's edge, and some
    word of the name is missing or a stray speck (one or two letters) sits at an end of the reading; a
    name split by a stray space ("phan t ien quan") is the name too. A reading with every word present
    and no speck is left to the edit-distance rule."""
    words, want = read.split(), name.split()
    if read.replace(" ", "") == name.replace(" ", ""):
        return read != name
    j = matched = 0
    loose, cut = [], False
    for k, w in enumerate(words):
        at = next((i for i in range(j, len(want)) if _part_of(w, want[i], k == 0, k == len(words) - 1)), None)
        if at is None:
            if len(w) > 2 or 0 < k < len(words) - 1:
                return False
            loose.append(w)
            continue
        cut = cut or len(w) <= len(want[at]) - 2  # "ng" of "hoang", not "an" of "anh" (another name)
        j, matched = at + 1, matched + 1
    return matched >= 2 and (matched < len(want) or bool(loose) or cut) and (not loose or matched == len(want))


def fragment_of(read: str, name: str) -> bool:
    """A name read as one word, the rest cut off or lost ("VINH", "Lộc", "ô Huyền": one-letter specks at
    its ends aside), is `name` when that word is the name's given name (last word) or family name (first):
    no Vietnamese full name is one word. Used only when exactly one trusted name of the dossier fits."""
    words, want = read.split(), name.split()
    while len(words) > 1 and len(words[0]) == 1:
        words.pop(0)
    while len(words) > 1 and len(words[-1]) == 1:
        words.pop()
    return len(words) == 1 and len(words[0]) >= 2 and len(want) >= 2 and words[0] in (want[0], want[-1])


def _as_printed(reference: str, printed: str) -> str:
    """The reference value in the case the paper printed it (forms may print names in lower case)."""
    letters = [c for c in printed if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        return reference.upper()
    if reference.isupper():
        return " ".join(w[:1] + w[1:].lower() for w in reference.split())
    return reference


RECEIPT = "giay tiep nhan ho so"


def typed(d: DocumentSpan) -> bool:
    """Papers printed by an office: the typed types, and among `other` papers the one-stop-shop's receipt
    ("Giấy tiếp nhận hồ sơ…"), which the officer prints (a request letter of the same type is handwritten)."""
    title = d.fields.get("title")
    return d.type in TYPED or (d.type == "other" and title is not None
                               and fold(title.value).startswith(RECEIPT))


# Values read from machine-printed data with its own checksum (the card's QR, its check-digit-verified MRZ).
MACHINE_SOURCES = ("qr", "mrz")


def _trusted(d: DocumentSpan, f: ExtractedField, name: str = "") -> bool:
    """A machine-read value, or a typed paper's confident unflagged reading; a full name read as one word is
    a fragment (no Vietnamese full name is one word), never a reference."""
    if name.endswith(NAME_SUFFIX) and f.source not in MACHINE_SOURCES and len(f.value.split()) < 2:
        return False
    return f.source in MACHINE_SOURCES or (not f.flags and f.confidence >= TRUSTED and typed(d))


Votes = dict[str, dict[str, dict[str, set[int]]]]


def votes(documents: list[DocumentSpan]) -> Votes:
    """kind -> key -> value -> the documents whose trusted reading it is (one vote a paper, however many of
    its fields give the value)."""
    out: Votes = {"name": {}, "id": {}, "address": {}, "phone": {}}
    for i, d in enumerate(documents):
        if d.review:
            continue
        for name, f in d.fields.items():
            kind = kind_of(name)
            if kind is not None and _trusted(d, f, name):
                out[kind].setdefault(_key(kind, f.value), {}).setdefault(f.value, set()).add(i)
    return out


def spellings(documents: list[DocumentSpan]) -> dict[str, dict[str, set[int]]]:
    """Folded name -> upper-case spelling -> the papers giving it in any reading, sure or not."""
    out: dict[str, dict[str, set[int]]] = {}
    for i, d in enumerate(documents):
        for name, f in d.fields.items():
            if not d.review and kind_of(name) == "name" and len(f.value.split()) >= 2:
                out.setdefault(_key("name", f.value), {}).setdefault(f.value.upper(), set()).add(i)
    return out


def references(documents: list[DocumentSpan], polled: Votes | None = None) -> dict[str, dict[str, str]]:
    """kind -> key -> best trusted value: the one most papers give, then (names) the one most papers read
    so at all, then mixed case (it says more than upper case), then the first read."""
    polled = votes(documents) if polled is None else polled
    spelt = spellings(documents)
    return {kind: {key: max(values, key=lambda v: (len(values[v]), len(spelt.get(key, {}).get(v.upper(), ())) if
                                                   kind == "name" else 0, not v.isupper()))
                   for key, values in keys.items()}
            for kind, keys in polled.items()}


def _respelt(value: str, own: int, polled: Votes, spelt: dict[str, dict[str, set[int]]]) -> str | None:
    """A trusted name whose letters more papers (at least one of them trusted) give with other marks ("DƯƠNG
    MAI HÃNG" on one card, "HẰNG" on the certificate and the form) is that spelling; ties change nothing."""
    key = _key("name", value)
    given = spelt.get(key, {})
    mine = len(given.get(value.upper(), set()) | {own})
    trusted = {v.upper(): v for v in polled["name"].get(key, {})}
    found = sorted((-len(docs), v) for v, docs in given.items() if v != value.upper() and v in trusted
                   and len(docs - {own}) > mine)
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return trusted[found[0][1]]


OUTVOTED_CONFIDENCE = 0.8


def _outvoted(kind: str, value: str, own: int, polled: Votes) -> str | None:
    """A trusted address reading that two or more other papers contradict with one value, within a character or
    two of it (`_close`), is a misread ("Hàng Kảnh" on a card where the confirmation and the declaration
    both print "Hàng Kênh"): that value. An address whose numbers differ is another address (house 110 and
    114), never a misread; two equally close values, or as many papers for the reading, change nothing."""
    key = _key(kind, value)
    mine = len(polled[kind].get(key, {}).get(value, set()) - {own})
    found = []
    for k, values in polled[kind].items():
        dist = 0 if k == key else _close(kind, key, k)
        if dist is None or (kind == "address" and re.findall(r"\d+", k) != re.findall(r"\d+", key)):
            continue
        for v, docs in values.items():
            if v.upper() != value.upper() and len(docs - {own}) >= 2 and len(docs - {own}) > mine:
                found.append((dist, -len(docs - {own}), v))
    found.sort()
    if not found or (len(found) > 1 and found[0][:2] == found[1][:2]):
        return None
    return found[0][2]


def _by_person(documents: list[DocumentSpan], item: str, doc_type: str | None = None) -> dict[str, str]:
    """ID number, and folded full name, -> the value of `item`, from trusted readings of papers (of
    `doc_type` when given) that name their person in a trusted reading."""
    out: dict[str, str] = {}
    for d in documents:
        value = d.fields.get(item)
        if d.review or value is None or not _trusted(d, value) or doc_type not in (None, d.type):
            continue
        for name in ("id_number", "full_name"):
            f = d.fields.get(name)
            if f is not None and _trusted(d, f, name):
                out.setdefault(f.value if name == "id_number" else _key("name", f.value), value.value)
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
        if dob is not None and _trusted(d, dob):
            dates.setdefault(spelt, set()).add(dob.value)
    for spelt, found in dates.items():
        key = _key("name", spelt)
        if key not in out and papers[spelt] >= 2 and len(found) == 1:
            out[key] = found.pop()
    return out


def _person(fields: dict[str, ExtractedField], known: dict[str, str], prefix: str = "") -> str | None:
    idn, name = fields.get(f"{prefix}id_number"), fields.get(f"{prefix}full_name")
    if idn and idn.value in known:
        return known[idn.value]
    return known.get(_key("name", name.value)) if name else None


PARENTS = ("mother_", "father_")


def parent_years(documents: list[DocumentSpan]) -> dict[str, str]:
    """Folded name of a parent -> year of birth, from the trusted readings of typed papers that print a parent's
    name and year (the birth certificate); a name given two different years is left out."""
    out: dict[str, set[str]] = {}
    for d in documents:
        for prefix in PARENTS:
            name, year = d.fields.get(f"{prefix}full_name"), d.fields.get(f"{prefix}year_of_birth")
            if d.review or name is None or year is None or not _trusted(d, name, "full_name") \
                    or not _trusted(d, year) or not re.fullmatch(r"(19|20)\d\d", year.value):
                continue
            out.setdefault(_key("name", name.value), set()).add(year.value)
    return {k: v.pop() for k, v in out.items() if len(v) == 1}


def _fix_parent_years(fields: dict[str, ExtractedField], known: dict[str, str],
                      years: dict[str, str] | None = None) -> None:
    """A parent's year of birth misread on a form, within a digit or two of the year known for that
    parent (by ID number or name) from a trusted paper, or of the year a trusted paper prints beside the
    parent's name (`years`), is that year."""
    for prefix in PARENTS:
        year, dob = fields.get(f"{prefix}year_of_birth"), _person(fields, known, prefix)
        name = fields.get(f"{prefix}full_name")
        if dob is None and name is not None:
            dob = (years or {}).get(_key("name", name.value))
        if year is None or dob is None or year.value == dob[:4] or (not year.flags and year.confidence >= TRUSTED):
            continue
        if Levenshtein.distance(year.value, dob[:4]) <= 2:
            flags = tuple(x for x in year.flags if x not in ("not_a_year", "digits_repaired"))
            fields[f"{prefix}year_of_birth"] = dataclasses.replace(
                year, value=dob[:4], flags=(*flags, "corrected_from_dossier"), confidence=max(year.confidence, 0.8))


def _ddmmyyyy(iso: str) -> str:
    return iso[8:10] + iso[5:7] + iso[:4]


# Papers whose form always has a date-of-birth item for the person they name (a request letter does, the
# receipt does not, so `other` is not here): an unread one may be filled from the dossier.
PRINTS_BIRTH_DATE = {"residence_declaration_form", "residence_confirmation", "death_notice"}
FILLED_CONFIDENCE = 0.6


def prints_birth_date(doc_type: str, fields: dict[str, ExtractedField]) -> bool:
    """A request letter ("Đơn đề nghị…", type `other`) has a "Sinh ngày" item; the receipt of the same type
    does not."""
    title = fields.get("title")
    return doc_type in PRINTS_BIRTH_DATE or (doc_type == "other" and title is not None
                                             and fold(title.value).startswith("don de nghi"))


def _fix_birth_date(fields: dict[str, ExtractedField], known: dict[str, str], doc_type: str = "",
                    is_typed: bool = True) -> None:
    """A date of birth read as garbage ("2943/7997") on a paper about a person whose date of birth is
    known from a trusted paper, and within two digits of it, is that date; on a form that always prints
    one, an unread date of birth is that date (flag `filled_from_dossier`). A reading that is no date at all
    ("/4⁄21/7958") is replaced whatever its digits when the paper's name and ID number both name that person.
    A confident reading is kept only on a typed paper: a handwritten 1 read as 7 is read confidently."""
    dob, truth = fields.get("date_of_birth"), _person(fields, known)
    if dob is None and truth is not None and prints_birth_date(doc_type, fields):
        fields["date_of_birth"] = ExtractedField(truth, FILLED_CONFIDENCE, "ocr", flags=("filled_from_dossier",))
        return
    if dob is None or truth is None or dob.value == truth:
        return
    if is_typed and not dob.flags and dob.confidence >= TRUSTED:
        return
    digits = re.sub(r"\D", "", dob.value)
    if len(digits) == 8 and dob.value[4:5] == "-":  # ISO: compare as printed, day first
        digits = _ddmmyyyy(dob.value)
    idn, name = fields.get("id_number"), fields.get("full_name")
    both = idn is not None and name is not None and idn.value in known and known.get(_key("name", name.value)) == truth
    if Levenshtein.distance(digits, _ddmmyyyy(truth)) <= 2 or ("not_a_date" in dob.flags and both):
        flags = (*(x for x in dob.flags if x not in ("not_a_date", "digits_repaired")), "corrected_from_dossier")
        fields["date_of_birth"] = dataclasses.replace(dob, value=truth, flags=flags,
                                                      confidence=max(dob.confidence, 0.8))


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
    """Every (name, ID number) pair a trusted paper of the dossier gives for one person."""
    from classifiers.validate import id_number_problems

    out: list[Person] = []
    for d in documents:
        if d.review:
            continue
        for role in ROLES:
            name, idn = d.fields.get(f"{role}full_name"), d.fields.get(f"{role}id_number")
            if not (name and idn and _trusted(d, name, "full_name") and _trusted(d, idn)) \
                    or id_number_problems(idn.value) or len(idn.value) != 12:
                continue
            dob = d.fields.get("date_of_birth") if role == "" else None
            person = Person(_key("name", name.value), idn.value, dob.value if dob and _trusted(d, dob) else None)
            if person not in out:
                out.append(person)
    return out


NAME_BY_ID_CONFIDENCE = 0.6
ID_IDENTIFIES = 0.8  # an ID number read less surely than this identifies nobody


def _name_by_id(d: DocumentSpan, everyone: list[Person], refs: dict[str, str], polled: Votes) -> None:
    """A paper that gives a person's ID number next to the name names the person the dossier knows under that
    number: a name with the same letters but other marks ("HỒ QUANG DỮNG" beside the number of "HỒ QUANG
    DŨNG", when more papers spell it so), or a doubtful reading sharing a whole word with it ("Phzz Quốc",
    "WGÔ K HÀ"), takes that person's spelling (`corrected_from_dossier`, ≤ 0.8 and ≤ 0.6). Only when exactly
    one name goes with the number and the number itself was read surely (≥ 0.8, as a value taken from the
    dossier is)."""
    for role in ROLES:
        name, idn = d.fields.get(f"{role}full_name"), d.fields.get(f"{role}id_number")
        if name is None or idn is None or name.source in MACHINE_SOURCES or idn.confidence < ID_IDENTIFIES:
            continue
        keys = {p.name for p in everyone if p.id_number == idn.value and p.name in refs}
        if len(keys) != 1:
            continue
        key = keys.pop()
        want, read = refs[key], _key("name", name.value)
        if want.upper() == name.value.upper():
            continue
        if read == key:
            papers = polled["name"].get(key, {})
            if _trusted(d, name, "full_name") and len(papers.get(want, ())) <= len(papers.get(name.value, ())):
                continue  # a trusted spelling yields only to one more papers give
            conf = min(name.confidence, OUTVOTED_CONFIDENCE)
        elif not _trusted(d, name, "full_name") and set(w for w in read.split() if len(w) >= 2) & set(key.split()):
            conf = min(name.confidence, NAME_BY_ID_CONFIDENCE)
        else:
            continue
        d.fields[f"{role}full_name"] = dataclasses.replace(name, value=_as_printed(want, name.value), confidence=conf,
                                                           flags=(*name.flags, "corrected_from_dossier"))


def _fits(person: Person, born: str | None, year: str | None) -> bool:
    if person.born is None:
        return True
    return (born is None or born == person.born) and (year is None or year == person.born[:4])


def _fill_ids(d: DocumentSpan, fields: dict[str, ExtractedField], everyone: list[Person]) -> None:
    """An ID number unread, cut short or impossible for its holder, on a paper that names a person the dossier
    knows (same name, and same date or year of birth when both are known) under exactly one ID number, is
    that number: flag `filled_from_dossier` when unread, `corrected_from_dossier` otherwise."""
    from classifiers.validate import dt_ok, id_number_problems

    for role in ROLES:
        name, id_name = fields.get(f"{role}full_name"), f"{role}id_number"
        current = fields.get(id_name)
        if name is None or (current is not None and _trusted(d, current)):
            continue
        dob = fields.get(f"{role}date_of_birth")
        born = dob.value if dob and dt_ok(dob.value) else None
        year_f = fields.get(f"{role}year_of_birth")
        year = year_f.value if year_f and re.fullmatch(r"(19|20)\d\d", year_f.value) else None
        key = _key("name", name.value)
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
    ka, kb = _key("name", na.value), _key("name", nb.value)
    return ka == kb or _close("name", ka, kb) is not None


def _vote_ids(documents: list[DocumentSpan]) -> None:
    """Three or more doubtful readings of one ID number (each within a misread or two of the others, beside the
    same name), on two or more papers and with no trusted reading among them, are read digit by digit: where
    every position has a digit most of the readings give, that number is the value (misreads of the
    serial digits, which structure cannot check, seldom fall on the same digit twice). A reading that
    differs becomes it (`corrected_from_dossier`, ≤ 0.6); the result must be a possible number."""
    from classifiers.validate import id_number_problems

    readings = [(i, name, f) for i, d in enumerate(documents) if not d.review for name, f in d.fields.items()
                if kind_of(name) == "id" and re.fullmatch(r"\d{12}", f.value)]
    changes = []
    for i, name, f in readings:
        if _trusted(documents[i], f):
            continue
        group = [(j, other, g) for j, other, g in readings
                 if digit_distance(f.value, g.value) <= MAX_ID_DISTANCE
                 and _same_holder(documents[i], name, documents[j], other)]
        if len(group) < MIN_VOTES or len({j for j, _, _ in group}) < 2 \
                or any(_trusted(documents[j], g) for j, _, g in group):
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


def _identify_subject(fields: dict[str, ExtractedField], doc_type: str, everyone: list[Person],
                      refs: dict[str, str]) -> None:
    """A subject's name unread or read in part ("CWU") on a handwritten form is a person the dossier knows
    when exactly one known person has the form's ID number (name unread), or the form's date of birth
    (equal, or one digit off when the reading is no date) and, when read, a family name within a letter of
    theirs: name (and date of birth) from the dossier, flag `filled_from_dossier` or
    `corrected_from_dossier`. An unread ID number is then filled by `_fill_ids`."""
    name, dob, idn = fields.get("full_name"), fields.get("date_of_birth"), fields.get("id_number")
    if doc_type not in NAMES_SUBJECT:
        return
    if name is not None and any(p.name == _key("name", name.value) for p in everyone):
        return
    found = {p for p in everyone if p.name in refs and name is None and idn is not None and p.id_number == idn.value}
    if not found and dob is not None:
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
    value = _as_printed(refs[person.name], printed)
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


def _fill_death_date(fields: dict[str, ExtractedField], doc_type: str, died: dict[str, str]) -> None:
    """A residence form about a person whose death notice is in the dossier is the deregistration of a dead
    person ("Xóa đăng ký thường trú … do đã chết ngày …"): an unread date of death is the notice's
    (flag `filled_from_dossier`)."""
    if doc_type != "residence_declaration_form" or "date_of_death" in fields:
        return
    idn, name = fields.get("id_number"), fields.get("full_name")
    found = {died[k] for k in (idn.value if idn else None, _key("name", name.value) if name else None) if k in died}
    if len(found) == 1:
        fields["date_of_death"] = ExtractedField(found.pop(), FILLED_CONFIDENCE, "ocr", flags=("filled_from_dossier",))


# Papers that always print their holder's place of origin next to the ID number.
PRINTS_ORIGIN = {"cccd", "residence_confirmation"}


def origins(documents: list[DocumentSpan]) -> dict[str, set[str]]:
    """ID number -> the places of origin trusted papers give its holder (a place of origin never changes)."""
    out: dict[str, set[str]] = {}
    for d in documents:
        idn, origin = d.fields.get("id_number"), d.fields.get("place_of_origin")
        if not d.review and idn and origin and _trusted(d, idn) and _trusted(d, origin):
            out.setdefault(idn.value, set()).add(origin.value)
    return out


def _fill_origin(d: DocumentSpan, known: dict[str, set[str]]) -> None:
    """An unread place of origin on a paper that always prints one, about a person whose ID number another
    paper gives with exactly one place of origin, is that place (flag `filled_from_dossier`)."""
    idn = d.fields.get("id_number")
    if d.type not in PRINTS_ORIGIN or "place_of_origin" in d.fields or idn is None:
        return
    found = known.get(idn.value, set())
    if len(found) == 1:
        d.fields["place_of_origin"] = ExtractedField(found.pop(), FILLED_CONFIDENCE, "ocr",
                                                     flags=("filled_from_dossier",))


# What a paper says of the person it names that never differs between papers about that person.
PERSON_ITEMS = ("sex", "nationality")
Traits = dict[str, list[tuple[str | None, dict[str, str]]]]


def traits(documents: list[DocumentSpan]) -> Traits:
    """Folded full name -> (date of birth or None, {item: value}) for each trusted paper naming a person with
    a trusted sex or nationality."""
    out: Traits = {}
    for d in documents:
        name, dob = d.fields.get("full_name"), d.fields.get("date_of_birth")
        if d.review or name is None or not _trusted(d, name, "full_name"):
            continue
        items = {k: f.value for k in PERSON_ITEMS if (f := d.fields.get(k)) is not None and _trusted(d, f)}
        if items:
            out.setdefault(_key("name", name.value), []).append((dob.value if dob and _trusted(d, dob) else None,
                                                                 items))
    return out


def _fill_person_items(d: DocumentSpan, known: Traits) -> None:
    """A sex or nationality unread, or read doubtfully and differently, on a paper about a person whom trusted
    papers name with one value for it (same name, and same date of birth when both are known), is that
    value: flag `filled_from_dossier` when unread, `corrected_from_dossier` otherwise (≤ 0.6)."""
    name, dob = d.fields.get("full_name"), d.fields.get("date_of_birth")
    if name is None or d.review:
        return
    born = dob.value if dob is not None and not dob.flags else None
    entries = [items for when, items in known.get(_key("name", name.value), []) if born is None or when in (None, born)]
    for item in PERSON_ITEMS:
        values = {items[item] for items in entries if item in items}
        current = d.fields.get(item)
        if len(values) != 1 or (current is not None and (_trusted(d, current) or current.value in values)):
            continue
        want = values.pop()
        if current is None:
            d.fields[item] = ExtractedField(want, FILLED_CONFIDENCE, "ocr", flags=("filled_from_dossier",))
        else:
            d.fields[item] = dataclasses.replace(current, value=want, confidence=min(current.confidence,
                                                 FILLED_CONFIDENCE), flags=(*current.flags, "corrected_from_dossier"))


# Papers that print the date of birth a second time in words.
PRINTS_DATE_WORDS = {"birth_registration_form", "birth_certificate"}
WORDS_FROM_DIGITS_CONFIDENCE = 0.6
WORDS_CLOSE = 80.0


def _date_words_from_digits(fields: dict[str, ExtractedField], doc_type: str) -> None:
    """The date in words spells the date of birth in digits. Once the digits are sure (a confident reading,
    or taken from a trusted paper of the dossier), words that spell the same date get their exact spelling,
    and words unread, or too garbled to parse but close to that date's spelling, become it (flag
    `from_date_in_digits`, ≤ 0.6). Words that clearly spell another date are left alone."""
    from classifiers.datewords import date_words, parse_date_words
    from classifiers.validate import dt_ok

    dob, words = fields.get("date_of_birth"), fields.get("date_of_birth_in_words")
    if doc_type not in PRINTS_DATE_WORDS or dob is None or not dt_ok(dob.value):
        return
    from_dossier = set(dob.flags) & {"corrected_from_dossier", "filled_from_dossier"}
    if not (from_dossier and set(dob.flags) <= from_dossier) and (dob.flags or dob.confidence < TRUSTED):
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
    if words is None or fuzz.ratio(fold(words.value), fold(spelled)) >= WORDS_CLOSE:
        conf = min(dob.confidence, words.confidence if words else 1.0, WORDS_FROM_DIGITS_CONFIDENCE)
        fields["date_of_birth_in_words"] = ExtractedField(
            spelled, conf, "ocr", words.page if words else None, words.bbox if words else None,
            (*(words.flags if words else ()), "from_date_in_digits"))


# Words an address opens with (its smallest unit): a reference whose extra words open it must start so.
OPENING_UNITS = {"xa", "phuong", "thi", "thon", "xom", "ap", "to", "so", "ban", "khu", "khom", "huyen", "quan"}
MAX_LOST_WORDS = 3


def _lost_words(short: list[str], long: list[str]) -> int | None:
    """How many words of `long` a reading `short` lacks when it is `long` with whole words lost (matched from
    the end, so the province agrees), else None: at most three, none of them a number, and words lost
    before the reading's first word only when `long` opens with a unit word (a lost "Xã Hải", not a speck)."""
    if not short or len(short) >= len(long):
        return None
    j, missing = len(long) - 1, []
    for w in reversed(short):
        while j >= 0 and long[j] != w:
            missing.append(j)
            j -= 1
        if j < 0:
            return None
        j -= 1
    missing += range(j, -1, -1)
    if not missing or len(missing) > MAX_LOST_WORDS or len(long) - 1 in missing \
            or any(any(c.isdigit() for c in long[i]) for i in missing):
        return None
    if 0 in missing and long[0] not in OPENING_UNITS:
        return None
    return len(missing)


def _fuller_address(value: str, refs: dict[str, str]) -> str | None:
    """The one trusted address of the dossier that a reading is with whole words lost ("Xã Long, huyện Nghi
    Lộc" of "Xã Nghi Long, huyện Nghi Lộc"; "Toàn, huyện Hải Hậu" of "Xã Hải Toàn, huyện Hải Hậu"): OCR
    drops a faint word whole, and an address that is another with a word or a commune left out is not a
    place of its own. The fewest lost words win; a tie changes nothing."""
    short = _key("address", value).split()
    found = sorted((n, k) for k in refs if (n := _lost_words(short, k.split())) is not None)
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return refs[found[0][1]]


def reconcile(documents: list[DocumentSpan]) -> list[DocumentSpan]:
    polled = votes(documents)
    refs, spelt = references(documents, polled), spellings(documents)
    out = []
    for i, d in enumerate(documents):
        fields = dict(d.fields)
        for name, f in d.fields.items():
            kind = kind_of(name)
            if kind is None or f.source in MACHINE_SOURCES:
                continue
            if kind == "address" and not d.review and (fuller := _fuller_address(f.value, refs["address"])):
                fields[name] = dataclasses.replace(f, value=_as_printed(fuller, f.value),
                                                   flags=(*f.flags, "corrected_from_dossier"),
                                                   confidence=min(f.confidence, OUTVOTED_CONFIDENCE))
                continue
            if _trusted(d, f, name) and kind == "name" and not d.review \
                    and (better := _respelt(f.value, i, polled, spelt)):
                fields[name] = dataclasses.replace(f, value=_as_printed(better, f.value),
                                                   flags=(*f.flags, "corrected_from_dossier"),
                                                   confidence=min(f.confidence, OUTVOTED_CONFIDENCE))
                continue
            if _trusted(d, f, name):
                # addresses only: relatives' names (Duy/Hữu) can be as close as a misread
                if kind == "address" and not d.review and (better := _outvoted(kind, f.value, i, polled)):
                    value = _as_printed(better, f.value)
                    fields[name] = dataclasses.replace(f, value=value, flags=(*f.flags, "corrected_from_dossier"),
                                                       confidence=min(f.confidence, OUTVOTED_CONFIDENCE))
                continue
            key = _key(kind, f.value)
            if key in refs[kind]:  # same letters: at most the tone marks differ
                scored = [(0, key)]
            else:
                scored = sorted((dist, k) for k in refs[kind] if (dist := _close(kind, key, k)) is not None)
            if not scored and kind == "name":
                whole = [k for k in refs["name"] if covers(key, k)] or \
                    [k for k in refs["name"] if fragment_of(key, k)]
                scored = [(1, whole[0])] if len(whole) == 1 else []
            if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
                continue
            value = refs[kind][scored[0][1]]
            if value.upper() == f.value.upper():
                continue
            value = value if kind in ("id", "phone") else _as_printed(value, f.value)
            flags = tuple(x for x in f.flags if x != "id_not_12_digits") + ("corrected_from_dossier",)
            fields[name] = dataclasses.replace(f, value=value, flags=flags, confidence=max(f.confidence, 0.8))
        out.append(dataclasses.replace(d, fields=fields))
    _vote_ids(out)
    known, everyone, died, origin, seen = people(out), known_people(out), deaths(out), origins(out), traits(out)
    years = parent_years(out)
    for d in out:
        _fill_origin(d, origin)
        _fill_person_items(d, seen)
        _name_by_id(d, everyone, refs["name"], polled)
        _identify_subject(d.fields, d.type, everyone, refs["name"])  # on the form's own date of birth
        _fix_birth_date(d.fields, known, d.type, typed(d))
        _fix_parent_years(d.fields, known, years)
        _fill_ids(d, d.fields, everyone)
        _fill_death_date(d.fields, d.type, died)
        _date_words_from_digits(d.fields, d.type)
    return out

