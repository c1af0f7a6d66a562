"""Storage fixtures: every contract test runs on both object-store backends (a folder, and a real
S3-protocol server process on loopback: moto in server mode) and on both databases (an SQLite file,
and the PostgreSQL server on 127.0.0.1:5432, one fresh schema per test)."""

from __future__ import annotations

import os
import shutil
import socket
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

POSTGRES_URL = os.environ.get("SOHOA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """A moto S3 server on a free loopback port for the whole session: `host:port`."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_env(s3_endpoint, monkeypatch):
    """Credentials for moto (it accepts any; it does not check signatures)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    return {"endpoint": s3_endpoint, "access_key": "testing", "secret_key": "testing"}


@pytest.fixture
def make_s3_store(s3_env):
    """A fresh bucket each call, through the production `S3ObjectStore`."""
    from storage.objects import S3ObjectStore

    def make(sse: bool = False) -> S3ObjectStore:
        bucket = f"sohoa-{uuid.uuid4().hex[:12]}"
        return S3ObjectStore(bucket, s3_env["endpoint"], s3_env["access_key"], s3_env["secret_key"],
                             secure=False, region="us-east-1", sse=sse)

    return make


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    """The same contract, two backends; each test gets an empty folder or a fresh bucket."""
    from storage.objects import LocalObjectStore

    if request.param == "local":
        return LocalObjectStore(tmp_path / "objects")
    return request.getfixturevalue("make_s3_store")()


@pytest.fixture(scope="session")
def postgres_available() -> str | None:
    """None when reachable, else why not (the tests then skip and say so)."""
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except Exception as exc:  # noqa: BLE001
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {type(exc).__name__}: {exc}"
    return None


def _new_schema() -> tuple[str, str]:
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return schema, f"{POSTGRES_URL}?options={quote(f'-csearch_path={schema}')}"


def _drop_schema(schema: str) -> None:
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, postgres_available):
    """A URL of an empty database: an SQLite file, or a fresh PostgreSQL schema (dropped after).
    For migration tests; the others use `engine`, which starts from an already migrated schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'sohoa.db'}"
        return
    if postgres_available:
        pytest.skip(postgres_available)
    schema, url = _new_schema()
    try:
        yield url
    finally:
        _drop_schema(schema)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An SQLite file migrated to head once; tests copy it (migrating costs ~0.3 s each time)."""
    from storage.db import make_engine

    path = tmp_path_factory.mktemp("template") / "sohoa.db"
    make_engine(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(scope="session")
def postgres_shared(postgres_available):
    """One PostgreSQL schema migrated to head for the session; tests empty it after use."""
    if postgres_available:
        yield None
        return
    from storage.db import make_engine

    schema, url = _new_schema()
    make_engine(url).dispose()
    try:
        yield url
    finally:
        _drop_schema(schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path, postgres_available):
    """A URL of a migrated, empty database on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "sohoa.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    if postgres_available:
        pytest.skip(postgres_available)
    url = request.getfixturevalue("postgres_shared")
    yield url
    from storage.models import Base

    admin = create_engine(url)
    with admin.begin() as conn:  # DELETE: much faster than TRUNCATE on a few rows
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
    admin.dispose()


@pytest.fixture
def engine(database_url):
    from storage.db import make_engine

    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine):
    from storage.db import session_factory

    return session_factory(engine)
