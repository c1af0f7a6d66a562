"""The schema comes from Alembic migrations, and they match the models, on both databases."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from storage.db import alembic_config, current_revision, head_revision, make_engine
from storage.models import Base


def test_opening_a_database_upgrades_it_to_head_and_matches_the_models(db_url):
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert "field_history" in inspect(conn).get_table_names()
    engine.dispose()


def test_reopening_is_a_no_op(database_url):
    engine = make_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO dossier (code, procedure, status, missing_documents, created_at, updated_at)"
                          " VALUES ('HS-1', 'generic', 'received', '[]', '2025-01-01', '2025-01-01')"))
    again = make_engine(database_url)
    with again.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM dossier")).scalar() == 1
    again.dispose()
    engine.dispose()


def test_a_database_made_before_migrations_is_stamped_then_upgraded(db_url):
    """Databases created by the first release (`create_all`, no alembic_version) keep their rows and
    gain the new columns, with the search key filled in for existing fields."""
    raw = create_engine(db_url)
    config = alembic_config()
    with raw.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("INSERT INTO dossier (id, code, procedure, status, missing_documents, created_at,"
                          " updated_at) VALUES (1, 'HS-OLD', 'generic', 'processed', '[]', '2024-01-01',"
                          " '2024-01-01')"))
        conn.execute(text("INSERT INTO document (id, dossier_id, ordinal, type, confidence)"
                          " VALUES (1, 1, 0, 'cccd', 0.9)"))
        conn.execute(text("INSERT INTO field (document_id, name, value, confidence, source)"
                          " VALUES (1, 'full_name', 'NGUYỄN VĂN ĐỨC', 0.9, 'ocr')"))
    raw.dispose()
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        row = conn.execute(text("SELECT value_folded, verified FROM field")).one()
    assert row.value_folded == "nguyen van duc" and not row.verified
    engine.dispose()
