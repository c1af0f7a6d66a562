"""Giấy khai sinh: typed "Label: value" rows; the mother's and father's blocks repeat the same labels,
so their fields are searched below their own name line."""

from __future__ import annotations

from classifiers.extract.common import (
    CU_TRU,
    check_date_words,
    document_number,
    ethnicity_from_parents,
    fix_authority,
    fix_ethnicity,
)
from classifiers.fields import Spec, read_fields
from classifiers.places import complete_hospital

SPECS = [
    Spec("full_name", ("ho, chu dem, ten:",), "name"),
    Spec("date_of_birth", ("ngay, thang, nam sinh",), "date"),
    Spec("date_of_birth_in_words", ("ghi bang chu",), wrap=True),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("ethnicity", ("dan toc",), until=("ten nguoi me",)),
    Spec("nationality", ("quoc tich",), "nationality"),
    Spec("place_of_birth", ("noi sinh",), "address"),
    Spec("place_of_origin", ("que quan",), "address"),
    Spec("id_number", ("so dinh danh ca nhan",), "id"),
    Spec("mother_full_name", ("ho, chu dem, ten nguoi me",), "name"),
    Spec("mother_year_of_birth", ("nam sinh:",), "year", after="mother_full_name"),
    Spec("mother_ethnicity", ("dan toc",), after="mother_full_name", until=("ten nguoi cha",)),
    Spec("mother_place_of_residence", CU_TRU, "address", after="mother_full_name"),
    Spec("father_full_name", ("ho, chu dem, ten nguoi cha",), "name"),
    Spec("father_year_of_birth", ("nam sinh:",), "year", after="father_full_name"),
    Spec("father_ethnicity", ("dan toc",), after="father_full_name"),
    Spec("father_place_of_residence", CU_TRU, "address", after="father_full_name"),
    Spec("declarant_full_name", ("ho, chu dem, ten nguoi di dang ky khai sinh",), "name"),
    Spec("declarant_id_number", ("giay to tuy than",), "id", after="declarant_full_name"),
    Spec("registration_authority", ("noi dang ky khai sinh",), after="declarant_full_name"),
    Spec("date_of_registration", ("ngay, thang, nam dang ky",), "date", after="declarant_full_name"),
    Spec("book_number", ("quyen so",)),
]
STOPS = ("nguoi ky giay khai sinh",)


def extract(lines, qr):
    fields = read_fields(lines, SPECS, STOPS)
    if "place_of_birth" in fields:
        fields["place_of_birth"] = complete_hospital(fields["place_of_birth"])
    check_date_words(fields)
    fix_authority(fields, "registration_authority")
    for name in ("ethnicity", "mother_ethnicity", "father_ethnicity"):
        fix_ethnicity(fields, name)
    ethnicity_from_parents(fields)
    if "date_of_registration" in fields:
        fields["date_of_issue"] = fields["date_of_registration"]
    if number := document_number(lines):
        fields["document_number"] = number
    return fields, []
