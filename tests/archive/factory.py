"""Archive test dossiers: rows and stored page images written directly (no OCR needed)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from storage.models import Document, DocumentPage, Dossier, Field, Page, SourceFile

DOCUMENTS = [
    ("cccd", {"id_number": "001203004567", "full_name": "NGUYỄN VĂN ĐỨC", "date_of_issue": "2021-04-10"}),
    ("birth_certificate", {"full_name": "NGUYỄN THỊ HOA", "date_of_birth": "2024-02-29",
                           "registration_authority": "UBND phường Láng Hạ"}),
]


def page_png(text: str, size: tuple[int, int] = (240, 340)) -> bytes:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle([8, 8, size[0] - 8, size[1] - 8], outline=0)
    draw.text((20, 20), text, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def add_archivable(session, store, code: str, documents=DOCUMENTS, *, pages_per_document: int = 1,
                   status: str = "processed", missing: list[str] | None = None,
                   size: tuple[int, int] = (240, 340)) -> Dossier:
    """A processed dossier with one file, `pages_per_document` stored page images per document."""
    dossier = Dossier(code=code, procedure="birth_group", status=status, missing_documents=missing or [])
    session.add(dossier)
    session.flush()
    sha = f"{dossier.id:064x}"
    source = SourceFile(dossier_id=dossier.id, name=f"{code}.pdf", sha256=sha, size=1,
                        content_type="application/pdf", object_key=f"dossiers/{code}/originals/{sha}.pdf")
    session.add(source)
    session.flush()
    index = 0
    for ordinal, (kind, fields) in enumerate(documents):
        document = Document(dossier_id=dossier.id, ordinal=ordinal, type=kind, confidence=0.9)
        session.add(document)
        session.flush()
        for k in range(pages_per_document):
            key = f"dossiers/{code}/pages/{sha}/{index:04d}.png"
            stored = store.put_bytes(key, page_png(f"{code} {kind} {k}", size), "image/png")
            page = Page(source_file_id=source.id, index=index, text=f"{kind} page {k}", confidence=0.9,
                        width=size[0], height=size[1], image_key=key, image_sha256=stored.sha256)
            session.add(page)
            session.flush()
            session.add(DocumentPage(document_id=document.id, page_id=page.id, ordinal=k))
            index += 1
        for name, value in fields.items():
            session.add(Field(document_id=document.id, name=name, value=value, confidence=0.9, source="ocr"))
    session.flush()
    return dossier
