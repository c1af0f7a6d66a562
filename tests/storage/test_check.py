"""`check_storage` on both object stores and both databases: it must find exactly the planted faults."""

import hashlib

import pytest

from storage import dossiers
from storage.check import check_storage
from storage.models import Page, SourceFile
from tests.storage.factory import corrupt


def _ingest_rows(sessions, store, code="HS-CHK") -> dict[str, str]:
    """What the flow writes for one file of two pages: objects first, then rows."""
    original = store.put_bytes(f"dossiers/{code}/originals/{'a' * 64}.pdf", b"%PDF original", "application/pdf")
    keys = {"original": original.key}
    with sessions.begin() as s:
        row = dossiers.add_source_file(s, dossiers.get_or_create_dossier(s, code, "generic"), "scan.pdf", original)
        for index in range(2):
            image = store.put_bytes(f"dossiers/{code}/pages/{'a' * 64}/{index:04d}.png", b"png%d" % index, "image/png")
            ocr = store.put_bytes(f"dossiers/{code}/ocr/{'a' * 64}/{index:04d}.json", b"{}", "application/json")
            dossiers.upsert_page(s, row, index, image_key=image.key, image_sha256=image.sha256, ocr_key=ocr.key,
                                 ocr_sha256=ocr.sha256, text="")
            keys[f"image{index}"], keys[f"ocr{index}"] = image.key, ocr.key
    return keys


def test_consistent_store_passes(sessions, store):
    _ingest_rows(sessions, store)
    with sessions() as s:
        report = check_storage(s, store)
    assert report.ok and report.objects == 5 and report.references == 5
    assert report.to_json()["ok"] is True


def test_finds_orphans_missing_objects_and_corruption(sessions, store):
    keys = _ingest_rows(sessions, store)
    _ingest_rows(sessions, store, code="HS-OTHER")
    store.put_bytes("dossiers/HS-CHK/pages/bbbb/0000.png", b"left by a dead run", "image/png")
    store.delete(keys["ocr1"])
    corrupt(store, keys["image0"], b"bit rot")
    with sessions() as s:
        report = check_storage(s, store)
        quick = check_storage(s, store, verify=False)
        one = check_storage(s, store, dossier_code="HS-OTHER")
    assert not report.ok
    assert report.orphans == ["dossiers/HS-CHK/pages/bbbb/0000.png"]
    assert [(m["key"], m["table"], m["dossier"]) for m in report.missing] == [(keys["ocr1"], "page.ocr", "HS-CHK")]
    (bad,) = report.checksum_mismatches
    assert bad["key"] == keys["image0"] and bad["table"] == "page.image"
    assert bad["row_sha256"] == bad["object_sha256"] == hashlib.sha256(b"png0").hexdigest()
    assert bad["content_sha256"] == hashlib.sha256(b"bit rot").hexdigest()
    # Without reading contents, corruption behind an intact record goes unseen; the rest is found.
    assert quick.checksum_mismatches == [] and quick.missing == report.missing and quick.orphans == report.orphans
    assert one.ok and one.references == 5


def test_row_checksum_differing_from_the_object_is_a_mismatch(sessions, store):
    keys = _ingest_rows(sessions, store)
    with sessions.begin() as s:
        s.query(SourceFile).one().sha256 = "0" * 64
    with sessions() as s:
        report = check_storage(s, store, verify=False)
    assert [(m["key"], m["row_sha256"]) for m in report.checksum_mismatches] == [(keys["original"], "0" * 64)]


def test_page_row_without_object_key_is_missing_unless_it_failed(sessions, store):
    _ingest_rows(sessions, store)
    with sessions.begin() as s:
        pages = s.query(Page).order_by(Page.index).all()
        pages[0].image_key = None
        pages[1].image_key, pages[1].error = None, "page is blank"
    with sessions() as s:
        report = check_storage(s, store)
    assert [(m["key"], m["table"]) for m in report.missing] == [(None, "page.image")]
    # The failed page's OCR object is no longer referenced: an orphan.
    assert report.orphans == ["dossiers/HS-CHK/ocr/" + "a" * 64 + "/0001.json",
                              "dossiers/HS-CHK/pages/" + "a" * 64 + "/0000.png",
                              "dossiers/HS-CHK/pages/" + "a" * 64 + "/0001.png"]


@pytest.mark.parametrize("verify", [True, False])
def test_empty_store_and_database_are_fine(sessions, store, verify):
    with sessions() as s:
        assert check_storage(s, store, verify=verify).ok
