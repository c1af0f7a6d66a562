"""Retrieval and officer corrections: a folded, indexed search key on every field, the verified flag,
and the history of officer changes.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.folding import fold_value

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    # Byte-wise collation on PostgreSQL so that prefix ranges are prefix matches whatever the locale.
    folded = sa.Text(collation="C") if postgres else sa.Text()
    with op.batch_alter_table("field") as batch:
        batch.add_column(sa.Column("value_folded", folded, nullable=True))
        batch.add_column(sa.Column("verified", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("verified_by", sa.String(128), nullable=True))
        batch.add_column(sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True))
    _fold_existing()
    op.create_index("ix_field_name_value_folded", "field", ["name", "value_folded"])
    op.create_table(
        "field_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.Integer(), nullable=True),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("document_ordinal", sa.Integer(), nullable=False),
        sa.Column("document_type", sa.String(48), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("old_source", sa.String(16), nullable=True),
        sa.Column("old_confidence", sa.Float(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(128), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["field_id"], ["field.id"], name="fk_field_history_field_id_field",
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"], name="fk_field_history_dossier_id_dossier",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_field_history"),
    )
    op.create_index("ix_field_history_field_id", "field_history", ["field_id"])
    op.create_index("ix_field_history_dossier_id", "field_history", ["dossier_id"])


def _fold_existing() -> None:
    """Fields written before this revision get their search key (folding is Python, not SQL)."""
    bind = op.get_bind()
    field = sa.table("field", sa.column("id", sa.Integer), sa.column("name", sa.String),
                     sa.column("value", sa.Text), sa.column("value_folded", sa.Text))
    rows = bind.execute(sa.select(field.c.id, field.c.name, field.c.value)).all()
    if rows:
        bind.execute(field.update().where(field.c.id == sa.bindparam("fid")).values(value_folded=sa.bindparam("vf")),
                     [{"fid": r.id, "vf": fold_value(r.name, r.value)} for r in rows])


def downgrade() -> None:
    op.drop_table("field_history")
    op.drop_index("ix_field_name_value_folded", table_name="field")
    with op.batch_alter_table("field") as batch:
        for column in ("verified_at", "verified_by", "verified", "value_folded"):
            batch.drop_column(column)
