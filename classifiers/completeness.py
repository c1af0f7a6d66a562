"""Which papers each procedure needs, and which are missing from a dossier.

The lists follow the one-stop-shop's interlinked procedures (and `samples.dossier.PROCEDURES`, which
generates dossiers from the same lists): a type may be needed more than once (the birth group needs
both parents' ID cards), so missing papers are counted, not just named.
"""

from __future__ import annotations

from collections import Counter

REQUIRED: dict[str, tuple[str, ...]] = {
    # birth registration – permanent residence – health insurance card for a child under 6
    "birth_group": ("birth_registration_form", "birth_certificate", "cccd", "cccd", "residence_confirmation",
                    "health_insurance_card"),
    # death registration – deregistration of permanent residence – funeral allowance
    "death_group": ("death_notice", "cccd", "cccd", "residence_declaration_form"),
    "residence_change": ("residence_declaration_form", "cccd", "residence_confirmation"),
    # any other procedure: the request (letter or receipt) and the applicant's ID card
    "generic": ("other", "cccd"),
}


def missing_documents(procedure: str, present_types: list[str]) -> list[str]:
    """Required types not (or not often enough) present, in the order the procedure lists them.
    Documents flagged for review count as what they were classified as."""
    need = Counter(REQUIRED.get(procedure, REQUIRED["generic"]))
    have = Counter(present_types)
    out = []
    for doc_type in dict.fromkeys(REQUIRED.get(procedure, REQUIRED["generic"])):
        out += [doc_type] * max(0, need[doc_type] - have[doc_type])
    return out
