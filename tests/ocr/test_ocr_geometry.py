"""Orientation (quarter turns) and skew (small angles) on generated pages."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from ocr_synth import LINES, render_page, rotate_content, turn

from ocr import clean
from ocr.components import components
from ocr.deskew import estimate_skew, rotate_array
from ocr.orient import detect_orientation, rotate_quarter


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_orientation_quarter_turns(page, rotation):
    img = turn(rotate_content(page[0], 3.0), rotation)
    result = detect_orientation(clean.to_gray(img))
    assert result.rotation == rotation
    assert 0.5 <= result.confidence <= 1.0


def test_orientation_blank_page_is_a_decision_not_a_crash():
    result = detect_orientation(np.full((800, 600), 235, np.uint8))
    assert result.rotation == 0 and result.confidence == 0.0


@pytest.mark.parametrize("angle", [4.5, -7.0, 0.0, 14.0])
def test_skew_estimate(page, angle):
    gray = clean.to_gray(rotate_content(page[0], angle))
    assert estimate_skew(gray) == pytest.approx(angle, abs=0.3)


def test_skew_sign_convention_undoes_rotation(page):
    gray = clean.to_gray(rotate_content(page[0], 6.0))
    fixed = rotate_array(gray, -estimate_skew(gray), 255)
    assert abs(estimate_skew(fixed)) < 0.2


def test_rotate_quarter_is_clockwise():
    a = np.array([[1, 2], [3, 4]])
    assert rotate_quarter(a, 90).tolist() == [[3, 1], [4, 2]]
    assert rotate_quarter(a, 270).tolist() == [[2, 4], [1, 3]]


def test_small_text_page_orientation():
    img, _ = render_page(size=(900, 1200), font_px=24, margin=60)
    result = detect_orientation(clean.to_gray(turn(img, 180)))
    assert result.rotation == 180


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_orientation_few_lines_reads_crops(rotation):
    """Too few lines for the ascender statistic: the decision comes from OCR of small crops."""
    img, _ = render_page(LINES[3:7], size=(1240, 700))
    result = detect_orientation(clean.to_gray(turn(rotate_content(img, -2.0), rotation)))
    assert result.rotation == rotation
    assert result.method in ("axis+read", "read", "osd")


def test_orientation_many_lines_needs_no_ocr(page):
    result = detect_orientation(clean.to_gray(turn(page[0], 180)))
    assert (result.rotation, result.method) == (180, "axis+ascenders")


def _framed_page():
    """A page inside a dashed double frame, like a birth certificate's border: the frame's dashes make the
    projection profile across the text lines the sharper one."""
    from PIL import ImageDraw

    img, _ = render_page(LINES + LINES[3:9], font_px=34, spacing=1.6)
    draw = ImageDraw.Draw(img)
    w, h = img.size
    for x in (40, 52, w - 52, w - 40):
        for y in range(30, h - 30, 24):
            draw.line([(x, y), (x, y + 12)], fill=(0, 0, 0), width=3)
    for y in (30, 42, h - 42, h - 30):
        for x in range(40, w - 40, 24):
            draw.line([(x, y), (x + 12, y)], fill=(0, 0, 0), width=3)
    return img


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_dashed_frame_does_not_hide_the_text_axis(rotation):
    """The axis along which glyphs smear into many line-shaped bars is the text's, whatever the profiles
    say; with it known, the ascender statistic decides without reading crops."""
    result = detect_orientation(clean.to_gray(turn(_framed_page(), rotation)))
    assert (result.rotation, result.method) == (rotation, "axis+ascenders")


@pytest.mark.parametrize(("seed", "scale"), [(0, 0.5), (3, 0.4)])
def test_tiny_card_print_is_not_read_sideways(seed, scale):
    """A phone photo of an A4 copy of an ID card, at a phone's lower resolution: the text axis is clear
    (many line bars one way, none the other), but the print is too small for the ascender statistic and
    reads poorly either way up. Read sideways it gives junk capitals at high confidence; the axis the bars
    rule out must not be chosen (these two pages were turned 90 and 270 degrees)."""
    import random

    from PIL import Image

    from samples.degrade import degrade
    from samples.documents import render
    from samples.people import make_household

    doc = render("cccd", make_household(random.Random(f"op:{seed}")), seed)
    photo = degrade(doc.pages[0].image, "phone", random.Random(f"op:{seed}:phone"))
    small = photo.image.resize((int(photo.image.width * scale), int(photo.image.height * scale)),
                               Image.Resampling.LANCZOS)
    assert detect_orientation(clean.to_gray(small)).rotation == photo.rotation


def test_a_card_photo_read_as_junk_either_way_up_is_turned_by_its_ascenders(tmp_path):
    """A blurred phone photo of an ID card on A4 (generated dossier 16 of seed 9967): its crops read at 0.25
    upright and 0.32 upside down, a margin of noise; its ascenders lean the right way, if weakly."""
    from ocr.load import load_page
    from samples.dossier import load_ground_truth, write_dossier

    folder = write_dossier(tmp_path, 9967, 16)
    truth = load_ground_truth(folder)
    photo = next(f for f in truth["files"] if f["file"].startswith("IMG_"))
    gray = clean.to_gray(np.asarray(load_page(folder / photo["file"], 0)))
    result = detect_orientation(gray)
    assert result.rotation == photo["pages"][0]["rotation"] == 0


def test_a_cards_few_lines_under_a_seal_are_read_before_the_ascenders_turn_them(tmp_path):
    """A stamped copy of an insurance card on A4 (generated dossier 0 of seed 10103): its dozen small serif
    lines, a page seal over them, gave an ascender balance of -0.44 (upside down, the votes agreeing); read
    both ways up its crops score 0.85 upright and 0.34 turned. With so few lines the reading decides."""
    from ocr.load import load_page
    from samples.dossier import load_ground_truth, write_dossier

    folder = write_dossier(tmp_path, 10103, 0)
    truth = load_ground_truth(folder)
    scan = next(f for f in truth["files"] if f["file"] == "ban_sao.tif")
    page = scan["pages"][0]
    assert page["doc_type"] == "health_insurance_card" and page["rotation"] == 0
    result = detect_orientation(clean.to_gray(np.asarray(load_page(folder / "ban_sao.tif", 0).convert("RGB"))))
    assert (result.rotation, result.method) == (0, "axis+read")


def test_a_sheets_broken_edge_does_not_pin_a_turned_cards_skew():
    """A card laid askew on an A4 sheet photographed on a table: the sheet's top edge, straight, survives
    the cleanup as a row of short one-pixel dashes, which at 0° make a sharper profile than the card's few
    turned lines. The skew is the print's."""
    import random

    from PIL import Image, ImageDraw

    card, _ = render_page(LINES[3:9], size=(1100, 520), font_px=30, margin=40)
    sheet = Image.new("RGB", (2000, 2600), "white")
    sheet.paste(rotate_content(card, 8.0), (450, 400))
    draw, rng, x = ImageDraw.Draw(sheet), random.Random(7), 120
    while x < 1880:  # the edge's shadow, broken by the paper's texture
        length = rng.randint(12, 60)
        draw.line([(x, 160), (x + length, 160)], fill=(90, 90, 90), width=1)
        x += length + rng.randint(4, 30)
    assert estimate_skew(clean.to_gray(sheet)) == pytest.approx(8.0, abs=0.3)


@pytest.mark.parametrize("vertical", [True, False])
def test_line_opening_is_opencvs_opening_pixel_for_pixel(vertical):
    """The box-sum opening of long lines must give exactly what cv2.morphologyEx gives: odd and even lengths
    (OpenCV anchors both steps at length // 2), lines at the border, masks shorter than the kernel."""
    rng = np.random.default_rng(7)
    kept = 0
    for trial in range(60):
        h, w = (int(v) for v in rng.integers(20, 400, 2))
        mask = (rng.random((h, w)) < rng.uniform(0.05, 0.9)).astype(np.uint8)
        run = int(rng.integers(100, 300))  # long straight runs, some touching the border
        if vertical:
            mask[: min(h, run), int(rng.integers(0, w))] = 1
        else:
            mask[int(rng.integers(0, h)), max(0, w - run):] = 1
        length = int(rng.integers(clean._BOX_OPENING, 320)) + trial % 2
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, length) if vertical else (length, 1))
        expected = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
        got = clean.line_opening(mask, length, vertical)
        assert got.dtype == np.uint8 and np.array_equal(got, expected), (h, w, length)
        kept += bool(expected.any())
    assert kept >= 20  # the masks hold lines long enough to stay, not only ones the opening removes


def test_components_label_as_opencvs_default_does():
    """Stages index stats and labels by number: the faster algorithm must number components as the default one."""
    rng = np.random.default_rng(11)
    for trial in range(80):
        h, w = (int(v) for v in rng.integers(1, 300, 2))
        mask = (rng.random((h, w)) < rng.uniform(0.01, 0.9)).astype(np.uint8)
        if trial % 2:  # blobs and strokes, not only specks
            mask = cv2.dilate(mask, np.ones((int(rng.integers(1, 6)), int(rng.integers(1, 6))), np.uint8))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        got = components(mask)
        assert got[0] == n and np.array_equal(got[1], labels) and np.array_equal(got[2], stats), (h, w)
