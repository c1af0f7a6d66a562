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
