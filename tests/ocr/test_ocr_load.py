"""Loading pages from files: page counts, single-page rendering, and human-readable load errors."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from ocr.load import load_page, page_count
from ocr.types import PageLoadError

COLOURS = [(255, 255, 255), (255, 0, 0), (0, 0, 255)]


@pytest.fixture()
def three_page_pdf(tmp_path):
    pages = [Image.new("RGB", (300, 400), c) for c in COLOURS]
    path = tmp_path / "bundle.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=100)
    return path


def test_pdf_page_count_and_single_pages(three_page_pdf):
    assert page_count(three_page_pdf) == 3
    for i, colour in enumerate(COLOURS):
        img = load_page(three_page_pdf, i, dpi=50)
        assert img.mode in ("RGB", "L")
        assert img.size == (150, 200)  # 3x4 inch page at 50 dpi
        assert img.info["dpi"] == (50, 50)
        assert img.convert("RGB").getpixel((75, 100)) == pytest.approx(colour, abs=3)


def test_pdf_page_out_of_range(three_page_pdf):
    with pytest.raises(PageLoadError) as err:
        load_page(three_page_pdf, 3)
    assert err.value.file == "bundle.pdf" and err.value.page == 3
    assert "out of range" in err.value.reason


def test_multipage_tiff(tmp_path):
    frames = [Image.new("L", (120, 80), v) for v in (0, 128, 255)]
    path = tmp_path / "scan.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(200, 200))
    assert page_count(path) == 3
    for i, v in enumerate((0, 128, 255)):
        img = load_page(path, i)
        assert img.mode == "L" and img.size == (120, 80) and img.getpixel((5, 5)) == v
    assert load_page(path, 0).info["dpi"] == pytest.approx((200, 200))


def test_bilevel_and_rgba_are_normalised(tmp_path):
    Image.new("1", (40, 30), 1).save(tmp_path / "fax.tif")
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(tmp_path / "alpha.png")
    assert load_page(tmp_path / "fax.tif", 0).mode == "L"
    rgba = load_page(tmp_path / "alpha.png", 0)
    assert rgba.mode == "RGB" and rgba.getpixel((1, 1)) == (255, 255, 255)  # transparent = paper


def test_jpeg_exif_orientation_applied(tmp_path):
    img = Image.new("RGB", (200, 100), "white")
    img.paste((0, 0, 0), (0, 0, 20, 20))  # marker in the top-left of the stored pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display", as phones write it
    path = tmp_path / "phone.jpg"
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes(), quality=95)
    path.write_bytes(buf.getvalue())
    out = load_page(path, 0)
    assert out.size == (100, 200)
    assert sum(out.getpixel((95, 5))) < 100  # the marker moved to the top-right


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.pdf", b"", "empty file (0 bytes)"),
        ("empty.jpg", b"", "empty file (0 bytes)"),
        ("notes.jpg", b"this is a text file, not a photo\n", "not a PDF or image file"),
        ("garbage.pdf", b"%PDF-1.4\nnot really a pdf\n", "corrupt PDF"),
    ],
)
def test_load_errors_name_file_and_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PageLoadError) as err:
        page_count(path)
    assert err.value.file == name and err.value.page is None and reason in err.value.reason
    assert name in str(err.value)
    with pytest.raises(PageLoadError) as err:
        load_page(path, 0)
    assert err.value.file == name and err.value.page == 0 and reason in err.value.reason


def test_truncated_pdf(tmp_path, three_page_pdf):
    data = three_page_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(PageLoadError) as err:
        page_count(path)
        load_page(path, 0)
    assert err.value.file == "cut.pdf"
    assert err.value.reason.startswith("corrupt PDF")


def test_truncated_jpeg(tmp_path):
    buf = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buf, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buf.getvalue()[:2000])
    with pytest.raises(PageLoadError) as err:
        load_page(path, 0)
    assert err.value.file == "cut.jpg" and "truncated" in err.value.reason


def test_missing_file(tmp_path):
    with pytest.raises(PageLoadError, match="file not found"):
        page_count(tmp_path / "nope.pdf")
