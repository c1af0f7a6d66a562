"""Print Tesseract's layout analysis dropped is found in the ink no word covers, read alone and put back
in reading order; covered print, pictures and specks are left alone."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from ocr_synth import FONT_BOLD, render_page
from PIL import Image, ImageDraw, ImageFont

from ocr import clean, recover
from ocr.read import join_rows, ocr_data, read, recovered, text_from_words, words_from_data
from ocr.types import Word

LINES = [
    "Mã số: TE1797976003507",
    "Họ và tên: NGUYỄN VĂN AN",
    "Ngày sinh: 25/01/2026 Giới tính: Nữ",
    "Nơi đăng ký KCB ban đầu: Trạm Y tế xã Tân Thạnh Đông",
]


def _card() -> tuple[np.ndarray, list[Word]]:
    """A card-sized grey image of `LINES` and Tesseract's own reading of it."""
    img, _ = render_page(LINES, size=(1100, 330), font_px=34, margin=30, spacing=1.9)
    gray = np.asarray(img.convert("L"))
    return gray, words_from_data(ocr_data(gray, "vie", 11))


def _line_of(words: list[Word], first: str) -> list[Word]:
    line = next(w.line for w in words if w.text == first)
    return [w for w in words if w.line == line]


def test_a_dropped_line_is_found_read_and_put_back_in_its_place():
    gray, words = _card()
    assert "NGUYỄN VĂN AN" in text_from_words(words)  # the image reads whole: the test drops the line itself
    dropped = _line_of(words, "NGUYỄN")
    rest = [w for w in words if w not in dropped]

    boxes = [box for box, _ in recover.uncovered_lines(gray, rest)]
    assert boxes  # the line, in one piece or a few; the covered lines yield nothing
    top, bottom = min(w.bbox[1] for w in dropped), max(w.bbox[3] for w in dropped)
    assert all(y0 <= top + 8 and y1 >= bottom - 8 for x0, y0, x1, y1 in boxes)
    assert min(b[0] for b in boxes) <= dropped[0].bbox[0] + 8 and max(b[2] for b in boxes) >= dropped[-1].bbox[2] - 8

    lines = text_from_words(join_rows(recovered(gray, rest, "vie"))).splitlines()
    assert lines[1] == "Họ và tên: NGUYỄN VĂN AN"
    assert lines[0].startswith("Mã số") and lines[2].startswith("Ngày sinh")


def test_the_missing_start_of_a_line_joins_that_line():
    gray, words = _card()
    kept = [w for w in words if not (w.text in ("Ngày", "sinh:") and w in _line_of(words, "Ngày"))]
    text = text_from_words(join_rows(recovered(gray, kept, "vie")))
    assert "Ngày sinh: 25/01/2026 Giới tính: Nữ" in text.splitlines()


def test_pictures_rules_and_specks_are_not_lines_to_read():
    gray, words = _card()
    marks = gray.copy()
    marks[200:320, 900:1020] = 40  # a photo-sized block
    marks[320:323, 30:1000] = 0  # a rule under the print
    rng = np.random.default_rng(5)
    for y, x in zip(rng.integers(0, 330, 60), rng.integers(0, 1100, 60), strict=True):
        marks[y : y + 2, x : x + 2] = 0  # photocopy specks
    assert recover.uncovered_lines(marks, words) == []


def test_a_signature_read_as_strokes_is_not_added():
    line = [Word("~", 0.9, (0, 0, 20, 20), 1, 0), Word("-", 0.9, (30, 0, 50, 20), 1, 0)]
    assert recover.sure_words(line) == []
    doubtful = [Word("Ngày", 0.95, (0, 0, 40, 20), 1, 0), Word("0Z", 0.4, (50, 0, 80, 20), 1, 0)]
    assert recover.sure_words(doubtful) == []
    assert recover.sure_words(doubtful[:1]) == doubtful[:1]


def test_a_line_read_in_two_pieces_out_of_order_is_one_line():
    date = [Word("tháng", 0.9, (700, 100, 760, 125), 3, 5), Word("12", 0.9, (770, 100, 795, 125), 3, 5),
            Word("năm", 0.9, (805, 100, 850, 125), 3, 5), Word("2025", 0.9, (860, 100, 910, 125), 3, 5)]
    label = [Word("Giá", 0.9, (50, 101, 90, 126), 2, 4), Word("trị:", 0.9, (100, 101, 140, 126), 2, 4)]
    start = [Word("Ngày", 0.9, (590, 99, 645, 124), 4, 6), Word("27", 0.9, (655, 99, 690, 124), 4, 6)]
    below = [Word("GIÁM", 0.9, (700, 140, 760, 165), 5, 7), Word("ĐỐC", 0.9, (770, 140, 820, 165), 5, 7)]
    text = text_from_words(join_rows(label + date + start + below))
    # the far label stays a column of its own; the date's two pieces are one line, in order
    assert text.splitlines() == ["Giá trị:", "Ngày 27 tháng 12 năm 2025", "GIÁM ĐỐC"]


def test_words_read_again_are_dropped_and_new_ones_keep_to_the_piece_rows():
    read = [Word("đầu:", 0.9, (100, 50, 150, 80), 1, 0), Word("Trạm", 0.9, (170, 50, 230, 80), 1, 0),
            Word("GIÁM", 0.9, (300, 95, 360, 125), 1, 1)]  # the next line: not in the piece's rows
    piece = (90, 52, 400, 78)
    line = [Word("đầu:.Trạm", 0.8, (95, 30, 235, 100), 1, 0), Word("Hải", 0.9, (300, 30, 340, 100), 1, 0)]
    assert recover.fresh(line, read, piece) == [Word("Hải", 0.9, (300, 52, 340, 78), 1, 0)]


def test_a_piece_in_a_gap_of_a_line_joins_it_but_a_line_over_it_does_not():
    # Tesseract's "Nơi thường trú / øf residence:" with the italic "Place" read apart, in its gap
    line = [Word("Nơi", 0.9, (433, 772, 480, 793), 1, 0), Word("trú", 0.9, (490, 772, 560, 793), 1, 0),
            Word("/", 0.9, (570, 772, 580, 793), 1, 0), Word("øf", 0.9, (710, 772, 730, 793), 1, 0),
            Word("residence:", 0.9, (740, 772, 860, 793), 1, 0)]
    piece = [Word("Place", 0.9, (633, 772, 700, 793), 2, 1)]
    assert text_from_words(join_rows(line + piece)) == "Nơi trú / Place øf residence:"
    # two printed rows Tesseract took for one tall line: the shorter one lies over its words, not in a gap
    tall = [Word("bè", 0.9, (61, 218, 90, 276), 1, 0), Word("252/8", 0.9, (133, 218, 187, 276), 1, 0),
            Word("Phủ,", 0.9, (244, 218, 283, 276), 1, 0)]
    dob = [Word("19/09/2026", 0.9, (167, 218, 260, 251), 2, 1), Word("Giới", 0.9, (273, 218, 309, 251), 2, 1)]
    assert text_from_words(join_rows(dob + tall)).splitlines() == ["19/09/2026 Giới", "bè 252/8 Phủ,"]


def test_a_piece_a_few_pixels_over_the_end_of_a_lines_word_joins_it():
    """A photocopied ID card's small "Independence - Freedom - Happiness": Tesseract read "e - Freedom - H", and the
    rest was read back apart, "Independenc:" ending 5 px into the box of its own "e": pieces of one word, not two
    rows. Over half a word height of the lower line, it is a row of its own."""
    line = [Word("e", 0.92, (1190, 556, 1200, 563), 6, 4), Word("-", 0.93, (1207, 557, 1214, 560), 6, 4),
            Word("Freedom", 0.93, (1222, 547, 1320, 565), 6, 4), Word("-", 0.93, (1307, 543, 1321, 574), 6, 4),
            Word("H", 0.93, (1328, 548, 1342, 564), 6, 4)]
    piece = [Word("Independenc:", 0.92, (1067, 547, 1195, 570), 1, 3)]
    assert text_from_words(join_rows(piece + line)) == "Independenc: e - Freedom - H"
    over = [Word("Independenc:", 0.92, (1067, 547, 1210, 570), 1, 3)]  # 10 px into "e": over half the line's 16
    assert text_from_words(join_rows(over + line)).splitlines() == ["Independenc:", "e - Freedom - H"]


def test_pieces_of_a_row_join_through_one_that_bridges_them_whatever_their_order():
    """A phone photo's "VÕ QUANG HẢI": "VÕ" and "HẢI" recovered (listed first), "QUANG" read by the page pass.
    "HẢI" is a column gap from "VÕ" alone; once "QUANG" joins "VÕ", it continues that line too."""
    vo, hai = Word("VÕ", 0.83, (390, 412, 440, 430), 2, 21), Word("HẢI", 0.75, (596, 412, 662, 437), 2, 22)
    quang = Word("QUANG", 0.96, (450, 404, 585, 442), 1, 8)
    assert text_from_words(join_rows([vo, hai, quang])) == "VÕ QUANG HẢI"


def test_a_dropped_line_the_stretched_page_blackens_is_read_from_the_plain_one():
    """Small blurred print that the contrast stretch fills in: its counters close, and the piece reads as
    nothing or junk; the same piece of the page as it was (`plain`) reads."""
    gray, words = _card()
    dropped = _line_of(words, "NGUYỄN")
    rest = [w for w in words if w not in dropped]
    # strokes swollen, blurred and stretched into one another
    blurred = cv2.GaussianBlur(cv2.erode(gray, np.ones((4, 4), np.uint8)), (0, 0), 1.5).astype(np.float32)
    blotted = np.clip(blurred * 255 / 140, 0, 255).astype(np.uint8)
    assert "NGUYỄN" not in text_from_words(join_rows(recovered(blotted, rest, "vie")))
    lines = text_from_words(join_rows(recovered(blotted, rest, "vie", gray))).splitlines()
    assert lines[1] == "Họ và tên: NGUYỄN VĂN AN"


def test_marks_read_in_a_portrait_do_not_open_the_line_beside_them():
    junk = [Word("Z5", 0.37, (556, 604, 679, 651), 14, 0)]
    value = [Word("Xã", 0.97, (704, 607, 722, 628), 13, 1), Word("Hải", 0.96, (730, 607, 760, 628), 13, 1)]
    assert text_from_words(join_rows(junk + value)).splitlines() == ["Z5", "Xã Hải"]


def test_a_blurred_bold_date_beside_a_cards_edge_is_read():
    # an ID card's expiry on a phone photo: the bold digits blur into one blob, the card's edge runs
    # beside them, and Tesseract reads neither the date on the card nor (edge and all) the piece alone
    img, _ = render_page(["Có giá trị đến:", "Date of expiry:", "05/08/2042"], size=(420, 260), font_px=26,
                         margin=40, spacing=1.6, font=FONT_BOLD)
    gray = np.asarray(img.convert("L")).copy()
    gray[10:250, 22:26] = 0
    gray = clean.stretch(clean.flatten(cv2.GaussianBlur(gray, (0, 0), 2.0), 20.0))
    words = [w for w in words_from_data(ocr_data(gray, "vie", 11)) if "2042" not in w.text]
    assert text_from_words(join_rows(recovered(gray, words, "vie"))).splitlines()[-1] == "05/08/2042"


def test_a_piece_is_cut_without_what_lies_beside_it_but_with_its_own_dots():
    image = np.full((100, 300), 255, np.uint8)
    image[40:60, 100:200] = 0  # the piece's glyphs (word height 20)
    image[36:40, 201:204] = 0  # an italic "i"'s dot, right of the last stem
    image[5:95, 91:94] = 0  # a card's edge beside the piece, the height of the crop
    image[30:70, 96:98] = 0  # a stroke as close as the dot, too tall to be one of the piece's marks
    words = [Word("x", 0.9, (0, 0, 40, 20), 1, 0), Word("y", 0.9, (250, 80, 290, 100), 1, 1)]
    piece, (x0, y0) = recover.crop(image, (100, 40, 200, 60), words)
    assert (piece[36 - y0 : 40 - y0, 201 - x0 : 204 - x0] == 0).all()  # the dot stays
    assert x0 < 91 and (piece[:, 91 - x0 : 94 - x0] == 255).all()  # the edge goes
    assert (piece[30 - y0 : 70 - y0, 96 - x0 : 98 - x0] == 255).all()  # and the stroke
    assert (piece[40 - y0 : 60 - y0, 100 - x0 : 200 - x0] == 0).all()  # the glyphs stay


def test_a_rule_over_a_piece_is_cut_off_but_its_diacritics_stay():
    image = np.full((100, 300), 255, np.uint8)
    image[40:60, 100:200] = 0  # the piece's glyphs (word height 20)
    for x in (95, 115, 135, 155, 175):  # a heading's dashed underline just above the piece
        image[30:32, x : x + 14] = 0
    image[33:37, 120:126] = 0  # a tone mark over a glyph
    words = [Word("x", 0.9, (0, 0, 40, 20), 1, 0), Word("y", 0.9, (250, 80, 290, 100), 1, 1)]
    piece, (x0, y0) = recover.crop(image, (100, 38, 200, 60), words)
    assert (piece[30 - y0 : 32 - y0, 95 - x0 : 190 - x0] == 255).all()  # the dashes go
    assert (piece[33 - y0 : 37 - y0, 120 - x0 : 126 - x0] == 0).all()  # the mark stays
    assert (piece[40 - y0 : 60 - y0, 100 - x0 : 200 - x0] == 0).all()


def test_a_two_character_reading_with_a_digit_is_read_again_and_two_digits_replace_it():
    was = Word("4l", 0.36, (0, 0, 9, 9), 1, 0)
    assert recover.doubtful_number(was)
    assert not recover.doubtful_number(Word("Tổ", 0.5, (0, 0, 9, 9), 1, 0))  # no digit
    assert not recover.doubtful_number(Word("7,", 0.5, (0, 0, 9, 9), 1, 0))  # one character
    assert recover.sure_number([Word("41", 0.75, (0, 0, 9, 9), 1, 0)], was).text == "41"
    assert recover.sure_number([Word("41", 0.65, (0, 0, 9, 9), 1, 0)], was) is None  # too unsure
    surer = Word("4l", 0.8, (0, 0, 9, 9), 1, 0)
    assert recover.sure_number([Word("41", 0.75, (0, 0, 9, 9), 1, 0)], surer) is None  # less sure than vie
    assert recover.sure_number([Word("4a", 0.95, (0, 0, 9, 9), 1, 0)], was) is None  # letters: not for eng


@pytest.mark.parametrize("px", [28, 30])
def test_a_bold_date_whose_slashes_vie_misreads_is_read_again_as_a_number(px):
    # vie reads this date "13I02/2026" or "13I02I2026" with doubt; eng reads digits and slashes surely
    sans, bold = (f"/usr/share/fonts/truetype/liberation2/LiberationSans-{s}.ttf" for s in ("Regular", "Bold"))
    img = Image.new("L", (1300, 120), 255)
    draw = ImageDraw.Draw(img)
    label = "Đã chết vào lúc: 19 giờ 05 phút, ngày "
    draw.text((40, 40), label, font=ImageFont.truetype(sans, px), fill=0)
    draw.text((40 + draw.textlength(label, font=ImageFont.truetype(sans, px)), 40), "13/02/2026",
              font=ImageFont.truetype(bold, px), fill=0)
    gray = np.asarray(img)
    first = words_from_data(ocr_data(gray, "vie", 3))
    assert first[-1].text != "13/02/2026" and recover.doubtful_number(first[-1])  # the premise
    assert read(gray, "vie")[1] == label + "13/02/2026"


def test_only_a_doubtful_mostly_digit_word_is_read_again_and_only_a_sure_number_replaces_it():
    assert recover.doubtful_number(Word("13I02!12026", 0.49, (0, 0, 9, 9), 1, 0))
    assert not recover.doubtful_number(Word("13/02/2026", 0.95, (0, 0, 9, 9), 1, 0))  # sure already
    assert not recover.doubtful_number(Word("Nguyễn", 0.5, (0, 0, 9, 9), 1, 0))
    assert recover.doubtful_number(Word("TE1313191", 0.5, (0, 0, 9, 9), 1, 0))  # 7 of 9 characters digits
    was = Word("13I02!12026", 0.49, (0, 0, 9, 9), 1, 0)
    assert recover.sure_number([Word("13/02/2026", 0.96, (0, 0, 9, 9), 1, 0)], was) is not None  # a whole date
    assert recover.sure_number([Word("13/02/2026", 0.6, (0, 0, 9, 9), 1, 0)], was) is None  # not sure
    hand = Word("73/10/1992", 0.6, (0, 0, 9, 9), 1, 0)
    assert recover.sure_number([Word("3/10/1992", 0.95, (0, 0, 9, 9), 1, 0)], hand) is None  # a digit lost
    phone = Word("0936903A31", 0.6, (0, 0, 9, 9), 1, 0)
    assert recover.sure_number([Word("0936903431", 0.95, (0, 0, 9, 9), 1, 0)], phone) is not None  # A is a 4
    assert recover.sure_number([Word("093690341", 0.95, (0, 0, 9, 9), 1, 0)], phone) is None  # a digit lost
    extra = Word("0480968999673", 0.7, (0, 0, 9, 9), 1, 0)  # vie read a handwritten ID with a digit too many
    assert recover.sure_number([Word("048098999673", 0.95, (0, 0, 9, 9), 1, 0)], extra) is not None
    assert recover.sure_number([Word("TE13", 0.96, (0, 0, 9, 9), 1, 0)], was) is None  # letters: not for eng
    two = [Word("13/02", 0.96, (0, 0, 9, 9), 1, 0), Word("2026", 0.96, (0, 0, 9, 9), 1, 0)]
    assert recover.sure_number(two, was) is None  # read as two words: not one number
    # a date `vie` read as one on no calendar ("39/08/2032" at 0.72 on a phone photo) takes `eng`'s real one read
    # fairly surely; a real date `vie` read as doubtfully keeps its reading
    eng = [Word("30/08/2032", 0.73, (0, 0, 9, 9), 1, 0)]
    assert recover.sure_number(eng, Word("39/08/2032", 0.72, (0, 0, 9, 9), 1, 0)) is eng[0]
    assert recover.sure_number(eng, Word("31/08/2032", 0.72, (0, 0, 9, 9), 1, 0)) is None
    month13 = [Word("30/13/2032", 0.73, (0, 0, 9, 9), 1, 0)]  # no real date either
    assert recover.sure_number(month13, Word("39/08/2032", 0.72, (0, 0, 9, 9), 1, 0)) is None


def test_an_insurance_number_eng_reads_whole_replaces_one_vie_read_a_digit_short():
    short = Word("TE136306680346", 0.44, (0, 0, 9, 9), 1, 0)
    assert recover.sure_number([Word("TE1363606680346", 0.78, (0, 0, 9, 9), 1, 0)], short) is not None
    assert recover.sure_number([Word("TE1363606680346", 0.6, (0, 0, 9, 9), 1, 0)], short) is None  # too doubtful
    assert recover.sure_number([Word("HN1363606680346", 0.9, (0, 0, 9, 9), 1, 0)], short) is None  # other letters
    whole = Word("TE1363606680347", 0.6, (0, 0, 9, 9), 1, 0)  # already a whole number: eng does not overrule it
    assert recover.sure_number([Word("TE1363606680346", 0.8, (0, 0, 9, 9), 1, 0)], whole) is None


def test_a_date_vie_read_as_no_word_is_taken_from_eng_less_surely_and_joins_its_line():
    """A handwritten "17/09/1995" on a clean scan: `vie` read "7709/1995" at 0.21 (no word: nothing kept),
    `eng` reads it whole at 0.69. A date on the calendar is kept at that, and joins its label's line."""
    dropped = Word("7709/1995", 0.21, (399, 687, 566, 715), 1, 0)
    eng = Word("17/09/1995", 0.69, (399, 687, 566, 715), 1, 0)
    assert recover.sure_number([eng], dropped) is eng
    assert recover.sure_number([Word("17/09/1995", 0.55, eng.bbox, 1, 0)], dropped) is None  # too doubtful
    assert recover.sure_number([Word("37/09/1995", 0.8, eng.bbox, 1, 0)], dropped) is None  # on no calendar
    assert recover.sure_number([eng], Word("7709/1995", 0.5, dropped.bbox, 1, 0)) is None  # vie's kept: needs 0.9
    assert recover.sure_words([eng]) == [eng] and recover.sure_words([Word("1709/1995", 0.69, eng.bbox, 1, 0)]) == []
    label = [Word("Sinh", 0.96, (223, 686, 289, 713), 1, 2), Word("ngày:", 0.96, (303, 686, 382, 719), 1, 2)]
    assert text_from_words(join_rows(label + [Word(eng.text, eng.confidence, eng.bbox, 2, 3)])) == \
        "Sinh ngày: 17/09/1995"


def test_a_year_read_with_a_sign_for_a_digit_is_read_again_however_sure():
    """"202%" at 0.92 on a phone photo's date line: `eng` reads "2026" at 0.94; a year it reads with another
    century or length does not replace it, nor is a year read whole or a short number read again."""
    signed = Word("202%", 0.92, (0, 0, 9, 9), 1, 0)
    assert recover.doubtful_number(signed) and recover.doubtful_number(Word("20§6", 0.95, (0, 0, 9, 9), 1, 0))
    assert not recover.doubtful_number(Word("2026", 0.95, (0, 0, 9, 9), 1, 0))
    assert not recover.doubtful_number(Word("20%", 0.95, (0, 0, 9, 9), 1, 0))
    assert recover.sure_number([Word("2026", 0.94, (0, 0, 9, 9), 1, 0)], signed) is not None
    assert recover.sure_number([Word("3026", 0.94, (0, 0, 9, 9), 1, 0)], signed) is None
    assert recover.sure_number([Word("20266", 0.94, (0, 0, 9, 9), 1, 0)], signed) is None


def test_one_weaker_word_among_sure_ones_keeps_a_recovered_line():
    line = [Word(t, c, (0, 0, 9, 9), 1, 0) for t, c in
            (("Họ", 0.97), ("và", 0.96), ("tê:", 0.69), ("TÔ", 0.93), ("HOÀNG", 0.9), ("TRUNG", 0.88))]
    assert recover.sure_words(line) == line
    assert recover.sure_words([Word("27", 0.64, (0, 0, 9, 9), 1, 0), Word("thú.", 0.56, (0, 0, 9, 9), 1, 0)]) == []
    assert recover.sure_words([Word("Huỳnh", 0.76, (0, 0, 9, 9), 1, 0)]) != []  # one word, sure enough alone
    # a photocopied request's line end, cut off by a copier's streak: a syllable beside a sure word
    end = [Word("bản:", 0.54, (0, 0, 9, 9), 1, 0), Word("thân", 0.96, (0, 0, 9, 9), 1, 0)]
    assert recover.sure_words(end) == end
    assert recover.sure_words([Word("bản:", 0.54, (0, 0, 9, 9), 1, 0), Word("thân", 0.89, (0, 0, 9, 9), 1, 0)]) == []
    assert recover.sure_words([Word("bZ:", 0.54, (0, 0, 9, 9), 1, 0), Word("thân", 0.96, (0, 0, 9, 9), 1, 0)]) == []


def test_a_line_a_seals_rim_runs_into_is_read_whole():
    """The rim touching a descender ("y" of "Ngày") makes one shape of them too large to be print: the
    pieces either side of it lose that letter, the piece widened through the rim's ink keeps it."""
    img, _ = render_page(["Giá trị sử dụng:", "Ngày 15 tháng 10 năm 2026", "GIÁM ĐỐC"], size=(700, 260),
                         font_px=30, margin=40, spacing=2.0)
    gray = np.asarray(img.convert("L")).copy()
    cv2.circle(gray, (110, 232), 97, 90, 2)  # a seal under the signature block, its rim at the date's baseline
    words = [w for w in words_from_data(ocr_data(gray, "vie", 11)) if not 90 <= w.bbox[1] <= 150]
    assert "Ngày 15 tháng 10 năm 2026" in text_from_words(join_rows(recovered(gray, words, "vie"))).splitlines()


def test_a_piece_of_two_lines_touching_at_an_accent_is_read_as_two():
    """A card's date line and "GIÁM ĐỐC" under it, joined where an accent meets a descender, came out as one
    piece (under the size limit: a phone photo's word boxes are taller than the lines' pitch), read as one
    line into nothing; a line of print alone, accents over it, stays whole."""
    img, _ = render_page(["Ngày 15 tháng 10 năm 2026", "GIÁM ĐỐC"], size=(700, 160), font_px=30, margin=20,
                         spacing=1.3)
    ink = np.asarray(img.convert("L")) < 128
    rows = np.flatnonzero(ink.any(axis=1))
    ink[rows.min() : rows.max() + 1, 100] = True  # a rim's stroke joins them
    (top, first), (second_top, second) = recover._rows(ink[rows.min() : rows.max() + 1], rows.min(), 15)
    assert top == rows.min() and second_top + second == rows.max() + 1
    assert 25 <= first <= 45 and 25 <= second <= 45  # each a line of 30 px type, its accents or descenders
    one = np.asarray(render_page(["GIÁM ĐỐC HUỲNH THU THẢO"], size=(700, 90), font_px=30, margin=20)[0].convert("L"))
    one = one < 128
    rows = np.flatnonzero(one.any(axis=1))
    assert recover._rows(one[rows.min() : rows.max() + 1], 7, 15) == [(7, rows.max() + 1 - rows.min())]
    # nor is a mark too small to hold two lines cut in two
    assert len(recover._rows(ink[rows.min() : rows.max() + 1], 0, 40)) == 1


def test_a_piece_of_two_touching_lines_taller_than_a_line_is_still_read_as_two():
    """At half size a card's date line and "GIÁM ĐỐC" under it join where descenders meet accents: one piece
    nearly two lines tall, over the size of a line of print, was passed over and both lines were lost."""
    img, _ = render_page(["Ngày 15 tháng 10 năm 2026", "GIÁM ĐỐC"], size=(900, 160), font_px=44, margin=20,
                         spacing=1.0)
    gray = np.asarray(img.convert("L"))
    read = [Word("Mã", 0.95, (700, 2, 760, 34), 1, 0), Word("số:", 0.95, (770, 2, 830, 34), 1, 0)]  # words above
    (date, _), (title, _) = recover.uncovered_lines(gray, read)
    assert date[3] <= title[1] and title[3] - date[1] > 1.6 * 32  # two rows of one piece taller than a line
    lines = text_from_words(join_rows(recovered(gray, read, "vie"))).splitlines()
    assert lines[1] == "Ngày 15 tháng 10 năm 2026" and lines[2].startswith("GI")
    # a signature's strokes read as a short mix of letters and digits, alone on their row, are no line; a day
    # read "t3" before its line's words is
    mark, beside = [Word("N7", 0.74, (0, 200, 100, 212), 1, 9)], Word("thung", 0.9, (120, 198, 200, 214), 1, 8)
    assert recover.stray_mark(mark, read) and not recover.stray_mark(mark, [*read, beside])


def test_a_doubtful_line_keeps_its_surely_read_month_and_year():
    """"Ngúc đĩ Vuáng 04 năm 2026" of a phone photo's date line under a seal: the month and year are kept
    for the date-line stage to draw the day from; a tail that is no date, or read with doubt, is not."""
    def line(*read: tuple[str, float]) -> list[Word]:
        return [Word(t, c, (40 * i, 0, 40 * i + 30, 20), 1, 0) for i, (t, c) in enumerate(read)]

    doubtful = line(("Ngúc", 0.49), ("đĩ", 0.4), ("Vuáng", 0.5), ("04", 0.95), ("năm", 0.97), ("2026", 0.95))
    assert recover.sure_words(doubtful) == doubtful[3:]
    assert recover.sure_words(line(("Ngúc", 0.49), ("đĩ", 0.4), ("04", 0.85), ("năm", 0.97), ("2026", 0.95))) == []
    assert recover.sure_words(line(("Ngúc", 0.49), ("đĩ", 0.4), ("13", 0.95), ("năm", 0.97), ("2026", 0.95))) == []
    assert recover.sure_words(line(("Ngúc", 0.49), ("đĩ", 0.4), ("04", 0.95), ("nấm", 0.97), ("2026", 0.95))) == []


def test_a_lone_syllable_read_fairly_just_after_a_labels_colon_is_its_value():
    """A handwritten "Mẹ" after "Mối quan hệ với chủ hộ:" read alone at 0.65, under the 0.7 a recovered line
    needs: where a label's colon says a value stands, a syllable read so is kept; not far from the colon, not a
    word that is no syllable, not read more doubtfully, not after a word that is no label."""
    label = [Word("quan", 0.96, (1300, 1045, 1370, 1079), 1, 11), Word("hộ:", 0.93, (1466, 1045, 1513, 1079), 1, 11)]
    me = [Word("Mẹ:", 0.65, (1523, 1050, 1587, 1074), 1, 0)]
    assert recover.label_value(me, label) == me
    assert recover.label_value([Word("Mẹ:", 0.65, (1700, 1050, 1764, 1074), 1, 0)], label) == []  # far
    assert recover.label_value([Word("Zx", 0.65, (1523, 1050, 1587, 1074), 1, 0)], label) == []  # no syllable
    assert recover.label_value([Word("Mẹ:", 0.55, (1523, 1050, 1587, 1074), 1, 0)], label) == []
    assert recover.label_value(me, label[:1] + [Word("hộ", 0.93, (1466, 1045, 1513, 1079), 1, 11)]) == []


def test_a_short_bold_word_whose_letters_touch_is_a_piece_to_read():
    """A stamped insurance card's "ĐỐC" after "GIÁM": bold print whose letters and marks touch is one mark, no
    longer a line of several glyphs; its middle row crosses the letters' five strokes, where a dash or an arc
    of a seal's rim crosses one or two."""
    img, _ = render_page(["Ngày 16 tháng 03 năm 2026", "GIÁM ĐỐC", "HOÀNG KIM LOAN"], size=(700, 300), font_px=40,
                         margin=40, spacing=1.8, font=FONT_BOLD)
    gray = cv2.erode(np.asarray(img.convert("L")), np.ones((5, 5), np.uint8))  # heavier: the letters touch
    words = words_from_data(ocr_data(gray, "vie", 11))
    title = next(w for w in words if w.text == "ĐỐC")
    x0, y0, x1, y1 = title.bbox
    assert cv2.connectedComponents((gray[y0:y1, x0:x1] < 160).astype(np.uint8))[0] == 2  # one mark
    rest = [w for w in words if w is not title]
    assert [box for box, _ in recover.uncovered_lines(gray, rest) if box[0] < (x0 + x1) // 2 < box[2]]
    arc = gray.copy()  # in its place a mark of its size, an arc of a seal's rim: no piece
    arc[y0 - 10 :] = 255
    cv2.ellipse(arc, ((x0 + x1) // 2, y1), ((x1 - x0) // 2, (y1 - y0) * 4 // 5), 0, 180, 360, 0, 5)
    assert recover.uncovered_lines(arc, [w for w in rest if w.bbox[3] < y0]) == []


def test_a_line_read_doubtfully_that_spells_a_fixed_phrase_whole_is_kept():
    """A phone photo's "GIÁM ĐỐC" read alone as "GIAM Đốc" (0.93, 0.46): too doubtful for a line of print, but no
    other line spells the signer's title; a doubtful reading of other letters, or one of its words read as
    nothing, is not kept."""
    title = [Word("GIAM", 0.93, (0, 0, 40, 20), 1, 0), Word("Đốc", 0.46, (50, 0, 90, 20), 1, 0)]
    assert recover.sure_words(title) == []
    assert recover.known_phrase(title) == title
    other = [Word("GIAN", 0.54, (0, 0, 40, 20), 1, 0), Word("ĐỐC", 0.97, (50, 0, 90, 20), 1, 0)]
    assert recover.known_phrase(other) == []
    assert recover.known_phrase([title[0], Word("Đốc", 0.2, (50, 0, 90, 20), 1, 0)]) == []
    assert recover.known_phrase(title[:1]) == []


def test_letters_a_signature_joins_at_half_size_are_looked_for_in_full():
    """A photocopy's "GIÁM": its "ÁM" touches the director's signature and, at the half size the search runs at,
    "G" and "I" a pixel apart join them into one mark of a signature's size. In full they are glyphs of their
    own: a piece to read."""
    image = np.full((300, 600), 255, np.uint8)
    words = [Word("Ngày", 0.95, (100, 40, 180, 66), 1, 0), Word("tháng", 0.95, (200, 40, 300, 66), 1, 0)]
    image[40:66, 100:180] = image[40:66, 200:300] = 0  # the words read (26 px tall: the search runs at half size)
    image[120:146, 100:114] = 0  # "G", "I" a pixel apart, "Á" beside them
    image[120:146, 115:129] = 0
    image[120:146, 130:144] = 0
    cv2.line(image, (137, 140), (260, 230), 0, 5)  # the signature's stroke from under "Á"
    boxes = [box for box, _ in recover.uncovered_lines(image, words)]
    assert any(x0 <= 101 and x1 >= 126 and y0 <= 121 and y1 >= 145 for x0, y0, x1, y1 in boxes)


def test_a_short_word_joined_into_one_mark_by_its_accent_is_a_piece_to_read():
    """A phone photo's "HẢI": the hook over its A joins the three letters into one mark, and the middle row of
    the whole (accent included) runs through the H's bar and the A's closed top, three strokes; lower, where
    the letters stand apart, it crosses five."""
    image = np.full((300, 600), 255, np.uint8)
    words = [Word("Ngày", 0.95, (100, 40, 180, 66), 1, 0), Word("tháng", 0.95, (200, 40, 300, 66), 1, 0)]
    image[40:66, 100:180] = image[40:66, 200:300] = 0  # the words read (26 px tall: the search runs at half size)
    image[116:120, 100:156] = 0  # the mark over the letters that touches them all
    image[120:146, 100:105] = image[120:146, 115:120] = image[126:133, 100:120] = 0  # H
    image[120:134, 125:141] = image[134:146, 125:130] = image[134:146, 136:141] = 0  # A
    image[120:146, 151:156] = 0  # I
    assert cv2.connectedComponents((image[110:150] < 128).astype(np.uint8))[0] == 2  # one mark
    boxes = [box for box, _ in recover.uncovered_lines(image, words)]
    assert any(x0 <= 101 and x1 >= 155 and y0 <= 117 and y1 >= 145 for x0, y0, x1, y1 in boxes)


def test_a_word_box_is_cut_to_its_own_print():
    """Tesseract's boxes on a phone photo's card are twice the height of their print, reaching over the line
    beneath ("GIÁM ĐỐC" under the date line): cut to the rows of their own ink, an accent's gap bridged."""
    image = np.full((200, 300), 255, np.uint8)
    image[50:70, 20:80] = 0  # the word's letters
    image[44:47, 40:46] = 0  # a tone mark over them, a gap of 3 px
    image[90:110, 20:60] = 0  # the next line's letters, under the box's bottom
    (word,) = recover.fitted(image, [Word("Ngày", 0.9, (20, 40, 80, 100), 1, 0)])
    assert word.bbox == (20, 44, 80, 70)
    blank = Word("-", 0.9, (150, 40, 200, 100), 1, 0)
    assert recover.fitted(image, [blank]) == [blank]  # no ink: as read


def test_a_mark_of_a_read_word_out_of_its_box_is_not_read_with_the_piece_but_its_accent_is():
    """An italic date's strokes reach out of their words' boxes towards the title beneath: cut out with those
    words, they would be read as part of the piece ("GIAM ĐỐC" read as nothing). A mark the piece's own rows
    hold, or an accent that stands apart from the words above, stays."""
    image = np.full((120, 300), 255, np.uint8)
    image[60:80, 100:200] = 0  # the piece's glyphs
    image[20:44, 100:150] = 0  # a read word above
    image[40:50, 146:149] = 0  # its italic stroke, out of its box, down to above the piece
    image[52:56, 120:126] = 0  # the piece's tone mark
    words = [Word("tháng", 0.9, (100, 20, 150, 44), 1, 0)]
    piece, (x0, y0) = recover.crop(image, (100, 60, 200, 80), words, 40)  # boxes twice their print's height
    assert y0 < 40 and (piece[40 - y0 : 50 - y0, 146 - x0 : 149 - x0] == 255).all()  # the stroke goes
    assert (piece[52 - y0 : 56 - y0, 120 - x0 : 126 - x0] == 0).all()  # the mark stays
    assert (piece[60 - y0 : 80 - y0, 100 - x0 : 200 - x0] == 0).all()


def test_a_line_under_word_boxes_twice_their_prints_height_is_found_and_read():
    """On a phone photo's card Tesseract boxes the date line's words down over the signer's title beneath:
    the search and the crop take each box cut to its own print (`recover.fitted`), and the title is read."""
    img, _ = render_page(["Ngày 16 tháng 03 năm 2026", "GIÁM ĐỐC"], size=(700, 200), font_px=40, margin=30,
                         spacing=1.25, font=FONT_BOLD)
    gray = np.asarray(img.convert("L"))
    words = words_from_data(ocr_data(gray, "vie", 11))
    title = [w for w in words if w.text in ("GIÁM", "ĐỐC")]
    assert len(title) == 2
    top = min(w.bbox[1] for w in title)
    tall = [Word(w.text, w.confidence, (w.bbox[0], w.bbox[1], w.bbox[2], top + 10), 1, 0)
            for w in words if w not in title]  # each date word's box reaches down over the title's top
    assert "GIÁM ĐỐC" in text_from_words(join_rows(recovered(gray, tall, "vie")))


def test_a_number_read_upright_may_differ_in_length_from_vies_when_it_has_a_numbers_length():
    """A handwritten phone number `vie` read a digit short ("997243793", an old ID's 9 digits) is the one read
    upright ("0947243193"); read as it leans, `eng` losing a digit is as likely, and `vie`'s length stands."""
    short = Word("997243793", 0.66, (0, 0, 9, 9), 1, 0)
    upright = [Word("0947243193", 0.96, (0, 0, 9, 9), 1, 0)]
    assert recover.sure_number(upright, short, upright=True) is upright[0]
    assert recover.sure_number(upright, short) is None
    assert recover.sure_number([Word("09472431931", 0.96, (0, 0, 9, 9), 1, 0)], short, upright=True) is None
    assert recover.whole_number("0947243193") and recover.whole_number("09/11/1981")
    assert not recover.whole_number("09/11") and not recover.whole_number("09472431")


def test_specks_read_from_the_tops_of_a_dropped_lines_letters_are_replaced_by_its_reading(monkeypatch):
    gray, words = _card()
    dropped = _line_of(words, "NGUYỄN")
    h = recover.word_height(words)
    # what Tesseract made of the line's ascenders alone, as on an ID card's "Independence" ("dị", "d,"): a low
    # "word" over the top of the first letter of each of its first three words
    specks = [Word(text, 0.45, (x0, y0, x0 + int(0.4 * h), y0 + int(0.4 * h)), w.block, w.line)
              for text, w in zip(("dị", "d,", "lạ"), dropped[:3], strict=True) for x0, y0, _, _ in [w.bbox]]
    rest = [w for w in words if w not in dropped] + specks
    rest.sort(key=lambda w: (w.bbox[1] // 20, w.bbox[0]))

    text = text_from_words(join_rows(recovered(gray, rest, "vie")))
    assert text.splitlines()[1] == "Họ và tên: NGUYỄN VĂN AN"
    assert not {"dị", "d,", "lạ"} & set(text.split())  # replaced by the line's reading, not left beside it

    monkeypatch.setattr(recover, "specks_in", lambda words, box, h: [])  # blanked out like read words instead
    assert "Họ và tên: NGUYỄN VĂN AN" not in text_from_words(join_rows(recovered(gray, rest, "vie")))
