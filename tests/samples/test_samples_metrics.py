import random
import unicodedata

from samples.metrics import char_error_rate, edit_distance, word_error_rate


def _slow(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def test_edit_distance_matches_the_textbook_version():
    rng = random.Random(0)
    for _ in range(200):
        a = "".join(rng.choice("abcđ ") for _ in range(rng.randint(0, 12)))
        b = "".join(rng.choice("abcđ ") for _ in range(rng.randint(0, 12)))
        assert edit_distance(a, b) == _slow(a, b)
    assert edit_distance("kitten", "sitting") == 3


def test_error_rates_ignore_layout_whitespace_and_normalisation():
    ref = "CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM"
    assert char_error_rate(ref, "CỘNG  HÒA XÃ HỘI CHỦ NGHĨA\tVIỆT NAM") == 0.0
    assert char_error_rate(ref, unicodedata.normalize("NFD", ref)) == 0.0
    assert 0 < char_error_rate(ref, "CONG HOA XA HOI CHU NGHIA VIET NAM") < 0.5
    assert word_error_rate("một hai ba", "một hai bốn") == 1 / 3
    assert char_error_rate("", "") == 0.0 and char_error_rate("", "x") == 1.0
