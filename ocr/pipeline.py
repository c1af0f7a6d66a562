"""One page, start to finish: orient -> deskew -> clean -> read (one full-page Tesseract run).

OpenCV runs single-threaded here (SOHOA_CV_THREADS overrides) for the same reason Tesseract does:
the flow already runs pages in parallel, and per-call thread pools only add overhead and contention.
"""

from __future__ import annotations

import os

import cv2
import numpy as np
from PIL import Image

from ocr import clean, dateline, deskew, orient, regions
from ocr.read import PAGE_PSM, mean_confidence, read_parts, text_from_words
from ocr.types import PageResult

cv2.setNumThreads(int(os.environ.get("SOHOA_CV_THREADS", "1")))

_MIN_SKEW = 0.1  # degrees: under this a text line drifts less than a pixel per 600 px


def _declared_dpi(image: Image.Image) -> int | None:
    """The DPI the file declares, when plausible for a scan (a phone photo declares none, or 72)."""
    dpi = image.info.get("dpi")
    value = float(dpi[0] if isinstance(dpi, tuple) else dpi) if dpi else 0.0
    return int(round(value)) if 100 <= value <= 1200 else None


def _dpi(image: Image.Image, text_px: float | None, scale: float) -> int:
    """Declared DPI when plausible, else a guess from glyph height (≈30 px cap height at 300 dpi)."""
    if (declared := _declared_dpi(image)) is not None and scale == 1.0:
        return declared
    if text_px:
        return int(round(300 * text_px / clean.CAP_HEIGHT_300DPI))
    return 300


def _turn(arr: np.ndarray, rotation: int, skew: float, fill: int) -> np.ndarray:
    """Quarter turn and deskew of a full-resolution page in one warp (a turn alone is a cheap copy)."""
    if skew == 0.0:
        return orient.rotate_quarter(arr, rotation)
    return deskew.rotate_array(arr, -float(rotation) - skew, fill)


def process_page(image: Image.Image, lang: str = "vie") -> tuple[PageResult, Image.Image]:
    """orient -> deskew -> clean -> read. Returns the PageResult and the corrected (upright, deskewed)
    image to store as the page image (word boxes refer to it)."""
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    pixels = np.asarray(image)  # one conversion; every step below works on arrays
    probe_red = clean.red_probe(pixels)
    gray = clean.to_gray(pixels, probe_red)
    small, f = clean.thumbnail(gray)  # one downscale shared by every decision below
    # replace the table/scanner lid around the page by paper now: after deskew it no longer touches the
    # image border, where page_outside_mask looks for it
    outside = clean.page_outside_mask(small)
    if outside.any():
        small = clean.paper_fill(small, outside)
        full = cv2.resize(outside.astype(np.uint8), (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
        gray = clean.paper_fill(gray, full > 0)
    paper = clean.paper_level(small)  # fill for the corners deskew uncovers, for the same reason

    ink = orient.analyse(gray, (small, f), paper_filled=True)  # the thumbnail's ink: orientation and skew
    orientation = orient.detect_orientation(gray, lang, small=(small, f), ink=ink)
    small = orient.rotate_quarter(small, orientation.rotation)
    skew = deskew.skew_of_ink(orient.rotate_quarter(ink[0], orientation.rotation))
    if abs(skew) < _MIN_SKEW:  # not worth two full-page warps; reported as 0 so the image matches
        skew = 0.0
    small = deskew.rotate_array(small, -skew, paper)
    grey_as_is = gray is pixels  # a grey page with nothing filled in around it: one warp serves both images
    gray = _turn(gray, orientation.rotation, skew, paper)
    if grey_as_is:
        gray.flags.writeable = False  # it is the stored image too (as the unturned page's own pixels are)
    corrected = Image.fromarray(gray if grey_as_is else _turn(pixels, orientation.rotation, skew, 255), image.mode)
    if "dpi" in image.info:
        corrected.info["dpi"] = image.info["dpi"]

    cards = regions.find_cards(small)
    ocr_input, plain, scale, text_px = clean.prepare(gray, small=(small, f), paper_filled=True, cards=cards,
                                                     photo=_declared_dpi(image) is None, grey=not probe_red.any())
    if cards:
        words, text, confidence = read_parts(_card_parts(ocr_input, plain, cards, scale / f), lang, scale=scale)
    else:
        words, text, confidence = read_parts([(ocr_input, (0, 0), plain)], lang, PAGE_PSM, scale=scale)
    w, h = corrected.size
    words = [_clip(word, w, h) for word in words]
    if (mended := dateline.date_words_spelled(dateline.days_read(gray, words))) is not words:
        words, text, confidence = mended, text_from_words(mended), mean_confidence(mended)
    result = PageResult(
        rotation=orientation.rotation,
        rotation_confidence=orientation.confidence,
        skew_deg=float(skew),
        text=text,
        confidence=confidence,
        words=words,
        width=w,
        height=h,
        dpi=_dpi(image, text_px, scale),
    )
    return result, corrected


_REST_INK = 0.002  # share of the page, outside the cards, that is ink: more means there is text to read


def _card_parts(page: np.ndarray, plain: np.ndarray, cards: list[tuple[int, int, int, int]], k: float) -> list:
    """The page cut for reading (each part with its `plain` counterpart: `read_parts`): each card (thumbnail
    box times `k`, with a small margin), preceded by the page with the cards blanked out when ink remains
    outside them (text printed around the cards)."""
    h, w = page.shape[:2]
    rest, rest_plain = page.copy(), plain.copy()
    parts = []
    for x0, y0, x1, y1 in cards:
        m = int(0.02 * (x1 - x0) * k)
        x0, y0 = max(0, int(x0 * k) - m), max(0, int(y0 * k) - m)
        x1, y1 = min(w, int(x1 * k) + m), min(h, int(y1 * k) + m)
        parts.append((page[y0:y1, x0:x1], (x0, y0), plain[y0:y1, x0:x1]))
        rest[y0:y1, x0:x1] = rest_plain[y0:y1, x0:x1] = 255
    if float((rest[::4, ::4] < 128).mean()) > _REST_INK:
        parts.insert(0, (rest, (0, 0), rest_plain))
    return parts


def _clip(word, w: int, h: int):
    """The word with its box inside the page (plain min/max: np.clip on scalars cost 16 ms a page)."""
    x0, y0, x1, y1 = word.bbox
    box = (int(min(max(x0, 0), w)), int(min(max(y0, 0), h)), int(min(max(x1, 0), w)), int(min(max(y1, 0), h)))
    return word if box == word.bbox else type(word)(word.text, word.confidence, box, word.block, word.line)
