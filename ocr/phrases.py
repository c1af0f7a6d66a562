"""The fixed phrases every paper of a one-stop-shop dossier prints, with their tone marks restored.

Why: Tesseract's `vie` model misreads the tone marks of bold capitals surely and the same way at every
scale, with or without its dictionary: "GIẤY KHAI SINH" is read "GIẦY KHAI SINH" at 0.93, "BẢO HIỂM" "BẢO
HIẾM", "KẾT QUẢ" "KÉT QUẢ". Each misread word is a real syllable, so the syllable check (`ocr.syllables`)
cannot see it; only the words around it can. The titles and the national motto are prescribed with the
forms (the civil-status forms of Circular 04/2020/TT-BTP, the residence forms of Circular 66/2023/TT-BCA,
the health insurance card's and the citizen identity card's models) and printed on every such paper, so a
run of words whose letters are one of these phrases' letters is that phrase: its words take the phrase's
marks, as read in their case. Words are compared by letters and mark (`syllables.mark_key`), so a mark
placed in the old style ("HOÀ") is not a difference.
"""

from __future__ import annotations

import re
import unicodedata

from ocr.syllables import mark_key
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
)  # titles only: a label's words are common words too ("Quyển số" has the letters of "quyền sở hữu")
_EDGES = re.compile(r"^(\W*)(.*?)(\W*)$")


def _letters(word: str) -> str:
    """Lower-case letters without any mark ("Đ" is "d"): what a misread mark leaves alike."""
    d = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c))


_TABLE = {tuple(_letters(_EDGES.match(w).group(2)) for w in p.split()): p.split() for p in PHRASES}
_LONGEST = max(len(k) for k in _TABLE)


def _cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    return word[:1].upper() + word[1:].lower() if like[:1].isupper() else word.lower()


def phrases_restored(words: list[Word]) -> list[Word]:
    """`words` with each run of one line whose letters are a fixed phrase's spelled with its marks."""
    out = list(words)
    parts = [_EDGES.match(w.text).groups() for w in words]
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 1, -1):
            run = range(i, i + n)
            spelled = _TABLE.get(tuple(_letters(parts[j][1]) for j in run))
            if spelled is None or any(words[j].line != words[i].line for j in run):
                continue
            for j, want in zip(run, spelled, strict=True):
                head, core, tail = parts[j]
                if core and mark_key(core) != mark_key(want):
                    w = words[j]
                    out[j] = Word(head + _cased(want, core) + tail, w.confidence, w.bbox, w.block, w.line)
            i += n - 1
            break
        i += 1
    return out
