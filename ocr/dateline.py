"""The day of a printed date line read by its shape, where a seal's rim crosses it.

An insurance card's "Ngày 05 tháng 04 năm 2026" sits under the card's seal: on a grey copy the rim is as
dark as the thin italic digits it crosses, and Tesseract reads "(IỀ thung 04 năm 2026" at every scale, from
the cleaned page or the grey one. The month and year beside the day are read, and they fix the line's size
and place: so the line is drawn for each day 01–31 in a few common italic fonts, fitted to the grey page
where the month and year are, and the day whose drawing fits the whole line best is taken, when it fits
clearly better than every other day and the drawing fits the line at all (a font unlike the paper's fits
none well: then nothing is changed). On 144 generated insurance cards the gates let 38 days through, none
wrong; with the date words spelt (`date_words_spelled`), 32 of the 108 lines OCR had misread come out right
(docs/decisions.md).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

from ocr.phrases import bare_letters
from ocr.types import Word

# Italic faces of the common document families (Times-, Arial-like, DejaVu, Noto, FreeSerif), from the
# Debian font packages set-up installs; a missing one is skipped.
FONT_FILES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerifItalic.ttf",
)
CLEARLY_BETTER = 1.02  # the next day's misfit over the best one's, at least
MAX_MISFIT = 0.25  # the best drawing's squared misfit per px of the month-to-year box, at most
CONFIDENCE = 0.8
_BLURS = (0.8, 1.3, 1.8)  # px: the print's blur, fitted
_FACE_SPREAD = 2.0  # faces whose month and year fit more than this many times worse than the best are dropped
_MAX_HEAD_WORDS = 4  # words before the month: "Ngày 05 tháng" read as up to four pieces, no place name
_TWO_DIGITS, _YEAR = re.compile(r"\d\d"), re.compile(r"(19|20)\d\d")


def _fonts() -> list[str]:
    return [f for f in FONT_FILES if Path(f).exists()]


@lru_cache(maxsize=256)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _ink(gray: np.ndarray) -> np.ndarray:
    """0 for paper, 1 for the darkest print."""
    g = gray.astype(np.float32)
    paper, dark = np.percentile(g, 90), np.percentile(g, 2)
    return np.clip((paper - g) / max(1.0, float(paper - dark)), 0, 1)


def _drawn(text: str, font: ImageFont.FreeTypeFont, x: float, baseline: float, shape: tuple[int, int]) -> np.ndarray:
    img = Image.new("L", (shape[1], shape[0]), 0)
    ImageDraw.Draw(img).text((x, baseline), text, font=font, fill=255, anchor="ls")
    return np.asarray(img, np.float32) / 255


def _unread_day_lines(words: list[Word]) -> list[tuple[Word, Word, list[Word], str]]:
    """(month, year, the words before the month, a digit of the day read alone) of each "… MM năm YYYY"
    line, its month printed with two digits, whose day was not read: no two-digit day among the few words
    before the month (one digit alone is part of it: "Ngày 2 láng 09" of "Ngày 25 tháng 09")."""
    out = []
    for k in range(1, len(words) - 1):
        month, nam, year = words[k - 1], words[k], words[k + 1]
        if nam.text != "năm" or not (month.line == nam.line == year.line):
            continue
        if not (_TWO_DIGITS.fullmatch(month.text) and 1 <= int(month.text) <= 12 and _YEAR.fullmatch(year.text)):
            continue
        head = [w for w in words[:k - 1] if w.line == month.line]  # the line's words before the month
        days = [w.text for w in head if w.text.isdigit() and 1 <= int(w.text) <= 31]
        if len(head) > _MAX_HEAD_WORDS or any(len(d) == 2 for d in days) or len(days) > 1:
            continue
        out.append((month, year, head, "".join(days)))
    return out


def _shifted(a: np.ndarray, dx: int, dy: int) -> np.ndarray:
    """`a` moved right by dx and down by dy pixels, paper (0) coming in: the same as drawing it there, as
    the drawing falls on whole pixels and a blur commutes with a shift."""
    out = np.zeros_like(a)
    h, w = a.shape
    out[max(0, dy):h + min(0, dy), max(0, dx):w + min(0, dx)] = \
        a[max(0, -dy):h - max(0, dy), max(0, -dx):w - max(0, dx)]
    return out


class _Face:
    """One font fitted to the line: its size from the month-to-year span, then the shift and blur that
    make the drawn month and year fit the page best."""

    def __init__(self, ink: np.ndarray, month: Word, year: Word, x0: int, y0: int, path: str):
        self.ink, self.month, self.x0 = ink, month, x0
        self.tail = f"{month.text} năm {year.text}"
        span = year.bbox[2] - month.bbox[0]
        self.font = _font(path, max(6, round(100 * span / _font(path, 100).getlength(self.tail))))
        self.known = int(month.bbox[0] - x0)  # columns of the crop from the month on
        self.baseline = month.bbox[3] - y0
        drawn = {blur: cv2.GaussianBlur(self._line("01")[0], (0, 0), blur) for blur in _BLURS}
        self.misfit, self.dx, self.dy, self.blur = min(
            (float(((_shifted(d, dx, dy) - ink)[:, self.known:] ** 2).sum()), dx, dy, blur)
            for blur, d in drawn.items() for dx in (-2, -1, 0, 1, 2) for dy in (-1, 0, 1))

    def _line(self, day: str, tail: bool = True) -> tuple[np.ndarray, float]:
        head = f"Ngày {day} tháng "
        start = self.month.bbox[0] - self.x0 - self.font.getlength(head)
        return _drawn(head + self.tail if tail else head, self.font, start, self.baseline, self.ink.shape), start

    def days(self) -> list[tuple[float, str, tuple]]:
        """(misfit over the whole line, day, (font, where the line starts in the crop)) of every day."""
        out = []
        for day in (f"{d:02d}" for d in range(1, 32)):
            drawn, start = self._line(day, tail=False)  # scored left of the month only
            drawn = cv2.GaussianBlur(drawn, (0, 0), self.blur)
            misfit, dx = min((float(((_shifted(drawn, dx, self.dy) - self.ink)[:, :self.known] ** 2).sum()), dx)
                             for dx in (self.dx - 1, self.dx, self.dx + 1))
            out.append((self.misfit + misfit, day, (self.font, start + dx)))
        return out


def _new_words(day: str, font: ImageFont.FreeTypeFont, start: float, x0: int, month: Word, line: int,
               block: int) -> list[Word]:
    """"Ngày", the day and "tháng" with the boxes their drawing has."""
    y0, y1 = month.bbox[1], month.bbox[3]
    out, x = [], x0 + start
    for text in ("Ngày", day, "tháng"):
        width = font.getlength(text)
        out.append(Word(text, CONFIDENCE, (int(x), y0, int(x + width), y1), block, line))
        x += width + font.getlength(" ")
    return out


def days_read(gray: np.ndarray, words: list[Word]) -> list[Word]:
    """`words` (page coordinates of `gray`, the upright grey page before cleanup) with each date line whose
    day OCR did not read given "Ngày DD tháng" where its drawing surely fits."""
    for month, year, head, partial in _unread_day_lines(words):
        h = year.bbox[3] - year.bbox[1]
        x0, y0 = max(0, month.bbox[0] - 9 * h), max(0, month.bbox[1] - h)
        crop = gray[y0:month.bbox[3] + h // 2, x0:year.bbox[2] + h]
        if crop.size == 0 or h < 6:
            continue
        ink = _ink(crop)
        faces = [_Face(ink, month, year, x0, y0, path) for path in _fonts()]
        if not faces:
            continue
        fit = min(f.misfit for f in faces)  # faces whose month and year fit far worse cannot win
        span = year.bbox[2] - month.bbox[0]
        if fit > MAX_MISFIT * span * h:
            continue  # the month and year alone fit worse than a whole line may: no face is the paper's
        scored = sorted(s for f in faces if f.misfit <= _FACE_SPREAD * fit for s in f.days())
        misfit, day, (font, start) = scored[0]
        second = next((m for m, d, _ in scored if d != day), None)
        if second is None or second < CLEARLY_BETTER * misfit or misfit > MAX_MISFIT * span * h \
                or partial not in day:
            continue
        new = _new_words(day, font, start, x0, month, month.line, month.block)
        left, right = new[0].bbox[0], month.bbox[0]
        # what OCR made of the head goes, on its line or split onto one of its own ("Ngày" alone above)
        gone = {id(w) for w in head} | {
            id(w) for w in words if left - h <= (w.bbox[0] + w.bbox[2]) / 2 < right
            and month.bbox[1] - h / 2 <= (w.bbox[1] + w.bbox[3]) / 2 <= month.bbox[3] + h / 2}
        at = words.index(head[0]) if head else words.index(month)
        words = [w for w in words[:at] if id(w) not in gone] + new + [w for w in words[at:] if id(w) not in gone]
    return words


def _number(word: Word, low: int, high: int, digits: tuple[int, ...] = (1, 2)) -> bool:
    return word.text.isdigit() and len(word.text) in digits and low <= int(word.text) <= high


def _respelt(word: Word, spelling: str, edits: int) -> Word:
    """`word` spelt `spelling` (its first letter's case kept) when its bare letters are within `edits`."""
    got = bare_letters(word.text.strip(",.:;'\"`-"))
    if word.text == spelling or not got or Levenshtein.distance(got, bare_letters(spelling)) > edits:
        return word
    text = spelling[0].upper() + spelling[1:] if word.text[:1].isupper() else spelling
    return Word(text, word.confidence, word.bbox, word.block, word.line)


def date_words_spelled(words: list[Word]) -> list[Word]:
    """The words of a date line "Ngày DD tháng MM năm YYYY" spelt so when its numbers are read and the words
    between them are near enough ("24 thang 05 nằm 2026", "Này 01 tháng", "2 láng 09"): no other word stands
    between a day and a month number, and the italic vowels under a seal's rim are what OCR misreads."""
    out = list(words)
    for k in range(len(out) - 4):
        day, month_word, month, year_word, year = out[k:k + 5]
        if len({w.line for w in out[k:k + 5]}) != 1 or not (_number(day, 1, 31) and _number(month, 1, 12)
                                                            and _number(year, 1900, 2099, (4,))):
            continue
        out[k + 1] = _respelt(month_word, "tháng", 2)
        out[k + 3] = _respelt(year_word, "năm", 1)
        if k > 0 and out[k - 1].line == day.line and (k == 1 or out[k - 2].line != day.line
                                                       or out[k - 2].text.endswith(",")):
            out[k - 1] = _respelt(out[k - 1], "ngày", 1)  # opening its line, or after the place's comma
    return out if any(a is not b for a, b in zip(out, words, strict=True)) else words
