"""Folded copies of values for search: officers type names without diacritics ("nguyen van an"), and
an index can only help if the stored side is folded the same way before the query runs."""

from __future__ import annotations

import unicodedata

# Fields whose value identifies something: compared as bare letters and digits, so "001 203 012 345"
# and "001203012345" are the same person.
IDENTIFIER_FIELDS = frozenset({"id_number", "insurance_number"})
# Fields searched by `sohoa search --name`.
NAME_FIELDS = ("full_name", "father_full_name", "mother_full_name")
# Longer folded values are cut: they are never searched for whole, and a PostgreSQL B-tree entry must
# stay under ~2.7 kB.
MAX_FOLDED = 256


def fold(text: str) -> str:
    """Accent-free, lower-case, whitespace-collapsed text: "NGUYỄN  Văn Đức" -> "nguyen van duc".

    `đ`/`Đ` are letters of their own (no decomposition), so they are mapped to `d` by hand before the
    combining marks left by NFKD are dropped."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def fold_identifier(text: str) -> str:
    """Letters and digits only, folded: separators typed or read by OCR do not matter."""
    return "".join(c for c in fold(text) if c.isalnum())


def fold_value(name: str, value: str | None) -> str | None:
    """The stored search key of field `name`."""
    if value is None:
        return None
    folded = fold_identifier(value) if name in IDENTIFIER_FIELDS else fold(value)
    return folded[:MAX_FOLDED]


# Above every code point: `prefix <= x < prefix + TOP` is "x starts with prefix" under a byte-wise
# (SQLite BINARY, PostgreSQL "C") collation, which is what the folded column uses on both databases.
TOP = "\U0010ffff"
