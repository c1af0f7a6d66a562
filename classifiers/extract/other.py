"""Papers of type `other` (request letters, the one-stop-shop receipt): the person they name."""

from __future__ import annotations

from classifiers.extract.common import normalise_phone, place_date, title_line
from classifiers.fields import Spec, read_fields

SPECS = [
    Spec("recipient_authority", ("kinh gui",)),
    Spec("dossier_code", ("ma ho so",)),
    Spec("full_name", ("toi ten la", "ong/ba:"), "name"),
    Spec("date_of_birth", ("sinh ngay",), "date"),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("id_number", ("so dinh danh ca nhan",), "id"),
    Spec("place_of_residence", ("noi thuong tru", "dia chi:"), "address"),
    Spec("phone_number", ("so dien thoai",)),
    Spec("request_content", ("noi dung de nghi",), wrap=True),
    Spec("date_of_issue", ("thoi gian nhan ho so",), "date"),  # the receipt: the day it was received
    Spec("date_of_appointment", ("thoi gian tra ket qua",), "date"),
    Spec("procedure_name", ("noi dung yeu cau giai quyet",), wrap=True),
]
TITLES = ("ĐƠN ĐỀ NGHỊ", "ĐƠN ĐỀ NGHỊ CHỨNG THỰC", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
STOPS = ("ly do", "thanh phan ho so")


def extract(lines, qr):
    fields = read_fields(lines, SPECS, STOPS)
    normalise_phone(fields)
    if title := title_line(lines, TITLES):
        fields["title"] = title
    if any("nguoi lam don" in ln.folded for ln in lines) and (signed := place_date(lines, last=True)):
        fields["date_of_issue"] = signed
    return fields, []
