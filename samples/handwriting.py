"""Handwriting-like fill-ins: an italic face drawn glyph by glyph with jitter, in ballpoint blue.

Real forms are filled in by hand; OCR and field extraction must cope with wobbling baselines, uneven
size and slant, and blue ink. The jitter is kept small enough that a person reads every character.
"""

from __future__ import annotations

import functools
import random

from PIL import Image, ImageDraw, ImageFont

from samples import fonts

BLUE_INKS = ((22, 40, 140), (30, 55, 160), (15, 30, 110), (35, 45, 125))
BLACK_INK = (25, 25, 30)


@functools.lru_cache(maxsize=2048)
def _glyph(font_path: str, size: int, char: str) -> tuple[Image.Image, int, int]:
    """Mask of one glyph with its offset from (pen x, baseline)."""
    font = ImageFont.truetype(font_path, size)
    left, top, right, bottom = font.getbbox(char, anchor="ls")
    pad = max(2, size // 6)
    w, h = right - left + 2 * pad, bottom - top + 2 * pad
    mask = Image.new("L", (max(1, w), max(1, h)), 0)
    ImageDraw.Draw(mask).text((pad - left, pad - top), char, font=font, fill=255, anchor="ls")
    return mask, left - pad, top - pad


def measure(text: str, family: str, size_px: int) -> float:
    """Expected width of a handwritten string (a little wider than the typeset one)."""
    return fonts.load(family, "italic", size_px).getlength(text) * 1.04 + 2


def draw(
    img: Image.Image,
    x: float,
    baseline: float,
    text: str,
    family: str,
    size_px: int,
    rng: random.Random,
    color: tuple[int, int, int] = BLUE_INKS[0],
    jitter: float = 1.0,
) -> float:
    """Draw ``text`` starting at (x, baseline); return the pen position after the last glyph."""
    path = str(fonts.font_path(family, "italic"))
    base_font = fonts.load(family, "italic", size_px)
    slope = rng.uniform(-0.012, 0.012) * jitter
    drift = 0.0
    start_x = x
    for char in text:
        if char == " ":
            x += base_font.getlength(" ") * rng.uniform(1.0, 1.35)
            continue
        size = max(6, round(size_px * (1 + rng.uniform(-0.06, 0.06) * jitter)))
        mask, dx, dy = _glyph(path, size, char)
        angle = rng.uniform(-4.0, 4.0) * jitter
        if abs(angle) > 0.3:
            mask = mask.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False)
        drift += rng.uniform(-0.6, 0.6) * jitter
        drift = max(-size_px * 0.07, min(size_px * 0.07, drift))
        y = baseline + drift + slope * (x - start_x)
        strength = rng.uniform(0.82, 1.0)
        if strength < 0.999:
            mask = mask.point(lambda v, s=strength: int(v * s))
        img.paste(color, (round(x + dx), round(y + dy)), mask)
        x += fonts.load(family, "italic", size).getlength(char)
        x += rng.uniform(-0.5, 1.5) * jitter
    return x
