"""The searchable PDF: page image plus an invisible text layer where the words are printed."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from html import unescape

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.searchable_pdf import searchable_pdf
from ocr.types import PageResult, Word

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")

DPI = 150
LINES = [["CỘNG", "HÒA", "XÃ", "HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM"],
         ["Họ", "và", "tên:", "Nguyễn", "Văn", "Đức"],
         ["Nơi", "đăng", "ký:", "UBND", "phường", "Láng", "Hạ"]]


def _font(size: int) -> ImageFont.FreeTypeFont:
    from ocr.searchable_pdf import _font_path

    return ImageFont.truetype(str(_font_path()), size)


def _page(size=(1240, 700)) -> tuple[bytes, PageResult]:
    """A page with known words and their ink boxes, as Tesseract would report them."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = _font(36)
    words = []
    for line_no, line in enumerate(LINES):
        x, y = 80, 120 + 160 * line_no
        for text in line:
            box = draw.textbbox((x, y), text, font=font)
            draw.text((x, y), text, font=font, fill=0)
            words.append(Word(text, 0.95, tuple(int(v) for v in box), block=1, line=line_no + 1))
            x = box[2] + 24
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    text = "\n".join(" ".join(line) for line in LINES)
    return buffer.getvalue(), PageResult(0, 1.0, 0.0, text, 0.95, words, size[0], size[1], DPI)


def _run(tmp_path, pdf: bytes, *args: str) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, check=True)
    return unicodedata.normalize("NFC", done.stdout.decode("utf-8"))


def test_text_layer_has_the_words_in_order_where_they_are_printed(tmp_path):
    png, result = _page()
    pdf = searchable_pdf([(png, result)])
    assert pdf.startswith(b"%PDF-")

    text = _run(tmp_path, pdf)
    assert text.split() == [w for line in LINES for w in line]
    assert [line.split() for line in text.splitlines() if line.strip()] == LINES

    scale = 72 / DPI
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', _run(tmp_path, pdf, "-bbox"))
    assert float(page[1]) == pytest.approx(1240 * scale) and float(page[2]) == pytest.approx(700 * scale)
    found = [(unescape(m[4]), tuple(float(v) for v in m[:4])) for m in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        _run(tmp_path, pdf, "-bbox"))]
    assert [t for t, _ in found] == [w.text for w in result.words]
    lines = {}
    for w in result.words:
        top, bottom = lines.get(w.line, (w.bbox[1], w.bbox[3]))
        lines[w.line] = (min(top, w.bbox[1]), max(bottom, w.bbox[3]))
    for word, (_, box) in zip(result.words, found, strict=True):
        # x: the word's own box; y: its line's box (words of a line share one baseline)
        top, bottom = lines[word.line]
        expected = (word.bbox[0] * scale, top * scale, word.bbox[2] * scale, bottom * scale)
        assert box == pytest.approx(expected, abs=2.0), word.text


def test_invisible_text_over_the_full_page_image(tmp_path):
    png, result = _page()
    pdf = searchable_pdf([(png, result), (png, PageResult(0, 1.0, 0.0, "", 0.0, [], 1240, 700, DPI))])
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 2
    assert b"/Subtype /Image" in pdf and b"/DCTDecode" in pdf  # gray page stored as JPEG
    assert _run(tmp_path, pdf, "-f", "2", "-l", "2").strip() == ""  # no words: image only
    done = subprocess.run(["pdftoppm", "-r", "36", "-gray", "-f", "1", "-l", "1", "-", ],
                          input=pdf, capture_output=True, check=True) if shutil.which("pdftoppm") else None
    if done is not None:  # the rendered page is the image (the text layer draws nothing)
        rendered = Image.open(io.BytesIO(done.stdout))
        expected = Image.open(io.BytesIO(png)).resize(rendered.size)
        diff = sum(abs(a - b) for a, b in zip(rendered.tobytes(), expected.tobytes(), strict=True))
        assert diff / (rendered.width * rendered.height) < 12


def test_same_pages_give_the_same_bytes():
    png, result = _page()
    assert searchable_pdf([(png, result)]) == searchable_pdf([(png, result)])
