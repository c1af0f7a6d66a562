"""Accuracy measures against the generator's ground truth, shared by tests and benchmarks."""

from __future__ import annotations

import unicodedata

from rapidfuzz.distance import Levenshtein


def normalise_text(text: str) -> str:
    """NFC with all runs of white space folded to one space: layout is not what CER measures."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def char_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance over the reference length, after `normalise_text` on both."""
    ref, hyp = normalise_text(reference), normalise_text(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(ref, hyp) / len(ref)
