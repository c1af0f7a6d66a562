"""QR payload of the chip ID card: decoding from the page image, parsing, cross-checking with OCR."""

from __future__ import annotations

import random

import cv2
import numpy as np
import segno

from classifiers.documents import ExtractedField
from classifiers.qr import AGREE_CONFIDENCE, cross_check, parse_payload
from ocr import qr
from ocr.qr import decode_qr

PAYLOAD = ("079190123456|025123456|Nguyễn Thị Minh Anh|12031990|Nữ|Số 12, đường Lê Lợi, phường Bến Nghé, quận 1, "
           "thành phố Hồ Chí Minh|01072021")


def _symbol(payload: str) -> np.ndarray:
    """The modules of the symbol the generator prints (segno, level M, UTF-8), True = ink."""
    return np.array(segno.make(payload, error="m", micro=False, encoding="utf-8").matrix, dtype=bool)


def _photographed(modules: np.ndarray, px_per_module: float, blur: float) -> np.ndarray:
    """The symbol on grey paper at px_per_module, blurred, through a JPEG at quality 60."""
    n = modules.shape[0]
    sharp = (255 - 215 * np.kron(modules, np.ones((20, 20)))).astype(np.uint8)
    side = round(n * px_per_module)
    page = np.full((400, 500), 235, np.uint8)
    page[120:120 + side, 200:200 + side] = cv2.resize(sharp, (side, side), interpolation=cv2.INTER_AREA)
    page = cv2.GaussianBlur(page, (0, 0), blur)
    return cv2.imdecode(cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 60])[1], cv2.IMREAD_GRAYSCALE)


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


def test_the_fixed_patterns_the_grid_reader_relies_on_are_those_of_real_symbols():
    """Finders, timing, alignment patterns and version information, on symbols of versions 1 to 40."""
    for version in (1, 2, 6, 7, 9, 14, 22, 32, 40):
        modules = np.array(segno.make("079190123456", version=version, error="m", micro=False).matrix, dtype=bool)
        known, value = qr._function_patterns(modules.shape[0])
        n, centres = modules.shape[0], len(qr._alignment_centres(version))
        alignments, on_timing = (centres**2 - 3, 2 * (centres - 2)) if version > 1 else (0, 0)
        info = 36 if version >= 7 else 0
        assert known.sum() == 3 * 64 + 2 * (n - 16) + 25 * alignments - 5 * on_timing + info
        assert np.array_equal(modules[known], value[known] > 0.5), version


def test_a_symbol_too_blurred_for_zxing_is_found_by_its_shape_and_read_by_its_module_grid():
    """1.6 px a module, blurred (sigma 1 px) and JPEG-compressed: zxing locates nothing on the page, and
    decodes nothing from the square's enlarged, sharpened crops either; the module grid fitted to the
    pixels gives the payload."""
    photo = _photographed(_symbol(PAYLOAD), 1.6, 1.0)
    squares = qr._square_blobs(photo)
    assert len(squares) == 1 and abs(squares[0][0] - 200) <= 2 and abs(squares[0][1] - 120) <= 2
    assert all(not qr._zxing(variant)[0] for variant, _ in qr._page_variants(photo))
    assert qr._refine(photo, squares, []) == []
    assert decode_qr(photo) == [PAYLOAD]


def test_a_phone_photo_of_an_id_card_page_whose_symbol_zxing_cannot_locate_is_decoded(tmp_path):
    """A generated ID card page photographed (1.9 px a module after deskew): through the real page
    pipeline, then the QR decoding that ingest runs on the corrected page."""
    from ocr.load import load_page
    from ocr.pipeline import process_page
    from samples.degrade import degrade
    from samples.documents import render as render_paper
    from samples.people import make_household

    doc = render_paper("cccd", make_household(random.Random("qrh:36")), 7036)
    photo = degrade(doc.pages[0].image, "phone", random.Random("qrh:36:phone")).image
    photo.save(tmp_path / "photo.jpg", "JPEG", quality=85)
    _, corrected = process_page(load_page(tmp_path / "photo.jpg", 0))
    gray = qr._gray(corrected)
    assert all(not qr._zxing(variant)[0] for variant, _ in qr._page_variants(gray))
    assert decode_qr(corrected) == [doc.fields["qr_payload"]]
