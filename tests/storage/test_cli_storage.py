"""The storage commands end to end through `sohoa` (flows.cli.main), configured by environment
variables as an operator would, on both databases and both object stores."""

import io
import json
import urllib.request
from contextlib import redirect_stderr, redirect_stdout

import pytest

from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from flows.cli import main
from flows.cli_storage import EXIT_NOT_FOUND, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from storage import dossiers
from tests.storage.factory import add_dossier, corrupt

AN = "001203012345"
# The embedded default (SQLite + folder) and production (PostgreSQL + S3); the other two pairings are
# covered by the module tests of each layer.
pytestmark = pytest.mark.parametrize(("database_url", "store"), [("sqlite", "local"), ("postgresql", "s3")],
                                     indirect=True)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exc:
            status = exc.code
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def rt(database_url, store, tmp_path, monkeypatch, request):
    """sohoa's runtime pointed at this test's database and store, through SOHOA_* variables."""
    from flows import runtime

    monkeypatch.setenv("SOHOA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOHOA_DATABASE_URL", database_url)
    if hasattr(store, "bucket"):
        env = request.getfixturevalue("s3_env")
        monkeypatch.setenv("SOHOA_OBJECT_STORE", f"s3://{store.bucket}")
        monkeypatch.setenv("SOHOA_S3_ENDPOINT", env["endpoint"])
        monkeypatch.setenv("SOHOA_S3_ACCESS_KEY", env["access_key"])
        monkeypatch.setenv("SOHOA_S3_SECRET_KEY", env["secret_key"])
        monkeypatch.setenv("SOHOA_S3_REGION", "us-east-1")
    else:
        monkeypatch.setenv("SOHOA_OBJECT_STORE", str(store.root))
    runtime.reset()
    handles = runtime.runtime()
    yield handles
    handles.sessions.kw["bind"].dispose()
    runtime.reset()


@pytest.fixture
def filed(rt):
    """Two dossiers of one citizen, the second with real stored objects (original and page image)."""
    with rt.sessions.begin() as s:
        add_dossier(s, "HS-1", [("cccd", {"id_number": AN, "full_name": "NGUYỄN VĂN AN",
                                          "place_of_residence": "Phường Cửa Nam, Hà Nội"})])
        original = rt.store.put_bytes("dossiers/HS-2/originals/x.pdf", b"%PDF ban chinh", "application/pdf")
        image = rt.store.put_bytes("dossiers/HS-2/pages/x/0000.png", b"\x89PNG page", "image/png")
        ocr = rt.store.put_bytes("dossiers/HS-2/ocr/x/0000.json", b"{}", "application/json")
        dossier = dossiers.get_or_create_dossier(s, "HS-2", "birth_group")
        row = dossiers.add_source_file(s, dossier, "hồ sơ.pdf", original)
        dossiers.upsert_page(s, row, 0, image_key=image.key, image_sha256=image.sha256, ocr_key=ocr.key,
                             ocr_sha256=ocr.sha256, text="")
        ref = PageRef("hồ sơ.pdf", 0)
        dossiers.replace_documents(s, dossier, [DocumentSpan("cccd", 0.9, [ref], {
            "id_number": ExtractedField(AN, 0.9, "ocr", ref),
            "place_of_residence": ExtractedField("Phường Đống Đa, Hà Nội", 0.8, "ocr", ref)})])
    return rt


def test_search_commands(filed):
    status, out, _ = run("search", "--name", "nguyen van an", "--json")
    assert status == EXIT_OK
    data = json.loads(out)
    assert data["query"] == {"name": "nguyen van an"}
    assert [r["dossier"]["code"] for r in data["results"]] == ["HS-1"]
    status, out, _ = run("search", "--id-number", "001 203 012 345", "--json")
    assert status == EXIT_OK and {r["dossier"]["code"] for r in json.loads(out)["results"]} == {"HS-1", "HS-2"}
    status, out, _ = run("search", "--dossier-code", "HS-2", "--json")
    assert json.loads(out)["results"][0]["documents"][0]["type"] == "cccd"
    status, out, err = run("search", "--name", "tran thi b", "--json")
    assert status == EXIT_NOT_FOUND and json.loads(out)["results"] == [] and "tran thi b" in err
    status, out, _ = run("search", "--name", "nguyen van an")
    assert status == EXIT_OK and "NGUYỄN" in out and "HS-1" in out
    assert run("search")[0] == EXIT_USAGE
    assert run("search", "--name", "a", "--id-number", "1")[0] == EXIT_USAGE


def test_fields_profile_and_correction(filed):
    status, out, _ = run("fields", "--id-number", AN, "--json")
    assert status == EXIT_OK
    residence = json.loads(out)["profile"]["fields"]["place_of_residence"]
    assert residence["value"] == "Phường Đống Đa, Hà Nội" and residence["document"]["dossier"] == "HS-2"
    assert residence["page"] == {"file": "hồ sơ.pdf", "page": 0}
    assert [c["value"] for c in residence["conflicts"]] == ["Phường Cửa Nam, Hà Nội"]

    status, out, _ = run("fields", "set", "--id-number", AN, "--field", "place_of_residence",
                         "--value", "Phường Cửa Nam, Hà Nội", "--by", "can_bo_1", "--dossier-code", "HS-1", "--json")
    assert status == EXIT_OK
    assert json.loads(out)["correction"] | {"changed_at": None} == {
        "dossier": "HS-1", "document": {"type": "cccd", "ordinal": 0}, "field": "place_of_residence",
        "old_value": "Phường Cửa Nam, Hà Nội", "new_value": "Phường Cửa Nam, Hà Nội", "changed_by": "can_bo_1",
        "changed_at": None}
    status, out, _ = run("fields", "--id-number", AN, "--history", "--json")
    profile = json.loads(out)["profile"]
    assert profile["fields"]["place_of_residence"]["value"] == "Phường Cửa Nam, Hà Nội"
    assert profile["fields"]["place_of_residence"]["verified_by"] == "can_bo_1"
    assert [h["changed_by"] for h in profile["history"]] == ["can_bo_1"]
    status, out, _ = run("fields", "--id-number", AN)
    assert status == EXIT_OK and "can_bo_1" in out

    assert run("fields", "--id-number", "999", "--json")[0] == EXIT_NOT_FOUND
    assert run("fields")[0] == EXIT_USAGE
    assert run("fields", "set", "--id-number", "999", "--field", "x", "--value", "v", "--by", "o")[0] == EXIT_NOT_FOUND
    assert run("fields", "set", "--id-number", AN, "--field", "x", "--value", " ", "--by", "o")[0] == EXIT_USAGE


def test_check_command(filed):
    status, out, _ = run("check", "--json")
    data = json.loads(out)
    # HS-1's rows were written without objects (factory): its original and page are missing.
    assert status == EXIT_PROBLEMS and data["orphans"] == [] and data["checksum_mismatches"] == []
    assert sorted((m["dossier"], m["table"]) for m in data["missing"]) == [
        ("HS-1", "page.image"), ("HS-1", "page.ocr"), ("HS-1", "source_file")]
    status, out, _ = run("check", "--dossier-code", "HS-2", "--json")
    assert status == EXIT_OK and json.loads(out)["ok"] and json.loads(out)["references"] == 3
    filed.store.put_bytes("dossiers/HS-2/pages/y/0000.png", b"orphan", "image/png")
    status, out, err = run("check", "--dossier-code", "HS-2")
    assert status == EXIT_PROBLEMS and out == "" and "orphan object (no row): dossiers/HS-2/pages/y/0000.png" in err


def test_download_writes_verified_files_and_s3_links(filed, tmp_path):
    out_dir = tmp_path / "out"
    status, out, _ = run("download", "HS-2", "--out", str(out_dir), "--json")
    assert status == EXIT_OK
    (entry,) = json.loads(out)["files"]
    assert (out_dir / "hồ sơ.pdf").read_bytes() == b"%PDF ban chinh" and entry["path"] == str(out_dir / "hồ sơ.pdf")
    status, out, _ = run("download", "HS-2", "--document", "0", "--pages", "--out", str(out_dir), "--json")
    assert status == EXIT_OK and (out_dir / "hồ sơ-page0000.png").read_bytes() == b"\x89PNG page"
    if hasattr(filed.store, "bucket"):
        with urllib.request.urlopen(entry["url"], timeout=10) as response:
            assert response.read() == b"%PDF ban chinh"
        status, out, _ = run("download", "HS-2", "--url-only", "--expires", "60", "--out", str(tmp_path / "none"))
        assert status == EXIT_OK and "X-Amz-Expires=60" in out and not (tmp_path / "none").exists()
    else:
        assert entry["url"] is None
        assert run("download", "HS-2", "--url-only")[0] == EXIT_USAGE

    corrupt(filed.store, "dossiers/HS-2/originals/x.pdf", b"%PDF altered")
    (out_dir / "hồ sơ.pdf").unlink()
    status, out, _ = run("download", "HS-2", "--out", str(out_dir), "--json")
    assert status == EXIT_PROBLEMS and "checksum mismatch" in json.loads(out)["errors"][0]["error"]
    assert not (out_dir / "hồ sơ.pdf").exists()
    assert run("download", "HS-9")[0] == EXIT_NOT_FOUND
    assert run("download", "HS-2", "--document", "7")[0] == EXIT_NOT_FOUND


def test_download_makes_searchable_pdfs_and_alto_from_the_stored_pages(rt, tmp_path):
    import shutil
    import subprocess
    import xml.etree.ElementTree as ET

    from tests.archive.factory import PAGE_WORDS, add_archivable

    with rt.sessions.begin() as s:
        add_archivable(s, rt.store, "HS-7", pages_per_document=2)
    out_dir = tmp_path / "made"
    status, out, _ = run("download", "HS-7", "--pdf", "--out", str(out_dir), "--json")
    assert status == EXIT_OK
    assert [f["name"] for f in json.loads(out)["files"]] == ["HS-7.1.pdf", "HS-7.2.pdf"]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out_dir / "HS-7.2.pdf"), "-"], capture_output=True, check=True)
        assert text.stdout.decode().split() == ["HS-7", "birth_certificate", "0", *PAGE_WORDS,
                                                "HS-7", "birth_certificate", "1", *PAGE_WORDS]
    status, out, _ = run("download", "HS-7", "--document", "1", "--alto", "--out", str(out_dir), "--json")
    files = json.loads(out)["files"]
    assert status == EXIT_OK and [f["name"] for f in files] == ["HS-7.2.p1.alto.xml", "HS-7.2.p2.alto.xml"]
    alto = ET.parse(out_dir / "HS-7.2.p2.alto.xml").getroot()
    strings = [e.get("CONTENT") for e in alto.iter("{http://www.loc.gov/standards/alto/ns-v4#}String")]
    assert strings == ["HS-7", "birth_certificate", "1", *PAGE_WORDS]
    assert run("download", "HS-7", "--alto", "--url-only")[0] == EXIT_USAGE
    assert run("download", "HS-7", "--pdf", "--document", "5")[0] == EXIT_NOT_FOUND
    rt.store.delete(next(iter(rt.store.list("dossiers/HS-7/pages/"))))  # document 1 loses a page image
    status, out, _ = run("download", "HS-7", "--pdf", "--out", str(tmp_path / "again"), "--json")
    data = json.loads(out)
    assert status == EXIT_PROBLEMS and [f["name"] for f in data["files"]] == ["HS-7.2.pdf"]
    assert data["errors"][0]["name"] == "HS-7.1.pdf" and "dossiers/HS-7/pages/" in data["errors"][0]["error"]
