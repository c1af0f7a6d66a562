"""QR codes printed on a page (the chip ID card's front carries one with the holder's data).

zxing-cpp finds and decodes small, slightly blurred or tilted codes on a whole A4 page far more often
than OpenCV's detector, in ~0.1 s a page against ~1 s; OpenCV is used only without zxing-cpp. A few
cheap variants of the image are tried (as is, Otsu-binarised, and enlarged twice for low-resolution
phone photos) because photocopies and phone photos defeat any single one. Payloads are returned
NFC-normalised, de-duplicated, in the order found.
"""

from __future__ import annotations

import unicodedata

import cv2
import numpy as np
from PIL import Image

try:  # optional at import time so the rest of the pipeline works without it
    import zxingcpp
except ImportError:  # pragma: no cover - zxing-cpp is a declared dependency
    zxingcpp = None


def _gray(image: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(image, Image.Image):
        image = np.asarray(image.convert("L"))
    elif image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    return np.ascontiguousarray(image, dtype=np.uint8)


def _variants(gray: np.ndarray):
    yield gray
    _, otsu = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    yield otsu
    if max(gray.shape) < 3000:  # a low-resolution photo: QR modules under 2 px need enlarging
        yield cv2.resize(gray, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)


def _zxing(gray: np.ndarray) -> list[str]:
    if zxingcpp is None:
        return []
    return [r.text for r in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode) if r.text]


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
    for variant in _variants(gray) if zxingcpp is not None else ():
        found = _zxing(variant)
        if found:
            break
    return list(dict.fromkeys(unicodedata.normalize("NFC", t) for t in found))
