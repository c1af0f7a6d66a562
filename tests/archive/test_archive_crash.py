"""Exactly once across a real crash: `sohoa archive` runs in a child process and is killed with SIGKILL
while it uploads; the re-run finishes every dossier with no object put twice and nothing missing.
Puts are counted with bucket versioning (every PUT of a key makes a version, even of equal bytes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.archive.factory import add_archivable

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
CODES = ["HS-400", "HS-401", "HS-402"]


def _versions(repository) -> dict[str, int]:
    counts: dict[str, int] = {}
    for obj in repository.client.list_objects(bucket_name=repository.bucket, recursive=True, include_version=True):
        counts[obj.object_name] = counts.get(obj.object_name, 0) + 1
    return counts


def test_kill_mid_upload_then_rerun_completes_without_duplicates(prefect_harness, archive_env, repository):
    from minio.versioningconfig import ENABLED, VersioningConfig
    from prefect.settings import PREFECT_API_URL

    from flows import runtime as runtime_module
    from flows.archive import archive_dossiers
    from storage.archive.package import parse_manifest
    from storage.archive.state import records

    repository.client.set_bucket_versioning(bucket_name=repository.bucket, config=VersioningConfig(ENABLED))
    rt = runtime_module.runtime()
    with rt.sessions.begin() as session:
        for code in CODES:
            add_archivable(session, rt.store, code)

    env = {**os.environ, **archive_env, "SOHOA_ARCHIVE_UPLOAD_DELAY": "0.4", "SOHOA_ARCHIVE_WORKERS": "1",
           "PREFECT_API_URL": PREFECT_API_URL.value(), "AWS_ACCESS_KEY_ID": "testing",
           "AWS_SECRET_ACCESS_KEY": "testing"}
    child = subprocess.Popen([sys.executable, "-m", "flows.cli", "archive", "--json"], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while not any(True for _ in repository.list("district-01/")):
            assert child.poll() is None, child.stderr.read().decode()[-3000:]
            assert time.monotonic() < deadline, "the child uploaded nothing in time"
            time.sleep(0.05)
        time.sleep(0.5)  # a few files in: well inside the first dossier's upload
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    before = _versions(repository)
    complete = [c for c in CODES if f"district-01/{c}/v1/COMPLETE" in before]
    assert before and len(complete) < len(CODES), "the kill must land before every dossier was archived"

    runtime_module.reset()
    report = archive_dossiers()
    assert report["failed"] == []
    assert sorted(r["code"] for r in report["archived"]) == sorted(set(CODES) - set(complete))
    resumed = [r for r in report["archived"] if r["skipped"]]
    assert resumed, "the interrupted dossier's finished files were skipped, not uploaded again"

    after = _versions(repository)
    assert all(n == 1 for n in after.values()), {k: n for k, n in after.items() if n > 1}
    for code in CODES:
        base = f"district-01/{code}/v1/"
        assert base + "COMPLETE" in after
        manifest = parse_manifest(repository.get_bytes(base + "manifest-sha256.txt"))
        manifest |= parse_manifest(repository.get_bytes(base + "tagmanifest-sha256.txt"))
        assert set(manifest) | {"COMPLETE", "tagmanifest-sha256.txt"} == {k[len(base):] for k in after
                                                                          if k.startswith(base)}
        for path, sha in manifest.items():
            assert repository.content_sha256(base + path) == sha
    with runtime_module.runtime().sessions() as session:
        rows = records(session)
    assert [(r.version, r.status) for r in rows] == [(1, "verified")] * len(CODES)
