import hashlib

import pytest

from storage.objects import LocalObjectStore, open_store


def test_local_store_round_trip_and_checksum(tmp_path):
    store = LocalObjectStore(tmp_path / "objects")
    data = "Giấy khai sinh".encode()
    stored = store.put_bytes("dossiers/HS-1/originals/abc.pdf", data, "application/pdf")
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size == len(data)
    assert store.get_bytes(stored.key) == data
    assert store.exists(stored.key)
    assert not store.exists("dossiers/HS-1/originals/other.pdf")
    with store.local_path(stored.key) as path:
        assert path.read_bytes() == data


def test_local_store_lists_by_prefix_and_leaves_no_temp_files(tmp_path):
    store = LocalObjectStore(tmp_path)
    for key in ("dossiers/A/x.png", "dossiers/A/y.png", "dossiers/B/z.png"):
        store.put_bytes(key, key.encode(), "image/png")
    store.put_bytes("dossiers/A/x.png", b"rewritten", "image/png")
    assert list(store.list("dossiers/A/")) == ["dossiers/A/x.png", "dossiers/A/y.png"]
    assert store.get_bytes("dossiers/A/x.png") == b"rewritten"
    assert not [p for p in tmp_path.rglob(".tmp-*")]


def test_local_store_rejects_keys_outside_its_root(tmp_path):
    store = LocalObjectStore(tmp_path / "objects")
    with pytest.raises(ValueError, match="escapes"):
        store.put_bytes("../outside.txt", b"x", "text/plain")


def test_open_store_requires_endpoint_for_s3():
    with pytest.raises(ValueError, match="SOHOA_S3_ENDPOINT"):
        open_store("s3://sohoa")
