"""Thẻ bảo hiểm y tế: a card-sized paper, "Label: value" rows; validity "từ ngày … đến ngày …"."""

from __future__ import annotations

import re

from classifiers.documents import ExtractedField
from classifiers.extract.common import set_issue_date
from classifiers.fields import Raw, Spec, read_fields, to_field
from classifiers.places import fix_station
from classifiers.text import Line

SPECS = [
    Spec("insurance_number", ("ma so",), "insurance"),
    # a seal stamped over the card's left edge leaves a label's last word and its colon ("tên: CAO …",
    # "sinh: 27/12/2025"): no other label on the card ends so
    Spec("full_name", ("ho va ten", "ten:"), "name"),
    Spec("date_of_birth", ("ngay sinh", "sinh:"), "date"),
    Spec("sex", ("gioi tinh",), "sex"),
    # "Địa" alone: "chỉ:" and the value's first word lost under a stamp, the rest on the next line; "chỉ:"
    # alone: "Địa" misread ("Si chỉ:")
    Spec("place_of_residence", ("dia chi", "dia", "chi:"), "address"),
    # a long label no other on the card resembles: it is found with a word lost and a letter off ("đăng ký
    # KOB bạn đầu")
    Spec("initial_healthcare_facility", ("noi dang ky kcb ban dau",), min_score=80.0),
    Spec("valid_from", ("tu ngay",), "date"),
    Spec("date_of_expiry", ("den ngay",), "date"),
]
STOPS = ("gia tri su dung", "giam doc")


# How a first-contact clinic's name opens: a commune's health station, a hospital, a clinic, a district centre
_FACILITY = re.compile(r"(tram y te|benh vien|phong kham|trung tam y te) \S")
_WORD = re.compile(r"[^\W\d_]{3,}")


def _facility_line(lines: list[Line], found: ExtractedField | None) -> Raw | None:
    """The clinic read as a line of its own, when what follows its label is no name ("2e": the card's line
    read in two, the value before its label): the one line opening as a clinic's name does."""
    if found is not None and _WORD.search(found.value):
        return None
    clinics = [ln for ln in lines if _FACILITY.match(ln.folded.lower())]
    return Raw(clinics[0].text, clinics[0].words, clinics[0], 80.0) if len(clinics) == 1 else None


def extract(lines, qr):
    fields = read_fields(lines, SPECS, STOPS)
    if (raw := _facility_line(lines, fields.get("initial_healthcare_facility"))) is not None \
            and (clinic := to_field(raw, "text")) is not None:
        fields["initial_healthcare_facility"] = clinic
    if "initial_healthcare_facility" in fields:
        fields["initial_healthcare_facility"] = fix_station(fields["initial_healthcare_facility"])
    set_issue_date(fields, lines)
    return fields, []
