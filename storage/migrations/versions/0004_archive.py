"""Archive state: one row per dossier version handed to the provincial repository.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A new table only: no batch mode (see 0003 on why batch mode is dangerous with foreign keys on).
    op.create_table(
        "archive_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("location", sa.String(1024), nullable=True),
        sa.Column("package_sha256", sa.String(64), nullable=True),
        sa.Column("files", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("size", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"], name="fk_archive_record_dossier_id_dossier",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_archive_record"),
        sa.UniqueConstraint("dossier_id", "version", name="uq_archive_record_dossier_id_version"),
        sa.UniqueConstraint("dossier_id", "fingerprint", name="uq_archive_record_dossier_id_fingerprint"),
    )
    op.create_index("ix_archive_record_dossier_id", "archive_record", ["dossier_id"])
    op.create_index("ix_archive_record_status", "archive_record", ["status"])


def downgrade() -> None:
    op.drop_index("ix_archive_record_status", table_name="archive_record")
    op.drop_index("ix_archive_record_dossier_id", table_name="archive_record")
    op.drop_table("archive_record")
