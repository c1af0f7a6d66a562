import unicodedata

import pytest

from samples.metrics import char_error_rate, word_error_rate, word_miss_rate


def test_error_rates_ignore_layout_whitespace_and_normalisation():
    ref = "CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM"
    assert char_error_rate(ref, "CỘNG  HÒA XÃ HỘI CHỦ NGHĨA\tVIỆT NAM") == 0.0
    assert char_error_rate(ref, unicodedata.normalize("NFD", ref)) == 0.0
    assert 0 < char_error_rate(ref, "CONG HOA XA HOI CHU NGHIA VIET NAM") < 0.5
    assert word_error_rate("một hai ba", "một hai bốn") == 1 / 3
    assert char_error_rate("", "") == 0.0 and char_error_rate("", "x") == 1.0
    assert char_error_rate("kitten", "sitting") == 3 / 6


def test_word_miss_rate_ignores_order_but_counts_repeats():
    ref = "Ngón trỏ trái\nNgón trỏ phải"
    assert word_miss_rate(ref, "Ngón trỏ phải Ngón trỏ trái") == 0.0
    assert word_miss_rate(ref, "Ngón trỏ trái phải") == 2 / 6
    assert word_miss_rate(ref, "") == 1.0 and word_miss_rate("", "x") == 0.0


def test_line_order_free_cer_forgives_column_order_but_not_misreads():
    from samples.metrics import char_error_rate, line_order_free_cer

    left, right = ["ỦY BAN NHÂN DÂN", "XÃ NGHI TRUNG"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do"]
    ref = "\n".join([*left, *right, "GIẤY BÁO TỬ"])
    interleaved = "\n".join([left[0], right[0], left[1], right[1], "GIẤY BÁO TỬ"])
    assert char_error_rate(ref, interleaved) > 0.1
    assert line_order_free_cer(ref, interleaved) == 0.0
    misread = interleaved.replace("GIẤY", "GIẦY").replace("XÃ NGHI TRUNG\n", "")
    expected = char_error_rate(ref, ref.replace("GIẤY", "GIẦY").replace("XÃ NGHI TRUNG\n", ""))
    assert line_order_free_cer(ref, misread) > 0.1  # a dropped line costs its characters
    assert line_order_free_cer(ref, misread) == pytest.approx(expected, abs=0.02)
    # never worse than reading the lines as they come
    assert line_order_free_cer(ref, "Độc\nlập") <= char_error_rate(ref, "Độc\nlập")
