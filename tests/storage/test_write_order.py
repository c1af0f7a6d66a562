"""Write ordering of the real `ingest_dossier` flow: objects before rows, so a run that dies part way
leaves orphan objects (which `check` reports) but never rows without objects; the re-run completes
the work and duplicates nothing. OCR is replaced by a stub: this is about storage, not reading."""

from __future__ import annotations

import pytest
from PIL import Image

from storage.check import check_storage

pytestmark = pytest.mark.e2e


@pytest.fixture
def scans(tmp_path):
    paths = []
    for i, colour in enumerate(("white", "lightgray")):
        path = tmp_path / f"trang_{i}.png"
        Image.new("RGB", (320, 200), colour).save(path)
        paths.append(str(path))
    return paths


@pytest.fixture
def no_ocr(monkeypatch):
    import flows.ingest
    from ocr.types import PageResult

    def process_page(image, lang="vie"):
        return PageResult(0, 1.0, 0.0, "CĂN CƯỚC", 0.9, width=image.width, height=image.height), image

    monkeypatch.setattr(flows.ingest, "process_page", process_page)


def _state(rt):
    from storage.models import Document, Dossier, Page, SourceFile

    with rt.sessions() as s:
        counts = tuple(s.query(m).count() for m in (Dossier, SourceFile, Page, Document))
        report = check_storage(s, rt.store)
    return counts, report, sorted(rt.store.list())


@pytest.mark.parametrize("dies_in", ["add_source_file", "replace_documents"])
def test_a_run_that_dies_leaves_only_orphans_and_the_rerun_completes(
        prefect_harness, sohoa_env, scans, no_ocr, monkeypatch, dies_in):
    from flows.ingest import ingest_dossier
    from flows.runtime import runtime
    from storage import dossiers

    real = getattr(dossiers, dies_in)
    calls = {"n": 0}
    # add_source_file: dies recording the second original; replace_documents: dies in the last step.
    dies_at = 2 if dies_in == "add_source_file" else 1

    def dying(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == dies_at:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    monkeypatch.setattr(dossiers, dies_in, dying)
    with pytest.raises(RuntimeError, match="power cut"):
        ingest_dossier(scans, "HS-CUT")
    rt = runtime()
    _, report, _ = _state(rt)
    assert report.missing == [] and report.checksum_mismatches == []  # rows never outrun objects
    assert report.orphans  # what was stored before the crash, waiting for the re-run
    if dies_in == "replace_documents":  # the whole pages step rolled back: every page object is orphaned
        assert len(report.orphans) == 4 and all("/originals/" not in k for k in report.orphans)

    monkeypatch.setattr(dossiers, dies_in, real)
    first = ingest_dossier(scans, "HS-CUT")
    counts, report, objects = _state(rt)
    assert report.ok, report.to_json()
    assert counts == (1, 2, 2, len(first["dossier"]["documents"])) and first["dossier"]["status"] == "processed"
    for kind in ("/originals/", "/pages/", "/ocr/"):  # each original and page stored exactly once
        assert len([k for k in objects if kind in k]) == 2, objects

    again = ingest_dossier(scans + scans, "HS-CUT")
    assert again == first and _state(rt)[0] == counts and sorted(rt.store.list()) == objects
