"""Checks a value must pass to be trusted. A value that fails is kept (an officer may know better),
flagged with the reason and given a low confidence, never dropped.

- 12-digit personal ID: 3-digit province code of a real province, then the century/sex digit
  (0/1 male/female born 1900–1999, 2/3 born 2000–2099, …) that must agree with the date of birth and
  the sex, then the last two digits of the birth year.
- Dates are real calendar dates in a plausible range.
- Health insurance number: 15 characters, 2-letter group, 1-digit benefit level 1–5, a real 2-digit
  province code, 10 digits.
- Across a dossier, the same person (same ID number) must have the same name, date of birth and sex.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

from classifiers import gazetteer
from classifiers.documents import DocumentSpan, ExtractedField
from classifiers.provinces import ID_CODES, INSURANCE_CODES
from classifiers.text import fold

FLAGGED_CONFIDENCE = 0.3
DATE_FIELDS = ("date_of_birth", "date_of_expiry", "date_of_issue", "date_of_death", "date_of_registration",
               "valid_from")
ID_FIELDS = ("id_number", "household_head_id_number", "declarant_id_number", "mother_id_number",
             "father_id_number")


def id_number_problems(value: str, date_of_birth: str | None = None, sex: str | None = None,
                       year: str | None = None) -> list[str]:
    """Reasons a personal ID number cannot be right ([] when it may be). `year` (of birth) stands in for an
    unknown date of birth (a parent on a form)."""
    if re.fullmatch(r"\d{9}", value):
        return []  # old CMND: no structure to check
    if not re.fullmatch(r"\d{12}", value):
        return ["id_not_12_digits"]
    problems = []
    if value[:3] not in ID_CODES:
        problems.append("id_unknown_province_code")
    digit = int(value[3])
    if digit > 3:  # 4/5 would be born 2100–2199
        problems.append("id_century_digit_impossible")
    born = int(date_of_birth[:4]) if dt_ok(date_of_birth) else (int(year) if year and re.fullmatch(r"(19|20)\d\d", year)
                                                                  else None)
    if born is not None:
        century = (born // 100 - 19) * 2
        if not (0 <= century <= 8) or digit // 2 != century // 2:
            problems.append("id_century_disagrees_with_birth_date")
        if value[4:6] != f"{born % 100:02d}":
            problems.append("id_year_disagrees_with_birth_date")
    if sex in ("Nam", "Nữ") and digit % 2 != (0 if sex == "Nam" else 1):
        problems.append("id_sex_digit_disagrees")
    return problems


# Digits that handwriting and small print confuse (a 1 with a flag reads as 7, an open 0 as 9, 2 or 6).
CONFUSED_DIGITS = ("17", "09", "02", "06", "08", "38", "56", "49", "68")
DIGIT_CONFUSIONS: dict[str, str] = {}
for _a, _b in CONFUSED_DIGITS:
    DIGIT_CONFUSIONS[_a] = DIGIT_CONFUSIONS.get(_a, "") + _b
    DIGIT_CONFUSIONS[_b] = DIGIT_CONFUSIONS.get(_b, "") + _a
MAX_REPAIRS = 3


def repair_id(value: str, date_of_birth: str | None = None, sex: str | None = None,
              year: str | None = None) -> str | None:
    """A 12-digit ID number that fails validation, made valid by the fewest confusable-digit substitutions
    (at most three); None when no such reading exists or two equally short ones do, unless exactly one of
    them only swaps 1s and 7s: a handwritten 1 with its flag is the commonest digit misread on the forms
    ("007…" is "001…", not "027…"). Only the structured part (province, century/sex digit, birth year: the
    first six digits) can be checked, so only those digits are changed."""
    if not re.fullmatch(r"\d{12}", value) or not id_number_problems(value, date_of_birth, sex, year):
        return None
    import itertools

    spots = [i for i in range(6) if value[i] in DIGIT_CONFUSIONS]
    for k in range(1, MAX_REPAIRS + 1):
        found = set()
        for chosen in itertools.combinations(spots, k):
            for subs in itertools.product(*(DIGIT_CONFUSIONS[value[i]] for i in chosen)):
                cand = list(value)
                for i, c in zip(chosen, subs, strict=True):
                    cand[i] = c
                text = "".join(cand)
                if not id_number_problems(text, date_of_birth, sex, year):
                    found.add(text)
        if len(found) > 1:  # a tie goes to the one reading that only swaps 1s and 7s, if there is one
            found = {c for c in found if all(a == b or {a, b} == {"1", "7"} for a, b in zip(c, value, strict=True))}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def dt_ok(value: str | None) -> bool:
    if not value:
        return False
    try:
        d = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return 1880 <= d.year <= 2100


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def insurance_problems(value: str) -> list[str]:
    m = re.fullmatch(r"([A-Z]{2})([1-5])(\d{2})(\d{10})", value)
    if not m:
        return ["insurance_number_shape"]
    if m.group(3) not in INSURANCE_CODES:
        return ["insurance_unknown_province_code"]
    return []


def _flag(f: ExtractedField, problems: list[str]) -> ExtractedField:
    if not problems:
        return f
    flags = tuple(dict.fromkeys([*f.flags, *problems]))
    return dataclasses.replace(f, confidence=min(f.confidence, FLAGGED_CONFIDENCE), flags=flags)


# ID fields and where the holder's birth date or year and sex are found in the same document.
ID_PERSON = {"id_number": ("date_of_birth", None, "sex", None),
             "mother_id_number": (None, "mother_year_of_birth", None, "Nữ"),
             "father_id_number": (None, "father_year_of_birth", None, "Nam"),
             "household_head_id_number": (None, None, None, None),
             "declarant_id_number": (None, None, None, None)}
REPAIRED_CONFIDENCE = 0.6
# a repaired year still checks an ID's birth-year digits; an ID number from the dossier still tells the sex
GUESSED = {"digits_repaired", "corrected_from_dossier", "filled_from_dossier"}


def restore_leading_zero(value: str, date_of_birth: str | None = None, sex: str | None = None,
                         year: str | None = None) -> str | None:
    """An 11-digit reading that is a possible number with a 0 before it: every province code opens with 0
    (001–096), so a 0 lost at the front is the likeliest dropped digit. None when that reading is
    impossible too, or disagrees with the holder's birth date or sex."""
    if not re.fullmatch(r"[1-9]\d{10}", value):
        return None
    fixed = "0" + value
    return None if id_number_problems(fixed, date_of_birth, sex, year) else fixed


def drop_extra_digit(value: str, date_of_birth: str | None = None, sex: str | None = None,
                     year: str | None = None) -> str | None:
    """A 13-digit reading (a stroke read as a digit of its own: a handwritten 1 as "17") that is one possible
    number with one digit left out, agreeing with the holder's known birth date or year; None when no birth
    date or year is known (most 13-digit runs give several possible numbers) or not exactly one fits."""
    if not re.fullmatch(r"\d{13}", value) or not (dt_ok(date_of_birth) or year):
        return None
    found = {value[:i] + value[i + 1:] for i in range(13)}
    found = {c for c in found if not id_number_problems(c, date_of_birth, sex, year)}
    return found.pop() if len(found) == 1 else None


def _check_id(fields: dict[str, ExtractedField], name: str) -> ExtractedField:
    """Validate an ID field against its holder's birth date (or year) and sex; a failing reading of a
    doubtful source whose confusable digits can be changed into the only valid reading is repaired."""
    f = fields[name]
    dob_name, year_name, sex_name, sex = ID_PERSON.get(name, (None, None, None, None))
    dob = fields[dob_name].value if dob_name in fields and dt_ok(fields[dob_name].value) else None
    year = fields[year_name].value if year_name in fields and set(fields[year_name].flags) <= GUESSED else None
    sex = fields[sex_name].value if sex_name in fields else sex
    problems = id_number_problems(f.value, dob, sex, year)
    if f.source == "ocr" and (fixed := restore_leading_zero(f.value, dob, sex, year)
                              or drop_extra_digit(f.value, dob, sex, year)):
        flags = tuple(x for x in f.flags if x != "id_not_12_digits")
        return dataclasses.replace(f, value=fixed, confidence=min(f.confidence, REPAIRED_CONFIDENCE),
                                   flags=(*flags, "digits_repaired"))
    # repaired only when the number is impossible in itself (a misread birth year or sex must not rewrite a
    # possible number), read by OCR, and not already taken from a trusted paper of the dossier
    impossible = id_number_problems(f.value)
    if impossible and f.source == "ocr" and "corrected_from_dossier" not in f.flags \
            and (fixed := repair_id(f.value, dob, sex, year)):
        return dataclasses.replace(f, value=fixed, confidence=min(f.confidence, REPAIRED_CONFIDENCE),
                                   flags=(*f.flags, "digits_repaired"))
    return _flag(f, problems)


def id_birth_year(value: str, sex: str | None = None) -> int | None:
    """The year of birth a possible 12-digit ID number encodes (century/sex digit, then the year's last two
    digits); None when the number is impossible, or its sex digit is not `sex`'s."""
    if not re.fullmatch(r"\d{12}", value) or id_number_problems(value, sex=sex):
        return None
    return 1900 + 100 * (int(value[3]) // 2) + int(value[4:6])


# A parent is this many years older than the child (wide: the bounds only exclude a misread).
PARENT_AGE = (15, 60)
PARENT_SEX = {"mother_": "Nữ", "father_": "Nam"}
FROM_ID_CONFIDENCE = 0.6


def _plausible_parent(year: int, child: int | None) -> bool:
    return year >= 1900 and (child is None or PARENT_AGE[0] <= child - year <= PARENT_AGE[1])


def _confused_years(value: str, child: int) -> set[str]:
    """Readings of a 4-digit year with one confusable digit changed that make a plausible parent's year."""
    out = set()
    for i, c in enumerate(value):
        for sub in DIGIT_CONFUSIONS.get(c, ""):
            cand = value[:i] + sub + value[i + 1:]
            if _plausible_parent(int(cand), child):
                out.add(cand)
    return out


def parent_years(fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """A parent's year of birth on a birth paper, checked against the child's date of birth (a parent is
    15–60 years older) and the parent's ID number, which encodes the year: an unread, repaired or impossible
    year is the ID's when that is plausible (flag `derived_from_id_number`); failing an ID, an impossible
    year with exactly one plausible reading by one confused digit takes it (`digits_repaired`), else (or
    when it is the child's own year: another item read) it is flagged `implausible_parent_age`. A
    plausible unflagged reading is never changed. A parent who declared the birth gave an ID number as the
    declarant: that number counts when the parent's own item is not read."""
    out = dict(fields)
    child_f = fields.get("date_of_birth")
    child = int(child_f.value[:4]) if child_f and dt_ok(child_f.value) else None
    for prefix, sex in PARENT_SEX.items():
        name, idf = f"{prefix}year_of_birth", fields.get(f"{prefix}id_number")
        parent, declarant = fields.get(f"{prefix}full_name"), fields.get("declarant_full_name")
        if idf is None and parent is not None and declarant is not None and fold(parent.value) == fold(declarant.value):
            idf = fields.get("declarant_id_number")  # the parent declared the birth: the number is on the form
        year = fields.get(name)
        if year is not None and "corrected_from_dossier" in year.flags:
            continue
        read = int(year.value) if year and re.fullmatch(r"\d{4}", year.value) else None
        good = read is not None and not year.flags and _plausible_parent(read, child)
        from_id = id_birth_year(idf.value, sex) if idf is not None else None
        if good or (read is not None and read == from_id):
            continue
        if from_id is not None and _plausible_parent(from_id, child):
            conf = min(idf.confidence, FROM_ID_CONFIDENCE, year.confidence if year else 1.0)
            out[name] = ExtractedField(str(from_id), conf, "ocr", year.page if year else None,
                                       year.bbox if year else None, ("derived_from_id_number",))
        elif year is not None and read is not None and child is not None and not _plausible_parent(read, child):
            # the child's own year is the wrong item read, not a misread digit: nothing to repair
            fixed = _confused_years(year.value, child) if read != child else set()
            flags = tuple(x for x in year.flags if x not in ("digits_repaired", "not_a_year"))
            if len(fixed) == 1:
                out[name] = dataclasses.replace(year, value=fixed.pop(), flags=(*flags, "digits_repaired"),
                                                confidence=min(year.confidence, FLAGGED_CONFIDENCE))
            else:
                out[name] = _flag(year, ["implausible_parent_age"])
    return out


def _sevens_as_ones(iso: str, year: int) -> str | None:
    """The one date in `year` that an ISO date becomes with the fewest of its remaining 7s read as 1s, else None."""
    digits = iso.replace("-", "")
    sevens = [i for i, c in enumerate(digits) if c == "7"]
    for k in range(1, len(sevens) + 1):
        found = set()
        for chosen in itertools.combinations(sevens, k):
            cand = "".join("1" if i in chosen else c for i, c in enumerate(digits))
            value = f"{cand[:4]}-{cand[4:6]}-{cand[6:]}"
            if int(cand[:4]) == year and dt_ok(value):
                found.add(value)
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def birth_date_by_id_year(fields: dict[str, ExtractedField]) -> None:
    """A handwritten date of birth repaired from 1s read as 7s ("/76/77⁄2007") may keep a 7 that was a 1 too:
    when its year is not the year the holder's ID number encodes, the reading with more 7s taken as 1s that
    falls in that year is the date, or failing that the reading with one confusable digit of the year changed
    ("78/08/1964" of "18/08/1984": the 1 of the day was misread, so may a digit of the year be) (still
    `digits_repaired`, confidence ≤ 0.3)."""
    dob, idn = fields.get("date_of_birth"), fields.get("id_number")
    if dob is None or idn is None or "digits_repaired" not in dob.flags or not dt_ok(dob.value):
        return
    year = id_birth_year(idn.value)
    if year is None or int(dob.value[:4]) == year:
        return
    changed = [(a, b) for a, b in zip(dob.value[:4], str(year), strict=True) if a != b]
    confused = len(changed) == 1 and changed[0][1] in DIGIT_CONFUSIONS.get(changed[0][0], "")
    if fixed := _sevens_as_ones(dob.value, year) or (f"{year}{dob.value[4:]}" if confused else None):
        fields["date_of_birth"] = dataclasses.replace(dob, value=fixed, confidence=min(dob.confidence,
                                                                                       FLAGGED_CONFIDENCE))


# The subject's kinship to the household head (CT01 item 8) that fixes who is the parent, and the bounds of the
# parent's age at the child's birth: births to women past 50 are vanishingly rare.
HEAD_IS_CHILD = {"Mẹ": (15, 50), "Bố": (15, 60), "Cha": (15, 60)}
HEAD_IS_PARENT = {"Con": (15, 60), "Con đẻ": (15, 60)}


def head_id_by_relationship(fields: dict[str, ExtractedField]) -> None:
    """A household head's ID number whose birth year cannot be for the kinship the form states (the subject,
    born in a known year, is the head's mother, father or child) takes the one reading, by one confusable
    digit in the century/sex digit or the year, that fits (`digits_repaired`, ≤ 0.6); failing one, it is
    flagged `id_year_disagrees_with_relationship`. A number that fits is never changed."""
    rel, dob, idn = (fields.get(k) for k in ("relationship_to_household_head", "date_of_birth",
                                             "household_head_id_number"))
    if rel is None or dob is None or idn is None or idn.source != "ocr" or idn.flags or not dt_ok(dob.value) \
            or not set(dob.flags) <= GUESSED or rel.value not in HEAD_IS_CHILD | HEAD_IS_PARENT:
        return
    subject = int(dob.value[:4])
    low, high = (HEAD_IS_CHILD | HEAD_IS_PARENT)[rel.value]
    sign = 1 if rel.value in HEAD_IS_CHILD else -1

    def fits(value: str) -> bool:  # ages compared by birth years: a parent aged 50 may be 51 years older
        year = id_birth_year(value)
        return year is not None and low <= sign * (year - subject) <= high + 1

    if id_birth_year(idn.value) is None or fits(idn.value):
        return
    found = {idn.value[:i] + sub + idn.value[i + 1:] for i in range(3, 6)
             for sub in DIGIT_CONFUSIONS.get(idn.value[i], "")}
    found = {v for v in found if fits(v)}
    if len(found) == 1:
        fields["household_head_id_number"] = dataclasses.replace(
            idn, value=found.pop(), confidence=min(idn.confidence, REPAIRED_CONFIDENCE), flags=("digits_repaired",))
    else:
        fields["household_head_id_number"] = _flag(idn, ["id_year_disagrees_with_relationship"])


CHILD_GROUP = "TE"  # the insurance group of children under six
CHILD_CARD_YEARS = 6  # their card is valid until they are 72 months old (Law on Health Insurance, art. 16)
_SUPPORTED = {"corrected_from_dossier", "filled_from_dossier"}  # a value other papers of the dossier agree on


def digits_off(a: str, b: str) -> int | None:
    """How many characters two readings of one shape differ in; None for different lengths."""
    return sum(x != y for x, y in zip(a, b, strict=True)) if len(a) == len(b) else None


def one_digit_off(a: str, b: str) -> bool:
    return digits_off(a, b) == 1


def day_digit_lost(read: str, want: str) -> bool:
    """ISO date `read` is `want` with one digit of its two-digit day lost ("3/03/2032" read of 31/03/2032):
    the same month and year, a one-digit day that is one of the day's digits."""
    if not (dt_ok(read) and dt_ok(want)) or read[:8] != want[:8]:
        return False
    day, whole = str(int(read[8:])), want[8:]
    return len(day) == 1 and int(whole) >= 10 and day in whole


def _repaired(f: ExtractedField | None, value: str, flag: str) -> ExtractedField:
    if f is None:
        return ExtractedField(value, REPAIRED_CONFIDENCE, "ocr", flags=(flag,))
    return dataclasses.replace(f, value=value, confidence=min(f.confidence, REPAIRED_CONFIDENCE),
                               flags=(*(x for x in f.flags if x != "not_a_date"), flag))


def child_card_province(fields: dict[str, ExtractedField]) -> None:
    """A child's insurance card (group "TE") is issued where the child lives, when its social insurance
    number is given there: the card's province code and the number's first two digits are one code, the
    province of the holder's address. When the two differ and the address's province is one of them, the
    other is misread ("TE1 28 3803392625" in Thanh Hóa, 38): both become it (`digits_repaired`)."""
    number, home = fields.get("insurance_number"), fields.get("place_of_residence")
    m = re.fullmatch(rf"({CHILD_GROUP}[1-5])(\d\d)(\d\d)(\d{{8}})", number.value) if number else None
    if m is None or home is None or m.group(2) == m.group(3):
        return
    province = gazetteer.resolve(home.value).province
    if province is not None and province.code in (m.group(2), m.group(3)):
        fields["insurance_number"] = _repaired(number, m.group(1) + 2 * province.code + m.group(4), "digits_repaired")


def child_card_dates(fields: dict[str, ExtractedField], today: dt.date | None = None) -> None:
    """A child's health insurance card (group "TE") is valid until the day before the sixth birthday, so its
    date of birth and expiry tell each other: an expiry and a validity start that agree with each other set a
    birth date unread, not a date or up to two digits off, however surely read (`derived_from_expiry`); a sure
    birth date (read surely, or agreed by the dossier's other
    papers) sets an expiry unread, not a date or one digit off (`derived_from_birth_date`); a sure expiry
    sets a birth date unread, not a date, one digit off or too early for a child's card
    (`derived_from_expiry`), as does an expiry read with doubt that the validity start confirms, when the
    birth date is unread. A newborn's card is valid from birth, so a validity start one digit from the birth
    date that cannot be (before the birth or after the expiry) or is one digit from a sure birth date
    ("18/01/2026" of 15/01/2026), or two digits from it and no date at all, in the future or impossible
    ("2826-00-11", "23/08/2028" of 23/05/2026, "3/07/2026" of 30/07/2026), is the birth date
    (`digits_repaired`); one unread is the birth date when the expiry read is the one that birth date gives
    (`derived_from_birth_date`).
    Every value so set is at most `REPAIRED_CONFIDENCE`."""
    number = fields.get("insurance_number")
    if number is None or not number.value.startswith(CHILD_GROUP):
        return
    born, ends, start = (fields.get(k) for k in ("date_of_birth", "date_of_expiry", "valid_from"))

    def sure(f: ExtractedField | None) -> bool:
        return f is not None and dt_ok(f.value) and (f.source != "ocr" or set(f.flags) & _SUPPORTED
                                                     or (not f.flags and f.confidence >= 0.9))

    def due(birth: str) -> str:
        return (add_years(dt.date.fromisoformat(birth), CHILD_CARD_YEARS) - dt.timedelta(days=1)).isoformat()

    def birth_of(expiry: str) -> str:
        return add_years(dt.date.fromisoformat(expiry) + dt.timedelta(days=1), -CHILD_CARD_YEARS).isoformat()

    agreeing = ends is not None and start is not None and dt_ok(ends.value) and dt_ok(start.value) \
        and birth_of(ends.value) == start.value
    if agreeing and born is not None and born.value != start.value and "corrected_from_dossier" not in born.flags \
            and (not dt_ok(born.value) or digits_off(born.value, start.value) <= 2):
        # the card's two other dates, read apart, agree with each other: the birth date is the one misread
        born = fields["date_of_birth"] = _repaired(born, start.value, "derived_from_expiry")
    if sure(born) and (ends is None or not dt_ok(ends.value) or one_digit_off(ends.value, due(born.value))
                       or day_digit_lost(ends.value, due(born.value))):
        fields["date_of_expiry"] = _repaired(ends, due(born.value), "derived_from_birth_date")
    elif sure(ends) and not sure(born):
        birth = birth_of(ends.value)
        if born is None or not dt_ok(born.value) or one_digit_off(born.value, birth) or born.value < birth:
            fields["date_of_birth"] = _repaired(born, birth, "derived_from_expiry")
    born, ends, start = (fields.get(k) for k in ("date_of_birth", "date_of_expiry", "valid_from"))
    if (born is None or not dt_ok(born.value)) and ends is not None and start is not None \
            and dt_ok(ends.value) and dt_ok(start.value) and birth_of(ends.value) == start.value:
        born = fields["date_of_birth"] = _repaired(born, start.value, "derived_from_expiry")  # two readings agree
    if start is None and sure(born) and ends is not None and ends.value == due(born.value) \
            and "derived_from_birth_date" not in ends.flags:  # unread, and the card's two dates read agree
        fields["valid_from"] = _repaired(None, born.value, "derived_from_birth_date")
        return
    if start is None or born is None or not dt_ok(born.value):
        return
    off = digits_off(start.value, born.value)
    future = dt_ok(start.value) and dt.date.fromisoformat(start.value) > (today or dt.date.today())
    impossible = start.value < born.value or (ends is not None and dt_ok(ends.value) and start.value > ends.value)
    if (not dt_ok(start.value) and off is not None and off <= 2) or (off == 1 and (impossible or sure(born))) \
            or (off == 2 and (future or impossible)):
        fields["valid_from"] = _repaired(start, born.value, "digits_repaired")


# Dates of a paper's making: none can lie after the day it is read, nor before its holder was born.
MADE_FIELDS = ("date_of_issue", "date_of_registration", "valid_from")


def date_order_problems(fields: dict[str, ExtractedField], name: str, today: dt.date) -> list[str]:
    """Why the real date `fields[name]` (one of `MADE_FIELDS`) cannot be right: a card issued "2201/2027"
    read as 2027-01-22 is a real date, but one in the future (`date_in_future`); a paper made before the
    birth of the person it is about, or a validity that starts after it ends (`dates_out_of_order`)."""
    made = dt.date.fromisoformat(fields[name].value)
    born, ends = (fields.get(k) for k in ("date_of_birth", "date_of_expiry"))
    problems = ["date_in_future"] if made > today else []
    if (born is not None and dt_ok(born.value) and made < dt.date.fromisoformat(born.value)) \
            or (name == "valid_from" and ends is not None and dt_ok(ends.value)
                and made > dt.date.fromisoformat(ends.value)):
        problems.append("dates_out_of_order")
    return problems


def _made_date_repaired(fields: dict[str, ExtractedField], name: str, today: dt.date) -> None:
    """A paper's making date that cannot be (`date_order_problems`: an insurance card for a child born in
    2026 "issued" in 2006, a phone photo's 2 read 0; a request letter dated "16 tháng 4" in a dossier received
    on 17 January, its italic 1 read 4) is misread in one digit when exactly one digit changed makes it
    possible: in its year, to a year the paper's other dates print, or in its month or day. That date (flag
    `digits_repaired`, ≤ `REPAIRED_CONFIDENCE`); with none or several, the date stays flagged."""
    f = fields[name]
    if f.source != "ocr" or not date_order_problems(fields, name, today):
        return
    printed = {v.value[:4] for k, v in fields.items() if k != name and k in DATE_FIELDS and dt_ok(v.value)}
    near = set()
    for i, d in itertools.product((0, 1, 2, 3, 5, 6, 8, 9), "0123456789"):
        value = f"{f.value[:i]}{d}{f.value[i + 1:]}"
        if value != f.value and (i > 3 or value[:4] in printed) and dt_ok(value) and \
                not date_order_problems({**fields, name: dataclasses.replace(f, value=value)}, name, today):
            near.add(value)
    if len(near) == 1:
        fields[name] = _repaired(f, near.pop(), "digits_repaired")


def validate_fields(fields: dict[str, ExtractedField], today: dt.date | None = None,
                    received: dt.date | None = None) -> dict[str, ExtractedField]:
    """The same fields, with failed values flagged and their confidence lowered. `today` (the day the
    dossier is read) bounds the dates a paper was made; `received` (the day the one-stop shop's receipt
    gives) bounds the days its papers were issued or registered (not a card's validity, which may start
    later)."""
    out = parent_years(fields)
    birth_date_by_id_year(out)
    child_card_dates(out, today)
    child_card_province(out)
    for name in DATE_FIELDS:
        if name in out and not dt_ok(out[name].value):
            out[name] = _flag(out[name], ["not_a_date"])
        elif name in MADE_FIELDS and name in out:
            bound = min(today or dt.date.today(), received or dt.date.max) if name != "valid_from" \
                else today or dt.date.today()
            _made_date_repaired(out, name, bound)
            out[name] = _flag(out[name], date_order_problems(out, name, bound))
    issue, expiry = out.get("date_of_issue"), out.get("date_of_expiry")
    if issue is not None and expiry is not None and "date_in_future" in issue.flags \
            and "derived_from_birth_and_issue_dates" in expiry.flags:
        del out["date_of_expiry"]  # the law applied to a misread issue date ("2043" of 2022) tells nothing
    for name in ID_FIELDS:
        if name in out:
            out[name] = _check_id(out, name)
    head_id_by_relationship(out)
    out = parent_years(out)  # again: a parent's ID number repaired just now tells an unread year
    if "insurance_number" in out:
        out["insurance_number"] = _flag(out["insurance_number"], insurance_problems(out["insurance_number"].value))
    return out


PERSON_FIELDS = ("full_name", "date_of_birth", "sex")


def cross_document(documents: list[DocumentSpan]) -> list[dict]:
    """Disagreements between documents about the same person, who is recognised by ID number:
    {"id_number", "field", "values": [{"document": i, "value"}, …]}."""
    people: dict[str, list[tuple[int, DocumentSpan]]] = {}
    for i, d in enumerate(documents):
        if "id_number" in d.fields and not d.fields["id_number"].flags:
            people.setdefault(d.fields["id_number"].value, []).append((i, d))
    out = []
    for id_number, docs in people.items():
        for name in PERSON_FIELDS:
            seen = [(i, d.fields[name].value) for i, d in docs if name in d.fields]
            keys = {fold(v).upper() if name == "full_name" else v for _, v in seen}
            if len(keys) > 1:
                out.append({"id_number": id_number, "field": name,
                            "values": [{"document": i, "value": v} for i, v in seen]})
    return out


# Papers that print the sex of the person they name (a receipt of type `other` does not).
PRINTS_SEX = {"cccd", "residence_declaration_form", "residence_confirmation", "death_notice", "birth_certificate",
              "birth_registration_form", "health_insurance_card"}


def prints_sex(doc_type: str, fields: dict[str, ExtractedField]) -> bool:
    """Papers with a sex item: the typed and form types, and the request letter ("Đơn đề nghị…", type
    `other`, "Giới tính:"), not the receipt of the same type."""
    title = fields.get("title")
    return doc_type in PRINTS_SEX or (doc_type == "other" and title is not None
                                      and fold(title.value).startswith("don de nghi"))


SEX_FROM_ID_CONFIDENCE = 0.8
SEX_FROM_NAME_CONFIDENCE = 0.5
_MIDDLE_NAMES = {"thi": "Nữ", "van": "Nam"}  # "Thị" is given to girls, "Văn" to boys


def fill_sex(fields: dict[str, ExtractedField], doc_type: str) -> dict[str, ExtractedField]:
    """An unread sex (a handwritten tick or word lost) from what else the paper says of the person: the
    fourth digit of a valid 12-digit ID number is even for men and odd for women (flag
    `derived_from_id_number`); failing that, a middle name "Thị" or "Văn" (flag `derived_from_name`)."""
    if "sex" in fields or not prints_sex(doc_type, fields):
        return fields
    idn, name = fields.get("id_number"), fields.get("full_name")
    out = dict(fields)
    # a QR or check-digit-verified MRZ number stands although the print disagreed with it
    trusted = GUESSED | ({"ocr_disagrees"} if idn is not None and idn.source in ("qr", "mrz") else set())
    if idn is not None and re.fullmatch(r"\d{12}", idn.value) and not id_number_problems(idn.value) \
            and set(idn.flags) <= trusted:
        out["sex"] = ExtractedField("Nam" if int(idn.value[3]) % 2 == 0 else "Nữ",
                                    round(min(idn.confidence, SEX_FROM_ID_CONFIDENCE), 4), idn.source,
                                    flags=("derived_from_id_number",))
        return out
    words = fold(name.value).split() if name is not None else []
    middle = {_MIDDLE_NAMES[w] for w in words[1:-1] if w in _MIDDLE_NAMES}
    if len(middle) == 1:
        out["sex"] = ExtractedField(middle.pop(), SEX_FROM_NAME_CONFIDENCE, "ocr", flags=("derived_from_name",))
    return out
