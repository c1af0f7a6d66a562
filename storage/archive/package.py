"""A dossier's archive package, laid out as a BagIt bag (RFC 8493):

    bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
    data/<code>.metadata.json, data/<code>.metadata.xml        the dossier's archive metadata record
    data/<code>.<n>.pdf, data/<code>.<n>.fields.json           document n (counted from 1), searchable PDF
    data/<code>.<n>.p<k>.alto.xml                              ALTO 4.4 of its page k (pages with stored OCR)
    data/<code>.<n>.p<k>.png                                   its page images, when the repository wants them

The bytes depend only on the stored rows, page images and OCR results (no clocks), so building the same dossier
version twice gives the same package: that is what lets an upload be resumed by checksum."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import UTC

from PIL import Image

from ocr.alto import alto_xml
from ocr.searchable_pdf import SearchablePdfError, searchable_pdf
from ocr.types import PageResult
from storage.archive import metadata, pdfa
from storage.dossiers import dossier_json
from storage.models import Document, Dossier

BAGIT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


class PackageError(Exception):
    """The dossier cannot be packaged (a page image is missing or unreadable): retrying will not help."""


@dataclass
class Package:
    code: str
    version: int
    fingerprint: str
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def manifest(self) -> dict[str, str]:
        """Every file's SHA-256, tag files included."""
        return {path: hashlib.sha256(data).hexdigest() for path, data in self.files.items()}

    @property
    def sha256(self) -> str:
        """The package's identity: the hash of its tag manifest, which covers every other file."""
        return hashlib.sha256(self.files["tagmanifest-sha256.txt"]).hexdigest()

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


def fingerprint(dossier: Dossier) -> str:
    """Hash of the dossier JSON, field values included: an officer's correction changes it."""
    canonical = json.dumps(dossier_json(dossier), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass
class _StoredPage:
    png: bytes
    mode: str
    ocr: PageResult | None


def _page_ocr(page, store) -> PageResult | None:
    """The page's stored OCR result (`PageResult.to_dict()` plus "qr"), or None when it has none."""
    if not page.ocr_key or not store.exists(page.ocr_key):
        return None
    try:
        data = json.loads(store.get_bytes(page.ocr_key))
        data.pop("qr", None)
        return PageResult.from_dict(data)
    except Exception as exc:  # noqa: BLE001 - corrupt or unreadable: permanent
        raise PackageError(f"page OCR {page.ocr_key}: {type(exc).__name__}: {exc}") from exc


def stored_pages(document: Document, store) -> list[_StoredPage]:
    """The document's page images and OCR results, in document order; PackageError when one is missing."""
    pages = []
    for dp in document.pages:
        page = dp.page
        if not page.image_key:
            raise PackageError(f"document {document.ordinal + 1}: page {page.index} has no stored image")
        try:
            data = store.get_bytes(page.image_key)
            with Image.open(io.BytesIO(data)) as image:
                mode = image.mode
                image.verify()
        except Exception as exc:  # noqa: BLE001 - missing, corrupt or unreadable: all permanent
            raise PackageError(f"page image {page.image_key}: {type(exc).__name__}: {exc}") from exc
        pages.append(_StoredPage(data, mode, _page_ocr(page, store)))
    if not pages:
        raise PackageError(f"document {document.ordinal + 1} has no pages")
    return pages


def document_pdf(pages: list[_StoredPage], dpi: int) -> bytes:
    """A searchable PDF: each page image with its OCR words as invisible text; a page without stored OCR
    is image-only (at `dpi`)."""
    return searchable_pdf([(p.png, p.ocr or PageResult(0, 0.0, 0.0, "", 0.0, dpi=dpi)) for p in pages])


def page_altos(pages: list[_StoredPage], stem: str, *, with_images: bool) -> dict[str, bytes]:
    """`<stem>.p<k>.alto.xml` for each page with stored OCR; its coordinates refer to `<stem>.p<k>.png`
    when the images travel with it, else to page k of `<stem>.pdf`, which embeds the same image."""
    def image(k: int) -> str:
        return f"{stem}.p{k}.png" if with_images else f"{stem}.pdf#page={k}"

    return {f"{stem}.p{k}.alto.xml": alto_xml(page.ocr, image(k), k)
            for k, page in enumerate(pages, start=1) if page.ocr is not None}


def _manifest(files: dict[str, bytes]) -> bytes:
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(files.items())).encode()


def _document_pdf(pages: list[_StoredPage], dpi: int, *, as_pdfa: bool, epoch: int, title: str) -> bytes:
    try:
        pdf = document_pdf(pages, dpi)
    except SearchablePdfError as exc:
        raise PackageError(f"{title}: {exc}") from exc
    if not as_pdfa:
        return pdf
    try:
        return pdfa.to_pdfa(pdf, gray=all(p.mode in ("1", "L") for p in pages), epoch=epoch, title=title)
    except pdfa.PdfaUnavailable as exc:
        raise PackageError(f"{title}: PDF/A conversion failed: {exc}") from exc


def build_package(dossier: Dossier, store, *, version: int, maintenance: str = "Vĩnh viễn",
                  include_images: bool = False, dpi: int = 300, want_pdfa: bool = True) -> Package:
    """The package of one dossier version; `dossier` must be loaded with documents, pages and fields.
    PDFs are searchable (page images with the stored OCR words as invisible text), PDF/A-2b when
    `want_pdfa` and Ghostscript is installed, plain PDF otherwise (the metadata's `Format` says which)."""
    code = dossier.code
    print_ = fingerprint(dossier)
    as_pdfa = want_pdfa and pdfa.available()
    created = dossier.created_at if dossier.created_at.tzinfo else dossier.created_at.replace(tzinfo=UTC)
    epoch = int(created.timestamp())
    record = metadata.dossier_record(dossier, maintenance=maintenance, version=version, fingerprint=print_,
                                     pdf_format="PDF/A-2b" if as_pdfa else "PDF")
    payload: dict[str, bytes] = {
        f"data/{code}.metadata.json": metadata.to_json(record),
        f"data/{code}.metadata.xml": metadata.to_xml(record),
    }
    documents = dossier_json(dossier)["dossier"]["documents"]
    for n, (document, as_json) in enumerate(zip(dossier.documents, documents, strict=True), start=1):
        pages = stored_pages(document, store)
        payload[f"data/{code}.{n}.pdf"] = _document_pdf(pages, dpi, as_pdfa=as_pdfa, epoch=epoch,
                                                        title=f"{code}.{n}")
        altos = page_altos(pages, f"{code}.{n}", with_images=include_images)
        payload.update({f"data/{name}": xml for name, xml in altos.items()})
        fields = {"DocOrdinal": n, "type": document.type, "fields": as_json["fields"], "pages": as_json["pages"]}
        payload[f"data/{code}.{n}.fields.json"] = (json.dumps(fields, ensure_ascii=False, indent=2) + "\n").encode()
        if include_images:
            for k, dp in enumerate(document.pages, start=1):
                payload[f"data/{code}.{n}.p{k}.png"] = store.get_bytes(dp.page.image_key)
    manifest = _manifest(payload)
    octets = sum(len(data) for data in payload.values())
    bag_info = (f"Source-Organization: sohoa\nExternal-Identifier: {code}\nBag-Group-Identifier: {code}/v{version}\n"
                f"Payload-Oxum: {octets}.{len(payload)}\nSohoa-Fingerprint: {print_}\n").encode()
    tags = {"bagit.txt": BAGIT, "bag-info.txt": bag_info, "manifest-sha256.txt": manifest}
    files = dict(sorted({**payload, **tags}.items()))
    files["tagmanifest-sha256.txt"] = _manifest(tags)
    return Package(code, version, print_, files)


def parse_manifest(data: bytes) -> dict[str, str]:
    """`sha256  path` lines → {path: sha256}."""
    entries = {}
    for line in data.decode().splitlines():
        if line.strip():
            sha, path = line.split(maxsplit=1)
            entries[path.strip()] = sha
    return entries
