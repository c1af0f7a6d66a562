"""QR payload of the chip ID card: decoding from the page image, parsing, cross-checking with OCR."""

from __future__ import annotations

from classifiers.documents import ExtractedField
from classifiers.qr import AGREE_CONFIDENCE, cross_check, parse_payload
from ocr.qr import decode_qr


def test_the_qr_code_of_a_rendered_card_page_is_decoded(render):
    doc = render("cccd", 3)
    assert decode_qr(doc.pages[0].image) == [doc.fields["qr_payload"]]


def test_a_page_without_qr_gives_nothing(render):
    assert decode_qr(render("death_notice", 3).pages[0].image) == []


def test_payload_fields_use_design_names():
    fields = parse_payload("001090123456|123456789|Nguyễn Văn An|01051990|Nam|Số 1, phường X, thành phố Hà Nội|"
                           "15062021")
    assert fields == {"id_number": "001090123456", "old_id_number": "123456789", "full_name": "NGUYỄN VĂN AN",
                      "date_of_birth": "1990-05-01", "sex": "Nam",
                      "place_of_residence": "Số 1, phường X, thành phố Hà Nội", "date_of_issue": "2021-06-15"}
    assert parse_payload("https://example.org") == {}


def test_agreement_raises_confidence_and_disagreement_is_reported():
    payload = parse_payload("001090123456||Nguyễn Văn An|01051990|Nam|Hà Nội|15062021")
    ocr = {"id_number": ExtractedField("001090123456", 0.7, "ocr"),
           "date_of_birth": ExtractedField("1990-05-07", 0.8, "ocr")}
    merged, conflicts = cross_check(ocr, payload)
    assert merged["id_number"].confidence == AGREE_CONFIDENCE and merged["id_number"].source == "ocr"
    assert merged["date_of_birth"].value == "1990-05-01" and merged["date_of_birth"].source == "qr"
    assert "ocr_disagrees" in merged["date_of_birth"].flags
    assert conflicts == [{"field": "date_of_birth", "values": {"ocr": "1990-05-07", "qr": "1990-05-01"}}]
    assert merged["full_name"].value == "NGUYỄN VĂN AN" and merged["full_name"].source == "qr"


def test_a_phone_photo_of_an_id_card_is_decoded_from_an_enlarged_sharpened_crop(render):
    """The card's QR modules are 1-2 px wide on a phone photo of the A4 copy: the page as is, binarised or
    merely enlarged gives nothing; enlarging and sharpening the located symbol recovers the payload."""
    import random

    from samples.degrade import degrade

    doc = render("cccd", 1)
    photo = degrade(doc.pages[0].image, "phone", random.Random("t:1:0")).image
    assert decode_qr(photo) == [doc.fields["qr_payload"]]


def test_an_address_differing_only_in_tone_marks_agrees_and_takes_the_payloads_spelling():
    payload = parse_payload("038084012345||Phan Văn Bình|01011984|Nam|Thôn Phú Thượng, xã Hoằng Đức, huyện Hoằng "
                            "Hóa, tỉnh Thanh Hóa|01012022")
    ocr = {"place_of_residence": ExtractedField("Thôn Phú Thượng, xã Hoàng Đức, huyện Hoàng Hóa, tỉnh Thanh Hóa",
                                                0.8, "ocr")}
    merged, conflicts = cross_check(ocr, payload)
    assert merged["place_of_residence"].value == payload["place_of_residence"]
    assert merged["place_of_residence"].confidence == AGREE_CONFIDENCE and merged["place_of_residence"].source == "qr"
    assert conflicts == []
