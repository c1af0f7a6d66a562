"""Cards photocopied or photographed on an A4 page: where they are, so each is read on its own.

Read as one page, the two sides of an ID card (or an ID card and an insurance card) come out with their
lines interleaved, and Tesseract's layout analysis, misled by the card's photo, tinted background and
frame, drops or doubles lines. Cut out, each card reads as the small page it is.

A card is found on the page thumbnail (upright, deskewed) as a filled region, darker than the paper or
framed by a border, with the proportions of an ID-1 card (85.6 × 54 mm, aspect 1.59) and the size of
one on an A4 page (a few per cent of it up to about a third).
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr import clean
from ocr.types import area, shared_area

_ASPECT = (1.4, 1.8)
_AREA = (0.03, 0.35)  # share of the page
_RECTANGULAR = 0.85  # region area / its bounding box


def find_cards(small: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the card-shaped regions of an upright page thumbnail, top to bottom.

    Works on edges at a quarter of the thumbnail: a card's outline (the step from paper to its tinted
    face, or its printed border) is a long closed contour, while shading and toner specks give none.
    """
    f = 0.25
    tiny = cv2.resize(small, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    tiny = cv2.GaussianBlur(_without_streaks(tiny), (3, 3), 0)
    edges = cv2.dilate(cv2.Canny(tiny, 12, 36), np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)  # inner sides too
    page_area = float(tiny.shape[0] * tiny.shape[1])
    boxes = []
    for c in sorted(contours, key=cv2.contourArea, reverse=True):  # outer side of an outline first
        x, y, w, h = cv2.boundingRect(c)
        area = w * h
        if not (_AREA[0] <= area / page_area <= _AREA[1]):
            continue
        if not (_ASPECT[0] <= max(w, h) / max(min(w, h), 1) <= _ASPECT[1]):
            continue
        if cv2.contourArea(c) < _RECTANGULAR * area:
            continue
        box = tuple(int(round(v / f)) for v in (x, y, x + w, y + h))
        if not any(_overlap(box, b) > 0.5 for b in boxes):  # the two sides of one outline
            boxes.append(box)
    return sorted(boxes, key=lambda b: (b[1], b[0]))


_STREAK_SHARE = 0.35  # of the page height: a thin dark vertical line this long is a copier streak, not a card side


def _without_streaks(tiny: np.ndarray) -> np.ndarray:
    """`tiny` with photocopier streaks painted over by their surroundings.

    A streak crossing a card joins the card's outline into one contour as tall as the page, so the card
    is no longer card-shaped; no card side is as long as a third of the page.
    """
    closed = cv2.morphologyEx(tiny, cv2.MORPH_CLOSE, np.ones((1, 5), np.uint8))  # lines up to 4 px wide gone
    thin = (cv2.subtract(closed, tiny) > 6).astype(np.uint8)
    length = max(3, int(_STREAK_SHARE * tiny.shape[0]))
    wide = cv2.dilate(thin, np.ones((1, 5), np.uint8))  # sideways slack: a streak is tilted after deskew
    streaks = clean.line_opening(wide, length, vertical=True) & thin
    if not streaks.any():
        return tiny
    out = tiny.copy()
    mask = cv2.dilate(streaks, np.ones((1, 3), np.uint8)) > 0
    out[mask] = closed[mask]
    return out


def _overlap(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Intersection over the smaller box."""
    return shared_area(a, b) / min(area(a), area(b))
