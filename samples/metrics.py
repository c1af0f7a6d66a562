"""Error rates for comparing OCR output with a page's ground-truth text.

Both texts are NFC-normalised and their whitespace collapsed to single spaces first, so line breaks
and layout spacing do not count as errors; what remains is the edit distance per reference unit.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from rapidfuzz.distance import Levenshtein


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def char_error_rate(reference: str, hypothesis: str) -> float:
    """Character edits needed to turn the hypothesis into the reference, per reference character."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(ref, hyp) / len(ref)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word edits per reference word."""
    ref, hyp = normalise(reference).split(), normalise(hypothesis).split()
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(ref, hyp) / len(ref)


def word_miss_rate(reference: str, hypothesis: str) -> float:
    """Share of the reference's words (as a multiset) that the hypothesis lacks, in any order.

    Unlike the error rates above it does not depend on reading order, which is ambiguous on pages
    holding two cards side by side; it tells whether the page was read, not how it was ordered."""
    ref, hyp = Counter(normalise(reference).split()), Counter(normalise(hypothesis).split())
    total = sum(ref.values())
    if not total:
        return 0.0
    return sum((ref - hyp).values()) / total
