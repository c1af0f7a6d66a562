"""Vietnamese family names: a handful cover most of the population (Nguyễn alone about 38%), and the family
name opens every full name. A first word of a name that is no family name but within a letter or two of
one of the long, common ones ("WGUYỄN", "HUỲÈWH"), a short one with a letter Vietnamese does not use one
letter from exactly one ("WGÔ"), one letter longer than exactly one ("ĐẶĂNG"), or a
family name split by a stray space ("PHA N"), is that family name, and a family name with wrong tone marks
("HOÁNG", "MẠI" opening a name of three words or more, where a short first word cannot be a fragment) is
spelled as it always is; other words are left as read (given names are too varied to correct)."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from classifiers.text import fold
from ocr.syllables import mark_key, syllables

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Đinh", "Lâm", "Trịnh", "Mai", "Trương", "Đoàn", "Cao", "Lương", "Chu", "Tạ", "Hà",
            "Đào", "Lưu", "Vương", "Thái", "Tô", "Quách", "Kiều", "Triệu", "Văn", "Châu", "Tăng", "Lạc", "Âu")
_FOLDED = {fold(s): s for s in SURNAMES}
_LONG = {f: s for f, s in _FOLDED.items() if len(f) >= 5}


def is_surname(word: str) -> bool:
    """`word` spells a common family name (marks aside)."""
    return fold(word).lower() in _FOLDED


def spelled_surname(letters: str) -> str | None:
    """The family name written `letters` without marks (an MRZ's "VO", "DANG"), if it is a common one."""
    return _FOLDED.get(letters.lower())


def _cased(surname: str, like: str) -> str:
    return surname.upper() if like.isupper() else surname


def fix_surname(tokens: list[str]) -> list[str]:
    """The name's words with a misread family name restored (see module docstring)."""
    if not tokens:
        return tokens
    first = fold(tokens[0])
    if first in _FOLDED:  # the letters are right; a long family name has one spelling, so its tone marks too
        known = _FOLDED[first]
        return [_cased(known, tokens[0]), *tokens[1:]] if (len(first) >= 4 and len(tokens) >= 2) or len(tokens) >= 3 \
            else tokens
    if len(tokens) >= 3:
        joined = fold(tokens[0] + tokens[1])
        if joined in _FOLDED or any(Levenshtein.distance(joined, f) <= 1 for f in _LONG):
            close = [s for f, s in _FOLDED.items() if f == joined] or \
                [s for f, s in _LONG.items() if Levenshtein.distance(joined, f) <= 1]
            if len(close) == 1 and fold(tokens[1]) not in _FOLDED:
                return [_cased(close[0], tokens[1]), *tokens[2:]]
    if len(tokens) >= 2 and 3 <= len(first) < 4 and set(first) & set("fjwz"):
        # a short family name with a letter Vietnamese does not use, one letter swapped ("WGÔ" for "NGÔ"; of
        # several, the one with the marked letters read: "LÂW")
        close = [s for f, s in _FOLDED.items() if len(f) == len(first) and Levenshtein.distance(first, f) == 1]
        if len(close) > 1:  # the marked letters read decide ("LÂW": LÂM, not LẠI)
            close = [s for s in close if all(a == b for a, b in zip(tokens[0].upper(), s.upper(), strict=True)
                                             if not a.isascii())]
        if len(close) == 1:
            return [_cased(close[0], tokens[0]), *tokens[1:]]
    if len(tokens) >= 3 and first.isalpha():
        # its first letter lost ("RẦN TRỌNG PHÚC"): the one family name it ends, marks as read
        longer = [s for f, s in _FOLDED.items() if len(f) == len(first) + 1 and f[1:] == first
                  and fold(s[1:]) == first and s[1:].lower() == tokens[0].lower()]
        if len(longer) == 1:
            return [_cased(longer[0], tokens[0]), *tokens[1:]]
    if len(tokens) >= 2 and len(first) >= 4:
        # a letter too many, as a doubled vowel of handwriting ("ĐẶĂNG"): the one family name it leaves
        shorter = {f for i in range(len(first)) if (f := first[:i] + first[i + 1:]) in _FOLDED and len(f) >= 3}
        if len(shorter) == 1:
            return [_cased(_FOLDED[shorter.pop()], tokens[0]), *tokens[1:]]
        limit = 2 if set(first) & set("fjwz") else 1  # letters Vietnamese does not use: certainly misread
        close = [s for f, s in _LONG.items() if Levenshtein.distance(first, f) <= limit]
        if len(close) == 1:
            return [_cased(close[0], tokens[0]), *tokens[1:]]
    if len(tokens) >= 3 and len(first) >= 3 and mark_key(tokens[0].lower()) not in syllables():
        # no syllable at all ("ĐOÀV": no Vietnamese syllable ends in v): the one family name of its length and
        # first letter that one letter changed gives
        close = [s for f, s in _FOLDED.items() if len(f) == len(first) and f[0] == first[0]
                 and Levenshtein.distance(first, f) == 1]
        if len(close) == 1:
            return [_cased(close[0], tokens[0]), *tokens[1:]]
    return tokens


_VOWELS = set("aeiouy")


def _lone_consonant(t: str) -> bool:
    return len(t) == 1 and t.isalpha() and fold(t) not in _VOWELS


def join_split_syllables(tokens: list[str]) -> list[str]:
    """A lone consonant letter is no Vietnamese syllable (one-letter words are vowels: "Ý", "Ư"): followed
    by a word that opens with a vowel, it is that syllable split by a stray space ("T IẾN" → "TIẾN"); ending a
    name of three words, a speck or the next item's number read as a letter ("VĂN TRUNG S8." → dropped)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if _lone_consonant(t) and i + 1 < len(tokens) and fold(tokens[i + 1])[:1] in _VOWELS:
            out.append(t + tokens[i + 1])
            i += 2
            continue
        out.append(t)
        i += 1
    return out[:-1] if len(out) > 2 and _lone_consonant(out[-1]) else out


# Given-name syllables `vie` reads with another mark, in the bold capitals of a printed name, alike on every
# paper ("THU THƯ" read "THỦ THỨ" on five papers of one dossier, "THU NHUNG" → "THỦ NHŨNG", "ANH QUÂN" → "ANH
# QUẦN", "NHUNG" → "NHƯNG", "NGỌC" → "NGỤC", "SƠN" → "SON"): "Thủ", "Thứ", "Nhũng" (corrupt), "Nhưng"
# (but), "Quần" (trousers), "Ngục" (prison) and "Son" (lipstick) are no given names, the others among the
# commonest.
_MISREAD_GIVEN = {"THỦ": "THU", "THỨ": "THƯ", "NHŨNG": "NHUNG", "NHƯNG": "NHUNG", "QUẦN": "QUÂN", "NGỤC": "NGỌC",
                  "SON": "SƠN"}


def given_marks(tokens: list[str]) -> list[str]:
    """The name's words after the family name, the syllables of `_MISREAD_GIVEN` spelled as the given names."""
    out = tokens[:1]
    for t in tokens[1:]:
        plain = _MISREAD_GIVEN.get(t.upper())
        out.append(t if plain is None else plain if t.isupper() else plain.capitalize())
    return out
