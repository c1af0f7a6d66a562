"""What a page is: one of DESIGN.md's document types, from its OCR text, layout and QR codes.

Each type has cues: its printed title (matched against whole lines, weight 5), phrases only that paper
prints (matched anywhere, fuzzy on folded text), number shapes and a QR payload. Scores become a
probability by a softmax whose temperature was fitted on generated dossiers (see bench), so that the
confidence of the winner is calibrated; below `REVIEW_BELOW` a page is `other` and flagged for review
instead of being guessed. Card-sized regions of a page are classified separately so that one A4
photocopy holding two different cards can yield two documents.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from classifiers.text import Line

TYPES = ("cccd", "residence_confirmation", "residence_declaration_form", "birth_certificate",
         "birth_registration_form", "death_notice", "health_insurance_card", "other")
CARD_TYPES = ("cccd", "health_insurance_card")
REVIEW_BELOW = 0.6
TEMPERATURE = 1.2
NOTHING = 2.0  # the score of "none of these": a page with no cue at all is `other`, under review

# (folded phrase, weight). Titles must be (almost) a whole line; phrases may be anywhere.
TITLES: dict[str, list[tuple[str, float]]] = {
    "cccd": [("can cuoc cong dan", 5), ("chung minh nhan dan", 5), ("can cuoc", 3)],
    "residence_confirmation": [("xac nhan thong tin ve cu tru", 6)],
    "residence_declaration_form": [("to khai thay doi thong tin cu tru", 6)],
    "birth_certificate": [("giay khai sinh", 6), ("trich luc khai sinh", 6)],
    "birth_registration_form": [("to khai dang ky khai sinh", 6)],
    "death_notice": [("giay bao tu", 6), ("trich luc khai tu", 6)],
    "health_insurance_card": [("the bao hiem y te", 6)],
    "other": [("don de nghi", 5), ("don de nghi chung thuc", 5), ("giay tiep nhan ho so va hen tra ket qua", 6)],
}
PHRASES: dict[str, list[tuple[str, float]]] = {
    "cccd": [("citizen identity card", 3), ("place of origin", 2), ("place of residence", 2),
             ("date of expiry", 2), ("personal identification", 2), ("ngon tro trai", 2), ("left index finger", 2),
             ("right index finger", 1), ("idvnm", 3), ("cuc truong cuc canh sat", 2), ("full name", 1),
             ("dac diem nhan dang", 2), ("socialist republic of viet nam", 1), ("<<<<<", 2)],
    "residence_confirmation": [("thu truong co quan dang ky cu tru", 2),
                               ("xac nhan thong tin ve cu tru cua cong dan", 3),
                               ("giay xac nhan co gia tri su dung", 2), ("noi o hien tai", 1), ("noi tam tru", 1)],
    "residence_declaration_form": [("mau ct01", 2), ("nguoi ke khai", 2), ("y kien cua chu ho", 2),
                                   ("so dien thoai lien he", 1),
                                   ("nhung thanh vien trong ho gia dinh cung thay doi", 3),
                                   ("chu so huu cho o hop phap", 1)],
    "birth_certificate": [("nguoi ky giay khai sinh", 3), ("nguoi di dang ky khai sinh", 2),
                          ("noi dang ky khai sinh", 2), ("ngay, thang, nam dang ky", 1)],
    "birth_registration_form": [("nguoi yeu cau", 2), ("de nghi co quan dang ky khai sinh", 3),
                                ("quan he voi nguoi duoc khai sinh", 2),
                                ("toi cam doan noi dung de nghi dang ky khai sinh", 4),
                                ("de nghi cap ban sao", 2), ("tp/ht-2020-ks", 2)],
    "death_notice": [("da chet vao luc", 3), ("nguyen nhan chet", 3), ("noi chet", 2),
                     ("ho va ten nguoi chet", 2), ("nguoi di khai tu", 1), ("noi dang ky khai tu", 1)],
    "health_insurance_card": [("bao hiem xa hoi viet nam", 3), ("noi dang ky kcb ban dau", 3), ("kcb", 1),
                              ("gia tri su dung", 2)],
    "other": [("nguoi lam don", 2), ("ma ho so", 2), ("thanh phan ho so", 2), ("kinh de nghi quy co quan", 2),
              ("toi ten la", 2), ("nguoi tiep nhan ho so", 2), ("hen tra ket qua", 2), ("ly do", 1)],
}
# The second page of the birth registration form has no title; these say "continued".
CONTINUATION = {"birth_registration_form": ("toi cam doan noi dung de nghi dang ky khai sinh",
                                            "de nghi cap ban sao", "ho, chu dem, ten nguoi cha")}
CCCD_BACK = ("dac diem nhan dang", "ngon tro trai", "idvnm", "cuc truong cuc canh sat", "personal identification")
CCCD_FRONT = ("can cuoc cong dan", "citizen identity card", "place of origin", "full name")
_INSURANCE = re.compile(r"\b[A-Z]{2}\s?\d\s?\d{2}\s?\d{10}\b")
_ID12 = re.compile(r"(?<!\d)\d{12}(?!\d)")
_QR_CCCD = re.compile(r"^\d{12}\|")


@dataclass
class PageClass:
    """The verdict on one page (or one card-sized region of a page)."""

    type: str
    confidence: float
    review: bool = False
    scores: dict[str, float] = field(default_factory=dict)
    has_title: bool = False  # the type's title is printed: a document starts here
    continuation: bool = False  # looks like a later page of a multi-page paper
    side: str = ""  # cccd: "front", "back" or "both"
    lines: list[Line] = field(default_factory=list)


def _title_hit(line: str, title: str) -> float:
    """How well a whole (short) line is the title: 0–100."""
    line = line.strip(" .:;-_|")
    if not line or len(line) > len(title) * 1.6 + 4:
        return 0.0
    return fuzz.ratio(line, title) if len(line) <= len(title) * 1.25 else fuzz.partial_ratio(title, line) - 8


def _contains(text: str, phrase: str) -> bool:
    if phrase in text:
        return True
    if len(phrase) < 12:
        return False
    return fuzz.partial_ratio(phrase, text, score_cutoff=88) > 0


def card_regions(lines: list[Line], page_size: tuple[int, int] | None) -> int:
    """How many clusters of text are card-sized (a card is about 40% of an A4 page's width): a
    photocopy of an ID card shows two (front and back), of an insurance card one; a full page none."""
    if not page_size or not page_size[0] or not lines:
        return 0
    width, height = page_size
    count = 0
    for group in regions(lines):
        x0 = min(ln.bbox[0] for ln in group)
        y0 = min(ln.bbox[1] for ln in group)
        x1 = max(ln.bbox[2] for ln in group)
        y1 = max(ln.bbox[3] for ln in group)
        if len(group) >= 4 and 0.2 * width <= x1 - x0 <= 0.55 * width and y1 - y0 <= 0.22 * height:
            count += 1
    return count


def score_lines(lines: list[Line], qr: list[str] | tuple[str, ...] = (),
                page_size: tuple[int, int] | None = None) -> tuple[dict[str, float], set[str]]:
    """Evidence for every type; also which types had their title printed."""
    scores = dict.fromkeys(TYPES, 0.0)
    titled: set[str] = set()
    folded = [ln.folded for ln in lines]
    for t, titles in TITLES.items():
        best = 0.0
        for title, w in titles:
            for f in folded:
                hit = _title_hit(f, title)
                if hit >= 82:
                    best = max(best, w * hit / 100)
        if best:
            scores[t] += best
            titled.add(t)
    text = "\n".join(folded)
    for t, phrases in PHRASES.items():
        scores[t] += sum(w for phrase, w in phrases if _contains(text, phrase))
    raw = "\n".join(ln.text for ln in lines)
    if _INSURANCE.search(raw.replace(" ", "")) or _INSURANCE.search(raw):
        scores["health_insurance_card"] += 2
    if any(_QR_CCCD.match(q) for q in qr):
        scores["cccd"] += 6
    cards = card_regions(lines, page_size)
    if cards >= 2:
        scores["cccd"] += 3
    elif cards == 1:
        scores["cccd"] += 1
        scores["health_insurance_card"] += 1.5
    return scores, titled


def calibrate(scores: dict[str, float]) -> dict[str, float]:
    """Softmax over the evidence, with a "nothing" alternative so that no cue means low confidence."""
    top = max([*scores.values(), NOTHING])
    exps = {t: math.exp((s - top) / TEMPERATURE) for t, s in scores.items()}
    total = sum(exps.values()) + math.exp((NOTHING - top) / TEMPERATURE)
    return {t: e / total for t, e in exps.items()}


def classify_lines(lines: list[Line], qr: list[str] | tuple[str, ...] = (),
                   page_size: tuple[int, int] | None = None) -> PageClass:
    scores, titled = score_lines(lines, qr, page_size)
    probs = calibrate(scores)
    best = max(probs, key=probs.get)
    conf = probs[best]
    text = "\n".join(ln.folded for ln in lines)
    side = ""
    if best == "cccd":
        front = any(_contains(text, p) for p in CCCD_FRONT) or any(_QR_CCCD.match(q) for q in qr)
        back = any(_contains(text, p) for p in CCCD_BACK)
        side = "both" if front and back else ("back" if back else "front")
    continuation = best in CONTINUATION and best not in titled and any(
        _contains(text, p) for p in CONTINUATION[best])
    result = PageClass(best, round(conf, 4), scores={t: round(p, 4) for t, p in probs.items()},
                       has_title=best in titled, continuation=continuation, side=side, lines=lines)
    if conf < REVIEW_BELOW:
        result.type, result.review = "other", True
    return result


def regions(lines: list[Line]) -> list[list[Line]]:
    """Clusters of lines that touch when each is grown by about one text height: on an A4 photocopy
    of cards, each card (or card side) becomes its own cluster; on a full page, everything joins."""
    n = len(lines)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grown = []
    for ln in lines:
        x0, y0, x1, y1 = ln.bbox
        g = max(ln.height, 8) * 1.3
        grown.append((x0 - g, y0 - g, x1 + g, y1 + g))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = grown[i], grown[j]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                parent[find(i)] = find(j)
    groups: dict[int, list[Line]] = {}
    for i, ln in enumerate(lines):
        groups.setdefault(find(i), []).append(ln)
    return sorted(groups.values(), key=lambda g: (min(ln.bbox[1] for ln in g), min(ln.bbox[0] for ln in g)))


def classify_page(lines: list[Line], qr: list[str] | tuple[str, ...] = (),
                  page_size: tuple[int, int] | None = None) -> list[PageClass]:
    """One verdict per document found on the page: usually one; two or more when the page holds
    card-sized regions of different cards (an ID card and an insurance card, or two people's IDs).
    `page_size` (width, height of the OCR frame) enables the card-size cue."""
    whole = classify_lines(lines, qr, page_size)
    if whole.type not in CARD_TYPES and not (whole.review and any(whole.scores.get(t, 0) > 0.2 for t in CARD_TYPES)):
        return [whole]
    parts = [g for g in regions(lines) if sum(len(ln.text) for ln in g) >= 20]
    if len(parts) < 2:
        return [whole]
    verdicts = [classify_lines(g) for g in parts]
    cards = [(g, v) for g, v in zip(parts, verdicts, strict=True) if v.type in CARD_TYPES and not v.review]
    if len({v.type for _, v in cards}) < 2 and not _two_people(cards):
        return [whole]
    return _group_cards(parts, verdicts, qr)


def _ids(lines: list[Line]) -> set[str]:
    return {m.group() for ln in lines for m in _ID12.finditer(ln.text.replace(" ", ""))}


def _two_people(cards: list[tuple[list[Line], PageClass]]) -> bool:
    ids = [_ids(g) for g, v in cards if v.type == "cccd" and v.side in ("front", "both")]
    fronts = [i for i in ids if i]
    return len(fronts) >= 2 and len(set().union(*fronts)) >= 2 and not set.intersection(*fronts)


def _centre(lines: list[Line]) -> tuple[float, float]:
    xs = [ln.bbox for ln in lines]
    return (sum((b[0] + b[2]) / 2 for b in xs) / len(xs), sum((b[1] + b[3]) / 2 for b in xs) / len(xs))


def _group_cards(parts: list[list[Line]], verdicts: list[PageClass], qr) -> list[PageClass]:
    """Each front (or a card type with its title) anchors a document; backs and unsure regions join
    the nearest anchor of a compatible type."""
    anchors = [i for i, v in enumerate(verdicts)
               if not v.review and (v.type != "cccd" or v.side in ("front", "both"))]
    if not anchors:
        anchors = [0]
    members: dict[int, list[int]] = {a: [a] for a in anchors}
    for i, v in enumerate(verdicts):
        if i in members:
            continue
        candidates = [a for a in anchors if v.review or verdicts[a].type == v.type] or anchors
        cx, cy = _centre(parts[i])
        a = min(candidates, key=lambda k: math.dist((cx, cy), _centre(parts[k])))
        members[a].append(i)
    out = []
    for a in sorted(members, key=lambda k: min(members[k])):
        lines = [ln for i in sorted(members[a]) for ln in parts[i]]
        mine = [q for q in qr if any(q.startswith(x) for x in _ids(lines))]
        verdict = classify_lines(lines, mine)
        out.append(verdict)
    return out
