"""Chip citizen ID card (căn cước công dân, 2021 model), front and back photocopied onto one A4 page.

Fields: id_number, full_name, date_of_birth, sex, nationality, place_of_origin, place_of_residence,
date_of_expiry (absent when the card prints "Không thời hạn"), date_of_issue, old_id_number (only in
the QR payload, when the holder had a 9-digit CMND), qr_payload.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from samples import fonts, marks
from samples.canvas import L, Page, V
from samples.documents.common import MOTTO_1, MOTTO_2, Ctx, fit, official_name
from samples.people import Person, ascii_fold, fmt_date, iso

CARD_W, CARD_H = 85.6, 54.0
DIRECTOR_TITLE = ("CỤC TRƯỞNG CỤC CẢNH SÁT", "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI")


def qr_payload(person: Person) -> str:
    """The real chip-card QR format: id|old id|name|ddmmyyyy birth|sex|residence|ddmmyyyy issue."""
    issue = person.card_issue_date.strftime("%d%m%Y") if person.card_issue_date else ""
    return "|".join((person.id_number, person.old_id_number, person.full_name,
                     person.date_of_birth.strftime("%d%m%Y"), person.sex, person.residence.text, issue))


def _check_digit(s: str) -> str:
    weights = (7, 3, 1)
    total = 0
    for i, ch in enumerate(s):
        v = int(ch) if ch.isdigit() else (ord(ch) - 55 if ch.isalpha() else 0)
        total += v * weights[i % 3]
    return str(total % 10)


def mrz(person: Person) -> list[str]:
    """Three 30-character TD1 lines as on the back of the chip card."""
    doc = person.id_number[3:]
    line1 = f"IDVNM{doc}{_check_digit(doc)}{person.id_number}<<{_check_digit(person.id_number)}"
    birth = person.date_of_birth.strftime("%y%m%d")
    exp = person.card_expiry.strftime("%y%m%d") if person.card_expiry else "<<<<<<"
    sex = "M" if person.sex == "Nam" else "F"
    body = f"{birth}{_check_digit(birth)}{sex}{exp}{_check_digit(exp)}VNM"
    line2 = body + "<" * (29 - len(body))
    line2 += _check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])  # ICAO 9303 TD1 composite
    parts = ascii_fold(person.full_name).upper().split()
    line3 = (parts[0] + "<<" + "<".join(parts[1:]))[:30]
    return [line1[:30], line2[:30], line3 + "<" * (30 - len(line3))]


def _card(ctx: Ctx, size: float) -> Page:
    tint = ctx.rng.choice(((226, 236, 230), (232, 232, 222), (222, 232, 238)))
    p = Page(ctx.face, ctx.rng, width_mm=CARD_W, height_mm=CARD_H, size_pt=size - ctx.shrink * 0.6,
             margins_mm=(3.0, 2.5, 3.0, 0.0), line_gap=1.2, hand=False, background=tint)
    d = p.draw
    for k in range(0, p.img.height, 9):  # faint guilloche waves
        pts = [(x, k + 6 * math.sin(x / 37 + k / 53)) for x in range(0, p.img.width, 12)]
        d.line(pts, fill=tuple(c - 14 for c in tint), width=1)
    return p


def _bilingual(p: Page, vi: str, en: str, value: str = "", size: float | None = None, bold_value: bool = True,
               en_size: float | None = None) -> None:
    segs = [L(f"{vi} /"), L(f"{en}:", "italic")]
    if value:
        segs.append(V(value, fill=False, style="bold" if bold_value else "regular"))
    p.row(segs, size_pt=size)


def front(ctx: Ctx, person: Person) -> Page:
    s = 6.2
    p = _card(ctx, s)
    s = p.size_pt
    rng = p.rng
    w = p.img.width
    # emblem top-left, QR top-right
    p.ink_layer(marks.emblem(p.px(6.0)), (p.px(9.5), p.px(9.5)))
    qr = marks.qr_code(qr_payload(person), p.px(17), rng)
    p.img.paste(qr.resize((p.px(16), p.px(16)), Image.Resampling.NEAREST), (w - p.px(18.5), p.px(2.5)))
    left, right = p.left, p.right
    p.left, p.right = p.px(17), w - p.px(19.5)
    width = p.right - p.left
    p.row([L(MOTTO_1, "bold")], align="center", size_pt=fit(p, MOTTO_1, "bold", s, width))
    p.row([L("SOCIALIST REPUBLIC OF VIET NAM")], align="center",
          size_pt=fit(p, "SOCIALIST REPUBLIC OF VIET NAM", "regular", s * 0.85, width))
    p.row([L(MOTTO_2, "bold")], align="center", size_pt=s * 0.95)
    p.row([L("Independence - Freedom - Happiness")], align="center", size_pt=s * 0.8)
    red = p.ink
    p.ink = (180, 30, 35)
    p.row([L("CĂN CƯỚC CÔNG DÂN", "bold")], align="center", size_pt=s * 1.45, gap=1.1)
    p.ink = red
    p.row([L("Citizen Identity Card", "bold")], align="center", size_pt=s * 0.95)
    body_top = p.y + p.px(0.5)
    # photo on the left
    photo = marks.face_photo(p.px(19), p.px(24), rng)
    p.img.paste(photo, (p.px(3.5), round(body_top)))
    p.left, p.right = p.px(25), right
    p.y = body_top
    p.row([L("Số /"), L("No.:", "italic"), V(person.id_number, fill=False, style="bold")], size_pt=s * 1.35, gap=1.1)
    _bilingual(p, "Họ và tên", "Full name")
    p.row([V(person.upper_name, fill=False, style="bold")], size_pt=s * 1.2, gap=1.15)
    _bilingual(p, "Ngày sinh", "Date of birth", fmt_date(person.date_of_birth), bold_value=False)
    p.row([L("Giới tính /"), L("Sex:", "italic"), V(person.sex, fill=False, style="bold"),
           L("   Quốc tịch /"), L("Nationality:", "italic"), V(person.nationality, fill=False, style="bold")])
    _bilingual(p, "Quê quán", "Place of origin")
    p.row([V(person.place_of_origin, fill=False)], size_pt=p.size_pt * 0.95)
    _bilingual(p, "Nơi thường trú", "Place of residence")
    p.row([V(person.residence.text, fill=False)], size_pt=p.size_pt * 0.95)
    # expiry under the photo
    p.left, p.right = p.px(2.5), p.px(24.5)
    p.y = body_top + p.px(24.5)
    p.check_overflow = False
    expiry = fmt_date(person.card_expiry) if person.card_expiry else "Không thời hạn"
    p.row([L("Có giá trị đến:")], size_pt=s * 0.8, gap=1.1)
    p.row([L("Date of expiry:", "italic")], size_pt=s * 0.8, gap=1.1)
    p.row([V(expiry, fill=False, style="bold")], size_pt=s * 0.85)
    p.left, p.right = left, right
    return p


def back(ctx: Ctx, person: Person, with_mrz: bool) -> Page:
    s = 6.0
    p = _card(ctx, s)
    s = p.size_pt
    rng = p.rng
    # chip
    chip = (p.px(CARD_W - 19), p.px(4), p.px(CARD_W - 6), p.px(14))
    p.draw.rounded_rectangle(chip, radius=p.px(1.5), fill=(205, 175, 90), outline=(150, 120, 50), width=2)
    for k in range(1, 4):
        y = chip[1] + (chip[3] - chip[1]) * k / 4
        p.draw.line((chip[0], y, chip[2], y), fill=(150, 120, 50), width=2)

    def left_col(q: Page) -> None:
        _bilingual(q, "Đặc điểm nhân dạng", "Personal identification")
        q.row([V(person.identification_mark, fill=False)])
        issue = fmt_date(person.card_issue_date) if person.card_issue_date else ""
        q.row([L("Ngày, tháng, năm /"), L("Date, month, year:", "italic"), V(issue, fill=False)])
        for line in DIRECTOR_TITLE:
            q.row([L(line, "bold")], align="center", size_pt=fit(q, line, "bold", s * 0.95))
        top = q.y
        cx = (q.left + q.right) / 2
        q.ink_layer(marks.signature(q.px(22), q.px(7), rng, (40, 40, 120)), (cx + q.px(4), top + q.px(3.5)))
        q.ink_layer(marks.seal(q.px(7.5), "Bộ Công an Cục Cảnh sát QLHC về TTXH", rng, family=q.face.family),
                    (cx - q.px(7), top + q.px(3)))
        q.y = top + q.px(7.5)
        q.row([L(official_name(rng), "bold")], align="center", size_pt=s * 1.05)

    def right_col(q: Page) -> None:
        q.y += q.px(11)
        box_w = (q.right - q.left) / 2 - q.px(1)
        for i in range(2):
            x0 = q.left + i * (box_w + q.px(2))
            top = q.y
            q.draw.rectangle((x0, top, x0 + box_w, top + q.px(15)), outline=(90, 90, 90), width=2)
            cx, cy = x0 + box_w / 2, top + q.px(7.5)
            for r in range(4, int(box_w * 0.42), 7):  # fingerprint ridges
                q.draw.ellipse((cx - r * 0.8, cy - r, cx + r * 0.8, cy + r), outline=(120, 120, 120), width=2)
        left, right = q.left, q.right
        q.y += q.px(15.5)
        top = q.y
        fingers = (("Ngón trỏ trái", "Left index finger"), ("Ngón trỏ phải", "Right index finger"))
        for i, (vi, en) in enumerate(fingers):
            q.left = round(left + i * (box_w + q.px(2)))
            q.right = round(q.left + box_w)
            q.y = top
            q.row([L(vi)], align="center", size_pt=fit(q, vi, "regular", s * 0.8), gap=1.1)
            q.row([L(en, "italic")], align="center", size_pt=fit(q, en, "italic", s * 0.75), gap=1.1)
        q.left, q.right = left, right

    p.check_overflow = False
    p.columns([(0.0, 0.6), (0.62, 1.0)], [left_col, right_col])
    if with_mrz:
        p.y = p.img.height - p.px(12.5)
        mono = fonts.load_mono(p.pt(s * 1.3))
        for line in mrz(person):
            p.draw.text((p.px(4), p.y + mono.getmetrics()[0]), line, font=mono, fill=p.ink, anchor="ls")
            p.lines.append(line)
            p.y += mono.getmetrics()[0] * 1.25
    return p


def _photocopy(card: Page, rng) -> Image.Image:
    """Grey photocopy look of a coloured card: desaturate, darker tint, rounded edge shadow."""
    g = ImageOps.grayscale(card.img)
    g = g.point(lambda v: int(v * 0.92))
    mask = Image.new("L", g.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, g.width - 1, g.height - 1), radius=card.px(3.2), fill=255)
    out = Image.new("L", (g.width + 16, g.height + 16), 255)
    shadow = Image.new("L", out.size, 255)
    ImageDraw.Draw(shadow).rounded_rectangle((6, 6, out.width - 4, out.height - 4), radius=card.px(3.2), fill=150)
    out.paste(shadow.filter(ImageFilter.GaussianBlur(4)), (0, 0))
    out.paste(g, (8, 8), mask)
    ImageDraw.Draw(out).rounded_rectangle((8, 8, 8 + g.width - 1, 8 + g.height - 1), radius=card.px(3.2),
                                          outline=70, width=3)
    return out.convert("RGB")


def render(ctx: Ctx) -> dict[str, str]:
    person = ctx.subject
    rng = ctx.rng
    page = ctx.page(12, margins_mm=(15, 15, 15, 15))
    page.check_overflow = False
    scale = rng.choice((1.0, 1.0, 1.15, 1.3)) if ctx.variant != 2 else 1.0
    f = front(ctx, person)
    b = back(ctx, person, with_mrz=ctx.variant != 1)
    imgs = []
    for card in (f, b):
        img = _photocopy(card, rng)
        if scale != 1.0:
            img = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
        imgs.append(img)
    cw, ch = imgs[0].size
    pw = page.img.width
    if ctx.variant == 2 and 2 * cw + page.px(12) < pw:  # side by side
        x0 = (pw - 2 * cw - page.px(8)) // 2
        y0 = page.px(rng.uniform(20, 50))
        spots = [(x0, y0), (x0 + cw + page.px(8), y0)]
    else:  # one above the other, centred or to the left
        x0 = (pw - cw) // 2 if rng.random() < 0.6 else page.px(rng.uniform(18, 30))
        y0 = page.px(rng.uniform(18, 45))
        spots = [(x0, y0), (x0, y0 + ch + page.px(rng.uniform(10, 25)))]
    for img, spot in zip(imgs, spots, strict=True):
        page.img.paste(img, spot)
    page.lines = f.lines + b.lines
    fields = {
        "id_number": person.id_number,
        "full_name": person.upper_name,
        "date_of_birth": iso(person.date_of_birth),
        "sex": person.sex,
        "nationality": person.nationality,
        "place_of_origin": person.place_of_origin,
        "place_of_residence": person.residence.text,
        "qr_payload": qr_payload(person),
    }
    if person.card_expiry:
        fields["date_of_expiry"] = iso(person.card_expiry)
    if person.card_issue_date:
        fields["date_of_issue"] = iso(person.card_issue_date)
    if person.old_id_number:
        fields["old_id_number"] = person.old_id_number
    return fields
