"""Error rates for comparing OCR output with a page's ground-truth text.

Both texts are NFC-normalised and their whitespace collapsed to single spaces first, so line breaks
and layout spacing do not count as errors; what remains is the edit distance per reference unit.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from rapidfuzz import fuzz
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


_SHORT = 8  # characters: a shorter line matches almost anywhere, so it stays behind its predecessor


def line_order_free_cer(reference: str, hypothesis: str) -> float:
    """Character error rate with the hypothesis lines in the best order found.

    Reading order between blocks is ambiguous on administrative papers (the two-column national header,
    two cards side by side on one A4 page): a reader that takes the right column first has misread
    nothing. The lines are re-joined in the reference's order (each placed where it best matches the
    reference; short lines stay behind the line before them); then, from that order and from the order
    as read, single lines are moved while that lowers the distance (a line whose best partial match is a
    repeated phrase lands in the wrong place at first). The lower of the result and the as-read CER is
    returned: the CER of one actual order of the lines, so an upper bound of the minimum over all line
    orders. Words inside a line
    keep their order, and a missed, doubled or misread line costs what it costs in `char_error_rate`.
    The idea is that of the reading-order-independent "flexible character accuracy" measure of the
    OCR evaluation literature.
    """
    ref = normalise(reference)
    lines = [normalise(x) for x in unicodedata.normalize("NFC", hypothesis).splitlines()]
    lines = [x for x in lines if x]
    as_read = char_error_rate(reference, hypothesis)
    if not ref or len(lines) < 2:
        return as_read
    keys: list[tuple[float, int]] = []
    for i, line in enumerate(lines):
        if len(line) < _SHORT and keys:
            keys.append((keys[-1][0], i))
        else:
            keys.append((float(fuzz.partial_ratio_alignment(line, ref).dest_start), i))
    best = min(Levenshtein.distance(ref, " ".join(_improve(ref, start)))
               for start in ([lines[i] for _, i in sorted(keys)], lines))
    return min(as_read, best / len(ref))


_PASSES = 3


def _improve(ref: str, order: list[str]) -> list[str]:
    """Local search: move one line at a time to a place that lowers the distance."""
    best = Levenshtein.distance(ref, " ".join(order))
    for _ in range(_PASSES):
        moved = False
        for i in range(len(order)):
            rest = order[:i] + order[i + 1 :]
            for j in range(len(order)):
                if best == 0:
                    return order
                trial = rest[:j] + [order[i]] + rest[j:]
                d = Levenshtein.distance(ref, " ".join(trial), score_cutoff=best - 1)
                if j != i and d < best:
                    best, order, moved = d, trial, True
                    break
        if not moved:
            break
    return order
