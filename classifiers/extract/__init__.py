"""Field extraction per document type: `extract(doc_type, lines, qr)` -> (fields, conflicts)."""

from __future__ import annotations

from classifiers.documents import ExtractedField
from classifiers.extract import (
    birth_certificate,
    birth_registration_form,
    cccd,
    death_notice,
    health_insurance_card,
    other,
    residence_confirmation,
    residence_declaration_form,
)
from classifiers.text import Line

EXTRACTORS = {
    "cccd": cccd.extract,
    "residence_confirmation": residence_confirmation.extract,
    "residence_declaration_form": residence_declaration_form.extract,
    "birth_certificate": birth_certificate.extract,
    "birth_registration_form": birth_registration_form.extract,
    "death_notice": death_notice.extract,
    "health_insurance_card": health_insurance_card.extract,
    "other": other.extract,
}


def extract(doc_type: str, lines: list[Line], qr: list[str] | None = None) -> tuple[dict[str, ExtractedField],
                                                                                    list[dict]]:
    """The fields a paper of `doc_type` prints, and conflicts between readings of one value."""
    fn = EXTRACTORS.get(doc_type)
    if fn is None:
        return {}, []
    return fn(lines, list(qr or []))
