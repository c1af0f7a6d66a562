import datetime as dt
import random
import re
import unicodedata

import pytest

from samples.documents.insurance import insurance_number
from samples.people import card_expiry, date_words, make_household, number_words
from samples.places import CODE_TO_PROVINCE, PROVINCE_CODES, PROVINCES


def _people(seed):
    hh = make_household(random.Random(seed))
    return hh, [hh.father, hh.mother, hh.child, hh.elder]


@pytest.mark.parametrize("seed", range(25))
def test_id_number_structure_matches_birth_sex_and_province(seed):
    _, people = _people(seed)
    for p in people:
        assert re.fullmatch(r"\d{12}", p.id_number)
        assert p.id_number[:3] in CODE_TO_PROVINCE
        assert p.id_number[:3] == p.birth_province.code
        century = 0 if p.date_of_birth.year < 2000 else 2
        assert int(p.id_number[3]) == century + (0 if p.sex == "Nam" else 1)
        assert p.id_number[4:6] == f"{p.date_of_birth.year % 100:02d}"
        if p.old_id_number:
            assert re.fullmatch(r"\d{9}", p.old_id_number)


def test_real_province_codes():
    assert PROVINCE_CODES["Hà Nội"] == "001"
    assert PROVINCE_CODES["Hồ Chí Minh"] == "079"
    assert PROVINCE_CODES["Hải Phòng"] == "031"
    assert PROVINCE_CODES["Đà Nẵng"] == "048"
    assert PROVINCE_CODES["Cần Thơ"] == "092"
    assert PROVINCE_CODES["Thanh Hóa"] == "038"
    assert PROVINCE_CODES["Nghệ An"] == "040"
    assert PROVINCE_CODES["Nam Định"] == "036"
    assert len(PROVINCE_CODES) == 63
    assert all(p.name in PROVINCE_CODES for p in PROVINCES)


@pytest.mark.parametrize("seed", range(10))
def test_household_is_consistent(seed):
    hh, people = _people(seed)
    assert hh.child.full_name.split()[0] == hh.father.full_name.split()[0]
    assert hh.father.sex == "Nam" and hh.mother.sex == "Nữ"
    assert hh.child.date_of_birth < hh.today and hh.date_of_death < hh.today
    assert hh.elder.date_of_birth < hh.father.date_of_birth
    assert hh.father.residence.text == hh.mother.residence.text == hh.child.residence.text
    assert hh.birth_declarant in (hh.father, hh.mother)
    for p in people:
        assert unicodedata.is_normalized("NFC", p.full_name)
        assert len(p.full_name.split()) >= 3
    for p in (hh.father, hh.mother, hh.elder):  # adults hold a chip card
        assert p.card_issue_date is not None and p.card_issue_date >= dt.date(2021, 1, 1)


def test_card_expiry_rules():
    born = dt.date(1990, 5, 17)
    assert card_expiry(born, dt.date(2021, 6, 1)) == dt.date(2030, 5, 17)  # age 40
    assert card_expiry(born, dt.date(2029, 1, 1)) == dt.date(2050, 5, 17)  # within 2 years of 40 -> 60
    assert card_expiry(dt.date(1950, 1, 1), dt.date(2021, 6, 1)) is None  # no expiry after 58


def test_vietnamese_number_words():
    assert number_words(2026) == "hai nghìn không trăm hai mươi sáu"
    assert number_words(15) == "mười lăm"
    assert number_words(21) == "hai mươi mốt"
    assert number_words(1905) == "một nghìn chín trăm linh năm"
    assert date_words(dt.date(2026, 3, 5)) == "Ngày mồng năm, tháng ba, năm hai nghìn không trăm hai mươi sáu"


def test_insurance_number_format():
    hh, _ = _people(3)
    number = insurance_number(hh.child, random.Random(1))
    assert re.fullmatch(r"TE1\d{12}", number) and len(number) == 15
    assert number[3:5] == hh.child.residence.province.short_code == number[5:7]
