"""Upload protocol against a real S3-protocol server process (moto on loopback): verified, resumable
by checksum, COMPLETE marker last, an archived version never overwritten."""

from __future__ import annotations

import hashlib

import pytest

from storage.archive.package import build_package, parse_manifest
from storage.archive.repository import MARKER, RemoteConflict, upload_package
from storage.dossiers import find_dossier
from tests.archive.factory import add_archivable


def _package(rt, code: str, version: int = 1):
    with rt.sessions() as session:
        return build_package(find_dossier(session, code), rt.store, version=version)


def test_upload_verifies_every_file_and_a_second_upload_puts_nothing(archive_env, repository):
    from flows.runtime import runtime

    rt = runtime()
    with rt.sessions.begin() as session:
        add_archivable(session, rt.store, "HS-100")
    package = _package(rt, "HS-100")
    result = upload_package(repository, package, "district-01/")
    assert result.location == f"s3://{repository.bucket}/district-01/HS-100/v1/"
    assert (result.uploaded, result.skipped) == (len(package.files), 0)
    keys = sorted(repository.list("district-01/HS-100/v1/"))
    assert keys == sorted([f"district-01/HS-100/v1/{p}" for p in package.files] + [f"district-01/HS-100/v1/{MARKER}"])
    base = "district-01/HS-100/v1/"
    manifest = parse_manifest(repository.get_bytes(base + "manifest-sha256.txt"))
    manifest |= parse_manifest(repository.get_bytes(base + "tagmanifest-sha256.txt"))
    assert len(manifest) == len(package.files) - 1
    for path, sha in manifest.items():
        assert hashlib.sha256(repository.get_bytes(base + path)).hexdigest() == sha
    again = upload_package(repository, package, "district-01/")
    assert (again.uploaded, again.skipped) == (0, len(package.files))


def test_a_different_package_never_overwrites_an_archived_version(archive_env, repository):
    from flows.runtime import runtime
    from storage.models import Field

    rt = runtime()
    with rt.sessions.begin() as session:
        add_archivable(session, rt.store, "HS-101")
    upload_package(repository, _package(rt, "HS-101"), "")
    before = {k: repository.content_sha256(k) for k in repository.list("HS-101/")}
    with rt.sessions.begin() as session:
        session.query(Field).filter_by(name="full_name", value="NGUYỄN THỊ HOA").one().value = "NGUYỄN THỊ HOÀ"
    with pytest.raises(RemoteConflict):
        upload_package(repository, _package(rt, "HS-101"), "")
    assert {k: repository.content_sha256(k) for k in repository.list("HS-101/")} == before
