"""SQL schema: a dossier, the files received for it, their pages, and the documents found in them.

Originals are immutable and identified by SHA-256 (the Paperless-ngx model); the unique constraints
are what make re-ingesting the same file a no-op rather than a duplicate.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict: JSON, list: JSON}


class Dossier(Base):
    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    procedure: Mapped[str] = mapped_column(String(32), default="generic")
    status: Mapped[str] = mapped_column(String(32), default="received")
    missing_documents: Mapped[list] = mapped_column(default=list)
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

    dossier: Mapped[Dossier] = relationship(back_populates="documents")
    pages: Mapped[list[DocumentPage]] = relationship(
        order_by="DocumentPage.ordinal", cascade="all, delete-orphan")
    fields: Mapped[list[Field]] = relationship(order_by="Field.id", cascade="all, delete-orphan")


class DocumentPage(Base):
    __tablename__ = "document_page"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)

    page: Mapped[Page] = relationship()


class Field(Base):
    __tablename__ = "field"
    __table_args__ = (UniqueConstraint("document_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    source: Mapped[str] = mapped_column(String(16), default="ocr")
    page_id: Mapped[int | None] = mapped_column(ForeignKey("page.id", ondelete="SET NULL"))
    bbox: Mapped[list | None] = mapped_column()
