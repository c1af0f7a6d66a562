"""Documents found in a dossier: which pages belong together, what they are, what they say."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageRef:
    """A page of the dossier: the original file's name and the 0-based page within it."""

    file: str
    page: int


@dataclass(frozen=True)
class ExtractedField:
    value: str
    confidence: float
    source: str  # "ocr", "qr", "mrz" (check-digit-verified machine-readable zone) or "officer"
    page: PageRef | None = None
    bbox: tuple[int, int, int, int] | None = None
    # Why an officer should look (additive to DESIGN.md): e.g. "invalid_province_code",
    # "qr_disagrees", "not_a_date". A flagged value is kept, with a low confidence.
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentSpan:
    type: str
    confidence: float
    pages: list[PageRef]
    fields: dict[str, ExtractedField] = field(default_factory=dict)
    # Additive to DESIGN.md: `review` when the type is a low-confidence guess or a card's identifying items
    # are unread (`dossier.needs_review`); `boundary_confidence`
    # that a new document really starts at the first page; `conflicts` between readings of one value
    # (OCR against QR on a card), as {"field", "values": {source: value}}.
    review: bool = False
    boundary_confidence: float = 1.0
    conflicts: tuple[dict, ...] = ()

