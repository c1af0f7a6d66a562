"""Which way up is the page: 0/90/180/270 = clockwise turn needed to read it.

Cheap signals instead of Tesseract OSD on the whole page (which measured slower than reading the
page, with low confidences on form-like pages):

1. Geometry decides the text axis. Text lines give a sharp projection profile along one axis only,
   whatever the skew (we search ±20° on both axes), so portrait vs landscape text is free. When a
   frame makes the profiles disagree, the axis along which glyphs smear into many line-shaped bars
   wins (on the bench pages the other axis has at most 13 % as many).
2. Typography decides up vs down on pages with many lines: ink above the x-height band (capitals,
   ascenders, Vietnamese tone marks) far outweighs ink below it. No OCR needed.
3. Otherwise reading decides. A few dense crops of text are straightened and OCR'd in each candidate
   orientation, all stacked in one image so Tesseract starts once; the right way up reads with a much
   higher confidence (≈0.85 vs ≈0.3).

OSD is kept as a tie-breaker when the reading signal is inconclusive (little or odd text).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ocr import clean, deskew, engine
from ocr.components import components
from ocr.read import ocr_data
from ocr.types import Orientation

_AXIS_RATIO = 1.6  # profile sharpness ratio above which the text axis is taken as known
_OCR_TEXT_PX = 30.0
_GAP = 60  # px of white between stacked candidate crops
_CROP_CHARS, _CROP_LINES = 16, 5  # crop window in glyph heights: ~25 characters x 3 lines
_WINDOWS = 2
# ascender test thresholds: well inside what sample pages show, so doubtful pages still get read
_MIN_LINES, _MIN_BALANCE, _MIN_VOTES = 12, 0.3, 0.25
_FEW_LINES = 20  # under this many text lines the ascenders' decision is checked by reading (`_read_against`)
_READ_OVERRULES = 0.2  # reading margin that overrules the ascenders
_MIN_READ = 0.5  # mean word confidence below which no candidate was really read
_AXIS_BARS = 0.3  # text-line bars along the weaker axis, at most this share of the stronger's: axis known


_CV_TURN = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def rotate_quarter(arr: np.ndarray, rotation_cw: int) -> np.ndarray:
    """Turn an array clockwise by 0/90/180/270 degrees (OpenCV: several times faster than np.rot90
    plus a copy on a full page)."""
    rotation_cw %= 360
    if rotation_cw == 0:
        return arr
    src = arr if arr.dtype != bool else arr.astype(np.uint8)
    out = cv2.rotate(np.ascontiguousarray(src), _CV_TURN[rotation_cw])
    return out if arr.dtype != bool else out.astype(bool)


def analyse(
    gray: np.ndarray, small: tuple[np.ndarray, float] | None = None, paper_filled: bool = False
) -> tuple[np.ndarray, float]:
    """(analysis ink mask of the page thumbnail, its scale): what the decisions look at. Callers that
    also need the skew can pass it to `detect_orientation` and turn it for `deskew.skew_of_ink`.
    `paper_filled`: the caller has already replaced the surroundings of the page by paper."""
    small_img, f = small or clean.thumbnail(gray)
    return deskew.analysis_ink(small_img, f, paper_filled), f


def _points(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return deskew.points(ink, 60_000)


@dataclass
class _Lines:
    """A page turned by `base` and straightened by `angle` (small ink mask), with its body-text lines."""

    base: int
    angle: float
    matrix: np.ndarray  # small turned page -> straightened page
    ink: np.ndarray
    th: float
    bars: np.ndarray  # (n, 4) x, y, w, h of body-text line bars
    labels: np.ndarray  # the smeared page's components
    body: np.ndarray  # which of them are those bars

    def mask(self) -> np.ndarray:
        """The float32 ink of the body-text lines: only a page read to decide its orientation needs it (5 ms)."""
        return (self.body.take(self.labels) & (self.ink > 0)).astype(np.float32)


def _lines(ink: np.ndarray, base: int, angle: float) -> _Lines | None:
    """Find the body-text lines (not QR codes, photos, fingerprints, machine-readable zones, headings).

    Smearing along the line joins the glyphs of a line into a bar about one glyph tall and many long;
    QR codes and pictures smear into blobs that are too tall, stray marks into bars too short. Bars far
    from the typical bar height are other kinds of text, which read less reliably.
    """
    b_ink = rotate_quarter(ink, base)
    m, size = deskew.rotation_matrix(b_ink.shape[1], b_ink.shape[0], -angle)
    straight = cv2.warpAffine(b_ink, m, size, flags=cv2.INTER_NEAREST)
    th = clean.text_height(straight, upright=True)
    if th is None:
        return None
    k = max(3, int(round(0.8 * th)))
    smear = cv2.morphologyEx(straight, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    _, labels, stats = components(smear)
    w, h, area = stats[:, 2], stats[:, 3], stats[:, 4]
    keep = (h >= 0.5 * th) & (h <= 2.5 * th) & (w >= 3 * th) & (area >= 0.35 * w * h)
    keep[0] = False
    if not keep.any():
        return _Lines(base, angle, m, straight, th, np.zeros((0, 4), int), labels, ~keep)  # the ink as a whole
    typical = float(np.median(h[keep]))
    body = keep & (h >= 0.7 * typical) & (h <= 1.4 * typical)
    return _Lines(base, angle, m, straight, th, stats[body, :4], labels, body)


def _ascender_balance(lines: _Lines) -> tuple[float, float]:
    """(ink above minus below the x-height band, share of lines voting 'upright'), both in -1..1.

    Latin script, and Vietnamese far more with its stacked tone marks, puts much more ink above the
    x-height band (capitals, ascenders, diacritics) than below it (descenders, the dot below). On the
    sample dossiers: +0.25..+0.85 upright, the mirror image upside down.
    """
    above = below = 0.0
    votes = 0
    for x, y, w, h in lines.bars:
        pad = int(0.5 * h)
        y0, y1 = max(0, y - pad), min(lines.ink.shape[0], y + h + pad)
        profile = lines.ink[y0:y1, x : x + w].sum(axis=1, dtype=np.float64)
        core = np.nonzero(profile >= 0.5 * profile.max())[0]
        a, b = profile[: core[0]].sum(), profile[core[-1] + 1 :].sum()
        above, below = above + a, below + b
        votes += int(np.sign(a - b))
    n = len(lines.bars)
    return (above - below) / max(above + below, 1.0), votes / max(n, 1)


def _text_crops(gray: np.ndarray, f: float, lines: _Lines) -> list[np.ndarray]:
    """The densest windows of a few body-text lines, straightened, from the full-resolution page.

    Windows and angle are found on the small ink mask; the pixels come from the full-resolution page
    (only a region around each window is rotated), so crops are sharp and cheap. Two windows rather
    than one: a single window sometimes lands on text Tesseract reads badly either way up.
    """
    th = lines.th
    win_w = int(min(lines.ink.shape[1], _CROP_CHARS * th))
    win_h = int(min(lines.ink.shape[0], _CROP_LINES * th))
    dens = cv2.boxFilter(lines.mask(), -1, (win_w, win_h), normalize=True)
    full = np.rot90(gray, k=-(lines.base // 90) % 4)
    inverse = cv2.invertAffineTransform(lines.matrix)
    crops: list[np.ndarray] = []
    first = 0.0
    for _ in range(_WINDOWS):
        cy, cx = np.unravel_index(int(np.argmax(dens)), dens.shape)
        peak = float(dens[cy, cx])
        if peak <= 0.0 or peak < 0.3 * first:
            break
        first = max(first, peak)
        dens[max(cy - win_h, 0) : cy + win_h, max(cx - win_w, 0) : cx + win_w] = 0.0
        sx, sy = inverse @ np.array([cx, cy, 1.0])  # window centre on the un-straightened small page
        crops.append(_full_res_window(full, sx / f, sy / f, win_w / f, win_h / f, lines.angle, th / f))
    return crops


def _full_res_window(
    full: np.ndarray, fx: float, fy: float, fw: float, fh: float, angle: float, th: float
) -> np.ndarray:
    """Window of size fw×fh centred at (fx, fy), straightened by `angle`, scaled to OCR glyph size."""
    r = int(np.ceil(0.5 * np.hypot(fw, fh))) + 4
    x0, y0 = int(round(fx)) - r, int(round(fy)) - r
    region = np.full((2 * r, 2 * r), 255, np.uint8)
    src = full[max(y0, 0) : max(y0 + 2 * r, 0), max(x0, 0) : max(x0 + 2 * r, 0)]
    region[max(-y0, 0) : max(-y0, 0) + src.shape[0], max(-x0, 0) : max(-x0, 0) + src.shape[1]] = src
    u = float(np.clip(_OCR_TEXT_PX / th, 0.25, 3.0))
    rm = cv2.getRotationMatrix2D((r, r), -angle, u)
    out_w, out_h = int(fw * u), int(fh * u)
    rm[0, 2] += out_w / 2.0 - r
    rm[1, 2] += out_h / 2.0 - r
    crop = cv2.warpAffine(region, rm, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=255)
    return clean.normalize(crop, _OCR_TEXT_PX)


def _read_scores(candidates: dict[int, list[np.ndarray]], lang: str) -> dict[int, float]:
    """Character-weighted mean OCR confidence of each candidate, from one Tesseract run."""
    width = max(c.shape[1] for crops in candidates.values() for c in crops)
    bands: list[tuple[int, int, int]] = []
    parts: list[np.ndarray] = [np.full((_GAP, width), 255, np.uint8)]
    y = _GAP
    for rot, crops in candidates.items():
        for c in crops:
            pad = np.full((c.shape[0], width), 255, np.uint8)
            pad[:, : c.shape[1]] = c
            parts += [pad, np.full((_GAP, width), 255, np.uint8)]
            bands.append((rot, y, y + c.shape[0]))
            y += c.shape[0] + _GAP
    data = ocr_data(np.vstack(parts), lang, psm=4, timeout=60)
    num = dict.fromkeys(candidates, 0.0)
    den = dict.fromkeys(candidates, 0.0)
    for text, conf, top, h in zip(data["text"], data["conf"], data["top"], data["height"], strict=True):
        text, conf = (text or "").strip(), float(conf)
        if not text or conf < 0:
            continue
        mid = int(top) + int(h) / 2
        for rot, b0, b1 in bands:
            if b0 <= mid < b1:
                weight = sum(ch.isalnum() for ch in text) or 0.5
                num[rot] += conf / 100.0 * weight
                den[rot] += weight
    # a candidate that yields almost no characters is as bad as one read with low confidence
    return {r: (num[r] / den[r]) * min(1.0, den[r] / 20.0) if den[r] else 0.0 for r in candidates}


def _candidates(gray: np.ndarray, f: float, found: list[_Lines]) -> dict[int, list[np.ndarray]]:
    """Text crops of each axis found, as they are and turned half a turn."""
    candidates: dict[int, list[np.ndarray]] = {}
    for lines in found:
        crops = _text_crops(gray, f, lines)
        if crops:
            candidates[lines.base] = crops
            candidates[lines.base + 180] = [rotate_quarter(c, 180) for c in crops]
    return candidates


def _bars_decide(strong: _Lines, weak: _Lines) -> bool:
    """Only text lines smear into many line-shaped bars: `strong` is the text axis when it has many
    and `weak`, the other axis, few."""
    return len(strong.bars) >= _MIN_LINES and len(weak.bars) <= _AXIS_BARS * len(strong.bars)


def _osd(norm: np.ndarray, f: float) -> tuple[int, float] | None:
    """Tesseract's detector on the thumbnail (`f` times the page, taken as 300 dpi)."""
    try:
        return engine.orientation(norm, dpi=max(70, int(round(300 * f))))
    except RuntimeError:
        return None


def detect_orientation(
    gray: np.ndarray,
    lang: str = "vie",
    small: tuple[np.ndarray, float] | None = None,
    ink: tuple[np.ndarray, float] | None = None,
) -> Orientation:
    """Clockwise rotation (0/90/180/270) that makes the page upright, with a 0–1 confidence.

    `small` optionally passes `clean.thumbnail(gray)`, `ink` the result of `analyse`, when the
    caller has them already.
    """
    ink_mask, f = ink or analyse(gray, small)
    return _decide(gray, ink_mask, f, lang, small)


def _read_against(gray: np.ndarray, f: float, found: list[_Lines], lang: str, ascenders: Orientation) -> Orientation:
    """The ascenders' decision on a page of few text lines (a card on an A4 sheet), read both ways up: a dozen
    small serif lines with a seal stamped over them pointed the wrong way (-0.44), while their crops read
    0.85 upright and 0.34 upside down. A decisive reading (`_READ_OVERRULES`) the other way wins."""
    scores = _read_scores(_candidates(gray, f, found), lang)
    best = max(scores, key=scores.get) if scores else ascenders.rotation
    margin = scores.get(best, 0.0) - scores.get(ascenders.rotation, 0.0)
    if best != ascenders.rotation and margin >= _READ_OVERRULES:
        return Orientation(best, round(float(np.clip(margin / 0.3, 0.0, 1.0)), 3), "axis+read")
    return ascenders


def _decide(
    gray: np.ndarray, ink: np.ndarray, f: float, lang: str, small: tuple[np.ndarray, float] | None
) -> Orientation:
    """Axis by projection profiles, then up/down by ascenders or, failing that, by reading crops."""
    if int(ink.sum()) < 200:
        return Orientation(0, 0.0, "blank")
    xs, ys = _points(ink)
    a_h, s_h = deskew.search(xs, ys, 20.0, fine=False)
    a_v, s_v = deskew.search(ys, xs, 20.0, fine=False)  # swapped coordinates = transposed page
    skew = {0: a_h, 90: -a_v}  # the transposed page's angle is the opposite of the page turned 90°
    ratio = s_h / max(s_v, 1e-9)
    if ratio >= _AXIS_RATIO:
        bases = [0]
    elif ratio <= 1.0 / _AXIS_RATIO:
        bases = [90]
    else:
        bases = [0, 90] if ratio >= 1.0 else [90, 0]

    found = [lines for base in bases if (lines := _lines(ink, base, skew[base])) is not None]
    if len(bases) == 1 and (not found or len(found[0].bars) < _MIN_LINES):
        # few text lines along the sharper axis: a frame or dashed border may have sharpened the wrong one
        other = 90 - bases[0]
        found += [x for x in [_lines(ink, other, skew[other])] if x is not None]
    if len(found) == 2:
        strong, weak = sorted(found, key=lambda lines: len(lines.bars), reverse=True)
        if _bars_decide(strong, weak):
            found = [strong]
    lean = None  # the way the ascenders point, however weakly, when the ink and the line votes agree
    if len(found) == 1 and len(found[0].bars) >= _MIN_LINES:
        balance, votes = _ascender_balance(found[0])
        rotation = found[0].base if balance > 0 else found[0].base + 180
        if abs(balance) >= _MIN_BALANCE and abs(votes) >= _MIN_VOTES and balance * votes > 0:
            sure = Orientation(rotation, round(float(min(1.0, 0.4 + abs(balance))), 3), "axis+ascenders")
            return sure if len(found[0].bars) >= _FEW_LINES else _read_against(gray, f, found, lang, sure)
        lean = rotation if balance * votes > 0 else None

    candidates = _candidates(gray, f, found)
    scores = _read_scores(candidates, lang) if candidates else {}
    read_axes = {lines.base for lines in found}
    if (not scores or max(scores.values()) < _MIN_READ) and len(read_axes) == 1:
        # the profiles misled (photocopier streaks or a frame make the wrong axis the sharp one): the
        # other axis is read too before anything is decided
        other = 90 - read_axes.pop()
        across = _lines(ink, other, skew[other])
        # tiny print (a card photographed on A4) reads poorly either way up; sideways it reads as junk
        # capitals at high confidence, so the other axis is read only when its bars do not rule it out
        extra = _candidates(gray, f, [across]) if across is not None and not _bars_decide(found[0], across) else {}
        if extra:
            candidates.update(extra)
            scores.update(_read_scores(extra, lang))
    if not candidates:
        return Orientation(0, 0.0, "blank")
    ranked = sorted(scores, key=scores.get, reverse=True)
    best, runner = ranked[0], ranked[1]
    margin = scores[best] - scores[runner]
    confidence = float(np.clip(margin / 0.3, 0.0, 1.0))
    if margin >= 0.1:
        return Orientation(best, round(confidence, 3), "axis+read")

    thumb, tf = small or clean.thumbnail(gray)
    osd = _osd(clean.normalize(thumb), tf)
    if osd is not None and osd[0] in scores and osd[1] >= 1.0:
        return Orientation(osd[0], round(float(np.clip(osd[1] / 10.0, 0.1, 0.9)), 3), "osd")
    if lean is not None and lean in scores and scores[best] < _MIN_READ:
        # read as junk either way up (a blurred phone photo of a card: 0.25 against 0.32), the reading's
        # margin is noise; the ascenders, weak as they lean, still point the right way
        return Orientation(lean, 0.2, "ascenders")
    return Orientation(best, round(confidence, 3), "read")
