"""``python -m samples OUT_DIR [--seed N] [--dossiers N]``: write sample dossiers and list them."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from samples import write_samples


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m samples", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dossiers", type=int, default=3)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    for path in write_samples(args.out_dir, seed=args.seed, dossiers=args.dossiers):
        print(path)
    print(f"{args.dossiers} dossiers in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
