"""Page classification from printed text and layout."""

from __future__ import annotations

import pytest

from classifiers.classify import REVIEW_BELOW, calibrate, classify_page
from classifiers.text import page_lines
from samples import DOC_TYPES
from tests.classifiers.conftest import page_from_text, page_result


def _verdicts(text: str, qr: tuple[str, ...] = ()):
    return classify_page(page_lines(page_result(page_from_text(text))), qr)


@pytest.mark.parametrize("doc_type", DOC_TYPES)
@pytest.mark.parametrize("seed", [3, 11])
def test_every_type_is_recognised_from_its_first_page(render, doc_type, seed):
    doc = render(doc_type, seed)
    verdicts = _verdicts(doc.pages[0].text)
    assert [v.type for v in verdicts] == [doc_type]
    assert verdicts[0].confidence > 0.9 and not verdicts[0].review


def test_second_page_of_birth_registration_form_reads_as_its_continuation(render):
    doc = render("birth_registration_form", 3)
    (verdict,) = _verdicts(doc.pages[1].text)
    assert verdict.type == "birth_registration_form"
    assert verdict.continuation and not verdict.has_title


def test_a_page_without_cues_is_other_and_flagged_for_review():
    (verdict,) = _verdicts("Lorem ipsum dolor sit amet\nconsectetur adipiscing elit")
    assert verdict.type == "other" and verdict.review
    assert verdict.confidence < REVIEW_BELOW


def test_a_weak_single_cue_is_not_trusted():
    (verdict,) = _verdicts("Ghi chú\nNơi chết ở đâu không rõ")  # one phrase of a death notice, no title
    assert verdict.review or verdict.confidence < 0.9


def test_confidence_is_a_probability_that_grows_with_evidence():
    weak = calibrate({"cccd": 2.0, "other": 1.0})
    strong = calibrate({"cccd": 12.0, "other": 1.0})
    assert 0 < weak["cccd"] < strong["cccd"] < 1
    assert abs(sum(strong.values()) - 1) < 0.05


def test_a_cccd_qr_payload_is_strong_evidence_on_an_unreadable_card():
    (verdict,) = _verdicts("%% ## ..\n~~ ;;", ("012345678901||NGUYỄN VĂN AN|01011990|Nam|Hà Nội|01012022",))
    assert verdict.type == "cccd"


def test_cccd_sides_are_told_apart(render):
    text = render("cccd", 3).pages[0].text
    (both,) = _verdicts(text)
    assert both.side == "both"
    front = text.split("Đặc điểm nhân dạng")[0]
    back = "Đặc điểm nhân dạng" + text.split("Đặc điểm nhân dạng")[1]
    assert _verdicts(front)[0].side == "front"
    assert _verdicts(back)[0].side == "back"


def test_two_card_sized_text_clusters_point_to_an_id_card_photocopy():
    from classifiers.classify import card_regions
    from classifiers.text import page_lines

    garbled = "\n".join(["Xxx yyy zzzz wwww vvvv qqq rrrr ssss", "Qqq rrrr ssss tttt uuu vvv www",
                         "Uuu vvv www xxx yyy zzz aaa bbb", "Zzz aaa bbb ccc ddd eee fff ggg"])
    words = page_from_text(garbled, x=700, y=600) + page_from_text(garbled, x=700, y=1600, first_line=100)
    lines = page_lines(page_result(words))
    assert card_regions(lines, (2480, 3508)) == 2
    full_page = page_from_text("\n".join([garbled.replace("\n", " ") * 2] * 30), x=200, y=200)
    assert card_regions(page_lines(page_result(full_page)), (2480, 3508)) == 0
