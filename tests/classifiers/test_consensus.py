"""Reconciling a doubtful reading with a trusted reading of the same value elsewhere in the dossier."""

from __future__ import annotations

from classifiers.consensus import reconcile
from classifiers.documents import DocumentSpan, ExtractedField, PageRef


def _doc(doc_type: str, fields: dict[str, tuple[str, float, str]]) -> DocumentSpan:
    return DocumentSpan(doc_type, 0.99, [PageRef("a.pdf", 0)],
                        {k: ExtractedField(v, c, s) for k, (v, c, s) in fields.items()})


CARD = _doc("cccd", {"id_number": ("036097688145", 0.995, "ocr"), "full_name": ("HOÀNG TIẾN TUẤN", 0.95, "qr"),
                     "date_of_birth": ("1997-03-29", 0.995, "ocr"),
                     "place_of_residence": ("Thôn Sơn Du, xã Kim Chung, huyện Đông Anh, thành phố Hà Nội", 0.95, "qr")})


def test_a_misread_handwritten_value_takes_the_trusted_value_in_its_printed_case():
    form = _doc("residence_declaration_form", {
        "full_name": ("OÀNG TIẾN TUẤN", 0.77, "ocr"), "household_head_id_number": ("06097688145", 0.3, "ocr"),
        "declarant_full_name": ("Hoàng Tiến Tuân", 0.7, "ocr"), "id_number": ("036097688145", 0.4, "ocr"),
        "date_of_birth": ("2943/7997", 0.3, "ocr")})
    _, fixed = reconcile([CARD, form])
    assert fixed.fields["full_name"].value == "HOÀNG TIẾN TUẤN"
    assert fixed.fields["declarant_full_name"].value == "Hoàng Tiến Tuấn"
    assert fixed.fields["household_head_id_number"].value == "036097688145"
    assert fixed.fields["date_of_birth"].value == "1997-03-29"
    assert all("corrected_from_dossier" in fixed.fields[n].flags
               for n in ("full_name", "declarant_full_name", "household_head_id_number", "date_of_birth"))


def test_a_relatives_different_name_is_left_alone():
    form = _doc("birth_registration_form", {"full_name": ("HOÀNG MINH TUẤN", 0.8, "ocr"),
                                            "father_full_name": ("HOÀNG TIẾN TUẤN", 0.8, "ocr")})
    _, same = reconcile([CARD, form])
    assert same.fields["full_name"].value == "HOÀNG MINH TUẤN" and not same.fields["full_name"].flags


def test_trusted_values_are_never_rewritten():
    other_card = _doc("cccd", {"full_name": ("HOÀNG TIẾN TUÂN", 0.96, "ocr")})
    _, kept = reconcile([CARD, other_card])
    assert kept.fields["full_name"].value == "HOÀNG TIẾN TUÂN"


def test_a_handwritten_id_with_several_confusable_digits_takes_the_cards_number():
    from classifiers.agreement import digit_distance

    assert round(digit_distance("936997688745", "036097688145"), 6) == 1.2  # three confusions; Levenshtein: 3
    assert digit_distance("036097688345", "036097688145") == 1.0
    form = _doc("residence_declaration_form", {"id_number": ("936997688745", 0.8, "ocr"),
                                               "household_head_id_number": ("036012345678", 0.8, "ocr")})
    _, fixed = reconcile([CARD, form])
    assert fixed.fields["id_number"].value == "036097688145"
    assert "corrected_from_dossier" in fixed.fields["id_number"].flags
    assert fixed.fields["household_head_id_number"].value == "036012345678"  # another person's number


def test_a_names_marks_are_those_most_papers_read_even_less_surely():
    """"CHU HẢI YẾN": the certificate and the confirmation read it right at 0.81–0.88, the card "YÊN" at 0.91
    (the tone over the capital's circumflex lost), the form "Chu Hỏi Yến". The card's one sure reading
    neither overrides the two papers nor stands: all four are "Yến"."""
    card = _doc("cccd", {"full_name": ("CHU HẢI YÊN", 0.914, "ocr")})
    certificate = _doc("birth_certificate", {"mother_full_name": ("CHU HẢI YẾN", 0.88, "ocr")})
    confirmation = _doc("residence_confirmation", {"member_1_full_name": ("CHU HẢI YẾN", 0.81, "ocr")})
    form = _doc("birth_registration_form", {"mother_full_name": ("Chu Hỏi Yến", 0.88, "ocr")})
    fixed = reconcile([card, certificate, confirmation, form])
    assert [f.value for d in fixed for f in d.fields.values()] == \
        ["CHU HẢI YẾN", "CHU HẢI YẾN", "CHU HẢI YẾN", "Chu Hải Yến"]
    # one paper against one: the sure reading stands and the doubtful one takes it
    fixed = reconcile([card, certificate])
    assert [f.value for d in fixed for f in d.fields.values()] == ["CHU HẢI YÊN", "CHU HẢI YÊN"]


def test_marks_one_sure_reading_has_and_others_lost_are_the_names_however_many_papers_lost_them():
    """"VÕ PHƯƠNG YẾN" read surely on a clean certificate; a photocopied confirmation (sure too) and the
    handwritten form read "YÊN", the acute over the circumflex lost: small print drops a mark far more often
    than it reads one that is not there, so two papers that lost it do not outvote the one that has it."""
    certificate = _doc("birth_certificate", {"mother_full_name": ("VÕ PHƯƠNG YẾN", 0.95, "ocr")})
    confirmation = _doc("residence_confirmation", {"member_1_full_name": ("VÕ PHƯƠNG YÊN", 0.93, "ocr")})
    form = _doc("birth_registration_form", {"mother_full_name": ("VÕ PHƯƠNG YÊN", 0.85, "ocr")})
    fixed_cert, _, fixed_form = reconcile([certificate, confirmation, form])
    assert fixed_cert.fields["mother_full_name"].value == "VÕ PHƯƠNG YẾN"
    assert fixed_form.fields["mother_full_name"].value == "VÕ PHƯƠNG YẾN"
    # marks that differ otherwise ("TIỀN" and "TIẾN") are no mark lost: the papers' count still decides
    certificate = _doc("birth_certificate", {"mother_full_name": ("VÕ PHƯƠNG TIẾN", 0.95, "ocr")})
    confirmation = _doc("residence_confirmation", {"member_1_full_name": ("VÕ PHƯƠNG TIỀN", 0.93, "ocr")})
    form = _doc("birth_registration_form", {"mother_full_name": ("VÕ PHƯƠNG TIỀN", 0.85, "ocr")})
    assert reconcile([certificate, confirmation, form])[2].fields["mother_full_name"].value == "VÕ PHƯƠNG TIỀN"


def test_an_id_with_a_digit_too_many_takes_the_one_reading_a_digit_from_it_trusted_or_not():
    """A card's "0790843224867" (13 digits: surely misread) and a form's 079084324867, read on a paper that is
    no reference (a citizen fills the CT01); two such readings, or a 12-digit misreading, change nothing."""
    def card(idn: str) -> DocumentSpan:
        return DocumentSpan("cccd", 0.99, [PageRef("a.jpg", 0)],
                            {"id_number": ExtractedField(idn, 0.3, "ocr", flags=("id_not_12_digits",))})

    form = _doc("residence_declaration_form", {"id_number": ("079084324867", 0.94, "ocr")})
    fixed, _ = reconcile([card("0790843224867"), form])
    got = fixed.fields["id_number"]
    assert got.value == "079084324867" and "corrected_from_dossier" in got.flags and got.confidence <= 0.6
    other = _doc("residence_declaration_form", {"household_head_id_number": ("079084322486", 0.94, "ocr")})
    both, _, _ = reconcile([card("0790843224867"), form, other])
    assert both.fields["id_number"].value == "0790843224867"  # two candidates: neither
    far, _ = reconcile([card("07908432248671"), form])
    assert far.fields["id_number"].value == "07908432248671"  # two digits too many
    head = _doc("residence_declaration_form", {"household_head_id_number": ("001086709447", 0.97, "ocr")})
    lost, _ = reconcile([card("1086709447"), head])  # a phone photo lost the leading "00"
    assert lost.fields["id_number"].value == "001086709447" and lost.fields["id_number"].confidence <= 0.6
    short, _ = reconcile([card("10867094"), head])  # eight digits: too little to tell
    assert short.fields["id_number"].value == "10867094"


def test_a_name_a_card_prints_as_its_qr_gives_it_outweighs_any_number_of_papers_misread_alike():
    """"THU THƯ" printed on the card and in its QR (kept as read, at the agreement's 0.995) against "THỦ THỨ"
    on the other papers, sure readings all: `vie` misreads the same bold capitals alike everywhere."""
    card = _doc("cccd", {"full_name": ("TRỊNH THỊ THU THƯ", 0.995, "ocr"), "old_id_number": ("209236775", 0.95, "qr")})
    papers = [_doc("birth_certificate", {"mother_full_name": ("TRỊNH THỊ THỦ THỨ", 0.96, "ocr"),
                                         "declarant_full_name": ("TRỊNH THỊ THỦ THỨ", 0.96, "ocr")}),
              _doc("birth_registration_form", {"mother_full_name": ("Trịnh Thị Thủ Thứ", 0.9, "ocr")}),
              _doc("cccd", {"full_name": ("TRỊNH THỊ THỦ THỨ", 0.96, "ocr")})]
    kept, cert, form, other = reconcile([card, *papers])
    assert kept.fields["full_name"].value == "TRỊNH THỊ THU THƯ"
    assert cert.fields["mother_full_name"].value == cert.fields["declarant_full_name"].value == "TRỊNH THỊ THU THƯ"
    assert form.fields["mother_full_name"].value == "Trịnh Thị Thu Thư"  # in the case it was written
    assert "corrected_from_dossier" in other.fields["full_name"].flags


def test_a_father_and_son_named_alike_but_for_a_mark_keep_their_own_spellings():
    """A death's dossier (fresh bench seed 10163): the father "BÙI BẢO HƯNG" died, his son "BÙI BẢO HÙNG"
    declares it; each one's card is read surely, the father's confirmed by its QR, and the father is named
    on more papers. Their ID numbers tell them apart: no paper takes the other's marks."""
    father, son = "001062148303", "001085689760"
    papers = [_doc("death_notice", {"full_name": ("BÙI BẢO HƯNG", 0.95, "ocr"), "id_number": (father, 0.97, "ocr")}),
              _doc("cccd", {"full_name": ("BÙI BẢO HÙNG", 0.995, "ocr"), "id_number": (son, 0.99, "ocr")}),
              _doc("residence_declaration_form", {
                  "full_name": ("BÙI BẢO HƯNG", 0.95, "ocr"), "id_number": (father, 0.96, "ocr"),
                  "household_head_full_name": ("BÙI BẢO HÙNG", 0.88, "ocr"),
                  "household_head_id_number": (son, 0.96, "ocr"),
                  "declarant_full_name": ("BÙI BẢO HÙNG", 0.87, "ocr")}),
              _doc("cccd", {"full_name": ("BÙI BẢO HƯNG", 0.995, "ocr"), "id_number": (father, 0.99, "ocr")})]
    notice, son_card, form, father_card = reconcile(papers)
    assert son_card.fields["full_name"].value == "BÙI BẢO HÙNG" and not son_card.fields["full_name"].flags
    assert form.fields["household_head_full_name"].value == form.fields["declarant_full_name"].value == "BÙI BẢO HÙNG"
    assert form.fields["full_name"].value == notice.fields["full_name"].value == "BÙI BẢO HƯNG"
    # a doubtful reading beside the son's number (a digit misread) never takes the father's spelling
    misread = _doc("residence_declaration_form", {"household_head_full_name": ("BÙI BẢO HỪNG", 0.7, "ocr"),
                                                  "household_head_id_number": ("001085689766", 0.96, "ocr")})
    assert reconcile([*papers, misread])[-1].fields["household_head_full_name"].value != "BÙI BẢO HƯNG"
    assert reconcile([*papers[:2], misread])[-1].fields["household_head_full_name"].value == "BÙI BẢO HÙNG"


def test_a_slash_read_inside_a_house_number_the_qr_confirms_without_it_goes():
    """"Số 13⁄9" on a card photographed by phone (a stroke of its pattern), "Số 139" on the other card of the
    household, printed and in its QR alike; a house number that differs otherwise is another house."""
    home = "Số 139 đường Tô Hiệu, phường Dư Hàng Kênh, quận Lê Chân, thành phố Hải Phòng"
    card = _doc("cccd", {"place_of_residence": (home, 0.995, "ocr")})
    for read, want in ((home.replace("139", "13/9"), home), (home.replace("139", "13/8"), None)):
        photo = _doc("cccd", {"place_of_residence": (read, 0.92, "ocr")})
        fixed = reconcile([card, photo])[1].fields["place_of_residence"]
        assert fixed.value == (want or read)


def test_a_sex_read_against_an_id_number_another_paper_confirms_is_the_numbers():
    receipt = _doc("other", {"title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0.91, "ocr"),
                             "id_number": ("048096354282", 0.97, "ocr")})
    letter = _doc("other", {"id_number": ("048096354282", 0.9, "ocr"), "sex": ("Nữ", 0.8, "ocr")})
    _, fixed = reconcile([receipt, letter])
    assert fixed.fields["sex"].value == "Nam" and "derived_from_id_number" in fixed.fields["sex"].flags
    (alone,) = reconcile([letter])  # its own number alone does not outweigh its reading
    assert alone.fields["sex"].value == "Nữ"


def test_a_birth_year_one_digit_from_an_id_number_another_paper_confirms_is_the_numbers():
    """A handwritten request's "30/04/1964" beside 031084820511, which the typed receipt reads too: the year is
    1984 (a handwritten 8 read 6); a year no confusable digit away, or a number no other paper reads, is kept."""
    receipt = _doc("other", {"title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0.91, "ocr"),
                             "id_number": ("031084820511", 0.97, "ocr")})
    letter = _doc("other", {"id_number": ("031084820511", 0.9, "ocr"), "date_of_birth": ("1964-04-30", 0.84, "ocr")})
    _, fixed = reconcile([receipt, letter])
    dob = fixed.fields["date_of_birth"]
    assert dob.value == "1984-04-30" and "derived_from_id_number" in dob.flags and dob.confidence <= 0.6
    (alone,) = reconcile([letter])
    assert alone.fields["date_of_birth"].value == "1964-04-30"
    far = _doc("other", {"id_number": ("031084820511", 0.9, "ocr"), "date_of_birth": ("1974-04-30", 0.84, "ocr")})
    assert reconcile([receipt, far])[1].fields["date_of_birth"].value == "1974-04-30"  # 7 for 8: not confused


def test_a_name_read_surely_one_letter_off_beside_its_holders_number_is_the_holders():
    """"VÕ ĐỨC THÀNH" read at 0.91 on a residence confirmation beside 079087287005, the number the ID card (and
    its QR) and three other papers give "VŨ ĐỨC THÀNH": an Ũ misread as Õ, not a second holder of the number.
    Two letters off, or with no other spelling to weigh it against, it stays."""
    card = _doc("cccd", {"id_number": ("079087287005", 0.995, "ocr"), "full_name": ("VŨ ĐỨC THÀNH", 0.995, "qr")})
    papers = [_doc(t, {"father_full_name": ("VŨ ĐỨC THÀNH", 0.93, "ocr"), "father_id_number": ("079087287005", 0.95,
                                                                                                "ocr")})
              for t in ("birth_registration_form", "birth_certificate")]
    confirmation = _doc("residence_confirmation", {"full_name": ("VÕ ĐỨC THÀNH", 0.9066, "ocr"),
                                                   "id_number": ("079087287005", 0.97, "ocr")})
    fixed = reconcile([card, *papers, confirmation])[-1].fields["full_name"]
    assert fixed.value == "VŨ ĐỨC THÀNH" and "corrected_from_dossier" in fixed.flags and fixed.confidence <= 0.8
    (kept,) = [d for d in reconcile([_doc("cccd", {"id_number": ("079087287005", 0.995, "ocr")}), confirmation])
               if d.type == "residence_confirmation"]
    assert kept.fields["full_name"].value == "VÕ ĐỨC THÀNH"  # nothing to weigh it against
    far = _doc("residence_confirmation", {"full_name": ("VÕ ĐỨC THẮNG", 0.9066, "ocr"),
                                          "id_number": ("079087287005", 0.97, "ocr")})
    assert reconcile([card, *papers, far])[-1].fields["full_name"].value == "VÕ ĐỨC THẮNG"
