"""Archive state in SQL: which dossier versions must still go to the repository, and how each went.

A dossier is eligible when it was processed without errors, nothing is missing from it, and no
verified archive record holds its current fingerprint. A failed or interrupted record of the same
fingerprint is resumed (same version, same remote prefix); a new fingerprint gets the next version."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.archive.package import fingerprint
from storage.dossiers import find_dossier
from storage.models import ArchiveRecord, Dossier, utcnow

__all__ = ["ArchiveRecord", "Pending", "mark", "records", "select_pending", "start_attempt"]


@dataclass(frozen=True)
class Pending:
    code: str
    record_id: int
    version: int
    fingerprint: str


def _record_for(session: Session, dossier: Dossier, print_: str) -> ArchiveRecord | None:
    record = session.scalar(select(ArchiveRecord).where(ArchiveRecord.dossier_id == dossier.id,
                                                        ArchiveRecord.fingerprint == print_))
    if record is not None:
        return None if record.status == "verified" else record
    last = session.scalar(select(func.max(ArchiveRecord.version)).where(ArchiveRecord.dossier_id == dossier.id))
    record = ArchiveRecord(dossier_id=dossier.id, version=(last or 0) + 1, fingerprint=print_, status="pending")
    session.add(record)
    session.flush()
    return record


def select_pending(session: Session) -> list[Pending]:
    """Every eligible dossier with the record (created if needed) its next upload will fill in."""
    codes = session.scalars(select(Dossier.code).where(Dossier.status == "processed").order_by(Dossier.code))
    pending = []
    for code in list(codes):
        dossier = find_dossier(session, code)
        if dossier.missing_documents or not dossier.documents:
            continue
        print_ = fingerprint(dossier)
        record = _record_for(session, dossier, print_)
        if record is not None:
            pending.append(Pending(code, record.id, record.version, print_))
    return pending


def start_attempt(session: Session, record_id: int) -> ArchiveRecord:
    record = session.get(ArchiveRecord, record_id)
    record.attempts += 1
    record.status = "pending" if record.status == "failed" else record.status
    return record


def mark(session: Session, record_id: int, status: str, **values) -> None:
    record = session.get(ArchiveRecord, record_id)
    record.status = status
    for name, value in values.items():
        setattr(record, name, value)
    if status == "verified":
        record.verified_at = utcnow()
        record.last_error = None


def records(session: Session, code: str | None = None) -> list[ArchiveRecord]:
    query = select(ArchiveRecord, Dossier.code).join(Dossier).order_by(Dossier.code, ArchiveRecord.version)
    if code:
        query = query.where(Dossier.code == code)
    return [row[0] for row in session.execute(query)]
