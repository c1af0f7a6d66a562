"""Spelling of the names an address is made of. OCR on small print gets the letters of a Vietnamese word
right far more often than its tone marks ("Nghỉ Lộc", "Củ Chỉ", "Lê Chãn"), and the same few hundred
names (provinces, districts, the national figures streets and wards are named after) fill most
addresses. A run of two or more words whose letters, tone marks aside, are exactly one of these names is
given that name's spelling; a fixed word of a facility's name ("Bệnh viện", "Trạm Y tế") one letter off
is restored too. Other words are left as read.

The lists are general knowledge of the administrative map before the 2025 mergers (which the papers in
circulation still follow), not an exhaustive gazetteer: a name missing here is simply not corrected.
"""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz.distance import Levenshtein

from classifiers.provinces import PROVINCE_CODES
from classifiers.text import fold

# Districts of the five centrally-run cities, by city.
DISTRICTS_OF_CITY = {
    "Hà Nội": ("Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng", "Hoàng Mai",
               "Thanh Xuân", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông", "Sơn Tây", "Ba Vì", "Phúc Thọ", "Đan Phượng",
               "Hoài Đức", "Quốc Oai", "Thạch Thất", "Chương Mỹ", "Thanh Oai", "Thường Tín", "Phú Xuyên", "Ứng Hòa",
               "Mỹ Đức", "Sóc Sơn", "Đông Anh", "Gia Lâm", "Mê Linh", "Thanh Trì"),
    "Hồ Chí Minh": ("Bình Thạnh", "Gò Vấp", "Phú Nhuận", "Tân Bình", "Tân Phú", "Bình Tân", "Thủ Đức", "Củ Chi",
                    "Hóc Môn", "Bình Chánh", "Nhà Bè", "Cần Giờ"),
    "Hải Phòng": ("Hồng Bàng", "Ngô Quyền", "Lê Chân", "Hải An", "Kiến An", "Đồ Sơn", "Dương Kinh", "Thủy Nguyên",
                  "An Dương", "An Lão", "Kiến Thụy", "Tiên Lãng", "Vĩnh Bảo", "Cát Hải", "Bạch Long Vĩ"),
    "Đà Nẵng": ("Hải Châu", "Thanh Khê", "Sơn Trà", "Ngũ Hành Sơn", "Liên Chiểu", "Cẩm Lệ", "Hòa Vang"),
    "Cần Thơ": ("Ninh Kiều", "Bình Thủy", "Cái Răng", "Ô Môn", "Thốt Nốt", "Phong Điền", "Cờ Đỏ", "Thới Lai",
                "Vĩnh Thạnh"),
}
CITY_DISTRICTS = tuple(d for ds in DISTRICTS_OF_CITY.values() for d in ds)
# Provincial cities and towns (two words or more).
PROVINCIAL_CITIES = (
    "Thanh Hóa", "Nam Định", "Hạ Long", "Cẩm Phả", "Uông Bí", "Móng Cái", "Thái Nguyên", "Bắc Ninh",
    "Bắc Giang", "Hải Dương", "Hưng Yên", "Thái Bình", "Phủ Lý", "Ninh Bình", "Tam Điệp", "Đồng Hới",
    "Đông Hà", "Hà Tĩnh", "Tam Kỳ", "Hội An", "Quảng Ngãi", "Quy Nhơn", "Tuy Hòa", "Nha Trang", "Cam Ranh",
    "Phan Thiết", "Buôn Ma Thuột", "Kon Tum", "Đà Lạt", "Bảo Lộc", "Gia Nghĩa", "Đồng Xoài", "Tây Ninh",
    "Thủ Dầu Một", "Biên Hòa", "Vũng Tàu", "Bà Rịa", "Tân An", "Mỹ Tho", "Bến Tre", "Trà Vinh",
    "Vĩnh Long", "Cao Lãnh", "Sa Đéc", "Long Xuyên", "Châu Đốc", "Rạch Giá", "Hà Tiên", "Vị Thanh",
    "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Lạng Sơn", "Cao Bằng", "Hà Giang", "Tuyên Quang", "Lào Cai",
    "Yên Bái", "Điện Biên Phủ", "Lai Châu", "Sơn La", "Hòa Bình", "Việt Trì", "Vĩnh Yên", "Bắc Kạn",
    "Sầm Sơn", "Bỉm Sơn", "Cửa Lò", "Thái Hòa", "Hồng Lĩnh", "Chí Linh", "Từ Sơn", "Phúc Yên",
)
# Districts of the most populous provinces (Thanh Hóa, Nghệ An) and of Nam Định.
PROVINCE_DISTRICTS = (
    "Hoằng Hóa", "Hậu Lộc", "Nga Sơn", "Hà Trung", "Vĩnh Lộc", "Thạch Thành", "Cẩm Thủy", "Yên Định",
    "Thiệu Hóa", "Đông Sơn", "Quảng Xương", "Nông Cống", "Triệu Sơn", "Thọ Xuân", "Ngọc Lặc", "Lang Chánh",
    "Bá Thước", "Quan Hóa", "Quan Sơn", "Mường Lát", "Thường Xuân", "Như Xuân", "Như Thanh", "Nghi Sơn",
    "Nghi Lộc", "Nam Đàn", "Hưng Nguyên", "Diễn Châu", "Quỳnh Lưu", "Yên Thành", "Đô Lương", "Thanh Chương",
    "Anh Sơn", "Con Cuông", "Tân Kỳ", "Nghĩa Đàn", "Quỳ Hợp", "Quỳ Châu", "Quế Phong", "Tương Dương",
    "Kỳ Sơn", "Mỹ Lộc", "Vụ Bản", "Ý Yên", "Nam Trực", "Trực Ninh", "Xuân Trường", "Giao Thủy", "Hải Hậu",
    "Nghĩa Hưng",
)
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


# What follows "Bệnh viện" in a hospital's name: "Viện" alone before one of these lost its "Bệnh".
HOSPITAL_KINDS = ("Phụ sản", "Sản Nhi", "Đa khoa", "Nhi đồng")
FACILITY_COMPLETED_CONFIDENCE = 0.6


def complete_hospital(f):
    """A place of birth read as "Viện Phụ sản …" (the line's first word lost): a birth hospital is a "Bệnh
    viện" whose name goes on with its kind ("Phụ sản", "Đa khoa"…), so the word is restored (flag
    `completed_from_vocabulary`, ≤ 0.6)."""
    words = f.value.split()
    if len(words) < 3 or fold(words[0]) != "vien" or " ".join(fold(w) for w in words[1:3]) not in \
            {fold(k) for k in HOSPITAL_KINDS}:
        return f
    return dataclasses.replace(f, value="Bệnh viện " + " ".join(words[1:]),
                               flags=(*f.flags, "completed_from_vocabulary"),
                               confidence=min(f.confidence, FACILITY_COMPLETED_CONFIDENCE))


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
# District and city names recur as commune and ward names with other tone marks (phường Quan Hoa in Hà Nội,
# huyện Quan Hóa in Thanh Hóa): they are restored only right after the unit word that announces them.
DISTRICTS = _table(CITY_DISTRICTS + PROVINCIAL_CITIES + PROVINCE_DISTRICTS)
_DISTRICT_UNITS = ("quan", "huyen", "xa", "pho")  # quận, huyện, thị xã, thành phố
FACILITIES = _table(FACILITY_WORDS)
_LONGEST = max(len(k) for k in NAMES | DISTRICTS)
_EDGE = re.compile(r"^(\W*)(.*?)(\W*)$")


def _cased(word: str, like: str) -> str:
    """`word` in the case the paper printed `like` in (capitals, capitalised or lower case)."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isalpha():
        return (word[:1].upper() if like[:1].isupper() else word[:1].lower()) + word[1:]
    return word


def _restore_run(tokens: list[str], table: dict, fuzzy: bool = False, after_unit: bool = False) -> list[str]:
    out = list(tokens)
    i = 0
    while i < len(out):
        done = False
        if after_unit and (i == 0 or fold(out[i - 1]).strip(" ,.") not in _DISTRICT_UNITS):
            i += 1
            continue
        for n in range(min(_LONGEST, len(out) - i), 1, -1):
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
            out[i:i + n] = [f"{p[0]}{_cased(w, p[1])}{p[2]}" for p, w in zip(parts, spelled, strict=True)]
            i, done = i + n, True
            break
        if not done:
            i += 1
    return out


def restore_names(text: str) -> str:
    """`text` with the tone marks of known place names and facility words restored (see module docstring)."""
    tokens = text.split(" ")
    tokens = _restore_run(tokens, FACILITIES, fuzzy=True)
    tokens = _restore_run(tokens, DISTRICTS, after_unit=True)
    return " ".join(_restore_run(tokens, NAMES))


_COMMUNE = re.compile(r"^(xa|thi tran) (\S+)")
_DISTRICT = re.compile(r"^(huyen|thi xa) (\S+)")


def commune_prefix(address: str) -> str:
    """Rural communes are named after their district's first word ("xã Nghi Long, huyện Nghi Lộc", "xã Hoằng
    Đạo, huyện Hoằng Hóa"): a commune's first word with the same letters as the district's takes its
    tone marks (the district's spelling is the one restored from the list)."""
    parts = address.split(", ")
    for k in range(len(parts) - 1):
        c, d = _COMMUNE.match(fold(parts[k])), _DISTRICT.match(fold(parts[k + 1]))
        if not (c and d and c.group(2) == d.group(2)):
            continue
        own = parts[k][c.start(2):c.end(2)]
        theirs = parts[k + 1][d.start(2):d.end(2)]
        if own != theirs and theirs[:1].isupper():
            parts[k] = parts[k][:c.start(2)] + _cased(theirs, own) + parts[k][c.end(2):]
    return ", ".join(parts)


_UNITS = r"(?:xa|phuong|quan|huyen|thi tran|thi xa|thanh pho|hanh pho|tinh|ngo|ngach|hem|kiet|duong|thon|xom|ap)"
_BAD_SEPARATOR = re.compile(r"\s*(?:,\s*[.;]|[.;]\s*,?)\s*(?=" + _UNITS + r" )")
_NO_SEPARATOR = re.compile(r"(?<=\w)\s+(?=(?:phuong|xa|quan|huyen|tinh) \S)")


def separators(address: str) -> str:
    """The parts of an address are separated by ", ": a comma read as a period (". huyện"), doubled (",.")
    or lost before a lower-case unit word ("11/7 Văn Cao phường …") is restored. A unit word after a
    lower-case word is part of a facility's name ("Trạm Y tế phường …") and is left alone."""
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


def unit_words(address: str) -> str:
    """A unit word one letter off at the head of a part ("hành phố", "rỉnh" before a province): the unit."""
    parts = address.split(", ")
    for k, part in enumerate(parts):
        words = part.split(" ")
        if len(words) > 2 and _first_words(part, 2) != "thanh pho" \
                and Levenshtein.distance(_first_words(part, 2), "thanh pho") <= 1:
            parts[k] = " ".join([_cased("thành", words[0]), "phố", *words[2:]])
        elif k == len(parts) - 1 and len(words) > 1 and _first_words(part, 1) != "tinh" \
                and Levenshtein.distance(_first_words(part, 1), "tinh") <= 1 \
                and tuple(fold(" ".join(words[1:])).split()) in PROVINCES:
            parts[k] = " ".join([_cased("tỉnh", words[0]), *words[1:]])
    return ", ".join(parts)


_CITY_OF_DISTRICT = {fold(d): c for c, ds in DISTRICTS_OF_CITY.items() for d in ds}
_URBAN_DISTRICT = re.compile(r"(?:^|, )(?:quan|huyen) ([^,]+)")


def city_of_district(address: str) -> str | None:
    """The centrally-run city whose district the address names ("quận Đống Đa" → Hà Nội), if one does."""
    found = {c for m in _URBAN_DISTRICT.finditer(fold(address)) if (c := _CITY_OF_DISTRICT.get(m.group(1).strip()))}
    return found.pop() if len(found) == 1 else None


# Provincial cities named by one word: after "thành phố", a word with exactly these letters and nothing after
# it in its part is the city ("thành phố Vĩnh," is no city; "thành phố Vĩnh Yên" is another).
ONE_WORD_CITIES = ("Vinh", "Huế", "Pleiku")
_ONE_WORD_CITY = re.compile(r"(?:^|(?<=, ))thanh pho (\w+)(?=,|$)")
_HOUSE_NUMBER = re.compile(r"(?<!\w)(so)(?= \d)")


def fixed_words(address: str) -> str:
    """Words whose spelling an address fixes: a one-word city after "thành phố" (`ONE_WORD_CITIES`), and
    "Số" (house number) before a number ("Sô 144" → "Số 144")."""
    folded = fold(address)
    cities = {fold(c): c for c in ONE_WORD_CITIES}
    for m in list(_ONE_WORD_CITY.finditer(folded)):
        if (city := cities.get(m.group(1))) is not None:
            address = address[:m.start(1)] + _cased(city, address[m.start(1):m.end(1)]) + address[m.end(1):]
    for m in list(_HOUSE_NUMBER.finditer(folded)):
        address = address[:m.start(1)] + _cased("số", address[m.start(1):m.end(1)]) + address[m.end(1):]
    return address


def fix_address(address: str) -> str:
    """Separators, unit words, known names and commune prefixes of an address restored, in that order (each
    step relies on the one before: names are found within parts, communes follow their restored district)."""
    from classifiers.provinces import fix_admin_words

    text = fixed_words(unit_words(separators(address)))
    text = fix_admin_words(text, city_of_district(text))
    text = fix_admin_words(commune_prefix(restore_names(text)), city_of_district(text))
    return text[:1].upper() + text[1:]


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


def flag_odd_spelling(f):
    """`f` (an ExtractedField of an address) flagged `unusual_spelling`, at most `DOUBTFUL_CONFIDENCE`, when
    its value has an odd word: it is then no reference for other papers and may itself be corrected."""
    import dataclasses

    if "unusual_spelling" in f.flags or not odd_spelling(f.value):
        return f
    return dataclasses.replace(f, confidence=min(f.confidence, DOUBTFUL_CONFIDENCE),
                               flags=(*f.flags, "unusual_spelling"))
