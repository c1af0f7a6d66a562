"""Tone marks checked against the list of Vietnamese syllables.

Why: Tesseract's fast `vie` model sometimes puts a tone mark on a word that no Vietnamese syllable has:
"ghi" read "ghỉ" (32 times on the 96 pages of `bench/ocr_quality.py` seeds 3 and 4, in "ghi rõ", "ghi
bằng chữ"). Vietnamese writes one syllable per word, and the syllables in use are a closed list, so a word
with a tone mark that is no syllable, whose letters without the mark are one, is that syllable. Only the
mark is taken away: choosing among other marks would need the context a word list does not have ("Nghỉ"
for "Nghi" is a real syllable either way, and stays).

The list is LibreOffice's Vietnamese spelling dictionary (Debian package `hunspell-vi`, installed by
`scripts/setup.sh`); it places tone marks in the new style ("hoà", "thuỷ"), so words are compared by their
letters and their mark, wherever the mark sits. Without the file nothing is changed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from ocr.placenames import unit_rows

DICTIONARY = Path("/usr/share/hunspell/vi_VN.dic")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook above, dot below
EDGES = re.compile(r"^(\W*)(.*?)(\W*)$")  # signs before a word, the word, signs after it
# Vietnamese writes the Latin letters, đ, and these marks on vowels: grave, acute, circumflex, tilde, breve,
# hook above, horn, dot below
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")


@cache
def _vietnamese_letter(c: str) -> bool:
    if c in "đĐ":
        return True
    base, *marks = unicodedata.normalize("NFD", c)
    return base.isascii() and set(marks) <= _VIETNAMESE_MARKS


def foreign_letters(text: str) -> bool:
    """`text` holds a letter Vietnamese does not write ("Cš", "ƒ"): OCR junk, not a word of the paper."""
    return any(c.isalpha() and not _vietnamese_letter(c) for c in text)


@lru_cache(maxsize=1 << 16)  # a page asks ~1,800 times, mostly for the same few hundred words
def mark_key(word: str) -> tuple[str, str]:
    """(lower-case letters without the tone mark, the tone mark or "")."""
    d = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES)), "".join(c for c in d if c in _TONES)


@cache
def syllables(path: Path = DICTIONARY) -> frozenset[tuple[str, str]]:
    """The keys of the dictionary's words (its first line is the word count; a word may carry "/flags"),
    with the words of the country's place names, which it lacks some of ("Hoằng" of Hoằng Hóa)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
    except OSError:
        return frozenset()
    words = [line.split("/")[0].strip() for line in lines] + [w for name in _place_names() for w in name.split()]
    return frozenset(mark_key(w) for w in words if w)


def is_syllable(word: str) -> bool:
    """`word`, the signs beside it aside, is a Vietnamese syllable (letters only)."""
    core = EDGES.match(word).group(2)
    return core.isalpha() and mark_key(core) in syllables()


def _place_names() -> list[str]:
    """Names of provinces, districts and communes (none without the gazetteer package)."""
    try:
        return [row["name"] for row in unit_rows()]
    except ModuleNotFoundError:
        return []


def untoned(word: str, known: frozenset[tuple[str, str]] | None = None) -> str:
    """`word` without its tone mark when, with the mark, it is no syllable and, without, it is one; its
    punctuation and letter case are kept."""
    known = syllables() if known is None else known
    head, core, tail = EDGES.match(word).groups()
    if not core.isalpha() or not known:
        return word
    letters, tone = mark_key(core)
    if not tone or (letters, tone) in known or (letters, "") not in known:
        return word
    bare = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", core) if c not in _TONES))
    return head + bare + tail


_HORN = "\u031b"


def unhorned(word: str, known: frozenset[tuple[str, str]] | None = None) -> str:
    """`word` with "ư", "ơ" read for "u", "o" when, with the horn, it is no syllable and, without, it is one: a
    handwritten "Vũ" read "Vữ" (the tone's stroke taken for a horn); its tone, punctuation and case are kept."""
    known = syllables() if known is None else known
    head, core, tail = EDGES.match(word).groups()
    if not core.isalpha() or not known or mark_key(core) in known:
        return word
    bare = unicodedata.normalize("NFC", unicodedata.normalize("NFD", core).replace(_HORN, ""))
    return head + bare + tail if bare != core and mark_key(bare) in known else word


def final_y(word: str, known: frozenset[tuple[str, str]] | None = None) -> str:
    """`word` with a last "v" read for "y" when, with it, it is no syllable and, with "y", it is one: no
    Vietnamese syllable ends in v, and `vie` reads a serif y whose tail faded as v ("Lạch Trav")."""
    known = syllables() if known is None else known
    head, core, tail = EDGES.match(word).groups()
    if len(core) < 2 or core[-1] not in "vV" or not core.isalpha() or not known or mark_key(core) in known:
        return word
    fixed = core[:-1] + ("y" if core[-1] == "v" else "Y")
    return head + fixed + tail if mark_key(fixed) in known else word


_VOWELS = set("aeiouy")


def _base(c: str) -> str:
    """A letter without any mark, hat or horn ("ầ" → "a")."""
    return unicodedata.normalize("NFD", c.lower())[0]


def vowel_undoubled(word: str, known: frozenset[tuple[str, str]] | None = None) -> str:
    """`word` with one of two like vowels side by side taken out when, doubled, it is no syllable and, with
    one, it is one: a blurred vowel read twice ("Câần" of "Cần", "Thơơ"). The one kept is the one with the
    tone mark, or the other when only that makes a syllable ("DŨUY" of "DUY": the mark was the blur's); two
    such pairs that each make a syllable decide nothing."""
    known = syllables() if known is None else known
    head, core, tail = EDGES.match(word).groups()
    if len(core) < 3 or not core.isalpha() or not known or mark_key(core) in known:
        return word
    found = set()
    for i in range(len(core) - 1):
        a, b = core[i], core[i + 1]
        if _base(a) == _base(b) and _base(a) in _VOWELS:
            toned = [k for k in (i, i + 1) if set(unicodedata.normalize("NFD", core[k])) & _TONES]
            first = i if toned == [i + 1] else i + 1
            for drop in (first, 2 * i + 1 - first):
                if mark_key(fixed := core[:drop] + core[drop + 1:]) in known:
                    found.add(fixed)
                    break
    return head + found.pop() + tail if len(found) == 1 else word


_SIGN_GLUED = re.compile(r"([^\W\d_]{2,})([.,:])([^\W\d_]{2,})")
_NUMBER_GLUED = re.compile(r"(\d{1,3})([^\W\d_]{2,})")  # a table row's number read against the name after it


def unglued(word: str, known: frozenset[tuple[str, str]] | None = None) -> list[str]:
    """`word` as the two syllables OCR read without the space between them ("MAINGÂN" of "TÔ MAI NGÂN", "UyNỗ"
    of "xã Uy Nỗ", small type with narrow spaces), else `[word]`: a word in capitals that is no syllable and
    splits into two of three letters or more one way only, or one with a capital after a small letter that
    splits there into two of two or more ("củnH" is no "củn H"), or one in small letters with a Vietnamese
    mark that splits into two of three letters or more one way only ("Dântộc"). Only so: in small letters an
    unmarked English word of the cards splits too ("name": "na me"), and shorter pieces are as often a misread
    syllable's ("NIUỲNH" of "HUỲNH", "HIÊM" of "HIỂM"; "Meọc", "Gihỉ"). Two syllables joined by a period before a
    small letter are two words too ("thường.trú": no sentence ends there), and by a comma or a label's colon, which
    keeps its place ("CHA,MẸ" → "CHA," "MẸ"; "tộc:Kinh"). A syllable after digits is one too: no syllable starts
    with one ("1NGUYỄN")."""
    known = syllables() if known is None else known
    head, core, tail = EDGES.match(word).groups()
    if m := _SIGN_GLUED.fullmatch(core):  # "thường.trú", "Họ,chữ": a speck, or a comma's space lost
        first, sign, second = m.groups()
        whole = mark_key(first) in known or len(unglued(first, known)) == 2  # "Dântộc:Kinh": two spaces lost
        if (second.islower() or sign in ",:") and whole and mark_key(second) in known:
            return [head + first + (sign if sign in ",:" else ""), second + tail]
    if (m := _NUMBER_GLUED.fullmatch(core)) and mark_key(m[2]) in known:  # a table row's number and name
        return [head + m[1], m[2] + tail]
    if len(core) < 3 or not core.isalpha() or not known or mark_key(core) in known:
        return [word]
    if core.isupper() or not core.isascii() and core[1:].islower():  # marked small letters: no English word
        cuts = [k for k in range(3, len(core) - 2) if mark_key(core[:k]) in known and mark_key(core[k:]) in known]
    else:
        cuts = [k for k in range(2, len(core) - 1) if core[k - 1].islower() and core[k].isupper()]
        cuts = cuts if len(cuts) == 1 and all(mark_key(p) in known for p in (core[:cuts[0]], core[cuts[0]:])) else []
    return [head + core[:cuts[0]], core[cuts[0]:] + tail] if len(cuts) == 1 else [word]


# signs and digits a handwritten or italic capital is read as ("#uỳnh" of "Huỳnh", "7ô" of "Tô")
_LOOKALIKE_CAPITALS = {"#": "H", "7": "T", "0": "O", "5": "S", "8": "B", "6": "G", "$": "S", "†": "T", "|": "I"}


def initial_restored(word: str, known: frozenset[tuple[str, str]] | None = None) -> str:
    """`word` with its first letter restored where OCR read a sign or a digit for a capital, or put a stray
    capital before one: "#uỳnh" → "Huỳnh", "7ô" → "Tô", "WNgày" → "Ngày" (an italic form's handwritten
    values on a photocopy). Only where the rest is small letters with a Vietnamese mark, which no number or
    code carries ("5A", "8a" stay), and the restored word is a syllable."""
    known = syllables() if known is None else known
    head, core, tail = EDGES.match(word).groups()
    if not known or not core:
        return word
    if head[-1:] in _LOOKALIKE_CAPITALS and core.isalpha() and core.islower() and not core.isascii():
        fixed = _LOOKALIKE_CAPITALS[head[-1]] + core
        return head[:-1] + fixed + tail if mark_key(fixed) in known else word
    rest = core[1:]
    if core[0] in _LOOKALIKE_CAPITALS and rest.isalpha() and rest.islower() and not rest.isascii():
        fixed = _LOOKALIKE_CAPITALS[core[0]] + rest
        return head + fixed + tail if mark_key(fixed) in known else word
    if len(core) > 2 and core[:2].isupper() and core[2:].islower() and core.isalpha() and not core[2:].isascii() \
            and mark_key(core) not in known and mark_key(core[1:]) in known:
        return head + core[1:] + tail
    return word


def inner_capitals_lowered(word: str, known: frozenset[tuple[str, str]] | None = None) -> str:
    """`word` with the capitals inside its small letters small, where its letters are a syllable: a photocopy's
    "h" read "H" ("pHường", "mìnH."). Vietnamese writes no capital inside a word; a code's capitals ("ThS") make
    no syllable."""
    head, core, tail = EDGES.match(word).groups()
    rest = core[1:]
    if not (core.isalpha() and any(c.isupper() for c in rest) and any(c.islower() for c in rest)):
        return word
    known = syllables() if known is None else known
    return head + core[0] + rest.lower() + tail if mark_key(core) in known else word


@lru_cache(maxsize=1 << 16)
def respelled(word: str) -> str:
    """`word` with the spelling repairs above: a capital read as a sign or digit, a tone mark no syllable
    carries, a horn no syllable carries, a last v for y, a vowel read twice, a capital inside small letters."""
    return inner_capitals_lowered(vowel_undoubled(final_y(unhorned(untoned(initial_restored(word))))))
