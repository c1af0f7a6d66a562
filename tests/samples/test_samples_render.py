import re
import unicodedata

import numpy as np
import pytest

from samples import DOC_TYPES, render_document
from samples.documents import render
from samples.people import make_household

A4 = (2480, 3508)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_every_document_type_renders(doc_type):
    doc = render_document(doc_type, person_seed=7)
    assert doc.doc_type == doc_type
    assert len(doc.pages) == (2 if doc_type == "birth_registration_form" else 1)
    text = ""
    for page in doc.pages:
        assert page.image.size == A4 and page.dpi == 300
        assert page.text and unicodedata.is_normalized("NFC", page.text)
        assert "..." not in page.text and "…" not in page.text  # fill-in lines are graphics
        for line in page.text.split("\n"):
            assert line == _flat(line) and line
        text += " " + _flat(page.text)
    for name, value in doc.fields.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name)
        assert unicodedata.is_normalized("NFC", value)
        if name.startswith("date_") and name != "date_of_birth_in_words":
            assert ISO.fullmatch(value), (name, value)
            y, m, d = value.split("-")
            assert f"{d}/{m}/{y}" in text or f"{int(d)} tháng" in text or f"Ngày {d}" in text
        elif name in ("id_number", "full_name", "insurance_number", "place_of_residence", "father_full_name",
                      "mother_full_name", "declarant_full_name", "place_of_birth", "place_of_death"):
            assert value in text, (name, value)
    if "sex" in doc.fields:
        assert doc.fields["sex"] in ("Nam", "Nữ")


def test_font_is_respected_and_rendering_is_deterministic():
    a = render_document("cccd", 11, font="DejaVuSans")
    b = render_document("cccd", 11, font="DejaVuSans")
    assert a.font == "DejaVuSans"
    assert a.pages[0].image.tobytes() == b.pages[0].image.tobytes()
    assert a.fields == b.fields and a.pages[0].text == b.pages[0].text
    c = render_document("cccd", 12, font="DejaVuSans")
    assert c.fields["id_number"] != a.fields["id_number"]


def test_cccd_card_prints_the_required_texts():
    doc = render_document("cccd", 5)
    text = doc.pages[0].text
    for needle in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "CĂN CƯỚC CÔNG DÂN",
                   "Citizen Identity Card", "Đặc điểm nhân dạng", "CỤC TRƯỞNG CỤC CẢNH SÁT",
                   "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"):
        assert needle in text
    f = doc.fields
    payload = f["qr_payload"].split("|")
    assert len(payload) == 7 and payload[0] == f["id_number"]
    y, m, d = f["date_of_birth"].split("-")
    assert payload[3] == f"{d}{m}{y}" and payload[4] == f["sex"]


def test_family_is_consistent_across_documents():
    hh = make_household(__import__("random").Random(9))
    cert = render("birth_certificate", hh, 1).fields
    father_card = render("cccd", hh, 2, subject=hh.father).fields
    mother_card = render("cccd", hh, 3, subject=hh.mother).fields
    assert cert["father_full_name"] == father_card["full_name"]
    assert cert["mother_full_name"] == mother_card["full_name"]
    death = render("death_notice", hh, 4).fields
    elder_card = render("cccd", hh, 5, subject=hh.elder).fields
    assert death["id_number"] == elder_card["id_number"]


def test_tesseract_reads_a_clean_title():
    from ocr.read import read

    doc = render_document("residence_confirmation", 2, font="LiberationSerif")
    page = doc.pages[0].image
    top = page.crop((0, 0, page.width, page.height // 4)).convert("L")
    text = read(np.asarray(top))[1]
    assert "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ" in " ".join(text.split())
