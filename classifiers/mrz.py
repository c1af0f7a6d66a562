"""The machine-readable zone (ICAO 9303 TD1, 3 lines of 30 characters) on the back of a chip ID card.

Why: on phone photos the printed front is often garbled while OCR still reads the MRZ, whose fields carry
check digits. A value is accepted only when its check digit verifies after substituting the characters
OCR is known to confuse at that position (a letter in a digit field, `H` for the `<` filler…), so a
verified value is machine data, not a guess.

Vietnamese layout: line 1 `IDVNM` + 9-digit document number (the ID's last nine digits) + check digit +
the 12-digit personal ID + `<<` + check digit; line 2 birth YYMMDD + check + sex + expiry YYMMDD (or
`<<<<<<` on a card valid for life) + check + `VNM` + filler + composite check; line 3 SURNAME<<GIVEN<NAMES
without diacritics.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ocr.mrz import check_digit

# What OCR reads in place of a digit or of the `<` filler on the OCR-B font.
TO_DIGIT = str.maketrans({"O": "0", "D": "0", "Q": "0", "o": "0", "ô": "0", "I": "1", "l": "1", "|": "1",
                          "Z": "2", "S": "5", "B": "8", "G": "6"})
TO_FILLER = str.maketrans({c: "<" for c in "‹«(Kc-"})  # "079186185920-<2": a dash is no MRZ character
_LINE1_HEAD = re.compile(r"[I1lT|][D0O]VN\S")  # the M may be misread ("IDVN4"): the check digits guard what follows
_NATION = re.compile(r"V[NW]\S")  # "VNH", "VWK", "VW+" on phone photos: the check digits guard the fields


def _digits(s: str) -> str | None:
    """A digit field as OCR read it, with confusable letters made digits; None when something else remains."""
    out = s.translate(TO_DIGIT)
    return out if out.isdigit() else None


# Letters OCR also reads for a second digit: tried too, when the first reading fails its check digit
OTHER_DIGIT = {"S": "9", "B": "3", "Z": "7"}


def _verified(field: str, check: str) -> str | None:
    """The digit field when its check digit (itself possibly confused) verifies, else None. A letter read for
    a digit is first its usual look-alike ("S" a 5), then its other one, one letter at a time ("S211177" is
    921117 + 7 on a phone photo); only a single verifying reading is taken."""
    digits, c = _digits(field), _digits(check)
    if digits is None or c is None or len(c) != 1:
        return None
    if check_digit(digits) == c:
        return digits
    found = {cand for i, ch in enumerate(field) if ch in OTHER_DIGIT
             if check_digit(cand := digits[:i] + OTHER_DIGIT[ch] + digits[i + 1:]) == c}
    return found.pop() if len(found) == 1 else None


def _date(yymmdd: str, birth: bool, today: dt.date) -> str | None:
    """ISO date of a YYMMDD field: a birth date is not in the future (19YY when 20YY would be), an expiry
    is 20YY (cards were first issued in 2016)."""
    yy = int(yymmdd[:2])
    year = 2000 + yy
    if birth and (year, int(yymmdd[2:4]), int(yymmdd[4:])) > (today.year, today.month, today.day):
        year -= 100
    try:
        return dt.date(year, int(yymmdd[2:4]), int(yymmdd[4:])).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class MrzValue:
    value: str
    line: int  # index of the text line it was read from


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _read_line1(s: str) -> dict[str, str]:
    """Document number (anchored after `IDVNM`) and personal ID (anchored before the trailing `<<c`), each by
    its own check digit, so one inserted or lost character spoils one field only."""
    m = _LINE1_HEAD.search(s)
    if not m:
        return {}
    body = s[m.end():].rstrip(".,-_'").translate(TO_FILLER)
    out = {}
    if len(body) >= 10 and (doc := _verified(body[:9], body[9])):
        out["document_number"] = doc
    tail = re.search(r"(\w{12})<{1,3}(\w)$", body)
    if tail and (idn := _verified(tail.group(1), tail.group(2))):
        out["id_number"] = idn
    elif tail and "document_number" in out and (idn := _verified(tail.group(1)[:3] + out["document_number"],
                                                                 tail.group(2))):
        out["id_number"] = idn  # a digit misread in its last nine, which are the verified document number
    if "id_number" in out and "document_number" in out and out["id_number"][3:] != out["document_number"]:
        return {}  # two verified numbers that are not one card's: trust neither
    return out


def _read_line2(s: str, today: dt.date) -> dict[str, str]:
    """Birth date, sex and expiry, anchored on the `VNM` nationality (leading specks vary); the birth date is
    also tried from the line start when a character was inserted in between. Sex has no check digit: it is
    taken only when the birth date next to it verified at the anchored position."""
    nation = [m for m in _NATION.finditer(s) if m.start() >= 15]
    if not nation:
        return {}
    v = nation[0].start()
    head = s[:v].translate(TO_FILLER)
    out: dict[str, str] = {}
    birth = _verified(head[v - 15:v - 9], head[v - 9])
    if birth and (iso := _date(birth, True, today)):
        out["date_of_birth"] = iso
        sex = head[v - 8].replace("H", "M")
        if sex in ("M", "F"):
            out["sex"] = sex
    else:
        start = re.sub(r"^[^\w]+", "", head)
        if len(start) >= 7 and (birth := _verified(start[:6], start[6])) and (iso := _date(birth, True, today)):
            out["date_of_birth"] = iso
    expiry_field, expiry_check = head[v - 7:v - 1], head[v - 1]
    if expiry_field == "<<<<<<":
        out["lifelong"] = "1"
    elif (expiry := _verified(expiry_field, expiry_check)) and (iso := _date(expiry, False, today)):
        out["date_of_expiry"] = iso
    elif len(expiry_field) == 6 and expiry_check:
        out["expiry_as_read"] = expiry_field + expiry_check
    return out


_EXPIRY_MISREAD = 2  # digits of an unverified expiry that may be misread when the law's date verifies


def expiry_among(as_read: str, candidates: set[str]) -> str | None:
    """The one date of `candidates` (ISO: the expiries the law allows the holder) that an expiry field read
    with its check digit (`expiry_as_read`, YYMMDD + check) can be: its own digits exactly, or digits at most
    two away with the check digit read as the candidate's. One misread digit of a date always spoils its
    check digit (weights 7, 3, 1 are prime to 10), so a verified nearby birthday is that date misread."""
    field, check = as_read[:6].translate(TO_DIGIT), as_read[6:].translate(TO_DIGIT)
    found = set()
    for iso in candidates:
        yymmdd = iso[2:4] + iso[5:7] + iso[8:10]
        off = sum(a != b for a, b in zip(yymmdd, field, strict=True))
        if off == 0 or (off <= _EXPIRY_MISREAD and check == check_digit(yymmdd)):
            found.add(iso)
    return found.pop() if len(found) == 1 else None


def _read_names(s: str) -> dict[str, str]:
    """Surname and given names of line 3 (digits OCR put for O and I made letters again)."""
    m = re.fullmatch(r"([A-Z]+)<<([A-Z<]+?)<*", s.translate(TO_FILLER).translate(str.maketrans("01", "OI")))
    if not m:
        return {}
    return {"surname": m.group(1), "given_names": " ".join(w for w in m.group(2).split("<") if w)}


def read_mrz(lines: list[str], today: dt.date | None = None) -> dict[str, MrzValue]:
    """Verified MRZ values found among a page's text lines, by name: document_number, id_number,
    date_of_birth, date_of_expiry (ISO), sex (M/F), lifelong ("1": no expiry printed), surname and
    given_names (unverified, no diacritics: to confirm a name, never to replace one), and expiry_as_read
    (an expiry whose check digit failed, for `expiry_among`)."""
    today = today or dt.date.today()
    out: dict[str, MrzValue] = {}
    line1_at = line2_at = None
    for i, text in enumerate(lines):
        s = _clean(text)
        if not (25 <= len(s) <= 34):
            continue
        if line1_at is None and (found := _read_line1(s)):
            line1_at = i
            out.update({k: MrzValue(v, i) for k, v in found.items()})
        elif line2_at is None and (found := _read_line2(s, today)):
            if set(found) == {"expiry_as_read"}:
                # nothing verified: any line with a "VN" late in it gives that ("Giới tính / Sex: Quốc tịch / VN
                # Nan" of a phone photo's front), so the search goes on and a verified line 2 replaces it
                out.setdefault("expiry_as_read", MrzValue(found["expiry_as_read"], i))
                continue
            line2_at = i
            out.pop("expiry_as_read", None)
            out.update({k: MrzValue(v, i) for k, v in found.items()})
    after = max((at for at in (line1_at, line2_at) if at is not None), default=None)
    if after is not None and after + 1 < len(lines) and (names := _read_names(_clean(lines[after + 1]))):
        out.update({k: MrzValue(v, after + 1) for k, v in names.items()})
    return out
