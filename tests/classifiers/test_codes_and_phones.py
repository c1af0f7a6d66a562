"""Codes and numbers with a known shape: the receipt's dossier code, phone numbers, digits read as signs
(fictitious people only)."""

from __future__ import annotations

import pytest

from classifiers.consensus import reconcile
from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from classifiers.extract.common import normalise_phone
from classifiers.extract.other import normalise_code
from classifiers.fields import normalise


def _doc(doc_type: str, fields: dict[str, tuple]) -> DocumentSpan:
    """fields: name -> (value, confidence, source[, flags])"""
    return DocumentSpan(doc_type, 0.99, [PageRef("a.pdf", 0)],
                        {k: ExtractedField(*v[:3], flags=v[3] if len(v) > 3 else ()) for k, v in fields.items()})


@pytest.mark.parametrize("read, code, repaired", [("HS-2026-29361 I", "HS-2026-293611", True),
                                                  ("HS-2026-5 15981", "HS-2026-515981", False),
                                                  ("HS-2O26-103692", "HS-2026-103692", True),
                                                  ("HS-2026-B11072", "HS-2026-811072", True),
                                                  ("HS-2026-103692", "HS-2026-103692", False),
                                                  ("HS-2026:329248", "HS-2026-329248", False)])
def test_a_dossier_codes_number_groups_are_digits_without_gaps(read, code, repaired):
    got = normalise_code(ExtractedField(read, 0.9, "ocr"))
    assert got.value == code
    assert ("digits_repaired" in got.flags) == repaired and (got.confidence <= 0.6) == repaired


def test_a_code_of_another_shape_is_left_as_read():
    for read in ("HS 2026", "000.00.12.H40-250101-0001", "HS-ABC-XYZ"):
        assert normalise_code(ExtractedField(read, 0.9, "ocr")).value == read


def test_a_receipt_whose_code_was_lost_has_no_code_rather_than_the_line_under_its_label():
    from classifiers.extract.other import extract
    from classifiers.text import page_lines
    from tests.classifiers.conftest import page_from_text, page_result

    text = ("BỘ PHẬN MỘT CỬA\nMã hồ sơ:\nGIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\nÔng/bà: TÔ PHƯƠNG NGỌC")
    fields, _ = extract(page_lines(page_result(page_from_text(text))), [])
    assert "dossier_code" not in fields and fields["full_name"].value == "TÔ PHƯƠNG NGỌC"
    fields, _ = extract(page_lines(page_result(page_from_text(text.replace("Mã hồ sơ:", "Mã hồ sơ: HS-2026-116215")))),
                        [])
    assert fields["dossier_code"].value == "HS-2026-116215"


def test_a_codes_year_after_its_receipts_date_is_the_receipts_year():
    from classifiers.extract.other import code_year

    def fixed(code: str, received: str = "2026-01-08") -> ExtractedField:
        fields = {"dossier_code": ExtractedField(code, 0.9, "ocr"),
                  "date_of_issue": ExtractedField(received, 0.9, "ocr")}
        code_year(fields)
        return fields["dossier_code"]

    got = fixed("HS-3030-732239")
    assert got.value == "HS-2026-732239" and got.flags == ("digits_repaired",) and got.confidence <= 0.6
    assert fixed("HS-2026-732239").flags == ()
    assert fixed("HS-2025-732239").value == "HS-2025-732239"  # an earlier year may be a late receipt's: kept
    assert fixed("HS-3030-732239", "2026-13-08").value == "HS-3030-732239"  # no date to go by


def _phone(read: str) -> ExtractedField | None:
    fields = {"phone_number": ExtractedField(read, 0.9, "ocr")}
    normalise_phone(fields)
    return fields.get("phone_number")


def test_a_mobile_number_that_lost_its_0_gets_it_back():
    got = _phone("902851699")
    assert got.value == "0902851699" and got.flags == ("digits_repaired",) and got.confidence <= 0.6
    assert _phone("202851699").value == "202851699"  # no mobile number opens with 2: kept, doubted
    assert "phone_shape" in _phone("202851699").flags


def test_a_sign_read_for_a_digit_is_the_digit_and_a_number_of_no_possible_shape_is_flagged():
    got = _phone("092598&5 776")  # an 8 read as &, and one digit too many
    assert got.value == "09259885776" and {"digits_repaired", "phone_shape"} <= set(got.flags)
    assert got.confidence <= 0.3
    assert _phone("0912 345 678").flags == ()


def test_an_id_number_with_an_8_read_as_a_sign_keeps_its_twelve_digits():
    assert normalise("id", "03§796377285") == ("038796377285", ())
    assert normalise("id", "23&/99757534") == ("238199757534", ())  # a 1 written as a stroke read as a slash
    assert normalise("year", "19&3") == ("1983", ())


def test_three_ones_read_as_sevens_still_match_the_receipts_phone_an_arbitrary_second_digit_does_not():
    receipt = _doc("other", {"title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0.95, "ocr"),
                             "phone_number": ("0940178152", 0.95, "ocr")})
    letter = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ", 0.95, "ocr"), "phone_number": ("0942778752", 0.6, "ocr")})
    _, fixed = reconcile([receipt, letter])
    assert fixed.fields["phone_number"].value == "0940178152"
    other = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ", 0.95, "ocr"), "phone_number": ("0940178135", 0.6, "ocr")})
    _, kept = reconcile([receipt, other])
    assert kept.fields["phone_number"].value == "0940178135"


def test_a_phone_reading_of_no_possible_shape_matches_the_receipts_two_digits_off_a_valid_one_does_not():
    receipt = _doc("other", {"title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0.95, "ocr"),
                             "phone_number": ("0936903431", 0.97, "ocr")})
    short = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ", 0.95, "ocr"),
                           "phone_number": ("093690347", 0.3, "ocr", ("phone_shape",))})
    _, fixed = reconcile([receipt, short])  # "31" read as one "7": nine digits, no mobile number
    assert fixed.fields["phone_number"].value == "0936903431"
    assert fixed.fields["phone_number"].flags == ("corrected_from_dossier",)
    valid = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ", 0.95, "ocr"), "phone_number": ("0936903477", 0.6, "ocr")})
    _, kept = reconcile([receipt, valid])  # a possible number two digits off may be another one
    assert kept.fields["phone_number"].value == "0936903477"


def test_a_request_letters_unread_phone_is_the_receipts_for_the_same_applicant():
    receipt = _doc("other", {"title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0.95, "ocr"),
                             "full_name": ("TÔ BẢO HUYỀN", 0.95, "ocr"), "phone_number": ("0945826469", 0.95, "ocr")})
    letter = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ CHỨNG THỰC", 0.95, "ocr"),
                            "full_name": ("Tô Bảo Huyền", 0.9, "ocr")})
    _, filled = reconcile([receipt, letter])
    assert filled.fields["phone_number"].value == "0945826469"
    assert filled.fields["phone_number"].flags == ("filled_from_dossier",)
    stranger = _doc("other", {"title": ("ĐƠN ĐỀ NGHỊ", 0.95, "ocr"), "full_name": ("Hà Văn Nam", 0.9, "ocr")})
    _, left = reconcile([receipt, stranger])
    assert "phone_number" not in left.fields


def test_a_digit_read_as_a_letter_with_a_tone_mark_is_the_digit():
    # the `vie` model read the bold 4 closing an insurance number as "À"
    assert normalise("insurance", "TE136367523088À") == ("TE1363675230884", ())
    assert normalise("insurance", "TE136367523088Ế")[1] == ("insurance_number_shape",)  # E is like no digit
    # a digit too many ("TE1383848 6 816017"): the first thirteen would be a guess, so the shape is doubted
    assert normalise("insurance", "TE13838486816017") == ("TE1383848681601", ("insurance_number_shape",))


def test_a_dash_read_inside_an_insurance_number_goes():
    assert normalise("insurance", "TE138386-4760876") == ("TE1383864760876", ())
    assert normalise("insurance", "TE1313153⁄489739") == ("TE1313153489739", ())  # a stroke read as a slash


def test_signs_that_make_an_insurance_number_too_long_as_digits_are_specks():
    assert normalise("insurance", "TE101018§8§095660") == ("TE1010188095660", ("digits_repaired",))
    assert normalise("insurance", "TE10101§8095660") == ("TE1010188095660", ())  # one sign: the 8 it stands for
