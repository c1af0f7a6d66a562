"""Text helpers shared by the classifiers: diacritic folding, visual lines with word boxes, label search.

Labels are matched on *folded* text (no diacritics, lower case, đ→d) because Tesseract's commonest
errors on Vietnamese are wrong or missing tone marks; folding keeps one character per character, so
an offset in the folded line is an offset in the printed line and maps back to word boxes.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from classifiers.documents import PageRef
from ocr.types import PageResult, Word

Box = tuple[int, int, int, int]


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """Same length as `text` (NFC input): every character reduced to its lower-case base letter."""
    return "".join(_fold_char(c) for c in text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass
class Line:
    """One OCR line of a page: its words, the text they spell (single spaces) and its folded twin."""

    page: PageRef | None
    words: list[Word]
    text: str
    folded: str
    starts: list[int]  # offset of each word in `text`
    index: int = 0  # position in the document's line list

    @property
    def bbox(self) -> Box:
        return union([w.bbox for w in self.words])

    @property
    def height(self) -> int:
        hs = sorted(w.bbox[3] - w.bbox[1] for w in self.words)
        return hs[len(hs) // 2]

    def span_words(self, start: int, end: int) -> list[Word]:
        """Words overlapping the character range [start, end) of `text`."""
        out = []
        for w, s in zip(self.words, self.starts, strict=True):
            if s < end and s + len(w.text) > start:
                out.append(w)
        return out


def make_line(words: list[Word], page: PageRef | None = None) -> Line:
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w.text) + 1
    text = nfc(" ".join(w.text for w in words))
    return Line(page, list(words), text, fold(text), starts)


def _same_row(a: list[Word], b: list[Word]) -> bool:
    """`b` continues `a` on the same printed row: they overlap vertically and `b` starts just right of `a`
    (Tesseract cuts a row where handwriting leaves a wide gap, e.g. inside an ID number)."""
    ax0, ay0, ax1, ay1 = union([w.bbox for w in a])
    bx0, by0, bx1, by1 = union([w.bbox for w in b])
    h = min(ay1 - ay0, by1 - by0)
    overlap = min(ay1, by1) - max(ay0, by0)
    return h > 0 and overlap >= 0.6 * h and ax1 - h <= bx0 <= ax1 + 2.5 * h


def page_lines(result: PageResult, page: PageRef | None = None) -> list[Line]:
    """Printed rows in reading order: Tesseract's lines (numbered page-wide), with a line that merely
    continues the previous row to its right joined back onto it."""
    groups: dict[int, list[Word]] = {}
    for w in result.words:
        if w.text.strip():
            groups.setdefault(w.line, []).append(w)
    rows: list[list[Word]] = []
    for ws in groups.values():
        target = next((r for r in reversed(rows) if _same_row(r, ws)), None)
        if target is not None:
            target.extend(ws)
        else:
            rows.append(list(ws))
    lines = [make_line(ws, page) for ws in rows]
    for i, line in enumerate(lines):
        line.index = i
    return lines


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    score: float


_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def find_label(folded_line: str, label: str, min_score: float = 84.0, start: int = 0) -> Hit | None:
    """Best fuzzy occurrence of a folded `label` in `folded_line[start:]`."""
    hay = folded_line[start:]
    if not hay or not label:
        return None
    exact = hay.find(label)
    if exact >= 0:
        return Hit(start + exact, start + exact + len(label), 100.0)
    spaced = _HYPHEN.sub(" ", hay)  # a space read as a hyphen ("kinh-gui:"): one sign in eight is under the cutoff
    if spaced != hay and (exact := spaced.find(label)) >= 0:
        return Hit(start + exact, start + exact + len(label), 99.0)
    joined = label.replace(" ", "")
    if joined != label and (exact := hay.find(joined)) >= 0:  # OCR dropped the spaces: "tungay02/09/2026"
        return Hit(start + exact, start + exact + len(joined), 99.0)
    if len(hay) < len(label) * 0.6:
        return None
    al = fuzz.partial_ratio_alignment(label, hay, score_cutoff=min_score)
    if al is not None:
        return Hit(start + al.dest_start, start + al.dest_end, al.score)
    return _whole_words_hit(hay, label, min_score, start)


def _whole_words_hit(hay: str, label: str, min_score: float, start: int) -> Hit | None:
    """The label against runs of as many whole words: `partial_ratio` compares windows of the label's own
    length, so one letter read in too ("điên ngày" for "đến ngày") costs it two and loses the label."""
    n = label.count(" ") + 1
    words = list(re.finditer(r"\S+", hay))
    runs = ((words[i].start(), words[i + n - 1].end()) for i in range(len(words) - n + 1))
    best = max(((fuzz.ratio(label, hay[a:b]), a, b) for a, b in runs), default=None)
    return Hit(start + best[1], start + best[2], best[0]) if best and best[0] >= min_score else None


_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "i": "1", "L": "1",
                            "!": "1", "¡": "1", "Z": "2", "S": "5", "s": "5", "B": "8", "G": "6", "b": "6", "g": "9",
                            "T": "7", "A": "4", "Ø": "0", "ø": "0", "]": "1", "&": "8", "§": "8"})


def digits_like(token: str) -> str:
    """A token OCR'd from printed digits, with look-alike letters turned back into digits (a handwritten 8 is
    read as & or §: "19&3", "03§796377285"). The `vie` model puts tone marks on them too: a bold 4 at the
    end of an insurance number was read "À"; the marks go first."""
    if not token.isascii():
        token = "".join(c for c in unicodedata.normalize("NFD", token) if not unicodedata.combining(c))
    return token.translate(_DIGIT_FIX)


# Any digit may open the day (an impossible "68" is repaired later); 7 is allowed where only 0–1 / 1–2 can
# stand: handwritten 1s are often read as 7 (repaired later).
# Separators: slash, dot, hyphen, and the fraction and division slashes OCR gives for a handwritten "/". A
# handwritten month's two 1s may be read apart, the first as 7 ("25/7 1⁄1989" of 25/11/1989).
_DATE = re.compile(r"(?<![\dA-Za-z])([\dOoDIl|]?[\dOoDIl|])\s?[/.\-⁄∕]\s?([017OoIl|]?(?:(?<=[17Il|]) )?[\dOoIl|])"
                   r"\s?[/.\-⁄∕]\s?([127Il|][\dOoIl|]{3})(?![\d])")


@dataclass(frozen=True)
class DateHit:
    iso: str
    start: int
    end: int
    valid: bool


# A slash read as I, J, l, | or ! ("22I02I2026", "21I02/2032", "14J07I2026", "27!03I2026"), as a comma
# ("20/04,1978") or lost ("26/122021", "0912/2026", "30092026"): only between a two-digit day and month of
# plain digits and a 19xx/20xx year, only when no other date is found on the text, and a lost slash only when
# the result is a real date.
_LETTER_SLASH_DATE = re.compile(r"(?<![\dA-Za-z])(\d\d)([IJl|!/⁄∕]?)(\d\d)([IJl|!/⁄∕,]?)((?:19|20)\d\d)(?!\d)")
# between the words of a date line: spaces, a comma, or the dots and dashes a seal's rim crossing it is read as
# ("Ngày-26-tháng 01")
DATE_SEP = r"[\s,.\-_~]*"
# "tháng" and "năm" (folded) with the italic ă of a card's date line read as another vowel ("thóng", "thông",
# "thúng"; "nõm", "nôm", "nẽm"): only between a date's digits
# "tháng" split by a rim's speck ("-06-t ăng 01") or its h lost: only between a date's digits too
MONTH_WORD, YEAR_WORD = r"t\s?h?[aou](?:n|rl)g", r"n[aoe]m"  # and its n read "rl" ("thárlg")
NGAY = r"nga[yi]"  # its y read i ("Ngài 06")
# a handwritten 1 read as I is i once folded; a printed 1 beside a seal's rim is read as "]" ("ngày 2] tháng"),
# an italic one as "!" ("Ngày !0 thang 09"); an 8 as § or & ("tháng 0§"); a day's two signs may have a
# third beside them, a seal's speck ("Ngày I1] tháng": 11)
_DATE_WORDS = re.compile(rf"{NGAY}{DATE_SEP}([\dOoIilSs|\]!§&]{{1,2}})[\]|!]?{DATE_SEP}{MONTH_WORD}{DATE_SEP}"
                         rf"([\dOoIilSs|\]!§&]{{1,2}}){DATE_SEP}{YEAR_WORD}\s*([12][\dOoIilSs|\]§&]{{3}})")


def _date_hit(d: int, mo: int, y: int, start: int, end: int) -> DateHit:
    try:
        dt.date(y, mo, d)
        valid = 1900 <= y <= 2100
    except ValueError:
        valid = False
    return DateHit(f"{y:04d}-{mo:02d}-{d:02d}", start, end, valid)


def find_dates(text: str) -> list[DateHit]:
    """Every dd/mm/yyyy date and every "ngày D tháng M năm Y" in `text`, as ISO strings, in order of
    appearance (impossible calendar dates are kept, marked not valid)."""
    out = [_date_hit(*(int(digits_like(g.replace(" ", ""))) for g in m.groups()), m.start(), m.end())
           for m in _DATE.finditer(text)]
    out += [_date_hit(*(int(digits_like(g)) for g in m.groups()), m.start(), m.end())
            for m in _DATE_WORDS.finditer(fold(text))]
    if not out:
        out = [h for m in _LETTER_SLASH_DATE.finditer(text)
               if (h := _date_hit(int(m.group(1)), int(m.group(3)), int(m.group(5)), m.start(), m.end())).valid
               or (m.group(2) and m.group(4))]
    return sorted(out, key=lambda h: h.start)


def squash(text: str) -> str:
    """Collapse whitespace and trim punctuation OCR leaves around a value."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" :;,.-–—_|'\"`~*")
