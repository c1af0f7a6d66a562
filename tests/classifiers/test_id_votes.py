"""ID numbers and names checked against the rest of the dossier: readings voted digit by digit, a number cut
short or read with a digit too many, a household head's year against the stated kinship, a parent's year
from the birth certificate, name marks outvoted, a card expiry one digit from the law's."""

from __future__ import annotations

from classifiers.consensus import reconcile
from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from classifiers.extract.cccd import _expiry
from classifiers.fields import Spec, read_fields
from classifiers.people import people
from classifiers.text import page_lines
from classifiers.validate import drop_extra_digit, head_id_by_relationship, validate_fields
from tests.classifiers.conftest import page_from_text, page_result


def _doc(doc_type: str, fields: dict[str, tuple[str, float, str]]) -> DocumentSpan:
    return DocumentSpan(doc_type, 0.99, [PageRef("a.pdf", 0)],
                        {k: ExtractedField(v, c, s) for k, (v, c, s) in fields.items()})


def _f(value: str, conf: float = 0.8, flags: tuple[str, ...] = ()) -> ExtractedField:
    return ExtractedField(value, conf, "ocr", flags=flags)


# --- three doubtful readings of one number, voted digit by digit -------------------------------------------

def _vote_dossier(card_id: str, form_id: str, head_id: str, head_name: str = "Hồ Văn Sơn") -> list[DocumentSpan]:
    form = _doc("residence_declaration_form", {"full_name": ("Hồ Văn Sơn", 0.95, "ocr"),
                                               "id_number": (form_id, 0.76, "ocr"),
                                               "household_head_full_name": (head_name, 0.8, "ocr"),
                                               "household_head_id_number": (head_id, 0.82, "ocr")})
    card = _doc("cccd", {"id_number": (card_id, 0.82, "ocr"), "full_name": ("HỒ VĂN SƠN", 0.97, "ocr")})
    return reconcile([form, card])


def test_three_doubtful_readings_of_one_number_are_voted_digit_by_digit():
    form, card = _vote_dossier("079200659188", "079200659786", "079200659186")
    assert card.fields["id_number"].value == "079200659186"
    assert form.fields["id_number"].value == "079200659186"
    assert "corrected_from_dossier" in card.fields["id_number"].flags
    assert card.fields["id_number"].confidence <= 0.6
    assert form.fields["household_head_id_number"].flags == ()  # the majority reading is left as read


def test_no_vote_without_a_majority_at_every_digit_or_for_another_person():
    form, card = _vote_dossier("079200659188", "079200659786", "079200659183")  # last digit 8/6/3
    assert card.fields["id_number"].value == "079200659188"
    assert form.fields["id_number"].value == "079200659786"
    form, card = _vote_dossier("079200659188", "079200659786", "079200659186", head_name="Lê Thị Mai")
    assert card.fields["id_number"].value == "079200659188"  # only two readings beside one name


def test_a_trusted_reading_is_not_outvoted():
    form = _doc("residence_declaration_form", {"full_name": ("Hồ Văn Sơn", 0.95, "ocr"),
                                               "id_number": ("079200659786", 0.76, "ocr"),
                                               "household_head_full_name": ("Hồ Văn Sơn", 0.8, "ocr"),
                                               "household_head_id_number": ("079200659786", 0.82, "ocr")})
    card = _doc("cccd", {"id_number": ("079200659186", 0.995, "ocr"), "full_name": ("HỒ VĂN SƠN", 0.995, "ocr")})
    form, card = reconcile([form, card])
    assert card.fields["id_number"].value == "079200659186"
    assert form.fields["id_number"].value == "079200659186"  # the card's, by the older rule


# --- a parent's number cut short, or with a digit too many ------------------------------------------------

def _birth_dossier(mother_id: str, mother_year: str, with_card: bool = True) -> list[DocumentSpan]:
    form = _doc("birth_registration_form", {"mother_full_name": ("HOÀNG HỒNG TRANG", 0.9, "ocr"),
                                            "mother_year_of_birth": (mother_year, 0.3, "ocr"),
                                            "mother_id_number": (mother_id, 0.68, "ocr")})
    form.fields["mother_year_of_birth"] = _f(mother_year, 0.3, ("digits_repaired",))
    cert = _doc("birth_certificate", {"mother_full_name": ("HOÀNG HỒNG TRANG", 0.95, "ocr"),
                                      "mother_year_of_birth": ("1999", 0.966, "ocr")})
    card = _doc("cccd", {"id_number": ("038199757534", 0.995, "ocr"), "full_name": ("HOÀNG HỒNG TRANG", 0.995, "ocr"),
                         "date_of_birth": ("1999-12-20", 0.95, "qr")})
    return reconcile([form, cert, card] if with_card else [form, cert])


def test_a_number_cut_short_by_a_stray_mark_is_the_persons_number():
    form = _birth_dossier("799757534", "1999")[0]  # "23&799757534": a misread 1 and a lost "038"
    assert form.fields["mother_id_number"].value == "038199757534"
    assert "corrected_from_dossier" in form.fields["mother_id_number"].flags


def test_a_nine_digit_number_unlike_the_persons_is_kept():
    form = _birth_dossier("205766762", "1999")[0]  # an old card number: no part of the 12-digit one
    assert form.fields["mother_id_number"].value == "205766762"


def test_a_parent_year_misread_is_the_certificates_year_for_that_name():
    form = _birth_dossier("", "1969", with_card=False)[0]  # no card of the mother's: the certificate's year
    assert form.fields["mother_year_of_birth"].value == "1999"
    assert "corrected_from_dossier" in form.fields["mother_year_of_birth"].flags
    form = _birth_dossier("", "2072", with_card=False)[0]  # no digit in common: another item, not a misread
    assert form.fields["mother_year_of_birth"].value == "2072"


def test_a_thirteen_digit_reading_loses_the_digit_the_year_of_birth_points_to():
    assert drop_extra_digit("0361783764158", year="1983", sex="Nữ") == "036183764158"
    assert drop_extra_digit("0361783764158", sex="Nữ") is None  # several possible numbers without a year
    assert drop_extra_digit("0361783764158", year="1990", sex="Nữ") is None
    fields = validate_fields({"mother_id_number": _f("0361783764158", 0.3),
                              "mother_year_of_birth": _f("1983", 0.8, ("corrected_from_dossier",))})
    assert fields["mother_id_number"].value == "036183764158"
    assert "digits_repaired" in fields["mother_id_number"].flags


# --- the household head's year against the kinship the form states ------------------------------------------

def _head(relationship: str, head_id: str, born: str = "1941-05-04") -> ExtractedField:
    fields = {"relationship_to_household_head": _f(relationship, 0.9), "date_of_birth": _f(born, 0.9),
              "household_head_id_number": _f(head_id, 0.8)}
    head_id_by_relationship(fields)
    return fields["household_head_id_number"]


def test_a_heads_year_impossible_for_his_mothers_age_takes_the_one_fitting_digit():
    f = _head("Mẹ", "031097920962")  # mother 56 at his birth: the 7 was a 1
    assert f.value == "031091920962" and f.flags == ("digits_repaired",) and f.confidence <= 0.6


def test_a_heads_year_that_fits_the_kinship_is_left_alone():
    assert _head("Mẹ", "031075920962").value == "031075920962"
    assert _head("Vợ", "031097920962").value == "031097920962"  # no generation fixed by a spouse
    assert _head("Mẹ", "001092185011", born="1941-10-19").value == "001092185011"  # 51 years apart: aged 50
    f = _head("Con", "031212920962", born="1995-01-01")  # the subject a child born before the head
    assert f.value == "031212920962" and "id_year_disagrees_with_relationship" in f.flags


# --- names: a spelling tie, marks outvoted, the case of a name filled on an unread item ----------------------

def test_a_spelling_more_papers_give_corrects_a_trusted_reading_of_the_same_letters():
    cert = _doc("birth_certificate", {"full_name": ("DƯƠNG MAI HẰNG", 0.93, "ocr")})
    form = _doc("birth_registration_form", {"full_name": ("Dương Mai Hằng", 0.95, "ocr")})
    card = _doc("health_insurance_card", {"full_name": ("DƯƠNG MAI HÃNG", 0.966, "ocr")})
    cert, form, card = reconcile([cert, form, card])
    assert card.fields["full_name"].value == "DƯƠNG MAI HẰNG"
    assert "corrected_from_dossier" in card.fields["full_name"].flags
    assert cert.fields["full_name"].value == "DƯƠNG MAI HẰNG" and form.fields["full_name"].value == "Dương Mai Hằng"


def test_a_spelling_tie_between_trusted_papers_changes_nothing():
    cert = _doc("birth_certificate", {"full_name": ("DƯƠNG MAI HẰNG", 0.93, "ocr")})
    card = _doc("health_insurance_card", {"full_name": ("DƯƠNG MAI HÃNG", 0.966, "ocr")})
    cert, card = reconcile([cert, card])
    assert cert.fields["full_name"].value == "DƯƠNG MAI HẰNG" and card.fields["full_name"].value == "DƯƠNG MAI HÃNG"


def test_in_a_tie_the_spelling_with_the_marks_the_other_lost_wins_for_one_person():
    """Small print loses a mark far more often than it reads one that is not there ("CHU DUY HAI" on an
    insurance card, "HẢI" on the birth certificate of the same date of birth); a changed mark, or another
    person's paper (another date of birth: two cards, "TUẤN" and "TUÂN"), is still a tie."""
    def pair(card_name: str, card_born: str = "2026-02-01") -> tuple[str, str]:
        cert = _doc("birth_certificate", {"full_name": ("CHU DUY HẢI", 0.939, "ocr"),
                                          "date_of_birth": ("2026-02-01", 0.95, "ocr")})
        card = _doc("health_insurance_card", {"full_name": (card_name, 0.925, "ocr"),
                                              "date_of_birth": (card_born, 0.95, "ocr")})
        cert, card = reconcile([cert, card])
        assert cert.fields["full_name"].value == "CHU DUY HẢI"
        return card.fields["full_name"].value, card.fields["full_name"].flags

    assert pair("CHU DUY HAI") == ("CHU DUY HẢI", ("corrected_from_dossier",))
    assert pair("CHU DUY HÁI") == ("CHU DUY HÁI", ())
    assert pair("CHU DUY HAI", card_born="1990-02-01") == ("CHU DUY HAI", ())


def test_a_handwritten_name_with_one_word_garbled_is_the_one_name_its_other_words_fit():
    """"PHẠM QUANG GŒ": a CT01's household head, "HƯNG" written by hand; the card reads "PHẠM QUANG HƯNG"."""
    def head(*cards: str) -> str:
        docs = [_doc("cccd", {"full_name": (c, 0.99, "ocr")}) for c in cards]
        form = _doc("residence_declaration_form", {"household_head_full_name": ("PHẠM QUANG GŒ", 0.76, "ocr")})
        return reconcile([*docs, form])[-1].fields["household_head_full_name"].value

    assert head("PHẠM QUANG HƯNG") == "PHẠM QUANG HƯNG"
    assert head("PHẠM QUANG HƯNG", "PHẠM QUANG HUY") == "PHẠM QUANG GŒ"  # two brothers: no telling which
    assert head("PHẠM MINH HƯNG") == "PHẠM QUANG GŒ"  # another word differs too


def test_a_handwritten_name_with_a_word_read_as_two_pieces_one_no_syllable_is_the_name_its_other_words_fit():
    """"J nh Gia Hiếu": a CT01's household head, "Huỳnh" written by hand and read as two pieces."""
    def head(read: str, *cards: str) -> str:
        docs = [_doc("cccd", {"full_name": (c, 0.99, "ocr")}) for c in cards]
        form = _doc("residence_declaration_form", {"household_head_full_name": (read, 0.72, "ocr")})
        return reconcile([*docs, form])[-1].fields["household_head_full_name"].value

    assert head("J nh Gia Hiếu", "HUỲNH GIA HIẾU") == "Huỳnh Gia Hiếu"
    # two syllables where the card has one word: another person's name ("Thị" between), left as read
    assert head("Nguyễn Thị Mai Anh", "NGUYỄN MAI ANH") == "Nguyễn Thị Mai Anh"
    assert head("J nh Văn Hiếu", "HUỲNH GIA HIẾU") == "J nh Văn Hiếu"  # another word differs too


def test_a_name_read_alike_on_two_papers_identifies_its_date_of_birth():
    cert = _doc("birth_certificate", {"full_name": ("ĐẶNG KHÁNH HUYỀN", 0.83, "ocr"),
                                      "date_of_birth": ("2026-01-10", 0.966, "ocr")})
    card = _doc("health_insurance_card", {"full_name": ("ĐẶNG KHÁNH HUYỀN", 0.85, "ocr"),
                                          "date_of_birth": ("2006-01-10", 0.74, "ocr")})
    assert people([cert, card])["dang khanh huyen"] == "2026-01-10"
    assert people([cert]) == {}  # one unsure reading identifies nobody
    card = reconcile([cert, card])[1]
    assert card.fields["date_of_birth"].value == "2026-01-10"


# --- a blank item of the mother's block is not read from the father's ----------------------------------------

def test_a_blank_mothers_year_is_not_the_fathers():
    lines = page_lines(page_result(page_from_text("Họ, chữ đệm, tên người mẹ: VÕ BẢO LINH\nNăm sinh:\n"
                                                  "Họ, chữ đệm, tên người cha: LÊ GIA THẮNG\n"
                                                  "Năm sinh: 2000 Dân tộc: Kinh")))
    specs = [Spec("mother_full_name", ("ho, chu dem, ten nguoi me",), "name"),
             Spec("mother_year_of_birth", ("nam sinh:",), "year", after="mother_full_name", until=("ten nguoi cha",)),
             Spec("father_full_name", ("ho, chu dem, ten nguoi cha",), "name"),
             Spec("father_year_of_birth", ("nam sinh:",), "year", after="father_full_name")]
    fields = read_fields(lines, specs)
    assert "mother_year_of_birth" not in fields
    assert fields["father_year_of_birth"].value == "2000"


# --- a card expiry one digit from the date the law gives -------------------------------------------------------

def test_an_expiry_that_is_no_birthday_and_one_digit_off_is_the_laws():
    fields = {"date_of_birth": ExtractedField("1983-09-12", 0.95, "qr"),
              "date_of_issue": _f("2021-10-21", 0.995), "date_of_expiry": _f("2043-09-02", 0.9)}
    _expiry(fields, [])
    assert fields["date_of_expiry"].value == "2043-09-12"
    assert "derived_from_birth_and_issue_dates" in fields["date_of_expiry"].flags


def test_an_expiry_that_is_another_birthday_is_only_flagged():
    fields = {"date_of_birth": ExtractedField("1983-09-12", 0.95, "qr"),
              "date_of_issue": _f("2021-10-21", 0.995), "date_of_expiry": _f("2023-09-12", 0.9)}
    _expiry(fields, [])  # the 40th birthday: one digit off, but a possible expiry (the issue date may be misread)
    assert fields["date_of_expiry"].value == "2023-09-12"
    assert "expiry_disagrees_with_law" in fields["date_of_expiry"].flags


def test_an_expiry_a_few_digits_off_the_laws_is_the_laws_when_the_qr_confirms_the_holders_dates():
    """"13/012033" read for 15/03/2035 (a bold face's 5s read as 3s): no birthday, three digits from the law's;
    the birth and issue dates are the QR's. Read by OCR alone they leave the reading flagged."""
    fields = {"date_of_birth": _f("1995-03-15", 0.995), "date_of_issue": _f("2023-06-03", 0.995),
              "date_of_expiry": _f("2033-01-13", 0.9)}
    _expiry(fields, [])
    assert fields["date_of_expiry"].value == "2035-03-15"
    assert {"derived_from_birth_and_issue_dates", "ocr_disagrees"} <= set(fields["date_of_expiry"].flags)
    fields = {"date_of_birth": _f("1995-03-15", 0.95), "date_of_issue": _f("2023-06-03", 0.95),
              "date_of_expiry": _f("2033-01-13", 0.9)}
    _expiry(fields, [])
    assert fields["date_of_expiry"].value == "2033-01-13"
    assert "expiry_disagrees_with_law" in fields["date_of_expiry"].flags
