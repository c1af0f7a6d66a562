"""Pictures (a card's photo, QR code, emblem) are painted white before OCR; print joined into a blob is not."""

from __future__ import annotations

import random

import cv2
import numpy as np

from ocr import clean
from samples import marks

TEXT_PX = 22.0


def _page() -> np.ndarray:
    return np.full((1200, 1400), 255, np.uint8)


def _print_line(norm: np.ndarray, x: int, y: int, n: int) -> None:
    """`n` glyph-sized black marks (letters: 14 px wide, 22 px tall, 6 px apart) from (x, y)."""
    for k in range(n):
        norm[y : y + 22, x + 20 * k : x + 20 * k + 14] = 0


def test_a_photo_and_a_qr_code_are_painted_white():
    norm = _page()
    yy, xx = np.mgrid[0:300, 0:240]
    norm[100:400, 100:340] = (90 + 80 * np.hypot(yy - 120, xx - 120) / 200).astype(np.uint8)  # a shaded portrait
    rng = np.random.default_rng(7)
    dark = rng.random((25, 25)) < 0.55  # modules: more than half dark, as a QR code's are with its finders
    norm[500:700, 800:1000] = np.kron(np.where(dark, 0, 255), np.ones((8, 8), np.int64)).astype(np.uint8)
    _print_line(norm, 500, 150, 20)  # a line of print beside the photo
    out = clean.remove_rules(norm, TEXT_PX)
    assert (out[110:390, 110:330] == 255).mean() > 0.99
    assert (out[500:700, 800:1000] == 255).mean() > 0.97
    assert (out[150:172, 500:900] == norm[150:172, 500:900]).all()  # the print stays


def test_a_real_qr_codes_finder_centres_go_with_it():
    """A QR code's finder patterns are rings round a solid centre: the centres are blobs of their own,
    glyph-sized, inside the code, and were read as "m" beside the card's header."""
    norm = _page()
    payload = "001099012345|123456789|Nguyễn Văn An|01011999|Nam|Thôn 1, xã An Bình, huyện Thuận Thành|01012024"
    code = np.asarray(marks.qr_code(payload, 240, random.Random(3)).convert("L").resize((240, 240)))
    norm[500:740, 800:1040] = code
    centres = (cv2.resize(code, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) < 200).astype(np.uint8)
    assert cv2.connectedComponents(centres)[0] - 1 > 3  # the code is several blobs, not one
    _print_line(norm, 300, 560, 20)  # print beside the code stays
    out = clean.remove_rules(norm, TEXT_PX)
    assert (out[500:740, 800:1040] == 255).all()
    assert (out[560:582, 300:700] == norm[560:582, 300:700]).all()


def test_print_under_a_seal_and_a_signature_is_no_picture():
    """The signing block of a card: a seal ring and a scribble over three lines of print make one dense blob
    (a third of its box inked); the print must survive, or the card's issue date and signer are lost."""
    norm = _page()
    for k, y in enumerate((400, 440, 480)):
        _print_line(norm, 600, y, 12 - 3 * k)
    cv2.circle(norm, (700, 460), 90, 150, 9)  # the seal's rim, grey
    cv2.circle(norm, (700, 460), 65, 150, 3)  # its inner ring
    cv2.circle(norm, (700, 460), 78, 150, 14)  # the lettering band, as a grey smear (blurred photo)
    for x in range(560, 860, 12):  # the scribble over it all
        cv2.line(norm, (x, 430 + (x % 36)), (x + 12, 470 - (x % 30)), 30, 4)
    ink = (cv2.resize(norm, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) < 200).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blob = stats[1 + int(np.argmax(stats[1:, 4]))]
    assert blob[4] > clean._PICTURE_FILL * blob[2] * blob[3]  # dense enough to be taken for a picture by its fill
    out = clean.remove_rules(norm, TEXT_PX)
    glyphs = norm == 0
    assert (out[glyphs] == 0).mean() > 0.95


def test_a_title_blurred_into_word_marks_over_a_signature_is_no_picture():
    """A phone photo of an insurance card: the bold title's letters blur into one mark a word ("GIÁM", "ĐỐC"),
    two marks only, and the signature under the title joins them into a blob dense enough for a picture. Read
    side by side, a word space apart, they are a row of print: the title must survive."""
    norm = _page()
    norm[400:422, 600:666] = 0  # "GIÁM": three glyph heights wide
    norm[400:422, 674:728] = 0  # "ĐỐC", a word space after it
    for x in range(580, 760, 40):  # a thick zigzag signature whose peaks reach up to the title
        cv2.line(norm, (x, 470), (x + 20, 432), 20, 5)
        cv2.line(norm, (x + 20, 432), (x + 40, 470), 20, 5)
    cv2.line(norm, (580, 476), (760, 476), 20, 4)
    norm[422:428, 600:728] = 160  # the blur's grey between them
    ink = (cv2.resize(norm, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) < 200).astype(np.uint8)
    n, labels, stats = clean.components(ink)
    blob = stats[1 + int(np.argmax(stats[1:, 4]))]
    assert n == 2 and blob[4] > clean._PICTURE_FILL * blob[2] * blob[3]  # title and signature: one dense blob
    out = clean.remove_rules(norm, TEXT_PX)
    assert (out[400:422, 600:728] == norm[400:422, 600:728]).all()


def _star_over_a_word(norm: np.ndarray) -> np.ndarray:
    """A stamp's star over a title's word, its letters (a bar here) joined into one blob by the star's ink."""
    star = np.array([[600, 474], [612, 504], [650, 506], [620, 526], [632, 556], [600, 538], [568, 556],
                     [580, 526], [550, 506], [588, 504]], np.int32)
    cv2.fillPoly(norm, [star], 40)
    norm[500:522, 560:640] = np.minimum(norm[500:522, 560:640], 0)
    ink = (cv2.resize(norm, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) < 200).astype(np.uint8)
    _, _, stats = clean.components(ink)
    blob = stats[1 + int(np.argmax(stats[1:, 4]))]
    assert min(blob[2], blob[3]) > clean._PICTURE_SIDE * TEXT_PX / 2  # as big as a picture
    assert blob[4] > clean._PICTURE_FILL * blob[2] * blob[3]  # and dense enough
    return norm[474:560, 550:650]


def test_a_titles_letters_joined_by_a_stars_ink_between_print_on_both_sides_are_no_picture():
    """A stamp's star and a signature over a title's middle word join its letters into one blob a few glyph
    heights tall, dense enough for a picture ("ẢO" of "THẺ BẢO HIỂM Y TẾ" was painted out). Print goes on a
    letter space to its left and right: it is part of the line. The same blob with print on one side only, a
    column gap away, is a picture (an ID card's photo beside its fields)."""
    norm = _page()
    _print_line(norm, 392, 500, 8)  # up to the star's edge
    _print_line(norm, 652, 500, 8)  # and on from a letter space after it
    blob = _star_over_a_word(norm).copy()
    assert (clean.remove_rules(norm, TEXT_PX)[474:560, 550:650] == blob).all()

    norm = _page()
    _print_line(norm, 760, 500, 8)
    _star_over_a_word(norm)
    assert (clean.remove_rules(norm, TEXT_PX)[474:560, 550:650] == 255).all()
