"""Pieces several papers share: the date line of the issuing place, time of day."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from classifiers.documents import ExtractedField
from classifiers.fields import repair_date
from classifiers.text import DATE_SEP as SEP
from classifiers.text import (
    MONTH_WORD,
    NGAY,
    YEAR_WORD,
    Line,
    digits_like,
    find_dates,
    find_label,
    fold,
    nfc,
    union,
)
from ocr.syllables import foreign_letters
from ocr.types import Word

# A birth paper's "Nơi cư trú", or its last words and colon when "Nơi" was lost at the line's start
CU_TRU = ("noi cu tru", "cu tru:")

# a handwritten 1 may be read as I (i once folded), a printed one as "]" or "!", a day's second digit 5 as S or Š
# (s once folded); a speck may stand beside the day ("ngày I1] tháng")
_PLACE_DATE = re.compile(rf",?\s*{NGAY}{SEP}[\dOoIil|\]!][\dOoIils|\]!]?[\]|!]?{SEP}{MONTH_WORD}{SEP}"
                         rf"[\dOoIil|\]!§&]{{1,2}}{SEP}{YEAR_WORD}\s*[12]\d{{3}}")  # "0§": 08 (S: 5 or 8?)
# the same with "ngày" lost ("Làm tại: Vinh 22 tháng 11 năm 2025"): only for the paper's own date line
# and with "tháng" garbled too, a seal's rim through it ("09 tha: 02 năm 2026"): digits around it tell it
_BARE_DATE = re.compile(rf"(?<![\w/!])\d{{1,2}}{SEP}({MONTH_WORD}|th[aou]\S{{0,2}}){SEP}\d{{1,2}}{SEP}{YEAR_WORD}"
                        rf"\s*[12]\d{{3}}")


def _dates_after(line: Line, m: re.Match) -> tuple[list, int]:
    """The dates of `line` from the match on; a match without "ngày" is read as if it were there (the
    offsets then `shift` characters on)."""
    if re.search(NGAY, m.group()):
        return [d for d in find_dates(line.text) if d.start >= m.start() - 1], 0
    shift = len("ngày ")
    text = line.text[:m.start(1)] + "tháng" + line.text[m.end(1):]  # as printed (offsets after it move a little)
    return find_dates(text[:m.start()] + "ngày " + text[m.start():]), shift


# the paper's own date line with its day or month unreadable ("ngày 26 tháng S năm 2026": S is 5 or 8): no date
# is better than a guess or another line's date
_UNREADABLE_DATE = re.compile(rf"ngay\s*\S{{0,3}}{SEP}{MONTH_WORD}\s*\S{{0,3}}{SEP}{YEAR_WORD}\s*[12]\d{{3}}")
# a citation of a law ("Luật"; "pháp luật" is the law in general), decree, circular or decision: its date is that
# act's, never the paper's own
_CITATION = re.compile(r"(?<!\w)(can cu|(?<!phap )luat|nghi dinh|thong tu|quyet dinh|chi thi)(?!\w)")


def _citations(lines: list[Line]) -> set[int]:
    """Positions of the lines that cite another act ("Căn cứ Luật Cư trú ngày 13 tháng 11 năm 2020;"), with the
    one or two lines a citation without its date wraps onto ("Căn cứ Nghị định số 123/2015/NĐ-CP" / "ngày 15
    tháng 11 năm 2015 …"), up to a line ending with ";" or "."."""
    out, left = set(), 0
    for i, line in enumerate(lines):
        if _CITATION.search(line.folded):
            out.add(i)
            dated = _PLACE_DATE.search(line.folded) or find_dates(line.text)
            left = 0 if dated or line.text.rstrip().endswith((";", ".")) else 2
        elif left and lines[i - 1].page == line.page:
            out.add(i)
            left = 0 if line.text.rstrip().endswith((";", ".")) else left - 1
        else:
            left = 0
    return out


def place_date(lines: list[Line], last: bool = False) -> ExtractedField | None:
    """'Hà Nội, ngày 10 tháng 10 năm 2026' – the date the paper was made (the first such line, or the
    last one for papers that print it above the signature). Dates of the acts a paper cites are skipped; a
    date line whose day or month cannot be read gives no date (not the next line's)."""
    found = None
    cited = _citations(lines)
    for i, line in enumerate(lines):
        if i in cited:
            continue
        m = _PLACE_DATE.search(line.folded) or _BARE_DATE.search(line.folded)
        dates, shift = _dates_after(line, m) if m else ([], 0)
        if not dates:
            if _UNREADABLE_DATE.search(line.folded):
                found = None
                if not last:
                    return None
            continue
        d = dates[0]
        words = line.span_words(max(0, d.start - shift), d.end - shift)
        conf = min(0.95, 0.2 + 0.8 * (sum(w.confidence for w in words) / len(words) if words else 0.5))
        value, flags = d.iso, ()
        if not d.valid:  # "Ngày 72 tháng 01": the one real date a confused digit away, doubted as read fields are
            fixed = repair_date(d.iso)
            value, flags, conf = fixed or d.iso, ("digits_repaired",) if fixed else ("not_a_date",), min(conf, 0.3)
        found = ExtractedField(value, round(conf, 4), "ocr", line.page, union([w.bbox for w in words]), flags)
        if not last:
            return found
    return found


def above(lines: list[Line], heading: str, min_score: float = 88.0) -> list[Line]:
    """The lines above the first one opening with `heading` (folded): the items above a members table, whose
    column headers ("Họ, chữ đệm và tên", "Giới tính", "Quan hệ với chủ hộ") repeat the items' labels. Above
    on the page and top to bottom, whatever the reading order: a form read with items 7–11 before items 1–6
    lost items 1–6."""
    for i, line in enumerate(lines):
        head = line.folded.lstrip(" 0123456789.,")
        if find_label(head[: len(heading) + 6], heading, min_score):
            before = [ln for ln in lines[:i] if ln.page != line.page]
            return before + sorted((ln for ln in lines if ln.page == line.page and ln.bbox[1] < line.bbox[1]),
                                   key=lambda ln: ln.bbox[1])
    return lines


_TIME = re.compile(r"(\d{1,2})\s*gio\s*(\d{1,2})\s*phut")



def set_issue_date(fields: dict[str, ExtractedField], lines: list[Line]) -> None:
    """`date_of_issue` from the place-and-date line above the signature, when the paper prints one."""
    issued = place_date(lines, last=True)
    if issued:
        fields["date_of_issue"] = issued

def time_of_day(field: ExtractedField | None, lines: list[Line], label: str) -> ExtractedField | None:
    """'03 giờ 05 phút' on the line of `label` (found as labels are: "Đã chất vào lúc")."""
    for line in lines:
        if find_label(line.folded, label, 88.0):
            m = _TIME.search(line.folded)
            if m:
                words = line.span_words(m.start(), m.end())
                return ExtractedField(f"{int(m.group(1)):02d} giờ {int(m.group(2)):02d} phút", 0.9, "ocr",
                                      line.page, union([w.bbox for w in words]))
    return None


def _block_names(lines: list[Line], i: int, box: tuple, max_heights: float,
                 stops: tuple[str, ...]) -> list[ExtractedField]:
    """Name-like readings in the column under the heading of line `i` (box `box`), top to bottom, up to
    another block's heading (`stops`) or `max_heights` line heights."""
    from classifiers.fields import normalise

    line, out = lines[i], []
    h = max(line.height, 10)
    cx, half = (box[0] + box[2]) / 2, max(box[2] - box[0], 8 * h) * 0.75
    column = [(below, [w for w in below.words if abs((w.bbox[0] + w.bbox[2]) / 2 - cx) <= half])
              for below in lines[i + 1:]]
    for k, (below, words) in enumerate(column):
        if below.page != line.page or below.bbox[1] - box[3] > max_heights * h:
            break
        text = " ".join(w.text for w in words)
        if words and any(find_label(fold(text), stop, 88.0) for stop in stops):
            break
        if not words or "(" in text or ")" in text or any(c.isdigit() for c in text):
            continue
        norm = normalise("name", text)
        tokens = norm[0].split() if norm else []
        if len(tokens) < 2 or not all(t.isalpha() and len(t) >= 2 for t in tokens):
            continue
        if k + 1 < len(column) and (tail := _wrapped_word(below, words, *column[k + 1], tokens)):
            words = [*words, tail]
            tokens.append(tail.text)
        conf = sum(w.confidence for w in words) / len(words)
        out.append(ExtractedField(" ".join(tokens), round(min(0.9, 0.1 + 0.8 * conf), 4), "ocr", below.page,
                                  union([w.bbox for w in words])))
    return out


def _wrapped_word(line: Line, name_words: list[Word], below: Line, words: list[Word], name: list[str]) -> Word | None:
    """The last word of a name written on two lines in a narrow block ("HOÀNG MINH / LONG"): the next line
    (within a line and a half), one word of letters in the name's case, under the name's own span."""
    h, (x0, _, x1, y1) = line.height, union([w.bbox for w in name_words])
    if len(words) != 1 or below.page != line.page or below.bbox[1] - y1 > 1.5 * h:
        return None
    word, text = words[0], words[0].text.strip(".,")
    inside = x0 - h <= word.bbox[0] and word.bbox[2] <= x1 + h
    if not (inside and len(text) >= 2 and text.isalpha() and text.isupper() == name[-1].isupper()):
        return None
    return dataclasses.replace(word, text=text)


def _opens_with_family_name(name: str, marks: bool = False) -> bool:
    """Whether `name` opens with a listed family name: with its marks, or its letters alone."""
    from classifiers.names import SURNAMES

    first = name.split()[0]
    if marks:
        return first.upper() in {s.upper() for s in SURNAMES}
    return fold(first) in {fold(s) for s in SURNAMES}


def signed_name(lines: list[Line], heading: str, max_heights: float = 14.0,
                stops: tuple[str, ...] = ()) -> ExtractedField | None:
    """The name written under a signature block ("NGƯỜI KÊ KHAI / (Ký, ghi rõ họ tên) / signature /
    name"): name-like words below the heading, inside its column (blocks sit side by side); the first that
    opens with a listed family name, since a signature is often read as short words above the name
    ("VÀ VÀ"), with its marks first ("tà va" has the letters of "Tạ" and stood above "BÙI BẢO THẮNG"), else
    the first. The search ends at another block's heading in the column (`stops`, folded):
    a block left unsigned must not take the name of the block under it."""
    for i, line in enumerate(lines):
        hit = find_label(line.folded, heading, 88.0)
        if not hit:
            continue
        box = union([w.bbox for w in line.span_words(hit.start, hit.end)])
        if box is None:
            continue
        found = _block_names(lines, i, box, max_heights, stops)
        return next((f for marks in (True, False) for f in found if _opens_with_family_name(f.value, marks)),
                    found[0] if found else None)
    return None


TITLE_MIN_SCORE = 90


MIN_TITLE_TAIL_WORDS = 3


def title_line(lines: list[Line], titles: tuple[str, ...]) -> ExtractedField | None:
    """The paper's printed title, one of `titles` (as printed, in capitals), matched on folded text: a title
    comes from a closed list, so it takes the listed spelling ("GIẦY BÁO TỬ" → "GIẤY BÁO TỬ"); when letters,
    not only marks, differed, the reading was doubtful (flag `spelling_from_vocabulary`, confidence ≤ 0.8).
    A line that is the last three or more words of exactly one title, its first word lost ("LỤC KHAI TƯ"), is
    that title (flag `completed_from_vocabulary`, ≤ 0.6)."""
    tails = []
    for line in lines:
        text = line.folded.strip(" .:;-_|")
        scored = [(fuzz.ratio(text, fold(t)), t) for t in titles]
        score, title = max(scored, default=(0.0, ""))
        conf = round(sum(w.confidence for w in line.words) / len(line.words), 4)
        if score < TITLE_MIN_SCORE:
            n = len(text.split())
            ends = {t for t in titles if len(t.split()) > n >= MIN_TITLE_TAIL_WORDS
                    and fuzz.ratio(text, " ".join(fold(t).split()[-n:])) >= TITLE_MIN_SCORE}
            if len(ends) == 1:
                tails.append(ExtractedField(ends.pop(), min(conf, COMPLETED_CONFIDENCE), "ocr", line.page, line.bbox,
                                            ("completed_from_vocabulary",)))
            continue
        if text == fold(title):
            return ExtractedField(title, conf, "ocr", line.page, line.bbox)
        return ExtractedField(title, min(conf, 0.8), "ocr", line.page, line.bbox, ("spelling_from_vocabulary",))
    return tails[0] if tails else None


_NUMBER = re.compile(r"^\W*so\s*:\s*(\S+)")


NUMBER_REPAIRED_CONFIDENCE = 0.6


_SLASH_READ = re.compile(r"(\d+)[Il|!]([A-ZĐ]{2,5})")


def document_number(lines: list[Line]) -> ExtractedField | None:
    """'Số: 695/XN' in the header: the paper's own number. Its part before the slash (all of it, without
    one: a birth certificate's "Số: 161") is a number: look-alike signs and letters there are digits
    ("§62/GBT" → "862/GBT", "I61" → "161", "I§I" → "181"; flag `digits_repaired`, ≤ 0.6); a slash read as a
    letter before the paper's code is a slash ("257IXN" → "257/XN", ≤ 0.6)."""
    for line in lines[:12]:
        m = _NUMBER.match(line.folded)
        if m:
            words = line.span_words(m.start(1), m.end(1))
            value = line.text[m.start(1):m.end(1)].strip(".,;:")
            conf = round(sum(w.confidence for w in words) / max(1, len(words)), 4)
            flags: tuple[str, ...] = ()
            if slash := _SLASH_READ.fullmatch(value):  # "257IXN": the slash before the paper's code read I
                value, flags = f"{slash[1]}/{slash[2]}", ("digits_repaired",)
                conf = min(conf, NUMBER_REPAIRED_CONFIDENCE)
            head, sep, rest = value.partition("/")
            # a digit or a sign among them: a number ("I§I" of 181), not a word ("ABC")
            if any(not c.isalpha() for c in head) and (digits := digits_like(head)).isdigit() and digits != head:
                value, flags, conf = digits + sep + rest, ("digits_repaired",), min(conf, NUMBER_REPAIRED_CONFIDENCE)
            return ExtractedField(value, conf, "ocr", line.page, union([w.bbox for w in words]), flags)
    return None


PHONE_REPAIRED_CONFIDENCE = 0.6
# A Vietnamese number as dialled at home: ten digits opening with 0 (a mobile one: 0, a network digit 3, 5, 7, 8
# or 9, eight more), or a landline's eleven (02, an area code, the subscriber's number, since 2017).
_PHONE = re.compile(r"0\d{9}|02\d{9}")


def normalise_phone(fields: dict[str, ExtractedField]) -> None:
    """Keep a phone number as its digits; a reading with fewer than 9 digits is not a number at all. Look-alike
    signs inside it are digits ("092598&5" → 8). A ten-digit reading opening with a digit small print confuses
    with 0 (2, 6, 8, 9) had its 0 misread, and nine digits opening like a mobile number without its 0 lost
    it (flag `digits_repaired`, as for look-alikes). A reading that is still no possible number is kept for
    an officer, flagged `phone_shape` (confidence ≤ 0.3)."""
    from classifiers.validate import DIGIT_CONFUSIONS, FLAGGED_CONFIDENCE

    phone = fields.get("phone_number")
    if phone is None:
        return
    compact = re.sub(r"[\s.\-]", "", phone.value)
    digits = re.sub(r"\D", "", digits_like(compact))
    if len(re.sub(r"\D", "", compact)) < 9 and len(digits) < 9:
        del fields["phone_number"]
        return
    repaired = digits != re.sub(r"\D", "", compact)
    if len(digits) == 10 and digits[0] != "0" and digits[0] in DIGIT_CONFUSIONS["0"]:
        digits, repaired = "0" + digits[1:], True
    elif len(digits) == 9 and digits[0] in "35789":
        digits, repaired = "0" + digits, True
    flags, conf = phone.flags, phone.confidence
    if repaired:
        flags, conf = (*flags, "digits_repaired"), min(conf, PHONE_REPAIRED_CONFIDENCE)
    if not _PHONE.fullmatch(digits):
        flags, conf = (*flags, "phone_shape"), min(conf, FLAGGED_CONFIDENCE)
    fields["phone_number"] = ExtractedField(digits, conf, "ocr", phone.page, phone.bbox, flags)


SPELLING_RESTORED_CONFIDENCE = 0.85
FROM_WORDS_CONFIDENCE = 0.7


def check_date_words(fields: dict[str, ExtractedField]) -> None:
    """The date of birth in digits and in words check each other: words that spell the digits' date are
    given their exact spelling; a date in digits that is unread or doubtful takes the date the words spell
    (flag `from_date_in_words`)."""
    from classifiers.datewords import date_words, parse_date_words
    from classifiers.validate import dt_ok

    words, dob = fields.get("date_of_birth_in_words"), fields.get("date_of_birth")
    parsed = parse_date_words(words.value) if words else None
    if words is None or parsed is None:
        return
    iso, _score = parsed
    if dob is not None and not dob.flags and dt_ok(dob.value) and dob.value != iso:
        return  # two readings disagree: neither is rewritten
    if dob is None or dob.flags or not dt_ok(dob.value):
        fields["date_of_birth"] = ExtractedField(iso, min(words.confidence, FROM_WORDS_CONFIDENCE), "ocr", words.page,
                                                 words.bbox, ("from_date_in_words",))
    spelled = date_words(dt.date.fromisoformat(iso))
    if spelled != words.value:
        fields["date_of_birth_in_words"] = ExtractedField(
            spelled, min(words.confidence, SPELLING_RESTORED_CONFIDENCE), "ocr", words.page, words.bbox, words.flags)


# How a person is related to the household head or to a child: a closed list of kinship words.
RELATIONSHIPS = ("Chủ hộ", "Vợ", "Chồng", "Con", "Con đẻ", "Con nuôi", "Con dâu", "Con rể", "Bố", "Mẹ", "Cha",
                 "Ông", "Bà", "Ông nội", "Bà nội", "Ông ngoại", "Bà ngoại", "Anh", "Chị", "Em", "Anh ruột",
                 "Chị ruột", "Em ruột", "Cháu", "Cháu ruột", "Chú", "Bác", "Cô", "Dì", "Cậu", "Mợ", "Thím",
                 "Người giám hộ")
# Kinship words that name a man or a woman (Bác, Con, Em, Cháu… name either).
MALE_KIN = frozenset({"Chồng", "Con rể", "Bố", "Cha", "Ông", "Ông nội", "Ông ngoại", "Anh", "Anh ruột", "Chú", "Cậu"})
FEMALE_KIN = frozenset({"Vợ", "Con dâu", "Mẹ", "Bà", "Bà nội", "Bà ngoại", "Chị", "Chị ruột", "Cô", "Dì", "Mợ",
                        "Thím"})
# The 54 ethnic groups of Viet Nam (the official list of the General Statistics Office, Decision
# 121-TCTK/PPCĐ of 1979), in the spelling civil-status papers print; the other official spellings of a
# name are `ETHNIC_ALIASES`. Spaces, hyphens and apostrophes are not compared ("Ê Đê" is "Ê-đê").
ETHNIC_GROUPS = ("Kinh", "Tày", "Thái", "Hoa", "Khmer", "Mường", "Nùng", "Mông", "Dao", "Gia Rai", "Ngái", "Ê Đê",
                 "Ba Na", "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Ra Glai", "Xtiêng",
                 "Bru - Vân Kiều", "Thổ", "Giáy", "Cơ Tu", "Giẻ - Triêng", "Mạ", "Khơ Mú", "Co", "Tà Ôi", "Chơ Ro",
                 "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô",
                 "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống", "Bố Y", "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm")
ETHNIC_ALIASES = ("Khơ Me", "H'Mông", "HMông", "Mèo", "Gié - Triêng", "Sán Chỉ", "Cao Lan")
COMPLETED_CONFIDENCE = 0.6


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def _toneless(text: str) -> str:
    """Lower case without tone marks but with the marks that make another vowel (â, ă, ê, ô, ơ, ư)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if c not in _TONES)
    return unicodedata.normalize("NFC", bare)


_VOWELS = frozenset("aăâeêioôơuưy")


def _tone(word: str) -> str | None:
    """The tone mark of a syllable (a mark over a vowel: the tilde of a misread "ñ" is none), None for the
    level tone."""
    base = ""
    for c in unicodedata.normalize("NFD", word.lower()):
        if c in _TONES and base in "aeiouy":
            return c
        if not unicodedata.combining(c):
            base = c
    return None


def _marks_fit(read: str, word: str) -> bool:
    """`read` is `word` with tone marks and vowel marks wrong or missing, but no vowel mark `word` lacks
    ("Bó" fits "Bố"; "Chư" does not fit "Chú", nor "Bắ" "Bà": ư and ă are other vowels)."""
    a, b = _toneless(read), _toneless(word)
    if len(a) != len(b) or fold(read) != fold(word):
        return False
    return all(x == y or x == fold(x) for x, y in zip(a, b, strict=True))


def _vocabulary_key(text: str, joined: bool = False) -> str:
    """A reading as compared with a vocabulary: lower case, vowel marks kept, tone marks dropped, signs at word
    edges dropped ("/fẹ" → "fe"); `joined`: without spaces, hyphens and apostrophes ("Ê-đê" → "êđê")."""
    words = [w.strip(" .,:;!?/\\|'\"”“`~*-_()") for w in _toneless(text).split()]
    key = " ".join(w for w in words if w)
    return re.sub(r"[\s\-']", "", key) if joined else key


def _edits(read: str, want: str, vowels: bool) -> float:
    """Edit distance from a reading to an entry's key; a letter read without the entry's vowel mark ("o" for
    "ô") is no edit. With `vowels` False a vowel read as another vowel is never a misread but another word
    ("Chư" is not "Chú", nor "Bắ" "Bố"): such a substitution costs more than any allowed distance; with it,
    one read with a vowel mark the entry's lacks ("ê" for "e": "Mệ" of "Mẹ", not "Mợ") costs half an edit.
    Written out because rapidfuzz's Levenshtein has no per-pair substitution cost."""
    prev: list[float] = [float(j) for j in range(len(want) + 1)]
    for i, a in enumerate(read, 1):
        cur = [float(i)]
        for j, b in enumerate(want, 1):
            if a == b or a == fold(b):
                sub = 0.0
            elif not vowels and fold(a) in _VOWELS and fold(b) in _VOWELS:
                sub = 9.0
            elif fold(a) == b:
                sub = 0.5
            else:
                sub = 1.0
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub))
        prev = cur
    return prev[-1]


MIN_EVIDENCE = 2


def closest_entry(reading: str, entries, joined: bool = False, vowels: bool = False) -> str | None:
    """The one entry of a closed vocabulary that a misread `reading` is, else None. Handwriting read by OCR
    replaces letters with digits and signs ("C7", "/fẹ", "K¡nh"), and drops, adds or doubles one ("Ca",
    "Kinn", "Kinñh"): an entry is near when its key (vowel marks kept, tone marks not) is one edit from the
    reading's (`_edits`; two for entries of six letters or more) and the reading keeps at least two of its
    letters, a tone mark that agrees counting as one ("fẹ" is "Mẹ"; "c7" is no word). A reading's tone mark
    must be the entry's. A vowel read as another is no misread unless `vowels` (the dossier narrowed the
    entries). Only the single nearest entry is taken: two equally near give nothing."""
    key = _vocabulary_key(reading, joined)
    if not key:
        return None
    tones = [_tone(w) for w in reading.split()]
    scored = []
    for entry in entries:
        want = _vocabulary_key(entry, joined)
        if not joined and len(want.split()) != len(key.split()):
            continue
        d = _edits(key, want, vowels)
        if d > (1 if len(want.replace(" ", "")) < 6 else 2):
            continue
        agree = 0
        if len(tones) == len(entry.split()):
            theirs = [_tone(w) for w in entry.split()]
            if any(t is not None and t != u for t, u in zip(tones, theirs, strict=True)):
                continue
            agree = int(any(t is not None for t in tones))
        if len(want.replace(" ", "")) - d + agree >= MIN_EVIDENCE:
            scored.append((d, entry))
    scored.sort()
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def _completed(f: ExtractedField, value: str) -> ExtractedField:
    return dataclasses.replace(f, value=value, flags=(*f.flags, "completed_from_vocabulary"),
                               confidence=min(f.confidence, COMPLETED_CONFIDENCE))


def fix_relationship(fields: dict[str, ExtractedField], name: str, allowed: frozenset[str] | None = None) -> None:
    """A kinship word read with specks or wrong marks is the listed word: a trailing one-letter speck is
    dropped ("Chủ hộ ỗ"), an 8 opening it is a B ("8ố"), the first word of exactly one listed phrase (or,
    failing that, the second word of exactly one two-word phrase, alone or after a misread first word), with
    its tone marks, is that phrase ("Chủ", "hộ", "CJui hộ" → "Chủ hộ", flag `completed_from_vocabulary`), a
    word that fits exactly one listed word but for missing or wrong marks takes its spelling ("Chú hộ", "Me"),
    and a misread word one unambiguous edit from a listed one is that word (`closest_entry`, flag
    `completed_from_vocabulary`). `allowed` narrows the list to what the dossier permits (the subject's sex)."""

    f = fields.get(name)
    if f is None:
        return
    vocabulary = [r for r in RELATIONSHIPS if allowed is None or r in allowed]
    words = nfc(f.value).split()
    while len(words) > 1 and len(words[-1]) == 1:
        words.pop()
    text = " ".join(words)
    if text[:1] == "8":
        text = "B" + text[1:]
    exact = [r for r in vocabulary if r.lower() == text.lower()]
    opening = [r for r in vocabulary if " " in r and r.split()[0].lower() == text.lower()]
    if not opening:  # the first of two words lost ("hộ" of "Chủ hộ"), or misread ("CJui hộ")
        tail = text.split()[-1].lower() if text.split() else ""
        opening = [r for r in vocabulary if len(r.split()) == 2 and r.split()[-1].lower() == tail
                   and len(text.split()) <= 2]
    fitting = [r for r in vocabulary if _marks_fit(text, r)]
    if exact:
        value, flags, conf = exact[0], f.flags, f.confidence
    elif len(opening) == 1:
        value, flags = opening[0], (*f.flags, "completed_from_vocabulary")
        conf = min(f.confidence, COMPLETED_CONFIDENCE)
    elif len(fitting) == 1:
        value, flags, conf = fitting[0], f.flags, f.confidence
    elif near := closest_entry(text, vocabulary):
        value, flags = near, (*f.flags, "completed_from_vocabulary")
        conf = min(f.confidence, COMPLETED_CONFIDENCE)
    elif "Mẹ" in vocabulary and _scrawled_m(text):
        value, flags = "Mẹ", (*f.flags, "completed_from_vocabulary")
        conf = min(f.confidence, COMPLETED_CONFIDENCE)
    elif nfc(f.value)[:1] == "8":  # "8ấ": the B kept, for the kinship words of the subject's sex
        value, flags, conf = text, (*f.flags, "digits_repaired"), min(f.confidence, COMPLETED_CONFIDENCE)
    else:
        return
    if value != f.value:
        fields[name] = dataclasses.replace(f, value=value, flags=flags, confidence=conf)


def _scrawled_m(text: str) -> bool:
    """A handwritten "Mẹ" read as signs and letters Vietnamese does not write: its M so, before an e ("Ä⁄e",
    "Ä#e", "Ä⁄Ze": no vowel read before it; "4⁄c", "4⁄¿": the e an open loop), or its ẹ so, after an M
    ("M#@"). No other kinship word is one syllable ending in e, nor opens with M."""
    head, last = text[:-1], fold(text[-1:]).lower()
    vowel = any(fold(c).lower() in "aeiouy" and not foreign_letters(c) for c in head)
    scrawl = any(not c.isalpha() or foreign_letters(c) for c in head)  # not a syllable's start: "Bế" is one
    # its e an open loop ("c", "¿") after the M's stroke read as a slash ("4⁄c", "4/¿": OCR's words write it "/")
    e_like = last == "e" or (last in "c¿" and any(c in head for c in "/⁄"))
    return (e_like and 1 <= len(head) <= 3 and scrawl and not vowel) \
        or (text[:1] == "M" and 1 <= len(text) - 1 <= 3 and not any(c.isalpha() for c in text[1:]))


# "Mường 6. Tôi: Cong giáo": item 6's label misread, no stop found; "Kinh 6ó.": its period read with a mark too
_NEXT_ITEM = re.compile(r"\s+\d{1,2}[^\W\d]?(?:\.\s|\.?$)")


def fix_ethnicity(fields: dict[str, ExtractedField], name: str = "ethnicity") -> None:
    """An ethnic group misread ("Kinñh", "K¡nh", "Vùng"; "Kinli", an h read as "li") is the one group of the
    official list it is an unambiguous edit or two from (`closest_entry`, flag `completed_from_vocabulary`);
    a name spelled as listed, or as another official spelling, is kept as printed. The next numbered item or
    label, misread and so taken in, goes first."""
    f = fields.get(name)
    if f is None:
        return
    listed = ETHNIC_GROUPS + ETHNIC_ALIASES
    if (item := _NEXT_ITEM.search(f.value)) and item.start() > 0:  # the next item's misread label taken in
        f = fields[name] = dataclasses.replace(f, value=f.value[:item.start()])
    # the next label, misread, and its value ("Kinh Quếc tịch: Nam"), or its first word alone ("Kinh Quốc", the
    # rest of the line lost): the group before it
    if ":" in f.value or re.search(r"\squoc$", fold(f.value).lower()):
        words, keys = f.value.split(), {_vocabulary_key(e, joined=True) for e in listed}
        heads = (" ".join(words[:n]) for n in (3, 2, 1))
        if (head := next((h for h in heads if _vocabulary_key(h, joined=True) in keys), None)) is not None:
            f = fields[name] = dataclasses.replace(f, value=head)
    key = _vocabulary_key(f.value, joined=True)
    if any(_vocabulary_key(e, joined=True) == key and _tone(e) == _tone(f.value) for e in listed):
        return
    if near := closest_entry(f.value, listed, joined=True) or closest_entry(f.value.replace("li", "h"), listed,
                                                                            joined=True):
        fields[name] = _completed(f, near)


DERIVED_ETHNICITY_CONFIDENCE = 0.6


def ethnicity_from_parents(fields: dict[str, ExtractedField]) -> None:
    """A child's ethnic group is its parents' when they share one (Civil Code 2015, art. 29; parents of two
    groups choose one of them): an unread one is then theirs (flag `derived_from_parents`). One read as the
    end of one parent's group and of no listed group alone ("ng" of "Mường", its first letters lost) is that
    parent's."""
    mother, father = fields.get("mother_ethnicity"), fields.get("father_ethnicity")
    child = fields.get("ethnicity")
    if child is not None and len(end := _vocabulary_key(child.value, joined=True)) >= 2 and \
            not any(_vocabulary_key(e, joined=True) == end for e in ETHNIC_GROUPS + ETHNIC_ALIASES):
        ends = {p.value for p in (mother, father)
                if p is not None and _vocabulary_key(p.value, joined=True).endswith(end)}
        if len(ends) == 1:
            fields["ethnicity"] = dataclasses.replace(
                child, value=ends.pop(), flags=(*child.flags, "derived_from_parents"),
                confidence=min(child.confidence, DERIVED_ETHNICITY_CONFIDENCE))
        return
    if "ethnicity" in fields or mother is None or father is None or mother.value != father.value:
        return
    fields["ethnicity"] = ExtractedField(mother.value, min(mother.confidence, father.confidence,
                                                           DERIVED_ETHNICITY_CONFIDENCE), "ocr",
                                         flags=("derived_from_parents",))


# Who a request is addressed to: an office of a commune, ward, town, district or province.
ORGANS = ("Ủy ban nhân dân", "Công an")
UNITS = ("xã", "phường", "thị trấn", "quận", "huyện", "thị xã", "thành phố", "tỉnh")
_UNIT_OPENERS = {fold(u.split()[0]) for u in UNITS}  # "thị" (xã, trấn), "thành" (phố) open two-word units


def _opens_with(value: str, organ: str) -> bool:
    """`value` opens with `organ`'s words, marks aside and a letter misread in a long one ("ỦW ban nhân dân"),
    or in a short one before a unit word ("Công ơn xã", "Cône an xã")."""
    folded = fold(value).lower()
    head, want = folded[:len(organ)], fold(organ).lower()
    off = Levenshtein.distance(head, want, score_cutoff=1)
    if off == 0 or (off == 1 and len(want) >= 10):
        return True
    after = folded[len(organ):].split()
    return off == 1 and bool(after) and after[0] in _UNIT_OPENERS


def _organ_short_of_a_word(value: str) -> tuple[str, int] | None:
    """The organ `value` names with one of its words lost before a unit ("Ủy ban dân phường 1": "nhân" was
    under a line's break), and how many characters of `value` name it. Only an organ of three words or
    more: no two-word one is made of a single word."""
    folded = fold(value).lower()
    for organ in (o for o in ORGANS if len(o.split()) > 2):
        words = fold(organ).lower().split()
        for i in range(len(words)):
            short = " ".join(words[:i] + words[i + 1:])
            after = folded[len(short):].split()
            if folded.startswith(short + " ") and after and after[0] in _UNIT_OPENERS:
                return organ, len(short)
    return None


_LEADING_SIGNS = "([{'\"“”‘’-–.,:;| "  # read off the office's first letter: none opens its name


def _garbled_organ(value: str, organ: str) -> int:
    """How many characters of `value`, a few garbled words before a unit word ("Cu, un phường Xuân Khánh"),
    stand for `organ`, the one kind of office the paper is addressed to (0 when they do not)."""
    words = value.split(" ")
    for k in range(1, min(len(words) - 2, len(organ.split()) + 1) + 1):
        head, named = " ".join(words[:k]), words[k + 1][:1]
        if fold(words[k]).lower() in _UNIT_OPENERS and (named.isupper() or named.isdigit()):
            return len(head) if len(head) <= len(organ) + 3 else 0
    return 0


def fix_authority(fields: dict[str, ExtractedField], name: str = "recipient_authority",
                  organ: str | None = None) -> None:
    """An office's name opens with its kind and the unit it serves ("Ủy ban nhân dân phường …", "Công an xã
    …"), both from closed lists: the kind and the unit take their spelling when their letters are read ("ỦY
    ban" → "Ủy ban", "xẩ" → "xã");
    a unit word misread ("phườzrg") is the one unit near it (`closest_entry`, flag `completed_from_vocabulary`).
    The place's own name is left to the address rules; what a garbled label left before the office ("ủi:
    Ủy ban nhân dân …" of "Kính gửi:") goes, and so do signs or a small letter read before it ("(2ông an",
    "zỦy ban") or inside its kind
    ("Ủy ban nhân, dân"). A unit named by one look-alike letter is a numbered one ("phường Š": no unit is
    named by a letter; flag `digits_repaired`), and a word of the place's name read in lower case is
    capitalised ("phường lạch Tray"). `organ`, the one kind of office a paper is addressed to (a residence
    declaration to the police), replaces a few garbled words before a unit word ("Cu, un phường")."""
    f = fields.get(name)
    if f is None:
        return
    value, flags = f.value.lstrip(_LEADING_SIGNS), f.flags
    if value[:1].islower() and any(_opens_with(value[1:], o) for o in ORGANS):
        value = value[1:]  # a letter read off a speck before the office's capital ("zỦy ban"): none opens it
    head, colon, tail = value.partition(":")
    if colon and len(head.split()) <= 2 and any(_opens_with(tail.strip(), o) for o in ORGANS):
        value = tail.strip()
    for o in ORGANS:  # a sign read inside the kind ("Ủy ban nhân, dân"): none is printed there
        bare = re.sub(r"[,.;:]", "", value[:len(o) + 1]) + value[len(o) + 1:]
        if bare != value and fold(bare[:len(o)]).lower() == fold(o).lower():
            value = bare
    expected, organ = organ, next((o for o in ORGANS if _opens_with(value, o)), None)
    if organ is None and (short := _organ_short_of_a_word(value)) is not None:
        organ, value, flags = short[0], short[0] + value[short[1]:], (*flags, "completed_from_vocabulary")
    if organ is None and expected is not None and (n := _garbled_organ(value, expected)):
        organ, value, flags = expected, expected + value[n:], (*flags, "completed_from_vocabulary")
    if organ is None:
        return
    if fold(value[:len(organ)]).lower() != fold(organ).lower():  # a letter misread, not only marks or case
        flags = (*flags, "completed_from_vocabulary")
    value = organ + value[len(organ):]
    rest = value[len(organ):].split()
    marked = [u for u in UNITS if " " not in u and fold(u) == fold(rest[0]).lower()] if rest else []
    if len(marked) == 1 and rest[0].lower() != marked[0]:  # the unit's letters, another mark ("xẩ"): its spelling
        word = marked[0].upper() if rest[0].isupper() else marked[0].capitalize() if rest[0][:1].isupper() \
            else marked[0]
        value = f"{organ} {word} {' '.join(rest[1:])}".strip()
    elif rest and fold(rest[0]) not in _UNIT_OPENERS \
            and (unit := closest_entry(rest[0], [u for u in UNITS if " " not in u])):
        value = f"{organ} {unit} {' '.join(rest[1:])}".strip()
        flags = (*flags, "completed_from_vocabulary")
    rest = value[len(organ):].split()
    if len(rest) > 2 and rest[0] in UNITS and rest[1].isdigit() and fold(rest[2]).lower() not in _UNIT_OPENERS:
        value, rest = f"{organ} {rest[0]} {rest[1]}", rest[:2]  # a numbered unit ends the name: a mark after it
        flags = (*flags, "cut_at_number")                         # is a speck ("Công an phường 5 SÀN")
    if len(rest) == 2 and rest[0] in UNITS and len(rest[1]) == 1 and (digit := digits_like(rest[1])).isdigit() \
            and digit != rest[1]:
        value, flags = f"{organ} {rest[0]} {digit}", (*flags, "digits_repaired")
    rest, unit_words = value[len(organ):].split(), {w for u in UNITS for w in u.split()}
    named = next((k for k, w in enumerate(rest) if w.lower() not in unit_words), len(rest))
    lowered = [len(w) > 1 and w.islower() and w.strip(",") not in unit_words for w in rest[named:]]
    if any(lowered):  # a place's name is capitalised ("phường lạch Tray"), a unit after it not (", quận 3")
        value = " ".join([organ, *rest[:named], *(w[:1].upper() + w[1:] if low else w
                                                  for w, low in zip(rest[named:], lowered, strict=True))])
    if value != f.value:
        conf = min(f.confidence, COMPLETED_CONFIDENCE) if flags != f.flags else f.confidence
        fields[name] = dataclasses.replace(f, value=value, flags=flags, confidence=conf)
