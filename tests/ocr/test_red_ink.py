"""Red ink: seals and signatures are lifted to paper, red print stays, also where a stamp runs through it."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr import clean
from samples import fonts, marks

TITLE = "THẺ BẢO HIỂM Y TẾ"


def _page(title_at: tuple[int, int], seal_at: tuple[int, int], rng: random.Random, family: str = "LiberationSerif",
          size: int = 64) -> tuple[Image.Image, tuple]:
    """A 300-dpi A4 page with a red bold title and a 36 mm red seal with a signature (the bench's "stamped"
    profile); returns it and the title's box."""
    img = Image.new("RGB", (2480, 3508), (250, 250, 252))
    draw = ImageDraw.Draw(img)
    font = fonts.load(family, "bold", size)
    draw.text(title_at, TITLE, font=font, fill=(190, 30, 40))
    box = draw.textbbox(title_at, TITLE, font=font)
    radius = 212
    seal = marks.seal(radius, "Bộ phận tiếp nhận và trả kết quả * Ủy ban nhân dân", rng, family="LiberationSans")
    marks.multiply(img, seal, (seal_at[0] - seal.width // 2, seal_at[1] - seal.height // 2))
    sig = marks.signature(round(radius * 2.4), round(radius * 0.9), rng, (190, 25, 40))
    marks.multiply(img, sig, (seal_at[0] - radius, seal_at[1] - radius // 2))
    return img, box


def test_a_red_title_a_stamp_runs_through_stays_and_the_stamp_goes():
    rng = random.Random(5)
    img, (x0, y0, x1, y1) = _page((900, 600), (1000, 640), rng)  # the seal over the title's first word
    gray = clean.to_gray(img)
    assert (gray[y0:y1, x0:x1] < 128).mean() > 0.2  # its letters are still dark
    below = gray[640 + 60 : 640 + 200, 800:1200]  # the seal and signature under the title
    assert (below < 128).mean() < 0.01


@pytest.mark.parametrize(("family", "size", "seed"), [("LiberationSerif", 56, 5), ("TeXGyreTermes", 64, 5)])
def test_a_red_title_stays_where_rows_through_its_letters_thin_parts_hold_less_ink(family, size, seed):
    """Two rows across the middle of the letters fall under the title's share of ink: the band of print
    goes on over them (the bench's stamped insurance card lost "THẺ BẢO HIỂM Y TẾ" so)."""
    img, (x0, y0, x1, y1) = _page((900, 600), (1000, 640), random.Random(seed), family, size)
    assert (clean.to_gray(img)[y0:y1, x0:x1] < 128).mean() > 0.15


def test_a_stamp_alone_goes():
    gray = clean.to_gray(_page((900, 3300), (1200, 1600), random.Random(9))[0])  # title far away
    assert (gray[1600 - 230 : 1600 + 230, 1200 - 300 : 1200 + 300] < 128).mean() < 0.01


def _photographed(img: Image.Image) -> np.ndarray:
    """A phone's look at the page: the colours a third washed towards grey (the seal's green channel no longer
    near black), the ink's edges blurred."""
    arr = np.asarray(img, dtype=np.float32)
    grey = arr.mean(axis=2, keepdims=True)
    return cv2.GaussianBlur(0.67 * arr + 0.33 * grey, (0, 0), 1.5).clip(0, 255).astype(np.uint8)


def test_print_under_a_seal_stays_as_dark_as_beside_it_and_the_seal_goes():
    """A phone photo's seal over a date line: its pale, washed-out ink is red enough only in part, and lifting
    the red pixels alone left a grey ring through the line for Tesseract to read as junk."""
    img = Image.new("RGB", (1400, 900), (232, 220, 182))  # warm paper
    draw = ImageDraw.Draw(img)
    line = "Ngày 03 tháng 04 năm 2026"
    font = fonts.load("LiberationSerif", "italic", 44)
    draw.text((200, 300), line, font=font, fill=(25, 25, 25))
    x0, y0, x1, y1 = draw.textbbox((200, 300), line, font=font)
    seal = marks.seal(170, "Bảo hiểm xã hội tỉnh Nam Định", random.Random(3))
    marks.multiply(img, seal, (x0 - 60, y0 - 40))  # over the line's first half
    gray = clean.to_gray(_photographed(img))
    half = (x0 + x1) // 2
    under, beside = gray[y0:y1, x0:half], gray[y0:y1, half:x1]
    assert np.percentile(under, 5) < np.percentile(beside, 5) + 40  # the print under the seal is still print
    assert (under < 128).mean() > 0.6 * (beside < 128).mean()
    ring = gray[y1 + 40 : y1 + 200, x0 - 60 : x0 + 280]  # the seal's lower half, no print there
    paper = float(np.median(gray[700:850, 900:1300]))
    assert np.percentile(ring, 2) > paper - 15  # no grey ring left (lifted by redness alone: 29 under the paper)


@pytest.mark.parametrize("seed", [3, 7])
def test_in_a_red_titles_band_only_the_titles_own_ink_stays(seed):
    """The seal's lettering and rim and the signature's stroke across the title's band went on as print
    ("THẺ BẢO" read "VY", "Ki"): the stamp's ink is paler than print, the pen's stroke thinner. (The seal's
    star is left out of the count: its deepest ink, where it touches a letter, stays with it.)"""
    img, (x0, y0, x1, y1) = _page((900, 600), (1000, 640), random.Random(seed))
    alone = Image.new("L", img.size, 255)
    ImageDraw.Draw(alone).text((900, 600), TITLE, font=fonts.load("LiberationSerif", "bold", 64), fill=0)
    print_ = np.asarray(alone) < 128
    near = cv2.dilate((np.asarray(alone) < 250).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    cv2.circle(near.view(np.uint8), (1000, 640), 60, 1, -1)  # the star
    band = np.s_[y0:y1, x0 - 300 : x1]
    dark = clean.to_gray(img)[band] < 128
    assert dark[print_[band]].mean() > 0.85  # the title's letters
    assert dark[~near[band]].mean() < 0.02  # the rest of the band: 0.03 with the whole band kept


def test_a_page_holds_red_ink_only_where_red_is_printed_or_stamped():
    """A grey page as a colour image (a phone photo of a photocopy) holds none: its seals were never paled."""
    img, _ = _page((900, 600), (1000, 640), random.Random(5))
    assert clean.red_probe(np.asarray(img)).any()
    grey = np.asarray(img.convert("L"))
    as_colour = np.asarray(Image.fromarray(grey).convert("RGB"))
    assert not clean.red_probe(grey).any() and not clean.red_probe(as_colour).any()


def test_a_signatures_loop_between_the_title_letters_it_crosses_goes():
    """A pen's loop inside the title's band, crossing its letters and joined to no ink outside the band but
    through them, went on as print ("THẺ BẢO" read "xIHÉ BÂØ"): long and nowhere as wide as a letter's stem,
    it goes; the letters stay."""
    img, (x0, y0, x1, y1) = _page((900, 600), (1000, 640), random.Random(5))
    loop_box = (1250, y0 - 10, 1340, y0 + 40)  # over "BẢO"'s top and the marks above it, in the seal's band
    ImageDraw.Draw(img).ellipse(loop_box, outline=(190, 25, 40), width=5)
    loop = Image.new("L", img.size, 0)
    ImageDraw.Draw(loop).ellipse(loop_box, outline=255, width=5)
    alone = Image.new("L", img.size, 255)
    ImageDraw.Draw(alone).text((900, 600), TITLE, font=fonts.load("LiberationSerif", "bold", 64), fill=0)
    near = cv2.dilate((np.asarray(alone) < 250).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    dark = clean.to_gray(img) < 128
    assert dark[(np.asarray(loop) > 0) & ~near].mean() < 0.3  # kept whole: 1.0
    assert dark[np.asarray(alone) < 128].mean() > 0.85


@pytest.mark.parametrize("family", ["TeXGyreTermes", "TeXGyreHeros"])
def test_a_red_titles_last_word_apart_from_the_stamped_rest_stays(family):
    """A stamp over a title's first words joins them into one bulky mark, found as a band of print rows; the
    last word ("TẾ"), a word space on, is a short mark of its own with no line of print to carry on, and it
    was lifted with the seal."""
    img, _ = _page((900, 600), (1000, 640), random.Random(5), family, 64)
    font = fonts.load(family, "bold", 64)
    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    last = draw.textbbox((900 + draw.textlength(TITLE[:-2], font=font), 600), "TẾ", font=font)
    a, b, c, d = (int(v) for v in last)
    assert (clean.to_gray(img)[b:d, a:c] < 128).mean() > 0.2


@pytest.mark.parametrize("seed", [5, 8])
def test_a_stamped_insurance_cards_title_reads_where_the_seals_star_and_a_signature_cross_it(tmp_path, seed):
    """The OCR bench's stamped insurance cards of seeds 5 and 8. On seed 5 the seal's star and the signature, deeper
    than the seal's rim, touch the title's letters: grown into from the letters they stayed as print ("THẺ BẢO HIỂM
    Y" read "xIHÉ BÂØ NIỄ"). On seed 8 the star merges the letters at quarter size: the title's rows crossed 19
    strokes, not the 20 a band of print was asked for, and the title was lifted with the seal."""
    from ocr.load import load_page
    from ocr.pipeline import process_page
    from samples.degrade import degrade
    from samples.documents import DOC_TYPES, render
    from samples.people import make_household

    i = DOC_TYPES.index("health_insurance_card")
    doc = render("health_insurance_card", make_household(random.Random(f"ocr-bench:{seed}:{i}")), seed * 1000 + i,
                 font="TeXGyreTermes")
    degrade(doc.pages[0].image, "stamped", random.Random(f"ocr-bench:{seed}:{i}:stamped")).image.save(
        tmp_path / "card.png", dpi=(300, 300))
    result, _ = process_page(load_page(tmp_path / "card.png", 0))
    assert TITLE in result.text, result.text


@pytest.mark.parametrize("n, size", [(877, 3508), (620, 2480), (639, 2556), (451, 1807), (3, 14)])
def test_the_red_zone_is_scaled_up_as_opencv_scales_a_whole_mask(n, size):
    # the seals' hulls are scaled up inside their box only: each row and column must take the quarter-size pixel
    # that scaling the whole mask with `cv2.INTER_NEAREST` gives it, or the dropout lands beside the seal
    rng = np.random.default_rng(n)
    small = (rng.random((n, n + 5)) > 0.5).astype(np.uint8)
    whole = cv2.resize(small, (size + 7, size), interpolation=cv2.INTER_NEAREST)
    assert np.array_equal(small[clean._nearest(n, size)][:, clean._nearest(n + 5, size + 7)], whole)
