"""Căn cước công dân (chip ID card), front and back photocopied: bilingual labels with the value on
the same line or the line below; the QR payload on the front is cross-checked against the text.

Card text is tiny and sits on a guilloche background, so labels are often misread; fallbacks use the
card's fixed layout and the law: the place of origin is the address just above the residence label,
the expiry is the one date on the card that is neither birth nor issue date, and a card is valid until
the holder turns 25, 40 or 60 (issued within two years of such an age: until the next one; none after
58), which both checks a read expiry and supplies an unread one. A CCCD is issued to Vietnamese
citizens only, so its nationality is Việt Nam.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from rapidfuzz.distance import Levenshtein

from classifiers.documents import ExtractedField
from classifiers.fields import Raw, Spec, read_fields, to_field
from classifiers.mrz import MrzValue, expiry_among, read_mrz
from classifiers.names import is_surname, spelled_surname
from classifiers.places import correct_address, fix_address
from classifiers.provinces import cut_after_province, ends_with_province
from classifiers.qr import AGREE_CONFIDENCE, cross_check, parse_payload
from classifiers.text import Line, digits_like, find_dates, find_label, fold, nfc, squash, union
from classifiers.validate import DIGIT_CONFUSIONS, add_years, digits_off, dt_ok, one_digit_off
from ocr.syllables import foreign_letters
from ocr.types import overlaps

SPECS = [
    Spec("id_number", ("so / no.", "so/no.", "so / no", "no.:"), "id"),
    # the Vietnamese half alone too: "Họ và tên / name-" with "Full" lost
    Spec("full_name", ("ho va ten / full name", "full name", "ho va ten"), "name", below=True),
    Spec("date_of_birth", ("ngay sinh / date of birth", "date of birth", "ngay sinh"), "date"),
    Spec("sex", ("gioi tinh / sex", "sex:"), "sex"),
    Spec("nationality", ("quoc tich / nationality", "nationality"), "nationality"),
    # the Vietnamese half alone too: the English one is the smaller print, often garbled ("oƒ orfgin")
    Spec("place_of_origin", ("que quan / place of origin", "place of origin", "que quan"), "address", below=True,
         clean=lambda v: clean_place(_unit_mark_dropped(v))),
    Spec("place_of_residence", ("noi thuong tru / place of residence", "place of residence", "noi thuong tru"),
         "address", below=True, clean=lambda v: clean_place(v)),
    Spec("date_of_expiry", ("date of expiry",), "date"),
    Spec("date_of_issue", ("ngay, thang, nam / date, month, year", "date, month, year"), "date"),
]
# "thuong tru" alone: the residence label with its first word lost ("thường trú / cý"); no address says it
STOPS = ("quoc tich", "co gia tri den", "dac diem nhan dang", "ngon tro", "citizen identity", "noi thuong tru",
         "thuong tru")
_ID12 = re.compile(r"(?<!\d)\d{12}(?!\d)")
_EXPIRY_LABEL = re.compile(r"^\W*co \w{1,4} \w{1,3} \w{1,4}\W*:\s*")
RESIDENCE_LABELS = ("noi thuong tru", "place of residence", "residence")


def _unit_mark_dropped(origin: str) -> str:
    """A place of origin is a commune, never a house: one or two signs, not all letters, before its first name
    are its unit word misread ("X4 Hải Minh", "4 Hải Minh" of "Xã Hải Minh"), which the gazetteer restores
    when it is gone (`gazetteer._bare_ward`)."""
    head, _, rest = origin.partition(" ")
    return rest if len(head) <= 2 and not head.isalpha() and rest[:1].isupper() else origin


def _any_id(lines: list[Line]) -> ExtractedField | None:
    """The first 12-digit number on the card when the "Số / No." label was not read."""
    for line in lines:
        for k, w in enumerate(line.words):
            token = digits_like(re.sub(r"[^\w]", "", w.text))
            if _ID12.fullmatch(token):
                return ExtractedField(token, round(0.8 * w.confidence, 4), "ocr", line.page, w.bbox)
            if k and len(token) < 12:
                joined = digits_like(re.sub(r"[^\w]", "", line.words[k - 1].text)) + token
                if _ID12.fullmatch(joined):
                    return ExtractedField(joined, round(0.7 * w.confidence, 4), "ocr", line.page,
                                          union([line.words[k - 1].bbox, w.bbox]))
    return None


def _origin_above_residence(lines: list[Line]) -> ExtractedField | None:
    """The place of origin is printed just above the residence label, even when its own label is garbled."""
    for i, line in enumerate(lines):
        if any(find_label(line.folded, lab, 88.0) for lab in RESIDENCE_LABELS):
            # lines printed above the label (OCR order may put the residence value first), nearest first
            middle = line.bbox[1] + line.bbox[3]
            candidates = sorted((ln for ln in lines[max(0, i - 3):i + 2] if ln.page == line.page and ln is not line
                                 and ln.bbox[1] + ln.bbox[3] < middle), key=lambda ln: -ln.bbox[1])[:2]
            for above in candidates:
                fixed = fix_address(above.text)
                if ends_with_province(fixed) and ", " in fixed:  # a commune and a province at least
                    words = [w for w in above.words if w.text.strip(" -—_.'\"`")]
                    text = clean_place(fix_address(cut_after_province(squash(" ".join(w.text for w in words)))))
                    conf = sum(w.confidence for w in words) / max(1, len(words))
                    return correct_address(ExtractedField(text, round(0.8 * conf, 4), "ocr", above.page,
                                                          union([w.bbox for w in words])), words)
            return None
    return None


# Print in capitals on the card that is no holder's name: the national and card headings, the signer's title.
# "truong cuc": the signer's title cut where a seal or the card's edge took its first and last words
_CAPITAL_HEADINGS = ("cong hoa", "viet nam", "doc lap", "can cuoc", "cong dan", "citizen", "canh sat", "trat tu",
                     "quan ly", "cuc truong", "truong cuc", "hanh chinh", "identity", "socialist")
NAME_BY_LAYOUT_CONFIDENCE = 0.6


def _name_in_capitals(lines: list[Line]) -> ExtractedField | None:
    """The holder's name when its label is garbled ("lọ về tên / bi -" on a blurred phone photo): the card
    prints it alone on its line in capitals, and the only other such lines are headings. Taken only when
    exactly one line of two to five words of capital Vietnamese letters, opening with a family name, is no
    heading (flag `name_by_layout`, ≤ 0.6)."""
    found = [ln for ln in lines
             if 2 <= len(ln.words) <= 5 and all(w.text.isalpha() and w.text.isupper() for w in ln.words)
             and is_surname(ln.words[0].text) and not foreign_letters(ln.text)
             and not any(h in ln.folded for h in _CAPITAL_HEADINGS)]
    if len(found) != 1:
        return None
    line = found[0]
    conf = sum(w.confidence for w in line.words) / len(line.words)
    return ExtractedField(line.text, round(min(conf, NAME_BY_LAYOUT_CONFIDENCE), 4), "ocr", line.page, line.bbox,
                          ("name_by_layout",))


def birth_year_of_id(id_number: str) -> int | None:
    """The year of birth a 12-digit ID number encodes: century digit (0/1: 1900s, 2/3: 2000s, …) and the
    year's last two digits (Thông tư 07/2016/TT-BCA)."""
    if not re.fullmatch(r"\d{12}", id_number) or int(id_number[3]) > 3:
        return None
    return 1900 + 100 * (int(id_number[3]) // 2) + int(id_number[4:6])


BIRTH_BY_ID_CONFIDENCE = 0.7


def _birth_by_id(fields: dict[str, ExtractedField], lines: list[Line]) -> ExtractedField | None:
    """An unlabelled date of birth: the earliest date on the card in the year the ID number encodes (the
    issue and expiry dates come later in life); flag `matched_id_birth_year`. Failing that, the card's
    earliest date, not its issue date, with its year one confusable digit off the ID's ("23/01/1963" under
    a garbled label, ID year 83) is read in the ID's year, flagged `digits_repaired` too."""
    idn = fields.get("id_number")
    year = birth_year_of_id(idn.value) if idn else None
    if year is None:
        return None
    dates = sorted(((d.iso, line, d) for line in lines for d in find_dates(line.text) if d.valid), key=lambda t: t[0])
    found = [t for t in dates if t[0][:4] == str(year)]
    flags: tuple[str, ...] = ("matched_id_birth_year",)
    issued = fields.get("date_of_issue")
    if not found and dates and (not issued or dates[0][0] != issued.value) \
            and _one_confusion_off(dates[0][0][:4], str(year)):
        iso, line, d = dates[0]
        found, flags = [(f"{year}{iso[4:]}", line, d)], (*flags, "digits_repaired")
    if not found or not dt_ok(found[0][0]):
        return None
    iso, line, d = found[0]
    words = line.span_words(d.start, d.end)
    conf = sum(w.confidence for w in words) / max(1, len(words))
    return ExtractedField(iso, round(min(BIRTH_BY_ID_CONFIDENCE, conf), 4), "ocr", line.page,
                          union([w.bbox for w in words]), flags)


def _one_confusion_off(read: str, want: str) -> bool:
    """`read` is `want` with one digit misread as a look-alike (`validate.DIGIT_CONFUSIONS`)."""
    off = [(a, b) for a, b in zip(read, want, strict=True) if a != b]
    return len(off) == 1 and off[0][1] in DIGIT_CONFUSIONS.get(off[0][0], "")


ISSUE_HALVES = ("ngay, thang, nam", "date, month, year")


def _issue_date(lines: list[Line]) -> ExtractedField | None:
    """The back's "Ngày, tháng, năm / Date, month, year: …" when the label as a whole was misread: either
    half of it, then the first date after it on the line."""
    for line in lines:
        hits = [h for half in ISSUE_HALVES if (h := find_label(line.folded, half, 85.0))]
        if not hits:
            continue
        start = min(h.end for h in hits)
        raw = Raw(line.text[start:], line.span_words(start, len(line.text)), line, max(h.score for h in hits))
        if (field := to_field(raw, "date")) is not None:
            return field
    return None


def expiry_by_law(birth: str, issue: str) -> str | None:
    """The expiry a card issued on `issue` to someone born on `birth` must carry; None: valid for life."""
    try:
        b, i = dt.date.fromisoformat(birth), dt.date.fromisoformat(issue)
    except ValueError:
        return None
    for age in (25, 40, 60):
        due = add_years(b, age)
        if i < add_years(due, -2):
            return due.isoformat()
    return None


def _other_dates(lines: list[Line], known: list[ExtractedField]) -> ExtractedField | None:
    """The first date read that is none of the `known` ones: not their value, nor read where they were (an
    issue date whose misread year was repaired, "06/04/2041" of 2021, is no second date)."""
    values = {f.value for f in known}
    for line in lines:
        boxes = [f.bbox for f in known if f.bbox is not None and f.page == line.page]
        for d in find_dates(line.text):
            words = line.span_words(d.start, d.end)
            if d.valid and d.iso not in values and not any(overlaps(w.bbox, b) for w in words for b in boxes):
                conf = sum(w.confidence for w in words) / max(1, len(words))
                return ExtractedField(d.iso, round(0.8 * conf, 4), "ocr", line.page, union([w.bbox for w in words]))
    return None


def possible_expiries(birth: str) -> set[str]:
    """The only expiry dates a card can carry: the holder's 14th (cards issued to children since the 2023
    Law on Identification), 25th, 40th and 60th birthdays."""
    try:
        b = dt.date.fromisoformat(birth)
    except ValueError:
        return set()
    return {add_years(b, age).isoformat() for age in (14, 25, 40, 60)}


ELIMINATED_CONFIDENCE = 0.7
CARD_FROM_AGE = 14  # a citizen ID card is issued from the age of 14


def _issue_by_elimination(fields: dict[str, ExtractedField], lines: list[Line], today: dt.date | None = None) -> None:
    """A card prints three dates: birth, expiry and issue. An unlabelled date that is not the birth date and
    cannot be an expiry (not a 14th, 25th, 40th or 60th birthday), from the holder's 14th birthday on, is the
    issue date (flag `issue_by_elimination`, ≤ 0.7); the expiry then follows from the law. One after today is
    no issue date: in the month of one birthday the law allows, it is that expiry with its day misread
    ("9/10/2029" of 30/10/2029; flag `digits_repaired`, ≤ 0.6)."""
    birth = fields.get("date_of_birth")
    if birth is None or "date_of_issue" in fields or "date_of_expiry" in fields:
        return
    stray = _other_dates(lines, [birth])
    if stray is None or stray.value in possible_expiries(birth.value):
        return
    if stray.value > (today or dt.date.today()).isoformat():
        due = [e for e in possible_expiries(birth.value) if e[:7] == stray.value[:7]]
        if len(due) == 1:
            fields["date_of_expiry"] = dataclasses.replace(stray, value=due[0], flags=(*stray.flags, "digits_repaired"),
                                                           confidence=min(stray.confidence, LAW_REPAIR_CONFIDENCE))
        return
    try:
        old_enough = dt.date.fromisoformat(stray.value) >= add_years(dt.date.fromisoformat(birth.value),
                                                                     CARD_FROM_AGE)
    except ValueError:
        return
    if old_enough:
        fields["date_of_issue"] = dataclasses.replace(stray, confidence=min(stray.confidence, ELIMINATED_CONFIDENCE),
                                                      flags=(*stray.flags, "issue_by_elimination"))


SURE_DATE = 0.9
LAW_REPAIR_CONFIDENCE = 0.6


MRZ_BIRTHDAY_CONFIDENCE = 0.9
FIRST_EXPIRY = "2016-01-01"  # the first citizen ID cards were issued in 2016: none expires before


def _expiry(fields: dict[str, ExtractedField], lines: list[Line], mrz_as_read: MrzValue | None = None) -> None:
    _issue_by_elimination(fields, lines)
    # a date read but not a date ("2201/2027") tells the law nothing: taken for one, it made the card
    # valid for life and dropped the expiry read beside it
    birth, issue = (f if f is not None and dt_ok(f.value) else None
                    for f in (fields.get("date_of_birth"), fields.get("date_of_issue")))
    known = [f for f in (birth, issue) if f]
    labelled = fields.get("date_of_expiry")
    if labelled is not None and not dt_ok(labelled.value) and birth and issue:
        labelled = None  # nor does an expiry read but not a date ("1/2031"): the law's, below, replaces it
    if birth and mrz_as_read and (labelled is None or labelled.value not in possible_expiries(birth.value)) \
            and (due := expiry_among(mrz_as_read.value, possible_expiries(birth.value))):
        # the MRZ's expiry failed its check digit, but a birthday the law allows is its misreading
        line = lines[mrz_as_read.line]
        labelled = fields["date_of_expiry"] = ExtractedField(
            due, MRZ_BIRTHDAY_CONFIDENCE, "mrz", line.page, line.bbox,
            ("expiry_by_birthday_and_check_digit", *(("ocr_disagrees",) if labelled else ())))
    read = labelled or _other_dates(lines, known)
    idn = fields.get("id_number")
    if not labelled and read and birth is None and read.value < FIRST_EXPIRY \
            and (idn is None or birth_year_of_id(idn.value) is None):
        # no card expires before the first were issued: an unlabelled date so early, its label garbled
        # ("Ngày / oý 02/10/1978" on a phone photo), is the holder's birth (with the ID number read, its birth
        # year decides: `_birth_by_id`)
        birth = fields["date_of_birth"] = dataclasses.replace(
            read, confidence=min(read.confidence, ELIMINATED_CONFIDENCE), flags=(*read.flags, "birth_by_elimination"))
        read = None
    if not labelled and read and birth and read.value not in possible_expiries(birth.value):
        read = None  # an unlabelled date that no card could carry as its expiry
    lifelong = any("khong thoi han" in ln.folded for ln in lines)
    if not (birth and issue):
        if read and not lifelong:
            fields["date_of_expiry"] = read
        return
    due = expiry_by_law(birth.value, issue.value)
    if due is None or lifelong:
        fields.pop("date_of_expiry", None)
    elif read and read.value == due:
        fields["date_of_expiry"] = dataclasses.replace(read, confidence=max(read.confidence, 0.98))
    elif labelled and one_digit_off(read.value, due) and read.value not in possible_expiries(birth.value) \
            and all(f.source in ("qr", "mrz") or (not f.flags and f.confidence >= SURE_DATE) for f in (birth, issue)):
        # no birthday at all, one digit from the law's: a misread digit (the holder's dates surely read)
        fields["date_of_expiry"] = dataclasses.replace(
            read, value=due, confidence=round(min(read.confidence, LAW_REPAIR_CONFIDENCE), 4),
            flags=(*read.flags, "derived_from_birth_and_issue_dates"))
    elif labelled and read.value not in possible_expiries(birth.value) \
            and (off := digits_off(read.value, due)) is not None and off <= 3 \
            and all(f.source in ("qr", "mrz") or f.confidence >= AGREE_CONFIDENCE for f in (birth, issue)):
        # no birthday, a few digits from the law's, the holder's dates machine-read or confirmed by the QR
        # ("13/012033" of 15/03/2035, a bold face's 5s read 3s): the law's, the reading disagreeing
        fields["date_of_expiry"] = dataclasses.replace(
            read, value=due, confidence=LAW_REPAIR_CONFIDENCE,
            flags=(*read.flags, "derived_from_birth_and_issue_dates", "ocr_disagrees"))
    elif labelled:
        fields["date_of_expiry"] = dataclasses.replace(read, confidence=min(read.confidence, 0.3),
                                                       flags=(*read.flags, "expiry_disagrees_with_law"))
    else:  # unread, or only a stray date of unknown role: the law decides
        fields["date_of_expiry"] = ExtractedField(due, round(0.9 * min(birth.confidence, issue.confidence), 4),
                                                  birth.source if birth.source == issue.source else "ocr",
                                                  flags=("derived_from_birth_and_issue_dates",))


_NUMBERED_UNITS = ("Xóm", "Thôn", "Khu")  # three letters or more: shorter ones are too easily another word
_PLACE_START = re.compile(r"\b(xa|phuong|thi tran|thon|xom|ap|to|so|ban|khu|khom)\b|\d")
_JUNK = re.compile(r"[`¬“”‘’_|~*=<>]+")


def clean_place(value: str) -> str:
    """Card addresses start with their smallest unit (xã, phường, thôn, số nhà…) or a house number: what
    precedes within the first few characters is a garbled label or the photo column's "Có giá trị đến"."""
    value = " ".join(_JUNK.sub(" ", value).split())
    m = _EXPIRY_LABEL.match(fold(value))
    if m and value[m.end():].strip():
        value = value[m.end():].strip()
    if re.match(r"[^\W\d] [A-ZÀ-Ỹ]", value):  # a lone letter before a capitalised name: a speck
        value = value[2:]
    start = _PLACE_START.search(fold(value))
    if start and 0 < start.start() <= 14:
        head = fold(value[:start.start()]).strip(" .,:;-")
        unit = [u for u in _NUMBERED_UNITS
                if len(head) >= 3 and " " not in head and Levenshtein.distance(head, fold(u)) == 1]
        # a misread unit word before a number ("Xem 5" of "Xóm 5") is restored, a garbled label dropped
        value = (unit[0] + " " if len(unit) == 1 and value[start.start()].isdigit() else "") + value[start.start():]
        value = value[:1].upper() + value[1:]
    return fix_address(value.strip(" .,:;-"))


MRZ_CONFIDENCE = 0.99
MRZ_DOUBT_CONFIDENCE = 0.8
MRZ_FIELDS = {"id_number": str, "date_of_birth": str, "date_of_expiry": str, "sex": {"M": "Nam", "F": "Nữ"}.get}


def _apply_mrz(fields: dict[str, ExtractedField], lines: list[Line], decoded: set[str]) -> dict[str, MrzValue]:
    """Check-digit-verified MRZ values fill an unread field or replace a disagreeing OCR reading (flag
    `ocr_disagrees`, as the QR does); a field the QR decoded is left alone, the QR being the stronger data.
    Returns what was read of the MRZ."""
    from classifiers.validate import id_number_problems

    found = read_mrz([ln.text for ln in lines])
    for name, convert in MRZ_FIELDS.items():
        if name not in found or name in decoded:
            continue
        value = convert(found[name].value)
        line = lines[found[name].line]
        current = fields.get(name)
        birth = found["date_of_birth"].value if "date_of_birth" in found else \
            fields["date_of_birth"].value if "date_of_birth" in fields else None
        if name == "id_number" and current is not None and current.value != value and birth \
                and id_number_problems(value, birth) and not id_number_problems(current.value, birth):
            # one check digit passes a misread one time in ten: a number whose birth-year digits contradict
            # the card's date of birth, against a printed one that agrees, is that misread
            fields[name] = dataclasses.replace(current, confidence=min(current.confidence, MRZ_DOUBT_CONFIDENCE),
                                               flags=(*current.flags, "mrz_disagrees"))
            continue
        if current is None:
            fields[name] = ExtractedField(value, MRZ_CONFIDENCE, "mrz", line.page, line.bbox)
        elif current.value == value:
            fields[name] = dataclasses.replace(current, confidence=max(current.confidence, MRZ_CONFIDENCE))
        else:
            fields[name] = ExtractedField(value, MRZ_CONFIDENCE, "mrz", line.page, line.bbox, ("ocr_disagrees",))
    return found


MRZ_NAME_CONFIDENCE = 0.8


def _surname_from_mrz(fields: dict[str, ExtractedField], mrz: dict[str, MrzValue]) -> None:
    """A name read without its family name ("QUANG HẢI": "VÕ" read at 0.25 and dropped) that is exactly the
    MRZ's given names gets the MRZ's family name, spelt with its marks when it is a common one (flag
    `surname_from_mrz`, ≤ 0.8). The MRZ's names carry no check digit and no marks: they only complete."""
    f, surname, given = fields.get("full_name"), mrz.get("surname"), mrz.get("given_names")
    if f is None or f.source != "ocr" or surname is None or given is None:
        return
    if fold(f.value).upper().split() != given.value.split() or (spelt := spelled_surname(surname.value)) is None:
        return
    fields["full_name"] = dataclasses.replace(f, value=f"{spelt.upper()} {f.value}",
                                              flags=(*f.flags, "surname_from_mrz"),
                                              confidence=min(f.confidence, MRZ_NAME_CONFIDENCE))


_LIFELONG = "khong thoi han"  # a card valid for life: its expiry, printed left of the residence's second line


def _without_lifelong(fields: dict[str, ExtractedField]) -> None:
    """An address that took in the expiry "Không thời hạn" read on its row ("quận 3 Không thời hạn thành
    phố Hồ Chí Minh") without it, its comma restored."""
    for name in ("place_of_origin", "place_of_residence"):
        f = fields.get(name)
        at = fold(nfc(f.value)).find(_LIFELONG) if f is not None else -1
        if at >= 0:
            value = nfc(f.value)
            head, tail = value[:at].rstrip(" ,.;"), value[at + len(_LIFELONG):].lstrip(" ,.;")
            fields[name] = dataclasses.replace(f, value=", ".join(p for p in (head, tail) if p))


def extract(lines: list[Line], qr: list[str]) -> tuple[dict[str, ExtractedField], list[dict]]:
    fields = read_fields(lines, SPECS, STOPS)
    _without_lifelong(fields)
    if "id_number" not in fields and (found := _any_id(lines)):
        fields["id_number"] = found
    if "place_of_origin" not in fields and (origin := _origin_above_residence(lines)):
        fields["place_of_origin"] = origin
    nat = fields.get("nationality")
    if nat is None or nat.value != "Việt Nam":
        fields["nationality"] = ExtractedField("Việt Nam", 0.9, "ocr", nat.page if nat else None,
                                               nat.bbox if nat else None)
    conflicts: list[dict] = []
    payloads = [p for p in (parse_payload(q) for q in qr) if p]
    if payloads:
        ocr_id = fields.get("id_number")
        payload = next((p for p in payloads if ocr_id and p["id_number"] == ocr_id.value), payloads[0])
        fields, conflicts = cross_check(fields, payload)
    mrz = _apply_mrz(fields, lines, set(payload) if payloads else set())
    _surname_from_mrz(fields, mrz)
    if "full_name" not in fields and (name := _name_in_capitals(lines)):  # after the QR and MRZ: theirs is sure
        fields["full_name"] = name
    if "date_of_issue" not in fields and (issued := _issue_date(lines)):
        fields["date_of_issue"] = issued
    if "date_of_birth" not in fields and (born := _birth_by_id(fields, lines)):  # not the issue date
        fields["date_of_birth"] = born
    _issue_year_repaired(fields)
    _expiry(fields, lines, mrz.get("expiry_as_read"))
    return fields, conflicts


FIRST_CARD_YEAR = 2016  # the 12-digit citizen identity card was first issued in 2016


def _issue_year_repaired(fields: dict[str, ExtractedField], today: dt.date | None = None) -> None:
    """An issue date before any such card was issued ("21/03/2004" of 2024), or after today ("16/10/2032" of
    2022), is misread in its year: the one year a digit away that puts it between 2016 and today is the
    card's (flag `digits_repaired`, ≤ 0.6); with two or none the date stays as read. Left as read, the law
    made the card expire in 2016, or the validation found the card not issued yet."""
    f = fields.get("date_of_issue")
    today = today or dt.date.today()
    if f is None or f.source != "ocr" or not re.fullmatch(r"\d{4}-\d\d-\d\d", f.value):
        return  # an ISO reading, in the calendar or not ("2121-09-26": its slashes lost, "26092121")
    if dt_ok(f.value) and int(f.value[:4]) >= FIRST_CARD_YEAR and f.value <= today.isoformat():
        return
    year = f.value[:4]
    near = {v for i in range(4) for d in "0123456789"
            if dt_ok(v := f"{year[:i]}{d}{year[i + 1:]}{f.value[4:]}")
            and f"{FIRST_CARD_YEAR}" <= v[:4] and v <= today.isoformat()}
    if len(near) == 1:
        fields["date_of_issue"] = dataclasses.replace(f, value=near.pop(), confidence=min(f.confidence, 0.6),
                                                      flags=(*f.flags, "digits_repaired"))
