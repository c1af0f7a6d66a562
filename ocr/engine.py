"""Tesseract in this process, through tesserocr's C++ API bindings.

Why not the `tesseract` program (pytesseract): every call started a process that loaded the `vie`
model again (~0.07 s), and the page went through a temporary image file. tesserocr's wheel also
carries Tesseract 5.5, whose recognition is faster than Debian bookworm's 5.3 on the same model; both
use the model files installed by Debian's `tesseract-ocr-vie` and `tesseract-ocr-osd` packages.

One engine is kept per thread and per (language, layout mode): a `PyTessBaseAPI` is not thread-safe,
and the flow reads pages on several threads at once (Tesseract releases the GIL while it reads).
Tesseract runs single-threaded (OMP_THREAD_LIMIT=1) for the same reason: pages run in parallel.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import numpy as np  # noqa: E402
import tesserocr  # noqa: E402

TESSDATA_DIRS = (  # Debian/Ubuntu (Tesseract 5, then 4), Fedora and Homebrew layouts
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
_TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
                "left", "top", "width", "height", "conf", "text")
_local = threading.local()


class EngineError(RuntimeError):
    """Tesseract could not start (no model files) or gave up on a page (time limit)."""


def tessdata_dir() -> str:
    """TESSDATA_PREFIX when set, else the first standard folder that holds the `vie` model."""
    configured = os.environ.get("TESSDATA_PREFIX")
    if configured:
        return configured
    for folder in TESSDATA_DIRS:
        if (Path(folder) / "vie.traineddata").is_file():
            return folder
    raise EngineError(f"no Tesseract model folder with vie.traineddata in {', '.join(TESSDATA_DIRS)}; "
                      "run scripts/setup.sh or set TESSDATA_PREFIX")


def engine_for(lang: str, psm: int, whitelist: str = "") -> tesserocr.PyTessBaseAPI:
    """This thread's engine for `lang` and layout mode `psm` (reading only the characters of `whitelist`, when
    given), started on first use (~0.1 s)."""
    engines = _local.__dict__.setdefault("engines", {})
    key = (os.getpid(), lang, psm, whitelist)  # a forked worker starts its own rather than share its parent's
    api = engines.get(key)
    if api is None:
        try:
            api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=lang, psm=psm, oem=tesserocr.OEM.LSTM_ONLY)
        except RuntimeError as exc:
            raise EngineError(f"Tesseract cannot start with language {lang!r}: {exc}") from exc
        api.SetVariable("debug_file", os.devnull)  # its warnings would break into the progress bar
        if whitelist:
            api.SetVariable("tessedit_char_whitelist", whitelist)
        engines[key] = api
    return api


def _set_image(api: tesserocr.PyTessBaseAPI, image: np.ndarray, dpi: int) -> None:
    arr = np.ascontiguousarray(image)
    h, w = arr.shape[:2]
    channels = 1 if arr.ndim == 2 else arr.shape[2]
    api.SetImageBytes(arr.tobytes(), w, h, channels, w * channels)
    api.SetSourceResolution(dpi)


def ocr_data(image: np.ndarray, lang: str, psm: int, timeout_s: float, dpi: int = 300,
             whitelist: str = "") -> dict[str, list]:
    """Tesseract's word table for a grey or RGB image, as columns (the TSV output's)."""
    api = engine_for(lang, psm, whitelist)
    _set_image(api, image, dpi)
    if not api.Recognize(int(timeout_s * 1000)):
        raise EngineError(f"Tesseract gave up on a {image.shape[1]}x{image.shape[0]} image after {timeout_s:.0f} s")
    table: dict[str, list] = {c: [] for c in _TSV_COLUMNS}
    for row in (api.GetTSVText(0) or "").splitlines():
        cells = row.split("\t")
        cells += [""] * (len(_TSV_COLUMNS) - len(cells))
        for name, cell in zip(_TSV_COLUMNS, cells, strict=False):
            table[name].append(cell if name == "text" else float(cell) if name == "conf" else int(cell))
    return table


def orientation(image: np.ndarray, dpi: int) -> tuple[int, float] | None:
    """Tesseract's orientation detector: (clockwise turn that makes the page upright, confidence), or
    None when it finds too few characters to decide."""
    api = engine_for("osd", tesserocr.PSM.OSD_ONLY)
    api.SetVariable("min_characters_to_try", "10")
    _set_image(api, image, dpi)
    found = api.DetectOrientationScript()
    if not found:
        return None
    return (360 - int(found["orient_deg"])) % 360, float(found["orient_conf"])
