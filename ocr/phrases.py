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
"""

from __future__ import annotations

import unicodedata
from functools import cache

from ocr.placenames import unit_rows
from ocr.syllables import EDGES, mark_key
from ocr.types import Word

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
    "Đặc điểm nhân dạng",
    # labels whose words are common words too ("Quyển số" has the letters of "quyền sở hữu"): only with
    # their colon read
    "Quyển số:",
    "Giấy tờ tùy thân:",
    "Mối quan hệ với chủ hộ:",
)


def _letters(word: str) -> str:
    """Lower-case letters without any mark ("Đ" is "d"): what a misread mark leaves alike."""
    d = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c))


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(_letters(EDGES.match(w).group(2)) for w in phrase.split())


@cache
def _table() -> dict[tuple[str, ...], tuple[list[str], int]]:
    """Letters of each phrase -> its words, and how many of its first words must be read right already:
    the titles (none), and every province, district and commune with its unit word ("xã Nghi Long",
    "phường Đông Thọ"), whose name's marks `vie` misreads as often ("xã Nghỉ Long", "phường Đồng Thọ",
    "PHƯỜNG BÉN THỦY"). The unit word must be read with its marks: "quan" and "xa" are common letters
    ("Hoàng Đức Quân 8." is no "Quận 8"). Letters that two units spell with other marks (Hoằng Hóa's xã
    Hoằng Quỳ and xã Hoằng Quý) are left out: only the marks read could tell them apart."""
    spellings: dict[tuple[str, ...], dict[tuple, tuple[str, int]]] = {}
    try:
        rows = unit_rows()
    except ModuleNotFoundError:  # no gazetteer package: titles only
        rows = ()
    for row in rows:
        whole, unit = row["name_with_type"], len(row["name_with_type"].split()) - len(row["name"].split())
        spellings.setdefault(_key(whole), {})[tuple(mark_key(w) for w in whole.split())] = (whole, unit)
    table = {k: (v[0].split(), v[1]) for k, found in spellings.items() if len(found) == 1
             for v in found.values()}
    return table | {_key(p): (p.split(), 0) for p in PHRASES}


@cache
def _longest() -> int:
    return max(map(len, _table()))


def _cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    return word[:1].upper() + word[1:].lower() if like[:1].isupper() else word.lower()


def phrases_restored(words: list[Word]) -> list[Word]:
    """`words` with each run of one line whose letters are a fixed phrase's or a place's (`_table`) spelled
    with its marks."""
    out, table, longest = list(words), _table(), _longest()
    parts = [EDGES.match(w.text).groups() for w in words]
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 1, -1):
            run = range(i, i + n)
            found = table.get(tuple(_letters(parts[j][1]) for j in run))
            if found is None or any(words[j].line != words[i].line for j in run):
                continue
            spelled, unit = found
            if spelled[-1].endswith(":") and ":" not in parts[run[-1]][2]:
                continue
            # a place is one name: no sign between its words ("Xã Đàn, phường" is a street, then a ward)
            if unit and (any(parts[j][2] for j in run[:-1]) or any(parts[j][0] for j in run[1:])
                         or any(mark_key(parts[j][1]) != mark_key(spelled[j - i]) for j in run[:unit])):
                continue
            for j, want in zip(run, spelled, strict=True):
                head, core, tail = parts[j]
                want = EDGES.match(want).group(2)
                if core and mark_key(core) != mark_key(want):
                    w = words[j]
                    out[j] = Word(head + _cased(want, core) + tail, w.confidence, w.bbox, w.block, w.line)
            i += n - 1
            break
        i += 1
    return out
