from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from storage import dossiers
from storage.corrections import correct_field, field_history
from storage.models import Document, Field, FieldHistory, SourceFile
from storage.objects import StoredObject


def test_same_file_twice_is_one_row(sessions):
    stored = StoredObject("dossiers/HS-1/originals/aa.pdf", "aa" * 32, 10, "application/pdf")
    for _ in range(2):
        with sessions.begin() as session:
            dossier = dossiers.get_or_create_dossier(session, "HS-1", "birth_group")
            dossiers.add_source_file(session, dossier, "ho_so.pdf", stored)
    with sessions() as session:
        assert session.query(SourceFile).count() == 1
        assert dossiers.find_dossier(session, "HS-1").procedure == "birth_group"


def test_documents_are_replaced_and_json_has_the_contract_shape(sessions):
    stored = StoredObject("k", "bb" * 32, 10, "application/pdf")
    with sessions.begin() as session:
        dossier = dossiers.get_or_create_dossier(session, "HS-2", "generic")
        row = dossiers.add_source_file(session, dossier, "a.pdf", stored)
        dossiers.upsert_page(session, row, 0, text="CĂN CƯỚC", confidence=0.9, rotation=180, skew_deg=1.234)
        dossiers.upsert_page(session, row, 1, error="page is blank")
        dossiers.upsert_page(session, row, 2, text="C?N C?", confidence=0.62)
    field = ExtractedField("001203012345", 0.97, "ocr", PageRef("a.pdf", 0), (1, 2, 3, 4),
                           flags=("id_century_disagrees_with_birth_date",))
    conflict = {"field": "full_name", "values": {"ocr": "NGUYEN VAN AN", "qr": "Nguyễn Văn An"}}
    span = DocumentSpan("cccd", 0.9, [PageRef("a.pdf", 0)], {"id_number": field}, review=True,
                        boundary_confidence=0.75, conflicts=(conflict,))
    for spans in ([span, span], [span]):
        with sessions.begin() as session:
            dossier = dossiers.find_dossier(session, "HS-2")
            dossiers.replace_documents(session, dossier, spans)
    with sessions() as session:
        assert session.query(Document).count() == 1
        assert session.query(Field).count() == 1
        data = dossiers.dossier_json(dossiers.find_dossier(session, "HS-2"))["dossier"]
    assert data["pages"] == [{"file": "a.pdf", "page": 0, "rotation": 180, "skew_deg": 1.23,
                              "text": "CĂN CƯỚC", "confidence": 0.9, "review": False},
                             {"file": "a.pdf", "page": 2, "rotation": 0, "skew_deg": 0.0,
                              "text": "C?N C?", "confidence": 0.62, "review": True}]  # read badly: look at it
    assert data["errors"] == [{"file": "a.pdf", "page": 1, "error": "page is blank"}]
    assert data["documents"] == [{
        "type": "cccd", "confidence": 0.9, "pages": [{"file": "a.pdf", "page": 0}],
        "fields": {"id_number": {"value": "001203012345", "confidence": 0.97, "source": "ocr",
                                 "page": {"file": "a.pdf", "page": 0}, "bbox": [1, 2, 3, 4],
                                 "flags": ["id_century_disagrees_with_birth_date"]}},
        "review": True, "boundary_confidence": 0.75, "conflicts": [conflict],
    }]
    assert data["conflicts"] == []


def test_different_files_with_the_same_name_get_distinct_names(sessions):
    with sessions.begin() as session:
        dossier = dossiers.get_or_create_dossier(session, "HS-3", "generic")
        first = dossiers.add_source_file(session, dossier, "scan.pdf", StoredObject("k1", "1" * 64, 1, "x"))
        second = dossiers.add_source_file(session, dossier, "scan.pdf", StoredObject("k2", "2" * 64, 1, "x"))
        assert (first.name, second.name) == ("scan.pdf", "scan (2).pdf")


def test_rebuilding_documents_keeps_officer_corrections_and_their_history(sessions):
    """Re-ingesting a dossier recomputes its documents; what an officer verified must survive it."""
    stored = StoredObject("k", "cc" * 32, 10, "application/pdf")
    page = PageRef("a.pdf", 0)
    extracted = {"id_number": ExtractedField("001203012345", 0.95, "ocr", page),
                 "full_name": ExtractedField("NGUYEN VAN AN", 0.6, "ocr", page, (5, 6, 7, 8))}
    spans = [DocumentSpan("cccd", 0.9, [page], extracted)]
    with sessions.begin() as session:
        dossier = dossiers.get_or_create_dossier(session, "HS-4", "generic")
        row = dossiers.add_source_file(session, dossier, "a.pdf", stored)
        dossiers.upsert_page(session, row, 0, text="")
        dossiers.replace_documents(session, dossier, spans)
    with sessions.begin() as session:
        correct_field(session, id_number="001203012345", name="full_name", value="NGUYỄN VĂN AN", by="can_bo_1")
    with sessions.begin() as session:  # the re-run extracts the same wrong reading again
        dossiers.replace_documents(session, dossiers.find_dossier(session, "HS-4"), spans)
    with sessions() as session:
        fields = {f.name: f for f in session.query(Field)}
        assert fields["full_name"].value == "NGUYỄN VĂN AN" and fields["full_name"].verified
        assert fields["full_name"].source == "officer" and fields["full_name"].verified_by == "can_bo_1"
        assert fields["id_number"].value == "001203012345" and not fields["id_number"].verified
        (history,) = session.query(FieldHistory).all()
        assert history.field_id == fields["full_name"].id and history.old_value == "NGUYEN VAN AN"
        assert [h["new_value"] for h in field_history(session, "001203012345")] == ["NGUYỄN VĂN AN"]
        json_fields = dossiers.dossier_json(dossiers.find_dossier(session, "HS-4"))["dossier"]["documents"][0]
        assert json_fields["fields"]["full_name"]["value"] == "NGUYỄN VĂN AN"
        assert json_fields["fields"]["full_name"]["page"] == {"file": "a.pdf", "page": 0}
