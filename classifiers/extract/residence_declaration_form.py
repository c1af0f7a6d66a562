"""Tờ khai thay đổi thông tin cư trú (Mẫu CT01): numbered items, often filled in by hand."""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz import fuzz

from classifiers.documents import ExtractedField
from classifiers.extract.common import fix_relationship, normalise_phone, set_issue_date, signed_name
from classifiers.fields import Spec, read_fields
from classifiers.text import find_dates, fold, squash

SPECS = [
    Spec("recipient_authority", ("kinh gui",)),
    Spec("full_name", ("ho, chu dem va ten:", "ho, chu dem va ten"), "name"),
    Spec("date_of_birth", ("ngay, thang, nam sinh",), "date"),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("id_number", ("so dinh danh ca nhan:", "so dinh danh ca nhan"), "id"),
    Spec("phone_number", ("so dien thoai lien he",)),
    Spec("household_head_full_name", ("ho, chu dem va ten chu ho",), "name", after="id_number"),
    Spec("relationship_to_household_head", ("moi quan he voi chu ho",), after="id_number"),
    Spec("household_head_id_number", ("so dinh danh ca nhan cua chu ho",), "id", after="id_number"),
    Spec("request_content", ("noi dung de nghi",), "address", wrap=True),
]
STOPS = ("email", "nhung thanh vien trong ho gia dinh", "moi quan he")
_NEW_HOME = re.compile(r"dang ky thuong tru tai\s*")


HEAD_COPY_CONFIDENCE = 0.7


def head_is_subject(fields: dict[str, ExtractedField]) -> None:
    """Item 8 "Chủ hộ" says the declaring person heads the household: items 7 and 9 (head's name and ID)
    then repeat items 1 and 4, so an unread one is taken from those (lower confidence, flag
    `copied_from_subject`)."""
    rel = fields.get("relationship_to_household_head")
    if rel is None or fuzz.ratio(fold(rel.value).strip(" .:"), "chu ho") < 80:
        return
    for head, own in (("household_head_full_name", "full_name"), ("household_head_id_number", "id_number")):
        if head not in fields and own in fields:
            src = fields[own]
            fields[head] = dataclasses.replace(src, confidence=min(src.confidence, HEAD_COPY_CONFIDENCE),
                                               flags=(*src.flags, "copied_from_subject"))


def extract(lines, qr):
    fields = read_fields(lines, SPECS, STOPS)
    normalise_phone(fields)
    fix_relationship(fields, "relationship_to_household_head")
    head_is_subject(fields)
    content = fields.get("request_content")
    if content is not None:
        m = _NEW_HOME.search(fold(content.value))
        if m:
            fields["new_place_of_residence"] = ExtractedField(squash(content.value[m.end():]), content.confidence,
                                                              "ocr", content.page, content.bbox)
        dates = find_dates(content.value)
        if "chet" in fold(content.value) and dates:
            fields["date_of_death"] = ExtractedField(dates[-1].iso, content.confidence, "ocr", content.page,
                                                     content.bbox)
    declarant = signed_name(lines, "nguoi ke khai")
    if declarant:
        fields["declarant_full_name"] = declarant
    set_issue_date(fields, lines)
    return fields, []
