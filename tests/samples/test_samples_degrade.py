import math
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from samples import PROFILES, degrade


def _page() -> Image.Image:
    """A small upright 'page': a dark header band at the top and a long horizontal rule lower down."""
    img = Image.new("RGB", (620, 877), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((60, 40, 560, 110), fill=(20, 20, 20))
    d.line((60, 600, 560, 600), fill=(0, 0, 0), width=3)
    return img


def _dark_rows(img: Image.Image) -> np.ndarray:
    a = np.asarray(img.convert("L"), dtype=np.float32)
    return (a < 100).mean(axis=1)


@pytest.mark.parametrize("seed", range(6))
def test_rotation_is_the_clockwise_turn_that_restores_the_page(seed):
    d = degrade(_page(), "rotated", random.Random(seed))
    assert d.rotation in (90, 180, 270)
    upright = d.image.rotate(-d.rotation, expand=True)
    assert upright.height > upright.width  # portrait again
    rows = _dark_rows(upright)
    h = len(rows)
    assert rows[: h // 5].sum() > 5 * rows[h // 2:].sum() + 1  # the header band is at the top


def _rule_angle(img: Image.Image) -> float:
    """Counter-clockwise angle (degrees) of the long rule in the lower part of an upright image."""
    a = np.asarray(img.convert("L"), dtype=np.float32)
    h, w = a.shape
    ys, xs = np.nonzero(a[h // 2: h * 9 // 10, w // 5: w * 4 // 5] < 100)
    keep = np.abs(ys - np.median(ys)) < 40  # drop specks far from the rule
    for _ in range(3):  # refit on the points near the line
        slope, icpt = np.polyfit(xs[keep], ys[keep], 1)
        keep = np.abs(ys - (slope * xs + icpt)) < 4
    return -math.degrees(math.atan(slope))  # image y grows downwards


@pytest.mark.parametrize("profile", ["scanner", "rotated", "photocopy"])
def test_skew_is_counter_clockwise_in_the_upright_frame(profile):
    for seed in range(3):
        d = degrade(_page(), profile, random.Random(seed))
        upright = d.image.rotate(-d.rotation, expand=True)
        assert abs(_rule_angle(upright) - d.skew_deg) < 0.35, (seed, d.skew_deg)


def test_phone_skew_and_metadata():
    d = degrade(_page(), "phone", random.Random(4))
    assert d.dpi is None and d.rotation == 0 and abs(d.skew_deg) <= 10
    assert abs(_rule_angle(d.image) - d.skew_deg) < 0.6


@pytest.mark.parametrize("profile", PROFILES)
def test_profiles_are_deterministic_and_plausible(profile):
    page = _page()
    a = degrade(page, profile, random.Random(1))
    b = degrade(page, profile, random.Random(1))
    assert a.image.tobytes() == b.image.tobytes() and a.skew_deg == b.skew_deg and a.rotation == b.rotation
    assert a.dpi == (None if profile == "phone" else 300)
    if profile == "clean":
        assert a.rotation == 0 and a.skew_deg == 0
    if profile == "scanner":
        assert 0 < abs(a.skew_deg) <= 3
    if profile == "stamped":
        arr = np.asarray(a.image.convert("RGB"), dtype=np.int16)
        red = (arr[..., 0] - arr[..., 1] > 60) & (arr[..., 0] > 120)
        assert red.sum() > 500
    if profile == "photocopy":
        assert np.asarray(a.image.convert("L")).mean() < 235  # grey background


def test_unknown_profile_is_refused():
    with pytest.raises(ValueError):
        degrade(_page(), "fax", random.Random(0))
