"""What the papers of a dossier agree on: which readings are trusted, how close two readings of a name, an ID
number or an address must be to be one value misread, and which value most trusted papers give."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from classifiers import gazetteer
from classifiers.documents import DocumentSpan, ExtractedField
from classifiers.names import is_surname
from classifiers.places import cut_short
from classifiers.provinces import ends_with_province
from classifiers.text import fold
from classifiers.validate import CONFUSED_DIGITS
from ocr.syllables import EDGES, foreign_letters, mark_key, syllables

TRUSTED = 0.9  # a typed paper's reading at least this confident (or a QR value) is a reference
TYPED = {"cccd", "residence_confirmation", "birth_certificate", "death_notice", "health_insurance_card"}
NAME_SUFFIX = "full_name"
# Not `new_place_of_residence`: a move is often to a nearby address that differs by a few characters.
ADDRESS_FIELDS = {"place_of_origin", "place_of_residence", "current_residence", "father_place_of_residence",
                  "mother_place_of_residence"}


def kind_of(name: str) -> str | None:
    if name.endswith(NAME_SUFFIX):
        return "name"
    if name.endswith("id_number"):
        return "id"
    if name in ADDRESS_FIELDS:
        return "address"
    if name == "phone_number":  # the applicant's number, on the request and on the receipt
        return "phone"
    return None


def key_of(kind: str, value: str) -> str:
    """What two readings of one kind share when they are one value: its digits, or its folded words."""
    if kind in ("id", "phone"):
        return re.sub(r"\D", "", value)
    return " ".join(fold(value).replace(",", " ").split())


# Digits handwriting and small print confuse most (a 1 with a flag reads as 7, an open 0 as 9, 2 or 6):
# substituting one for the other costs less than an arbitrary edit.
DIGIT_CONFUSIONS = frozenset(frozenset(p) for p in CONFUSED_DIGITS)
CONFUSION_COST = 0.4
MAX_ID_DISTANCE = 2.0
# one arbitrary misread digit, or up to three confusable ones (a 1 written like a 7 three times)
MAX_PHONE_DISTANCE = 3 * CONFUSION_COST + 1e-9
MAX_IMPOSSIBLE_PHONE_DISTANCE = 2.0


def digit_distance(a: str, b: str) -> float:
    """Levenshtein distance where a confusable digit substitution costs `CONFUSION_COST`."""
    prev = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [float(i)]
        for j, cb in enumerate(b, 1):
            sub = 0.0 if ca == cb else (CONFUSION_COST if frozenset((ca, cb)) in DIGIT_CONFUSIONS else 1.0)
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub))
        prev = cur
    return prev[-1]


def misread_distance(kind: str, a: str, b: str, impossible: bool = False) -> float | None:
    """Edit distance between two keys when small enough to be the same value misread, else None. ID numbers
    weigh confusable digits lightly: two people's numbers differ in most of their six serial digits, a
    misread in one or two, or three 1s written like 7s. A phone reading that is no possible number
    (`impossible`: flagged `phone_shape`) is surely misread, and may be two digits off ("093690347" for
    "0936903431": the last two digits read as one 7)."""
    if kind == "id":
        d = digit_distance(a, b)
        return d if d <= MAX_ID_DISTANCE and len(b) == 12 else None
    if kind == "phone":  # no structure to check the digits against: one misread digit, or three confusable ones
        d = digit_distance(a, b)
        return d if d <= (MAX_IMPOSSIBLE_PHONE_DISTANCE if impossible else MAX_PHONE_DISTANCE) else None
    if kind == "address" and b.endswith(" " + a) and b[: len(b) - len(a) - 1] in LEADING_UNITS:
        return 1  # the opening unit word lost ("Điện Biên, thành phố …" for "Phường Điện Biên, …")
    d = Levenshtein.distance(a, b)
    if kind == "name":
        return d if d <= 2 and d <= 0.2 * len(b) and abs(len(a.split()) - len(b.split())) <= 1 else None
    return d if d <= max(2, int(0.1 * len(b))) else None


LEADING_UNITS = {"xa", "phuong", "thi tran", "thon", "xom", "ap"}
PART_SCORE = 70.0


def _part_of(read: str, word: str, first: bool, last: bool) -> bool:
    """A read word is the reference's word misread, or cut at the edge of the reading (the end of its last
    word, the start of its first word: at least two letters left)."""
    if fuzz.ratio(read, word) >= PART_SCORE:
        return True
    return len(read) >= 2 and ((last and word.startswith(read)) or (first and word.endswith(read)))


def covers(read: str, name: str) -> bool:
    """A handwritten name read in part ("dinh hoang", "tien tuan", "hoang thi ng") is `name` when its words
    are, in order, at least two of the name's words, each misread or cut at the reading's edge, and some
    word of the name is missing or a stray speck (one or two letters) sits at an end of the reading; a
    name split by a stray space ("phan t ien quan") is the name too. A reading with every word present
    and no speck is left to the edit-distance rule."""
    words, want = read.split(), name.split()
    if read.replace(" ", "") == name.replace(" ", ""):
        return read != name
    j = matched = 0
    loose, cut = [], False
    for k, w in enumerate(words):
        at = next((i for i in range(j, len(want)) if _part_of(w, want[i], k == 0, k == len(words) - 1)), None)
        if at is None:
            if len(w) > 2 or 0 < k < len(words) - 1:
                return False
            loose.append(w)
            continue
        cut = cut or len(w) <= len(want[at]) - 2  # "ng" of "hoang", not "an" of "anh" (another name)
        j, matched = at + 1, matched + 1
    return matched >= 2 and (matched < len(want) or bool(loose) or cut) and (not loose or matched == len(want))


def one_word_garbled(value: str, name: str) -> bool:
    """A name of three words or more read with one word garbled into no Vietnamese syllable ("PHẠM QUANG GŒ",
    handwriting), or into two pieces one of which is none ("J nh Gia Hiếu" of "Huỳnh Gia Hiếu"), is `name` (a
    key) when its other words are `name`'s. Used only when exactly one trusted name of the dossier fits (two
    brothers "… QUANG HƯNG" and "… QUANG HUY" both would)."""
    words, want, raw = key_of("name", value).split(), name.split(), value.split()
    pieces = len(words) - len(want) + 1  # what the garbled word was read as
    if len(want) < 3 or pieces not in (1, 2) or len(raw) != len(words):
        return False
    for i in range(len(want)):
        if words[:i] == want[:i] and words[i + pieces:] == want[i + 1:] and words[i:i + pieces] != want[i:i + 1]:
            cores = [EDGES.match(w).group(2) for w in raw[i:i + pieces]]
            return any(not (c.isalpha() and mark_key(c.lower()) in syllables()) for c in cores)
    return False


def fragment_of(read: str, name: str) -> bool:
    """A name read as one word, the rest cut off or lost ("VINH", "Lộc", "ô Huyền": one-letter specks at
    its ends aside), is `name` when that word is the name's given name (last word) or family name (first),
    or its last or first words run together, the rest lost ("THANHOANH" of "ĐOÀN THANH OANH" on a faint
    photocopy): no Vietnamese full name is one word. Used only when exactly one trusted name of the dossier
    fits."""
    words, want = read.split(), name.split()
    while len(words) > 1 and len(words[0]) == 1:
        words.pop(0)
    while len(words) > 1 and len(words[-1]) == 1:
        words.pop()
    run = {"".join(want[k:]) for k in range(1, len(want) - 1)} | {"".join(want[:k]) for k in range(2, len(want))}
    return len(words) == 1 and len(words[0]) >= 2 and len(want) >= 2 and words[0] in (want[0], want[-1], *run)


def as_printed(reference: str, printed: str) -> str:
    """The reference value in the case the paper printed it (forms may print names in lower case)."""
    letters = [c for c in printed if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        return reference.upper()
    if reference.isupper():
        return " ".join(w[:1] + w[1:].lower() for w in reference.split())
    return reference


RECEIPT = "giay tiep nhan ho so"


def typed(d: DocumentSpan) -> bool:
    """Papers printed by an office: the typed types, and among `other` papers the one-stop-shop's receipt
    ("Giấy tiếp nhận hồ sơ…"), which the officer prints (a request letter of the same type is handwritten)."""
    title = d.fields.get("title")
    return d.type in TYPED or (d.type == "other" and title is not None
                               and fold(title.value).startswith(RECEIPT))


# Values read from machine-printed data with its own checksum (the card's QR, its check-digit-verified MRZ).
MACHINE_SOURCES = ("qr", "mrz")


# The one repair that leaves a reading a reference: a unit name the gazetteer corrected within the parent its
# own address names (one unit fits; `places.correct_address` keeps it at `TRUSTED` then, below it otherwise).
REFERENCE_FLAGS = frozenset({"corrected_from_gazetteer"})


def trusted(d: DocumentSpan, f: ExtractedField, name: str = "") -> bool:
    """A machine-read value, or a typed paper's confident reading, unflagged or only corrected from the
    gazetteer; a full name read as one word is a fragment (no Vietnamese full name is one word), as is one
    of two words whose first is no family name (the family name lost: "TIẾN MINH"), a name with a word that is
    no syllable is misread, and a
    reading with a letter Vietnamese does not write holds junk ("quận Cš Cầu Giấy": as a reference it
    made every paper's right address look like it with a word lost), never a reference."""
    if f.source in MACHINE_SOURCES:
        return True
    words = f.value.split()
    if name.endswith(NAME_SUFFIX) and (len(words) < 2 or (len(words) == 2 and not is_surname(words[0]))):
        return False  # one word, or two whose first is no family name ("TIẾN MINH": "NGUYỄN" lost)
    if name.endswith(NAME_SUFFIX) and any(w.isalpha() and mark_key(w.lower()) not in syllables() for w in words):
        return False  # a word no Vietnamese syllable: a letter misread ("ĐINH KIM GLANG")
    return set(f.flags) <= REFERENCE_FLAGS and f.confidence >= TRUSTED and typed(d) and not foreign_letters(f.value)


Votes = dict[str, dict[str, dict[str, set[int]]]]


def votes(documents: list[DocumentSpan]) -> Votes:
    """kind -> key -> value -> the documents whose trusted reading it is (one vote a paper, however many of
    its fields give the value). An address whose only doubt is a ward the gazetteer lacks is trusted too when
    two typed papers or more read it alike (`_unlisted_ward`): a commune the list lacks ("Xã Hải Toàn"),
    printed so on three papers, outvotes a fourth paper's doubtful reading that the gazetteer took for a
    listed one a letter off ("Xã Hải Tân")."""
    out: Votes = {"name": {}, "id": {}, "address": {}, "phone": {}}
    unlisted: dict[str, set[int]] = {}
    for i, d in enumerate(documents):
        if d.review:
            continue
        for name, f in d.fields.items():
            kind = kind_of(name)
            if kind is not None and trusted(d, f, name):
                out[kind].setdefault(key_of(kind, f.value), {}).setdefault(f.value, set()).add(i)
            elif kind == "address" and _unlisted_ward(d, f):
                unlisted.setdefault(f.value, set()).add(i)
    for value, papers in unlisted.items():
        if len(papers) >= 2:
            out["address"].setdefault(key_of("address", value), {}).setdefault(value, set()).update(papers)
    return out


def _unlisted_ward(d: DocumentSpan, f: ExtractedField) -> bool:
    """A typed paper's address doubted only for a ward its district does not list (`places.correct_address`)."""
    return set(f.flags) == {"unknown_ward"} and typed(d) and not foreign_letters(f.value)


def spellings(documents: list[DocumentSpan]) -> dict[str, dict[str, set[int]]]:
    """Folded name -> upper-case spelling -> the papers giving it in any reading, sure or not."""
    out: dict[str, dict[str, set[int]]] = {}
    for i, d in enumerate(documents):
        for name, f in d.fields.items():
            if not d.review and kind_of(name) == "name" and len(f.value.split()) >= 2:
                out.setdefault(key_of("name", f.value), {}).setdefault(f.value.upper(), set()).add(i)
    return out


def references(documents: list[DocumentSpan], polled: Votes | None = None) -> dict[str, dict[str, str]]:
    """kind -> key -> best trusted value: the one most papers give, then (names) the one most papers read
    so at all, then mixed case (it says more than upper case), then the first read. A name's marks are those
    most papers read, surely or not (`more_papers`)."""
    polled = votes(documents) if polled is None else polled
    spelt = spellings(documents)

    def rank(kind: str, key: str, values: dict[str, set[int]], v: str) -> tuple:
        if kind != "name":
            return len(values[v]), 0, 0, not v.isupper()
        fuller = sum(marks_lost(o.upper(), v.upper()) for o in values)  # sure readings that lost its marks
        return len(values[v]), fuller, len(spelt.get(key, {}).get(v.upper(), ())), not v.isupper()

    refs = {kind: {key: max(values, key=lambda v: rank(kind, key, values, v)) for key, values in keys.items()}
            for kind, keys in polled.items()}
    for key, ref in refs["name"].items():  # marks more papers read, if less surely, than the sure one's
        given = spelt.get(key, {})
        most = max(given, key=lambda v: len(given[v]), default=ref.upper())
        if len(given.get(most, ())) > len(given.get(ref.upper(), ())) and not marks_lost(most, ref.upper()):
            refs["name"][key] = most
    for kind, found in confirmed_values(documents).items():  # however many papers OCR misread alike
        refs[kind].update(found)
    return refs


_IN_QR = ("id_number", "full_name", "place_of_residence")  # the payload's items a paper repeats


def confirmed_values(documents: list[DocumentSpan]) -> dict[str, dict[str, str]]:
    """kind -> key -> the value a card prints and its QR gives alike (`qr.cross_check` keeps such a reading,
    source "ocr", at `AGREE_CONFIDENCE`): two sources, one of them machine data with its own checksum, outweigh
    any number of papers OCR misread alike ("TRỊNH THỊ THỦ THỨ" on four papers: `vie` reads the same bold
    capitals the same way everywhere). A QR value alone does not: a relative's name may differ in marks only."""
    from classifiers.qr import AGREE_CONFIDENCE

    out: dict[str, dict[str, str]] = {}
    for d in documents:
        for name, f in d.fields.items():  # OCR alone is never that sure (`fields.to_field`: at most 0.97)
            if d.type == "cccd" and name in _IN_QR and f.source == "ocr" and f.confidence >= AGREE_CONFIDENCE:
                kind = kind_of(name)
                out.setdefault(kind, {})[key_of(kind, f.value)] = f.value
    return out


def more_papers(value: str, other: str, spelt: dict[str, dict[str, set[int]]]) -> bool:
    """More papers read the name `value` as spelt than `other` (its letters with other marks), surely or not:
    "CHU HẢI YẾN" on the certificate and the confirmation (0.81–0.88) against "YÊN" on the card (0.91); not
    when `value` only lacks marks `other` has (`marks_lost`: "YÊN" on a handwritten form and a photocopy
    against "YẾN" read surely on a clean certificate)."""
    given = spelt.get(key_of("name", value), {})
    return len(given.get(value.upper(), ())) > len(given.get(other.upper(), ())) \
        and not marks_lost(value.upper(), other.upper())


def _marks_of(c: str) -> tuple[str, set[str]]:
    d = unicodedata.normalize("NFD", c.replace("Đ", "D\u0335"))  # Đ: D with a stroke, as a mark
    return d[0], set(d[1:])


def marks_lost(read: str, other: str) -> bool:
    """`read` spells `other` with some of its marks lost, none added or changed ("HAI" of "HẢI", "LÊ" of "LỆ"):
    what small or blurred print does to a mark, where reading one that is not there is rare."""
    if len(read) != len(other) or read == other:
        return False
    pairs = [(_marks_of(a), _marks_of(b)) for a, b in zip(read, other, strict=True)]
    return all(a[0] == b[0] and a[1] <= b[1] for a, b in pairs)


def respelt(value: str, own: int, polled: Votes, spelt: dict[str, dict[str, set[int]]],
            same_person: Callable[[str], bool] = lambda v: False,
            other_person: Callable[[str], bool] = lambda v: False) -> str | None:
    """A trusted name whose letters more papers (at least one of them trusted, or two) give with other marks
    ("DƯƠNG MAI HÃNG" on one card, "HẰNG" on the certificate and the form) is that spelling; so is one as
    many papers give with marks this reading lost, or fewer when one of them read it surely, on a paper about
    the same person (`same_person`: "CHU DUY HAI" on an insurance card, "HẢI" on the birth certificate, one
    date of birth: `marks_lost`; small print drops a mark far more often than it reads one that is not there),
    and no reading is respelt into one that lost its marks however many papers give it; other ties
    change nothing (two people's cards, "TUẤN" and "TUÂN"), nor does a spelling the papers give another
    person (`other_person`: a father "BÙI BẢO HƯNG" and his son "BÙI BẢO HÙNG", by their ID numbers)."""
    key = key_of("name", value)
    given = spelt.get(key, {})
    mine = len(given.get(value.upper(), set()) | {own})
    voted = {v.upper(): v for v in polled["name"].get(key, {})}
    found = sorted((-len(docs), v) for v, docs in given.items() if v != value.upper() and not other_person(v)
                   and (v in voted or len(docs - {own}) >= 2)
                   and (len(docs - {own}) > mine and not marks_lost(v, value.upper())
                        or (len(docs - {own}) == mine or v in voted) and marks_lost(value.upper(), v)
                        and same_person(v)))
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return voted.get(found[0][1], found[0][1])


OUTVOTED_CONFIDENCE = 0.8


def _numbers(address_key: str) -> list[str]:
    """The numbers of an address, a space lost between two of them forgiven ("167/2730 Tháng 4" read for
    "167/27 30 Tháng 4": the digits and their order are what tell two houses apart), and a slash between two
    read as a 1 ("81110 Tô Hiệu" for "81/10 Tô Hiệu": a thin slash and a 1 differ by a slant)."""
    return re.findall(r"\d+", re.sub(r"(?<=\d)/(?=\d)", "1", re.sub(r"(?<=\d) (?=\d)", "", address_key)))


def outvoted(kind: str, value: str, own: int, polled: Votes) -> str | None:
    """A trusted address reading that two or more other papers contradict with one value, within a character or
    two of it (`misread_distance`), is a misread ("Hàng Kảnh" on a card where the confirmation and the declaration
    both print "Hàng Kênh"): that value. So is one that its own paper contradicts in another field (a
    confirmation printing the same address as residence and as current address) along with another paper no
    paper backs it against ("Võ Văn Tân" once, "Võ Văn Tần" on the same paper and on the card). An address
    whose numbers differ is another address (house 110 and 114; `_numbers`), never a misread, nor one naming
    another real ward or district (`gazetteer.other_units`); two equally close values, or as many papers for
    the reading, change nothing."""
    key = key_of(kind, value)
    mine = len(polled[kind].get(key, {}).get(value, set()) - {own})
    found = []
    for k, values in polled[kind].items():
        dist = 0 if k == key else misread_distance(kind, key, k)
        if dist is None or (kind == "address" and _numbers(k) != _numbers(key)):
            continue
        for v, docs in values.items():
            if kind == "address" and gazetteer.other_units(value, v):
                continue  # another real ward of the district: a relative's place, not this one misread
            others = len(docs - {own})
            if v.upper() != value.upper() and (others >= 2 and others > mine or
                                               own in docs and others == 1 and mine == 0):
                found.append((dist, -others, v))
    found.sort()
    if not found or (len(found) > 1 and found[0][:2] == found[1][:2]):
        return None
    return found[0][2]


def real_spelling(value: str, own: int, polled: Votes) -> str | None:
    """Another paper's trusted reading of an address that differs from `value` in tone marks only and
    names a real ward where `value` names none: "Xã Hoằng Quỹ" on a phone photo of an ID card is either
    of Hoằng Hóa's communes Hoằng Quỳ and Hoằng Quý, and the residence confirmation printing "Hoằng Quỳ"
    tells which. None when several such readings disagree."""
    spelt = polled["address"].get(key_of("address", value), {})
    others = {v for v, docs in spelt.items() if v != value and docs - {own}}
    if not others or gazetteer.resolve(value).ward is not None:
        return None
    real = {v for v in others if gazetteer.resolve(v).ward is not None}
    return real.pop() if len(real) == 1 else None


# Words an address opens with (its smallest unit): a reference whose extra words open it must start so.
OPENING_UNITS = {"xa", "phuong", "thi", "thon", "xom", "ap", "to", "so", "ban", "khu", "khom", "huyen", "quan"}
MAX_LOST_WORDS = 3
COMMUNE_OPENING = re.compile(r"(Xã|Phường|Thị trấn|XÃ|PHƯỜNG|THỊ TRẤN)\s")


# a house number opening an address, folded: "167/27", "số 12a", "12-14"
_HOUSE = re.compile(r"(so )?\d[\w/.-]*")


def _lost_words(short: list[str], long: list[str], whole_start: bool = False, edge: bool = False,
                open_end: bool = False) -> int | None:
    """How many words of `long` a reading `short` lacks when it is `long` with whole words lost (matched from
    the end, so the province agrees), else None: at most three, none of them a number but its opening house
    number (a reading with no house number names no other house: "30 Tháng 4, …" of "167/27 30 Tháng 4, …"),
    and words lost before the reading's first word only when `long` opens with a unit word (a lost "Xã Hải",
    not a speck) or a house number and the reading is not `whole_start`. With `edge`, the reading's first
    word, next to what was lost, may be a letter off ("Ki: Liên" of "Phường Kim Liên"). An `open_end`
    reading, ending in a province's unit and one word that name no province, may lack `long`'s last word
    too ("thành phố Nam, tỉnh Nam" of "… thành phố Nam Định, tỉnh Nam Định")."""
    if not short or len(short) >= len(long):
        return None
    j, missing = len(long) - 1, []
    for k, w in enumerate(reversed(short)):
        first = edge and k == len(short) - 1 and len(w) >= 2
        while j >= 0 and long[j] != w and not (first and Levenshtein.distance(long[j], w) == 1):
            missing.append(j)
            j -= 1
        if j < 0:
            return None
        j -= 1
    missing += range(j, -1, -1)
    house = sorted(missing) == list(range(len(missing))) and _HOUSE.fullmatch(" ".join(long[:len(missing)]))
    if not missing or len(missing) > MAX_LOST_WORDS or (len(long) - 1 in missing and not open_end) \
            or (not house and any(any(c.isdigit() for c in long[i]) for i in missing)):
        return None
    if 0 in missing and not house and (long[0] not in OPENING_UNITS or whole_start):
        return None
    return len(missing)


_PROVINCE_CUT = re.compile(r"\b(?:tinh|thanh pho) \w+$")  # folded: a province's unit and one word


def fuller_address(value: str, refs: dict[str, str], doubted: bool = False) -> str | None:
    """The one trusted address of the dossier that a reading is with whole words lost ("Xã Long, huyện Nghi
    Lộc" of "Xã Nghi Long, huyện Nghi Lộc"; "Toàn, huyện Hải Hậu" of "Xã Hải Toàn, huyện Hải Hậu"): OCR
    drops a faint word whole, and an address that is another with a word or a commune left out is not a
    place of its own. The fewest lost words win; a tie changes nothing. A `doubted` reading's first word may
    be a letter off too: the word beside a lost one is often damaged with it. A reading that ends in a unit
    word was cut there (the rest of it read elsewhere on a card): the one reference it opens is the address."""
    short = key_of("address", value).split()
    if cut_short(value):  # "Xã Giai Xuân, huyện": the reference it opens
        cut = [k for k in refs if k.split()[: len(short)] == short and len(k.split()) > len(short)]
        return refs[cut[0]] if len(cut) == 1 else None
    # an address opening with a commune's unit word in capitals ("Xã Giai Xuân, …", a place of origin) begins
    # where the paper's does: it is no "Ấp Thới Trinh, xã Giai Xuân, …" that lost its hamlet, whose "xã" is
    # lower case; one opening at the district ("Huyện Nghi Lộc, …") may have lost its commune
    whole = bool(COMMUNE_OPENING.match(value.strip()))
    open_end = bool(_PROVINCE_CUT.search(" ".join(short))) and not ends_with_province(value)
    found = sorted((n, k) for k in refs if (n := _lost_words(short, k.split(), whole, doubted, open_end)) is not None)
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return refs[found[0][1]]

