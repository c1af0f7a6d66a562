"""Ingest generated dossiers through the real flow and print speed and accuracy per degradation profile.

Baseline measured in the same run on the same pages: plain `tesseract -l vie` on each page image as
the file holds it (no orientation or skew correction), so the two columns compare like for like.
Usage: .venv/bin/python bench/ingest_samples.py [--seed 11] [--dossiers 3] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def plain_tesseract(path: Path, page: int) -> tuple[str, float]:
    from ocr.load import load_page

    image = load_page(path, page)
    with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
        image.save(tmp.name)
        start = time.perf_counter()
        out = subprocess.run(["tesseract", tmp.name, "-", "-l", "vie"], capture_output=True, text=True,
                             env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        return out.stdout, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--dossiers", type=int, default=3)
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: a temporary one)")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sohoa-bench-"))
    os.environ["SOHOA_DATA_DIR"] = str(args.data or work / "data")

    from flows.ingest import ingest_dossier
    from samples import load_ground_truth, write_samples
    from samples.metrics import char_error_rate, word_miss_rate

    dossier_dirs = write_samples(work / "samples", seed=args.seed, dossiers=args.dossiers)
    start = time.perf_counter()
    results = []
    for d in dossier_dirs:
        truth = load_ground_truth(d)
        files = sorted(str(p) for p in d.iterdir() if p.name != "ground_truth.json")
        t0 = time.perf_counter()
        data = ingest_dossier(files, truth["dossier_code"], truth["procedure"])["dossier"]
        results.append((d, truth, data, time.perf_counter() - t0))
    wall = time.perf_counter() - start

    rows: dict[str, list[dict]] = defaultdict(list)
    for d, truth, data, _ in results:
        got = {(p["file"], p["page"]): p for p in data["pages"]}
        for f in truth["files"]:
            for page in f["pages"]:
                out = got.get((f["file"], page["page"]))
                row = {"cer": char_error_rate(page["text"], out["text"]) if out else 1.0,
                       "miss": word_miss_rate(page["text"], out["text"]) if out else 1.0,
                       "rot_ok": bool(out) and out["rotation"] == page["rotation"],
                       "skew_err": abs(out["skew_deg"] - page["skew_deg"]) if out else None}
                if not args.no_baseline:
                    text, secs = plain_tesseract(d / f["file"], page["page"])
                    row["base_cer"], row["base_s"] = char_error_rate(page["text"], text), secs
                rows[page["profile"]].append(row)

    pages = sum(len(v) for v in rows.values())
    print(f"{len(results)} dossiers, {pages} pages, seed {args.seed}, {os.cpu_count()} cores")
    print(f"ingest wall time {wall:.1f} s (first dossier includes Prefect start-up), "
          f"{pages / wall * 60:.1f} pages/min; per dossier: "
          + ", ".join(f"{t:.1f}s" for *_, t in results))
    header = (f"{'profile':<10} {'pages':>5} {'sohoa CER':>10} {'max CER':>8} {'words missed':>13} {'rot ok':>7}"
              f" {'skew err':>9}")
    if not args.no_baseline:
        header += f" {'tess CER':>9} {'tess s/pg':>10}"
    print(header)
    for profile in sorted(rows):
        r = rows[profile]
        skews = [x["skew_err"] for x in r if x["skew_err"] is not None]
        line = (f"{profile:<10} {len(r):>5} {statistics.mean(x['cer'] for x in r):>10.2%} "
                f"{max(x['cer'] for x in r):>8.2%} {statistics.mean(x['miss'] for x in r):>13.2%} "
                f"{sum(x['rot_ok'] for x in r):>3}/{len(r):<3} "
                f"{statistics.mean(skews) if skews else float('nan'):>8.2f}°")
        if not args.no_baseline:
            line += (f" {statistics.mean(x['base_cer'] for x in r):>9.2%}"
                     f" {statistics.median(x['base_s'] for x in r):>10.2f}")
        print(line)


if __name__ == "__main__":
    main()
