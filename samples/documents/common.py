"""Pieces every administrative paper shares: the national header, issuing body, date lines."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from samples.canvas import L, Page
from samples.fonts import FontChoice
from samples.people import Household, Person

MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Ctx:
    """Everything one renderer needs; ``shrink`` (pt) is raised by the caller when a page overflows."""

    hh: Household
    subject: Person
    face: FontChoice
    rng: random.Random
    variant: int
    shrink: float = 0.0
    hand: bool = True
    pages: list[Page] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)

    def page(self, size_pt: float, **kw) -> Page:
        p = Page(self.face, self.rng, size_pt=size_pt - self.shrink, hand=self.hand, **kw)
        self.pages.append(p)
        return p


def fit(p: Page, text: str, style: str, size: float, width: float | None = None) -> float:
    """Largest size <= ``size`` at which ``text`` fits the current column width."""
    width = width if width is not None else (p.right - p.left)
    while size > 7 and p.font(style, size).getlength(text) > width:
        size -= 0.25
    return size


def motto(p: Page, size: float, underline: bool = True) -> None:
    """The two-line national motto, centred in the current column."""
    p.row([L(MOTTO_1, "bold")], align="center", size_pt=fit(p, MOTTO_1, "bold", size), gap=1.25)
    p.row([L(MOTTO_2, "bold")], align="center", size_pt=fit(p, MOTTO_2, "bold", size + 0.5), underline=underline)


def header(p: Page, org: list[str] | None, size: float, number: str = "", split: float = 0.42) -> None:
    """The issuing body on the left (upper case, last line bold and underlined), the motto on the right;
    without ``org`` the motto is centred across the page."""
    if not org:
        motto(p, size)
        return

    def left(q: Page) -> None:
        for i, line in enumerate(org):
            last = i == len(org) - 1
            q.row([L(line, "bold" if last or i > 0 else "regular")], align="center",
                  size_pt=fit(q, line, "bold", size), underline=last, gap=1.25)
        if number:
            q.row([L(number)], align="center", size_pt=size)

    def right(q: Page) -> None:
        motto(q, size)

    p.columns([(0.0, split), (split - 0.02, 1.0)], [left, right])


def place_name(hh: Household) -> str:
    """Place printed before the date of a paper: the district (or city) name without its kind."""
    name = hh.address.district.name
    for kind in ("thành phố ", "quận ", "huyện "):
        if name.startswith(kind):
            name = name[len(kind):]
            break
    return name[:1].upper() + name[1:] if not name[0].isdigit() else "Quận " + name


def date_line(hh: Household, d: dt.date, rng: random.Random, place: bool = True) -> str:
    dd = f"{d.day:02d}" if rng.random() < 0.6 else str(d.day)
    mm = f"{d.month:02d}" if rng.random() < 0.5 else str(d.month)
    head = f"{place_name(hh)}, ngày" if place else "Ngày"
    return f"{head} {dd} tháng {mm} năm {d.year}"


def ward_upper(hh: Household) -> str:
    return hh.address.ward.upper()


def district_upper(hh: Household) -> str:
    return hh.address.district.name.upper()


def official_name(rng: random.Random) -> str:
    """A fictitious official's name for signature blocks."""
    from samples.people import make_name

    return make_name(rng, rng.choice(("Nam", "Nữ")))
