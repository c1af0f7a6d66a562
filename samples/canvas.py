"""A small page-layout engine that draws text and records the ground truth of what it drew.

Every visible line of text goes through :meth:`Page.row`, which places words, wraps long values,
draws fill-in lines as graphics (never as dotted characters, which would spoil character-error-rate
measurement) and appends the line's words, single-spaced, to ``Page.lines``. Side-by-side regions
(the two-column national header, signature blocks) are recorded block by block, left to right, the
way a page segmenter reads them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from samples import fonts, handwriting, marks
from samples.fonts import FontChoice
from samples.people import nfc

INK = (20, 20, 22)
FILL_LINE = (120, 120, 125)


class Overflow(Exception):
    """Content ran past the bottom margin; the caller retries with a smaller type size."""


@dataclass
class Seg:
    """A run of text in a row: a printed label or a value (typed, or handwritten on forms)."""

    text: str
    kind: str = "label"  # "label" | "value"
    style: str = "regular"
    fill: bool = False  # fill-in line under the value (forms)
    min_mm: float = 0.0  # minimum width of a value run (blank fill-ins)


def L(text: str, style: str = "regular") -> Seg:  # noqa: N802 - short constructors read like markup
    return Seg(nfc(text), "label", style)


def V(text: str, min_mm: float = 0.0, style: str = "regular", fill: bool = True) -> Seg:  # noqa: N802
    return Seg(nfc(text), "value", style, fill, min_mm)


@dataclass
class _Tok:
    word: str
    seg: Seg
    width: float
    x: float = 0.0


class Page:
    """One page (or card) at a given size and resolution, filled top to bottom."""

    def __init__(
        self,
        face: FontChoice,
        rng: random.Random,
        *,
        width_mm: float = 210.0,
        height_mm: float = 297.0,
        dpi: int = 300,
        size_pt: float = 13.0,
        margins_mm: tuple[float, float, float, float] = (25.0, 20.0, 20.0, 20.0),
        line_gap: float = 1.5,
        hand: bool = True,
        background: tuple[int, int, int] = (255, 255, 255),
        ink: tuple[int, int, int] = INK,
        hand_ink: tuple[int, int, int] | None = None,
        check_overflow: bool = True,
    ) -> None:
        self.face = face
        self.rng = rng
        self.dpi = dpi
        self.size_pt = size_pt
        self.line_gap = line_gap
        self.hand = hand
        self.ink = ink
        self.hand_ink = hand_ink or rng.choice(handwriting.BLUE_INKS)
        self.check_overflow = check_overflow
        self.img = Image.new("RGB", (self.px(width_mm), self.px(height_mm)), background)
        self.draw = ImageDraw.Draw(self.img)
        left, top, right, bottom = margins_mm
        self.left = self.px(left)
        self.right = self.img.width - self.px(right)
        self.top = self.px(top)
        self.bottom = self.img.height - self.px(bottom)
        self.y = float(self.top)
        self.lines: list[str] = []

    # -- units ---------------------------------------------------------------------------------------
    def px(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def pt(self, pt: float) -> int:
        return round(pt * self.dpi / 72)

    def font(self, style: str = "regular", size_pt: float | None = None, family: str | None = None):
        return fonts.load(family or self.face.family, style, self.pt(size_pt or self.size_pt))

    @property
    def text(self) -> str:
        return "\n".join(line for line in self.lines if line)

    def skip(self, mm: float) -> None:
        self.y += self.px(mm)
        self._check()

    def _check(self) -> None:
        if self.check_overflow and self.y > self.bottom:
            raise Overflow(f"content reached y={self.y:.0f} past bottom margin {self.bottom}")

    # -- rows ----------------------------------------------------------------------------------------
    def _is_hand(self, seg: Seg) -> bool:
        return seg.kind == "value" and self.hand

    def _measure(self, word: str, seg: Seg, size_pt: float) -> float:
        if self._is_hand(seg):
            return handwriting.measure(word, self.face.hand_family, self._hand_px(size_pt))
        return self.font(seg.style, size_pt).getlength(word)

    def _hand_px(self, size_pt: float) -> int:
        return round(self.pt(size_pt) * 1.08)

    def row(
        self,
        segs: Sequence[Seg] | str,
        *,
        align: str = "left",
        size_pt: float | None = None,
        style: str = "regular",
        indent_mm: float = 0.0,
        cont_indent_mm: float | None = None,
        after_mm: float = 0.0,
        underline: bool = False,
        gap: float | None = None,
    ) -> list[tuple[float, float, float]]:
        """Lay out one logical row, wrapping as needed; returns (x0, x1, baseline) per physical line."""
        if isinstance(segs, str):
            segs = [L(segs, style)]
        size = size_pt or self.size_pt
        space = self.font("regular", size).getlength(" ")
        toks: list[_Tok] = []
        for seg in segs:
            words = seg.text.split()
            if not words and seg.kind == "value":
                toks.append(_Tok("", seg, max(self.px(seg.min_mm), self.px(8))))
            for i, word in enumerate(words):
                width = self._measure(word, seg, size)
                if i == len(words) - 1 and seg.min_mm:
                    total = self._measure(seg.text, seg, size)
                    width += max(0.0, self.px(seg.min_mm) - total)
                toks.append(_Tok(word, seg, width))
        left = self.left + self.px(indent_mm)
        cont = self.left + self.px(indent_mm if cont_indent_mm is None else cont_indent_mm)
        lines: list[list[_Tok]] = [[]]
        x = float(left)
        for tok in toks:
            sp = space * (1.15 if self._is_hand(tok.seg) else 1.0) if lines[-1] else 0.0
            if lines[-1] and x + sp + tok.width > self.right:
                lines.append([])
                x, sp = float(cont), 0.0
            tok.x = x + sp
            x = tok.x + tok.width
            lines[-1].append(tok)
        ascent, descent = self.font("regular", size).getmetrics()
        height = (ascent + descent) * (gap or self.line_gap)
        placed = []
        for line in lines:
            if not line:
                continue
            shift = 0.0
            line_w = line[-1].x + line[-1].width - line[0].x
            if align == "center":
                shift = (self.left + self.right) / 2 - line_w / 2 - line[0].x
            elif align == "right":
                shift = self.right - line_w - line[0].x
            baseline = self.y + ascent * 1.05
            for tok in line:
                tok.x += shift
                self._draw_tok(tok, baseline, size)
            self._fill_lines(line, baseline, size, space)
            x0, x1 = line[0].x, line[-1].x + line[-1].width
            if underline:
                uy = baseline + descent * 1.25
                inset = line_w * (0.0 if line_w > (self.right - self.left) * 0.5 else 0.15)
                self.draw.line((x0 + inset, uy, x1 - inset, uy), fill=self.ink, width=max(2, self.pt(0.7)))
            placed.append((x0, x1, baseline))
            self.lines.append(" ".join(t.word for t in line if t.word))
            self.y += height
        self.y += self.px(after_mm)
        self._check()
        return placed

    def _draw_tok(self, tok: _Tok, baseline: float, size: float) -> None:
        if not tok.word:
            return
        if self._is_hand(tok.seg):
            handwriting.draw(self.img, tok.x, baseline + self.pt(size) * 0.04, tok.word, self.face.hand_family,
                             self._hand_px(size), self.rng, self.hand_ink)
        else:
            self.draw.text((tok.x, baseline), tok.word, font=self.font(tok.seg.style, size), fill=self.ink,
                           anchor="ls")

    def _fill_lines(self, line: list[_Tok], baseline: float, size: float, space: float) -> None:
        """Thin graphic lines under runs of fill-in values, up to the next label or the margin."""
        y = baseline + self.pt(size) * 0.22
        i = 0
        while i < len(line):
            if not (line[i].seg.kind == "value" and line[i].seg.fill):
                i += 1
                continue
            j = i
            while j + 1 < len(line) and line[j + 1].seg.kind == "value" and line[j + 1].seg.fill:
                j += 1
            x0 = line[i].x - space * 0.4
            x1 = line[j + 1].x - space * 0.6 if j + 1 < len(line) else self.right
            self.draw.line((x0, y, x1, y), fill=FILL_LINE, width=max(1, self.pt(0.45)))
            i = j + 1

    # -- regions -------------------------------------------------------------------------------------
    def columns(self, bounds: Sequence[tuple[float, float]], painters: Sequence[Callable[[Page], None]]) -> float:
        """Paint side-by-side regions (fractions of the content width), each from the same top; the
        ground truth holds each region's lines in turn. Returns the top y they started from."""
        top = self.y
        left, right = self.left, self.right
        width = right - left
        bottom = top
        for (f0, f1), paint in zip(bounds, painters, strict=True):
            self.left, self.right = round(left + f0 * width), round(left + f1 * width)
            self.y = top
            paint(self)
            bottom = max(bottom, self.y)
        self.left, self.right = left, right
        self.y = bottom
        self._check()
        return top

    def hline(self, x0_frac: float = 0.0, x1_frac: float = 1.0, width_pt: float = 0.8) -> None:
        w = self.right - self.left
        self.draw.line((self.left + w * x0_frac, self.y, self.left + w * x1_frac, self.y), fill=self.ink,
                       width=max(1, self.pt(width_pt)))

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        size_pt: float | None = None,
        min_rows: int = 0,
        hand: bool | None = None,
    ) -> None:
        """A ruled table; header cells bold and centred, values handwritten or typed. Cell text is
        shrunk rather than wrapped so that each table row stays one ground-truth line."""
        size = (size_pt or self.size_pt) * 0.9
        hand = self.hand if hand is None else hand
        total = self.right - self.left
        xs = [self.left]
        for w in widths:
            xs.append(xs[-1] + w / sum(widths) * total)
        ascent, descent = self.font("regular", size).getmetrics()
        row_h = (ascent + descent) * 1.7
        all_rows = [list(headers)] + [list(r) for r in rows]
        all_rows += [[""] * len(headers)] * max(0, min_rows - len(rows))
        y0 = self.y
        lw = max(1, self.pt(0.6))
        for r, cells in enumerate(all_rows):
            top = self.y
            baseline = top + (row_h + ascent - descent) / 2
            words = []
            for c, cell in enumerate(cells):
                cell = nfc(cell)
                if not cell:
                    continue
                cx0, cx1 = xs[c] + self.pt(3), xs[c + 1] - self.pt(3)
                header = r == 0
                style = "bold" if header else "regular"
                s = size
                if header or not hand:
                    while s > 6 and self.font(style, s).getlength(cell) > cx1 - cx0:
                        s -= 0.5
                    f = self.font(style, s)
                    w = f.getlength(cell)
                    x = (cx0 + cx1 - w) / 2 if header or c == 0 else cx0
                    self.draw.text((x, baseline), cell, font=f, fill=self.ink, anchor="ls")
                else:
                    while s > 6 and handwriting.measure(cell, self.face.hand_family, self._hand_px(s)) > cx1 - cx0:
                        s -= 0.5
                    handwriting.draw(self.img, cx0, baseline, cell, self.face.hand_family, self._hand_px(s),
                                     self.rng, self.hand_ink)
                words.append(" ".join(cell.split()))
            self.lines.append(" ".join(words))
            self.y += row_h
        for x in xs:
            self.draw.line((x, y0, x, self.y), fill=self.ink, width=lw)
        yy = y0
        for _ in range(len(all_rows) + 1):
            self.draw.line((xs[0], yy, xs[-1], yy), fill=self.ink, width=lw)
            yy += row_h
        self._check()

    def ink_layer(self, layer: Image.Image, center: tuple[float, float]) -> None:
        """Stamp an RGBA mark (seal, signature) centred at a point, multiplied onto the page."""
        marks.multiply(self.img, layer, (round(center[0] - layer.width / 2), round(center[1] - layer.height / 2)))

    def paste(self, other: Page, x_mm: float, y_mm: float) -> None:
        """Place another page (a card) onto this one and append its ground-truth lines."""
        self.img.paste(other.img, (self.px(x_mm), self.px(y_mm)))
        self.lines.extend(other.lines)


@dataclass
class SignBlock:
    """A signature block: title, a note in italics, the signature (and seal), then the signer's name."""

    title: str
    note: str = "(Ký, ghi rõ họ tên)"
    name: str = ""
    date_line: str = ""  # "Hà Nội, ngày ... tháng ... năm ..." above the title, if any
    seal: tuple[str, str] | None = None  # (ring text, centre text) of the official seal
    hand_name: bool = False  # the signer writes the name by hand (citizens) vs typed (officials)
    ink: tuple[int, int, int] | None = None


def sign_blocks(page: Page, blocks: Sequence[SignBlock | None], size_pt: float | None = None,
                space_mm: float = 22.0) -> None:
    """Signature blocks side by side (None leaves a column empty)."""
    n = len(blocks)
    size = size_pt or page.size_pt

    def painter(block: SignBlock | None) -> Callable[[Page], None]:
        def paint(p: Page) -> None:
            if block is None:
                return
            if block.date_line:
                p.row([L(block.date_line, "italic")], align="center", size_pt=size * 0.95)
            for part in _wrap_title(p, block.title, size):
                p.row([L(part, "bold")], align="center", size_pt=size)
            if block.note:
                p.row([L(block.note, "italic")], align="center", size_pt=size * 0.9)
            top = p.y
            p.skip(space_mm * 0.15)
            cx = (p.left + p.right) / 2
            h = p.px(space_mm * 0.7)
            ink = block.ink or (p.hand_ink if block.hand_name else (30, 40, 120))
            if block.name:
                sig = marks.signature(min(p.px(45), int((p.right - p.left) * 0.8)), h, p.rng, ink)
                p.ink_layer(sig, (cx + p.rng.uniform(-10, 30), top + p.px(space_mm) / 2))
            p.y = top + p.px(space_mm)
            if block.name:
                seg = V(block.name, fill=False) if block.hand_name else L(block.name, "bold")
                p.row([seg], align="center", size_pt=size)
            if block.seal:
                radius = p.px(rng_radius(p.rng))
                p.ink_layer(marks.seal(radius, block.seal[0], p.rng, block.seal[1], family=p.face.family),
                            (cx - p.px(14) + p.rng.uniform(-15, 15), top + p.px(space_mm) * 0.45))
        return paint

    bounds = [(i / n, (i + 1) / n) for i in range(n)]
    if n == 2 and blocks[0] is None:  # the usual single block on the right, a little wider
        bounds = [(0.0, 0.38), (0.38, 1.0)]
    page.columns(bounds, [painter(b) for b in blocks])


def rng_radius(rng: random.Random) -> float:
    """Seal radius in mm (Vietnamese seals are 35-42 mm across)."""
    return rng.uniform(17.5, 20.5)


def _wrap_title(p: Page, title: str, size: float) -> list[str]:
    """Split a long block title into lines that fit the column, on word boundaries."""
    font = p.font("bold", size)
    width = p.right - p.left
    out: list[str] = []
    cur = ""
    for word in title.split():
        cand = f"{cur} {word}".strip()
        if cur and font.getlength(cand) > width * 0.98:
            out.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        out.append(cur)
    return out
