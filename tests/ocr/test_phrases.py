"""The fixed phrases of the papers take their marks back; other words, and marks placed in the other style,
are left as read."""

from __future__ import annotations

from ocr.phrases import phrases_restored
from ocr.types import Word


def _line(text: str, line: int = 0) -> list[Word]:
    return [Word(t, 0.9, (40 * i, 10 * line, 40 * i + 30, 10 * line + 8), 1, line) for i, t in enumerate(text.split())]


def _texts(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def test_a_title_read_with_another_real_syllable_takes_its_marks():
    assert _texts(phrases_restored(_line("GIẦY KHAI SINH"))) == "GIẤY KHAI SINH"
    assert _texts(phrases_restored(_line("THẺ BẢO HIẾM Y TẾ"))) == "THẺ BẢO HIỂM Y TẾ"
    assert _texts(phrases_restored(_line("GIẤM ĐỐC"))) == "GIÁM ĐỐC"
    assert _texts(phrases_restored(_line("Ý KIỀN CỦA CHỦ HỘ"))) == "Ý KIẾN CỦA CHỦ HỘ"
    assert _texts(phrases_restored(_line("Giầy khai sinh:"))) == "Giấy khai sinh:"  # case and colon kept
    assert _texts(phrases_restored(_line("chứng thực 03 bẳn sao"))) == "chứng thực 03 bản sao"
    assert _texts(phrases_restored(_line("Seo chấm C:1cm dưới trước cánh mũi phải"))).startswith("Sẹo chấm C:1cm")
    assert _texts(phrases_restored(_line("Nốt ruỗi C:2cm trên"))) == "Nốt ruồi C:2cm trên"
    assert _texts(phrases_restored(_line("(Ký, ghì rõ họ tên)"))) == "(Ký, ghi rõ họ tên)"
    # a phrase printed in capitals, read partly in them, is capitals throughout; read all in small letters or
    # with capitals only at the start, it keeps the case as read
    assert _texts(phrases_restored(_line("GIAM Đốc"))) == "GIÁM ĐỐC"
    assert _texts(phrases_restored(_line("Giám đốc"))) == "Giám đốc"
    words = _line("Độc lập - Tự đo - Hạnh phúc")
    fixed = phrases_restored(words)
    assert _texts(fixed) == "Độc lập - Tự do - Hạnh phúc"
    assert [w.bbox for w in fixed] == [w.bbox for w in words]  # only the text changes


def test_other_words_and_the_old_mark_placement_are_left_alone():
    for text in ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # "HOÀ": the same syllable as "HÒA"
                 "Đặc lập - Tự đa - Hạnh phác",  # three letters misread: too far from the motto
                 "quyền sở hữu",  # the letters of the label "Quyển số" and more: labels are not phrases
                 "GIẦY"):  # one word of a phrase alone
        assert _texts(phrases_restored(_line(text))) == text
    # a phrase's words across two lines are two lines' words
    split = _line("BẢO HIẾM", 0) + _line("XÃ HỘI VIỆT NAM", 1)
    assert _texts(phrases_restored(split)) == "BẢO HIẾM XÃ HỘI VIỆT NAM"


def test_a_place_after_its_unit_word_takes_the_marks_of_the_one_unit_of_its_letters():
    assert _texts(phrases_restored(_line("xã Nghỉ Long, huyện Nghỉ Lộc, tỉnh Nghệ An"))) == \
        "xã Nghi Long, huyện Nghi Lộc, tỉnh Nghệ An"
    assert _texts(phrases_restored(_line("Phường Đồng Thọ, thành phố Thanh Hóa"))) == \
        "Phường Đông Thọ, thành phố Thanh Hóa"
    assert _texts(phrases_restored(_line("PHƯỜNG BÉN THỦY"))) == "PHƯỜNG BẾN THỦY"
    # a province's unit word read "tính" (its letters are only "Giới tính"'s, and no province follows that)
    assert _texts(phrases_restored(_line("Thôn 3, tính Thanh Hóa"))) == "Thôn 3, tỉnh Thanh Hóa"
    assert _texts(phrases_restored(_line("Giới tính: Nam"))) == "Giới tính: Nam"


def test_a_place_two_units_spell_takes_the_marks_the_page_prints_it_with_elsewhere():
    """Hoằng Hóa has a xã Hoằng Quỳ and a xã Hoằng Quý: the insurance card's clinic line read right decides
    its address line, read "Hoàng Quỷ"; without such a line, or with both spellings on the page, nothing does."""
    page = _line("Địa chỉ: Thôn 3, xã Hoàng Quỷ, huyện Hoằng Hóa", 0) + _line("Trạm Y tế xã Hoằng Quỳ", 1)
    assert _texts(phrases_restored(page)) == "Địa chỉ: Thôn 3, xã Hoằng Quỳ, huyện Hoằng Hóa Trạm Y tế xã Hoằng Quỳ"
    both = page + _line("xã Hoằng Quý", 2)
    assert "xã Hoàng Quỷ," in _texts(phrases_restored(both))


def test_a_place_is_left_as_read_when_its_letters_or_its_unit_word_say_too_little():
    for text in ("Xã Hoằng Quỹ,",  # Hoằng Hóa has a xã Hoằng Quỳ and a xã Hoằng Quý
                 "Hoàng Đức Quân 8. Mối quan hệ",  # a name, then item 8: "Quân" is not the unit word "Quận"
                 "ngõ 113 Xã Đàn, phường Kim Liên",  # a street then a ward, not a commune "Xã Đan Phượng"
                 "Nghỉ Lộc"):  # no unit word
        assert _texts(phrases_restored(_line(text))) == text


def test_a_label_takes_its_marks_only_with_its_colon():
    assert _texts(phrases_restored(_line("Quyền số: 03/2026"))) == "Quyển số: 03/2026"
    assert _texts(phrases_restored(_line("8. Mỗi quan hệ với chủ hộ: Chủ hộ"))) == "8. Mối quan hệ với chủ hộ: Chủ hộ"
    assert _texts(phrases_restored(_line("bảo vệ quyền sở hữu"))) == "bảo vệ quyền sở hữu"
    # the insurance card's, read so on a stamped card
    assert _texts(phrases_restored(_line("Mã sô: TE1383830263529"))) == "Mã số: TE1383830263529"
    assert _texts(phrases_restored(_line("Nơi đăng ký KCB ban đâu: Trạm Y tế"))) == "Nơi đăng ký KCB ban đầu: Trạm Y tế"
    assert _texts(phrases_restored(_line("mã sô"))) == "mã sô"


def test_a_long_fixed_line_with_a_letter_or_a_sign_misread_is_that_line():
    """The ID card's printed lines, English halves included, are fixed: a letter or two off (one in eight
    letters, signs aside), half their words read right, on one line, they are the card's words."""
    for read, printed in (("SOCIALIST REPUBLIC OE VIET NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
                          ("Independence - Ereedom - Happiness", "Independence - Freedom - Happiness"),
                          ("Left index [inger", "Left index finger"),
                          ("Date of expiry.", "Date of expiry:"),  # the colon read as a period
                          ("QUẢN I.Y HÀNH HỈNH VỀ TRẬT TỰ XÃ HỘI", "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"),
                          # specks read inside words are no misread letters (a stamped card)
                          ("QUẢN I.Y HÀNH (.HINH VỀ TRẬT TỰ XÃ HỘI", "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"),
                          ("Giới tính / Sex: Nam Quốc tịch / Nafionality: Việt Nam",
                           "Giới tính / Sex: Nam Quốc tịch / Nationality: Việt Nam"),
                          ("Đặc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc")):
        assert _texts(phrases_restored(_line(read))) == printed
    assert _texts(phrases_restored(_line("Mẫu CT01 ban hành kèm theo Thông tit"))) == \
        "Mẫu CT01 ban hành kèm theo Thông tư"
    for text in ("Ngón trỏ trái",  # the other finger is another line, not a misread
                 "Ngón trỏ thải",  # one letter from either finger: neither
                 "Date of birth: 08/10/1978",  # read right
                 "giấy tờ tùy thân số",  # a label without its colon: common words
                 "Left index"):  # part of a line
        assert _texts(phrases_restored(_line(text))) == text
    split = _line("Left index", 0) + _line("[inger", 1)
    assert _texts(phrases_restored(split)) == "Left index [inger"


def test_a_fixed_line_with_a_space_read_in_a_word_or_lost_is_that_line():
    """A phone photo's "CHÍNH" read "t HỈNH" (a speck of the stamp before it read as a letter): the space between
    them counts as one more edit; the two become the phrase's one word, over both their boxes, in its case. A
    space lost counts the same, and the one word read is two, its box shared by their letters."""
    read = _line("QUẢN I.Y HÀNH t HỈNH VỀ TRẬT TỰ XÃ HỘI")
    out = phrases_restored(read)
    assert _texts(out) == "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"
    assert out[3].bbox == (read[3].bbox[0], read[3].bbox[1], read[4].bbox[2], read[4].bbox[3])
    assert out[4] is not read[5] and out[4].bbox == read[5].bbox
    assert _texts(phrases_restored(_line("Left in dex finger"))) == "Left index finger"
    glued = _line("QUẢN1.Ý HÀNH HỈNH VỀ TRẬT TỰ XÃ HỘI")  # a photocopy's speck in the space: two read as one
    out = phrases_restored(glued)
    assert _texts(out) == "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"
    (x0, _, x1, _), (a0, _, a1, _), (b0, _, b1, _) = glued[0].bbox, out[0].bbox, out[1].bbox
    assert (a0, b1) == (x0, x1) and a1 == b0
    for text in ("QUẢN I.Y HÀNH tư HỈNH VỀ TRẬT TỰ XÃ HỘI",  # the pair too far from the word, with the rest
                 "Left index finger tip",  # the line read right, a word after it
                 "Ngày sinh / Date of birth:",  # read right: its sign is no word to join to one beside it
                 "11. Những thành viên trong hộ gia đình cùng thay đổi:"):  # nor the number before it
        assert _texts(phrases_restored(_line(text))) == text


def test_a_fixed_line_read_in_pieces_or_with_a_word_lost_is_that_line():
    """Up to two spaces read inside the line's words or lost between them, its words lined up with the read ones by
    their letters: a small line read in pieces, a speck read as a word of its own between two, a short word lost
    with its space inside the line."""
    read = _line("Independenc: e - Freedom - H appiness")
    out = phrases_restored(read)
    assert _texts(out) == "Independence - Freedom - Happiness"
    assert out[0].bbox == (read[0].bbox[0], read[0].bbox[1], read[1].bbox[2], read[1].bbox[3])
    assert out[-1].bbox == (read[5].bbox[0], read[5].bbox[1], read[6].bbox[2], read[6].bbox[3])
    for got, printed in (("QUẢN I Ý HÀNH ( HINH VỀ TRẬT TỰ XÃ HỘI", "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"),
                         ("Nơi thường trú / Place residence:", "Nơi thường trú / Place of residence:"),
                         ("SOCIAL IST REPUB LIC OF VIET NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
                         ("Ngày, tháng, năm Date, month;.year: 07/03/2021",
                          "Ngày, tháng, năm Date, month, year: 07/03/2021")):
        assert _texts(phrases_restored(_line(got))) == printed
    for text in ("Họ và tên / Full name:",  # read right: no word lost before its first ("Họ họ và tên")
                 "và tên / Full name:",  # part of the line: a word lost at its start is no word lost
                 "Independenc: e Freedom - H appiness",  # a sign lost: which it was, nothing tells
                 "Left in dex fin ger"):  # three spaces
        assert _texts(phrases_restored(_line(text))) == text


def test_a_speck_read_after_a_word_inside_a_phrase_goes():
    """A photocopy's speck after "CỤC" of the signer's title, read as its period or colon: inside a phrase its words
    take its own signs; after its last word a sign may be the sentence's, and stays."""
    assert _texts(phrases_restored(_line("CỤC. TRƯỞNG CỤC CẢNH SÁT"))) == "CỤC TRƯỞNG CỤC CẢNH SÁT"
    assert _texts(phrases_restored(_line("Độc lập - Tự: do - Hạnh phúc"))) == "Độc lập - Tự do - Hạnh phúc"
    assert _texts(phrases_restored(_line("bản sao GIẤY KHAI SINH."))) == "bản sao GIẤY KHAI SINH."


def test_a_fixed_line_read_a_letter_off_outdoes_a_shorter_phrase_read_right_in_it():
    assert _texts(phrases_restored(_line("Đặc điểm nhân dạng / Personal ideatification:"))) == \
        "Đặc điểm nhân dạng / Personal identification:"
    assert _texts(phrases_restored(_line("Đặc điểm nhân dạng"))) == "Đặc điểm nhân dạng"


def test_a_residential_groups_word_before_its_number_is_to_with_its_hook():
    assert _texts(phrases_restored(_line("Nơi thường trú: Tố 34, số nhà 134"))) == "Nơi thường trú: Tổ 34, số nhà 134"
    assert _texts(phrases_restored(_line("(TỒ 5 -"))) == "(TỔ 5 -"
    # the name "Tô", another word or no number after it: as read
    assert _texts(phrases_restored(_line("Tô 5 Tố Hữu tờ 2 Tố"))) == "Tô 5 Tố Hữu tờ 2 Tố"
    assert _texts(phrases_restored([*_line("Tố"), *_line("34", line=1)])) == "Tố 34"  # the number on the next line
