"""Retrieval latency at office scale: search by ID number, search by name, and the citizen profile.

Fills a fresh database with synthetic dossiers (rows only, bulk inserts, no OCR): by default 10,000
dossiers of 10 documents each (100,000 documents, ~550,000 fields, one page per document), whose
citizens come back in several dossiers, as they do at a one-stop shop. Then times `--queries` random
lookups of each kind through the same functions the CLI calls (one session each, as a command would)
and prints p50/p95/max in milliseconds, on SQLite (a temporary file) and on PostgreSQL (a dedicated
schema, dropped afterwards). Target: p95 under 50 ms for each.

Usage: .venv/bin/python bench/retrieval.py [--dossiers 10000] [--queries 300] [--backends sqlite,postgresql]
                                           [--postgres-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, insert, text

from storage import search
from storage.db import make_engine, session_factory
from storage.folding import fold, fold_value
from storage.models import Document, DocumentPage, Dossier, Field, Page, SourceFile
from storage.profile import citizen_profile

SURNAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý"
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu", "Bảo", "Gia"]
GIVEN = [
    "An", "Anh", "Bình", "Châu", "Cường", "Dũng", "Đào", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương",
    "Khang", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngọc", "Nhung", "Phúc", "Phương", "Quân",
    "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"
]
WARDS = ["Cửa Nam", "Đống Đa", "Hàng Bạc", "Bến Nghé", "Tân Định", "Thạch Thang", "Vĩnh Ninh", "Lê Lợi"]
CITIES = ["Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Huế", "Nghệ An", "Cần Thơ"]
TYPES = ("cccd", "cccd", "residence_confirmation", "residence_declaration_form", "birth_certificate",
         "birth_registration_form", "health_insurance_card", "death_notice", "other", "other")
BATCH = 20_000


def person(rng: random.Random, i: int) -> dict[str, str]:
    middle = rng.choice(MIDDLE) + (f" {rng.choice(MIDDLE)}" if rng.random() < 0.3 else "")
    name = f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}"
    born = datetime(1940, 1, 1) + timedelta(days=rng.randrange(30_000))
    return {"id_number": f"0{rng.randrange(1, 96):02d}{rng.randrange(10):d}{born.year % 100:02d}{i:06d}",
            "full_name": name.upper() if rng.random() < 0.6 else name,
            "date_of_birth": born.date().isoformat(), "sex": "Nữ" if "Thị" in name else "Nam",
            "place_of_residence": f"Phường {rng.choice(WARDS)}, {rng.choice(CITIES)}"}


def fill(engine, dossiers: int, docs_per_dossier: int, seed: int) -> tuple[list[dict], dict[str, int]]:
    """Bulk-insert the synthetic rows; returns the people and the row counts."""
    rng = random.Random(seed)
    people = [person(rng, i) for i in range(max(1, dossiers // 2))]
    rows: dict[str, list[dict]] = {t: [] for t in ("dossier", "source_file", "page", "document", "document_page",
                                                  "field")}
    start = datetime(2024, 1, 1, tzinfo=UTC)
    doc_id = field_id = 0
    filed: set[str] = set()
    for d in range(1, dossiers + 1):
        created = start + timedelta(minutes=d * 7)
        rows["dossier"].append({"id": d, "code": f"HS-{d:08d}", "procedure": "generic", "status": "processed",
                                "missing_documents": [], "created_at": created, "updated_at": created})
        rows["source_file"].append({"id": d, "dossier_id": d, "name": "ho_so.pdf", "sha256": f"{d:064x}",
                                    "size": 1, "content_type": "application/pdf",
                                    "object_key": f"dossiers/HS-{d:08d}/originals/{d:064x}.pdf",
                                    "received_at": created})
        main = rng.choice(people)
        family = [main] + rng.sample(people, 2)
        for ordinal in range(docs_per_dossier):
            doc_id += 1
            who = main if ordinal < docs_per_dossier // 2 else rng.choice(family)
            filed.add(who["id_number"])
            rows["page"].append({"id": doc_id, "source_file_id": d, "index": ordinal, "rotation": 0,
                                 "rotation_confidence": 1.0, "skew_deg": 0.0, "text": "", "confidence": 0.9,
                                 "width": 2480, "height": 3508})
            rows["document"].append({"id": doc_id, "dossier_id": d, "ordinal": ordinal,
                                     "type": TYPES[ordinal % len(TYPES)], "confidence": 0.9})
            rows["document_page"].append({"document_id": doc_id, "page_id": doc_id, "ordinal": 0})
            names = ["id_number", "full_name", "date_of_birth", "sex", "place_of_residence"]
            if rows["document"][-1]["type"] == "birth_certificate":
                names.append("father_full_name")
            for name in names:
                field_id += 1
                value = who.get(name) or family[1]["full_name"]
                if name == "place_of_residence" and rng.random() < 0.2:
                    value = f"Phường {rng.choice(WARDS)}, {rng.choice(CITIES)}"  # moved: a conflict
                rows["field"].append({"id": field_id, "document_id": doc_id, "name": name, "value": value,
                                      "value_folded": fold_value(name, value), "confidence": rng.uniform(0.6, 1),
                                      "source": "ocr", "page_id": doc_id, "bbox": [10, 20, 300, 60],
                                      "verified": False})
    tables = {"dossier": Dossier, "source_file": SourceFile, "page": Page, "document": Document,
              "document_page": DocumentPage, "field": Field}
    with engine.begin() as conn:
        for name, model in tables.items():
            for i in range(0, len(rows[name]), BATCH):
                conn.execute(insert(model.__table__), rows[name][i:i + BATCH])
    return [p for p in people if p["id_number"] in filed], {name: len(r) for name, r in rows.items()}


def timed(sessions, queries: list[str], run: Callable) -> list[float]:
    out = []
    for q in queries:
        begin = time.perf_counter()
        with sessions() as session:
            result = run(session, q)
        out.append((time.perf_counter() - begin) * 1000)
        assert result, f"nothing found for {q!r}"
    return out


def bench(label: str, url: str, args) -> list[tuple]:
    engine = make_engine(url)
    begin = time.perf_counter()
    people, counts = fill(engine, args.dossiers, args.docs, args.seed)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    load = time.perf_counter() - begin
    print(f"{label}: loaded {counts['dossier']:,} dossiers, {counts['document']:,} documents, "
          f"{counts['field']:,} fields in {load:.1f} s", flush=True)
    sessions = session_factory(engine)
    rng = random.Random(args.seed + 1)
    picks = [rng.choice(people) for _ in range(args.queries)]
    kinds = {
        "search --id-number": ([p["id_number"] for p in picks], lambda s, q: search.by_id_number(s, q)),
        "search --name": ([fold(p["full_name"]) for p in picks], lambda s, q: search.by_name(s, q)),
        "fields --id-number": ([p["id_number"] for p in picks], citizen_profile),
    }
    results = []
    for kind, (queries, run) in kinds.items():
        timed(sessions, queries[:20], run)  # warm caches
        ms = sorted(timed(sessions, queries, run))
        results.append((label, kind, len(ms), statistics.median(ms), ms[int(0.95 * (len(ms) - 1))], ms[-1]))
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--docs", type=int, default=10, help="documents per dossier")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "SOHOA_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    args = parser.parse_args()
    rows = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                rows += bench("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}", args)
        elif backend == "postgresql":
            schema = f"sohoa_bench_{os.getpid()}"
            admin = create_engine(args.postgres_url)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                rows += bench("postgresql", f"{args.postgres_url}?options={quote(f'-csearch_path={schema}')}", args)
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
        else:
            raise SystemExit(f"unknown backend {backend!r}")
    print("\n| backend | query | n | p50 ms | p95 ms | max ms | p95 < 50 ms |\n|---|---|---|---|---|---|---|")
    for label, kind, n, p50, p95, worst in rows:
        print(f"| {label} | {kind} | {n} | {p50:.2f} | {p95:.2f} | {worst:.2f} | {'yes' if p95 < 50 else 'NO'} |")


if __name__ == "__main__":
    main()
