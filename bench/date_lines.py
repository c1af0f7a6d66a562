"""How well the page pipeline reads printed date lines ("Ngày 05 tháng 04 năm 2026"), before and after
`ocr.dateline` mends them, on generated papers whose date line a seal, a photocopy or a phone blurs.

Each paper (by default health insurance cards, whose issue-date line sits under the card's seal, and death
notices, whose place-date line is italic with a one-digit month) is rendered with the project's generator,
degraded with one of the scan profiles in turn, and read by `ocr.pipeline.process_page`. The words OCR
read and the upright grey page are kept (`--cache`), so a change to `ocr/dateline.py` is measured again in
seconds: the baseline of the same run is the words as OCR read them, the result the words `dateline` made
of them. A date line counts as exact when the page text holds "ngày D tháng M năm YYYY" with the paper's
issue date, wrong when it holds such a line with another date only, lost when it holds none.

    .venv/bin/python bench/date_lines.py --count 120 --cache /tmp/dates [--seed 1] [--profiles phone] [--show-errors]

Seeds: 1 was used while building the date-line repairs of session 19, 2 to check them and then to build its
spelling rules, 3 to check those (and one rule narrowed after); all three for session 20's changes, 2 and 3 to
check session 21's (red seals lifted by a colour dropout, touching lines read apart) and to build session 22's
(faces that agree, a grey seal's margin on enlarged pages), 2 and 3 (with 200 phone cards of i up to 600) to
build session 23's (a finer fit, misread months), 4 to check it; 2 and 3 again (200 phone cards and the whole
bench) for session 24's wider search; 5 (its 60 phone cards: `--count 360 --types health_insurance_card
--profiles phone`) to build session 25's, 2 and 3 (the whole bench) to check them; take a new one for a report.
"""

from __future__ import annotations

import argparse
import pickle
import random
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ocr import dateline, pipeline  # noqa: E402
from ocr.read import text_from_words  # noqa: E402
from ocr.types import Word  # noqa: E402
from samples.degrade import PROFILES, degrade  # noqa: E402
from samples.documents import render  # noqa: E402
from samples.people import make_household, nfc  # noqa: E402

TYPES = ("health_insurance_card", "death_notice")
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def dates_in(text: str) -> set[tuple[int, int, int]]:
    """(year, month, day) of every "ngày D tháng M năm YYYY" of `text`."""
    return {(int(y), int(m), int(d)) for d, m, y in _DATE.findall(nfc(text))}


def _paper(seed: int, doc_type: str, i: int) -> tuple[str, object, tuple[int, int, int]]:
    """(profile, degraded page image, issue date) of the i-th paper of a type: the page printing the date."""
    hh = make_household(random.Random(f"dates:{seed}:{doc_type}:{i}"))
    doc = render(doc_type, hh, seed * 100_000 + i)
    year, month, day = map(int, doc.fields["date_of_issue"].split("-"))
    page = next(p for p in doc.pages if (year, month, day) in dates_in(p.text))
    profile = PROFILES[i % len(PROFILES)]
    return profile, degrade(page.image, profile, random.Random(f"dates:{seed}:{doc_type}:{i}:degrade")).image, \
        (year, month, day)


def _read(args: tuple[int, str, int, Path]) -> Path:
    """OCR one paper and keep what the date-line stage is given (grey page, words) with its truth."""
    seed, doc_type, i, cache = args
    out = cache / f"{doc_type}-{seed}-{i}.pkl"
    if out.exists():
        return out
    profile, image, truth = _paper(seed, doc_type, i)
    seen: dict = {}
    real = dateline.days_read

    def spy(gray: np.ndarray, words: list[Word]) -> list[Word]:
        seen.update(gray=gray, words=list(words))
        return real(gray, words)

    dateline.days_read = spy  # the pipeline looks the stage up on the module at call time
    try:
        pipeline.process_page(image)
    finally:
        dateline.days_read = real
    out.write_bytes(pickle.dumps({"profile": profile, "truth": truth, **seen}))
    return out


def _verdict(text: str, truth: tuple[int, int, int]) -> str:
    found = dates_in(text)
    return "exact" if truth in found else "wrong" if found else "lost"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=60, help="papers of each type")
    parser.add_argument("--types", nargs="+", default=list(TYPES))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", type=Path, required=True, help="keeps each paper's OCR between runs")
    parser.add_argument("--profiles", nargs="+", choices=PROFILES, default=list(PROFILES),
                        help="only the papers that these scan profiles degrade (each takes every sixth paper)")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    jobs = [(args.seed, t, i, args.cache) for t in args.types for i in range(args.count)
            if PROFILES[i % len(PROFILES)] in args.profiles]
    start = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        files = list(pool.map(_read, jobs))
    print(f"{len(files)} papers read in {time.perf_counter() - start:.0f} s", file=sys.stderr)

    tally: Counter = Counter()
    mend_time: list[float] = []
    for (_, doc_type, i, _), path in zip(jobs, files, strict=True):
        kept = pickle.loads(path.read_bytes())
        start = time.perf_counter()
        mended = dateline.date_words_spelled(dateline.days_read(kept["gray"], kept["words"]))
        mend_time.append(time.perf_counter() - start)
        before, after = (_verdict(text_from_words(w), kept["truth"]) for w in (kept["words"], mended))
        for key in (("all",), (doc_type,), (doc_type, kept["profile"])):
            tally[key + ("before", before)] += 1
            tally[key + ("after", after)] += 1
        if args.show_errors and after != "exact":
            line = next((ln for ln in text_from_words(mended).splitlines() if re.search(r"năm\s+20\d\d", ln)), "")
            print(f"  {doc_type} {i} {kept['profile']}: {after}, truth {kept['truth']}: {line!r}")

    print(f"{'papers':<32} {'n':>4}  {'OCR alone: exact/wrong/lost':>28}  {'mended: exact/wrong/lost':>25}")
    keys = [("all",)] + [(t,) for t in args.types] + [(t, p) for t in args.types for p in PROFILES]
    for key in keys:
        n = sum(tally[key + ("before", v)] for v in ("exact", "wrong", "lost"))
        if n:
            cells = ["/".join(str(tally[key + (stage, v)]) for v in ("exact", "wrong", "lost"))
                     for stage in ("before", "after")]
            print(f"{' '.join(key):<32} {n:>4}  {cells[0]:>28}  {cells[1]:>25}")
    print(f"date-line stage: median {1000 * float(np.median(mend_time)):.0f} ms a page, "
          f"max {1000 * max(mend_time):.0f} ms")


if __name__ == "__main__":
    main()
