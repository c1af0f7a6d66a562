"""Tesseract in process: the word table, the orientation detector, one engine per thread, clear errors."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from ocr_synth import LINES, cer, turn

from ocr import engine


def test_word_table_reads_the_page(page):
    img, text = page
    table = engine.ocr_data(np.asarray(img.convert("L")), "vie", 3, timeout_s=60, dpi=150)
    words = [(t, c) for t, c in zip(table["text"], table["conf"], strict=True) if t.strip()]
    assert cer(text, " ".join(t for t, _ in words)) < 0.03
    assert all(0 <= c <= 100 for _, c in words)
    # every column has a value for every row, boxes inside the image
    assert len({len(column) for column in table.values()}) == 1
    assert all(x >= 0 and x + w <= img.width for x, w in zip(table["left"], table["width"], strict=True))


@pytest.mark.parametrize("needed", [0, 90, 180, 270])
def test_orientation_detector_gives_the_turn_that_makes_the_page_upright(page, needed):
    img, _ = page
    found = engine.orientation(np.asarray(turn(img, needed).convert("L")), dpi=150)
    assert found is not None and found[0] == needed and found[1] > 1.0


def test_orientation_detector_gives_up_on_a_blank_page():
    assert engine.orientation(np.full((600, 400), 255, np.uint8), dpi=150) is None


def test_each_thread_has_its_own_engine():
    here = engine.engine_for("vie", 3)
    there = []
    worker = threading.Thread(target=lambda: there.append(engine.engine_for("vie", 3)))
    worker.start()
    worker.join()
    assert engine.engine_for("vie", 3) is here and there[0] is not here


def test_unknown_language_is_a_clear_error():
    with pytest.raises(engine.EngineError, match="'xyz'"):
        engine.ocr_data(np.full((50, 50), 255, np.uint8), "xyz", 3, timeout_s=10)


def test_model_folder_from_the_environment_or_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert engine.tessdata_dir() == str(tmp_path)
    monkeypatch.delenv("TESSDATA_PREFIX")
    monkeypatch.setattr(engine, "TESSDATA_DIRS", (str(tmp_path),))
    with pytest.raises(engine.EngineError, match="vie.traineddata"):
        engine.tessdata_dir()


def test_lines_of_the_sample_page_are_all_found(page):
    img, _ = page
    table = engine.ocr_data(np.asarray(img.convert("L")), "vie", 3, timeout_s=60, dpi=150)
    assert len({(b, p, n) for b, p, n, t in zip(table["block_num"], table["par_num"], table["line_num"], table["text"],
                                                strict=True) if t.strip()}) == len(LINES)
