"""Validation of ID numbers, dates and insurance numbers; disagreements across documents."""

from __future__ import annotations

import datetime as dt

from classifiers.documents import DocumentSpan, ExtractedField, PageRef
from classifiers.fields import normalise
from classifiers.validate import (
    FLAGGED_CONFIDENCE,
    cross_document,
    id_number_problems,
    insurance_problems,
    validate_fields,
)


def test_a_consistent_id_number_passes():
    assert id_number_problems("001090123456", "1990-05-01", "Nam") == []
    assert id_number_problems("079305123456", "2005-01-31", "Nữ") == []


def test_id_number_problems_are_named():
    assert "id_unknown_province_code" in id_number_problems("003090123456")  # 003 is no province
    assert "id_century_disagrees_with_birth_date" in id_number_problems("001290123456", "1990-05-01", "Nam")
    assert "id_sex_digit_disagrees" in id_number_problems("001190123456", "1990-05-01", "Nam")
    assert "id_year_disagrees_with_birth_date" in id_number_problems("001091123456", "1990-05-01", "Nam")
    assert id_number_problems("00109012345") == ["id_not_12_digits"]


def test_insurance_numbers():
    assert insurance_problems("TE1929204551015") == []
    assert insurance_problems("TE19292045510") == ["insurance_number_shape"]
    assert insurance_problems("TE1039204551015") == ["insurance_unknown_province_code"]


def _card(number: str, **dates: tuple[str, float]) -> dict[str, ExtractedField]:
    fields = {"insurance_number": ExtractedField(number, 0.95, "ocr")}
    fields.update({k: ExtractedField(v, c, "ocr") for k, (v, c) in dates.items()})
    return validate_fields(fields, today=dt.date(2026, 11, 1))


def test_a_childs_card_number_carries_the_province_of_its_holders_address_twice():
    home = ("Xóm 3, xã Hoằng Đạo, huyện Hoằng Hóa, tỉnh Thanh Hóa", 0.95)
    got = _card("TE1283803392625", place_of_residence=home)  # the card's code misread
    assert got["insurance_number"].value == "TE1383803392625" and "digits_repaired" in got["insurance_number"].flags
    got = _card("TE1382803392625", place_of_residence=home)  # the number's first digits misread
    assert got["insurance_number"].value == "TE1383803392625"
    for number, place in (("TE1283803392625", ("Số 5 Lê Lợi, phường Điện Biên, quận Ba Đình, thành phố Hà Nội", 0.95)),
                          ("GD4283803392625", home)):  # another province: no telling; an adult's card may differ
        assert _card(number, place_of_residence=place)["insurance_number"].value == number


def test_a_childs_card_runs_to_the_day_before_the_sixth_birthday():
    """A sure birth date repairs the expiry and the validity start one digit off; the expiry repairs a birth
    date read with doubt that no child's card could carry."""
    got = _card("TE1313191087523", date_of_birth=("2026-09-30", 0.95), date_of_expiry=("2032-08-29", 0.9),
                valid_from=("2046-09-30", 0.9))
    assert got["date_of_expiry"].value == "2032-09-29" and "derived_from_birth_date" in got["date_of_expiry"].flags
    assert got["valid_from"].value == "2026-09-30" and got["valid_from"].confidence <= 0.6
    got = _card("TE1480123456789", date_of_birth=("2006-01-01", 0.5), date_of_expiry=("2032-01-09", 0.95),
                valid_from=("2016-01-10", 0.9))
    assert got["date_of_birth"].value == "2026-01-10" and "derived_from_expiry" in got["date_of_birth"].flags
    assert got["valid_from"].value == "2026-01-10"
    got = _card("TE1480123456789", date_of_birth=("2026-01-11", 0.95), valid_from=("2826-00-11", 0.9))
    assert got["valid_from"].value == "2026-01-11"  # no date at all, two digits off
    got = _card("TE1484826331181", date_of_birth=("2026-05-23", 0.96), valid_from=("2028-08-23", 0.9))
    assert got["valid_from"].value == "2026-05-23"  # in the future, two digits off
    got = _card("TE1363623546371", date_of_birth=("2026-07-30", 0.9), valid_from=("2026-07-03", 0.9))
    assert got["valid_from"].value == "2026-07-30"  # before the birth ("3/07/2026": a digit lost), two digits off
    got = _card("TE1484871862514", date_of_birth=("2026-04-01", 0.97), date_of_expiry=("2032-03-03", 0.83))
    assert got["date_of_expiry"].value == "2032-03-31"  # "3/03/2032": a digit of the day lost
    got = _card("TE1484871862514", date_of_birth=("2026-04-01", 0.97), date_of_expiry=("2032-03-04", 0.83))
    assert got["date_of_expiry"].value == "2032-03-04"  # a 4 is no digit of 31: as read
    got = _card("TE1484826331181", date_of_birth=("2026-05-23", 0.96), valid_from=("2026-08-23", 0.9))
    assert got["valid_from"].value == "2026-05-23"  # a day that can be, one digit from a sure birth date
    got = _card("TE1484826331181", date_of_birth=("2026-05-23", 0.7), valid_from=("2026-08-23", 0.9))
    assert got["valid_from"].value == "2026-08-23"  # ... from a doubtful one: kept
    got = _card("TE1480123456789", date_of_birth=("2026-01-11", 0.95), valid_from=("2026-03-15", 0.9))
    assert got["valid_from"].value == "2026-03-15"  # a card valid from a later day: kept
    got = _card("TE1010148964132", date_of_birth=("2026-01-15", 0.97), valid_from=("2026-01-18", 0.94))
    assert got["valid_from"].value == "2026-01-15"  # 5 read as 8
    got = _card("TE1480123456789", date_of_expiry=("2032-01-09", 0.95))  # birth date unread
    assert got["date_of_birth"].value == "2026-01-10" and got["date_of_birth"].confidence <= 0.6
    # an expiry read with doubt and a validity start that agree with each other tell an unread birth date
    got = _card("TE1383852237463", date_of_expiry=("2032-03-18", 0.79), valid_from=("2026-03-19", 0.96))
    assert got["date_of_birth"].value == "2026-03-19" and "derived_from_expiry" in got["date_of_birth"].flags
    got = _card("TE1383852237463", date_of_expiry=("2032-03-18", 0.79), valid_from=("2026-04-19", 0.96))
    assert "date_of_birth" not in got
    # ... and outvote a birth date read surely but a digit off: the card's other two dates stay as read
    got = _card("TE1313145327475", date_of_birth=("2026-03-03", 0.95), date_of_expiry=("2032-03-08", 0.9),
                valid_from=("2026-03-09", 0.9))
    assert [got[k].value for k in ("date_of_birth", "date_of_expiry", "valid_from")] == \
        ["2026-03-09", "2032-03-08", "2026-03-09"] and "derived_from_expiry" in got["date_of_birth"].flags
    got = _card("TE1313145327475", date_of_birth=("2026-03-03", 0.95), date_of_expiry=("2032-03-08", 0.9),
                valid_from=("2026-03-10", 0.9))  # the two disagree: the sure birth date decides
    assert got["date_of_birth"].value == "2026-03-03" and got["date_of_expiry"].value == "2032-03-02"
    # an unread validity start is the birth date when the card's two dates read agree; not from a birth date alone
    got = _card("TE1010145036095", date_of_birth=("2026-03-01", 0.95), date_of_expiry=("2032-02-29", 0.9))
    assert got["valid_from"].value == "2026-03-01" and "derived_from_birth_date" in got["valid_from"].flags
    assert got["valid_from"].confidence <= 0.6
    assert "valid_from" not in _card("TE1010145036095", date_of_birth=("2026-03-01", 0.95))
    assert "valid_from" not in _card("TE1010145036095", date_of_birth=("2026-03-01", 0.95),
                                     date_of_expiry=("2032-03-29", 0.9))


def test_a_childs_validity_start_with_no_month_in_it_is_the_birth_date_two_digits_off():
    start = normalise("date", "22/86/2826")  # a phone photo's bold 0s read 8: no month 86, kept in ISO order
    assert start == ("2826-86-22", ("not_a_date",))
    got = _card("TE1363613608784", date_of_birth=("2026-06-22", 0.95), valid_from=(start[0], 0.79))
    assert got["valid_from"].value == "2026-06-22" and "digits_repaired" in got["valid_from"].flags
    got = _card("TE1363613608784", date_of_birth=("2026-06-22", 0.95), valid_from=("2826-86-27", 0.79))
    assert got["valid_from"].value == "2826-86-27"  # three digits off: not the birth date


def test_a_childs_card_dates_that_agree_or_differ_by_more_than_a_digit_are_left_alone():
    got = _card("TE1313191087523", date_of_birth=("2026-09-30", 0.95), date_of_expiry=("2032-09-29", 0.9),
                valid_from=("2026-10-02", 0.9))
    assert [got[k].value for k in ("date_of_birth", "date_of_expiry", "valid_from")] == \
        ["2026-09-30", "2032-09-29", "2026-10-02"] and not got["date_of_expiry"].flags
    got = _card("TE1313191087523", date_of_birth=("2026-09-30", 0.95), date_of_expiry=("2031-08-29", 0.9))
    assert got["date_of_expiry"].value == "2031-08-29"
    got = _card("GD4313191087523", date_of_birth=("1990-09-30", 0.95), date_of_expiry=("2027-08-29", 0.9))
    assert got["date_of_expiry"].value == "2027-08-29"  # an adult's card: a year's validity, no rule of age


def test_a_failed_value_is_kept_flagged_and_doubted():
    fields = {"id_number": ExtractedField("001290123456", 0.97, "ocr"),
              "date_of_birth": ExtractedField("1990-05-01", 0.97, "ocr"),
              "sex": ExtractedField("Nam", 0.97, "ocr"),
              "date_of_issue": ExtractedField("2021-02-30", 0.97, "ocr")}
    out = validate_fields(fields)
    assert out["id_number"].value == "001290123456"
    assert out["id_number"].confidence <= FLAGGED_CONFIDENCE
    assert "id_century_disagrees_with_birth_date" in out["id_number"].flags
    assert out["date_of_issue"].flags == ("not_a_date",)
    assert out["date_of_birth"] == fields["date_of_birth"]


def test_a_paper_made_in_the_future_or_before_its_holders_birth_is_doubted():
    """Real dates a paper cannot bear ("2201/2027" read as 2027-01-22 for a card issued 22/03/2022)."""
    def card(**dates: str) -> dict[str, ExtractedField]:
        return validate_fields({k: ExtractedField(v, 0.97, "ocr") for k, v in dates.items()}, dt.date(2026, 12, 3))

    out = card(date_of_birth="1990-05-01", date_of_issue="2027-01-22", date_of_expiry="2030-05-01")
    assert out["date_of_issue"].value == "2027-01-22" and out["date_of_issue"].flags == ("date_in_future",)
    assert out["date_of_issue"].confidence <= FLAGGED_CONFIDENCE and out["date_of_expiry"].flags == ()
    early = card(date_of_birth="1990-05-01", date_of_issue="1989-05-01")
    assert early["date_of_issue"].flags == ("dates_out_of_order",)
    insurance = card(valid_from="2046-09-30", date_of_expiry="2032-09-29")  # a 2 read as 4
    assert insurance["valid_from"].flags == ("date_in_future", "dates_out_of_order")
    sound = card(date_of_birth="2026-01-10", valid_from="2026-01-10", date_of_issue="2026-12-03",
                 date_of_expiry="2032-01-09")
    assert all(f.flags == () for f in sound.values())

    # the one year a digit away that makes it possible: a child's card issued "2006" of 2026
    child = card(date_of_birth="2026-01-15", valid_from="2026-01-15", date_of_issue="2006-03-06")
    assert child["date_of_issue"].value == "2026-03-06" and child["date_of_issue"].flags == ("digits_repaired",)
    assert child["date_of_issue"].confidence <= 0.6
    adult = card(date_of_birth="1990-05-01", date_of_issue="2036-03-06")  # 2006, 2016 and 2026 all can be
    assert adult["date_of_issue"].value == "2036-03-06" and adult["date_of_issue"].flags == ("date_in_future",)

    # an expiry the law gave from an issue date read in the future ("2043" of 2022) is no reading at all
    derived = validate_fields({"date_of_birth": ExtractedField("1998-10-01", 0.97, "ocr"),
                               "date_of_issue": ExtractedField("2043-02-13", 0.9, "ocr"),
                               "date_of_expiry": ExtractedField("2059-10-01", 0.8, "ocr",
                                                                flags=("derived_from_birth_and_issue_dates",))},
                              dt.date(2026, 12, 3))
    assert "date_of_expiry" not in derived and "date_in_future" in derived["date_of_issue"].flags


def test_a_paper_issued_after_its_dossier_was_received_is_misread_in_one_digit():
    """A request letter dated "16 tháng 4" in a dossier the receipt says was received on 17 January 2026 (its
    italic 1 read 4): the one digit change that dates it on or before that day is its date; with several, or
    none, it stays flagged. A card's validity may start after the dossier was received: not bounded."""
    def letter(received: dt.date, **dates: str) -> dict[str, ExtractedField]:
        fields = {k: ExtractedField(v, 0.93, "ocr") for k, v in {"date_of_birth": "1982-09-18", **dates}.items()}
        return validate_fields(fields, dt.date(2026, 12, 3), received=received)

    fixed = letter(dt.date(2026, 1, 17), date_of_issue="2026-04-16")["date_of_issue"]
    assert fixed.value == "2026-01-16" and fixed.flags == ("digits_repaired",) and fixed.confidence <= 0.6
    none = letter(dt.date(2026, 1, 17), date_of_issue="2026-04-26")["date_of_issue"]  # 01-26 is still after
    assert none.value == "2026-04-26" and none.flags == ("date_in_future",)
    two = letter(dt.date(2026, 2, 10), date_of_issue="2026-03-06")["date_of_issue"]  # 01-06 or 02-06
    assert two.value == "2026-03-06" and two.flags == ("date_in_future",)
    assert letter(dt.date(2026, 1, 17), date_of_issue="2026-01-16")["date_of_issue"].flags == ()
    assert letter(dt.date(2026, 1, 17), valid_from="2026-02-01")["valid_from"].flags == ()


def test_the_day_a_dossier_was_received_is_its_receipts_sure_date():
    from classifiers.dossier import _received

    receipt = _doc("other", title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", date_of_issue="2026-01-17")
    letter = _doc("other", title="ĐƠN ĐỀ NGHỊ", date_of_issue="2026-04-16")
    assert _received([letter, receipt]) == dt.date(2026, 1, 17)
    assert _received([letter]) is None  # a request letter is no receipt


def _doc(doc_type: str, **values: str) -> DocumentSpan:
    return DocumentSpan(doc_type, 0.99, [PageRef("a.pdf", 0)],
                        {k: ExtractedField(v, 0.9, "ocr") for k, v in values.items()})


def test_the_same_person_read_differently_in_two_documents_is_reported():
    docs = [_doc("cccd", id_number="001090123456", full_name="NGUYỄN VĂN AN", date_of_birth="1990-05-01"),
            _doc("residence_confirmation", id_number="001090123456", full_name="NGUYỄN VĂN AN",
                 date_of_birth="1990-05-07")]
    (conflict,) = cross_document(docs)
    assert conflict["field"] == "date_of_birth" and conflict["id_number"] == "001090123456"
    assert [v["value"] for v in conflict["values"]] == ["1990-05-01", "1990-05-07"]


def test_case_of_a_name_is_no_conflict():
    docs = [_doc("cccd", id_number="001090123456", full_name="NGUYỄN VĂN AN"),
            _doc("other", id_number="001090123456", full_name="Nguyễn Văn An")]
    assert cross_document(docs) == []


def test_a_century_digit_no_living_person_can_have_is_a_problem_by_itself():
    assert "id_century_digit_impossible" in id_number_problems("048793010459")
    assert "id_century_digit_impossible" not in id_number_problems("048193010459")
    assert "id_year_disagrees_with_birth_date" in id_number_problems("048193010459", year="1991")


def test_an_impossible_id_is_repaired_by_the_fewest_confusable_digits_that_make_it_valid():
    from classifiers.validate import repair_id

    assert repair_id("048793010459", year="1993", sex="Nữ") == "048193010459"  # a handwritten 1 read as 7
    assert repair_id("231788640192", year="1988", sex="Nữ") == "031188640192"  # and a 0 read as 2
    assert repair_id("048193010459", year="1993", sex="Nữ") is None  # valid already
    assert repair_id("555555555555") is None  # nothing confusable makes it valid


def test_a_tie_between_repairs_goes_to_the_one_that_only_swaps_1_and_7():
    from classifiers.validate import repair_id

    # province "007" does not exist: "001" (a 1 read as 7) and "027" (a 0 read as 2) both do
    assert repair_id("007083515823") == "001083515823"
    # "003" does not exist either; "008", "083" and "093" do, one confusion each and no 1/7 swap: a tie
    assert repair_id("003083515823") is None


def test_a_repaired_parent_id_is_flagged_and_a_possible_one_is_only_flagged():
    fields = validate_fields({"mother_year_of_birth": ExtractedField("1993", 0.9, "ocr"),
                              "mother_id_number": ExtractedField("048793010459", 0.95, "ocr")})
    assert fields["mother_id_number"].value == "048193010459"
    assert "digits_repaired" in fields["mother_id_number"].flags and fields["mother_id_number"].confidence <= 0.6
    # a misread birth year must not rewrite a number that is possible in itself
    fields = validate_fields({"mother_year_of_birth": ExtractedField("1997", 0.9, "ocr"),
                              "mother_id_number": ExtractedField("001191621253", 0.95, "ocr")})
    assert fields["mother_id_number"].value == "001191621253"
    assert "id_year_disagrees_with_birth_date" in fields["mother_id_number"].flags
    assert fields["mother_id_number"].confidence == FLAGGED_CONFIDENCE


def test_an_id_number_that_lost_its_leading_zero_gets_it_back_when_that_is_possible():
    from classifiers.validate import restore_leading_zero

    assert restore_leading_zero("48326123456", "2026-01-10", "Nữ") == "048326123456"
    assert restore_leading_zero("48326123456", "2026-01-10", "Nam") is None  # the sex digit says a woman
    assert restore_leading_zero("99326123456") is None  # no province 099
    out = validate_fields({"id_number": ExtractedField("48326123456", 0.9, "ocr"),
                           "date_of_birth": ExtractedField("2026-01-10", 0.9, "ocr")})
    assert out["id_number"].value == "048326123456"
    assert out["id_number"].flags == ("digits_repaired",) and out["id_number"].confidence <= 0.6


def test_a_parents_unread_year_follows_from_the_id_number_once_that_is_repaired():
    out = validate_fields({"date_of_birth": ExtractedField("2026-04-01", 0.9, "ocr"),
                           "mother_id_number": ExtractedField("092787123456", 0.9, "ocr")})  # century digit 7: a 1
    assert out["mother_id_number"].value == "092187123456"
    assert out["mother_year_of_birth"].value == "1987"
    assert out["mother_year_of_birth"].flags == ("derived_from_id_number",)
