"""Time to archive generated dossiers to a repository (a moto S3 server process on loopback), and the
package size per page.

Generates N processed dossiers (rows + stored page images, no OCR: 2 documents of `--pages` pages
each, A4 grayscale pages at `--dpi` with a few lines of text), then in one run:
- baseline: building every package in memory (no network);
- `archive_dossiers` end to end (select, package, upload, read back and verify, COMPLETE marker);
- the re-run, which must find nothing to do.
Prefect's temporary server is started before timing (prefect_test_harness).

    .venv/bin/python bench/archive.py --count 100 [--pages 1] [--dpi 100]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("moto server did not start")


def _generate(count: int, pages: int, dpi: int) -> int:
    from flows.runtime import runtime
    from tests.archive.factory import DOCUMENTS, add_archivable

    rt = runtime()
    size = (round(8.27 * dpi), round(11.69 * dpi))
    with rt.sessions.begin() as session:
        for n in range(count):
            add_archivable(session, rt.store, f"HS-{n:05d}", DOCUMENTS, pages_per_document=pages, size=size,
                           dpi=dpi)
    return count * len(DOCUMENTS) * pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--pages", type=int, default=1, help="pages per document (2 documents per dossier)")
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sohoa-bench-archive-"))
    port = _free_port()
    moto = subprocess.Popen([str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ.update({"SOHOA_DATA_DIR": str(tmp / "data"), "SOHOA_ARCHIVE_ENDPOINT": f"127.0.0.1:{port}",
                       "SOHOA_ARCHIVE_BUCKET": "province", "SOHOA_ARCHIVE_ACCESS_KEY": "bench",
                       "SOHOA_ARCHIVE_SECRET_KEY": "bench", "SOHOA_ARCHIVE_REGION": "us-east-1",
                       "SOHOA_DPI": str(args.dpi)})
    try:
        _wait_port(port)
        from prefect.testing.utilities import prefect_test_harness

        from flows.archive import archive_dossiers
        from flows.runtime import runtime
        from storage.archive import pdfa
        from storage.archive.package import build_package
        from storage.archive.state import records
        from storage.dossiers import find_dossier

        started = time.perf_counter()
        total_pages = _generate(args.count, args.pages, args.dpi)
        print(f"generated {args.count} dossiers, {total_pages} pages ({args.dpi} dpi A4 grayscale) "
              f"in {time.perf_counter() - started:.1f} s")
        rt = runtime()
        started = time.perf_counter()
        pdf_bytes = 0
        with rt.sessions() as session:
            for n in range(args.count):
                package = build_package(find_dossier(session, f"HS-{n:05d}"), rt.store, version=1, dpi=args.dpi)
                pdf_bytes += sum(len(d) for p, d in package.files.items() if p.endswith(".pdf"))
        baseline = time.perf_counter() - started
        print(f"baseline (package only, in memory): {baseline:.1f} s, {baseline / args.count * 1000:.0f} ms/dossier")

        with prefect_test_harness(server_startup_timeout=180):
            started = time.perf_counter()
            report = archive_dossiers()
            elapsed = time.perf_counter() - started
            started = time.perf_counter()
            again = archive_dossiers()
            rerun = time.perf_counter() - started
        with rt.sessions() as session:
            rows = records(session)
        size = sum(r.size for r in rows)
        kind = "searchable PDF/A-2b via Ghostscript" if pdfa.available() else "searchable PDF"
        files = sum(r.files for r in rows)
        print(f"archive_dossiers: {len(report['archived'])} archived, {len(report['failed'])} failed, "
              f"{files} files in {elapsed:.1f} s = {elapsed / args.count * 1000:.0f} ms/dossier "
              f"({args.count / elapsed * 60:.0f} dossiers/min)")
        print(f"re-run: {len(again['archived'])} archived (nothing to do) in {rerun:.1f} s")
        print(f"package size: {size / 1e6:.2f} MB total, {size / total_pages / 1e3:.1f} kB/page "
              f"(PDF {pdf_bytes / total_pages / 1e3:.1f} kB/page, {kind})")
    finally:
        moto.terminate()
        moto.wait(timeout=30)


if __name__ == "__main__":
    main()
