"""Rows and faults for storage tests, written directly (field extraction is another package's job)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from storage.models import Document, DocumentPage, Dossier, Field, Page, SourceFile
from storage.objects import LocalObjectStore


def add_dossier(session, code: str, documents: list[tuple[str, dict[str, str]]], *,
                created_at: datetime | None = None, confidence: float = 0.9) -> Dossier:
    """A dossier with one file `<code>.pdf`, one page per document, and the given fields on each
    document (each field read from that document's page)."""
    dossier = Dossier(code=code, procedure="generic", status="processed", missing_documents=[],
                      created_at=created_at or datetime.now(UTC))
    session.add(dossier)
    session.flush()
    source = SourceFile(dossier_id=dossier.id, name=f"{code}.pdf", sha256=f"{dossier.id:064d}", size=1,
                        content_type="application/pdf", object_key=f"dossiers/{code}/originals/x.pdf")
    session.add(source)
    session.flush()
    for ordinal, (kind, fields) in enumerate(documents):
        page = Page(source_file_id=source.id, index=ordinal, text="")
        document = Document(dossier_id=dossier.id, ordinal=ordinal, type=kind, confidence=0.9)
        session.add_all([page, document])
        session.flush()
        session.add(DocumentPage(document_id=document.id, page_id=page.id, ordinal=0))
        for name, value in fields.items():
            session.add(Field(document_id=document.id, name=name, value=value, confidence=confidence,
                              source="ocr", page_id=page.id, bbox=[1, 2, 3, 4]))
    session.flush()
    return dossier


def corrupt(store, key: str, data: bytes) -> None:
    """Change an object's bytes behind the store's back, keeping its recorded checksum."""
    if isinstance(store, LocalObjectStore):
        (store.root / key).write_bytes(data)
    else:
        sha = store.stat(key).sha256
        store.client.put_object(bucket_name=store.bucket, object_name=key, data=io.BytesIO(data),
                                length=len(data), metadata={"sha256": sha})
