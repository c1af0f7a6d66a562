"""The whole page pipeline on generated pages: reading accuracy through rotation, skew and seals."""

from __future__ import annotations

import io
import json
import random
import re
import unicodedata

import cv2
import numpy as np
import pytest
from ocr_synth import FONT_BOLD, LINES, cer, render_page, rotate_content, turn
from PIL import Image, ImageDraw, ImageFont

from classifiers.text import MONTH_WORD, YEAR_WORD, fold
from ocr import clean
from ocr.load import load_page
from ocr.pipeline import process_page
from ocr.read import read
from ocr.types import PageResult
from samples.degrade import degrade
from samples.documents import DOC_TYPES, render
from samples.dossier import write_dossier
from samples.people import make_household


def test_upright_page_reads_cleanly(page):
    img, text = page
    result, corrected = process_page(img)
    assert result.rotation == 0 and abs(result.skew_deg) < 0.3
    assert cer(text, result.text) < 0.02
    assert result.text == unicodedata.normalize("NFC", result.text)
    assert 0.8 < result.confidence <= 1.0
    assert (result.width, result.height) == corrected.size
    assert all(0 <= w.confidence <= 1 and w.text for w in result.words)
    assert PageResult.from_dict(result.to_dict()) == result


@pytest.mark.parametrize(("rotation", "skew"), [(90, 4.5), (180, -7.0)])
def test_rotated_skewed_page(page, rotation, skew):
    img, text = page
    result, corrected = process_page(turn(rotate_content(img, skew), rotation))
    assert result.rotation == rotation
    assert result.skew_deg == pytest.approx(skew, abs=0.3)
    assert cer(text, result.text) < 0.03
    # word boxes refer to the corrected image: the box of the title word is dark there
    word = next(w for w in result.words if w.text == "CỘNG")
    x0, y0, x1, y1 = word.bbox
    ink = np.asarray(corrected.convert("L"))[y0:y1, x0:x1]
    assert ink.size and ink.min() < 100 and corrected.size[1] > corrected.size[0]


def _draw_seal(d: ImageDraw.ImageDraw, centre: tuple[int, int], radius: int, ink, labels: tuple[str, str],
               shape: tuple[float, ...] = (9, 0.72, 4, 0.3, 0.16, 0.5)) -> None:
    """A round seal: rim, inner ring, star and a label above and below the star. `shape`: rim width, inner
    ring radius (share of the rim's) and width, star radius, letter size and label offset (shares)."""
    rim, inner, inner_w, star, letters, label_at = shape
    cx, cy = centre
    for r, w in ((radius, int(rim)), (int(radius * inner), int(inner_w))):
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ink, width=w)
    d.regular_polygon((cx, cy, radius * star), 5, fill=ink)
    font = ImageFont.truetype(FONT_BOLD, int(radius * letters))
    d.text((cx, cy - radius * label_at), labels[0], fill=ink, font=font, anchor="mm")
    d.text((cx, cy + radius * label_at), labels[1], fill=ink, font=font, anchor="mm")


def _add_seal(img: Image.Image, centre: tuple[int, int], radius: int) -> Image.Image:
    """A red round seal multiplied over the page, like stamp ink over print."""
    seal = Image.new("RGB", img.size, "white")
    _draw_seal(ImageDraw.Draw(seal), centre, radius, (215, 35, 45), ("CÔNG AN PHƯỜNG", "DỊCH VỌNG HẬU"))
    out = np.asarray(img, np.float32) * np.asarray(seal, np.float32) / 255.0
    return Image.fromarray(out.astype(np.uint8))


def test_red_seal_is_suppressed(page):
    img, text = page
    sealed = _add_seal(img, (620, 560), 300)
    result, _ = process_page(sealed)
    assert cer(text, result.text) < 0.03
    assert "CÔNG AN" not in result.text


@pytest.mark.parametrize(("rotation", "slant"), [(0, 0.0), (90, 0.0), (0, 8.0), (270, -6.0)])
def test_red_printed_title_stays_when_the_page_is_sideways_or_slanted(rotation, slant):
    """The insurance card's title is red print: kept by its shape (a thin, long line) whatever the
    page's turn, while a red seal on the same page is lifted."""
    img, text = render_page(LINES[2:7], margin=170)
    title = "THẺ BẢO HIỂM Y TẾ"
    ImageDraw.Draw(img).text((620, 70), title, fill=(200, 30, 40), font=ImageFont.truetype(FONT_BOLD, 36),
                             anchor="mt")
    sealed = _add_seal(img, (900, 700), 220)
    result, _ = process_page(turn(rotate_content(sealed, slant), rotation))
    assert result.rotation == rotation
    assert title in result.text
    assert "CÔNG AN" not in result.text and cer(f"{title}\n{text}", result.text) < 0.05


def test_uneven_light_grey_paper_low_contrast(page):
    img, text = page
    arr = np.asarray(img, np.float32)
    h, w = arr.shape[:2]
    light = np.linspace(1.0, 0.45, w)[None, :, None] * np.linspace(0.85, 1.0, h)[:, None, None]
    paper = np.array([235, 225, 190], np.float32)  # yellowed paper
    faded = 255 - (255 - arr) * 0.45  # photocopy with weak toner
    out = (faded / 255.0 * paper * light).clip(0, 255).astype(np.uint8)
    result, _ = process_page(Image.fromarray(out))
    assert cer(text, result.text) < 0.03


def test_phone_photo_on_dark_table_without_dpi(page):
    img, text = page
    small = rotate_content(img, -3.0).resize((870, 1250), Image.Resampling.LANCZOS)  # ~15 px glyphs
    table = Image.new("RGB", (1100, 1500), (70, 50, 35))
    table.paste(small, (110, 120))
    result, corrected = process_page(table)
    assert result.rotation == 0 and result.skew_deg == pytest.approx(-3.0, abs=0.4)
    assert cer(text, result.text) < 0.05
    assert corrected.size[0] >= 1100  # stored image keeps the input resolution, not the OCR one
    assert result.words[0].bbox[0] >= 100  # boxes in the corrected image frame, not the resampled one


def test_read_words_and_lines(page):
    img, text = page
    words, out, conf = read(img.convert("L"))
    assert out.count("\n") == len(text.splitlines()) - 1
    assert conf == pytest.approx(sum(w.confidence for w in words) / len(words), abs=1e-3)
    assert len({w.line for w in words}) == len(text.splitlines())


def test_photocopier_streak_does_not_split_columns(page):
    img, text = page
    streaked = img.copy()
    draw = ImageDraw.Draw(streaked)
    for x in (300, 301, 302):  # a thin grey streak over the whole page, through the text
        draw.line((x, 0, x + 2, img.height), fill=(110, 110, 110))
    result, _ = process_page(streaked)
    assert cer(text, result.text) < 0.03


def test_grey_input_gives_grey_corrected_image_with_the_corners_it_uncovers_paper_grey():
    img, text = render_page(LINES[3:8], size=(1240, 800))
    grey = rotate_content(img, 2.0).convert("L").point(lambda v: 40 + v * 185 // 255)  # paper at 225
    result, corrected = process_page(grey)
    assert corrected.mode == "L" and result.skew_deg == pytest.approx(2.0, abs=0.3)
    assert cer(text, result.text) < 0.03
    # one warp serves the stored image and the reading: the stored image's new corners are the paper's grey
    page = np.asarray(corrected)
    assert page[0, 0] == page[-1, -1] == page[0, -1] == page[-1, 0]
    assert abs(int(page[0, 0]) - 225) <= 6


def _grey_sealed_card(seal: bool = True) -> Image.Image:
    """A grey photocopy (print at 70, paper at 215) of a sparse card-like page whose signature block lies
    under a grey seal. Once the page is stretched its darkest 0.5 % is the seal as well as the print."""
    lines = ["BẢO HIỂM XÃ HỘI VIỆT NAM", "Họ và tên: HUỲNH THU THẢO", "Giá trị sử dụng: từ ngày 31/08/2026",
             "", "", "Ngày 25 tháng 09 năm 2026", "", "GIÁM ĐỐC", "", "", "HOÀNG KIM LOAN"]
    img, _ = render_page(lines, margin=120)
    grey = np.asarray(img.convert("L"), np.float32)
    if seal:
        layer = Image.new("L", img.size, 255)
        _draw_seal(ImageDraw.Draw(layer), _GREY_SEAL, 190, 120, ("BHXH TỈNH NAM", "HUYỆN ĐÔNG ANH"),
                   shape=(7, 0.7, 4, 0.24, 0.17, 0.85))
        grey = grey * np.asarray(layer, np.float32) / 255.0  # stamp ink over print
    return _photocopy(grey)


_GREY_SEAL = (420, 600)


def test_grey_seal_over_a_date_line_is_lifted_and_the_date_reads():
    """A grey seal over the date, title and name is as dark as the print after the contrast stretch (the
    insurance card's seal); it is told apart before the stretch, so the date reads right."""
    result, _ = process_page(_grey_sealed_card())
    assert "Ngày 25 tháng 09 năm 2026" in result.text
    assert "GIÁM ĐỐC" in result.text and "HOÀNG KIM LOAN" in result.text
    assert "ĐÔNG ANH" not in result.text


def test_grey_seal_lift_keeps_the_print_and_leaves_the_rest_of_the_page_alone():
    gray, clean_gray = (np.asarray(_grey_sealed_card(s)) for s in (True, False))
    text_px = 27.0  # cap height of the 40 px font
    ratio = clean.flatten(gray, text_px)
    norm = clean.stretch(ratio)
    out = clean.lift_seals(norm, text_px, ratio)
    yy, xx = np.mgrid[: gray.shape[0], : gray.shape[1]]
    near = np.hypot(xx - _GREY_SEAL[0], yy - _GREY_SEAL[1]) < 1.3 * 190 + 12  # the lifted disc and its margin
    assert np.array_equal(out[~near], norm[~near])  # print elsewhere untouched
    printed = clean_gray < 110  # the print's own cores, under the seal too
    assert (out[near & printed] < 128).mean() > 0.97
    seal_only = (gray < clean_gray - 20) & ~(cv2.dilate(printed.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0)
    assert (out[near & seal_only] == 255).mean() > 0.95  # rim, ring, star and lettering become paper


@pytest.mark.parametrize("grey", [True, False])
def test_a_faint_grey_copys_seal_paler_than_a_colour_steps_leftover_is_lifted_on_a_grey_page(grey):
    """A weak-toner photocopy (print at 120, paper at 215) of a card on an A4 sheet, its seal paler than 180 before
    the stretch: on a colour page that is what the colour step left of a red seal, and it is lifted on the stretched
    page; on this sparse page the stretch makes it nearly as dark as the print, and it stayed over the signer's
    title and name ("GIÁM ĐỐC", "VÕ CÔNG TÙNG" lost). A grey page had no colour step: its seal is lifted with the
    levels before the stretch."""
    lines = ["BẢO HIỂM XÃ HỘI VIỆT NAM", "Họ và tên: HUỲNH THU THẢO", "", "", "Ngày 25 tháng 09 năm 2026", "",
             "GIÁM ĐỐC", "", "", "HOÀNG KIM LOAN"]
    img, _ = render_page(lines, margin=120)
    page = np.full((2 * img.height, 2 * img.width), 255, np.float32)
    page[: img.height, : img.width] = np.asarray(img.convert("L"), np.float32)
    layer = Image.new("L", (page.shape[1], page.shape[0]), 255)
    _draw_seal(ImageDraw.Draw(layer), _GREY_SEAL, 190, 130, ("BHXH TỈNH NAM", "HUYỆN ĐÔNG ANH"),
               shape=(7, 0.7, 4, 0.24, 0.17, 0.85))
    sealed, plain = ((120 + p * (215 - 120) / 255).astype(np.uint8) for p in (page * np.asarray(layer) / 255.0, page))
    text_px = 27.0
    ratio = clean.flatten(sealed, text_px)
    assert np.median(ratio[np.asarray(layer) < 200]) > 180  # paler than a colour step's leftover
    out = clean.lift_seals(clean.stretch(ratio), text_px, ratio, grey=grey)
    yy, xx = np.mgrid[: page.shape[0], : page.shape[1]]
    near = np.hypot(xx - _GREY_SEAL[0], yy - _GREY_SEAL[1]) < 1.3 * 190
    printed = plain < 150
    beside_print = cv2.dilate(printed.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    seal_only = (sealed < plain.astype(int) - 10) & ~beside_print
    assert (out[near & printed] < 128).mean() > 0.97
    assert ((out[near & seal_only] == 255).mean() > 0.95) == grey  # a colour page's is left (lifted by colour)


def test_on_a_soft_page_print_beyond_a_grey_seals_rim_as_grey_as_the_rim_is_kept():
    """A phone photo of a photocopied card: the italic date line over the seal's top, blurred, is as grey as
    the rim (150 against 185; the bold print inside 60). Beyond the rim only what is as pale as the rim goes on
    a soft page (a photo); on a sharp one the whole disc is cut halfway between rim and print, as before."""
    levels = np.full((200, 200), 245, np.uint8)
    cv2.circle(levels, (100, 100), 60, 185, 3)  # the rim
    cv2.circle(levels, (100, 100), 66, 205, 1)  # its pale halo, beyond it
    cv2.rectangle(levels, (60, 95), (140, 105), 60, -1)  # bold print inside
    for x in range(50, 150, 8):
        cv2.line(levels, (x, 24), (x + 3, 31), 150, 2)  # the date line's strokes, 1.15-1.3 rim radii out
    yy, xx = np.mgrid[:200, :200]
    date = (levels == 150) & (np.hypot(xx - 100, yy - 100) < 1.3 * 60 - 1)  # inside the lifted disc
    sharp, soft = levels.copy(), levels.copy()
    assert clean._lift_disc(sharp, levels, 100, 100, 60) and clean._lift_disc(soft, levels, 100, 100, 60, soft=True)
    assert (sharp[date] == 255).all() and (soft[date] == 150).all()
    assert (soft[levels == 205] == 255).all() and (soft[levels == 185] == 255).mean() > 0.9  # halo and rim go
    assert (soft[levels == 60] == 60).all()


def test_a_seal_lifted_keeps_the_paler_strokes_joined_to_the_print_but_not_the_rim_touching_it():
    """An "H" under a grey seal: stems as dark as print (60), its crossbar paler than halfway to the rim (140
    against a cut of ~122: a thin stroke of a scan resampled a little). It stays, joined to the stems; the same
    stroke alone and the rim (185), which touches a stem, go."""
    levels = np.full((200, 200), 245, np.uint8)
    cv2.circle(levels, (100, 100), 60, 185, 3)  # the rim
    levels[85:115, 90:94] = levels[85:115, 100:104] = 60  # the H's stems, 6 px apart
    levels[99:101, 94:100] = 140  # its crossbar
    levels[120:122, 110:116] = 140  # the same stroke alone
    levels[60:100, 42:46] = 60  # a stem the rim runs through
    out = levels.copy()
    assert clean._lift_disc(out, levels, 100, 100, 60)
    assert (out[99:101, 94:100] == 140).all() and (out[levels == 60] == 60).all()
    assert (out[120:122, 110:116] == 255).all()
    rim = (levels == 185) & (cv2.dilate((levels == 60).astype(np.uint8), np.ones((3, 3), np.uint8)) == 0)
    assert (out[rim] == 255).all()


def test_only_a_photo_declares_no_plausible_resolution():
    """The soft seal margin is for photos (no DPI, or a camera's 72): a scan of a small card is sharp."""
    from ocr.pipeline import _declared_dpi

    photo, camera, scan = (Image.new("L", (8, 8)) for _ in range(3))
    camera.info["dpi"], scan.info["dpi"] = (72, 72), (300.0, 300.0)
    assert [_declared_dpi(i) for i in (photo, camera, scan)] == [None, None, 300]


_CARD = (140, 160, 1100, 764)  # an ID-1 card (aspect 1.59) printed on an A4 page at 150 dpi
_CARD_SEAL = (830, 600, 62)  # centre and radius: a tenth of the card's height, about 2.7 glyph heights


def _small_sealed_card(seal: bool = True) -> Image.Image:
    """A grey photocopy of an insurance card printed small on an A4 page: its seal, too small for the page's
    seal search, is stamped over the issue date, the signer's title and name."""
    img = Image.new("L", (1240, 1754), 255)
    d = ImageDraw.Draw(img)
    x0, y0, x1, y1 = _CARD
    d.rectangle(_CARD, outline=20, width=4)
    font, bold = ImageFont.truetype(FONT_BOLD, 30), ImageFont.truetype(FONT_BOLD, 34)
    d.text(((x0 + x1) // 2, y0 + 50), "THẺ BẢO HIỂM Y TẾ", fill=20, font=bold, anchor="mm")
    for i, line in enumerate(["Mã số: TE1383830263529", "Họ và tên: LÊ PHƯƠNG UYÊN", "Ngày sinh: 31/08/2026",
                              "Giá trị sử dụng:", "từ ngày 31/08/2026"]):
        d.text((x0 + 40, y0 + 110 + 52 * i), line, fill=20, font=font)
    cx, cy, radius = _CARD_SEAL
    d.text((cx, cy - radius - 8), "Ngày 25 tháng 09 năm 2026", fill=20, font=font, anchor="mm")
    d.text((cx, cy - 20), "GIÁM ĐỐC", fill=20, font=font, anchor="mm")
    d.text((cx, cy + radius - 10), "HOÀNG KIM LOAN", fill=20, font=font, anchor="mm")
    grey = np.asarray(img, np.float32)
    if seal:
        layer = Image.new("L", img.size, 255)
        _draw_seal(ImageDraw.Draw(layer), (cx, cy), radius, 120, ("", ""), shape=(4, 0.7, 2, 0.24, 0.17, 0.85))
        grey = grey * np.asarray(layer, np.float32) / 255.0
    return _photocopy(grey)


def _photocopy(grey: np.ndarray) -> Image.Image:
    """A grey page as a photocopier gives it: paper 215, print 70 at darkest, 150 dpi declared."""
    out = Image.fromarray((70 + grey * (215 - 70) / 255).astype(np.uint8), "L")
    out.info["dpi"] = (150, 150)
    return out


def test_small_seal_on_a_card_is_lifted_and_the_issue_date_reads():
    """On a card photocopied small the seal is under the page search's radius; the card's own search,
    sized by the card's height, finds it, and the issue date under its rim reads right."""
    result, _ = process_page(_small_sealed_card())
    assert "25 tháng 09 năm 2026" in result.text
    assert "GIÁM ĐỐC" in result.text and "HOÀNG KIM LOAN" in result.text


def test_small_seal_is_searched_for_only_inside_cards():
    gray, clean_gray = (np.asarray(_small_sealed_card(s)) for s in (True, False))
    text_px = 21.0  # cap height of the 30 px bold font
    ratio = clean.flatten(gray, text_px)
    norm = clean.stretch(ratio)
    assert np.array_equal(clean.lift_seals(norm, text_px, ratio), norm)  # too small for the page search
    out = clean.lift_seals(norm, text_px, ratio, (_CARD,))
    cx, cy, radius = _CARD_SEAL
    yy, xx = np.mgrid[: gray.shape[0], : gray.shape[1]]
    near = np.hypot(xx - cx, yy - cy) < 1.3 * radius + 12
    assert np.array_equal(out[~near], norm[~near])  # print elsewhere untouched
    printed = clean_gray < 110
    assert (out[near & printed] < 128).mean() > 0.95
    seal_only = (gray < clean_gray - 20) & ~(cv2.dilate(printed.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0)
    assert (out[near & seal_only] == 255).mean() > 0.9


def test_a_cards_seal_found_by_its_inner_ring_is_fitted_to_its_rim_and_lifted(monkeypatch):
    """The bench's seed-4 photocopied insurance card read at 294 dpi: its seal's rim fainter than its inner ring at
    quarter size, the card search's circle was fitted to the ring, under a card seal's radius, and the seal stayed
    over "GIÁM" and the signer's name. A circle fitted under that radius is looked for again around the ring."""
    cx, cy, radius = _CARD_SEAL
    layer = Image.new("L", (1240, 1754), 255)
    d = ImageDraw.Draw(layer)
    d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=150, width=2)  # the rim, faint
    inner = int(0.7 * radius)
    d.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=120, width=3)
    d.regular_polygon((cx, cy, radius * 0.24), 5, fill=120)
    clean_gray = np.asarray(_small_sealed_card(False))
    paper = (clean_gray.astype(np.float32) - 70) * 255 / 145  # the card before `_photocopy`, times the seal
    gray = np.asarray(_photocopy(paper * np.asarray(layer, np.float32) / 255.0))
    text_px = 21.0
    ratio = clean.flatten(gray, text_px)
    norm = clean.stretch(ratio)
    small = cv2.resize(norm, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ring = (cx / 4, cy / 4, 0.7 * radius / 4)  # quarter size
    assert clean._fit_circle(small < 215, *ring)[2] < clean._CARD_SEAL[0] * (_CARD[3] - _CARD[1]) / 4  # stays on it
    monkeypatch.setattr(clean, "_hough", lambda smooth, r_min, r_max, most, votes: [] if votes > 15 else
                        [(ring[0] - _CARD[0] / 4, ring[1] - _CARD[1] / 4, ring[2])])  # the card search's circle
    out = clean.lift_seals(norm, text_px, ratio, (_CARD,))
    printed = cv2.dilate((clean_gray < 110).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    seal_only = (gray < clean_gray.astype(int) - 20) & ~printed
    assert seal_only.sum() > 1000 and (out[seal_only] == 255).mean() > 0.9


def test_an_id_cards_seal_fitted_a_little_larger_than_an_insurance_cards_is_lifted():
    """The OCR bench's seed 5 clean scan of an ID card: the back's seal, its disc full of the signature (no
    seal for the page search), was fitted by the card search at 0.121 of the card's height, over the
    insurance card's 0.12, and left over the signer's title and name ("CỤC T", "QUẢNL", "ia Thắng")."""
    import random

    from samples.degrade import degrade
    from samples.documents import render
    from samples.people import make_household

    doc = render("cccd", make_household(random.Random("ocr-bench:5:0")), 5000, font="LiberationSerif")
    page = degrade(doc.pages[0].image, "clean", random.Random("ocr-bench:5:0:clean")).image
    page.info["dpi"] = (300, 300)  # as the bench writes it
    lines = process_page(page)[0].text.splitlines()
    assert "CỤC TRƯỞNG CỤC CẢNH SÁT" in lines and "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI" in lines
    signer = next(line for line in doc.pages[0].text.splitlines() if line.startswith("Cao "))
    assert signer in lines


def test_blurred_print_on_a_phone_photo_of_an_id_card_is_not_lifted_as_a_seal(tmp_path):
    """The generator's dossier 10 of seed 19 holds a phone photo of an ID card whose small, blurred print
    passed the page's seal search at quarter size: the disc lifted took the holder's name and date of
    birth with it. A seal over a card must have its rim inked all round at full resolution. Its family name
    "VÕ" is read at 0.25 ("VỎ") and dropped since the fill-in-line remover no longer cuts blurred print
    (`clean._in_print`); the classifiers put it back from the card's MRZ (`surname_from_mrz`)."""
    from classifiers.documents import PageRef
    from classifiers.dossier import PageInput, analyse

    folder = write_dossier(tmp_path, 19, 10)
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    photo = next(f for f in truth["files"] if f["file"].startswith("IMG_") and f["pages"][0]["doc_type"] == "cccd")
    card = next(d["fields"] for d in truth["documents"] if d["pages"][0]["file"] == photo["file"])
    result, _ = process_page(load_page(folder / photo["file"], 0, dpi=300))
    born = "/".join(reversed(card["date_of_birth"].split("-")))
    given = card["full_name"].split(maxsplit=1)[1]
    assert given in result.text and born in result.text
    (read,) = analyse([PageInput(PageRef(photo["file"], 0), result, ())], truth["procedure"]).documents
    assert read.fields["full_name"].value == card["full_name"]
    assert read.fields["date_of_birth"].value == card["date_of_birth"]


@pytest.mark.parametrize("index", [18, 20])
def test_a_photocopied_insurance_cards_issue_date_under_its_seal_reads(tmp_path, index):
    """The generator's dossiers 18 and 20 of seed 19 hold a photocopied insurance card whose grey seal the
    page's contrast stretch made partly as dark as the print: lifted on the stretched page, its rim stayed
    as an arc through the issue date ("Ngày-26-tháng", or the day lost). A sure rim is lifted with the grey
    levels from before the stretch. The date line's words and digits must be whole; the italic "ă" of
    "tháng" may be read as another vowel ("thúng", with this machine's OpenCV 4.14), which the classifiers
    accept (`text.MONTH_WORD`)."""
    folder = write_dossier(tmp_path, 19, index)
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    copy = next(f for f in truth["files"] if f["pages"][0]["doc_type"] == "health_insurance_card")
    card = next(d["fields"] for d in truth["documents"] if d["pages"][0]["file"] == copy["file"])
    result, _ = process_page(load_page(folder / copy["file"], 0, dpi=300))
    year, month, day = card["date_of_issue"].split("-")
    assert re.search(rf"ngay {day} {MONTH_WORD} {month} {YEAR_WORD} {year}", fold(result.text)), result.text


def test_a_date_lines_day_misread_as_letters_is_read_again_as_a_number():
    """A scanned insurance card (the OCR bench's seed 4, in another font): the italic "16" of its issue date,
    under the seal's rim, read "lẽ" (0.68) before "thung 03 năm 2026"; read again alone with `eng` it is "16"
    (0.95)."""
    import random

    from classifiers.extract.common import place_date
    from classifiers.text import page_lines
    from samples.degrade import degrade
    from samples.documents import render
    from samples.people import make_household

    doc = render("health_insurance_card", make_household(random.Random("ocr-bench:4:6")), 4006, font="LiberationSerif")
    page = degrade(doc.pages[0].image, "scanner", random.Random("ocr-bench:4:6:scanner")).image
    result, _ = process_page(page)
    assert place_date(page_lines(result), last=True).value == doc.fields["date_of_issue"]


def test_a_bold_date_vie_reads_with_no_confidence_is_read_again_with_eng():
    """The OCR bench's seed-3 scanned residence confirmation: its bold "26/02/1979" after "năm sinh:" was read
    "26/02I1979" at 0.24 on the page and "2610211979" at 0.006 alone, so dropped both times; `eng` reads
    the piece "26/02/1979" at 0.96."""
    import random

    from samples.degrade import degrade
    from samples.documents import render
    from samples.people import make_household

    doc = render("residence_confirmation", make_household(random.Random("ocr-bench:3:1")), 3001,
                 font="LiberationSans")
    page = degrade(doc.pages[0].image, "scanner", random.Random("ocr-bench:3:1:scanner")).image
    result, _ = process_page(page)
    born = doc.fields["date_of_birth"].split("-")
    assert f"năm sinh: {born[2]}/{born[1]}/{born[0]}" in result.text


def test_a_papers_number_under_its_headings_underline_is_read(tmp_path):
    """The generator's dossier 13 of seed 2026 holds a birth certificate (scanned sideways) whose "Số: 41"
    under the commune's underlined name Tesseract's layout analysis dropped. Read alone it gave nothing
    while the underline's dashes stayed above it in the crop, then "4l" (0.36), which `eng` reads "41"."""
    folder = write_dossier(tmp_path, 2026, 13)
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    pdf = next(f for f in truth["files"] if f["file"] == "ho_so.pdf")
    page = next(p["page"] for p in pdf["pages"] if p["doc_type"] == "birth_certificate")
    number = next(d["fields"]["document_number"] for d in truth["documents"] if d["type"] == "birth_certificate")
    result, _ = process_page(load_page(folder / "ho_so.pdf", page, dpi=300))
    assert f"Số: {number}" in result.text.splitlines()[:6]


def test_a_phone_photos_issue_date_beyond_a_grey_seals_rim_is_kept_at_the_photos_own_scale():
    """The OCR bench's seed 6 phone photo of an insurance card: its print is at OCR size already, so the
    page is not enlarged, yet it is as blurred as an enlarged one. The italic issue date crossing the top of
    the grey seal was lifted with the seal ("Án 27 09 năm 2026"); a photo's seals are lifted softly whatever
    its scale."""
    import io
    import random

    from classifiers.extract.common import place_date
    from classifiers.text import page_lines
    from samples.degrade import degrade
    from samples.documents import render
    from samples.people import make_household

    doc = render("health_insurance_card", make_household(random.Random("ocr-bench:6:6")), 6006, font="TeXGyreTermes")
    photo = degrade(doc.pages[0].image, "phone", random.Random("ocr-bench:6:6:phone")).image
    buf = io.BytesIO()
    photo.save(buf, "JPEG", quality=85)  # as the bench writes it: a camera's JPEG, no resolution
    result, _ = process_page(Image.open(buf))
    assert place_date(page_lines(result), last=True).value == doc.fields["date_of_issue"]


def test_a_phone_photos_small_insurance_card_keeps_its_letters_shapes():
    """A phone photo of an insurance card alone on an A4 sheet (the OCR bench's seed 5): its darkest 0.5 % is
    most of its ink, blur included, and stretched to black there the print ran into blobs; the signer's date
    line, title and name were read as "Ngày 30 tháng 09 năm 2006", "GIÁM" apart and "VÕ CôNG TÙNG". The black
    point is capped at the glyphs' own darkness (`clean._sparse_print_black`)."""
    i = DOC_TYPES.index("health_insurance_card")
    doc = render("health_insurance_card", make_household(random.Random(f"ocr-bench:5:{i}")), 5000 + i,
                 font="TeXGyreTermes")
    photo = degrade(doc.pages[0].image, "phone", random.Random(f"ocr-bench:5:{i}:phone")).image
    buf = io.BytesIO()
    photo.save(buf, "JPEG", quality=85)  # as a phone sends it: no resolution declared
    result, _ = process_page(Image.open(io.BytesIO(buf.getvalue())))
    signer = doc.pages[0].text.splitlines()[-3:]  # date line, title, name
    assert signer[1] == "GIÁM ĐỐC"
    lines = result.text.splitlines()
    assert all(line in lines for line in signer), result.text


def test_only_a_sparse_pages_black_point_is_capped_at_its_glyphs_darkness():
    """Forty blurred glyph-sized marks (cores at 60, halos to the paper) on an otherwise empty sheet: the darkest
    0.5 % of the page reaches into the halos, the glyphs' darkness does not. On a page with more ink than 1 %
    the cap is not looked for."""
    page = np.full((2000, 1500), 255, np.uint8)
    for k in range(40):
        x, y = 200 + 25 * (k % 20), 300 + 60 * (k // 20)
        page[y : y + 22, x : x + 6] = 60
    page = cv2.GaussianBlur(page, (0, 0), 2.5)
    black = clean._sparse_print_black(page, 22.0)
    assert black is not None and black < clean.black_point(page) - 20
    dense = page.copy()
    dense[1000:1400, 100:1400:8] = 60  # rows of print: far over 1 % ink
    assert clean._sparse_print_black(dense, 22.0) is None
