"""`sohoa check`: do the rows and the object store agree?

Three kinds of problem: objects no row refers to (orphans: left by a run that died between storing
objects and writing rows, which a re-run adopts; or by a bug), rows whose object is missing (lost
data), and objects whose bytes or recorded checksum differ from the row's SHA-256 (corruption)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Dossier, Page, SourceFile
from storage.objects import ObjectNotFound, ObjectStore


@dataclass(frozen=True)
class Reference:
    """A row that names an object and the SHA-256 it expects."""

    key: str | None
    sha256: str | None
    table: str
    row_id: int
    dossier: str


@dataclass
class CheckReport:
    store: str
    objects: int = 0
    references: int = 0
    verified: bool = True
    orphans: list[str] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)
    checksum_mismatches: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.orphans or self.missing or self.checksum_mismatches)

    def to_json(self) -> dict:
        return {"ok": self.ok, **asdict(self)}


def references(session: Session, dossier_code: str | None = None) -> list[Reference]:
    files = select(SourceFile.object_key, SourceFile.sha256, SourceFile.id, Dossier.code).join(Dossier)
    pages = (select(Page.image_key, Page.image_sha256, Page.ocr_key, Page.ocr_sha256, Page.id, Dossier.code)
             .join(SourceFile, SourceFile.id == Page.source_file_id).join(Dossier, Dossier.id == SourceFile.dossier_id)
             .where(Page.error.is_(None)))
    if dossier_code is not None:
        files, pages = files.where(Dossier.code == dossier_code), pages.where(Dossier.code == dossier_code)
    refs = [Reference(r.object_key, r.sha256, "source_file", r.id, r.code) for r in session.execute(files)]
    for r in session.execute(pages):
        refs.append(Reference(r.image_key, r.image_sha256, "page.image", r.id, r.code))
        refs.append(Reference(r.ocr_key, r.ocr_sha256, "page.ocr", r.id, r.code))
    return refs


def check_storage(session: Session, store: ObjectStore, *, dossier_code: str | None = None,
                  verify: bool = True) -> CheckReport:
    """Compare rows with objects. `verify` reads every referenced object and hashes it; without it only
    the checksum recorded with the object is compared with the row's (one metadata read each)."""
    prefix = f"dossiers/{dossier_code}/" if dossier_code else "dossiers/"
    stored = set(store.list(prefix))
    refs = references(session, dossier_code)
    report = CheckReport(store=store.location, objects=len(stored), references=len(refs), verified=verify)
    report.orphans = sorted(stored - {ref.key for ref in refs})
    for ref in refs:
        where = {"key": ref.key, "table": ref.table, "id": ref.row_id, "dossier": ref.dossier}
        if ref.key is None or ref.key not in stored:
            report.missing.append(where)
            continue
        try:
            recorded = store.stat(ref.key).sha256
            content = store.content_sha256(ref.key) if verify else None
        except ObjectNotFound:  # deleted while we looked
            report.missing.append(where)
            continue
        if ref.sha256 != recorded or (content is not None and content != recorded):
            report.checksum_mismatches.append(
                {**where, "row_sha256": ref.sha256, "object_sha256": recorded, "content_sha256": content})
    return report
