"""PDF/A-2b through Ghostscript's pdfwrite (`gs`, Debian package `ghostscript`), made reproducible:
fixed file names and SOURCE_DATE_EPOCH (dates and the document ID then depend only on the input), so
the same dossier version still packages to the same bytes on the same Ghostscript version.

Ghostscript's own PDFA_def.ps is used with the output-intent ICC profile it ships (gray or RGB to
match the pages). Not checked with a PDF/A validator (veraPDF is not installable here)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path


class PdfaUnavailable(Exception):
    pass


@lru_cache
def _ghostscript() -> tuple[str, Path] | None:
    """`gs` and its resource folder (holding lib/PDFA_def.ps and iccprofiles/), or None."""
    gs = shutil.which("gs")
    if gs is None:
        return None
    version = subprocess.run([gs, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    root = Path(f"/usr/share/ghostscript/{version}")
    if not (root / "lib" / "PDFA_def.ps").is_file():
        return None
    return gs, root


@lru_cache
def _interpreter_flags() -> tuple[str, ...]:
    """Ghostscript 9.56–10.02 read PDFs with the new C interpreter (pdfi) by default, which drops the
    ToUnicode map of the searchable text layer's TrueType subset (every non-ASCII letter of the Vietnamese
    text is lost); their legacy PostScript interpreter keeps it. Later releases have no legacy one."""
    found = _ghostscript()
    if found is None:
        return ()
    version = subprocess.run([found[0], "--version"], capture_output=True, text=True, check=False).stdout.strip()
    try:
        major, minor = (int(part) for part in version.split(".")[:2])
    except ValueError:
        return ()
    return ("-dNEWPDF=false",) if (9, 56) <= (major, minor) <= (10, 2) else ()


def available() -> bool:
    return _ghostscript() is not None


def to_pdfa(pdf: bytes, *, gray: bool, epoch: int, title: str) -> bytes:
    found = _ghostscript()
    if found is None:
        raise PdfaUnavailable("Ghostscript with PDFA_def.ps not found")
    gs, root = found
    icc = root / "iccprofiles" / ("default_gray.icc" if gray else "default_rgb.icc")
    definition = (root / "lib" / "PDFA_def.ps").read_text(encoding="latin-1")
    safe_title = re.sub(r"[^A-Za-z0-9 ._-]", "_", title)
    definition = definition.replace("(srgb.icc)", f"({icc})").replace("/Title (Title)", f"/Title ({safe_title})")
    with tempfile.TemporaryDirectory(prefix="sohoa-pdfa-") as tmp:
        work = Path(tmp)
        (work / "def.ps").write_text(definition, encoding="latin-1")
        (work / "in.pdf").write_bytes(pdf)
        command = [gs, "-q", *_interpreter_flags(), "-dPDFA=2", "-dBATCH", "-dNOPAUSE", f"--permit-file-read={icc}",
                   f"-sColorConversionStrategy={'Gray' if gray else 'RGB'}", "-dPDFACompatibilityPolicy=1",
                   "-sDEVICE=pdfwrite", "-sOutputFile=out.pdf", "def.ps", "in.pdf"]
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=300, check=False)
        out = work / "out.pdf"
        if done.returncode != 0 or not out.is_file() or "PDF/A processing aborted" in done.stdout + done.stderr:
            raise PdfaUnavailable(f"Ghostscript failed ({done.returncode}): {(done.stdout + done.stderr)[-500:]}")
        return out.read_bytes()
