"""The `archive_dossiers` Prefect flow against a moto S3 server standing in for the repository:
eligibility, exactly-once re-runs, versions after a correction, and a repository that is down."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest

from tests.archive.conftest import _free_port
from tests.archive.factory import add_archivable

pytestmark = pytest.mark.e2e


def _records(rt) -> dict[str, list[tuple]]:
    from storage.archive.state import records

    out: dict[str, list[tuple]] = {}
    with rt.sessions() as session:
        for r in records(session):
            code = r.location.split("/")[-3] if r.location else str(r.dossier_id)
            out.setdefault(code, []).append((r.version, r.status, r.attempts))
    return out


def _archive_cli() -> tuple[int, dict]:
    from flows.cli import main

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        status = main(["archive", "--json"])
    return status, json.loads(buffer.getvalue())


def test_archives_finished_dossiers_once_and_a_correction_as_a_new_version(prefect_harness, archive_env, repository):
    from flows import runtime as runtime_module
    from storage.models import Field

    rt = runtime_module.runtime()
    with rt.sessions.begin() as session:
        add_archivable(session, rt.store, "HS-200")
        add_archivable(session, rt.store, "HS-201")
        add_archivable(session, rt.store, "HS-202", missing=["birth_registration_form"])
        add_archivable(session, rt.store, "HS-203", status="processed_with_errors")
    status, report = _archive_cli()
    assert status == 0 and not report["failed"]
    assert [(r["code"], r["version"]) for r in report["archived"]] == [("HS-200", 1), ("HS-201", 1)]
    assert all(r["attempts"] == 1 for r in report["archived"])
    assert report["archived"][0]["location"] == f"s3://{repository.bucket}/district-01/HS-200/v1/"
    assert _records(rt) == {"HS-200": [(1, "verified", 1)], "HS-201": [(1, "verified", 1)]}
    first = {k: repository.content_sha256(k) for k in repository.list("district-01/HS-200/v1/")}

    status, report = _archive_cli()  # nothing changed: nothing to do
    assert status == 0 and report["archived"] == [] and report["failed"] == []
    from flows.cli import main

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert main(["archive"]) == 0
    assert f"repository s3://{repository.bucket}/district-01/: 0 archived, 0 failed" in buffer.getvalue()

    with rt.sessions.begin() as session:
        field = session.query(Field).filter_by(name="full_name", value="NGUYỄN VĂN ĐỨC").first()
        field.value, field.source = "NGUYỄN VĂN ĐỨA", "officer"
    status, report = _archive_cli()
    assert [(r["code"], r["version"]) for r in report["archived"]] == [("HS-200", 2)]
    assert repository.exists("district-01/HS-200/v2/COMPLETE")
    assert {k: repository.content_sha256(k) for k in repository.list("district-01/HS-200/v1/")} == first
    v2 = json.loads(repository.get_bytes("district-01/HS-200/v2/data/HS-200.1.fields.json"))
    assert v2["fields"]["full_name"]["value"] == "NGUYỄN VĂN ĐỨA"


def test_repository_down_retries_then_fails_clearly_then_succeeds_when_back(prefect_harness, archive_env,
                                                                           monkeypatch):
    from flows import runtime as runtime_module

    rt = runtime_module.runtime()
    with rt.sessions.begin() as session:
        add_archivable(session, rt.store, "HS-300")
    monkeypatch.setenv("SOHOA_ARCHIVE_ENDPOINT", f"127.0.0.1:{_free_port()}")  # nothing listens there
    runtime_module.reset()
    status, report = _archive_cli()
    assert status == 3 and report["archived"] == []
    (failed,) = report["failed"]
    assert failed["code"] == "HS-300" and failed["attempts"] == 3  # one try + SOHOA_ARCHIVE_RETRIES=2
    assert "Connection refused" in failed["error"] or "MaxRetryError" in failed["error"], failed["error"]
    rt = runtime_module.runtime()
    with rt.sessions() as session:
        from storage.archive.state import records

        (record,) = records(session)
        assert (record.status, record.attempts, record.location) == ("failed", 3, None)
        assert record.last_error == failed["error"]

    monkeypatch.setenv("SOHOA_ARCHIVE_ENDPOINT", archive_env["SOHOA_ARCHIVE_ENDPOINT"])
    runtime_module.reset()
    status, report = _archive_cli()
    assert status == 0 and [(r["code"], r["version"], r["attempts"]) for r in report["archived"]] == [
        ("HS-300", 1, 4)]
    with runtime_module.runtime().sessions() as session:
        (record,) = records(session)
        assert record.status == "verified" and record.last_error is None and record.location.endswith("HS-300/v1/")


def test_archive_without_a_repository_is_a_usage_error(sohoa_env, capsys):
    from flows.cli import main

    assert main(["archive"]) == 2
    assert "SOHOA_ARCHIVE_ENDPOINT is not set" in capsys.readouterr().err


def test_a_permanent_failure_is_not_retried_and_the_others_go_on(prefect_harness, archive_env, repository):
    from flows import runtime as runtime_module

    rt = runtime_module.runtime()
    with rt.sessions.begin() as session:
        add_archivable(session, rt.store, "HS-500")
        add_archivable(session, rt.store, "HS-501")
    rt.store.delete(next(iter(rt.store.list("dossiers/HS-500/pages/"))))  # sohoa lost a page image
    status, report = _archive_cli()
    assert status == 3
    assert [r["code"] for r in report["archived"]] == ["HS-501"]
    (failed,) = report["failed"]
    assert failed["code"] == "HS-500" and failed["attempts"] == 1 and failed["permanent"]
    assert "PackageError" in failed["error"] and "dossiers/HS-500/pages/" in failed["error"]
    assert not any(True for _ in repository.list("district-01/HS-500/"))
