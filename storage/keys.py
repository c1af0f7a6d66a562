"""Object keys: content-addressed and laid out by dossier, so one dossier's objects list together
and the same bytes always land on the same key (re-runs overwrite nothing new)."""

from __future__ import annotations

from pathlib import PurePosixPath


def original_key(dossier_code: str, sha256: str, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    return f"dossiers/{dossier_code}/originals/{sha256}{suffix}"


def page_image_key(dossier_code: str, file_sha256: str, page: int) -> str:
    return f"dossiers/{dossier_code}/pages/{file_sha256}/{page:04d}.png"


def page_ocr_key(dossier_code: str, file_sha256: str, page: int) -> str:
    return f"dossiers/{dossier_code}/ocr/{file_sha256}/{page:04d}.json"
