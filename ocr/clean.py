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

from ocr.components import components
from ocr.types import rows_overlap

CAP_HEIGHT_300DPI = 30.0  # px: `text_height` of ordinary 11–13 pt print scanned at 300 dpi
TARGET_TEXT_HEIGHT = 22.0  # px, of `text_height`'s statistic (≈ cap height): the accuracy-per-second optimum
_TEXT_HEIGHT_RANGE = (19.0, 26.0)  # leave alone inside (resampling costs more than it saves)


_RED = 25  # red minus the larger of green and blue: above this a pixel is red ink
_RED_TEXT_HEIGHT = 0.03  # of the page's long side: a red mark this thin and long is a printed line of text


def to_gray(image: Image.Image | np.ndarray, probe_red: np.ndarray | None = None) -> np.ndarray:
    """Luminance with red seals and red signatures lifted to paper white; uint8 2-D array.

    Over the red marks' hulls the grey is a colour dropout fitted to the page (`_dropout`): the seal's own
    colour becomes the paper's grey, black print under it stays as dark as beside it. Where no dropout can
    be fitted (a few red pixels, a seal as pale as the paper), clearly red pixels are blended towards the
    red channel, in which red ink is bright and black ink dark. Red *print* stays: the title of a health
    insurance card is red text, and losing it loses the page's type. Red marks are told apart by shape on
    a quarter-size mask: a seal or signature is round or bulky, a line of red text is thin and long,
    whichever way the page is turned. `probe_red`: the page's `red_probe`, when the caller has it already.
    """
    arr = np.asarray(image)
    if arr.ndim == 2:
        return np.ascontiguousarray(arr, dtype=np.uint8)
    rgb = np.ascontiguousarray(arr[..., :3], dtype=np.uint8)
    lum = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    probe_red = red_probe(rgb) if probe_red is None else probe_red
    if not probe_red.any():
        return lum
    r, g, b = (np.ascontiguousarray(rgb[..., c]) for c in range(3))  # cv2.split: 3x slower
    redness = cv2.subtract(r, cv2.max(g, b))  # saturating: 0 wherever red does not dominate
    keep = _red_text(probe_red, rgb.shape[:2], redness)
    if keep is not None:
        redness[keep] = 0
    if redness.max() <= _RED:
        return lum
    dropout = _dropout(rgb, redness)
    out = lum.copy()
    if dropout is not None:
        weights, paper_grey = dropout
        zone, box = _red_zone(redness, keep)  # the seals' hulls: the dropout is needed there only
        # no lighter than the paper: a light ring left where a seal was makes `flatten` take it for the
        # paper and grey the paper around it
        if zone.any():  # (cv2.transform rejects an empty image)
            dropped = cv2.transform(rgb[box], weights[np.newaxis])  # uint8, saturated
            np.copyto(out[box], np.minimum(dropped, np.uint8(paper_grey)), where=zone)
        return out
    idx = np.nonzero(redness > _RED)
    w = np.minimum((redness[idx].astype(np.float32) - _RED) / 50.0, 1.0)
    # the red channel of red ink is a little darker than the paper: push it fully to the paper level
    paper = float(np.percentile(r[::8, ::8], 90))
    red_level = np.maximum(r[idx].astype(np.float32), paper)
    out[idx] = (lum[idx] * (1.0 - w) + red_level * w).clip(0, 255).astype(np.uint8)
    return out


def red_probe(image: np.ndarray) -> np.ndarray:
    """Red ink on a quarter-size sample of the page (seals are big: a sparse look finds them); none on a grey
    image. A page without any had no seal lifted by `to_gray`: its seals are as printed (`lift_seals`' `grey`)."""
    if image.ndim == 2:
        return np.zeros((1, 1), bool)
    probe = np.ascontiguousarray(image[::4, ::4, :3]).astype(np.int16)
    return probe[..., 0] - np.maximum(probe[..., 1], probe[..., 2]) > _RED


def _red_zone(redness: np.ndarray, keep: np.ndarray | None) -> tuple[np.ndarray, tuple[slice, slice]]:
    """The red marks' hulls, widened (`_dropout` applies there): a phone photo's seal tints its inside and its
    edges too little to count as red ink, enough to stay a grey ring. As (mask, box): the full-size mask inside
    the box around the hulls, scaled up there only (a whole page's mask cost 12 ms a stamped page)."""
    red = (redness[::4, ::4] > _RED).astype(np.uint8)
    joined = cv2.morphologyEx(red, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    hulls = np.zeros_like(red)
    for contour in cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0]:
        cv2.fillConvexPoly(hulls, cv2.convexHull(contour), 1)
    hulls = cv2.dilate(hulls, np.ones((_HALO, _HALO), np.uint8))
    x, y, w, h = cv2.boundingRect(hulls)
    rows, cols = _nearest(hulls.shape[0], redness.shape[0]), _nearest(hulls.shape[1], redness.shape[1])
    box = (slice(*np.searchsorted(rows, (y, y + h))), slice(*np.searchsorted(cols, (x, x + w))))
    zone = hulls[rows[box[0]]][:, cols[box[1]]] > 0
    return (zone, box) if keep is None else (zone & ~keep[box], box)


def _nearest(n: int, size: int) -> np.ndarray:
    """For each of `size` pixels along an axis scaled up from `n`, the pixel it takes (`cv2.INTER_NEAREST`'s)."""
    return cv2.resize(np.arange(n, dtype=np.int32)[:, None], (1, size), interpolation=cv2.INTER_NEAREST)[:, 0]


_HALO = 5  # quarter-size px around red ink where its colour still tints the pixels (blur, JPEG's colour)
_LUM = np.array([0.299, 0.587, 0.114])
_MAX_WEIGHT = 4.0  # of a channel in the dropout: more amplifies noise more than it lifts ink


def _dropout(rgb: np.ndarray, redness: np.ndarray) -> tuple[np.ndarray, float] | None:
    """Channel weights under which the seal's ink is as light as the paper and grey stays grey (a scanner's
    colour dropout, fitted to the page), or None where they cannot be fitted.

    Sums of channels are nearly linear in the inks' mixture: with weights summing to 1 that give the seal's
    own colour the paper's value, a pixel keeps only what is not seal — black print under a seal stays as
    dark as beside it. Lifting red pixels to the paper took print a phone's blur had mixed with the seal
    (an insurance card's issue date) and left the seal's pale edges, too little red to count, as a grey
    ring Tesseract read the line under it into. The seal's colour is the median of its reddest quarter,
    the paper's that of the bright pixels around the red ink.
    """
    small, red = rgb[::4, ::4].astype(np.float32), redness[::4, ::4] > _RED
    if red.sum() < 20:
        return None
    near = cv2.dilate(red.astype(np.uint8), np.ones((11, 11), np.uint8)) > 0
    ring = near & ~(cv2.dilate(red.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)
    if ring.sum() < 20:
        return None
    around = small[ring]
    lum = around @ _LUM
    paper = np.median(around[lum >= np.percentile(lum, 60)], axis=0)
    rs = redness[::4, ::4][red]
    seal = np.median(small[red][rs >= np.percentile(rs, 75)], axis=0)
    if np.linalg.norm(seal - paper) < 10:
        return None
    # weighted rows: the weights sum to 1 (grey stays grey) and the seal is as light as the paper; they
    # stay near luminance's; then they are scaled so the paper keeps its grey
    rows = np.vstack([100 * np.ones(3), 100 * (seal - paper) / np.linalg.norm(seal - paper), np.eye(3)])
    target = np.concatenate([[100.0, 0.0], _LUM])
    weights = np.linalg.lstsq(rows, target, rcond=None)[0]
    if np.abs(weights).max() > _MAX_WEIGHT:
        return None
    grey = float(paper @ _LUM)
    return (weights * grey / float(paper @ weights)).astype(np.float32), grey  # the paper as grey as outside


def _red_text(probe_red: np.ndarray, shape: tuple[int, int], redness: np.ndarray) -> np.ndarray | None:
    """Full-size mask of the red marks shaped like lines of print (None if there are none).

    The page is not turned yet: a line of print may run sideways or at a slant, so glyphs are joined in
    every direction and each mark's shape is that of its smallest rotated box, thin and long for text.
    Where a seal lies over such a line, only the print's own ink is kept of the band (`_print_ink`).
    """
    joined = cv2.dilate(probe_red.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    n, labels, stats = components(joined)
    low = _RED_TEXT_HEIGHT * max(probe_red.shape)
    lines, short = [], []  # (label, its rotated box)
    bands = np.zeros_like(joined)
    for i in range(1, n):
        x, y, w, h = stats[i, :4]
        box = np.s_[y : y + h, x : x + w]
        blob = labels[box] == i
        if min(w, h) <= 6 * low:  # over that: a seal's or a signature's size, at any slant
            ys, xs = np.nonzero(blob)
            rect = cv2.minAreaRect(np.column_stack([xs + x, ys + y]).astype(np.float32))
            thin, long = sorted(rect[1])
            if thin <= low and long >= 3 * thin:
                lines.append((i, rect))
                continue
            if thin <= low:
                short.append((i, rect))
        if w >= _JOINED_WIDE * h:  # a seal alone is round: its own label's rows are no line of print
            _text_rows(blob, probe_red[box], low, bands[box])
    text = [i for i, _ in lines] + [i for i, rect in short if any(_line_goes_on(line, rect) for _, line in lines)
                                    or _in_band(bands, rect)]
    if not text and not bands.any():
        return None
    full = cv2.resize(np.isin(labels, text).astype(np.uint8), (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST) > 0
    if bands.any():
        full |= _print_ink(cv2.resize(bands, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST) > 0, redness)
    return full


def _line_goes_on(line: tuple, mark: tuple) -> bool:
    """Whether a short red mark (a rotated box, `cv2.minAreaRect`'s) carries on a red line of print: centred on
    the line's axis, at most two of its heights past an end, no taller. The last words of an insurance card's
    red title ("Y TẾ" of "THẺ BẢO HIỂM Y TẾ"), a word space apart, make a mark too short for a line of its own,
    which was lifted with the seals: "THẺ BẢO HIẾM" was all that was read."""
    (cx, cy), (w, h), angle = line
    length, height = max(w, h), min(w, h)
    a = np.deg2rad(angle if w >= h else angle + 90.0)  # the line's long axis
    dx, dy = mark[0][0] - cx, mark[0][1] - cy
    along, across = abs(dx * np.cos(a) + dy * np.sin(a)), abs(-dx * np.sin(a) + dy * np.cos(a))
    return across <= height / 2 and along <= length / 2 + 2 * height and min(mark[1]) <= 1.5 * height


def _in_band(bands: np.ndarray, mark: tuple) -> bool:
    """Whether a short red mark (a rotated box) carries on a band of red print rows (`_text_rows`): its centre on
    a row of the band, within two of its heights of the band's end. The stamp that joins a title's first words
    into one mark leaves its last one ("TẾ" of "THẺ BẢO HIỂM Y TẾ") a mark of its own, no line to carry on."""
    (cx, cy), size, _ = mark
    cols = np.flatnonzero(bands[min(int(cy), bands.shape[0] - 1)])
    return cols.size > 0 and float(np.min(np.abs(cols - cx))) <= max(size) / 2 + 2 * min(size)


_PRINT_CORE = 0.8  # of the band's deepest red: a printed letter's ink; a seal's, stamped thinner, is paler
_PRINT_CORE_AREA = 10  # px: a core smaller than this is a speck of a seal's uneven ink (a mark's dot is 15 or more)


def _print_ink(band: np.ndarray, redness: np.ndarray) -> np.ndarray:
    """The red print's own pixels in a band of rows where a seal lies over it.

    A seal's ink, pressed on through a stamp pad, is paler than the printed title's (a seal's median
    98 of redness against the title's 150 on the bench's stamped insurance cards): the print is its
    deepest ink (not a seal's dark specks), one pixel more for its edge. It is not grown into paler ink
    joined to it: the seal's star and a signature's stroke, both deeper than the rim, touch the letters,
    and grown into they stayed as print ("THẺ BẢO HIỂM Y" read "xIHÉ BÂØ NIỄ"). A signature's stroke may be
    as deep as print but is thin and runs on out of the band: thin ink joined through thin ink to red ink
    above or below the band goes too, and so does a pen's loop inside the band, joined to the rest only
    through the letters it crosses (`_pen_strokes`)."""
    ys, xs = np.nonzero(band)
    y0, y1 = ys.min(), ys.max() + 1
    m = y1 - y0  # the rows around the band where a signature's stroke runs on
    box = np.s_[max(0, y0 - m) : y1 + m, xs.min() : xs.max() + 1]
    inside, red = band[box], redness[box]
    inked = red > _RED
    if not (inked & inside).any():
        return band
    top = float(np.percentile(red[inked & inside], 95))
    deep = ((red >= _PRINT_CORE * top) & inside).astype(np.uint8)
    n, labels, stats = components(deep)
    cores = stats[:, 4] >= _PRINT_CORE_AREA
    cores[0] = False
    width = cv2.distanceTransform(inked.astype(np.uint8), cv2.DIST_L2, 3)
    stem = float(np.percentile(width[deep > 0], 95)) if deep.any() else 0.0
    k = 2 * int(stem) + 1  # a pixel's stroke is as wide as the widest middle within the stem's reach
    thin = inked & (cv2.dilate(width, np.ones((k, k), np.uint8)) < _THIN_STROKE * stem)
    pen = _pen_strokes(thin & inside, width, _PEN_LONG * m, _PEN_WIDTH * _letter_stem(width, deep, labels, cores))
    strokes = _reconstruct((inked & ~inside) | pen, (thin | ~inside) & inked)
    letters = (cores[labels] & ~strokes).astype(np.uint8)
    out = np.zeros_like(band)
    out[box] = (cv2.dilate(letters, np.ones((3, 3), np.uint8)) > 0) & inked & inside & ~strokes
    return out


_THIN_STROKE = 0.6  # of the print's widest stems' half-width: a pen's stroke is narrower
_PEN_LONG = 0.4  # of the band's height: a piece of thin ink this long inside it is a pen's stroke, no hairline
_PEN_WIDTH = 0.8  # of the letters' stem half-width (`_letter_stem`): a pen's stroke, blurred, is narrower


def _letter_stem(width: np.ndarray, deep: np.ndarray, labels: np.ndarray, cores: np.ndarray) -> float:
    """The half-width of the print's stems: the median of each core's widest middle. A seal's star, as deep as
    print and thicker, is one core among the letters here, but may fill the top percentiles of their pixels."""
    return float(np.median(_widest(labels, deep > 0, width, len(cores))[cores])) if cores.any() else 0.0


def _pen_strokes(thin: np.ndarray, width: np.ndarray, length: float, narrow: float) -> np.ndarray:
    """The pieces of thin ink in a band of print that are a pen's: `length` long or longer either way and nowhere
    as wide as `narrow` (a letter's stem is). A signature's loop between two letters it crosses joins no ink outside
    the band through thin ink, and went on as print ("THẺ BẢO" read "xIHÉ BÂØ")."""
    n, labels, stats = components(thin.astype(np.uint8))
    pen = (np.maximum(stats[:, 2], stats[:, 3]) >= length) & (_widest(labels, thin, width, n) < narrow)
    pen[0] = False
    return pen[labels]


def _widest(labels: np.ndarray, mask: np.ndarray, width: np.ndarray, n: int) -> np.ndarray:
    """Each of the `n` labels' largest `width` over `mask`: the half-width of its widest stroke."""
    out = np.zeros(n, np.float32)
    np.maximum.at(out, labels[mask], width[mask])
    return out


def _reconstruct(seed: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The parts of `mask` joined to `seed` (boolean masks): its connected pieces that hold a seed pixel."""
    n, labels = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)
    held = np.zeros(n, bool)
    held[labels[seed & mask]] = True
    held[0] = False
    return held[labels]


_JOINED_WIDE = 1.1  # width over height of a red mark that may be a seal joined to a red title (a seal is round)
_RED_ROW_FILL = 0.3  # share of a red mark's width inked along a row: a line of red print runs through it
_RED_ROW_STROKES = 16  # ... crossing this many strokes (letters: 19 on the rows of a title a seal's star crosses)


def _text_rows(blob: np.ndarray, red: np.ndarray, low: float, out: np.ndarray) -> None:
    """Marks in `out` the rows of a bulky red mark that a line of red print runs through (a stamp over an
    insurance card's red title joins the two into one mark): a band of rows as tall as print, each inked
    along 30 % of the mark's width across 16 strokes or more (its letters). A signature's stroke is too thin
    a band. A seal's rows cross as many strokes at most two rows together (on the 48 stamps of bench seeds 3–8),
    a title's over seven; at quarter size, where the star merges letters, a title's rows cross 19–30 (20 were
    asked for, and seed 8's title was lifted with its seal). Rows only: on a page still turned a quarter such
    a title is lifted with the stamp, as before."""
    ink = red & blob
    runs = np.count_nonzero(np.diff(ink.astype(np.int8), axis=1) == 1, axis=1)  # strokes along each row
    rows = (ink.sum(axis=1) >= _RED_ROW_FILL * blob.shape[1]) & (runs >= _RED_ROW_STROKES)
    # a row or two through the letters' thin parts falls short: the band goes on over them
    rows = cv2.morphologyEx(rows.astype(np.uint8)[:, None], cv2.MORPH_CLOSE, np.ones((3, 1), np.uint8))[:, 0] > 0
    start = None
    for y, dense in enumerate([*rows, False]):
        if dense and start is None:
            start = y
        elif not dense and start is not None:
            if 0.2 * low <= y - start <= low:  # with the room of its marks above ("Ể": only the print's own
                # ink is kept of the band, `_print_ink`) and a dot below
                top, bottom = max(0, start - (y - start)), y + (y - start) // 4
                out[top:bottom] = blob[top:bottom]
            start = None


_BOX_OPENING = 120  # px of kernel length from which `line_opening` sums windows instead of scanning the kernel


def line_opening(mask: np.ndarray, length: int, vertical: bool) -> np.ndarray:
    """`cv2.morphologyEx(mask, MORPH_OPEN, ...)` of a 0/1 mask with a 1-px-wide line `length` long, pixel for pixel.

    OpenCV's rect morphology scans the whole kernel at every pixel (a streak's 450-px kernel took 6–25 ms a
    page); for a long line the erosion is where the window's box sum is full and the dilation where it is
    not empty, at the same cost for any length. The windows are OpenCV's own: anchored at `length // 2` for
    both steps, the outside of the image counting as ink for the erosion and as paper for the dilation.
    """
    kernel = (1, length) if vertical else (length, 1)
    if length < _BOX_OPENING:  # short kernels: OpenCV's scan is the faster
        return cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    before, after = length // 2, length - 1 - length // 2
    pad = (before, after, 0, 0) if vertical else (0, 0, before, after)
    h, w = mask.shape

    def window_sums(x: np.ndarray, outside: int) -> np.ndarray:
        padded = cv2.copyMakeBorder(x, *pad, cv2.BORDER_CONSTANT, value=outside)
        sums = cv2.boxFilter(padded, cv2.CV_16U, kernel, anchor=(0, 0), normalize=False, borderType=cv2.BORDER_CONSTANT)
        return sums[:h, :w]

    eroded = (window_sums(mask, 1) == length).astype(np.uint8)
    return (window_sums(eroded, 0) > 0).astype(np.uint8)


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
    return stretch(flatten(gray, text_px))


def flatten(gray: np.ndarray, text_px: float = 30.0) -> np.ndarray:
    """The page divided by its background (`background`): paper ≈ 255, ink keeps its own contrast."""
    bg = background(gray, text_px)  # a new array: the quotient goes in its place
    return cv2.divide(gray, bg, dst=bg, scale=255.0)  # uint8, saturating


def black_point(ratio: np.ndarray) -> float:
    """The level of a flattened page's darkest 0.5 % (on a sparse page: also a grey seal), which `stretch` makes 0."""
    return min(float(np.percentile(ratio[::4, ::4], 0.5)), 190.0)  # an empty page's paper grain is no ink


def stretch(ratio: np.ndarray, lo: float | None = None) -> np.ndarray:
    """A flattened page stretched so that `lo` (by default its `black_point`) and darker become 0."""
    lo = black_point(ratio) if lo is None else lo
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
        stats = components(ink)[2]
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
_RULE_INK = 215  # at half resolution a 1.5-px grey fill-in line is 195–220 where it straddles two rows


def remove_rules(norm: np.ndarray, text_px: float) -> np.ndarray:
    """Paint white the lines that mislead Tesseract's layout analysis; keep the ones that help it.

    On the sample dossiers: a photocopier streak through the text makes Tesseract read either side of it
    as separate columns, and the dotted/solid fill-in lines of forms, touching the handwriting, are read
    as glyphs or make Tesseract drop the lines they underline (phone photo of a declaration form: three
    filled-in lines lost). Table grids and ID card frames, however, keep columns and cards apart
    (removing them interleaved two card sides line by line: CER 0.17 -> 0.33). So: remove vertical lines
    longer than a third of the page, and the horizontal lines (over six glyph heights) that are no part
    of a grid (`_grid`): a fill-in line above a table goes, the table's own rules stay (the earlier test,
    "any other vertical line means a grid", let a piece of copier streak keep every fill-in line of a
    photocopied birth registration form: CER 8.5 -> 17 %). Found at half resolution. A line is lifted only
    where it is lighter than the print it crosses (`_lift_line`): a streak painted over whole cut a letter
    out of every line it ran through ("Ngày" -> "y"), a fill-in line the descenders of the handwriting.
    """
    half = cv2.resize(norm, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ink = (half < 200).astype(np.uint8)  # faint streaks get lighter when halved: be generous
    length = int(max(20, 3 * text_px))  # six glyph heights, at half resolution
    # vertical lines, with a few pixels of sideways slack: a scanner streak is tilted after deskew
    wide = cv2.dilate(ink, np.ones((1, 5), np.uint8))
    vertical = line_opening(wide, length, vertical=True) & ink
    streaks = _streaks(vertical)
    # horizontal rules: thin fill-in lines are light once halved, and drift a pixel up or down over their length
    faint = (half < _RULE_INK).astype(np.uint8)
    tall = cv2.dilate(faint, np.ones((3, 1), np.uint8))
    horizontal = line_opening(tall, length, vertical=False) & faint
    n, labels, stats = components(horizontal)
    grid = _grid(labels, vertical & ~streaks, text_px) if n > 1 else set()
    fill_lines = [i for i in range(1, n) if i not in grid and not _in_print(faint, stats[i], text_px)]
    pictures = _pictures(ink, text_px / 2, half)
    if not fill_lines and not pictures.any() and not streaks.any():
        return norm
    out = norm.copy()
    if pictures.any():
        out[_full_mask(pictures, norm.shape)] = 255
    for i in fill_lines:
        _lift_line(out, norm, labels, i, stats[i], _RULE_INK, text_px)
    if streaks.any():
        # a grey streak crosses glyphs: keep what is much darker than the streak itself (the print under it)
        n, labels, stats = components(streaks)
        for i in range(1, n):
            _lift_line(out, norm, labels, i, stats[i], 200)
    return out


_PRINT_ROW = 0.5  # share of a line's columns inked in a row of the band around it


def _in_print(faint: np.ndarray, stat: np.ndarray, text_px: float) -> bool:
    """Whether a horizontal line (half resolution) runs inside a line of print rather than being a rule:
    on a blurred phone photo of a card the letters of a word merge into a run six glyphs long, and painting
    it out cut a white streak through every such line ("Place of origin", "Tương Mai": the page's CER 50 %).
    The rows around such a run are inked as densely as the run itself, as tall as the letters; a rule's band
    is its own width. A run half a glyph thick is print too unless it is long (a dark scan border)."""
    x, y, w, h = (int(v) for v in stat[:4])
    k = int(round(text_px / 2))  # a glyph height, at half resolution
    if h >= k / 2 and w < 10 * k:
        return True
    y0 = max(0, y - k)
    rows = faint[y0:y + h + k, x:x + w].mean(axis=1) >= _PRINT_ROW
    top, bottom = y - y0, y - y0 + h - 1
    while top > 0 and rows[top - 1]:
        top -= 1
    while bottom < len(rows) - 1 and rows[bottom + 1]:
        bottom += 1
    band = bottom - top + 1
    return band >= max(h + 3, 0.25 * text_px)


def _grid(labels: np.ndarray, vertical: np.ndarray, text_px: float) -> set[int]:
    """The labels of the horizontal lines (half resolution) that belong to a table grid or a card frame.

    A grid's vertical lines start and end on horizontal ones (a cell's walls, a frame's sides, up to a
    rounded corner away); a piece of a copier streak or a stroke of a signature starts and ends anywhere.
    Horizontal lines are kept when such a closed vertical touches them: a fill-in line has none.
    """
    if not vertical.any():
        return set()
    slack = max(3, int(round(text_px)))  # a glyph height at half resolution: covers a card's rounded corner
    x0, y0, w0, h0 = cv2.boundingRect(vertical)  # label only where the vertical lines are
    n, vlabels, stats = components(vertical[y0:y0 + h0, x0:x0 + w0])
    grid: set[int] = set()
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        x, y = x + x0, y + y0
        ends = [labels[max(0, e - slack):e + slack + 1, max(0, x - slack):x + w + slack] for e in (y, y + h - 1)]
        top, bottom = (set(np.unique(e[e > 0]).tolist()) for e in ends)
        if top and bottom:  # a wall: both its ends on horizontal lines
            grid |= top | bottom
            side = labels[y:y + h, max(0, x - slack):x + w + slack]
            grid |= set(np.unique(side[side > 0]).tolist())  # the rows of the cells it separates
    return grid


def _lift_line(
    out: np.ndarray, norm: np.ndarray, labels: np.ndarray, i: int, stat: np.ndarray, ink: int,
    text_px: float | None = None,
) -> None:
    """In place: paint out line `i` of the half-resolution `labels` (a rule or a streak) where it is not
    much darker than its own grey level (the median of its pixels under `ink`): a streak keeps the print it
    crosses, a fill-in line the descenders and commas of the handwriting drawn over it.

    Given `text_px` (a horizontal rule), the strokes crossing it are kept too: ink right above and right
    below its band, joined by a vertical closing (the line is drawn over the descenders it crosses). Worked
    on in the line's own box: labelling or closing the whole page cost more than the rest of the cleanup.
    """
    k = max(5, int(round(0.25 * text_px))) if text_px else 0  # half resolution: taller than the rule's band
    x, y, w, h = (int(v) for v in stat[:4])
    hy = slice(max(0, y - 1 - k), min(labels.shape[0], y + h + 1 + k))
    hx = slice(max(0, x - 1), min(labels.shape[1], x + w + 1))
    mine = cv2.dilate((labels[hy, hx] == i).astype(np.uint8), np.ones((3, 3), np.uint8))  # as `_full_mask`
    ys = slice(2 * hy.start, min(norm.shape[0], 2 * hy.stop))
    xs = slice(2 * hx.start, min(norm.shape[1], 2 * hx.stop))
    grey = norm[ys, xs]
    band = cv2.resize(mine, None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)[: grey.shape[0], : grey.shape[1]] > 0
    values = grey[band]
    dark = values[values < ink]  # the line's own pixels, not the paper beside it
    level = float(np.median(dark)) if dark.size else 255.0
    lift = band & (grey > _STREAK_KEEP * level)
    if k:
        strokes = ((grey < 160) & ~band).astype(np.uint8)
        crossing = cv2.morphologyEx(strokes, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 2 * k)))
        lift &= ~((crossing > 0) & (grey < 160))
    out[ys, xs][lift] = 255


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
    long = line_opening(coarse, int(_STREAK_SHARE * h), vertical=True)
    if not long.any():
        return np.zeros_like(vertical)
    return cv2.resize(long, (w, h), interpolation=cv2.INTER_NEAREST) & vertical


_SEAL_RADIUS = (3.0, 9.0)  # glyph heights: a card's 13–15 mm seal up to a page's 41 mm one
_SEAL_RING = 0.85  # share of a circle that must be inked to be a seal's rim
_SEAL_INNER = 0.5  # share of a circle at 0.6–0.8 of the radius that must be inked: the thin second ring
_INNER_RING = 0.7  # that ring's radius, of the rim's
_SEAL_FILLED = 0.5  # share of the disc that is ink above which it is a picture (emblem, QR code), not a seal
# a rim paler than this before the stretch is what is left of a red seal the colour step lifted: halfway
# between it and the print is too pale a cut for the print under it, which lost some of its darkness too
_SEAL_GREY_RIM = 180
_SEAL_MIN_GREY = 70  # of 255 from print to paper: a rim darker than this is as dark as print, nothing to tell apart
_SEAL_MAX_EDGES = 60_000  # edge pixels at quarter size: pages have 10–30 k; a noisy photo's 250 k took Hough 4.7 s
_SEAL_RIM_COVER = 0.9  # share of directions in which a seal's rim, at full resolution, is inked
_SEAL_RIM_CONTRAST = 0.3  # ... and by how much less often the ring just outside it is: no circle through print
_PRINT_EDGE = 2  # px: how far the print's paler pixels beside its cores are kept when a seal is lifted
_SOFT_BEYOND = 1.08  # rim radii: beyond, on a soft page, only what is about as pale as the rim is lifted
_SEAL_MARGIN = 1.3  # radius lifted, of the fitted rim: the fit can be pulled a few pixels by the print inside
_CARD_SEAL = (0.085, 0.12)  # seal radius, share of a card's height: an insurance card's 0.09–0.115, an ID card's 0.13
_CARD_SEAL_FIT = 1.1  # times the largest searched: a fit up to this is kept (an ID card's seal was fitted at 0.121)
_CARD_RIM_COVER = 0.95  # share of directions a page-size seal found over a card has its rim inked (print: ≤ 0.9)
_SEAL_FILLED_CARD = 0.7  # a card's small seal covers its signer's title, name and signature: its disc is fuller


def lift_seals(
    norm: np.ndarray,
    text_px: float,
    levels: np.ndarray | None = None,
    cards: tuple[tuple[int, ...], ...] = (),
    soft: bool = False,
    grey: bool = False,
) -> np.ndarray:
    """Lift to paper the grey strokes of round seals stamped over print, keeping the black print.

    On a grey scan or photocopy a red seal becomes mid-grey strokes (a rim, its lettering, a star) over
    the signature block: Tesseract then reads the title and name under it as junk ("CỤC TRƯỞNG" ->
    "CỤC TR", "Ngày 25 tháng" -> "Ngàyê"). A seal is found as a circle (Hough, at a quarter of the
    resolution: 10–60 ms a page; skipped on pages noisy enough to make it slow) whose rim and a
    concentric inner ring are inked and whose disc is not filled; inside it (with a margin), pixels
    lighter than halfway between the print's and the rim's grey levels and not touching darker ones
    become paper. A seal as dark as the print is left alone: nothing tells the two apart by level.

    Given `levels`, the page before its contrast stretch (`flatten`), the grey levels of a circle that is
    surely a rim at full resolution (`_is_rim`, after a refit that keeps the print around the seal from
    pulling the circle off it) are read from it: the stretch blackens the darkest 0.5 % of the page, and on
    a sparse page (an insurance card on an A4 sheet) that is part of the grey seal too, so a photocopied
    card's rim stayed as a dark arc through the issue date under it ("Ngày 25 tháng" read "Ngày-26-tháng"),
    or the whole seal was left. Other circles are lifted on the stretched page, where print is black.

    `cards`, boxes (x0, y0, x1, y1) of `norm`, are then searched for circles sized by the card's own
    height (`_CARD_SEAL`, with fewer Hough votes): an insurance card printed small in a dossier has a seal
    of 2.4–3.1 glyph heights, under the page search's minimum, which lowered for the whole page lifted
    circles through ID cards' print. Such a circle is lifted only if the page search did not lift it, its
    fit stays in the card's range (`_CARD_SEAL_FIT`: an ID card's seal, which a signature fills too much for the
    page search, is fitted a little over an insurance card's), and it is surely a rim (its disc holds the signer's
    title, name and signature, so it may be fuller); it is lifted with `levels`, which tell the print apart best.
    `soft`: the page is a photo (its print blurred for its size), and each disc's margin is lifted more gently
    (`_lift_disc`). `grey`: the page holds no red ink (a grey scan or photocopy, or a photo of one), so no colour
    step paled its seals and a rim paler than `_SEAL_GREY_RIM` is lifted with `levels` too: on a faint copy of a card
    on an A4 sheet the stretch made it nearly as dark as the print, and it stayed over the signer's title and name.
    """
    f = 0.25
    small = cv2.resize(norm, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    smooth = cv2.medianBlur(small, 3)  # specks of a photocopy are edges too: Hough ran 2–4 times longer on them
    found = []  # (x, y, r, the radii a card's seal may have, or None on the page)
    r_min, r_max = (int(k * text_px * f) for k in _SEAL_RADIUS)
    if r_min >= 4 and np.count_nonzero(cv2.Canny(smooth, 30, 60)) <= _SEAL_MAX_EDGES:  # Hough's own edge map
        found += [(*c, None) for c in _hough(smooth, r_min, r_max, 40, 20)]  # a card's wavy background adds many
    for x0, y0, x1, y1 in cards:  # then the cards, for seals under the page search's radius
        x0, y0, x1, y1 = (int(v * f) for v in (x0, y0, x1, y1))
        c_min, c_max = (k * (y1 - y0) for k in _CARD_SEAL)
        if c_min >= 4 and x1 - x0 > 2 * c_max and y1 - y0 > 2 * c_max:
            circles = _hough(smooth[y0:y1, x0:x1], int(0.9 * c_min), int(1.15 * c_max), 10, 15)  # fewer votes
            found += [(x + x0, y + y0, r, (c_min, _CARD_SEAL_FIT * c_max)) for x, y, r in circles]
    if not found:
        return norm
    ink = cv2.dilate((small < 215).astype(np.uint8), np.ones((3, 3), np.uint8))
    out = norm
    done: list[tuple[float, float, float]] = []
    for x, y, r, card in found:
        if _circle_share(ink, x, y, r) < 0.55:  # Hough can be a few px off: fitted next (was 0.7)
            continue
        x, y, r = _fit_circle(small < 215, x, y, r)
        if card is not None and r < card[0]:  # fitted on the seal's inner ring, inked as fully: its rim lies around
            x, y, r = _fit_circle(small < 215, x, y, r / _INNER_RING, steps=((1, 3),))
        if not _is_seal(ink, small, x, y, r, _SEAL_FILLED if card is None else _SEAL_FILLED_CARD):
            continue
        if card is not None and not card[0] <= r <= card[1]:
            continue  # the fit shrank it onto the print of the signing block
        if card is not None and any(np.hypot(x - u, y - v) < w for u, v, w in done):
            continue  # the page search lifted it
        if out is norm:
            out = norm.copy()
            half = cv2.resize(norm, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) < 215
        x, y, r = _fit_circle(half, 2 * x, 2 * y, 2 * r, steps=((1, 3),))  # the quarter-size fit is ±2 px
        if card is None and any(x0 <= 2 * x <= x1 and y0 <= 2 * y <= y1 for x0, y0, x1, y1 in cards):
            # the page search's circle on a card: a phone photo's blurred print, dense and as grey as a
            # seal, passes for one at quarter size; a seal's rim is inked all round at full resolution
            x, y, r = _fit_rim(half, x, y, r)
            if _ring_cover(norm, 2 * x, 2 * y, 2 * r, 0.93, 1.07) < _CARD_RIM_COVER:
                continue
        if card is not None:  # a small seal in a card's dense print: only a sure rim, lifted with `levels`
            rim = _sure_rim(norm, half, x, y, r)
            if rim is not None and _lift_disc(out, out if levels is None else levels, *(2 * v for v in rim), soft=soft):
                done.append((rim[0] / 2, rim[1] / 2, rim[2] / 2))
            continue
        # a sure rim is lifted with `levels`; any other circle (one through handwriting passes at quarter
        # size) on the stretched page, where it takes no print: all of that is black there
        rim = _sure_rim(norm, half, x, y, r) if levels is not None else None
        palest = 255.0 if grey else _SEAL_GREY_RIM  # no colour step on a grey page: no rim it paled
        if rim is not None and _lift_disc(out, levels, *(2 * v for v in rim), palest_rim=palest, soft=soft):
            done.append((rim[0] / 2, rim[1] / 2, rim[2] / 2))
        elif _lift_disc(out, out, 2 * x, 2 * y, 2 * r, soft=soft):
            done.append((x / 2, y / 2, r / 2))
    return out


def _sure_rim(norm: np.ndarray, half: np.ndarray, x: float, y: float, r: float) -> tuple[float, float, float] | None:
    """The circle (half-size coordinates), or its refit, if it is surely a seal's rim at full resolution
    (`_is_rim`); None if it was pulled onto the print around the seal, or is no seal at all."""
    if _is_rim(norm, 2 * x, 2 * y, 2 * r):
        return x, y, r
    x, y, r = _fit_rim(half, x, y, r)
    return (x, y, r) if _is_rim(norm, 2 * x, 2 * y, 2 * r) else None


def _hough(smooth: np.ndarray, r_min: int, r_max: int, most: int, votes: int) -> list[tuple[float, float, float]]:
    """Hough's circles (x, y, r) of radius r_min..r_max on a median-filtered quarter-size image, best first."""
    circles = cv2.HoughCircles(smooth, cv2.HOUGH_GRADIENT, dp=1, minDist=2 * r_min, param1=60, param2=votes,
                               minRadius=r_min, maxRadius=r_max)
    return [] if circles is None else [(float(x), float(y), float(r)) for x, y, r in circles[0][:most]]


_ANGLES = np.linspace(0.0, 2.0 * np.pi, 120, endpoint=False)
_RING_ANGLES = np.linspace(0.0, 2.0 * np.pi, 240, endpoint=False)


def _circle_shares(mask: np.ndarray, circles: np.ndarray, angles: np.ndarray = _ANGLES) -> np.ndarray:
    """For each circle (x, y, r) the share of its points that fall on `mask` (off the image: not on it)."""
    xs = (circles[:, :1] + circles[:, 2:] * np.cos(angles)).astype(np.intp)
    ys = (circles[:, 1:2] + circles[:, 2:] * np.sin(angles)).astype(np.intp)
    inside = (xs >= 0) & (ys >= 0) & (xs < mask.shape[1]) & (ys < mask.shape[0])
    return (mask[np.where(inside, ys, 0), np.where(inside, xs, 0)] & inside).mean(axis=1)


def _circle_share(mask: np.ndarray, x: float, y: float, r: float) -> float:
    return float(_circle_shares(mask, np.array([[x, y, r]], np.float32))[0])


def _fit_circle(
    ink: np.ndarray, x: float, y: float, r: float, steps: tuple[tuple[int, int], ...] = ((2, 3), (1, 1))
) -> tuple[float, float, float]:
    """The circle near Hough's (whose centre and radius can be a few pixels off, text edges pulling at it)
    that lies most on ink: grids of shifts (step, reach), coarse to fine; ties go to the larger circle (the rim)."""
    for step, reach in steps:
        d = np.arange(-reach, reach + 1) * step
        dr = np.arange(-reach, 2 * reach + 2) * step
        grid = np.stack(np.meshgrid(x + d, y + d, r + dr, indexing="ij"), axis=-1).reshape(-1, 3)
        score = _circle_shares(ink, grid, _ANGLES[:: 3 if step > 1 else 1]) + 1e-4 * grid[:, 2]  # coarse: fewer points
        x, y, r = (float(v) for v in grid[int(np.argmax(score))])
    return x, y, r


def _fit_rim(ink: np.ndarray, x: float, y: float, r: float) -> tuple[float, float, float]:
    """The circle near (x, y, r) that lies on ink with the least ink just outside it: a seal's rim, not a
    circle through the print around it (which `_fit_circle` may take)."""
    for step, reach in ((2, 3), (1, 2)):
        d = np.arange(-reach, reach + 1) * step
        grid = np.stack(np.meshgrid(x + d, y + d, r + d, indexing="ij"), axis=-1).reshape(-1, 3)
        score = _circle_shares(ink, grid) - _circle_shares(ink, grid * np.array([1.0, 1.0, 1.12], np.float32))
        x, y, r = (float(v) for v in grid[int(np.argmax(score))])
    return x, y, r


def _is_rim(norm: np.ndarray, x: float, y: float, r: float) -> bool:
    """At full resolution the circle is a seal's rim: inked all round, the ring just outside it far less so."""
    rim = _ring_cover(norm, x, y, r, 0.93, 1.07)
    return rim >= _SEAL_RIM_COVER and rim - _ring_cover(norm, x, y, r, 1.12, 1.2) >= _SEAL_RIM_CONTRAST


def _ring_cover(img: np.ndarray, x: float, y: float, r: float, k0: float, k1: float) -> float:
    """Share of directions from (x, y) in which the ring between k0·r and k1·r holds ink (a pixel under 215)."""
    ks = np.linspace(k0, k1, max(3, int((k1 - k0) * r) + 1))[:, None]
    xs = np.clip(x + ks * r * np.cos(_RING_ANGLES), 0, img.shape[1] - 1).astype(np.intp)
    ys = np.clip(y + ks * r * np.sin(_RING_ANGLES), 0, img.shape[0] - 1).astype(np.intp)
    return float((img[ys, xs].min(axis=0) < 215).mean())


def _is_seal(ink: np.ndarray, small: np.ndarray, x: float, y: float, r: float, filled: float = _SEAL_FILLED) -> bool:
    """A circle found by Hough is a seal: inked rim and inner ring, a disc that is not a filled picture."""
    if _circle_share(ink, x, y, r) < _SEAL_RING:
        return False
    if max(_circle_share(ink, x, y, k * r) for k in (0.6, 0.65, 0.7, 0.75, 0.8)) < _SEAL_INNER:
        return False
    disc = np.zeros_like(ink)
    cv2.circle(disc, (int(x), int(y)), int(r * 0.9), 1, -1)
    return float((small[disc > 0] < 215).mean()) < filled


def _lift_disc(norm: np.ndarray, levels: np.ndarray, x: float, y: float, rim_r: float,
               palest_rim: float = 255.0, soft: bool = False) -> bool:
    """In place: inside the seal's disc (with a margin), the strokes lighter than the print become paper
    (see `lift_seals`); grey levels are read from `levels`. On a `soft` page (a photo: blurred print) only
    what is about as pale as the rim goes beyond `_SOFT_BEYOND` rim radii: a phone photo's italic date line
    over the seal's top is as grey as the rim. False if it gave up, or if the rim is paler than `palest_rim`."""
    h, w = norm.shape
    r = rim_r * _SEAL_MARGIN
    x0, y0, x1, y1 = max(0, int(x - r)), max(0, int(y - r)), min(w, int(x + r) + 1), min(h, int(y + r) + 1)
    if x1 <= x0 or y1 <= y0:
        return False
    box, grey = norm[y0:y1, x0:x1], levels[y0:y1, x0:x1]
    centre = (int(x - x0), int(y - y0))
    disc = np.zeros(box.shape, np.uint8)
    cv2.circle(disc, centre, int(r), 1, -1)
    rim = np.zeros(box.shape, np.uint8)
    cv2.circle(rim, centre, int(rim_r), 1, max(3, int(rim_r * 0.04)))
    ink = box < 215
    rim_ink = grey[(rim > 0) & ink]
    inked = grey[(disc > 0) & ink]
    if rim_ink.size < 20 or inked.size < 20:
        return False
    rim_level, print_level = float(np.median(rim_ink)), float(np.percentile(inked, 3))
    if rim_level > palest_rim or (rim_level - print_level) * 255.0 < _SEAL_MIN_GREY * (255.0 - print_level):
        return False
    cut = (rim_level + print_level) / 2
    if soft:  # beyond the rim only what is about as pale as the rim: print crossing its edge is as grey
        yy, xx = np.mgrid[y0:y1, x0:x1]
        pale = 0.75 * rim_level + 0.25 * float(np.percentile(rim_ink, 3))
        cut = np.where(np.hypot(xx - x, yy - y) > _SOFT_BEYOND * rim_r, pale, cut)
    dark = (grey < cut).astype(np.uint8)
    nearer = (grey < (cut + rim_level) / 2).astype(np.uint8)  # paler than the print's cores, darker than the rim
    for _ in range(_PRINT_EDGE):  # the print's paler edges and thin strokes, joined to its cores
        dark = cv2.dilate(dark, np.ones((3, 3), np.uint8)) & nearer
    dark = cv2.dilate(dark, np.ones((3, 3), np.uint8))
    box[(disc > 0) & (dark == 0)] = 255
    return True


_PICTURE_SOLID = 0.5  # share of the box: above it a blob is a picture whatever it holds (a QR code's modules)
_PICTURE_MAX_GLYPHS = 4  # glyph-sized dark marks: this many and a blob that is not solid is print
_WORD_SPACE = 0.5  # glyph heights: the most a space between two words of a line is
_PRINT_ROW_GLYPHS = 3.0  # glyph heights: marks side by side this wide are a row of print
_GLYPH_DARK = 100  # print is darker than this once normalised; a photo's shading and a seal's ring mostly not
_LINE_BLOB = 4.0  # glyph heights: the tallest blob `_within_a_line` takes for a title's letters (a photo is taller)
_PICTURE_SIDE, _PICTURE_FILL = 3.0, 0.3  # glyph heights, share of the box that is ink


def _pictures(ink: np.ndarray, text_px: float, gray: np.ndarray) -> np.ndarray:
    """Dense blobs far bigger than a glyph: the photo and QR code of an ID card, a filled logo.

    Tesseract reads them as lines of junk ("% -Z") and spends time doing so. Frames, grids, seal rings
    and fingerprint ridges are thin (little ink for their box) and are left alone. A blob that is not
    solid and holds a row of glyph-sized dark marks is print under a seal and a signature (the signing
    block of a card on a blurred phone photo: its ring, the scribble and the lines under them join into
    one blob), not a picture: painted white, the card's issue date and signer went with it.
    """
    n, labels, stats = components(ink)
    w, h, area = stats[:, 2], stats[:, 3], stats[:, 4]
    side = _PICTURE_SIDE * text_px
    big = (w > side) & (h > side) & (area > _PICTURE_FILL * w * h)
    big[0] = False
    for i in np.nonzero(big & (area < _PICTURE_SOLID * w * h))[0]:
        x, y = stats[i, :2]
        if _holds_print(gray[y : y + h[i], x : x + w[i]], text_px) or _within_a_line(stats, i, text_px):
            big[i] = False
    x0, y0 = stats[:, 0], stats[:, 1]
    for i in np.nonzero(big)[0]:  # what lies inside a picture is part of it: a QR code's finder centres ("m")
        big |= (x0 >= x0[i]) & (y0 >= y0[i]) & (x0 + w <= x0[i] + w[i]) & (y0 + h <= y0[i] + h[i])
    big[0] = False
    return big.astype(np.uint8).take(labels) if big.any() else np.zeros_like(ink)


def _within_a_line(stats: np.ndarray, i: int, text_px: float) -> bool:
    """Whether blob `i` (of `components`' `stats`) has print on both sides, each a word space away on its rows: a
    title's letters joined by a stamp's star and a signature over them into one blob ("ẢO" of "THẺ BẢO HIỂM Y TẾ").
    A photo or a QR code has print on one side at most, a column gap away."""
    x, y, w, h = stats[i, :4]
    xs, ys, ws, hs = stats[:, 0], stats[:, 1], stats[:, 2], stats[:, 3]
    glyph = (hs >= 0.6 * text_px) & (hs <= _LINE_BLOB * text_px) & (ys < y + h) & (ys + hs > y)
    glyph[[0, i]] = False
    space = _WORD_SPACE * text_px
    left = glyph & (xs + ws <= x + space) & (xs + ws >= x - space)
    right = glyph & (xs >= x + w - space) & (xs <= x + w + space)
    return h <= _LINE_BLOB * text_px and bool(left.any() and right.any())


def _holds_print(box: np.ndarray, text_px: float) -> bool:
    """Whether a blob's box holds print: `_PICTURE_MAX_GLYPHS` dark marks of a glyph's height, or fewer side by side
    a word space apart, together as wide as `_PRINT_ROW_GLYPHS` glyphs are tall. On a blurred phone photo of an
    insurance card a bold title's letters join into one mark a word ("GIÁM", "ĐỐC"): two marks, and the title,
    joined to the signature under it, was painted out with it. The edges of a portrait's shoulders make marks of
    a glyph's height too, but apart."""
    _, _, stats = components((box < _GLYPH_DARK).astype(np.uint8))
    x, y, w, h = (stats[1:, k] for k in range(4))
    glyph = (h >= 0.6 * text_px) & (h <= 1.6 * text_px) & (w <= 3 * text_px)
    if np.count_nonzero(glyph) >= _PICTURE_MAX_GLYPHS:
        return True
    marks = sorted(np.column_stack([x, y, x + w, y + h])[glyph].tolist())  # (left, top, right, bottom)
    start = marks[0][0] if marks else 0
    for a, b in zip(marks, marks[1:], strict=False):
        if b[0] - a[2] > _WORD_SPACE * text_px or not rows_overlap(a[1::2], b[1::2]):
            start = b[0]
        elif b[2] - start >= _PRINT_ROW_GLYPHS * text_px:
            return True
    return False


_SPARSE_INK = 0.01  # share of a flattened page darker than 200: under it the print is a card or two on a sheet
_GLYPH_CORES = 90  # percentile of the glyph-sized marks' darkest levels: a sparse photo's black point at most


def _sparse_print_black(ratio: np.ndarray, text_px: float) -> float | None:
    """On a sparse page, the level under which the darkest pixels of 90 % of its glyph-sized marks lie (found at
    half resolution; None on a page with more ink or fewer than 20 such marks).

    When a small card is a photo's only print, its darkest 0.5 % (`black_point`) is most of its ink, the blur's
    halo included: stretched so, the print runs into bold blobs (a phone photo's insurance card: black point 164
    where its letters' cores are 60–130) and the signer's title, name and date read as junk. Capped at the glyphs'
    own darkness, the letters keep their shapes (seeds 4, 5, 7: 1.17 → 0.29, 2.65 → 0 and 7.47 → 2.59 %)."""
    if float(np.count_nonzero(ratio[::4, ::4] < 200)) >= _SPARSE_INK * ratio[::4, ::4].size:
        return None
    half = cv2.resize(ratio, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ink = half < 200
    n, labels, stats = components(ink.astype(np.uint8))
    h = stats[:, 3]
    glyph = (h >= 0.15 * text_px) & (h <= 0.8 * text_px) & (stats[:, 2] <= 4 * text_px)  # half-size px
    glyph[0] = False
    if np.count_nonzero(glyph) < 20:
        return None
    darkest = np.full(n, 255, np.uint8)
    np.minimum.at(darkest, labels[ink], half[ink])
    return float(np.percentile(darkest[glyph], _GLYPH_CORES))


def prepare(
    gray: np.ndarray,
    small: tuple[np.ndarray, float] | None = None,
    paper_filled: bool = False,
    cards: list[tuple[int, int, int, int]] | None = None,
    photo: bool = False,
    grey: bool = False,
) -> tuple[np.ndarray, np.ndarray, float, float | None]:
    """Grey page (upright, deskewed) -> (clean image for Tesseract, the same with its print as it was before
    the contrast stretch, seals and rules lifted alike (`plain`: `ocr.read.recovered` reads a dropped line
    from it too), scale applied, text height before).

    `small` optionally passes `thumbnail(gray)` when the caller has it already; `paper_filled` says the
    caller has already replaced the page's surroundings by paper; `cards` are the card boxes on that
    thumbnail (`regions.find_cards`), searched for small seals; `photo` says the image declares no plausible
    resolution (a camera's), so that its print is taken as soft (`lift_seals`); `grey` that it holds no red ink
    (`red_probe`, `lift_seals`).
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
    ratio = flatten(gray, text_px)
    boxes = tuple(tuple(int(v * scale / f) for v in box) for box in cards or ())
    lo = black_point(ratio)
    cleaned = remove_rules(lift_seals(stretch(ratio, lo), text_px, ratio, boxes, soft=photo, grey=grey), text_px)
    lifted = cv2.compare(cleaned, 255, cv2.CMP_EQ)
    plain = cv2.bitwise_or(ratio, lifted, dst=lifted)  # what was lifted stays so (np.where: 3x slower)
    if photo and (black := _sparse_print_black(ratio, text_px)) is not None and black < lo:
        cleaned = stretch(plain, black)  # the seals and rules lifted as they were found on the usual stretch
    return cleaned, plain, scale, th
