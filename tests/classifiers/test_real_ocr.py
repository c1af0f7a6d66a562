"""The classifiers on real Tesseract output of generated, degraded pages (committed sample, so the
test needs no Tesseract): types, splits, key fields and completeness against the ground truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.documents import PageRef
from classifiers.dossier import PageInput, analyse
from ocr.types import PageResult

DATA = Path(__file__).parent / "data"
KEY_FIELDS = ("id_number", "full_name", "date_of_birth", "sex", "insurance_number", "date_of_death")


def _load(name: str):
    sample = json.loads((DATA / name).read_text(encoding="utf-8"))
    pages = [PageInput(PageRef(p["file"], p["page"]), PageResult.from_dict(p["result"]), tuple(p["qr"]))
             for p in sample["pages"]]
    return sample, analyse(pages, sample["procedure"])


@pytest.fixture(scope="module", params=sorted(p.name for p in DATA.glob("ocr_*.json")))
def case(request):
    return _load(request.param)


def test_documents_and_their_pages_match_the_ground_truth(case):
    sample, analysis = case
    want = sorted((d["type"], [(p["file"], p["page"]) for p in d["pages"]]) for d in sample["documents"])
    got = sorted((d.type, [(p.file, p.page) for p in d.pages]) for d in analysis.documents)
    assert got == want
    assert all(not d.review and d.confidence > 0.9 for d in analysis.documents)


def test_key_fields_match_the_ground_truth(case):
    sample, analysis = case
    found = {tuple((p.file, p.page) for p in d.pages): d for d in analysis.documents}
    for truth in sample["documents"]:
        doc = found[tuple((p["file"], p["page"]) for p in truth["pages"])]
        for name in KEY_FIELDS:
            if name in truth["fields"] and not (doc.type == "residence_declaration_form" and name == "full_name"):
                assert doc.fields[name].value == truth["fields"][name], (doc.type, name)


def test_missing_documents_are_reported(case):
    sample, analysis = case
    assert analysis.missing_documents == sample["missing_documents"]


def test_the_id_card_is_cross_checked_against_its_qr_code():
    sample, analysis = _load("ocr_HS-2026-385723.json")
    (card,) = [d for d in analysis.documents if d.type == "cccd"]
    assert card.fields["id_number"].confidence >= 0.99
    assert card.fields["old_id_number"].source == "qr"
    assert card.conflicts == ()


def test_most_printed_fields_are_read_exactly(case):
    """Everything the papers print (not only the key fields): at least 90% exact on these pages."""
    sample, analysis = case
    found = {tuple((p.file, p.page) for p in d.pages): d for d in analysis.documents}
    ok = total = 0
    for truth in sample["documents"]:
        doc = found[tuple((p["file"], p["page"]) for p in truth["pages"])]
        for name, value in truth["fields"].items():
            if name != "qr_payload":
                total += 1
                ok += name in doc.fields and doc.fields[name].value == value
    assert ok / total >= 0.9
