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
