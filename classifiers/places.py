"""Spelling of the names an address is made of. OCR on small print gets the letters of a Vietnamese word
right far more often than its tone marks ("Nghỉ Lộc", "Củ Chỉ", "Lê Chãn"). District and ward names are
checked against the national gazetteer (`gazetteer.py`) within the province and district the address
itself names; provinces, the national figures streets are named after (a run of two or more words with
exactly one of these names' letters takes its spelling) and the fixed words of a facility's name ("Bệnh
viện", "Trạm Y tế") or a well-known hospital's whole name, one letter off, come from the short lists below.
Other words are left as read.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence

from rapidfuzz.distance import Levenshtein

from classifiers import gazetteer
from classifiers.documents import ExtractedField
from classifiers.provinces import PROVINCE_CODES
from classifiers.text import fold
from ocr.syllables import EDGES, mark_key, syllables
from ocr.types import Word

# National figures and events wards and streets are named after all over the country.
FIGURES = (
    "Trần Hưng Đạo", "Lê Lợi", "Lý Thường Kiệt", "Quang Trung", "Nguyễn Trãi", "Lê Hồng Phong", "Trần Phú",
    "Hà Huy Tập", "Phan Đình Phùng", "Phan Bội Châu", "Phan Chu Trinh", "Nguyễn Du", "Hai Bà Trưng",
    "Bà Triệu", "Lê Duẩn", "Nguyễn Huệ", "Lê Thánh Tông", "Nguyễn Văn Cừ", "Nguyễn Văn Linh", "Võ Thị Sáu",
    "Điện Biên Phủ", "Bạch Đằng", "Hàn Thuyên", "Lê Quý Đôn", "Chu Văn An", "Trường Chinh", "Tôn Đức Thắng",
    "Nguyễn Thị Minh Khai", "Hoàng Văn Thụ", "Lạch Tray", "Võ Văn Kiệt", "Nam Kỳ Khởi Nghĩa", "Cách Mạng Tháng Tám",
)
# Fixed words of the names of facilities (places of birth and death, the first-contact clinic).
FACILITY_WORDS = ("Bệnh viện", "Trạm Y tế", "Trung tâm Y tế", "Phụ sản", "Sản Nhi", "Đa khoa", "Nhi đồng")
# The country's best-known hospitals whose names are no place (those named after their city are the words
# above and a province): where most children are born and many people die. A short list, not the Ministry
# of Health's register, which a deployment could load the same way.
HOSPITALS = ("Bệnh viện Từ Dũ", "Bệnh viện Hùng Vương", "Bệnh viện Chợ Rẫy", "Bệnh viện Nhân dân 115",
             "Bệnh viện Nhân dân Gia Định", "Bệnh viện Thống Nhất", "Bệnh viện Bạch Mai", "Bệnh viện Hữu nghị Việt Đức",
             "Bệnh viện Hữu nghị Việt Tiệp", "Bệnh viện Thanh Nhàn", "Bệnh viện Xanh Pôn", "Bệnh viện Trung ương Huế",
             "Bệnh viện Nhi Trung ương", "Bệnh viện Phụ sản Trung ương")


# What follows "Bệnh viện" in a hospital's name: "Viện" alone before one of these lost its "Bệnh".
HOSPITAL_KINDS = ("Phụ sản", "Sản Nhi", "Đa khoa", "Nhi đồng")
FACILITY_COMPLETED_CONFIDENCE = 0.6


def complete_hospital(f: ExtractedField) -> ExtractedField:
    """A place of birth read as "Viện Phụ sản …" (the line's first word lost; "Vi¿n", a letter misread, too):
    a birth hospital is a "Bệnh viện" whose name goes on with its kind ("Phụ sản", "Đa khoa"…), so the word
    is restored; a hospital named for the city the place ends with spells it as the place does ("Phụ sản Hỏi
    Phòng, thành phố Hải Phòng"), and one whose name ends in "Trung" lost the "ương" of "Trung ương" (a
    national hospital) at the line's end (flag `completed_from_vocabulary`, ≤ 0.6)."""
    words = f.value.split()
    value = f.value
    if len(words) >= 3 and Levenshtein.distance(re.sub(r"[^a-z]", "", fold(words[0])), "vien") <= 1 \
            and " ".join(fold(w) for w in words[1:3]) in {fold(k) for k in HOSPITAL_KINDS}:
        value = "Bệnh viện " + " ".join(words[1:])
    name, sep, place = value.partition(", ")
    city = re.match(r"(?:thành phố|tỉnh) (.+)$", place)
    if city is not None and (n := len(city.group(1).split())) < len(name.split()):
        head, tail = name.rsplit(" ", n)[0], " ".join(name.split()[-n:])
        if tail != city.group(1) and Levenshtein.distance(fold(tail).lower(), fold(city.group(1)).lower()) == 1:
            value = f"{head} {city.group(1)}{sep}{place}"
    if re.search(r" Trung$", name):
        value = value.replace(name, name + " ương", 1)
    if value == f.value:
        return f
    return dataclasses.replace(f, value=value, flags=(*f.flags, "completed_from_vocabulary"),
                               confidence=min(f.confidence, FACILITY_COMPLETED_CONFIDENCE))


# A commune's (ward's, township's) health station: the first-contact clinic of most insurance cards.
STATION = "Trạm Y tế"
_STATION_UNIT = re.compile(r"(?:^|(?<=[\s\-]))(?:xa|phuong|thi tran) (?=\S)")
_STATION_EDITS = 2  # letters of "tramyte" (spaces aside) a reading of the words before the unit may miss


def fix_station(f: ExtractedField) -> ExtractedField:
    """A clinic read as a health station of a commune-level unit with its fixed words garbled: "Trạm Ytế",
    "Trạm Y tổ", "Trạm Y tế-phường" are "Trạm Y tế" (a letter or two off: flag `completed_from_vocabulary`,
    ≤ 0.6); "Y tế xã …" lost its first word (a commune's clinic is a station: district ones are "Trung
    tâm Y tế huyện …", hospitals "Bệnh viện …"). Other clinics are left as read."""
    m = _STATION_UNIT.search(fold(f.value))
    if m is None or m.start() == 0:
        return f
    head, rest = f.value[:m.start()].rstrip(" -"), f.value[m.start():]
    key = fold(head).replace(" ", "")
    if head == STATION:
        value = f"{STATION} {rest}"
        return f if value == f.value else dataclasses.replace(f, value=value)
    if key == "tramyte":  # the letters as read, a space lost: no change of reading
        return dataclasses.replace(f, value=f"{STATION} {rest}")
    # "Y tế" read whole after a few signs ("3 Im Y tế": "Trạm" garbled) is a station's too
    if (key.endswith("yte") and len(key) <= 7) or \
            Levenshtein.distance(key, "tramyte", score_cutoff=_STATION_EDITS) <= _STATION_EDITS:
        return dataclasses.replace(f, value=f"{STATION} {rest}", flags=(*f.flags, "completed_from_vocabulary"),
                                   confidence=min(f.confidence, FACILITY_COMPLETED_CONFIDENCE))
    return f


def _table(names: tuple[str, ...]) -> dict[tuple[str, ...], tuple[str, ...] | None]:
    """folded words -> spelled words; None when two spellings share the letters (then nothing is changed)."""
    out: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for name in names:
        key = tuple(fold(name).split())
        if len(key) < 2:
            continue
        words = tuple(name.split())
        out[key] = words if out.get(key, words) == words else None
    return out


PROVINCES = _table(tuple(PROVINCE_CODES))
NAMES = _table(tuple(PROVINCE_CODES) + FIGURES)
FACILITIES = _table(FACILITY_WORDS + HOSPITALS)
_LONGEST = max(len(k) for k in NAMES | FACILITIES)
_EDGE = re.compile(r"^(\W*)(.*?)(\W*)$")



_UNIT_TOKENS = {"xa", "phuong", "huyen", "quan", "tinh"}
_UNIT_PAIRS = {("thi", "tran"), ("thi", "xa"), ("thanh", "pho")}


def _unit_tokens(tokens: list[str]) -> set[int]:
    """Indices of the tokens that are unit words ("Thị trấn", "xã", "thành phố"): a name run never takes
    one in ("trấn Phú" is no "Trần Phú"), and the words right after one are a unit's name, no facility's."""
    folded = [fold(t).strip(",.;:") for t in tokens]
    out = set()
    for i, f in enumerate(folded):
        if i + 1 < len(folded) and (f, folded[i + 1]) in _UNIT_PAIRS:
            out |= {i, i + 1}
        elif f in _UNIT_TOKENS and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            out.add(i)
    return out


def _restore_run(tokens: list[str], table: dict, fuzzy: bool = False) -> list[str]:
    out = list(tokens)
    units = _unit_tokens(tokens)
    old = bool(gazetteer.old_style(" ".join(tokens)))
    i = 0
    while i < len(out):
        done = False
        for n in range(min(_LONGEST, len(out) - i), 1, -1):
            if units & set(range(i, i + n)) or (fuzzy and i - 1 in units):
                continue
            parts = [_EDGE.match(t).groups() for t in out[i:i + n]]
            if any(p[0] for p in parts[1:]) or any(p[2] for p in parts[:-1]):  # punctuation inside: two names
                continue
            key = tuple(fold(p[1]) for p in parts)
            spelled = table.get(key)
            if spelled is None and fuzzy:
                close = [v for k, v in table.items() if len(k) == n and v is not None
                         and Levenshtein.distance(" ".join(key), " ".join(k)) <= 1 and len(" ".join(k)) >= 8]
                spelled = close[0] if len(close) == 1 else None
            if spelled is None:
                continue
            if gazetteer.tone_key(" ".join(spelled)) == gazetteer.tone_key(" ".join(p[1] for p in parts)):
                i, done = i + n, True  # the same spelling, the marks placed in the paper's own style
                break
            spelled = gazetteer.in_style(" ".join(spelled), old).split()
            out[i:i + n] = [f"{p[0]}{gazetteer.cased(w, p[1])}{p[2]}" for p, w in zip(parts, spelled, strict=True)]
            i, done = i + n, True
            break
        if not done:
            i += 1
    return out


# "Phụ sản - Nhi" (obstetrics and paediatrics) with the tone-less "Nhi" read with a mark: a one-word
# facility word the runs of `_restore_run` (two words or more, no dash inside) do not reach
_PAEDIATRICS = re.compile(r"(?<=sản - )(nh)([ìỉĩíị])(?!\w)", re.IGNORECASE)


def restore_names(text: str) -> str:
    """`text` with the tone marks of known place names and facility words restored (see module docstring)."""
    tokens = text.split(" ")
    tokens = _restore_run(tokens, FACILITIES, fuzzy=True)
    return _PAEDIATRICS.sub(lambda m: m.group(1) + ("I" if m.group(2).isupper() else "i"),
                            " ".join(_restore_run(tokens, NAMES)))


_UNITS = r"(?:xa|phuong|quan|huyen|thi tran|thi xa|thanh pho|hanh pho|tinh|ngo|ngach|hem|kiet|duong|thon|xom|ap|so nha)"
# a comma read as a period or doubled (",.", ", ,"), and a speck read "(" before the unit word after it
_BAD_SEPARATOR = re.compile(r"\s*(?:,\s*[.;,]|[.;]\s*,?)\s*\(?(?=" + _UNITS + r" )")
_NO_SEPARATOR = re.compile(r"(?<=\w)\s+(?=(?:phuong|xa|thi tran|quan|huyen|thi xa|thanh pho|tinh) \S)")


def separators(address: str) -> str:
    """The parts of an address are separated by ", ": a comma read as a period (". huyện"), doubled (",.", ", ,")
    or lost before a lower-case unit word ("11/7 Văn Cao phường …", "Bến Thủy thành phố Vinh") is restored.
    A unit word after a lower-case word is part of a facility's name ("Trạm Y tế phường …") and is left alone."""
    folded = fold(address)
    out, pos = [], 0
    for m in _BAD_SEPARATOR.finditer(folded):
        out += [address[pos:m.start()], ", "]
        pos = m.end()
    address = "".join(out) + address[pos:]
    folded = fold(address)
    out, pos = [], 0
    for m in _NO_SEPARATOR.finditer(folded):
        before = address[:m.start()].split(" ")[-1]
        if address[m.end()].isupper() or not (before[:1].isupper() or before[:1].isdigit()):
            continue
        out += [address[pos:m.start()], ", "]
        pos = m.end()
    return "".join(out) + address[pos:]


def _first_words(part: str, n: int) -> str:
    return " ".join(fold(part).split(" ")[:n])


# Words that open a lane's part of an address before its number ("ngõ 70 Văn Cao", "hẻm 12/3")
LANE_WORDS = {"ngo": "ngõ", "ngach": "ngách", "hem": "hẻm", "kiet": "kiệt"}
# ... and a village's ("Xóm 5, xã Nghi Thạch"): a misread one letter from both ("Xem") is a village's before
# a commune, a lane's (a city's street) otherwise
HAMLET_WORDS = {"xom": "xóm", "thon": "thôn"}
_COMMUNE_PART = re.compile(r"(?:xa|thi tran) ")


def unit_words(address: str) -> str:
    """A unit word one letter off at the head of a part ("hành phố", "thàna-phố", "rỉnh" before a province),
    or a lane's before its number ("nqõ 70"): that word; "thành phố" with other marks anywhere."""
    parts = address.split(", ")
    for k, part in enumerate(parts):
        if re.match(r"\w+-\w+ ", part) and Levenshtein.distance(_first_words(part.replace("-", " ", 1), 2),
                                                               "thanh pho") <= 1:
            part = parts[k] = part.replace("-", " ", 1)  # "thàna-phố": the space read as a hyphen too
        words = part.split(" ")
        lane = [w for f, w in LANE_WORDS.items() if Levenshtein.distance(_first_words(part, 1), f) <= 1]
        hamlet = [w for f, w in HAMLET_WORDS.items() if Levenshtein.distance(_first_words(part, 1), f) <= 1]
        if hamlet and (not lane or k + 1 < len(parts) and _COMMUNE_PART.match(fold(parts[k + 1]))):
            lane = hamlet
        if len(words) > 1 and words[1][:1].isdigit() and len(lane) == 1 and words[0] != lane[0]:
            parts[k] = " ".join([gazetteer.cased(lane[0], words[0]), *words[1:]])
        elif len(words) > 2 and _first_words(part, 2) != "thanh pho" \
                and Levenshtein.distance(_first_words(part, 2), "thanh pho") <= 1:
            parts[k] = " ".join([gazetteer.cased("thành", words[0]), "phố", *words[2:]])
        elif 0 < k < len(parts) - 1 and len(words) > 1 and (district := _district_word(words)) is not None:
            parts[k] = " ".join([gazetteer.cased(district, words[0]), *words[1:]])
        elif k == len(parts) - 1 and len(words) > 1 and _first_words(part, 1) != "tinh" \
                and Levenshtein.distance(_first_words(part, 1), "tinh") <= 1 \
                and tuple(fold(" ".join(words[1:])).split()) in PROVINCES:
            parts[k] = " ".join([gazetteer.cased("tỉnh", words[0]), *words[1:]])
    return _CITY_WORDS.sub(lambda m: gazetteer.cased("thành", m.group(1)) + " " + gazetteer.cased("phố", m.group(2))
                           if fold(m.group()).lower() == "thanh pho" else m.group(), ", ".join(parts))


_DISTRICT_WORDS = {"quan": "quận", "huyen": "huyện"}


def _district_word(words: list[str]) -> str | None:
    """The district's unit word that a part's first word is one letter off ("guận 3"), when the rest of the
    part is a district's name somewhere in the country."""
    head = fold(words[0]).lower()
    if head in _DISTRICT_WORDS or fold(" ".join(words[1:])).lower() not in _provinces_by_district():
        return None
    found = [w for f, w in _DISTRICT_WORDS.items() if Levenshtein.distance(head, f) == 1]
    return found[0] if len(found) == 1 else None


# "thành phố" with its marks misread anywhere, a hospital's name too ("Bệnh viện Phụ sản thành phô Cần Thơ"):
# no other words have these letters in an address
_CITY_WORDS = re.compile(r"(?<!\w)(\w{5}) (\w{3})(?!\w)")


# a district's part; "thành phố" names one only with a part after it (the province's): "thành phố Nam Định, tỉnh"
_DISTRICT_PART = re.compile(r"(?:^|, )(?:(?:quan|huyen|thi xa) ([^,]+)|thanh pho ([^,]+)(?=, ))")


@functools.cache
def _provinces_by_district() -> dict[str, set[str]]:
    """Folded district name -> the provinces (their spelling in `PROVINCE_CODES`) that have such a district."""
    spelt = {fold(n): n for n in PROVINCE_CODES}
    provinces = {p.code: spelt.get(p.folded) for p in gazetteer.index().children("")}
    out: dict[str, set[str]] = {}
    for d in gazetteer.index().level(gazetteer.DISTRICT):
        if provinces[d.parent]:
            out.setdefault(d.folded, set()).add(provinces[d.parent])
    return out


def province_of_district(address: str) -> str | None:
    """The province whose district the address names ("quận Đống Đa" → Hà Nội, "thành phố Nam Định, tỉnh Nam"
    → Nam Định), when only one province has a district of that name."""
    table = _provinces_by_district()
    found = {p for m in _DISTRICT_PART.finditer(fold(address))
             for p in table.get(gazetteer.plain_numbers((m.group(1) or m.group(2)).strip(" .")), ())}
    return found.pop() if len(found) == 1 else None


# Provincial cities named by one word: after "thành phố", a word with exactly these letters and nothing after
# it in its part is the city ("thành phố Vĩnh," is no city; "thành phố Vĩnh Yên" is another).
ONE_WORD_CITIES = ("Vinh", "Huế", "Pleiku")
_ONE_WORD_CITY = re.compile(r"(?:^|(?<=, ))thanh pho (\w+)(?=,|$)")
_HOUSE_NUMBER = re.compile(r"(?<!\w)(so)(?= \d)")


def fixed_words(address: str) -> str:
    """Words whose spelling an address fixes: a one-word city after "thành phố" (`ONE_WORD_CITIES`), and
    "Số" (house number) before a number ("Sô 144" → "Số 144"; "SỐ 232" in an address of small letters too)."""
    folded = fold(address)
    cities = {fold(c): c for c in ONE_WORD_CITIES}
    for m in list(_ONE_WORD_CITY.finditer(folded)):
        if (city := cities.get(m.group(1))) is not None:
            address = address[:m.start(1)] + gazetteer.cased(city, address[m.start(1):m.end(1)]) + address[m.end(1):]
    mixed = any(c.islower() for c in address)  # an address printed in mixed case prints "Số", not "SỐ"
    for m in list(_HOUSE_NUMBER.finditer(folded)):
        read = address[m.start(1):m.end(1)]
        address = address[:m.start(1)] + gazetteer.cased("số", "Số" if mixed and read.isupper() else read) \
            + address[m.end(1):]
    return ", ".join(_one_case(part) for part in address.split(", "))


_ROMAN = re.compile(r"[IVXLC]+")


def _one_case(part: str) -> str:
    """A part of an address printed in mixed case with a word read in capitals ("Xã HẢI Toàn"): a paper
    prints a place's name in one case, so the word is capitalised like the rest. Roman numerals ("Khu II")
    and abbreviations without a vowel ("KCN") stay. A capitalised word ending in a capital ("Kiền BáI": an
    "i" read "I") ends in lower case."""
    words = [w[:-1] + w[-1].lower() if len(w) > 2 and w[0].isupper() and w[1:-1].islower() and w[-1].isupper()
             else w for w in part.split(" ")]
    if not any(len(w) > 1 and w[0].isupper() and w[1:].islower() for w in words):
        return " ".join(words)
    return " ".join(w[0] + w[1:].lower() if len(w) > 1 and w.isalpha() and w.isupper() and not _ROMAN.fullmatch(w)
                    and any(c in "aeiouy" for c in fold(w).lower()) else w for w in words)


_QUOTES = re.compile(r"[“”\"`]")  # no address holds a double quote: OCR reads one off a letter ("Bên” viên")
_APOSTROPHE = re.compile(r"(?<!\w)['’](?=\w)")  # inside or after a name's letter ("Ea H'Leo", "B' Lá"), not before
_DIGIT_APOSTROPHE = re.compile(r"(?<=\d)['’](?=[^\W\d])")  # "ngõ 199'Hoàng": a space read so


_COLON = re.compile(r"(?<=\w):(?=\s+\w)")  # no address holds one after its label: "Xã Hải: Toàn"


def _stray_signs(address: str) -> str:
    """Quotes, apostrophes and colons read off specks or letters ("Bên” viên", "Hàn 'Thuyên", "ngõ 199'Hoàng",
    "Xã Hải: Toàn") gone."""
    return _COLON.sub("", _APOSTROPHE.sub("", _DIGIT_APOSTROPHE.sub(" ", _QUOTES.sub("", address))))


def fix_address(address: str) -> str:
    """Separators, unit words, the province, known names and the marks of the district and ward names (from
    the gazetteer, within the address's own province and district) restored, in that order: each step relies
    on the one before (names are found within parts, a ward within its district). Letters are left as read
    here: `correct_address` changes them, with a flag."""
    from classifiers.provinces import fix_admin_words

    text = fixed_words(unit_words(separators(_stray_signs(address))))
    text = fix_admin_words(text, province_of_district(text))
    text = gazetteer.resolve(restore_names(text), letters=False).value
    return text[:1].upper() + text[1:]


# A unit name whose letters the gazetteer changed within the parent its own address names: still a reference
# for the dossier (`agreement.trusted` allows the flag at this confidence); a lost word put back, or a name
# found without its parent, is not.
GAZETTEER_CONFIDENCE = 0.9
GAZETTEER_GUESS_CONFIDENCE = 0.8
GAZETTEER_FLAG = "corrected_from_gazetteer"


SURE_WORD = 0.9  # OCR confidence of a word whose letters the gazetteer leaves alone


def sure_words(words: Sequence[Word]) -> Callable[[str], bool]:
    """Which words of a value were read surely: some word of the reading with its letters (signs aside)
    has OCR confidence `SURE_WORD` or more, and a word of letters is a syllable of the language or of a place
    name ("Rhánh" at 0.93 is none: no Vietnamese word opens "rh"). A word normalisation changed is not sure."""
    best: dict[str, float] = {}
    for w in words:
        key = re.sub(r"\W", "", fold(w.text))
        best[key] = max(best.get(key, 0.0), w.confidence)
    known = syllables()

    def sure(word: str) -> bool:
        core = EDGES.match(word).group(2)
        if known and core.isalpha() and mark_key(core) not in known:
            return False
        return best.get(re.sub(r"\W", "", fold(word)), 0.0) >= SURE_WORD

    return sure


def correct_address(f: ExtractedField, words: Sequence[Word] | None = None) -> ExtractedField:
    """`f` (an address, already through `fix_address`) with its district and ward names checked against the
    gazetteer: a name one letter or sign off that exactly one unit of its parent fits becomes that unit's
    when the changed words were read with doubt (`words`: the OCR words of the value; without them letters
    are kept), and so does a name that is one unit's with a word lost (flag
    `corrected_from_gazetteer`, ≤ 0.9, or ≤ 0.8 for a lost word or a ward found in the province alone);
    marks alone are restored unflagged (the letters are as read). A ward its district does not have is
    doubted (`unknown_ward`, ≤ 0.6: a word lost, or a commune newer than the gazetteer), and odd words are
    flagged (`flag_odd_spelling`)."""
    found = gazetteer.resolve(f.value, sure=sure_words(words) if words is not None else lambda _: True)
    if found.value != f.value:
        if found.grade in (gazetteer.LETTERS, gazetteer.LOST_WORD):
            cap = GAZETTEER_CONFIDENCE if found.certain else GAZETTEER_GUESS_CONFIDENCE
            f = dataclasses.replace(f, value=found.value, confidence=min(f.confidence, cap),
                                    flags=(*f.flags, GAZETTEER_FLAG))
        else:
            f = dataclasses.replace(f, value=found.value)
    if gazetteer.unknown_ward(f.value):
        f = dataclasses.replace(f, confidence=min(f.confidence, DOUBTFUL_CONFIDENCE), flags=(*f.flags, "unknown_ward"))
    return flag_odd_spelling(f)


# Text fields that end with the name of a unit ("Công an phường …", "Trạm Y tế xã …"), with no parent read.
UNIT_TEXT_FIELDS = ("recipient_authority", "registration_authority", "initial_healthcare_facility")


def correct_units_in_text(fields: dict[str, ExtractedField], wards: list[gazetteer.Unit],
                          districts: list[gazetteer.Unit], read: set[str] | frozenset = frozenset(),
                          homes: Sequence[gazetteer.Unit] = ()) -> None:
    """The unit that ends a field of `UNIT_TEXT_FIELDS` checked against the units the dossier's addresses
    name (`gazetteer.unit_in_text`; `read`, the names they print): marks restored unflagged; a letter or a
    lost word put back flagged `corrected_from_gazetteer`, ≤ 0.8 (the parent was not read with it). One read
    to its ward's unit word takes the one such ward the residences name (`homes`; `filled_from_dossier`)."""
    for name in UNIT_TEXT_FIELDS:
        f = fields.get(name)
        if f is not None and f.source == "ocr" and (named := _bare_ward_word(f.value, homes)) is not None:
            fields[name] = dataclasses.replace(f, value=f"{f.value.rstrip(' .,:')} {named}",
                                               flags=(*f.flags, "filled_from_dossier"),
                                               confidence=min(f.confidence, DOUBTFUL_CONFIDENCE))
            continue
        # signs no name holds go first ("Trạm Y tế phường Phước: inh": the N read as a colon; "phường Đại ˆ":
        # a word lost but for a mark)
        if f is None or f.source != "ocr" or (found := gazetteer.unit_in_text(
                _signs_cut(_stray_signs(f.value)), wards, districts, read)) is None \
                or found.value == f.value:
            continue
        if found.grade in (gazetteer.LETTERS, gazetteer.LOST_WORD):
            fields[name] = dataclasses.replace(f, value=found.value, flags=(*f.flags, GAZETTEER_FLAG),
                                               confidence=min(f.confidence, GAZETTEER_GUESS_CONFIDENCE))
        else:
            fields[name] = dataclasses.replace(f, value=found.value)


def _signs_cut(text: str) -> str:
    """`text` without its last words that hold no letter or digit ("ˆ", a modifier letter, is a mark)."""
    words = text.split(" ")
    while len(words) > 1 and not any(unicodedata.category(c) in ("Lu", "Ll", "Nd") for c in words[-1]):
        words.pop()
    return " ".join(words)


_BARE_WARD = re.compile(r"(?:^|\s)(phuong|(?<!thi )xa|thi tran)[\s.,:]*$")  # a "thị xã" is a district's kind


def _bare_ward_word(text: str, wards: Sequence[gazetteer.Unit]) -> str | None:
    """The name of the one ward of its kind among `wards`, for an office read to its ward's unit word, the
    name lost ("Công an phường": a short "1" unread)."""
    if (m := _BARE_WARD.search(fold(text).lower())) is None:
        return None
    fits = [u for u in wards if u.kind in gazetteer.KINDS[m.group(1)]]
    return gazetteer.printed_number(fits[0].name) if len(fits) == 1 else None


DOUBTFUL_CONFIDENCE = 0.6
_FOREIGN_LETTERS = set("fjwz")  # letters Vietnamese spelling does not use


def odd_spelling(address: str) -> bool:
    """A word no address could hold: a letter Vietnamese does not use ("Trinf", "Loj"), a sign inside or
    after a word ("Hoằ!ig", "C}ú"), or a digit beside a marked letter ("Ð6"). OCR confidence can be high on
    such a misread, so it says nothing."""
    for token in address.split():
        word = token.rstrip(",.;:")
        if any(c in _FOREIGN_LETTERS for c in fold(word)):
            return True
        if any(not (c.isalnum() or c in "/-") for c in word):
            return True
        if any(c.isdigit() for c in word) and any(c.isalpha() and not c.isascii() for c in word):
            return True  # a digit inside a word with a Vietnamese letter ("Ð6" of "Đô"); "12A", "B5" are numbers
    return False


def cut_short(address: str) -> bool:
    """A part of the address is a unit word with no name: its last ("Xã Giai Xuân, huyện": the rest of it
    went elsewhere on the page, a card's next line read after another label, or was not read), or another
    ("Phường, quận Bình Thạnh": the ward's number lost). A name may end in such a word ("Xã Tứ Xã", "Xã Gia
    Phố"), a part may not be one alone."""
    parts = address.rstrip(" ,.;:").split(", ")
    return len(parts) >= 2 and any(fold(p.strip()) in gazetteer.UNIT_WORDS for p in parts)


def flag_odd_spelling(f: ExtractedField) -> ExtractedField:
    """`f` (an address) flagged `unusual_spelling`, at most `DOUBTFUL_CONFIDENCE`, when its value has an odd
    word, and `address_cut` when it ends in a unit word (`cut_short`): it is then no reference for other
    papers and may itself be corrected."""
    if cut_short(f.value) and "address_cut" not in f.flags:
        f = dataclasses.replace(f, confidence=min(f.confidence, DOUBTFUL_CONFIDENCE), flags=(*f.flags, "address_cut"))
    if "unusual_spelling" in f.flags or not odd_spelling(f.value):
        return f
    return dataclasses.replace(f, confidence=min(f.confidence, DOUBTFUL_CONFIDENCE),
                               flags=(*f.flags, "unusual_spelling"))
