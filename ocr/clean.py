"""Make a page easy for Tesseract: grey without red seals, flat white background, sensible text size.

Office scans are grey or yellowish paper, photocopies with low contrast and streaks, phone photos with
shading and a table around the page, and nearly every page carries a red seal over the signature.
Tesseract's own global Otsu binarisation copes badly with all of these, so `prepare` replaces the table
by paper, flattens the background (divides by a large-scale background estimate), resamples pages
whose glyphs are too small or too large, paints long rules and streaks white, and hands Tesseract a
clean grey image.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

CAP_HEIGHT_300DPI = 30.0  # px: `text_height` of ordinary 11–13 pt print scanned at 300 dpi
TARGET_TEXT_HEIGHT = 22.0  # px, of `text_height`'s statistic (≈ cap height): the accuracy-per-second optimum
_TEXT_HEIGHT_RANGE = (19.0, 26.0)  # leave alone inside (resampling costs more than it saves)


_RED = 25  # red minus the larger of green and blue: above this a pixel is red ink
_RED_TEXT_HEIGHT = 0.03  # of the page height: a red mark this low and wide is a printed line of text


def to_gray(image: Image.Image | np.ndarray) -> np.ndarray:
    """Luminance with red seals and red signatures lifted to paper white; uint8 2-D array.

    Red ink is bright in the red channel while black and blue ink are dark in every channel, so where a
    pixel is clearly red we blend towards the red channel instead of luminance. Red *print* stays: the
    title of a health insurance card is red text, and losing it loses the page's type. Red marks are
    told apart by shape on a quarter-size mask: a seal or signature is tall, a line of red text is low
    and wide.
    """
    arr = np.asarray(image)
    if arr.ndim == 2:
        return np.ascontiguousarray(arr, dtype=np.uint8)
    rgb = np.ascontiguousarray(arr[..., :3], dtype=np.uint8)
    lum = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    probe = np.ascontiguousarray(rgb[::4, ::4]).astype(np.int16)  # seals are big: a sparse look finds them
    probe_red = probe[..., 0] - np.maximum(probe[..., 1], probe[..., 2]) > _RED
    if not probe_red.any():
        return lum
    r, g, b = cv2.split(rgb)
    redness = cv2.subtract(r, cv2.max(g, b))  # saturating: 0 wherever red does not dominate
    keep = _red_text(probe_red, rgb.shape[:2])
    if keep is not None:
        redness[keep] = 0
    idx = np.nonzero(redness > _RED)
    if not len(idx[0]):
        return lum
    w = np.minimum((redness[idx].astype(np.float32) - _RED) / 50.0, 1.0)
    # the red channel of red ink is a little darker than the paper: push it fully to the paper level
    paper = float(np.percentile(r[::8, ::8], 90))
    red_level = np.maximum(r[idx].astype(np.float32), paper)
    out = lum.copy()
    out[idx] = (lum[idx] * (1.0 - w) + red_level * w).clip(0, 255).astype(np.uint8)
    return out


def _red_text(probe_red: np.ndarray, shape: tuple[int, int]) -> np.ndarray | None:
    """Full-size mask of the red marks shaped like lines of print (None if there are none)."""
    joined = cv2.dilate(probe_red.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (7, 3)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    low = _RED_TEXT_HEIGHT * probe_red.shape[0]
    text = [i for i in range(1, n) if stats[i, 3] <= low and stats[i, 2] >= 3 * stats[i, 3]]
    if not text:
        return None
    mask = np.isin(labels, text).astype(np.uint8)
    return cv2.resize(mask, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST) > 0


THUMB_SIDE = 1400  # analysis resolution: 300-dpi A4 capitals ~12 px tall; 2000 px cost 0.1 s more a page, no better


def thumbnail(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """The downscaled copy (and its scale) that orientation, skew and size decisions work on."""
    return _small(gray, THUMB_SIDE)


def _small(gray: np.ndarray, max_side: int) -> tuple[np.ndarray, float]:
    f = min(1.0, max_side / max(gray.shape))
    if f >= 1.0:
        return gray, 1.0
    size = (max(1, round(gray.shape[1] * f)), max(1, round(gray.shape[0] * f)))
    return cv2.resize(gray, size, interpolation=cv2.INTER_AREA), f


def background(gray: np.ndarray, text_px: float = 30.0) -> np.ndarray:
    """Paper brightness at every pixel: a morphological closing bigger than the glyphs, computed small.

    Closing removes dark features smaller than its kernel (text) but keeps large ones (a table around
    the page), so dividing by it flattens shading without inventing ink at page edges.
    """
    f = min(1.0, 8.0 / max(text_px, 1.0))  # glyphs ~8 px tall in the small image: fast and sufficient
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1.0 else gray
    k = max(3, int(round(max(text_px * f, 8.0) * 1.6)) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    bg = np.maximum(cv2.GaussianBlur(closed, (0, 0), k / 3.0), closed)  # blur must not darken edges
    if bg.shape != gray.shape:
        bg = cv2.resize(bg, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return bg


def normalize(gray: np.ndarray, text_px: float = 30.0) -> np.ndarray:
    """Divide by the background and stretch so paper is 255 and the darkest ink is near 0."""
    bg = background(gray, text_px)
    ratio = cv2.divide(gray, bg, scale=255.0)  # uint8, saturating; paper ≈ 255
    lo = float(np.percentile(ratio[::4, ::4], 0.5))
    lo = min(lo, 190.0)  # an empty page must not turn its paper grain into ink
    if lo <= 0.0:
        return ratio
    lut = np.clip((np.arange(256, dtype=np.float32) - lo) * (255.0 / (255.0 - lo)), 0, 255)
    return cv2.LUT(ratio, lut.astype(np.uint8))


def page_outside_mask(gray: np.ndarray, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """True where the image shows not paper but the table or scanner lid around it.

    Works on a 400-px thumbnail: close away the text, call 'dark' anything well below the paper level,
    and keep the dark regions that touch the image border *and* meet the paper at a sharp edge. The
    edge test keeps shaded paper (a phone's shadow, a page darkening towards the spine, which fades
    smoothly) from being taken for the table.
    """
    small, f = _small(gray, 400)
    k = max(3, int(round(max(small.shape) / 60)) | 1)
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    paper = float(np.percentile(closed, 90))
    dark = (closed < paper * 0.6).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=4)
    h, w = dark.shape
    shape = shape or gray.shape
    outside = np.zeros_like(dark, dtype=bool)
    if n > 1:
        c = closed.astype(np.float32)
        grad = np.hypot(cv2.Sobel(c, cv2.CV_32F, 1, 0), cv2.Sobel(c, cv2.CV_32F, 0, 1)) / 8.0
        inner = np.zeros_like(dark, dtype=bool)
        inner[2:-2, 2:-2] = True
        for i in range(1, n):
            x, y, bw, bh, _area = stats[i]
            if not (x == 0 or y == 0 or x + bw == w or y + bh == h):
                continue
            region = (labels == i).astype(np.uint8)
            ring = (cv2.dilate(region, np.ones((5, 5), np.uint8)) > 0) & (region == 0) & inner
            if ring.any() and float(np.median(grad[ring])) >= 0.05 * paper:
                outside |= region > 0
    if not outside.any():
        return np.zeros(shape[:2], dtype=bool)
    outside = cv2.dilate(outside.astype(np.uint8), np.ones((11, 11), np.uint8))  # + the edge shadow
    return cv2.resize(outside, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST) > 0


def paper_level(img: np.ndarray) -> int:
    """Brightness of the paper (90th percentile of a sparse sample)."""
    return int(np.percentile(img[::7, ::7], 90)) if img.size else 255


def paper_fill(img: np.ndarray, outside: np.ndarray) -> np.ndarray:
    """Copy of `img` with `outside` set to the paper level of the rest.

    Not white: white next to grey paper makes the background estimate jump at the page edge, and the
    division then draws a false dark frame just inside it.
    """
    out = img.copy()
    inside = img[~outside]
    out[outside] = int(np.percentile(inside[:: max(1, inside.size // 200_000)], 90)) if inside.size else 255
    return out


def hide_outside(img: np.ndarray) -> np.ndarray:
    """`img` with the table/scanner lid around the page replaced by paper."""
    outside = page_outside_mask(img)
    return paper_fill(img, outside) if outside.any() else img


def binarize(norm: np.ndarray) -> np.ndarray:
    """Ink mask (uint8 0/1) of a normalised page: Otsu, but never calling light-grey paper noise ink."""
    t, _ = cv2.threshold(norm, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    t = min(t, 200.0)
    return (norm < t).astype(np.uint8)


def text_height(ink: np.ndarray, upright: bool = False, stats: np.ndarray | None = None) -> float | None:
    """Typical glyph height (px) from connected components, ≈ cap height; None if there is no text.

    Vietnamese diacritics are separate small components, so the statistic looks at the upper half of
    plausible glyph sizes instead of the plain median; pictures, seals and rules (far above the median
    size) are left out first. Unless the page is known to be `upright` it uses each component's longer
    side, so it works for either text direction; upright pages use heights, which stay right when small
    or blurred letters merge into wide blobs (phone photos of ID cards).
    """
    if stats is None:  # a caller that labelled the components already passes their stats
        stats = cv2.connectedComponentsWithStats(ink, connectivity=8)[2]
    n = len(stats)
    if n < 12:
        return None
    w, h, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    keep = (area >= 12) & (h < ink.shape[0] / 8) & (w < ink.shape[1] / 8) & (area < 0.9 * w * h + 1)
    if keep.sum() < 10:
        return None
    size = (h[keep] if upright else np.maximum(w[keep], h[keep])).astype(np.float64)
    size = size[size <= 3.0 * np.median(size)]
    size = size[size >= 0.5 * np.percentile(size, 90)]
    return float(np.median(size))


def rescale_factor(text_px: float | None) -> float:
    """How much to resample so glyphs land in Tesseract's comfortable size range (1.0 = leave alone)."""
    if text_px is None or _TEXT_HEIGHT_RANGE[0] <= text_px <= _TEXT_HEIGHT_RANGE[1]:
        return 1.0
    return float(np.clip(TARGET_TEXT_HEIGHT / text_px, 0.25, 4.0))


_STREAK_KEEP = 0.6  # under a streak, pixels darker than this share of its own grey level are print it crosses
_STREAK_SHARE = 0.35  # a vertical line this long (share of page height) is a streak or page frame


def remove_rules(norm: np.ndarray, text_px: float) -> np.ndarray:
    """Paint white the lines that mislead Tesseract's layout analysis; keep the ones that help it.

    On the sample dossiers: a photocopier streak through the text makes Tesseract read either side of it
    as separate columns, and the dotted/solid fill-in lines of forms, touching the handwriting, are read
    as glyphs (phone photo of a declaration form: CER 0.19 -> 0.03 without them). Table grids and ID
    card frames, however, keep columns and cards apart (removing them interleaved two card sides line
    by line: CER 0.17 -> 0.33). So: remove vertical lines longer than a third of the page, and the
    horizontal lines (over six glyph heights) of pages without other vertical lines (no grid or frame).
    Found at half resolution. A grey streak is lifted only where it is lighter than the print it
    crosses: painted over whole, it cut a letter out of every line it ran through ("Ngày" -> "y").
    """
    half = cv2.resize(norm, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ink = (half < 200).astype(np.uint8)  # faint streaks get lighter when halved: be generous
    length = int(max(20, 3 * text_px))  # six glyph heights, at half resolution
    rect = cv2.MORPH_RECT
    # vertical lines, with a few pixels of sideways slack: a scanner streak is tilted after deskew
    wide = cv2.dilate(ink, np.ones((1, 5), np.uint8))
    vertical = cv2.morphologyEx(wide, cv2.MORPH_OPEN, cv2.getStructuringElement(rect, (1, length))) & ink
    streaks = _streaks(vertical)
    if (vertical & ~streaks).any():
        horizontal = np.zeros_like(ink)  # a grid or frame: its lines keep cells and cards apart
    else:
        horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(rect, (length, 1)))
    rules = horizontal | _pictures(ink, text_px / 2)
    if not rules.any() and not streaks.any():
        return norm
    out = norm.copy()
    if rules.any():
        out[_full_mask(rules, norm.shape)] = 255
    if streaks.any():
        # a grey streak crosses glyphs: keep what is much darker than the streak itself (the print under it)
        mask = _full_mask(streaks, norm.shape).astype(np.uint8)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for i in range(1, n):
            x, y, w, h = stats[i, :4]
            box = (slice(y, y + h), slice(x, x + w))
            mine = labels[box] == i
            values = norm[box][mine]
            dark = values[values < 200]  # the streak's own pixels, not the paper beside it
            level = float(np.median(dark)) if dark.size else 255.0
            out[box][mine & (norm[box] > _STREAK_KEEP * level)] = 255
    return out


def _full_mask(half_mask: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """A half-resolution mask, grown by a pixel, at full resolution."""
    grown = cv2.dilate(half_mask, np.ones((3, 3), np.uint8))
    return cv2.resize(grown, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST) > 0


def _streaks(vertical: np.ndarray) -> np.ndarray:
    """The vertical lines longer than `_STREAK_SHARE` of the page: copier streaks, a page frame.

    A streak is added by the copier along the paper path, so after deskew it is tilted by the page's skew
    (16 px of drift over its length at 1.5°) and broken by white specks. The long opening therefore runs
    on columns 8 px wide, with gaps bridged; only the line's own pixels are returned.
    """
    h, w = vertical.shape
    coarse = cv2.resize(vertical * 255, (max(1, w // 8), h), interpolation=cv2.INTER_AREA) > 0  # any ink
    coarse = cv2.dilate(coarse.astype(np.uint8), np.ones((9, 3), np.uint8))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, int(_STREAK_SHARE * h)))
    long = cv2.morphologyEx(coarse, cv2.MORPH_OPEN, kernel)
    if not long.any():
        return np.zeros_like(vertical)
    return cv2.resize(long, (w, h), interpolation=cv2.INTER_NEAREST) & vertical


_PICTURE_SIDE, _PICTURE_FILL = 3.0, 0.3  # glyph heights, share of the box that is ink


def _pictures(ink: np.ndarray, text_px: float) -> np.ndarray:
    """Dense blobs far bigger than a glyph: the photo and QR code of an ID card, a filled logo.

    Tesseract reads them as lines of junk ("% -Z") and spends time doing so. Frames, grids, seal rings
    and fingerprint ridges are thin (little ink for their box) and are left alone.
    """
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    w, h, area = stats[:, 2], stats[:, 3], stats[:, 4]
    side = _PICTURE_SIDE * text_px
    big = (w > side) & (h > side) & (area > _PICTURE_FILL * w * h)
    big[0] = False
    return big[labels].astype(np.uint8) if big.any() else np.zeros_like(ink)


def prepare(
    gray: np.ndarray, small: tuple[np.ndarray, float] | None = None, paper_filled: bool = False
) -> tuple[np.ndarray, float, float | None]:
    """Grey page (upright, deskewed) -> (clean image for Tesseract, scale applied, text height before).

    `small` optionally passes `thumbnail(gray)` when the caller has it already; `paper_filled` says the
    caller has already replaced the page's surroundings by paper.
    """
    small_img, f = small or thumbnail(gray)
    if not paper_filled:
        outside = page_outside_mask(small_img, gray.shape)
        if outside.any():
            gray = paper_fill(gray, outside)
            small_img = hide_outside(small_img)
    th = text_height(binarize(normalize(small_img, max(30.0 * f, 8.0))), upright=True)
    if th is not None:
        th /= f
    scale = rescale_factor(th)
    if scale != 1.0:  # resample first: every later step then works on the (usually smaller) OCR image
        interp = cv2.INTER_AREA if scale < 1.0 else cv2.INTER_CUBIC
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=interp)
    text_px = (th or 30.0) * scale
    return remove_rules(normalize(gray, text_px), text_px), scale, th
