"""The fixed phrases every paper of a one-stop-shop dossier prints, with their tone marks restored.

Why: Tesseract's `vie` model misreads the tone marks of bold capitals surely and the same way at every
scale, with or without its dictionary: "GIẤY KHAI SINH" is read "GIẦY KHAI SINH" at 0.93, "BẢO HIỂM" "BẢO
HIẾM", "KẾT QUẢ" "KÉT QUẢ". Each misread word is a real syllable, so the syllable check (`ocr.syllables`)
cannot see it; only the words around it can. The titles and the national motto are prescribed with the
forms (the civil-status forms of Circular 04/2020/TT-BTP, the residence forms of Circular 66/2023/TT-BCA,
the health insurance card's and the citizen identity card's models) and printed on every such paper, so a
run of words whose letters are one of these phrases' letters is that phrase: its words take the phrase's
marks, as read in their case. So are a few labels of those forms, read with their colon, and the country's
places after their unit word ("xã Nghi Long"). Words are compared by letters and mark
(`syllables.mark_key`), so a mark placed in the old style ("HOÀ") is not a difference.

A phrase of three words or more, and the ID card's printed lines (`FIXED_LINES`, English halves included),
is long enough to be known with a letter or two misread too ("Left index [inger", "QUẢN I.Y HÀNH HỈNH"):
such a run takes the phrase's letters as well (`_near`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache, reduce
from itertools import accumulate

from rapidfuzz.distance import Levenshtein

from ocr.placenames import unit_rows
from ocr.syllables import EDGES, mark_key
from ocr.types import Word, cut, joined

PHRASES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY KHAI SINH",
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "GIẤY BÁO TỬ",
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ",
    "BẢO HIỂM XÃ HỘI VIỆT NAM",
    "THẺ BẢO HIỂM Y TẾ",
    "CĂN CƯỚC CÔNG DÂN",
    "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "ỦY BAN NHÂN DÂN",
    "CỤC TRƯỞNG CỤC CẢNH SÁT",
    "GIÁM ĐỐC",
    "Đặc điểm nhân dạng",
    # the ID card's identifying marks open so ("Seo chấm" on a photocopy: the dot below lost)
    "Sẹo chấm",
    "Nốt ruồi",
    "bản sao",  # a request's "03 bản sao": "bẳn sao" is a syllable, not the phrase
    "ghi rõ họ",  # under every signature's place, in italics: read "ghì rõ họ", "ghỉ rð họ"
    # the CT01's "Ý KIẾN CỦA CHỦ HỘ" (bold: "Ý KIỀN"); two words only, matched exactly: the longer label is a letter
    # from "Ý KIẾN CỦA CHỦ SỞ HỮU CHỖ Ở HỢP PHÁP"
    "Ý KIẾN",
    # labels whose words are common words too ("Quyển số" has the letters of "quyền sở hữu"): only with
    # their colon read
    "Quyển số:",
    "Giấy tờ tùy thân:",
    "Mối quan hệ với chủ hộ:",
    # the health insurance card's labels, printed on every card ("ban đâu", "Mã sô" read on a stamped one)
    "Mã số:",
    "Nơi đăng ký KCB ban đầu:",
    "Giá trị sử dụng:",
)
# Printed lines long enough to be told from anything else with a letter or more misread, matched by letters
# with a few edits (`_near`) like the longer phrases above: the citizen identity card's (its model, Circular
# 06/2021/TT-BCA), English halves of its labels included ("Ereedom", "OE VIET NAM", "Left index [inger",
# "Nafionality", "Date of expiry." for "expiry:"), and its issuer's title ("QUẢN I.Ý HÀNH HỈNH").
FIXED_LINES = (
    "SOCIALIST REPUBLIC OF VIET NAM",
    "Independence - Freedom - Happiness",
    "Citizen Identity Card",
    "Họ và tên / Full name:",
    "Ngày sinh / Date of birth:",
    "Quốc tịch / Nationality:",
    "Quê quán / Place of origin:",
    "Nơi thường trú / Place of residence:",
    "Đặc điểm nhân dạng / Personal identification:",
    "Ngày, tháng, năm / Date, month, year:",
    "Date of birth:",
    "Place of origin:",
    "Place of residence:",
    "Date of expiry:",
    "Personal identification:",
    "Date, month, year:",
    "Left index finger",
    "Right index finger",
    "Ngón trỏ trái",
    "Ngón trỏ phải",
    "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI",
    # and a few of the forms' fixed lines read so ("Thông tit", "thay đối:"); not the short ones: "Ý KIẾN
    # CỦA CHỦ HỘ" is a letter from the CT01's "Ý KIẾN CỦA CHỦ SỞ [HỮU CHỖ Ở HỢP PHÁP]"
    "ban hành kèm theo Thông tư",
    "Những thành viên trong hộ gia đình cùng thay đổi:",
)


@lru_cache(maxsize=1 << 16)
def bare_letters(word: str) -> str:
    """Lower-case letters without any mark ("Đ" is "d"): what a misread mark leaves alike."""
    d = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c))


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(bare_letters(EDGES.match(w).group(2)) for w in phrase.split())


Spelling = tuple[list[str], int, int]  # words, unit words, unit words that must be read with their marks


@cache
def _places() -> dict[tuple[str, ...], list[Spelling]]:
    """Letters of every province, district and commune with its unit word -> its spellings (two for the
    letters of Hoằng Hóa's xã Hoằng Quỳ and xã Hoằng Quý)."""
    spellings: dict[tuple[str, ...], dict[tuple, Spelling]] = {}
    try:
        rows = unit_rows()
    except ModuleNotFoundError:  # no gazetteer package: titles only
        rows = ()
    for row in rows:
        whole, unit = row["name_with_type"], len(row["name_with_type"].split()) - len(row["name"].split())
        checked = 0 if row["type"] == "tinh" else unit
        marks = tuple(mark_key(w) for w in whole.split())
        spellings.setdefault(_key(whole), {})[marks] = (whole.split(), unit, checked)
    return {k: list(found.values()) for k, found in spellings.items()}


@cache
def _table() -> dict[tuple[str, ...], Spelling]:
    """Letters of each phrase -> its spelling: the titles (no unit word), and every province, district and
    commune with its unit word ("xã Nghi Long", "phường Đông Thọ"), whose name's marks `vie` misreads as
    often ("xã Nghỉ Long", "phường Đồng Thọ", "PHƯỜNG BÉN THỦY"). The unit word must be read with its marks:
    "quan" and "xa" are common letters ("Hoàng Đức Quân 8." is no "Quận 8"); not a province's "tỉnh", which
    only "Giới tính" shares and no province name follows ("tính Thanh Hóa"). Letters that two units spell
    with other marks (xã Hoằng Quỳ and xã Hoằng Quý) are left out here: only the page can tell them apart
    (`_named_on_page`)."""
    table = {k: found[0] for k, found in _places().items() if len(found) == 1}
    return table | {_key(p): (p.split(), 0, 0) for p in PHRASES}


@cache
def _shared() -> dict[tuple[str, ...], list[Spelling]]:
    return {k: v for k, v in _places().items() if len(v) > 1}


def _named_on_page(words: list[Word], letters: list[str]) -> dict[tuple[str, ...], Spelling]:
    """The places whose letters two units share that the page itself prints with one's marks exactly: its
    other readings take them ("xã Hoàng Quỷ" where the card's clinic line reads "xã Hoằng Quỳ")."""
    shared, longest = _shared(), _longest()
    seen: dict[tuple[str, ...], set[int]] = {}
    for i in range(len(words)):
        for n in range(2, min(longest, len(words) - i) + 1):
            key = tuple(letters[i:i + n])
            for k, (spelled, _, _) in enumerate(shared.get(key, ())):
                if all(mark_key(EDGES.match(w.text).group(2)) == mark_key(want)
                       for w, want in zip(words[i:i + n], spelled, strict=True)):
                    seen.setdefault(key, set()).add(k)
    return {key: shared[key][found.pop()] for key, found in seen.items() if len(found) == 1}


@cache
def _longest() -> int:
    return max(map(len, _table()))


def _cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    return word[:1].upper() + word[1:].lower() if like[:1].isupper() else word.lower()


def _case_of(pieces: list[str]) -> str:
    """The case a word read in `pieces` was printed in: its longest piece's ("t HỈNH": capitals), the first's
    first letter's ("H appiness")."""
    like = max(pieces, key=len)
    return like if like.isupper() or not pieces[0][:1].isupper() else like[:1].upper() + like[1:]


_NEAR_LETTERS = 8  # letters per edit a fuzzy phrase may differ by (one edit at least)


@cache
def _fuzzy() -> tuple[tuple[list[str], list[str], str, int], ...]:
    """The phrases of three words or more matched with a few edits (`_near`): words, their letters, those
    joined, the edits allowed. Not the labels taken only with their colon: their words are common words."""
    out = []
    for p in PHRASES + FIXED_LINES:
        if len(p.split()) >= 3 and not (p in PHRASES and p.endswith(":")):
            want = [bare_letters(w) for w in p.split()]
            out.append((p.split(), want, " ".join(want), max(1, sum(map(len, want)) // _NEAR_LETTERS)))
    return tuple(out)


@cache
def _fuzzy_words() -> dict[str, list[tuple[int, int]]]:
    """A fuzzy phrase's word's letters -> (the phrase's index in `_fuzzy`, the word's place in it)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for p, (_, want, _, _) in enumerate(_fuzzy()):
        for k, w in enumerate(want):
            out.setdefault(w, []).append((p, k))
    return out


def _starts(letters: list[str]) -> dict[int, list[int]]:
    """Word index -> the fuzzy phrases that may start there (one of their words read right in place, or up to
    `_MOST_SPACES` words away from it: words before it read in pieces, or two as one)."""
    out: dict[int, set[int]] = {}
    for j, word in enumerate(letters):
        for p, k in _fuzzy_words().get(word, ()):
            for start in range(max(0, j - k - _MOST_SPACES), j - k + _MOST_SPACES + 1):
                out.setdefault(start, set()).add(p)
    return {i: sorted(found) for i, found in out.items()}


Groups = list[tuple[tuple[int, ...], tuple[int, ...]]]  # read words (from a run's start) -> the phrase's words
_MOST_SPACES = 2  # spaces read inside a fixed line's words or lost between them ("Independenc: e - … - H appiness")


def _readings(run: list[str], want: list[str], budget: int) -> Iterator[tuple[list[str], list[str], Groups, int]]:
    """The ways the read words `run` (letters) from a phrase's start may stand for its words `want`, half of
    them read right: one for one, or with up to `_MOST_SPACES` spaces read in its words or lost between them:
    "t HỈNH" of "CHÍNH" (a speck of the stamp before it read as a letter), "QUẢN1.Ý" of "QUẢN LÝ" (a speck in
    the space), "Independenc: e - Freedom - H appiness" (a small line read in pieces). Which read words make
    which phrase words comes from their letters lined up (`_lined_up`). Each as (the read words' letters and
    the phrase's, lined up group for group; the groups; the spaces added or taken away). Words right are
    counted, and the letters of all the words compared within `budget` edits, before anything is built: most
    places match nothing."""
    n = len(want)
    if len(run) >= n and 2 * sum(a == b for a, b in zip(run, want, strict=False)) >= n:
        yield run[:n], want, [((k,), (k,)) for k in range(n)], 0
    words, letters = set(want), _signless("".join(want))
    right = [0, *accumulate(w in words for w in run)]  # read words that are words of the phrase, up to m
    for m in range(max(1, n - _MOST_SPACES), min(len(run), n + _MOST_SPACES) + 1):
        if 2 * right[m] < n - _MOST_SPACES or \
                Levenshtein.distance("".join(map(_signless, run[:m])), letters, score_cutoff=budget) > budget:
            continue
        groups = _lined_up(run[:m], want)
        if groups is None or all(len(r) == len(p) == 1 for r, p in groups):
            continue  # one for one: above
        got = ["".join(run[k] for k in r) for r, _ in groups]
        lined = ["".join(want[k] for k in p) for _, p in groups]
        if 2 * sum(a == b for a, b in zip(got, lined, strict=True)) >= len(groups):
            yield got, lined, groups, sum(len([k for k in r if _signless(run[k])]) + len(p) - 2 for r, p in groups)


def _lined_up(got: list[str], want: list[str]) -> Groups | None:
    """Which of the read words `got` make which of the phrase's words `want` (letters, signs aside: `_signless`),
    by their letters lined up (`Levenshtein.opcodes` of each side's words joined by spaces), or None where they
    cannot be grouped so: each group in order, one read word for one or two of the phrase's or two for one. Two
    read as one must both hold letters (a number is no piece of a word: "11. Những") and a word read right is
    whole ("Left index finger tip"); a word inside the phrase lined up with none was lost with its space
    ("Place residence:") and goes with the read word before it. Words of signs alone pair with the phrase's in
    order; in a phrase without any they are specks between its words, each going with the word after it ("( HINH"
    of "CHÍNH")."""
    a, b = [_signless(w) for w in got], [_signless(w) for w in want]
    signs_a, signs_b = [k for k, w in enumerate(a) if not w], [k for k, w in enumerate(b) if not w]
    if signs_b and len(signs_a) != len(signs_b):
        return None
    links = set(zip(signs_a, signs_b, strict=False))  # (none where the phrase has no signs)
    owner_a, owner_b = _owners(a), _owners(b)
    for op in Levenshtein.opcodes(" ".join(a), " ".join(b)):
        if op.tag != "delete" and op.tag != "insert":
            links |= {(owner_a[i], owner_b[j]) for i, j in zip(range(op.src_start, op.src_end),
                                                             range(op.dest_start, op.dest_end), strict=True)
                      if owner_a[i] >= 0 and owner_b[j] >= 0}
    for j in set(range(1, len(b) - 1)) - {j for _, j in links} - set(signs_b):  # a word lost inside the phrase
        before = [i for i, k in links if k == j - 1]
        if before:
            links.add((max(before), j))
    if not signs_b and links:
        for k in signs_a:  # (between words: one before the phrase or after it is no part of it)
            after = [(i, j) for i, j in links if i > k]
            if not after or min(links)[0] > k:
                return None
            links.add((k, min(after)[1]))
    groups: Groups = []
    for i, j in sorted(links):
        if groups and (i in groups[-1][0] or j in groups[-1][1]):
            r, p = groups[-1]
            groups[-1] = (tuple(sorted({*r, i})), tuple(sorted({*p, j})))
        else:
            groups.append(((i,), (j,)))
    if [k for r, _ in groups for k in r] != list(range(len(got))) or \
            [k for _, p in groups for k in p] != list(range(len(want))):
        return None  # a word lined up with none, or with words out of order
    for r, p in groups:
        read = [k for k in r if a[k] or signs_b]  # (specks aside)
        if len(read) + len(p) > 3 or len(read) == 2 and (not all(any(c.isalpha() for c in a[k]) for k in read)
                                                          or any(got[k] == want[p[0]] for k in read)):
            return None
    return groups


def _owners(words: list[str]) -> list[int]:
    """For each character of `words` joined by spaces, the word it belongs to (-1: a space)."""
    return [owner for k, w in enumerate(words) for owner in [k] * len(w) + [-1]]


def _near(words: list[Word], letters: list[str], i: int, candidates: list[int]) -> tuple[list[str], Groups] | None:
    """The fixed phrase of three words or more that the words from `i` (`letters`: theirs, `_letters`) are
    with a letter misread in at most one of `_NEAR_LETTERS` letters, half its words read right: "Left index
    [inger". Signs are not counted (`_signless`): where they differ, the phrase's are put in. A space read in a
    word or lost between two counts as a letter misread (`_readings`). The phrase comes with which read words
    make which of its words. The longest phrase is taken, then the nearest ("Đặc điểm nhân dạng / Personal
    ideatification:" is the whole line, not its first words read right); two as near ("Ngón trỏ thải": "trái" or
    "phải") give none."""
    fits = []
    for p in candidates:
        phrase, want, _, budget = _fuzzy()[p]
        for got, lined, groups, spaces in _readings(letters[i:i + len(want) + _MOST_SPACES], want, budget):
            edits = spaces + Levenshtein.distance(_signless(" ".join(got)), _signless(" ".join(lined)))
            if edits <= budget:
                same = not spaces and got == lined and all(
                    mark_key(w.text) == mark_key(printed) for w, printed in zip(words[i:], phrase, strict=False))
                fits.append((-len(want), edits, phrase, None if same else groups))  # read right: "sinh /" is no "sinh"
    fits.sort(key=lambda fit: fit[:2])
    if not fits or fits[0][3] is None or (len(fits) > 1 and fits[0][:2] == fits[1][:2] and fits[0][2] != fits[1][2]):
        return None  # read right, or two as near: neither
    return fits[0][2], fits[0][3]


@lru_cache(maxsize=1 << 16)
def _signless(text: str) -> str:
    """`text` without the signs between its letters: a speck read inside a word ("I.Y", "(.HINH" on a
    stamped ID card's "QUẢN LÝ HÀNH CHÍNH") is no letter misread, and the phrase's own signs replace the
    run's anyway."""
    return "".join(c for c in text if c.isalnum() or c == " ")


def is_phrase(words: list[Word]) -> bool:
    """`words`, signs aside, spell one of `PHRASES` whole, marks aside."""
    return tuple(bare_letters(EDGES.match(w.text).group(2)) for w in words) in _phrase_keys()


@cache
def _phrase_keys() -> frozenset[tuple[str, ...]]:
    return frozenset(_key(p) for p in PHRASES)


def phrases_restored(words: list[Word]) -> list[Word]:
    """`words` with each run of one line whose letters are a fixed phrase's or a place's (`_table`) spelled
    with its marks, and each run a few letters off a long fixed phrase (`_near`) spelled as the phrase."""
    parts = [EDGES.match(w.text).groups() for w in words]
    letters = [bare_letters(w.text) for w in words]
    cores = [bare_letters(core) for _, core, _ in parts]
    out = [[w] for w in words]
    table, longest = _table() | _named_on_page(words, letters), _longest()
    starts = _starts(letters)
    i = 0
    while i < len(words):
        near = _near(words, letters, i, starts.get(i, []))
        span = near[1][-1][0][-1] + 1 if near else 0  # a fixed line read a little off outdoes a shorter phrase in
        for n in range(min(longest, len(words) - i), max(1, span - 1), -1):  # it read right ("Đặc điểm nhân dạng")
            run = range(i, i + n)
            found = table.get(tuple(cores[i : i + n]))
            if found is None or any(words[j].line != words[i].line for j in run):
                continue
            spelled, unit, checked = found
            if spelled[-1].endswith(":") and ":" not in parts[run[-1]][2]:
                continue
            # a place is one name: no sign between its words ("Xã Đàn, phường" is a street, then a ward)
            if unit and (any(parts[j][2] for j in run[:-1]) or any(parts[j][0] for j in run[1:])
                         or any(mark_key(parts[j][1]) != mark_key(spelled[j - i]) for j in run[:checked])):
                continue
            # a phrase printed in capitals read partly so is capitals throughout ("GIAM Đốc")
            capitals = all(p.isupper() for p in spelled) and any(len(parts[j][1]) > 1 and parts[j][1].isupper()
                                                                 for j in run)
            for j, printed in zip(run, spelled, strict=True):
                head, core, tail = parts[j]
                _, want, signs = EDGES.match(printed).groups()
                if j != run[-1]:  # inside the phrase its own signs: a speck read after a word goes ("CỤC. TRƯỞNG")
                    tail = signs
                if core and (mark_key(core) != mark_key(want) or (capitals and not core.isupper())
                             or tail != parts[j][2]):
                    w = words[j]
                    out[j] = [Word(head + _cased(want, want if capitals else core) + tail, w.confidence, w.bbox,
                                   w.block, w.line)]
            i += n - 1
            break
        else:
            if near is not None:
                phrase, groups = near
                last = i + groups[-1][0][-1]
                if all(words[j].line == words[i].line for j in range(i, last + 1)):
                    for read, printed in groups:  # its words and signs
                        read = [i + k for k in read]
                        w = reduce(joined, (words[j] for j in read))
                        like = _case_of([parts[j][1] for j in read])
                        # (a word after the first in the read one's box is as printed, unless in capitals)
                        spelled = [_cased(phrase[k], like if like and (at == 0 or like.isupper()) else phrase[k])
                                   for at, k in enumerate(printed)]
                        out[read[0]] = [Word(spelled[0], w.confidence, w.bbox, w.block, w.line)] if len(spelled) == 1 \
                            else cut(Word("".join(spelled), w.confidence, w.bbox, w.block, w.line), *spelled)
                        for j in read[1:]:
                            out[j] = []
                    i = last
        i += 1
    return _groups_numbered([w for found in out for w in found])


_GROUP_NUMBER = re.compile(r"\d{1,3},?")


def _groups_numbered(words: list[Word]) -> list[Word]:
    """A residential group's word before its number spelt "Tổ" ("Tổ 34, số nhà 134 …"): `vie` reads the hook
    above its "ô" as another tone ("Tố 34"); no other word of these letters stands before a house group's number
    (the name "Tô" keeps its bare "ô")."""
    out = list(words)
    for k, (w, after) in enumerate(zip(words, words[1:], strict=False)):
        head, core, tail = EDGES.match(w.text).groups()
        key = mark_key(core)
        if key[0] == "tô" and key[1] and after.line == w.line and _GROUP_NUMBER.fullmatch(after.text) \
                and core != (spelt := _cased("tổ", core)):
            out[k] = Word(head + spelt + tail, w.confidence, w.bbox, w.block, w.line)
    return out

