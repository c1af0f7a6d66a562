"""Non-text marks: red seals, signatures, the national emblem, a face-photo placeholder and QR codes.

Seals and signatures overlap printed text on real papers and are the classic source of OCR errors;
their own text is never part of a page's ground truth.
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from samples import fonts

SEAL_RED = (205, 32, 45)

try:  # optional: real, decodable QR codes on ID cards
    import segno
except ImportError:  # pragma: no cover - depends on the environment
    segno = None


def multiply(img: Image.Image, layer: Image.Image, xy: tuple[int, int]) -> None:
    """Composite an RGBA ink layer onto ``img`` like ink on paper (multiply), in place."""
    x, y = xy
    w, h = layer.size
    x0, y0, x1, y1 = max(0, x), max(0, y), min(img.width, x + w), min(img.height, y + h)
    if x0 >= x1 or y0 >= y1:
        return
    region = np.asarray(img.crop((x0, y0, x1, y1)), dtype=np.float32)
    ink = np.asarray(layer.crop((x0 - x, y0 - y, x1 - x, y1 - y)), dtype=np.float32)
    alpha = ink[..., 3:4] / 255.0
    out = region * (1 - alpha + alpha * ink[..., :3] / 255.0)
    img.paste(Image.fromarray(out.clip(0, 255).astype(np.uint8), "RGB"), (x0, y0))


def _ink_texture(layer: Image.Image, rng: random.Random, strength: float = 0.45) -> Image.Image:
    """Uneven stamp-pad ink: lighten the alpha channel in soft random blotches."""
    w, h = layer.size
    nrng = np.random.default_rng(rng.randrange(2**32))
    small = nrng.random((max(2, h // 24), max(2, w // 24))).astype(np.float32)
    blot = np.asarray(Image.fromarray((small * 255).astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC),
                      dtype=np.float32) / 255.0
    alpha = np.asarray(layer.getchannel("A"), dtype=np.float32)
    alpha *= 1 - strength * blot
    alpha *= nrng.uniform(0.8, 1.0, size=alpha.shape).astype(np.float32)
    layer.putalpha(Image.fromarray(alpha.clip(0, 255).astype(np.uint8)))
    return layer


def _star(cx: float, cy: float, r: float, rotation: float = -math.pi / 2) -> list[tuple[float, float]]:
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.382
        a = rotation + i * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    return pts


def seal(
    radius: int,
    ring_text: str,
    rng: random.Random,
    center_text: str = "",
    color: tuple[int, int, int] = SEAL_RED,
    family: str = "LiberationSans",
) -> Image.Image:
    """A round official seal as an RGBA layer: double ring, text around the rim, a star in the middle."""
    size = 2 * radius + 8
    layer = Image.new("RGBA", (size, size), (*color, 0))
    draw = ImageDraw.Draw(layer)
    c = size / 2
    ink = (*color, 235)
    width = max(3, radius // 28)
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=ink, width=width)
    inner = radius * 0.70
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=ink, width=max(2, width - 1))
    draw.polygon(_star(c, c - (radius * 0.12 if center_text else 0), radius * 0.24), fill=ink)
    text = " ".join(ring_text.upper().split()) + " * "
    glyph_px = int(radius * 0.19)
    font = fonts.load(family, "bold", glyph_px)
    text_r = (radius + inner) / 2
    total = sum(font.getlength(ch) for ch in text) * 1.05
    step_scale = (2 * math.pi * text_r) / max(total, 1.0)
    angle = -math.pi / 2 - math.pi  # start at the left, text runs clockwise over the top
    for ch in text:
        adv = font.getlength(ch) * 1.05 * step_scale
        mid = angle + adv / (2 * text_r)
        if ch.strip():
            g = Image.new("RGBA", (glyph_px * 2, glyph_px * 2), (*color, 0))
            ImageDraw.Draw(g).text((glyph_px, glyph_px), ch, font=font, fill=ink, anchor="mm")
            g = g.rotate(-math.degrees(mid + math.pi / 2), resample=Image.Resampling.BICUBIC)
            gx = c + text_r * math.cos(mid) - glyph_px
            gy = c + text_r * math.sin(mid) - glyph_px
            layer.alpha_composite(g, (round(gx), round(gy)))
        angle += adv / text_r
    if center_text:
        cfont = fonts.load(family, "bold", int(radius * 0.15))
        draw.text((c, c + radius * 0.28), center_text.upper(), font=cfont, fill=ink, anchor="mm")
    layer = layer.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)
    return _ink_texture(layer, rng)


def _catmull_rom(points: list[tuple[float, float]], steps: int = 14) -> list[tuple[float, float]]:
    pts = [points[0], *points, points[-1]]
    out = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for t in np.linspace(0, 1, steps, endpoint=False):
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                                    + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3) for k in (0, 1)))
    out.append(points[-1])
    return out


def signature(width: int, height: int, rng: random.Random, color: tuple[int, int, int]) -> Image.Image:
    """A signature-like scribble: one smooth looping pen stroke and a flourish, as an RGBA layer."""
    layer = Image.new("RGBA", (width, height), (*color, 0))
    draw = ImageDraw.Draw(layer)
    pen = max(3, height // 45)
    n = rng.randint(6, 10)
    points = []
    x = width * 0.08
    for i in range(n):
        up = i % 2 == 0
        y = height * (rng.uniform(0.12, 0.35) if up else rng.uniform(0.55, 0.8))
        points.append((x, y))
        x += width * 0.84 / n * rng.uniform(0.5, 1.6)
        if rng.random() < 0.3:  # a small loop back
            points.append((x - width * 0.06, height * rng.uniform(0.3, 0.6)))
    points = [(min(px, width * 0.92), py) for px, py in points]
    draw.line(_catmull_rom(points), fill=(*color, 235), width=pen, joint="curve")
    fy = height * rng.uniform(0.7, 0.85)
    flourish = [(width * 0.1, fy), (width * 0.45, fy + height * rng.uniform(-0.08, 0.08)),
                (width * rng.uniform(0.75, 0.95), fy - height * rng.uniform(0.05, 0.3))]
    draw.line(_catmull_rom(flourish), fill=(*color, 220), width=pen, joint="curve")
    return layer.filter(ImageFilter.GaussianBlur(0.7))


def emblem(radius: int) -> Image.Image:
    """A simplified national emblem (red disc, gold star, cog and rice ring) as an RGBA layer."""
    size = 2 * radius + 4
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    c = size / 2
    d.ellipse((c - radius, c - radius, c + radius, c + radius), fill=(214, 170, 40, 255))
    r2 = radius * 0.78
    d.ellipse((c - r2, c - r2, c + r2, c + r2), fill=(200, 30, 35, 255))
    d.polygon(_star(c, c - radius * 0.08, radius * 0.5), fill=(240, 200, 40, 255))
    d.rectangle((c - radius * 0.35, c + radius * 0.5, c + radius * 0.35, c + radius * 0.62), fill=(214, 170, 40, 255))
    return layer


def face_photo(width: int, height: int, rng: random.Random) -> Image.Image:
    """A grey ID-photo placeholder: light backdrop, head and shoulders silhouette."""
    shade = rng.randint(200, 230)
    img = Image.new("RGB", (width, height), (shade, shade, min(255, shade + 15)))
    d = ImageDraw.Draw(img)
    tone = rng.randint(95, 140)
    d.ellipse((width * 0.05, height * 0.72, width * 0.95, height * 1.35), fill=(tone - 40,) * 3)
    d.rectangle((width * 0.4, height * 0.55, width * 0.6, height * 0.8), fill=(tone,) * 3)
    d.ellipse((width * 0.25, height * 0.14, width * 0.75, height * 0.66), fill=(tone,) * 3)
    d.chord((width * 0.23, height * 0.10, width * 0.77, height * 0.5), 180, 360, fill=(40, 40, 40))
    return img.filter(ImageFilter.GaussianBlur(1.2))


def qr_code(payload: str, size: int, rng: random.Random) -> Image.Image:
    """A QR code of ``payload`` (UTF-8, error level M), ``size`` pixels wide. Without segno a
    look-alike pattern is drawn so the layout is unchanged (it will not decode)."""
    if segno is not None:
        qr = segno.make(payload, error="m", micro=False, encoding="utf-8")
        rows = [list(r) for r in qr.matrix]
    else:  # pragma: no cover
        n = 45
        rows = [[rng.random() < 0.5 for _ in range(n)] for _ in range(n)]
        for ox, oy in ((0, 0), (n - 7, 0), (0, n - 7)):
            for i in range(7):
                for j in range(7):
                    rows[oy + i][ox + j] = i in (0, 6) or j in (0, 6) or (2 <= i <= 4 and 2 <= j <= 4)
    n = len(rows)
    quiet = 2
    module = max(2, size // (n + 2 * quiet))
    side = (n + 2 * quiet) * module
    img = Image.new("L", (side, side), 255)
    d = ImageDraw.Draw(img)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v:
                x, y = (j + quiet) * module, (i + quiet) * module
                d.rectangle((x, y, x + module - 1, y + module - 1), fill=0)
    return img.convert("RGB")
