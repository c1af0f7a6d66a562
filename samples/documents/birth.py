"""Birth papers: the birth certificate (Giấy khai sinh, typed and sealed by the commune) and the
two-page birth registration form (Tờ khai đăng ký khai sinh) a parent fills in."""

from __future__ import annotations

import datetime as dt

from samples.canvas import L, SignBlock, V, sign_blocks
from samples.documents.common import Ctx, date_line, fit, header, motto, official_name, place_name
from samples.people import Household, Person, date_words, fmt_date, iso

CERT_TITLE = "GIẤY KHAI SINH"
FORM_TITLE = "TỜ KHAI ĐĂNG KÝ KHAI SINH"


def place_of_birth(hh: Household) -> str:
    prov = hh.address.province
    return f"{prov.maternity[hh.child.date_of_birth.toordinal() % len(prov.maternity)]}, {prov.full}"


def registration_date(hh: Household) -> dt.date:
    """The day the birth was registered: a few days after birth, never after 'today'."""
    return min(hh.today, hh.child.date_of_birth + dt.timedelta(days=3 + hh.child.date_of_birth.toordinal() % 7))


def id_paper(p: Person) -> str:
    return f"Căn cước công dân số {p.id_number}"


def _parent_rows(page, label: str, parent: Person, name: str, value_style: str, with_id: bool,
                 fill: bool = True) -> None:
    """Name, year of birth, ethnicity, nationality (and ID) and residence of one parent."""
    gap = 18 if fill else 0

    def val(text: str, min_mm: float = 0) -> V:
        return V(text, min_mm=min_mm, style=value_style, fill=fill)

    page.row([L(f"Họ, chữ đệm, tên người {label}:"), val(name)])
    page.row([L("Năm sinh:"), val(str(parent.date_of_birth.year), gap), L("Dân tộc:"), val(parent.ethnicity, gap),
              L("Quốc tịch:"), val(parent.nationality)])
    if with_id:
        page.row([L("Số định danh cá nhân:"), val(parent.id_number)])
    page.row([L("Nơi cư trú:"), val(parent.residence.text)], cont_indent_mm=0)


def render_certificate(ctx: Ctx) -> dict[str, str]:
    hh, rng, v = ctx.hh, ctx.rng, ctx.variant
    child, mother, father = hh.child, hh.mother, hh.father
    declarant = hh.birth_declarant
    size = (13.0, 12.5, 13.5)[v]
    border = v != 1
    margin = rng.uniform(22, 27)
    p = ctx.page(size, margins_mm=(margin, 18 if border else 14, margin - 4, 16), line_gap=rng.uniform(1.42, 1.55))
    if border:  # the ornamental frame of the official form
        d = p.draw
        for inset, width in ((10, 6), (13, 2)):
            d.rectangle((p.px(inset), p.px(inset), p.img.width - p.px(inset), p.img.height - p.px(inset)),
                        outline=(60, 60, 70), width=width)
    reg = registration_date(hh)
    number = str(rng.randint(15, 460))
    book = f"{rng.randint(1, 3):02d}/{reg.year}"
    org = ["ỦY BAN NHÂN DÂN", hh.address.ward.upper()]
    if v == 2:
        org.insert(1, hh.address.district.name.upper())
    header(p, org, size - 1.5, number=f"Số: {number}")
    if v != 0:
        p.row([L("Quyển số:"), V(book, fill=False)], size_pt=size - 1)
    p.skip(5)
    p.row([L(CERT_TITLE, "bold")], align="center", size_pt=size + 8)
    p.skip(4)
    st = "bold"
    p.row([L("Họ, chữ đệm, tên:"), V(child.upper_name, fill=False, style=st)])
    p.row([L("Ngày, tháng, năm sinh:"), V(fmt_date(child.date_of_birth), fill=False, style=st),
           L("ghi bằng chữ:"), V(date_words(child.date_of_birth), fill=False)], cont_indent_mm=0)
    p.row([L("Giới tính:"), V(child.sex, fill=False, style=st), L("   Dân tộc:"), V(child.ethnicity, fill=False),
           L("   Quốc tịch:"), V(child.nationality, fill=False)])
    p.row([L("Nơi sinh:"), V(place_of_birth(hh), fill=False)], cont_indent_mm=0)
    p.row([L("Quê quán:"), V(child.place_of_origin, fill=False)], cont_indent_mm=0)
    p.row([L("Số định danh cá nhân:"), V(child.id_number, fill=False, style=st)])
    p.skip(2)
    _parent_rows(p, "mẹ", mother, mother.upper_name, "regular", False, fill=False)
    _parent_rows(p, "cha", father, father.upper_name, "regular", False, fill=False)
    p.skip(2)
    p.row([L("Họ, chữ đệm, tên người đi đăng ký khai sinh:"), V(declarant.upper_name, fill=False)])
    p.row([L("Giấy tờ tùy thân:"), V(id_paper(declarant), fill=False)])
    p.row([L("Nơi đăng ký khai sinh:"), V(hh.registration_office, fill=False)], cont_indent_mm=0)
    p.row([L("Ngày, tháng, năm đăng ký:"), V(fmt_date(reg), fill=False)])
    p.skip(3)
    signer = official_name(rng)
    title = "NGƯỜI KÝ GIẤY KHAI SINH"
    ring = f"Ủy ban nhân dân {hh.address.ward} {hh.address.district.name}"
    sign_blocks(p, [None, SignBlock(title, "(Ký, ghi rõ họ, chữ đệm, tên, chức vụ và đóng dấu)",
                                    f"Phó Chủ tịch {signer}" if v == 1 else signer.upper(), seal=(ring, ""))],
                size_pt=size - 1.5)
    fields = {
        "document_number": number,
        "full_name": child.upper_name,
        "date_of_birth": iso(child.date_of_birth),
        "date_of_birth_in_words": date_words(child.date_of_birth),
        "sex": child.sex,
        "ethnicity": child.ethnicity,
        "nationality": child.nationality,
        "place_of_birth": place_of_birth(hh),
        "place_of_origin": child.place_of_origin,
        "id_number": child.id_number,
        "mother_full_name": mother.upper_name,
        "mother_year_of_birth": str(mother.date_of_birth.year),
        "mother_place_of_residence": mother.residence.text,
        "father_full_name": father.upper_name,
        "father_year_of_birth": str(father.date_of_birth.year),
        "father_place_of_residence": father.residence.text,
        "declarant_full_name": declarant.upper_name,
        "declarant_id_number": declarant.id_number,
        "registration_authority": hh.registration_office,
        "date_of_registration": iso(reg),
        "date_of_issue": iso(reg),
    }
    if v != 0:
        fields["book_number"] = book
    return fields


def render_registration_form(ctx: Ctx) -> dict[str, str]:
    """Two pages: requester and child on the first, parents and the pledge on the second."""
    hh, rng, v = ctx.hh, ctx.rng, ctx.variant
    child, mother, father = hh.child, hh.mother, hh.father
    declarant = hh.birth_declarant
    size = (13.0, 12.5, 13.5)[v]
    margins = (rng.uniform(22, 28), rng.uniform(14, 20), rng.uniform(15, 20), 16)
    gap = rng.uniform(1.5, 1.7)
    upper = rng.random() < 0.75
    def name(q):
        return (q.upper_name if upper else q.full_name)
    signed = registration_date(hh) - dt.timedelta(days=rng.randint(0, 1))
    relation = "Cha" if declarant is father else "Mẹ"
    with_ids = v != 0
    p = ctx.page(size, margins_mm=margins, line_gap=gap)
    if v == 2:
        p.columns([(0.6, 1.0)], [lambda q: q.row([L("Mẫu TP/HT-2020-KS.1", "italic")], align="right",
                                                  size_pt=size - 2)])
    motto(p, size - 0.5)
    p.skip(5)
    p.row([L(FORM_TITLE, "bold")], align="center", size_pt=fit(p, FORM_TITLE, "bold", size + 3))
    p.skip(3)
    p.row([L("Kính gửi:"), V(hh.registration_office)], indent_mm=15)
    p.skip(2)
    p.row([L("Họ, chữ đệm, tên người yêu cầu:"), V(name(declarant))])
    p.row([L("Nơi cư trú:"), V(declarant.residence.text)], cont_indent_mm=0)
    issue = fmt_date(declarant.card_issue_date) if declarant.card_issue_date else ""
    p.row([L("Giấy tờ tùy thân:"), V(f"{id_paper(declarant)}, cấp ngày {issue}")], cont_indent_mm=0)
    p.row([L("Quan hệ với người được khai sinh:"), V(relation)])
    p.row([L("Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:", "bold")])
    p.row([L("Họ, chữ đệm, tên:"), V(name(child))])
    p.row([L("Ngày, tháng, năm sinh:"), V(fmt_date(child.date_of_birth), min_mm=30), L("ghi bằng chữ:"),
           V(date_words(child.date_of_birth))], cont_indent_mm=0)
    p.row([L("Giới tính:"), V(child.sex, min_mm=18), L("Dân tộc:"), V(child.ethnicity, min_mm=18),
           L("Quốc tịch:"), V(child.nationality)])
    p.row([L("Nơi sinh:"), V(place_of_birth(hh))], cont_indent_mm=0)
    p.row([L("Quê quán:"), V(child.place_of_origin)], cont_indent_mm=0)
    p.skip(2)
    _parent_rows(p, "mẹ", mother, name(mother), "regular", with_ids)

    p2 = ctx.page(size, margins_mm=margins, line_gap=gap)
    _parent_rows(p2, "cha", father, name(father), "regular", with_ids)
    p2.skip(3)
    for line in ("Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự thỏa thuận "
                 "nhất trí của các bên liên quan theo quy định pháp luật.",
                 "Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình."):
        p2.row([L(line)], indent_mm=10, cont_indent_mm=0)
    p2.skip(3)
    p2.row([L("Làm tại:"), V(place_name(hh), min_mm=25), L(date_line(hh, signed, rng, place=False).lower())],
           align="right")
    sign_blocks(p2, [None, SignBlock("Người yêu cầu", "(Ký, ghi rõ họ, chữ đệm, tên)", name(declarant),
                                     hand_name=True)], size_pt=size - 0.5)
    p2.skip(4)
    copies = f"{rng.randint(1, 3):02d}"
    p2.row([L("Đề nghị cấp bản sao:"), V("Có", min_mm=12), L("Số lượng:"), V(copies, min_mm=12), L("bản")])
    fields = {
        "recipient_authority": hh.registration_office,
        "declarant_full_name": name(declarant),
        "declarant_id_number": declarant.id_number,
        "declarant_relationship": relation,
        "place_of_residence": declarant.residence.text,
        "full_name": name(child),
        "date_of_birth": iso(child.date_of_birth),
        "date_of_birth_in_words": date_words(child.date_of_birth),
        "sex": child.sex,
        "ethnicity": child.ethnicity,
        "nationality": child.nationality,
        "place_of_birth": place_of_birth(hh),
        "place_of_origin": child.place_of_origin,
        "mother_full_name": name(mother),
        "mother_year_of_birth": str(mother.date_of_birth.year),
        "mother_place_of_residence": mother.residence.text,
        "father_full_name": name(father),
        "father_year_of_birth": str(father.date_of_birth.year),
        "father_place_of_residence": father.residence.text,
        "date_of_issue": iso(signed),
    }
    if with_ids:
        fields["mother_id_number"] = mother.id_number
        fields["father_id_number"] = father.id_number
    return fields
