"""The schema of the first ingest flow: dossiers, received files, pages, documents, fields.

Databases made before migrations existed (by `create_all`) have exactly this schema and are stamped
at this revision by `storage.db.upgrade`.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("procedure", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("missing_documents", sa.JSON(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_dossier"),
        sa.UniqueConstraint("code", name="uq_dossier_code"),
    )
    op.create_table(
        "source_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("object_key", sa.String(512), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("received_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"], name="fk_source_file_dossier_id_dossier",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_source_file"),
        sa.UniqueConstraint("dossier_id", "sha256", name="uq_source_file_dossier_id_sha256"),
    )
    op.create_index("ix_source_file_dossier_id", "source_file", ["dossier_id"])
    op.create_index("ix_source_file_sha256", "source_file", ["sha256"])
    op.create_table(
        "page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_file_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("rotation", sa.Integer(), nullable=False),
        sa.Column("rotation_confidence", sa.Float(), nullable=False),
        sa.Column("skew_deg", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("image_key", sa.String(512), nullable=True),
        sa.Column("ocr_key", sa.String(512), nullable=True),
        sa.Column("image_sha256", sa.String(64), nullable=True),
        sa.Column("ocr_sha256", sa.String(64), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["source_file_id"], ["source_file.id"],
                                name="fk_page_source_file_id_source_file", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_page"),
        sa.UniqueConstraint("source_file_id", "index", name="uq_page_source_file_id_index"),
    )
    op.create_index("ix_page_source_file_id", "page", ["source_file_id"])
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(48), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"], name="fk_document_dossier_id_dossier",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_document"),
        sa.UniqueConstraint("dossier_id", "ordinal", name="uq_document_dossier_id_ordinal"),
    )
    op.create_index("ix_document_dossier_id", "document", ["dossier_id"])
    op.create_table(
        "document_page",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name="fk_document_page_document_id_document",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["page_id"], ["page.id"], name="fk_document_page_page_id_page",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "page_id", name="pk_document_page"),
    )
    op.create_table(
        "field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=True),
        sa.Column("bbox", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name="fk_field_document_id_document",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["page_id"], ["page.id"], name="fk_field_page_id_page", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_field"),
        sa.UniqueConstraint("document_id", "name", name="uq_field_document_id_name"),
    )
    op.create_index("ix_field_document_id", "field", ["document_id"])


def downgrade() -> None:
    for table in ("field", "document_page", "document", "page", "source_file", "dossier"):
        op.drop_table(table)
