"""QR codes printed on a page (the chip ID card's front carries one with the holder's data).

zxing-cpp finds and decodes small, slightly blurred or tilted codes on a whole A4 page far more often
than OpenCV's detector, in ~0.1 s a page against ~1 s; OpenCV is used only without zxing-cpp. A few
cheap whole-page variants are tried first (as is, Otsu-binarised, and for low-resolution phone photos
enlarged twice and sharpened: their modules are 1–2 px wide and blurred into grey). When a variant
*locates* a symbol but fails its Reed–Solomon check, only that symbol's neighbourhood is enlarged
further (2–5×) with several sharpening strengths and thresholds: cheap on a small crop, and it
recovers most phone photos of ID cards. Only checksum-verified payloads are returned, NFC-normalised,
de-duplicated, in the order found.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator

import cv2
import numpy as np
from PIL import Image

from ocr.types import overlaps

try:  # optional at import time so the rest of the pipeline works without it
    import zxingcpp
except ImportError:  # pragma: no cover - zxing-cpp is a declared dependency
    zxingcpp = None

LOW_RES = 3000  # longest side under this (px): a phone photo or a low-dpi scan
MAX_CANDIDATES = 4  # located-but-undecoded symbols refined per page
Box = tuple[float, float, float, float]


def _gray(image: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(image, Image.Image):
        image = np.asarray(image.convert("L"))
    elif image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    return np.ascontiguousarray(image, dtype=np.uint8)


def _enlarge(gray: np.ndarray, factor: float) -> np.ndarray:
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def _sharpen(gray: np.ndarray, sigma: float, amount: float) -> np.ndarray:
    """Unsharp mask: restores the edges between modules that blur and JPEG smeared together."""
    return cv2.addWeighted(gray, 1 + amount, cv2.GaussianBlur(gray, (0, 0), sigma), -amount, 0)


def _otsu(gray: np.ndarray) -> np.ndarray:
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def _page_variants(gray: np.ndarray) -> Iterator[tuple[np.ndarray, float]]:
    """(image, scale relative to `gray`), cheapest first."""
    yield gray, 1.0
    yield _otsu(gray), 1.0
    if max(gray.shape) < LOW_RES:
        big = _enlarge(gray, 2.0)
        yield _sharpen(big, 2.0, 1.5), 2.0
        yield big, 2.0


def _crop_variants(crop: np.ndarray) -> Iterator[np.ndarray]:
    for factor in (2.0, 3.0, 4.0, 5.0):
        big = _enlarge(crop, factor)
        for rel_sigma, amount in itertools.product((0.75, 1.0, 1.5), (0.8, 1.5, 3.0)):
            sharp = _sharpen(big, factor * rel_sigma, amount)
            yield sharp
            yield _otsu(sharp)


def _zxing(gray: np.ndarray) -> tuple[list[str], list[Box]]:
    """Decoded payloads, and the boxes of symbols located but not decoded."""
    results = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode, return_errors=True)
    texts, failed = [], []
    for r in results:
        if r.valid and r.text:
            texts.append(r.text)
        elif not r.valid:
            p = r.position
            xs = (p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x)
            ys = (p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y)
            failed.append((min(xs), min(ys), max(xs), max(ys)))
    return texts, failed


def _crop(gray: np.ndarray, box: Box) -> np.ndarray | None:
    """The symbol with a margin of half its size (quiet zone, and room for a box located imprecisely)."""
    x0, y0, x1, y1 = box
    side = max(x1 - x0, y1 - y0)
    if side < 8:
        return None
    m = 0.5 * side
    h, w = gray.shape
    crop = gray[int(max(0, y0 - m)):int(min(h, y1 + m)), int(max(0, x0 - m)):int(min(w, x1 + m))]
    return crop if crop.size and max(crop.shape) <= 1200 else None


def _refine(gray: np.ndarray, boxes: list[Box]) -> list[str]:
    """Decode each located symbol from an enlarged, sharpened crop of its neighbourhood."""
    distinct: list[Box] = []
    for box in sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1])):  # a whole symbol before a finder
        if not any(overlaps(box, d) for d in distinct):
            distinct.append(box)
    found: list[str] = []
    for box in distinct[:MAX_CANDIDATES]:
        crop = _crop(gray, box)
        if crop is None:
            continue
        for variant in _crop_variants(crop):
            texts, _ = _zxing(variant)
            if texts:
                found += texts
                break
    return found


def _opencv(gray: np.ndarray) -> list[str]:
    try:
        ok, texts, _points, _ = cv2.QRCodeDetector().detectAndDecodeMulti(gray)
    except cv2.error:
        return []
    return [t for t in texts if t] if ok else []


def decode_qr(image: Image.Image | np.ndarray) -> list[str]:
    """Every QR payload found on the page (usually none or one)."""
    gray = _gray(image)
    found: list[str] = []
    if zxingcpp is None:
        found = _opencv(gray)
    else:
        located: list[Box] = []
        for variant, scale in _page_variants(gray):
            found, failed = _zxing(variant)
            if found:
                break
            located += [(x0 / scale, y0 / scale, x1 / scale, y1 / scale) for x0, y0, x1, y1 in failed]
        if not found and located:
            found = _refine(gray, located)
    return list(dict.fromkeys(unicodedata.normalize("NFC", t) for t in found))
