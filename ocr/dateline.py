"""The numbers of a printed date line read by their shape, where a seal's rim crosses them or an italic digit
misleads Tesseract.

An insurance card's "Ngày 05 tháng 04 năm 2026" sits under the card's seal: on a grey copy the rim is as
dark as the thin italic digits it crosses, and Tesseract reads "(IỀ thung 04 năm 2026" at every scale, from
the cleaned page or the grey one. The month and year beside the day are read, and they fix the line's size
and place: so the line is drawn for each day 01–31 in a few common italic faces, fitted to the grey page
where the month and year are (size to a few per cent, shift, blur and ink level, over the line's own rows;
each day placed to half a pixel, the page's ink a drawing lacks counted at half: a rim's), and the day whose
drawing fits the whole line best is taken, when it fits clearly better than every other day — less clearly
when it has a digit OCR read of it, or when the three best-fitting faces each draw it best — and the drawing
fits the line at all (a font unlike the paper's fits none well: then nothing is changed) and the print is
sharp enough for its size to tell digits apart. A month OCR could not read (Times-like italics: a 5 or 8
read "Š", a 1 read "I" or nothing; or with its "tháng" lost too, read "0Ì" or "(09") is drawn the same way
from the "năm YYYY" after it, first; before that a year misread by one digit is mended. Then the words of a
date line are spelt as a date line's, and those a rim took are put back (`date_words_spelled`). Figures:
`bench/date_lines.py` and docs/decisions.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

from ocr.phrases import bare_letters
from ocr.syllables import foreign_letters, mark_key, syllables
from ocr.types import YEAR, Word, cut

# Italic faces of the common document families (Times- and Arial/Helvetica-like in two cuts each, DejaVu,
# Noto, FreeSerif), from the Debian font packages set-up installs; a missing one is skipped.
FONT_FILES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerifItalic.ttf",
    "/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-italic.otf",
    "/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreheros-italic.otf",
)
CLEARLY_BETTER = 1.01  # the next day's misfit over the best one's, at least (`_margin_needed`)
CLEARLY_BETTER_THAN_READ = 1.035  # the read day's misfit over the drawn one's, where that overrules a day OCR read
# doubtfully (every other day's: `CLEARLY_BETTER`)
MAX_MISFIT = 0.25  # the best drawing's squared misfit per px of the month-to-year box, at most
CONFIDENCE = 0.8
_BLURS = (0.6, 0.8, 1.0, 1.3, 1.6, 2.0, 2.4)  # px: the print's blur, fitted (too soft a print: `_SOFTEST`)
_SHIFT_BLUR = 1.3  # px: the blur at which the line's place is found first
_UNDRAWN_INK = 0.5  # weight of the page's ink that a drawn head lacks, in its misfit (`_misfit`)
_SCALES = (0.97, 1.0, 1.03)  # of the type size the read words' span gives: their boxes are a pixel or two off
_POOR_FIT = 0.12  # the tail's squared misfit per px of its box, over which the size and place are sought wider
_WIDE_SCALES = (0.94, 0.97, 1.0, 1.03, 1.06, 1.09)
_WIDE_REACH = 3  # px the place is sought about the best one, at each wider size
_FACE_SPREAD = 2.0  # faces whose month and year fit more than this many times worse than the best are dropped
_SUPER = 4  # lines are drawn this many times larger and shrunk: type sized to a quarter pixel
_SOFTEST = 0.1  # the print's blur over its type size, at most: softer, digits' counters (~0.1 em) fill in
_BAND = 4  # px: rows kept above and below the drawn line, and its vertical shifts (a phone's word box is ~4 px off)
_HEAD_SLACK = 4  # px the head may stand off where the month and year place it (word spaces, size)
_HEAD_HEIGHTS = 9  # digit heights left of the month: room for "Ngày DD tháng " in any face
_AGREEING_FACES = 3  # faces whose own best day, the same, stands for a clear margin (`_faces_agree`)
_DOUBTED_DAY = 0.8  # a two-digit day read less surely than this is drawn too (and kept if drawn so)
_SURE_DIGIT = 0.9  # a lone digit read this surely before a whole "tháng" is a day printed without its 0
_MAX_HEAD_WORDS = 4  # words before the month: "Ngày 05 tháng" read as up to four pieces, no place name
_SPECKS = ",.:;'\"`-“”‘’"  # signs OCR sets beside a date line's words


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


class _Type:
    """A face at a size in quarter pixels: a whole pixel is 6 % of a card's 16 px type, and the day drawn
    from a size rounded so stood a few pixels off the paper's."""

    def __init__(self, path: str, size: float):
        self.font = _font(path, max(6 * _SUPER, round(_SUPER * size)))
        self.size = self.font.size / _SUPER

    def length(self, text: str) -> float:
        return self.font.getlength(text) / _SUPER

    def drawn(self, text: str, x: float, baseline: float, shape: tuple[int, int]) -> np.ndarray:
        """`text` drawn white on black in an array of `shape`, only where its glyphs reach drawn large; word by
        word, each word drawn once a face and size (a day's forty heads share all but their number)."""
        out = np.zeros(shape, np.float32)
        pen, base = round(_SUPER * x), round(_SUPER * baseline)
        pieces, at = [], 0
        for word in text.split(" "):
            if word:
                img, left, top = _word_drawn(self.font.path, self.font.size, word)
                pieces.append((img, pen + round(self.font.getlength(text[:at])) + left, base + top))
            at += len(word) + 1
        if not pieces:
            return out
        c0 = max(0, min(px for _, px, _ in pieces) // _SUPER - 1)
        c1 = min(shape[1], max(px + img.shape[1] for img, px, _ in pieces) // _SUPER + 2)
        r0 = max(0, min(py for _, _, py in pieces) // _SUPER - 1)
        r1 = min(shape[0], max(py + img.shape[0] for img, _, py in pieces) // _SUPER + 2)
        if c1 > c0 and r1 > r0:
            big = np.zeros((_SUPER * (r1 - r0), _SUPER * (c1 - c0)), np.float32)
            for img, px, py in pieces:
                px, py = px - _SUPER * c0, py - _SUPER * r0
                a0, b0 = max(0, -py), max(0, -px)
                a1, b1 = min(img.shape[0], big.shape[0] - py), min(img.shape[1], big.shape[1] - px)
                if a1 > a0 and b1 > b0:
                    spot = big[py + a0:py + a1, px + b0:px + b1]
                    np.maximum(spot, img[a0:a1, b0:b1], out=spot)
            out[r0:r1, c0:c1] = cv2.resize(big, (c1 - c0, r1 - r0), interpolation=cv2.INTER_AREA)
        return out


@lru_cache(maxsize=2048)
def _word_drawn(path: str, size: int, word: str) -> tuple[np.ndarray, int, int]:
    """`word` drawn large, white on black, with where its image stands from the pen on the baseline."""
    font = _font(path, size)
    left, top, right, bottom = font.getbbox(word, anchor="ls")
    img = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(img).text((-left, -top), word, font=font, fill=255, anchor="ls")
    return np.asarray(img, np.float32) / 255, left, top


@dataclass(frozen=True)
class _Slot:
    """A number of a date line to draw, after the read words that fix the type's size and place."""

    anchor: Word  # the first read word after the number: the month, or "năm"
    year: Word
    tail: str  # what is printed from the anchor to the year
    head: list[Word]  # what OCR made of the number and the words drawn with it
    left: int  # page x where the drawing may start
    heads: dict[str, str]  # each head to draw, before the anchor: the number it prints
    read: str  # what OCR read of the number (`_reading`)


# a day is printed with its 0 on cards, without it on many letters ("Nam Định, ngày 4 tháng 5 năm 2026")
_DAY_HEADS = {f"Ngày {d:02d} tháng ": f"{d:02d}" for d in range(1, 32)} | {
    f"Ngày {d} tháng ": f"{d:02d}" for d in range(1, 10)}
# a month is printed with its 0 on cards, without it on many letters ("Thủ Đức, ngày 27 tháng 5 năm 2026")
_MONTH_HEADS = {f"tháng {m}{d} ": f"{m}{d}" for d in range(1, 10) for m in ("", "0")} | {
    f"tháng {m} ": str(m) for m in (10, 11, 12)}


def _unread_day_lines(words: list[Word]) -> list[_Slot]:
    """The day of each "… M năm YYYY" line that was not read surely."""
    out = []
    for k in range(1, len(words) - 1):
        month, nam, year = words[k - 1], words[k], words[k + 1]
        if not _near(nam, "nam", 1) or not (month.line == nam.line == year.line):
            continue
        if not (_number(month, 1, 12) and YEAR.fullmatch(yyyy := year.text.strip(_SPECKS))):
            continue
        # the line's words before the month, within the drawn line's reach (a column to the left is read into
        # the same line: "Giá trị sử dụng: ÿ;tháng 03 năm 2026")
        h = year.bbox[3] - year.bbox[1]
        reach = month.bbox[0] - _HEAD_HEIGHTS * h
        head = [w for w in words[:k - 1] if w.line == month.line and w.bbox[2] > reach]
        readings = [(w, r) for w in head if (r := _reading(w))]
        day = readings[0][0] if len(readings) == 1 and _number(readings[0][0], 1, 31) else None
        if len(head) > _MAX_HEAD_WORDS or len(readings) > 1 \
                or day and _sure_day(day, (head + [month])[head.index(day) + 1]):
            continue
        out.append(_Slot(month, year, f"{month.text} năm {yyyy}", head, max(0, reach), _DAY_HEADS,
                         readings[0][1] if readings else ""))
    return out


def _unread_months(words: list[Word]) -> list[_Slot]:
    """The month of each "tháng X năm YYYY" line whose X is no month (Tesseract reads an italic 5 or 8 "Š",
    a 1 "I" or "l") or was lost, where "tháng" and the year were read with room for two digits between (half the
    year's width: a line read again gives its words the line's height, more than a digit's width); or, with
    "tháng" lost too, where what stands before "năm" is a misread month (`_misread_month`: "0Ì năm 2026")."""
    out = []
    for k in range(2, len(words) - 1):
        nam, year = words[k], words[k + 1]
        if not (_near(nam, "nam", 1) and YEAR.fullmatch(yyyy := year.text.strip(_SPECKS)) and nam.line == year.line):
            continue
        h = year.bbox[3] - year.bbox[1]
        slot = [] if _near(words[k - 1], "thang", 2) else [words[k - 1]]
        thang = words[k - 1 - len(slot)]
        doubted = len(slot) == 1 and _number(slot[0], 1, 12, (2,)) and slot[0].confidence < _DOUBTED_MONTH
        unread = doubted or not any(_number(w, 1, 12) for w in slot)
        if _near(thang, "thang", 2) and thang.line == nam.line and unread \
                and nam.bbox[0] - thang.bbox[2] >= min(h, (year.bbox[2] - year.bbox[0]) / 2):
            out.append(_Slot(nam, year, f"năm {yyyy}", [thang, *slot], max(0, thang.bbox[0] - h // 2), _MONTH_HEADS,
                             slot[0].text if doubted else ""))
        elif slot and slot[0].line == nam.line and _misread_month(slot[0]):
            out.append(_Slot(nam, year, f"năm {yyyy}", slot, max(0, nam.bbox[0] - _MONTH_HEAD_HEIGHTS * h),
                             _MONTH_HEADS, ""))
    return out


_DOUBTED_MONTH = 0.93  # a month read less surely than this is drawn too: a phone's italic 5 is read 6 at 0.92
_MONTH_HEAD_HEIGHTS = 5  # digit heights left of "năm": room for "tháng MM " in any face


def _misread_month(word: Word) -> bool:
    """A word of up to three characters that is no month but holds a digit or opens with the 0 of one ("0Ì",
    "0S", "(09", "G3"): what OCR makes of a month on a blurred italic line, with its "tháng" lost."""
    text = word.text
    return len(text) <= 3 and not _number(word, 1, 12) and (any(c.isdigit() for c in text) or text[0] == "0")


def _reading(word: Word) -> str:
    """What OCR read of a day in `word`: its one or two digits ("2" of "Ngày 2 láng 09" is part of "25"; "36"
    is no day but one digit of it may be right), alone or after a misread "Ngày" ("Ngày-15"); a digit after a
    sign or letter that stands for the other digit ("t3", "{3": "?3"); else "" (a digit before a sign is not
    read surely either: "2]" and "2T" for 21, "2Í" for 11, where an italic 1 was misread)."""
    m = re.fullmatch(r"(.*?)(\d{1,2})", word.text.strip(_SPECKS))
    if not m:
        return ""
    before, digits = m.groups()
    if not before:
        return digits if int(digits) or len(digits) == 2 else ""
    if len(before) == 1 and len(digits) == 1:
        return "?" + digits
    return digits if _near(before, "ngay", 1) else ""


def _margin_needed(day: str, read: str) -> float | None:
    """How much better the drawn day must fit than every other, by what OCR read of it (`_reading`): no more
    when it shares a digit in place with a reading that is no day ("t3", "36") or is the day OCR doubted; more
    when it overrules a doubted day with a digit in common (a rim misleads OCR on one digit, not both); never
    when it lacks a lone digit read or has no digit of a day read ("93" for "02" is all a rim's)."""
    if len(read) == 1:
        return CLEARLY_BETTER if read in day else None
    read_day = read.isdigit() and 1 <= int(read) <= 31
    if read and (day[0] == read[0] or day[1] == read[1]):
        return CLEARLY_BETTER_THAN_READ if read_day and read != day else 1.0
    return None if read_day else CLEARLY_BETTER


def _sure_day(day: Word, after: Word) -> bool:
    """A day read well enough to be left alone: two digits read at `_DOUBTED_DAY` or more, or a lone digit read
    surely before a "tháng" read whole — a day printed without its 0 ("Nam Định, ngày 7 tháng 04"), not what a
    rim left of two digits."""
    if len(day.text) == 2:
        return day.confidence >= _DOUBTED_DAY
    return day.confidence >= _SURE_DIGIT and after.text == "tháng"


def _shifted(a: np.ndarray, dx: int, dy: int) -> np.ndarray:
    """`a` moved right by dx and down by dy pixels, paper (0) coming in: the same as drawing it there, as
    the drawing falls on whole pixels and a blur commutes with a shift."""
    out = np.zeros_like(a)
    h, w = a.shape
    out[max(0, dy):h + min(0, dy), max(0, dx):w + min(0, dx)] = \
        a[max(0, -dy):h - max(0, dy), max(0, -dx):w - max(0, dx)]
    return out


class _Face:
    """One font fitted to the line: its size from the span of the read words after the number, then the
    shift, blur and ink level that make them fit the page best, over the rows the drawn line takes (a card's
    lines above and below, in the crop, fit no number better than another and only blur the choice)."""

    def __init__(self, ink: np.ndarray, slot: _Slot, x0: int, y0: int, path: str):
        self.slot, self.x0, self.shape = slot, x0, ink.shape
        span = slot.year.bbox[2] - slot.anchor.bbox[0]
        size = 100 * span / _font(path, 100).getlength(slot.tail)
        self.known = int(slot.anchor.bbox[0] - x0)  # columns of the crop from the anchor on
        self.baseline = slot.anchor.bbox[3] - y0

        cut = max(0, self.known - 4)  # the tail's columns and those a shift (at most 3 px) brings into them

        def misfit(drawn: np.ndarray, dx: int, dy: int) -> float:
            return _fit(_shifted(drawn[:, cut:], dx, dy)[:, self.known - cut:], ink[:, self.known:])[0]

        def fits(k: float, shifts) -> list[tuple]:
            self.font = _Type(path, k * size)
            line = self._line(next(iter(slot.heads)))[0]
            blurred = cv2.GaussianBlur(line, (0, 0), _SHIFT_BLUR)
            return [(misfit(blurred, dx, dy), dx, dy, self.font, line) for dx, dy in shifts]

        # the shift at a middle blur, then the size a few per cent either way (the read words' boxes give it to
        # a pixel or two of their span) with the shift a pixel about it, then the blur likewise
        self.font = _Type(path, size)
        # a re-read line's words all take the line's box: the baseline is then up to the box's extra height
        # above its bottom
        _, top, _, bottom = self.font.font.getbbox(slot.tail, anchor="ls")
        extra = max(0, round(slot.year.bbox[3] - slot.year.bbox[1] - (bottom - top) / _SUPER))
        best = min(fits(1.0, [(dx, dy) for dx in (-2, -1, 0, 1, 2) for dy in range(-_BAND - extra, _BAND + 1)]),
                   key=lambda f: f[:3])
        around = [(best[1] + x, best[2] + y) for x in (-1, 0, 1) for y in (-1, 0, 1)]
        best = min([best, *(f for k in _SCALES if k != 1.0 for f in fits(k, around))], key=lambda f: f[:3])
        if best[0] > _POOR_FIT * span * (slot.year.bbox[3] - slot.year.bbox[1]):
            # no size near the read words' span fits: their boxes are off by more than a few pixels (a seal's
            # letters boxed with the month on a scan); a wider search, for these lines only (it costs)
            reach = range(-_WIDE_REACH, _WIDE_REACH + 1)
            around = [(best[1] + x, best[2] + y) for x in reach for y in reach]
            best = min([best, *(f for k in _WIDE_SCALES for f in fits(k, around))], key=lambda f: f[:3])
        _, dx, dy, self.font, line = best
        drawn = {blur: cv2.GaussianBlur(line, (0, 0), blur) for blur in _BLURS}
        _, self.dx, self.dy, self.blur = min((misfit(drawn[blur], x, y), x, y, blur) for blur in _BLURS
                                             for x in (dx - 1, dx, dx + 1) for y in (dy - 1, dy, dy + 1))
        rows = np.flatnonzero(_shifted(line, self.dx, self.dy).max(axis=1) > 0.05)
        self.rows = slice(max(0, rows[0] - 1), rows[-1] + 2) if rows.size else slice(None)
        self.ink = ink[self.rows]
        self.misfit, self.gain = _fit(_shifted(drawn[self.blur], self.dx, self.dy)[self.rows, self.known:],
                                      self.ink[:, self.known:])

    def _line(self, head: str, tail: bool = True) -> tuple[np.ndarray, float]:
        start = self.slot.anchor.bbox[0] - self.x0 - self.font.length(head)
        return self.font.drawn(head + self.slot.tail if tail else head, start, self.baseline, self.shape), start

    def heads(self) -> list[tuple[float, str, tuple]]:
        """(misfit over the whole line, head, (face, where the line starts in the crop)) of every head, each
        at its best place to half a pixel (a card's 12 px type on a phone photo: a whole pixel is a tenth of a
        digit's width, the difference between a 6 and an 8)."""
        out = []
        for head in self.slot.heads:
            start = self._line(head, tail=False)[1]  # scored before the anchor only
            misfit, dx = min(self._placed(head, start, 0.0, range(self.dx - _HEAD_SLACK, self.dx + _HEAD_SLACK + 1)))
            misfit, dx = min([(misfit, dx), *self._placed(head, start, 0.5, (int(dx) - 1, int(dx)))])
            out.append((self.misfit + misfit, head, (self, start + dx)))
        return out

    def _placed(self, head: str, start: float, half: float, shifts) -> list[tuple[float, float]]:
        """(misfit, shift from `start`) of `head` drawn `half` a pixel past `start`, then shifted by each of
        `shifts` whole pixels."""
        drawn = self.font.drawn(head, start + half, self.baseline, self.shape)
        drawn = self.gain * cv2.GaussianBlur(drawn, (0, 0), self.blur)
        ink = self.ink[:, :self.known]
        return [(_misfit(_shifted(drawn, dx, self.dy)[self.rows, :self.known], ink), dx + half) for dx in shifts]


def _misfit(drawn: np.ndarray, ink: np.ndarray) -> float:
    """Squared misfit of a drawn head, ink the drawing lacks counted at `_UNDRAWN_INK`: a seal's rim adds ink
    where no digit is, and a fat digit (8, 6) that covers it should not win for that; a drawn stroke the page
    lacks is never a rim's doing."""
    r = drawn - ink
    return float((np.where(r < 0, _UNDRAWN_INK, 1.0) * r * r).sum())


def _fit(drawn: np.ndarray, ink: np.ndarray) -> tuple[float, float]:
    """(squared misfit, ink level) of `drawn` times the level that fits `ink` best (a blurred print is
    paler or darker than the drawing's)."""
    dd, di = float((drawn * drawn).sum()), float((drawn * ink).sum())
    gain = float(np.clip(di / dd, 0.5, 3.0)) if dd > 0 else 1.0
    return float(((gain * drawn - ink) ** 2).sum()), gain


def _new_words(head: str, font: _Type, start: float, x0: int, slot: _Slot) -> list[Word]:
    """The drawn head's words with the boxes their drawing has."""
    y0, y1 = slot.anchor.bbox[1], slot.anchor.bbox[3]
    out, x = [], x0 + start
    for text in head.split():
        width = font.length(text)
        out.append(Word(text, CONFIDENCE, (int(x), y0, int(x + width), y1), slot.anchor.block, slot.anchor.line))
        x += width + font.length(" ")
    return out


def _faces_agree(scored: list[tuple[float, str, tuple]], slot: _Slot, number: str) -> bool:
    """The `_AGREEING_FACES` best-fitting faces each fit `number` best: a phone's blur leaves the true day
    under 2 % clear of the next in any one face, but a rim or a speck that favours a wrong digit favours it
    in one face's shapes, not in several."""
    firsts: dict[int, str] = {}
    for _, head, (face, _) in scored:  # best first: each face's first entry is its own best day
        firsts.setdefault(id(face), slot.heads[head])
    best = list(firsts.values())[:_AGREEING_FACES]
    return len(best) == _AGREEING_FACES and all(int(n) == int(number) for n in best)


def _drawn(gray: np.ndarray, words: list[Word], slots: list[_Slot]) -> list[Word]:
    """`words` with each slot's head drawn where a drawing fits surely and clearly better than any other
    number's."""
    for slot in slots:
        anchor, year = slot.anchor, slot.year
        h = year.bbox[3] - year.bbox[1]
        x0, y0 = slot.left, max(0, anchor.bbox[1] - h)
        crop = gray[y0:anchor.bbox[3] + h // 2, x0:year.bbox[2] + h]
        if crop.size == 0 or h < 6 or x0 >= anchor.bbox[0]:
            continue
        ink = _ink(crop)
        faces = [_Face(ink, slot, x0, y0, path) for path in _fonts()]
        if not faces:
            continue
        fit = min(f.misfit for f in faces)  # faces whose anchor words fit far worse cannot win
        span = year.bbox[2] - anchor.bbox[0]
        if fit > MAX_MISFIT * span * h:
            continue  # the read words alone fit worse than a whole line may: no face is the paper's
        scored = sorted((s for f in faces if f.misfit <= _FACE_SPREAD * fit for s in f.heads()), key=lambda s: s[:2])
        misfit, head, (face, start) = scored[0]
        number = slot.heads[head]
        second = next((m for m, other, _ in scored if int(slot.heads[other]) != int(number)), None)
        needed = _margin_needed(number.zfill(2), slot.read)  # a month's head may print it without its 0
        if needed is not None and _faces_agree(scored, slot, number):
            needed = 1.0
        if needed == CLEARLY_BETTER_THAN_READ:  # the day OCR read is the one to overrule clearly, others as usual
            read_fit = next((m for m, other, _ in scored if int(slot.heads[other]) == int(slot.read)), None)
            if read_fit is not None and read_fit <= needed * misfit:
                continue
            needed = CLEARLY_BETTER
        if second is None or needed is None or second <= needed * misfit or misfit > MAX_MISFIT * span * h \
                or face.blur > _SOFTEST * face.font.size:
            continue  # not clearly one number, or a print too soft for its size to tell digits apart
        if slot.heads is _MONTH_HEADS and slot.read and int(slot.read) == int(number):
            continue  # the month read doubtfully is the one drawn: its words stay as read
        new = _new_words(head, face.font, start, x0, slot)
        left, right = new[0].bbox[0], anchor.bbox[0]
        # what OCR made of the head goes, on its line or split onto one of its own ("Ngày" alone above); the
        # place before a letter's date stays ("Hà Nội, ngày 21")
        # (a word whose box runs on past the month, "thang" boxed to the year's end on a phone photo, by its start)
        # (a word of another line goes only when its whole line lies there and reaches into the anchor's rows:
        # "phường 9" ending the line above within the head's reach keeps its 9; "GIÁM" of the title under a
        # phone photo's date line, whose words are boxed as tall as the line, kept its place)
        inside = {id(w) for w in words if left <= (w.bbox[0] + w.bbox[2]) / 2 < right}
        gone = [k for k, w in enumerate(words) if (id(w) in inside or left <= w.bbox[0] < right and w in slot.head)
                and anchor.bbox[1] - h / 2 <= (w.bbox[1] + w.bbox[3]) / 2 <= anchor.bbox[3] + h / 2
                and (w.line == anchor.line or all(id(v) in inside for v in words if v.line == w.line)
                     and w.bbox[1] < anchor.bbox[3] and anchor.bbox[1] < w.bbox[3])]
        at = min(gone[:1] + [words.index(anchor)])  # a speck under the line, listed after it, goes too
        if at and words[at - 1].line == anchor.line and words[at - 1].text.endswith(",") and new[0].text == "Ngày":
            new[0] = replace(new[0], text="ngày")
        words = [w for k, w in enumerate(words[:at]) if k not in gone] + new + \
            [w for k, w in enumerate(words[at:], at) if k not in gone]
    return words


def days_read(gray: np.ndarray, words: list[Word]) -> list[Word]:
    """`words` (page coordinates of `gray`, the upright grey page before cleanup) with each date line's year
    mended (`_years_mended`), then its month that OCR did not read, then each day it did not read surely,
    drawn where a drawing surely fits."""
    words = _years_mended(words)
    words = _drawn(gray, words, _unread_months(words))
    return _drawn(gray, words, _unread_day_lines(words))


def _years_mended(words: list[Word]) -> list[Word]:
    """A date line's year misread by one digit ("tháng 05 năm 3026", "05 năm 226") as the one year from 1900 to
    this one that digit makes of it ("20286" is 2026 or 2028: left as read)."""
    out = list(words)
    for k in range(2, len(words)):
        month, nam, year = words[k - 2:k + 1]
        digits = year.text.strip(_SPECKS)
        if not (digits.isdigit() and 3 <= len(digits) <= 5 and not YEAR.fullmatch(digits) and _near(nam, "nam", 1)
                and (_number(month, 1, 12) or _near(month, "thang", 2)) and month.line == nam.line == year.line):
            continue
        years = [y for y in range(1900, date.today().year + 1) if Levenshtein.distance(str(y), digits) == 1]
        if len(years) == 1:
            out[k] = replace(year, text=year.text.replace(digits, str(years[0])),
                             confidence=min(year.confidence, _LOST_WORD_CONFIDENCE))
    return out if out != words else words


def _near(word: Word | str, letters: str, edits: int) -> bool:
    """`word`'s bare letters, the signs beside it aside, are within `edits` of `letters`."""
    text = word if isinstance(word, str) else word.text
    return Levenshtein.distance(bare_letters(text.strip(_SPECKS)), letters) <= edits


def _number(word: Word, low: int, high: int, digits: tuple[int, ...] = (1, 2)) -> bool:
    return word.text.isdigit() and len(word.text) in digits and low <= int(word.text) <= high


def _respelt(word: Word, spelling: str, edits: int) -> Word:
    """`word` spelt `spelling` when its bare letters are within `edits`, its first letter's case kept if it was
    near (a word taken for its place alone, `_ANY`, is spelt as given: "Ngày 19 Me 09" → "tháng")."""
    if word.text == spelling or not _near(word, bare_letters(spelling), edits):
        return word
    upper = word.text.strip(_SPECKS)[:1].isupper() and edits < _ANY
    text = spelling[0].upper() + spelling[1:] if upper else spelling
    return word if text == word.text else Word(text, word.confidence, word.bbox, word.block, word.line)


def _specks_cut(words: list[Word]) -> list[Word]:
    """A number beside a date word with a letter Vietnamese does not write stuck to its end ("tháng 5Š
    năm"): a seal's speck (not after a lone 0: "0Ï" is a digit misread)."""
    out = list(words)
    for k, w in enumerate(words):
        m = re.fullmatch(r"(\d{1,2})(\w)", w.text)
        beside = words[max(0, k - 1):k + 2]
        if m and int(m.group(1)) and foreign_letters(m.group(2)) and any(
                n.line == w.line and bare_letters(n.text) in ("ngay", "thang", "nam") for n in beside):
            out[k] = Word(m.group(1), w.confidence, w.bbox, w.block, w.line)
    return out


_LOST_WORD_CONFIDENCE = 0.6
_ANY = 99  # edits: a word whose place on a date line says what it is
_MONTH_WORD_WIDTH = 1.2  # "tháng" is at least this many times as wide as the line's "năm"
# a rim that took "tháng" crossed the day too: read less surely, it was wrong on both of 240 generated cards
# (30 for 26 at 0.76, 03 for 05 at 0.72), right on the two of the bench (0.82, 0.91)
_SURE_DAY = 0.8


def _date_words(words: list[Word], k: int) -> int:
    """How many words from `k` on read "DD MM năm YYYY" or "DD tháng MM năm YYYY" on one line (4 or 5),
    their "tháng" and "năm" misread by up to two letters and one; else 0."""
    for n in (4, 5):
        run = words[k:k + n]
        if len(run) == n and len({w.line for w in run}) == 1 and _number(run[0], 1, 31) \
                and _number(run[-3], 1, 12) and _near(run[-2], "nam", 1) and _number(run[-1], 1900, 2099, (4,)) \
                and (n == 4 or _near(run[1], "thang", 2)):
            return n
    return 0


def _lost_words_put_back(words: list[Word]) -> list[Word]:
    """A date line's "tháng" lost between its numbers under a seal's rim ("10 05 năm 2026"), where the gap
    between them is as wide as the word and the day was read surely, and its "Ngày" lost before a day that
    opens its line (not after a "ngày" that ended the line above): the only words a date line can hold there."""
    out: list[Word] = []
    for k, day in enumerate(words):
        n = _date_words(words, k)
        if not n:
            out.append(day)
            continue
        month, nam, year = words[k + n - 3:k + n]
        width, space = nam.bbox[2] - nam.bbox[0], max(1, year.bbox[0] - nam.bbox[2])
        lost_month = n == 4 and month.bbox[0] - day.bbox[2] >= _MONTH_WORD_WIDTH * width + 2 * space \
            and day.confidence >= _SURE_DAY
        before = words[k - 1] if k else None
        if (n == 5 or lost_month) and (before is None or before.line != day.line and not _near(before, "ngay", 1)):
            out.append(Word("Ngày", _LOST_WORD_CONFIDENCE, (day.bbox[0] - space - round(1.3 * width), nam.bbox[1],
                                                            day.bbox[0] - space, nam.bbox[3]), day.block, day.line))
        out.append(day)
        if lost_month:
            out.append(Word("tháng", _LOST_WORD_CONFIDENCE, (day.bbox[2] + space, nam.bbox[1],
                                                             month.bbox[0] - space, nam.bbox[3]), day.block, day.line))
    return out


def _apart(left: Word, right: Word) -> bool:
    """Two words of one line with a column gap between them (wider than three word heights)."""
    return right.bbox[0] - left.bbox[2] > 3 * (right.bbox[3] - right.bbox[1])


_GLUED_READ = 0.5  # a date word and a number read as one less surely were misread too ("22thóng" of "25 tháng")


def _glued_cut(words: list[Word]) -> list[Word]:
    """A date word and a number read as one word ("Ngày.24", "13-tháng", "06năn") as the two they are."""
    out: list[Word] = []
    for w in words:
        m = re.fullmatch(r"([^\W\d_]+)[-.,:;]?(\d{1,2})|(\d{1,2})[-.,:;]?([^\W\d_]+)", w.text)
        parts = [p for p in (m.groups() if m else ()) if p]
        letters = next((p for p in parts if not p.isdigit()), "")
        glued = m and w.confidence >= _GLUED_READ and any(_near(letters, d, 1) for d in ("ngay", "thang", "nam"))
        out += cut(w, *parts) if glued else [w]
    return out


def _syllable(word: Word) -> bool:
    return mark_key(word.text.strip(_SPECKS)) in syllables()


def date_words_spelled(words: list[Word]) -> list[Word]:
    """The words of a date line "Ngày DD tháng MM năm YYYY" spelt so when its numbers are read and the words
    between them are near enough ("24 thang 05 nằm 2026", "Này 01 tháng", "2 láng 09") or lost
    (`_lost_words_put_back`): no other word stands between a day and a month number, and the italic vowels
    under a seal's rim are what OCR misreads. After "Ngày DD" the word before the month is "tháng" however
    it reads ("Ngày 16 ta: 09"), and before "DD tháng" a line's first word that is no syllable, or a
    syllable two letters off, is "Ngày" ("Aưấy 31 tháng 05", "Mày 05 tháng 10"). A lone digit read doubtfully
    before a misread month word makes no date: it is as often what a rim left of two digits ("2 láng" of 25)."""
    out = _lost_words_put_back(_specks_cut(_glued_cut(words)))
    for k in range(len(out) - 4):
        day, month_word, month, year_word, year = out[k:k + 5]
        if len({w.line for w in out[k:k + 5]}) != 1 or not (_number(day, 1, 31) and _number(month, 1, 12)
                                                            and _number(year, 1900, 2099, (4,))) \
                or len(day.text) == 1 and day.confidence < _SURE_DIGIT and month_word.text != "tháng":
            continue  # a lone digit read doubtfully before a misread month word: what a rim left of a day
        opener = out[k - 1] if k > 0 and out[k - 1].line == day.line else None
        out[k + 1] = _respelt(month_word, "tháng", _ANY if opener and _near(opener, "ngay", 1) else 2)
        out[k + 3] = _respelt(year_word, "năm", 1)
        # the word opening its line, or after the place's comma, or across a column gap ("dụng: Này 18")
        before = out[k - 2] if k > 1 else None
        if opener and (before is None or before.line != day.line or before.text.endswith(",")
                       or _apart(before, opener)):
            if out[k + 1].text == "tháng" and (len(day.text) == 2 or day.confidence >= _SURE_DIGIT):
                # "ưày 3 thung" was 23; a syllable is "Ngày" two letters off ("Mày"): no other word opens a
                # line before "DD tháng MM năm YYYY"
                out[k - 1] = _respelt(opener, "ngày" if before and before.line == day.line else "Ngày",
                                      2 if _syllable(opener) else _ANY)
            else:
                out[k - 1] = _respelt(opener, "ngày", 1)
    return out if len(out) != len(words) or any(a is not b for a, b in zip(out, words, strict=True)) else words
