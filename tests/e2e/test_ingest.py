"""End to end: generated dossiers through the real `ingest_dossier` Prefect flow, real Tesseract,
SQLite and the local object folder, checked against the generator's ground truth."""

from __future__ import annotations

import hashlib
import io
import json
import random
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from samples import load_ground_truth, render_document, write_samples
from samples.metrics import char_error_rate, word_miss_rate

pytestmark = pytest.mark.e2e

# Bounds for this pipeline on every degradation profile; the OCR-quality issue (#3) tightens
# them with its own benchmark. Per page the bound is on words missed in any order, because the
# reading order of two cards photocopied on one page is ambiguous and would dominate a per-page CER;
# over the dossier the bound is on the ordinary, order-sensitive character error rate.
MAX_PAGE_WORD_MISS = 0.25
MAX_PAGE_CER = 0.10  # pages read on their own, as in the bad-file test
MAX_MEAN_CER = 0.15


@pytest.fixture(scope="module")
def dossier_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    return write_samples(out, seed=7, dossiers=1)[0]


def _scan_files(dossier: Path) -> list[str]:
    return sorted(str(p) for p in dossier.iterdir() if p.name != "ground_truth.json")


def _ingest(paths, code, procedure="generic") -> dict:
    from flows.ingest import ingest_dossier

    return ingest_dossier(paths, code, procedure)


def _show(code: str) -> tuple[int, dict | None]:
    from flows.cli import main

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        status = main(["show", code, "--json"])
    return status, (json.loads(buffer.getvalue()) if buffer.getvalue() else None)


def test_ingest_generated_dossier_matches_ground_truth(prefect_harness, sohoa_env, dossier_dir):
    from flows.runtime import runtime
    from storage.models import Page, SourceFile

    truth = load_ground_truth(dossier_dir)
    code = truth["dossier_code"]
    data = _ingest(_scan_files(dossier_dir), code, truth["procedure"])["dossier"]

    assert data["code"] == code and data["procedure"] == truth["procedure"]
    assert data["errors"] == [] and data["status"] == "processed"
    got = {(p["file"], p["page"]): p for p in data["pages"]}
    expected = {(f["file"], p["page"]): p for f in truth["files"] for p in f["pages"]}
    assert set(got) == set(expected)

    cers = []
    for ref, page in expected.items():
        assert got[ref]["rotation"] == page["rotation"], ref
        missed = word_miss_rate(page["text"], got[ref]["text"])
        assert missed <= MAX_PAGE_WORD_MISS, (ref, page["profile"], missed)
        cers.append(char_error_rate(page["text"], got[ref]["text"]))
    assert sum(cers) / len(cers) <= MAX_MEAN_CER, cers
    # Every page belongs to exactly one document; the documents' own accuracy is measured by
    # bench/extraction_quality.py, and what the procedure lacks is found.
    cited = sorted((p["file"], p["page"]) for d in data["documents"] for p in d["pages"])
    assert sorted(set(cited)) == sorted(got)
    found = {(d["type"], tuple((p["file"], p["page"]) for p in d["pages"])) for d in data["documents"]}
    expected_docs = {(d["type"], tuple((p["file"], p["page"]) for p in d["pages"])) for d in truth["documents"]}
    assert len(found & expected_docs) >= 0.75 * len(expected_docs), (found, expected_docs)
    assert sorted(data["missing_documents"]) == sorted(truth["missing_documents"])

    rt = runtime()
    with rt.sessions() as session:
        files = session.query(SourceFile).all()
        assert len(files) == len(truth["files"])
        for row in files:
            original = (dossier_dir / row.name).read_bytes()
            assert rt.store.get_bytes(row.object_key) == original
            assert row.sha256 == hashlib.sha256(original).hexdigest()
        pages = session.query(Page).all()
        assert len(pages) == len(expected)
        for page in pages:
            assert hashlib.sha256(rt.store.get_bytes(page.image_key)).hexdigest() == page.image_sha256
            ocr = json.loads(rt.store.get_bytes(page.ocr_key))
            assert ocr["text"] == page.text and ocr["words"]

    status, shown = _show(code)
    assert status == 0 and shown == {"dossier": data}


def test_ingesting_the_same_files_again_duplicates_nothing(prefect_harness, sohoa_env, dossier_dir):
    from flows.runtime import runtime
    from storage.models import Document, Dossier, Page, SourceFile

    files = _scan_files(dossier_dir)[:1]
    first = _ingest(files, None)
    rt = runtime()
    objects_before = list(rt.store.list())
    second = _ingest(files + files, None)  # same file, twice in one call, and a second run
    assert second == first
    assert list(rt.store.list()) == objects_before
    with rt.sessions() as session:
        assert session.query(Dossier).count() == 1
        assert session.query(SourceFile).count() == 1
        assert session.query(Page).count() == len(first["dossier"]["pages"])
        assert session.query(Document).count() == len(first["dossier"]["documents"])


def test_unreadable_files_are_reported_and_the_rest_is_processed(prefect_harness, sohoa_env, tmp_path):
    from flows.runtime import runtime

    good = tmp_path / "don_de_nghi.png"
    page = render_document("other", person_seed=3).pages[0]
    page.image.save(good, dpi=(page.dpi, page.dpi))
    empty = tmp_path / "trong.pdf"
    empty.write_bytes(b"")
    corrupt = tmp_path / "hong.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + bytes(random.Random(1).randrange(256) for _ in range(2000)))
    not_image = tmp_path / "ghi_chu.jpg"
    not_image.write_text("đây không phải là ảnh", encoding="utf-8")

    data = _ingest([str(empty), str(corrupt), str(good), str(not_image)], "HS-LOI")["dossier"]

    errors = {e["file"]: e for e in data["errors"]}
    assert set(errors) == {"trong.pdf", "hong.pdf", "ghi_chu.jpg"}
    assert "empty" in errors["trong.pdf"]["error"]
    assert "PDF" in errors["hong.pdf"]["error"]
    assert "not a PDF or image" in errors["ghi_chu.jpg"]["error"]
    assert all(e["page"] is None for e in data["errors"])
    assert data["status"] == "processed_with_errors"
    assert [p["file"] for p in data["pages"]] == ["don_de_nghi.png"]
    assert char_error_rate(page.text, data["pages"][0]["text"]) <= MAX_PAGE_CER
    # Nothing received is lost: every original, readable or not, is in the object store.
    stored = {k for k in runtime().store.list() if "/originals/" in k}
    assert len(stored) == 4
