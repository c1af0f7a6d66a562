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
    source: str  # "ocr", "qr" or "officer"
    page: PageRef | None = None
    bbox: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class DocumentSpan:
    type: str
    confidence: float
    pages: list[PageRef]
    fields: dict[str, ExtractedField] = field(default_factory=dict)


def one_document_per_page(pages: list[PageRef]) -> list[DocumentSpan]:
    """Until page classification exists (issue #4), every readable page is its own `other` document,
    with zero confidence so that nothing downstream mistakes it for a decision."""
    return [DocumentSpan(type="other", confidence=0.0, pages=[ref]) for ref in pages]
