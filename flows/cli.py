"""The `sohoa` command line. Machine-readable output (`--json`) goes to stdout; progress and
human messages go to stderr, so `sohoa ingest ... --json | jq` always works.

Exit codes (stable, like OCRmyPDF's): 0 done; 2 bad command line; 3 done but some files or pages
could not be read (see "errors"); 4 no such dossier.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from flows import cli_storage, prefect_env

prefect_env.apply()

EXIT_OK, EXIT_USAGE, EXIT_PARTIAL, EXIT_NOT_FOUND = 0, 2, 3, 4
PROCEDURES = ("birth_group", "death_group", "residence_change", "generic")


def _print_json(data: dict) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


SUMMARY_FIELDS = ("id_number", "full_name", "date_of_birth", "insurance_number", "date_of_death")


def _summary(data: dict) -> None:
    """What an operator checks at a glance: each page as read, each document found, what is missing."""
    from rich.console import Console
    from rich.table import Table

    d = data["dossier"]
    console = Console(width=max(Console().width, 120))
    console.print(f"[bold]Dossier {d['code']}[/bold]  procedure={d['procedure']}  status={d['status']}")
    pages = Table("file", "page", "rotation", "skew°", "confidence", "first words", title="Pages")
    for p in d["pages"]:
        pages.add_row(p["file"], str(p["page"]), str(p["rotation"]), f"{p['skew_deg']:.1f}",
                      f"{p['confidence']:.2f}" + (" [yellow](review)[/yellow]" if p.get("review") else ""),
                      " ".join(p["text"].split())[:50])
    console.print(pages)
    documents = Table("#", "type", "confidence", "pages", "main fields", title="Documents")
    for n, doc in enumerate(d["documents"]):
        where = ", ".join(f"{p['file']} p{p['page']}" for p in doc["pages"])
        fields = "; ".join(f"{name}={doc['fields'][name]['value']}" for name in SUMMARY_FIELDS
                           if name in doc["fields"])
        kind = doc["type"] + (" [yellow](review)[/yellow]" if doc.get("review") else "")
        documents.add_row(str(n), kind, f"{doc['confidence']:.2f}", where, fields)
    console.print(documents)
    console.print(f"missing documents: {', '.join(d['missing_documents']) or 'none'}")
    for e in d["errors"]:
        where = e["file"] if e["page"] is None else f"{e['file']}, page {e['page']}"
        console.print(f"[red]error[/red] {where}: {e['error']}")


def _with_progress(run, description: str, unit: str = "pages"):
    """Run `run()` while a rich progress bar on stderr follows the flow's page events."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from flows import progress

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn(unit),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=False)
    task_id = bar.add_task(description, total=None)

    def listener(event: str, n: int) -> None:
        if event == "total":
            bar.update(task_id, total=n)
        else:
            bar.advance(task_id, n)

    progress.set_listener(listener)
    try:
        with bar:
            return run()
    finally:
        progress.set_listener(None)


def cmd_ingest(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not Path(p).is_file()]
    if missing:
        print(f"sohoa ingest: no such file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    from flows.ingest import ingest_dossier

    def run() -> dict:
        return ingest_dossier([str(Path(p).resolve()) for p in args.paths], args.dossier_code, args.procedure)

    data = _with_progress(run, "Reading") if sys.stderr.isatty() or args.progress else run()
    _print_json(data) if args.json else _summary(data)
    return EXIT_PARTIAL if data["dossier"]["errors"] else EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from flows.runtime import runtime
    from storage.dossiers import dossier_json, find_dossier

    with runtime().sessions() as session:
        dossier = find_dossier(session, args.code)
        if dossier is None:
            print(f"sohoa show: no dossier with code {args.code!r}", file=sys.stderr)
            return EXIT_NOT_FOUND
        data = dossier_json(dossier)
    _print_json(data) if args.json else _summary(data)
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    """Run the archive flow once; exit 3 when some dossier failed (listed with its reason)."""
    from flows.runtime import runtime

    if not runtime().settings.archive_endpoint:
        print("sohoa archive: SOHOA_ARCHIVE_ENDPOINT is not set (the provincial repository)", file=sys.stderr)
        return EXIT_USAGE
    from flows.archive import archive_dossiers

    data = (_with_progress(archive_dossiers, "Archiving", "dossiers")
            if sys.stderr.isatty() or args.progress else archive_dossiers())
    if args.json:
        _print_json(data)
    else:
        print(f"repository {data['repository']}: {len(data['archived'])} archived, {len(data['failed'])} failed")
        for r in data["archived"]:
            print(f"  archived {r['code']} v{r['version']} → {r['location']} ({r['files']} files, "
                  f"{r['uploaded']} uploaded, {r['skipped']} already there, attempts {r['attempts']})")
        for r in data["failed"]:
            print(f"  FAILED   {r['code']} v{r['version']} after {r['attempts']} attempts: {r['error']}")
    return EXIT_PARTIAL if data["failed"] else EXIT_OK


def cmd_samples(args: argparse.Namespace) -> int:
    from samples import write_samples

    out = Path(args.dir)
    written = write_samples(out, seed=args.seed, dossiers=args.count)
    if args.json:
        _print_json({"samples": [str(p) for p in written]})
    else:
        for path in written:
            print(path)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sohoa", description="Digitize one-stop-shop dossiers.")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="read and store one dossier from one or more scanned files")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--dossier-code", help="the counter's dossier code (default: derived from the files)")
    ingest.add_argument("--procedure", choices=PROCEDURES, default="generic")
    ingest.add_argument("--json", action="store_true", help="print the dossier JSON on stdout")
    ingest.add_argument("--progress", action="store_true", help="show the progress bar even when not a terminal")
    ingest.set_defaults(func=cmd_ingest)

    show = sub.add_parser("show", help="print a stored dossier without re-processing it")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    samples = sub.add_parser("samples", help="write synthetic sample dossiers with ground truth")
    samples.add_argument("dir")
    samples.add_argument("--seed", type=int, default=0)
    samples.add_argument("--count", type=int, default=3, help="number of dossiers")
    samples.add_argument("--json", action="store_true")
    samples.set_defaults(func=cmd_samples)
    archive = sub.add_parser("archive", help="upload finished dossiers to the provincial repository, verified")
    archive.add_argument("--json", action="store_true")
    archive.add_argument("--progress", action="store_true", help="show the progress bar even when not a terminal")
    archive.set_defaults(func=cmd_archive)
    cli_storage.register(sub)  # search, fields, check, download
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
