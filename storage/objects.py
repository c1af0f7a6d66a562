"""Object store: originals, page images and OCR results, behind one small interface.

Two backends: a local folder (embedded default) and an S3-compatible server through the `minio`
client. Keys are chosen by the caller (content-addressed, laid out by dossier: see `storage.keys`).
Writes are atomic and idempotent, so a re-run of an interrupted ingest never leaves half objects.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse


@dataclass(frozen=True)
class StoredObject:
    key: str
    sha256: str
    size: int
    content_type: str


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ObjectStore(Protocol):
    def put_bytes(self, key: str, data: bytes, content_type: str) -> StoredObject: ...
    def put_file(self, key: str, path: Path, content_type: str) -> StoredObject: ...
    def get_bytes(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    def list(self, prefix: str = "") -> Iterator[str]: ...
    def local_path(self, key: str) -> AbstractContextManager[Path]: ...


class LocalObjectStore:
    """Objects as files under `root`; the key is the relative path."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"object key escapes the store: {key!r}")
        return path

    def put_bytes(self, key: str, data: bytes, content_type: str) -> StoredObject:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return StoredObject(key, hashlib.sha256(data).hexdigest(), len(data), content_type)

    def put_file(self, key: str, path: Path, content_type: str) -> StoredObject:
        return self.put_bytes(key, Path(path).read_bytes(), content_type)

    def get_bytes(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def list(self, prefix: str = "") -> Iterator[str]:
        for path in sorted(self.root.rglob("*")):
            key = path.relative_to(self.root).as_posix()
            if path.is_file() and not path.name.startswith(".tmp-") and key.startswith(prefix):
                yield key

    @contextmanager
    def local_path(self, key: str) -> Iterator[Path]:
        path = self._path(key)
        if not path.is_file():
            raise FileNotFoundError(key)
        yield path


class S3ObjectStore:
    """Objects in one bucket of an S3-compatible server (MinIO, SeaweedFS, Garage…)."""

    def __init__(self, bucket: str, endpoint: str, access_key: str, secret_key: str,
                 secure: bool = False, region: str | None = None):
        from minio import Minio

        self.bucket = bucket
        self.client = Minio(endpoint=endpoint, access_key=access_key, secret_key=secret_key,
                            secure=secure, region=region)
        if not self.client.bucket_exists(bucket_name=bucket):
            self.client.make_bucket(bucket_name=bucket)

    def put_bytes(self, key: str, data: bytes, content_type: str) -> StoredObject:
        sha = hashlib.sha256(data).hexdigest()
        self.client.put_object(bucket_name=self.bucket, object_name=key, data=io.BytesIO(data),
                               length=len(data), content_type=content_type,
                               metadata={"sha256": sha})
        return StoredObject(key, sha, len(data), content_type)

    def put_file(self, key: str, path: Path, content_type: str) -> StoredObject:
        return self.put_bytes(key, Path(path).read_bytes(), content_type)

    def get_bytes(self, key: str) -> bytes:
        response = self.client.get_object(bucket_name=self.bucket, object_name=key)
        try:
            return response.read()
        finally:
            response.close()
            response.release_conn()

    def exists(self, key: str) -> bool:
        from minio.error import S3Error

        try:
            self.client.stat_object(bucket_name=self.bucket, object_name=key)
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject", "ResourceNotFound"):
                return False
            raise
        return True

    def list(self, prefix: str = "") -> Iterator[str]:
        for obj in self.client.list_objects(bucket_name=self.bucket, prefix=prefix, recursive=True):
            yield obj.object_name

    @contextmanager
    def local_path(self, key: str) -> Iterator[Path]:
        suffix = Path(key).suffix
        with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
            tmp.write(self.get_bytes(key))
            tmp.flush()
            yield Path(tmp.name)


def open_store(location: str, *, endpoint: str = "", access_key: str = "", secret_key: str = "",
               secure: bool = False, region: str | None = None) -> LocalObjectStore | S3ObjectStore:
    """`s3://bucket` selects the S3 backend; anything else is a local folder."""
    parsed = urlparse(location)
    if parsed.scheme == "s3":
        if not endpoint:
            raise ValueError("SOHOA_OBJECT_STORE is s3://… but SOHOA_S3_ENDPOINT is not set")
        return S3ObjectStore(parsed.netloc, endpoint, access_key, secret_key, secure, region)
    return LocalObjectStore(Path(location))
