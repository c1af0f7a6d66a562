"""Reading and writing dossier records. Each write function is one step of the ingest and is called
inside one transaction by the flow; all are idempotent so a re-run completes instead of duplicating."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from classifiers.documents import DocumentSpan
from ocr.types import page_needs_review
from storage.models import Document, DocumentPage, Dossier, Field, FieldHistory, Page, SourceFile
from storage.objects import StoredObject


def get_or_create_dossier(session: Session, code: str, procedure: str) -> Dossier:
    dossier = session.scalar(select(Dossier).where(Dossier.code == code))
    if dossier is None:
        dossier = Dossier(code=code, procedure=procedure, status="received")
        session.add(dossier)
        session.flush()
    elif procedure != "generic":
        dossier.procedure = procedure
    return dossier


def add_source_file(session: Session, dossier: Dossier, name: str, stored: StoredObject) -> SourceFile:
    """Record a received original; the same bytes in the same dossier map to the existing row."""
    existing = session.scalar(
        select(SourceFile).where(SourceFile.dossier_id == dossier.id, SourceFile.sha256 == stored.sha256))
    if existing is not None:
        return existing
    taken = set(session.scalars(select(SourceFile.name).where(SourceFile.dossier_id == dossier.id)))
    name = _unique_name(name, taken)
    row = SourceFile(dossier_id=dossier.id, name=name, sha256=stored.sha256, size=stored.size,
                     content_type=stored.content_type, object_key=stored.key)
    session.add(row)
    session.flush()
    return row


def _unique_name(name: str, taken: set[str]) -> str:
    """Pages are cited as (file name, page); two different scans both called scan.pdf must differ."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{stem} ({n}){dot}{suffix}"
        n += 1
    return candidate


def upsert_page(session: Session, source_file: SourceFile, index: int, **values) -> Page:
    page = session.scalar(select(Page).where(Page.source_file_id == source_file.id, Page.index == index))
    if page is None:
        page = Page(source_file_id=source_file.id, index=index)
        session.add(page)
    for name, value in values.items():
        setattr(page, name, value)
    session.flush()
    return page


def replace_documents(session: Session, dossier: Dossier, spans: list[DocumentSpan]) -> None:
    """Documents are derived data: recomputed from the pages on every run, so they are replaced whole.

    Officer corrections are not derived data: a verified field is carried over to the new document of
    the same ordinal and type (overriding what was extracted again), and its history follows it."""
    kept = {(d.ordinal, d.type): [f for f in d.fields if f.verified] for d in dossier.documents}
    for document in list(dossier.documents):
        session.delete(document)
    session.flush()
    pages = {
        (f.name, p.index): p
        for f in dossier.files
        for p in session.scalars(select(Page).where(Page.source_file_id == f.id))
    }
    for ordinal, span in enumerate(spans):
        document = Document(dossier_id=dossier.id, ordinal=ordinal, type=span.type, confidence=span.confidence,
                            review=span.review, boundary_confidence=span.boundary_confidence,
                            conflicts=list(span.conflicts))
        session.add(document)
        session.flush()
        for page_ordinal, ref in enumerate(span.pages):
            session.add(DocumentPage(document_id=document.id, page_id=pages[(ref.file, ref.page)].id,
                                     ordinal=page_ordinal))
        fields: dict[str, Field] = {}
        for name, extracted in span.fields.items():
            page = pages.get((extracted.page.file, extracted.page.page)) if extracted.page else None
            fields[name] = Field(document_id=document.id, name=name, value=extracted.value,
                                 confidence=extracted.confidence, source=extracted.source,
                                 page_id=page.id if page else None,
                                 bbox=list(extracted.bbox) if extracted.bbox else None,
                                 flags=list(extracted.flags))
        for old in kept.get((ordinal, span.type), []):
            field = fields.setdefault(old.name, Field(document_id=document.id, name=old.name,
                                                      page_id=old.page_id, bbox=old.bbox))
            field.value, field.confidence, field.source = old.value, old.confidence, old.source
            field.verified, field.verified_by, field.verified_at = True, old.verified_by, old.verified_at
            field.flags = []
        session.add_all(fields.values())
        session.flush()
        for old in kept.get((ordinal, span.type), []):
            session.execute(update(FieldHistory).where(
                FieldHistory.dossier_id == dossier.id, FieldHistory.document_ordinal == ordinal,
                FieldHistory.name == old.name).values(field_id=fields[old.name].id))
    session.flush()


def find_dossier(session: Session, code: str) -> Dossier | None:
    return session.scalar(
        select(Dossier).where(Dossier.code == code).options(
            selectinload(Dossier.files).selectinload(SourceFile.pages),
            selectinload(Dossier.documents).selectinload(Document.pages).selectinload(DocumentPage.page),
            selectinload(Dossier.documents).selectinload(Document.fields),
        ))


def dossier_json(dossier: Dossier) -> dict:
    """The `sohoa ingest`/`sohoa show` JSON of DESIGN.md, from stored rows only."""
    names = {f.id: f.name for f in dossier.files}
    page_ref = {p.id: {"file": names[f.id], "page": p.index} for f in dossier.files for p in f.pages}
    errors = [{"file": f.name, "page": None, "error": f.error} for f in dossier.files if f.error]
    errors += [{"file": f.name, "page": p.index, "error": p.error}
               for f in dossier.files for p in f.pages if p.error]
    pages = [
        {"file": f.name, "page": p.index, "rotation": p.rotation, "skew_deg": round(p.skew_deg, 2),
         "text": p.text, "confidence": round(p.confidence, 4), "review": page_needs_review(p.confidence)}
        for f in dossier.files for p in f.pages if not p.error
    ]
    documents = [
        {
            "type": d.type,
            "confidence": round(d.confidence, 4),
            "pages": [page_ref[dp.page_id] for dp in d.pages],
            "fields": {
                fld.name: {"value": fld.value, "confidence": round(fld.confidence, 4), "source": fld.source,
                           "page": page_ref.get(fld.page_id), "bbox": fld.bbox, "flags": list(fld.flags or [])}
                for fld in d.fields
            },
            "review": d.review,
            "boundary_confidence": round(d.boundary_confidence, 4),
            "conflicts": list(d.conflicts or []),
        }
        for d in dossier.documents
    ]
    return {"dossier": {"code": dossier.code, "procedure": dossier.procedure, "status": dossier.status,
                        "documents": documents, "pages": pages,
                        "missing_documents": list(dossier.missing_documents or []),
                        "conflicts": list(dossier.conflicts or []), "errors": errors}}
