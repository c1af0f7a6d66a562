"""The ID card's machine-readable zone read again alone when the page read spoiled its check digits
(real Tesseract on a rendered zone; the spoiled page read is given as words)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ocr import mrz
from ocr.types import Word
from samples.fonts import mono_path

ZONE = ["IDVNM0898142723092089814272<<2", "8903141M2903149VNM<<<<<<<<<<<2", "TRAN<<ANH<QUAN<<<<<<<<<<<<<<<<"]


def _zone_image(drawn: int = 3) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """The zone's lines rendered (only the first `drawn` of them inked) and the boxes of all three."""
    font = ImageFont.truetype(str(mono_path()), 40)
    img = Image.new("L", (1000, 260), 255)
    draw = ImageDraw.Draw(img)
    boxes = []
    for i, line in enumerate(ZONE):
        y = 40 + 60 * i
        draw.text((40, y), line, font=font, fill=0 if i < drawn else 255)
        boxes.append(tuple(int(v) for v in draw.textbbox((40, y), line, font=font)))
    return np.asarray(img), boxes


def _words(texts: list[str], boxes) -> list[Word]:
    return [Word(t, 0.5, box, 1, i) for i, (t, box) in enumerate(zip(texts, boxes, strict=True))]


def test_check_digits_count_at_their_printed_places():
    assert [mrz.verified(line) for line in ZONE] == [2, 2, 0]
    assert mrz.verified("8903141M2963149VNH<<<<<<<<<<<0") == 0  # 0 read 6, M read H
    assert mrz.verified("8903141M2903149VNM") == 2  # the fillers lost at the end
    assert mrz.check_digit("L898902C3") == "6" and mrz.check_digit("<<<<<<") == "0"  # ICAO 9303 specimens
    assert mrz.composite("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6")  # ICAO's TD1 specimen
    assert mrz.composite(*ZONE[:2]) and not mrz.composite(ZONE[0], ZONE[1][:-1] + "9")


def test_a_spoiled_zone_is_read_again_and_the_reading_that_verifies_more_stays():
    image, boxes = _zone_image()
    spoiled = ["IDVN40898142723092089614272<<2", "89903141M2963149VNH<<<<«<<<<<<<0", "TRAN<<ÄNH<QUANÑ<<<<<«<<<««<<<<<<"]
    before = _words(["Ngón", *spoiled[:2]], [(40, 0, 120, 30), *boxes[:2]])  # line 3 lost, a word above
    after = mrz.zone_read_again(image, before)
    zone = [w.text for w in after if mrz.zone_like(w.text)]
    assert sum(mrz.verified(t) for t in zone) == 4
    assert [w.text for w in after][0] == "Ngón"  # the rest of the part is kept, in reading order
    assert any(t.startswith("TRAN<<ANH<QUAN") for t in zone)  # the line the page read lost is read too


def test_a_line_the_read_again_does_not_find_stays_as_the_page_read_it():
    # the name line has no check digit: a re-read that verifies lines 1 and 2 but finds no line 3 (here: not
    # inked, as when the re-read's word list loses it) must not take the page's reading of it away
    image, boxes = _zone_image(drawn=2)
    spoiled = ["IDVN40898142723092089614272<<2", "89903141M2963149VNH<<<<«<<<<<<<0"]
    after = mrz.zone_read_again(image, _words([*spoiled, ZONE[2]], boxes))
    assert [w.text for w in after][-1] == ZONE[2]
    assert sum(mrz.verified(w.text) for w in after) == 4


def test_a_composite_check_digit_misread_has_the_zone_read_again():
    """A phone photo's zone read with every field verifying but the composite digit misread ("<<<9"): the four
    field checks alone would keep it."""
    image, boxes = _zone_image()
    misread = _words([ZONE[0], ZONE[1][:-1] + "9", ZONE[2]], boxes)
    assert sum(mrz.verified(w.text) for w in misread) == 4
    after = mrz.zone_read_again(image, misread)
    assert [w.text for w in after][:2] == ZONE[:2]


def test_a_zone_that_verifies_whole_or_a_blank_band_is_left_as_read():
    image, boxes = _zone_image()
    whole = _words(ZONE, boxes)
    assert mrz.zone_read_again(image, whole) == whole
    spoiled = _words(["IDVN40898142723092089614272<<2"], boxes[:1])
    blank = np.full_like(image, 255)
    assert mrz.zone_read_again(blank, spoiled) == spoiled
