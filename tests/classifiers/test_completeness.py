"""Required papers per procedure."""

from __future__ import annotations

import pytest

from classifiers.completeness import REQUIRED, missing_documents
from samples import PROCEDURES


def test_requirements_match_what_the_generator_treats_as_required():
    assert {k: tuple(v) for k, v in PROCEDURES.items()} == REQUIRED


@pytest.mark.parametrize("procedure", sorted(REQUIRED))
def test_a_complete_dossier_misses_nothing(procedure):
    assert missing_documents(procedure, list(REQUIRED[procedure]) + ["other"]) == []


def test_a_paper_needed_twice_is_missing_once_when_present_once():
    present = ["birth_registration_form", "birth_certificate", "cccd", "residence_confirmation"]
    assert missing_documents("birth_group", present) == ["cccd", "health_insurance_card"]


def test_unknown_procedure_falls_back_to_generic():
    assert missing_documents("no_such_procedure", []) == ["other", "cccd"]


def test_a_card_without_who_it_names_goes_to_review():
    from classifiers.documents import DocumentSpan, ExtractedField, PageRef
    from classifiers.dossier import needs_review

    read = {k: ExtractedField(v, 0.95, "ocr") for k, v in
            (("id_number", "038199715266"), ("full_name", "PHẠM BẢO NHUNG"), ("date_of_birth", "1999-06-03"))}
    card = DocumentSpan("cccd", 0.97, [PageRef("a.jpg", 0)], read)
    assert not needs_review(card)
    unread = DocumentSpan("cccd", 0.97, [PageRef("a.jpg", 0)], {k: read[k] for k in ("full_name",)})
    assert needs_review(unread)  # a phone photo too small to read, its QR undecoded
    form = DocumentSpan("birth_registration_form", 0.97, [PageRef("b.pdf", 0)], {})
    assert not needs_review(form)  # only cards: a form's items are listed one by one
