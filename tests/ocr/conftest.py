"""Shared fixtures for the page-pipeline tests (images are generated, never stored)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ocr_synth import render_page  # noqa: E402


@pytest.fixture(scope="session")
def page():
    """(upright synthetic page, its text)."""
    return render_page()
