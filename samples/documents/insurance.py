"""Health insurance card (thẻ bảo hiểm y tế, 2021 paper model), card-sized on an A4 page.

The insurance number is 15 characters: 2-letter beneficiary group, 1-digit benefit level, 2-digit
province code, then the 10-digit social insurance number (itself starting with the province code).
A child under 6 is group "TE", level 1: "TE1790123456789".
"""

from __future__ import annotations

import datetime as dt

from PIL import Image

from samples import marks
from samples.canvas import L, Page, V
from samples.documents import cccd
from samples.documents.common import Ctx, fit, official_name
from samples.people import Person, add_years, fmt_date, iso

TITLE = "THẺ BẢO HIỂM Y TẾ"


def insurance_number(person: Person, rng, group: str = "TE", level: int = 1) -> str:
    prov = person.residence.province.short_code
    social = prov + "".join(str(rng.randrange(10)) for _ in range(8))
    return f"{group}{level}{prov}{social}"


def render(ctx: Ctx) -> dict[str, str]:
    hh, rng, v = ctx.hh, ctx.rng, ctx.variant
    person = ctx.subject
    child = person.date_of_birth > add_years(hh.today, -6)
    number = insurance_number(person, rng, "TE" if child else "GD", 1 if child else 4)
    valid_from = person.date_of_birth if child else hh.today - dt.timedelta(days=rng.randint(20, 200))
    valid_to = add_years(person.date_of_birth, 6) - dt.timedelta(days=1) if child else add_years(valid_from, 1)
    facility = f"Trạm Y tế {hh.address.ward}"
    issued = min(hh.today, max(valid_from, hh.today - dt.timedelta(days=rng.randint(1, 15))))
    page = ctx.page(12, margins_mm=(15, 15, 15, 15))
    page.check_overflow = False

    s = 6.4 - ctx.shrink * 0.3
    card = Page(ctx.face, rng, width_mm=85.6, height_mm=54, size_pt=s, margins_mm=(3.0, 2.5, 3.0, 1.5),
                line_gap=1.2, hand=False, background=(250, 250, 252))
    d = card.draw
    blue = (25, 70, 150)
    d.rectangle((0, 0, card.img.width, card.px(12.5)), fill=(220, 234, 248))
    d.ellipse((card.px(2.5), card.px(1.8), card.px(11.5), card.px(10.8)), outline=blue, width=4)
    d.text((card.px(7), card.px(6.3)), "BHXH", font=card.font("bold", 5.2), fill=blue, anchor="mm")
    card.left = card.px(13)
    card.row([L("BẢO HIỂM XÃ HỘI VIỆT NAM", "bold")], align="center", size_pt=s, gap=1.15)
    red = card.ink
    card.ink = (190, 30, 40)
    card.row([L(TITLE, "bold")], align="center", size_pt=fit(card, TITLE, "bold", s * 1.6), gap=1.15)
    card.ink = red
    card.left = card.px(3.0)
    card.y = card.px(13.5)
    card.row([L("Mã số:"), V(number, fill=False, style="bold")], size_pt=s * 1.35, gap=1.15)
    card.row([L("Họ và tên:"), V(person.upper_name, fill=False, style="bold")], size_pt=s * 1.1)
    card.row([L("Ngày sinh:"), V(fmt_date(person.date_of_birth), fill=False), L("   Giới tính:"),
              V(person.sex, fill=False)])
    card.row([L("Địa chỉ:"), V(person.residence.text, fill=False)])
    card.row([L("Nơi đăng ký KCB ban đầu:"), V(facility, fill=False)])
    card.check_overflow = False
    signer = official_name(rng)

    def validity(q: Page) -> None:
        q.row([L("Giá trị sử dụng:")])
        q.row([L("từ ngày"), V(fmt_date(valid_from), fill=False, style="bold")])
        q.row([L("đến ngày"), V(fmt_date(valid_to), fill=False, style="bold")])

    def director(q: Page) -> None:
        q.row([L(f"Ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}", "italic")], align="center",
              size_pt=s * 0.85, gap=1.1)
        q.row([L("GIÁM ĐỐC", "bold")], align="center", size_pt=s * 0.85, gap=1.1)
        cx = (q.left + q.right) / 2
        q.ink_layer(marks.signature(q.px(18), q.px(5), rng, (40, 40, 120)), (cx, q.y + q.px(2.5)))
        q.ink_layer(marks.seal(q.px(6.5), f"Bảo hiểm xã hội {hh.address.district.name}", rng,
                               family=q.face.family), (cx - q.px(6), q.y + q.px(2)))
        q.y += q.px(4.5)
        q.row([L(signer.upper(), "bold")], align="center", size_pt=s * 0.8)

    card.columns([(0.0, 0.5), (0.5, 1.0)], [validity, director])
    d.rectangle((0, 0, card.img.width - 1, card.img.height - 1), outline=(120, 130, 150), width=3)
    img = cccd._photocopy(card, rng) if v == 1 else card.img
    scale = rng.choice((1.0, 1.15, 1.3))
    if scale != 1.0:
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
    x = (page.img.width - img.width) // 2 if rng.random() < 0.5 else page.px(rng.uniform(18, 30))
    page.img.paste(img, (x, page.px(rng.uniform(20, 50))))
    page.lines = list(card.lines)
    return {
        "insurance_number": number,
        "full_name": person.upper_name,
        "date_of_birth": iso(person.date_of_birth),
        "sex": person.sex,
        "place_of_residence": person.residence.text,
        "initial_healthcare_facility": facility,
        "valid_from": iso(valid_from),
        "date_of_expiry": iso(valid_to),
        "date_of_issue": iso(issued),
    }
