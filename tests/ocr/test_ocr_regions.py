"""Cards on an A4 page, junk words, column gaps, red print and streaked photocopies: the page-reading
details that `bench/ocr_quality.py` showed to matter, each on generated pages."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr import clean, orient, regions
from ocr.pipeline import process_page
from ocr.read import rescued, text_from_words, words_from_data
from ocr.syllables import DICTIONARY
from ocr.types import Word
from samples.degrade import degrade
from samples.documents import render
from samples.metrics import line_order_free_cer
from samples.people import make_household


def _doc(doc_type: str, seed: int, font: str | None = None):
    return render(doc_type, make_household(random.Random(f"ocr-test:{seed}")), seed, font=font)


def _thumb(image: Image.Image) -> np.ndarray:
    return clean.thumbnail(clean.to_gray(np.asarray(image)))[0]


@pytest.mark.parametrize("profile", ["clean", "scanner"])
def test_two_sides_of_an_id_card_are_found_and_read_as_cards(profile):
    doc = _doc("cccd", 5)
    d = degrade(doc.pages[0].image, profile, random.Random(1))
    result, _ = process_page(d.image)
    assert line_order_free_cer(doc.pages[0].text, result.text) < 0.12
    assert doc.fields["id_number"] in result.text.replace(" ", "")
    if profile == "clean":
        boxes = regions.find_cards(_thumb(d.image))
        assert len(boxes) == 2
        (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = boxes
        assert ay1 <= by0  # front above back, as printed, and each card-shaped
        assert 1.4 < (ax1 - ax0) / (ay1 - ay0) < 1.8


def test_a_text_page_has_no_cards():
    doc = _doc("death_notice", 7)
    assert regions.find_cards(_thumb(doc.pages[0].image)) == []


def test_table_rules_and_scribbles_do_not_become_words():
    data = {"text": ["|Đơn", "|", "-", "œ<<⁄^", "YA", "Hạnh"], "conf": [91, 95, 96, 18, 0, 88],
            "block_num": [1] * 6, "par_num": [1] * 6, "line_num": [1] * 6,
            "left": [0, 100, 200, 300, 400, 500], "top": [0] * 6, "width": [80] * 6, "height": [30] * 6}
    assert [w.text for w in words_from_data(data)] == ["Đơn", "-", "Hạnh"]


def test_a_machine_readable_line_read_with_little_confidence_is_kept():
    """A phone photo's MRZ line at 0.29 is kept (its check digits judge it); a short run of capitals and
    fillers at that confidence, a seal's rim read as "<<", is not."""
    data = {"text": ["8903141M2963149VNH*<<<<<<<<<<<0", "W<<K", "TRAN<<ANH"], "conf": [29.4, 20, 25],
            "block_num": [1] * 3, "par_num": [1] * 3, "line_num": [1, 2, 3], "left": [0] * 3, "top": [0, 40, 80],
            "width": [600, 80, 200], "height": [30] * 3}
    assert [w.text for w in words_from_data(data)] == ["8903141M2963149VNH*<<<<<<<<<<<0"]


@pytest.mark.skipif(not DICTIONARY.exists(), reason="hunspell-vi is installed by scripts/setup.sh")
def test_a_doubtful_syllable_in_capitals_between_two_sure_ones_is_kept_unless_read_again():
    """"THỦ" at 0.28 between "THỊ" and "DUNG" read surely is a name's syllable, put back in its place when
    reading that place again found nothing; beside a doubtful word, or not a syllable ("WH" is none), or in
    lower case, it is dropped, and so it is where a word was read again over it."""
    def read(texts: list[str], confs: list[float]) -> tuple[list[Word], list[Word]]:
        n, doubtful = len(texts), []
        data = {"text": texts, "conf": confs, "block_num": [1] * n, "par_num": [1] * n, "line_num": [1] * n,
                "left": [100 * k for k in range(n)], "top": [0] * n, "width": [80] * n, "height": [30] * n}
        return words_from_data(data, doubtful=doubtful), doubtful

    words, doubtful = read(["MAI", "THỊ", "THỦ", "DUNG"], [96, 96, 28, 89])
    assert [w.text for w in words] == ["MAI", "THỊ", "DUNG"] and [w.text for w in doubtful] == ["THỦ"]
    assert [w.text for w in rescued(words, doubtful)] == ["MAI", "THỊ", "THỦ", "DUNG"]
    again = Word("THU", 0.9, (205, 0, 275, 30), 1, 7)  # the place read again alone
    assert [w.text for w in rescued([*words, again], doubtful)] == ["MAI", "THỊ", "DUNG", "THU"]
    for texts, confs in ((["MAI", "THỊ", "THỦ", "DUNG"], [96, 96, 28, 70]), (["MAI", "THỊ", "WH", "DUNG"],
                         [96, 96, 28, 89]), (["Mai", "Thị", "thu", "Dung"], [96, 96, 28, 89])):
        assert read(texts, confs)[1] == []
    data = {"text": ["MAI", "THỊ", "THỦ", "DUNG"], "conf": [96, 96, 28, 89], "block_num": [1] * 4,
            "par_num": [1] * 4, "line_num": [1] * 4, "left": [0, 100, 200, 300], "top": [0] * 4,
            "width": [80] * 4, "height": [30] * 4}
    assert [w.text for w in words_from_data(data)] == ["MAI", "THỊ", "DUNG"]  # no list given: dropped


def test_rule_marks_inside_a_word_an_italic_f_and_a_fraction_slash_are_cleaned():
    data = {"text": ["1_|HÀ", "oƒ", "___", "V⁄v"], "conf": [80, 85, 90, 90], "block_num": [1] * 4,
            "par_num": [1] * 4, "line_num": [1] * 4, "left": [0, 100, 200, 300], "top": [0] * 4, "width": [80] * 4,
            "height": [30] * 4}
    assert [w.text for w in words_from_data(data)] == ["1HÀ", "of", "V/v"]


def test_a_house_numbers_slash_read_as_a_letter_or_bar_is_a_slash_again():
    """"225/29" read "225I29" (Liberation Sans); a digit 1 read so is left where the number would be too long for a
    house's (an ID or phone number) and a letter beside digits elsewhere stays."""
    texts = ["225I29", "126l39,", "12|3", "0011I8321084", "I2", "CT01", "V⁄"]
    data = {"text": texts, "conf": [90] * 7, "block_num": [1] * 7, "par_num": [1] * 7, "line_num": [1] * 7,
            "left": [100 * i for i in range(7)], "top": [0] * 7, "width": [80] * 7, "height": [30] * 7}
    assert [w.text for w in words_from_data(data)] == ["225/29", "126/39,", "12/3", "0011I8321084", "I2", "CT01",
                                                       "V/v"]  # and a request's "V/v" without its v


def test_an_italic_one_read_as_a_slash_or_a_zero_as_an_o_in_a_long_number_is_a_digit_again():
    """A photocopied form's italic "001081444647" read "00/08/444647": digits and slashes as long as a personal
    identification number (12), a phone number (10) or an old ID card's (9), not ending in a year, are that number.
    A date, also one read without a slash, a house number and a number of another length keep their slashes. So is
    a zero read as the letter o in such a number, also with a table's wall touching it; a word with another letter
    keeps its o."""
    texts = ["00/08/444647", "09/2589988", "/2345678/", "13/06/1981", "9204/2039", "225/29", "0/1234/5678",
             "o92192365854", "O36199078024", "o92192a5a54", "Oo", "|o92192365854"]
    n = len(texts)
    data = {"text": texts, "conf": [90] * n, "block_num": [1] * n, "par_num": [1] * n, "line_num": [1] * n,
            "left": [100 * i for i in range(n)], "top": [0] * n, "width": [80] * n, "height": [30] * n}
    assert [w.text for w in words_from_data(data)] == ["001081444647", "0912589988", "123456781", "13/06/1981",
                                                       "9204/2039", "225/29", "0/1234/5678", "092192365854",
                                                       "036199078024", "o92192a5a54", "Oo", "092192365854"]


def test_a_line_is_cut_at_a_column_gap_not_at_a_word_space():
    def word(text, x0, line=0):
        return Word(text, 0.9, (x0, 0, x0 + 20 * len(text), 30), 1, line)

    words = [word("ỦY", 0), word("BAN", 70), word("CỘNG", 900), word("HÒA", 1010), word("Số:", 0, 1)]
    assert text_from_words(words) == "ỦY BAN\nCỘNG HÒA\nSố:"


def test_a_column_gap_is_measured_in_the_smaller_print_beside_it():
    """A phone photo's header read as one line, Tesseract boxing the hospital's name as tall as its tallest
    letters (39 px) and the motto at 26: the 116 px gap is under three of the first's heights, and over three
    of the motto's. A dash's box is no measure: the motto's words stay one line."""
    left = [("BỆNH", 525, 577), ("VIỆN", 586, 629), ("ĐA", 642, 662), ("KHOA", 674, 720), ("TRUNG", 733, 795),
            ("ƯƠNG", 804, 857), ("CẦN", 866, 902), ("THƠ", 915, 958)]
    right = [("Độc", 1074, 1123, 482, 508), ("lập", 1132, 1168, 482, 509), ("-", 1186, 1194, 493, 498),
             ("Tự", 1211, 1247, 484, 507), ("do", 1254, 1285, 483, 504)]  # 18 px: over three dash heights
    words = [Word(t, 0.9, (x0, 473, x1, 512), 1, 0) for t, x0, x1 in left]
    words += [Word(t, 0.9, (x0, y0, x1, y1), 1, 0) for t, x0, x1, y0, y1 in right]
    assert text_from_words(words) == "BỆNH VIỆN ĐA KHOA TRUNG ƯƠNG CẦN THƠ\nĐộc lập - Tự do"


def test_a_gap_far_wider_than_the_lines_word_spaces_is_a_column_gap_in_blurred_print():
    """A phone photo of an ID card's back: the two fingerprint captions side by side, boxed 15 px tall by the
    blur, 32 px apart (two heights, under the three of a sharp scan) while the captions' own words lie 3–4 px
    apart. A line of evenly spaced words is not cut at such a gap."""
    boxes = [("Left", 1453, 1474), ("index", 1478, 1499), ("finger", 1503, 1534), ("Right", 1566, 1591),
             ("index", 1594, 1618), ("finger", 1622, 1651)]
    words = [Word(t, 0.95, (x0, 834, x1, 849), 1, 0) for t, x0, x1 in boxes]
    assert text_from_words(words) == "Left index finger\nRight index finger"
    lefts = (1453, 1497, 1541, 1609, 1653, 1697)  # 36 px words 8 px apart, and the same 32 px gap: four spaces
    spread = [Word(w.text, 0.95, (x0, 834, x0 + 36, 849), 1, 0) for w, x0 in zip(words, lefts, strict=True)]
    assert text_from_words(spread) == "Left index finger Right index finger"


def test_red_print_is_kept_while_a_red_seal_is_lifted():
    img = Image.new("RGB", (2480, 3508), "white")  # A4 at 300 dpi
    d = ImageDraw.Draw(img)
    d.rectangle((400, 300, 2000, 360), fill=(200, 30, 40))  # a red title line (60 px): low and wide
    d.ellipse((1000, 2000, 1450, 2450), outline=(215, 35, 45), width=14)  # a seal ring
    gray = clean.to_gray(img)
    assert gray[330, 1200] < 120  # title stays ink
    assert gray[2225, 1007] > 200  # seal ring becomes paper


def test_the_last_word_of_a_red_title_a_word_space_apart_is_kept_as_print():
    """A red title's last words past a wide word space ("Y TẾ" of "THẺ BẢO HIỂM Y TẾ") make a red mark of their
    own, too short for a line; on the axis of the title's line, and no taller, they are print, not a seal."""
    img = Image.new("RGB", (2480, 3508), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((800, 300, 1500, 360), fill=(200, 30, 40))  # "THẺ BẢO HIỂM", 60 px tall
    d.rectangle((1530, 300, 1640, 360), fill=(200, 30, 40))  # "Y TẾ", 30 px on: two marks at quarter size
    d.rectangle((1530, 1300, 1640, 1360), fill=(200, 30, 40))  # the same mark alone: a seal's short stroke
    d.ellipse((1000, 2000, 1450, 2450), outline=(215, 35, 45), width=14)  # a seal ring
    gray = clean.to_gray(img)
    assert gray[330, 1200] < 120 and gray[330, 1585] < 120  # the whole title stays ink
    assert gray[1330, 1585] > 200 and gray[2225, 1007] > 200  # the lone mark and the ring become paper


def test_streaked_photocopy_is_not_turned_sideways():
    """Photocopier streaks and a page frame made the vertical profile the sharper one (bench seed 3)."""
    hh = make_household(random.Random("ocr-bench:3:3"))
    doc = render("birth_certificate", hh, 3003, font="TeXGyreHeros")
    d = degrade(doc.pages[0].image, "photocopy", random.Random("ocr-bench:3:3:photocopy"))
    assert orient.detect_orientation(clean.to_gray(np.asarray(d.image)), "vie").rotation == 0


def _tilted_streak(arr: np.ndarray, x0: int, y0: int, y1: int, shade: int, width: int = 3, tilt: float = 0.02) -> None:
    """Darken a thin vertical streak, drifting `tilt` px sideways per px down (≈1.1°), in place."""
    for y in range(y0, y1):
        x = int(x0 + tilt * (y - y0))
        arr[y, x:x + width] = np.minimum(arr[y, x:x + width], shade)


def test_a_card_crossed_by_a_copier_streak_is_still_found():
    page = np.full((1400, 990), 225, np.uint8)  # a photocopy thumbnail: grey paper
    page[150:490, 200:740] = 185  # the card's darker face, ID-1 shaped (540 x 340)
    page[150:154, 200:740] = page[486:490, 200:740] = 60  # its printed frame
    page[150:490, 200:204] = page[150:490, 736:740] = 60
    _tilted_streak(page, 300, 80, 1300, shade=150, width=2)  # longer than any card side, through the card
    boxes = regions.find_cards(page)
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0]
    assert abs(y0 - 150) < 20 and abs(y1 - 490) < 20 and abs(x0 - 200) < 20 and abs(x1 - 740) < 20


def test_a_tilted_grey_streak_is_lifted_but_the_print_it_crosses_stays():
    norm = np.full((2000, 1400), 255, np.uint8)
    for y in range(300, 1700, 60):  # "text": black bars one glyph high across the streak's path
        norm[y:y + 22, 200:1200:40] = 0
        norm[y:y + 22, 201:1200:40] = 0
    _tilted_streak(norm, 600, 100, 1900, shade=140, width=4, tilt=0.025)  # 1.4°: drifts 45 px
    streak = (norm == 140)
    out = clean.remove_rules(norm, 22.0)
    assert (out[streak] == 255).mean() > 0.95  # the grey streak is gone along its whole length
    print_px = norm == 0
    assert (out[print_px] == 0).mean() > 0.99  # the black print, also where the streak crossed it, stays


def _form_with_fill_lines(streak: bool = False) -> np.ndarray:
    """A normalised form page: "handwriting" (black bars with descenders) on thin grey fill-in lines, and
    below them a ruled table (a grid of black lines)."""
    norm = np.full((2000, 1400), 255, np.uint8)
    for y in range(200, 800, 100):  # six filled-in lines, the fill line 4 px under the baseline
        for x in range(150, 1200, 40):
            norm[y - 22:y, x:x + 14] = 20  # a glyph
        norm[y:y + 14, 150:164] = 20  # a descender crossing the fill line
        norm[y + 4:y + 6, 120:1300] = 150  # the grey fill-in line (2 px), drawn over the descender
    if streak:  # a piece of copier streak (a fifth of the page) crossing the fill lines
        norm[150:550, 700:703] = 170
    for y in (1000, 1100, 1200):  # the table: three rules and four walls
        norm[y:y + 3, 120:1300] = 0
    for x in (120, 500, 900, 1297):
        norm[1000:1203, x:x + 3] = 0
    return norm


@pytest.mark.parametrize("streak", [False, True])
def test_fill_in_lines_go_but_the_table_grid_and_handwriting_stay(streak):
    norm = _form_with_fill_lines(streak)
    out = clean.remove_rules(norm, 22.0)
    line = np.zeros(norm.shape, bool)
    for y in range(200, 800, 100):
        line[y + 4:y + 6, 170:1300] = True  # the fill line away from the crossing descender
        line[y + 4:y + 6, 150:166] = False
    line[:, 690:715] = False  # where a streak piece may cross
    assert (out[line] == 255).mean() > 0.97  # the fill-in lines are gone, on a page with a grid
    assert (out[1000:1003, 130:1290] == 0).mean() > 0.99  # the table's rules stay
    assert (out[1000:1203, 500:503] == 0).mean() > 0.99  # and its walls
    descenders = np.zeros(norm.shape, bool)
    for y in range(200, 800, 100):
        descenders[y:y + 14, 150:164] = True
    assert (out[descenders] < 200).all()  # the handwriting crossing a fill line keeps its whole descender


def test_blurred_print_is_not_taken_for_a_fill_in_line():
    """A phone photo's blurred italic letters merge into runs six glyphs long: they were cut as fill-in
    lines ("Place of origin" with a white streak through it). A real fill-in line on the page still goes."""
    from samples.fonts import load

    img = Image.new("L", (1400, 700), 255)
    draw = ImageDraw.Draw(img)
    font = load("LiberationSerif", "italic", 30)  # capitals ≈ 22 px: the OCR image's text size
    for y in (100, 200, 300):
        draw.text((150, y), "Place of residence: Nationality", font=font, fill=0)
    sharp = np.asarray(img)
    norm = clean.stretch(cv2.GaussianBlur(sharp, (0, 0), 2.2))  # letters run together in grey
    norm[500:502, 120:1300] = 150  # a grey fill-in line, 2 px
    out = clean.remove_rules(norm, 22.0)
    text = sharp < 128
    assert (out[text] < 128).mean() > 0.99  # the print keeps its ink
    assert (out[500:502, 130:1290] == 255).mean() > 0.97  # the fill-in line is gone


def _seal_over_print(shade: int) -> np.ndarray:
    """A normalised page: black print lines crossed by a seal drawn at grey level `shade` (double rim,
    lettering-like ticks around it, a filled star-like blob in the middle)."""
    norm = np.full((1400, 1200), 255, np.uint8)
    for y in range(300, 1000, 60):  # print: bars of glyph height
        for x in range(150, 1050, 34):
            norm[y:y + 22, x:x + 20] = 10
    seal = np.full_like(norm, 255)
    cv2.circle(seal, (600, 640), 160, shade, 6)
    cv2.circle(seal, (600, 640), 112, shade, 3)
    for a in np.linspace(0, 2 * np.pi, 24, endpoint=False):
        x, y = int(600 + 136 * np.cos(a)), int(640 + 136 * np.sin(a))
        cv2.rectangle(seal, (x - 5, y - 8), (x + 5, y + 8), shade, 2)
    return np.minimum(norm, seal)


def test_a_grey_seal_over_print_is_lifted_and_the_print_kept():
    norm = _seal_over_print(130)
    out = clean.lift_seals(norm, 22.0)
    beside_print = cv2.dilate((norm == 10).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    seal = (norm == 130) & ~beside_print  # touching the print, a seal pixel may be the print's own edge
    assert (out[seal] == 255).mean() > 0.99  # rim, ring and lettering become paper
    assert (out[norm == 10] == 10).all()  # the print under and around the seal is untouched


def test_a_seal_as_dark_as_the_print_is_left_alone():
    norm = _seal_over_print(10)
    assert np.array_equal(clean.lift_seals(norm, 22.0), norm)  # nothing tells the seal from print there
