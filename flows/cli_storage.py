"""The storage commands of `sohoa`: search, fields (profile and officer corrections), check, download.

Same conventions as `flows.cli`: `--json` prints machine-readable output on stdout, messages go to
stderr. Exit codes: 0 done; 2 bad command line; 3 problems found (`check`) or some files could not be
written (`download`); 4 nothing found."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

EXIT_OK, EXIT_USAGE, EXIT_PROBLEMS, EXIT_NOT_FOUND = 0, 2, 3, 4


def _print_json(data: dict) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _console():
    from rich.console import Console

    return Console()


def cmd_search(args: argparse.Namespace) -> int:
    from flows.runtime import runtime
    from storage import search

    if args.id_number is not None:
        query, find = {"id_number": args.id_number}, lambda s: search.by_id_number(s, args.id_number, args.limit)
    elif args.name is not None:
        query, find = {"name": args.name}, lambda s: search.by_name(s, args.name, args.limit)
    else:
        query, find = {"dossier_code": args.dossier_code}, lambda s: search.by_dossier_code(s, args.dossier_code)
    with runtime().sessions() as session:
        results = find(session)
    if args.json:
        _print_json({"query": query, "results": results})
    else:
        _search_table(results)
    if not results:
        _err(f"sohoa search: nothing found for {next(iter(query.values()))!r}")
        return EXIT_NOT_FOUND
    return EXIT_OK


def _search_table(results: list[dict]) -> None:
    from rich.table import Table

    table = Table("dossier", "status", "document", "ID number", "full name", "date of birth", "matched")
    for entry in results:
        d = entry["dossier"]
        for doc in entry["documents"] or [{}]:
            matched = doc.get("matched")
            table.add_row(d["code"], d["status"], f"{doc.get('ordinal', '')} {doc.get('type', '')}".strip(),
                          doc.get("id_number") or "", doc.get("full_name") or "", doc.get("date_of_birth") or "",
                          f"{matched['field']}={matched['value']}" if matched else "")
    if results:
        _console().print(table)


def cmd_fields(args: argparse.Namespace) -> int:
    if args.fields_action == "set":
        return cmd_fields_set(args)
    if not args.id_number:
        _err("sohoa fields: --id-number is required")
        return EXIT_USAGE
    from flows.runtime import runtime
    from storage.corrections import field_history
    from storage.profile import citizen_profile

    with runtime().sessions() as session:
        profile = citizen_profile(session, args.id_number)
        if profile is not None and args.history:
            profile["history"] = field_history(session, args.id_number)
    if profile is None:
        _err(f"sohoa fields: no document carries ID number {args.id_number!r}")
        return EXIT_NOT_FOUND
    if args.json:
        _print_json({"profile": profile})
    else:
        _profile_table(profile)
    return EXIT_OK


def _profile_table(profile: dict) -> None:
    from rich.table import Table

    console = _console()
    console.print(f"[bold]ID number {profile['id_number']}[/bold]: {len(profile['documents'])} document(s)")
    table = Table("field", "value", "source", "from", "page", "other values")
    for name, f in profile["fields"].items():
        doc = f["document"]
        source = f"{f['source']} ✓ {f['verified_by']}" if f["verified"] else f"{f['source']} {f['confidence']:.2f}"
        page = f"{f['page']['file']} p{f['page']['page']}" if f["page"] else ""
        others = "; ".join(f"{c['value']} ({c['document']['dossier']})" for c in f["conflicts"])
        table.add_row(name, f["value"], source, f"{doc['dossier']} #{doc['ordinal']} {doc['type']}", page,
                      f"[yellow]{others}[/yellow]" if others else "")
    console.print(table)
    for h in profile.get("history", []):
        console.print(f"{h['changed_at']} {h['changed_by']}: {h['field']} {h['old_value']!r} -> {h['new_value']!r}"
                      f" ({h['dossier']} #{h['document']['ordinal']})")


def cmd_fields_set(args: argparse.Namespace) -> int:
    from flows.runtime import runtime
    from storage.corrections import CorrectionError, correct_field

    try:
        with runtime().sessions.begin() as session:
            correction = correct_field(session, id_number=args.id_number, name=args.field, value=args.value,
                                       by=args.by, dossier_code=args.dossier_code, document_type=args.document_type,
                                       reason=args.reason)
    except CorrectionError as exc:
        _err(f"sohoa fields set: {exc}")
        return EXIT_NOT_FOUND
    except ValueError as exc:
        _err(f"sohoa fields set: {exc}")
        return EXIT_USAGE
    data = correction.to_json()
    if args.json:
        _print_json({"correction": data})
    else:
        _err(f"{data['field']} of {data['dossier']} #{data['document']['ordinal']} ({data['document']['type']}): "
             f"{data['old_value']!r} -> {data['new_value']!r}, verified by {data['changed_by']}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from flows.runtime import runtime
    from storage.check import check_storage

    rt = runtime()
    with rt.sessions() as session:
        report = check_storage(session, rt.store, dossier_code=args.dossier_code, verify=not args.quick)
    data = report.to_json()
    if args.json:
        _print_json(data)
    else:
        _err(f"{data['objects']} object(s), {data['references']} reference(s) in {data['store']}"
             f"{'' if data['verified'] else ' (checksums recorded, contents not read)'}")
        for key in data["orphans"]:
            _err(f"orphan object (no row): {key}")
        for m in data["missing"]:
            _err(f"missing object: {m['key']} ({m['table']} {m['id']}, dossier {m['dossier']})")
        for m in data["checksum_mismatches"]:
            _err(f"checksum mismatch: {m['key']} (row {m['row_sha256']}, object {m['object_sha256']}, "
                 f"content {m['content_sha256']})")
        _err("ok" if report.ok else "problems found")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _download_items(dossier, ordinal: int | None, pages: bool) -> list[tuple[str, str, str | None]] | None:
    """(object key, output file name, row SHA-256) for the requested files; None if no such document."""
    files = dossier.files
    page_rows = [p for f in files for p in f.pages]
    if ordinal is not None:
        document = next((d for d in dossier.documents if d.ordinal == ordinal), None)
        if document is None:
            return None
        wanted = {dp.page_id for dp in document.pages}
        page_rows = [p for p in page_rows if p.id in wanted]
        files = [f for f in files if any(p.source_file_id == f.id for p in page_rows)]
    if pages:
        names = {f.id: Path(f.name).stem for f in dossier.files}
        return [(p.image_key, f"{names[p.source_file_id]}-page{p.index:04d}.png", p.image_sha256)
                for p in page_rows if p.image_key]
    return [(f.object_key, f.name, f.sha256) for f in files]


def _made_files(dossier, store, ordinal: int | None, pdf: bool, dpi: int) -> tuple[dict[str, bytes], list] | None:
    """Files made now from the stored page images and OCR: a searchable PDF per document (`--pdf`) or ALTO
    per page (`--alto`), named as in the archive package; None if no such document."""
    from storage.archive.package import PackageError, document_pdf, page_altos, stored_pages

    documents = [d for d in dossier.documents if ordinal is None or d.ordinal == ordinal]
    if ordinal is not None and not documents:
        return None
    files, errors = {}, []
    for document in documents:
        stem = f"{dossier.code}.{document.ordinal + 1}"
        try:
            pages = stored_pages(document, store)
            files.update({f"{stem}.pdf": document_pdf(pages, dpi)} if pdf else
                         page_altos(pages, stem, with_images=False))
        except PackageError as exc:
            errors.append({"key": None, "name": f"{stem}.pdf" if pdf else stem, "error": str(exc)})
    return files, errors


def _write_made(args: argparse.Namespace, files: dict[str, bytes], errors: list) -> int:
    import hashlib

    out = Path(args.out) if args.out else Path(args.code)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        written.append({"key": None, "name": name, "url": None, "path": str(out / name), "size": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "content_type": "application/pdf" if name.endswith(".pdf") else "application/xml"})
    if args.json:
        _print_json({"dossier": args.code, "files": written, "errors": errors})
    else:
        for entry in written:
            print(entry["path"])
        for e in errors:
            _err(f"error {e['name']}: {e['error']}")
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_download(args: argparse.Namespace) -> int:
    from flows.runtime import runtime
    from storage.dossiers import find_dossier
    from storage.objects import ChecksumMismatch, LocalObjectStore, ObjectNotFound

    rt = runtime()
    made = args.pdf or args.alto
    if made and args.url_only:
        _err("sohoa download: --pdf and --alto are made on demand from the stored pages; there is no link to them")
        return EXIT_USAGE
    with rt.sessions() as session:
        dossier = find_dossier(session, args.code)
        if dossier is None:
            _err(f"sohoa download: no dossier with code {args.code!r}")
            return EXIT_NOT_FOUND
        if made:
            made_files = _made_files(dossier, rt.store, args.document, args.pdf, rt.settings.dpi)
        else:
            items = _download_items(dossier, args.document, args.pages)
    if made:
        if made_files is None:
            _err(f"sohoa download: dossier {args.code!r} has no document {args.document}")
            return EXIT_NOT_FOUND
        return _write_made(args, *made_files)
    if items is None:
        _err(f"sohoa download: dossier {args.code!r} has no document {args.document}")
        return EXIT_NOT_FOUND
    expires = timedelta(seconds=args.expires)
    if args.url_only and isinstance(rt.store, LocalObjectStore):
        _err("sohoa download: --url-only needs an S3 object store (a local folder has no links)")
        return EXIT_USAGE
    out = Path(args.out) if args.out else Path(args.code)
    written, errors = [], []
    for key, name, row_sha in items:
        entry = {"key": key, "name": name, "url": rt.store.presigned_url(key, expires), "path": None}
        try:
            if args.url_only:
                stored = rt.store.stat(key)
            else:
                stored = rt.store.download(key, out / name)
                entry["path"] = str(out / name)
            if stored.sha256 != row_sha:
                raise ChecksumMismatch(key, row_sha or "", stored.sha256)
        except (ObjectNotFound, ChecksumMismatch) as exc:
            if entry["path"]:
                Path(entry["path"]).unlink(missing_ok=True)
            errors.append({"key": key, "name": name, "error": str(exc)})
            continue
        entry.update(sha256=stored.sha256, size=stored.size, content_type=stored.content_type)
        written.append(entry)
    if args.json:
        _print_json({"dossier": args.code, "files": written, "errors": errors})
    else:
        for entry in written:
            print(entry["path"] or entry["url"])
            if entry["path"] and entry["url"]:
                print(f"  {entry['url']}")
        for e in errors:
            _err(f"error {e['name']}: {e['error']}")
    return EXIT_PROBLEMS if errors else EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add the storage commands to the `sohoa` parser."""
    search = sub.add_parser("search", help="find dossiers by ID number, name (accents optional) or dossier code")
    what = search.add_mutually_exclusive_group(required=True)
    what.add_argument("--id-number", help="citizen ID number (spaces and dashes ignored)")
    what.add_argument("--name", help='full name or its first words, e.g. "nguyen van an"')
    what.add_argument("--dossier-code")
    search.add_argument("--limit", type=int, default=100, help="at most this many documents (default 100)")
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=cmd_search)

    fields = sub.add_parser("fields", help="a citizen's reusable fields across dossiers; `fields set` corrects one")
    fields.add_argument("--id-number")
    fields.add_argument("--history", action="store_true", help="also list officer corrections")
    fields.add_argument("--json", action="store_true")
    fields.set_defaults(func=cmd_fields, fields_action=None)
    actions = fields.add_subparsers(dest="fields_action")
    correct = actions.add_parser("set", help="correct a field and mark it verified by an officer")
    correct.add_argument("--id-number", required=True)
    correct.add_argument("--field", required=True, help="field name, e.g. full_name, place_of_residence")
    correct.add_argument("--value", required=True)
    correct.add_argument("--by", required=True, help="the officer making the correction")
    correct.add_argument("--dossier-code", help="correct the document in this dossier (default: the current source)")
    correct.add_argument("--document-type", help="correct the document of this type, e.g. cccd")
    correct.add_argument("--reason")
    # SUPPRESS: `sohoa fields --json set ...` must keep the --json given before `set`.
    correct.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    check = sub.add_parser("check", help="find objects without rows, rows without objects, and bad checksums")
    check.add_argument("--dossier-code", help="check one dossier only")
    check.add_argument("--quick", action="store_true", help="compare recorded checksums without reading contents")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=cmd_check)

    download = sub.add_parser("download", help="write a dossier's originals, page images, searchable PDFs or ALTO "
                              "out (S3: with links)")
    download.add_argument("code", help="dossier code")
    download.add_argument("--document", type=int, metavar="ORDINAL", help="only the files of this document")
    what = download.add_mutually_exclusive_group()
    what.add_argument("--pages", action="store_true", help="corrected page images instead of the originals")
    what.add_argument("--pdf", action="store_true",
                      help="a searchable PDF per document (page images with their OCR text as invisible text)")
    what.add_argument("--alto", action="store_true", help="ALTO 4.4 XML (words, boxes, confidences) per page")
    download.add_argument("--out", help="output folder (default: ./CODE)")
    download.add_argument("--expires", type=int, default=900, help="lifetime of S3 links in seconds (default 900)")
    download.add_argument("--url-only", action="store_true", help="S3: print links, write nothing")
    download.add_argument("--json", action="store_true")
    download.set_defaults(func=cmd_download)
