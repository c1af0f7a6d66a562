"""Alembic environment. `storage.db.upgrade` passes its own connection (the normal path: every
`make_engine` upgrades to head); `alembic -c alembic.ini upgrade head` run by hand uses
SOHOA_DATABASE_URL or the URL of alembic.ini."""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine

from storage.models import Base

config = context.config
target_metadata = Base.metadata
if config.config_file_name and "connection" not in config.attributes:  # run by hand: log what happens
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _configure(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=_url().startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    return os.environ.get("SOHOA_DATABASE_URL") or config.get_main_option("sqlalchemy.url") or ""


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    from storage.db import make_engine

    engine = make_engine(_url(), migrate=False) if _url() else create_engine("sqlite://")
    with engine.connect() as connection:
        _configure(connection)
        connection.commit()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
