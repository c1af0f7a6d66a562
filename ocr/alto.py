"""ALTO v4 XML for one page, the layout-and-text format archives and digital libraries ingest (the
searchable PDF is for people; ALTO is for the repository's indexer and viewer).

Pure: a `PageResult` in, UTF-8 XML bytes out, built from the words the pipeline already read (no
second OCR run). Lines and their order are exactly those of `PageResult.text` (`read.text_lines`), so
joining each TextLine's String CONTENTs with spaces and the lines with newlines gives the page text back;
consecutive lines from the same Tesseract block form one TextBlock.

Coordinates are pixels of the corrected page image (upright and deskewed, the stored page PNG), which
`sourceImageInformation/fileName` names; the turn and deskew applied to the scan are recorded in
`processingStepSettings`. No dates or clocks: the same page always gives the same bytes, which keeps
archive packages reproducible."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from ocr.read import text_lines
from ocr.types import PageResult, Word

NS = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA_LOCATION = f"{NS} http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _box(element: ET.Element, words: list[Word]) -> None:
    x0 = min(w.bbox[0] for w in words)
    y0 = min(w.bbox[1] for w in words)
    x1 = max(w.bbox[2] for w in words)
    y1 = max(w.bbox[3] for w in words)
    element.set("HPOS", str(x0))
    element.set("VPOS", str(y0))
    element.set("WIDTH", str(x1 - x0))
    element.set("HEIGHT", str(y1 - y0))


def _description(root: ET.Element, result: PageResult, image_name: str) -> None:
    description = ET.SubElement(root, _q("Description"))
    ET.SubElement(description, _q("MeasurementUnit")).text = "pixel"
    ET.SubElement(ET.SubElement(description, _q("sourceImageInformation")), _q("fileName")).text = image_name
    step = ET.SubElement(description, _q("Processing"), ID="OCR_1")
    ET.SubElement(step, _q("processingCategory")).text = "contentGeneration"
    ET.SubElement(step, _q("processingStepDescription")).text = (
        "orientation, deskew, background normalisation, binarisation, Tesseract LSTM (vie)")
    ET.SubElement(step, _q("processingStepSettings")).text = (
        f"turned {result.rotation} degrees clockwise (confidence {result.rotation_confidence:.2f}), "
        f"deskewed by {result.skew_deg:.2f} degrees, {result.dpi} dpi; coordinates refer to the corrected image")
    software = ET.SubElement(step, _q("processingSoftware"))
    ET.SubElement(software, _q("softwareName")).text = "sohoa"


def alto_xml(result: PageResult, image_name: str, page_number: int = 1, lang: str = "vi") -> bytes:
    """The page as an ALTO 4.4 document; `image_name` is the page image the coordinates refer to,
    `page_number` its physical number (from 1) in the file or document it belongs to."""
    ET.register_namespace("", NS)  # ALTO elements unprefixed (affects only this namespace)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_q("alto"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    _description(root, result, image_name)
    page = ET.SubElement(ET.SubElement(root, _q("Layout")), _q("Page"), ID=f"page_{page_number}",
                         PHYSICAL_IMG_NR=str(page_number), WIDTH=str(result.width), HEIGHT=str(result.height),
                         PC=f"{result.confidence:.4f}", LANG=lang)
    space = ET.SubElement(page, _q("PrintSpace"), HPOS="0", VPOS="0", WIDTH=str(result.width),
                          HEIGHT=str(result.height))
    lines = [line for line in text_lines(result.words) if line]
    n_line = n_word = 0
    for n_block, (_, grouped) in enumerate(groupby(lines, key=lambda line: line[0].block), start=1):
        block_lines = list(grouped)
        block = ET.SubElement(space, _q("TextBlock"), ID=f"block_{n_block}", LANG=lang)
        _box(block, [w for line in block_lines for w in line])
        for line in block_lines:
            n_line += 1
            text_line = ET.SubElement(block, _q("TextLine"), ID=f"line_{n_line}")
            _box(text_line, line)
            for i, word in enumerate(line):
                n_word += 1
                x0, y0, x1, y1 = word.bbox
                ET.SubElement(text_line, _q("String"), ID=f"string_{n_word}", HPOS=str(x0), VPOS=str(y0),
                              WIDTH=str(x1 - x0), HEIGHT=str(y1 - y0), CONTENT=word.text,
                              WC=f"{word.confidence:.4f}")
                if i + 1 < len(line):
                    gap = max(line[i + 1].bbox[0] - x1, 0)
                    ET.SubElement(text_line, _q("SP"), HPOS=str(x1), VPOS=str(y0), WIDTH=str(gap))
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
