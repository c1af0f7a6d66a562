"""What the classifiers say about their own doubt: a document's review flag, boundary confidence and
QR/OCR conflicts, each field's validation flags, and a dossier's cross-document conflicts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: SQLite's batch mode copies and drops the table, and with foreign
    # keys on, dropping `document` would cascade-delete every field.
    op.add_column("dossier", sa.Column("conflicts", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("document", sa.Column("review", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("document", sa.Column("boundary_confidence", sa.Float(), nullable=False, server_default="1.0"))
    op.add_column("document", sa.Column("conflicts", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("field", sa.Column("flags", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("field") as batch:
        batch.drop_column("flags")
    with op.batch_alter_table("document") as batch:
        batch.drop_column("conflicts")
        batch.drop_column("boundary_confidence")
        batch.drop_column("review")
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("conflicts")
