"""The chip ID card's QR payload: `id|old_id|name|ddmmyyyy birth|sex|address|ddmmyyyy issue`, and how
it is weighed against what OCR read on the same card.

The QR is machine-printed data, so where both exist and agree the value is near certain; where they
disagree the QR value is kept (OCR misreads far more often than a QR checksum passes on wrong data)
and the disagreement is reported for an officer.
"""

from __future__ import annotations

import datetime as dt
import re

from classifiers.documents import ExtractedField
from classifiers.text import fold, nfc

_PAYLOAD = re.compile(r"^\d{12}\|")
AGREE_CONFIDENCE = 0.995
QR_ONLY_CONFIDENCE = 0.95


def _ddmmyyyy(s: str) -> str | None:
    if not re.fullmatch(r"\d{8}", s):
        return None
    try:
        return dt.date(int(s[4:]), int(s[2:4]), int(s[:2])).isoformat()
    except ValueError:
        return None


def parse_payload(payload: str) -> dict[str, str]:
    """DESIGN field names from a chip-card payload; {} when the text is not one. The name is upper-cased
    because the card prints it so (the payload carries it in mixed case)."""
    payload = nfc(payload.strip())
    if not _PAYLOAD.match(payload):
        return {}
    parts = payload.split("|")
    parts += [""] * (7 - len(parts))
    out = {"id_number": parts[0], "old_id_number": parts[1], "full_name": parts[2].upper(),
           "date_of_birth": _ddmmyyyy(parts[3]) or "", "sex": parts[4], "place_of_residence": parts[5],
           "date_of_issue": _ddmmyyyy(parts[6]) or ""}
    return {k: v for k, v in out.items() if v}


def _same(name: str, a: str, b: str) -> bool:
    if name == "place_of_residence":
        return fold(a).replace(" ", "").rstrip(".") == fold(b).replace(" ", "").rstrip(".")
    return a == b


def cross_check(fields: dict[str, ExtractedField], payload: dict[str, str]) -> tuple[dict[str, ExtractedField],
                                                                                     list[dict]]:
    """Merge QR values into OCR fields: agree -> high confidence (an address that differs only in tone marks
    agrees, and takes the payload's exact spelling); disagree -> QR value, flagged, and a conflict
    {"field", "values": {"ocr": …, "qr": …}}; QR only -> QR value."""
    out = dict(fields)
    conflicts = []
    for name, value in payload.items():
        ocr = fields.get(name)
        if ocr is None:
            out[name] = ExtractedField(value, QR_ONLY_CONFIDENCE, "qr")
        elif ocr.value == value:
            out[name] = ExtractedField(ocr.value, max(ocr.confidence, AGREE_CONFIDENCE), "ocr", ocr.page, ocr.bbox,
                                       ocr.flags)
        elif _same(name, ocr.value, value):  # same letters: the payload has the tone marks OCR got wrong
            out[name] = ExtractedField(value, AGREE_CONFIDENCE, "qr", ocr.page, ocr.bbox, ocr.flags)
        else:
            out[name] = ExtractedField(value, QR_ONLY_CONFIDENCE, "qr", ocr.page, ocr.bbox, ("ocr_disagrees",))
            conflicts.append({"field": name, "values": {"ocr": ocr.value, "qr": value}})
    return out, conflicts
