"""The people a dossier knows: an ID number, name, date of birth or date of death a handwritten form left
unread or misread, restored from the trusted paper about the same person (fictitious people only)."""

from __future__ import annotations

from classifiers.consensus import reconcile
from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from classifiers.extract.residence_declaration_form import extract as ct01
from classifiers.fields import normalise
from tests.classifiers.test_extract import _lines


def _doc(doc_type: str, fields: dict[str, tuple]) -> DocumentSpan:
    """Fields as (value, confidence, source[, flags])."""
    return DocumentSpan(doc_type, 0.99, [PageRef("a.pdf", 0)],
                        {k: ExtractedField(*v[:3], flags=v[3] if len(v) > 3 else ()) for k, v in fields.items()})


CARD = _doc("cccd", {"id_number": ("038081558816", 0.995, "qr"), "full_name": ("Chu Văn Hùng", 0.995, "qr"),
                     "date_of_birth": ("1981-04-09", 0.995, "qr")})
HEAD_CARD = _doc("cccd", {"id_number": ("038086118469", 0.995, "qr"), "full_name": ("Đỗ Quang Nghĩa", 0.995, "qr"),
                          "date_of_birth": ("1986-02-11", 0.995, "qr")})


def test_an_unread_id_number_is_the_known_persons_with_the_same_name_and_birth_date():
    form = _doc("residence_declaration_form", {"full_name": ("CHU VĂN HÙNG", 0.8, "ocr"),
                                               "date_of_birth": ("1981-04-09", 0.8, "ocr"),
                                               "household_head_full_name": ("Đỗ Quang Nghĩa", 0.8, "ocr")})
    _, _, fixed = reconcile([CARD, HEAD_CARD, form])
    assert fixed.fields["id_number"].value == "038081558816"
    assert fixed.fields["id_number"].flags == ("filled_from_dossier",)
    assert fixed.fields["id_number"].confidence <= 0.6
    assert fixed.fields["household_head_id_number"].value == "038086118469"


def test_an_id_number_impossible_for_its_holder_is_replaced_a_possible_one_is_kept():
    wrong_year = _doc("residence_declaration_form", {"full_name": ("CHU VĂN HÙNG", 0.8, "ocr"),
                                                     "date_of_birth": ("1981-04-09", 0.8, "ocr"),
                                                     "id_number": ("0317477127", 0.3, "ocr")})
    _, fixed = reconcile([CARD, wrong_year])
    assert fixed.fields["id_number"].value == "038081558816"
    assert "corrected_from_dossier" in fixed.fields["id_number"].flags
    possible = _doc("residence_declaration_form", {"full_name": ("CHU VĂN HÙNG", 0.8, "ocr"),
                                                   "date_of_birth": ("1981-04-09", 0.8, "ocr"),
                                                   "id_number": ("001081234567", 0.8, "ocr")})
    _, kept = reconcile([CARD, possible])
    assert kept.fields["id_number"].value == "001081234567"


def test_no_id_number_is_filled_when_the_birth_date_disagrees_or_two_people_share_the_name():
    other_birth = _doc("residence_declaration_form", {"full_name": ("CHU VĂN HÙNG", 0.8, "ocr"),
                                                      "date_of_birth": ("2006-05-01", 0.8, "ocr")})
    _, kept = reconcile([CARD, other_birth])
    assert "id_number" not in kept.fields
    son = _doc("cccd", {"id_number": ("038206123456", 0.995, "qr"), "full_name": ("Chu Văn Hùng", 0.995, "qr"),
                        "date_of_birth": ("2006-05-01", 0.995, "qr")})
    head = _doc("residence_declaration_form", {"household_head_full_name": ("Chu Văn Hùng", 0.8, "ocr")})
    _, _, left = reconcile([CARD, son, head])
    assert "household_head_id_number" not in left.fields


def test_a_subject_read_in_part_is_the_one_known_person_born_that_day():
    form = _doc("residence_declaration_form", {"full_name": ("CWU", 0.7, "ocr"),
                                               "date_of_birth": ("1981-04-09", 0.8, "ocr")})
    _, _, fixed = reconcile([CARD, HEAD_CARD, form])
    assert fixed.fields["full_name"].value == "CHU VĂN HÙNG"  # in the case the form printed it
    assert "corrected_from_dossier" in fixed.fields["full_name"].flags
    assert fixed.fields["id_number"].value == "038081558816"
    stranger = _doc("residence_declaration_form", {"full_name": ("TRẦN", 0.7, "ocr"),
                                                   "date_of_birth": ("1981-04-09", 0.8, "ocr")})
    _, kept = reconcile([CARD, stranger])
    assert kept.fields["full_name"].value == "TRẦN"  # another family name: not that person


def test_an_unread_subject_name_comes_from_the_id_number_it_shares_with_a_card():
    form = _doc("residence_declaration_form", {"id_number": ("038081558816", 0.9, "ocr"),
                                               "household_head_full_name": ("ĐỖ QUANG NGHĨA", 0.8, "ocr")})
    _, fixed = reconcile([CARD, form])
    assert fixed.fields["full_name"].value == "CHU VĂN HÙNG"
    assert fixed.fields["full_name"].flags == ("filled_from_dossier",)


def test_a_date_of_birth_that_is_no_date_follows_the_person_named_and_numbered():
    form = _doc("residence_declaration_form", {"full_name": ("CHU VĂN HÙNG", 0.8, "ocr"),
                                               "id_number": ("038081558816", 0.8, "ocr")})
    form.fields["date_of_birth"] = ExtractedField("/4⁄21/7981", 0.3, "ocr", flags=("not_a_date",))
    _, fixed = reconcile([CARD, form])
    assert fixed.fields["date_of_birth"].value == "1981-04-09"
    assert "corrected_from_dossier" in fixed.fields["date_of_birth"].flags


def test_the_deregistration_of_a_dead_person_takes_the_date_of_death_from_the_notice():
    notice = _doc("death_notice", {"full_name": ("CHU VĂN HÙNG", 0.95, "ocr"),
                                   "id_number": ("038081558816", 0.95, "ocr"),
                                   "date_of_death": ("2026-02-24", 0.95, "ocr")})
    form = _doc("residence_declaration_form", {"full_name": ("CHU VĂN HÙNG", 0.8, "ocr")})
    _, fixed = reconcile([notice, form])
    assert fixed.fields["date_of_death"].value == "2026-02-24"
    assert fixed.fields["date_of_death"].flags == ("filled_from_dossier",)
    # a request read to its "chết ngày", the date lost at the line's end, ends with it
    cut = _doc("residence_declaration_form", {"full_name": ("CHU VĂN HÙNG", 0.8, "ocr"), "request_content": (
        "Xóa đăng ký thường trú đối với ông Chu Văn Hùng do đã chết ngày", 0.9, "ocr")})
    _, ended = reconcile([notice, cut])
    assert ended.fields["request_content"].value.endswith("do đã chết ngày 24/02/2026")
    assert "filled_from_dossier" in ended.fields["request_content"].flags


def test_a_death_notice_whose_date_was_lost_takes_the_one_the_deregistration_gives():
    """"Đã chết vào lúc: 17 giờ 10 phút, ngày": the notice's date lost at the line's end; the request to
    deregister the same person (ID number) gives one date of death. Two requests that disagree give none."""
    notice = _doc("death_notice", {"full_name": ("ĐINH NGỌC LOAN", 0.95, "ocr"),
                                   "id_number": ("038165123456", 0.95, "ocr"),
                                   "time_of_death": ("17 giờ 10 phút", 0.9, "ocr")})
    form = _doc("residence_declaration_form", {"full_name": ("Đỉnh Nooc Loan", 0.6, "ocr"),
                                               "id_number": ("038165123456", 0.9, "ocr"),
                                               "date_of_death": ("2026-04-27", 0.9, "ocr")})
    fixed, _ = reconcile([notice, form])
    death = fixed.fields["date_of_death"]
    assert death.value == "2026-04-27" and death.flags == ("filled_from_dossier",) and death.confidence <= 0.6
    other = _doc("residence_declaration_form", {"id_number": ("038165123456", 0.9, "ocr"),
                                                "date_of_death": ("2026-04-21", 0.9, "ocr")})
    alone, *_ = reconcile([notice, form, other])
    assert "date_of_death" not in alone.fields


def test_a_date_of_death_read_as_no_date_a_digit_off_the_notice_is_the_notice():
    notice = _doc("death_notice", {"full_name": ("LÊ XUÂN ĐẠT", 0.95, "ocr"),
                                   "id_number": ("048056371049", 0.95, "ocr"),
                                   "date_of_death": ("2026-07-16", 0.95, "ocr")})
    request = "Xóa đăng ký thường trú đối với ông Lê Xuân Đạt do đã chết ngày 16/47/2026"
    form = _doc("residence_declaration_form", {"full_name": ("LÊ XUÂN ĐẠT", 0.8, "ocr"),
                                               "request_content": (request, 0.9, "ocr"),
                                               "date_of_death": ("2026-47-16", 0.3, "ocr", ("not_a_date",))})
    _, fixed = reconcile([notice, form])
    assert fixed.fields["date_of_death"].value == "2026-07-16"
    assert fixed.fields["date_of_death"].flags == ("corrected_from_dossier",)
    assert fixed.fields["request_content"].value.endswith("chết ngày 16/07/2026")
    # a real date that differs is what the form says (a disagreement to report), and two digits off is
    # no misread of it
    for read in ("2026-07-18", "2026-47-19"):
        other = _doc("residence_declaration_form", {"full_name": ("LÊ XUÂN ĐẠT", 0.8, "ocr"),
                                                    "date_of_death": (read, 0.3, "ocr")})
        _, kept = reconcile([notice, other])
        assert kept.fields["date_of_death"].value == read

def test_the_one_stop_shop_receipt_is_a_typed_reference_a_request_letter_is_not():
    receipt = _doc("other", {"title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0.95, "ocr"),
                             "full_name": ("NGÔ HỮU NAM", 0.95, "ocr"), "id_number": ("079084378598", 0.95, "ocr")})
    letter = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ", 0.95, "ocr"), "full_name": ("Ngô Nam", 0.95, "ocr"),
                            "id_number": ("079084378598", 0.95, "ocr")})
    _, fixed = reconcile([receipt, letter])
    assert fixed.fields["full_name"].value == "Ngô Hữu Nam"
    _, kept = reconcile([letter, _doc("other", {"full_name": ("Ngô Hữu Nam", 0.95, "ocr")})])
    assert kept.fields["full_name"].value == "Ngô Hữu Nam"  # a letter is no reference for another letter


def test_a_request_letter_prints_a_birth_date_the_receipt_does_not():
    letter = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ CHỨNG THỰC", 0.95, "ocr"),
                            "full_name": ("Chu Văn Hùng", 0.9, "ocr")})
    receipt = _doc("other", {"title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0.95, "ocr"),
                             "full_name": ("CHU VĂN HÙNG", 0.9, "ocr")})
    _, filled, kept = reconcile([CARD, letter, receipt])
    assert filled.fields["date_of_birth"].value == "1981-04-09"
    assert "date_of_birth" not in kept.fields


def test_a_twelve_digit_number_with_a_look_alike_letter_is_not_cut_to_nine_digits():
    assert normalise("id", "04Ø098960646") == ("040098960646", ())  # Ø is a slashed zero
    assert normalise("id", "CMND 037280526") == ("037280526", ())


def test_form_items_are_read_above_the_members_table_and_not_from_a_longer_label():
    lines = _lines([
        (100, 100, "1. Họ, chữ đệm và"),
        (100, 200, "4. Số định danh cá -"),
        (100, 300, "7. Họ, chữ đệm và tên chủ hộ: ĐỖ HOÀNG HIẾU"),
        (100, 400, "9. Số định danh cá nhân của chủ hộ: 036087426274"),
        (100, 500, "11. Những thành viên trong hộ gia đình cùng thay đổi:"),
        (100, 600, "TT Họ, chữ đệm và tên Ngày sinh Giới tính Số định danh cá nhân Quan hệ với chủ hộ"),
        (100, 700, "1 VŨ THANH HẠNH 22/01/2003 Nữ 040303245275 Vợ"),
    ])
    fields, _ = ct01(lines, [])
    assert "full_name" not in fields and "id_number" not in fields  # not the head's, not the table's
    assert "sex" not in fields and "relationship_to_household_head" not in fields
    assert fields["household_head_full_name"].value == "ĐỖ HOÀNG HIẾU"
    assert fields["household_head_id_number"].value == "036087426274"


def test_a_row_split_into_two_columns_is_joined_back():
    lines = _lines([
        (100, 100, "1. Họ, chữ đệm"),
        (100, 200, "2. Ngày, tháng,"),
        (370, 100, "và tên: CHU VĂN HÙNG"),
        (370, 200, "năm sinh: 09/04/1981 3. Giới tính: Nam"),
    ])
    assert [ln.text for ln in lines] == ["1. Họ, chữ đệm và tên: CHU VĂN HÙNG",
                                         "2. Ngày, tháng, năm sinh: 09/04/1981 3. Giới tính: Nam"]


def test_a_kinship_label_read_without_its_last_space_still_names_its_value():
    lines = _lines([(100, 40, "4. Số định danh cá nhân: 079046123456"),
                    (100, 100, "7. Họ, chữ đệm và tên chủ hộ: DƯƠNG MẠNH MINH 8. Mối quan hệ với chủhộ: Bố"),
                    (100, 160, "9. Số định danh cá nhân của chủ hộ: 079046123456")])
    fields, _ = ct01(lines, [])
    assert fields["relationship_to_household_head"].value == "Bố"


def test_the_requests_fixed_opening_is_restored_and_names_the_new_home():
    from classifiers.extract.residence_declaration_form import restore_request

    def content(text: str) -> str:
        return restore_request(ExtractedField(text, 0.9, "ocr")).value

    assert content("Đăng ký thường rrú tại Số 31, ngõ 132") == "Đăng ký thường trú tại Số 31, ngõ 132"
    assert content("Đăng ký trú tại Thôn Trại") == "Đăng ký trú tại Thôn Trại"  # thường or tạm lost: as read
    assert content("Xóa đăng ký thủ ờng trú đôi với bà Cao Thanh Hằng") == \
        "Xóa đăng ký thường trú đối với bà Cao Thanh Hằng"
    assert content("Đăng ký tạm trú tại Số 5") == "Đăng ký tạm trú tại Số 5"  # another procedure: as read
    assert content("Đăng ký :hường trú rai Ấp Thới Trinh") == "Đăng ký thường trú tại Ấp Thới Trinh"  # "tại" misread
    assert content("Đăng ký tạm trú rai Ấp Thới Trinh") == "Đăng ký tạm trú rai Ấp Thới Trinh"
    assert content("Đăng ký ;hường rrú tại Thôn 3") == "Đăng ký thường trú tại Thôn 3"  # both words a letter off
    assert content("Đăng ký £hường trú :qi Thôn Sơn Du") == "Đăng ký thường trú tại Thôn Sơn Du"  # "tại" as ":qi"
    assert content("Đăng ký tạm ttú tại Thôn 3") == "Đăng ký tạm ttú tại Thôn 3"
    assert content("Xóa đăng ký thường trú đối với bà Võ Hải Thủy đo đã chết ngày 31/08/2026") == \
        "Xóa đăng ký thường trú đối với bà Võ Hải Thủy do đã chết ngày 31/08/2026"
    assert content("Xóa đăng ký thường trú đối với ông Trịnh Đức Phong do'đã chết ngày 22/03/2026") == \
        "Xóa đăng ký thường trú đối với ông Trịnh Đức Phong do đã chết ngày 22/03/2026"  # a speck between
    assert content("Xóa đăng ký thường trú đối với bù Võ Thị Thanh Anh do đã chết ngày 31/03/2026") == \
        "Xóa đăng ký thường trú đối với bà Võ Thị Thanh Anh do đã chết ngày 31/03/2026"  # "bà" a letter off
    assert content("Xóa đăng ký thường trú đối với bà Chu Thị Quỳnh do đã chết ngày 10 04 2026") == \
        "Xóa đăng ký thường trú đối với bà Chu Thị Quỳnh do đã chết ngày 10/04/2026"  # slashes read as spaces
    lines = _lines([(100, 100, "10. Nội dung đề nghị: Đăng ký trú tại Số 19], ngõ 24 Trương Định,"),
                    (100, 160, "phường Định Công, quận Hoàng Mai, thành phố Hà Nội")])
    fields, _ = ct01(lines, [])
    assert fields["new_place_of_residence"].value == \
        "Số 191, ngõ 24 Trương Định, phường Định Công, quận Hoàng Mai, thành phố Hà Nội"
    # the place is read as an address, in the request too
    lines = _lines([(100, 100, "10. Nội dung đề nghị: Đăng ký thường trú tại Xơm 7, xã Hải Anh, huyện Hải"),
                    (100, 160, "Hậu, tỉnh Nó¿n Định")])
    fields, _ = ct01(lines, [])
    assert fields["new_place_of_residence"].value == "Xóm 7, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"
    assert fields["request_content"].value == "Đăng ký thường trú tại Xóm 7, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"


def test_a_lone_consonant_before_a_vowel_opened_word_is_one_syllable_split():
    assert normalise("name", "PHAN T IẾN QUÂN") == ("PHAN TIẾN QUÂN", ())
    assert normalise("name", "Nguyễn Thị Ý Nhi") == ("Nguyễn Thị Ý Nhi", ())  # "Ý" is a word of its own
    assert normalise("name", "Lê Văn K Hà") == ("Lê Văn K Hà", ())  # no vowel after it: left for an officer
    # ending a name, a speck or the next item's number read as a letter ("VĂN TRUNG S8. Mối quan hệ")
    assert normalise("name", "NGUYỄN VĂN TRUNG S") == ("NGUYỄN VĂN TRUNG", ())
    assert normalise("name", "Lê Như Ý") == ("Lê Như Ý", ())  # a vowel is a syllable
    assert normalise("name", "AN B") == ("AN B", ())  # two words: too little left to tell


def test_a_fathers_id_number_read_from_the_mothers_line_is_replaced_by_his():
    father = _doc("cccd", {"id_number": ("036083923249", 0.995, "qr"), "full_name": ("Hồ Quang Dũng", 0.995, "qr"),
                           "date_of_birth": ("1983-05-02", 0.995, "qr")})
    form = _doc("birth_registration_form", {"father_full_name": ("Hồ Quang Dũng", 0.9, "ocr"),
                                            "father_id_number": ("036191510655", 0.9, "ocr")})  # a woman's number
    _, fixed = reconcile([father, form])
    assert fixed.fields["father_id_number"].value == "036083923249"
    assert "corrected_from_dossier" in fixed.fields["father_id_number"].flags


CERTIFICATE = _doc("birth_certificate", {"full_name": ("VŨ NGỌC DUNG", 0.95, "ocr"),
                                         "mother_full_name": ("CAO THỊ NGỌC NGÂN", 0.95, "ocr"),
                                         "mother_year_of_birth": ("2001", 0.97, "ocr"),
                                         "father_full_name": ("VŨ DUY PHÚC", 0.95, "ocr"),
                                         "father_year_of_birth": ("2000", 0.97, "ocr")})


def test_a_confident_handwritten_parents_year_yields_to_the_certificates_an_unread_one_is_filled():
    """A handwritten 1 read as 7 is read confidently: "2007" for the mother born in 2001."""
    form = _doc("birth_registration_form", {"mother_full_name": ("Cao Thị Ngọc Ngân", 0.9, "ocr"),
                                            "mother_year_of_birth": ("2007", 0.97, "ocr"),
                                            "father_full_name": ("Vũ Duy Phúc", 0.9, "ocr")})
    _, fixed = reconcile([CERTIFICATE, form])
    assert fixed.fields["mother_year_of_birth"].value == "2001"
    assert "corrected_from_dossier" in fixed.fields["mother_year_of_birth"].flags
    assert fixed.fields["father_year_of_birth"].value == "2000"
    assert fixed.fields["father_year_of_birth"].flags == ("filled_from_dossier",)
    assert fixed.fields["father_year_of_birth"].confidence <= 0.6
    typed = _doc("birth_certificate", {"mother_full_name": ("CAO THỊ NGỌC NGÂN", 0.9, "ocr"),
                                       "mother_year_of_birth": ("2007", 0.97, "ocr")})
    _, kept = reconcile([CERTIFICATE, typed])  # a typed paper's confident reading stands
    assert kept.fields["mother_year_of_birth"].value == "2007"


def test_the_certificates_parents_year_counts_for_the_same_childs_form_though_its_name_is_doubted():
    """The certificate's mother's name read with doubt (0.74) is no reference by name; the child's date of
    birth tells the two papers name the same mother."""
    doubted = _doc("birth_certificate", {"date_of_birth": ("2025-12-17", 0.97, "ocr"),
                                         "mother_full_name": ("PHẠM PHƯƠNG HOA", 0.74, "ocr"),
                                         "mother_year_of_birth": ("2001", 0.97, "ocr")})
    form = _doc("birth_registration_form", {"date_of_birth": ("2025-12-17", 0.96, "ocr"),
                                            "mother_full_name": ("Phạm Phương Hoa", 0.94, "ocr"),
                                            "mother_year_of_birth": ("2007", 0.97, "ocr")})
    _, fixed = reconcile([doubted, form])
    assert fixed.fields["mother_year_of_birth"].value == "2001"
    other_child = _doc("birth_registration_form", {**{k: (v.value, v.confidence, v.source)
                                                     for k, v in form.fields.items()},
                                                  "date_of_birth": ("2024-03-02", 0.96, "ocr")})
    assert reconcile([doubted, other_child])[1].fields["mother_year_of_birth"].value == "2007"


def test_a_declaring_parents_year_follows_from_the_declarants_id_number():
    from classifiers.validate import parent_years

    fields = {"date_of_birth": ExtractedField("2026-03-27", 0.9, "ocr"),
              "declarant_full_name": ExtractedField("CAO THỊ NGỌC NGÂN", 0.9, "ocr"),
              "declarant_id_number": ExtractedField("040301583178", 0.95, "ocr"),
              "mother_full_name": ExtractedField("Cao Thị Ngọc Ngân", 0.9, "ocr")}
    got = parent_years(fields)["mother_year_of_birth"]
    assert got.value == "2001" and got.flags == ("derived_from_id_number",)
    other = dict(fields, declarant_full_name=ExtractedField("VŨ DUY PHÚC", 0.9, "ocr"))
    assert "mother_year_of_birth" not in parent_years(other)


def test_the_members_a_residence_confirmation_lists_are_read_and_repair_a_parents_id_number():
    from classifiers.extract.residence_confirmation import members

    rows = [(100, 100, "15. Thông tin về các thành viên khác trong hộ gia đình:"), (100, 160, "TT Họ, chữ đệm và tên"),
            (100, 220, "L VÕ BẢO LINH"), (900, 222, "06/08/1987 Nữ 092187711170 Vợ"),
            (100, 280, "2NGÔ DIỆU TUYẾT 05/08/2026 Nữ 048326255761 Con"),
            (100, 340, "Giấy xác nhận có giá trị sử dụng 30 ngày kể từ ngày cấp.")]
    got = members(_lines(rows))
    assert {k: f.value for k, f in got.items()} == {
        "member_1_full_name": "VÕ BẢO LINH", "member_1_date_of_birth": "1987-08-06", "member_1_sex": "Nữ",
        "member_1_id_number": "092187711170", "member_1_relationship_to_household_head": "Vợ",
        "member_2_full_name": "NGÔ DIỆU TUYẾT", "member_2_date_of_birth": "2026-08-05", "member_2_sex": "Nữ",
        "member_2_id_number": "048326255761", "member_2_relationship_to_household_head": "Con"}
    confirmation = DocumentSpan("residence_confirmation", 0.99, [PageRef("a.pdf", 0)], got)
    form = _doc("birth_registration_form", {"mother_full_name": ("Võ Bảo Linh", 0.9, "ocr"),
                                            "mother_id_number": ("092787771170", 0.9, "ocr")})  # 1s read as 7s
    _, fixed = reconcile([confirmation, form])
    assert fixed.fields["mother_id_number"].value == "092187711170"
    assert "corrected_from_dossier" in fixed.fields["mother_id_number"].flags


def test_an_insurance_cards_name_cut_to_a_speck_is_the_holder_born_that_day():
    """A seal over the card took the name's last word ("CAO HỒNG È"): the one person the dossier knows with
    the card's date of birth and those first words is the holder; twins of one date and family name are not
    told apart, and a name read whole is left alone."""
    cert = _doc("birth_certificate", {"full_name": ("CAO HỒNG HIỀN", 0.95, "ocr"),
                                      "date_of_birth": ("2025-12-27", 0.97, "ocr"),
                                      "id_number": ("036325317843", 0.97, "ocr")})
    card = _doc("health_insurance_card", {"full_name": ("CAO HỒNG È", 0.86, "ocr"),
                                          "date_of_birth": ("2025-12-27", 0.9, "ocr")})
    _, fixed = reconcile([cert, card])
    assert fixed.fields["full_name"].value == "CAO HỒNG HIỀN"
    name = fixed.fields["full_name"]
    assert name.flags == ("corrected_from_dossier",) and name.confidence <= 0.6
    twin = _doc("birth_certificate", {"full_name": ("CAO HỒNG HẠNH", 0.95, "ocr"),
                                      "date_of_birth": ("2025-12-27", 0.97, "ocr"),
                                      "id_number": ("036325317851", 0.97, "ocr")})
    *_, kept = reconcile([cert, twin, card])
    assert kept.fields["full_name"].value == "CAO HỒNG È"
    other_day = _doc("health_insurance_card", {"full_name": ("CAO HỒNG È", 0.86, "ocr"),
                                               "date_of_birth": ("2025-12-28", 0.9, "ocr")})
    _, kept = reconcile([cert, other_day])
    assert kept.fields["full_name"].value == "CAO HỒNG È"


def test_an_insurance_cards_name_of_one_word_is_the_holder_born_that_day():
    """A phone photo lost the rest of the name's line ("DƯƠNG" of DƯƠNG HẢI CHI): no one's whole name is one
    word; the one person of that family name born on the card's date is the holder, her father is not."""
    cert = _doc("birth_certificate", {"full_name": ("DƯƠNG HẢI CHI", 0.94, "ocr"),
                                      "date_of_birth": ("2026-08-13", 0.97, "ocr"),
                                      "id_number": ("036326317843", 0.97, "ocr"),
                                      "father_full_name": ("DƯƠNG HOÀNG PHONG", 0.95, "ocr")})
    card = _doc("health_insurance_card", {"full_name": ("DƯƠNG", 0.97, "ocr"),
                                          "date_of_birth": ("2026-08-13", 0.94, "ocr")})
    _, fixed = reconcile([cert, card])
    name = fixed.fields["full_name"]
    assert name.value == "DƯƠNG HẢI CHI" and name.flags == ("corrected_from_dossier",) and name.confidence <= 0.6
    other = _doc("health_insurance_card", {"full_name": ("LƯƠNG", 0.97, "ocr"),
                                           "date_of_birth": ("2026-08-13", 0.94, "ocr")})
    _, kept = reconcile([cert, other])
    assert kept.fields["full_name"].value == "LƯƠNG"  # another family name: not hers


def test_a_typed_name_that_lost_its_family_name_is_the_dossiers_person():
    """"TIẾN MINH" read surely on a typed paper is no reference: two words whose first is no family name
    lost one. A two-word name opening with a family name is a name, and stays."""
    card = _doc("cccd", {"id_number": ("079082123456", 0.995, "qr"), "full_name": ("Nguyễn Tiến Minh", 0.995, "qr"),
                         "date_of_birth": ("1982-05-01", 0.995, "qr")})
    confirmation = _doc("residence_confirmation", {"full_name": ("TIẾN MINH", 0.94, "ocr")})
    _, fixed = reconcile([card, confirmation])
    assert fixed.fields["full_name"].value == "NGUYỄN TIẾN MINH"
    assert "corrected_from_dossier" in fixed.fields["full_name"].flags
    short = _doc("residence_confirmation", {"full_name": ("LÊ MINH", 0.94, "ocr")})
    other = _doc("cccd", {"id_number": ("079082654321", 0.995, "qr"), "full_name": ("Lê Minh Tú", 0.995, "qr"),
                          "date_of_birth": ("1982-05-01", 0.995, "qr")})
    _, kept = reconcile([other, short])
    assert kept.fields["full_name"].value == "LÊ MINH"
