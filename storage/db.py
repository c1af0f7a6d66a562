"""Engine and sessions. SQLite runs in WAL mode so readers (`sohoa show`) never block an ingest.

Opening a database upgrades it to the newest Alembic revision (`storage/migrations`, run from the
installed package, so no alembic.ini is needed in production)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SCRIPT_LOCATION = "storage:migrations"
# Revision whose schema equals what `Base.metadata.create_all` made before migrations existed.
BASELINE = "0001"
# Any constant: serialises concurrent upgrades of one PostgreSQL database (several workers starting).
PG_LOCK_KEY = 0x50_48_4F_41  # "SOHOA"-ish


def make_engine(url: str, *, migrate: bool = True) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
    else:
        engine = create_engine(url, pool_pre_ping=True)
    if migrate:
        upgrade(engine)
    return engine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


@lru_cache
def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to head. Cheap when it already is (one query), so every process may call it."""
    with engine.connect() as connection:
        if current_revision(connection) == head_revision():
            return
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
            _upgrade(connection)
    except Exception:
        # Two SQLite processes opening a new database at once: the loser fails on "table exists";
        # if the winner brought it to head there is nothing left to do.
        with engine.connect() as connection:
            if current_revision(connection) != head_revision():
                raise


def _upgrade(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables and "dossier" in tables:
        command.stamp(config, BASELINE)
    if current_revision(connection) != head_revision():
        command.upgrade(config, "head")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
