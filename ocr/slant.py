"""The slant of italic or handwritten ink, and the ink set upright.

`vie` misreads italic digits, and surely, that it reads right upright: a handwritten "079081846595" read
"279087846595" at 0.93, "0947243193" read "997243793"; sheared upright, `eng` and `vie` read both right. The
slant is the shear that stands the strokes up: the one under which the ink's column profile is most peaked
(upright stems fall into few columns), the usual estimate of handwriting recognisers.
"""

from __future__ import annotations

import cv2
import numpy as np

_SHEARS = np.arange(-0.3, 0.55, 0.05)  # x shift per pixel of height: print leans right up to ~0.3 (17°), hands more
ITALIC = 0.1  # a slant this large (6°) is italic or handwriting: print stands within ±0.05


def slant(ink: np.ndarray) -> float:
    """The shear (x per pixel up) of the ink in a boolean mask: positive when it leans right; 0 without ink."""
    ys, xs = np.nonzero(ink)
    if xs.size == 0:
        return 0.0
    lift = (ys.mean() - ys).astype(np.float32)  # height above the ink's middle: a right lean shifts it right
    columns = np.rint(xs[None, :] - _SHEARS[:, None] * lift[None, :]).astype(np.int64)
    columns -= columns.min()
    peak = [float(np.square(np.bincount(c)).sum()) for c in columns]
    return float(_SHEARS[int(np.argmax(peak))])


def upright(image: np.ndarray, shear: float, fill: int = 255) -> np.ndarray:
    """`image` with a lean of `shear` taken off (sheared about its middle row), widened so that no ink leaves it."""
    h, w = image.shape[:2]
    pad = int(np.ceil(abs(shear) * h / 2)) + 1
    m = np.float32([[1.0, shear, pad - shear * h / 2], [0.0, 1.0, 0.0]])
    return cv2.warpAffine(image, m, (w + 2 * pad, h), flags=cv2.INTER_LINEAR, borderValue=fill)
