"""The object-store contract, run on both backends (`store` fixture: folder and S3 through moto)."""

import hashlib
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from storage.objects import ChecksumMismatch, LocalObjectStore, ObjectNotFound, S3ObjectStore, open_store
from tests.storage.factory import corrupt

KEY = "dossiers/HS-1/originals/abc.pdf"


def test_round_trip_keeps_bytes_checksum_and_content_type(store, tmp_path):
    data = "Giấy khai sinh — bản chính".encode()
    stored = store.put_bytes(KEY, data, "application/pdf")
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.size == len(data)
    assert store.get_bytes(KEY) == data
    assert store.exists(KEY) and not store.exists("dossiers/HS-1/originals/other.pdf")
    assert store.stat(KEY) == stored
    assert store.stat(KEY).content_type == "application/pdf"
    with store.local_path(KEY) as path:
        assert path.read_bytes() == data
    assert store.download(KEY, tmp_path / "out" / "copy.pdf") == stored
    assert (tmp_path / "out" / "copy.pdf").read_bytes() == data


def test_put_file_streams_from_disk(store, tmp_path):
    source = tmp_path / "scan.tif"
    source.write_bytes(bytes(range(256)) * 9000)  # > 2 MB: several read chunks
    stored = store.put_file("dossiers/A/originals/x.tif", source, "image/tiff")
    assert stored.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert stored.size == source.stat().st_size
    assert store.stat(stored.key) == stored
    assert store.get_bytes(stored.key) == source.read_bytes()


def test_list_by_prefix_overwrite_and_delete(store):
    for key in ("dossiers/A/x.png", "dossiers/A/y.png", "dossiers/B/z.png"):
        store.put_bytes(key, key.encode(), "image/png")
    store.put_bytes("dossiers/A/x.png", b"rewritten", "image/png")
    assert sorted(store.list("dossiers/A/")) == ["dossiers/A/x.png", "dossiers/A/y.png"]
    assert sorted(store.list()) == ["dossiers/A/x.png", "dossiers/A/y.png", "dossiers/B/z.png"]
    assert store.get_bytes("dossiers/A/x.png") == b"rewritten"
    assert store.stat("dossiers/A/x.png").sha256 == hashlib.sha256(b"rewritten").hexdigest()
    store.delete("dossiers/A/y.png")
    assert not store.exists("dossiers/A/y.png")
    assert sorted(store.list()) == ["dossiers/A/x.png", "dossiers/B/z.png"]


def test_missing_object_raises_object_not_found(store, tmp_path):
    for read in (store.get_bytes, store.stat, lambda k: store.download(k, tmp_path / "x")):
        with pytest.raises(ObjectNotFound, match="dossiers/none.pdf"):
            read("dossiers/none.pdf")
    with pytest.raises(FileNotFoundError), store.local_path("dossiers/none.pdf"):
        pass


def test_every_read_verifies_the_checksum(store, tmp_path):
    stored = store.put_bytes(KEY, b"original bytes", "application/pdf")
    corrupt(store, KEY, b"tampered bytes")
    with pytest.raises(ChecksumMismatch, match=KEY) as info:
        store.get_bytes(KEY)
    assert info.value.key == KEY and info.value.expected == stored.sha256
    assert info.value.actual == hashlib.sha256(b"tampered bytes").hexdigest()
    with pytest.raises(ChecksumMismatch, match=KEY):
        store.download(KEY, tmp_path / "copy.pdf")
    assert not (tmp_path / "copy.pdf").exists()  # nothing corrupt is handed out
    assert not list(tmp_path.glob(".tmp-*"))
    with pytest.raises(ChecksumMismatch), store.local_path(KEY):
        pass


def test_local_metadata_is_hidden_and_writes_leave_no_temp_files(tmp_path):
    store = LocalObjectStore(tmp_path)
    store.put_bytes("dossiers/A/x.json", b"{}", "application/json")
    assert list(store.list()) == ["dossiers/A/x.json"]
    assert (tmp_path / ".meta" / "dossiers/A/x.json.json").is_file()
    assert not list(tmp_path.rglob(".tmp-*"))
    assert store.presigned_url("dossiers/A/x.json", timedelta(minutes=5)) is None


def test_local_object_without_its_sidecar_does_not_exist(tmp_path):
    """The sidecar is written last: data without it is an interrupted write that the re-run redoes."""
    store = LocalObjectStore(tmp_path)
    (tmp_path / "dossiers").mkdir()
    (tmp_path / "dossiers" / "half.png").write_bytes(b"half")
    assert not store.exists("dossiers/half.png") and list(store.list()) == []
    with pytest.raises(ObjectNotFound):
        store.get_bytes("dossiers/half.png")


@pytest.mark.parametrize("key", ["../outside.txt", ".meta/x.json", "a//b", "a/./b"])
def test_local_store_rejects_keys_outside_its_objects(tmp_path, key):
    store = LocalObjectStore(tmp_path / "objects")
    with pytest.raises(ValueError, match="escapes"):
        store.put_bytes(key, b"x", "text/plain")


def test_s3_object_carries_checksum_and_content_type_as_metadata(make_s3_store):
    """Other tools (mc, the archive) see the checksum too: it is plain S3 metadata."""
    store = make_s3_store()
    store.put_bytes(KEY, b"%PDF-1.7", "application/pdf")
    info = store.client.stat_object(bucket_name=store.bucket, object_name=KEY)
    assert info.metadata["x-amz-meta-sha256"] == hashlib.sha256(b"%PDF-1.7").hexdigest()
    assert info.content_type == "application/pdf"


def test_s3_presigned_url_downloads_without_credentials(make_s3_store):
    store = make_s3_store()
    store.put_bytes(KEY, b"ban chinh", "application/pdf")
    url = store.presigned_url(KEY, timedelta(minutes=5))
    assert "X-Amz-Expires=300" in url and "X-Amz-Signature=" in url
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == b"ban chinh"


def test_s3_server_side_encryption_is_requested(make_s3_store):
    """SSE-S3 is a header on each write; the server reports it back. (Moto records the header but
    encrypts nothing; that encryption really happens is MinIO's KMS's job, not testable here.)"""
    store = make_s3_store(sse=True)
    store.put_bytes(KEY, b"x", "application/pdf")
    store.put_file("k2", Path(__file__), "text/x-python")
    for key in (KEY, "k2"):
        info = store.client.stat_object(bucket_name=store.bucket, object_name=key)
        assert info.metadata.get("x-amz-server-side-encryption") == "AES256"
    plain = make_s3_store()
    plain.put_bytes(KEY, b"x", "application/pdf")
    info = plain.client.stat_object(bucket_name=plain.bucket, object_name=KEY)
    assert "x-amz-server-side-encryption" not in info.metadata


def test_open_store_selects_the_backend(tmp_path, s3_env):
    with pytest.raises(ValueError, match="SOHOA_S3_ENDPOINT"):
        open_store("s3://sohoa")
    assert isinstance(open_store(str(tmp_path)), LocalObjectStore)
    s3 = open_store("s3://sohoa-open", endpoint=s3_env["endpoint"], access_key="a", secret_key="b")
    assert isinstance(s3, S3ObjectStore) and s3.client.bucket_exists(bucket_name="sohoa-open")


def test_local_path_rechecks_a_file_changed_after_it_was_verified(tmp_path):
    store = LocalObjectStore(tmp_path)
    store.put_bytes(KEY, b"original bytes", "application/pdf")
    for _ in range(2):  # the second open uses the cached verification
        with store.local_path(KEY) as path:
            assert path.read_bytes() == b"original bytes"
    corrupt(store, KEY, b"tampered bytes")  # same size: only the modification time tells
    with pytest.raises(ChecksumMismatch, match=KEY), store.local_path(KEY):
        pass
