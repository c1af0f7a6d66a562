"""Officer corrections: an officer fixes a field of a citizen's document; the field becomes verified
(source "officer") and a `field_history` row keeps the value before, who changed it and when."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Dossier, Field, FieldHistory, utcnow
from storage.profile import Occurrence, occurrences, person_document_ids, ranked


class CorrectionError(LookupError):
    """Nothing to correct: no such person, or no document of theirs matches the filters."""


@dataclass(frozen=True)
class Correction:
    dossier: str
    document_type: str
    document_ordinal: int
    name: str
    old_value: str | None
    new_value: str
    changed_by: str
    changed_at: str

    def to_json(self) -> dict:
        return {"dossier": self.dossier, "document": {"type": self.document_type, "ordinal": self.document_ordinal},
                "field": self.name, "old_value": self.old_value, "new_value": self.new_value,
                "changed_by": self.changed_by, "changed_at": self.changed_at}


def correct_field(session: Session, *, id_number: str, name: str, value: str, by: str,
                  dossier_code: str | None = None, document_type: str | None = None,
                  reason: str | None = None) -> Correction:
    """Set `name` to `value` on the citizen's document that currently supplies it (the profile's source),
    optionally restricted to one dossier and/or document type. When none of those documents has the
    field yet, it is added to the newest of them. Call inside a transaction."""
    value = unicodedata.normalize("NFC", value).strip()
    by = by.strip()
    if not value or not by:
        raise ValueError("a correction needs a value and the officer who makes it")
    items = occurrences(session, person_document_ids(session, id_number))
    if not items:
        raise CorrectionError(f"no document carries ID number {id_number!r}")
    items = [o for o in items if (dossier_code is None or o.dossier_code == dossier_code)
             and (document_type is None or o.document_type == document_type)]
    if not items:
        raise CorrectionError(f"no document of ID number {id_number!r} matches dossier {dossier_code!r}"
                              f" and type {document_type!r}")
    with_field = ranked([o for o in items if o.field.name == name])
    target: Occurrence = with_field[0] if with_field else ranked(items)[0]
    field = target.field if with_field else None
    if field is None:
        field = Field(document_id=target.field.document_id, name=name, value=value)
        session.add(field)
    old = (None, None, None) if not with_field else (field.value, field.source, field.confidence)
    now = utcnow()
    field.value, field.source, field.confidence = value, "officer", 1.0
    field.verified, field.verified_by, field.verified_at = True, by, now
    session.flush()
    session.add(FieldHistory(field_id=field.id, dossier_id=target.dossier_id, document_ordinal=target.document_ordinal,
                             document_type=target.document_type, name=name, old_value=old[0], old_source=old[1],
                             old_confidence=old[2], new_value=value, changed_by=by, changed_at=now, reason=reason))
    session.flush()
    return Correction(target.dossier_code, target.document_type, target.document_ordinal, name, old[0], value, by,
                      now.isoformat())


def field_history(session: Session, id_number: str) -> list[dict]:
    """Every officer change to the citizen's current documents' fields, oldest first."""
    doc_ids = person_document_ids(session, id_number)
    field_ids = select(Field.id).where(Field.document_id.in_(doc_ids))
    rows = session.execute(select(FieldHistory, Dossier.code).join(Dossier, Dossier.id == FieldHistory.dossier_id)
                           .where(FieldHistory.field_id.in_(field_ids))
                           .order_by(FieldHistory.changed_at, FieldHistory.id)).all()
    return [{"dossier": code, "document": {"type": h.document_type, "ordinal": h.document_ordinal},
             "field": h.name, "old_value": h.old_value, "old_source": h.old_source, "new_value": h.new_value,
             "changed_by": h.changed_by, "changed_at": h.changed_at.isoformat(), "reason": h.reason}
            for h, code in rows]
