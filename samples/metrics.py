"""Error rates for comparing OCR output with a page's ground-truth text.

Both texts are NFC-normalised and their whitespace collapsed to single spaces first, so line breaks
and layout spacing do not count as errors; what remains is the edit distance per reference unit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def edit_distance(a: Sequence, b: Sequence) -> int:
    """Levenshtein distance, one numpy row at a time (the insertion chain via a running minimum)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    codes: dict = {}
    av = np.array([codes.setdefault(x, len(codes)) for x in a], dtype=np.int64)
    bv = np.array([codes.setdefault(x, len(codes)) for x in b], dtype=np.int64)
    idx = np.arange(len(bv) + 1, dtype=np.int64)
    row = idx.copy()
    for i, x in enumerate(av, start=1):
        cand = np.empty_like(row)
        cand[0] = i
        cand[1:] = np.minimum(row[1:] + 1, row[:-1] + (bv != x))  # deletion, substitution
        row = np.minimum.accumulate(cand - idx) + idx  # insertion
    return int(row[-1])


def char_error_rate(reference: str, hypothesis: str) -> float:
    """Character edits needed to turn the hypothesis into the reference, per reference character."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(ref, hyp) / len(ref)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word edits per reference word."""
    ref, hyp = normalise(reference).split(), normalise(hypothesis).split()
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(ref, hyp) / len(ref)
