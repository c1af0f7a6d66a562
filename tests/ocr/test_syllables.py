"""A tone mark no Vietnamese syllable carries is taken away; real syllables, names and other words stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr.syllables import (
    DICTIONARY,
    final_y,
    initial_restored,
    inner_capitals_lowered,
    syllables,
    unglued,
    unhorned,
    untoned,
    vowel_undoubled,
)


def test_a_mark_no_syllable_has_goes_when_the_letters_alone_are_one():
    known = frozenset({("ghi", ""), ("ghi", "\u0300"), ("nghi", ""), ("nghi", "\u0309")})
    assert untoned("ghỉ", known) == "ghi"
    assert untoned("(Ký,", known) == "(Ký,"  # "ký" is not in this small list, nor is "ky": left as read
    assert untoned("(ghỉ", known) == "(ghi" and untoned("GHỈ.", known) == "GHI."  # punctuation and case kept
    assert untoned("Nghỉ", known) == "Nghỉ"  # a real syllable: only context could tell it from "Nghi"
    assert untoned("ghì", known) == "ghì" and untoned("ghi", known) == "ghi"
    assert untoned("gh1ỉ", known) == "gh1ỉ"  # not a word of letters
    assert untoned("ghỉ", frozenset()) == "ghỉ"  # no list, no change


def test_a_horn_no_syllable_has_goes_when_the_letters_without_it_are_one():
    known = frozenset({("vu", "\u0303"), ("vư", "\u0300"), ("vương", "")})
    assert unhorned("Vữ,", known) == "Vũ," and unhorned("VỮ", known) == "VŨ"  # tone, sign and case kept
    assert unhorned("Vừ", known) == "Vừ" and unhorned("Vương", known) == "Vương"  # syllables as read
    assert unhorned("Vữa", known) == "Vữa"  # without its horn no syllable either: as read


def test_a_last_v_that_makes_no_syllable_is_y_when_that_makes_one():
    known = frozenset({("tray", ""), ("huy", ""), ("tay", "")})
    assert final_y("Trav,", known) == "Tray," and final_y("HUV", known) == "HUY"  # punctuation and case kept
    assert final_y("Kiev", known) == "Kiev"  # "kiey" is no syllable either: as read
    assert final_y("v", known) == "v" and final_y("tay", known) == "tay"
    assert final_y("Trav", frozenset()) == "Trav"  # no list, no change


def test_a_capital_read_as_a_sign_or_a_digit_or_after_a_stray_one_is_restored_when_that_makes_a_syllable():
    """An italic form's handwritten values on a photocopy: "#uỳnh" for "Huỳnh", "7ô" for "Tô", "WNgày" for
    "Ngày". A number or code ("5A", "8a", "12ô") and a word whose rest has no Vietnamese mark stay."""
    known = frozenset({("huynh", "\u0300"), ("tô", ""), ("ngay", "\u0300"), ("sa", ""), ("ba", "")})
    assert initial_restored("#uỳnh", known) == "Huỳnh" and initial_restored("7ô,", known) == "Tô,"
    assert initial_restored("WNgày", known) == "Ngày" and initial_restored("Ngày", known) == "Ngày"
    for word in ("5A", "8a", "12ô", "7", "#", "NGày", "C:1cm", "#uynh"):
        assert initial_restored(word, known) == word, word
    assert initial_restored("7ô", frozenset({("to", "")})) == "7ô"  # "Tô" no syllable of this list
    assert initial_restored("#uỳnh", frozenset()) == "#uỳnh"  # no list, no change


def test_a_vowel_read_twice_is_one_when_that_makes_a_syllable():
    known = frozenset({("cân", "\u0300"), ("thơ", ""), ("cooc", "")})
    assert vowel_undoubled("Câần", known) == "Cần" and vowel_undoubled("Thơơ,", known) == "Thơ,"  # mark kept
    assert vowel_undoubled("cooc", known) == "cooc"  # a syllable as read
    assert vowel_undoubled("Trươơng", known) == "Trươơng"  # "trương" is not in this small list: as read
    # the mark on the doubled vowel was the blur's when only the bare vowel makes a syllable ("ĐỖ DŨUY HẢI")
    assert vowel_undoubled("DŨUY", frozenset({("duy", "")})) == "DUY"
    assert vowel_undoubled("DŨUY", frozenset({("duy", ""), ("duy", "\u0303")})) == "DŨY"  # with the mark first


def test_two_syllables_read_without_their_space_are_two_words_where_capitals_tell():
    known = frozenset({("mai", ""), ("ngân", ""), ("uy", ""), ("nô", "\u0303"), ("hoan", "\u0300"),
                       ("hoang", "\u0300"), ("anh", ""), ("ganh", ""), ("na", ""), ("me", "")})
    assert unglued("MAINGÂN,", known) == ["MAI", "NGÂN,"]  # signs stay with their end
    assert unglued("UyNỗ", known) == ["Uy", "Nỗ"]  # a capital after a small letter: a word's start
    assert unglued("meN", known | {("n", "")}) == ["meN"]  # one letter is no syllable's piece
    assert unglued("HOÀNGANH", known) == ["HOÀNGANH"]  # HOÀNG ANH or HOÀN GANH: as read
    assert unglued("name", known) == ["name"] and unglued("Uyname", known) == ["Uyname"]  # small letters: as read
    assert unglued("MAI", known) == ["MAI"] and unglued("MAINGÂN", frozenset()) == ["MAINGÂN"]
    assert unglued("Mai.ngân", known) == ["Mai", "ngân"] and unglued("(Mai,me)", known) == ["(Mai,", "me)"]
    assert unglued("Mai.Ngân", known) == ["Mai.Ngân"]  # a capital after a period may open a sentence
    assert unglued("MAI,NGÂN", known) == ["MAI,", "NGÂN"]  # after a comma, any word
    assert unglued("mai:Ngân", known) == ["mai:", "Ngân"]  # and after a label's colon
    assert unglued("ngânmai:Mai", known) == ["ngânmai:", "Mai"]  # the label two syllables itself: split next
    assert unglued("C:mai", known) == ["C:mai"]  # one letter is no syllable ("C:1cm" of an ID card's marks)
    assert unglued("mai.xyz", known) == ["mai.xyz"]  # no syllable after it: as read
    # small letters with a Vietnamese mark are no English word: split where one cut makes two syllables
    assert unglued("Ngânmai:", known) == ["Ngân", "mai:"] and unglued("maingân", known) == ["mai", "ngân"]
    assert unglued("hoànganh", known) == ["hoànganh"]  # hoàng anh or hoàn ganh: as read
    # a table's row number read against the name after it; a unit after a number stays ("10cm")
    assert unglued("1NGÂN", known) == ["1", "NGÂN"] and unglued("(12mai,", known) == ["(12", "mai,"]
    assert unglued("10cm", known) == ["10cm"] and unglued("12B", known) == ["12B"]
    assert unglued("Ngânxyz", known) == ["Ngânxyz"] and unglued("Meọc", known | {("oc", "\u0323")}) == ["Meọc"]


@pytest.mark.skipif(not DICTIONARY.exists(), reason="hunspell-vi is installed by scripts/setup.sh")
def test_a_glued_name_on_a_card_is_read_as_two_words():
    from ocr.read import spaces_put_back
    from ocr.types import Word

    read = [Word("TÔ", 0.9, (0, 0, 30, 10), 1, 0), Word("MAINGÂN", 0.8, (40, 0, 110, 10), 1, 0)]
    assert [(w.text, w.bbox[0], w.bbox[2]) for w in spaces_put_back(read)] == \
        [("TÔ", 0, 30), ("MAI", 40, 70), ("NGÂN", 70, 110)]
    # a label and its value with both spaces lost: split at the colon, then the label
    read = [Word("Dântộc:Kinh", 0.8, (0, 0, 110, 10), 1, 0)]
    assert [w.text for w in spaces_put_back(read)] == ["Dân", "tộc:", "Kinh"]


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


def test_a_capital_inside_small_letters_is_small_where_the_letters_are_a_syllable():
    """A photocopy's "h" read "H" inside a word; a code's capitals, or a word in capitals, stay."""
    assert inner_capitals_lowered("pHường") == "phường"
    assert inner_capitals_lowered("mìnH.") == "mình."
    for word in ("ThS.", "PHƯỜNG", "Phường", "lLý", "iPhone"):
        assert inner_capitals_lowered(word) == word
