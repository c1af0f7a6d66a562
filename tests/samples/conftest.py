"""Shared fixtures: the default sample set is written once per test session (it takes ~20 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from samples import write_samples


@pytest.fixture(scope="session")
def default_set(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_samples(tmp_path_factory.mktemp("samples"), seed=0, dossiers=3)
