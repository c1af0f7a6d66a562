"""Death papers: the hospital's death notice (Giấy báo tử) or the commune's death registration
extract (Trích lục khai tử). Both are typed, signed and sealed."""

from __future__ import annotations

import datetime as dt

from samples.canvas import L, SignBlock, V, sign_blocks
from samples.documents.common import Ctx, date_line, fit, header, official_name
from samples.people import fmt_date, iso


def render(ctx: Ctx) -> dict[str, str]:
    hh, rng, v = ctx.hh, ctx.rng, ctx.variant
    person = ctx.subject
    declarant = hh.death_declarant
    extract = v == 2  # trích lục khai tử; otherwise a hospital or commune death notice
    size = (13.0, 12.5, 13.0)[v]
    p = ctx.page(size, margins_mm=(rng.uniform(22, 28), rng.uniform(14, 20), rng.uniform(15, 20), 16),
                 line_gap=rng.uniform(1.45, 1.6))
    prov = hh.address.province
    in_hospital = hh.place_of_death.startswith("Bệnh viện")
    issued = min(hh.today, hh.date_of_death + dt.timedelta(days=rng.randint(0, 6)))
    number = f"{rng.randint(3, 900)}" + ("/GBT" if not extract else "")
    if extract:
        org = ["ỦY BAN NHÂN DÂN", hh.address.ward.upper()]
        title = "TRÍCH LỤC KHAI TỬ"
    elif in_hospital:
        org = [f"SỞ Y TẾ {prov.name.upper()}", hh.place_of_death.split(",")[0].upper()]
        title = "GIẤY BÁO TỬ"
    else:
        org = ["ỦY BAN NHÂN DÂN", hh.address.ward.upper()]
        title = "GIẤY BÁO TỬ"
    header(p, org, size - 1.5, number=f"Số: {number}")
    if extract:
        p.row([L("Bản chính", "italic")], align="right", size_pt=size - 1)
    p.skip(5)
    p.row([L(title, "bold")], align="center", size_pt=fit(p, title, "bold", size + 6))
    if extract:
        p.row([L("(Bản chính)", "italic")], align="center", size_pt=size - 1)
    p.skip(4)
    st = "bold" if v != 1 else "regular"
    if not extract:
        p.row([L("Ông/bà:" if v == 1 else "Họ và tên người chết:"), V(person.upper_name, fill=False, style=st)])
    else:
        p.row([L("Họ, chữ đệm, tên:"), V(person.upper_name, fill=False, style=st)])
    p.row([L("Ngày, tháng, năm sinh:"), V(fmt_date(person.date_of_birth), fill=False), L("   Giới tính:"),
           V(person.sex, fill=False)])
    p.row([L("Dân tộc:"), V(person.ethnicity, fill=False), L("   Quốc tịch:"), V(person.nationality, fill=False)])
    p.row([L("Số định danh cá nhân:"), V(person.id_number, fill=False, style=st)])
    p.row([L("Nơi thường trú:" if not extract else "Nơi cư trú cuối cùng:"), V(person.residence.text, fill=False)],
          cont_indent_mm=0)
    p.row([L("Đã chết vào lúc:"), V(f"{hh.time_of_death}, ngày {fmt_date(hh.date_of_death)}", fill=False, style=st)])
    p.row([L("Nơi chết:"), V(hh.place_of_death, fill=False)], cont_indent_mm=0)
    p.row([L("Nguyên nhân chết:"), V(hh.cause_of_death, fill=False)])
    fields = {
        "document_number": number,
        "title": title,
        "full_name": person.upper_name,
        "date_of_birth": iso(person.date_of_birth),
        "sex": person.sex,
        "ethnicity": person.ethnicity,
        "nationality": person.nationality,
        "id_number": person.id_number,
        "place_of_residence": person.residence.text,
        "date_of_death": iso(hh.date_of_death),
        "time_of_death": hh.time_of_death,
        "place_of_death": hh.place_of_death,
        "cause_of_death": hh.cause_of_death,
        "date_of_issue": iso(issued),
    }
    if extract or v == 1:
        p.skip(2)
        p.row([L("Họ, chữ đệm, tên người đi khai tử:"), V(declarant.upper_name, fill=False)])
        p.row([L("Giấy tờ tùy thân:"), V(f"Căn cước công dân số {declarant.id_number}", fill=False)])
        fields["declarant_full_name"] = declarant.upper_name
        fields["declarant_id_number"] = declarant.id_number
    if extract:
        p.row([L("Nơi đăng ký khai tử:"), V(hh.registration_office, fill=False)])
        p.row([L("Ngày, tháng, năm đăng ký:"), V(fmt_date(issued), fill=False)])
        fields["date_of_registration"] = iso(issued)
        fields["registration_authority"] = hh.registration_office
    p.skip(4)
    signer = official_name(rng)
    if in_hospital and not extract:
        ring = f"{hh.place_of_death.split(',')[0]} {prov.full}"
        block = SignBlock("GIÁM ĐỐC", "(Ký, ghi rõ họ tên và đóng dấu)", signer.upper(), seal=(ring, ""),
                          date_line=date_line(hh, issued, rng))
    else:
        ring = f"Ủy ban nhân dân {hh.address.ward} {hh.address.district.name}"
        block = SignBlock("NGƯỜI KÝ TRÍCH LỤC" if extract else "TM. ỦY BAN NHÂN DÂN",
                          "(Ký, ghi rõ họ, chữ đệm, tên, chức vụ và đóng dấu)", signer.upper(), seal=(ring, ""),
                          date_line=date_line(hh, issued, rng))
    sign_blocks(p, [None, block], size_pt=size - 1)
    return fields
