"""Tờ khai thay đổi thông tin cư trú (Mẫu CT01): numbered items, often filled in by hand."""

from __future__ import annotations

import re

from classifiers.documents import ExtractedField
from classifiers.extract.common import normalise_phone, set_issue_date, signed_name
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


def extract(lines, qr):
    fields = read_fields(lines, SPECS, STOPS)
    normalise_phone(fields)
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
