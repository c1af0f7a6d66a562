"""Xác nhận thông tin về cư trú (Mẫu CT07): numbered items "N. Label: value", typed by the police."""

from __future__ import annotations

import re

from classifiers.documents import ExtractedField
from classifiers.extract.common import above, document_number, fix_ethnicity, fix_relationship, place_date
from classifiers.fields import Spec, normalise, read_fields
from classifiers.text import Line, find_label, make_line, union

SPECS = [
    Spec("full_name", ("ho, chu dem va ten:", "ho, chu dem va ten"), "name"),
    Spec("date_of_birth", ("ngay, thang, nam sinh",), "date"),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("id_number", ("so dinh danh ca nhan:", "so dinh danh ca nhan"), "id"),
    Spec("ethnicity", ("dan toc:", "dan toc")),
    Spec("religion", ("ton giao:", "ton giao")),  # with its colon: one letter misread ("Tôn ởiáo:") still matches
    Spec("nationality", ("quoc tich",), "nationality"),
    Spec("place_of_origin", ("que quan",), "address"),
    Spec("place_of_residence", ("noi thuong tru",), "address"),
    Spec("current_residence", ("noi o hien tai",), "address"),
    # its head may go with the item number before it on a photocopy ("12, / đệm và tên chủ hộ: …")
    Spec("household_head_full_name", ("ho, chu dem va ten chu ho", "dem va ten chu ho"), "name",
         after="current_residence"),
    Spec("relationship_to_household_head", ("quan he voi chu ho",), after="current_residence"),
    Spec("household_head_id_number", ("so dinh danh ca nhan cua chu ho",), "id", after="current_residence"),
]
MEMBERS = "thong tin ve cac thanh vien khac trong ho"  # item 15, a table
STOPS = ("noi tam tru", "thong tin ve cac thanh vien", "giay xac nhan co gia tri", "quan he voi")


# a row of the members table: number, name, date of birth, sex, ID number, kinship to the head
_MEMBER = re.compile(r"^\W*(?:\d{1,2}|[IlL|]{1,2}(?!\w))?\W*(?P<name>[^\d/]+?)\s*"
                     r"(?P<dob>\d{1,2}/\d{1,2}/\d{4})\W*\s(?:(?P<sex>[^\d\s]+)\s+)?(?P<id>\d{12})\s*(?P<rel>[^\d]*)$")
MEMBERS_END = "giay xac nhan co gia tri"
_HEADER = re.compile(r"ho, chu dem|ngay ?sinh|dinh danh|quan ?he")  # the table's column headers


def members(lines: list[Line]) -> dict[str, ExtractedField]:
    """Item 15, the other members of the household, one typed row each: `member_N_full_name`, `…_date_of_birth`,
    `…_sex`, `…_id_number`, `…_relationship_to_household_head` (N from 1). The police print them from the
    population register, so they name the household's people and numbers as surely as item 1 does."""
    out: dict[str, ExtractedField] = {}
    start = next((i for i, ln in enumerate(lines) if find_label(ln.folded[:60], MEMBERS, 88.0)), None)
    if start is None:
        return out
    n, pending = 0, None
    for line in lines[start + 1:]:
        if MEMBERS_END in line.folded:
            break
        if _HEADER.search(line.folded):
            pending = None
            continue
        m = _MEMBER.match(line.text)
        if m is None and pending is not None and pending.page == line.page:  # the name cell read as its own line
            merged = make_line(pending.words + line.words, line.page)
            if m := _MEMBER.match(merged.text):
                line = merged
        if m is None:
            pending = line if re.fullmatch(r"[^\d/]*", line.text) else None
            continue
        pending = None
        name = normalise("name", m.group("name"))
        if name is None or len(name[0].split()) < 2:
            continue
        n += 1
        for item, kind in (("name", "name"), ("dob", "date"), ("sex", "sex"), ("id", "id"), ("rel", "text")):
            if not m.group(item):
                continue
            norm = normalise(kind, m.group(item))
            if norm is None:
                continue
            words = line.span_words(m.start(item), m.end(item))
            conf = round(min(0.97, 0.15 + 0.85 * sum(w.confidence for w in words) / max(1, len(words))), 4)
            field = {"name": "full_name", "dob": "date_of_birth", "sex": "sex", "id": "id_number",
                     "rel": "relationship_to_household_head"}[item]
            out[f"member_{n}_{field}"] = ExtractedField(norm[0], conf if not norm[1] else min(conf, 0.3), "ocr",
                                                        line.page, union([w.bbox for w in words]), norm[1])
        fix_relationship(out, f"member_{n}_relationship_to_household_head")
    return out


def extract(lines: list[Line], qr: list[str]):
    fields = read_fields(above(lines, MEMBERS), SPECS, STOPS)
    fix_ethnicity(fields)
    fix_relationship(fields, "relationship_to_household_head")
    issued = place_date(lines)
    if issued:
        fields["date_of_issue"] = issued
    if number := document_number(lines):
        fields["document_number"] = number
    fields.update(members(lines))
    return fields, []
