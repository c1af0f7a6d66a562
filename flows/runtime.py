"""Per-process handles (settings, object store, database sessions), built once and shared by tasks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.orm import Session, sessionmaker

from flows.settings import Settings, get_settings
from storage.db import make_engine, session_factory
from storage.objects import LocalObjectStore, S3ObjectStore, open_store


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    store: LocalObjectStore | S3ObjectStore
    sessions: sessionmaker[Session]


@lru_cache
def runtime() -> Runtime:
    settings = get_settings()
    store = open_store(settings.resolved_object_store, endpoint=settings.s3_endpoint,
                       access_key=settings.s3_access_key, secret_key=settings.s3_secret_key,
                       secure=settings.s3_secure, region=settings.s3_region,
                       sse=settings.s3_sse)
    return Runtime(settings, store, session_factory(make_engine(settings.resolved_database_url)))


def reset() -> None:
    """Forget cached handles (tests switch databases and stores between cases)."""
    runtime.cache_clear()
    get_settings.cache_clear()


def default_workers() -> int:
    """Tesseract runs single-threaded per page, so one page per core keeps every core busy."""
    configured = get_settings().workers
    return configured if configured > 0 else (os.cpu_count() or 1)
