"""Red ink: seals and signatures are lifted to paper, red print stays, also where a stamp runs through it."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw

from ocr import clean
from samples import fonts, marks

TITLE = "THẺ BẢO HIỂM Y TẾ"


def _page(title_at: tuple[int, int], seal_at: tuple[int, int], rng: random.Random, family: str = "LiberationSerif",
          size: int = 64) -> tuple[Image.Image, tuple]:
    """A 300-dpi A4 page with a red bold title and a 36 mm red seal with a signature (the bench's "stamped"
    profile); returns it and the title's box."""
    img = Image.new("RGB", (2480, 3508), (250, 250, 252))
    draw = ImageDraw.Draw(img)
    font = fonts.load(family, "bold", size)
    draw.text(title_at, TITLE, font=font, fill=(190, 30, 40))
    box = draw.textbbox(title_at, TITLE, font=font)
    radius = 212
    seal = marks.seal(radius, "Bộ phận tiếp nhận và trả kết quả * Ủy ban nhân dân", rng, family="LiberationSans")
    marks.multiply(img, seal, (seal_at[0] - seal.width // 2, seal_at[1] - seal.height // 2))
    sig = marks.signature(round(radius * 2.4), round(radius * 0.9), rng, (190, 25, 40))
    marks.multiply(img, sig, (seal_at[0] - radius, seal_at[1] - radius // 2))
    return img, box


def test_a_red_title_a_stamp_runs_through_stays_and_the_stamp_goes():
    rng = random.Random(5)
    img, (x0, y0, x1, y1) = _page((900, 600), (1000, 640), rng)  # the seal over the title's first word
    gray = clean.to_gray(img)
    assert (gray[y0:y1, x0:x1] < 128).mean() > 0.2  # its letters are still dark
    below = gray[640 + 60 : 640 + 200, 800:1200]  # the seal and signature under the title
    assert (below < 128).mean() < 0.01


@pytest.mark.parametrize(("family", "size", "seed"), [("LiberationSerif", 56, 5), ("TeXGyreTermes", 64, 5)])
def test_a_red_title_stays_where_rows_through_its_letters_thin_parts_hold_less_ink(family, size, seed):
    """Two rows across the middle of the letters fall under the title's share of ink: the band of print
    goes on over them (the bench's stamped insurance card lost "THẺ BẢO HIỂM Y TẾ" so)."""
    img, (x0, y0, x1, y1) = _page((900, 600), (1000, 640), random.Random(seed), family, size)
    assert (clean.to_gray(img)[y0:y1, x0:x1] < 128).mean() > 0.15


def test_a_stamp_alone_goes():
    gray = clean.to_gray(_page((900, 3300), (1200, 1600), random.Random(9))[0])  # title far away
    assert (gray[1600 - 230 : 1600 + 230, 1200 - 300 : 1200 + 300] < 128).mean() < 0.01
