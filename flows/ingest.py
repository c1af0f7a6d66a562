"""The `ingest_dossier` flow: store originals, read every page in parallel, record the dossier.

Order of writes (so that a run that dies part way loses nothing and a re-run finishes the job):
1. every original is hashed and stored in the object store, then recorded (one transaction);
2. page tasks each store their page image and OCR JSON, and return only keys and a summary;
3. pages, documents and the dossier status are written in one transaction.
Pages already recorded without error are not read again.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from flows import prefect_env

prefect_env.apply()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from classifiers.documents import PageRef  # noqa: E402
from classifiers.dossier import PageInput, analyse  # noqa: E402
from flows import progress  # noqa: E402
from flows.runtime import Runtime, default_workers, runtime  # noqa: E402
from ocr.load import load_page, page_count  # noqa: E402
from ocr.pipeline import process_page  # noqa: E402
from ocr.qr import decode_qr  # noqa: E402
from ocr.types import PageLoadError, PageResult  # noqa: E402
from storage import dossiers, keys  # noqa: E402
from storage.content import sniff_content_type  # noqa: E402
from storage.objects import StoredObject, sha256_file  # noqa: E402


@dataclass(frozen=True)
class Received:
    """An original as received: its display name in the dossier and where it is stored."""

    name: str
    sha256: str
    object_key: str


def default_dossier_code(shas: list[str]) -> str:
    """Without a code from the counter, the same set of files always maps to the same dossier."""
    digest = hashlib.sha256("".join(sorted(set(shas))).encode()).hexdigest()
    return f"HS-{digest[:12].upper()}"


@task(name="store-original")
def store_original(path: str, dossier_code: str) -> Received:
    """Store the file exactly as received, before anything else touches it."""
    rt = runtime()
    source = Path(path)
    sha = sha256_file(source)
    with source.open("rb") as fh:
        content_type = sniff_content_type(fh.read(16))
    key = keys.original_key(dossier_code, sha, source.name)
    if not rt.store.exists(key):
        stored = rt.store.put_file(key, source, content_type)
    else:
        stored = StoredObject(key, sha, source.stat().st_size, content_type)
    with rt.sessions.begin() as session:
        dossier = dossiers.get_or_create_dossier(session, dossier_code, "generic")
        row = dossiers.add_source_file(session, dossier, unicodedata.normalize("NFC", source.name), stored)
        return Received(row.name, sha, key)


@task(name="count-pages")
def count_pages(received: Received, dossier_code: str) -> int | str:
    """The page count, or the reason the file cannot be read at all (recorded on the file row)."""
    rt = runtime()
    try:
        with rt.store.local_path(received.object_key) as local:
            count = page_count(local)
        error = None
    except PageLoadError as exc:
        count, error = None, exc.reason
    with rt.sessions.begin() as session:
        dossier = dossiers.find_dossier(session, dossier_code)
        row = next(f for f in dossier.files if f.sha256 == received.sha256)
        row.page_count, row.error = count, error
    return count if error is None else error


@task(name="read-page")
def read_page(received: Received, index: int, dossier_code: str) -> dict:
    """Load, straighten and OCR one page; store its image and OCR JSON; return keys and a summary."""
    rt = runtime()
    try:
        with rt.store.local_path(received.object_key) as local:
            image = load_page(local, index, dpi=rt.settings.dpi)
        result, corrected = process_page(image, lang=rt.settings.ocr_lang)
        qr = _decode_qr(corrected, image)
    except PageLoadError as exc:
        return {"index": index, "error": exc.reason}
    except Exception as exc:  # noqa: BLE001 - one bad page must not sink the dossier
        return {"index": index, "error": f"could not process page: {type(exc).__name__}: {exc}"}
    buffer = BytesIO()
    corrected.save(buffer, format="PNG", optimize=False)
    image_obj = rt.store.put_bytes(keys.page_image_key(dossier_code, received.sha256, index),
                                   buffer.getvalue(), "image/png")
    ocr_obj = rt.store.put_bytes(keys.page_ocr_key(dossier_code, received.sha256, index),
                                 json.dumps({**result.to_dict(), "qr": qr}, ensure_ascii=False).encode(),
                                 "application/json")
    return {
        "index": index, "error": None, "rotation": result.rotation,
        "rotation_confidence": result.rotation_confidence, "skew_deg": result.skew_deg,
        "text": result.text, "confidence": result.confidence, "width": result.width,
        "height": result.height, "image_key": image_obj.key, "image_sha256": image_obj.sha256,
        "ocr_key": ocr_obj.key, "ocr_sha256": ocr_obj.sha256, "qr": qr,
    }


def _decode_qr(corrected, original) -> list[str]:
    """QR payloads on the page (the chip ID card's); a QR failure never costs the page its OCR."""
    try:
        return decode_qr(corrected) or decode_qr(original)
    except Exception:  # noqa: BLE001
        return []


def _page_inputs(rt: Runtime, dossier) -> list[PageInput]:
    """Every readable page's stored OCR result and QR payloads, in dossier order."""
    inputs = []
    for f in dossier.files:
        for p in f.pages:
            if p.error:
                continue
            data = json.loads(rt.store.get_bytes(p.ocr_key)) if p.ocr_key and rt.store.exists(p.ocr_key) else {}
            qr = tuple(data.pop("qr", ()) or ())
            result = PageResult.from_dict(data) if data else PageResult(0, 0.0, 0.0, "", 0.0)
            inputs.append(PageInput(PageRef(f.name, p.index), result, qr))
    return inputs


def _pages_done(rt: Runtime, dossier_code: str, received: Received) -> set[int]:
    with rt.sessions() as session:
        dossier = dossiers.find_dossier(session, dossier_code)
        row = next(f for f in dossier.files if f.sha256 == received.sha256)
        return {p.index for p in row.pages
                if not p.error and p.image_key and rt.store.exists(p.image_key)}


def _record_pages(rt: Runtime, dossier_code: str, outcomes: dict[str, list[dict]]) -> dict:
    """Write pages, documents and status in one transaction; return the dossier JSON."""
    with rt.sessions.begin() as session:
        dossier = dossiers.find_dossier(session, dossier_code)
        by_sha = {f.sha256: f for f in dossier.files}
        for sha, results in outcomes.items():
            for outcome in results:
                values = {k: v for k, v in outcome.items() if k not in ("index", "qr")}
                dossiers.upsert_page(session, by_sha[sha], outcome["index"], **values)
        session.expire_all()
        dossier = dossiers.find_dossier(session, dossier_code)
        analysis = analyse(_page_inputs(rt, dossier), dossier.procedure)
        dossiers.replace_documents(session, dossier, analysis.documents)
        dossier.missing_documents = analysis.missing_documents
        dossier.conflicts = analysis.conflicts
        failed = any(f.error for f in dossier.files) or any(p.error for f in dossier.files for p in f.pages)
        dossier.status = "processed_with_errors" if failed else "processed"
        session.flush()
        session.expire_all()
        return dossiers.dossier_json(dossiers.find_dossier(session, dossier_code))


@flow(name="ingest_dossier", task_runner=ThreadPoolTaskRunner(max_workers=default_workers()))
def ingest_dossier(paths: list[str], dossier_code: str | None = None, procedure: str = "generic") -> dict:
    """One dossier from one or more scanned files; returns the JSON of DESIGN.md."""
    logger = get_run_logger()
    rt = runtime()
    unique_paths = list(dict.fromkeys(str(Path(p)) for p in paths))
    code = dossier_code or default_dossier_code([sha256_file(Path(p)) for p in unique_paths])
    with rt.sessions.begin() as session:
        dossiers.get_or_create_dossier(session, code, procedure)
    received = [store_original(p, code) for p in unique_paths]
    received = list({r.sha256: r for r in received}.values())  # same bytes under two names: once

    counts = {r.sha256: count_pages(r, code) for r in received}
    todo = []
    for r in received:
        if isinstance(counts[r.sha256], int):
            done = _pages_done(rt, code, r)
            todo += [(r, i) for i in range(counts[r.sha256]) if i not in done]
        else:
            logger.warning("%s: %s", r.name, counts[r.sha256])
    progress.total(sum(c for c in counts.values() if isinstance(c, int)))
    progress.advance(sum(c for c in counts.values() if isinstance(c, int)) - len(todo))

    outcomes: dict[str, list[dict]] = {r.sha256: [] for r in received}
    futures = {read_page.submit(r, i, code): r for r, i in todo}
    for future in as_completed(list(futures)):
        outcomes[futures[future].sha256].append(future.result())
        progress.advance()
    return _record_pages(rt, code, outcomes)
