"""Repairs of values read with a piece lost: words of an address or a name, a date's slash, the day of a
date line, a date's role on a card, an MRZ digit misread together with its check digit, a date in words."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from classifiers.agreement import fragment_of
from classifiers.consensus import reconcile
from classifiers.datewords import parse_date_words
from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from classifiers.extract import cccd
from classifiers.extract.common import place_date
from classifiers.fields import normalise
from classifiers.mrz import check_digit
from classifiers.places import fix_address
from classifiers.text import find_dates, page_lines
from classifiers.validate import birth_date_by_id_year, fill_sex
from tests.classifiers.conftest import page_from_text, page_result


def _doc(doc_type: str, fields: dict[str, tuple[str, float, str]]) -> DocumentSpan:
    return DocumentSpan(doc_type, 0.99, [PageRef("a.pdf", 0)],
                        {k: ExtractedField(v, c, s) for k, (v, c, s) in fields.items()})


def _lines(text: str):
    return page_lines(page_result(page_from_text(text)))


ORIGIN = "Xã Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An"


@pytest.mark.parametrize("read", ["Xã Long, huyện Nghi Lộc, tỉnh Nghệ An", "Long, huyện Nghi Lộc, tỉnh Nghệ An",
                                  "Huyện Nghi Lộc, tỉnh Nghệ An"])
def test_an_address_with_whole_words_lost_takes_the_dossiers_fuller_reading(read):
    card = _doc("cccd", {"id_number": ("040082924499", 0.99, "qr"), "place_of_origin": (read, 0.95, "ocr")})
    other = _doc("residence_confirmation", {"id_number": ("040082924499", 0.96, "ocr"),
                                            "place_of_origin": (ORIGIN, 0.95, "ocr")})
    fixed = reconcile([card, other])[0].fields["place_of_origin"]
    assert fixed.value == ORIGIN
    assert fixed.flags == ("corrected_from_dossier",) and fixed.confidence <= 0.8


def test_a_doubtful_place_of_origin_of_another_unit_takes_the_one_the_same_id_has_surely():
    """A place of origin never changes: a phone photo's "quận 1" is the "quận 3" a copy of the same card reads
    surely, though two districts are never merged as a misread of an address."""
    sure = "Phường 9, quận 3, thành phố Hồ Chí Minh"
    copy = _doc("cccd", {"id_number": ("079089780498", 0.995, "ocr"), "place_of_origin": (sure, 0.97, "ocr")})
    photo = _doc("cccd", {"id_number": ("079089780498", 0.95, "qr"),
                          "place_of_origin": ("Phường 9, quận 1, thành phố Hồ Chí Minh", 0.8, "ocr")})
    fixed = reconcile([copy, photo])[1].fields["place_of_origin"]
    assert fixed.value == sure and fixed.flags == ("corrected_from_dossier",) and fixed.confidence <= 0.8
    other = _doc("cccd", {"id_number": ("079059253076", 0.95, "qr"),  # another person: as read
                          "place_of_origin": ("Phường 9, quận 1, thành phố Hồ Chí Minh", 0.8, "ocr")})
    assert reconcile([copy, other])[1].fields["place_of_origin"].value == "Phường 9, quận 1, thành phố Hồ Chí Minh"


def test_a_commune_named_from_its_start_is_no_address_that_lost_its_hamlet():
    """A place of origin "Xã Giai Xuân, …" opens where the paper's does (capital X): the dossier's residence
    "Ấp Thới Trinh, xã Giai Xuân, …" does not replace it. A residence read from "xã Giai Xuân" (lower case:
    its hamlet's line lost) still takes it."""
    home = "Ấp Thới Trinh, xã Giai Xuân, huyện Phong Điền, thành phố Cần Thơ"
    card = _doc("cccd", {"id_number": ("092200012345", 0.99, "qr"), "place_of_residence": (home, 0.99, "qr"),
                         "place_of_origin": ("Xã Giai Xuân, huyện Phong Điền, thành phố Cần Thơ", 0.95, "ocr")})
    form = _doc("residence_confirmation", {"id_number": ("092200012345", 0.96, "ocr"),
                                           "place_of_residence": ("xã Giai Xuân, huyện Phong Điền, thành phố Cần Thơ",
                                                                  0.95, "ocr")})
    card, form = reconcile([card, form])
    assert card.fields["place_of_origin"].value == "Xã Giai Xuân, huyện Phong Điền, thành phố Cần Thơ"
    assert form.fields["place_of_residence"].value == home


@pytest.mark.parametrize("read, reference", [
    ("Xã Nghi Long, huyện Nghi Lộc", "Xóm 5, xã Nghi Long, huyện Nghi Lộc"),  # a lost number: another address
    ("Xã Nghi Long, huyện Nghi Lộc", "Xã Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An"),  # the end is not lost
    ("Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An", "Bệnh viện Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An"),  # no unit
    ("Xã Long, tỉnh Nghệ An", "Xã Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An"),  # too much lost (4 words)
])
def test_an_address_is_not_completed_from_one_that_differs_otherwise(read, reference):
    card = _doc("cccd", {"place_of_origin": (read, 0.95, "ocr")})
    other = _doc("residence_confirmation", {"place_of_origin": (reference, 0.95, "ocr")})
    assert reconcile([card, other])[0].fields["place_of_origin"].value == read


def test_a_doubted_address_whose_first_word_is_damaged_beside_the_lost_one_is_the_fuller_one():
    """A phone photo's "Ki: Liên, quận Đống Đa" (0.85) of "Phường Kim Liên": the word beside the lost unit word
    lost a letter too. A sure reading so is left alone: it may be another place."""
    right = "Phường Kim Liên, quận Đống Đa, thành phố Hà Nội"
    confirmation = _doc("residence_confirmation", {"place_of_origin": (right, 0.96, "ocr")})
    card = _doc("cccd", {"place_of_origin": ("Ki: Liên, quận Đống Đa, thành phố Hà Nội", 0.85, "ocr")})
    assert reconcile([card, confirmation])[0].fields["place_of_origin"].value == right
    sure = _doc("cccd", {"place_of_origin": ("Ki: Liên, quận Đống Đa, thành phố Hà Nội", 0.95, "ocr")})
    assert reconcile([sure, confirmation])[0].fields["place_of_origin"].value != right
    far = _doc("cccd", {"place_of_origin": ("Kh Liên, quận Đống Đa, thành phố Hà Nội", 0.85, "ocr")})
    assert reconcile([far, confirmation])[0].fields["place_of_origin"].value != right  # two letters off


def test_two_equally_fitting_fuller_addresses_change_nothing():
    read = "Xã Long, huyện Nghi Lộc, tỉnh Nghệ An"
    docs = [_doc("cccd", {"place_of_origin": (read, 0.95, "ocr")}),
            _doc("residence_confirmation", {"place_of_origin": (ORIGIN, 0.95, "ocr")}),
            _doc("death_notice", {"place_of_residence": ("Xã Phúc Long, huyện Nghi Lộc, tỉnh Nghệ An", 0.95, "ocr")})]
    assert reconcile(docs)[0].fields["place_of_origin"].value == read


def test_a_name_read_as_one_word_is_the_one_dossier_name_it_opens_or_ends():
    assert fragment_of("vinh", "lam manh vinh") and fragment_of("o huyen", "to bao huyen")
    assert fragment_of("ly", "ly bao tuan")
    assert not fragment_of("manh", "lam manh vinh") and not fragment_of("vin", "lam manh vinh")
    assert not fragment_of("lam vinh", "lam manh vinh")  # two words: the `covers` rule's business
    # the last or first words run together, the rest lost; not the whole name nor a middle run
    assert fragment_of("thanhoanh", "doan thanh oanh") and fragment_of("doanthanh", "doan thanh oanh")
    assert not fragment_of("doanthanhoanh", "doan thanh oanh") and not fragment_of("thanhoanh", "doan thanh oanh x")
    form = _doc("residence_declaration_form", {"full_name": ("VINH", 0.9, "ocr")})
    card = _doc("cccd", {"full_name": ("LÂM MẠNH VINH", 0.995, "qr"), "id_number": ("079095123456", 0.995, "qr")})
    fixed = reconcile([form, card])[0].fields["full_name"]
    assert fixed.value == "LÂM MẠNH VINH" and "corrected_from_dossier" in fixed.flags


def test_a_one_word_name_fits_two_dossier_names_and_is_left_alone():
    form = _doc("residence_declaration_form", {"full_name": ("Vinh", 0.9, "ocr")})
    cards = [_doc("cccd", {"full_name": (n, 0.995, "qr")}) for n in ("LÂM MẠNH VINH", "HỒ QUANG VINH")]
    assert reconcile([form, *cards])[0].fields["full_name"].value == "Vinh"


def test_a_childs_name_read_as_one_word_is_no_fragment_of_its_parents_name():
    form = _doc("birth_registration_form", {"full_name": ("CHỮ", 0.85, "ocr"),
                                            "father_full_name": ("CHU ANH TÙNG", 0.92, "ocr")})
    certificate = _doc("birth_certificate", {"full_name": ("CHU THU THƯ", 0.95, "ocr"),
                                             "father_full_name": ("CHU ANH TÙNG", 0.96, "ocr")})
    card = _doc("cccd", {"full_name": ("CHU ANH TÙNG", 0.995, "qr")})
    assert reconcile([form, certificate, card])[0].fields["full_name"].value == "CHU THU THƯ"


def test_a_name_without_its_family_name_is_the_one_name_of_its_paper_that_ends_with_it():
    form = _doc("residence_declaration_form", {"full_name": ("CHU HOÀNG KHOA", 0.91, "ocr"),
                                               "household_head_full_name": ("BẢO LỘC", 0.97, "ocr"),
                                               "declarant_full_name": ("CHU BẢO LỘC", 0.86, "ocr")})
    head = reconcile([form])[0].fields["household_head_full_name"]
    assert head.value == "CHU BẢO LỘC" and head.flags == ("corrected_from_dossier",) and head.confidence <= 0.8
    two = _doc("residence_declaration_form", {"household_head_full_name": ("BẢO LỘC", 0.97, "ocr"),
                                              "full_name": ("LÊ BẢO LỘC", 0.9, "ocr"),
                                              "declarant_full_name": ("CHU BẢO LỘC", 0.86, "ocr")})
    assert reconcile([two])[0].fields["household_head_full_name"].value == "BẢO LỘC"  # two fit: as read
    # or the one trusted name of the dossier: a death notice's declarant, read surely without "NGUYỄN"
    notice = _doc("death_notice", {"declarant_full_name": ("THỊ THU THỦY", 0.95, "ocr")})
    card = _doc("cccd", {"full_name": ("NGUYỄN THỊ THU THỦY", 0.95, "ocr")})
    declarant = reconcile([notice, card])[0].fields["declarant_full_name"]
    assert declarant.value == "NGUYỄN THỊ THU THỦY" and declarant.flags == ("corrected_from_dossier",)


def test_a_handwritten_family_name_garbled_is_the_one_name_of_its_paper_with_its_given_names():
    form = _doc("residence_declaration_form", {"household_head_full_name": ("Đua Gia Nam", 0.9, "ocr"),
                                               "declarant_full_name": ("Phạm Gia Nam", 0.86, "ocr")})
    head = reconcile([form])[0].fields["household_head_full_name"]
    assert head.value == "Phạm Gia Nam" and head.flags == ("corrected_from_dossier",) and head.confidence <= 0.8
    # two given names are needed, and one name only to fit: otherwise as read
    short = _doc("residence_declaration_form", {"household_head_full_name": ("Đua Nam", 0.9, "ocr"),
                                                "declarant_full_name": ("Phạm Nam", 0.86, "ocr")})
    assert reconcile([short])[0].fields["household_head_full_name"].value == "Đua Nam"
    two = _doc("residence_declaration_form", {"household_head_full_name": ("Đua Gia Nam", 0.9, "ocr"),
                                              "declarant_full_name": ("Phạm Gia Nam", 0.86, "ocr"),
                                              "full_name": ("Lê Gia Nam", 0.9, "ocr")})
    assert reconcile([two])[0].fields["household_head_full_name"].value == "Đua Gia Nam"
    # another paper's name with those given names is another person ("THỊ THU THỦY": its family name lost)
    notice = _doc("death_notice", {"declarant_full_name": ("THỊ THU THỦY", 0.95, "ocr")})
    card = _doc("cccd", {"full_name": ("LÊ THU THỦY", 0.995, "qr")})
    assert reconcile([notice, card])[0].fields["declarant_full_name"].value == "THỊ THU THỦY"


def test_a_family_name_restored_from_garbled_letters_is_a_guess_the_dossier_overrides():
    """"7®ÂM BẢO GIANG" (TRẦN, its T read 7 and R ®): "ÂM" with its first letter lost is only LÂM's, but
    two papers name a TRẦN BẢO GIANG; with no such paper the guess stays, doubted."""
    value, flags = normalise("name", "7®ÂM BẢO GIANG")
    assert value == "LÂM BẢO GIANG" and flags == ("surname_restored",)
    assert normalise("name", "LÂM BẢO GIANG") == ("LÂM BẢO GIANG", ())
    form = DocumentSpan("birth_registration_form", 0.99, [PageRef("a.pdf", 0)],
                        {"full_name": ExtractedField(value, 0.3, "ocr", flags=flags)})
    certificate = _doc("birth_certificate", {"full_name": ("TRẦN BẢO GIANG", 0.93, "ocr")})
    fixed = reconcile([form, certificate])[0].fields["full_name"]
    assert fixed.value == "TRẦN BẢO GIANG" and "corrected_from_dossier" in fixed.flags
    assert reconcile([form])[0].fields["full_name"].value == "LÂM BẢO GIANG"
    # a guess another name of the dossier confirms is as sure as a vote, unchanged
    lam = _doc("birth_certificate", {"full_name": ("LÂM BẢO GIANG", 0.93, "ocr")})
    kept = reconcile([form, lam])[0].fields["full_name"]
    assert kept.value == "LÂM BẢO GIANG" and kept.flags == ("surname_restored",) and kept.confidence == 0.8


def test_a_holders_name_read_with_its_last_word_lost_is_the_name_of_the_same_birth_date_it_opens():
    card = _doc("health_insurance_card", {"full_name": ("DƯƠNG HOÀNG", 0.93, "ocr"),
                                          "date_of_birth": ("2026-09-22", 0.97, "ocr")})
    certificate = _doc("birth_certificate", {"full_name": ("DƯƠNG HOÀNG HƯNG", 0.94, "ocr"),
                                             "date_of_birth": ("2026-09-22", 0.97, "ocr")})
    fixed = reconcile([card, certificate])[0].fields["full_name"]
    assert fixed.value == "DƯƠNG HOÀNG HƯNG" and "corrected_from_dossier" in fixed.flags
    # another person's name (another birth date) is no fuller reading of it
    brother = _doc("cccd", {"full_name": ("DƯƠNG HOÀNG HƯNG", 0.97, "ocr"),
                            "date_of_birth": ("1990-01-02", 0.97, "ocr")})
    assert reconcile([card, brother])[0].fields["full_name"].value == "DƯƠNG HOÀNG"


def test_a_name_cut_at_its_end_beside_an_id_number_takes_that_numbers_name():
    """A confirmation's household head "CHU TRỌNG", the number beside it the ID card's: "CHU TRỌNG QUÂN"."""
    card = _doc("cccd", {"full_name": ("CHU TRỌNG QUÂN", 0.995, "qr"), "id_number": ("038093493085", 0.995, "qr")})
    confirmation = _doc("residence_confirmation", {"household_head_full_name": ("CHU TRỌNG", 0.93, "ocr"),
                                                   "household_head_id_number": ("038093493085", 0.97, "ocr")})
    fixed = reconcile([card, confirmation])[1].fields["household_head_full_name"]
    assert fixed.value == "CHU TRỌNG QUÂN" and "corrected_from_dossier" in fixed.flags
    other = _doc("residence_confirmation", {"household_head_full_name": ("CHU TRỌNG", 0.93, "ocr"),
                                            "household_head_id_number": ("038093493086", 0.97, "ocr")})
    assert reconcile([card, other])[1].fields["household_head_full_name"].value == "CHU TRỌNG"  # another number


def test_a_cards_one_word_name_is_no_reference_and_is_completed():
    card = _doc("cccd", {"full_name": ("VINH", 0.97, "ocr")})
    confirmation = _doc("residence_confirmation", {"full_name": ("PHẠM QUỐC VINH", 0.95, "ocr")})
    fixed = reconcile([card, confirmation])
    assert fixed[0].fields["full_name"].value == "PHẠM QUỐC VINH"
    assert fixed[1].fields["full_name"].value == "PHẠM QUỐC VINH" and not fixed[1].fields["full_name"].flags


@pytest.mark.parametrize("text, iso", [("Ngày sinh: 20/04,1978.", "1978-04-20"), ("hán ae 26/122021", "2021-12-26"),
                                       ("từ ngày 0912/2026", "2026-12-09"), ("Ngày sinh- 30092026 Giới", "2026-09-30"),
                                       ("từ ngày 14J07I2026", "2026-07-14"),
                                       ("phút, ngày 27!03I2026", "2026-03-27")])
def test_a_dates_slash_read_as_a_comma_or_lost(text, iso):
    assert [d.iso for d in find_dates(text) if d.valid] == [iso]


@pytest.mark.parametrize("text", ["Số 26/132021", "Số 2613/2021", "Số 12345678", "SĐT 0936903431"])
def test_a_lost_slash_gives_no_impossible_date(text):
    assert find_dates(text) == []


def test_a_place_date_whose_day_ends_in_a_5_read_as_s():
    found = place_date(_lines("Lê Chân, ngày 1Š tháng 06 năm 2026"))
    assert found is not None and found.value == "2026-06-15"


def test_a_place_date_with_no_such_day_takes_the_one_real_date_a_confused_digit_away():
    found = place_date(_lines("Ngày 72 tháng 01 năm 2026"))  # the 1 of "12" read as a 7
    assert found.value == "2026-01-12" and found.flags == ("digits_repaired",) and found.confidence <= 0.3
    found = place_date(_lines("Ngày 44 tháng 01 năm 2026"))  # no single confusion makes a day of it
    assert found.value == "2026-01-44" and found.flags == ("not_a_date",)


def test_a_reading_with_a_junk_word_is_no_fuller_address_for_the_others():
    right = "Tổ 4, số nhà 219 Hoàng Quốc Việt, phường Nghĩa Đô, quận Cầu Giấy, thành phố Hà Nội"
    junk = right.replace("quận Cầu", "quận Cš Cầu")  # a speck read as a word on one paper
    docs = [_doc("residence_confirmation", {"place_of_residence": (junk, 0.97, "ocr")}),
            _doc("birth_certificate", {"father_place_of_residence": (right, 0.96, "ocr")}),
            _doc("birth_registration_form", {"place_of_residence": (right, 0.95, "ocr")})]
    fixed = [f.value for d in reconcile(docs) for f in d.fields.values()]
    assert fixed == [right, right, right]


def _card(extra: str) -> dict[str, ExtractedField]:
    text = ("CĂN CƯỚC CÔNG DÂN\nSố / No.: 036201079478\nHọ và tên / Full name:\nPHAN MẠNH LỘC\n"
            "Ngày sinh / Date of birth: 16/11/2001\n" + extra)
    fields, _ = cccd.extract(_lines(text), [])
    return fields


def test_a_cards_name_under_the_vietnamese_half_of_its_label():
    """"Họ và tên / name-": the English half garbled, "Full" lost; the Vietnamese half labels the name."""
    text = ("CĂN CƯỚC CÔNG DÂN\nSố / No.: 031200500363\nHọ và tên / name-\nLÊ QUỐC LỘC\n"
            "Ngày sinh / Dafe of 06/09/2000\nCỤC CẢNH SÁT")
    fields, _ = cccd.extract(_lines(text), [])
    assert fields["full_name"].value == "LÊ QUỐC LỘC" and fields["full_name"].flags == ()  # by its label


def test_an_issue_year_before_any_such_card_or_after_today_is_the_one_a_digit_away_since_2016():
    from classifiers.extract.cccd import _issue_year_repaired

    def repaired(value: str) -> ExtractedField:
        fields = {"date_of_issue": ExtractedField(value, 0.9, "ocr")}
        _issue_year_repaired(fields, today=dt.date(2026, 12, 3))
        return fields["date_of_issue"]

    fixed = repaired("2004-03-21")
    assert fixed.value == "2024-03-21" and fixed.flags == ("digits_repaired",) and fixed.confidence <= 0.6
    assert repaired("2011-03-21").value == "2011-03-21"  # 2016, 2017, 2018, 2019, 2021: no telling which
    assert repaired("2021-03-21").flags == ()  # a year cards were issued: as read
    future = repaired("2032-10-16")  # a blurred phone photo's 2 read as 3: not issued yet
    assert future.value == "2022-10-16" and future.flags == ("digits_repaired",)
    assert repaired("2027-01-05").value == "2027-01-05"  # 2017, 2020..2026 all a digit away: as read
    assert normalise("date", "26092121") == ("2121-09-26", ("not_a_date",))  # slashes lost, a 0 read as 1
    assert repaired("2121-09-26").value == "2021-09-26"


def test_an_issue_date_whose_year_was_repaired_is_no_second_date_on_the_card():
    """"06/04/2041" read for the issue date: its year is repaired to 2021; the reading itself is no expiry
    (it was one before: the card expired on the day the issue date was read for)."""
    text = ("CĂN CƯỚC CÔNG DÂN\nSố / No.: 079086386993\nHọ và tên / Full name:\nHÀ HOÀNG HẢI\n"
            "Đặc điểm nhân dạng / Personal identification:\nNgày, tháng, năm / Date, month, year: 06/04/2041")
    fields, _ = cccd.extract(_lines(text), [])
    assert fields["date_of_issue"].value == "2021-04-06" and "digits_repaired" in fields["date_of_issue"].flags
    assert "date_of_expiry" not in fields


def test_a_place_of_origin_opening_with_a_digit_lost_its_unit_word():
    for read in ("4 Hải Minh", "X4 Hải Minh"):
        fields = _card(f"Quê quán / Place of origin:\n{read}, huyện Hải Hậu, tỉnh Nam Định")
        assert fields["place_of_origin"].value == "Xã Hải Minh, huyện Hải Hậu, tỉnh Nam Định"


def test_a_cards_unlabelled_date_that_cannot_be_an_expiry_is_its_issue_date():
    fields = _card("Ngày. táng. năm / hán ae 26/12/2021")
    assert fields["date_of_issue"].value == "2021-12-26"
    assert "issue_by_elimination" in fields["date_of_issue"].flags and fields["date_of_issue"].confidence <= 0.7
    # one after today is no issue date: in a birthday's month the law allows, that expiry with its day misread
    future = _card("9/11/2041")  # born 16/11/2001: 40th birthday
    assert "date_of_issue" not in future and future["date_of_expiry"].value == "2041-11-16"
    assert "digits_repaired" in future["date_of_expiry"].flags and future["date_of_expiry"].confidence <= 0.6
    assert "date_of_issue" not in _card("9/07/2041")  # in no such month: neither
    assert fields["date_of_expiry"].value == "2026-11-16"  # then by law: the 25th birthday
    assert fields["date_of_expiry"].flags == ("derived_from_birth_and_issue_dates",)


def test_a_cards_unlabelled_date_before_any_card_expired_is_its_holders_birth():
    """A phone photo's "Ngày / oý 02/10/1978": the birth label garbled, the only date read, the ID number misread
    (no birth year to match). No citizen ID card expires before 2016 (the first were issued then): it is the
    birth date, not the expiry."""
    text = ("CĂN CƯỚC CÔNG DÂN\nSỐ/ No: 0340798499543\nHọ và tên / Full name:\nĐẶNG HOÀNG TUẤN\n"
            "Ngày / oý 02/10/1978\nGiới / Sex: Nam")
    fields, _ = cccd.extract(_lines(text), [])
    birth = fields["date_of_birth"]
    assert birth.value == "1978-10-02" and birth.flags == ("birth_by_elimination",) and birth.confidence <= 0.7
    assert "date_of_expiry" not in fields
    later = cccd.extract(_lines(text.replace("02/10/1978", "02/10/2038")), [])[0]  # may be an expiry: kept so
    assert later["date_of_expiry"].value == "2038-10-02" and "date_of_birth" not in later


def test_an_expiry_read_but_no_date_gives_way_to_the_law():
    fields = _card("Date of expiry: 1/2026\nNgày, tháng, năm / Date, month, year: 26/12/2021")
    assert fields["date_of_expiry"].value == "2026-11-16"  # "1/2026": read, but no date to weigh against the law
    assert fields["date_of_expiry"].flags == ("derived_from_birth_and_issue_dates",)


def test_a_cards_unlabelled_25th_birthday_is_its_expiry_not_its_issue_date():
    fields = _card("hết hạn 16/11/2026")
    assert "date_of_issue" not in fields and fields["date_of_expiry"].value == "2026-11-16"


def test_an_issue_date_read_as_no_date_does_not_make_the_card_valid_for_life():
    # a phone photo: the issue date misread ("22/03/20Z2"), the expiry read on a line of its own
    fields = _card("Ngày, tháng, năm / Date, month, year: 22/03/20Z2\nCó giá trị đến:\n16/11/2026")
    assert fields["date_of_expiry"].value == "2026-11-16"


def test_a_date_before_the_holders_14th_birthday_is_no_issue_date():
    fields = _card("in 01/02/2010")
    assert "date_of_issue" not in fields and "date_of_expiry" not in fields


def _mrz_line(idn: str) -> str:
    doc = idn[3:]
    return f"IDVNM{doc}{check_digit(doc)}{idn}<<{check_digit(idn)}"


def test_an_mrz_number_contradicting_the_cards_birth_date_yields_to_the_print():
    # the personal ID's 8 and its check digit both misread as 9: the check still verifies (the document
    # number, misread too, does not)
    wrong = "031079264443"
    mrz = "IDVNM6782644439" + wrong + "<<" + check_digit(wrong)
    text = ("CĂN CƯỚC CÔNG DÂN\nSố / No.: 031078264443\nNgày sinh / Date of birth: 20/04/1978\n" + mrz)
    fields, _ = cccd.extract(_lines(text), [])
    assert fields["id_number"].value == "031078264443"
    assert "mrz_disagrees" in fields["id_number"].flags and fields["id_number"].confidence <= 0.8


def test_an_mrz_number_agreeing_with_the_birth_date_overrides_the_print():
    text = ("CĂN CƯỚC CÔNG DÂN\nSố / No.: 036201079476\nNgày sinh / Date of birth: 16/11/2001\n"
            + _mrz_line("036201079478"))
    fields, _ = cccd.extract(_lines(text), [])
    assert fields["id_number"].value == "036201079478" and fields["id_number"].source == "mrz"


def test_a_repaired_birth_date_takes_the_year_its_id_number_encodes():
    fields = {"date_of_birth": ExtractedField("2007-11-16", 0.3, "ocr", flags=("digits_repaired",)),
              "id_number": ExtractedField("036201079478", 0.8, "ocr", flags=("corrected_from_dossier",))}
    birth_date_by_id_year(fields)
    assert fields["date_of_birth"].value == "2001-11-16" and fields["date_of_birth"].flags == ("digits_repaired",)


def test_a_repaired_birth_date_takes_its_id_numbers_year_one_confusable_digit_off():
    """A hand-filled letter's "Sinh ngày: 78/08/1964" (18/08/1984): the day repaired, the year's 8 read 6."""
    fields = {"date_of_birth": ExtractedField("1964-08-18", 0.3, "ocr", flags=("digits_repaired",)),
              "id_number": ExtractedField("092084510799", 0.9, "ocr")}
    birth_date_by_id_year(fields)
    assert fields["date_of_birth"].value == "1984-08-18"
    far = {"date_of_birth": ExtractedField("1954-08-18", 0.3, "ocr", flags=("digits_repaired",)),
           "id_number": ExtractedField("092084510799", 0.9, "ocr")}  # 5 for 8 is no confusion: as read
    birth_date_by_id_year(far)
    assert far["date_of_birth"].value == "1954-08-18"


@pytest.mark.parametrize("dob, flags", [("2007-11-16", ()), ("2007-11-16", ("not_a_date",)),
                                        ("2008-11-16", ("digits_repaired",))])
def test_a_birth_date_read_as_printed_or_without_7s_is_not_changed_by_the_id(dob, flags):
    fields = {"date_of_birth": ExtractedField(dob, 0.3, "ocr", flags=flags),
              "id_number": ExtractedField("036201079478", 0.9, "ocr")}
    birth_date_by_id_year(fields)
    assert fields["date_of_birth"].value == dob


def test_sex_from_an_mrz_number_the_print_disagreed_with():
    fields = {"id_number": ExtractedField("036201079478", 0.99, "mrz", flags=("ocr_disagrees",))}
    assert fill_sex(fields, "cccd")["sex"].value == "Nam"
    doubtful = {"id_number": ExtractedField("036201079478", 0.99, "ocr", flags=("ocr_disagrees",))}
    assert "sex" not in fill_sex(doubtful, "cccd")


def test_a_misread_ngay_before_the_day_words_is_skipped():
    assert parse_date_words("Wsàv mồng chín, tháng mười hai. năm hai nghìn không trăm hai mươi lăm")[0] == "2025-12-09"


def _form(dob: tuple[str, float, tuple], words: str | None) -> DocumentSpan:
    fields = {"date_of_birth": ExtractedField(dob[0], dob[1], "ocr", flags=dob[2])}
    if words is not None:
        fields["date_of_birth_in_words"] = ExtractedField(words, 0.95, "ocr")
    return DocumentSpan("birth_registration_form", 0.99, [PageRef("a.pdf", 0)], fields)


SEPT_11 = "Ngày mười một, tháng chín, năm hai nghìn không trăm hai mươi sáu"


@pytest.mark.parametrize("words", [None, "một, tháng chín. năm hai nghìn không trắm hai mươi sáu"])
def test_date_words_unread_or_unparsable_are_spelled_from_sure_digits(words):
    (form,) = reconcile([_form(("2026-09-11", 0.95, ()), words)])
    got = form.fields["date_of_birth_in_words"]
    assert got.value == SEPT_11 and "from_date_in_digits" in got.flags and got.confidence <= 0.6


def test_date_words_are_not_spelled_from_doubtful_digits_nor_against_another_date():
    (form,) = reconcile([_form(("2026-09-11", 0.3, ("digits_repaired",)), None)])
    assert "date_of_birth_in_words" not in form.fields
    other = "Ngày mười hai, tháng chín, năm hai nghìn không trăm hai mươi sáu"
    (form,) = reconcile([_form(("2026-09-11", 0.95, ()), other)])
    assert form.fields["date_of_birth_in_words"].value == other



def test_date_words_whose_date_the_dossier_corrected_are_spelled_from_the_corrected_date():
    """The digits unread, the words "tháng môi" parsed as October gave the date; the dossier (the birth
    certificate) corrected it to January: the words were misread too."""
    october = "Ngày hai mươi chín, tháng mười, năm hai nghìn không trăm hai mươi sáu"
    form = _form(("2026-01-29", 0.8, ("from_date_in_words", "corrected_from_dossier")), october)
    (fixed,) = reconcile([form])
    got = fixed.fields["date_of_birth_in_words"]
    assert got.value == "Ngày hai mươi chín, tháng một, năm hai nghìn không trăm hai mươi sáu"
    assert "from_date_in_digits" in got.flags
    (kept,) = reconcile([_form(("2026-10-29", 0.8, ("from_date_in_words",)), october)])  # not corrected: stays
    assert kept.fields["date_of_birth_in_words"].value == october


def test_date_words_parsed_as_another_date_but_as_near_the_sure_digits_spelling_take_it():
    """"tháng môi" is one letter from "mười" (the parser's October) and from "một": the sure digits decide."""
    words = "Wgày mồng hai, tháng môi, năm hai nghìn không trăm hai mươi sáu"
    (form,) = reconcile([_form(("2026-01-02", 0.96, ()), words)])
    got = form.fields["date_of_birth_in_words"]
    assert got.value == "Ngày mồng hai, tháng một, năm hai nghìn không trăm hai mươi sáu"
    assert "from_date_in_digits" in got.flags


@pytest.mark.parametrize("read, fixed", [
    ("phường Hưng Bình, thành phố Vĩnh, tỉnh Nghệ An", "Phường Hưng Bình, thành phố Vinh, tỉnh Nghệ An"),
    ("thành phố Vĩnh Yên, tỉnh Vĩnh Phúc", "Thành phố Vĩnh Yên, tỉnh Vĩnh Phúc"),  # a two-word city: left
    ("Sô 144, ngõ 63 Bà Triệu", "Số 144, ngõ 63 Bà Triệu"),
    ("Số 20. ngõ 20 Hàng Kênh", "Số 20, ngõ 20 Hàng Kênh"),
    ("SỐ 232, ngõ 59 Ngô Quyền", "Số 232, ngõ 59 Ngô Quyền"),  # capitals in an address of small letters
    ("Tổ 3, số 7 Lê Lợi, phường Tân An", "Tổ 3, số 7 Lê Lợi, phường Tân An"),  # read small: as printed
])
def test_fixed_address_words(read, fixed):
    assert fix_address(read) == fixed


def test_a_name_beside_a_known_id_number_takes_that_persons_spelling():
    card = _doc("cccd", {"full_name": ("HỒ QUANG DŨNG", 0.995, "qr"), "id_number": ("036083923249", 0.995, "qr")})
    certificate = _doc("birth_certificate", {"declarant_full_name": ("HỒ QUANG DỤNG", 0.94, "ocr"),
                                             "declarant_id_number": ("036083923249", 0.97, "ocr")})
    form = _doc("residence_declaration_form", {"household_head_full_name": ("Hzz Quang", 0.7, "ocr"),
                                               "household_head_id_number": ("036083923249", 0.8, "ocr")})
    tie = reconcile([card, certificate])[1].fields["declarant_full_name"]
    assert tie.value == "HỒ QUANG DỤNG" and not tie.flags  # one paper against one: a trusted reading stays
    confirmation = _doc("residence_confirmation", {"full_name": ("HỒ QUANG DŨNG", 0.96, "ocr")})
    _, cert, head, _ = reconcile([card, certificate, form, confirmation])
    assert cert.fields["declarant_full_name"].value == "HỒ QUANG DŨNG"
    assert "corrected_from_dossier" in cert.fields["declarant_full_name"].flags
    assert cert.fields["declarant_full_name"].confidence <= 0.8
    assert head.fields["household_head_full_name"].value == "Hồ Quang Dũng"  # in the case the form wrote it
    assert head.fields["household_head_full_name"].confidence <= 0.6


def test_a_name_with_a_word_no_syllable_is_no_reference_and_takes_the_other_papers_reading():
    certificate = _doc("birth_certificate", {"full_name": ("ĐINH KIM GLANG", 0.92, "ocr")})  # its I read L
    card = _doc("health_insurance_card", {"full_name": ("ĐINH KIM GIANG", 0.92, "ocr")})
    fixed, kept = (d.fields["full_name"] for d in reconcile([certificate, card]))
    assert fixed.value == "ĐINH KIM GIANG" and "corrected_from_dossier" in fixed.flags
    assert kept.value == "ĐINH KIM GIANG" and not kept.flags


@pytest.mark.parametrize("read, id_conf", [("Phzz Văn", 0.8),  # no whole word of the name
                                           ("Hồ Quang", 0.6)])  # the number itself doubtful
def test_a_name_beside_a_known_id_number_is_kept_without_a_shared_word_or_a_sure_number(read, id_conf):
    card = _doc("cccd", {"full_name": ("HỒ QUANG DŨNG", 0.995, "qr"), "id_number": ("036083923249", 0.995, "qr")})
    other = _doc("cccd", {"full_name": ("HỒ QUANG MINH", 0.995, "qr"), "id_number": ("036083923250", 0.995, "qr")})
    form = _doc("residence_declaration_form", {"household_head_full_name": (read, 0.7, "ocr"),
                                               "household_head_id_number": ("036083923249", id_conf, "ocr")})
    assert reconcile([card, other, form])[2].fields["household_head_full_name"].value == read


def test_a_digit_beside_a_marked_letter_makes_an_address_doubtful_and_correctable():
    from classifiers.places import odd_spelling

    assert odd_spelling("Phường Nghĩa Ð6, quận Cầu Giấy") and not odd_spelling("Lô B5, khu 12A, phường 3")
    card = _doc("cccd", {"place_of_origin": ("Phường Nghĩa Ð6, quận Cầu Giấy, thành phố Hà Nội", 0.94, "ocr")})
    other = _doc("cccd", {"place_of_origin": ("Phường Nghĩa Đô, quận Cầu Giấy, thành phố Hà Nội", 0.96, "ocr")})
    from classifiers.places import flag_odd_spelling

    card.fields["place_of_origin"] = flag_odd_spelling(card.fields["place_of_origin"])
    assert "unusual_spelling" in card.fields["place_of_origin"].flags
    fixed = reconcile([card, other])[0].fields["place_of_origin"]
    assert fixed.value == "Phường Nghĩa Đô, quận Cầu Giấy, thành phố Hà Nội"


@pytest.mark.parametrize("read, fixed", [
    ("Viện Phụ sản Thanh Hóa, tỉnh Thanh Hóa", "Bệnh viện Phụ sản Thanh Hóa, tỉnh Thanh Hóa"),
    ("Viện Đa khoa tỉnh Nghệ An", "Bệnh viện Đa khoa tỉnh Nghệ An"),
    ("Vi¿n Phụ sản Thanh Hóa, tỉnh Thanh Hóa", "Bệnh viện Phụ sản Thanh Hóa, tỉnh Thanh Hóa"),  # a letter misread
    ("Viện Bỏng Quốc gia, Hà Nội", "Viện Bỏng Quốc gia, Hà Nội"),  # an institute: no hospital kind follows
    ("Bệnh viện Phụ sản Hải Phòng", "Bệnh viện Phụ sản Hải Phòng"),
    # named for the city its place ends with, spelt a letter off; "Trung ương" cut at the line's end
    ("Bệnh viện Phụ sản Hỏi Phòng, thành phố Hải Phòng", "Bệnh viện Phụ sản Hải Phòng, thành phố Hải Phòng"),
    ("Bệnh viện Phụ sản Trung, thành phố Hà Nội", "Bệnh viện Phụ sản Trung ương, thành phố Hà Nội"),
    ("Bệnh viện Sản Nhi Nghệ An, tỉnh Nghệ An", "Bệnh viện Sản Nhi Nghệ An, tỉnh Nghệ An"),
])
def test_a_birth_hospital_that_lost_its_first_word(read, fixed):
    from classifiers.places import complete_hospital

    got = complete_hospital(ExtractedField(read, 0.95, "ocr"))
    assert got.value == fixed
    assert ("completed_from_vocabulary" in got.flags) == (read != fixed)
    assert got.confidence == (0.6 if read != fixed else 0.95)


@pytest.mark.parametrize("read, fixed, completed", [
    ("Y tế xã Hải Anh", "Trạm Y tế xã Hải Anh", True),  # the first word lost
    ("3 Im Y tế xã Hải Minh", "Trạm Y tế xã Hải Minh", True),  # "Trạm" garbled into signs before "Y tế"
    ("Phòng khám Y tế xã Hải Minh", "Phòng khám Y tế xã Hải Minh", False),  # words before it: another clinic
    ("Trạm Y tổ phường Cầu Đất", "Trạm Y tế phường Cầu Đất", True),
    ("Trạm Y tế-phường An Hải Bắc", "Trạm Y tế phường An Hải Bắc", False),  # the space read as a hyphen
    ("Trạm Ytế thị trấn Đức Thọ", "Trạm Y tế thị trấn Đức Thọ", False),
    ("Trung tâm Y tế huyện Hải Hậu", "Trung tâm Y tế huyện Hải Hậu", False),  # a district's: no station
    ("Phòng khám đa khoa phường Bến Nghé", "Phòng khám đa khoa phường Bến Nghé", False),
])
def test_a_communes_health_station_with_its_fixed_words_garbled(read, fixed, completed):
    from classifiers.places import fix_station

    got = fix_station(ExtractedField(read, 0.95, "ocr"))
    assert got.value == fixed
    assert ("completed_from_vocabulary" in got.flags) == completed
    assert got.confidence == (0.6 if completed else 0.95)


def test_a_card_holders_name_under_a_garbled_label_is_the_one_line_of_capitals_opening_with_a_family_name():
    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNO CẾ NAM\nCĂN CƯỚC\nCÔNG DẦN\nSỐ / É95089% 1 4372\n"
            "lọ về tên / bi -\nTRẦN ANH QUÂN\nNgày sành / sý\nVỀ TRẬT TỰ XÃ NỘI\nTRƯỜNG CỤC SÁY")  # a cut title
    fields, _ = cccd.extract(_lines(text), [])
    name = fields["full_name"]
    assert name.value == "TRẦN ANH QUÂN" and name.flags == ("name_by_layout",) and name.confidence <= 0.6
    two = text.replace("VỀ TRẬT TỰ XÃ NỘI", "NGUYỄN VĂN AN")  # another name in capitals: no telling which
    assert "full_name" not in cccd.extract(_lines(two), [])[0]


def test_a_date_in_words_short_of_its_year_goes_on_to_a_line_spaced_wide():
    from classifiers.extract import birth_registration_form

    label = "Ngày, tháng, năm sinh: 23/07/2026 ghi bằng chữ: Ngày hai mươi ba."  # a comma read as a period
    rest = "tháng bảy, năm hai nghìn không trăm hai mươi sáu"
    words = page_from_text(label) + page_from_text(rest, y=100 + 115, first_line=1)  # handwriting: 2.9 heights
    fields, _ = birth_registration_form.extract(page_lines(page_result(words)), [])
    assert fields["date_of_birth_in_words"].value.endswith("năm hai nghìn không trăm hai mươi sáu")
    # its "Ngày" read a letter off: still a date in words before its month
    label = "Ngày, tháng, năm sinh: 24/08/2026 ghi bằng chữ: Wgày hai mươi tư, tháng"
    words = page_from_text(label) + page_from_text("tám, năm hai nghìn không trăm hai mươi sáu", y=100 + 115,
                                                   first_line=1)
    fields, _ = birth_registration_form.extract(page_lines(page_result(words)), [])
    assert fields["date_of_birth_in_words"].value.endswith("tháng tám, năm hai nghìn không trăm hai mươi sáu")
    # two letters off ("Meày"), a period for its comma: still the date in words, its year on the next line
    label = "Ngày, tháng, năm sinh: 20/02/2026 ghi bằng chữ: Meày hai mươi, tháng hai."
    words = page_from_text(label) + page_from_text("năm hai nghìn không trăm hai mươi sáu", y=100 + 115,
                                                   first_line=1)
    fields, _ = birth_registration_form.extract(page_lines(page_result(words)), [])
    assert fields["date_of_birth_in_words"].value == "Ngày hai mươi, tháng hai, năm hai nghìn không trăm hai mươi sáu"
    # the next line's first handwritten word ("mười" of "mười một") lost: it starts indented, yet holds the year
    label = "Ngày, tháng, năm sinh: 23/11/2025 ghi bằng chữ: Ngày hai mươi ba, tháng"
    rest = page_from_text("một, năm hai nghìn không trăm hai mươi lăm", x=100 + 170, y=100 + 115, first_line=1)
    fields, _ = birth_registration_form.extract(page_lines(page_result(page_from_text(label) + rest)), [])
    assert fields["date_of_birth_in_words"].value.endswith("tháng một, năm hai nghìn không trăm hai mươi lăm")
    item = page_from_text("Nơi sinh Bệnh viện Đa khoa tỉnh", x=100 + 170, y=100 + 115, first_line=1)  # no year
    fields, _ = birth_registration_form.extract(page_lines(page_result(page_from_text(label) + item)), [])
    assert fields["date_of_birth_in_words"].value == "Ngày hai mươi ba, tháng"


def test_a_name_found_by_layout_is_left_to_the_qr_when_it_is_read():
    """A decoded QR gives the name surely: the layout's guess (≤ 0.6, flagged) must not take its place. Found
    first, it was "confirmed" by the QR into a sure value still flagged, which served the dossier as no
    reference: a form's declarant read "HUỲNH THÀNH" was no longer completed."""
    text = ("CĂN CƯỚC CÔNG DÂN\nSố / No.: 036201079478\nlọ về tên / bi -\nPHAN MẠNH LỘC\n"
            "Ngày sinh / Date of birth: 16/11/2001")
    qr = "036201079478||Phan Mạnh Lộc|16112001|Nam|Xã Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An|20012022"
    name = cccd.extract(_lines(text), [qr])[0]["full_name"]
    assert name.value == "PHAN MẠNH LỘC" and name.source == "qr" and "name_by_layout" not in name.flags


def test_a_date_in_words_that_stops_at_its_thousands_goes_on_to_the_years_hundreds():
    """ "năm hai nghìn" ends a line and the next opens "không trăm hai mươi sáu" with a speck read as ":"."""
    from classifiers.extract import birth_certificate

    label = "Ngày, tháng, năm sinh: 06/03/2026 ghi bằng chữ: Ngày mồng sáu, tháng ba, năm hai nghìn"
    words = page_from_text(label) + page_from_text("không trăm hai mươi sáu :", y=100 + 45, first_line=1) \
        + page_from_text("Giới tính: Nam Dân tộc: Kinh", y=100 + 90, first_line=2)
    fields, _ = birth_certificate.extract(page_lines(page_result(words)), [])
    assert fields["date_of_birth_in_words"].value == "Ngày mồng sáu, tháng ba, năm hai nghìn không trăm hai mươi sáu"
    label = label.removesuffix(" nghìn")  # stopped before its "nghìn"
    words = page_from_text(label) + page_from_text("nghìn không trăm hai mươi sáu :", y=100 + 45, first_line=1)
    fields, _ = birth_certificate.extract(page_lines(page_result(words)), [])
    assert fields["date_of_birth_in_words"].value == "Ngày mồng sáu, tháng ba, năm hai nghìn không trăm hai mươi sáu"


HOME = "167/27 30 Tháng 4, phường An Khánh, quận Ninh Kiều, thành phố Cần Thơ"


def test_an_address_read_without_its_house_number_takes_the_dossiers_and_a_lost_space_is_no_other_house():
    """A confirmation whose house number was lost on its line, and an insurance card that ran two numbers
    together, against the QR of the ID card (on a copy and on a photo): the dossier's address. A number lost inside the
    address is another place and stays; so does a reading with no number when two houses could be meant."""
    qr_card = _doc("cccd", {"id_number": ("092079191907", 0.995, "qr"), "place_of_residence": (HOME, 0.95, "qr")})
    form = dataclasses.replace(qr_card, pages=[PageRef("photo.jpg", 0)])
    confirmation = _doc("residence_confirmation", {"place_of_residence": (HOME.removeprefix("167/27 "), 0.97, "ocr")})
    card = _doc("health_insurance_card", {"place_of_residence": (HOME.replace("27 30", "2730"), 0.95, "ocr")})
    inside = _doc("death_notice", {"place_of_residence": (HOME.replace("27 30", "27"), 0.95, "ocr")})
    out = reconcile([qr_card, form, confirmation, card, inside])
    for d in out[2:4]:
        assert d.fields["place_of_residence"].value == HOME
        assert "corrected_from_dossier" in d.fields["place_of_residence"].flags
    assert out[4].fields["place_of_residence"].value == HOME.replace("27 30", "27")
    other_house = _doc("death_notice", {"place_of_residence": (HOME.replace("167/27", "169/27"), 0.95, "ocr")})
    out = reconcile([qr_card, form, confirmation, other_house])
    assert out[2].fields["place_of_residence"].value == HOME.removeprefix("167/27 ")
    assert out[3].fields["place_of_residence"].value == HOME.replace("167/27", "169/27")


def test_an_address_whose_province_name_was_cut_takes_the_dossiers_one_fuller_reading():
    """"tỉnh Nam" names no province (Nam Định, Hà Nam and Quảng Nam all could be meant): with the
    dossier's one fuller reading it is that address."""
    origin = "Phường Trần Hưng Đạo, thành phố Nam Định, tỉnh Nam Định"
    sure = [_doc(t, {"place_of_origin": (origin, 0.96, "ocr")})
            for t in ("birth_certificate", "residence_confirmation")]
    cut = _doc("cccd", {"place_of_origin": ("Phường Trần Hưng Đạo, thành phố Nam, tỉnh Nam", 0.9, "ocr")})
    fixed = reconcile([cut, *sure])[0].fields["place_of_origin"]
    assert fixed.value == origin and "corrected_from_dossier" in fixed.flags
