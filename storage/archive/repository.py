"""The provincial archive repository: an S3-compatible bucket, spoken to through sohoa's own
`S3ObjectStore` (same checksummed objects, verified reads), with a client that fails fast so that
retrying is left to the flow (which records every attempt).

Upload protocol for one package under `<prefix><code>/v<N>/`, safe to repeat after a crash anywhere:
1. every file not already there with the same SHA-256 is put (deterministic packages make the
   second run skip what the first one finished: no duplicate uploads);
2. every file is read back and its SHA-256 compared with the manifest;
3. the `COMPLETE` marker is written last: a version without it is not archived.
A version whose marker names another package is never overwritten (`RemoteConflict`)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import PurePosixPath

from storage.archive.package import Package
from storage.objects import ObjectNotFound, S3ObjectStore

CONTENT_TYPES = {".pdf": "application/pdf", ".json": "application/json", ".xml": "application/xml",
                 ".txt": "text/plain; charset=utf-8", ".png": "image/png"}
MARKER = "COMPLETE"


class RemoteConflict(Exception):
    """The remote version already holds a different package: permanent, an operator must look."""


class VerificationFailed(Exception):
    """Bytes read back differ from the manifest even after writing them again."""


class RepositoryStore(S3ObjectStore):
    """`S3ObjectStore` with a short connect timeout and no client-side retries."""

    def __init__(self, bucket: str, endpoint: str, access_key: str, secret_key: str, *, secure: bool = False,
                 region: str | None = None, connect_timeout: float = 5.0, read_timeout: float = 60.0):
        import urllib3
        from minio import Minio

        http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
                                   retries=urllib3.Retry(total=0, connect=0, read=0, redirect=0),
                                   maxsize=4)
        self.bucket = bucket
        self.location = f"s3://{bucket}"
        self._sse = None
        self.client = Minio(endpoint=endpoint, access_key=access_key, secret_key=secret_key, secure=secure,
                            region=region, http_client=http)
        if not self.client.bucket_exists(bucket_name=bucket):
            self.client.make_bucket(bucket_name=bucket)


@dataclass(frozen=True)
class UploadResult:
    location: str
    uploaded: int
    skipped: int
    verified: int


def version_prefix(prefix: str, code: str, version: int) -> str:
    return f"{prefix}{code}/v{version}/"


def _content_type(path: str) -> str:
    return CONTENT_TYPES.get(PurePosixPath(path).suffix, "application/octet-stream")


def _remote_sha(repo: S3ObjectStore, key: str) -> str | None:
    try:
        return repo.stat(key).sha256
    except ObjectNotFound:
        return None


def _marker(package: Package) -> bytes:
    body = {"code": package.code, "version": package.version, "package_sha256": package.sha256,
            "fingerprint": package.fingerprint, "files": len(package.files)}
    return (json.dumps(body, sort_keys=True) + "\n").encode()


def upload_package(repo: S3ObjectStore, package: Package, prefix: str = "", *, delay: float = 0.0,
                   on_file=None, on_uploaded=None) -> UploadResult:
    base = version_prefix(prefix, package.code, package.version)
    marker_key, marker = base + MARKER, _marker(package)
    existing_marker = _remote_sha(repo, marker_key)
    if existing_marker is not None and repo.get_bytes(marker_key) != marker:
        raise RemoteConflict(f"{repo.location}/{marker_key} already archives a different package")
    manifest = package.manifest
    uploaded = skipped = 0
    for path, data in package.files.items():
        key = base + path
        if _remote_sha(repo, key) == manifest[path]:
            skipped += 1
        else:
            repo.put_bytes(key, data, _content_type(path))
            uploaded += 1
            if delay:
                time.sleep(delay)
        if on_file:
            on_file(path)
    if on_uploaded:
        on_uploaded()
    bad = [p for p in package.files if repo.content_sha256(base + p) != manifest[p]]
    for path in bad:  # corrupted in transit or by a foreign writer: write once more, then give up
        repo.put_bytes(base + path, package.files[path], _content_type(path))
        uploaded += 1
        if repo.content_sha256(base + path) != manifest[path]:
            raise VerificationFailed(f"{repo.location}/{base}{path}: content does not match the manifest")
    if existing_marker is None:
        repo.put_bytes(marker_key, marker, "application/json")
    return UploadResult(f"{repo.location}/{base}", uploaded, skipped, len(package.files))
