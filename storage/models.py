"""SQL schema: a dossier, the files received for it, their pages, and the documents found in them.

Originals are immutable and identified by SHA-256 (the Paperless-ngx model); the unique constraints
are what make re-ingesting the same file a no-op rather than a duplicate.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.folding import fold_value

# Explicit constraint names, so that migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# Folded values are compared byte-wise so that prefix ranges use the B-tree on PostgreSQL whatever
# the database's locale (SQLite's default BINARY collation already is).
FOLDED = Text().with_variant(Text(collation="C"), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict: JSON, list: JSON}


class Dossier(Base):
    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    procedure: Mapped[str] = mapped_column(String(32), default="generic")
    status: Mapped[str] = mapped_column(String(32), default="received")
    missing_documents: Mapped[list] = mapped_column(default=list)
    # One person's value read differently in two documents: [{"id_number", "field", "values"}].
    conflicts: Mapped[list] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    files: Mapped[list[SourceFile]] = relationship(
        back_populates="dossier", order_by="SourceFile.id", cascade="all, delete-orphan")
    documents: Mapped[list[Document]] = relationship(
        back_populates="dossier", order_by="Document.ordinal", cascade="all, delete-orphan")


class SourceFile(Base):
    __tablename__ = "source_file"
    __table_args__ = (UniqueConstraint("dossier_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(100))
    object_key: Mapped[str] = mapped_column(String(512))
    page_count: Mapped[int | None] = mapped_column(Integer)
    # A file-level failure (unreadable, corrupt); page-level ones live on Page.error.
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    dossier: Mapped[Dossier] = relationship(back_populates="files")
    pages: Mapped[list[Page]] = relationship(
        back_populates="source_file", order_by="Page.index", cascade="all, delete-orphan")


class Page(Base):
    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("source_file_id", "index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_file_id: Mapped[int] = mapped_column(ForeignKey("source_file.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    rotation_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    skew_deg: Mapped[float] = mapped_column(Float, default=0.0)
    text: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    image_key: Mapped[str | None] = mapped_column(String(512))
    ocr_key: Mapped[str | None] = mapped_column(String(512))
    image_sha256: Mapped[str | None] = mapped_column(String(64))
    ocr_sha256: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)

    source_file: Mapped[SourceFile] = relationship(back_populates="pages")


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("dossier_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(48), default="other")
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    boundary_confidence: Mapped[float] = mapped_column(Float, default=1.0)
    conflicts: Mapped[list] = mapped_column(default=list)

    dossier: Mapped[Dossier] = relationship(back_populates="documents")
    pages: Mapped[list[DocumentPage]] = relationship(
        order_by="DocumentPage.ordinal", cascade="all, delete-orphan")
    fields: Mapped[list[Field]] = relationship(
        back_populates="document", order_by="Field.id", cascade="all, delete-orphan")


class DocumentPage(Base):
    __tablename__ = "document_page"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)

    page: Mapped[Page] = relationship()


class Field(Base):
    """One value of a document. `value_folded` is the search key (see `storage.folding`), kept in step
    by the mapper events below; an officer's correction sets `verified` and `source="officer"`."""

    __tablename__ = "field"
    __table_args__ = (
        UniqueConstraint("document_id", "name"),
        Index("ix_field_name_value_folded", "name", "value_folded"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    source: Mapped[str] = mapped_column(String(16), default="ocr")
    page_id: Mapped[int | None] = mapped_column(ForeignKey("page.id", ondelete="SET NULL"))
    bbox: Mapped[list | None] = mapped_column()
    flags: Mapped[list] = mapped_column(default=list)
    value_folded: Mapped[str | None] = mapped_column(FOLDED)
    verified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    verified_by: Mapped[str | None] = mapped_column(String(128))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    document: Mapped[Document] = relationship(back_populates="fields")


@event.listens_for(Field, "before_insert")
@event.listens_for(Field, "before_update")
def _fold_field(_mapper, _connection, target: Field) -> None:
    target.value_folded = fold_value(target.name, target.value)


class FieldHistory(Base):
    """Every change an officer made to a field: the value before, the value after, who and when.

    The document and field are also named by value (dossier, ordinal, name) because re-ingesting a
    dossier rebuilds its documents: the row outlives the field row it first pointed at."""

    __tablename__ = "field_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    field_id: Mapped[int | None] = mapped_column(ForeignKey("field.id", ondelete="SET NULL"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    document_ordinal: Mapped[int] = mapped_column(Integer)
    document_type: Mapped[str] = mapped_column(String(48))
    name: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    old_source: Mapped[str | None] = mapped_column(String(16))
    old_confidence: Mapped[float | None] = mapped_column(Float)
    new_value: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(128))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)


class ArchiveRecord(Base):
    """One version of a dossier handed to the provincial repository. The fingerprint is the hash of the
    dossier's JSON: a dossier changed after archiving gets a new fingerprint, hence a new version under
    a new remote prefix; the archived one is never overwritten. Status: pending → uploaded → verified,
    or failed (with `last_error`; the next run resumes the same version)."""

    __tablename__ = "archive_record"
    __table_args__ = (UniqueConstraint("dossier_id", "version"), UniqueConstraint("dossier_id", "fingerprint"))

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(1024))
    package_sha256: Mapped[str | None] = mapped_column(String(64))
    files: Mapped[int] = mapped_column(Integer, default=0)
    size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
