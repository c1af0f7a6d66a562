"""Finding dossiers and documents by a citizen's ID number, by a name typed without diacritics, or
by dossier code. Every lookup is an equality or a prefix range on an indexed column (the folded
`field.value_folded`, `dossier.code`), so it stays fast with hundreds of thousands of documents on
SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.folding import NAME_FIELDS, TOP, fold, fold_identifier
from storage.models import Document, Dossier, Field

# Shown for every document found, so an officer can tell people apart in the list.
SUMMARY_FIELDS = ("id_number", "full_name", "date_of_birth")
DEFAULT_LIMIT = 100


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def by_id_number(session: Session, id_number: str, limit: int = DEFAULT_LIMIT) -> list[dict]:
    """Documents that carry this ID number (separators and spaces ignored), newest dossier first."""
    key = fold_identifier(id_number)
    if not key:
        return []
    rows = session.execute(
        select(Field.document_id, Field.name, Field.value)
        .join(Document, Document.id == Field.document_id).join(Dossier, Dossier.id == Document.dossier_id)
        .where(Field.name == "id_number", Field.value_folded == key)
        .order_by(Dossier.created_at.desc(), Dossier.id.desc(), Document.ordinal).limit(limit)).all()
    return _results(session, [(r.document_id, r.name, r.value) for r in rows])


def by_name(session: Session, text: str, limit: int = DEFAULT_LIMIT) -> list[dict]:
    """Documents naming a person whose name is, or starts with the words of, `text`, ignoring case and
    diacritics ("nguyen van an" finds "NGUYỄN VĂN AN" and "Nguyễn Văn An Khang", not "Nguyễn Văn Anh")."""
    key = fold(text)
    if not key:
        return []
    # One B-tree range [key, key + " " + TOP) covers "equal" and "continues with a space"; the only
    # other strings inside it continue with a control character, dropped below.
    rows = session.execute(
        select(Field.document_id, Field.name, Field.value, Field.value_folded)
        .where(Field.name.in_(NAME_FIELDS), Field.value_folded >= key, Field.value_folded < key + " " + TOP)
        .order_by(Field.value_folded, Field.document_id).limit(limit)).all()
    hits = [(r.document_id, r.name, r.value) for r in rows
            if r.value_folded == key or r.value_folded.startswith(key + " ")]
    return _results(session, hits)


def by_dossier_code(session: Session, code: str) -> list[dict]:
    """The dossier with exactly this code and all its documents."""
    dossier_id = session.scalar(select(Dossier.id).where(Dossier.code == code.strip()))
    if dossier_id is None:
        return []
    documents = session.scalars(select(Document.id).where(Document.dossier_id == dossier_id)
                                .order_by(Document.ordinal)).all()
    if not documents:
        dossier = session.get(Dossier, dossier_id)
        return [{"dossier": _dossier_json(dossier), "documents": []}]
    return _results(session, [(doc_id, None, None) for doc_id in documents])


def _dossier_json(dossier: Dossier) -> dict:
    return {"code": dossier.code, "procedure": dossier.procedure, "status": dossier.status,
            "created_at": _iso(dossier.created_at)}


def _results(session: Session, hits: list[tuple[int, str | None, str | None]]) -> list[dict]:
    """Group matched documents by dossier (in the order found) with each document's summary fields."""
    if not hits:
        return []
    doc_ids = list(dict.fromkeys(doc_id for doc_id, _, _ in hits))
    documents = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(doc_ids)))}
    dossiers = {d.id: d for d in session.scalars(
        select(Dossier).where(Dossier.id.in_({d.dossier_id for d in documents.values()})))}
    summary: dict[int, dict[str, str]] = defaultdict(dict)
    for row in session.execute(select(Field.document_id, Field.name, Field.value).where(
            Field.document_id.in_(doc_ids), Field.name.in_(SUMMARY_FIELDS))):
        summary[row.document_id][row.name] = row.value
    grouped: dict[int, dict] = {}
    seen: set[int] = set()
    for doc_id, field_name, value in hits:
        if doc_id in seen:  # a document naming the person twice (e.g. as child and as father) once
            continue
        seen.add(doc_id)
        document = documents[doc_id]
        if document.dossier_id not in grouped:
            grouped[document.dossier_id] = {"dossier": _dossier_json(dossiers[document.dossier_id]), "documents": []}
        entry = grouped[document.dossier_id]
        item = {"ordinal": document.ordinal, "type": document.type}
        item.update({name: summary[doc_id].get(name) for name in SUMMARY_FIELDS})
        if field_name is not None:
            item["matched"] = {"field": field_name, "value": value}
        entry["documents"].append(item)
    return list(grouped.values())
