"""The package of a dossier: BagIt layout, checksums, archive metadata, deterministic bytes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET

import pytest

from storage.archive import pdfa
from storage.archive.package import PackageError, build_package, fingerprint, parse_manifest
from storage.dossiers import find_dossier
from tests.archive.factory import PAGE_WORDS, add_archivable

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext (poppler-utils)")


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return unicodedata.normalize("NFC", done.stdout.decode("utf-8"))


@pytest.fixture
def rt(sohoa_env):
    from flows.runtime import runtime

    return runtime()


def _package(rt, code: str, **options):
    with rt.sessions() as session:
        return build_package(find_dossier(session, code), rt.store, version=1, **options)


def test_package_layout_checksums_and_metadata(rt, tmp_path):
    with rt.sessions.begin() as session:
        add_archivable(session, rt.store, "HS-001", pages_per_document=2)
    package = _package(rt, "HS-001")
    assert sorted(package.files) == [
        "bag-info.txt", "bagit.txt",
        "data/HS-001.1.fields.json", "data/HS-001.1.p1.alto.xml", "data/HS-001.1.p2.alto.xml", "data/HS-001.1.pdf",
        "data/HS-001.2.fields.json", "data/HS-001.2.p1.alto.xml", "data/HS-001.2.p2.alto.xml", "data/HS-001.2.pdf",
        "data/HS-001.metadata.json", "data/HS-001.metadata.xml",
        "manifest-sha256.txt", "tagmanifest-sha256.txt"]
    manifest = parse_manifest(package.files["manifest-sha256.txt"])
    assert set(manifest) == {p for p in package.files if p.startswith("data/")}
    tags = parse_manifest(package.files["tagmanifest-sha256.txt"])
    assert set(tags) == {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}
    for path, sha in {**manifest, **tags}.items():
        assert hashlib.sha256(package.files[path]).hexdigest() == sha
    assert package.files["data/HS-001.1.pdf"].startswith(b"%PDF-")
    pdf = package.files["data/HS-001.1.pdf"]
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 2
    if pdfa.available():  # Ghostscript installed: PDF/A-2b, said so in the metadata
        assert b"pdfaid:part='2'" in pdf and b"GTS_PDFA" in pdf
    if shutil.which("pdftotext"):  # searchable: the OCR words survive the PDF/A conversion, Vietnamese included
        words = _pdf_text(pdf, tmp_path).split()
        assert words == ["HS-001", "cccd", "0", *PAGE_WORDS, "HS-001", "cccd", "1", *PAGE_WORDS]

    record = json.loads(package.files["data/HS-001.metadata.json"])
    assert record["FileCode"] == "HS-001" and record["DocTotal"] == 2 and record["PageTotal"] == 4
    assert record["Maintenance"] == "Vĩnh viễn" and record["Language"] == "Tiếng Việt"
    assert record["StartDate"] == record["EndDate"] == "2021-04-10"
    assert record["Documents"][0]["Format"] == ("PDF/A-2b" if pdfa.available() else "PDF")
    first, second = record["Documents"]
    assert first == {**first, "DocOrdinal": 1, "TypeName": "Căn cước công dân", "CodeNumber": "001203004567",
                     "IssuedDate": "2021-04-10", "PageAmount": 2, "Subject": "Căn cước công dân — NGUYỄN VĂN ĐỨC"}
    assert second["OrganName"] == "UBND phường Láng Hạ"
    xml = ET.fromstring(package.files["data/HS-001.metadata.xml"])
    assert xml.findtext("FileCode") == "HS-001"
    assert [d.findtext("TypeName") for d in xml.iter("Document")] == ["Căn cước công dân", "Giấy khai sinh"]
    fields = json.loads(package.files["data/HS-001.1.fields.json"])
    assert fields["fields"]["full_name"]["value"] == "NGUYỄN VĂN ĐỨC"
    alto = ET.fromstring(package.files["data/HS-001.2.p2.alto.xml"])  # document 2, its second page
    ns = {"a": "http://www.loc.gov/standards/alto/ns-v4#"}
    assert alto.findtext("a:Description/a:sourceImageInformation/a:fileName", namespaces=ns) == "HS-001.2.pdf#page=2"
    assert [s.get("CONTENT") for s in alto.iterfind(".//a:String", ns)] == ["HS-001", "birth_certificate", "1",
                                                                            *PAGE_WORDS]


def test_same_dossier_version_gives_the_same_bytes_and_a_correction_a_new_fingerprint(rt):
    from storage.models import Field

    with rt.sessions.begin() as session:
        add_archivable(session, rt.store, "HS-002")
    first, again = _package(rt, "HS-002"), _package(rt, "HS-002")
    assert first.files == again.files and first.sha256 == again.sha256
    with rt.sessions.begin() as session:
        field = session.query(Field).filter_by(name="full_name", value="NGUYỄN VĂN ĐỨC").one()
        field.value, field.source = "NGUYỄN VĂN ĐỨA", "officer"
    with rt.sessions() as session:
        assert fingerprint(find_dossier(session, "HS-002")) != first.fingerprint


def test_page_images_on_request_and_a_missing_image_is_a_package_error(rt):
    with rt.sessions.begin() as session:
        add_archivable(session, rt.store, "HS-003")
    package = _package(rt, "HS-003", include_images=True, want_pdfa=False)
    assert "data/HS-003.1.p1.png" in package.files
    assert b"<fileName>HS-003.1.p1.png</fileName>" in package.files["data/HS-003.1.p1.alto.xml"]
    assert b"pdfaid" not in package.files["data/HS-003.1.pdf"]
    rt.store.delete(next(iter(rt.store.list("dossiers/HS-003/pages/"))))
    with pytest.raises(PackageError):
        _package(rt, "HS-003")


@needs_pdftotext
@pytest.mark.parametrize("want_pdfa", [False, True])
def test_pdf_is_searchable_and_a_page_without_ocr_is_image_only(rt, tmp_path, want_pdfa):
    code = f"HS-00{4 + want_pdfa}"
    with rt.sessions.begin() as session:
        add_archivable(session, rt.store, code)
        add_archivable(session, rt.store, f"{code}-N", ocr=False)
    searchable = _package(rt, code, want_pdfa=want_pdfa).files[f"data/{code}.2.pdf"]
    assert _pdf_text(searchable, tmp_path).split() == [code, "birth_certificate", "0", *PAGE_WORDS]
    unread = _package(rt, f"{code}-N", want_pdfa=want_pdfa).files
    assert not [name for name in unread if name.endswith(".alto.xml")]  # no OCR, no ALTO
    image_only = unread[f"data/{code}-N.2.pdf"]
    assert len(re.findall(rb"/Type\s*/Page(?!s)", image_only)) == 1
    assert _pdf_text(image_only, tmp_path).strip() == ""
