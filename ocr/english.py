"""The English half of bilingual print, read with the `eng` model.

Why: the citizen identity card prints every label twice, "Ngày sinh / Date of birth:", the English in small
italics, and `vie` reads those italics as Vietnamese: an "a" as "o" ("Ploce of origin", "Notlonolity:"),
a word as a Vietnamese one ("Ngón trỏ" for "index"), or nothing sure enough to keep ("Date of expiry" at
0.00–0.29). On phone photos of ID cards these lines were most of the page's errors. `eng` reads the same
italics right ("Place", "Nationality:", "Date of expiry:") but has no Vietnamese marks, so it cannot read
the card: only the words it reads as English are taken from it.

A word is English here when it is plain Latin letters and no Vietnamese syllable (`ocr.syllables`): "Date",
"birth:", "expiry:"; not "Nam", "Kim", "No". An `eng` word that is English takes the place of the `vie`
word under it when that is no syllable and is read less surely, and goes where `vie` kept nothing when it
has a small letter: a capital word there is more often a Vietnamese name `vie` dropped ("TRỊNH" read
"TRIM"). A page is read again only when `vie` kept a few English words on it (in any of its parts): other
papers have none, and a second reading costs as much as the first.
"""

from __future__ import annotations

import re

import numpy as np

from ocr.mrz import zone_like
from ocr.recover import insert, number_like
from ocr.syllables import EDGES, is_syllable
from ocr.types import Word, area, by_line, shared_area

LANG = "eng"
_LATIN = re.compile(r"[A-Za-z]{2,}")
_WORTH = 3  # English words with a small letter that `vie` kept on a page (ID card: 10-22 a side; others: 0-1)
_OVER = 0.5  # intersection over union of two boxes that are one word
_SIGNS = ":.,;"  # after a word: `eng` leaves off the colon `vie` reads ("identification:" replaced by "identification")
# confidence an `eng` word needs where `vie` kept nothing: under 0.6 most short ones are marks read as "ee", "Lj",
# "ul"; a blurred label word is often read less surely ("Independence" 0.50, "residence:" 0.43)
_NEW, _NEW_LONG = 0.6, 0.4
_FREE = 0.3  # share of an `eng` word's box at most that a kept word may cover where it is put in
_SURE = 0.85  # a Vietnamese word, number or MRZ line read this surely is painted out before `eng` reads


def english(text: str) -> bool:
    """`text`, the signs beside it aside, is plain Latin letters and no Vietnamese syllable."""
    return bool(_LATIN.fullmatch(EDGES.match(text).group(2))) and not is_syllable(text)


def _lower_english(text: str) -> bool:
    return english(text) and any(c.islower() for c in text)


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def worth_reading(words: list[Word]) -> bool:
    """`vie` kept enough English words on a page (`words`: all its parts') for `eng` to read it again."""
    return sum(_lower_english(w.text) for w in words) >= _WORTH


def to_read(image: np.ndarray, words: list[Word]) -> np.ndarray:
    """What `eng` reads of a part (`image`, read as `words`): the part with the words `vie` read surely and
    `eng` cannot read better (Vietnamese syllables, numbers, the MRZ) painted out. `eng` reads as slowly as
    `vie`, and most of an ID card is such words: this halves its time."""
    out = image.copy()
    for w in words:
        if w.confidence >= _SURE and (is_syllable(w.text) or number_like(w.text) or zone_like(w.text)):
            x0, y0, x1, y1 = w.bbox
            out[y0:y1, x0:x1] = 255
    return out


def taken(words: list[Word], eng: list[Word]) -> list[Word]:
    """`words` (`vie`'s, a part's reading order) with `eng`'s English words (the same part read by `eng`) put
    in: in place of a less sure `vie` word that is no syllable, or as new lines where no kept word lies."""
    out = list(words)
    new = []
    for e in (e for e in eng if english(e.text)):
        if all(_share(e.bbox, w.bbox) <= _FREE for w in out):
            if _lower_english(e.text) and e.confidence >= (_NEW_LONG if _letters(e.text) >= 4 else _NEW):
                new.append(e)
            continue
        under = [i for i, w in enumerate(out) if _iou(e.bbox, w.bbox) > _OVER]
        if len(under) == 1:
            w = out[under[0]]
            if not is_syllable(w.text) and e.confidence > w.confidence and e.text != w.text.rstrip(_SIGNS):
                out[under[0]] = Word(e.text, e.confidence, w.bbox, w.block, w.line)
    for line in by_line(new).values():
        out = insert(out, line)
    return out


def _share(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Share of box `a` that box `b` covers."""
    return shared_area(a, b) / area(a)


def _iou(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    i = shared_area(a, b)
    return i / (area(a) + area(b) - i)
