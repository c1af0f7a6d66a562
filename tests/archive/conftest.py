"""Archive fixtures: a moto S3 server process stands in for the provincial repository (the session
server of the storage tests), and sohoa's own data lives in a fresh folder per test."""

from __future__ import annotations

import uuid

import pytest

from tests.storage import conftest as _storage

# The storage tests' moto server (a session fixture) and its credentials, reused as they are.
s3_endpoint = _storage.s3_endpoint
s3_env = _storage.s3_env
_free_port = _storage._free_port


@pytest.fixture
def archive_env(sohoa_env, s3_env, monkeypatch):
    """sohoa configured with a fresh repository bucket on the moto server; short retry delays."""
    from flows import runtime

    bucket = f"archive-{uuid.uuid4().hex[:10]}"
    values = {
        "SOHOA_ARCHIVE_ENDPOINT": s3_env["endpoint"], "SOHOA_ARCHIVE_BUCKET": bucket,
        "SOHOA_ARCHIVE_ACCESS_KEY": "testing", "SOHOA_ARCHIVE_SECRET_KEY": "testing",
        "SOHOA_ARCHIVE_REGION": "us-east-1", "SOHOA_ARCHIVE_PREFIX": "district-01/",
        "SOHOA_ARCHIVE_RETRY_DELAYS": "[0.2, 0.2, 0.2]", "SOHOA_ARCHIVE_RETRIES": "2",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    runtime.reset()
    return {**values, "SOHOA_DATA_DIR": str(sohoa_env)}


@pytest.fixture
def repository(archive_env):
    """The repository bucket, through the same client the flow uses."""
    from storage.archive.repository import RepositoryStore

    return RepositoryStore(archive_env["SOHOA_ARCHIVE_BUCKET"], archive_env["SOHOA_ARCHIVE_ENDPOINT"],
                           "testing", "testing", region="us-east-1")
