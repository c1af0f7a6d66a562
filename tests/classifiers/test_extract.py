"""Field extraction per document type, on the exact text the generator printed."""

from __future__ import annotations

import pytest

from classifiers.documents import PageRef
from classifiers.dossier import PageInput, analyse
from samples import DOC_TYPES
from tests.classifiers.conftest import page_from_text, page_result

# Fields each extractor must get exactly right from clean text (the rest are best effort).
CORE = {"id_number", "full_name", "date_of_birth", "sex", "nationality", "place_of_origin", "place_of_residence",
        "date_of_expiry", "date_of_issue", "father_full_name", "mother_full_name", "date_of_death",
        "insurance_number", "declarant_full_name", "declarant_id_number", "household_head_id_number",
        "place_of_birth", "mother_place_of_residence", "father_place_of_residence", "date_of_registration"}
HANDWRITTEN_ONLY = {"declarant_full_name"}  # in a signature block of a hand-filled form: not extracted


def _document(doc):
    pages = [PageInput(PageRef("a.pdf", i), page_result(page_from_text(p.text))) for i, p in enumerate(doc.pages)]
    (found,) = analyse(pages).documents
    return found


@pytest.mark.parametrize("doc_type", [t for t in DOC_TYPES if t != "other"])
@pytest.mark.parametrize("seed", [3, 11, 29])
def test_core_fields_are_read_exactly(render, doc_type, seed):
    doc = render(doc_type, seed)
    found = _document(doc)
    assert found.type == doc_type
    expected = {k: v for k, v in doc.fields.items() if k in CORE}
    if doc_type == "residence_declaration_form":
        expected.pop("declarant_full_name", None)
    got = {k: found.fields[k].value for k in expected if k in found.fields}
    assert got == expected


def test_values_carry_page_box_and_confidence(render):
    doc = render("death_notice", 3)
    found = _document(doc)
    field = found.fields["id_number"]
    assert field.source == "ocr" and field.page == PageRef("a.pdf", 0)
    assert 0.5 < field.confidence <= 1
    x0, y0, x1, y1 = field.bbox
    assert x0 < x1 and y0 < y1


def test_dates_are_iso_and_sex_is_nam_or_nu(render):
    found = _document(render("residence_confirmation", 11))
    assert found.fields["date_of_birth"].value[4] == "-"
    assert found.fields["sex"].value in ("Nam", "Nữ")


def test_a_wrapped_address_is_joined_until_the_province_not_the_provincial_city():
    text = ("XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ\n"
            "8. Quê quán: Xã Nhơn Ái, huyện Phong Điền, thành phố Cần\nThơ\n"
            "9. Nơi thường trú: Số 98, ngõ 133 Hoàng Văn Thụ, phường Năng Tĩnh, thành phố Nam Định,\n"
            "tỉnh Nam Định\n10. Nơi tạm trú:\n"
            "11. Nơi ở hiện tại: Số 98, ngõ 133 Hoàng Văn Thụ, phường Năng Tĩnh, thành phố Nam Định, tỉnh Nam Định\n"
            "12. Họ, chữ đệm và tên chủ hộ: NGUYỄN VĂN AN")
    (found,) = analyse([PageInput(PageRef("a.pdf", 0), page_result(page_from_text(text)))]).documents
    home = "Số 98, ngõ 133 Hoàng Văn Thụ, phường Năng Tĩnh, thành phố Nam Định, tỉnh Nam Định"
    assert found.fields["place_of_residence"].value == home
    assert found.fields["current_residence"].value == home
    assert found.fields["place_of_origin"].value == "Xã Nhơn Ái, huyện Phong Điền, thành phố Cần Thơ"


def test_an_address_ends_at_its_provinces_whole_name_read_a_letter_off():
    """A card's "tỉnh Nghệ Ao" ends the place of origin: the next line, its label garbled ("Nơi / oý"), is the
    next item; a province cut short ("tỉnh Nghệ") still goes on to the line that holds the rest."""
    from classifiers.extract import cccd
    from classifiers.provinces import ends_with_province

    assert ends_with_province("Phường Hưng Bình, thành phố Vinh, tỉnh Nghệ Ao")
    assert not ends_with_province("Phường Hưng Bình, thành phố Vinh, tỉnh Nghệ")
    assert not ends_with_province("Phường Hưng Bình, thành phố Vinh, tỉnh Nghệ An Sơn")  # no province's name
    rows = [(100, 100, "Quê quán / Place of origin:"), (100, 160, "Phường Hưng Bình, thành phố Vinh, tỉnh Nghệ Ao"),
            (100, 220, "Nơi / oý Số 165 đường Nguyễn Văn Cừ, phường Hưng Bình,")]
    fields = cccd.extract(_lines(rows), [])[0]
    assert fields["place_of_origin"].value.startswith("Phường Hưng Bình, thành phố Vinh, tỉnh Nghệ A")
    assert "Nơi" not in fields["place_of_origin"].value


def _lines(rows: list[tuple[int, int, str]]):
    """Lines from (x, y, text) rows; words 18 px a character, 40 px high."""
    from classifiers.text import page_lines
    from ocr.types import Word

    words = []
    for n, (x, y, text) in enumerate(rows):
        for token in text.split():
            words.append(Word(token, 0.9, (x, y, x + 18 * len(token), y + 40), 1, n))
            x += 18 * (len(token) + 1)
    return page_lines(page_result(words))


def test_a_value_under_its_label_starts_in_the_labels_column():
    """Specks of a card's photo left of the text column are not part of the value below a label."""
    from classifiers.extract.cccd import SPECS, STOPS
    from classifiers.fields import read_fields

    lines = _lines([(600, 100, "Quê quán / Place of origin:"),
                    (320, 150, "4"), (600, 150, "Phường Dịch Vọng Hậu, quận Cầu Giấy, thành phố Hà Nội")])
    fields = read_fields(lines, SPECS, STOPS)
    assert fields["place_of_origin"].value == "Phường Dịch Vọng Hậu, quận Cầu Giấy, thành phố Hà Nội"


def _confirmation_fields(rows: list[tuple[int, int, str]]):
    """A residence confirmation's fields read from (x, y, text) rows."""
    from classifiers.extract.residence_confirmation import SPECS, STOPS
    from classifiers.fields import read_fields

    return read_fields(_lines(rows), SPECS, STOPS)


def test_a_label_wrapped_over_two_lines_is_read_after_its_tail():
    fields = _confirmation_fields([(100, 100, "11. Nơi ở hiện tại: Số 5, phường Đông Thọ, tỉnh Thanh Hóa"),
                                   (100, 150, "12. Họ, chữ đệm và tên chủ hộ: HOÀNG GIA LONG 13. Quan hệ với chủ"),
                                   (100, 200, "hộ: Chủ hộ"),
                                   (100, 250, "TT | Họ, chữ đệm và tên | Ngày sinh | Quan hệ với chủ hộ"),
                                   (100, 300, "1 | NGUYỄN MINH THƯ | 11/02/1984 | Vợ")])
    assert fields["relationship_to_household_head"].value == "Chủ hộ"
    assert fields["household_head_full_name"].value == "HOÀNG GIA LONG"


def test_the_household_heads_name_is_read_after_the_tail_of_its_label():
    """A photocopy's item 12 read as "12," on a line of its own and "đệm và tên chủ hộ: …" on the next."""
    fields = _confirmation_fields([(100, 100, "11. Nơi ở hiện tại: Tổ 7, số nhà 94 Lê Duẩn, phường Bến Thủy"),
                                   (100, 150, "12,"),
                                   (250, 200, "đệm và tên chủ hộ: BÙI THÀNH QUÂN 13. Quan hệ với chủ hộ: Chủ hộ"),
                                   (100, 250, "14. Số định danh cá nhân của chủ hộ: 040088731732")])
    assert fields["household_head_full_name"].value == "BÙI THÀNH QUÂN"
    assert fields["household_head_id_number"].value == "040088731732"


def test_numbers_misread_with_look_alike_letters_in_an_address_are_numbers():
    from classifiers.fields import normalise

    assert normalise("address", "Phường I1, quận 3, thành phố Hồ Chí Minh")[0] == \
        "Phường 11, quận 3, thành phố Hồ Chí Minh"
    assert normalise("address", "Số 2A, ngõ 1O, phường Láng Hạ")[0] == "Số 2A, ngõ 10, phường Láng Hạ"  # 2A is a number
    assert normalise("address", "IŠ1/8 Phan Đình Phùng, phường Bến Thủy")[0] == "151/8 Phan Đình Phùng, phường Bến Thủy"
    assert normalise("address", "Tòa S1, phường Láng Hạ")[0] == "Tòa S1, phường Láng Hạ"  # a block's letter stays
    assert normalise("address", "Ấp Nhơn Lộc l, xã Giai Xuân")[0] == "Ấp Nhơn Lộc 1, xã Giai Xuân"
    assert normalise("address", "Tổ 39, số nhà 1 18 Trần Phú")[0] == "Tổ 39, số nhà 118 Trần Phú"  # split in two


def test_stray_quotes_and_apostrophes_leave_an_address():
    from classifiers.fields import normalise

    assert normalise("address", "Số 28, ngõ 199'Hoàng Văn Thụ, phường Năng Tĩnh")[0] == \
        "Số 28, ngõ 199 Hoàng Văn Thụ, phường Năng Tĩnh"
    assert normalise("address", "22/21 Hàn 'Thuyên, phường Vị Xuyên")[0] == "22/21 Hàn Thuyên, phường Vị Xuyên"
    assert normalise("address", "Thôn 1, xã Ea Kly, huyện Krông Pắc, tỉnh Đắk Lắk")[0] == \
        "Thôn 1, xã Ea Kly, huyện Krông Pắc, tỉnh Đắk Lắk"
    assert "H'Leo" in normalise("address", "Xã Ea H'Leo, tỉnh Đắk Lắk")[0]  # an apostrophe inside a name stays
    assert normalise("address", "Xã Hải: Toàn, huyện Hải Hậu")[0] == "Xã Hải Toàn, huyện Hải Hậu"


@pytest.mark.parametrize(("read", "printed"), [
    ("WGUYỄN THỊ THANH DUNG", "NGUYỄN THỊ THANH DUNG"),  # a stray letter
    ("ĐẶĂNG QUANG CƯỜNG", "ĐẶNG QUANG CƯỜNG"),  # a letter too many: a handwritten vowel doubled
    ("NÑ GUYỄN THỊ THANH DUNG", "NGUYỄN THỊ THANH DUNG"),  # split, with a speck
    ("PHA N TIẾN QUÂN", "PHAN TIẾN QUÂN"),  # a stray space
    ("HOÁNG VĂN AN", "HOÀNG VĂN AN"),  # a long family name's tone mark
    ("HUỲÈWH THÀNH", "HUỲNH THÀNH"),  # two letters off, one of them no Vietnamese letter
    ("WGÔ TIẾN NGHĨA", "NGÔ TIẾN NGHĨA"),  # a short one with a letter Vietnamese does not use
    ("ZAO VĂN AN", "ZAO VĂN AN"),  # ... that is as near Cao as Đào: left as read
    ("LÂW CÔNG KHÁNH", "LÂM CÔNG KHÁNH"),  # ... as near Lại as Lâm, but its Â is Lâm's
    ("LAW CÔNG KHÁNH", "LAW CÔNG KHÁNH"),  # ... no mark read: left as read
    ("LA VĂN AN", "LA VĂN AN"),  # a rare short family name is left alone
    ("KHƯƠNG VĂN AN", "KHƯƠNG VĂN AN"),  # two letters from Trương, and a real family name
    ("KHƯƠNG VĂN AN", "KHƯƠNG VĂN AN"),  # as is one that is no common name's misreading
    ("RẦN TRỌNG PHÚC", "TRẦN TRỌNG PHÚC"),  # its first letter lost: the one family name it ends
    ("ÀN TRỌNG PHÚC", "ÀN TRỌNG PHÚC"),  # Đàn, Hàn, Phàn…: left as read
    ("RẦN PHÚC", "RẦN PHÚC"),  # two words: too little to tell a family name from a given one
    ("ĐOÀV CÔNG BÌNH", "ĐOÀN CÔNG BÌNH"),  # no syllable (none ends in v): the one name a letter changed gives
])
def test_a_misread_family_name_is_restored(read, printed):
    from classifiers.fields import normalise

    assert normalise("name", read)[0] == printed


@pytest.mark.parametrize(("read", "printed"), [
    ("TRỊNH THỊ THỦ THỨ", "TRỊNH THỊ THU THƯ"),  # the marks `vie` adds to bold "THU THƯ" on every paper
    ("Đỗ Thị Thủ Thảo", "Đỗ Thị Thu Thảo"),
    ("PHAN THỊ THỦ NHŨNG", "PHAN THỊ THU NHUNG"),
    ("MAI ANH QUẦN", "MAI ANH QUÂN"),
    ("LƯƠNG THỊ THANH NHƯNG", "LƯƠNG THỊ THANH NHUNG"),
    ("ĐOÀN NGỤC THỦY", "ĐOÀN NGỌC THỦY"),
    ("LÂM QUỐC SON", "LÂM QUỐC SƠN"),
    ("THỦ VĂN AN", "THỦ VĂN AN"),  # a family name is left to the family-name rules
])
def test_given_names_vie_marks_that_no_given_name_carries_lose_them(read, printed):
    from classifiers.fields import normalise

    assert normalise("name", read)[0] == printed


def test_an_insurance_cards_address_label_cut_to_its_first_word_still_finds_the_address():
    from classifiers.extract.health_insurance_card import extract

    fields, _ = extract(_lines([(40, 100, "Họ và tên: CAO HỒNG HIÊN"), (40, 150, "Địa"),
                                (40, 200, "7, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"),
                                (40, 250, "Nơi đăng ký KCB ban đầu: Trạm Y tế xã Hải Anh")]), [])
    assert fields["place_of_residence"].value == "7, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"


def test_an_insurance_cards_clinic_read_before_its_label_is_taken_when_the_label_is_followed_by_junk():
    from classifiers.extract.health_insurance_card import extract

    rows = [(40, 100, "Họ và tên: CAO HỒNG HIÊN"),
            (40, 150, "Địa chỉ: Xóm 7, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"),
            (400, 195, "Trạm Y tế xã Hải Anh"), (40, 205, "Nơi đăng ký KCB ban đầu:"), (40, 250, "2e")]
    fields, _ = extract(_lines(rows), [])
    assert fields["initial_healthcare_facility"].value == "Trạm Y tế xã Hải Anh"
    # a clinic read after its label stays, whatever other line opens like a clinic's name
    rows[-1] = (40, 250, "Bệnh viện Đa khoa Hải Hậu")
    fields, _ = extract(_lines(rows), [])
    assert fields["initial_healthcare_facility"].value == "Bệnh viện Đa khoa Hải Hậu"


def test_an_insurance_cards_address_label_with_its_first_word_misread_still_finds_the_address():
    from classifiers.extract.health_insurance_card import extract

    fields, _ = extract(_lines([(40, 100, "Họ và tên: HÀ THỊ THANH YẾN"),
                                (40, 150, "Si chỉ: Ấp Bàu Tre, xã Tân Thạnh Đông, huyện Củ Chi, thành phố Hồ Chí Minh"),
                                (40, 200, "Nơi đăng ký KCB ban đầu: Trạm Y tế xã Tân Thạnh Đông")]), [])
    assert fields["place_of_residence"].value == "Ấp Bàu Tre, xã Tân Thạnh Đông, huyện Củ Chi, thành phố Hồ Chí Minh"


def test_a_label_found_inside_a_glued_word_takes_the_rest_of_that_word_to_its_colon():
    """A photocopied card's "Địa chỉ:" read "Địä€hÌ:" as one word: "€hÌ:" is no part of the address. A word
    after the label that merely ends in a colon stays."""
    from classifiers.extract.health_insurance_card import extract

    fields, _ = extract(_lines([(40, 100, "Họ và tên: CAO HỒNG HIÊN"),
                                (40, 150, "Địä€hÌ: Xóm 7, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"),
                                (40, 200, "Nơi đăng ký KCB ban đầu: Trạm Y tế xã Hải Anh")]), [])
    assert fields["place_of_residence"].value == "Xóm 7, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"
    fields, _ = extract(_lines([(40, 100, "Họ và tên: CAO HỒNG HIÊN"),
                                (40, 150, "Địa chỉ: Xóm: 7, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định")]), [])
    assert fields["place_of_residence"].value.startswith("Xóm 7, xã Hải Anh")


def test_a_value_under_its_label_is_found_under_the_labels_words_not_a_speck_read_into_its_line():
    """A photocopied card: a speck left of the photo, read into the "Quê quán" line, reaches down past the
    place of origin to the residence's first line; the origin is the line under the label's own words."""
    from classifiers.extract.cccd import extract
    from classifiers.text import page_lines
    from ocr.types import Word

    rows = [(478, 618, "Số / No.: 036184934306"), (478, 663, "Họ và tên / Full name:"), (478, 698, "PHAN NGỌC XUÂN"),
            (477, 812, "Quê quán / Place of origin:"), (477, 852, "Xã Hải Minh, huyện Hải Hậu, tỉnh Nam Định"),
            (477, 889, "Nơi thường trú / Place of residence:"),
            (477, 922, "Số 72, ngõ 6 Nguyễn Văn Linh, phường Thạch Thang, quận Hải Châu, thành phố Đà Nẵng")]
    words = []
    for n, (x, y, text) in enumerate(rows):
        if text.startswith("Quê"):
            words.append(Word("Z", 0.5, (231, y, 260, 918), 1, n))  # the speck, as tall as three lines
        for token in text.split():
            words.append(Word(token, 0.95, (x, y, x + 9 * len(token), y + 22), 1, n))
            x += 9 * (len(token) + 1)
    fields, _ = extract(page_lines(page_result(words)), [])
    assert fields["place_of_origin"].value == "Xã Hải Minh, huyện Hải Hậu, tỉnh Nam Định"
    assert fields["place_of_residence"].value.startswith("Số 72, ngõ 6")


def test_a_parents_residence_label_that_lost_its_first_word_is_still_found():
    from classifiers.extract.birth_certificate import extract
    from classifiers.text import page_lines

    text = ("GIẤY KHAI SINH\nHọ, chữ đệm, tên: LÂM HOÀNG LONG\n"
            "Họ, chữ đệm, tên người mẹ: ĐINH HỒNG HUYỀN\nNăm sinh: 1992 Dân tộc: Hoa Quốc tịch: Việt Nam\n"
            "Nơi cư trú: Thôn Sơn Du, xã Uy Nỗ, huyện Đông Anh, thành phố Hà Nội\n"
            "Họ, chữ đệm, tên người cha: LÂM XUÂN PHÚC\nNăm sinh: 1980 Dân tộc: Kinh Quốc tịch: Việt Nam\n"
            "cư trú: Xóm 2, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định\n"
            "Họ, chữ đệm, tên người đi đăng ký khai sinh: LÂM XUÂN PHÚC")
    fields, _ = extract(page_lines(page_result(page_from_text(text))), [])
    assert fields["mother_place_of_residence"].value == "Thôn Sơn Du, xã Uy Nỗ, huyện Đông Anh, thành phố Hà Nội"
    assert fields["father_place_of_residence"].value == "Xóm 2, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"
