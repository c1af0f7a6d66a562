"""The English half of bilingual print read with `eng` (`ocr.english`): which words count as English, which of
`eng`'s words are taken, and a phone photo of an ID card read with real Tesseract."""

from __future__ import annotations

import io
import random

from PIL import Image

from ocr import english
from ocr.pipeline import process_page
from ocr.types import Word
from samples.degrade import degrade
from samples.documents import render
from samples.people import make_household


def _w(text: str, conf: float, x0: int, x1: int, y0: int = 100, line: int = 0) -> Word:
    return Word(text, conf, (x0, y0, x1, y0 + 20), 1, line)


def test_english_is_plain_latin_letters_and_no_vietnamese_syllable():
    assert all(english.english(t) for t in ("Date", "birth:", "expiry:", "(Nationality:", "REPUBLIC"))
    assert not any(english.english(t) for t in ("Nam", "Kim", "sinh", "No.:", "tên", "TE1363695355207", "/", "a"))


def test_eng_replaces_a_less_sure_reading_that_is_no_syllable_and_keeps_a_syllable():
    vie = [_w("Ploce", 0.70, 0, 50), _w("oƒ", 0.80, 60, 80), _w("Nam", 0.60, 90, 130), _w("origin:", 0.97, 140, 200)]
    eng = [_w("Place", 0.95, 1, 50), _w("of", 0.97, 60, 79), _w("Norn", 0.90, 90, 130), _w("origln:", 0.60, 140, 200)]
    assert [w.text for w in english.taken(vie, eng)] == ["Place", "of", "Nam", "origin:"]


def test_eng_reading_a_word_without_its_colon_leaves_vies_reading():
    """`eng` reads "identification:" at the end of an ID card's line without its colon, more surely than `vie`
    read it whole: the word stays as `vie` read it."""
    vie = [_w("Personal", 0.95, 0, 80), _w("identification:", 0.90, 90, 250), _w("Plaee", 0.60, 260, 300)]
    eng = [_w("Personal", 0.96, 0, 80), _w("identification", 0.96, 90, 245), _w("Place:", 0.95, 260, 300)]
    assert [w.text for w in english.taken(vie, eng)] == ["Personal", "identification:", "Place:"]


def test_eng_words_go_where_vie_kept_nothing_when_they_are_surely_words():
    vie = [_w("Quốc", 0.95, 0, 50), _w("tịch", 0.95, 60, 100)]
    eng = [_w("Nationality:", 0.45, 120, 250),  # long, read less surely: a blurred label word
           _w("ee", 0.45, 300, 320),  # short and unsure: a mark read as letters
           _w("TRIM", 0.90, 400, 460),  # capitals: more often a Vietnamese name `vie` dropped ("TRỊNH")
           _w("Date", 0.95, 0, 50, y0=200, line=1), _w("of", 0.95, 60, 80, y0=200, line=1)]
    out = english.taken(vie, eng)
    assert [w.text for w in out] == ["Quốc", "tịch", "Nationality:", "Date", "of"]
    assert out[3].line == out[4].line != out[2].line  # a line of its own, in reading order below


def test_only_a_page_with_english_words_is_read_again():
    assert english.worth_reading([_w(t, 0.9, 0, 10) for t in ("Họ", "và", "tên", "/", "Full", "name:", "Date")])
    assert not english.worth_reading([_w(t, 0.9, 0, 10) for t in ("Mã", "số:", "TE1363695355207", "KCB", "BHXH")])


def test_a_phone_photos_english_labels_read_on_an_id_card():
    """The OCR bench's seed 7 phone photo of an ID card: `vie` alone reads "SOCLAI.IST REPUBLIC VIET NAM" and
    "Personal identificetion:" (with the zone's composite check digit as ICAO places it: before, `vie` read
    "Cidzen ldemtity Card" on this card and dropped "Date of expiry:")."""
    doc = render("cccd", make_household(random.Random("ocr-bench:7:0")), 7000, font="LiberationSerif")
    photo = degrade(doc.pages[0].image, "phone", random.Random("ocr-bench:7:0:phone")).image
    buf = io.BytesIO()
    photo.save(buf, "JPEG", quality=85)  # as the bench writes it: a camera's JPEG, no resolution
    result, _ = process_page(Image.open(buf))
    lines = result.text.splitlines()
    assert "SOCIALIST REPUBLIC OF VIET NAM" in lines
    assert "Đặc điểm nhân dạng / Personal identification:" in lines
    assert "Giới tính / Sex: Nam Quốc tịch / Nationality: Việt Nam" in lines
