"""Papers of type `other` (request letters, the one-stop-shop receipt): the person they name."""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz.distance import Levenshtein

from classifiers.documents import ExtractedField
from classifiers.extract.common import fix_authority, normalise_phone, place_date, title_line
from classifiers.fields import Spec, read_fields
from classifiers.text import digits_like, fold
from classifiers.validate import dt_ok

SPECS = [
    Spec("recipient_authority", ("kinh gui",)),
    Spec("dossier_code", ("ma ho so",)),
    # the receipt's slash may be lost, its "bà" read "hà" ("Ông/hà:", one letter in seven: under the default)
    Spec("full_name", ("toi ten la", "ong/ba:", "ong ba:"), "name", min_score=85.0),
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


CODE_REPAIRED_CONFIDENCE = 0.6
# a code of letter and number groups joined by hyphens ("HS-2026-293611"), read with spaces or look-alike
# letters in its number groups ("HS-2026-29361 I", "HS-2026-5 15981")
_CODE = re.compile(r"^([A-Z]{1,6})((?:\s*[-:–—]\s*[\dIlOB|\] ]+)+)$")  # B: an 8 ("HS-2026-B11072")


def normalise_code(field: ExtractedField) -> ExtractedField:
    """A dossier code keeps the shape the office prints: a letter prefix, then groups of digits between
    hyphens. A space inside a number group is a gap OCR read, not part of the code, and a colon or dash between
    groups its hyphen ("HS-2026:329248"); I, l, |, ] and O there are 1s and 0s, B an 8 (flag `digits_repaired`,
    ≤ 0.6)."""
    m = _CODE.match(field.value.strip())
    if m is None or not any(c.isdigit() for c in m.group(2)):
        return field
    groups = [g.replace(" ", "") for g in re.split(r"[-:–—]", m.group(2))[1:]]
    if not all(groups):
        return field
    digits = [digits_like(g) for g in groups]
    value = "-".join([m.group(1), *digits])
    if value == field.value:
        return field
    if digits == groups:
        return dataclasses.replace(field, value=value)
    return dataclasses.replace(field, value=value, flags=(*field.flags, "digits_repaired"),
                               confidence=min(field.confidence, CODE_REPAIRED_CONFIDENCE))


_YEAR_GROUP = re.compile(r"([A-Z]{1,6}-)(\d{4})(-\d+)")


def code_year(fields: dict[str, ExtractedField]) -> None:
    """A code numbered in a year after the receipt's own date ("HS-3030-732239" on a receipt of 08/01/2026):
    the office numbers a dossier when it receives it, so the year group is the receipt's, misread (flag
    `digits_repaired`, ≤ 0.6)."""
    code, received = fields.get("dossier_code"), fields.get("date_of_issue")
    m = _YEAR_GROUP.fullmatch(code.value) if code is not None else None
    if m is None or received is None or not dt_ok(received.value) or m.group(2) <= received.value[:4]:
        return
    fields["dossier_code"] = dataclasses.replace(
        code, value=m.group(1) + received.value[:4] + m.group(3), flags=(*code.flags, "digits_repaired"),
        confidence=min(code.confidence, CODE_REPAIRED_CONFIDENCE))


REQUEST_OPENING = "Đề nghị"  # a request letter's content opens so ("Đề nghị chứng thực 03 bản sao …")
REQUEST_VERBS = ("cấp", "chứng thực", "xác nhận")  # what it asks the office to do


def fix_request_opening(fields: dict[str, ExtractedField]) -> None:
    """A request's opening words read with other marks or a letter off ("Đê nghị", "Đề øghị"), or two when
    "Đề" is read ("Đề »ghj"), are "Đề nghị"; a letter changed is flagged `spelling_from_vocabulary` (≤ 0.8).
    The verb after it with the letters of one the one-stop shop grants ("cấp", "chứng thực", "xác nhận"), or
    a letter off one of two words ("xúc nhận"), is that verb: a request asks for no "cắp" or "chưng"."""
    f = fields.get("request_content")
    words = f.value.split(" ", 2) if f is not None else []
    if len(words) >= 2 and fold(words[0]).lower() == "de" and \
            any(fold(" ".join(words[1:])).lower().startswith(fold(verb) + " ") for verb in REQUEST_VERBS):
        # "Đề cấp 02 bản sao": "nghị" lost between the opening and the verb
        f = fields["request_content"] = dataclasses.replace(
            f, value=f"{REQUEST_OPENING} {' '.join(words[1:])}", flags=(*f.flags, "spelling_from_vocabulary"),
            confidence=min(f.confidence, 0.8))
        words = f.value.split(" ", 2)
    if len(words) < 3:
        return
    letters = Levenshtein.distance(fold(" ".join(words[:2])), fold(REQUEST_OPENING))
    if letters > (2 if words[0] == "Đề" else 1):
        return
    rest = words[2]
    for verb in REQUEST_VERBS:
        n = len(verb.split())
        off = Levenshtein.distance(fold(" ".join(rest.split(" ")[:n])), fold(verb), score_cutoff=2)
        if off == 0 or (off == 1 and n > 1):
            rest, letters = " ".join([verb, *rest.split(" ")[n:]]), letters + off
            break
    value = f"{REQUEST_OPENING} {rest}"
    if value == f.value:
        return
    f = dataclasses.replace(f, value=value)
    if letters:
        f = dataclasses.replace(f, flags=(*f.flags, "spelling_from_vocabulary"), confidence=min(f.confidence, 0.8))
    fields["request_content"] = f


# "để làm thủ tục …": a short word after "thủ" two letters or fewer from "tục" is it ("thủ fục", "thủ te"),
# unless it is another word a request could put after "thủ" (`_OTHER_THU`)
_PROCEDURE = re.compile(r"\bthu (\S{2,3})(?= |$)")


# "làm thủ" before any other word is "làm thủ tục", its "tục" lost at the start of the request's next line
# ("để làm thủ vay vốn"), unless the word makes another "thủ …" one could do (a treasurer, a craft, a chief)
_PROCEDURE_LOST = re.compile(r"\blam thu (?!(?:tuc|quy|do|cong|truong|tuong|thuat|kho|khoa|mon)\b)(?=\w)")
_OTHER_THU = {"quy", "do"}  # "thủ quỹ", "thủ đô": two and three letters from "tục", not it


def fix_procedure_word(fields: dict[str, ExtractedField]) -> None:
    f = fields.get("request_content")
    if f is None:
        return
    m = _PROCEDURE.search(fold(f.value))
    if m is not None and m.group(1) not in ("tuc", *_OTHER_THU) and Levenshtein.distance(m.group(1), "tuc") <= 2:
        value = f.value[:m.start(1)] + "tục" + f.value[m.end(1):]
    elif (lost := _PROCEDURE_LOST.search(fold(f.value))) is not None:
        value = f.value[:lost.end()] + "tục " + f.value[lost.end():]
    else:
        return
    fields["request_content"] = dataclasses.replace(f, value=value, flags=(*f.flags, "spelling_from_vocabulary"),
                                                    confidence=min(f.confidence, 0.8))


def extract(lines, qr):
    fields = read_fields(lines, SPECS, STOPS)
    fix_request_opening(fields)
    fix_procedure_word(fields)
    if "dossier_code" in fields:
        fields["dossier_code"] = normalise_code(fields["dossier_code"])
        if not any(c.isdigit() for c in fields["dossier_code"].value):  # the code lost, the line under it taken
            del fields["dossier_code"]
    normalise_phone(fields)
    fix_authority(fields)
    if title := title_line(lines, TITLES):
        fields["title"] = title
    if any("nguoi lam don" in ln.folded for ln in lines) and (signed := place_date(lines, last=True)):
        fields["date_of_issue"] = signed
    code_year(fields)
    return fields, []
