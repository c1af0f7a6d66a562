"""Search, the citizen profile and officer corrections, on both databases, on rows that would expose
a wrong answer: near-miss names, the same person across dossiers, conflicting readings."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from storage import search
from storage.corrections import CorrectionError, correct_field, field_history
from storage.folding import fold, fold_identifier, fold_value
from storage.models import Field
from storage.profile import citizen_profile
from tests.storage.factory import add_dossier

AN = "001203012345"
OLD, NEW = datetime(2023, 3, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC)


@pytest.fixture
def people(sessions):
    with sessions.begin() as s:
        add_dossier(s, "HS-OLD", [
            ("cccd", {"id_number": AN, "full_name": "NGUYỄN VĂN AN", "date_of_birth": "1990-05-01",
                      "place_of_residence": "Phường Cửa Nam, Hà Nội"}),
            ("residence_confirmation", {"id_number": AN, "full_name": "Nguyễn Văn An",
                                        "place_of_residence": "Phường Cửa Nam, Hà Nội"}),
        ], created_at=OLD)
        add_dossier(s, "HS-NEW", [
            ("cccd", {"id_number": "001 203 012 345", "full_name": "NGUYỄN VĂN AN",
                      "place_of_residence": "Phường Đống Đa, Hà Nội"}),
            ("birth_certificate", {"id_number": "001225000111", "full_name": "NGUYỄN VĂN BÌNH",
                                   "father_full_name": "NGUYỄN VĂN AN", "mother_full_name": "TRẦN THỊ ĐÀO"}),
        ], created_at=NEW)
        add_dossier(s, "HS-ANH", [("cccd", {"id_number": "079090001111", "full_name": "NGUYỄN VĂN ANH"})])
        add_dossier(s, "HS-KHANG", [("cccd", {"id_number": "079090002222", "full_name": "Nguyễn Văn An Khang"})])
        add_dossier(s, "HS-DAO", [("cccd", {"id_number": "038085003333", "full_name": "ĐỖ THỊ ĐÀO"})])
    return sessions


def _found(results) -> list[tuple[str, int, str | None]]:
    return [(r["dossier"]["code"], d["ordinal"], d.get("matched", {}).get("field"))
            for r in results for d in r["documents"]]


def test_folding():
    assert fold("  NGUYỄN   Văn\tĐức ") == "nguyen van duc"
    assert fold("Trương Thị Ước") == "truong thi uoc"
    assert fold("Đ") == fold("đ") == "d"
    assert fold("Nguye\u0302\u0303n") == "nguyen"  # decomposed input folds like composed input
    assert fold_identifier("001-203 012.345") == AN
    assert fold_value("id_number", "001 203 012 345") == AN
    assert fold_value("full_name", "x" * 1000) == "x" * 256


def test_search_by_id_number_ignores_separators_and_lists_newest_first(people):
    with people() as s:
        found = _found(search.by_id_number(s, "001-203-012-345"))
        assert found == [("HS-NEW", 0, "id_number"), ("HS-OLD", 0, "id_number"), ("HS-OLD", 1, "id_number")]
        assert search.by_id_number(s, "00120301234") == []  # a digit short is another number
        first = search.by_id_number(s, AN)[0]
    assert first["dossier"]["code"] == "HS-NEW" and first["dossier"]["status"] == "processed"
    assert first["documents"][0] | {"matched": None} == {
        "ordinal": 0, "type": "cccd", "id_number": "001 203 012 345", "full_name": "NGUYỄN VĂN AN",
        "date_of_birth": None, "matched": None}


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN VĂN AN", "  Nguyen  VAN an ", "nguyễn văn an"])
def test_search_by_name_is_accent_and_case_insensitive_and_matches_whole_words(people, query):
    with people() as s:
        found = set(_found(search.by_name(s, query)))
    assert found == {("HS-OLD", 0, "full_name"), ("HS-OLD", 1, "full_name"), ("HS-NEW", 0, "full_name"),
                     ("HS-NEW", 1, "father_full_name"), ("HS-KHANG", 0, "full_name")}  # not "NGUYỄN VĂN ANH"


def test_search_by_name_maps_d_stroke_to_d(people):
    with people() as s:
        assert set(_found(search.by_name(s, "do thi dao"))) == {("HS-DAO", 0, "full_name")}
        assert set(_found(search.by_name(s, "Đỗ Thị Đào"))) == {("HS-DAO", 0, "full_name")}
        assert set(_found(search.by_name(s, "tran thi dao"))) == {("HS-NEW", 1, "mother_full_name")}
        assert set(_found(search.by_name(s, "nguyen van anh"))) == {("HS-ANH", 0, "full_name")}
        assert search.by_name(s, "van an") == [] and search.by_name(s, "   ") == []


def test_search_by_dossier_code(people):
    with people() as s:
        (entry,) = search.by_dossier_code(s, "HS-NEW")
        assert search.by_dossier_code(s, "HS-NE") == []
    assert [(d["ordinal"], d["type"], d["full_name"]) for d in entry["documents"]] == [
        (0, "cccd", "NGUYỄN VĂN AN"), (1, "birth_certificate", "NGUYỄN VĂN BÌNH")]


def test_searches_use_the_btree_index(people, engine):
    """The name range and the ID equality must be index scans on both databases (a collation
    mismatch on PostgreSQL would silently turn them into full scans)."""
    key = "nguyen van an"
    sql = ("SELECT document_id FROM field WHERE name IN ('full_name', 'father_full_name') "
           f"AND value_folded >= '{key}' AND value_folded < '{key} \U0010ffff'")
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            plan = " ".join(str(r) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
        else:
            conn.execute(text("SET enable_seqscan = off"))
            plan = " ".join(r[0] for r in conn.execute(text("EXPLAIN " + sql)))
            assert "Index Cond" in plan and "value_folded >=" in plan.split("Index Cond")[1]
    assert "ix_field_name_value_folded" in plan


def test_profile_gives_current_value_provenance_and_conflicts(people):
    with people() as s:
        profile = citizen_profile(s, "001 203 012 345")
        assert citizen_profile(s, "999") is None
    assert profile["id_number"] == AN
    assert profile["documents"] == [
        {"dossier": "HS-NEW", "ordinal": 0, "type": "cccd"},
        {"dossier": "HS-OLD", "ordinal": 0, "type": "cccd"},
        {"dossier": "HS-OLD", "ordinal": 1, "type": "residence_confirmation"}]
    fields = profile["fields"]
    assert set(fields) == {"id_number", "full_name", "date_of_birth", "place_of_residence"}
    residence = fields["place_of_residence"]
    assert residence["value"] == "Phường Đống Đa, Hà Nội"  # the newest dossier wins
    assert residence["document"] == {"dossier": "HS-NEW", "type": "cccd", "ordinal": 0}
    assert residence["page"] == {"file": "HS-NEW.pdf", "page": 0} and residence["bbox"] == [1, 2, 3, 4]
    assert sorted((c["value"], c["document"]["type"]) for c in residence["conflicts"]) == [
        ("Phường Cửa Nam, Hà Nội", "cccd"), ("Phường Cửa Nam, Hà Nội", "residence_confirmation")]
    # "Nguyễn Văn An" on the residence confirmation is the same name, not a conflict
    assert fields["full_name"]["conflicts"] == [] and len(fields["full_name"]["also_in"]) == 2
    assert fields["date_of_birth"]["value"] == "1990-05-01"
    assert fields["date_of_birth"]["page"] == {"file": "HS-OLD.pdf", "page": 0}
    assert fields["id_number"]["conflicts"] == []  # "001 203 012 345" and AN are one number
    assert fields["full_name"]["verified"] is False and fields["full_name"]["source"] == "ocr"


def test_officer_correction_becomes_current_and_keeps_history(people):
    with people.begin() as s:
        c = correct_field(s, id_number=AN, name="place_of_residence", value="Phường Cửa Nam, Hà Nội",
                          by="can_bo_2", dossier_code="HS-OLD", document_type="residence_confirmation",
                          reason="hộ khẩu chưa chuyển")
    assert (c.dossier, c.document_type, c.old_value) == ("HS-OLD", "residence_confirmation", "Phường Cửa Nam, Hà Nội")
    with people.begin() as s:  # without filters: the current source (now the verified field) is corrected
        c2 = correct_field(s, id_number=AN, name="place_of_residence", value="Số 5 Phường Cửa Nam, Hà Nội",
                           by="can_bo_3")
    assert (c2.dossier, c2.document_type, c2.old_value) == ("HS-OLD", "residence_confirmation",
                                                            "Phường Cửa Nam, Hà Nội")
    with people() as s:
        residence = citizen_profile(s, AN)["fields"]["place_of_residence"]
        history = field_history(s, AN)
    assert residence["value"] == "Số 5 Phường Cửa Nam, Hà Nội" and residence["verified"]
    assert residence["source"] == "officer" and residence["verified_by"] == "can_bo_3"
    assert residence["document"] == {"dossier": "HS-OLD", "type": "residence_confirmation", "ordinal": 1}
    assert {c["value"] for c in residence["conflicts"]} == {"Phường Đống Đa, Hà Nội", "Phường Cửa Nam, Hà Nội"}
    assert [(h["old_value"], h["new_value"], h["changed_by"], h["old_source"]) for h in history] == [
        ("Phường Cửa Nam, Hà Nội", "Phường Cửa Nam, Hà Nội", "can_bo_2", "ocr"),
        ("Phường Cửa Nam, Hà Nội", "Số 5 Phường Cửa Nam, Hà Nội", "can_bo_3", "officer")]
    assert history[0]["reason"] == "hộ khẩu chưa chuyển" and history[0]["changed_at"]


def test_correcting_a_name_updates_its_search_key_and_missing_fields_are_added(people):
    with people.begin() as s:
        correct_field(s, id_number=AN, name="full_name", value="Nguyễn Văn Ân", by="can_bo_1")
        added = correct_field(s, id_number=AN, name="sex", value="Nam", by="can_bo_1")
    assert (added.dossier, added.document_type, added.old_value) == ("HS-NEW", "cccd", None)
    with people() as s:
        assert s.scalar(select(Field.value_folded).where(Field.value == "Nguyễn Văn Ân")) == "nguyen van an"
        assert citizen_profile(s, AN)["fields"]["sex"]["value"] == "Nam"
        assert citizen_profile(s, AN)["fields"]["full_name"]["value"] == "Nguyễn Văn Ân"


def test_corrections_that_cannot_apply_are_refused(people):
    with people.begin() as s, pytest.raises(CorrectionError, match="999"):
        correct_field(s, id_number="999", name="full_name", value="X", by="a")
    with people.begin() as s, pytest.raises(CorrectionError, match="HS-ANH"):
        correct_field(s, id_number=AN, name="full_name", value="X", by="a", dossier_code="HS-ANH")
    with people.begin() as s, pytest.raises(ValueError, match="officer"):
        correct_field(s, id_number=AN, name="full_name", value="X", by=" ")
