"""Archive test dossiers: rows, stored page images and their OCR results written directly (no OCR run)."""

from __future__ import annotations

import io
import json
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from ocr.types import PageResult, Word
from storage import keys
from storage.models import Document, DocumentPage, Dossier, Field, Page, SourceFile

DOCUMENTS = [
    ("cccd", {"id_number": "001203004567", "full_name": "NGUYỄN VĂN ĐỨC", "date_of_issue": "2021-04-10"}),
    ("birth_certificate", {"full_name": "NGUYỄN THỊ HOA", "date_of_birth": "2024-02-29",
                           "registration_authority": "UBND phường Láng Hạ"}),
]


PAGE_WORDS = ["Họ", "và", "tên:", "NGUYỄN", "VĂN", "ĐỨC"]


@lru_cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    from ocr.searchable_pdf import _font_path

    return ImageFont.truetype(str(_font_path()), size)


def page_png(text: str, size: tuple[int, int] = (240, 340)) -> bytes:
    return page_with_words(text, size)[0]


def page_with_words(text: str, size: tuple[int, int] = (240, 340), dpi: int = 300) -> tuple[bytes, PageResult]:
    """A page image with `text` on its first line and PAGE_WORDS on its second, and the OCR result that
    reads them (word boxes where they are printed)."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle([8, 8, size[0] - 8, size[1] - 8], outline=0)
    font = _font(max(8, size[0] // 24))
    words = []
    y = 20
    for line, line_words in enumerate((text.split(), PAGE_WORDS), start=1):
        x = 20
        for word in line_words:
            box = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, font=font, fill=0)
            words.append(Word(word, 0.95, tuple(int(v) for v in box), block=1, line=line))
            x = box[2] + font.size // 2
        y += font.size * 2
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    result = PageResult(0, 1.0, 0.0, "\n".join([text, " ".join(PAGE_WORDS)]), 0.95, words, size[0], size[1], dpi)
    return buffer.getvalue(), result


def add_archivable(session, store, code: str, documents=DOCUMENTS, *, pages_per_document: int = 1,
                   status: str = "processed", missing: list[str] | None = None,
                   size: tuple[int, int] = (240, 340), dpi: int = 300, ocr: bool = True) -> Dossier:
    """A processed dossier with one file, `pages_per_document` stored page images per document, each
    with its stored OCR result (the ingest flow's JSON) unless `ocr` is false."""
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
            png, result = page_with_words(f"{code} {kind} {k}", size, dpi)
            stored = store.put_bytes(keys.page_image_key(code, sha, index), png, "image/png")
            page = Page(source_file_id=source.id, index=index, text=result.text, confidence=0.9,
                        width=size[0], height=size[1], image_key=stored.key, image_sha256=stored.sha256)
            if ocr:
                read = store.put_bytes(keys.page_ocr_key(code, sha, index), json.dumps(
                    {**result.to_dict(), "qr": []}, ensure_ascii=False).encode(), "application/json")
                page.ocr_key, page.ocr_sha256 = read.key, read.sha256
            session.add(page)
            session.flush()
            session.add(DocumentPage(document_id=document.id, page_id=page.id, ordinal=k))
            index += 1
        for name, value in fields.items():
            session.add(Field(document_id=document.id, name=name, value=value, confidence=0.9, source="ocr"))
    session.flush()
    return dossier
