"""Papers of type ``other``: a citizen's request letter (Đơn đề nghị) or the one-stop-shop receipt
(Giấy tiếp nhận hồ sơ và hẹn trả kết quả), which prints the dossier code."""

from __future__ import annotations

import datetime as dt

from samples.canvas import L, SignBlock, V, sign_blocks
from samples.documents.common import Ctx, date_line, fit, header, motto, official_name
from samples.people import fmt_date, iso

RECEIPT_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
REQUESTS = (
    ("ĐƠN ĐỀ NGHỊ", "V/v cấp bản sao trích lục hộ tịch",
     "Đề nghị cấp 02 bản sao Giấy khai sinh của bản thân", "Bổ sung hồ sơ xin việc"),
    ("ĐƠN ĐỀ NGHỊ", "V/v xác nhận thông tin hộ gia đình",
     "Đề nghị xác nhận thông tin hộ gia đình để làm thủ tục vay vốn", "Vay vốn ngân hàng chính sách xã hội"),
    ("ĐƠN ĐỀ NGHỊ CHỨNG THỰC", "V/v chứng thực bản sao từ bản chính",
     "Đề nghị chứng thực 03 bản sao Căn cước công dân", "Bổ sung hồ sơ nhập học cho con"),
)
PROCEDURE_NAMES = {
    "birth_group": "Liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em "
                   "dưới 6 tuổi",
    "death_group": "Liên thông thủ tục đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất",
    "residence_change": "Đăng ký thường trú",
    "generic": "Cấp bản sao trích lục hộ tịch",
}


def render(ctx: Ctx) -> dict[str, str]:
    kind = ctx.options.get("kind") or ("receipt" if ctx.variant == 2 else "letter")
    return _receipt(ctx) if kind == "receipt" else _letter(ctx)


def _letter(ctx: Ctx) -> dict[str, str]:
    hh, person, rng, v = ctx.hh, ctx.subject, ctx.rng, ctx.variant
    title, subject_line, content, reason = REQUESTS[(v + rng.randrange(len(REQUESTS))) % len(REQUESTS)]
    size = rng.choice((13.0, 13.5, 14.0))
    p = ctx.page(size, margins_mm=(rng.uniform(25, 30), rng.uniform(15, 22), rng.uniform(15, 20), 16),
                 line_gap=rng.uniform(1.5, 1.7))
    signed = hh.today - dt.timedelta(days=rng.randint(0, 2))
    motto(p, size - 0.5)
    p.skip(8)
    p.row([L(title, "bold")], align="center", size_pt=fit(p, title, "bold", size + 4))
    p.row([L(subject_line, "italic")], align="center")
    p.skip(5)
    p.row([L("Kính gửi:", "bold"), V(hh.registration_office)], indent_mm=20)
    p.skip(3)
    p.row([L("Tôi tên là:"), V(person.full_name)])
    p.row([L("Sinh ngày:"), V(fmt_date(person.date_of_birth), min_mm=35), L("Giới tính:"), V(person.sex)])
    p.row([L("Số định danh cá nhân:"), V(person.id_number)])
    p.row([L("Nơi thường trú:"), V(person.residence.text)], cont_indent_mm=0)
    p.row([L("Số điện thoại:"), V(person.phone)])
    p.row([L("Nội dung đề nghị:"), V(content)], cont_indent_mm=0)
    p.row([L("Lý do:"), V(reason)], cont_indent_mm=0)
    p.skip(2)
    p.row([L("Tôi xin cam đoan những thông tin trên là đúng sự thật và chịu trách nhiệm trước pháp luật về "
             "lời khai của mình.")], indent_mm=10, cont_indent_mm=0)
    p.row([L("Kính đề nghị Quý cơ quan xem xét, giải quyết.")], indent_mm=10)
    p.skip(4)
    sign_blocks(p, [None, SignBlock("NGƯỜI LÀM ĐƠN", "(Ký và ghi rõ họ tên)", person.full_name,
                                    date_line=date_line(hh, signed, rng), hand_name=True)], size_pt=size - 0.5)
    return {
        "title": title,
        "recipient_authority": hh.registration_office,
        "full_name": person.full_name,
        "date_of_birth": iso(person.date_of_birth),
        "sex": person.sex,
        "id_number": person.id_number,
        "place_of_residence": person.residence.text,
        "phone_number": person.phone,
        "request_content": content,
        "date_of_issue": iso(signed),
    }


def _receipt(ctx: Ctx) -> dict[str, str]:
    hh, person, rng = ctx.hh, ctx.subject, ctx.rng
    ctx.hand = False
    size = 12.5
    p = ctx.page(size, margins_mm=(rng.uniform(20, 25), rng.uniform(12, 16), rng.uniform(15, 18), 14),
                 line_gap=1.42)
    code = ctx.options.get("dossier_code") or f"HS-{hh.today.year}-{rng.randrange(10**6):06d}"
    procedure = PROCEDURE_NAMES[ctx.options.get("procedure", "generic")]
    received = hh.today
    due = received + dt.timedelta(days=rng.choice((3, 5, 7)))
    hour = f"{rng.randint(7, 16):02d} giờ {rng.choice((0, 10, 15, 20, 30, 45, 50)):02d} phút"
    header(p, ["ỦY BAN NHÂN DÂN", hh.address.ward.upper(), "BỘ PHẬN MỘT CỬA"], size - 1.5,
           number=f"Mã hồ sơ: {code}", split=0.45)
    p.skip(4)
    p.row([L(RECEIPT_TITLE, "bold")], align="center", size_pt=fit(p, RECEIPT_TITLE, "bold", size + 2.5))
    p.skip(3)
    p.row([L(f"Bộ phận tiếp nhận và trả kết quả {hh.address.ward}"), L("tiếp nhận hồ sơ của:")], cont_indent_mm=0)
    p.row([L("Ông/bà:"), V(person.upper_name, fill=False, style="bold")])
    p.row([L("Số định danh cá nhân:"), V(person.id_number, fill=False)])
    p.row([L("Địa chỉ:"), V(person.residence.text, fill=False)], cont_indent_mm=0)
    p.row([L("Số điện thoại:"), V(person.phone, fill=False)])
    p.row([L("Nội dung yêu cầu giải quyết:"), V(procedure, fill=False)], cont_indent_mm=0)
    p.row([L("1. Thành phần hồ sơ nộp gồm:")])
    papers = ctx.options.get("papers", "Đơn đề nghị;Căn cước công dân").split(";")
    rows = [[str(i + 1), name, "Bản chính" if i == 0 else "Bản sao", "01"] for i, name in enumerate(papers)]
    p.table(["TT", "Tên giấy tờ", "Hình thức", "Số lượng"], rows, [0.6, 5.0, 1.7, 1.3])
    p.row([L("2. Số lượng hồ sơ: 01 bộ")])
    p.row([L("3. Thời gian giải quyết hồ sơ theo quy định là:"), V(f"{(due - received).days:02d} ngày làm việc",
                                                                     fill=False)])
    p.row([L("4. Thời gian nhận hồ sơ:"), V(f"{hour}, ngày {fmt_date(received)}", fill=False)])
    p.row([L("5. Thời gian trả kết quả giải quyết hồ sơ:"), V(f"{hour}, ngày {fmt_date(due)}", fill=False)],
          cont_indent_mm=0)
    p.row([L("6. Đăng ký nhận kết quả tại: Bộ phận một cửa")])
    p.skip(2)
    officer = official_name(rng)
    sign_blocks(p, [SignBlock("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", person.full_name, hand_name=True),
                    SignBlock("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", officer)], size_pt=size - 0.5,
                space_mm=18)
    return {
        "title": RECEIPT_TITLE,
        "dossier_code": code,
        "procedure_name": procedure,
        "full_name": person.upper_name,
        "id_number": person.id_number,
        "place_of_residence": person.residence.text,
        "phone_number": person.phone,
        "date_of_issue": iso(received),
        "date_of_appointment": iso(due),
    }
