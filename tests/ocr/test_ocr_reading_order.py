"""Reading order of text columns: the national header and a form's signature blocks are read column by
column, while tables, label/value rows and fields beside a line keep Tesseract's row order."""

from __future__ import annotations

import random

import numpy as np
from ocr_synth import FONT
from PIL import Image, ImageDraw, ImageFont

from ocr.pipeline import process_page
from ocr.read import (
    commas_restored,
    dates_joined,
    doubled_dropped,
    lowercase_shaped,
    specks_dropped,
    text_from_words,
    walls_stripped,
)
from ocr.types import Word
from samples.documents import render
from samples.people import make_household


def _row(texts: list[str], x: int, y: int, line: int, height: int = 30) -> list[Word]:
    """Words of one printed line from `x`, each 20 px per letter, one word space (12 px) apart."""
    words = []
    for t in texts:
        words.append(Word(t, 0.9, (x, y, x + 20 * len(t), y + height), 1, line))
        x += 20 * len(t) + 12
    return words


def test_two_header_columns_are_read_one_after_the_other():
    # Tesseract reads each row of the two columns as one line, interleaving them
    words = (_row(["ỦY", "BAN", "NHÂN", "DÂN"], 100, 100, 0) + _row(["CỘNG", "HÒA", "XÃ", "HỘI"], 700, 100, 0)
             + _row(["PHƯỜNG", "TÂN", "AN"], 100, 150, 1) + _row(["Độc", "lập", "-", "Tự", "do"], 700, 150, 1)
             + _row(["Số:", "424"], 100, 200, 2)
             + _row(["GIẤY", "KHAI", "SINH"], 400, 300, 3)
             + _row(["Họ,", "chữ", "đệm,", "tên:", "TRỊNH", "THỊ", "THU", "HẠNH"], 100, 360, 4))
    assert text_from_words(words).splitlines() == [
        "ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN AN", "Số: 424", "CỘNG HÒA XÃ HỘI", "Độc lập - Tự do",
        "GIẤY KHAI SINH", "Họ, chữ đệm, tên: TRỊNH THỊ THU HẠNH"]


def test_signature_blocks_under_a_date_line_are_read_block_by_block():
    # four blocks a little apart (a blank strip under one word height), the date above the right ones
    words = (_row(["Hà", "Nội,", "ngày", "20"], 800, 100, 0)
             + _row(["Ý", "KIẾN", "A"], 100, 150, 1) + _row(["Ý", "KIẾN", "B"], 400, 150, 1)
             + _row(["Ý", "KIẾN", "C"], 700, 150, 1) + _row(["NGƯỜI", "KHAI"], 1000, 150, 1)
             + _row(["(Ghi", "rõ)"], 100, 200, 2) + _row(["HỮU", "CHỖ"], 400, 200, 2)
             + _row(["(Ký)"], 700, 200, 2) + _row(["(Ký)"], 1000, 200, 2)
             + _row(["(Ký)"], 400, 250, 3))
    assert text_from_words(words).splitlines() == [
        "Hà Nội, ngày 20", "Ý KIẾN A", "(Ghi rõ)", "Ý KIẾN B", "HỮU CHỖ", "(Ký)", "Ý KIẾN C", "(Ký)",
        "NGƯỜI KHAI", "(Ký)"]


def test_table_rows_and_fields_beside_a_line_keep_row_order():
    table = (_row(["TT"], 100, 100, 0) + _row(["Tên", "giấy", "tờ"], 300, 100, 0) + _row(["Số", "lượng"], 800, 100, 0)
             + _row(["1"], 100, 150, 1) + _row(["Đơn", "đề", "nghị"], 300, 150, 1) + _row(["01"], 800, 150, 1))
    assert text_from_words(table).splitlines() == ["TT", "Tên giấy tờ", "Số lượng", "1", "Đơn đề nghị", "01"]
    # a form's line spacing (blank of about a line height between lines, as on the CT01 form)
    form = (_row(["2.", "Ngày", "sinh:", "30/07/1998"], 100, 100, 0) + _row(["3.", "Giới", "tính:", "Nam"], 900, 100, 0)
            + _row(["4.", "Số", "định", "danh:", "048098"], 100, 165, 1)
            + _row(["5.", "Điện", "thoại:", "0935"], 100, 230, 2) + _row(["6.", "Email:"], 900, 230, 2))
    assert text_from_words(form).splitlines() == [
        "2. Ngày sinh: 30/07/1998", "3. Giới tính: Nam", "4. Số định danh: 048098", "5. Điện thoại: 0935",
        "6. Email:"]


def test_generated_confirmation_reads_its_header_column_by_column():
    doc = render("residence_confirmation", make_household(random.Random("ocr-order:1")), 1, font="LiberationSans")
    result, _ = process_page(doc.pages[0].image)
    lines = result.text.splitlines()
    truth = doc.pages[0].text.splitlines()
    left, right = truth[2], truth[4]  # the issuing office's last line, the national motto's first
    assert left.startswith("CÔNG AN PHƯỜNG") and right.startswith("CỘNG HÒA")
    assert lines.index(left) < lines.index(right) < lines.index(truth[5])


def test_a_date_line_over_two_signature_blocks_is_read_before_the_blocks():
    # the date spans the two right blocks, joining them into one "column"; the signer's name sits under the
    # last block after the blank space of a signature (more than two lines); the date is closer to the blocks
    # than their lines are to each other, so the widest blank strip is not under it
    words = (_row(["Sơn", "Trà,", "ngày", "20", "tháng", "10", "năm", "2026"], 620, 110, 0)
             + _row(["Ý", "KIẾN", "A"], 100, 150, 1) + _row(["Ý", "KIẾN", "B"], 400, 150, 1)
             + _row(["Ý", "KIẾN", "C"], 700, 150, 1) + _row(["NGƯỜI", "KHAI"], 1000, 150, 1)
             + _row(["(Ghi", "rõ)"], 100, 200, 2) + _row(["HỮU", "CHỖ"], 400, 200, 2)
             + _row(["HOẶC", "GIÁM"], 700, 200, 2) + _row(["(Ký)"], 1000, 200, 2)
             + _row(["(Ký)"], 400, 250, 3) + _row(["(Ký)"], 700, 250, 3)
             + _row(["HUỲNH", "HUY"], 1000, 400, 4))
    assert text_from_words(words).splitlines() == [
        "Sơn Trà, ngày 20 tháng 10 năm 2026", "Ý KIẾN A", "(Ghi rõ)", "Ý KIẾN B", "HỮU CHỖ", "(Ký)",
        "Ý KIẾN C", "HOẶC GIÁM", "(Ký)", "NGƯỜI KHAI", "(Ký)", "HUỲNH HUY"]


def test_a_line_that_runs_on_across_a_wide_word_space_is_no_two_columns():
    """An insurance card's clinic, "Trạm Y tế xã Hoằng Đạo": the space after the "Y" is 0.73 word heights, and the
    blank strip through it runs on down between the card's dates and its signature block, far apart. Read as two
    columns, the clinic's name was cut in two lines, its second half read after the dates."""
    clinic = _row(["Nơi", "đăng", "ký", "KCB", "ban", "đầu:", "Trạm", "Y"], 100, 100, 0)
    clinic += _row(["tế", "xã", "Hoằng", "Đạo"], clinic[-1].bbox[2] + 22, 100, 0)
    right = clinic[-1].bbox[2]  # the signature block begins under the clinic's end
    words = (clinic + _row(["Giá", "trị", "sử", "dụng:"], 100, 160, 1) + _row(["Ngày", "25", "tháng"], right, 158, 2)
             + _row(["GIÁM", "ĐỐC"], right + 60, 192, 3) + _row(["từ", "ngày", "22/02/2026"], 100, 220, 4)
             + _row(["đến", "ngày", "21/02/2032"], 100, 275, 5) + _row(["TRỊNH", "HẢI"], right + 40, 290, 6))
    assert text_from_words(words).splitlines()[0] == "Nơi đăng ký KCB ban đầu: Trạm Y tế xã Hoằng Đạo"
    # signature blocks a narrow gutter apart on two rows, their first rows read as one line, stay columns
    blocks = (_row(["Ý", "KIẾN", "CỦA", "CHỦ", "SỞ"], 100, 100, 0) + _row(["Ý", "KIẾN", "CỦA", "CHA"], 430, 100, 0)
              + _row(["HỮU", "CHỖ", "Ở", "HỢP"], 140, 140, 1) + _row(["HOẶC", "NGƯỜI"], 440, 140, 2)
              + _row(["PHÁP"], 220, 180, 3) + _row(["GIÁM", "HỘ"], 460, 180, 4) + _row(["(Ký)"], 480, 220, 5))
    assert text_from_words(blocks).splitlines() == ["Ý KIẾN CỦA CHỦ SỞ", "HỮU CHỖ Ở HỢP", "PHÁP", "Ý KIẾN CỦA CHA",
                                                    "HOẶC NGƯỜI", "GIÁM HỘ", "(Ký)"]


def test_a_period_before_a_lower_case_word_of_its_line_is_a_comma():
    words = (_row(["quận", "Sơn", "Trà.", "thành", "phố", "Đà", "Nẵng."], 100, 100, 0)
             + _row(["TP.", "Hồ", "Chí", "Minh", "v.v..", "và", "x."], 100, 150, 1) + _row(["tỉnh"], 100, 200, 2))
    expected = "quận Sơn Trà, thành phố Đà Nẵng.\nTP. Hồ Chí Minh v.v.. và x.\ntỉnh"
    assert text_from_words(commas_restored(words)) == expected


def test_an_item_number_read_with_a_comma_opening_a_line_before_a_capital_has_its_period():
    words = (_row(["9,", "Số", "định", "danh"], 100, 100, 0)
             + _row(["5,", "Dân", "tộc:", "Kinh", "6,", "Tôn"], 100, 150, 1)
             + _row(["12,", "phường", "Hà"], 100, 200, 2) + _row(["134,", "Phan"], 100, 250, 3))
    expected = "9. Số định danh\n5. Dân tộc: Kinh 6, Tôn\n12, phường Hà\n134, Phan"  # mid-line, before a small
    assert text_from_words(commas_restored(words)) == expected  # letter or a house's number: as read


def test_lines_of_signs_alone_or_of_one_short_doubtful_word_are_specks():
    def doubtful(text: str, line: int, confidence: float) -> list[Word]:
        return [Word(text, confidence, (100, 50 * line, 160, 50 * line + 30), 1, line)]

    words = (_row(["Độc", "lập", "-", "Tự", "do"], 100, 0, 0) + _row(["-"], 100, 50, 1) + _row([":", "."], 100, 100, 2)
             + doubtful("tu,", 3, 0.36) + doubtful("Vợ", 4, 0.93) + doubtful("Hòa", 5, 0.45)
             + doubtful("Phong", 6, 0.4) + _row(["An"], 100, 350, 7) + doubtful("ĐỐC", 8, 0.41)
             + doubtful("WH", 9, 0.47))
    assert text_from_words(specks_dropped(words)).splitlines() == ["Độc lập - Tự do", "Vợ", "Phong", "An", "ĐỐC"]
    # a sign standing apart at a line's end is a speck; print sets it against its word
    tail = _row(["ngày", "10/08/2026", "."], 100, 0, 0) + _row(["Việt", "Nam", "-"], 100, 50, 1) \
        + _row(["Độc", "lập", "-", "Tự", "do"], 100, 100, 2) + _row(["tên:"], 100, 150, 3)
    assert text_from_words(specks_dropped(tail)).splitlines() == ["ngày 10/08/2026", "Việt Nam", "Độc lập - Tự do",
                                                                  "tên:"]
    # a doubtful mark much taller than its line's words: a picture's edge, not a glyph (a sure one stays)
    edge = [Word("6", 0.37, (60, 0, 90, 70), 1, 0)] + _row(["Xã", "Hoằng", "Đức"], 100, 15, 0, height=40) \
        + [Word("6", 0.95, (60, 100, 90, 170), 1, 1)] + _row(["Xã", "Hoằng", "Đức"], 100, 115, 1, height=40)
    inside = _row(["Linh,"], 100, 215, 2, height=40) + [Word("ph", 0.4, (220, 200, 260, 270), 1, 2)] \
        + _row(["Thạch", "Thang"], 280, 215, 2, height=40)
    assert text_from_words(specks_dropped(edge + inside)).splitlines() == [
        "Xã Hoằng Đức", "6 Xã Hoằng Đức", "Linh, ph Thạch Thang"]


def test_a_short_tall_doubtful_word_a_column_gap_from_its_line_is_dropped():
    """A photocopied insurance card: its signature read "Nà" at 0.36, 1.6 print heights tall, in Tesseract's line of
    the issue date 400 px to its left. A table cell's short value a column gap away, as tall as print, stays, and
    so does the tall word read surely."""
    date = _row(["đến", "ngày", "03/09/2032"], 100, 300, 0, height=27)
    scrawl = Word("Nà", 0.36, (700, 285, 755, 328), 1, 0)
    cell = Word("Nữ", 0.45, (400, 400, 440, 427), 1, 1)
    row = _row(["03/01/1992"], 100, 400, 1, height=27) + [cell]
    sure = Word("Nà", 0.8, (700, 485, 755, 528), 1, 2)
    words = date + [scrawl] + row + _row(["đến"], 100, 500, 2, height=27) + [sure]
    assert text_from_words(specks_dropped(words)).splitlines() == ["đến ngày 03/09/2032", "03/01/1992", "Nữ", "đến",
                                                                   "Nà"]


def test_a_signature_read_as_one_tall_doubtful_word_is_dropped():
    """A blue signature over a seal read "VVN*%#" at 0.62, its box three lines of print tall: no syllable, no
    text, nor a syllable read very doubtfully. A tall title word read fairly stays, and so does a sure reading."""
    page = _row(["Họ", "và", "tên:", "ĐOÀN", "BẢO", "AN"], 100, 0, 0, height=40)
    words = page + [Word("VVN*%#", 0.62, (1400, 60, 1850, 180), 1, 1), Word("vwWv", 0.45, (1400, 200, 1850, 320), 1, 2),
                    Word("THẺ", 0.6, (100, 340, 300, 460), 1, 3), Word("2026", 0.9, (100, 480, 400, 600), 1, 4),
                    Word("MA,", 0.39, (1500, 620, 1910, 740), 1, 5)]  # a syllable, but read very doubtfully
    assert text_from_words(specks_dropped(words)).splitlines() == ["Họ và tên: ĐOÀN BẢO AN", "THẺ", "2026"]
    # read as several words, each doubtful and as tall: a signature too ("VÀ GO VÀ", 0.30–0.40); one of them
    # read surely, or a line of doubtful words of the print's height, stays
    scrawl = _row(["VÀ", "GO", "VÀ"], 700, 800, 6, height=112)
    scrawl = [Word(w.text, 0.35, w.bbox, w.block, w.line) for w in scrawl]
    sure = [Word(w.text, 0.35 if i else 0.9, w.bbox, w.block, 7) for i, w in enumerate(_row(["VÀ", "GO"], 700, 950, 7,
                                                                                                height=112))]
    low = [Word(w.text, 0.35, w.bbox, w.block, w.line) for w in _row(["Lê", "Chân"], 700, 1100, 8, height=40)]
    kept = text_from_words(specks_dropped(page + scrawl + sure + low)).splitlines()
    assert kept == ["Họ và tên: ĐOÀN BẢO AN", "VÀ GO", "Lê Chân"]
    # a blue signature read "XS" at 0.45, under twice the print's height but 240 px wide for two letters, and
    # a dash beside it (a stamped insurance card); the same two letters as wide as print stay
    wide = [Word("XS", 0.45, (1430, 968, 1670, 1019), 1, 9), Word("—", 0.62, (1642, 964, 1670, 1029), 1, 9)]
    narrow = [Word("XS", 0.45, (1430, 1100, 1470, 1140), 1, 10), Word("—", 0.62, (1480, 1100, 1510, 1140), 1, 10)]
    assert text_from_words(specks_dropped(page + wide + narrow)).splitlines() == ["Họ và tên: ĐOÀN BẢO AN", "XS —"]
    # alone on its line, a little taller than print and wider than print's letters: a signature read "VAVA" at
    # 0.76 (85 px tall and 44 px a letter among 40 px words); surely read, as narrow as print, or a syllable
    # (a title's word, "THẺ" above), it stays
    vava = [Word("VAVA", 0.76, (1400, 1200, 1576, 1285), 1, 11)]
    sure = [Word("VAVA", 0.9, (1400, 1300, 1576, 1385), 1, 12)]
    nam = [Word("NẴNG", 0.76, (1400, 1400, 1520, 1460), 1, 13)]  # 1.5 heights tall, 0.75 wide a letter
    # a syllable, but each letter wider than it is tall: a seal's mark ("LÁ" at 0.67)
    la = [Word("LÁ", 0.67, (1400, 1500, 1560, 1558), 1, 14)]
    assert text_from_words(specks_dropped(page + vava + sure + nam + la)).splitlines() == [
        "Họ và tên: ĐOÀN BẢO AN", "VAVA", "NẴNG"]


def test_a_date_read_as_two_words_is_one():
    """A space read inside a printed dd/mm/yyyy date ("05/08/1 997", "3 1/08/2026") goes; two dates, a number
    before a one-digit-day date that is not a day ("12 1/08/2026") and words a column apart stay apart."""
    words = (_row(["sinh:", "05/08/1", "997"], 100, 0, 0) + _row(["Ngày", "sinh:", "3", "1/08/2026"], 100, 50, 1)
             + _row(["01/02/2026", "2027"], 100, 100, 2) + _row(["12", "1/08/2026"], 100, 150, 3)
             + _row(["05/08/1"], 100, 200, 4) + _row(["997"], 900, 200, 4))
    assert text_from_words(dates_joined(words)).splitlines() == [
        "sinh: 05/08/1997", "Ngày sinh: 31/08/2026", "01/02/2026 2027", "12 1/08/2026", "05/08/1", "997"]
    # a day in words read as two digits; not two numbers elsewhere, nor a day that cannot be
    words = (_row(["Thủy", "Nguyên,", "ngày", "1", "1", "tháng", "2", "năm", "2026"], 100, 0, 0)
             + _row(["ngày", "4", "1", "tháng", "2"], 100, 50, 1) + _row(["số", "1", "1", "tháng"], 100, 100, 2))
    assert text_from_words(dates_joined(words)).splitlines() == [
        "Thủy Nguyên, ngày 11 tháng 2 năm 2026", "ngày 4 1 tháng 2", "số 1 1 tháng"]


def test_a_capital_read_for_a_small_letter_of_its_shape_is_small_when_it_stands_no_higher():
    """A residence confirmation's "sau:" opens a line alone: Tesseract reads "Sau:", the line giving it no small
    letter to size it by. Only the first letter's height against the "a" and "u" after it tells."""
    font = ImageFont.truetype(FONT, 40)
    for printed in ("sau:", "Sau:", "Con", "con"):
        img = Image.new("L", (200, 80), 255)
        ImageDraw.Draw(img).text((20, 60), printed, font=font, fill=0, anchor="ls")
        x0, y0, x1, y1 = img.point(lambda v: 255 - v).getbbox()
        word = Word(printed[0].upper() + printed[1:], 0.9, (x0 - 2, y0 - 10, x1 + 2, y1 + 10), 1, 0)
        assert lowercase_shaped(np.asarray(img), word).text == printed


def test_a_titles_tone_marks_read_again_as_digits_over_it_are_dropped():
    """A photocopied insurance card's big title read whole, and the hooks over its "Ẻ" and "Ả" read again as a line
    "2 2" just over it (as its "Ế" mark, "4"). A digit of print's own size above a line, or one over nothing, stays."""
    header = _row(["BẢO", "HIỂM", "XÃ", "HỘI"], 1100, 640, 0, height=35)
    title = _row(["THẺ", "BẢO", "HIỂM"], 1100, 718, 2, height=39)
    hooks = [Word("2", 0.96, (1150, 704, 1163, 715), 1, 1), Word("2", 0.38, (1195, 704, 1207, 716), 1, 1)]
    assert text_from_words(specks_dropped(header + hooks + title)).splitlines() == [
        "BẢO HIỂM XÃ HỘI", "THẺ BẢO HIỂM"]
    item = [Word("2", 0.96, (1150, 680, 1170, 716), 1, 1)]  # as tall as the title's print: an item's number
    apart = [Word("2", 0.96, (1500, 704, 1513, 715), 1, 3)]  # over no word
    kept = text_from_words(specks_dropped(header + item + apart + title)).splitlines()
    assert kept.count("2") == 2 and kept[0] == "BẢO HIỂM XÃ HỘI" and "THẺ BẢO HIỂM" in kept


def test_a_word_reading_again_part_of_another_is_dropped_but_one_beside_a_stretched_box_is_not():
    """A phone photo's ID card title as Tesseract's sparse-text layout read it (boxes as read): the small line over it
    taken into the title and "CÔNG" read a second time as a two-rows-tall "cô". "Hà" is in "thành"'s letters, and its
    box inside the one Tesseract stretched over "phố Hà Nội", but not where those letters stand in it."""
    title = [Word("CĂN", 0.97, (354, 230, 436, 266), 1, 3), Word("Cước", 0.49, (443, 197, 541, 275), 1, 3),
             Word("cô", 0.88, (575, 197, 628, 275), 1, 3), Word("CÔNG", 0.97, (578, 210, 693, 265), 1, 3),
             Word("DÂN", 0.96, (706, 228, 790, 265), 1, 3)]
    assert [w.text for w in doubled_dropped(title)] == ["CĂN", "Cước", "CÔNG", "DÂN"]
    city = [Word("thành", 0.97, (366, 677, 555, 702), 1, 9), Word("phố", 0.96, (434, 673, 470, 709), 1, 9),
            Word("Hà", 0.97, (482, 673, 506, 709), 1, 9), Word("Nội", 0.97, (518, 673, 557, 709), 1, 9)]
    assert doubled_dropped(city) == city
    below = [title[3], Word("cô", 0.9, (575, 297, 628, 330), 1, 4)]  # another line: a word of its own
    assert doubled_dropped(below) == below


def test_a_character_read_from_a_tables_wall_beside_a_word_goes():
    """A residence confirmation's member table: the wall right of its "TT" header read as "Ị", 10 px out of the word's
    box, or after "Ngày sinh" as a period; walls read as "[" or "l" before a cell's value. A wall runs on above and
    below the word; a letter's stem stops with its line, and a syllable keeps its first letter whatever stands
    beside it."""
    page = np.full((200, 400), 255, np.uint8)
    page[20:180, 100:103] = 0  # a cell's wall
    page[20:180, 300:303] = 0
    page[80:110, 200:203] = 0  # a stem as tall as the line only
    walled = [Word("TTỊ", 0.82, (40, 80, 90, 110), 1, 0), Word("[Nữ", 0.79, (101, 80, 140, 110), 1, 0),
              Word("lvợ", 0.64, (299, 80, 340, 110), 1, 0), Word("sinh.", 0.46, (240, 80, 285, 110), 1, 0)]
    out = walls_stripped(page, walled)
    assert [w.text for w in out] == ["TT", "Nữ", "vợ", "sinh"]
    assert out[1].bbox[0] == 103 and out[2].bbox[0] == 303  # the boxes start past the wall
    kept = [Word("lớp", 0.9, (101, 80, 140, 110), 1, 0), Word("lvợ", 0.64, (199, 80, 240, 110), 1, 0),
            Word("lvợ", 0.64, (160, 80, 195, 110), 1, 0)]
    assert walls_stripped(page, kept) == kept
