"""Fictitious Vietnamese people and households, consistent across the documents of one dossier.

Names are random combinations of common family, middle and given names (NFC). ID numbers follow the
real 12-digit structure: 3-digit province code of the place of birth registration, one
century/sex digit (0 male 1900s, 1 female 1900s, 2 male 2000s, 3 female 2000s), the last two digits
of the birth year, then 6 random digits.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from samples.places import PROVINCES, Address, Province, make_address, origin_text

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
          "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương", "Mai", "Tạ", "Cao", "Lâm", "Hà", "Tô", "Chu")
MIDDLE_M = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Ngọc", "Tiến", "Hoàng", "Mạnh",
            "Trọng", "Anh", "Quốc", "Duy", "Gia", "Bảo")
MIDDLE_F = ("Thị", "Ngọc", "Thu", "Thanh", "Phương", "Hồng", "Minh", "Bảo", "Khánh", "Thùy", "Mai", "Kim",
            "Diệu", "Hải", "Thị Thu", "Thị Ngọc", "Thị Thanh")
GIVEN_M = ("An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam",
           "Phong", "Phúc", "Quân", "Sơn", "Thắng", "Thành", "Trung", "Tuấn", "Việt", "Vinh", "Hưng", "Lộc",
           "Đạt", "Khoa", "Nghĩa", "Toàn", "Tùng", "Khôi", "Kiên")
GIVEN_F = ("Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Huyền", "Lan", "Linh", "Loan",
           "Mai", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thủy", "Trang", "Uyên", "Vân", "Yến",
           "Ngân", "Nguyệt", "Thư", "Diệp", "Hiền", "Tuyết", "Xuân")
ETHNICITIES = ("Kinh",) * 12 + ("Tày", "Mường", "Thái", "Hoa", "Khmer", "Nùng")
RELIGIONS = ("Không",) * 6 + ("Phật giáo", "Công giáo")
MARKS = ("Nốt ruồi C:1cm trên sau mép phải", "Sẹo chấm C:2cm trên trước đầu lông mày trái",
         "Nốt ruồi C:1,5cm dưới sau đuôi mắt trái", "Sẹo chấm C:1cm dưới trước cánh mũi phải",
         "Nốt ruồi C:2cm trên trước đầu mày phải", "Sẹo chấm C:0,5cm dưới sau mép trái")
DEATH_CAUSES = ("Bệnh già", "Suy tim", "Tai biến mạch máu não", "Ung thư phổi", "Suy hô hấp", "Nhồi máu cơ tim")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def ascii_fold(s: str) -> str:
    """Drop diacritics (Đ -> D) for MRZ lines."""
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def fmt_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def iso(d: dt.date) -> str:
    return d.isoformat()


def make_name(rng: random.Random, sex: str, family: str | None = None) -> str:
    family = family or rng.choice(FAMILY)
    if sex == "Nam":
        middle, given = rng.choice(MIDDLE_M), rng.choice(GIVEN_M)
    else:
        middle, given = rng.choice(MIDDLE_F), rng.choice(GIVEN_F)
    return nfc(f"{family} {middle} {given}")


def make_id_number(rng: random.Random, birth: dt.date, sex: str, province: Province) -> str:
    """12 digits: province code, century/sex digit, two-digit birth year, 6 random digits."""
    century = 0 if birth.year < 2000 else 2
    digit = century + (0 if sex == "Nam" else 1)
    return f"{province.code}{digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def make_old_id(rng: random.Random, province: Province) -> str:
    """Old 9-digit CMND number (people who had one before the chip card)."""
    prefix = province.old_id_prefix
    return prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def card_expiry(birth: dt.date, issue: dt.date) -> dt.date | None:
    """Chip card validity: until age 25, 40 or 60 (a card issued within two years of one of those ages
    runs to the next); none after 58."""
    for age in (25, 40, 60):
        due = add_years(birth, age)
        if issue < add_years(due, -2):
            return due
    return None


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


@dataclass
class Person:
    full_name: str
    sex: str  # "Nam" / "Nữ"
    date_of_birth: dt.date
    birth_province: Province  # province of birth registration: gives the ID number's first 3 digits
    id_number: str
    place_of_origin: str
    residence: Address
    ethnicity: str = "Kinh"
    religion: str = "Không"
    nationality: str = "Việt Nam"
    old_id_number: str = ""
    card_issue_date: dt.date | None = None
    phone: str = ""
    identification_mark: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def upper_name(self) -> str:
        return self.full_name.upper()

    @property
    def card_expiry(self) -> dt.date | None:
        return card_expiry(self.date_of_birth, self.card_issue_date) if self.card_issue_date else None


def make_person(
    rng: random.Random,
    sex: str,
    born: dt.date,
    residence: Address,
    *,
    family: str | None = None,
    birth_province: Province | None = None,
    today: dt.date,
) -> Person:
    """A person with an ID number consistent with birth date, sex and province, and a chip card."""
    birth_province = birth_province or rng.choice(PROVINCES)
    person = Person(
        full_name=make_name(rng, sex, family),
        sex=sex,
        date_of_birth=born,
        birth_province=birth_province,
        id_number=make_id_number(rng, born, sex, birth_province),
        place_of_origin=origin_text(rng, birth_province),
        residence=residence,
        ethnicity=rng.choice(ETHNICITIES),
        religion=rng.choice(RELIGIONS),
        phone="09" + "".join(str(rng.randrange(10)) for _ in range(8)),
        identification_mark=rng.choice(MARKS),
    )
    if born.year < 2000:
        person.old_id_number = make_old_id(rng, birth_province) if rng.random() < 0.7 else ""
    if add_years(born, 14) < today:
        first = max(dt.date(2021, 1, 15), add_years(born, 14))
        last = min(dt.date(2024, 6, 30), today - dt.timedelta(days=30))
        if first < last:
            person.card_issue_date = random_date(rng, first, last)
    return person


@dataclass
class Household:
    """The people of one dossier: a couple, their newborn, an elderly parent who died, a declarant."""

    today: dt.date
    father: Person
    mother: Person
    child: Person
    elder: Person  # the deceased of a death_group dossier (the father's parent)
    registration_office: str  # "Ủy ban nhân dân phường ..." of the household's ward
    police_office: str  # "Công an phường ..." of the household's ward
    birth_declarant: Person  # the parent who registers the birth
    death_declarant: Person  # the family member who registers the death
    date_of_death: dt.date
    time_of_death: str  # "14 giờ 30 phút"
    place_of_death: str
    cause_of_death: str
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def address(self) -> Address:
        return self.father.residence

    @property
    def members(self) -> list[Person]:
        return [self.father, self.mother, self.child]


def make_household(rng: random.Random, today: dt.date | None = None) -> Household:
    """A consistent family living at one address; the child is newborn (birth_group) and the father's
    parent died recently (death_group)."""
    today = today or dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
    home = make_address(rng, rural=rng.random() < 0.35)
    family = rng.choice(FAMILY)
    father_born = random_date(rng, dt.date(1978, 1, 1), dt.date(2001, 12, 31))
    mother_born = random_date(rng, dt.date(1982, 1, 1), dt.date(2003, 6, 30))
    father = make_person(rng, "Nam", father_born, home, family=family,
                         birth_province=rng.choice([home.province, rng.choice(PROVINCES)]), today=today)
    mother = make_person(rng, "Nữ", mother_born, home, birth_province=rng.choice(PROVINCES), today=today)
    child_born = today - dt.timedelta(days=rng.randint(10, 55))
    child = make_person(rng, rng.choice(("Nam", "Nữ")), child_born, home, family=family,
                        birth_province=home.province, today=today)
    child.place_of_origin = father.place_of_origin
    child.ethnicity = father.ethnicity
    child.religion = "Không"
    elder_sex = rng.choice(("Nam", "Nữ"))
    # the father's parent: 20 to 45 years older than him (a woman past 50 at a birth is vanishingly rare, and
    # the classifiers rely on that: `validate.HEAD_IS_CHILD`)
    elder_born = random_date(rng, add_years(father_born, -45), add_years(father_born, -20))
    elder = make_person(rng, elder_sex, elder_born, home, family=family if elder_sex == "Nam" else None,
                        birth_province=father.birth_province, today=today)
    elder.place_of_origin = father.place_of_origin
    elder.card_issue_date = elder.card_issue_date or dt.date(2021, 6, 1) + dt.timedelta(days=rng.randrange(900))
    ward = home.ward
    date_of_death = today - dt.timedelta(days=rng.randint(3, 40))
    if rng.random() < 0.55:
        place_of_death = f"{rng.choice(home.province.hospitals)}, {home.province.full}"
    else:
        place_of_death = f"Tại nhà, {home.text}"
    return Household(
        today=today,
        father=father,
        mother=mother,
        child=child,
        elder=elder,
        registration_office=f"Ủy ban nhân dân {ward}",
        police_office=f"Công an {ward}",
        birth_declarant=father if rng.random() < 0.65 else mother,
        death_declarant=father if rng.random() < 0.7 else mother,
        date_of_death=date_of_death,
        time_of_death=f"{rng.randint(0, 23):02d} giờ {rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)):02d} phút",
        place_of_death=place_of_death,
        cause_of_death=rng.choice(DEATH_CAUSES),
    )


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def number_words(n: int) -> str:
    """Vietnamese words for 0..9999, the way dates are spelled out on birth certificates."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
        if unit == 0:
            return head
        if unit == 1 and tens > 1:
            tail = "mốt"
        elif unit == 5:
            tail = "lăm"
        elif unit == 4 and tens > 1:
            tail = "tư"
        else:
            tail = _DIGITS[unit]
        return f"{head} {tail}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_DIGITS[hundreds]} trăm"
        if rest == 0:
            return head
        return f"{head} {'linh ' + _DIGITS[rest] if rest < 10 else number_words(rest)}"
    thousands, rest = divmod(n, 1000)
    head = f"{_DIGITS[thousands]} nghìn"
    if rest == 0:
        return head
    if rest < 100:
        return f"{head} không trăm {'linh ' + _DIGITS[rest] if rest < 10 else number_words(rest)}"
    return f"{head} {number_words(rest)}"


_MONTHS = ("", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")


def date_words(d: dt.date) -> str:
    """'Ngày mười lăm, tháng ba, năm hai nghìn không trăm hai mươi sáu'."""
    day = number_words(d.day)
    if d.day <= 10:
        day = "mồng " + day
    return nfc(f"Ngày {day}, tháng {_MONTHS[d.month]}, năm {number_words(d.year)}")
