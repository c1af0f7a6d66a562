"""The metadata record of an archived dossier, with the field names of the Vietnamese electronic-archive
metadata (hồ sơ: FileCode, Title, Maintenance…; văn bản: DocOrdinal, TypeName, CodeNumber…), as JSON and
XML. Values come from stored rows only, so the same dossier version always yields the same bytes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

from storage.models import Document, Dossier

TYPE_NAMES = {
    "cccd": "Căn cước công dân",
    "cmnd": "Chứng minh nhân dân",
    "residence_confirmation": "Xác nhận thông tin về cư trú (CT07)",
    "residence_declaration_form": "Tờ khai thay đổi thông tin cư trú (CT01)",
    "birth_certificate": "Giấy khai sinh",
    "birth_registration_form": "Tờ khai đăng ký khai sinh",
    "death_notice": "Giấy báo tử",
    "health_insurance_card": "Thẻ bảo hiểm y tế",
    "other": "Tài liệu khác",
}
PROCEDURE_TITLES = {
    "birth_group": "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ em dưới 6 tuổi",
    "death_group": "Liên thông đăng ký khai tử, xóa đăng ký thường trú, trợ cấp mai táng phí",
    "residence_change": "Thay đổi thông tin cư trú",
    "generic": "Hồ sơ thủ tục hành chính",
}
# Fields that carry a document's own number, date and issuer, in order of preference.
NUMBER_FIELDS = ("document_number", "registration_number", "id_number", "insurance_number")
DATE_FIELDS = ("date_of_issue", "registration_date", "date_of_death", "date_of_birth")
ORGAN_FIELDS = ("registration_authority", "issuing_authority", "place_of_issue", "recipient_authority")


def _first(values: dict[str, str], names: tuple[str, ...]) -> str:
    return next((values[n] for n in names if values.get(n)), "")


def _iso(value: str) -> str | None:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def document_record(document: Document, ordinal: int, pdf_format: str = "PDF") -> dict:
    values = {f.name: f.value for f in document.fields}
    type_name = TYPE_NAMES.get(document.type, document.type)
    subject = f"{type_name} — {values['full_name']}" if values.get("full_name") else type_name
    return {
        "DocOrdinal": ordinal,
        "TypeName": type_name,
        "CodeNumber": _first(values, NUMBER_FIELDS),
        "IssuedDate": _iso(_first(values, ("date_of_issue", "registration_date"))) or "",
        "OrganName": _first(values, ORGAN_FIELDS),
        "Subject": subject,
        "PageAmount": len(document.pages),
        "Language": "Tiếng Việt",
        "Format": pdf_format,
        "TypeCode": document.type,
    }


def dossier_record(dossier: Dossier, *, maintenance: str, version: int, fingerprint: str,
                   pdf_format: str = "PDF") -> dict:
    documents = [document_record(d, n, pdf_format) for n, d in enumerate(dossier.documents, start=1)]
    dates = sorted(filter(None, (_iso(f.value) for d in dossier.documents for f in d.fields
                                 if f.name in DATE_FIELDS[:2])))
    received = dossier.created_at.date().isoformat()
    return {
        "FileCode": dossier.code,
        "Title": f"{PROCEDURE_TITLES.get(dossier.procedure, dossier.procedure)} — {dossier.code}",
        "Maintenance": maintenance,
        "StartDate": dates[0] if dates else received,
        "EndDate": dates[-1] if dates else received,
        "DocTotal": len(documents),
        "PageTotal": sum(d["PageAmount"] for d in documents),
        "Language": "Tiếng Việt",
        "Description": "; ".join(f"{d['DocOrdinal']}. {d['TypeName']}" for d in documents),
        "Procedure": dossier.procedure,
        "Version": version,
        "Fingerprint": fingerprint,
        "Documents": documents,
    }


def to_json(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()


def to_xml(record: dict) -> bytes:
    root = ET.Element("File")
    for name, value in record.items():
        if name == "Documents":
            docs = ET.SubElement(root, "Documents")
            for doc in value:
                element = ET.SubElement(docs, "Document")
                for doc_name, doc_value in doc.items():
                    ET.SubElement(element, doc_name).text = str(doc_value)
        else:
            ET.SubElement(root, name).text = str(value)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
