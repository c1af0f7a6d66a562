"""Turn files into page images, one page at a time.

Long PDFs are never rendered whole: `load_page` asks poppler for a single page, so memory stays at one
page image whatever the file length. The file type is decided by its content (magic bytes), not by its
extension, because offices rename files freely; errors carry a reason an officer can act on.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pdf2image import convert_from_path, pdfinfo_from_path
from pdf2image.exceptions import PDFInfoNotInstalledError, PDFPageCountError, PDFSyntaxError
from PIL import Image, ImageOps, UnidentifiedImageError

from ocr.types import PageLoadError

_SUPPORTED_FORMATS = {"TIFF", "PNG", "JPEG", "MPO", "BMP", "GIF", "WEBP", "JPEG2000"}


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as fh:
        return b"%PDF-" in fh.read(1024)  # the header may follow a little junk, as in real files


def _check_file(path: Path) -> None:
    if not path.exists():
        raise PageLoadError(path.name, None, "file not found")
    if not path.is_file():
        raise PageLoadError(path.name, None, "not a regular file")
    if path.stat().st_size == 0:
        raise PageLoadError(path.name, None, "empty file (0 bytes)")


def _poppler_reason(exc: Exception) -> str:
    lines: list[str] = []
    for ln in str(exc).splitlines():
        ln = ln.strip()
        if ln and ln != "Unable to get page count." and ln not in lines:
            lines.append(ln)
    return "; ".join(lines[:3])[:300] or str(exc).strip() or type(exc).__name__


def _pdf_pages(path: Path) -> int:
    try:
        info = pdfinfo_from_path(str(path), timeout=60)
    except PDFInfoNotInstalledError as exc:
        raise PageLoadError(path.name, None, "poppler-utils (pdfinfo) is not installed") from exc
    except (PDFPageCountError, PDFSyntaxError, ValueError) as exc:
        raise PageLoadError(path.name, None, f"corrupt PDF: {_poppler_reason(exc)}") from exc
    pages = int(info.get("Pages", 0) or 0)
    if pages <= 0:
        raise PageLoadError(path.name, None, "corrupt PDF: no pages")
    return pages


def _open_image(path: Path) -> Image.Image:
    try:
        img = Image.open(path)
    except UnidentifiedImageError as exc:
        raise PageLoadError(path.name, None, "not a PDF or image file") from exc
    except Image.DecompressionBombError as exc:
        raise PageLoadError(path.name, None, f"image too large to process safely: {exc}") from exc
    except OSError as exc:
        raise PageLoadError(path.name, None, f"unreadable image: {exc}") from exc
    if img.format not in _SUPPORTED_FORMATS:
        fmt = img.format
        img.close()
        raise PageLoadError(path.name, None, f"unsupported image type {fmt}")
    return img


def page_count(path: Path) -> int:
    """Number of pages (PDF pages or image frames); raises PageLoadError with a human reason."""
    path = Path(path)
    _check_file(path)
    if _is_pdf(path):
        return _pdf_pages(path)
    with _open_image(path) as img:
        return int(getattr(img, "n_frames", 1) or 1)


def _to_rgb_or_l(img: Image.Image) -> Image.Image:
    """Normalise exotic modes (1-bit fax, 16-bit grey, palette, CMYK, alpha) to L or RGB (an L or RGB page
    is returned as it is: a page is 26 MB of RGB, and each copy costs 15 ms)."""
    if img.mode in ("L", "RGB"):
        return img
    if img.mode == "1":
        return img.convert("L")
    if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        arr = np.asarray(img, dtype=np.float32)
        lo, hi = float(arr.min()), float(arr.max())
        scaled = (arr - lo) * (255.0 / max(hi - lo, 1.0))
        return Image.fromarray(scaled.clip(0, 255).astype(np.uint8), "L")
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(bg, rgba).convert("RGB")
    return img.convert("RGB")


def _load_pdf_page(path: Path, index: int, dpi: int) -> Image.Image:
    try:
        pages = convert_from_path(
            str(path), dpi=dpi, first_page=index + 1, last_page=index + 1, thread_count=1, timeout=300
        )
    except (PDFPageCountError, PDFSyntaxError, ValueError) as exc:
        raise PageLoadError(path.name, index, f"corrupt PDF: {_poppler_reason(exc)}") from exc
    except Exception as exc:  # poppler crashes, timeouts: still one bad page, not a crashed flow
        raise PageLoadError(path.name, index, f"cannot render PDF page: {_poppler_reason(exc)}") from exc
    if not pages:
        raise PageLoadError(path.name, index, "cannot render PDF page: poppler returned no image")
    page = _to_rgb_or_l(pages[0])
    page.info["dpi"] = (dpi, dpi)
    return page


def load_page(path: Path, index: int, dpi: int = 300) -> Image.Image:
    """Page `index` (0-based) as an RGB or L image, EXIF orientation applied; `info["dpi"]` when known."""
    path = Path(path)
    if index < 0:
        raise PageLoadError(path.name, index, "negative page index")
    try:
        _check_file(path)
        if _is_pdf(path):
            pages = _pdf_pages(path)
            if index >= pages:
                raise PageLoadError(path.name, index, f"page out of range (file has {pages} pages)")
            return _load_pdf_page(path, index, dpi)
        img = _open_image(path)
    except PageLoadError as exc:
        raise PageLoadError(path.name, index, exc.reason) from exc
    with img:
        frames = int(getattr(img, "n_frames", 1) or 1)
        if index >= frames:
            raise PageLoadError(path.name, index, f"page out of range (file has {frames} pages)")
        try:
            img.seek(index)
            img.load()
            dpi = img.info.get("dpi")
            # once loaded, the frame outlives the file closed by `with` (Pillow closes only the file there)
            page = ImageOps.exif_transpose(img) if img.format in ("JPEG", "MPO") else img
            page = _to_rgb_or_l(page)
        except Image.DecompressionBombError as exc:
            raise PageLoadError(path.name, index, f"image too large to process safely: {exc}") from exc
        except (OSError, ValueError, SyntaxError) as exc:
            raise PageLoadError(path.name, index, f"corrupt or truncated image: {exc}") from exc
    if dpi:
        page.info["dpi"] = tuple(float(d) for d in dpi)
    return page
