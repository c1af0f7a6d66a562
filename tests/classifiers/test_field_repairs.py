"""Repairs of values read with wrong marks, lost separators or lost items (fictitious people only)."""

from __future__ import annotations

import pytest

from classifiers.documents import ExtractedField
from classifiers.extract.cccd import _issue_date, birth_year_of_id, extract
from classifiers.extract.common import fix_relationship
from classifiers.fields import normalise
from classifiers.places import fix_address, restore_names
from classifiers.validate import fill_sex
from tests.classifiers.test_extract import _lines


def test_place_names_get_their_tone_marks_back():
    assert fix_address("Xã Nghỉ Long, huyện Nghỉ Lộc, tỉnh Nghệ An") == "Xã Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An"
    assert fix_address("Ấp 3, xã Phước Vĩnh An, huyện Cù Chỉ, thành phố Hồ Chí Minh") == \
        "Ấp 3, xã Phước Vĩnh An, huyện Củ Chi, thành phố Hồ Chí Minh"
    assert fix_address("Phường Trân Hưng Đạo, thành phố Nam Đình, tỉnh Nam Định") == \
        "Phường Trần Hưng Đạo, thành phố Nam Định, tỉnh Nam Định"


def test_a_commune_takes_the_marks_of_the_one_commune_of_its_district_with_its_letters():
    assert fix_address("Xã Hoàng Đạo, huyện Hoằng Hóa, tỉnh Thanh Hóa") == \
        "Xã Hoằng Đạo, huyện Hoằng Hóa, tỉnh Thanh Hóa"
    # no ward of quận Hoàng Mai has these letters: left as read, not named after its district
    assert fix_address("Phường Hoàng Mai, quận Hoàng Mai, thành phố Hà Nội").startswith("Phường Hoàng Mai")


def test_district_names_are_restored_only_where_a_district_stands():
    """Phường Quan Hoa (Hà Nội) must not become huyện Quan Hóa (Thanh Hóa)."""
    assert fix_address("Phường Quan Hoa, quận Cầu Giấy, thành phố Hà Nội") == \
        "Phường Quan Hoa, quận Cầu Giấy, thành phố Hà Nội"


def test_separators_and_unit_words_are_restored():
    assert fix_address("Xã Hải Toàn. huyện Hái Hậu. tính Nam Định") == "Xã Hải Toàn, huyện Hải Hậu, tỉnh Nam Định"
    assert fix_address("Xóm 3, xã Hải Anh,.huyện Hải Hậu, tỉnh Nam Định") == \
        "Xóm 3, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"
    assert fix_address("Tổ 13. số nhà 162 Võ Văn Kiệt, phường Mân Thái, quận Sơn Trà, thành phố Đà Nẵng") == \
        "Tổ 13, số nhà 162 Võ Văn Kiệt, phường Mân Thái, quận Sơn Trà, thành phố Đà Nẵng"
    assert fix_address("11/7 Văn Cao phường Đằng Giang, quận Ngô Quyên, hành phố Hải Phòng") == \
        "11/7 Văn Cao, phường Đằng Giang, quận Ngô Quyền, thành phố Hải Phòng"
    assert fix_address("Phường Bến Thủy thành phố Vinh, tỉnh Nghệ An") == \
        "Phường Bến Thủy, thành phố Vinh, tỉnh Nghệ An"
    assert fix_address("Xã Hoằng Quỳ, , huyện Hoằng Hóa, tỉnh Thanh Hóa") == \
        "Xã Hoằng Quỳ, huyện Hoằng Hóa, tỉnh Thanh Hóa"
    assert fix_address("Phường Cầu Đất, quận Ngô Quyền. (hành phố Hải Phòng") == \
        "Phường Cầu Đất, quận Ngô Quyền, thành phố Hải Phòng"  # a speck before the unit word, its t lost
    # a unit word inside a facility's name is no separator
    assert fix_address("Bệnh viện Phụ sản thành phố Cần Thơ, thành phố Cần Thơ") == \
        "Bệnh viện Phụ sản thành phố Cần Thơ, thành phố Cần Thơ"


def test_a_house_numbers_lost_slash_is_restored_and_a_receipts_label_without_its_slash_found():
    assert normalise("address", "38 7 Nguyễn Văn Cừ, phường Xuân Khánh, quận Ninh Kiều, thành phố Cần Thơ")[0] == \
        "38/7 Nguyễn Văn Cừ, phường Xuân Khánh, quận Ninh Kiều, thành phố Cần Thơ"
    assert normalise("address", "12 3 thôn Đông, xã Hải Anh")[0] == "12 3 thôn Đông, xã Hải Anh"  # no street follows
    from classifiers.extract.other import extract as other

    fields, _ = other(_lines([(100, 100, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"), (100, 140, "Ông bà: TÔ MINH VINH"),
                              (100, 180, "Số định danh ca nhân: 092081224849")]), [])
    assert fields["full_name"].value == "TÔ MINH VINH"
    fields, _ = other(_lines([(100, 100, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
                              (100, 140, "Ông/hà: ĐINH PHƯƠNG XUÂN")]), [])  # "bà" read "hà" on a phone photo
    assert fields["full_name"].value == "ĐINH PHƯƠNG XUÂN"


def test_facility_words_one_letter_off_are_restored():
    assert fix_address("8ênh viên Phu sản Nam Đình, tỉnh Nam Định") == "Bệnh viện Phụ sản Nam Định, tỉnh Nam Định"
    assert fix_address("Bênh viên Sản Nhỉ Nghê An, tỉnh Nghệ An") == "Bệnh viện Sản Nhi Nghệ An, tỉnh Nghệ An"
    # "Nhi" after the dash of "Phụ sản - Nhi", in either case; elsewhere "Nhỉ" is left alone
    assert fix_address("Bệnh viện Phụ sản - Nhỉ Đà Nẵng, thành phố Đà Nẵng") == \
        "Bệnh viện Phụ sản - Nhi Đà Nẵng, thành phố Đà Nẵng"
    assert fix_address("BỆNH VIỆN PHỤ SẢN - NHĨ ĐÀ NẴNG") == "BỆNH VIỆN PHỤ SẢN - NHI ĐÀ NẴNG"
    assert restore_names("Khoa Nhỉ") == "Khoa Nhỉ"


def test_a_well_known_hospitals_name_one_letter_off_is_restored():
    """"Từ Dũ" read "Từ Dã" on two birth papers: a whole hospital name is long enough to be sure of."""
    assert fix_address("Bệnh viện Từ Dã, thành phố Hồ Chí Minh") == "Bệnh viện Từ Dũ, thành phố Hồ Chí Minh"
    assert fix_address("Bệnh viện Bạch Maj, thành phố Hà Nội") == "Bệnh viện Bạch Mai, thành phố Hà Nội"
    assert fix_address("Bệnh viện Từ Sơn, tỉnh Bắc Ninh") == "Bệnh viện Từ Sơn, tỉnh Bắc Ninh"  # another hospital


def test_an_impossible_date_with_one_confused_digit_is_repaired_and_flagged():
    assert normalise("date", "68/12/2031") == ("2031-12-08", ("digits_repaired",))
    assert normalise("date", "09/12/2825") == ("2025-12-09", ("digits_repaired",))
    assert normalise("date", "99/99/9999")[1] == ("not_a_date",)  # no single change makes it a date


def test_sex_follows_from_the_id_number_or_the_middle_name():
    idn = ExtractedField("040154147381", 0.9, "ocr")  # century digit 1: a woman born in the 1900s
    out = fill_sex({"id_number": idn}, "residence_declaration_form")
    assert out["sex"].value == "Nữ" and out["sex"].flags == ("derived_from_id_number",)
    assert out["sex"].confidence <= 0.8
    child = fill_sex({"full_name": ExtractedField("ĐOÀN THỊ THANH HÀ", 0.9, "ocr")}, "birth_registration_form")
    assert child["sex"].value == "Nữ" and child["sex"].flags == ("derived_from_name",)
    # an impossible ID number says nothing; a receipt (type other) prints no sex at all
    assert "sex" not in fill_sex({"id_number": ExtractedField("999154147381", 0.9, "ocr")}, "cccd")
    assert "sex" not in fill_sex({"id_number": idn}, "other")
    read = {"sex": ExtractedField("Nam", 0.9, "ocr"), "id_number": idn}
    assert fill_sex(read, "cccd")["sex"].value == "Nam"  # a read value is kept (validation flags the clash)


def test_card_birth_date_by_the_year_the_id_number_encodes():
    assert birth_year_of_id("036201079478") == 2001
    assert birth_year_of_id("001078264443") == 1978
    lines = _lines([(100, 100, "Số / No.: 036201079478"), (100, 150, "Ngày / Oa#e 16/11/2001"),
                    (100, 200, "Có giá trị đến 16/11/2026"), (100, 250, "Ngày. táng, năm / year 26122021")])
    fields, _ = extract(lines, [])
    assert fields["date_of_birth"].value == "2001-11-16"
    assert "matched_id_birth_year" in fields["date_of_birth"].flags
    assert fields["date_of_issue"].value == "2021-12-26"
    assert fields["date_of_expiry"].value == "2026-11-16"


def test_card_birth_date_a_confusable_digit_off_the_id_numbers_year():
    """Under a garbled label "23/01/1963" on a card whose ID encodes 1983: the earliest date, one look-alike
    digit off, is the birth date in the ID's year; the expiry then follows from the law. The issue date is
    never taken for it, even one digit off (2005 and 2025: 0 and 2 are look-alikes)."""
    lines = _lines([(100, 100, "Số / No.: 001183273808"), (100, 150, "Ngôy sành / of 23/01/1963"),
                    (100, 250, "Ngày, tháng, năm / Date, month, year: 20/10/2023")])
    fields, _ = extract(lines, [])
    assert fields["date_of_birth"].value == "1983-01-23"
    assert fields["date_of_birth"].flags == ("matched_id_birth_year", "digits_repaired")
    assert fields["date_of_expiry"].value == "2043-01-23"
    young = _lines([(100, 100, "Số / No.: 001305273808"), (100, 150, "Ngôy sành / of"),
                    (100, 250, "Ngày, tháng, năm / Date, month, year: 20/10/2025")])
    fields, _ = extract(young, [])
    assert "date_of_birth" not in fields
    far = _lines([(100, 100, "Số / No.: 001183273808"), (100, 150, "Ngôy sành / of 23/01/1953")])
    assert "date_of_birth" not in extract(far, [])[0]  # 5 and 8 are no look-alikes


def test_card_issue_date_from_half_its_label():
    lines = _lines([(100, 100, "Ngày, tháng. năm / Date, year: 23/03/2022")])
    assert _issue_date(lines).value == "2022-03-23"


def test_kinship_words_are_restored_from_the_closed_list():
    def fixed(value: str) -> ExtractedField:
        fields = {"rel": ExtractedField(value, 0.9, "ocr")}
        fix_relationship(fields, "rel")
        return fields["rel"]

    assert fixed("Chủ hộ ỗ").value == "Chủ hộ"
    assert fixed("8ố").value == "Bố"
    assert fixed("Chú hộ").value == "Chủ hộ"
    assert fixed("Me").value == "Mẹ"
    completed = fixed("Chủ")
    assert completed.value == "Chủ hộ" and "completed_from_vocabulary" in completed.flags
    assert completed.confidence <= 0.6
    tail = fixed("hộ")  # "Chủ" lost
    assert tail.value == "Chủ hộ" and "completed_from_vocabulary" in tail.flags
    assert fixed("ruột").value == "ruột"  # the end of three phrases: left alone
    assert fixed("Chư").value == "Chư"  # ư is another vowel: not "Chú"; left for an officer
    assert fixed("Bắ").value == "Bắ"


def test_a_request_letters_unread_sex_follows_from_its_id_number_but_not_a_receipts():
    idn = ExtractedField("040190123456", 0.9, "ocr")  # century digit 1: a woman born in the 1900s
    letter = {"title": ExtractedField("ĐƠN ĐỀ NGHỊ", 0.9, "ocr"), "id_number": idn}
    assert fill_sex(letter, "other")["sex"].value == "Nữ"
    receipt = {"title": ExtractedField("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0.9, "ocr"), "id_number": idn}
    assert "sex" not in fill_sex(receipt, "other")


def test_a_slash_read_as_a_letter_still_separates_a_date():
    from classifiers.text import find_dates

    assert [d.iso for d in find_dates("22I02I2026")] == ["2026-02-22"]
    assert [d.iso for d in find_dates("đến ngày 21I02/2032")] == ["2032-02-21"]
    assert [d.iso for d in find_dates("2I/02/2026")] == ["2026-02-21"]  # the ordinary reading first
    assert find_dates("Số 12I0412026") == []  # a number, not a date


def test_a_printed_title_takes_its_listed_spelling():
    from classifiers.extract.common import title_line

    titles = ("GIẤY BÁO TỬ", "TRÍCH LỤC KHAI TỬ")
    tone = title_line(_lines([(100, 100, "GIẦY BÁO TỬ")]), titles)
    assert tone.value == "GIẤY BÁO TỬ" and tone.flags == ()
    letter = title_line(_lines([(100, 100, "TRÍCH LỤC KHAI TỬU")]), titles)
    assert letter.value == "TRÍCH LỤC KHAI TỬ" and letter.flags == ("spelling_from_vocabulary",)
    assert title_line(_lines([(100, 100, "GIẤY KHAI SINH")]), titles) is None


def test_a_phone_numbers_leading_zero_misread_is_restored_and_flagged():
    from classifiers.extract.common import normalise_phone

    fields = {"phone_number": ExtractedField("2938 975 225", 0.9, "ocr")}
    normalise_phone(fields)
    assert fields["phone_number"].value == "0938975225"
    assert fields["phone_number"].flags == ("digits_repaired",) and fields["phone_number"].confidence <= 0.6
    fields = {"phone_number": ExtractedField("0246084287", 0.9, "ocr")}  # a landline: kept
    normalise_phone(fields)
    assert fields["phone_number"].value == "0246084287" and fields["phone_number"].flags == ()


def test_the_papers_date_line_is_read_with_a_1_read_as_i_or_ngay_lost():
    from classifiers.extract.common import place_date

    assert place_date(_lines([(100, 100, "Làm tại: Lê Chân ngày I tháng 4 năm 2026")])).value == "2026-04-01"
    assert place_date(_lines([(100, 100, "Làm tại: Vinh 22 tháng 11 năm 2025")])).value == "2025-11-22"
    assert place_date(_lines([(100, 100, "09 tha: 02 năm 2026")]), last=True).value == "2026-02-09"  # under a seal
    assert place_date(_lines([(100, 100, "Số 09 thẻ 02 năm 2026")])) is None  # "th" and another vowel: no month word
    assert place_date(_lines([(100, 100, "Thanh Hóa, ngày 2] tháng 06 năm 2026")])).value == "2026-06-21"
    assert place_date(_lines([(100, 100, "Ngày I1] tháng 08 năm 2026")])).value == "2026-08-11"  # a speck
    assert place_date(_lines([(100, 100, "Vinh, ngày 13 tháng 0§ năm 2026")])).value == "2026-08-13"  # §: 8
    assert place_date(_lines([(100, 100, "Số 12/2025 tháng 11 năm 2025")])) is None  # "12/2025": no day
    # an italic 1 read as "!": the day is 10, not the 0 after it
    assert place_date(_lines([(100, 100, "Ngày !0 thang 09 năm 2026")]), last=True).value == "2026-09-10"
    # under a seal's rim: "tháng" split by a speck, "ngày" read "Ngài"
    assert place_date(_lines([(100, 100, "Ngài -06-t ăng 01 năm 2026")]), last=True).value == "2026-01-06"
    # "tháng" lost: the page pipeline puts it back where the gap holds it and the day is read surely
    assert place_date(_lines([(100, 100, "Ngày 30 06 năm 2026")]), last=True) is None


@pytest.mark.parametrize("text", ["Ngày-25-tháng 01 năm 2026", "Ngày.25-tháng 01. năm 2026",
                                  "ngày 25 ~tháng 01 năm 2026"])
def test_a_date_line_crossed_by_a_seals_rim_is_read(text):
    """The rim of the seal over a card's date line is read as dots and dashes between its words."""
    from classifiers.extract.common import place_date

    assert place_date(_lines([(100, 100, "GIÁM ĐỐC"), (100, 60, text)]), last=True).value == "2026-01-25"


@pytest.mark.parametrize("text", ["Ngày 25 thúng 01 năm 2026", "Ngày 25 thông 01 nõm 2026",
                                  "Ngày 25 tháng 01 nẽm 2026", "25 thóng 01 nôm 2026"])
def test_a_card_date_line_with_its_italic_a_misread_is_read(text):
    """A phone photo's blurred italic "ă" of "tháng" and "năm" is read as another vowel."""
    from classifiers.extract.common import place_date

    assert place_date(_lines([(100, 100, "GIÁM ĐỐC"), (100, 60, text)]), last=True).value == "2026-01-25"
    # a month word with a letter lost or added is no date line
    assert place_date(_lines([(100, 60, "ngày 25 thiếng 01 năm 2026")]), last=True) is None


def test_an_insurance_cards_labels_half_under_a_seal_still_name_their_values():
    from classifiers.extract.health_insurance_card import extract as card

    fields, _ = card(_lines([(100, 100, "Mấ số TE1363675230884"), (100, 140, "tên: CAO HỒNG HIỀN"),
                             (100, 180, "sinh: 27/12/2025 Giới tính: Nữ")]), [])
    assert fields["full_name"].value == "CAO HỒNG HIỀN" and fields["date_of_birth"].value == "2025-12-27"
    assert fields["sex"].value == "Nữ"


def test_a_garbled_parent_label_never_takes_the_other_parents_line():
    """The father's label read "… người Gia" fits the mother's label as well as his own: the mother's line,
    which carries her label exactly, is not his; nor is the declarant's line the mother's on a form whose
    mother label holds a speck ("Họ,-chữ đệm")."""
    from classifiers.extract.birth_certificate import extract as certificate
    from classifiers.extract.birth_registration_form import extract as form

    fields, _ = certificate(_lines([(100, 100, "Họ, chữ đệm, tên người mẹ: NGUYỄN HỒNG XUÂN"),
                                    (100, 140, "Năm sinh: 1998 Dân tộc: Kinh Quốc tịch: Việt Nam"),
                                    (100, 180, "Họ, chữ đệm, tên người Gia: TẠ DUY TRUNG"),
                                    (100, 220, "Năm sinh: 1993 Dân tộc: Thái Quốc tịch: Việt Nam")]), [])
    assert fields["mother_full_name"].value == "NGUYỄN HỒNG XUÂN" and fields["father_full_name"].value == "TẠ DUY TRUNG"
    assert fields["father_year_of_birth"].value == "1993"
    fields, _ = form(_lines([(100, 100, "Họ, chữ đệm, tên người yêu cầu: Võ Bảo Khánh"),
                             (100, 140, "Họ, chữ đệm, tên: Võ Minh Cường"),
                             (100, 180, "Họ,-chữ đệm, tên người mẹ: Bùi Ngọc Vân"),
                             (100, 220, "Năm sinh: 2000 Dân tộc: Kinh Quốc tịch: Việt Nam")]), [])
    assert fields["mother_full_name"].value == "Bùi Ngọc Vân" and fields["mother_year_of_birth"].value == "2000"


def test_a_parents_lost_label_line_is_not_taken_from_the_other_parents_misread_one():
    """The mother's label read "… người mỹ" is one letter from hers, two from "… người cha"; the father's own
    line was lost at the top of the form's second page. His name is not hers, his year and group are those
    after her block, and the declarant who is "Cha" gives his name (`kinship_by_people`)."""
    from classifiers.extract.birth_registration_form import extract as form
    from classifiers.people import kinship_by_people

    fields, _ = form(_lines([(100, 100, "Họ, chữ đệm, tên người yêu cầu: TÔ DUY BÌNH"),
                             (100, 140, "Quan hệ với người được khai sinh: Cha"),
                             (100, 180, "Họ, chữ đệm, tên người mỹ: LƯƠNG THÙY NHUNG"),
                             (100, 220, "Năm sinh: 1984 Dân tộc: Kinh Quốc tịch: Việt Nam"),
                             (100, 260, "Năm sinh: 1996 Dân tộc: Thái")]), [])
    assert fields["mother_full_name"].value == "LƯƠNG THÙY NHUNG" and "father_full_name" not in fields
    assert fields["father_year_of_birth"].value == "1996" and fields["father_ethnicity"].value == "Thái"
    father = kinship_by_people(fields, "birth_registration_form")["father_full_name"]
    assert father.value == "TÔ DUY BÌNH" and father.flags == ("declarant_is_parent",) and father.confidence <= 0.6
    mother = {**fields, "declarant_relationship": ExtractedField("Mẹ", 0.9, "ocr")}
    assert "father_full_name" not in kinship_by_people(mother, "birth_registration_form")


def test_a_cited_acts_date_is_never_the_papers_own():
    from classifiers.extract.common import place_date

    cited = [(100, 100, "Số: 938/XN"), (100, 160, "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ"),
             (100, 220, "Căn cứ Luật Cư trú ngày 13 tháng 11 năm 2020;")]
    assert place_date(_lines(cited)) is None
    wrapped = [(100, 100, "Căn cứ Nghị định số 123/2015/NĐ-CP"), (100, 160, "ngày 15 tháng 11 năm 2015;"),
               (100, 220, "Hải Châu, ngày 02 tháng 03 năm 2026")]
    assert place_date(_lines(wrapped)).value == "2026-03-02"
    # "pháp luật" is the law in general, not a cited act: the date line under it is the paper's
    pledge = [(100, 100, "Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của"),
              (100, 160, "mình."), (100, 220, "Làm tại: Ngô Quyền ngày 26 tháng 12 năm 2025")]
    assert place_date(_lines(pledge), last=True).value == "2025-12-26"


def test_a_date_line_with_an_unreadable_month_gives_no_date():
    """S may be a 5 or an 8: no date is better than a guess, or than the next line's date."""
    from classifiers.extract.common import place_date

    rows = [(100, 100, "Sơn Trà, ngày 26 tháng S năm 2026"), (100, 160, "Lập ngày 13 tháng 11 năm 2020")]
    assert place_date(_lines(rows)) is None
    assert place_date(_lines([(100, 100, "Ngày 22 tháng năm 2026")]), last=True) is None
    assert place_date(_lines([(100, 100, "Sơn Trà, ngày 26 tháng 8 năm 2026")])).value == "2026-08-26"


def test_a_lifelong_cards_expiry_read_into_its_residence_is_taken_out():
    """"Không thời hạn" (the expiry of a card valid for life) is printed left of the residence's second line."""
    fields, _ = extract(_lines([(100, 100, "Nơi thường trú / Place of residence:"),
                                (100, 140, "Tổ 3, số nhà 249 Nam Kỳ Khởi Nghĩa, phường 9, quận 3."),
                                (100, 180, "Không thời hạn thành phố Hồ Chí Minh")]), [])
    want = "Tổ 3, số nhà 249 Nam Kỳ Khởi Nghĩa, phường 9, quận 3, thành phố Hồ Chí Minh"
    assert fields["place_of_residence"].value == want


def test_a_forms_items_read_out_of_order_are_found_above_its_members_table():
    """The reading order put items 7–11 before items 1–4 (a column cut): items 1–4 came after the members
    table's heading and were lost, and items 7–9 came before the ID number they must follow."""
    from classifiers.extract import residence_declaration_form

    rows = [(100, 100, "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ"), (100, 150, "Kính gửi: Công an phường Dư Hàng Kênh — —"),
            (100, 500, "7. Họ, chữ đệm và tên chủ hộ: Dương Anh Huy 8. Mối quan hệ với chủ hộ: Con"),
            (100, 550, "9. Số định danh cá nhân của chủ hộ: 031097967438"),
            (100, 600, "11. Những thành viên trong hộ gia đình cùng thay đổi:"),
            (100, 200, "1. Họ, chữ đệm và tên: Lương Thị Thu Hương"),
            (100, 250, "2. Ngày, tháng, năm sinh: 20/06/1950"), (100, 300, "4. Số định danh cá nhân: 031150745375")]
    fields, _ = residence_declaration_form.extract(_lines(rows), [])
    assert {k: fields[k].value for k in ("full_name", "date_of_birth", "id_number", "household_head_full_name",
                                         "relationship_to_household_head", "household_head_id_number")} == {
        "full_name": "Lương Thị Thu Hương", "date_of_birth": "1950-06-20", "id_number": "031150745375",
        "household_head_full_name": "Dương Anh Huy", "relationship_to_household_head": "Con",
        "household_head_id_number": "031097967438"}
    assert fields["recipient_authority"].value == "Công an phường Dư Hàng Kênh"  # dashes read after it: none printed


def test_a_lane_word_one_letter_off_before_its_number_is_restored():
    from classifiers.places import unit_words

    assert unit_words("Số 216, nqõ 70 Văn Cao, phường Cầu Đất") == "Số 216, ngõ 70 Văn Cao, phường Cầu Đất"
    assert unit_words("Số 2, hem 12/3 Lê Lợi") == "Số 2, hẻm 12/3 Lê Lợi"
    assert unit_words("Số 2, Ngô Quyền") == "Số 2, Ngô Quyền"  # no number after it: a name


def test_a_village_word_one_letter_off_is_told_from_a_lane_word_by_the_commune_after_it():
    """"Xem" is one letter from both "xóm" and "hẻm": a village's part comes before a commune, a lane's
    (a city's street) before a ward."""
    from classifiers.places import unit_words

    assert unit_words("Xem 5, xã Nghi Thạch, huyện Nghi Lộc") == "Xóm 5, xã Nghi Thạch, huyện Nghi Lộc"
    assert unit_words("Xem 12, phường Tân Định, quận 1") == "Hẻm 12, phường Tân Định, quận 1"
    assert unit_words("Thon 4, xã Hải Minh, huyện Hải Hậu") == "Thôn 4, xã Hải Minh, huyện Hải Hậu"
    assert unit_words("Xòm 3, thị trấn Yên Định") == "Xóm 3, thị trấn Yên Định"


def test_a_card_value_whose_line_a_tall_speck_joined_is_still_the_value_under_its_label():
    """The card's pattern read "Ồ" left of the value and merged into its line: the line's box then rises
    above the label's bottom, yet its words sit under the label."""
    from classifiers.text import page_lines
    from ocr.types import Word
    from tests.classifiers.conftest import page_from_text, page_result

    words = page_from_text("Số / No.: 040158215131\nHọ và tên / Full name:\nLƯƠNG THU HẰNG\n"
                           "Quê quán / Place of origin:")
    origin = page_from_text("Phường Hưng Bình, thành phố Vinh, tỉnh Nghệ An", y=300, first_line=4)
    speck = Word("Ồ", 0.6, (40, 240, 80, 350), 1, 4)  # 110 px tall, from above the label to below the value
    fields, _ = extract(page_lines(page_result(words + [speck] + origin)), [])
    assert fields["place_of_origin"].value == "Phường Hưng Bình, thành phố Vinh, tỉnh Nghệ An"
