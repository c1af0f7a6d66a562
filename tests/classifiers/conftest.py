"""Fixtures for the classifier tests: OCR-shaped pages built from the generator's exact text (no
Tesseract), and a small committed sample of real OCR output of generated pages."""

from __future__ import annotations

import functools

import pytest

from ocr.types import PageResult, Word

CHAR_W, LINE_H = 18, 50


def page_from_text(text: str, x: int = 100, y: int = 100, confidence: float = 0.95,
                   first_line: int = 0) -> list[Word]:
    """Words laid out like a typed page: one text line per OCR line, boxes proportional to length."""
    words = []
    for i, line in enumerate(text.splitlines()):
        cx = x
        top = y + i * LINE_H
        for token in line.split():
            words.append(Word(token, confidence, (cx, top, cx + CHAR_W * len(token), top + 40), 1, first_line + i))
            cx += CHAR_W * (len(token) + 1)
    return words


def page_result(words: list[Word], width: int = 2480, height: int = 3508) -> PageResult:
    return PageResult(0, 1.0, 0.0, "\n".join(w.text for w in words), 0.95, words, width, height)


@functools.cache
def rendered(doc_type: str, seed: int):
    from samples import render_document

    return render_document(doc_type, seed)


@pytest.fixture
def render():
    return rendered
