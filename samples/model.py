"""Result types shared by the renderers, the degrader and the dossier writer."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image


@dataclass
class RenderedPage:
    """One upright, clean page image and exactly the text printed on it (seals and signatures excluded)."""

    image: Image.Image
    text: str
    dpi: int = 300


@dataclass
class RenderedDocument:
    """One document of a dossier: its type code, the fields it prints (DESIGN names) and its pages."""

    doc_type: str
    fields: dict[str, str]
    pages: list[RenderedPage]
    font: str = ""
    layout: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Degraded:
    """A page as it arrives: ``rotation`` is the clockwise angle that makes it upright again,
    ``skew_deg`` the counter-clockwise tilt of its content in the upright frame, ``dpi`` None for
    phone photos (no resolution metadata)."""

    image: Image.Image
    rotation: int
    skew_deg: float
    dpi: int | None
    profile: str = ""
