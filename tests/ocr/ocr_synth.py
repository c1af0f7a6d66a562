"""Deterministic synthetic pages for the OCR tests: Vietnamese text rendered with a Debian font."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"

LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ",
    "Họ, chữ đệm và tên: Nguyễn Thị Hồng Nhung",
    "Ngày, tháng, năm sinh: 12/05/1987. Giới tính: Nữ",
    "Số định danh cá nhân: 001187012345",
    "Nơi thường trú: Số 18 ngõ 42 phố Trần Quốc Hoàn,",
    "phường Dịch Vọng Hậu, quận Cầu Giấy, Hà Nội.",
    "Quan hệ với chủ hộ: con đẻ. Dân tộc: Kinh.",
    "Công an phường xác nhận thông tin nêu trên",
    "là đúng với cơ sở dữ liệu về cư trú.",
    "Giấy này có giá trị trong thời hạn ba mươi ngày",
    "kể từ ngày ký. Người đề nghị chịu trách nhiệm",
    "trước pháp luật về nội dung đã khai báo.",
]


def render_page(
    lines: list[str] = LINES,
    size: tuple[int, int] = (1240, 1754),
    font_px: int = 40,
    margin: int = 90,
    spacing: float = 1.7,
    font: str = FONT,
) -> tuple[Image.Image, str]:
    """A white RGB page with `lines` top-left aligned; returns (image, text joined by newlines)."""
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(font, font_px)
    y = margin
    for line in lines:
        draw.text((margin, y), line, fill=(20, 20, 20), font=face)
        y += int(font_px * spacing)
    img.info["dpi"] = (150, 150)
    return img, "\n".join(lines)


def rotate_content(img: Image.Image, ccw_deg: float) -> Image.Image:
    """Rotate counter-clockwise by `ccw_deg`, expanding the canvas with white (a skewed scan)."""
    return img.rotate(ccw_deg, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white")


def turn(img: Image.Image, rotation_cw_needed: int) -> Image.Image:
    """A page that needs a clockwise turn of `rotation_cw_needed` degrees to be upright."""
    return img.rotate(rotation_cw_needed, expand=True) if rotation_cw_needed else img


def cer(truth: str, hyp: str) -> float:
    """Character error rate: Levenshtein distance / len(truth), whitespace runs collapsed."""
    a, b = " ".join(truth.split()), " ".join(hyp.split())
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] / max(1, len(a))
