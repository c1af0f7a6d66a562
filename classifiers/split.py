"""Group consecutive pages into documents.

A new document starts on every page unless the page is the continuation of the one before: a later
page of a multi-page paper of the same type without its own title (the two-page birth registration
form), or the back of an ID card scanned on its own page right after its front. One A4 page may hold
several documents (two different cards): `classify_page` already returned one verdict per card.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from classifiers.classify import PageClass
from classifiers.documents import PageRef

MAX_PAGES = {"birth_registration_form": 2, "cccd": 2}


@dataclass
class Draft:
    """A document before its fields are read: its type, pages and the verdicts they came from."""

    type: str
    confidence: float
    review: bool
    pages: list[PageRef] = field(default_factory=list)
    parts: list[PageClass] = field(default_factory=list)
    boundary_confidence: float = 1.0


def _continues(prev: Draft, ref: PageRef, verdict: PageClass, prev_ref: PageRef) -> float:
    """Probability that `verdict` (the only document on page `ref`) continues `prev`; 0 when it cannot."""
    if ref.file != prev_ref.file or ref.page != prev_ref.page + 1 or len(prev.pages) >= MAX_PAGES.get(prev.type, 1):
        return 0.0
    if prev.type == "birth_registration_form" and verdict.type == prev.type and not verdict.has_title:
        return 0.97 if verdict.continuation else 0.75
    if prev.type == "cccd" and verdict.type == "cccd" and prev.parts[-1].side == "front" and verdict.side == "back":
        return 0.9
    return 0.0


def split(pages: list[tuple[PageRef, list[PageClass]]]) -> list[Draft]:
    """Documents in page order; `boundary_confidence` is the probability that each really starts where
    it does (high for a page that prints its own title, lower for an unsure continuation decision)."""
    drafts: list[Draft] = []
    prev_ref: PageRef | None = None
    for ref, verdicts in pages:
        p_cont = 0.0
        if drafts and prev_ref is not None and len(verdicts) == 1:
            p_cont = _continues(drafts[-1], ref, verdicts[0], prev_ref)
        if p_cont >= 0.5:
            d = drafts[-1]
            d.pages.append(ref)
            d.parts.append(verdicts[0])
            d.confidence = min(d.confidence, verdicts[0].confidence)
        else:
            for v in verdicts:
                start = 0.97 if v.has_title else max(0.6, v.confidence)
                boundary = round(start * (1 - p_cont), 4) if p_cont else start
                drafts.append(Draft(v.type, v.confidence, v.review, [ref], [v], boundary))
        prev_ref = ref
    return drafts
