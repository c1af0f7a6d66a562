"""Real Vietnamese administrative names used to build plausible (fictitious) addresses.

Province codes are the real 3-digit codes that open a 12-digit citizen ID number (Thông tư
07/2016/TT-BCA); the last two digits are the administrative province code that health insurance
numbers also use. Addresses keep the pre-2025 four-level shape (house, street/village, ward/commune,
district, province) that most cards in circulation still print.
"""

from __future__ import annotations

from dataclasses import dataclass

from classifiers.provinces import PROVINCE_CODES

# One table of real province codes for the whole project: the classifiers validate against it.
CODE_TO_PROVINCE = {code: name for name, code in PROVINCE_CODES.items()}


@dataclass(frozen=True)
class District:
    name: str  # with its kind: "quận Cầu Giấy", "huyện Đông Anh", "thành phố Vinh"
    wards: tuple[str, ...]  # with their kind: "phường Trung Hòa", "xã Uy Nỗ"
    streets: tuple[str, ...]  # empty for rural districts
    hamlets: tuple[str, ...] = ()  # thôn / xóm / ấp / tổ dân phố, for rural addresses


@dataclass(frozen=True)
class Province:
    name: str  # short name, key of PROVINCE_CODES
    full: str  # as printed in addresses: "thành phố Hà Nội", "tỉnh Nghệ An"
    districts: tuple[District, ...]
    maternity: tuple[str, ...]  # hospitals where children are born
    hospitals: tuple[str, ...]  # general hospitals (place of death)
    old_id_prefix: str  # first digits of the old 9-digit CMND issued there

    @property
    def code(self) -> str:
        return PROVINCE_CODES[self.name]

    @property
    def short_code(self) -> str:
        """Two-digit administrative code (used inside health insurance numbers)."""
        return self.code[1:]


PROVINCES: tuple[Province, ...] = (
    Province(
        "Hà Nội", "thành phố Hà Nội",
        (
            District("quận Cầu Giấy", ("phường Dịch Vọng", "phường Dịch Vọng Hậu", "phường Trung Hòa",
                                       "phường Yên Hòa", "phường Quan Hoa", "phường Nghĩa Đô"),
                     ("Trần Duy Hưng", "Xuân Thủy", "Cầu Giấy", "Nguyễn Khánh Toàn", "Trần Thái Tông",
                      "Hoàng Quốc Việt")),
            District("quận Đống Đa", ("phường Láng Hạ", "phường Ô Chợ Dừa", "phường Kim Liên",
                                      "phường Trung Liệt", "phường Văn Chương"),
                     ("Láng Hạ", "Tây Sơn", "Chùa Bộc", "Xã Đàn", "Nguyễn Lương Bằng")),
            District("quận Hoàng Mai", ("phường Định Công", "phường Đại Kim", "phường Hoàng Liệt",
                                        "phường Tương Mai"),
                     ("Giải Phóng", "Kim Giang", "Trương Định", "Tam Trinh")),
            District("huyện Đông Anh", ("xã Uy Nỗ", "xã Vân Nội", "xã Kim Chung", "xã Cổ Loa"), (),
                     ("thôn Đoài", "thôn Đông", "thôn Cổ Điển", "thôn Sơn Du")),
        ),
        ("Bệnh viện Phụ sản Hà Nội", "Bệnh viện Phụ sản Trung ương"),
        ("Bệnh viện Bạch Mai", "Bệnh viện Hữu nghị Việt Đức"),
        "01",
    ),
    Province(
        "Hồ Chí Minh", "thành phố Hồ Chí Minh",
        (
            District("quận 3", ("phường Võ Thị Sáu", "phường 4", "phường 5", "phường 9", "phường 11"),
                     ("Nam Kỳ Khởi Nghĩa", "Lê Văn Sỹ", "Cách Mạng Tháng Tám", "Võ Văn Tần")),
            District("quận Bình Thạnh", ("phường 1", "phường 13", "phường 25", "phường 26"),
                     ("Xô Viết Nghệ Tĩnh", "Điện Biên Phủ", "Bạch Đằng", "Nơ Trang Long")),
            District("thành phố Thủ Đức", ("phường Linh Trung", "phường Hiệp Bình Chánh", "phường Thảo Điền",
                                           "phường An Phú"),
                     ("Võ Văn Ngân", "Kha Vạn Cân", "Quốc lộ 13", "Lê Văn Việt")),
            District("huyện Củ Chi", ("xã Tân Thạnh Đông", "xã Phước Vĩnh An", "xã Tân Phú Trung"), (),
                     ("ấp 1", "ấp 3", "ấp Bàu Tre", "ấp Chợ")),
        ),
        ("Bệnh viện Từ Dũ", "Bệnh viện Hùng Vương"),
        ("Bệnh viện Chợ Rẫy", "Bệnh viện Nhân dân 115"),
        "02",
    ),
    Province(
        "Hải Phòng", "thành phố Hải Phòng",
        (
            District("quận Lê Chân", ("phường An Biên", "phường Dư Hàng Kênh", "phường Niệm Nghĩa"),
                     ("Tô Hiệu", "Nguyễn Văn Linh", "Hàng Kênh")),
            District("quận Ngô Quyền", ("phường Lạch Tray", "phường Đằng Giang", "phường Cầu Đất"),
                     ("Lạch Tray", "Văn Cao", "Lê Lợi")),
            District("huyện Thủy Nguyên", ("xã Lập Lễ", "xã Thủy Sơn", "xã Kiền Bái"), (),
                     ("thôn 2", "thôn 5", "thôn Trại")),
        ),
        ("Bệnh viện Phụ sản Hải Phòng",),
        ("Bệnh viện Hữu nghị Việt Tiệp",),
        "03",
    ),
    Province(
        "Đà Nẵng", "thành phố Đà Nẵng",
        (
            District("quận Hải Châu", ("phường Thạch Thang", "phường Hòa Cường Bắc", "phường Phước Ninh"),
                     ("Lê Duẩn", "Nguyễn Văn Linh", "Trưng Nữ Vương")),
            District("quận Sơn Trà", ("phường An Hải Bắc", "phường Phước Mỹ", "phường Mân Thái"),
                     ("Ngô Quyền", "Võ Văn Kiệt", "Hồ Nghinh")),
            District("huyện Hòa Vang", ("xã Hòa Phong", "xã Hòa Tiến", "xã Hòa Châu"), (),
                     ("thôn Cẩm Toại Trung", "thôn Dương Sơn", "thôn Phong Nam")),
        ),
        ("Bệnh viện Phụ sản - Nhi Đà Nẵng",),
        ("Bệnh viện Đà Nẵng", "Bệnh viện C Đà Nẵng"),
        "20",
    ),
    Province(
        "Cần Thơ", "thành phố Cần Thơ",
        (
            District("quận Ninh Kiều", ("phường An Hòa", "phường Xuân Khánh", "phường Tân An", "phường An Khánh"),
                     ("Mậu Thân", "30 Tháng 4", "Trần Hưng Đạo", "Nguyễn Văn Cừ")),
            District("huyện Phong Điền", ("xã Nhơn Ái", "xã Mỹ Khánh", "xã Giai Xuân"), (),
                     ("ấp Nhơn Lộc 1", "ấp Mỹ Ái", "ấp Thới Trinh")),
        ),
        ("Bệnh viện Phụ sản thành phố Cần Thơ",),
        ("Bệnh viện Đa khoa Trung ương Cần Thơ",),
        "36",
    ),
    Province(
        "Thanh Hóa", "tỉnh Thanh Hóa",
        (
            District("thành phố Thanh Hóa", ("phường Điện Biên", "phường Ba Đình", "phường Đông Thọ"),
                     ("Lê Lợi", "Trần Phú", "Bà Triệu")),
            District("huyện Hoằng Hóa", ("xã Hoằng Đức", "xã Hoằng Quỳ", "xã Hoằng Đạo"), (),
                     ("thôn Phú Thượng", "thôn 3", "thôn Nghĩa Trang")),
        ),
        ("Bệnh viện Phụ sản Thanh Hóa",),
        ("Bệnh viện Đa khoa tỉnh Thanh Hóa",),
        "17",
    ),
    Province(
        "Nghệ An", "tỉnh Nghệ An",
        (
            District("thành phố Vinh", ("phường Hưng Bình", "phường Hà Huy Tập", "phường Bến Thủy"),
                     ("Lê Duẩn", "Nguyễn Văn Cừ", "Trường Thi", "Phan Đình Phùng")),
            District("huyện Nghi Lộc", ("xã Nghi Trung", "xã Nghi Long", "xã Nghi Thạch"), (),
                     ("xóm 5", "xóm 9", "xóm Trung Thành")),
        ),
        ("Bệnh viện Sản Nhi Nghệ An",),
        ("Bệnh viện Hữu nghị Đa khoa Nghệ An",),
        "18",
    ),
    Province(
        "Nam Định", "tỉnh Nam Định",
        (
            District("thành phố Nam Định", ("phường Trần Hưng Đạo", "phường Vị Xuyên", "phường Năng Tĩnh"),
                     ("Hàn Thuyên", "Trần Hưng Đạo", "Hoàng Văn Thụ")),
            District("huyện Hải Hậu", ("xã Hải Minh", "xã Hải Anh", "xã Hải Toàn"), (),
                     ("xóm 3", "xóm 7", "xóm Nam Hưng")),
        ),
        ("Bệnh viện Phụ sản Nam Định",),
        ("Bệnh viện Đa khoa tỉnh Nam Định",),
        "16",
    ),
)
PROVINCE_BY_NAME = {p.name: p for p in PROVINCES}


@dataclass(frozen=True)
class Address:
    """One place of residence; ``text`` is the single spelling every document prints for it."""

    province: Province
    district: District
    ward: str
    text: str


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def make_address(rng, province: Province | None = None, rural: bool | None = None) -> Address:
    """A house number / street or a village, then ward, district and province."""
    province = province or rng.choice(PROVINCES)
    districts = [d for d in province.districts if rural is None or bool(d.hamlets) == rural]
    district = rng.choice(districts or list(province.districts))
    ward = rng.choice(district.wards)
    if district.hamlets:
        head = _cap(rng.choice(district.hamlets))
    else:
        street = rng.choice(district.streets)
        number = rng.randint(1, 280)
        form = rng.randrange(4)
        if form == 0:
            head = f"Số {number} {'đường ' if not street[0].isdigit() else ''}{street}"
        elif form == 1:
            head = f"Số {number}, ngõ {rng.randint(2, 199)} {street}"
        elif form == 2:
            head = f"{number}/{rng.randint(1, 40)} {street}"
        else:
            head = f"Tổ {rng.randint(1, 40)}, số nhà {number} {street}"
    text = f"{head}, {ward}, {district.name}, {province.full}"
    return Address(province, district, ward, text)


def origin_text(rng, province: Province) -> str:
    """A place of origin (quê quán) as cards print it: commune, district, province; no house."""
    district = rng.choice(province.districts)
    return f"{_cap(rng.choice(district.wards))}, {district.name}, {province.full}"
