"""Label → value reading shared by every document type.

A paper prints "Label: value" (forms, certificates) or the label with the value on the line below
(cards). `Spec` says which labels announce a field, what kind of value follows (date, name, ID…) and
where; `read_fields` finds the label by fuzzy match on folded text, cuts the value at the next label
on the same line, follows wrapped address lines until the province is named, normalises the value and
keeps the boxes of the words it came from.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from classifiers.datewords import DIGIT_WORDS
from classifiers.documents import ExtractedField
from classifiers.names import fix_surname, given_marks, join_split_syllables
from classifiers.places import correct_address, fix_address
from classifiers.provinces import cut_after_province, ends_with_province
from classifiers.text import Hit, Line, digits_like, find_dates, find_label, fold, nfc, squash, union
from ocr.syllables import mark_key, syllables


@dataclass(frozen=True)
class Spec:
    name: str
    labels: tuple[str, ...]  # folded
    kind: str = "text"  # text | address | name | date | sex | id | year | nationality | insurance
    below: bool = False  # the value is printed under the label (cards)
    wrap: bool = False  # a long value that may continue on the next line (addresses always may)
    after: str | None = None  # search only below the line where this other field was found
    min_score: float = 88.0
    until: tuple[str, ...] = ()  # folded headings of the next block: an item left blank is not read past them
    clean: Callable[[str], str] | None = None  # the paper's own cleanup of a normalised value


@dataclass
class Raw:
    """A value as read, before normalisation: its text, words and where."""

    text: str
    words: list
    line: Line
    score: float


_NUMBERING = re.compile(r"\s\(?(?=[Il|]?\d)[\dIl|]{1,2}\s?[.)]?\s*$")  # "… 3.", "… I3." (13. misread)
_ID = re.compile(r"(?<!\d)(\d{12}|\d{9})(?!\d)")
_ID12 = re.compile(r"(?<!\d)(\d{12})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_INSURANCE = re.compile(r"([A-Z]{2})(\d)(\d{2})(\d{10})")


def _first_hit(line: Line, labels: tuple[str, ...], min_score: float, start: int = 0) -> Hit | None:
    hits = [h for lab in labels if (h := find_label(line.folded, lab, min_score, start))]
    return min(hits, key=lambda h: (h.start, -h.score)) if hits else None


def _cut(line: Line, start: int, stops: tuple[str, ...]) -> int:
    """End of a value starting at `start`: the next label on the same line, or the line's end."""
    end = len(line.text)
    for stop in stops:
        h = find_label(line.folded, stop, 90.0, start + 1)
        if h and h.start < end:
            end = h.start
    return end


_LABEL_REST = re.compile(r"[^\s\d:]+:")


def _value_span(line: Line, start: int, end: int) -> tuple[str, list]:
    if start > 0 and line.text[start - 1].isalpha() and (rest := _LABEL_REST.match(line.text, start, end)):
        start = rest.end()  # the label found ends inside a word ending in a colon: "Địä€hÌ:" is all label
    text = line.text[start:end]
    if end < len(line.text):  # cut at the next label: drop that label's item number ("… 3. Giới tính")
        text = _NUMBERING.sub("", text)
    lead = len(text) - len(text.lstrip(" :;.,-_|"))
    text = re.sub(r"\s+", " ", text).strip().lstrip(" :;.,-_|'\"`~*").rstrip(" :;.-_|'\"`~*")
    if not text:
        return "", []
    s = start + lead
    return text, line.span_words(s, s + len(text))


def _below(lines: list[Line], ref: Line, max_gap: float = 2.2, box: tuple | None = None) -> Line | None:
    """The nearest line under `ref` (under `box`, its label's words, when given: a speck read into the line
    can reach far below the label, past its value) on the same page that overlaps it horizontally. A line's
    top is its words' median top: a speck merged into it (a seal's edge, a card's pattern read "Ồ" beside the
    value) can raise its box's top above the label."""
    x0, _, x1, y1 = box or ref.bbox
    h = max(ref.height, 8)
    best, best_top = None, 0.0
    for ln in lines:
        if ln is ref or ln.page != ref.page or not ln.words:
            continue
        bx0, _, bx1, _ = ln.bbox
        top = statistics.median(w.bbox[1] for w in ln.words)
        if top < y1 - h * 0.6 or top - y1 > h * max_gap or bx1 < x0 or bx0 > x1 + h * 2:
            continue
        if best is None or top < best_top:
            best, best_top = ln, top
    return best


def _label_words(line: Line, start: int, end: int) -> list:
    """The label's words, with the words before it on its line that an ordinary space joins to it: a
    garbled first half ("Quê qiảán / Place of origin:", the English half matched) starts the column too."""
    words = line.span_words(start, end)
    if not words:
        return words
    first = line.words.index(words[0])
    return line.words[_joined_from(line, first) : first] + words


def _joined_from(line: Line, k: int) -> int:
    """The first word of `line` that ordinary spaces join to its `k`-th word (a column's gap is wider)."""
    h = max(line.height, 8)
    while k > 0 and line.words[k].bbox[0] - line.words[k - 1].bbox[2] < 0.8 * h:
        k -= 1
    return k


def _aligned_start(under: Line, label_words: list) -> int:
    """Offset in `under` of its first word that is not left of the label: a value printed under its label
    starts in the label's column; specks to its left (a card's photo, a stamp) are not part of it."""
    if not label_words:
        return 0
    h = max(under.height, 8)
    bound = label_words[0].bbox[0] - 1.5 * h
    k = next((i for i, w in enumerate(under.words) if w.bbox[2] >= bound), None)
    if k is None:
        return 0
    # the label's first words may be lost ("Quê quán /" unread): words joined to the value by an ordinary
    # space are its start, whatever the label's position; a speck stands apart across the photo's gap
    return under.starts[_joined_from(under, k)]


def _wrapped_tails(line: Line, labels: tuple[str, ...]) -> list[str]:
    """Labels broken over two lines ("13. Quan hệ với chủ" / "hộ: Chủ hộ"): the tails (whole words, exact
    on folded text) that the next line must start with when `line` ends with the rest of a label."""
    end = line.folded.rstrip(" :")
    tails = []
    for label in labels:
        words = label.split()
        for k in range(len(words) - 1, 0, -1):
            head = " ".join(words[:k])
            before = end[-len(head) - 1: -len(head)] if len(end) > len(head) else " "
            if len(head) >= 6 and end.endswith(head) and not before.isalnum():
                tails.append(" ".join(words[k:]))
    return tails


def _tail_hit(nxt: Line, tails: list[str]) -> Hit | None:
    """Where a label's tail opens the next line; the value follows it."""
    at = len(nxt.folded) - len(nxt.folded.lstrip(" "))
    for tail in tails:
        if nxt.folded.startswith(tail, at):
            return Hit(at, at + len(tail), 99.0)
    return None


def _starts_with_label(line: Line, stops: tuple[str, ...]) -> bool:
    head = line.folded.lstrip(" 0123456789.")
    return any(find_label(head[: len(s) + 4], s, 88.0) for s in stops if len(s) >= 4)


def find_raw(lines: list[Line], spec: Spec, stops: tuple[str, ...], first: int = 0) -> Raw | None:
    """The value of the first line (from `first`) carrying the label: exact matches first, then fuzzy."""
    for min_score in (100.0, spec.min_score):
        raw = _find_raw(lines, spec, stops, first, min_score)
        if raw is not None:
            return raw
    return None


def _longer_label_at(line: Line, hit: Hit, labels: tuple[str, ...], stops: tuple[str, ...]) -> bool:
    """The hit is the opening of another field's longer label ("Số định danh cá nhân" inside "Số định danh
    cá nhân của chủ hộ"): that line holds the other field's value, not this one's."""
    longer = [s for s in stops if s not in labels
              and any(len(s) > len(lab) + 2 and s.startswith(lab.rstrip(":")) for lab in labels)]
    # exact only: a fuzzy match would take the value's first word for the label's end ("…tên: CHU …")
    return any(0 <= line.folded.find(s, max(0, hit.start - 3)) <= hit.start + 3 for s in longer)


def _exact_label_at(line: Line, hit: Hit, labels: tuple[str, ...], stops: tuple[str, ...]) -> bool:
    """A fuzzy hit on words that are exactly another field's label: the line of "Họ, chữ đệm, tên người mẹ"
    is no garbled "… người cha" (the father's own line, read "… người Gia", comes later). Exact only: fuzzy
    scores do not tell such labels apart (the father's garbled line fits the mother's label better). A
    stop within the field's own label is no other field's ("moi quan he" of "…với chủhộ:", read unspaced)."""
    if hit.score >= 100.0:
        return False
    for s in stops:
        at = line.folded.find(s, max(0, hit.start - 3))
        if not any(s in label for label in labels) and 0 <= at < hit.end and hit.start < at + len(s):
            return True
    return False


def _closer_label_at(line: Line, hit: Hit, labels: tuple[str, ...], stops: tuple[str, ...]) -> bool:
    """A fuzzy hit where another field's label of about its length fits the line better, letters counted from
    where the hit starts: "tên người mỹ:" (the mother's "mẹ" misread) is one letter from "… người mẹ" and
    three from "… người cha"; the father's own line, lost at a page's top, must not be taken from the
    mother's. "… người Gia" is two letters from either: his own label keeps it."""
    if hit.score >= 100.0:
        return False

    def off(label: str) -> int:  # letters from the label to what the line holds where it starts, as long
        return Levenshtein.distance(label, line.folded[hit.start:hit.start + len(label)])

    own = min(off(label) for label in labels)
    return any(abs(len(s) - len(label)) <= 2 and off(s) < own for s in stops for label in labels
               if not (s in label or label in s))


def _find_raw(lines: list[Line], spec: Spec, stops: tuple[str, ...], first: int, min_score: float) -> Raw | None:
    for line in lines[first:]:
        if any(h in line.folded for h in spec.until):
            return None
        hit = _first_hit(line, spec.labels, min_score)
        if hit and (_longer_label_at(line, hit, spec.labels, stops) or _exact_label_at(line, hit, spec.labels, stops)
                    or _closer_label_at(line, hit, spec.labels, stops)):
            continue
        if not hit:
            tails = _wrapped_tails(line, spec.labels)
            nxt = _below(lines, line, 1.6) if tails else None
            hit = _tail_hit(nxt, tails) if nxt is not None else None
            if not hit:
                continue
            line = nxt
        text, words = ("", []) if spec.below else _value_span(line, hit.end, _cut(line, hit.end, stops))
        at = line
        if not text:
            label = _label_words(line, hit.start, hit.end)
            under = _below(lines, line, box=union([w.bbox for w in label]) if label else None)
            if under is None or _starts_with_label(under, stops):
                continue
            start = _aligned_start(under, label)
            text, words = _value_span(under, start, _cut(under, start, stops))
            at = under
        if not text:
            continue
        raw = Raw(text, list(words), at, hit.score)
        if spec.kind == "address":
            _follow_address(lines, raw, stops)
        elif spec.wrap:
            _follow_text(lines, raw, stops)
        return raw
    return None


def _follow_address(lines: list[Line], raw: Raw, stops: tuple[str, ...]) -> None:
    """Addresses wrap: append the lines under the value until the province is named (at most two)."""
    for _ in range(2):
        if ends_with_province(raw.text):
            return
        nxt = _below(lines, raw.line, 2.4)
        if nxt is None or _starts_with_label(nxt, stops) or _label_between(lines, raw.line, nxt, stops):
            return
        text, words = _value_span(nxt, 0, _cut(nxt, 0, stops))
        if not text:
            return
        raw.text = f"{raw.text} {text}"
        raw.words += words
        raw.line = nxt


def _label_between(lines: list[Line], top: Line, bottom: Line, stops: tuple[str, ...]) -> bool:
    """A line opening with a label sits between the two (in another column: a card's narrow value line
    must not be continued with the next field's value)."""
    return any(ln.page == top.page and top.bbox[3] <= (ln.bbox[1] + ln.bbox[3]) / 2 <= bottom.bbox[1]
               and ln is not bottom and _starts_with_label(ln, stops) for ln in lines)


# the rest of a year in words, opening the line a date in words wrapped onto: its "nghìn", or its hundreds
_YEAR_GOES_ON = re.compile(rf"(nghin|({'|'.join(fold(w) for w in DIGIT_WORDS)}) tram)\b")


def _follow_text(lines: list[Line], raw: Raw, stops: tuple[str, ...]) -> None:
    """Free text wraps onto the next line when that line carries no label of its own. A date in words
    that has not reached its year ("Ngày hai mươi ba," / "tháng bảy, năm hai nghìn …") surely goes on, so the next
    line may lie as far below as an address's (handwritten lines are spaced wider); one that stops short of
    its year's hundreds goes on to a line opening with the rest of the year ("nghìn …", "không trăm …"),
    whatever specks that line holds (a ":")."""
    folded = fold(raw.text).lower()
    # "Ngày" opening it, or a word of its length two letters off it before a month ("Wgày", "Meày hai mươi,
    # tháng hai")
    first = folded.split(" ", 1)[0].strip(" ,.;:")
    dated = folded.startswith("ngay") or (" thang" in folded and len(first) == 4
                                          and Levenshtein.distance(first, "ngay", score_cutoff=2) <= 2)
    words_date = dated and "nghin" not in folded  # every year in words has its "nghìn"
    open_year = words_date or (dated and folded.rstrip(" ,.;:").endswith("nghin"))
    nxt = _below(lines, raw.line, 2.4 if open_year else 1.6)
    if nxt is None or not (open_year and _YEAR_GOES_ON.match(fold(nxt.text).lower())) \
            and (":" in nxt.text or _starts_with_label(nxt, stops)):
        return
    # indented: a new item, not a wrapped line; unless it holds the year a date in words lacks (its first
    # handwritten word may be lost: "mười" of "tháng mười một, năm hai nghìn …")
    holds_year = words_date and re.search(r"\bnam\b.*\bnghin\b", fold(nxt.text).lower())
    if nxt.bbox[0] > raw.line.bbox[0] + 3 * nxt.height and not holds_year:
        return
    text, words = _value_span(nxt, 0, len(nxt.text))
    if text:
        raw.text, raw.words, raw.line = f"{raw.text} {text}", raw.words + words, nxt


def repair_date(iso: str) -> str | None:
    """An impossible date whose digits include 7s that were handwritten 1s ("75/70/7996"): the valid date
    with the fewest 7 → 1 changes, leftmost first; else the one reading with a single confused digit
    (`_one_confusion`); None when there is none."""
    import itertools

    y, m, d = iso.split("-")
    digits = d + m + y
    sevens = [i for i, c in enumerate(digits) if c == "7"]
    for k in range(1, len(sevens) + 1):
        for chosen in itertools.combinations(sevens, k):
            cand = "".join("1" if i in chosen else c for i, c in enumerate(digits))
            try:
                value = dt.date(int(cand[4:]), int(cand[2:4]), int(cand[:2]))
            except ValueError:
                continue
            if 1900 <= value.year <= 2100:
                return value.isoformat()
    return _one_confusion(digits)


def _one_confusion(digits: str) -> str | None:
    """An impossible ddmmyyyy date made possible by one substitution of digits small print confuses
    ("68/12/2031": 6 for 0, "2825": 8 for 0), when exactly one such reading exists."""
    from classifiers.validate import DIGIT_CONFUSIONS

    found = set()
    for i, c in enumerate(digits):
        for sub in DIGIT_CONFUSIONS.get(c, ""):
            cand = digits[:i] + sub + digits[i + 1:]
            try:
                value = dt.date(int(cand[4:]), int(cand[2:4]), int(cand[:2]))
            except ValueError:
                continue
            if 1900 <= value.year <= 2100:
                found.add(value.isoformat())
    return found.pop() if len(found) == 1 else None


MAX_NATION_EDITS = 2


def normalise(kind: str, text: str) -> tuple[str, tuple[str, ...]] | None:
    """(value, flags) in DESIGN.md's form, or None when nothing of that kind is there."""
    text = nfc(text)
    if kind == "date":
        dates = find_dates(text)
        if dates and dates[0].valid:
            return dates[0].iso, ()
        if dates and (fixed := repair_date(dates[0].iso)):
            return fixed, ("digits_repaired",)
        if dates:
            return dates[0].iso, ("not_a_date",)
        head = text.split()[0] if text.split() else ""  # handwriting misread ("27)8⁄798§6"): kept, flagged
        if (m := re.fullmatch(r"([0-3]\d)([01]\d)([12]\d{3})", head)) and 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 12:
            return f"{m[3]}-{m[2]}-{m[1]}", ("not_a_date",)  # slashes lost and the year misread ("26092121")
        # a month no date pattern takes ("22/86/2826": two 0s read 8): in ISO order all the same, so that a
        # date the dossier knows can be matched to it digit by digit (`validate.child_card_dates`)
        if m := re.fullmatch(r"(\d\d)[/.\-](\d\d)[/.\-](\d{4})", head):
            return f"{m[3]}-{m[2]}-{m[1]}", ("not_a_date",)
        if sum(c.isdigit() for c in head) >= 5 and len(head) <= 14:
            return head, ("not_a_date",)
        return None
    if kind == "id":
        compact = re.sub(r"[\s.]", "", text)
        # a 12-digit number with a look-alike letter before a 9-digit run of it; a handwritten 1 read as a slash
        # inside it ("23&/99757534"): an ID number has no slash
        slashed = re.sub(r"(?<=[\d&§])/(?=\d)", "1", compact)
        for shape in (_ID12, _ID):
            m = shape.search(compact) or shape.search(digits_like(compact)) or \
                (shape is _ID12 and shape.search(digits_like(slashed)))
            if m:
                return m.group(1), ()
        m = re.search(r"\d{10,13}", compact)  # a digit dropped or doubled: kept for an officer, flagged
        return (m.group(), ("id_not_12_digits",)) if m else None
    if kind == "year":
        m = _YEAR.search(text) or _YEAR.search(" ".join(digits_like(t) for t in text.split()))
        if m:
            return m.group(1), ()
        m = re.search(r"(?<!\d)7([89]\d\d)(?!\d)", text)  # a handwritten 1 read as 7
        if m:
            return "1" + m.group(1), ("digits_repaired",)
        head = text.split()[0] if text.split() else ""
        return (head, ("not_a_year",)) if len(head) == 4 and sum(c.isdigit() for c in head) >= 3 else None
    if kind == "sex":
        f = re.sub(r"[^a-z ]", "", fold(text)).split()
        if not f:
            return None
        token = f[0]
        raw = fold(text).split()[0].strip(".,:;") if text.split() else ""
        if any(c.isdigit() for c in raw):  # "N47": digits stand for letters, counted as such, not dropped
            token = raw
        if token.startswith("nam"):
            return "Nam", ()
        if token.startswith("nu"):
            return "Nữ", ()
        d_nam, d_nu = Levenshtein.distance(token, "nam"), Levenshtein.distance(token, "nu")
        if min(d_nam, d_nu) <= 1 and d_nam != d_nu:
            return ("Nam" if d_nam < d_nu else "Nữ"), ()
        return None
    if kind == "nationality":
        letters = re.sub(r"[^a-z]", "", fold(text))
        if letters.startswith("vietnam"):
            return "Việt Nam", ()
        if len(text.split()) == 2 and Levenshtein.distance(letters, "vietnam") <= MAX_NATION_EDITS:
            return "Việt Nam", ("completed_from_vocabulary",)  # "Việy Nam", "liệt Ngm": no other country is near
        words = [re.sub(r"[^a-z]", "", w) for w in fold(text).split()]
        if 1 <= len(words) <= 2 and len(words[-1]) == 3 and Levenshtein.distance(words[-1], "nam") <= 1:
            return "Việt Nam", ("completed_from_vocabulary",)  # its first word lost or a speck: "Wam", "t Nam"
        if words == ["viet"]:
            return "Việt Nam", ("completed_from_vocabulary",)  # its last word lost at the line's end
        return squash(text), ()
    if kind == "insurance":
        # a card's pattern read as a dash inside the number, a stroke as a slash ("TE1313153⁄489739")
        compact = re.sub(r"[\s\-._/⁄∕]", "", text).upper()
        mapped, bare = digits_like(compact[2:]), re.sub(r"\D", "", compact[2:])
        if len(re.sub(r"\D", "", mapped)) > 13 and len(bare) == 13 and _INSURANCE.fullmatch(compact[:2] + bare):
            # signs that, read as digits, make the number too long are a seal's specks ("TE101018§8§095660")
            return compact[:2] + bare, ("digits_repaired",)
        m = _INSURANCE.search(read := compact[:2] + mapped)
        if m and read[m.end():m.end() + 1].isdigit():  # a digit too many: which one is no telling
            return m.group(0), ("insurance_number_shape",)
        return (m.group(0), ()) if m else (compact, ("insurance_number_shape",))
    if kind == "name":
        name = squash(re.sub(r"[^\w\s]", " ", text, flags=re.UNICODE))
        name = re.sub(r"\d", "", name).strip()
        if len(name) < 2:
            return None
        tokens = name.split()
        while len(tokens) > 2 and tokens[0].islower():  # label residue ("yêu cầu Hồ Quang Dũng"): names are capitalised
            tokens.pop(0)
        name = " ".join(tokens)
        letters = [c for c in name if c.isalpha()]
        if sum(c.isupper() for c in letters) > 0.7 * len(letters):
            # printed in capitals: stray lower-case specks OCR reads at the edges are not part of it
            while tokens and not tokens[-1].isupper():
                tokens.pop()
            while tokens and not tokens[0].isupper():
                tokens.pop(0)
            tokens = [t.upper() for t in tokens]
        joined = join_split_syllables(tokens)
        tokens = given_marks(fix_surname(joined))
        if not tokens:
            return None
        # a family name restored from garbled letters ("7®ÂM" of TRẦN read "LÂM") is a guess
        guessed = bool(joined) and fold(tokens[0]).upper() != fold(joined[0]).upper()
        return " ".join(tokens), ("surname_restored",) if guessed else ()
    value = _colons_spaced(_inner_i(squash(text)))
    if kind == "address" and value:
        value = squash(fix_address(cut_after_province(_house_numbers(value))))
    return (value, ()) if value else None


_GLUED_COLON = re.compile(r"(?<=(\w)):(?=(\w))")


def _colons_spaced(text: str) -> str:
    """A colon between two lower-case letters is a speck read for a space ("mạch máu:não"): a label's colon
    is followed by a space, and no Vietnamese word holds one."""
    return _GLUED_COLON.sub(lambda m: " " if m.group(1).islower() and m.group(2).islower() else ":", text)


def _inner_i(text: str) -> str:
    """A capital I or L between lower-case letters of one word is an i when that makes a syllable ("gLa" →
    "gia", an i read as a capital): no Vietnamese word has a capital inside it."""
    def word(w: str) -> str:
        fixed = "".join("i" if c in "IL" and 0 < k < len(w) - 1 and w[k - 1].islower() and w[k + 1].islower()
                        else c for k, c in enumerate(w))
        return fixed if fixed != w and mark_key(fixed.strip(".,:;()").lower()) in syllables() else w

    return " ".join(word(w) for w in text.split(" "))


_LONE_ONE = re.compile(r"(?<=\w )[l|\]](?=\s*(?:,|$))")  # a place's number 1 ending its part ("Ấp Nhơn Lộc l,")
_NUMBER_LIKE = re.compile(r"(?<!\w)(?=[\w|\]]*\d)[\dIlOŠ|\]]+(?!\w)")  # Š: a 5 (not S: blocks "S1", "S2")


# a number after a unit word, perhaps split in two; not the day of a street named for a date ("ngõ 79 30
# Tháng 4")
_NUMBERED_UNIT = re.compile(r"(?i)(?<!\w)(phường|quận|tổ|ấp|khu|xóm|thôn|số nhà|số|ngõ|ngách|hẻm|kiệt) "
                            r"((?:[\dIl|\]]{1,3} (?![\dIl|\]]{1,3} tháng ))?[\dIl|\]]{1,3})(?=[\s,.]|$)")


_SLASH_LOST = re.compile(r"(\d{1,4}) (\d{1,4}) (\w)")
_HOSPITAL_NUMBER = re.compile(r"^(B[eệ]nh vi[eệ]n [^,\d]+ )(\d{1,2}) (\d{1,2})(?=,|$)", re.IGNORECASE)


def _house_numbers(text: str) -> str:
    """Numbers in an address misread with look-alike letters ("Phường I1", "Tổ 3O", "Số 19]", "IŠ1/8"): a token
    of digits and I, l, O, Š, |, ] only, with at least one digit, is a number; so is a run of I, l, | alone right
    after a unit word that takes a number ("Phường II"; Vietnamese writes these numbers in digits), and a
    number split in two there ("phường 1 I", "Số 1 10") is one number: a unit word takes a single one. A
    fraction or division slash between digits is the house number's slash ("44⁄4"), as is a "!" after two digits
    ("137!5"), and so is a space
    between the two numbers an address opens with before its street's name ("38 7 Nguyễn Văn Cừ": no address
    is written so). A lone "l", "|" or "]" ending a part is a 1 ("Ấp Nhơn Lộc l": no word is one letter "l").
    A hospital's name ends in one number at most ("Bệnh viện Nhân dân 1 15" is 115)."""
    text = re.sub(r"(?<=\d)\s?[⁄∕]\s?(?=\d)", "/", text)  # a handwritten slash read as a fraction slash: "44⁄4"
    text = re.sub(r"(?<=\d\d)!(?=\d)", "/", text)  # a slash read "!" after a house's number ("137!5")
    if (m := _SLASH_LOST.match(text)) and m.group(3).isupper():
        text = f"{m.group(1)}/{m.group(2)}{text[m.end(2):]}"
    text = _NUMBERED_UNIT.sub(lambda m: f"{m.group(1)} {digits_like(m.group(2).replace(' ', ''))}", text)
    text = _LONE_ONE.sub("1", text)
    return _HOSPITAL_NUMBER.sub(r"\1\2\3", _NUMBER_LIKE.sub(lambda m: digits_like(m.group()), text))


def to_field(raw: Raw, kind: str, clean: Callable[[str], str] | None = None) -> ExtractedField | None:
    norm = normalise(kind, raw.text)
    if norm is None:
        return None
    value, flags = norm
    if clean is not None and not (value := clean(value)):
        return None
    ocr = sum(w.confidence for w in raw.words) / len(raw.words) if raw.words else 0.5
    conf = min(0.97, 0.15 + 0.85 * ocr) * (0.9 + 0.1 * raw.score / 100)
    if flags:
        conf = min(conf, 0.3)
    field = ExtractedField(value, round(conf, 4), "ocr", raw.line.page, union([w.bbox for w in raw.words]), flags)
    return correct_address(field, raw.words) if kind == "address" else field


def read_fields(lines: list[Line], specs: list[Spec], extra_stops: tuple[str, ...] = ()) -> dict[str, ExtractedField]:
    """Every field of `specs` that can be found in the document's lines."""
    stops = tuple(dict.fromkeys([lab for s in specs for lab in s.labels] + list(extra_stops)))
    out: dict[str, ExtractedField] = {}
    found_at: dict[str, int] = {}
    at = {id(ln): i for i, ln in enumerate(lines)}  # `after` counts in `lines`, perhaps re-ordered (`above`)
    last = -1  # the line of the last field found
    for spec in specs:
        if spec.after and spec.after not in found_at:  # a block whose opening label was lost: it starts after
            found_at[spec.after] = last + 1  # the last field found (the father's, after the mother's block)
        first = found_at[spec.after] if spec.after else 0
        raw = find_raw(lines, spec, stops, first)
        if raw is None:
            continue
        field = to_field(raw, spec.kind, spec.clean)
        if field is None:
            continue
        out[spec.name] = field
        found_at[spec.name] = last = at[id(raw.line)]
    return out
