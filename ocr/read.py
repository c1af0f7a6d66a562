"""Tesseract through pytesseract: words with boxes and confidences, text in reading order.

Tesseract runs single-threaded (OMP_THREAD_LIMIT=1): the flow runs pages in parallel, and OpenMP
threads inside each Tesseract only fight over the same cores.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import pytesseract  # noqa: E402
from PIL import Image  # noqa: E402

from ocr.types import Word  # noqa: E402

DEFAULT_CONFIG = "--oem 1 --psm 3"
TIMEOUT_S = 300


def ocr_data(image: Image.Image | np.ndarray, lang: str, config: str, timeout: float = TIMEOUT_S) -> dict:
    """Raw `image_to_data` dict.

    The image goes to Tesseract as an uncompressed PGM/PPM written by OpenCV: pytesseract's own PNG
    encoding of a 300-dpi page costs ~0.2 s, a measurable share of the page budget. Our images are
    size-normalised, so the resolution is declared as 300 dpi rather than guessed by Tesseract.
    """
    arr = np.asarray(image)
    if arr.ndim == 3:
        arr = cv2.cvtColor(np.ascontiguousarray(arr[..., :3]), cv2.COLOR_RGB2BGR)
    if "--dpi" not in config:
        config = f"{config} --dpi 300"
    with tempfile.TemporaryDirectory(prefix="sohoa-ocr-") as tmp:
        path = os.path.join(tmp, "page.ppm" if arr.ndim == 3 else "page.pgm")
        if not cv2.imwrite(path, arr):
            raise OSError(f"cannot write OCR input image {path}")
        return pytesseract.image_to_data(
            path, lang=lang, config=config, output_type=pytesseract.Output.DICT, timeout=timeout
        )


MIN_WORD_CONFIDENCE = 30.0  # Tesseract's 0–100: below it nearly every "word" is a signature, seal or rule
_PUNCTUATION = set("-–—/:;,.()")  # marks that stand alone in real text ("Độc lập - Tự do - Hạnh phúc")


def _token(raw: str | None) -> str:
    """A word's text, NFC, without table-rule fragments: Vietnamese text has no "|", and a token with
    no letter or digit that is not ordinary punctuation is a rule, a speck or a stroke of a signature."""
    text = unicodedata.normalize("NFC", (raw or "").strip()).strip("|").strip()
    if any(c.isalnum() for c in text) or text in _PUNCTUATION:
        return text
    return ""


def words_from_data(data: dict, scale: float = 1.0, offset: tuple[int, int] = (0, 0)) -> list[Word]:
    """Non-empty words; boxes divided by `scale` and shifted by `offset` into the caller's image frame.

    `line` is a page-wide running line number (Tesseract's own numbers restart in every paragraph).
    """
    words: list[Word] = []
    line_ids: dict[tuple[int, int, int], int] = {}
    ox, oy = offset
    for i, raw in enumerate(data["text"]):
        text = _token(raw)
        conf = float(data["conf"][i])
        if not text or conf < MIN_WORD_CONFIDENCE:
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
        words.append(Word(text, round(min(max(conf / 100.0, 0.0), 1.0), 4), bbox, key[0], line))
    return words


_COLUMN_GAP = 3.0  # word heights: wider than any word space, narrower than the gap between header columns


def text_lines(words: list[Word]) -> list[list[Word]]:
    """Tesseract's lines, each cut where the gap between two words is a column gap.

    Tesseract often reads the two columns of the national header ("ỦY BAN NHÂN DÂN … CỘNG HÒA XÃ HỘI
    CHỦ NGHĨA VIỆT NAM") or two cards side by side as one line; cut there, each column's text stays
    on a line of its own instead of running into the other's.
    """
    rows: dict[int, list[Word]] = {}
    for w in words:
        rows.setdefault(w.line, []).append(w)
    out: list[list[Word]] = []
    for row in rows.values():
        height = sorted(w.bbox[3] - w.bbox[1] for w in row)[len(row) // 2]
        current = [row[0]]
        for prev, word in zip(row, row[1:], strict=False):
            if word.bbox[0] - prev.bbox[2] > _COLUMN_GAP * max(height, 1):
                out.append(current)
                current = []
            current.append(word)
        out.append(current)
    return out


def text_from_words(words: list[Word]) -> str:
    """Lines in Tesseract's reading order (cut at column gaps) joined by newlines, words by spaces."""
    return "\n".join(" ".join(w.text for w in line) for line in text_lines(words))


def mean_confidence(words: list[Word]) -> float:
    return round(sum(w.confidence for w in words) / len(words), 4) if words else 0.0


def read(
    image: Image.Image | np.ndarray, lang: str = "vie", config: str = DEFAULT_CONFIG, scale: float = 1.0
) -> tuple[list[Word], str, float]:
    """OCR one page image -> (words, NFC text, mean word confidence 0–1).

    `scale` is how much `image` was resampled relative to the frame the boxes should refer to.
    """
    words = words_from_data(ocr_data(image, lang, config), scale)
    return words, text_from_words(words), mean_confidence(words)


CARD_CONFIG = "--oem 1 --psm 11"  # sparse text: a card's short fields around a photo and a QR code


def read_parts(
    parts: list[tuple[np.ndarray, tuple[int, int]]], lang: str = "vie", config: str = CARD_CONFIG, scale: float = 1.0
) -> tuple[list[Word], str, float]:
    """`read` of a page cut into parts (image, top-left offset in the page), read in the given order.

    The default layout mode is Tesseract's sparse-text one, which reads card-sized parts best: on the
    cards of `bench/ocr_quality.py` it halved the error rate of automatic page segmentation (mean line-
    order-free CER 6.8 % against 11.4 %), which drops and doubles lines around the photo.

    Word boxes come back in the page frame and line numbers stay page-wide, so callers cannot tell
    the result from a whole-page read except by its order.
    """
    words: list[Word] = []
    for image, (x0, y0) in parts:
        data = ocr_data(np.ascontiguousarray(image), lang, config)
        data["left"] = [int(v) + x0 for v in data["left"]]
        data["top"] = [int(v) + y0 for v in data["top"]]
        first = (words[-1].line + 1) if words else 0
        words += [Word(w.text, w.confidence, w.bbox, w.block, w.line + first) for w in words_from_data(data, scale)]
    return words, text_from_words(words), mean_confidence(words)
