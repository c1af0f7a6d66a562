"""Grouping pages into documents, including several documents on one page."""

from __future__ import annotations

from classifiers.documents import PageRef
from classifiers.dossier import PageInput, analyse
from tests.classifiers.conftest import page_from_text, page_result


def _input(file: str, page: int, text: str, qr: tuple[str, ...] = ()) -> PageInput:
    return PageInput(PageRef(file, page), page_result(page_from_text(text)), qr)


def test_two_page_birth_registration_form_is_one_document(render):
    form = render("birth_registration_form", 3)
    cert = render("birth_certificate", 3)
    pages = [_input("a.pdf", 0, form.pages[0].text), _input("a.pdf", 1, form.pages[1].text),
             _input("a.pdf", 2, cert.pages[0].text)]
    docs = analyse(pages, "birth_group").documents
    assert [(d.type, [p.page for p in d.pages]) for d in docs] == [
        ("birth_registration_form", [0, 1]), ("birth_certificate", [2])]
    assert all(d.boundary_confidence >= 0.9 for d in docs)


def test_consecutive_forms_of_the_same_type_are_not_merged_across_files(render):
    form = render("birth_registration_form", 3)
    pages = [_input("a.pdf", 0, form.pages[0].text), _input("b.tif", 0, form.pages[1].text)]
    docs = analyse(pages).documents
    assert len(docs) == 2


def test_front_and_back_of_an_id_card_on_one_page_is_one_document(render):
    card = render("cccd", 3)
    docs = analyse([_input("a.pdf", 0, card.pages[0].text)], "generic").documents
    assert [d.type for d in docs] == ["cccd"]
    assert docs[0].fields["id_number"].value == card.fields["id_number"]


def test_front_and_back_scanned_on_two_pages_is_one_document(render):
    text = render("cccd", 3).pages[0].text
    cut = text.index("Đặc điểm nhân dạng")
    docs = analyse([_input("a.pdf", 0, text[:cut]), _input("a.pdf", 1, text[cut:])]).documents
    assert [(d.type, len(d.pages)) for d in docs] == [("cccd", 2)]


def test_an_id_card_and_an_insurance_card_on_one_page_are_two_documents(render):
    card, insurance = render("cccd", 3), render("health_insurance_card", 3)
    words = page_from_text(card.pages[0].text, y=100)
    words += page_from_text(insurance.pages[0].text, y=2200, first_line=500)
    page = PageInput(PageRef("a.pdf", 0), page_result(words))
    analysis = analyse([page], "birth_group")
    assert sorted(d.type for d in analysis.documents) == ["cccd", "health_insurance_card"]
    assert analysis.page_types[PageRef("a.pdf", 0)] == ["cccd", "health_insurance_card"]
    by_type = {d.type: d for d in analysis.documents}
    assert by_type["cccd"].fields["full_name"].value == card.fields["full_name"]
    assert by_type["health_insurance_card"].fields["insurance_number"].value == insurance.fields["insurance_number"]


def test_two_peoples_id_cards_on_one_page_are_two_documents(render):
    a, b = render("cccd", 3), render("cccd", 11)
    words = page_from_text(a.pages[0].text, y=100)
    words += page_from_text(b.pages[0].text, y=2000, first_line=500)
    docs = analyse([PageInput(PageRef("a.pdf", 0), page_result(words))], "birth_group").documents
    assert sorted(d.fields["id_number"].value for d in docs) == sorted([a.fields["id_number"], b.fields["id_number"]])
