"""QR codes printed on a page (the chip ID card's front carries one with the holder's data).

zxing-cpp finds and decodes small, slightly blurred or tilted codes on a whole A4 page far more often
than OpenCV's detector, in ~0.1 s a page against ~1 s; OpenCV is used only without zxing-cpp. A few
cheap whole-page variants are tried first (as is, Otsu-binarised, and for low-resolution phone photos
enlarged twice and sharpened: their modules are 1–2 px wide and blurred into grey). When a variant
*locates* a symbol but fails its Reed–Solomon check, only that symbol's neighbourhood is enlarged
further (2–5×) with several sharpening strengths and thresholds: cheap on a small crop, and it
recovers many phone photos of ID cards. A symbol that no variant locates (modules 1.5–2.5 px wide,
blurred into grey) is found as a square of dense, half-inked texture and, when no enlarged crop decodes
either, read by fitting its module grid to the pixels (`_grid_read`): generated phone photos of ID cards
decoded, 86 → 119 of 120. Only checksum-verified payloads are returned, NFC-normalised,
de-duplicated, in the order found.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image

from ocr.components import components
from ocr.types import overlaps

try:  # optional at import time so the rest of the pipeline works without it
    import zxingcpp
except ImportError:  # pragma: no cover - zxing-cpp is a declared dependency
    zxingcpp = None

LOW_RES = 3000  # longest side under this (px): a phone photo or a low-dpi scan
MAX_CANDIDATES = 4  # located-but-undecoded symbols refined per page
SQUARE_SEARCH = 1600  # px: the longest side the search for symbols by shape works at
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


def _refine(gray: np.ndarray, squares: list[Box], located: list[Box]) -> list[str]:
    """Decode each symbol from an enlarged, sharpened crop of its neighbourhood: the squares found by shape
    (whole symbols) first, then zxing's located boxes, a whole symbol before a finder."""
    distinct: list[Box] = []
    for box in squares + sorted(located, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1])):
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


def _square_blobs(gray: np.ndarray) -> list[Box]:
    """Squares of dense, half-inked texture (closed up, a QR symbol is one solid square): where a symbol
    sits on a photo although zxing located no finder pattern. Searched at most SQUARE_SEARCH px long."""
    f = min(1.0, SQUARE_SEARCH / max(gray.shape))
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 10)
    solid = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    _, _, stats = components(solid)
    boxes = []
    for x, y, w, h, area in stats[1:]:
        square = min(w, h) >= 60 * f and max(w, h) <= 400 * f and 0.9 <= w / h <= 1.1 and area > 0.75 * w * h
        if square and 0.3 <= float((ink[y:y + h, x:x + w] > 0).mean()) <= 0.75:
            boxes.append((x / f, y / f, (x + w) / f, (y + h) / f))
    return boxes


# Reading a symbol by its module grid. The photo is (near enough) the symbol's modules, each a square of
# ink or paper, blurred by a Gaussian: so the image is linear in the modules' darkness and separable
# (rows times columns), I = R·M·Cᵀ, and M is recovered by two small ridge-regularised least squares.
# This uses what an enlarge-and-threshold cannot: that every module is a whole square on one grid. No
# library does it (zxing samples one pixel a module from a binarised image), hence by hand.
_BLURS = (0.7, 1.0, 1.3, 1.7)  # the photo's blur, px (sigma): tried in turn, the patterns choose
_RIDGE = 0.02
_GRID_FITS = 12  # (size, blur, inset) fits refined and tried per square, best agreement first
_FLIP_SWEEPS = 12
_INSETS = (0.0, 0.5, 1.0, 1.5)  # px: the square found is the symbol spread by the blur, by about this
_PAD = 6  # px of paper kept round the square: the blur spreads the outer modules into it


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz–Stegun 7.1.26 (error < 1.5e-7): numpy has no erf and scipy is not otherwise needed."""
    t = 1 / (1 + 0.3275911 * np.abs(x))
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
    return np.sign(x) * (1 - poly * np.exp(-x * x))


def _coverage(n_px: int, lo: float, hi: float, n: int, blur: float) -> np.ndarray:
    """(n_px, n): how much each of n modules between pixel positions lo and hi darkens each pixel along
    one axis once blurred."""
    edges = lo + (hi - lo) * np.arange(n + 1) / n
    below = 0.5 * (1 + _erf((np.arange(n_px)[:, None] + 0.5 - edges[None, :]) / (blur * math.sqrt(2))))
    return below[:, :-1] - below[:, 1:]


def _ridge_inverse(cover: np.ndarray) -> np.ndarray:
    return np.linalg.solve(cover.T @ cover + _RIDGE * np.eye(cover.shape[1]), cover.T)


def _alignment_centres(version: int) -> list[int]:
    """Row (and column) indices of the alignment patterns' centres (ISO/IEC 18004 annex E): 6, then evenly
    spaced, an even step, up to n - 7."""
    if version == 1:
        return []
    count = version // 7 + 2
    step = 26 if version == 32 else (version * 4 + count * 2 + 1) // (count * 2 - 2) * 2
    n = 17 + 4 * version
    return [6] + [n - 7 - i * step for i in range(count - 1)][::-1]


def _version_bits(version: int) -> int:
    """The 18-bit version information (versions 7 and up): the version and its BCH(18, 6) remainder."""
    rem = version
    for _ in range(12):
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
    return version << 12 | rem


@lru_cache(maxsize=32)
def _function_patterns(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Where every symbol of side n is the same (finders and their separators, timing lines, alignment
    patterns, version information), and what it is there (1 = ink)."""
    value = np.zeros((n, n))
    known = np.zeros((n, n), dtype=bool)
    ring = np.ones((7, 7))
    ring[1:6, 1:6] = 0
    ring[2:5, 2:5] = 1
    for y, x in ((0, 0), (0, n - 7), (n - 7, 0)):
        value[y:y + 7, x:x + 7] = ring
        known[max(0, y - 1):y + 8, max(0, x - 1):x + 8] = True  # with the paper separator round it
    value[6, 8:n - 8] = value[8:n - 8, 6] = (np.arange(8, n - 8) + 1) % 2
    known[6, 8:n - 8] = known[8:n - 8, 6] = True
    version = (n - 17) // 4
    small = np.ones((5, 5))
    small[1:4, 1:4] = 0
    small[2, 2] = 1
    centres = _alignment_centres(version)
    for cy in centres:
        for cx in centres:
            if (cy, cx) not in ((6, 6), (6, n - 7), (n - 7, 6)):  # not where a finder is
                value[cy - 2:cy + 3, cx - 2:cx + 3] = small
                known[cy - 2:cy + 3, cx - 2:cx + 3] = True
    if version >= 7:
        bits = _version_bits(version)
        for i in range(18):
            a, b = n - 11 + i % 3, i // 3
            value[b, a] = value[a, b] = bits >> i & 1
            known[b, a] = known[a, b] = True
    return known, value


class _GridFit:
    """One guess at a symbol's side in modules and the photo's blur, with its edges in the crop."""

    def __init__(self, ink: np.ndarray, n: int, blur: float, edges: list[float]):
        self.ink, self.n, self.blur = ink, n, blur
        self.known, self.value = _function_patterns(n)
        self.edges = list(edges)  # left, top, right, bottom
        self.rows = self._inverse(1)
        self.cols = self._inverse(0)
        self.agreement = self._agreement(self.rows, self.cols)

    def _inverse(self, axis: int, edges: list[float] | None = None) -> np.ndarray:
        return _ridge_inverse(self._cover(axis, edges))

    def _cover(self, axis: int, edges: list[float] | None = None) -> np.ndarray:
        e = edges or self.edges
        return _coverage(self.ink.shape[1 - axis], e[axis], e[axis + 2], self.n, self.blur)

    def _agreement(self, rows: np.ndarray, cols: np.ndarray) -> float:
        modules = rows @ self.ink @ cols.T
        return float(((modules[self.known] > 0.5) == (self.value[self.known] > 0.5)).mean())

    def refine(self) -> None:
        """Move each edge by half pixels while the fixed patterns agree better."""
        for _ in range(3):
            moved = False
            for k in range(4):
                for step in (-1.0, -0.5, 0.5, 1.0):
                    edges = list(self.edges)
                    edges[k] += step
                    inverse = self._inverse(k % 2, edges)
                    rows, cols = (inverse, self.cols) if k % 2 else (self.rows, inverse)
                    agreement = self._agreement(rows, cols)
                    if agreement > self.agreement:
                        self.agreement, self.edges, self.rows, self.cols, moved = agreement, edges, rows, cols, True
            if not moved:
                return

    def modules(self) -> np.ndarray:
        """Each module ink or not: the fixed patterns as they must be, the others' least-squares darkness
        thresholded, then flipped while that brings the redrawn, blurred symbol nearer the photo (a few
        sweeps, each flipping only the best flip of its 3x3 neighbourhood, so neighbours do not undo
        each other)."""
        rows, cols = self._cover(1), self._cover(0)
        ink = np.where(self.known, self.value, self.rows @ self.ink @ self.cols.T > 0.5)
        weight = np.outer((rows**2).sum(0), (cols**2).sum(0))  # what one module's flip changes, squared
        for _ in range(_FLIP_SWEEPS):
            drawn = rows @ ink @ cols.T
            (gain, offset), *_ = np.linalg.lstsq(np.column_stack([drawn.ravel(), np.ones(drawn.size)]),
                                                 self.ink.ravel(), rcond=None)  # the photo's contrast
            pull = gain * (rows.T @ (self.ink - gain * drawn - offset) @ cols)
            better = 2 * (1 - 2 * ink) * pull - gain * gain * weight  # squared error saved by a flip
            best = cv2.dilate(np.where(better > 0, better, -1).astype(np.float32), np.ones((3, 3), np.uint8))
            flip = (better > 0) & (better >= best) & ~self.known
            if not flip.any():
                break
            ink[flip] = 1 - ink[flip]
        return ink > 0.5


def _draw(modules: np.ndarray, px: int = 6, quiet: int = 4) -> np.ndarray:
    """The modules as a crisp symbol, px pixels a module, with its quiet zone."""
    img = np.full(((modules.shape[0] + 2 * quiet) * px,) * 2, 255, np.uint8)
    inner = 255 * (1 - np.kron(modules.astype(np.uint8), np.ones((px, px), np.uint8)))
    img[quiet * px:quiet * px + inner.shape[0], quiet * px:quiet * px + inner.shape[1]] = inner
    return img


def _grid_read(gray: np.ndarray, box: Box) -> list[str]:
    """Decode a square by its module grid: every symbol size that puts 1.3–4 px in a module and every blur
    is fitted, the fits whose fixed patterns agree best are refined and redrawn crisp for zxing."""
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    h, w = gray.shape
    if x0 < _PAD or y0 < _PAD or x1 + _PAD > w or y1 + _PAD > h:
        return []
    crop = gray[y0 - _PAD:y1 + _PAD, x0 - _PAD:x1 + _PAD].astype(np.float64)
    light, dark = np.percentile(crop, (95, 5))
    ink = (light - crop) / max(1.0, light - dark)
    side = (x1 - x0 + y1 - y0) / 2
    fits = [_GridFit(ink, n, blur, [_PAD + inset, _PAD + inset, _PAD + x1 - x0 - inset, _PAD + y1 - y0 - inset])
            for n in range(21, 178, 4) if 1.3 <= side / n <= 4.0 for blur in _BLURS for inset in _INSETS]
    for fit in sorted(fits, key=lambda f: -f.agreement)[:_GRID_FITS]:
        fit.refine()
        texts, _ = _zxing(_draw(fit.modules()))
        if texts:
            return texts
    return []


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
        if not found:
            squares = _square_blobs(gray)
            found = _refine(gray, squares, located)
            for box in squares[:MAX_CANDIDATES]:
                found = found or _grid_read(gray, box)
    return list(dict.fromkeys(unicodedata.normalize("NFC", t) for t in found))
