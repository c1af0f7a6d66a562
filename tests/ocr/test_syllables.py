"""A tone mark no Vietnamese syllable carries is taken away; real syllables, names and other words stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr.syllables import DICTIONARY, final_y, syllables, untoned, vowel_undoubled


def test_a_mark_no_syllable_has_goes_when_the_letters_alone_are_one():
    known = frozenset({("ghi", ""), ("ghi", "\u0300"), ("nghi", ""), ("nghi", "\u0309")})
    assert untoned("ghỉ", known) == "ghi"
    assert untoned("(Ký,", known) == "(Ký,"  # "ký" is not in this small list, nor is "ky": left as read
    assert untoned("(ghỉ", known) == "(ghi" and untoned("GHỈ.", known) == "GHI."  # punctuation and case kept
    assert untoned("Nghỉ", known) == "Nghỉ"  # a real syllable: only context could tell it from "Nghi"
    assert untoned("ghì", known) == "ghì" and untoned("ghi", known) == "ghi"
    assert untoned("gh1ỉ", known) == "gh1ỉ"  # not a word of letters
    assert untoned("ghỉ", frozenset()) == "ghỉ"  # no list, no change


def test_a_last_v_that_makes_no_syllable_is_y_when_that_makes_one():
    known = frozenset({("tray", ""), ("huy", ""), ("tay", "")})
    assert final_y("Trav,", known) == "Tray," and final_y("HUV", known) == "HUY"  # punctuation and case kept
    assert final_y("Kiev", known) == "Kiev"  # "kiey" is no syllable either: as read
    assert final_y("v", known) == "v" and final_y("tay", known) == "tay"
    assert final_y("Trav", frozenset()) == "Trav"  # no list, no change


def test_a_vowel_read_twice_is_one_when_that_makes_a_syllable():
    known = frozenset({("cân", "\u0300"), ("thơ", ""), ("cooc", "")})
    assert vowel_undoubled("Câần", known) == "Cần" and vowel_undoubled("Thơơ,", known) == "Thơ,"  # mark kept
    assert vowel_undoubled("cooc", known) == "cooc"  # a syllable as read
    assert vowel_undoubled("Trươơng", known) == "Trươơng"  # "trương" is not in this small list: as read


@pytest.mark.skipif(not DICTIONARY.exists(), reason="hunspell-vi is installed by scripts/setup.sh")
def test_the_installed_list_with_the_place_names():
    known = syllables()
    assert untoned("ghỉ") == "ghi" and untoned("Ghỉ") == "Ghi"
    # old and new placement of the mark are one syllable; a district's "Hoằng", which the spelling list
    # lacks, comes from the gazetteer; English words of an ID card have no Vietnamese letters to check
    for word in ("Hòa", "hoà", "Thủy", "ủy", "Hoằng", "HIẾM", "Nghỉ", "Dàte", "Date", "NGUYỄN"):
        assert untoned(word) == word, word
    assert ("hoăng", "\u0300") in known
    assert syllables(Path("/nonexistent/vi.dic")) == frozenset()
