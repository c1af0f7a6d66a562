"""Giấy báo tử / trích lục khai tử: typed "Label: value" rows about the deceased and the declarant."""

from __future__ import annotations

from classifiers.extract.common import (
    document_number,
    fix_authority,
    fix_ethnicity,
    set_issue_date,
    time_of_day,
    title_line,
)
from classifiers.fields import Spec, read_fields

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


def extract(lines, qr):
    fields = read_fields(lines, SPECS)
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
