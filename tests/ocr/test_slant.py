"""The slant of italic and handwritten ink is measured, and such numbers and words are read again set upright: `vie`
misreads handwritten digits it reads surely ("079087846595" for 079081846595), reads one number as two, and misreads
handwritten names ("Vũ Msoc Minh")."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import slant
from ocr.read import _agreed, _better_upright, ocr_data, read, words_from_data
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


def _handwritten(value: str, seed: int, label: str = LABEL) -> np.ndarray:
    """A printed label and a value written after it in blue with the bench's handwriting (TeXGyreTermes)."""
    img = Image.new("RGB", (1100, 110), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", 30)
    draw.text((30, 40), label, font=font, fill=(20, 20, 20))
    handwriting.draw(img, 38 + draw.textlength(label, font=font), 68, value, "TeXGyreTermes", 34,
                     random.Random(seed), handwriting.BLUE_INKS[0])
    return np.asarray(img.convert("L"))


@pytest.mark.parametrize(("number", "seed", "label"), [("079081846595", 1, LABEL), ("0947243193", 1, LABEL),
                                                     ("09/11/1981", 0, LABEL), ("1988", 0, "Năm sinh: ")])
def test_a_handwritten_number_vie_misreads_or_splits_is_read_right_upright(number, seed, label):
    gray = _handwritten(number, seed, label)
    first = " ".join(w.text for w in words_from_data(ocr_data(gray, "vie", 3)))
    assert number not in first  # the premise: "079087846595", "0947243793", "09/J 7/7981", "7988"
    assert read(gray, "vie")[1] == label + number


def test_two_models_reading_a_word_alike_make_it_surer_and_differing_ones_give_nothing():
    eng, vie = Word("079081846595", 0.76, (0, 0, 9, 9), 1, 0), Word("079081846595", 0.76, (0, 0, 9, 9), 1, 0)
    agreed = _agreed([eng], [vie])
    assert len(agreed) == 1 and agreed[0].confidence == pytest.approx(1 - 0.24 * 0.24)
    assert _agreed([eng], [Word("079087846595", 0.9, (0, 0, 9, 9), 1, 0)]) == []
    assert _agreed([eng], [vie, vie]) == [] and _agreed([], [vie]) == []


@pytest.mark.parametrize(("name", "seed"), [("Vũ Ngọc Minh", 5), ("Huỳnh Văn Khôi", 0), ("Nguyễn Thị Nam", 3),
                                           ("Đặng Ngọc Hiếu", 3)])
def test_a_handwritten_name_vie_misreads_is_read_right_upright(name, seed):
    label = "Họ, chữ đệm và tên: "
    gray = _handwritten(name, seed, label)
    first = " ".join(w.text for w in words_from_data(ocr_data(gray, "vie", 3)))
    assert name not in first  # the premise: "Vũ Msoc Minh", "#j#„ỳnh Văn Khôi", "Wguyễn Thị Nam", "Đăng Ngọc Hiếu"
    assert read(gray, "vie")[1] == label + name


def _w(text: str, confidence: float) -> Word:
    return Word(text, confidence, (0, 0, 9, 9), 1, 0)


def test_an_upright_reading_replaces_no_syllable_and_a_syllable_only_when_surer():
    assert _better_upright(_w("Weoc", 0.57), _w("Ngọc", 0.43)) == _w("Ngọc", 0.57)  # a syllable for none, however sure
    assert _better_upright(_w("guyễn", 0.9), _w("Nguyễn", 0.9)).text == "Nguyễn"  # a letter more
    assert _better_upright(_w("Thúi", 0.8), _w("Thái", 0.95)).text == "Thái"  # another syllable, surer
    assert _better_upright(_w("Thúi", 0.8), _w("Thái", 0.85)).text == "Thúi"  # ... not surer enough
    assert _better_upright(_w("hô", 0.73), _w("hộ", 0.97)).text == "hộ"  # its marks only: surer still
    assert _better_upright(_w("ghi", 0.81), _w("ghì", 0.9)).text == "ghi"
    assert _better_upright(_w("ghỉ", 0.9), _w("ghì", 0.95)).text == "ghỉ"  # "ghi" once respelled
    assert _better_upright(_w("CỤC", 0.4), _w("cực", 0.95)).text == "CỤC"  # never the case
    assert _better_upright(_w("of", 0.4), _w("o", 0.9)).text == "of"  # never one letter
    assert _better_upright(_w("Nưn", 0.5), _w("N4m", 0.9)).text == "Nưn"  # never digits
    assert _better_upright(_w("Nưn", 0.5), _w("Nguyễn", 0.9)).text == "Nưn"  # never three letters more
    assert _better_upright(_w("Huv,", 0.6), _w("Huy.", 0.9)).text == "Huy,"  # its punctuation stays
    assert _better_upright(_w("#uỳnh", 0.5), _w("Huỳnh", 0.9)).text == "Huỳnh"  # a sign read for a letter goes
