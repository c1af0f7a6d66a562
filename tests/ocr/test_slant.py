"""The slant of italic and handwritten ink is measured, and such a number is read again set upright: `vie` misreads
handwritten digits it reads surely ("079087846595" for 079081846595), and reads one number as two."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import slant
from ocr.read import _agreed, ocr_data, read, words_from_data
from ocr.types import Word
from samples import handwriting

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-{}.ttf"
LABEL = "Số định danh cá nhân: "


def _ink(text: str, style: str, shear: float = 0.0) -> np.ndarray:
    img = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(img).text((60, 30), text, font=ImageFont.truetype(SERIF.format(style), 48), fill=0)
    ink = np.asarray(img) < 128
    if shear:
        ink = slant.upright(ink.astype(np.uint8) * 255, -shear, fill=0) > 127
    return ink


@pytest.mark.parametrize("text", ["079081846595", "Nguyễn Văn Minh", "09/11/1981"])
def test_italic_ink_leans_and_upright_print_does_not(text):
    assert slant.slant(_ink(text, "Italic")) >= slant.ITALIC
    assert abs(slant.slant(_ink(text, "Regular"))) < slant.ITALIC


@pytest.mark.parametrize("shear", [-0.2, 0.25, 0.4])
def test_the_slant_of_sheared_print_is_its_shear_and_upright_takes_it_off(shear):
    ink = _ink("0947243193 Hoàng Mai", "Regular", shear)
    assert slant.slant(ink) == pytest.approx(shear, abs=0.05)
    stood = slant.upright(ink.astype(np.uint8) * 255, slant.slant(ink), fill=0) > 127
    assert abs(slant.slant(stood)) < slant.ITALIC
    assert stood.sum() == pytest.approx(ink.sum(), rel=0.05)  # no ink cut off at the sides
    assert slant.slant(np.zeros((20, 20), bool)) == 0.0


def _handwritten(number: str, seed: int) -> np.ndarray:
    """A printed label and a number written after it in blue with the bench's handwriting (TeXGyreTermes)."""
    img = Image.new("RGB", (1100, 110), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", 30)
    draw.text((30, 40), LABEL, font=font, fill=(20, 20, 20))
    handwriting.draw(img, 38 + draw.textlength(LABEL, font=font), 68, number, "TeXGyreTermes", 34,
                     random.Random(seed), handwriting.BLUE_INKS[0])
    return np.asarray(img.convert("L"))


@pytest.mark.parametrize(("number", "seed"), [("079081846595", 1), ("0947243193", 1), ("09/11/1981", 0)])
def test_a_handwritten_number_vie_misreads_or_splits_is_read_right_upright(number, seed):
    gray = _handwritten(number, seed)
    first = " ".join(w.text for w in words_from_data(ocr_data(gray, "vie", 3)))
    assert number not in first  # the premise: "079087846595", "0947243793", "09/J 7/7981"
    assert read(gray, "vie")[1] == LABEL + number


def test_two_models_reading_a_word_alike_make_it_surer_and_differing_ones_give_nothing():
    eng, vie = Word("079081846595", 0.76, (0, 0, 9, 9), 1, 0), Word("079081846595", 0.76, (0, 0, 9, 9), 1, 0)
    agreed = _agreed([eng], [vie])
    assert len(agreed) == 1 and agreed[0].confidence == pytest.approx(1 - 0.24 * 0.24)
    assert _agreed([eng], [Word("079087846595", 0.9, (0, 0, 9, 9), 1, 0)]) == []
    assert _agreed([eng], [vie, vie]) == [] and _agreed([], [vie]) == []
