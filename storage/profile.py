"""A citizen's reusable profile: for one ID number, every field on file across dossiers, the value
to reuse, where it was read (dossier, document, page), and the other values seen elsewhere.

A person is the set of documents whose `id_number` field equals the ID number (folded). The value to
reuse is, in order: one an officer verified (the latest), else the one from the newest dossier, else
the most confident reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.folding import fold_identifier, fold_value
from storage.models import Document, Dossier, Field, Page, SourceFile


@dataclass(frozen=True)
class Occurrence:
    """One field row with its provenance."""

    field: Field
    dossier_id: int
    dossier_code: str
    dossier_created: datetime
    document_type: str
    document_ordinal: int
    file: str | None
    page: int | None

    def rank(self) -> tuple:
        verified_at = self.field.verified_at.timestamp() if self.field.verified and self.field.verified_at else 0
        return (not self.field.verified, -verified_at, -self.dossier_created.timestamp(), -self.dossier_id,
                -self.field.confidence, self.document_ordinal)

    def document(self) -> dict:
        return {"dossier": self.dossier_code, "type": self.document_type, "ordinal": self.document_ordinal}

    def where(self) -> dict | None:
        return {"file": self.file, "page": self.page} if self.file is not None else None


def person_document_ids(session: Session, id_number: str) -> list[int]:
    key = fold_identifier(id_number)
    if not key:
        return []
    return list(session.scalars(select(Field.document_id).where(Field.name == "id_number",
                                                                Field.value_folded == key)))


def occurrences(session: Session, document_ids: list[int]) -> list[Occurrence]:
    """Every field of these documents with its dossier, document and page, in one query."""
    if not document_ids:
        return []
    rows = session.execute(
        select(Field, Dossier.id, Dossier.code, Dossier.created_at, Document.type, Document.ordinal,
               SourceFile.name, Page.index)
        .join(Document, Document.id == Field.document_id)
        .join(Dossier, Dossier.id == Document.dossier_id)
        .outerjoin(Page, Page.id == Field.page_id)
        .outerjoin(SourceFile, SourceFile.id == Page.source_file_id)
        .where(Field.document_id.in_(document_ids))).all()
    return [Occurrence(*row) for row in rows]


def _key(field: Field) -> str | None:
    """Values that fold alike are the same value ("Nguyễn Văn An" = "NGUYỄN VĂN AN")."""
    return field.value_folded if field.value_folded is not None else fold_value(field.name, field.value)


def ranked(items: list[Occurrence]) -> list[Occurrence]:
    return sorted(items, key=Occurrence.rank)


def citizen_profile(session: Session, id_number: str) -> dict | None:
    """The `sohoa fields --id-number N --json` document, or None when no document has this number."""
    items = occurrences(session, person_document_ids(session, id_number))
    if not items:
        return None
    by_name: dict[str, list[Occurrence]] = {}
    for item in items:
        by_name.setdefault(item.field.name, []).append(item)
    fields = {}
    for name in sorted(by_name):
        current, *others = ranked(by_name[name])
        key = _key(current.field)
        fld = current.field
        fields[name] = {
            "value": fld.value, "confidence": round(fld.confidence, 4), "source": fld.source,
            "verified": fld.verified, "verified_by": fld.verified_by,
            "verified_at": fld.verified_at.isoformat() if fld.verified_at else None,
            "document": current.document(), "page": current.where(), "bbox": fld.bbox,
            "also_in": [o.document() for o in others if _key(o.field) == key],
            "conflicts": [
                {"value": o.field.value, "confidence": round(o.field.confidence, 4), "source": o.field.source,
                 "document": o.document(), "page": o.where()}
                for o in others if _key(o.field) != key
            ],
        }
    documents = sorted({(o.dossier_created, o.dossier_id, o.dossier_code, o.document_ordinal, o.document_type)
                        for o in items}, key=lambda d: (-d[0].timestamp(), -d[1], d[3]))
    return {
        "id_number": fold_identifier(id_number),
        "documents": [{"dossier": code, "ordinal": ordinal, "type": kind} for _, _, code, ordinal, kind in documents],
        "fields": fields,
    }
