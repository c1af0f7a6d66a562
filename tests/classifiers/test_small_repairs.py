"""Small repairs of typed and handwritten items: sex and nationality read with digits, a death's time beside
a misread label, a title missing its first word, a document number's look-alike digits, a house number's
fraction slash, the subject named in a request, a date of death without "ngày", a May date in words, the
office a request is addressed to (fictitious people only)."""

from __future__ import annotations

from classifiers.consensus import reconcile
from classifiers.datewords import parse_date_words
from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from classifiers.extract.common import document_number, fix_authority, time_of_day, title_line
from classifiers.extract.residence_declaration_form import restore_request
from classifiers.fields import normalise
from tests.classifiers.test_extract import _lines


def test_an_ethnic_group_that_took_in_the_next_items_misread_label_loses_it():
    from classifiers.extract.common import fix_ethnicity

    fields = {"ethnicity": ExtractedField("Mường 6. Tôi: Cong giáo", 0.9, "ocr")}
    fix_ethnicity(fields)
    assert fields["ethnicity"].value == "Mường"
    for read, group in (("Kinh Quếc tịch: Nam", "Kinh"), ("Xơ Đăng Quốc tịch: Việt Nam", "Xơ Đăng"),
                        ("Kinh 6ó.", "Kinh"), ("Kinh 6ó", "Kinh"),  # the item's number, its period read "ó"
                        ("Kinh Quốc", "Kinh")):  # the next label's first word, the rest of the line lost
        fields = {"ethnicity": ExtractedField(read, 0.9, "ocr")}  # the next label misread, and its value
        fix_ethnicity(fields)
        assert fields["ethnicity"].value == group


def test_a_short_label_with_a_letter_misread_is_found_by_its_colon():
    """"6. Tôn ởiáo: Không": "ton giao" alone is 87.5 % like "ton oiao", under the labels' cutoff; with its
    colon the label is long enough for one letter off."""
    from classifiers.extract import residence_confirmation

    rows = [(100, 100, "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ"), (100, 200, "1. Họ, chữ đệm và tên: HÀ NGỌC VIỆT"),
            (100, 300, "5. Dân tộc: Thái 6. Tôn ởiáo: Không 7. Quốc tịch: Việt Nam")]
    fields = residence_confirmation.extract(_lines(rows), [])[0]
    assert fields["religion"].value == "Không" and fields["ethnicity"].value == "Thái"


def test_a_sex_read_with_digits_is_no_guess():
    """"N47" keeps the N of both words: the digits count as letters, and Nam and Nữ tie."""
    assert normalise("sex", "N47") is None
    assert normalise("sex", "Wam") == ("Nam", ())
    assert normalise("sex", "Nữ") == ("Nữ", ())


def test_a_nationality_two_letters_from_viet_nam_is_viet_nam_and_flagged():
    assert normalise("nationality", "Việy Nam") == ("Việt Nam", ("completed_from_vocabulary",))
    assert normalise("nationality", "Việt Nam") == ("Việt Nam", ())
    assert normalise("nationality", "Lào") == ("Lào", ())
    # "Việt" lost at a line's end, "Nam" a letter off on the next: no country is called that
    assert normalise("nationality", "Wam") == ("Việt Nam", ("completed_from_vocabulary",))
    assert normalise("nationality", "t Nam") == ("Việt Nam", ("completed_from_vocabulary",))
    assert normalise("nationality", "Việt") == ("Việt Nam", ("completed_from_vocabulary",))  # "Nam" lost
    assert normalise("nationality", "Nhật Bản") == ("Nhật Bản", ())


def test_the_time_of_death_is_read_beside_a_misread_label():
    lines = _lines([(100, 100, "Đã chất vào lúc: 11 giờ 15 phút, ngày 20/06/2026")])
    assert time_of_day(None, lines, "da chet vao luc").value == "11 giờ 15 phút"


def test_a_death_at_home_misread_is_at_home_and_a_hospital_loses_its_stray_quote():
    from classifiers.extract.death_notice import extract

    def place(text: str) -> str:
        return extract(_lines([(100, 100, f"Nơi chết: {text}")]), [])[0]["place_of_death"].value

    assert place("Tại nha, Thôn 2, xã Thủy Sơn, huyện Thủy Nguyên, thành phố Hải Phòng") == \
        "Tại nhà, Thôn 2, xã Thủy Sơn, huyện Thủy Nguyên, thành phố Hải Phòng"
    assert place("Tại Nha Trang, tỉnh Khánh Hòa") == "Tại Nha Trang, tỉnh Khánh Hòa"  # a city, not a home
    assert place("Bên” viên Phụ sản Hải Phòng, thành phố Hải Phòng") == \
        "Bệnh viện Phụ sản Hải Phòng, thành phố Hải Phòng"

    def cause(text: str) -> str:
        return extract(_lines([(100, 100, f"Nguyên nhân chết: {text}")]), [])[0]["cause_of_death"].value

    assert cause("Suy tìm") == "Suy tim" and cause("Ung thư phối") == "Ung thư phổi"  # a common cause's marks
    assert cause("Ngộ độc thực phẩm") == "Ngộ độc thực phẩm"  # another cause: as read


def test_a_title_that_lost_its_first_word_is_the_one_title_it_ends():
    titles = ("GIẤY BÁO TỬ", "TRÍCH LỤC KHAI TỬ")
    got = title_line(_lines([(100, 100, "LỤC KHAI TƯ")]), titles)
    assert got.value == "TRÍCH LỤC KHAI TỬ" and got.flags == ("completed_from_vocabulary",) and got.confidence <= 0.6
    assert title_line(_lines([(100, 100, "KHAI TỬ")]), titles) is None  # two words: too little to tell


def test_a_document_numbers_look_alike_digits_are_digits():
    got = document_number(_lines([(100, 100, "Số: §62/GBT")]))
    assert got.value == "862/GBT" and got.flags == ("digits_repaired",)
    assert document_number(_lines([(100, 100, "Số: 4H")])).value == "4H"  # H is no digit's look-alike
    plain = document_number(_lines([(100, 100, "Số: I61")]))  # a birth certificate's number has no slash
    assert plain.value == "161" and plain.flags == ("digits_repaired",)
    assert document_number(_lines([(100, 100, "Số: I§I")])).value == "181"  # no digit, but a sign: a number
    assert document_number(_lines([(100, 100, "Số: IOI")])).value == "IOI"  # letters alone: as read
    slash = document_number(_lines([(100, 100, "Số: 257IXN")]))  # the slash before the paper's code read I
    assert slash.value == "257/XN" and slash.flags == ("digits_repaired",) and slash.confidence <= 0.6
    assert document_number(_lines([(100, 100, "Số: 2571XN")])).value == "2571XN"  # a 1 may be the number's own


def test_a_fraction_slash_in_a_house_number_is_a_slash():
    assert normalise("address", "44⁄4 Hoàng Văn Thụ, phường Trần Hưng Đạo, thành phố Nam Định, tỉnh Nam Định")[0] \
        .startswith("44/4 Hoàng Văn Thụ")
    assert normalise("address", "137!5 Trường Thi, phường Hưng Bình, thành phố Vinh, tỉnh Nghệ An")[0] \
        .startswith("137/5 Trường Thi")  # a "!" after two digits too


def _form(content: str, name: str) -> DocumentSpan:
    return DocumentSpan("residence_declaration_form", 0.99, [PageRef("a.pdf", 0)],
                        {"request_content": ExtractedField(content, 0.9, "ocr"),
                         "full_name": ExtractedField(name, 0.95, "ocr")})


def test_the_subject_named_in_a_deregistration_takes_item_1s_spelling():
    (fixed,) = reconcile([_form("Xóa đăng ký thường trú đối với ông Ngô An do đã chết ngày 24/03/2026",
                                "NGÔ NGỌC AN")])
    assert fixed.fields["request_content"].value == \
        "Xóa đăng ký thường trú đối với ông Ngô Ngọc An do đã chết ngày 24/03/2026"
    assert "corrected_from_dossier" in fixed.fields["request_content"].flags
    (marks,) = reconcile([_form("Xóa đăng ký thường trú đối với ông Định Trọng Toàn do đã chết ngày 08/07/2026",
                                "ĐINH TRỌNG TOÀN")])
    assert "ông Đinh Trọng Toàn do" in marks.fields["request_content"].value
    (letter,) = reconcile([_form("Xóa đăng ký thường trú đối với ông Trịnh Đức Phone do'đã chết ngày 22/03/2026",
                                 "TRỊNH ĐỨC PHONG")])  # a letter off, and a speck before "đã"
    assert "ông Trịnh Đức Phong do'đã" in letter.fields["request_content"].value
    (other,) = reconcile([_form("Xóa đăng ký thường trú đối với bà Lê Thị Hoa do đã chết ngày 08/07/2026",
                                "ĐINH TRỌNG TOÀN")])
    assert "bà Lê Thị Hoa do" in other.fields["request_content"].value


def test_a_date_of_death_that_lost_its_ngay_gets_it_back():
    got = restore_request(ExtractedField("Xóa đăng ký thường trú đối với ông Chu Minh Thắng do đã chết 24/02/2026",
                                         0.9, "ocr"))
    assert got.value.endswith("do đã chết ngày 24/02/2026")
    specks = restore_request(ExtractedField("Xóa đăng ký thường trú đối với bà Võ Thị Nhung do đã chết ngày "
                                            "14/05/2026 : : j", 0.9, "ocr"))
    assert specks.value.endswith("chết ngày 14/05/2026")  # specks after the date go, words would stay
    words = restore_request(ExtractedField("Xóa đăng ký thường trú đối với ông A do đã chết ngày 14/05/2026 tại nhà",
                                           0.9, "ocr"))
    assert words.value.endswith("14/05/2026 tại nhà")
    slash = restore_request(ExtractedField("Xóa đăng ký thường trú đối với ông Đinh Đức Thành do đã chết ngày "
                                           "2706/2026", 0.9, "ocr"))
    assert slash.value.endswith("chết ngày 27/06/2026")


def test_a_request_whose_dang_was_read_short_still_opens_with_the_procedure():
    got = restore_request(ExtractedField("Ng Kỷ thường trú tại Tổ 17, số nhà 70 Trần Phú", 0.9, "ocr"))
    assert got.value == "Đăng ký thường trú tại Tổ 17, số nhà 70 Trần Phú"
    other = "Nộp kèm bản sao giấy khai sinh"  # no "ký … tại": not the request's opening
    assert restore_request(ExtractedField(other, 0.9, "ocr")).value == other
    removal = restore_request(ExtractedField("Xou đăng ký thường trú đối với bà Phan Hải Giang", 0.9, "ocr"))
    assert removal.value == "Xóa đăng ký thường trú đối với bà Phan Hải Giang"
    garbled = restore_request(ExtractedField("Đă»g ký thường trú tại Xóm 9, xã Nghi Trung", 0.9, "ocr"))
    assert garbled.value == "Đăng ký thường trú tại Xóm 9, xã Nghi Trung"
    for read in ("do đã chết naày 28/03/2026", "do đã chất ngày 28/03/2026"):  # "chết ngày" a letter off
        died = restore_request(ExtractedField(f"Xóa đăng ký thường trú đối với ông Bùi Minh Tùng {read}", 0.9, "ocr"))
        assert died.value.endswith("do đã chết ngày 28/03/2026")
    five = restore_request(ExtractedField("Xóa đăn;2 ký thường trú đối với bà Bùi Hải Tuyết", 0.9, "ocr"))
    assert five.value == "Xóa đăng ký thường trú đối với bà Bùi Hải Tuyết"
    lost = restore_request(ExtractedField("Xa đăng ký thường trú đối với ông Phạm Gia Quân", 0.9, "ocr"))
    assert lost.value == "Xóa đăng ký thường trú đối với ông Phạm Gia Quân"  # "đối với": only a removal says it
    asked = "Xin đăng ký thường trú tại Số 5 Lê Lợi"  # another opening word: left as it is
    assert restore_request(ExtractedField(asked, 0.9, "ocr")).value == asked


def test_may_in_words_whose_comma_was_lost_still_parses():
    """"tháng năm" is May: without its comma the month's "năm" must not open the year."""
    assert parse_date_words("Veày mông chín, tháng năm. năm hai nghìn không trăm hai mươi sáu")[0] == "2026-05-09"
    assert parse_date_words("Ngày mồng chín, tháng tư năm hai nghìn không trăm hai mươi sáu")[0] == "2026-04-09"


def test_the_office_addressed_takes_the_spelling_of_its_kind_and_unit():
    def fixed(value: str) -> ExtractedField:
        fields = {"recipient_authority": ExtractedField(value, 0.9, "ocr")}
        fix_authority(fields)
        return fields["recipient_authority"]

    assert fixed("ỦY ban nhân dân phường Phước Mỹ").value == "Ủy ban nhân dân phường Phước Mỹ"
    assert fixed("ỦY ban nhân dân phường Phước Mỹ").flags == ()  # the letters were read: only the case changed
    unit = fixed("Công an phườzrg 9")
    assert unit.value == "Công an phường 9" and unit.flags == ("completed_from_vocabulary",)
    assert fixed("Công an thị trấn Hải Thịnh").value == "Công an thị trấn Hải Thịnh"
    marks = fixed("Công an xẩ Uy Nỗ")  # the unit's letters with another mark
    assert marks.value == "Công an xã Uy Nỗ" and marks.flags == ()
    assert fixed("Ủy ban nhân dân Quân 3").value == "Ủy ban nhân dân Quận 3"  # in the case it was printed
    assert fixed("Công an xã Nghỉ Trung").value == "Công an xã Nghỉ Trung"  # the place's name is not its business
    assert fixed("ủi: Ủy ban nhân dân xã Nghi Trung").value == "Ủy ban nhân dân xã Nghi Trung"  # "Kính gửi:" garbled
    assert fixed("Số 5: Ủy ban").value == "Số 5: Ủy ban"  # no office follows
    assert fixed("ỦW ban nhân dân phường An Biên").value == "Ủy ban nhân dân phường An Biên"  # a letter misread
    assert fixed("Công ty An Biên").value == "Công ty An Biên"  # a short kind must be read exactly
    # ... unless a unit word follows it: a letter misread, flagged
    for read in ("Công ơn xã Nghi Trung", "Cône an xã Nghi Trung"):
        assert fixed(read).value == "Công an xã Nghi Trung" and fixed(read).flags == ("completed_from_vocabulary",)
    assert fixed("Công on Nghi Trung").value == "Công on Nghi Trung"
    # a sign read inside the kind: none is printed there
    assert fixed("Ủy ban nhân, dân xã Hoằng Quỳ").value == "Ủy ban nhân dân xã Hoằng Quỳ"
    assert fixed("Công an. xã Mỹ Khánh").value == "Công an xã Mỹ Khánh"
    assert fixed("Công ty, an xã Mỹ Khánh").value == "Công ty, an xã Mỹ Khánh"
    # a sign read before the kind; a numbered unit's number read as a look-alike letter
    assert fixed("(2ông an phường Xuân Khánh").value == "Công an phường Xuân Khánh"
    assert fixed("zỦy ban nhân dân xã Phước Vĩnh An").value == "Ủy ban nhân dân xã Phước Vĩnh An"  # a speck's letter
    assert fixed("xỦy ban").value == "xỦy ban"  # no office's whole kind follows
    numbered = fixed("Công an phường Š")
    assert numbered.value == "Công an phường 5" and numbered.flags == ("digits_repaired",)
    assert fixed("Công an phường An").value == "Công an phường An"
    assert fixed("Công an phường lạch Tray").value == "Công an phường Lạch Tray"  # a name is capitalised
    assert fixed("Công an phường 5, quận 3").value == "Công an phường 5, quận 3"  # ... a unit after it not
    # a mark read after a numbered unit is no part of the name; a word of a long kind lost at a line's break
    cut = fixed("Công an phường 5 SÀN")
    assert cut.value == "Công an phường 5" and cut.flags == ("cut_at_number",)
    lost = fixed("Ủy ban dân phường 1")
    assert lost.value == "Ủy ban nhân dân phường 1" and lost.flags == ("completed_from_vocabulary",)
    assert fixed("Ủy ban dân tộc").value == "Ủy ban dân tộc"  # no unit follows: another office
    assert fixed("Công phường 1").value == "Công phường 1"  # a two-word kind is not made of one word

    def addressed(value: str, organ: str) -> ExtractedField:
        fields = {"recipient_authority": ExtractedField(value, 0.9, "ocr")}
        fix_authority(fields, organ=organ)
        return fields["recipient_authority"]

    # a paper addressed to one kind of office: a few garbled words before a unit word are that kind
    police = addressed("Cu, un phường Xuân Khánh", "Công an")
    assert police.value == "Công an phường Xuân Khánh" and police.flags == ("completed_from_vocabulary",)
    assert addressed("Cu, un phường Xuân Khánh", "Ủy ban nhân dân").value == "Ủy ban nhân dân phường Xuân Khánh"
    assert addressed("Phòng Tư pháp quận Ba Đình", "Công an").value == "Phòng Tư pháp quận Ba Đình"  # too long
    assert fixed("Cu, un phường Xuân Khánh").value == "Cu, un phường Xuân Khánh"  # no kind expected: as read


def test_a_requests_opening_words_are_restored():
    from classifiers.extract.other import fix_request_opening

    def fixed(value: str) -> ExtractedField:
        fields = {"request_content": ExtractedField(value, 0.95, "ocr")}
        fix_request_opening(fields)
        return fields["request_content"]

    marks = fixed("Đê nghị chứng thực 03 bản sao Căn cước công dân")
    assert marks.value == "Đề nghị chứng thực 03 bản sao Căn cước công dân" and marks.flags == ()
    letter = fixed("Đề øghị xác nhận thông tin hộ gia đình")
    assert letter.value == "Đề nghị xác nhận thông tin hộ gia đình" and letter.flags == ("spelling_from_vocabulary",)
    assert fixed("Xin cấp lại giấy tờ").value == "Xin cấp lại giấy tờ"
    two = fixed("Đề »ghj cắp 02 bản sao Giấy khai sinh của bản thân")  # "Đề" read: two letters may be off
    assert two.value == "Đề nghị cấp 02 bản sao Giấy khai sinh của bản thân"
    assert fixed("Để »ghj cắp 02 bản sao").value == "Để »ghj cắp 02 bản sao"
    assert fixed("Đề nghị chưng thực 03 bản sao").value == "Đề nghị chứng thực 03 bản sao"
    verb = fixed("Đề nghị xúc nhận thông tin hộ gia đình")  # a letter off a two-word verb: flagged
    assert verb.value == "Đề nghị xác nhận thông tin hộ gia đình" and verb.flags == ("spelling_from_vocabulary",)
    assert fixed("Đề nghị cóp 02 bản sao").value == "Đề nghị cóp 02 bản sao"  # a one-word verb: letters as read
    lost = fixed("Đề cấp 02 bản sao Giấy khai sinh của bản thân")  # "nghị" lost between opening and verb
    assert lost.value == "Đề nghị cấp 02 bản sao Giấy khai sinh của bản thân"
    assert lost.flags == ("spelling_from_vocabulary",)
    assert fixed("Đề án cấp nước").value == "Đề án cấp nước"


def test_a_requests_procedure_word_after_thu_is_tuc():
    from classifiers.extract.other import fix_procedure_word

    def fixed(value: str) -> str:
        fields = {"request_content": ExtractedField(value, 0.95, "ocr")}
        fix_procedure_word(fields)
        return fields["request_content"].value

    request = "Đề nghị xác nhận thông tin hộ gia đình để làm thủ {} vay vốn"
    assert fixed(request.format("fục")) == request.format("tục")
    assert fixed(request.format("te")) == request.format("tục")
    assert fixed("Đề nghị cấp bản sao tại thủ đô") == "Đề nghị cấp bản sao tại thủ đô"  # another word
    # "tục" lost at the start of the next line: "làm thủ" before any other word is "làm thủ tục"
    assert fixed("Đề nghị xác nhận thông tin hộ gia đình để làm thủ vay vốn") == request.format("tục")
    assert fixed("Đề nghị xác nhận để làm thủ quỹ") == "Đề nghị xác nhận để làm thủ quỹ"  # a treasurer


def test_a_label_with_a_space_read_as_a_hyphen_is_found():
    from classifiers.text import find_label, fold

    hit = find_label(fold("Kính-gửi: Ủy ban nhân dân phường 9").lower(), "kinh gui", 88.0)
    assert hit is not None and (hit.start, hit.end) == (0, 8)
    assert find_label(fold("Kính-gửi: Ủy ban").lower(), "kinh gui", 88.0).score == 99.0


def test_a_label_with_a_letter_read_in_too_is_found_against_as_many_whole_words():
    """"điên ngày" for "đến ngày" (a phone photo of an insurance card): `partial_ratio` compares windows of the
    label's length and scores it 87.5; against the two words it is 94."""
    from classifiers.extract.health_insurance_card import SPECS, STOPS
    from classifiers.fields import read_fields
    from classifiers.text import find_label, fold

    hit = find_label(fold("điên ngày 08/03/2032").lower(), "den ngay", 88.0)
    assert hit is not None and (hit.start, hit.end) == (0, 9)
    assert find_label(fold("Giá trị sử dụng:").lower(), "den ngay", 88.0) is None
    lines = _lines([(100, 100, "Giá trị sử dụng:"), (100, 150, "từ ngày 09/03/2026"),
                    (100, 200, "điên ngày 08/03/2032")])
    fields = read_fields(lines, SPECS, STOPS)
    assert fields["date_of_expiry"].value == "2032-03-08" and fields["valid_from"].value == "2026-03-09"


def test_a_capital_i_or_l_inside_a_lower_case_word_is_an_i_when_that_makes_a_syllable():
    from classifiers.fields import normalise

    request = "Đề nghị xác nhận thông tin hộ {} đình để làm thủ tục vay vốn"
    assert normalise("text", request.format("gLa"))[0] == request.format("gia")
    assert normalise("text", "Xã ThIên An")[0] == "Xã Thiên An"
    assert normalise("text", "hộ gla đình")[0] == "hộ gla đình"  # no capital: not this rule's
    assert normalise("text", "bản sao CCCD")[0] == "bản sao CCCD"  # capitals only: an abbreviation


def test_a_period_read_inside_the_province_name_does_not_cut_the_address_before_it():
    """"thành phố Cân. Thơ" ends the address: what follows the province is dropped, the province is not."""
    read = "Bệnh viên Phụ sản thành phố Cần Thơ, thành phố Cân. Thơ"
    assert normalise("address", read)[0] == "Bệnh viện Phụ sản thành phố Cần Thơ, thành phố Cần Thơ"
    assert normalise("address", "Xóm 5, xã Nghi Thạch, huyện Nghi Lộc, tỉnh Nghệ. An 12/03")[0] == \
        "Xóm 5, xã Nghi Thạch, huyện Nghi Lộc, tỉnh Nghệ An"


def test_a_colon_read_between_two_lower_case_letters_is_a_space():
    assert normalise("text", "Tai biến mạch máu:não")[0] == "Tai biến mạch máu não"
    assert normalise("text", "Đơn đề nghị:cấp")[0] == "Đơn đề nghị cấp"
    assert normalise("text", "Số:12/XN")[0] == "Số:12/XN" and normalise("text", "HỌ:TÊN")[0] == "HỌ:TÊN"
