"""Shared fixtures: every test gets its own data folder (SQLite + object folder), and the whole session
shares one Prefect test harness (a temporary server costs 10-20 s to start)."""

from __future__ import annotations

import pytest

from flows import prefect_env

prefect_env.apply()


@pytest.fixture
def sohoa_env(tmp_path, monkeypatch):
    """Point sohoa at a fresh data folder and forget cached handles."""
    from flows import runtime

    monkeypatch.setenv("SOHOA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SOHOA_DATABASE_URL", raising=False)
    monkeypatch.delenv("SOHOA_OBJECT_STORE", raising=False)
    runtime.reset()
    yield tmp_path / "data"
    runtime.reset()


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
