"""Repairs that use what the rest of a paper or dossier says: dates spelled out in words, names read in
part, the household head on a residence declaration, a date of birth the form left unread."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from classifiers.agreement import covers
from classifiers.consensus import reconcile
from classifiers.datewords import date_words, parse_date_words
from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from classifiers.extract.common import check_date_words
from classifiers.extract.residence_declaration_form import head_is_subject
from classifiers.fields import normalise
from classifiers.text import find_dates, fold


def _doc(doc_type: str, fields: dict[str, tuple[str, float, str]]) -> DocumentSpan:
    return DocumentSpan(doc_type, 0.99, [PageRef("a.pdf", 0)],
                        {k: ExtractedField(v, c, s) for k, (v, c, s) in fields.items()})


def test_date_words_follow_the_civil_status_spelling():
    assert date_words(dt.date(2025, 12, 9)) == "Ngày mồng chín, tháng mười hai, năm hai nghìn không trăm hai mươi lăm"
    assert date_words(dt.date(1994, 4, 21)) == "Ngày hai mươi mốt, tháng tư, năm một nghìn chín trăm chín mươi tư"
    assert date_words(dt.date(2001, 1, 15)) == "Ngày mười lăm, tháng một, năm hai nghìn không trăm linh một"


@pytest.mark.parametrize("read, iso", [
    ("Nsày mồng chín, tháng mười hai. năm hai nghìn không trăm hai mươi lắm", "2025-12-09"),
    ("VNgày mười tám, tháng mười hai, năm hai nghìn không trăm hai mươi lăm", "2025-12-18"),
    ("Ngày hai mươi bảy, tháng — ba, năm hai nghìn không trăm hai mươi sáu", "2026-03-27"),
    ("Ngảy mồng tám, tháng năm, năm hai nghìn không trăm hai mươi sáu", "2026-05-08"),  # May: "tháng năm"
    ("mười ba, tháng bảy năm hai nghìn không trăm hai mươi sáu", "2026-07-13"),
])
def test_a_misread_date_in_words_is_parsed(read, iso):
    assert parse_date_words(read)[0] == iso


def test_garbled_words_give_no_date():
    assert parse_date_words("Ngày mồng môt, tháng năm hai nghìn") is None
    assert parse_date_words("Bệnh viện Phụ sản Hà Nội") is None


def test_words_spelling_the_digits_date_get_their_exact_spelling_and_an_unread_date_is_filled():
    fields = {"date_of_birth": ExtractedField("2025-11-14", 0.9, "ocr"),
              "date_of_birth_in_words": ExtractedField(
                  "Wgày mười bốn, tháng mười mội, năm hai nghìn không trăm hai mươi lăm", 0.9, "ocr")}
    check_date_words(fields)
    assert fields["date_of_birth_in_words"].value == date_words(dt.date(2025, 11, 14))
    assert fields["date_of_birth_in_words"].confidence <= 0.85
    unread = {"date_of_birth": ExtractedField("2025-00-14", 0.3, "ocr", flags=("not_a_date",)),
              "date_of_birth_in_words": ExtractedField(date_words(dt.date(2025, 10, 14)), 0.9, "ocr")}
    check_date_words(unread)
    assert unread["date_of_birth"].value == "2025-10-14"
    assert unread["date_of_birth"].flags == ("from_date_in_words",) and unread["date_of_birth"].confidence <= 0.7


def test_words_disagreeing_with_a_sound_date_change_neither():
    fields = {"date_of_birth": ExtractedField("2025-11-17", 0.9, "ocr"),
              "date_of_birth_in_words": ExtractedField(date_words(dt.date(2025, 11, 11)), 0.9, "ocr")}
    check_date_words(fields)
    assert fields["date_of_birth"].value == "2025-11-17"
    assert fields["date_of_birth_in_words"].value == date_words(dt.date(2025, 11, 11))


def test_handwritten_slashes_and_lost_separators_still_make_dates():
    assert [d.iso for d in find_dates("Sinh ngày: 31⁄01⁄2026 Giới tính")] == ["2026-01-31"]
    assert [d.iso for d in find_dates("Thanh Hóa, ngày 2] tháng 06 năm 2026")] == ["2026-06-21"]
    assert [d.iso for d in find_dates("Ngày I1] tháng 08 năm 2026")] == ["2026-08-11"]  # a speck beside the day
    assert [d.iso for d in find_dates("Thanh Hóa, ngày 16 thárlg 02 năm 2026")] == ["2026-02-16"]  # n as "rl"
    assert [d.iso for d in find_dates("Nam Định, ngày 13 tháng 0§ năm 2026")] == ["2026-08-13"]  # § for 8
    assert normalise("date", "year 26122021") == ("2021-12-26", ())
    assert normalise("date", "36122021") == ("36122021", ("not_a_date",))  # no 36th day: kept, flagged
    # a handwritten month's two 1s read apart, the first as a 7: the date, its 7 repaired to 1
    assert normalise("date", "25/7 1⁄1989") == ("1989-11-25", ("digits_repaired",))
    assert [d.iso for d in find_dates("Sinh ngày: 05/0 7/2026")] == []  # no 0 before a space: not one month


def test_label_residue_before_a_name_is_dropped_and_a_family_names_tone_marks_restored():
    assert normalise("name", "yêu cầu Hồ Quang Dũng") == ("Hồ Quang Dũng", ())
    assert normalise("name", "người mẹ NGUYÊN KIM HÀ") == ("NGUYỄN KIM HÀ", ())
    assert normalise("name", "MẠI TRỌNG LỘC") == ("MAI TRỌNG LỘC", ())


@pytest.mark.parametrize("read, name, same", [
    ("ĐINH HOÀNG", "ĐINH HOÀNG CƯỜNG", True),  # last word lost
    ("TIẾN TUẤN", "HOÀNG TIẾN TUẤN", True),  # family name lost
    ("HOÀNG THỊ NG", "HOÀNG THỊ NGỌC HIỀN", True),  # cut short
    ("HOÀNG MINH ĐẠT HE", "HOÀNG MINH ĐẠT", True),  # a speck after the name
    ("PHAN T IẾN QUÂN", "PHAN TIẾN QUÂN", True),  # a stray space
    ("NGUYỄN VĂN AN", "NGUYỄN VĂN ANH", False),  # another person's name, left to the edit-distance rule
    ("HOÀNG MINH", "HOÀNG TIẾN TUẤN", False),
    ("ĐINH HOÀNG", "ĐINH HOÀNG", False),
])
def test_a_name_read_in_part_covers_only_its_own_full_name(read, name, same):
    assert covers(fold(read), fold(name)) is same


CARD = _doc("cccd", {"id_number": ("036053137020", 0.995, "ocr"), "full_name": ("ĐINH HOÀNG CƯỜNG", 0.95, "qr"),
                     "date_of_birth": ("1953-02-14", 0.95, "qr")})


def test_a_name_read_in_part_is_completed_from_the_only_trusted_name_it_covers():
    form = _doc("residence_declaration_form", {"full_name": ("ĐINH HOÀNG", 0.6, "ocr"),
                                               "id_number": ("036053137020", 0.6, "ocr")})
    _, fixed = reconcile([CARD, form])
    assert fixed.fields["full_name"].value == "ĐINH HOÀNG CƯỜNG"
    assert "corrected_from_dossier" in fixed.fields["full_name"].flags
    assert fixed.fields["date_of_birth"].value == "1953-02-14"  # the form's unread item, from the card
    assert fixed.fields["date_of_birth"].flags == ("filled_from_dossier",)
    assert fixed.fields["date_of_birth"].confidence <= 0.6
    brother = _doc("cccd", {"full_name": ("ĐINH HOÀNG CHÍNH", 0.95, "qr")})
    _, _, left = reconcile([CARD, brother, form])
    assert left.fields["full_name"].value == "ĐINH HOÀNG"  # two names it could be: unchanged


def test_a_card_whose_birth_date_was_unread_gets_its_holders():
    """Both cards print the holder's date of birth: an insurance card named like the birth certificate's
    child, and a photocopied ID card with the number of a known person, get theirs when unread."""
    child = _doc("birth_certificate", {"full_name": ("CAO THỊ THU TUYẾT", 0.96, "ocr"),
                                       "date_of_birth": ("2026-03-30", 0.96, "ocr")})
    insurance = _doc("health_insurance_card", {"full_name": ("CAO THỊ THU TUYẾT", 0.94, "ocr"),
                                               "insurance_number": ("TE1010163435782", 0.93, "ocr")})
    copy = _doc("cccd", {"id_number": ("036053137020", 0.9, "ocr")})
    _, card, _, ids = reconcile([child, insurance, CARD, copy])
    assert card.fields["date_of_birth"].value == "2026-03-30"
    assert card.fields["date_of_birth"].flags == ("filled_from_dossier",)
    assert ids.fields["date_of_birth"].value == "1953-02-14"


def test_a_birth_date_its_own_id_number_contradicts_takes_the_one_another_paper_gives_beside_that_number():
    card = _doc("cccd", {"id_number": ("031098395212", 0.9, "ocr"), "date_of_birth": ("1996-11-03", 0.88, "ocr")})
    form = _doc("residence_declaration_form", {"id_number": ("031098395212", 0.97, "ocr"),
                                               "date_of_birth": ("1998-11-03", 0.96, "ocr")})
    fixed, _ = reconcile([card, form])
    assert fixed.fields["date_of_birth"].value == "1998-11-03"
    assert "corrected_from_dossier" in fixed.fields["date_of_birth"].flags
    far = _doc("cccd", {"id_number": ("031098395212", 0.9, "ocr"), "date_of_birth": ("1996-12-05", 0.88, "ocr")})
    assert reconcile([far, form])[0].fields["date_of_birth"].value == "1996-12-05"  # three digits off: kept


def test_a_paper_that_need_not_print_a_birth_date_gets_none():
    receipt = _doc("other", {"full_name": ("Đinh Hoàng Cường", 0.9, "ocr")})
    _, kept = reconcile([CARD, receipt])
    assert "date_of_birth" not in kept.fields


def test_the_household_head_is_the_declarant_when_item_8_says_so():
    fields = {"full_name": ExtractedField("LƯƠNG TRỌNG SƠN", 0.9, "ocr"),
              "id_number": ExtractedField("031086281687", 0.9, "ocr"),
              "relationship_to_household_head": ExtractedField("Chủ hộ", 0.8, "ocr")}
    head_is_subject(fields)
    assert fields["household_head_full_name"].value == "LƯƠNG TRỌNG SƠN"
    assert fields["household_head_id_number"].value == "031086281687"
    assert fields["household_head_id_number"].flags == ("copied_from_subject",)
    assert fields["household_head_id_number"].confidence <= 0.7
    child = {"full_name": ExtractedField("LƯƠNG MINH AN", 0.9, "ocr"),
             "relationship_to_household_head": ExtractedField("Con", 0.8, "ocr")}
    head_is_subject(child)
    assert "household_head_full_name" not in child
    # the other way: item 4 unread, item 9 read
    head = {"full_name": ExtractedField("VH QUANG QUẦN", 0.81, "ocr"),
            "household_head_id_number": ExtractedField("001082190184", 0.97, "ocr"),
            "relationship_to_household_head": ExtractedField("Chủ hộ", 0.94, "ocr")}
    head_is_subject(head)
    assert head["id_number"].value == "001082190184" and head["id_number"].flags == ("copied_from_head",)
    assert head["id_number"].confidence <= 0.7


def _form_lines(rows: list[tuple[int, int, str]]):
    from tests.classifiers.test_extract import _lines

    return _lines(rows)


SIGNATURES = [(100, 100, "1. Họ, chữ đệm và tên: ĐỖ MINH KHOA"), (100, 150, "4. Số định danh cá nhân: 001090123456"),
              (1500, 900, "Hà Nội, ngày 02 tháng 03 năm 2026"),
              (300, 1000, "Ý KIẾN CỦA CHỦ HỘ"), (1500, 1000, "NGƯỜI KÊ KHAI"),
              (200, 1050, "(Ghi rõ nội dung, ký, ghi rõ họ tên)"), (1500, 1050, "(Ký, ghi rõ họ tên)")]


def test_an_unread_household_head_is_the_name_signed_in_the_heads_block():
    from classifiers.extract.residence_declaration_form import extract

    fields, _ = extract(_form_lines([*SIGNATURES, (300, 1300, "ĐỖ VĂN LÂM"), (1500, 1300, "ĐỖ MINH KHOA")]), [])
    head = fields["household_head_full_name"]
    assert head.value == "ĐỖ VĂN LÂM" and head.flags == ("from_signature",) and head.confidence <= 0.7
    assert fields["declarant_full_name"].value == "ĐỖ MINH KHOA"
    assert "household_head_id_number" not in fields  # another person: the subject's number is not his


def test_an_unsigned_heads_block_makes_the_declarant_the_head_and_the_subjects_id_his():
    from classifiers.extract.residence_declaration_form import extract

    fields, _ = extract(_form_lines([*SIGNATURES, (1500, 1300, "ĐỖ MINH KHOA")]), [])
    head = fields["household_head_full_name"]
    assert head.value == "ĐỖ MINH KHOA" and head.flags == ("from_signature",) and head.confidence <= 0.5
    assert fields["household_head_id_number"].value == "001090123456"
    assert fields["household_head_id_number"].flags == ("copied_from_subject",)
    no_block = [r for r in SIGNATURES if "CHỦ HỘ" not in r[2]]
    fields, _ = extract(_form_lines([*no_block, (1500, 1300, "ĐỖ MINH KHOA")]), [])
    assert "household_head_full_name" not in fields  # the block was not read: nothing to conclude


def test_a_lower_blocks_heading_is_not_the_name_of_an_unsigned_block_above_it():
    from classifiers.extract.common import signed_name

    lines = _form_lines([(300, 1000, "Ý KIẾN CỦA CHỦ HỘ"), (200, 1050, "(Ghi rõ nội dung, ký, ghi rõ họ tên)"),
                         (300, 1300, "Ý KIẾN CỦA CHA MẸ HOẶC NGƯỜI GIÁM HỘ"), (300, 1500, "TRẦN THỊ MAI")])
    assert signed_name(lines, "y kien cua chu ho", stops=("y kien cua", "nguoi ke khai")) is None


def test_a_confident_handwritten_birth_date_one_confusion_off_the_cards_is_the_cards():
    card = _doc("cccd", {"full_name": ("LÝ THU HÀ", 0.995, "qr"), "id_number": ("031302123456", 0.995, "qr"),
                         "date_of_birth": ("2002-01-23", 0.995, "qr")})
    letter = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ", 0.95, "ocr"), "full_name": ("Lý Thu Hà", 0.95, "ocr"),
                            "id_number": ("031302123456", 0.95, "ocr"), "date_of_birth": ("2002-07-23", 0.95, "ocr")})
    _, fixed = reconcile([card, letter])
    assert fixed.fields["date_of_birth"].value == "2002-01-23"
    assert "corrected_from_dossier" in fixed.fields["date_of_birth"].flags
    typed_paper = _doc("residence_confirmation", {"full_name": ("LÝ THU HÀ", 0.95, "ocr"),
                                                  "date_of_birth": ("2002-07-23", 0.95, "ocr")})
    _, kept = reconcile([card, typed_paper])
    assert kept.fields["date_of_birth"].value == "2002-07-23"  # a confident typed reading is left alone


def test_a_handwritten_birth_date_repaired_into_the_dossiers_is_the_dossiers_and_spells_its_words():
    """A form's date repaired by digit confusions (flag `digits_repaired`, 0.3) into the very date two typed
    papers give: the dossier decides it, and the words read "tháng bq" take its spelling."""
    certificate = _doc("birth_certificate", {"full_name": ("CHU THU THƯ", 0.95, "ocr"),
                                             "date_of_birth": ("2026-03-10", 0.97, "ocr")})
    form = _doc("birth_registration_form", {"full_name": ("CHU THU THƯ", 0.93, "ocr"),
                                            "date_of_birth": ("2026-03-10", 0.3, "ocr"),
                                            "date_of_birth_in_words": (
                                                "Ngày mồng mười, tháng bq, năm hai nghìn không trăm hai mươi sáu",
                                                0.9, "ocr")})
    form.fields["date_of_birth"] = dataclasses.replace(form.fields["date_of_birth"], flags=("digits_repaired",))
    _, fixed = reconcile([certificate, form])
    assert fixed.fields["date_of_birth"].flags == ("corrected_from_dossier",)
    assert fixed.fields["date_of_birth"].confidence >= 0.8
    assert fixed.fields["date_of_birth_in_words"].value == \
        "Ngày mồng mười, tháng ba, năm hai nghìn không trăm hai mươi sáu"


def test_sex_and_nationality_unread_or_garbled_on_a_form_come_from_a_trusted_paper_about_the_same_child():
    certificate = _doc("birth_certificate", {"full_name": ("TÔ MINH AN", 0.95, "ocr"), "sex": ("Nam", 0.95, "ocr"),
                                             "nationality": ("Việt Nam", 0.95, "ocr"),
                                             "date_of_birth": ("2026-01-05", 0.95, "ocr")})
    form = _doc("birth_registration_form", {"full_name": ("TÔ MINH AN", 0.8, "ocr"),
                                            "nationality": ("Viê/ Nam", 0.6, "ocr")})
    _, fixed = reconcile([certificate, form])
    assert fixed.fields["sex"].value == "Nam" and fixed.fields["sex"].flags == ("filled_from_dossier",)
    assert fixed.fields["nationality"].value == "Việt Nam"
    assert fixed.fields["nationality"].flags == ("corrected_from_dossier",)
    assert fixed.fields["nationality"].confidence <= 0.6
    other_child = _doc("birth_registration_form", {"full_name": ("TÔ MINH AN", 0.8, "ocr"),
                                                   "date_of_birth": ("2024-03-09", 0.8, "ocr")})
    _, kept = reconcile([certificate, other_child])
    assert "sex" not in kept.fields  # same name, another date of birth: another person


def test_a_signature_read_as_short_words_above_the_name_is_passed_over():
    from classifiers.extract.common import signed_name

    lines = _form_lines([(1500, 1000, "NGƯỜI KÊ KHAI"), (1500, 1050, "(Ký, ghi rõ họ tên)"),
                         (1500, 1200, "VÀ VÀ"), (1500, 1300, "TÔ THÀNH NGHĨA")])
    assert signed_name(lines, "nguoi ke khai").value == "TÔ THÀNH NGHĨA"
    lines = _form_lines([(1500, 1000, "NGƯỜI KÊ KHAI"), (1500, 1050, "(Ký, ghi rõ họ tên)"),
                         (1500, 1300, "KHA VĂN BÌNH")])  # a family name not listed: still the first reading
    assert signed_name(lines, "nguoi ke khai").value == "KHA VĂN BÌNH"
    lines = _form_lines([(1500, 1000, "NGƯỜI KÊ KHAI"), (1500, 1050, "(Ký, ghi rõ họ tên)"),
                         (1500, 1200, "tà va"), (1500, 1300, "BÙI BẢO THẮNG")])  # "tà": the letters of Tạ
    assert signed_name(lines, "nguoi ke khai").value == "BÙI BẢO THẮNG"


def test_a_signed_name_written_on_two_lines_is_read_whole():
    """A narrow block: "HOÀNG MINH" and, a line below, "LONG" (lines 40 px high, 100 px apart)."""
    from classifiers.extract.common import signed_name

    head = [(1500, 1000, "NGƯỜI KÊ KHAI"), (1500, 1050, "(Ký, ghi rõ họ tên)"), (1500, 1200, "HOÀNG MINH")]
    assert signed_name(_form_lines([*head, (1560, 1260, "LONG")]), "nguoi ke khai").value == "HOÀNG MINH LONG"
    assert signed_name(_form_lines([*head, (1560, 1400, "LONG")]), "nguoi ke khai").value == "HOÀNG MINH"  # far
    assert signed_name(_form_lines([*head, (1560, 1260, "Long")]), "nguoi ke khai").value == "HOÀNG MINH"  # case
    assert signed_name(_form_lines([*head, (1900, 1260, "LONG")]), "nguoi ke khai").value == "HOÀNG MINH"  # aside


def test_a_phone_number_one_misread_digit_off_the_receipts_is_the_receipts():
    receipt = _doc("other", {"title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0.95, "ocr"),
                             "phone_number": ("0912345671", 0.95, "ocr")})
    letter = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ", 0.95, "ocr"), "phone_number": ("0912345677", 0.9, "ocr")})
    _, fixed = reconcile([receipt, letter])
    assert fixed.fields["phone_number"].value == "0912345671"
    assert fixed.fields["phone_number"].flags == ("corrected_from_dossier",)
    other = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ", 0.95, "ocr"), "phone_number": ("0912340000", 0.9, "ocr")})
    _, kept = reconcile([receipt, other])
    assert kept.fields["phone_number"].value == "0912340000"  # another number, not a misread
