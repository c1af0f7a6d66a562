"""The ID card's machine-readable zone (ICAO 9303 TD1: three lines of 30 characters) read again with its own
alphabet when the page read spoiled its check digits.

Why: `vie` reads the zone's OCR-B capitals and digits as Vietnamese text, and on a phone photo it reads
"2963149" for 2903149, "VNH" for VNM, a digit twice ("89903141M…"); `classifiers.mrz` then verifies
nothing. Cut out and read with `eng`, only the zone's 37 characters allowed, the band often reads right where
the page read did not. The check digits, counted at their printed places, decide which reading stays: a
worse re-read never replaces a better one, and a zone whose five check digits verify is not read again.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr import engine
from ocr.recover import insert
from ocr.types import Word, by_line, rows_overlap

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_READ_AS = frozenset(ALPHABET + "«‹")  # what `vie` reads for the zone's characters
_FILLERS = str.maketrans("«‹", "<<")
CHECKS = 5  # check digits of lines 1 and 2: document number, personal number, birth date, expiry, composite
LANG = "eng"
PSM = 6  # a block of lines
SCALES = (1.0, 1.5)  # the part as prepared (text ~30 px), and larger: the better is the one that verifies more
_LINE_PITCH = 1.7  # word heights from one zone line to the next


def char_value(c: str) -> int:
    """ICAO 9303 value of a character: digits their value, A–Z 10–35, `<` 0."""
    if c.isdigit():
        return int(c)
    if "A" <= c <= "Z":
        return ord(c) - ord("A") + 10
    if c == "<":
        return 0
    raise ValueError(f"not an MRZ character: {c!r}")


def check_digit(field: str) -> str:
    """ICAO 9303 check digit: 7-3-1 weights repeated, sum mod 10."""
    return str(sum(char_value(c) * (7, 3, 1)[i % 3] for i, c in enumerate(field)) % 10)


def zone_like(text: str) -> bool:
    """A word that is a line of the zone: mostly its characters, twenty or more, with a `<<` filler."""
    n = sum(c in _READ_AS for c in text)
    return "<<" in text.translate(_FILLERS) and n >= 20 and n >= 0.85 * len(text)


def _checks(field: str, check: str) -> bool:
    try:
        return check_digit(field) == check
    except ValueError:
        return False


def verified(line: str) -> int:
    """How many checked fields of a zone line verify at their printed places: line 1 `IDVNM` + document
    number + check, personal number + `<<` + check; line 2 birth date + check, sex, expiry + check, `VNM`."""
    s = _plain(line)  # fillers may be lost at the end: fields are counted from the start
    if s.startswith("I") and len(s) >= 15:
        return _checks(s[5:14], s[14]) + (len(s) >= 30 and _checks(s[15:27], s[29]))
    if s[15:18] == "VNM":
        return _checks(s[0:6], s[6]) + _checks(s[8:14], s[14])
    return 0


def _plain(line: str) -> str:
    return line.replace(" ", "").translate(_FILLERS)


def composite(line1: str, line2: str) -> bool:
    """Whether line 2's last digit verifies the composite of line 1 from the document number on and line 2's
    checked fields (with their check digits): a digit misread in it ("<<<9" for 0 on a phone photo) is caught
    by no field's check."""
    a, b = _plain(line1), _plain(line2)
    return len(a) >= 30 and len(b) >= 30 and _checks(a[5:30] + b[0:7] + b[8:15] + b[18:29], b[29])


def _score(lines: list[list[Word]]) -> int:
    texts = ["".join(w.text for w in line) for line in lines]
    fields = [verified(t) for t in texts]
    firsts = [t for t, n in zip(texts, fields, strict=True) if n and _plain(t).startswith("I")]
    seconds = [t for t, n in zip(texts, fields, strict=True) if n and not _plain(t).startswith("I")]
    return sum(fields) + bool(firsts and seconds and composite(firsts[0], seconds[0]))


def _band(zone: list[list[Word]], shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """The box of the zone's lines read, widened to three lines (those lost may lie above or below)."""
    boxes = [w.bbox for line in zone for w in line]
    h = float(np.median([b[3] - b[1] for b in boxes]))
    more = (3 - min(3, len(zone))) * _LINE_PITCH * h + 0.6 * h
    x0, y0 = min(b[0] for b in boxes) - h, min(b[1] for b in boxes) - more
    x1, y1 = max(b[2] for b in boxes) + h, max(b[3] for b in boxes) + more
    return int(max(0, x0)), int(max(0, y0)), int(min(shape[1], x1)), int(min(shape[0], y1))


def _read(piece: np.ndarray, scale: float, offset: tuple[int, int]) -> list[list[Word]]:
    """The zone lines Tesseract reads in `piece`, each one word, its box in the part's frame."""
    from ocr.read import words_from_data  # ocr.read calls this module: imported here, not at the top

    big = piece if scale == 1.0 else cv2.resize(piece, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    data = engine.ocr_data(big, LANG, PSM, 60, whitelist=ALPHABET)
    out = []
    for line in by_line(words_from_data(data, scale, offset)).values():
        text = "".join(w.text for w in line)
        if zone_like(text):
            box = (min(w.bbox[0] for w in line), min(w.bbox[1] for w in line),
                   max(w.bbox[2] for w in line), max(w.bbox[3] for w in line))
            conf = round(sum(w.confidence for w in line) / len(line), 4)
            out.append([Word(text, conf, box, line[0].block, line[0].line)])
    return out


def zone_read_again(image: np.ndarray, words: list[Word]) -> list[Word]:
    """`words` of a part (`image`'s frame) with the zone's lines replaced by a reading of the zone alone when
    that verifies more of its check digits; unchanged without a zone, or with one that verifies whole."""
    zone = [line for line in by_line(words).values() if any(zone_like(w.text) for w in line)]
    if not zone or (before := _score(zone)) >= CHECKS:
        return words
    x0, y0, x1, y1 = _band(zone, image.shape)
    best, most = None, before
    for scale in SCALES:
        found = _read(image[y0:y1, x0:x1], scale, (x0, y0))
        if (score := _score(found)) > most:
            best, most = found, score
    if best is None:
        return words
    # a line the re-read did not find stays as the page read it: the name line has no check digit to judge
    # it by, and a re-read that verifies the two lines above may still lose it
    gone = {w.line for line in zone for w in line if any(rows_overlap(_row(w), _row(b[0])) for b in best)}
    out = [w for w in words if w.line not in gone]
    for line in best:
        out = insert(out, line)
    return out


def _row(word: Word) -> tuple[int, int]:
    return word.bbox[1], word.bbox[3]
