"""Closed vocabularies read by hand: kinship words and the 54 ethnic groups, mapped from a misread only when
close and unambiguous, and decided by the people a paper names when the reading alone cannot (fictitious
people only)."""

from __future__ import annotations

import pytest

from classifiers.documents import ExtractedField
from classifiers.extract.birth_registration_form import extract as birth_form
from classifiers.extract.common import ETHNIC_GROUPS, closest_entry, fix_ethnicity, fix_relationship
from classifiers.people import kinship_by_people
from tests.classifiers.test_extract import _lines


def _fixed(fix, value: str) -> ExtractedField:
    fields = {"v": ExtractedField(value, 0.9, "ocr")}
    fix(fields, "v")
    return fields["v"]


def test_the_official_list_has_54_groups():
    assert len(set(ETHNIC_GROUPS)) == 54


@pytest.mark.parametrize("read, word", [("/fẹ", "Mẹ"), ("øó", "Bố"), ("CJui hộ", "Chủ hộ"), ("hộ", "Chủ hộ"),
                                        ("Ä⁄e", "Mẹ"), ("Ä#e", "Mẹ"), ("Ä⁄Ze", "Mẹ"), ("M#@", "Mẹ"),  # scrawled
                                        ("4⁄c", "Mẹ"), ("4⁄¿", "Mẹ"), ("4/c", "Mẹ")])
def test_a_kinship_word_misread_with_signs_is_the_one_word_it_is_near(read, word):
    got = _fixed(fix_relationship, read)
    assert got.value == word and "completed_from_vocabulary" in got.flags and got.confidence <= 0.6


@pytest.mark.parametrize("read", ["C7”", "Chư", "Ca", "Bắ", "1⁄", "4⁄", "4/", "Ae", "Bế", "4c", "Ä⁄ac"])
def test_a_kinship_reading_near_none_or_several_words_is_left_alone(read):
    """"C7" keeps one letter of any word; "Chư" is one edit from Cha, Chú and Chị; "Bắ" has another vowel."""
    assert _fixed(fix_relationship, read).value == read


@pytest.mark.parametrize("read, group", [("Kinñh", "Kinh"), ("K¡nh", "Kinh"), ("Kinn", "Kinh"), ("Kinli", "Kinh"),
                                         ("Vùng", "Nùng"), ("#oa", "Hoa"), ("Mưng", "Mường")])
def test_an_ethnic_group_misread_is_the_listed_group(read, group):
    got = _fixed(fix_ethnicity, read)
    assert got.value == group and got.flags == ("completed_from_vocabulary",)


@pytest.mark.parametrize("read", ["Khmer", "Khơ-me", "Ê-đê", "H'Mông", "Tày", "K/n", "Thải"])
def test_listed_spellings_are_kept_and_far_readings_left_alone(read):
    """Another official spelling or separators are no misread; "K/n" is two edits from a four-letter name, and
    "Thải" has a tone mark neither Thái nor Tày has."""
    got = _fixed(fix_ethnicity, read)
    assert got.value == read and got.flags == ()


def test_a_tone_mark_read_is_evidence_and_must_agree():
    assert closest_entry("øó", ["Bố", "Cô"]) == "Bố"  # Cô has no tone mark
    assert closest_entry("øo", ["Bố", "Cô"]) is None


def test_the_childs_ethnic_group_is_not_read_from_the_mothers_line_but_from_both_parents():
    rows = [(100, 100, "Họ, chữ đệm, tên: Tạ Quang Sơn"), (100, 160, "Giới tính: Nam Dân tộc: Quốc tịch: Việt Nam"),
            (100, 220, "Họ, chữ đệm, tên người mẹ: Tạ Kim Tuyết"),
            (100, 280, "Năm sinh: 2001 Dân tộc: Tày Quốc tịch: Việt Nam"),
            (100, 340, "Họ, chữ đệm, tên người cha: Tạ Xuân Cường"),
            (100, 400, "Năm sinh: 1978 Dân tộc: Mường Quốc tịch: Việt Nam")]
    fields, _ = birth_form(_lines(rows), [])
    assert "ethnicity" not in fields  # parents of two groups choose one: nothing to derive
    assert fields["mother_ethnicity"].value == "Tày" and fields["father_ethnicity"].value == "Mường"
    rows[-1] = (100, 400, "Năm sinh: 1978 Dân tộc: Tày Quốc tịch: Việt Nam")
    fields, _ = birth_form(_lines(rows), [])
    assert fields["ethnicity"].value == "Tày" and fields["ethnicity"].flags == ("derived_from_parents",)
    # a child's group read as the end of one parent's, its first letters lost ("ng" of "Mường")
    rows[1] = (100, 160, "Giới tính: Nam Dân tộc: ng Quốc tịch: Việt Nam")
    rows[-1] = (100, 400, "Năm sinh: 1978 Dân tộc: Mường Quốc tịch: Việt Nam")
    fields, _ = birth_form(_lines(rows), [])
    assert fields["ethnicity"].value == "Mường" and "derived_from_parents" in fields["ethnicity"].flags


def _f(value: str, conf: float = 0.9) -> ExtractedField:
    return ExtractedField(value, conf, "ocr")


def test_the_subject_with_the_heads_id_number_is_the_head():
    fields = {"id_number": _f("031078264443"), "household_head_id_number": _f("031078264443"),
              "relationship_to_household_head": _f("C7”")}
    got = kinship_by_people(fields, "residence_declaration_form")["relationship_to_household_head"]
    assert got.value == "Chủ hộ" and "copied_from_subject" in got.flags and got.confidence <= 0.7
    unread = kinship_by_people({k: v for k, v in fields.items() if k.endswith("id_number")}, "residence_confirmation")
    assert unread["relationship_to_household_head"].value == "Chủ hộ"
    other = dict(fields, household_head_id_number=_f("031095111600"))
    assert kinship_by_people(other, "residence_declaration_form")["relationship_to_household_head"].value == "C7”"
    listed = dict(fields, relationship_to_household_head=_f("Vợ"))  # a listed word is never overruled
    matched = dict(fields, relationship_to_household_head=ExtractedField("Chị", 0.6, "ocr",
                                                                         flags=("completed_from_vocabulary",)))
    got = kinship_by_people(matched, "residence_declaration_form")["relationship_to_household_head"]
    assert got.value == "Chủ hộ"  # "Chưi hộ" matched to "Chị" by the vocabulary: a word read, not printed
    assert kinship_by_people(listed, "residence_declaration_form")["relationship_to_household_head"].value == "Vợ"


def test_a_kinship_word_of_the_other_sex_is_matched_again_or_flagged():
    fields = {"sex": _f("Nam"), "relationship_to_household_head": _f("Bà")}
    got = kinship_by_people(fields, "residence_declaration_form")["relationship_to_household_head"]
    assert got.value == "Bà" and "relationship_disagrees_with_sex" in got.flags and got.confidence <= 0.3
    fields = {"sex": _f("Nữ"), "relationship_to_household_head": _f("Bà")}
    assert kinship_by_people(fields, "residence_declaration_form")["relationship_to_household_head"].flags == ()


def test_a_kinship_word_with_a_misread_vowel_is_the_one_word_of_the_subjects_sex():
    """"Bế" is no kinship word; "Bố" and "Bà" are a vowel away, and only "Bố" is a man's (and keeps its tone)."""
    fields = {"sex": _f("Nam"), "relationship_to_household_head": _f("Bế")}
    got = kinship_by_people(fields, "residence_declaration_form")["relationship_to_household_head"]
    assert got.value == "Bố" and "completed_from_vocabulary" in got.flags
    fields = {"sex": _f("Nữ"), "relationship_to_household_head": _f("Bế")}  # "Mẹ"'s tone is not "Bế"'s
    assert kinship_by_people(fields, "residence_declaration_form")["relationship_to_household_head"].value == "Bế"
    # "8ấ": the 8 a B (`fix_relationship`), then the vowel the man's word's
    fields = {"sex": _f("Nam"), "relationship_to_household_head": _f("8ấ")}
    fix_relationship(fields, "relationship_to_household_head")
    assert fields["relationship_to_household_head"].value == "Bấ"
    got = kinship_by_people(fields, "residence_declaration_form")["relationship_to_household_head"]
    assert got.value == "Bố" and got.confidence <= 0.6


def test_the_declarants_kinship_follows_from_being_the_childs_mother_or_father():
    mother = {"declarant_full_name": _f("CHU KHÁNH NHUNG"), "mother_full_name": _f("Chu Khánh Nhung"),
              "father_full_name": _f("MAI NGỌC PHONG"), "declarant_relationship": _f("1⁄")}
    got = kinship_by_people(mother, "birth_registration_form")["declarant_relationship"]
    assert got.value == "Mẹ" and got.flags == ("declarant_is_parent",) and got.confidence <= 0.6
    father = {"declarant_id_number": _f("038094425336"), "father_id_number": _f("038094425336"),
              "declarant_full_name": _f("ĐOÀN NGỌC MINH"), "declarant_relationship": _f("Chư")}
    got = kinship_by_people(father, "birth_registration_form")["declarant_relationship"]
    assert got.value == "Cha" and got.flags == ("completed_from_vocabulary",)
    # "Chữ": vowel and tone misread, two edits from every word; of "Cha" and "Bố" only "Cha" opens with its C
    got = kinship_by_people(dict(father, declarant_relationship=_f("Chữ")), "birth_registration_form")
    assert got["declarant_relationship"].value == "Cha"
    assert kinship_by_people(dict(father, declarant_relationship=_f("Mữ")),
                             "birth_registration_form")["declarant_relationship"].value == "Mữ"
    # a father says "Cha" or "Bố": an unread word stays unread; a stranger's reading is left alone
    assert "declarant_relationship" not in kinship_by_people(
        {k: v for k, v in father.items() if k != "declarant_relationship"}, "birth_registration_form")
    stranger = dict(father, father_id_number=_f("038082198417"), father_full_name=_f("BÙI XUÂN LONG"))
    assert kinship_by_people(stranger, "birth_registration_form")["declarant_relationship"].value == "Chư"


def test_a_vowel_read_with_a_mark_its_word_lacks_is_nearer_that_word_than_another_vowel():
    """"Mệ" for a woman's kinship word: "Mẹ" with a hat read on its e, or "Mợ" with another vowel; within the
    words the subject's sex allows, the hat is the smaller misreading. Without that narrowing, neither."""
    from classifiers.extract.common import MALE_KIN, RELATIONSHIPS

    assert closest_entry("Mệ", [r for r in RELATIONSHIPS if r not in MALE_KIN], vowels=True) == "Mẹ"
    assert closest_entry("Mệ", list(RELATIONSHIPS)) is None
