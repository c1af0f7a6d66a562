"""Xác nhận thông tin về cư trú (Mẫu CT07): numbered items "N. Label: value", typed by the police."""

from __future__ import annotations

from classifiers.extract.common import above, document_number, fix_ethnicity, fix_relationship, place_date
from classifiers.fields import Spec, read_fields
from classifiers.text import Line

SPECS = [
    Spec("full_name", ("ho, chu dem va ten:", "ho, chu dem va ten"), "name"),
    Spec("date_of_birth", ("ngay, thang, nam sinh",), "date"),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("id_number", ("so dinh danh ca nhan:", "so dinh danh ca nhan"), "id"),
    Spec("ethnicity", ("dan toc",)),
    Spec("religion", ("ton giao",)),
    Spec("nationality", ("quoc tich",), "nationality"),
    Spec("place_of_origin", ("que quan",), "address"),
    Spec("place_of_residence", ("noi thuong tru",), "address"),
    Spec("current_residence", ("noi o hien tai",), "address"),
    Spec("household_head_full_name", ("ho, chu dem va ten chu ho",), "name", after="current_residence"),
    Spec("relationship_to_household_head", ("quan he voi chu ho",), after="current_residence"),
    Spec("household_head_id_number", ("so dinh danh ca nhan cua chu ho",), "id", after="current_residence"),
]
MEMBERS = "thong tin ve cac thanh vien khac trong ho"  # item 15, a table
STOPS = ("noi tam tru", "thong tin ve cac thanh vien", "giay xac nhan co gia tri", "quan he voi")


def extract(lines: list[Line], qr: list[str]):
    fields = read_fields(above(lines, MEMBERS), SPECS, STOPS)
    fix_ethnicity(fields)
    fix_relationship(fields, "relationship_to_household_head")
    issued = place_date(lines)
    if issued:
        fields["date_of_issue"] = issued
    if number := document_number(lines):
        fields["document_number"] = number
    return fields, []
