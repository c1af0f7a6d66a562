"""Addresses read from small print and checked across the dossier; parents' years checked against the child
and the parents' ID numbers (fictitious people and house numbers only)."""

from __future__ import annotations

from classifiers.consensus import reconcile
from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from classifiers.extract import extract
from classifiers.extract.cccd import SPECS, STOPS
from classifiers.fields import normalise, read_fields
from classifiers.places import fix_address, flag_odd_spelling
from classifiers.validate import parent_years
from ocr.types import Word
from tests.classifiers.conftest import page_result
from tests.classifiers.test_extract import _lines


def _doc(doc_type: str, fields: dict[str, tuple[str, float]]) -> DocumentSpan:
    return DocumentSpan(doc_type, 0.99, [PageRef("a.pdf", 0)],
                        {k: ExtractedField(v, c, "ocr") for k, (v, c) in fields.items()})


def test_card_labels_are_found_by_their_vietnamese_half_when_the_english_one_is_garbled():
    lines = _lines([(600, 100, "Quê quán / oƒ orfgin:"), (600, 150, "Xã Hải Toàn, huyện Hải Hậu, tỉnh Nam Định"),
                    (600, 200, "Nơi thường trú / of residerice:"),
                    (600, 250, "Số 41 đường Lê Lợi, phường Ba Đình, thành phố Thanh Hóa, tỉnh Thanh Hóa")])
    fields = read_fields(lines, SPECS, STOPS)
    assert fields["place_of_origin"].value == "Xã Hải Toàn, huyện Hải Hậu, tỉnh Nam Định"
    assert fields["place_of_residence"].value == \
        "Số 41 đường Lê Lợi, phường Ba Đình, thành phố Thanh Hóa, tỉnh Thanh Hóa"


def test_a_value_keeps_its_first_word_when_the_labels_start_was_lost():
    """Only "Place of origin:" read, far right of the column: the value's "Xã" is still joined to it."""
    lines = _lines([(700, 100, "Place of origin:"), (600, 150, "Xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định")])
    assert read_fields(lines, SPECS, STOPS)["place_of_origin"].value == "Xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định"


def test_the_place_of_origin_without_a_label_is_the_address_printed_above_the_residence_label():
    """OCR may list the residence value before its own label: the origin is the line above the label."""
    rows = [(600, 100, "Quê quán / acc of orivin:"), (600, 150, "Phường Cầu Đất, quận Ngô Quyền, thành phố Hải Phòng"),
            (600, 250, "Xã Lập Lễ, huyện Thủy Nguyên, thành phố Hải Phòng"), (600, 200, "Nơi thường trú / oý:")]
    words = []
    for n, (x, y, text) in enumerate(rows):
        for token in text.split():
            words.append(Word(token, 0.9, (x, y, x + 18 * len(token), y + 40), 1, n))
            x += 18 * (len(token) + 1)
    from classifiers.text import page_lines

    lines = page_lines(page_result(words))
    lines = [lines[0], lines[1], lines[3], lines[2]]  # the residence value read before its label
    for i, line in enumerate(lines):
        line.index = i
    fields, _ = extract("cccd", lines, [])
    assert fields["place_of_origin"].value == "Phường Cầu Đất, quận Ngô Quyền, thành phố Hải Phòng"


def test_a_province_cut_short_or_misread_at_the_end_is_completed():
    assert fix_address("Xã Nhơn Ái, huyện Phong Điền, thành phố Cần") == \
        "Xã Nhơn Ái, huyện Phong Điền, thành phố Cần Thơ"
    assert fix_address("Phường Cầu Đất, quận Ngõ Quyền, thành phố HÃi") == \
        "Phường Cầu Đất, quận Ngô Quyền, thành phố Hải Phòng"
    assert fix_address("Xã Tân Phú Trung, huyện Củ Chi, thành phố Chú Minh").endswith("thành phố Hồ Chí Minh")
    assert fix_address("Xóm 5, xã Nghi Thạch, huyện Nghi Lộc, tính Nghệ Am").endswith("tỉnh Nghệ An")
    # quận Đống Đa lies in Hà Nội: "can" is no cut Cần Thơ there
    assert fix_address("Phường Kim Liên, quận Đống Đa, thành phố can").endswith("thành phố can")
    assert fix_address("Phường Ba Đình, thành phố Hà").endswith("thành phố Hà")  # two letters say nothing
    # ... unless the district names the city, whose first word they are
    assert fix_address("Phường Mân Thái, quận Sơn Trà, thành phố Đà").endswith("thành phố Đà Nẵng")
    assert fix_address("Phường Kim Liên, quận Đống Đa, thành phố Hà").endswith("thành phố Hà Nội")
    assert fix_address("Phường Kim Liên, quận Đống Đa, thành phố Hải").endswith("thành phố Hải")  # not Hà Nội's
    # the district's province with its last word read and its first garbled ("Nó¿n Định" after "huyện Hải Hậu")
    assert fix_address("Xóm 7, xã Hải Anh, huyện Hải Hậu, tỉnh Nó¿n Định").endswith("tỉnh Nam Định")
    assert fix_address("Xóm 7, xã Hải Anh, tỉnh Nó¿n Định").endswith("tỉnh Nó¿n Định")  # no district to go by
    # its first word lost: "Định" ends Nam Định and Bình Định, and the district says which
    assert fix_address("Xã Hải Toàn, huyện Hải Hậu, tỉnh Định").endswith("tỉnh Nam Định")
    assert fix_address("Xã Hải Toàn, tỉnh Định").endswith("tỉnh Định")
    # a city's "thành" lost and its name cut: "phố Hộ Chỉ" after "huyện Củ Chi", a district of Hồ Chí Minh only
    assert fix_address("Xã Phước Vĩnh An, huyện Củ Chi, phố Hộ Chỉ").endswith(", thành phố Hồ Chí Minh")
    assert fix_address("Xã Phước Vĩnh An, phố Hộ Chỉ").endswith(", phố Hộ Chỉ")  # no district to go by
    # the first word and a remnant of a letter or two: the end of a blurred line ("Dà j")
    assert fix_address("phường Thạch Thang, quận Hải Châu, thành phó Dà j").endswith("thành phố Đà Nẵng")
    assert fix_address("phường Thạch Thang, quận Hải Châu, thành phố Dà jxy").endswith("thành phố Dà jxy")


def test_ward_and_house_numbers_misread_as_letters_or_split_are_one_number():
    assert normalise("address", "Phường II, quận 3, thành phố Hồ Chí Minh")[0] == \
        "Phường 11, quận 3, thành phố Hồ Chí Minh"
    assert normalise("address", "Số 7, phường 1 I, quận 3, thành phố Hồ Chí Minh")[0] == \
        "Số 7, phường 11, quận 3, thành phố Hồ Chí Minh"
    assert normalise("address", "Số 1 10 đường Láng Hạ, phường Kim Liên, quận Đống Đa, thành phố Hà Nội")[0] \
        .startswith("Số 110 đường Láng Hạ")
    assert normalise("address", "Thôn Ia Lâm, xã Ia Tô, huyện Ia Grai, tỉnh Gia Lai")[0].startswith("Thôn Ia Lâm")
    assert normalise("address", "Bệnh viện Nhân dân 1 I5, thành phố Hồ Chí Minh")[0] == \
        "Bệnh viện Nhân dân 115, thành phố Hồ Chí Minh"
    # a street named for a date keeps its day: "ngõ 79" then "30 Tháng 4"
    assert normalise("address", "Số 249, ngõ 79 30 Tháng 4, phường Tân An, quận Ninh Kiều, thành phố Cần Thơ")[0] \
        .startswith("Số 249, ngõ 79 30 Tháng 4,")
    assert fix_address("9, quận 3, thàna-phố Hồ Chí Minh") == "9, quận 3, thành phố Hồ Chí Minh"


def test_an_address_with_an_odd_word_is_doubtful_and_taken_from_the_dossier():
    odd = flag_odd_spelling(ExtractedField("Xã Nghi Loj g, huyện Nghi Lộc, tỉnh Nghệ An", 0.93, "ocr"))
    assert odd.flags == ("unusual_spelling",) and odd.confidence == 0.6
    sound = ExtractedField("Số 12/3 Lê Lợi, phường Điện Biên, tỉnh Thanh Hóa", 0.93, "ocr")
    assert flag_odd_spelling(sound) is sound
    card = DocumentSpan("cccd", 0.99, [PageRef("a.pdf", 0)], {"place_of_origin": odd})
    right = "Xã Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An"
    confirmation = _doc("residence_confirmation", {"place_of_origin": (right, 0.95)})
    fixed = reconcile([card, confirmation])[0].fields["place_of_origin"]
    assert fixed.value == "Xã Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An" and "corrected_from_dossier" in fixed.flags


def test_a_trusted_address_two_other_papers_contradict_is_a_misread():
    right = "Số 16 đường Hàng Kênh, phường Niệm Nghĩa, quận Lê Chân, thành phố Hải Phòng"
    card = _doc("cccd", {"place_of_residence": ("Số 16 đường Hàng Kảnh, phường Niệm Nghĩa, quận Lê Chân, "
                                                "thành phố Hải Phòng", 0.96)})
    confirmation = _doc("residence_confirmation", {"place_of_residence": (right, 0.96),
                                                   "current_residence": (right, 0.96)})
    notice = _doc("death_notice", {"place_of_residence": (right, 0.95)})
    fixed = reconcile([card, confirmation, notice])[0].fields["place_of_residence"]
    assert fixed.value == right and fixed.flags == ("corrected_from_dossier",) and fixed.confidence == 0.8
    # one paper (two of its fields) is not a majority: both trusted readings stay
    assert reconcile([card, confirmation])[0].fields["place_of_residence"].value != right
    # another house number is another address, however close
    other = _doc("cccd", {"place_of_residence": (right.replace("Số 16", "Số 18"), 0.96)})
    assert reconcile([other, confirmation, notice])[0].fields["place_of_residence"].value.startswith("Số 18")


def test_an_address_its_own_paper_reads_otherwise_in_another_field_is_a_misread_when_another_paper_agrees():
    """The confirmation prints the same address as residence and as current address; one of them read
    "Võ Văn Tân" against "Võ Văn Tần" on the other and on the card. Without the card, or with a paper for the
    reading, both stay."""
    right = "203/31 Võ Văn Tần, phường 9, quận 3, thành phố Hồ Chí Minh"
    misread = right.replace("Tần", "Tân")
    confirmation = _doc("residence_confirmation", {"place_of_residence": (misread, 0.95),
                                                   "current_residence": (right, 0.95)})
    card = _doc("cccd", {"place_of_residence": (right, 0.93)})
    fixed = reconcile([confirmation, card])
    assert fixed[0].fields["place_of_residence"].value == right
    assert fixed[0].fields["place_of_residence"].flags == ("corrected_from_dossier",)
    assert fixed[1].fields["place_of_residence"].value == right  # the card is not outvoted by its misread
    assert reconcile([confirmation])[0].fields["place_of_residence"].value == misread
    notice = _doc("death_notice", {"place_of_residence": (misread, 0.95)})
    assert reconcile([confirmation, card, notice])[0].fields["place_of_residence"].value == misread


def test_a_house_numbers_slash_read_as_a_1_is_a_misread_not_another_house():
    right = "81/10 Tô Hiệu, phường Niệm Nghĩa, quận Lê Chân, thành phố Hải Phòng"
    confirmation = _doc("residence_confirmation", {"place_of_residence": (right, 0.97),
                                                   "current_residence": (right.replace("81/10", "81110"), 0.94)})
    card = _doc("cccd", {"place_of_residence": (right, 0.99)})
    fixed = reconcile([confirmation, card])[0].fields["current_residence"]
    assert fixed.value == right and fixed.flags == ("corrected_from_dossier",)
    other = _doc("residence_confirmation", {"place_of_residence": (right, 0.97),
                                            "current_residence": (right.replace("81/10", "81/16"), 0.94)})
    assert reconcile([other, card])[0].fields["current_residence"].value.startswith("81/16")  # another house


def test_a_ward_read_without_its_last_word_is_the_one_ward_of_its_district_the_dossier_names():
    """A form's new residence "phường Niệm" (unknown to Lê Chân): the card names "phường Niệm Nghĩa" there."""
    from classifiers.consensus import ward_completed
    from classifiers.gazetteer import named_units

    home = "149/18 Tô Hiệu, phường Niệm Nghĩa, quận Lê Chân, thành phố Hải Phòng"
    read = "Số 227, ngõ 135 Tô Hiệu, phường Niệm, quận Lê Chân, thành phố Hải Phòng"
    fields = {"new_place_of_residence": ExtractedField(read, 0.6, "ocr", flags=("unknown_ward",))}
    ward_completed(fields, named_units([home])[0])
    fixed = fields["new_place_of_residence"]
    assert fixed.value == read.replace("Niệm,", "Niệm Nghĩa,") and fixed.flags == ("corrected_from_dossier",)
    elsewhere = {"new_place_of_residence": ExtractedField(read, 0.6, "ocr", flags=("unknown_ward",))}
    ward_completed(elsewhere, named_units(["Phường Lạch Tray, quận Ngô Quyền, thành phố Hải Phòng"])[0])
    assert elsewhere["new_place_of_residence"].value == read  # no ward of Lê Chân named: nothing to go by


def test_a_trusted_address_naming_no_real_commune_takes_the_one_paper_that_names_one_tone_marks_apart():
    """Hoằng Hóa has a Hoằng Quỳ and a Hoằng Quý: the card's "Hoằng Quỹ" is either, and the confirmation,
    one paper, says which. A reading that names a real commune is kept against one paper."""
    right = "Xã Hoằng Quỳ, huyện Hoằng Hóa, tỉnh Thanh Hóa"
    confirmation = _doc("residence_confirmation", {"place_of_origin": (right, 0.96)})
    card = _doc("cccd", {"place_of_origin": (right.replace("Quỳ", "Quỹ"), 0.91)})
    fixed = reconcile([card, confirmation])[0].fields["place_of_origin"]
    assert fixed.value == right and fixed.flags == ("corrected_from_dossier",)
    real = _doc("cccd", {"place_of_origin": (right.replace("Quỳ", "Quý"), 0.91)})
    assert reconcile([real, confirmation])[0].fields["place_of_origin"].value == real.fields["place_of_origin"].value


def test_an_address_cut_after_a_unit_word_is_doubted_and_takes_the_one_reference_it_opens():
    """A card's place of origin read "Xã Giai Xuân, huyện": the rest of it was read after the next label."""
    card = _doc("cccd", {"place_of_origin": ("Xã Giai Xuân, huyện", 0.97)})
    card.fields["place_of_origin"] = flag_odd_spelling(card.fields["place_of_origin"])
    assert card.fields["place_of_origin"].flags == ("address_cut",)
    assert card.fields["place_of_origin"].confidence <= 0.6
    whole = ExtractedField("Xã Tứ Xã, huyện Lâm Thao, tỉnh Phú Thọ", 0.97, "ocr")  # a name ending in "Xã"
    assert flag_odd_spelling(whole) == whole
    number_lost = flag_odd_spelling(ExtractedField("Phường, quận Bình Thạnh, thành phố Hồ Chí Minh", 0.88, "ocr"))
    assert number_lost.flags == ("address_cut",) and number_lost.confidence <= 0.6  # "Phường 1": its number lost
    right = "Xã Giai Xuân, huyện Phong Điền, thành phố Cần Thơ"
    confirmation = _doc("residence_confirmation", {"place_of_origin": (right, 0.97)})
    fixed = reconcile([card, confirmation])[0].fields["place_of_origin"]
    assert fixed.value == right and fixed.flags == ("corrected_from_dossier",) and fixed.confidence == 0.8
    # two references it opens: no telling which
    other = _doc("birth_certificate", {"father_place_of_residence": (right.replace("Cần Thơ", "Huế"), 0.97)})
    assert reconcile([card, confirmation, other])[0].fields["place_of_origin"].value == "Xã Giai Xuân, huyện"


def test_a_garbled_vietnamese_label_half_still_sets_the_values_column():
    """"Quê qiảán / Place of origin:": the value under it starts at the label's column, a lost word's gap
    after its first words notwithstanding ("Xã Giai [Xuân,] huyện Phong Điền")."""
    lines = _lines([(600, 100, "Quê qiảán / Place of origin:"), (600, 150, "Xã Giai"),
                    (800, 150, "huyện Phong Điền, thành phố Cần Thơ")])
    assert read_fields(lines, SPECS, STOPS)["place_of_origin"].value.startswith("Xã Giai")


def test_an_address_naming_another_real_ward_is_a_relatives_not_a_misread():
    """The mother's card says "Hoằng Đạo", the father's papers "Hoằng Quỳ": both communes of Hoằng Hóa, three
    letters apart. Neither the trusted reading nor a doubted one is taken for the other; a misread is."""
    father = "Xã Hoằng Quỳ, huyện Hoằng Hóa, tỉnh Thanh Hóa"
    papers = [_doc("birth_certificate", {"place_of_origin": (father, 0.96)}),
              _doc("residence_confirmation", {"place_of_origin": (father, 0.96)})]
    for confidence in (0.96, 0.5):
        mother = _doc("cccd", {"place_of_origin": (father.replace("Quỳ", "Đạo"), confidence)})
        assert reconcile([mother, *papers])[0].fields["place_of_origin"].value == father.replace("Quỳ", "Đạo")
    misread = _doc("cccd", {"place_of_origin": (father.replace("Quỳ", "Ouỳ"), 0.96)})
    assert reconcile([misread, *papers])[0].fields["place_of_origin"].value == father


def test_an_untrusted_address_that_lost_its_opening_unit_word_is_the_trusted_one():
    right = "Phường Điện Biên, thành phố Thanh Hóa, tỉnh Thanh Hóa"
    form = _doc("birth_registration_form", {"place_of_origin": (right.removeprefix("Phường "), 0.96)})
    cert = _doc("birth_certificate", {"place_of_origin": (right, 0.96)})
    assert reconcile([form, cert])[0].fields["place_of_origin"].value == right


def test_an_unread_place_of_origin_is_the_one_another_paper_gives_the_same_id_number():
    card = _doc("cccd", {"id_number": ("038081000123", 0.97), "full_name": ("LÊ VĂN BÌNH", 0.97)})
    origin = "Xã Hoằng Quỳ, huyện Hoằng Hóa, tỉnh Thanh Hóa"
    confirmation = _doc("residence_confirmation", {"id_number": ("038081000123", 0.96),
                                                   "place_of_origin": (origin, 0.96)})
    filled = reconcile([card, confirmation])[0].fields["place_of_origin"]
    assert filled.value == "Xã Hoằng Quỳ, huyện Hoằng Hóa, tỉnh Thanh Hóa"
    assert filled.flags == ("filled_from_dossier",) and filled.confidence == 0.6
    stranger = _doc("cccd", {"id_number": ("038081000999", 0.97)})
    assert "place_of_origin" not in reconcile([stranger, confirmation])[0].fields


def test_a_subject_known_with_and_without_a_birth_date_is_one_person():
    card = _doc("cccd", {"full_name": ("LÊ VĂN BÌNH", 0.97), "id_number": ("038081000123", 0.97),
                         "date_of_birth": ("1981-05-04", 0.97)})
    confirmation = _doc("residence_confirmation", {"household_head_full_name": ("LÊ VĂN BÌNH", 0.96),
                                                   "household_head_id_number": ("038081000123", 0.96)})
    form = _doc("residence_declaration_form", {"id_number": ("038081000123", 0.7)})
    named = reconcile([card, confirmation, form])[2].fields["full_name"]
    assert named.value == "Lê Văn Bình" and named.flags == ("filled_from_dossier",)  # forms print it so


def test_a_misread_item_number_after_a_value_is_not_part_of_it():
    lines = _lines([(300, 100, "12. Họ, chữ đệm và tên chủ hộ: LÊ VĂN BÌNH I3. Quan hệ với chủ hộ: Chủ hộ"),
                    (300, 150, "14. Số định danh cá nhân của chủ hộ: 038081000123")])
    fields, _ = extract("residence_confirmation", lines, [])
    assert fields["household_head_full_name"].value == "LÊ VĂN BÌNH"


def test_parents_years_are_checked_against_the_child_and_the_parents_id_numbers():
    def year(v: str, flags: tuple[str, ...] = ()) -> ExtractedField:
        return ExtractedField(v, 0.9, "ocr", flags=flags)

    child = ExtractedField("2026-03-01", 0.9, "ocr")
    mother_id, father_id = ExtractedField("036187000123", 0.9, "ocr"), ExtractedField("036083000456", 0.9, "ocr")
    out = parent_years({"date_of_birth": child, "mother_id_number": mother_id, "father_id_number": father_id,
                        "father_year_of_birth": year("2026")})
    assert out["mother_year_of_birth"].value == "1987"
    assert out["mother_year_of_birth"].flags == ("derived_from_id_number",)
    assert out["father_year_of_birth"].value == "1983" and out["father_year_of_birth"].confidence <= 0.6
    # a plausible reading is never rewritten, even when the ID disagrees (either may be misread)
    out = parent_years({"date_of_birth": child, "mother_id_number": mother_id, "mother_year_of_birth": year("1989")})
    assert out["mother_year_of_birth"].value == "1989"
    # no ID: an impossible year with one plausible confused-digit reading takes it, flagged
    out = parent_years({"date_of_birth": child, "mother_year_of_birth": year("7991")})
    assert out["mother_year_of_birth"].value == "1991" and "digits_repaired" in out["mother_year_of_birth"].flags
    # several plausible readings (1980, 1990), or the child's own year (another item read): only flagged
    for read in ("1900", "2026"):
        out = parent_years({"date_of_birth": child, "father_year_of_birth": year(read)})
        assert out["father_year_of_birth"].value == read
        assert "implausible_parent_age" in out["father_year_of_birth"].flags


def test_a_misread_unit_word_before_a_number_is_restored_a_garbled_label_dropped():
    from classifiers.extract.cccd import clean_place as clean

    assert clean("Xem 5, xã Nghi Thạch, huyện Nghi Lộc, tỉnh Nghệ An").startswith("Xóm 5, xã Nghi Thạch")
    assert clean("Có giá trị đến: Thôn 2, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định").startswith("Thôn 2, xã Hải Anh")
    assert clean("ăm 5, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định").startswith("5, xã")  # too short to say


def test_a_card_value_is_not_continued_past_the_next_label():
    """The origin's line is cut short ("Xã"); the line under it in the value column is the residence's,
    below the residence label printed further right."""
    lines = _lines([(600, 100, "Quê quán / Place of origin:"), (600, 150, "Xã"),
                    (760, 200, "trú / Place of residence:"),
                    (600, 250, "Ấp 1, xã Tân Phú Trung, huyện Củ Chi, thành phố Hồ Chí Minh")])
    assert read_fields(lines, SPECS, STOPS)["place_of_origin"].value == "Xã"


def test_a_word_read_in_capitals_in_a_mixed_case_address_is_capitalised_like_the_rest():
    assert fix_address("Xã HẢI Toàn, huyện HẢI Hậu, tỉnh Nam Định") == "Xã Hải Toàn, huyện Hải Hậu, tỉnh Nam Định"
    kept = "Khu II, KCN Tân Bình, quận Tân Phú, thành phố Hồ Chí Minh"  # numerals, abbreviations
    assert fix_address(kept) == kept
    # a capitalised word ending in a capital: an "i" read "I"
    assert fix_address("Xã Kiền BáI, huyện Thủy Nguyên, thành phố Hải Phòng").startswith("Xã Kiền Bái,")
    assert fix_address("Xã Ea H'Leo, tỉnh Đắk Lắk") == "Xã Ea H'Leo, tỉnh Đắk Lắk"


def test_a_district_unit_word_a_letter_off_before_a_district_name_is_restored():
    assert fix_address("Phường 5, guận 3, thành phố Hồ Chí Minh") == "Phường 5, quận 3, thành phố Hồ Chí Minh"
    assert fix_address("Phường Kim Liên, guận Đống Đa, thành phố Hà Nội").startswith("Phường Kim Liên, quận Đống Đa")
    # not before a name no district has, nor as an address's first part (a hamlet's "Quan")
    assert fix_address("Phường 5, guận Mười Hai, thành phố Hồ Chí Minh").startswith("Phường 5, guận Mười Hai")
    assert fix_address("Tuan 3, xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định").startswith("Tuan 3")


def test_a_commune_the_gazetteer_lacks_read_alike_on_papers_outvotes_one_papers_correction_to_a_listed_one():
    """Hải Hậu's "Xã Hải Toàn" is not in the gazetteer: three papers print it (each doubted, `unknown_ward`),
    and a phone photo of the ID card read it doubtfully, so the gazetteer took it for "Hải Tân", one letter
    off. The three papers that agree outvote the one correction; one paper alone does not."""
    printed = "Xã Hải Toàn, huyện Hải Hậu, tỉnh Nam Định"
    card = DocumentSpan("cccd", 0.99, [PageRef("a.jpg", 0)], {"place_of_origin": ExtractedField(
        printed.replace("Toàn", "Tân"), 0.9, "ocr", flags=("corrected_from_gazetteer",))})

    def paper(doc_type: str) -> DocumentSpan:
        return DocumentSpan(doc_type, 0.99, [PageRef("a.pdf", 0)], {"place_of_origin": ExtractedField(
            printed, 0.6, "ocr", flags=("unknown_ward",))})

    papers = reconcile([card, paper("birth_certificate"), paper("residence_confirmation")])
    assert [d.fields["place_of_origin"].value for d in papers] == [printed] * 3
    assert papers[0].fields["place_of_origin"].flags == ("corrected_from_gazetteer", "corrected_from_dossier")
    assert papers[1].fields["place_of_origin"].flags == ("unknown_ward",)  # still doubted: the list lacks it
    alone = reconcile([card, paper("birth_certificate")])
    assert [d.fields["place_of_origin"].value for d in alone] == [card.fields["place_of_origin"].value] * 2
