"""Vietnam's provinces and centrally-run cities with the real 3-digit codes that open a 12-digit citizen
ID number (Thông tư 07/2016/TT-BCA, pre-2025 map, which the cards in circulation still follow). The last
two digits are the administrative code that health insurance numbers carry."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from classifiers.gazetteer import in_style, old_style, tone_key
from classifiers.text import fold

PROVINCE_CODES: dict[str, str] = {
    "Hà Nội": "001", "Hà Giang": "002", "Cao Bằng": "004", "Bắc Kạn": "006", "Tuyên Quang": "008",
    "Lào Cai": "010", "Điện Biên": "011", "Lai Châu": "012", "Sơn La": "014", "Yên Bái": "015",
    "Hòa Bình": "017", "Thái Nguyên": "019", "Lạng Sơn": "020", "Quảng Ninh": "022", "Bắc Giang": "024",
    "Phú Thọ": "025", "Vĩnh Phúc": "026", "Bắc Ninh": "027", "Hải Dương": "030", "Hải Phòng": "031",
    "Hưng Yên": "033", "Thái Bình": "034", "Hà Nam": "035", "Nam Định": "036", "Ninh Bình": "037",
    "Thanh Hóa": "038", "Nghệ An": "040", "Hà Tĩnh": "042", "Quảng Bình": "044", "Quảng Trị": "045",
    "Thừa Thiên Huế": "046", "Đà Nẵng": "048", "Quảng Nam": "049", "Quảng Ngãi": "051", "Bình Định": "052",
    "Phú Yên": "054", "Khánh Hòa": "056", "Ninh Thuận": "058", "Bình Thuận": "060", "Kon Tum": "062",
    "Gia Lai": "064", "Đắk Lắk": "066", "Đắk Nông": "067", "Lâm Đồng": "068", "Bình Phước": "070",
    "Tây Ninh": "072", "Bình Dương": "074", "Đồng Nai": "075", "Bà Rịa - Vũng Tàu": "077",
    "Hồ Chí Minh": "079", "Long An": "080", "Tiền Giang": "082", "Bến Tre": "083", "Trà Vinh": "084",
    "Vĩnh Long": "086", "Đồng Tháp": "087", "An Giang": "089", "Kiên Giang": "091", "Cần Thơ": "092",
    "Hậu Giang": "093", "Sóc Trăng": "094", "Bạc Liêu": "095", "Cà Mau": "096",
}
ID_CODES = frozenset(PROVINCE_CODES.values())
INSURANCE_CODES = frozenset(code[1:] for code in ID_CODES)
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")
_ENDINGS = tuple(sorted({f"tinh {fold(n)}" for n in PROVINCE_CODES} | {f"thanh pho {fold(n)}" for n in CENTRAL_CITIES}
                        | {f", {fold(n)}" for n in CENTRAL_CITIES}, key=len, reverse=True))


def cut_after_province(text: str) -> str:
    """Drop what OCR appended after the province that ends an address (stamps, stray dates). A speck read as a
    period between the province's words ("thành phố Cân. Thơ") does not hide it."""
    folded = fold(text)
    ends = [m.end() for e in _ENDINGS
            for m in re.finditer(r"[\s.]+".join(map(re.escape, e.split())) + r"\b", folded)]
    return text[: max(ends)] if ends else text


def ends_with_province(text: str) -> bool:
    """An address is complete once it names its province ("tỉnh Nam Định", "thành phố Hà Nội"), or a province's
    whole name one letter off ("tỉnh Nghệ Ao"); a provincial city ("thành phố Nam Định") is not the end
    (addresses wrap over lines on paper)."""
    tail = " ".join(fold(text).split()).rstrip(" .;")
    if any(tail.endswith(e) for e in _ENDINGS):
        return True
    # the province's whole name with one letter misread ("tỉnh Nghệ Ao"): the next line is no more of it
    head, unit, rest = tail.rpartition("tinh ")
    return bool(unit) and (not head or head.endswith(" ")) and any(
        len(f.split()) == len(rest.split()) and Levenshtein.distance(rest, f) == 1 for f in _PROVINCE_BY_FOLD)


ADMIN_WORDS = ("thành phố", "thị trấn", "thị xã", "số nhà", "tỉnh", "huyện", "quận", "phường", "xã", "thôn", "xóm",
               "ấp", "tổ", "ngõ", "đường")
_FOLDED_ADMIN = tuple((fold(w), w) for w in ADMIN_WORDS)
_PROVINCE_BY_FOLD = {fold(n): n for n in PROVINCE_CODES}


_CENTRAL_BY_FOLD = {fold(n): n for n in CENTRAL_CITIES}


def province_named(rest: str, city: bool = False, hint: str | None = None) -> str | None:
    """The province (a centrally-run city when `city`: "thành phố …") that the folded `rest` names: one or
    two letters misread, or the name cut at the end of the reading ("cần" of Cần Thơ) or at its start
    ("chu minh" of Hồ Chí Minh), at least three letters read; None unless exactly one fits, or when it is
    not `hint` (the city the address's district lies in). The first whole words of `hint` alone, or its
    first word and a remnant of a letter or two, are `hint` ("thành phố Đà" after "quận Sơn Trà": the line
    broke before "Nẵng" and the rest was lost; "thành phố Dà j" on a phone photo of a card), as are its last whole
    words ("tỉnh Định" after "huyện Hải Hậu": "Nam" lost)."""
    rest = " ".join(re.sub(r"[^a-z ]", " ", rest).split())
    names = _CENTRAL_BY_FOLD if city else _PROVINCE_BY_FOLD
    head, _, remnant = rest.partition(" ")
    if rest and any(n == hint and (f.startswith(rest + " ") or (f.startswith(head + " ") and len(remnant) <= 2)
                                   or f.endswith(" " + rest))
                    for f, n in names.items()):
        return hint
    if hint is not None and any(n == hint and rest.split()[-1:] == f.split()[-1:] and len(f.split()) > 1
                                and Levenshtein.distance(rest.replace(" ", ""), f.replace(" ", "")) <= len(f) // 3
                                for f, n in names.items()):
        return hint  # its last word read, the first garbled ("tỉnh Nó¿n Định" after "huyện Hải Hậu")
    if len(rest) < 3:
        return None
    close = [n for f, n in names.items() if Levenshtein.distance(rest, f) <= len(f) // 5]
    if not close and len(rest) >= 3:
        cut = len(rest) // 5
        close = [n for f, n in names.items() if len(rest) < len(f) and (
            Levenshtein.distance(rest, f[:len(rest)]) <= cut or Levenshtein.distance(rest, f[-len(rest):]) <= cut)]
    return close[0] if len(close) == 1 and hint in (None, close[0]) else None


def fix_admin_words(address: str, city: str | None = None) -> str:
    """Restore the tone marks of the fixed words of an address ("tính" → "tỉnh", "huyên" → "huyện") and
    of the province name, which OCR often gets wrong on small print (a centrally-run city only when it is
    `city`, the one the address's district lies in, if known); other names are left as read."""
    parts = address.split(", ")
    out = []
    for k, part in enumerate(parts):
        folded = fold(part)
        for fw, word in _FOLDED_ADMIN:
            if folded.startswith(fw + " ") and part[: len(word)] != word:
                head = word[0].upper() + word[1:] if part[:1].isupper() else word
                part = head + part[len(word):]
                break
        if k == len(parts) - 1:
            if city is not None and fold(part).startswith("pho ") \
                    and province_named(fold(part)[4:], True, city) == city:  # "thành" lost: "phố Hộ Chỉ"
                part = "thành " + part
            for fw in ("tinh ", "thanh pho "):
                rest = fold(part)[len(fw):] if fold(part).startswith(fw) else None
                if rest is None:
                    continue
                if (name := province_named(rest, fw == "thanh pho ", city)) is not None \
                        and tone_key(name) != tone_key(part[len(fw):]):  # marks placed in either style are right
                    part = part[: len(fw)] + in_style(name, bool(old_style(address)))
        out.append(part)
    return ", ".join(out)
