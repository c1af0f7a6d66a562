"""The whole understanding of a dossier, from OCR results to typed documents: classify every page,
split the bundle into documents, read each document's fields, validate them, cross-check documents
about the same person, and list the papers the procedure needs that are missing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from classifiers.agreement import trusted, typed
from classifiers.classify import PageClass, classify_page
from classifiers.completeness import missing_documents
from classifiers.consensus import reconcile
from classifiers.documents import DocumentSpan, PageRef
from classifiers.extract import extract
from classifiers.people import kinship_by_people
from classifiers.split import Draft, split
from classifiers.text import Line, page_lines
from classifiers.validate import cross_document, dt_ok, fill_sex, validate_fields
from ocr.types import PageResult


@dataclass(frozen=True)
class PageInput:
    """One readable page: where it is in the dossier, what OCR read, and any QR payloads on it."""

    ref: PageRef
    result: PageResult
    qr: tuple[str, ...] = ()


@dataclass
class Analysis:
    documents: list[DocumentSpan]
    page_types: dict[PageRef, list[str]]  # one type per document found on the page
    missing_documents: list[str]
    conflicts: list[dict] = field(default_factory=list)  # cross-document disagreements


def _document_lines(draft: Draft) -> list[Line]:
    lines = [ln for part in draft.parts for ln in part.lines]
    for i, ln in enumerate(lines):
        ln.index = i
    return lines


def _document_qr(draft: Draft, qr_by_page: dict[PageRef, tuple[str, ...]], shared: set[PageRef]) -> list[str]:
    payloads = [q for ref in draft.pages for q in qr_by_page.get(ref, ())]
    if not any(ref in shared for ref in draft.pages):
        return payloads
    text = " ".join(ln.text.replace(" ", "") for part in draft.parts for ln in part.lines)
    return [q for q in payloads if q.split("|", 1)[0] in text]


def read_document(draft: Draft, qr: list[str]) -> DocumentSpan:
    fields, conflicts = extract(draft.type, _document_lines(draft), qr)
    return DocumentSpan(type=draft.type, confidence=round(draft.confidence, 4), pages=list(draft.pages),
                        fields=fields, review=draft.review, boundary_confidence=draft.boundary_confidence,
                        conflicts=tuple(conflicts))


# A card is of no use to an officer without who it names: an ID card or insurance card none of whose readings
# of these items survived goes to review, like a type guessed with doubt.
IDENTIFYING = {"cccd": ("id_number", "full_name", "date_of_birth"),
               "health_insurance_card": ("insurance_number", "full_name", "date_of_birth")}


def needs_review(d: DocumentSpan) -> bool:
    """A guessed type, or a card with an identifying item unread (a phone photo too small to read whose QR
    did not decode; a card's back without its front)."""
    return d.review or any(name not in d.fields for name in IDENTIFYING.get(d.type, ()))


def _received(documents: list[DocumentSpan]) -> dt.date | None:
    """The day the dossier was received, from the one-stop shop's receipt read surely: no paper of the
    dossier was issued later (a request letter's "tháng 4" of a dossier received in January is misread)."""
    days = {d.fields["date_of_issue"].value for d in documents if typed(d) and d.type == "other"
            and "date_of_issue" in d.fields and trusted(d, d.fields["date_of_issue"])
            and dt_ok(d.fields["date_of_issue"].value)}
    return dt.date.fromisoformat(days.pop()) if len(days) == 1 else None


def analyse(pages: list[PageInput], procedure: str = "generic") -> Analysis:
    """Pages in dossier order (files in the order received, pages in file order)."""
    verdicts: list[tuple[PageRef, list[PageClass]]] = []
    for p in pages:
        size = (p.result.width, p.result.height) if p.result.width and p.result.height else None
        verdicts.append((p.ref, classify_page(page_lines(p.result, p.ref), p.qr, size)))
    drafts = split(verdicts)
    qr_by_page = {p.ref: p.qr for p in pages}
    shared = {ref for ref, vs in verdicts if len(vs) > 1}
    documents = [read_document(d, _document_qr(d, qr_by_page, shared)) for d in drafts]
    documents = reconcile(documents)
    received = _received(documents)
    documents = [dataclasses.replace(d, fields=kinship_by_people(
        fill_sex(validate_fields(d.fields, received=received), d.type), d.type)) for d in documents]
    documents = [dataclasses.replace(d, review=needs_review(d)) for d in documents]
    return Analysis(
        documents=documents,
        page_types={ref: [v.type for v in vs] for ref, vs in verdicts},
        missing_documents=missing_documents(procedure, [d.type for d in documents]),
        conflicts=cross_document(documents),
    )
