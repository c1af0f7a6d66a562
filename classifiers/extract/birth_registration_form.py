"""Tờ khai đăng ký khai sinh (two pages): the requester, the child, the mother (page 1), the father and
the pledge (page 2). Labels repeat per person, so each block is searched below its own heading."""

from __future__ import annotations

from classifiers.extract.common import (
    CU_TRU,
    check_date_words,
    ethnicity_from_parents,
    fix_authority,
    fix_ethnicity,
    fix_relationship,
    set_issue_date,
)
from classifiers.fields import Spec, read_fields
from classifiers.places import complete_hospital

FATHER = ("ten nguoi cha",)  # the father's block: the mother's items blank are not read from it
MOTHER = ("ten nguoi me",)  # the mother's block: the child's items blank are not read from it
SPECS = [
    Spec("recipient_authority", ("kinh gui",)),
    Spec("declarant_full_name", ("ho, chu dem, ten nguoi yeu cau",), "name"),
    Spec("place_of_residence", CU_TRU, "address", after="declarant_full_name"),
    Spec("declarant_id_number", ("giay to tuy than",), "id", after="declarant_full_name"),
    Spec("declarant_relationship", ("quan he voi nguoi duoc khai sinh",), after="declarant_full_name"),
    Spec("full_name", ("ho, chu dem, ten:",), "name", after="declarant_relationship"),
    Spec("date_of_birth", ("ngay, thang, nam sinh",), "date"),
    Spec("date_of_birth_in_words", ("ghi bang chu",), wrap=True),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("ethnicity", ("dan toc",), until=MOTHER),
    Spec("nationality", ("quoc tich",), "nationality"),
    Spec("place_of_birth", ("noi sinh",), "address"),
    Spec("place_of_origin", ("que quan",), "address"),
    Spec("mother_full_name", ("ho, chu dem, ten nguoi me",), "name"),
    Spec("mother_year_of_birth", ("nam sinh:",), "year", after="mother_full_name", until=FATHER),
    Spec("mother_ethnicity", ("dan toc",), after="mother_full_name", until=FATHER),
    Spec("mother_id_number", ("so dinh danh ca nhan",), "id", after="mother_full_name", until=FATHER),
    Spec("mother_place_of_residence", CU_TRU, "address", after="mother_full_name", until=FATHER),
    Spec("father_full_name", ("ho, chu dem, ten nguoi cha",), "name"),
    Spec("father_year_of_birth", ("nam sinh:",), "year", after="father_full_name"),
    Spec("father_ethnicity", ("dan toc",), after="father_full_name"),
    Spec("father_id_number", ("so dinh danh ca nhan",), "id", after="father_full_name"),
    Spec("father_place_of_residence", CU_TRU, "address", after="father_full_name"),
]
STOPS = ("de nghi co quan dang ky khai sinh", "toi cam doan", "cap ngay")


def extract(lines, qr):
    fields = read_fields(lines, SPECS, STOPS)
    if "place_of_birth" in fields:
        fields["place_of_birth"] = complete_hospital(fields["place_of_birth"])
    fix_relationship(fields, "declarant_relationship")
    fix_authority(fields, organ="Ủy ban nhân dân")  # the one office this paper is addressed to
    for name in ("ethnicity", "mother_ethnicity", "father_ethnicity"):
        fix_ethnicity(fields, name)
    ethnicity_from_parents(fields)
    check_date_words(fields)
    set_issue_date(fields, lines)
    return fields, []
