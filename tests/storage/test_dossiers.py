from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from storage import dossiers
from storage.db import make_engine, session_factory
from storage.models import Document, Field, SourceFile
from storage.objects import StoredObject


def _sessions(tmp_path):
    return session_factory(make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}"))


def test_same_file_twice_is_one_row(tmp_path):
    sessions = _sessions(tmp_path)
    stored = StoredObject("dossiers/HS-1/originals/aa.pdf", "aa" * 32, 10, "application/pdf")
    for _ in range(2):
        with sessions.begin() as session:
            dossier = dossiers.get_or_create_dossier(session, "HS-1", "birth_group")
            dossiers.add_source_file(session, dossier, "ho_so.pdf", stored)
    with sessions() as session:
        assert session.query(SourceFile).count() == 1
        assert dossiers.find_dossier(session, "HS-1").procedure == "birth_group"


def test_documents_are_replaced_and_json_has_the_contract_shape(tmp_path):
    sessions = _sessions(tmp_path)
    stored = StoredObject("k", "bb" * 32, 10, "application/pdf")
    with sessions.begin() as session:
        dossier = dossiers.get_or_create_dossier(session, "HS-2", "generic")
        row = dossiers.add_source_file(session, dossier, "a.pdf", stored)
        dossiers.upsert_page(session, row, 0, text="CĂN CƯỚC", confidence=0.9, rotation=180, skew_deg=1.234)
        dossiers.upsert_page(session, row, 1, error="page is blank")
    field = ExtractedField("001203012345", 0.97, "ocr", PageRef("a.pdf", 0), (1, 2, 3, 4))
    span = DocumentSpan("cccd", 0.9, [PageRef("a.pdf", 0)], {"id_number": field})
    for spans in ([span, span], [span]):
        with sessions.begin() as session:
            dossier = dossiers.find_dossier(session, "HS-2")
            dossiers.replace_documents(session, dossier, spans)
    with sessions() as session:
        assert session.query(Document).count() == 1
        assert session.query(Field).count() == 1
        data = dossiers.dossier_json(dossiers.find_dossier(session, "HS-2"))["dossier"]
    assert data["pages"] == [{"file": "a.pdf", "page": 0, "rotation": 180, "skew_deg": 1.23,
                              "text": "CĂN CƯỚC", "confidence": 0.9}]
    assert data["errors"] == [{"file": "a.pdf", "page": 1, "error": "page is blank"}]
    assert data["documents"] == [{
        "type": "cccd", "confidence": 0.9, "pages": [{"file": "a.pdf", "page": 0}],
        "fields": {"id_number": {"value": "001203012345", "confidence": 0.97, "source": "ocr",
                                 "page": {"file": "a.pdf", "page": 0}, "bbox": [1, 2, 3, 4]}},
    }]


def test_different_files_with_the_same_name_get_distinct_names(tmp_path):
    sessions = _sessions(tmp_path)
    with sessions.begin() as session:
        dossier = dossiers.get_or_create_dossier(session, "HS-3", "generic")
        first = dossiers.add_source_file(session, dossier, "scan.pdf", StoredObject("k1", "1" * 64, 1, "x"))
        second = dossiers.add_source_file(session, dossier, "scan.pdf", StoredObject("k2", "2" * 64, 1, "x"))
        assert (first.name, second.name) == ("scan.pdf", "scan (2).pdf")
