"""Content types from a file's first bytes: the name of a scanned file is often wrong (.jpg PDFs)."""

from __future__ import annotations

MAGIC = (
    (b"%PDF", "application/pdf"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def sniff_content_type(head: bytes) -> str:
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    return "application/octet-stream"
