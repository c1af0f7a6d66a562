"""Thẻ bảo hiểm y tế: a card-sized paper, "Label: value" rows; validity "từ ngày … đến ngày …"."""

from __future__ import annotations

from classifiers.extract.common import set_issue_date
from classifiers.fields import Spec, read_fields
from classifiers.places import fix_station

SPECS = [
    Spec("insurance_number", ("ma so",), "insurance"),
    # a seal stamped over the card's left edge leaves a label's last word and its colon ("tên: CAO …",
    # "sinh: 27/12/2025"): no other label on the card ends so
    Spec("full_name", ("ho va ten", "ten:"), "name"),
    Spec("date_of_birth", ("ngay sinh", "sinh:"), "date"),
    Spec("sex", ("gioi tinh",), "sex"),
    # "Địa" alone: "chỉ:" and the value's first word lost under a stamp, the rest on the next line
    Spec("place_of_residence", ("dia chi", "dia"), "address"),
    # a long label no other on the card resembles: it is found with a word lost and a letter off ("đăng ký
    # KOB bạn đầu")
    Spec("initial_healthcare_facility", ("noi dang ky kcb ban dau",), min_score=80.0),
    Spec("valid_from", ("tu ngay",), "date"),
    Spec("date_of_expiry", ("den ngay",), "date"),
]
STOPS = ("gia tri su dung", "giam doc")


def extract(lines, qr):
    fields = read_fields(lines, SPECS, STOPS)
    if "initial_healthcare_facility" in fields:
        fields["initial_healthcare_facility"] = fix_station(fields["initial_healthcare_facility"])
    set_issue_date(fields, lines)
    return fields, []
