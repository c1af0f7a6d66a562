"""How much does Prefect's temporary local server cost a `sohoa ingest` run?

Runs, in fresh processes, (a) importing sohoa's flow module (baseline) and (b) the same import plus one
empty flow run on a temporary server, each `--runs` times, and prints medians and the difference.
Usage: .venv/bin/python bench/prefect_startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

IMPORT_ONLY = "import flows.ingest"
EMPTY_FLOW = """
import flows.ingest
from prefect import flow

@flow
def empty():
    return 1

empty()
"""


def timed(code: str) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr)
    if result.stderr.strip():
        print("  (stderr noise:)", result.stderr.strip()[:500])
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    base = [timed(IMPORT_ONLY) for _ in range(runs)]
    full = [timed(EMPTY_FLOW) for _ in range(runs)]
    b, f = statistics.median(base), statistics.median(full)
    print(f"import only        median {b:6.2f} s  (runs: {', '.join(f'{x:.2f}' for x in base)})")
    print(f"import + empty flow median {f:6.2f} s  (runs: {', '.join(f'{x:.2f}' for x in full)})")
    print(f"temporary Prefect server start + flow run overhead: {f - b:.2f} s (median)")


if __name__ == "__main__":
    main()
