"""Tesseract's words with boxes and confidences, and the page text in reading order.

Tesseract itself runs in this process (`ocr.engine`), single-threaded: the flow runs pages in parallel.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

import numpy as np
from PIL import Image

from ocr import engine, english, mrz, recover, slant
from ocr.components import components
from ocr.phrases import bare_letters, phrases_restored
from ocr.syllables import EDGES, is_syllable, mark_key, respelled, syllables, unglued
from ocr.types import YEAR, Word, by_line, cut, joined, rows_overlap

PAGE_PSM = 3  # Tesseract's automatic page segmentation
TIMEOUT_S = 300


def ocr_data(image: Image.Image | np.ndarray, lang: str, psm: int = PAGE_PSM, timeout: float = TIMEOUT_S) -> dict:
    """Tesseract's word table (columns as in its TSV output). Our images are size-normalised, so the
    resolution is declared as 300 dpi rather than guessed by Tesseract."""
    return engine.ocr_data(np.asarray(image), lang, psm, timeout)


MIN_WORD_CONFIDENCE = 30.0  # Tesseract's 0–100: below it nearly every "word" is a signature, seal or rule
_PUNCTUATION = set("-–—/:;,.()")  # marks that stand alone in real text ("Độc lập - Tự do - Hạnh phúc")
_RULE_MARKS = str.maketrans("", "", "|_")  # a table's walls and floor touching a word ("1_|HÀ")
# italic f as the vie model reads it ("Date oƒ birth"); a slash read as a fraction or division slash ("V⁄v"): not
# Vietnamese
_LOOKALIKES = str.maketrans({"ƒ": "f", "⁄": "/", "∕": "/"})
# a house number's slash read as a capital I, small l or bar ("225I29" for "225/29"): no word puts one between
# digits, and with a 1 there the number would be 3–9 digits long, no house's (a phone or ID number is longer)
_SLASHED_NUMBER = re.compile(r"(\d{1,4})[Il|](\d{1,4}[,.;]?)")
_DIGITS_SLASHED = re.compile(r"[\d/]{9,}(?<!/\d{4})")  # an italic "1" read as a slash in a long number (no year)
_DIGITS_O = re.compile(r"(?=(?:\D*\d){8})[\doO]+")  # a zero read as the letter o in a long number
_NUMBER_LENGTHS = (9, 10, 12)  # digits of an old ID card, a phone number, a personal identification number
# a request's subject line opens "V/v" ("về việc"); `vie` loses the small v after the slash, and "V/" is no word
_WHOLE = {"V/": "V/v"}


def _token(raw: str | None) -> str:
    """A word's text, NFC, without table-rule fragments: Vietnamese text has no "|" or "_", and a token
    with no letter or digit that is not ordinary punctuation is a rule, a speck or a stroke of a signature.
    Letters Vietnamese never uses that the model reads for a common one are mapped back to it, and so is a house
    number's slash read as a letter (`_SLASHED_NUMBER`), an italic "1" read as a slash in a number as long as an ID
    card's, a phone's or a person's (`_DIGITS_SLASHED`: "00/08/444647", not ending in a year), a zero read as the
    letter o in one (`_DIGITS_O`: "o92192365854"), and a word read without a letter no other word lacks (`_WHOLE`)."""
    text = unicodedata.normalize("NFC", (raw or "").strip())
    if m := _SLASHED_NUMBER.fullmatch(text):
        text = f"{m[1]}/{m[2]}"
    elif _DIGITS_SLASHED.fullmatch(core := text.strip("|_")) and len(core) in _NUMBER_LENGTHS:
        text = core.replace("/", "1")
    elif _DIGITS_O.fullmatch(core) and len(core) in _NUMBER_LENGTHS:  # a table's wall may touch it: "|o92192365854"
        text = core.replace("o", "0").replace("O", "0")
    text = text.translate(_RULE_MARKS).translate(_LOOKALIKES).strip()
    text = _WHOLE.get(text, text)
    if any(c.isalnum() for c in text) or text in _PUNCTUATION:
        return text
    return ""


def words_from_data(data: dict, scale: float = 1.0, offset: tuple[int, int] = (0, 0),
                    doubtful: list[Word] | None = None, numbers: list[Word] | None = None) -> list[Word]:
    """Non-empty words; boxes divided by `scale` and shifted by `offset` into the caller's image frame.

    `line` is a page-wide running line number (Tesseract's own numbers restart in every paragraph).
    Words read with too little confidence are dropped, except that a Vietnamese syllable in capitals between
    two sure ones (`_between_sure_capitals`) goes to `doubtful`, when given, for the caller to keep if
    reading its place again finds nothing better (`rescued`), and a number (`recover.number_like`) to
    `numbers`, when given, for the caller to read again (`vie` read a bold date "2610211979" at 0.006).
    """
    words: list[Word] = []
    line_ids: dict[tuple[int, int, int], int] = {}
    ox, oy = offset
    for i, raw in enumerate(data["text"]):
        text = _token(raw)
        conf = float(data["conf"][i])
        # a phone photo's zone line at 0.29 ("8903141M2963149VNH*<<<<<<<<<<<0") is no scribble: its check
        # digits, not the confidence, judge it (`classifiers.mrz`)
        if not text:
            continue
        kept = words
        if conf < MIN_WORD_CONFIDENCE and not mrz.zone_like(text):
            if doubtful is not None and _between_sure_capitals(data, i, text):
                kept = doubtful
            elif numbers is not None and recover.number_like(text):
                kept = numbers
            else:
                continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        line = line_ids.setdefault(key, len(line_ids))
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        bbox = (
            int(round(x / scale)) + ox,
            int(round(y / scale)) + oy,
            int(round((x + w) / scale)) + ox,
            int(round((y + h) / scale)) + oy,
        )
        kept.append(Word(text, round(min(max(conf / 100.0, 0.0), 1.0), 4), bbox, key[0], line))
    return words


_AMONG_SURE = 80.0  # Tesseract's 0–100: two neighbours this sure make a doubtful syllable between them print


def _between_sure_capitals(data: dict, i: int, text: str) -> bool:
    """Word `i` of `data`, doubtful, is print all the same when it is a Vietnamese syllable in capitals
    between two words in capitals of its line read surely: "THỦ" of "MAI THỊ THU DUNG" at 0.28 on a scan
    (the paper, sure of "MAI THỊ DUNG", then made the dossier drop the name's syllable everywhere). No
    seal's or signature's mark is read as such a syllable between two sure ones."""
    if not (text.isalpha() and text.isupper() and mark_key(text) in syllables()) or not 0 < i < len(data["text"]) - 1:
        return False

    def key(j: int) -> tuple:
        return data["block_num"][j], data["par_num"][j], data["line_num"][j]

    return all(key(j) == key(i) and float(data["conf"][j]) >= _AMONG_SURE
               and (t := _token(data["text"][j])).isalpha() and t.isupper() for j in (i - 1, i + 1))


_COLUMN_GAP = 3.0  # word heights: wider than any word space, narrower than the gap between header columns
_SPACES_GAP = 6.0  # times the median of the line's other word spaces: a gap this wide parts two columns when it
_BLURRED_COLUMN_GAP = 1.5  # word heights: is this wide too (half `_COLUMN_GAP`: a phone's blur swells the boxes)
_IN_LINE_GAP = 1.0  # word heights: a gap inside one of Tesseract's lines narrower than this is a space, no gutter
_GUTTER_SPREAD = 4.0  # ... where the columns' other rows stand more than this many times as far apart
_BLOCK_GAP = 0.6  # word heights: a blank strip this wide through two lines or more separates columns (space ≈ 0.35)


def text_lines(words: list[Word]) -> list[list[Word]]:
    """Lines in reading order: Tesseract's, except that text columns are read one after the other; each
    line is cut where a column gap runs through it.

    Tesseract orders the national header ("ỦY BAN NHÂN DÂN … | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and
    the signature blocks of a form row by row, interleaving their columns, and it often reads the first
    row of such columns as one line. A recursive XY-cut on the word boxes (`_column_blocks`) finds the
    regions made of text columns; each is read column by column where Tesseract reaches its first word.
    Everywhere else Tesseract's order stays: it reads cards (sparse text around a photo) better than
    any geometric order tried.
    """
    blocks = _column_blocks(words)
    owner = {id(w): i for i, block in enumerate(blocks) for region in block for w in region}
    rows = by_line(words)
    out: list[list[Word]] = []
    done: set[int] = set()
    for row in rows.values():
        plain = []
        for w in row:
            i = owner.get(id(w))
            if i is None:
                plain.append(w)
            elif i not in done:
                done.add(i)
                out += [line for region in blocks[i] for line in _lines_of(region)]
        if plain:
            out += _cut(plain)
    return out


def _height(words: list[Word]) -> float:
    return float(max(1, sorted(w.bbox[3] - w.bbox[1] for w in words)[len(words) // 2]))


def _groups(words: list[Word], axis: int, min_gap: float) -> list[tuple[list[Word], int, int]]:
    """Words split where a blank strip at least `min_gap` wide runs across them along `axis` (0: a
    vertical strip, splitting left/right; 1: a horizontal one, top/bottom): (words, start, end) each,
    in order, with the blank strip before each group given by the previous group's end."""
    ordered = sorted(words, key=lambda w: w.bbox[axis])
    groups: list[tuple[list[Word], int, int]] = []
    for w in ordered:
        lo, hi = w.bbox[axis], w.bbox[axis + 2]
        if groups and lo - groups[-1][2] < min_gap:
            members, start, end = groups[-1]
            members.append(w)
            groups[-1] = (members, start, max(end, hi))
        else:
            groups.append(([w], lo, hi))
    return groups


_CONTIGUOUS = 2.5  # word heights: a blank strip this tall inside a column means it is not one block of text


def _text_columns(columns: list[list[Word]], h: float) -> bool:
    """True when the columns are blocks of text to read one after the other: each holds two or more
    lines following each other closely, they start on one line, and their lines do not pair off row by
    row as a table's (or a list of labels and values) do. A lone field to the right of a line ("3. Giới
    tính: Nam") is no column of its own, and a line above one column only (the date above a form's
    signature blocks) is read before the columns, not inside one."""
    rows = [_groups(c, 1, 1.0) for c in columns]
    for r in rows:
        if len(r) < 2 or any(b[1] - a[2] > _CONTIGUOUS * h for a, b in zip(r, r[1:], strict=False)):
            return False
    if not all(_same_line(rows[0][0], r[0]) for r in rows[1:]):
        return False
    if len({len(r) for r in rows}) != 1:
        return True
    return not all(_same_line(a, b) for r, s in zip(rows, rows[1:], strict=False) for a, b in zip(r, s, strict=True))


def _same_line(a: tuple[list[Word], int, int], b: tuple[list[Word], int, int]) -> bool:
    """Two rows (words, top, bottom) overlap by half the lower one's height."""
    return rows_overlap(a[1:], b[1:])


def _as_text_columns(words: list[Word]) -> list[list[Word]] | None:
    """The words' columns, left to right, when they are text columns to read one after the other."""
    h = _height(words)
    columns = [c for c, _, _ in _groups(words, 0, _BLOCK_GAP * h)]
    if len(columns) < 2 or any(_spaced_in_a_line(a, b, h) for a, b in zip(columns, columns[1:], strict=False)):
        return None
    return columns if _text_columns(columns, h) else None


def _spaced_in_a_line(left: list[Word], right: list[Word], h: float) -> bool:
    """Whether a line of Tesseract's runs on from `left` into `right` across a gap under `_IN_LINE_GAP` word heights
    where on every other row beside each other the two stand far further apart (`_GUTTER_SPREAD`): a wide word space,
    no gutter ("Trạm Y | tế xã Hoằng Đạo", an insurance card's clinic, 0.73 heights after the "Y": the strip went on
    down between the card's dates and its signature block, 18 heights apart). A form's signature blocks stand a
    narrow gutter apart on more rows than one (0.9 and 2.3 heights on a phone photo)."""
    spaces, gutters = [], []
    for line in by_line(left).values():
        end = max(w.bbox[2] for w in line)
        beside = [w for w in right if rows_overlap((line[0].bbox[1], line[0].bbox[3]), (w.bbox[1], w.bbox[3]))]
        if beside:
            nearest = min(beside, key=lambda w: w.bbox[0])
            gap = nearest.bbox[0] - end
            (spaces if nearest.line == line[0].line and gap < _IN_LINE_GAP * h else gutters).append(gap)
    return bool(spaces and gutters) and min(gutters) > _GUTTER_SPREAD * max(spaces)


def _halves(words: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """The words cut in two at `_row_cut`, top part first; None when they make a single row."""
    rows = _groups(words, 1, 1.0)
    if len(rows) < 2:
        return None
    cut = _row_cut(rows)
    return [w for r, _, _ in rows[:cut] for w in r], [w for r, _, _ in rows[cut:] for w in r]


def _column_blocks(words: list[Word]) -> list[list[list[Word]]]:
    """The regions of the page made of text columns (`_text_columns`), each as its regions in reading
    order: a recursive XY-cut that splits at blank vertical strips where they separate text columns,
    else at the widest blank horizontal strip."""
    if len(words) < 2:
        return []
    columns = _as_text_columns(words)
    if columns:
        return [[region for c in columns for region in _xy_regions(c)]]
    halves = _halves(words)
    return [] if halves is None else _column_blocks(halves[0]) + _column_blocks(halves[1])


def _row_cut(rows: list[tuple[list[Word], int, int]]) -> int:
    """Where to cut a region that is not made of text columns, as an index into its rows: under its
    first row when the rows below are text columns (a date line over two of a form's signature blocks,
    which joins those two into one column), else at the widest blank strip."""
    if len(rows) > 2 and _as_text_columns([w for r, _, _ in rows[1:] for w in r]):
        return 1
    return max(range(1, len(rows)), key=lambda i: rows[i][1] - rows[i - 1][2])


def _xy_regions(words: list[Word]) -> list[list[Word]]:
    """Inside a column: its regions in reading order (nested columns first to last, else top to bottom)."""
    if len(words) < 2:
        return [words]
    columns = _as_text_columns(words)
    if columns:
        return [region for c in columns for region in _xy_regions(c)]
    halves = _halves(words)
    return [words] if halves is None else _xy_regions(halves[0]) + _xy_regions(halves[1])


def _lines_of(region: list[Word]) -> list[list[Word]]:
    """Tesseract's lines of one region, top to bottom, each left to right and cut at column gaps."""
    rows = by_line(region)
    ordered = sorted(rows.values(), key=lambda r: sorted(w.bbox[1] + w.bbox[3] for w in r)[len(r) // 2])
    return [line for row in ordered for line in _cut(sorted(row, key=lambda w: w.bbox[0]))]


def _cut(row: list[Word]) -> list[list[Word]]:
    """One line cut where the gap between two words is a column gap: measured in the line's word height, or
    in the smaller print beside the gap where that is smaller. Tesseract may give a whole line its tallest
    box: a phone photo's two header columns read as one line ("… TRUNG ƯƠNG CẦN THƠ Độc lập - Tự do …"), 39
    px boxes over the hospital's name and 26 over the motto, and a 116 px gap between them. A sign's box
    ("-") is no measure of the print. A gap far wider than the line's other word spaces is a column gap from
    half that width: a phone's blur swells word boxes and narrows the gaps between them (an ID card's fingerprint
    captions, "Left index finger" and "Right index finger", 32 px apart, in 15 px boxes, 3–4 px between words)."""
    height = _height(row)
    gaps = [word.bbox[0] - prev.bbox[2] for prev, word in zip(row, row[1:], strict=False)]
    out = [[row[0]]]
    for k, (prev, word) in enumerate(zip(row, row[1:], strict=False)):
        sized = min([height, *(w.bbox[3] - w.bbox[1] for w in (prev, word) if any(c.isalnum() for c in w.text))])
        spaces = sorted(gaps[:k] + gaps[k + 1:])
        wide = len(spaces) >= 2 and gaps[k] > _SPACES_GAP * max(1, spaces[len(spaces) // 2])
        if gaps[k] > _COLUMN_GAP * sized or wide and gaps[k] > _BLURRED_COLUMN_GAP * sized:
            out.append([])
        out[-1].append(word)
    return out


def text_from_words(words: list[Word]) -> str:
    """`text_lines` joined by newlines, words by spaces."""
    return "\n".join(" ".join(w.text for w in line) for line in text_lines(words))


def mean_confidence(words: list[Word]) -> float:
    return round(sum(w.confidence for w in words) / len(words), 4) if words else 0.0


def read(
    image: Image.Image | np.ndarray, lang: str = "vie", psm: int = PAGE_PSM, scale: float = 1.0
) -> tuple[list[Word], str, float]:
    """OCR one page image -> (words, NFC text, mean word confidence 0–1).

    `scale` is how much `image` was resampled relative to the frame the boxes should refer to. The page
    is `read_parts`' single part, so it gets the same recovery of dropped print.
    """
    return read_parts([(np.asarray(image), (0, 0))], lang, psm, scale)


CARD_PSM = 11  # sparse text: a card's short fields around a photo and a QR code


def read_parts(
    parts: list[tuple], lang: str = "vie", psm: int = CARD_PSM, scale: float = 1.0
) -> tuple[list[Word], str, float]:
    """`read` of a page cut into parts (image, top-left offset in the page, and optionally the part before its
    contrast was stretched, for `recovered`), read in the given order.

    The default layout mode is Tesseract's sparse-text one, which reads card-sized parts best: on the
    cards of `bench/ocr_quality.py` it halved the error rate of automatic page segmentation (mean line-
    order-free CER 6.8 % against 11.4 %), which drops and doubles lines around the photo.

    When the first reading of the parts holds English words (an ID card's labels), every part is read with
    `eng` too and its English words are taken (`ocr.english`).

    Word boxes come back in the page frame and line numbers stay page-wide, so callers cannot tell
    the result from a whole-page read except by its order.
    """
    words: list[Word] = []
    first_reads = [_first_read(image, lang, psm) for image, *_ in parts]
    bilingual = english.worth_reading([w for found, _ in first_reads for w in found])  # the page's, all parts
    for (image, (x0, y0), *plain), (found, doubtful) in zip(parts, first_reads, strict=True):
        found = _read_whole(image, found, doubtful, lang, psm if bilingual else None, plain[0] if plain else None)
        first = (words[-1].line + 1) if words else 0
        words += [
            Word(w.text, w.confidence, _to_frame(w.bbox, (x0, y0), scale), w.block, w.line + first) for w in found
        ]
    words = phrases_restored(spaces_put_back([w if (t := respelled(w.text)) == w.text
                                              else Word(t, w.confidence, w.bbox, w.block, w.line)
                                              for w in specks_dropped(commas_restored(dates_joined(words)))]))
    return words, text_from_words(words), mean_confidence(words)


def spaces_put_back(words: list[Word]) -> list[Word]:
    """Each word that is two syllables read without their space (`unglued`) as two words, its box shared
    between them by their letters."""
    out: list[Word] = []
    for w in words:
        parts = unglued(w.text)
        out += spaces_put_back(cut(w, *parts)) if len(parts) == 2 else [w]  # each part may be two again
    return out


_WALL_SIGNS = set("[]|!().")  # what Tesseract makes of a table's wall beside a word ("[Nữ", "lvợ", "TTỊ", "sinh.")
_WALL_LETTERS = set("lIÍÌỊiíìị")
_WALL_REACH = 0.3  # word heights: a wall runs on this far above and below the word's box; a letter's stem stops


def walls_stripped(image: np.ndarray, words: list[Word]) -> list[Word]:
    """`words` without a first or last character read from a table's wall: a sign, or a letter like a stem where
    the word is no syllable, with a column of ink by that edge of the box (a character's width inside it, a word
    height outside: Tesseract boxes "TTỊ" without its wall, 10 px away) that runs on `_WALL_REACH` word heights
    above and below the box (the cell's wall; "l" of "lớp" ends with its line, and a syllable keeps it anyway)."""
    out = []
    for w in words:
        x0, y0, x1, y1 = w.bbox
        h, text = y1 - y0, w.text
        reach = int(np.ceil(_WALL_REACH * h))
        if len(text) < 2 or h < 4 or y0 - reach < 0 or y1 + reach > image.shape[0]:
            out.append(w)
            continue
        inside, outside = max(2, (x1 - x0) // len(text)), h
        for first in (True, False):
            c = text[0 if first else -1]
            if len(text) < 2 or c not in _WALL_SIGNS and (c not in _WALL_LETTERS or is_syllable(text)):
                continue
            a, b = (max(0, x0 - outside), x0 + inside) if first else (x1 - inside, min(image.shape[1], x1 + outside))
            walls = np.flatnonzero((image[y0 - reach : y1 + reach, a:b] < recover.INK).all(axis=0))
            if walls.size:  # the wall's column nearest the word
                text = text[1:] if first else text[:-1]
                x0, x1 = (max(x0, a + int(walls[-1]) + 1), x1) if first else (x0, min(x1, a + int(walls[0])))
        out.append(w if text == w.text else Word(text, w.confidence, (x0, y0, x1, y1), w.block, w.line))
    return out


def doubled_dropped(words: list[Word]) -> list[Word]:
    """`words` without a word that reads again a part of another word of its line (`_reads_part_of`): on phone
    photos of ID cards the sparse-text layout read the small "Independence - Freedom - Happiness" line into the
    title under it, and "CÔNG" a second time as a "cô" two rows tall ("CĂN Cước cô CÔNG DÂN")."""
    letters = [bare_letters(EDGES.match(w.text).group(2)) for w in words]
    lines: dict[int, list[int]] = {}
    for k, w in enumerate(words):
        lines.setdefault(w.line, []).append(k)
    return [w for k, w in enumerate(words) if len(letters[k]) < 2 or not any(
        _reads_part_of(w, letters[k], words[o], letters[o]) for o in lines[w.line] if o != k)]


_PART_OVERLAP = 0.5  # of a word's width: this much over where its letters stand in the other word, it reads them


def _reads_part_of(word: Word, mine: str, other: Word, theirs: str) -> bool:
    """`word`'s letters `mine` (two or more; case and marks aside) are a part of `other`'s, `theirs`, and its box
    lies over where those letters stand in `other`'s (its width shared evenly by its letters): not a word beside it
    whose letters happen to be in it ("Hà" after a "thành" whose box Tesseract stretched over "phố Hà Nội")."""
    at = theirs.find(mine)
    if len(mine) >= len(theirs) or at < 0:
        return False
    x0, x1 = other.bbox[0], other.bbox[2]
    lo, hi = x0 + (x1 - x0) * at / len(theirs), x0 + (x1 - x0) * (at + len(mine)) / len(theirs)
    return min(hi, word.bbox[2]) - max(lo, word.bbox[0]) > _PART_OVERLAP * (word.bbox[2] - word.bbox[0])


SPECK_CONFIDENCE = 0.5  # a line of one short word read with less is a speck or a photo's texture


_TRAILING_SIGNS = set(".,:;-–")  # printed after a word without a space: alone at a line's end, a speck
_TALL = 1.5  # a doubtful mark this many times as tall as its line's words is a picture's or frame's edge, no glyph


def specks_dropped(words: list[Word]) -> list[Word]:
    """`words` without the lines that are no text: signs alone ("-", ":" beside a photocopy's specks; no
    line of the papers is only signs) and one word of three characters or fewer read doubtfully ("“dị",
    "tu," in a photocopied ID card's face photo, 0.36–0.38; "WH" by a seal), unless it is a syllable in
    capitals: a title's word read apart ("ĐỐC" of "GIÁM ĐỐC" at 0.41 on a phone photo). A period, colon,
    comma or dash standing apart at the end of a line goes too ("10/08/2026 .", "Việt Nam -" on photocopies):
    print sets it against its word; and so does a doubtful mark of one or two characters, not letters, much
    taller than its line's words at either end of it ("6" at 0.37 opening a card's "Xã Hoằng Đức" line, 70 px
    against 40: the photo's edge; a cut "ph" inside a line stays). A line of one doubtful word, no syllable,
    over twice as tall as the page's words is a signature read as letters ("VVN*%#" at 0.62 where a seal
    lifted from under it no longer marked the place as no text; "MA," at 0.39, a syllable read that
    doubtfully), and so is a line of several words each read under `SPECK_CONFIDENCE` and so tall ("VÀ GO
    VÀ", 112 px among 45 px words) or wider than their letters could be ("XS", 240 px wide among 26 px
    tall words), signs beside them aside ("XS —"). So is a line of a title's tone marks read apart
    (`_tone_mark_over`), and a short doubtful word a column gap from the rest of its line, taller than print
    (`_short_tall_doubt`)."""
    lines = by_line(words)
    specks = {n for n, ws in lines.items() if not any(c.isalnum() for w in ws for c in w.text)
              or (len(ws) == 1 and len(ws[0].text) <= 3 and ws[0].confidence < SPECK_CONFIDENCE
                  and not _capital_syllable(ws[0].text))}
    trailing = {id(ws[-1]) for ws in lines.values() if set(ws[-1].text) <= _TRAILING_SIGNS}
    tall = {id(w) for ws in lines.values() if len(ws) > 1 for w in (ws[0], ws[-1])
            if len(w.text) <= 2 and not w.text.isalpha() and w.confidence < SPECK_CONFIDENCE
            and w.bbox[3] - w.bbox[1] > _TALL * np.median([v.bbox[3] - v.bbox[1] for v in ws])}
    apart: set[int] = set()
    if words:
        height = float(np.median([w.bbox[3] - w.bbox[1] for w in words]))
        high = _SCRIBBLE * height
        specks |= {n for n, ws in lines.items() if len(ws) == 1 and ws[0].confidence < _SCRIBBLE_READ
                   and ws[0].bbox[3] - ws[0].bbox[1] > high
                   and (ws[0].confidence < SPECK_CONFIDENCE or not is_syllable(ws[0].text))}
        specks |= {n for n, ws in lines.items() if len(ws) == 1 and _mark_read(ws[0], height)}
        apart = {id(piece[0]) for ws in lines.values() for piece in _cut(sorted(ws, key=lambda w: w.bbox[0]))
                 if len(piece) == 1 and _short_tall_doubt(piece[0], height)}
        specks |= {n for n, ws in lines.items() if all(_tone_mark_over(w, words) for w in ws)}
        specks |= {n for n, ws in lines.items()  # a signature read as several words ("VÀ GO VÀ" at 0.30–0.40;
                   # "XS —": signs beside them are no word)
                   if all(w.confidence < SPECK_CONFIDENCE and _scribble(w, high)
                          for w in ws if any(c.isalnum() for c in w.text))}
    return [w for w in words if w.line not in specks and id(w) not in trailing | tall | apart]


def _short_tall_doubt(word: Word, height: float) -> bool:
    """A word of up to three characters read doubtfully, taller than `_MARK_TALL` of the page's word `height`: alone
    a column gap from the rest of its line, a signature's stroke read as letters ("Nà" at 0.36 after the issue date
    of a photocopied insurance card, 1.6 heights tall). A table cell's short value is as tall as the print."""
    return len(word.text) <= 3 and word.confidence < SPECK_CONFIDENCE \
        and word.bbox[3] - word.bbox[1] > _MARK_TALL * height


_SCRIBBLE = 2.0  # a lone doubtful word this many times as tall as the page's words, no syllable, is a
_SCRIBBLE_READ = 0.7  # signature read as letters ("VVN*%#" at 0.62 over three lines of print's height)


_MARK_TALL, _MARK_WIDE, _MARK_READ = 1.4, 1.05, 0.85  # word heights (the page's median) and confidence


def _mark_read(word: Word, height: float) -> bool:
    """A word read with some doubt, taller than `_MARK_TALL` of the page's word `height`, wider for each of its
    characters than `_MARK_WIDE` of it (a machine-readable zone's letters, the widest print, are 1.0) and no
    syllable: a signature or a seal's star read as letters ("VAVA" at 0.76, 2.1 heights tall and 1.1 wide a
    letter; "G" at 0.83 beside an ID card's portrait, 3.5 wide). A title's word, as tall and wide, is a syllable; a
    syllable's letters are no wider than they are tall, though ("LÁ" at 0.67, 1.4 heights tall and 2.0 wide a letter,
    is a seal's mark)."""
    x0, y0, x1, y1 = word.bbox
    if word.confidence >= _MARK_READ or y1 - y0 <= _MARK_TALL * height:
        return False
    wide = (x1 - x0) / len(word.text)
    return wide > y1 - y0 or (wide > _MARK_WIDE * height and not is_syllable(word.text))


_MARK_OVER = 0.6  # of the height of the word under it: the most a big title's tone mark read apart is tall


def _tone_mark_over(word: Word, words: list[Word]) -> bool:
    """A sign or digit or two read apart just over a word of another line, far smaller than it: a big title's tone
    mark read a second time ("THẺ BẢO HIỂM Y TẾ" read whole, and its hooks over "Ẻ" and "Ả" again as "2 2")."""
    if len(word.text) > 2 or word.text.isalpha():
        return False
    x0, y0, x1, y1 = word.bbox
    cx, h = (x0 + x1) / 2, y1 - y0
    return any(v.line != word.line and v.bbox[0] <= cx <= v.bbox[2] and h <= _MARK_OVER * (v.bbox[3] - v.bbox[1])
               and -0.3 * h <= v.bbox[1] - y1 <= 0.5 * (v.bbox[3] - v.bbox[1]) for v in words)


def _scribble(word: Word, high: float) -> bool:
    """A word's box too tall for print, or wider than its characters could be (each at most as wide as
    `high`, twice a word's height)."""
    x0, y0, x1, y1 = word.bbox
    return y1 - y0 > high or x1 - x0 > high * len(word.text)


def _capital_syllable(word: str) -> bool:
    return is_syllable(word) and EDGES.match(word).group(2).isupper()


_PRINTED_DATE = re.compile(r"(\d{2})/(\d{2})/\d{4}[.,;:]?")  # the papers print days and months with two digits
_ANY_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}[.,;:]?")
_DATE_GAP = 1.0  # word heights: wider than a space read inside a date, narrower than a column gap


def dates_joined(words: list[Word]) -> list[Word]:
    """A date read as two words of a line is one word again: a space read inside its year ("05/08/1 997",
    phone photo) or after its day's first digit ("3 1/08/2026", scanner). Two words join when together they
    are a date as printed (dd/mm/yyyy, a real day and month), neither is a date alone (a one-digit day
    excepted: it is the date's end) and they stand a space apart, not a column. So does a day in words read
    as two digits (`_days_joined`)."""
    out: list[Word] = []
    for w in words:
        p = out[-1] if out else None
        if p is not None and p.line == w.line and _one_date(p.text, w.text) and _a_space_apart(p, w):
            out[-1] = joined(p, w)
        else:
            out.append(w)
    return _days_joined(out)


def _days_joined(words: list[Word]) -> list[Word]:
    """A day of a date in words read as two digits apart ("ngày 1 1 tháng 2 năm 2026", a residence
    confirmation's 11) is one number: nothing else stands between "ngày" and "tháng"."""
    out = list(words)
    for i in range(len(out) - 3, 0, -1):
        before, a, b, after = out[i - 1 : i + 3]
        if len({before.line, a.line, b.line, after.line}) == 1 and len(a.text) == len(b.text) == 1 \
                and (a.text + b.text).isdigit() and 10 <= int(a.text + b.text) <= 31 \
                and before.text.lower() == "ngày" and after.text.lower() == "tháng" and _a_space_apart(a, b):
            out[i : i + 2] = [joined(a, b)]
    return out


def _a_space_apart(a: Word, b: Word) -> bool:
    return b.bbox[0] - a.bbox[2] < _DATE_GAP * max(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])


def _one_date(a: str, b: str) -> bool:
    m = _PRINTED_DATE.fullmatch(a + b)
    if m is None or not (1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12) or _ANY_DATE.fullmatch(a):
        return False
    return not _ANY_DATE.fullmatch(b) or (len(a) == 1 and a.isdigit())


def commas_restored(words: list[Word]) -> list[Word]:
    """A word ending in a period before a lower-case word of its line ends in a comma: Vietnamese starts a
    sentence with a capital, and `vie` reads the comma of a serif face as a period ("Sơn Trà. thành phố",
    "Ngày 25. tháng"); 45 such on the 96 pages of `bench/ocr_quality.py` seeds 3 and 4, none wrong. The other
    way round, a number of one or two digits and a comma opening a line before a capital is a form's item number
    ("9, Số định danh cá nhân", "5, Dân tộc:"): its period."""
    out = list(words)
    for i, (w, after) in enumerate(zip(words, words[1:], strict=False)):
        if w.line == after.line and len(w.text) > 1 and w.text.endswith(".") and not w.text.endswith("..") \
                and after.text[:1].islower():
            out[i] = Word(w.text[:-1] + ",", w.confidence, w.bbox, w.block, w.line)
        elif w.line == after.line and (i == 0 or words[i - 1].line != w.line) and _ITEM_COMMA.fullmatch(w.text) \
                and after.text[:1].isupper():
            out[i] = Word(w.text[:-1] + ".", w.confidence, w.bbox, w.block, w.line)
    return out


_ITEM_COMMA = re.compile(r"\d{1,2},")  # a form's item number read with a comma ("9, Số định danh …")


def _first_read(image: np.ndarray, lang: str, psm: int) -> tuple[list[Word], list[Word]]:
    """Tesseract's words of `image` in its own frame, with an ID card's machine-readable zone read again alone
    when its check digits fail (`mrz.zone_read_again`), and the doubtful syllables set aside (`words_from_data`)."""
    doubtful: list[Word] = []
    words = mrz.zone_read_again(image, words_from_data(ocr_data(image, lang, psm), doubtful=doubtful))
    return words, doubtful


def _read_whole(image: np.ndarray, words: list[Word], doubtful: list[Word], lang: str, english_psm: int | None,
                plain: np.ndarray | None = None) -> list[Word]:
    """`_first_read`'s words of `image`, a word read twice once (`doubled_dropped`), a table's wall read beside a
    word dropped (`walls_stripped`), with the print its layout
    analysis dropped read again (`recovered`),
    a doubtful syllable between sure ones kept where that found nothing (`rescued`), given `english_psm`
    the English words of its lines read with `eng` in that layout mode (`ocr.english`: last, so that
    a Vietnamese line is read by `vie` first), and the pieces of each row joined (`join_rows`)."""
    words = walls_stripped(image, doubled_dropped(words))
    words = rescued(recovered(image, numbers_checked(image, words, words), lang, plain), doubtful)
    words = italics_read_upright(image, words, lang, english_psm is not None)
    if english_psm is not None:
        eng = words_from_data(ocr_data(english.to_read(image, words), english.LANG, english_psm))
        words = english.taken(words, eng)
    words = join_rows(words)
    return [lowercase_shaped(image, w) for w in words]


# a capital of the same shape as its small letter, then small letters no taller than an "a" and without marks:
# which case the first one is, only its height against theirs tells
_SAME_SHAPE = re.compile(r"[COSUVWXZ][acemnorsuvwxz]{2,}[:.,;]?")
_CAPITAL_RISE = 0.15  # of the small letters' height: a capital's top stands higher above theirs (~0.4)


def lowercase_shaped(image: np.ndarray, word: Word) -> Word:
    """`word` with its first letter small where Tesseract read a capital of the same shape ("Sau:" for the
    "sau:" that opens a line, where no small letter before it gives the line's height) but its ink stands no
    higher than the small letters after it. `image` is the word's frame."""
    if not _SAME_SHAPE.fullmatch(word.text):
        return word
    x0, y0, x1, y1 = word.bbox
    ink = (image[y0:y1, x0:x1] < recover.INK).astype(np.uint8)
    if not ink.any():
        return word
    middle = int(np.argmax(ink.sum(axis=1)))  # a row through the letters' bodies, not the lines' above or below
    stats = components(ink)[2][1:]
    letters = sorted((tuple(int(v) for v in st[:4]) for st in stats if st[1] <= middle < st[1] + st[3]),
                     key=lambda st: st[0])
    if len(letters) < 3:
        return word  # letters run together: no height of their own
    first, rest = letters[0], letters[1:]
    top, height = statistics.median(m[1] for m in rest), statistics.median(m[3] for m in rest)
    if first[1] < top - _CAPITAL_RISE * height:
        return word
    return Word(word.text[0].lower() + word.text[1:], word.confidence, word.bbox, word.block, word.line)


def rescued(words: list[Word], doubtful: list[Word]) -> list[Word]:
    """`words` with each of the `doubtful` syllables (`words_from_data`) put back in its line, after the word
    before it, where no word lies over it: reading its place again (`recovered`) found nothing there. Where
    it did ("THU" for a doubtful "THỦ"), that reading stands."""
    for d in doubtful:
        if any(_crossing([w], [d]) and w.bbox[1] < d.bbox[3] and d.bbox[1] < w.bbox[3] for w in words):
            continue
        at = next((k + 1 for k in range(len(words) - 1, -1, -1)
                   if words[k].line == d.line and words[k].bbox[2] <= d.bbox[0]), None)
        if at is not None:
            words = [*words[:at], d, *words[at:]]
    return words


def numbers_checked(image: np.ndarray, words: list[Word], around: list[Word]) -> list[Word]:
    """`words` with each number read with doubt (`recover.doubtful_number`), or word read where a date's day
    stands (`recover.day_slot`: an italic "16" read "lẽ" at 0.68, `eng` reads "16" at 0.95), read again alone
    with the `eng` model and replaced when that reads it surely (`recover.sure_number`): the `vie` model reads
    the slashes of a bold sans-serif date as "I", "!1" (0.49 confident), `eng` reads "13/02/2026" at 0.96.
    An italic or handwritten number, however surely read, is read again set upright (`ocr.slant`): `vie` reads
    italic digits 1 as 7 and 8 as 6 ("279087846595" at 0.93 for 079081846595, "7988" for 1988); not a year of
    this century or the last read surely (no such year was read otherwise upright, and each read costs 7 ms).
    Upright, where `eng` reads it less surely, `vie` reads it too, and the two readings agreeing make it sure
    (`_agreed`).
    `around`, the words already read, are blanked out of the crop (in `image`'s frame, as `words`)."""
    out: list[Word] = []
    joined_to = -1  # a word joined to the one before it (`_split_number`)
    for i, w in enumerate(words):
        if i == joined_to:
            continue
        if (joined := _split_number(image, words, i, around)) is not None:
            out.append(joined)
            joined_to = i + 1
            continue
        doubtful = recover.doubtful_number(w) or recover.day_slot(words, i)
        worth = recover.number_like(w.text) and (doubtful or not YEAR.fullmatch(w.text))
        lean = _lean(image, w) if worth else 0.0
        if doubtful or lean:
            others = [x for x in around if x is not w]
            again = _upright_number(image, w, lean, others) if lean else None
            if again is None and doubtful:
                piece, offset = recover.crop(image, w.bbox, others)
                again = recover.sure_number(words_from_data(ocr_data(piece, recover.NUMBER_LANG, recover.LINE_PSM),
                                                             offset=offset), w)
            if again is not None:
                w = Word(again.text, again.confidence, w.bbox, w.block, w.line)
        out.append(w)
    return out


_SPLIT_GAP = 1.5  # word heights: a handwritten number's digits stand this far apart at most ("201 188321084")


def _split_number(image: np.ndarray, words: list[Word], i: int, around: list[Word]) -> Word | None:
    """Words `i` and `i + 1` as the one handwritten number `vie` read as two ("201 188321084", "09/1 1/791"): both
    with digits, `_SPLIT_GAP` apart at most on one line, italic and, read again together upright, a whole date
    or a number as long as these papers' (`recover.whole_number`). Else None."""
    if i + 1 >= len(words):
        return None
    a, b = words[i], words[i + 1]
    gap, height = b.bbox[0] - a.bbox[2], max(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])
    digits = any(c.isdigit() for c in a.text) and any(c.isdigit() for c in b.text)
    if a.line != b.line or not digits or not 0 <= gap <= _SPLIT_GAP * height:
        return None
    box = (a.bbox[0], min(a.bbox[1], b.bbox[1]), b.bbox[2], max(a.bbox[3], b.bbox[3]))
    was = Word(a.text + b.text, min(a.confidence, b.confidence), box, a.block, a.line)
    if not recover.number_like(was.text) or not (lean := _lean(image, was)):
        return None
    again = _upright_number(image, was, lean, [x for x in around if x is not a and x is not b])
    if again is None or not recover.whole_number(again.text):
        return None
    return Word(again.text, again.confidence, box, a.block, a.line)


_ITALIC_REACH = 0.75  # word heights: an italic digit's foot or head may stand this far out of the word's box


def _upright_number(image: np.ndarray, was: Word, lean: float, others: list[Word]) -> Word | None:
    """The italic number `was` read again set upright, by `eng`, or by `eng` and `vie` alike. Its box is widened
    (`_upright_piece`); the `others` are blanked."""
    piece = _upright_piece(image, was.bbox, lean, others)
    line = words_from_data(ocr_data(piece, recover.NUMBER_LANG, recover.LINE_PSM))
    again = recover.sure_number(line, was, upright=True)
    if again is None:
        again = recover.sure_number(_agreed(line, words_from_data(ocr_data(piece, "vie", recover.LINE_PSM))), was,
                                    upright=True)
    return again


def _agreed(line: list[Word], other: list[Word]) -> list[Word]:
    """`line`, one word read alike in `other` by another model, with the confidence of the two agreeing: both
    wrong alike is about as likely as the product of their doubts (0.76 and 0.76 make 0.94). Else nothing."""
    if len(line) != 1 or len(other) != 1 or line[0].text != other[0].text:
        return []
    w = line[0]
    return [Word(w.text, 1.0 - (1.0 - w.confidence) * (1.0 - other[0].confidence), w.bbox, w.block, w.line)]


_ITALIC_SURE = 0.8  # a syllable read this surely is not read again: of 385 read at 0.8–0.9, 2 were replaced
_UPRIGHT_SURER = 0.1  # how much surer an upright reading must be to replace a syllable by another
_UPRIGHT_MARKS = 0.15  # ... and one that differs only in its marks


def italics_read_upright(image: np.ndarray, words: list[Word], lang: str, bilingual: bool = False) -> list[Word]:
    """`words` with each doubtful italic or handwritten word read again alone set upright (`ocr.slant`) and replaced
    where that reading is better (`_better_upright`): `vie` reads a handwritten "Vũ Ngọc Minh" as "Vữ Meọc Minh",
    "Nam" as "Nưn"; upright it reads them right. Doubtful: of two letters or more, no digit (numbers are
    `numbers_checked`'s), and no syllable or one read under `_ITALIC_SURE` (a surer one is seldom replaced: half the
    reads for 2 words on the bench's 288 pages); the slant is measured on those only (on every word it cost 20 ms a
    page). Read with a word or two of its
    line around it, as well as alone, a word came out no better (0.447–0.453 % against 0.450 % on the bench's
    seeds) for a longer read. On a `bilingual` page (an ID card's labels) a word of plain Latin letters is left to
    `ocr.english` ("Date" is read "Da" upright)."""
    out = list(words)
    for k, w in enumerate(words):
        if (w.confidence >= _ITALIC_SURE and is_syllable(respelled(w.text))) or sum(c.isalpha() for c in w.text) < 2 \
                or any(c.isdigit() for c in w.text) or (bilingual and english.english(w.text)) \
                or not (lean := _lean(image, w)):
            continue
        piece = _upright_piece(image, w.bbox, lean, words[:k] + words[k + 1:])
        again = words_from_data(ocr_data(piece, lang, recover.LINE_PSM))
        if len(again) == 1:
            out[k] = _better_upright(w, again[0])
    return out


def _better_upright(was: Word, upright: Word) -> Word:
    """`was` with the letters of its `upright` reading where those are a syllable and either `was`'s are none
    (spelling repairs aside: "Weoc" → "Ngọc", "Nưn" → "Nam") or another one read `_UPRIGHT_SURER` more surely
    ("Thúi" → "Thái"), `_UPRIGHT_MARKS` more where only the marks differ (nearly a coin's toss: "Vữ" 0.72 → "Vũ"
    0.93, but "ghi" → "ghì" at +0.09 and +0.29); never the case, and never to a single letter (the English "of"
    is read "o" upright). The punctuation around `was` stays (upright, "(Ký," read "(Ký."), other signs go
    ("#uỳnh": the H read as one); so does `was`'s confidence: the steps after weigh the word as before (a lower
    one split "Kính gửi: Công an" in two rows, a higher one kept a signature)."""
    edges, core = EDGES.match(was.text), EDGES.match(upright.text).group(2)
    old = edges.group(2)
    if any(c.isdigit() for c in upright.text) or not core.isalpha() or len(core) < 2 or not is_syllable(core) \
            or len(core) > len(old) + 1 or (len(old) >= 2 and old.isupper() != core.isupper()) or core == old:
        return was
    if is_syllable(respelled(old)) and upright.confidence <= was.confidence + (
            _UPRIGHT_MARKS if bare_letters(core) == bare_letters(old) else _UPRIGHT_SURER):
        return was
    before, after = (sign if set(sign) <= _PUNCTUATION else "" for sign in (edges.group(1), edges.group(3)))
    return Word(before + core + after, was.confidence, was.bbox, was.block, was.line)


def _upright_piece(image: np.ndarray, box: tuple[int, int, int, int], lean: float, others: list[Word]) -> np.ndarray:
    """The crop of a leaning word (`recover.crop`, the `others` blanked) set upright. Its box is widened by
    `_ITALIC_REACH`: Tesseract's box of "74/05/2026" left out the leaning "1" it read as the 7."""
    x0, y0, x1, y1 = box
    reach = int(_ITALIC_REACH * (y1 - y0))
    return slant.upright(recover.crop(image, (max(0, x0 - reach), y0, x1 + reach, y1), others)[0], lean)


def _lean(image: np.ndarray, word: Word) -> float:
    """The slant of the word's ink when it is italic or handwritten (`ocr.slant.ITALIC`), else 0."""
    x0, y0, x1, y1 = word.bbox
    lean = slant.slant(image[y0:y1, x0:x1] < recover.INK)
    return lean if abs(lean) >= slant.ITALIC else 0.0


def recovered(image: np.ndarray, words: list[Word], lang: str, plain: np.ndarray | None = None) -> list[Word]:
    """`words` read from `image` (its own frame), with the line pieces no word covers read one by one
    and put in reading order (`ocr.recover`): print Tesseract's layout analysis dropped. Each piece is read
    from `plain` too when given (the same frame before its contrast was stretched: a phone photo's small
    blurred italic, stretched, reads as nothing), the reading with more letters kept."""
    done: set[tuple[int, int, int, int]] = set()  # pieces of one line often widen to the same box: read once
    h = recover.word_height(words)
    fit = recover.fitted(image, words)
    pairs = recover.uncovered_lines(image, fit, h)
    for pair in pairs:
        best: list[Word] = []
        # the other pieces are blanked out of the crop like read words: a line split off the one it touched
        others = [Word("", 0.0, p[0], 0, 0) for p in pairs if p is not pair]
        boxes = list(dict.fromkeys(b for b in pair if b not in done))  # the piece, then its widening: more kept
        done.update(boxes)
        specks = recover.specks_in(fit, pair[-1], h)  # read from the tops of its glyphs: not blanked, replaced
        kept = [w for w in fit if w not in specks]
        for box, source in [(b, image) for b in boxes] + ([(b, plain) for b in boxes] if plain is not None else []):
            piece, offset = recover.crop(source, box, kept + others, h)
            numbers: list[Word] = []
            line = words_from_data(ocr_data(piece, lang, recover.LINE_PSM), offset=offset, numbers=numbers)
            # a number read too doubtfully to keep is kept when `eng` reads it surely
            checked = numbers_checked(source, numbers, words + line)
            sure = [again for was, again in zip(numbers, checked, strict=True) if again is not was]
            line = sorted(line + sure, key=lambda w: w.bbox[0])
            line = recover.fresh(numbers_checked(source, line, words + line), words, box)
            new = recover.sure_words(line) or recover.label_value(line, words) or recover.known_phrase(line)
            if recover.stray_mark(new, words):
                new = []
            if recover.letters(new) > recover.letters(best):
                best = new
        if best:
            gone = {(w.text, w.bbox[0], w.bbox[2]) for w in specks}
            words = [w for w in words if (w.text, w.bbox[0], w.bbox[2]) not in gone]
            words, fit = recover.insert(words, best), recover.insert(kept, best)
    return words


def join_rows(words: list[Word]) -> list[Word]:
    """Tesseract's lines with the pieces of their row joined to them, left to right.

    The sparse-text mode can return one printed line as two, out of order ("tháng 12 năm 2025" before
    "Ngày 27"), and a recovered piece (`recovered`) is a line of its own: a line that shares a row
    with an earlier one, within a column gap of it (`_COLUMN_GAP`) and with no word over one of its
    words (a piece in a gap of the line fits; two printed lines that Tesseract took for one tall one
    overlap; a word's pieces, read apart, overlap by a few pixels: `_JOIN_OVERLAP`), becomes part of it.
    Both must be read with confidence (`_JOIN_CONFIDENCE`): the marks the sparse mode reads in an ID card's
    portrait ("Z5", "\\7") must not open the line beside them.
    """
    rows = list(by_line(words).values())
    while len(joined := _rows_joined(rows)) < len(rows):  # again: a piece joined may bridge to one passed by
        rows = joined  # ("VÕ" read back joins "QUANG", which then reaches "HẢI", recovered before it)
    return [Word(w.text, w.confidence, w.bbox, w.block, i) for i, line in enumerate(rows)
            for w in sorted(line, key=lambda w: w.bbox[0])]


def _rows_joined(rows: list[list[Word]]) -> list[list[Word]]:
    """One pass of `join_rows`: each row joined to the first line before it that it continues."""
    joined: list[list[Word]] = []
    bands: list[tuple[int, int]] = []  # each joined line's, kept as it grows
    for row in rows:
        band, h = _band(row), _height(row)
        left, right = min(w.bbox[0] for w in row), max(w.bbox[2] for w in row)
        for k, line in enumerate(joined):
            if not (_sure(row) and _sure(line) and _same_line((line, *bands[k]), (row, *band))):
                continue
            gap = max(left - max(w.bbox[2] for w in line), min(w.bbox[0] for w in line) - right)
            if gap < _COLUMN_GAP * h and not _crossing(line, row, _JOIN_OVERLAP * min(h, _height(line))):
                line += row
                bands[k] = _band(line)
                break
        else:
            joined.append(list(row))
            bands.append(band)
    return joined


_JOIN_CONFIDENCE = 0.7  # mean word confidence of a line joined to another, and of that line


def _sure(words: list[Word]) -> bool:
    return recover.lone_date(words) or sum(w.confidence for w in words) >= _JOIN_CONFIDENCE * len(words)


_JOIN_OVERLAP = 0.5  # word heights (the lower line's): boxes overlapping this little are one word's pieces


def _crossing(a: list[Word], b: list[Word], slack: float = 0.0) -> bool:
    """Some word of `a` and some word of `b` overlap left to right, by more than `slack` px."""
    return any(min(u.bbox[2], v.bbox[2]) - max(u.bbox[0], v.bbox[0]) > slack for u in a for v in b)


def _band(words: list[Word]) -> tuple[int, int]:
    """A line's top and bottom: its words' median ones (a tall diacritic or a descender is no guide)."""
    return int(statistics.median(w.bbox[1] for w in words)), int(statistics.median(w.bbox[3] for w in words))


def _to_frame(box: tuple[int, int, int, int], offset: tuple[int, int], scale: float) -> tuple[int, int, int, int]:
    """A box of a part's image in the page frame: shifted by the part's offset, divided by `scale`."""
    x0, y0, x1, y1 = box
    ox, oy = offset
    return (
        int(round((x0 + ox) / scale)),
        int(round((y0 + oy) / scale)),
        int(round((x1 + ox) / scale)),
        int(round((y1 + oy) / scale)),
    )
