"""Data types shared by the page pipeline and its callers.

Coordinates are pixels in the *corrected* page image (after rotation and deskew), origin top-left,
as (x0, y0, x1, y1). Confidences are 0–1.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

YEAR = re.compile(r"(19|20)\d\d")  # a year the papers print: of a birth, a paper's making

# Mean word confidence under which a page is worth an officer's look. On the pages of bench/ocr_quality.py
# (seeds 3 and 4) every page under 0.89 had a character error rate of 5 % or more (up to 51 %: a phone
# photo of ID cards); most pages read 0.90-0.96. Tesseract's confidences are not calibrated, so this is
# a triage line, not a probability.
PAGE_REVIEW_BELOW = 0.89


def page_needs_review(confidence: float) -> bool:
    return confidence < PAGE_REVIEW_BELOW


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float
    bbox: tuple[int, int, int, int]
    block: int
    line: int


def cut(word: Word, first: str, second: str) -> list[Word]:
    """`word` read as one, `first` + `second` (perhaps a sign between them), as two: its box shared by
    their letters."""
    x0, y0, x1, y1 = word.bbox
    at = x0 + round((x1 - x0) * len(first) / len(word.text))
    return [Word(first, word.confidence, (x0, y0, at, y1), word.block, word.line),
            Word(second, word.confidence, (at, y0, x1, y1), word.block, word.line)]


def joined(a: Word, b: Word) -> Word:
    """Two words of a line read as one, `a` before `b`: their boxes joined, the less sure one's confidence."""
    box = (a.bbox[0], min(a.bbox[1], b.bbox[1]), b.bbox[2], max(a.bbox[3], b.bbox[3]))
    return Word(a.text + b.text, min(a.confidence, b.confidence), box, a.block, a.line)


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Two (x0, y0, x1, y1) boxes share some area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def shared_area(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """Area two (x0, y0, x1, y1) boxes share."""
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def area(box: tuple[int, ...]) -> int:
    return max(1, (box[2] - box[0]) * (box[3] - box[1]))


def rows_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two rows (top, bottom) overlap by half the lower one's height."""
    return min(a[1], b[1]) - max(a[0], b[0]) >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def by_line(words: list[Word]) -> dict[int, list[Word]]:
    """Words grouped by their `line` number, lines and words in the order given."""
    out: dict[int, list[Word]] = {}
    for w in words:
        out.setdefault(w.line, []).append(w)
    return out


@dataclass(frozen=True)
class Orientation:
    """`rotation` is the clockwise angle (0/90/180/270) the page must be turned by to read upright."""

    rotation: int
    confidence: float
    method: str


@dataclass(frozen=True)
class PageResult:
    """What the pipeline learnt about one page; `text` is NFC, lines in reading order."""

    rotation: int
    rotation_confidence: float
    skew_deg: float
    text: str
    confidence: float
    words: list[Word] = field(default_factory=list)
    width: int = 0
    height: int = 0
    dpi: int = 300

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> PageResult:
        words = [Word(**{**w, "bbox": tuple(w["bbox"])}) for w in data.get("words", [])]
        return cls(**{**data, "words": words})


class PageLoadError(Exception):
    """A page (or whole file, page=None) that cannot be turned into an image."""

    def __init__(self, file: str, page: int | None, reason: str):
        self.file, self.page, self.reason = file, page, reason
        where = file if page is None else f"{file}, page {page}"
        super().__init__(f"{where}: {reason}")
