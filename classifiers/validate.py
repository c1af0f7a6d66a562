"""Checks a value must pass to be trusted. A value that fails is kept (an officer may know better),
flagged with the reason and given a low confidence, never dropped.

- 12-digit personal ID: 3-digit province code of a real province, then the century/sex digit
  (0/1 male/female born 1900–1999, 2/3 born 2000–2099, …) that must agree with the date of birth and
  the sex, then the last two digits of the birth year.
- Dates are real calendar dates in a plausible range.
- Health insurance number: 15 characters, 2-letter group, 1-digit benefit level 1–5, a real 2-digit
  province code, 10 digits.
- Across a dossier, the same person (same ID number) must have the same name, date of birth and sex.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from classifiers.documents import DocumentSpan, ExtractedField
from classifiers.provinces import ID_CODES, INSURANCE_CODES
from classifiers.text import fold

FLAGGED_CONFIDENCE = 0.3
DATE_FIELDS = ("date_of_birth", "date_of_expiry", "date_of_issue", "date_of_death", "date_of_registration",
               "valid_from")
ID_FIELDS = ("id_number", "household_head_id_number", "declarant_id_number", "mother_id_number",
             "father_id_number")


def id_number_problems(value: str, date_of_birth: str | None = None, sex: str | None = None) -> list[str]:
    """Reasons a personal ID number cannot be right ([] when it may be)."""
    if re.fullmatch(r"\d{9}", value):
        return []  # old CMND: no structure to check
    if not re.fullmatch(r"\d{12}", value):
        return ["id_not_12_digits"]
    problems = []
    if value[:3] not in ID_CODES:
        problems.append("id_unknown_province_code")
    digit = int(value[3])
    if dt_ok(date_of_birth):
        year = int(date_of_birth[:4])
        century = (year // 100 - 19) * 2
        if not (0 <= century <= 8) or digit // 2 != century // 2:
            problems.append("id_century_disagrees_with_birth_date")
        if value[4:6] != f"{year % 100:02d}":
            problems.append("id_year_disagrees_with_birth_date")
    if sex in ("Nam", "Nữ") and digit % 2 != (0 if sex == "Nam" else 1):
        problems.append("id_sex_digit_disagrees")
    return problems


def dt_ok(value: str | None) -> bool:
    if not value:
        return False
    try:
        d = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return 1880 <= d.year <= 2100


def insurance_problems(value: str) -> list[str]:
    m = re.fullmatch(r"([A-Z]{2})([1-5])(\d{2})(\d{10})", value)
    if not m:
        return ["insurance_number_shape"]
    if m.group(3) not in INSURANCE_CODES:
        return ["insurance_unknown_province_code"]
    return []


def _flag(f: ExtractedField, problems: list[str]) -> ExtractedField:
    if not problems:
        return f
    flags = tuple(dict.fromkeys([*f.flags, *problems]))
    return dataclasses.replace(f, confidence=min(f.confidence, FLAGGED_CONFIDENCE), flags=flags)


def validate_fields(fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """The same fields, with failed values flagged and their confidence lowered."""
    out = dict(fields)
    dob = fields.get("date_of_birth")
    sex = fields.get("sex")
    for name in DATE_FIELDS:
        if name in out and not dt_ok(out[name].value):
            out[name] = _flag(out[name], ["not_a_date"])
    if "id_number" in out:
        out["id_number"] = _flag(out["id_number"], id_number_problems(
            out["id_number"].value, dob.value if dob and dt_ok(dob.value) else None, sex.value if sex else None))
    for name in ID_FIELDS[1:]:
        if name in out:
            out[name] = _flag(out[name], id_number_problems(out[name].value))
    if "insurance_number" in out:
        out["insurance_number"] = _flag(out["insurance_number"], insurance_problems(out["insurance_number"].value))
    return out


PERSON_FIELDS = ("full_name", "date_of_birth", "sex")


def cross_document(documents: list[DocumentSpan]) -> list[dict]:
    """Disagreements between documents about the same person, who is recognised by ID number:
    {"id_number", "field", "values": [{"document": i, "value"}, …]}."""
    people: dict[str, list[tuple[int, DocumentSpan]]] = {}
    for i, d in enumerate(documents):
        if "id_number" in d.fields and not d.fields["id_number"].flags:
            people.setdefault(d.fields["id_number"].value, []).append((i, d))
    out = []
    for id_number, docs in people.items():
        for name in PERSON_FIELDS:
            seen = [(i, d.fields[name].value) for i, d in docs if name in d.fields]
            keys = {fold(v).upper() if name == "full_name" else v for _, v in seen}
            if len(keys) > 1:
                out.append({"id_number": id_number, "field": name,
                            "values": [{"document": i, "value": v} for i, v in seen]})
    return out
