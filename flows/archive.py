"""The `archive_dossiers` flow: hand every finished dossier to the provincial repository, verified,
exactly once (see `storage.archive.repository` for the upload protocol and `storage.archive.state`
for what is eligible). One task per dossier; transient failures (network, server) are retried with
backoff by Prefect; a dossier that cannot be packaged, or whose remote version holds another package,
fails at once with the reason; one dossier's failure never stops the others.

Serve it nightly: `archive_dossiers.serve(name="nightly", cron="0 1 * * *")` (see README)."""

from __future__ import annotations

from flows import prefect_env

prefect_env.apply()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from flows import progress  # noqa: E402
from flows.runtime import runtime  # noqa: E402
from flows.settings import Settings, get_settings  # noqa: E402
from storage.archive import state  # noqa: E402
from storage.archive.package import PackageError, build_package  # noqa: E402
from storage.archive.repository import RemoteConflict, RepositoryStore, upload_package  # noqa: E402
from storage.dossiers import find_dossier  # noqa: E402


class NotConfigured(Exception):
    pass


def open_repository(settings: Settings) -> RepositoryStore:
    if not settings.archive_endpoint:
        raise NotConfigured("SOHOA_ARCHIVE_ENDPOINT is not set: no provincial repository to upload to")
    return RepositoryStore(settings.archive_bucket, settings.archive_endpoint, settings.archive_access_key,
                           settings.archive_secret_key, secure=settings.archive_secure,
                           region=settings.archive_region)


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


@task(name="archive-dossier")
def archive_one(pending: state.Pending) -> dict:
    """Package, upload and verify one dossier version; raise only on failures worth retrying."""
    rt = runtime()
    settings = rt.settings
    with rt.sessions.begin() as session:
        attempts = state.start_attempt(session, pending.record_id).attempts
    try:
        with rt.sessions() as session:
            dossier = find_dossier(session, pending.code)
            package = build_package(dossier, rt.store, version=pending.version,
                                    maintenance=settings.archive_maintenance,
                                    include_images=settings.archive_include_images, dpi=settings.dpi,
                                    want_pdfa=settings.archive_pdfa)
        if package.fingerprint != pending.fingerprint:
            # Changed between selection and packaging: the next run archives the new content.
            return {"code": pending.code, "version": pending.version, "status": "changed", "attempts": attempts}
        repo = open_repository(settings)

        def uploaded() -> None:
            with rt.sessions.begin() as session:
                state.mark(session, pending.record_id, "uploaded", package_sha256=package.sha256)

        result = upload_package(repo, package, settings.archive_prefix, delay=settings.archive_upload_delay,
                                on_uploaded=uploaded)
    except (PackageError, RemoteConflict, NotConfigured) as exc:
        with rt.sessions.begin() as session:
            state.mark(session, pending.record_id, "failed", last_error=_error(exc))
        return {"code": pending.code, "version": pending.version, "status": "failed", "error": _error(exc),
                "attempts": attempts, "permanent": True}
    except Exception as exc:
        with rt.sessions.begin() as session:
            state.mark(session, pending.record_id, "pending", last_error=_error(exc))
        get_run_logger().warning("%s v%s attempt %s: %s", pending.code, pending.version, attempts, _error(exc))
        raise
    with rt.sessions.begin() as session:
        state.mark(session, pending.record_id, "verified", location=result.location,
                   package_sha256=package.sha256, files=len(package.files), size=package.size)
    return {"code": pending.code, "version": pending.version, "status": "verified", "location": result.location,
            "uploaded": result.uploaded, "skipped": result.skipped, "files": len(package.files),
            "size": package.size, "attempts": attempts}


@flow(name="archive_dossiers", task_runner=ThreadPoolTaskRunner(max_workers=max(1, get_settings().archive_workers)))
def archive_dossiers() -> dict:
    """Archive every eligible dossier once; returns a report of what was archived and what failed."""
    rt = runtime()
    settings = rt.settings
    with rt.sessions.begin() as session:
        pending = state.select_pending(session)
    progress.total(len(pending))
    run = archive_one.with_options(retries=settings.archive_retries,
                                   retry_delay_seconds=list(settings.archive_retry_delays))
    futures = {run.submit(p): p for p in pending}
    results: list[dict] = []
    for future in as_completed(list(futures)):
        p = futures[future]
        try:
            results.append(future.result())
        except Exception as exc:  # noqa: BLE001 - retries exhausted: record the reason, go on
            with rt.sessions.begin() as session:
                state.mark(session, p.record_id, "failed", last_error=_error(exc))
                attempts = session.get(state.ArchiveRecord, p.record_id).attempts
            results.append({"code": p.code, "version": p.version, "status": "failed", "error": _error(exc),
                            "attempts": attempts, "permanent": False})
        progress.advance()
    results.sort(key=lambda r: (r["code"], r["version"]))
    return {
        "repository": f"s3://{settings.archive_bucket}/{settings.archive_prefix}",
        "archived": [r for r in results if r["status"] == "verified"],
        "failed": [r for r in results if r["status"] == "failed"],
        "changed": [r for r in results if r["status"] == "changed"],
    }
