"""Object store: originals, page images and OCR results, behind one small interface.

Two backends: a local folder (embedded default) and an S3-compatible server through the `minio`
client. Keys are chosen by the caller (content-addressed, laid out by dossier: see `storage.keys`).
Every object carries its SHA-256 and content type (local: a sidecar JSON record in the hidden
`.meta/` tree; S3: user metadata `x-amz-meta-sha256` and `Content-Type`), and every read checks the
bytes against that SHA-256, so silent corruption is reported (`ChecksumMismatch`) instead of served.
Writes are atomic and idempotent, so a re-run of an interrupted ingest never leaves half objects.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import urlparse

CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredObject:
    key: str
    sha256: str
    size: int
    content_type: str


class ObjectNotFound(FileNotFoundError):
    def __init__(self, key: str, detail: str = "no such object"):
        super().__init__(f"{key}: {detail}")
        self.key = key


class ChecksumMismatch(Exception):
    """The bytes read back are not the bytes written: corruption, tampering or a foreign writer."""

    def __init__(self, key: str, expected: str, actual: str):
        recorded = f"recorded sha256 {expected}" if expected else "no sha256 recorded"
        super().__init__(f"{key}: checksum mismatch: {recorded}, content has sha256 {actual}")
        self.key, self.expected, self.actual = key, expected, actual


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _verify(key: str, expected: str, actual: str) -> None:
    if expected != actual:
        raise ChecksumMismatch(key, expected, actual)


def _copy_hashing(source: BinaryIO, dest: Path) -> tuple[str, int, Path]:
    """Copy a stream into a temporary file next to `dest`; the caller renames it once it is right."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest.hexdigest(), size, Path(tmp)


class ObjectStore(Protocol):
    location: str

    def put_bytes(self, key: str, data: bytes, content_type: str) -> StoredObject: ...
    def put_file(self, key: str, path: Path, content_type: str) -> StoredObject: ...
    def get_bytes(self, key: str) -> bytes: ...
    def download(self, key: str, dest: Path) -> StoredObject: ...
    def stat(self, key: str) -> StoredObject: ...
    def content_sha256(self, key: str) -> str: ...
    def exists(self, key: str) -> bool: ...
    def delete(self, key: str) -> None: ...
    def list(self, prefix: str = "") -> Iterator[str]: ...
    def local_path(self, key: str) -> AbstractContextManager[Path]: ...
    def presigned_url(self, key: str, expires: timedelta) -> str | None: ...


class LocalObjectStore:
    """Objects as files under `root` (the key is the relative path); each one's SHA-256 and content
    type in `root/.meta/<key>.json`. The sidecar is written last: it is the commit record, so an
    object whose write was interrupted does not exist (and the re-run writes it again)."""

    META = ".meta"

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._resolved = self.root.resolve()
        self.location = str(self._resolved)
        self._verified: dict[str, tuple[str, int, int]] = {}

    def _path(self, key: str) -> Path:
        parts = key.split("/")
        if any(not part or part.startswith(".") for part in parts):
            raise ValueError(f"object key escapes the store or names a hidden file: {key!r}")
        path = (self.root / key).resolve()
        if self._resolved not in path.parents:
            raise ValueError(f"object key escapes the store: {key!r}")
        return path

    def _meta_path(self, key: str) -> Path:
        return self._resolved / self.META / f"{key}.json"

    def _commit(self, key: str, tmp: Path, sha: str, size: int, content_type: str) -> StoredObject:
        path = self._path(key)
        os.replace(tmp, path)
        stored = StoredObject(key, sha, size, content_type)
        meta = self._meta_path(key)
        meta.parent.mkdir(parents=True, exist_ok=True)
        fd, meta_tmp = tempfile.mkstemp(dir=meta.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(stored), fh)
        os.replace(meta_tmp, meta)
        return stored

    def put_bytes(self, key: str, data: bytes, content_type: str) -> StoredObject:
        sha, size, tmp = _copy_hashing(io.BytesIO(data), self._path(key))
        return self._commit(key, tmp, sha, size, content_type)

    def put_file(self, key: str, path: Path, content_type: str) -> StoredObject:
        with Path(path).open("rb") as source:
            sha, size, tmp = _copy_hashing(source, self._path(key))
        return self._commit(key, tmp, sha, size, content_type)

    def stat(self, key: str) -> StoredObject:
        path, meta = self._path(key), self._meta_path(key)
        if not path.is_file() or not meta.is_file():
            raise ObjectNotFound(key)
        return StoredObject(**json.loads(meta.read_text(encoding="utf-8")))

    def get_bytes(self, key: str) -> bytes:
        stored = self.stat(key)
        data = self._path(key).read_bytes()
        _verify(key, stored.sha256, hashlib.sha256(data).hexdigest())
        return data

    def download(self, key: str, dest: Path) -> StoredObject:
        stored = self.stat(key)
        with self._path(key).open("rb") as source:
            sha, _, tmp = _copy_hashing(source, Path(dest))
        if sha != stored.sha256:
            tmp.unlink()
            raise ChecksumMismatch(key, stored.sha256, sha)
        os.replace(tmp, dest)
        return stored

    def content_sha256(self, key: str) -> str:
        """The SHA-256 of the bytes as they are now (what `sohoa check` compares with the record)."""
        self.stat(key)
        return sha256_file(self._path(key))

    def exists(self, key: str) -> bool:
        return self._path(key).is_file() and self._meta_path(key).is_file()

    def delete(self, key: str) -> None:
        self._meta_path(key).unlink(missing_ok=True)
        self._path(key).unlink(missing_ok=True)

    def list(self, prefix: str = "") -> Iterator[str]:
        meta_root = self._resolved / self.META
        for meta in sorted(meta_root.rglob("*.json")):
            if meta.name.startswith(".tmp-"):
                continue
            key = meta.relative_to(meta_root).as_posix()[: -len(".json")]
            if key.startswith(prefix) and (self._resolved / key).is_file():
                yield key

    @contextmanager
    def local_path(self, key: str) -> Iterator[Path]:
        """The object's own file, after checking it: callers (page loaders) only read it. A file already
        verified and unchanged since (same size and mtime) is not hashed again: every page task of a
        long PDF opens the same original."""
        stored = self.stat(key)
        path = self._path(key)
        info = path.stat()
        stamp = (stored.sha256, info.st_size, info.st_mtime_ns)
        if self._verified.get(key) != stamp:
            _verify(key, stored.sha256, sha256_file(path))
            self._verified[key] = stamp
        yield path

    def presigned_url(self, key: str, expires: timedelta) -> str | None:
        """A folder has no links to hand out: download the file instead."""
        return None


class S3ObjectStore:
    """Objects in one bucket of an S3-compatible server (MinIO, SeaweedFS, Garage…). `sse=True` asks
    the server to encrypt each object at rest with its own keys (SSE-S3); a server without a KMS
    refuses the write, which is the right failure for a deployment that asked for encryption."""

    MISSING = ("NoSuchKey", "NoSuchObject", "ResourceNotFound")

    def __init__(self, bucket: str, endpoint: str, access_key: str, secret_key: str,
                 secure: bool = False, region: str | None = None, sse: bool = False):
        from minio import Minio
        from minio.sse import SseS3

        self.bucket = bucket
        self.location = f"s3://{bucket}"
        self._sse = SseS3() if sse else None
        self.client = Minio(endpoint=endpoint, access_key=access_key, secret_key=secret_key,
                            secure=secure, region=region)
        if not self.client.bucket_exists(bucket_name=bucket):
            self.client.make_bucket(bucket_name=bucket)

    def put_bytes(self, key: str, data: bytes, content_type: str) -> StoredObject:
        sha = hashlib.sha256(data).hexdigest()
        self.client.put_object(bucket_name=self.bucket, object_name=key, data=io.BytesIO(data),
                               length=len(data), content_type=content_type,
                               metadata={"sha256": sha}, sse=self._sse)
        return StoredObject(key, sha, len(data), content_type)

    def put_file(self, key: str, path: Path, content_type: str) -> StoredObject:
        path = Path(path)
        sha = sha256_file(path)
        self.client.fput_object(bucket_name=self.bucket, object_name=key, file_path=str(path),
                                content_type=content_type, metadata={"sha256": sha}, sse=self._sse)
        return StoredObject(key, sha, path.stat().st_size, content_type)

    def _missing(self, exc: Exception) -> bool:
        return getattr(exc, "code", None) in self.MISSING

    def stat(self, key: str) -> StoredObject:
        from minio.error import S3Error

        try:
            info = self.client.stat_object(bucket_name=self.bucket, object_name=key)
        except S3Error as exc:
            if self._missing(exc):
                raise ObjectNotFound(key) from exc
            raise
        return StoredObject(key, (info.metadata or {}).get("x-amz-meta-sha256", ""), info.size or 0,
                            info.content_type or "application/octet-stream")

    @contextmanager
    def _open(self, key: str):
        from minio.error import S3Error

        try:
            response = self.client.get_object(bucket_name=self.bucket, object_name=key)
        except S3Error as exc:
            if self._missing(exc):
                raise ObjectNotFound(key) from exc
            raise
        try:
            yield response
        finally:
            response.close()
            response.release_conn()

    def get_bytes(self, key: str) -> bytes:
        with self._open(key) as response:
            data = response.read()
            _verify(key, response.headers.get("x-amz-meta-sha256", ""), hashlib.sha256(data).hexdigest())
        return data

    def download(self, key: str, dest: Path) -> StoredObject:
        dest = Path(dest)
        with self._open(key) as response:
            expected = response.headers.get("x-amz-meta-sha256", "")
            content_type = response.headers.get("Content-Type", "application/octet-stream")
            sha, size, tmp = _copy_hashing(response, dest)
        if sha != expected:
            tmp.unlink()
            raise ChecksumMismatch(key, expected, sha)
        os.replace(tmp, dest)
        return StoredObject(key, sha, size, content_type)

    def content_sha256(self, key: str) -> str:
        """The SHA-256 of the bytes as they are now, streamed (what `sohoa check` compares)."""
        digest = hashlib.sha256()
        with self._open(key) as response:
            for chunk in iter(lambda: response.read(CHUNK), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def exists(self, key: str) -> bool:
        try:
            self.stat(key)
        except ObjectNotFound:
            return False
        return True

    def delete(self, key: str) -> None:
        self.client.remove_object(bucket_name=self.bucket, object_name=key)

    def list(self, prefix: str = "") -> Iterator[str]:
        for obj in self.client.list_objects(bucket_name=self.bucket, prefix=prefix, recursive=True):
            yield obj.object_name

    @contextmanager
    def local_path(self, key: str) -> Iterator[Path]:
        with tempfile.TemporaryDirectory(prefix="sohoa-") as tmpdir:
            path = Path(tmpdir) / f"object{Path(key).suffix}"
            self.download(key, path)
            yield path

    def presigned_url(self, key: str, expires: timedelta) -> str | None:
        """A link that works without credentials until `expires` has passed (S3 caps it at 7 days)."""
        return self.client.presigned_get_object(bucket_name=self.bucket, object_name=key, expires=expires)


def open_store(location: str, *, endpoint: str = "", access_key: str = "", secret_key: str = "",
               secure: bool = False, region: str | None = None,
               sse: bool = False) -> LocalObjectStore | S3ObjectStore:
    """`s3://bucket` selects the S3 backend; anything else is a local folder."""
    parsed = urlparse(location)
    if parsed.scheme == "s3":
        if not endpoint:
            raise ValueError("SOHOA_OBJECT_STORE is s3://… but SOHOA_S3_ENDPOINT is not set")
        return S3ObjectStore(parsed.netloc, endpoint, access_key, secret_key, secure, region, sse)
    return LocalObjectStore(Path(location))


__all__ = ["ChecksumMismatch", "LocalObjectStore", "ObjectNotFound", "ObjectStore", "S3ObjectStore",
           "StoredObject", "open_store", "sha256_file"]
