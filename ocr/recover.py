"""Print that Tesseract's layout analysis dropped, found as ink no word covers and read line by line.

On cards the sparse-text layout mode drops a line, or the first half of one, when a few pixels of
crop or a seal's rim through it change how it groups the glyphs (a whole "Họ và tên" line of a phone
photo); on forms the automatic one leaves out a handwritten value beside its printed label ("Họ,
chữ đệm, tên người yêu cầu:" read, "Huỳnh" of "Huỳnh Văn Khôi" not). The ink is there; read alone as
one line (layout mode 7) it comes out right. Numbers read with doubt are likewise cut out and read
again, with the `eng` model. This module only decides where such lines and numbers are, which readings
to keep and where their words go in the reading order; `ocr.read` runs Tesseract.
"""

from __future__ import annotations

import re
from datetime import date

import cv2
import numpy as np

from ocr.components import components
from ocr.phrases import bare_letters, is_phrase
from ocr.syllables import is_syllable
from ocr.types import YEAR, Word

LINE_PSM = 7  # Tesseract reads the image as one line of text
INK = 160  # of a prepared image (paper 255, print near 0)
_HALO = 230  # ... and the grey a blurred mark's edge fades out at
_COVER_X, _COVER_Y = 0.4, 0.25  # word heights a read word's box is widened by: its own diacritics and edges
_JOIN = 0.9  # word heights: glyphs closer than this along a line belong to one piece of it (a space ≈ 0.35)
_MIN_H, _MAX_H = 0.45, 1.6  # word heights: a piece of a line of print (rules, photos, seal rims are outside)
_GLYPH_W = 8.0  # word heights: wider is a rule; a handwritten word joined up ("Huỳnh") is narrower
_MIN_W = 0.6  # word heights: narrower is a stray mark; a two-digit italic month ("01" between words) is 0.7
_EMBLEM = 8.0  # word heights: a drawn shape up to this size around a piece is an emblem, not a frame of print
_HALF_SIZE_FROM = 24  # px of word height: from here the search for pieces runs at half size
_MIN_GLYPHS = 2  # glyph-sized components in a piece: fewer is a dash or a seal's fragment (letters touch at half size)
_WORD_BLOB = 2.5  # ... unless the one is this many times as wide as tall: a bold word blurred into one blob
_WORD_STROKES = 4  # ... or its middle row crosses this many strokes: a short bold word's letters touching
_MIN_CONFIDENCE = 0.7  # of every word of a recovered line: a line read on its own has no context to lean on
_MIN_AMONG_SURE = 0.35  # ... or of one weaker word among words this sure on average ("tê:" at 0.69 in "Họ và
_MEAN_CONFIDENCE = 0.8  # tê: TÔ HOÀNG TRUNG"; an italic "Ngày" at 0.36 before "15 tháng 10 năm 2026", 0.78–0.97)
_SYLLABLE_AMONG_SURE = 0.5  # ... or of a syllable among words each read this surely: a line's end a copier's
_SURE_BESIDE = 0.9  # streak cut off ("bản:" at 0.54 before "thân" at 0.96)
_REREAD = 0.5  # share of a recovered word's width over read words of its rows: it reads them again
_MARGIN = 0.6  # word heights around a piece read with it: stacked diacritics ("Ễ") reach this far above
_MARGIN_BELOW = 0.4  # ... and a dot below ("ạ") under it
_BESIDE = 0.25  # word heights: a dot this small and this near a piece's glyphs belongs to them
_RULE_W, _RULE_H = 0.6, 0.15  # word heights: a mark over or under a piece this wide and thin is a rule's dash


def _uncovered(image: np.ndarray, words: list[Word], h: float, k: int) -> np.ndarray:
    """Ink mask (uint8 0/1) of `image` with every read word's box, widened, blanked out; shrunk `k` (1 or
    2) times keeping every inked pixel (a thin stroke must not fade out as it would when averaged)."""
    ink = (image < INK).astype(np.uint8)
    ih, iw = ink.shape
    dx, dy = int(_COVER_X * h), int(_COVER_Y * h)
    for x0, y0, x1, y1 in (w.bbox for w in words):
        ink[max(0, y0 - dy) : min(ih, y1 + dy), max(0, x0 - dx) : min(iw, x1 + dx)] = 0
    return _halved(ink) if k == 2 else ink


def _halved(mask: np.ndarray) -> np.ndarray:
    """`mask` at half size, a pixel set where any of its four was: a thin stroke must not fade out."""
    mask = mask[: mask.shape[0] // 2 * 2, : mask.shape[1] // 2 * 2]
    return mask[::2, ::2] | mask[1::2, ::2] | mask[::2, 1::2] | mask[1::2, 1::2]


def word_height(words: list[Word]) -> float:
    return float(np.median([w.bbox[3] - w.bbox[1] for w in words])) if words else 0.0


Box = tuple[int, int, int, int]

_FIT_GAP = 0.1  # of a word's box height: rows this few without ink inside one line's print (an accent's gap)


def fitted(image: np.ndarray, words: list[Word]) -> list[Word]:
    """`words` with each box cut to the rows of its own print: the run of inked rows (gaps under
    `_FIT_GAP` bridged) that holds the most ink."""
    out = []
    for w in words:
        x0, y0, x1, y1 = w.bbox
        rows = (image[y0:y1, x0:x1] < INK).sum(axis=1)
        inked = np.flatnonzero(rows)
        if inked.size == 0:
            out.append(w)
            continue
        ends = np.flatnonzero(np.diff(inked) > max(2, int(_FIT_GAP * (y1 - y0))))  # the last row of each run but one
        first, last = inked[0], inked[-1]
        if ends.size:  # the run with most ink (`reduceat`: each run's ink, over its rows and the gap after it)
            starts = np.concatenate(([first], inked[ends + 1]))
            k = int(np.argmax(np.add.reduceat(rows, starts)))
            first, last = starts[k], (inked[ends[k]] if k < ends.size else inked[-1])
        box = (x0, y0 + int(first), x1, y0 + int(last) + 1)
        out.append(w if box == w.bbox else Word(w.text, w.confidence, box, w.block, w.line))
    return out


def uncovered_lines(image: np.ndarray, words: list[Word], h: float | None = None) -> list[tuple[Box, Box]]:
    """Boxes (x0, y0, x1, y1) in `image`'s frame of line pieces no word of `words` covers, each with its
    widening through the ink of its rows (`_along`; the same box when there is none to widen through).

    `words` must be in the same frame; their median height, or `h` when given (the height of Tesseract's
    boxes where `words` are `fitted`), sets every size here, so a part with no words yields nothing (there is
    no size to look for). The search runs at half size where words are
    tall enough (a page's: it was a tenth of the page's reading time at full size).
    """
    if not words:
        return []
    h = h or word_height(words)
    k = 2 if h >= _HALF_SIZE_FROM else 1
    ink = _uncovered(image, words, h, k)
    h /= k
    n, labels, stats = components(ink)
    glyph = (stats[:, 3] <= _MAX_H * h) & (stats[:, 2] <= _GLYPH_W * h) & (stats[:, 4] >= (0.12 * h) ** 2)
    glyph[0] = False
    sized = ~glyph & (stats[:, 2] <= _EMBLEM * h) & (stats[:, 3] <= _EMBLEM * h)  # a signature's, an emblem's size
    sized[0] = False
    if k == 2:  # at half size letters a gap of a pixel or two parts from a signature join it
        labels, glyph, sized = _split_at_full_size(image, labels, glyph, sized, stats, h)
    if not glyph.any():
        return []
    glyphs = glyph.astype(np.uint8).take(labels)
    kw = max(3, int(_JOIN * h))
    joined = cv2.dilate(glyphs, cv2.getStructuringElement(cv2.MORPH_RECT, (kw, 1)))
    m, pieces, pstats = components(joined)
    big = stats[sized]
    boxes = []
    for i in range(1, m):
        x, y, w, ph = (int(v) for v in pstats[i, :4])
        x, w = x + (kw - 1) // 2, w - kw + 1  # the glyphs' own columns, without the dilation's reach
        if not (_MIN_H * h <= ph <= 2 * _MAX_H * h and w >= _MIN_W * h):  # up to two lines: `_rows` parts them
            continue
        if any(bx <= x and by <= y and x + w <= bx + bw and y + ph <= by + bh for bx, by, bw, bh, _ in big):
            continue  # lettering inside an emblem or a seal ("BHXH" in the insurance card's logo)
        whole = np.s_[y : y + ph, x : x + w]
        rows = _rows((pieces[whole] == i) & (glyphs[whole] > 0), y, _MIN_H * h)
        if any(rh > _MAX_H * h for _, rh in rows):
            continue
        for top, rh in rows:
            window = np.s_[top : top + rh, x : x + w]
            marks = len(np.unique(labels[window][(pieces[window] == i) & (glyphs[window] > 0)]))
            if (marks >= _MIN_GLYPHS or w >= _WORD_BLOB * rh
                    or _strokes(image[top * k : (top + rh) * k, x * k : (x + w) * k]) >= _WORD_STROKES):
                x0, x1 = _along(ink[top : top + rh].any(axis=0), x, x + w, kw)
                boxes.append(((x * k, top * k, (x + w) * k, (top + rh) * k), (x0 * k, top * k, x1 * k, (top + rh) * k)))
    return boxes


def _split_at_full_size(image: np.ndarray, labels: np.ndarray, glyph: np.ndarray, sized: np.ndarray,
                        stats: np.ndarray, h: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(labels, glyph, sized) of the half-size search with each mark of a signature's or an emblem's size
    looked at in full: the glyph-sized parts it holds there ("G" and "I" of a photocopy's "GIÁM" whose "ÁM"
    touches the director's signature) become glyphs of their own, and it no longer counts as an emblem
    whose lettering inside is no line."""
    labels, glyph, sized = labels.copy(), glyph.tolist(), sized.copy()
    for i in np.flatnonzero(sized):
        x, y, w, hh = (int(v) for v in stats[i, :4])
        region = image[2 * y : 2 * (y + hh), 2 * x : 2 * (x + w)]
        own = np.repeat(np.repeat(labels[y : y + hh, x : x + w] == i, 2, axis=0), 2, axis=1)
        full = (region < INK) & own[: region.shape[0], : region.shape[1]]
        n, parts, pst = components(full.astype(np.uint8))
        found = [j for j in range(1, n) if pst[j, 3] <= _MAX_H * 2 * h and pst[j, 2] <= _GLYPH_W * 2 * h
                 and pst[j, 4] >= (0.24 * h) ** 2]
        for j in found:
            half = _halved(parts == j)
            labels[y : y + half.shape[0], x : x + half.shape[1]][half] = len(glyph)
            glyph.append(True)
        if found:
            sized[i] = False
    return labels, np.array(glyph), sized


def _strokes(piece: np.ndarray) -> int:
    """Most strokes a row of a piece of `image` crosses in its lower middle, where the letters' bodies lie
    below their marks: a bold word's letters touch into one mark ("ĐỐC", five strokes; "HẢI" joined by the
    hook over its A), a dash or an arc of a seal's rim crosses one or two."""
    ph = piece.shape[0]
    rows = piece[int(0.4 * ph) : max(int(0.8 * ph), int(0.4 * ph) + 1)] < INK
    return int((rows[:, 0] + np.count_nonzero(rows[:, 1:] & ~rows[:, :-1], axis=1)).max())


_ROW_GAP = 0.25  # of a piece's fullest row: a row inked this little in its middle parts two lines (accents
# between them fill a fifth of it; the middle of one line is its letters' bodies)


def _rows(piece: np.ndarray, y: int, least: float) -> list[tuple[int, int]]:
    """(top, height) of the lines of print in a piece (a mask, its top at `y`): one, or two where a row
    nearly empty lies in its middle and both sides are `least` rows tall or more. A card's date line and
    the signer's title under it touch where an accent meets a descender and came out as one piece, read
    as one line into nothing."""
    ink = piece.sum(axis=1)
    ph = len(ink)
    middle = ink[int(0.3 * ph) : int(0.7 * ph)]
    if not middle.size or middle.min() > _ROW_GAP * ink.max():
        return [(y, ph)]
    cut = int(0.3 * ph) + int(np.argmin(middle))
    if min(cut, ph - cut - 1) < least:
        return [(y, ph)]
    return [(y, cut), (y + cut + 1, ph - cut - 1)]


def _along(columns: np.ndarray, x0: int, x1: int, gap: int) -> tuple[int, int]:
    """A piece's columns widened through the ink of its rows, however shaped, up to `gap` apart: the rest
    of its line where a mark crossing it (a seal's rim through "Ngày 15 tháng") joined glyphs into one
    shape too large to be print. Widened, a piece can take in a signature's strokes too: it is read as a
    second choice (`ocr.read.recovered`)."""
    ink = np.flatnonzero(columns)
    while (left := ink[(ink < x0) & (ink >= x0 - gap)]).size:
        x0 = int(left.min())
    while (right := ink[(ink >= x1) & (ink < x1 + gap)]).size:
        x1 = int(right.max()) + 1
    return x0, x1


_THEIRS = 0.25  # of a piece's height: a mark partly under a read word's box that reaches no further into it
# is that word's (an italic stroke out of its box), not the piece's


def crop(
    image: np.ndarray, box: tuple[int, int, int, int], words: list[Word], h: float | None = None
) -> tuple[np.ndarray, tuple[int, int]]:
    """The piece and the paper around it (its diacritics lie outside its box), and its top-left in
    `image`. In that margin the read words, the ends of the lines above and below it (marks cut by
    the margin's edge that do not reach into the piece's rows), rules wholly above or below its rows
    (Tesseract read nothing of a "Số: 41" under its heading's underline) and whatever lies wholly beside
    its columns are blanked out: on a card the lines are close, and a line read with the tops of the next
    one is misread; a card's edge beside a piece made Tesseract read nothing of "05/08/2042". So are the marks
    partly under a read word's box that reach little into the piece's rows (`_THEIRS`). `h`, the word height
    that sizes the margins, is the median of `words`' boxes unless given."""
    h = h or word_height(words)
    m, below = int(_MARGIN * h), int(_MARGIN_BELOW * h)
    x0, y0 = max(0, box[0] - m), max(0, box[1] - m)
    x1, y1 = min(image.shape[1], box[2] + m), min(image.shape[0], box[3] + below)
    piece = image[y0:y1, x0:x1].copy()
    read = np.zeros(piece.shape, bool)
    for wx0, wy0, wx1, wy1 in (w.bbox for w in words):
        read[max(0, wy0 - y0) : max(0, wy1 - y0), max(0, wx0 - x0) : max(0, wx1 - x0)] = True
    top, bottom, left, right = box[1] - y0, box[3] - y0, box[0] - x0, box[2] - x0
    n, labels, stats = components((piece < INK).astype(np.uint8))
    theirs = np.unique(labels[read & (labels > 0)])
    theirs = theirs[stats[theirs, 1] + stats[theirs, 3] <= top + _THEIRS * (bottom - top)]
    piece[read | np.isin(labels, theirs)] = 255
    _blank(piece, INK, lambda x, y, cw, ch: (y == 0 or y + ch == piece.shape[0]) and not (y < bottom and y + ch > top))
    near = _BESIDE * h

    def beside(x: int, y: int, cw: int, ch: int) -> bool:
        if (y + ch <= top or y >= bottom) and cw >= _RULE_W * h and ch <= _RULE_H * h:
            return True  # a rule over or under the piece (a heading's underline, dashed): no diacritic
        if cw <= near and ch <= near and x + cw > left - near and x < right + near:
            return False  # a dot near the glyphs: a slanted "i"'s lies right of its stem
        return x + cw <= left or x >= right

    _blank(piece, _HALO, beside)  # with its grey halo: a card's edge there stopped "05/08/2042" being read
    return piece, (x0, y0)


def _blank(piece: np.ndarray, level: int, drop) -> None:
    """In place: paper over the marks (connected pixels darker than `level`) whose box (x, y, w, h) `drop` takes."""
    n, labels, stats = components((piece < level).astype(np.uint8))
    gone = [i for i in range(1, n) if drop(*(int(v) for v in stats[i, :4]))]
    if gone:
        piece[np.isin(labels, gone)] = 255


_SPECK_H = 0.5  # word heights: a read word this low inside a piece is a misreading of its glyphs' tops or dots


def specks_in(words: list[Word], box: tuple[int, int, int, int], h: float) -> list[Word]:
    """The read words centred inside the piece `box`, each far lower than a word: on an ID card "dị" and "d," read
    at 0.5 and 0.3 from the ascenders of "Independence", whose body Tesseract skipped. Blanked out of the piece's
    crop like other read words, they cut the tops off its letters (read "Inaepenaenc")."""
    return [w for w in words if box[0] <= (w.bbox[0] + w.bbox[2]) / 2 <= box[2]
            and box[1] <= (w.bbox[1] + w.bbox[3]) / 2 <= box[3] and w.bbox[3] - w.bbox[1] < _SPECK_H * h]


def fresh(line: list[Word], words: list[Word], box: tuple[int, int, int, int]) -> list[Word]:
    """The words of a line read from the piece `box` that are not read already, with their boxes cut to
    the piece's rows (read alone, a line's words get boxes as tall as the image it was cut to). A piece
    beside read words can take in the edges of their glyphs and read them again ("đầu:.Trạm" over a
    read "đầu:" and "Trạm"): a word half over read ones in the piece's rows is such a reading."""
    top, bottom = box[1], box[3]
    rows = [w for w in words if top <= (w.bbox[1] + w.bbox[3]) / 2 <= bottom]
    out = []
    for n in line:
        x0, x1 = n.bbox[0], n.bbox[2]
        if sum(max(0, min(x1, w.bbox[2]) - max(x0, w.bbox[0])) for w in rows) > _REREAD * (x1 - x0):
            continue
        out.append(Word(n.text, n.confidence, (x0, max(n.bbox[1], top), x1, min(n.bbox[3], bottom)), n.block, n.line))
    return out


def sure_words(words: list[Word]) -> list[Word]:
    """The words of a recovered line worth adding: all of them, when every one is confidently read (one a
    little less among sure ones, or a syllable read a little less beside others each sure: "bản:" at 0.54 before
    "thân" at 0.96) and one holds a letter or digit pair (a line of
    print, not a signature's strokes read as "~ -")."""
    if not words:
        return []
    if lone_date(words):
        return words
    ranked = sorted(words, key=lambda w: w.confidence)
    low, mean = ranked[0].confidence, sum(w.confidence for w in words) / len(words)
    syllable = low >= _SYLLABLE_AMONG_SURE and len(words) > 1 and ranked[1].confidence >= _SURE_BESIDE \
        and is_syllable(ranked[0].text)
    if low < _MIN_CONFIDENCE and not (low >= _MIN_AMONG_SURE and mean >= _MEAN_CONFIDENCE or syllable):
        return _date_tail(words)
    return words if any(sum(c.isalnum() for c in w.text) >= 2 for w in words) else []


def known_phrase(words: list[Word]) -> list[Word]:
    """A recovered line read with some doubt, kept when its words spell a fixed phrase whole (`ocr.phrases`):
    a phone photo's "GIÁM ĐỐC" read "GIAM Đốc" at 0.93 and 0.46, a signer's title no other line of print
    could be read as."""
    return words if words and is_phrase(words) and min(w.confidence for w in words) >= _MIN_AMONG_SURE else []


_LABEL_VALUE = 0.6  # a lone syllable read this surely just after a label's colon is its value


def label_value(line: list[Word], words: list[Word]) -> list[Word]:
    """A recovered line of one syllable read fairly (`_LABEL_VALUE`) that stands just right of a read word ending
    in a colon on its row: a short handwritten value ("Mẹ" at 0.65 after "Mối quan hệ với chủ hộ:"), which read
    alone has too little around it to be read surely, where a label says a value stands."""
    if len(line) != 1 or line[0].confidence < _LABEL_VALUE:
        return []
    w = line[0]
    if not is_syllable(w.text):
        return []
    h = w.bbox[3] - w.bbox[1]
    label = any(v.text.endswith(":") and 0 <= w.bbox[0] - v.bbox[2] <= 2 * h
                and min(w.bbox[3], v.bbox[3]) - max(w.bbox[1], v.bbox[1]) > h / 2 for v in words)
    return line if label else []


def stray_mark(line: list[Word], words: list[Word]) -> bool:
    """A recovered line of one short mix of letters and digits with no read word on its row: a signature's
    strokes ("N7"), not print (a day read "t3" before its line's "thung 08 năm 2026" stays for the date
    stage)."""
    if len(line) != 1 or len(text := line[0].text) > 3 or not (any(c.isdigit() for c in text)
                                                                and any(c.isalpha() for c in text)):
        return False
    y0, y1 = line[0].bbox[1], line[0].bbox[3]
    return not any(min(y1, w.bbox[3]) - max(y0, w.bbox[1]) > 0.5 * (y1 - y0) for w in words)


_SURE_TAIL = 0.9  # each word of "MM năm YYYY" read at least this surely is kept from a doubtful line


def _date_tail(words: list[Word]) -> list[Word]:
    """The "MM năm YYYY" a doubtful line ends with, read surely ("Ngúc đĩ Vuáng 04 năm 2026" of a phone
    photo's "Ngày 03 tháng 04 năm 2026" under a seal): the date-line stage draws its day from it."""
    tail = words[-3:]
    if len(tail) < 3 or min(w.confidence for w in tail) < _SURE_TAIL:
        return []
    month, nam, year = (w.text for w in tail)
    ok = month.isdigit() and 1 <= int(month) <= 12 and nam == "năm" and YEAR.fullmatch(year)
    return tail if ok else []


NUMBER_LANG = "eng"  # reads digits and their separators surely where `vie` misreads a bold "/" ("13I02!12026")
_NUMBER_DOUBT = 0.9  # confidence under which a number's reading is checked
_SHORT_DOUBT = 0.7  # ... and the least `eng` must have of a two-digit one


def number_like(text: str) -> bool:
    """Mostly digits, four or more: a date, an ID or phone number."""
    digits, alnum = sum(c.isdigit() for c in text), sum(c.isalnum() for c in text)
    return digits >= 4 and digits >= 0.7 * alnum


def doubtful_number(word: Word) -> bool:
    """A word read with doubt that is mostly digits (a date, an ID or phone number), or of two characters
    one of which is a digit (a paper's number "41" read "4l"): worth reading again. So is a year with a
    sign for a digit, however surely read ("202%" at 0.92 on a phone photo, `eng` reads "2026" at 0.94)."""
    if _SIGNED_YEAR.fullmatch(word.text):
        return True
    if word.confidence >= _NUMBER_DOUBT or not any(c.isdigit() for c in word.text):
        return False
    return number_like(word.text) or sum(c.isalnum() for c in word.text) == 2


_SIGNED_YEAR = re.compile(r"(?=(?:\D*\d){3}\D*$)(19|20)[\d%$§&#@?]{2}")  # three digits and a sign


# "tháng", its italic vowel read as another ("thung") or its n as "rl", marks aside: `classifiers.text.MONTH_WORD`
_MONTH_WORD = re.compile(r"th[aou](?:n|rl)g")


def day_slot(words: list[Word], i: int) -> bool:
    """Word `i`, read with doubt, a short word without digits, stands where a date line's day does: before
    "tháng" and the month's digits, on its line ("Ngày lẽ thung 03 năm 2026": an italic 16 under a seal's
    rim). Worth reading again as a number."""
    w = words[i]
    if w.confidence >= _NUMBER_DOUBT or not 1 <= len(w.text) <= 2 or any(c.isdigit() for c in w.text):
        return False
    after = words[i + 1:i + 3]
    return len(after) == 2 and all(x.line == w.line for x in after) and \
        bool(_MONTH_WORD.fullmatch(bare_letters(after[0].text))) and after[1].text.isdigit() and len(after[1].text) <= 2


_NUMBER_LENGTHS = (9, 10, 12)  # digits of an old ID, a phone number, an ID number: "0480968999673" is 048098999673
_FULL_DATE = re.compile(r"\d\d([/.\-])\d\d\1\d{4}")


def sure_number(line: list[Word], was: Word, upright: bool = False) -> Word | None:
    """The one word of a number `was` read again, if it is surely one: confidently read, and either a
    whole date (dd/mm/yyyy: `vie` reads its slashes as digits, so the counts differ) or digits only, as
    many as `was` has letters and digits ("0936903A31") or, when `was` has a length no number of these
    papers has, one that they have (`_NUMBER_LENGTHS`: `vie` read a handwritten ID with a digit too many).
    A handwritten "13/10/1992" that `vie` read "73/10/1992" was "3/10/1992" to `eng`: a digit lost, not a
    misread fixed. Two digits for a two-character reading need less confidence (`_SHORT_DOUBT`, and more
    than `vie`'s): `eng` reads a paper's number "41", which `vie` read "4l" at 0.36, at 0.75, and so does a
    health insurance number read whole where `vie`'s reading is no such number (`eng` read a phone photo's
    "TE1363606680346" at 0.78, `vie` "TE136306680346" at 0.44). Where `vie`'s reading was too doubtful to keep
    at all, a whole date on the calendar needs less (`_DROPPED_DATE`: a handwritten "17/09/1995" that `vie` read
    "7709/1995" at 0.21, `eng` at 0.69), or nothing of it is kept, and so does one where `vie` read a date that
    is on no calendar; a date's year is checked against the ID number downstream (`classifiers.validate`)."""
    if len(line) != 1:
        return None
    w, read = line[0], sum(c.isalnum() for c in was.text)
    if _INSURANCE.fullmatch(w.text) and not _INSURANCE.fullmatch(was.text) and w.text[:2] == was.text[:2] \
            and w.confidence >= _SHORT_DOUBT:
        return w  # an insurance number read whole where `vie` lost a digit ("TE136306680346" at 0.44)
    short = read == 2 and len(w.text) == 2 and w.text.isdigit()
    if w.confidence >= _DROPPED_DATE and _real_date(w.text) and (
            was.confidence < _DROPPED or (_FULL_DATE.fullmatch(was.text) and not _real_date(was.text))):
        return w  # a date `vie` could not read at all ("7709/1995" at 0.21), or read as none on the calendar
        # ("39/08/2032" at 0.72 on a phone photo, `eng` "30/08/2032" at 0.73): a real one read fairly surely is better
    if w.confidence < (min(_NUMBER_DOUBT, max(_SHORT_DOUBT, was.confidence)) if short else _NUMBER_DOUBT):
        return None
    if _FULL_DATE.fullmatch(w.text):
        return w
    if w.text.isdigit() and (len(w.text) == read or
                             (len(w.text) in _NUMBER_LENGTHS and (upright or read not in _NUMBER_LENGTHS))):
        return w
    if _SIGNED_YEAR.fullmatch(was.text) and YEAR.fullmatch(w.text):
        return w
    return None


_INSURANCE = re.compile(r"[A-Z]{2}\d{13}")  # a health insurance number: two letters, thirteen digits
_DROPPED = 0.3  # a reading less sure than this is no word (`ocr.read.MIN_WORD_CONFIDENCE`): nothing was kept of it
_DROPPED_DATE = 0.6  # ... and the least `eng` must have of a whole date on the calendar read in its place


def lone_date(words: list[Word]) -> bool:
    """A line of one whole date on the calendar read at `_DROPPED_DATE` or more, as sure as a line of print needs
    to be (to be kept, `sure_words`, and joined to its row, `read._sure`): such as what `sure_number` takes from
    `eng` where `vie` read a date as no word."""
    return len(words) == 1 and words[0].confidence >= _DROPPED_DATE and _real_date(words[0].text)


def whole_number(text: str) -> bool:
    """A whole date (dd/mm/yyyy) or a number of a length these papers' numbers have (`_NUMBER_LENGTHS`)."""
    return bool(_FULL_DATE.fullmatch(text)) or (text.isdigit() and len(text) in _NUMBER_LENGTHS)


def _real_date(text: str) -> bool:
    """A whole dd/mm/yyyy date that is on the calendar (what a misread digit seldom leaves: "37/09/1995")."""
    if not _FULL_DATE.fullmatch(text):
        return False
    day, month, year = (int(v) for v in re.split(r"[/.\-]", text))
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def letters(words: list[Word]) -> int:
    return sum(ch.isalnum() for w in words for ch in w.text)


def insert(words: list[Word], line: list[Word]) -> list[Word]:
    """`words` (in reading order) with a recovered `line` as a line of its own before the first word
    below it; a piece of a read row is joined to that row afterwards (`ocr.read.join_rows`)."""
    centre = (min(w.bbox[1] for w in line) + max(w.bbox[3] for w in line)) / 2
    at = next((i for i, w in enumerate(words) if (w.bbox[1] + w.bbox[3]) / 2 > centre), len(words))
    new = max((w.line for w in words), default=-1) + 1
    return words[:at] + [Word(w.text, w.confidence, w.bbox, w.block, new) for w in line] + words[at:]
