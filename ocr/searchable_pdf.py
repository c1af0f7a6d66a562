"""Searchable PDF: each page is its (corrected) page image drawn full-page, with the OCR words laid over
it as invisible text (render mode 3), the way archive and OCR software (OCRmyPDF, ABBYY) make them.

Pure: page PNG bytes and the page's `PageResult` in, PDF bytes out; reportlab in invariant mode (no
dates, fixed document ID), so the same pages always give the same bytes.

Geometry: word boxes are pixels in the page image, origin top-left; a pixel is 72/dpi points. Words of
one OCR line share a baseline and font size, taken from the line's box (the union of its words' boxes)
so that the font's ascent..descent spans the line's height; each word starts at its box's left edge and
is stretched horizontally (Tz) to its box's width, so selecting or searching highlights the printed word.
A space stretched over the gap follows each word but the last of its line, so text extraction keeps the
words apart.

Images: continuous-tone pages (gray or colour) are stored as JPEG at quality `JPEG_QUALITY`, about a
fifth of the size of the lossless page; bilevel pages stay lossless (Flate), which is smaller anyway."""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import Image

from ocr.types import PageResult, Word

FONT_NAME = "SohoaOcrText"
JPEG_QUALITY = 85
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)


class SearchablePdfError(Exception):
    """No usable font for the text layer, or a page image that cannot be read."""


def _font_path() -> Path:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    fc_match = shutil.which("fc-match")
    if fc_match:
        done = subprocess.run([fc_match, "-f", "%{file}", "DejaVu Sans:style=Book"], capture_output=True,
                              text=True, timeout=10, check=False)
        found = Path(done.stdout.strip())
        if done.returncode == 0 and found.name == "DejaVuSans.ttf" and found.is_file():
            return found
    raise SearchablePdfError("DejaVuSans.ttf not found (install fonts-dejavu-core)")


@lru_cache(maxsize=1)
def _font() -> tuple[str, float, float]:
    """The text-layer font, registered with reportlab once: (name, ascent, descent) in em units."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(_font_path())))
    face = pdfmetrics.getFont(FONT_NAME).face
    return FONT_NAME, face.ascent / 1000.0, face.descent / 1000.0


def _image_reader(png: bytes):
    """The page image as reportlab will embed it (a JPEG, passed through as DCT; bilevel pages as Flate)."""
    from reportlab.lib.utils import ImageReader

    try:
        image = Image.open(io.BytesIO(png))
        image.load()
    except Exception as exc:  # noqa: BLE001 - any unreadable image
        raise SearchablePdfError(f"page image unreadable: {type(exc).__name__}: {exc}") from exc
    if image.mode == "1":  # lossless, as 8-bit gray (reportlab would make it RGB)
        return ImageReader(image.convert("L")), image.size
    if image.mode not in ("L", "RGB"):
        image = image.convert("L" if image.mode in ("LA", "I", "I;16", "F") else "RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False,
               subsampling=-1)
    buffer.seek(0)
    return ImageReader(buffer), image.size


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped by OCR (block, line), in the order the lines first appear."""
    lines: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        if word.text.strip() and word.bbox[2] > word.bbox[0] and word.bbox[3] > word.bbox[1]:
            lines.setdefault((word.block, word.line), []).append(word)
    return list(lines.values())


def _draw_text(canvas, result: PageResult, sx: float, sy: float, page_height: float) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font, ascent, descent = _font()
    for line in _lines(result.words):
        top = min(w.bbox[1] for w in line) * sy
        bottom = max(w.bbox[3] for w in line) * sy
        size = max((bottom - top) / (ascent - descent), 1.0)
        baseline = page_height - bottom - descent * size  # descent is negative: the baseline sits above the bottom
        text = canvas.beginText()
        text.setTextRenderMode(3)
        text.setFont(font, size)
        for i, word in enumerate(line):
            x0, x1 = word.bbox[0] * sx, word.bbox[2] * sx
            natural = stringWidth(word.text, font, size)
            text.setTextOrigin(x0, baseline)
            text.setHorizScale(100.0 * (x1 - x0) / natural if natural > 0 else 100.0)
            text.textOut(word.text)
            if i + 1 < len(line):
                gap = line[i + 1].bbox[0] * sx - x1
                space = stringWidth(" ", font, size)
                if gap > 0 and space > 0:
                    text.setTextOrigin(x1, baseline)
                    text.setHorizScale(100.0 * gap / space)
                    text.textOut(" ")
        canvas.drawText(text)


def searchable_pdf(pages: list[tuple[bytes, PageResult]]) -> bytes:
    """One PDF page per (page PNG, its OCR result): the image full-page, the words as invisible text.
    Word boxes are read in the PNG's pixels; the page size is pixels × 72 / `PageResult.dpi` points.
    A result with no words gives an image-only page."""
    if not pages:
        raise ValueError("searchable_pdf needs at least one page")
    from reportlab import rl_config

    saved = rl_config.invariant, rl_config.useA85
    rl_config.invariant = 1  # no dates, a fixed document ID: same pages, same bytes
    rl_config.useA85 = 0  # binary streams: ASCII85 would make every image a quarter larger
    try:
        return _render(pages)
    finally:
        rl_config.invariant, rl_config.useA85 = saved


def _render(pages: list[tuple[bytes, PageResult]]) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1, invariant=1)
    canvas.setCreator("sohoa")
    canvas.setProducer("sohoa (reportlab)")
    for png, result in pages:
        reader, (width_px, height_px) = _image_reader(png)
        dpi = result.dpi if result.dpi and result.dpi > 0 else 300
        scale = 72.0 / dpi
        width, height = width_px * scale, height_px * scale
        canvas.setPageSize((width, height))
        canvas.drawImage(reader, 0, 0, width=width, height=height)
        if result.words:
            # Boxes are in the pixels of the image OCR read; should that differ from the stored image, stretch them.
            sx = scale * (width_px / result.width if result.width else 1.0)
            sy = scale * (height_px / result.height if result.height else 1.0)
            _draw_text(canvas, result, sx, sy, height)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
