"""Tờ khai thay đổi thông tin cư trú (Mẫu CT01): numbered items, often filled in by hand."""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from classifiers.documents import ExtractedField
from classifiers.extract.common import (
    above,
    fix_authority,
    fix_relationship,
    normalise_phone,
    set_issue_date,
    signed_name,
)
from classifiers.fields import Spec, normalise, read_fields
from classifiers.text import find_dates, find_label, fold, squash

SPECS = [
    Spec("recipient_authority", ("kinh gui",)),
    Spec("full_name", ("ho, chu dem va ten:", "ho, chu dem va ten"), "name"),
    Spec("date_of_birth", ("ngay, thang, nam sinh",), "date"),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("id_number", ("so dinh danh ca nhan:", "so dinh danh ca nhan"), "id"),
    Spec("phone_number", ("so dien thoai lien he",)),
    Spec("household_head_full_name", ("ho, chu dem va ten chu ho",), "name", after="id_number"),
    # "Chủ hộ" wraps after a long name: its "hộ" opens the next line
    Spec("relationship_to_household_head", ("moi quan he voi chu ho",), after="id_number", wrap=True),
    Spec("household_head_id_number", ("so dinh danh ca nhan cua chu ho",), "id", after="id_number"),
    Spec("request_content", ("noi dung de nghi",), "address", wrap=True),
]
STOPS = ("email", "nhung thanh vien trong ho gia dinh", "moi quan he")
# "[Xóa] đăng ký thường trú tại / đối với": the words between "đăng ký" and "tại"/"đối với" are a misread
# "thường trú" ("thường rrú", "thủ ờng trú", "trú") when they open or close like it.
_LINKS = {"tai": "tại", "doi voi": "đối với"}
# "Đăng" may be misread ("Ng Kỷ thường trú tại …", "Đă»g", "đăn;2") or lost: the field holds nothing else
# "ký … tại"; "Xóa" a letter misread or lost ("Xou", "Xóz", "Xa": no other word of a request opens "x" before
# "đăng ký", and only a deregistration goes on "đối với"); "tại" its first letter or its first two ("rai",
# ":qi": after "thường trú" no other word ends so)
_REQUEST = re.compile(r"^((?:xo\S|xa)\s+)?(?:dang\s*|\S{1,5}\s+)?ky\s+(.{1,14}?)\s+([a-z]ai|\W[a-z]i|doi voi)\b")
MEMBERS = "nhung thanh vien trong ho gia dinh"  # item 11, a table


HEAD_COPY_CONFIDENCE = 0.7


def head_is_subject(fields: dict[str, ExtractedField]) -> None:
    """Item 8 "Chủ hộ" says the declaring person heads the household: items 7 and 9 (head's name and ID)
    then repeat items 1 and 4, so an unread one is taken from the other (lower confidence, flag
    `copied_from_subject`, or `copied_from_head` for item 1 or 4)."""
    rel = fields.get("relationship_to_household_head")
    if rel is None or fuzz.ratio(fold(rel.value).strip(" .:"), "chu ho") < 80:
        return
    for head, own in (("household_head_full_name", "full_name"), ("household_head_id_number", "id_number")):
        for to, src, flag in ((head, own, "copied_from_subject"), (own, head, "copied_from_head")):
            if to not in fields and src in fields:
                fields[to] = dataclasses.replace(fields[src], flags=(*fields[src].flags, flag),
                                                 confidence=min(fields[src].confidence, HEAD_COPY_CONFIDENCE))


# The form's signature blocks: the household head signs "Ý KIẾN CỦA CHỦ HỘ" (left empty when the head
# is the declarant), the declarant "NGƯỜI KÊ KHAI"; a long version adds the owner's and parents' blocks.
HEAD_BLOCK = "y kien cua chu ho"
SIGN_HEADINGS = ("y kien cua", "nguoi ke khai")
SIGNED_HEAD_CONFIDENCE = 0.7
UNSIGNED_HEAD_CONFIDENCE = 0.5


def head_from_signature(fields: dict[str, ExtractedField], lines) -> None:
    """An unread item 7 (the household head's name) from the signature blocks: the name signed under
    "Ý KIẾN CỦA CHỦ HỘ", which only the head signs (flag `from_signature`, ≤ 0.7); or, when that block
    is there but carries no name, the declarant's, since a head declaring gives no opinion on his own
    declaration (flag `from_signature`, ≤ 0.5: a name lost to OCR looks the same)."""
    if "household_head_full_name" in fields:
        return
    signed, conf = signed_name(lines, HEAD_BLOCK, stops=SIGN_HEADINGS), SIGNED_HEAD_CONFIDENCE
    if signed is None and any(find_label(ln.folded, HEAD_BLOCK, 88.0) for ln in lines):
        signed, conf = fields.get("declarant_full_name"), UNSIGNED_HEAD_CONFIDENCE
    if signed is not None:
        fields["household_head_full_name"] = dataclasses.replace(
            signed, confidence=min(signed.confidence, conf), flags=(*signed.flags, "from_signature"))


def head_named_as_subject(fields: dict[str, ExtractedField]) -> None:
    """Item 7 names the declaring person (item 1, same letters): an unread item 9 (the head's ID number)
    is item 4 (flag `copied_from_subject`)."""
    head, own = fields.get("household_head_full_name"), fields.get("full_name")
    if head is None or own is None or fold(head.value) != fold(own.value):
        return
    if "household_head_id_number" not in fields and "id_number" in fields:
        src = fields["id_number"]
        fields["household_head_id_number"] = dataclasses.replace(
            src, confidence=min(src.confidence, HEAD_COPY_CONFIDENCE), flags=(*src.flags, "copied_from_subject"))


def _is_permanent(middle: str) -> bool:
    """The words are a misread "thường trú", not "tạm trú" (temporary residence) nor a lone "trú"."""
    words = middle.split()
    closer = fuzz.ratio(middle, "thuong tru") > fuzz.ratio(middle, "tam tru")
    near = Levenshtein.distance(words[0], "thuong") <= 2 or Levenshtein.distance(words[-1], "tru") <= 1
    return words[0] == "thuong" or (near and closer)  # ";hường rrú"


# a date right after "chết" (died) with its "ngày" lost: Vietnamese introduces a date in running text with "ngày"
_BARE_DEATH_DATE = re.compile(r"(\bchết)\s+(?=\d{1,2}/\d{1,2}/\d{4})")
# specks read after the date of death that ends a request ("… chết ngày 14/05/2026 : : j"): no word in them
_AFTER_DEATH_DATE = re.compile(r"(\bchết ngày \d{1,2}/\d{1,2}/\d{4})(?:\s+\W*\w?\W*)+$")
# a date of death that lost a slash ("chết ngày 2706/2026"): two digits each for the day and the month
_SLASH_LOST = re.compile(r"(\bchết ngày )(\d\d)[/ ]?(\d\d)[/ ]?(\d{4})\b")  # lost, or read as a space


# "do đã chết ngày" before a date of death, its two last words a letter off ("chết naày", "chất ngày"), its
# first two with other marks ("đo đã") or a speck between them ("do'đã")
_DIED = re.compile(r"\bdo\W?\s?da (\S{3,5}) (\S{3,5}) (?=\d)")


# "đối với ông/bà <name>": the word for the person a letter off ("bù")
_PERSON_TITLE = re.compile(r"(\bdoi voi )(\S{2,3})(?= )")
_TITLES = {"ong": "ông", "ba": "bà"}


def _titled(value: str) -> str:
    m = _PERSON_TITLE.search(fold(value))
    if m is None or m.group(2) in _TITLES:
        return value
    near = [t for t in _TITLES if Levenshtein.distance(m.group(2), t) == 1]
    return value[:m.start(2)] + _TITLES[near[0]] + value[m.end(2):] if len(near) == 1 else value


def _died(value: str) -> str:
    m = _DIED.search(fold(value))
    if m is None or Levenshtein.distance(m.group(1), "chet") > 1 or Levenshtein.distance(m.group(2), "ngay") > 1:
        return value
    return value[:m.start()] + "do đã chết ngày" + value[m.end(2):]


def restore_request(content: ExtractedField) -> ExtractedField:
    """The request's fixed opening spelled as the law names the procedure ("Đăng ký thường trú tại …",
    "Xóa đăng ký thường trú đối với …"), when its middle words are a misread "thường trú"; a date of death
    that lost its "ngày" ("do đã chết 24/02/2026") or a slash ("2706/2026") gets it back, and specks read
    after it go; "ông" or "bà" before the person's name is restored a letter off ("bù")."""
    value = _BARE_DEATH_DATE.sub(r"\1 ngày ", _died(_titled(content.value)))
    value = _AFTER_DEATH_DATE.sub(r"\1", _SLASH_LOST.sub(r"\1\2/\3/\4", value))
    m = _REQUEST.match(fold(value))
    if m is not None and _is_permanent(m.group(2)):
        removal = m.group(1) or m.group(3) == "doi voi"
        opening = ("Xóa đăng ký thường trú " if removal else "Đăng ký thường trú ") + _LINKS.get(m.group(3), "tại")
        value = opening + value[m.end():]
    return content if value == content.value else dataclasses.replace(content, value=value)


def extract(lines, qr):
    fields = read_fields(above(lines, MEMBERS), SPECS, STOPS)
    normalise_phone(fields)
    fix_authority(fields, organ="Công an")  # the one office this paper is addressed to
    fix_relationship(fields, "relationship_to_household_head")
    head_is_subject(fields)
    content = fields.get("request_content")
    if content is not None:
        content = fields["request_content"] = restore_request(content)
        m = _REQUEST.match(fold(content.value))
        if m and not m.group(1) and m.group(3) == "tai":  # registering at a place, whatever the kind
            # the place is an address, read as one ("Xơm 7, …, tỉnh Nó¿n Định"), in the request too
            place = normalise("address", content.value[m.end():]) or (squash(content.value[m.end():]), ())
            content = fields["request_content"] = dataclasses.replace(
                content, value=f"{content.value[:m.end()].rstrip()} {place[0]}")
            fields["new_place_of_residence"] = ExtractedField(place[0], content.confidence, "ocr", content.page,
                                                              content.bbox, (*content.flags, *place[1]))
        dates = find_dates(content.value)
        if "chet" in fold(content.value) and dates:
            fields["date_of_death"] = ExtractedField(dates[-1].iso, content.confidence, "ocr", content.page,
                                                     content.bbox)
    declarant = signed_name(lines, "nguoi ke khai", stops=SIGN_HEADINGS)
    if declarant:
        fields["declarant_full_name"] = declarant
    head_from_signature(fields, lines)
    head_named_as_subject(fields)
    set_issue_date(fields, lines)
    return fields, []
