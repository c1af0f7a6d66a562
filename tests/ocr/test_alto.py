"""ALTO per page: the words the pipeline read, with their boxes and confidences, in reading order."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ocr.alto import NS, alto_xml
from ocr.pipeline import process_page
from ocr.read import text_lines
from ocr.types import PageResult, Word

A = f"{{{NS}}}"


def _lines(root: ET.Element) -> list[list[ET.Element]]:
    return [line.findall(f"{A}String") for line in root.iter(f"{A}TextLine")]


@pytest.fixture(scope="module")
def read_page(page):
    result, _ = process_page(page[0])
    return result


def test_alto_of_a_read_page_gives_back_its_text_words_and_boxes(read_page):
    root = ET.fromstring(alto_xml(read_page, "0000.png", page_number=3))
    assert root.tag == f"{A}alto" and root.findtext(f"{A}Description/{A}MeasurementUnit") == "pixel"
    assert root.findtext(f"{A}Description/{A}sourceImageInformation/{A}fileName") == "0000.png"
    page = root.find(f"{A}Layout/{A}Page")
    assert (page.get("PHYSICAL_IMG_NR"), page.get("WIDTH"), page.get("HEIGHT")) == (
        "3", str(read_page.width), str(read_page.height))
    assert float(page.get("PC")) == pytest.approx(read_page.confidence, abs=1e-4)

    lines = _lines(root)
    assert "\n".join(" ".join(s.get("CONTENT") for s in line) for line in lines) == read_page.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in read_page.text  # the Vietnamese letters survive, NFC
    strings = [s for line in lines for s in line]
    words = [w for line in text_lines(read_page.words) for w in line]
    assert len(strings) == len(words) == len(read_page.words)
    for string, word in zip(strings, words, strict=True):
        box = tuple(int(string.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
        assert box == (word.bbox[0], word.bbox[1], word.bbox[2] - word.bbox[0], word.bbox[3] - word.bbox[1])
        assert float(string.get("WC")) == pytest.approx(word.confidence, abs=1e-4)
    for line in root.iter(f"{A}TextLine"):  # a line's box holds its words
        x, y, w, h = (int(line.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
        for s in line.findall(f"{A}String"):
            sx, sy, sw, sh = (int(s.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
            assert x <= sx and y <= sy and sx + sw <= x + w and sy + sh <= y + h
    assert alto_xml(read_page, "0000.png", page_number=3) == alto_xml(read_page, "0000.png", page_number=3)


def _word(text: str, x: int, block: int, line: int, y: int = 100) -> Word:
    return Word(text, 0.9, (x, y, x + 20 * len(text), y + 30), block, line)


def test_columns_blocks_and_markup_characters():
    words = [_word("ỦY", 100, 1, 0), _word("BAN", 180, 1, 0),  # left header column ...
             _word("CỘNG", 900, 1, 0), _word("HÒA", 1010, 1, 0),  # ... and the right one, read as one line
             _word("A&B", 100, 2, 1, y=300), _word("<số>", 190, 2, 1, y=300)]
    result = PageResult(0, 0.9, 0.0, "ỦY BAN\nCỘNG HÒA\nA&B <số>", 0.9, words, 1240, 1754, 150)
    root = ET.fromstring(alto_xml(result, "p.png"))
    blocks = root.findall(f".//{A}TextBlock")
    assert [[[s.get("CONTENT") for s in line.findall(f"{A}String")] for line in block.findall(f"{A}TextLine")]
            for block in blocks] == [[["ỦY", "BAN"], ["CỘNG", "HÒA"]], [["A&B", "<số>"]]]
    space = root.find(f".//{A}SP")
    assert (int(space.get("HPOS")), int(space.get("WIDTH"))) == (140, 40)  # the gap between ỦY and BAN


def test_a_page_without_words_is_an_empty_but_valid_page():
    root = ET.fromstring(alto_xml(PageResult(0, 0.0, 0.0, "", 0.0, [], 800, 600, 300), "blank.png"))
    assert root.find(f".//{A}PrintSpace") is not None and root.find(f".//{A}TextBlock") is None
