"""Residence papers: confirmation of residence information (Mẫu CT07) issued by the police, and the
citizen's declaration of change of residence information (Mẫu CT01), usually filled in by hand."""

from __future__ import annotations

import datetime as dt

from samples.canvas import L, SignBlock, V, sign_blocks
from samples.documents.common import Ctx, date_line, fit, header, motto, official_name
from samples.people import Household, Person, fmt_date, iso

CT07_TITLE = "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ"
CT01_TITLE = "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ"


def relationship(person: Person, hh: Household) -> str:
    """Relationship to the household head (the father)."""
    if person is hh.father:
        return "Chủ hộ"
    if person is hh.mother:
        return "Vợ"
    if person is hh.child:
        return "Con"
    if person is hh.elder:
        return "Bố" if person.sex == "Nam" else "Mẹ"
    return "Khác"


def _police_org(hh: Household) -> list[str]:
    p = hh.address.province
    head = "CÔNG AN THÀNH PHỐ" if p.full.startswith("thành phố") else "CÔNG AN TỈNH"
    return [f"{head} {p.name.upper()}", f"CÔNG AN {hh.address.district.name.upper()}",
            f"CÔNG AN {hh.address.ward.upper()}"]


def render_confirmation(ctx: Ctx) -> dict[str, str]:
    """Mẫu CT07: typed, signed and sealed by the head of the residence registration office."""
    hh, person, rng, v = ctx.hh, ctx.subject, ctx.rng, ctx.variant
    size = (12.5, 13.0, 12.0)[v]
    p = ctx.page(size, margins_mm=(rng.uniform(22, 30), rng.uniform(12, 18), rng.uniform(14, 20), 14),
                 line_gap=rng.uniform(1.38, 1.5))
    issued = hh.today - dt.timedelta(days=rng.randint(1, 20))
    number = f"{rng.randint(12, 980)}/XN"
    org = _police_org(hh)
    if v == 1:
        org = org[1:]
    header(p, org, size - 1, number=f"Số: {number}")
    p.row([L(date_line(hh, issued, rng), "italic")], align="right", size_pt=size - 0.5)
    p.skip(3)
    p.row([L(CT07_TITLE, "bold")], align="center", size_pt=fit(p, CT07_TITLE, "bold", size + 3))
    p.skip(2)
    office = hh.police_office
    if v == 2:
        p.row([L("Căn cứ Luật Cư trú ngày 13 tháng 11 năm 2020;")], indent_mm=10)
    p.row([L("Theo đề nghị của ông/bà:"), V(person.upper_name, fill=False)], indent_mm=10)
    p.row([L(f"{office} xác nhận thông tin về cư trú của công dân như sau:")], indent_mm=10, cont_indent_mm=0)
    head = hh.father
    n = iter(range(1, 30))
    typed = "bold" if v != 1 else "regular"

    def item(label: str, value: str, *more: tuple[str, str]) -> None:
        segs = [L(f"{next(n)}. {label}:"), V(value, fill=False, style=typed)]
        for lab, val in more:
            segs += [L(f"   {next(n)}. {lab}:"), V(val, fill=False, style=typed)]
        p.row(segs, cont_indent_mm=0)

    item("Họ, chữ đệm và tên", person.upper_name)
    item("Ngày, tháng, năm sinh", fmt_date(person.date_of_birth), ("Giới tính", person.sex))
    item("Số định danh cá nhân", person.id_number)
    item("Dân tộc", person.ethnicity, ("Tôn giáo", person.religion), ("Quốc tịch", person.nationality))
    item("Quê quán", person.place_of_origin)
    item("Nơi thường trú", person.residence.text)
    item("Nơi tạm trú", "")
    item("Nơi ở hiện tại", person.residence.text)
    item("Họ, chữ đệm và tên chủ hộ", head.upper_name, ("Quan hệ với chủ hộ", relationship(person, hh)))
    item("Số định danh cá nhân của chủ hộ", head.id_number)
    p.row([L(f"{next(n)}. Thông tin về các thành viên khác trong hộ gia đình:")])
    members = [m for m in (hh.father, hh.mother, hh.child) if m is not person]
    if ctx.options.get("include_child") != "yes":
        members = [m for m in members if m is not hh.child]
    rows = [[str(i + 1), m.upper_name, fmt_date(m.date_of_birth), m.sex, m.id_number, relationship(m, hh)]
            for i, m in enumerate(members)]
    p.table(["TT", "Họ, chữ đệm và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Quan hệ với chủ hộ"],
            rows, [0.6, 3.4, 1.7, 1.2, 2.6, 2.1], hand=False, min_rows=len(rows) + (1 if v == 0 else 0))
    p.skip(2)
    p.row([L("Giấy xác nhận có giá trị sử dụng 30 ngày kể từ ngày cấp.", "italic")], indent_mm=10)
    p.skip(2)
    signer = official_name(rng)
    ring = f"{hh.police_office} {hh.address.district.name}"
    sign_blocks(p, [None, SignBlock("THỦ TRƯỞNG CƠ QUAN ĐĂNG KÝ CƯ TRÚ", "(Ký, ghi rõ họ tên và đóng dấu)",
                                    signer.upper() if v != 1 else signer, seal=(ring, ""))], size_pt=size - 0.5)
    return {
        "document_number": number,
        "date_of_issue": iso(issued),
        "full_name": person.upper_name,
        "date_of_birth": iso(person.date_of_birth),
        "sex": person.sex,
        "id_number": person.id_number,
        "ethnicity": person.ethnicity,
        "religion": person.religion,
        "nationality": person.nationality,
        "place_of_origin": person.place_of_origin,
        "place_of_residence": person.residence.text,
        "current_residence": person.residence.text,
        "household_head_full_name": head.upper_name,
        "household_head_id_number": head.id_number,
        "relationship_to_household_head": relationship(person, hh),
    }


def render_declaration(ctx: Ctx) -> dict[str, str]:
    """Mẫu CT01: filled in by the citizen (by hand in blue ink, or typed), signed by the declarant."""
    hh, person, rng, v = ctx.hh, ctx.subject, ctx.rng, ctx.variant
    size = (12.5, 12.0, 13.0)[v]
    p = ctx.page(size, margins_mm=(rng.uniform(20, 28), rng.uniform(10, 15), rng.uniform(14, 20), 12),
                 line_gap=rng.uniform(1.4, 1.55))
    declared = hh.today - dt.timedelta(days=rng.randint(0, 3))
    upper = rng.random() < 0.7  # people often print names in capitals on forms
    def name(q):
        return (q.upper_name if upper else q.full_name)

    def form_note(q):
        for line in ("Mẫu CT01 ban hành kèm theo Thông tư", "số 66/2023/TT-BCA ngày 17/11/2023",
                     "của Bộ trưởng Bộ Công an"):
            q.row([L(line, "italic")], align="center", size_pt=size - 3, gap=1.2)

    if v != 1:
        p.columns([(0.62, 1.0)], [form_note])
        p.skip(2)
    motto(p, size)
    p.skip(3)
    p.row([L(CT01_TITLE, "bold")], align="center", size_pt=fit(p, CT01_TITLE, "bold", size + 3))
    p.skip(2)
    p.row([L("Kính gửi:"), V(hh.police_office)], indent_mm=12 if v == 2 else 0)
    purpose = ctx.options.get("purpose", "residence_change")
    declarant = hh.death_declarant if purpose == "death" else person
    n = iter(range(1, 30))

    def item(label: str, value: str, *more: tuple[str, str], min_mm: float = 0) -> None:
        segs = [L(f"{next(n)}. {label}:"), V(value, min_mm=min_mm)]
        for lab, val in more:
            segs += [L(f"{next(n)}. {lab}:"), V(val, min_mm=12)]
        p.row(segs, cont_indent_mm=0)

    item("Họ, chữ đệm và tên", name(person))
    item("Ngày, tháng, năm sinh", fmt_date(person.date_of_birth), ("Giới tính", person.sex), min_mm=40)
    item("Số định danh cá nhân", person.id_number)
    phone = "" if purpose == "death" else person.phone
    item("Số điện thoại liên hệ", phone, ("Email", ""), min_mm=45)
    head = hh.father
    item("Họ, chữ đệm và tên chủ hộ", name(head), ("Mối quan hệ với chủ hộ", relationship(person, hh)))
    item("Số định danh cá nhân của chủ hộ", head.id_number)
    if purpose == "death":
        content = (f"Xóa đăng ký thường trú đối với {'ông' if person.sex == 'Nam' else 'bà'} {person.full_name}"
                   f" do đã chết ngày {fmt_date(hh.date_of_death)}")
        new_address = ""
    else:
        new_address = ctx.options.get("new_address", hh.address.text)
        content = f"Đăng ký thường trú tại {new_address}"
    item("Nội dung đề nghị", content)
    p.row([L(f"{next(n)}. Những thành viên trong hộ gia đình cùng thay đổi:")])
    movers = [] if purpose == "death" else [m for m in (hh.mother, hh.child) if m is not person][: rng.randint(0, 2)]
    rows = [[str(i + 1), name(m), fmt_date(m.date_of_birth), m.sex, m.id_number, relationship(m, hh)]
            for i, m in enumerate(movers)]
    p.table(["TT", "Họ, chữ đệm và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Quan hệ với chủ hộ"],
            rows, [0.6, 3.4, 1.7, 1.2, 2.6, 2.1], min_rows=max(2, len(rows)))
    p.skip(3)
    p.row([L(date_line(hh, declared, rng, place=v != 1), "italic")], align="right", size_pt=size - 1)
    small = size - 1.5
    decl = SignBlock("NGƯỜI KÊ KHAI", "(Ký, ghi rõ họ tên)", name(declarant), hand_name=True)
    head_block = SignBlock("Ý KIẾN CỦA CHỦ HỘ", "(Ghi rõ nội dung, ký, ghi rõ họ tên)",
                           name(head) if declarant is not head else "", hand_name=True)
    if v == 0:
        blocks = [head_block, SignBlock("Ý KIẾN CỦA CHỦ SỞ HỮU CHỖ Ở HỢP PHÁP", "(Ký, ghi rõ họ tên)", ""),
                  SignBlock("Ý KIẾN CỦA CHA, MẸ HOẶC NGƯỜI GIÁM HỘ", "(Ký, ghi rõ họ tên)", ""), decl]
    else:
        blocks = [head_block, decl]
    sign_blocks(p, blocks, size_pt=small, space_mm=20)
    fields = {
        "recipient_authority": hh.police_office,
        "full_name": name(person),
        "date_of_birth": iso(person.date_of_birth),
        "sex": person.sex,
        "id_number": person.id_number,
        "phone_number": phone,
        "household_head_full_name": name(head),
        "household_head_id_number": head.id_number,
        "relationship_to_household_head": relationship(person, hh),
        "request_content": content,
        "declarant_full_name": name(declarant),
        "date_of_issue": iso(declared),
    }
    if new_address:
        fields["new_place_of_residence"] = new_address
    if purpose == "death":
        fields["date_of_death"] = iso(hh.date_of_death)
    return fields
