"""Giấy báo tử / trích lục khai tử: typed "Label: value" rows about the deceased and the declarant."""

from __future__ import annotations

import dataclasses
import re

from classifiers.extract.common import (
    document_number,
    fix_authority,
    fix_ethnicity,
    set_issue_date,
    time_of_day,
    title_line,
)
from classifiers.fields import Spec, read_fields
from classifiers.text import fold

SPECS = [
    Spec("full_name", ("ho va ten nguoi chet", "ong/ba:", "ho, chu dem, ten:"), "name"),
    Spec("date_of_birth", ("ngay, thang, nam sinh",), "date"),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("ethnicity", ("dan toc",)),
    Spec("nationality", ("quoc tich",), "nationality"),
    Spec("id_number", ("so dinh danh ca nhan",), "id"),
    Spec("place_of_residence", ("noi thuong tru", "noi cu tru cuoi cung"), "address"),
    Spec("date_of_death", ("da chet vao luc",), "date"),
    Spec("place_of_death", ("noi chet",), "address"),
    Spec("cause_of_death", ("nguyen nhan chet",)),
    Spec("declarant_full_name", ("ho, chu dem, ten nguoi di khai tu",), "name"),
    Spec("declarant_id_number", ("giay to tuy than",), "id", after="declarant_full_name"),
    Spec("registration_authority", ("noi dang ky khai tu",)),
    Spec("date_of_registration", ("ngay, thang, nam dang ky",), "date", after="cause_of_death"),
]


# "Tại nhà" (at home), the place of death before the home's address, with a letter or mark misread ("Tại nha,"):
# before a comma, no other word of two or three letters opening "nh" follows "tại" in a place of death
_AT_HOME = re.compile(r"^tai nh\w{0,2}\s*,")


def _at_home(fields) -> None:
    f = fields.get("place_of_death")
    m = _AT_HOME.match(fold(f.value)) if f is not None else None
    if m is not None and not f.value.startswith("Tại nhà,"):
        fields["place_of_death"] = dataclasses.replace(f, value="Tại nhà," + f.value[m.end():])


# Common causes of death, as a doctor writes them: a reading with one's letters takes its marks ("Suy tìm",
# "Ung thư phối" are real syllables, misread alike on every copy). Not a register: other causes stay as read.
CAUSES = ("Bệnh già", "Suy tim", "Suy hô hấp", "Suy thận", "Nhồi máu cơ tim", "Tai biến mạch máu não", "Đột quỵ",
          "Ung thư phổi", "Ung thư gan", "Viêm phổi", "Xơ gan", "Tai nạn giao thông")


def _cause(fields) -> None:
    f = fields.get("cause_of_death")
    spelled = next((c for c in CAUSES if f is not None and fold(c).lower() == fold(f.value).lower()), None)
    if spelled is not None and spelled != f.value:
        fields["cause_of_death"] = dataclasses.replace(f, value=spelled)


def extract(lines, qr):
    fields = read_fields(lines, SPECS)
    _at_home(fields)
    _cause(fields)
    fix_ethnicity(fields)
    fix_authority(fields, "registration_authority")
    if title := title_line(lines, ("GIẤY BÁO TỬ", "TRÍCH LỤC KHAI TỬ")):
        fields["title"] = title
    t = time_of_day(fields.get("date_of_death"), lines, "da chet vao luc")
    if t:
        fields["time_of_death"] = t
    set_issue_date(fields, lines)
    if number := document_number(lines):
        fields["document_number"] = number
    return fields, []
