"""The ID card's machine-readable zone: ICAO check digits, OCR confusions, and how the extractor weighs it."""

from __future__ import annotations

import datetime as dt

from classifiers.extract.cccd import MRZ_CONFIDENCE, extract
from classifiers.mrz import check_digit, expiry_among, read_mrz
from classifiers.text import page_lines
from tests.classifiers.conftest import page_from_text, page_result

TODAY = dt.date(2026, 11, 22)


def _mrz(id_number: str, birth: str, sex: str, expiry: str, surname: str, given: str) -> list[str]:
    """A well-formed Vietnamese TD1 MRZ built from the ICAO rules (composite digit left as 0: unused)."""
    doc = id_number[3:]
    line1 = f"IDVNM{doc}{check_digit(doc)}{id_number}<<{check_digit(id_number)}"
    line2 = f"{birth}{check_digit(birth)}{sex}{expiry}{check_digit(expiry)}VNM".ljust(29, "<") + "0"
    line3 = f"{surname}<<{given.replace(' ', '<')}".ljust(30, "<")
    return [line1, line2, line3]


def test_check_digits_of_the_icao_9303_specimens():
    # ICAO 9303 part 5/4 specimens: document numbers with letters, and dates
    assert check_digit("D23145890") == "7"
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("690806") == "1"
    assert check_digit("<<<<<<") == "0"


def test_a_clean_mrz_is_read():
    lines = _mrz("001090012345", "900501", "M", "300501", "NGUYEN", "VAN AN")
    assert len(lines[0]) == len(lines[1]) == len(lines[2]) == 30
    found = {k: v.value for k, v in read_mrz(lines, TODAY).items()}
    assert found == {"document_number": "090012345", "id_number": "001090012345", "date_of_birth": "1990-05-01",
                     "sex": "M", "date_of_expiry": "2030-05-01", "surname": "NGUYEN", "given_names": "VAN AN"}


def test_ocr_confused_lines_are_read():
    found = {k: v.value for k, v in read_mrz(["noise", "1DVNH0999781434040090878143<‹<6",
                                              "9012215H3012213VNMH<<<<<<<<«<<<"], TODAY).items()}
    assert found["id_number"] == "040090878143"
    assert "document_number" not in found  # "099978143" with check 4 does not verify
    assert (found["date_of_birth"], found["sex"], found["date_of_expiry"]) == ("1990-12-21", "M", "2030-12-21")
    # letters for digits in a date field: O→0, S→5, B→8, l→1
    line2 = f"8lO5O1{check_digit('810501')}M3OO5O1{check_digit('300501')}VNM<<<<<<<<<<<0".replace("5", "S")
    found = read_mrz(["BlO5O1S", line2], TODAY)
    assert found["date_of_birth"].value == "1981-05-01" and found["date_of_expiry"].value == "2030-05-01"


def test_a_letter_for_its_other_look_alike_digit_and_a_misread_nationality():
    """"S211177F3211175VWK…" on a phone photo: S is a 9 there (921117 verifies with 7, 521117 does not), and
    the nationality read "VWK" still anchors the line; a field no single other reading verifies is left."""
    found = read_mrz(["S211177F3211175VWK<<<<<<<<<<3"], TODAY)
    assert found["date_of_birth"].value == "1992-11-17" and found["date_of_expiry"].value == "2032-11-17"
    assert found["sex"].value == "F"
    assert "date_of_birth" not in read_mrz(["S211178F3211175VNM<<<<<<<<<<3"], TODAY)
    # "VW+": any third letter anchors it; the expiry's check digit misread is left for the law to settle
    found = read_mrz(["B611161M2611165VW+‹«<<«<<<«<<<<<š"], TODAY)
    assert found["date_of_birth"].value == "1986-11-16" and found["sex"].value == "M"
    assert found["expiry_as_read"].value == "2611165" and "date_of_expiry" not in found


def test_a_field_with_a_wrong_check_digit_is_rejected():
    line1, line2, _ = _mrz("001090012345", "900501", "M", "300501", "NGUYEN", "VAN AN")
    wrong = {c: str((int(c) + 1) % 10) for c in "0123456789"}
    found = read_mrz([line1[:-1] + wrong[line1[-1]], line2[:6] + wrong[line2[6]] + line2[7:]], TODAY)
    assert "id_number" not in found and "date_of_birth" not in found and "sex" not in found
    assert found["document_number"].value == "090012345" and found["date_of_expiry"].value == "2030-05-01"


def test_an_id_number_misread_in_its_last_nine_digits_is_the_verified_document_numbers():
    """The ID's last nine digits are the document number: when that verifies, and the ID with them put back
    verifies against the ID's own check digit, one misread digit is repaired (here 8 read as 6, and the M of
    "IDVNM" read as 4)."""
    line1 = _mrz("092089814272", "890314", "M", "290314", "TRAN", "ANH QUAN")[0]
    misread = line1.replace("VNM", "VN4").replace("092089814272", "092089614272")
    found = read_mrz([misread], TODAY)
    assert found["document_number"].value == "089814272" and found["id_number"].value == "092089814272"
    # a filler read as a dash, and a dash after the line
    dashed = line1.replace("<<", "-<") + "-"
    assert read_mrz([dashed], TODAY)["id_number"].value == "092089814272"
    # a province code misread too: the repaired number fails the ID's check digit, and no ID is read
    assert "id_number" not in read_mrz([misread.replace("092089614272", "093089614272")], TODAY)


def test_two_digit_years():
    birth_2005 = read_mrz(["050501" + check_digit("050501") + "F" + "<<<<<<0VNM".ljust(23, "<")], TODAY)
    assert birth_2005["date_of_birth"].value == "2005-05-01" and "lifelong" in birth_2005
    birth_1950 = read_mrz(["501201" + check_digit("501201") + "F" + "<<<<<<0VNM".ljust(23, "<")], TODAY)
    assert birth_1950["date_of_birth"].value == "1950-12-01"


def _card(rows: list[str]) -> list:
    return page_lines(page_result(page_from_text("\n".join(rows))))


FRONT = ["CĂN CƯỚC CÔNG DÂN", "Số / No.: 001090012345", "Họ và tên / Full name:", "NGUYỄN VĂN AN",
         "Ngày sinh / Date of birth: 01/05/1996", "Giới tính / Sex: Nữ Quốc tịch / Nationality: Việt Nam"]


def test_the_extractor_fills_and_overrides_with_verified_mrz_values():
    mrz = _mrz("001090012345", "900501", "M", "300501", "NGUYEN", "VAN AN")
    fields, conflicts = extract(_card([*FRONT, *mrz]), [])
    birth, sex, idn = fields["date_of_birth"], fields["sex"], fields["id_number"]
    assert (birth.value, birth.source, birth.confidence, birth.flags) == ("1990-05-01", "mrz", MRZ_CONFIDENCE,
                                                                          ("ocr_disagrees",))
    assert (sex.value, sex.source, sex.flags) == ("Nam", "mrz", ("ocr_disagrees",))
    assert (idn.value, idn.source, idn.confidence) == ("001090012345", "ocr", MRZ_CONFIDENCE)  # agreed
    expiry = fields["date_of_expiry"]
    assert (expiry.value, expiry.source) == ("2030-05-01", "mrz")  # no label read: filled
    assert fields["full_name"].value == "NGUYỄN VĂN AN" and conflicts == []


def test_a_name_read_without_its_family_name_gets_the_mrzs():
    """A blurred phone photo: "VÕ" read at 0.25 and dropped, "QUANG HẢI" sure. The MRZ's names have no marks
    and no check digit: they complete the given names they equal, with a common family name's spelling."""
    front = [*FRONT[:3], "QUANG HẢI", *FRONT[4:]]
    card = extract(_card([*front, *_mrz("001090012345", "900501", "M", "300501", "VO", "QUANG HAI")]), [])[0]
    name = card["full_name"]
    assert (name.value, name.flags) == ("VÕ QUANG HẢI", ("surname_from_mrz",)) and name.confidence <= 0.8
    other = extract(_card([*front, *_mrz("001090012345", "900501", "M", "300501", "VO", "QUANG HOA")]), [])[0]
    assert other["full_name"].value == "QUANG HẢI"  # not the MRZ's given names: left as read
    rare = extract(_card([*front, *_mrz("001090012345", "900501", "M", "300501", "KHONG", "QUANG HAI")]), [])[0]
    assert rare["full_name"].value == "QUANG HẢI"  # no common family name: its marks unknown


def test_the_qr_still_wins_over_the_mrz():
    mrz = _mrz("001090012345", "900501", "M", "300501", "NGUYEN", "VAN AN")
    qr = "001090012345||Nguyễn Văn An|02051990|Nam|Hà Nội|15062021"
    fields, _ = extract(_card([*FRONT, *mrz]), [qr])
    assert (fields["date_of_birth"].value, fields["date_of_birth"].source) == ("1990-05-02", "qr")
    assert fields["date_of_expiry"].source == "mrz"  # the payload carries no expiry


def test_an_unverified_expiry_is_the_one_birthday_the_law_allows_that_its_check_digit_fits():
    """Phone photos: "2963149" for 290314 + check 9, "3894209" for 380420 + check 9 (0 read as 6 or 9). A
    birthday at 25, 40 or 60 two digits off whose check digit is the one read is that expiry; the check digit
    read for another date, or two candidates, decide nothing."""
    birthdays = {"2014-03-14", "2029-03-14", "2049-03-14", "2003-03-14"}
    assert expiry_among("2963149", birthdays) == "2029-03-14"
    assert expiry_among("2903144", birthdays) == "2029-03-14"  # its digits exactly: the check digit misread
    assert expiry_among("2963141", birthdays) is None  # the check digit of no candidate
    assert expiry_among("2968159", birthdays) is None  # three digits off
    assert expiry_among("3894209", {"2018-04-20", "2038-04-20", "2003-04-20"}) == "2038-04-20"
    line2 = "8903141M2963149VNH*<<<<<<<<<<<0"
    found = read_mrz([line2], TODAY)
    assert found["date_of_birth"].value == "1989-03-14" and "date_of_expiry" not in found
    assert found["expiry_as_read"].value == "2963149"


def test_the_extractor_takes_the_mrz_expiry_the_law_and_the_check_digit_agree_on():
    line1, line2, line3 = _mrz("092089814272", "890314", "M", "290314", "TRAN", "ANH QUAN")
    misread = line2.replace("290314", "296314")
    fields, _ = extract(_card(["CĂN CƯỚC CÔNG DÂN", "Số / No.: 092089814272", line1, misread, line3]), [])
    expiry = fields["date_of_expiry"]
    assert (expiry.value, expiry.source, expiry.flags) == ("2029-03-14", "mrz", ("expiry_by_birthday_and_check_digit",))
    assert fields["date_of_birth"].value == "1989-03-14"
    # a printed expiry that is one of the holder's possible expiries is kept: the MRZ only fills or repairs
    fields, _ = extract(_card(["CĂN CƯỚC CÔNG DÂN", "Date of expiry: 14/03/2049", line1, misread, line3]), [])
    assert fields["date_of_expiry"].value == "2049-03-14" and fields["date_of_expiry"].source == "ocr"


def test_a_front_line_with_a_late_vn_is_no_second_line_when_it_verifies_nothing():
    """A phone photo of both faces: the front's "Giới tính / Sex: Quốc tịch / VN Nan" holds "VN" 29 characters
    in, where line 2 has its nationality; read as line 2 it verified nothing and hid the real line 2 below it,
    so the card's misread birth date ("30/10/1965" of 1985-10-20) stood against the MRZ's."""
    line1, line2, line3 = _mrz("001085384609", "851020", "M", "251020", "TA", "TIEN KHANH")
    found = {k: v.value for k, v in read_mrz(["Giới tính / Sex: Quốc tịch / VN Nan", line1, line2, line3],
                                             TODAY).items()}
    assert found["date_of_birth"] == "1985-10-20" and found["date_of_expiry"] == "2025-10-20"
    assert "expiry_as_read" not in found and found["surname"] == "TA"
    alone = read_mrz(["Giới tính / Sex: Quốc tịch / VN Nan"], TODAY)
    assert set(alone) <= {"expiry_as_read"}  # kept only for want of a line that verifies
