"""Turn a clean upright page into what arrives at the counter: scanned, photographed, turned,
photocopied or stamped.

Conventions (the OCR pipeline relies on them):

- ``skew_deg`` is the angle by which the upright content is rotated counter-clockwise (the positive
  direction of ``PIL.Image.rotate`` / ``cv2.getRotationMatrix2D``), measured in the upright frame. The
  canvas is expanded and filled with paper colour so nothing is cut off.
- ``rotation`` is the clockwise angle by which the delivered image must be turned to read upright. The
  page is skewed first, then turned counter-clockwise by ``rotation``; so
  ``image.rotate(-rotation, expand=True)`` gives back the (skewed) upright page.

Every degradation stays within what a person still reads without effort.
"""

from __future__ import annotations

import io
import random

import cv2
import numpy as np
from PIL import Image, ImageOps

from samples import marks
from samples.model import Degraded

PROFILES = ("clean", "scanner", "phone", "rotated", "photocopy", "stamped")
WHITE = (255, 255, 255)
STAMP_RINGS = (
    "Bộ phận tiếp nhận và trả kết quả * Ủy ban nhân dân",
    "Ủy ban nhân dân * Bộ phận một cửa",
    "Văn phòng đăng ký * Bộ phận tiếp nhận hồ sơ",
)


def _np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.randrange(2**32))


def _paper_tint(img: Image.Image, rng: random.Random, chance: float) -> tuple[Image.Image, tuple[int, int, int]]:
    """Sometimes yellowish or greyish paper: scale the channels so white becomes the paper colour."""
    if rng.random() >= chance:
        return img, WHITE
    paper = (rng.randint(238, 252), rng.randint(228, 244), rng.randint(190, 220))
    return _tint_to(img, paper)


def _tint_to(img: Image.Image, paper: tuple[int, int, int]) -> tuple[Image.Image, tuple[int, int, int]]:
    bands = img.convert("RGB").split()
    scaled = [b.point([round(v * c / 255) for v in range(256)]) for b, c in zip(bands, paper, strict=True)]
    return Image.merge("RGB", scaled), paper


def _fill(img: Image.Image, colour: tuple[int, int, int]):
    return colour[0] if img.mode == "L" else colour


def _skew(img: Image.Image, deg: float, paper: tuple[int, int, int]) -> Image.Image:
    if abs(deg) < 1e-6:
        return img
    return img.rotate(deg, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=_fill(img, paper))


def _turn(img: Image.Image, rotation: int) -> Image.Image:
    """Turn counter-clockwise by ``rotation`` degrees (a multiple of 90), losslessly."""
    ops = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}
    return img.transpose(ops[rotation]) if rotation else img


def _noise(img: Image.Image, sigma: float, nrng: np.random.Generator) -> Image.Image:
    """Grain: the same gaussian noise on every channel (OpenCV's generator, seeded from ``nrng``)."""
    arr = np.asarray(img)
    noise = np.empty(arr.shape[:2], dtype=np.int16)
    cv2.setRNGSeed(int(nrng.integers(2**31)))
    cv2.randn(noise, 0, sigma)
    if arr.ndim == 3:
        noise = noise[..., None]
    out = arr.astype(np.int16)
    out += noise
    np.clip(out, 0, 255, out=out)
    return Image.fromarray(out.astype(np.uint8), img.mode)


def _blur(img: Image.Image, sigma: float) -> Image.Image:
    return Image.fromarray(cv2.GaussianBlur(np.asarray(img), (0, 0), sigma), img.mode)


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert(img.mode)


def _is_grey(img: Image.Image) -> bool:
    small = np.asarray(img.reduce(8), dtype=np.int16)
    return bool(np.abs(small[..., 0] - small[..., 1]).max() < 3 and np.abs(small[..., 1] - small[..., 2]).max() < 3)


def _small_skew(rng: random.Random, limit: float, minimum: float = 0.3) -> float:
    deg = rng.uniform(minimum, limit) * rng.choice((-1, 1))
    return round(deg, 2)


def degrade(image: Image.Image, profile: str, rng: random.Random) -> Degraded:
    """Degrade an upright 300-dpi page according to ``profile`` (one of PROFILES)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; known: {PROFILES}")
    img = image.convert("RGB")
    if profile != "stamped" and _is_grey(img):
        img = ImageOps.grayscale(img)  # photocopied cards: stay grey, and cost a third
    nrng = _np_rng(rng)
    if profile == "clean":
        img, _ = _paper_tint(img, rng, 0.2)
        return Degraded(img, 0, 0.0, 300, profile)
    if profile == "scanner":
        return _scanner(img, rng, nrng)
    if profile == "phone":
        return _phone(img, rng, nrng)
    if profile == "rotated":
        img, paper = _paper_tint(img, rng, 0.3)
        skew = _small_skew(rng, 2.0, 0.0)
        rotation = rng.choice((90, 180, 270))
        img = _skew(img, skew, paper)
        img = _blur(img, rng.uniform(0.3, 0.7))
        img = _noise(img, rng.uniform(2, 5), nrng)
        return Degraded(_turn(img, rotation), rotation, skew, 300, profile)
    if profile == "photocopy":
        return _photocopy(img, rng, nrng)
    return _stamped(img, rng, nrng)


def _scanner(img: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Degraded:
    img, paper = _paper_tint(img, rng, 0.3)
    if rng.random() < 0.5:
        img = ImageOps.grayscale(img)
    skew = _small_skew(rng, 3.0)
    img = _skew(img, skew, paper)
    img = _blur(img, rng.uniform(0.5, 0.9))
    img = _noise(img, rng.uniform(4, 9), nrng)
    return Degraded(img, 0, skew, 300, "scanner")


def _phone(img: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Degraded:
    """A photo on a table: lower resolution, tilt, dark surround, uneven light, blur, JPEG."""
    img, paper = _paper_tint(img, rng, 0.6)
    if paper == WHITE:
        paper = (rng.randint(236, 248), rng.randint(234, 246), rng.randint(226, 240))
        img, _ = _tint_to(img, paper)
    skew = _small_skew(rng, 15.0, 1.0)  # hand-held: up to ±15°
    scale = rng.uniform(150, 200) / 300
    img = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
    img = _skew(img, skew, paper)
    # the table around the page
    w, h = img.size
    ml, mr, mt, mb = (round(w * rng.uniform(0.03, 0.09)) for _ in range(4))
    table = np.array(rng.choice(((70, 52, 38), (55, 55, 58), (95, 75, 55), (40, 38, 42))), dtype=np.float32)
    bw, bh = w + ml + mr, h + mt + mb
    bg = np.ones((bh, bw, 3), dtype=np.float32) * table
    grain = nrng.normal(0, 10, size=(bh // 8 + 1, bw // 2 + 1)).astype(np.float32)
    grain = np.asarray(Image.fromarray(grain).resize((bw, bh), Image.Resampling.BILINEAR), dtype=np.float32)
    bg += grain[..., None]
    canvas = Image.fromarray(bg.clip(0, 255).astype(np.uint8), "RGB")
    shadow = Image.new("L", (bw, bh), 0)
    shadow.paste(150, (ml + 8, mt + 10, ml + w + 8, mt + h + 10))
    canvas.paste((15, 15, 15), (0, 0), _blur(shadow, 12))
    canvas.paste(img, (ml, mt))
    # uneven lighting: a linear gradient in a random direction and a soft vignette (smooth: low-res, upscaled)
    lh, lw = max(2, bh // 16), max(2, bw // 16)
    yy, xx = np.mgrid[0:lh, 0:lw].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = np.cos(angle) * (xx / lw - 0.5) + np.sin(angle) * (yy / lh - 0.5)
    light = 1.0 - rng.uniform(0.12, 0.28) * (ramp - ramp.min()) / max(1e-6, float(np.ptp(ramp)))
    r2 = ((xx / lw - 0.5) ** 2 + (yy / lh - 0.5) ** 2) / 0.5
    light *= 1.0 - rng.uniform(0.05, 0.15) * r2
    light = cv2.resize(light.astype(np.float32), (bw, bh), interpolation=cv2.INTER_LINEAR)
    warm = np.array((1.0, rng.uniform(0.97, 1.0), rng.uniform(0.9, 0.97)), dtype=np.float32)  # warm light
    arr = np.asarray(canvas, dtype=np.float32) * light[..., None] * warm
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    out = _blur(out, rng.uniform(0.5, 1.0))
    out = _noise(out, rng.uniform(2.5, 5), nrng)
    out = _jpeg(out, rng.randint(55, 75))
    return Degraded(out, 0, skew, None, "phone")


def _photocopy(img: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Degraded:
    """Low contrast on grey, specks and salt-and-pepper, toner streaks, darker edges."""
    skew = _small_skew(rng, 1.5, 0.2)
    g = ImageOps.grayscale(img)
    lo, hi = rng.randint(35, 70), rng.randint(196, 222)
    g = g.point(lambda v: round(lo + v * (hi - lo) / 255))
    g = _skew(g, skew, (hi, hi, hi))
    arr = np.asarray(g, dtype=np.float32)
    h, w = arr.shape
    # uneven toner: a slow horizontal ramp and darker page edges
    xx = np.linspace(-1, 1, w, dtype=np.float32)
    yy = np.linspace(-1, 1, h, dtype=np.float32)
    arr *= (1 - rng.uniform(0.0, 0.08) * (xx[None, :] * rng.choice((-1, 1)) + 1) / 2)
    edge = np.minimum.outer(1 - np.abs(yy), 1 - np.abs(xx))
    arr -= 40 * np.clip(1 - edge / 0.04, 0, 1)
    # toner streaks along the paper path
    for _ in range(rng.randint(1, 3)):
        x0 = rng.randrange(w)
        width = rng.randint(2, 7)
        y0 = rng.randrange(h // 3)
        y1 = rng.randrange(2 * h // 3, h)
        arr[y0:y1, x0:x0 + width] -= rng.uniform(25, 60)
    # salt and pepper, plus a few larger specks
    density = rng.uniform(0.0004, 0.0012)
    mask = nrng.random((h, w)) < density
    arr[mask] = nrng.uniform(0, 60, size=int(mask.sum()))
    white = nrng.random((h, w)) < density / 3
    arr[white] = hi
    for _ in range(rng.randint(15, 40)):
        cx, cy, r = rng.randrange(w), rng.randrange(h), rng.uniform(1.5, 4.5)
        y_lo, y_hi = max(0, int(cy - r)), min(h, int(cy + r) + 1)
        x_lo, x_hi = max(0, int(cx - r)), min(w, int(cx + r) + 1)
        sub_y, sub_x = np.ogrid[y_lo:y_hi, x_lo:x_hi]
        arr[y_lo:y_hi, x_lo:x_hi][(sub_y - cy) ** 2 + (sub_x - cx) ** 2 <= r * r] = rng.uniform(20, 80)
    out = Image.fromarray(arr.clip(0, 255).astype(np.uint8), "L")
    out = _blur(out, rng.uniform(0.4, 0.8))
    out = _noise(out, rng.uniform(3, 6), nrng)
    return Degraded(out, 0, skew, 300, "photocopy")


def _dense_spot(img: Image.Image, window: int, rng: random.Random) -> tuple[int, int]:
    """Centre of a window with plenty of printed text, chosen among the densest few (for the seal)."""
    f = 16
    small = np.asarray(ImageOps.grayscale(img).reduce(f), dtype=np.float32)
    ink = (small < 160).astype(np.float32)
    k = max(1, window // f)
    pad = np.pad(ink, ((0, k), (0, k)))
    integral = pad.cumsum(0).cumsum(1)
    sums = integral[k:, k:] - integral[:-k, k:] - integral[k:, :-k] + integral[:-k, :-k]
    sums = sums[: ink.shape[0] - k, : ink.shape[1] - k] if ink.shape[0] > k and ink.shape[1] > k else ink
    flat = np.argsort(sums, axis=None)[::-1][:40]
    pick = int(flat[rng.randrange(len(flat))])
    y, x = divmod(pick, sums.shape[1])
    return x * f + window // 2, y * f + window // 2


def _stamped(img: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Degraded:
    """A red round seal over printed text and a red signature-like scribble, then a light scan."""
    img, paper = _paper_tint(img, rng, 0.25)
    radius = round(rng.uniform(17, 20) * 300 / 25.4)
    cx, cy = _dense_spot(img, 2 * radius, rng)
    family = rng.choice(("LiberationSans", "LiberationSerif", "DejaVuSans"))
    seal = marks.seal(radius, rng.choice(STAMP_RINGS), rng, "", family=family)
    marks.multiply(img, seal, (cx - seal.width // 2, cy - seal.height // 2))
    sw, sh = round(radius * 2.4), round(radius * 0.9)
    sig = marks.signature(sw, sh, rng, (190, 25, 40))
    marks.multiply(img, sig, (cx - sw // 3 + rng.randint(0, radius // 2), cy - sh // 2 + rng.randint(-30, 30)))
    skew = _small_skew(rng, 1.5, 0.0)
    img = _skew(img, skew, paper)
    img = _blur(img, rng.uniform(0.3, 0.6))
    img = _noise(img, rng.uniform(2, 5), nrng)
    return Degraded(img, 0, skew, 300, "stamped")
