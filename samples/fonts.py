"""Font families with complete Vietnamese coverage, located by file path.

Only Debian packages that really cover Vietnamese are used (fonts-liberation2, fonts-freefont-ttf,
fonts-texgyre, fonts-noto-core, fonts-dejavu); the older fonts-liberation lacks the glyphs. TeX Gyre
lives under /usr/share/texmf on Debian, so both trees are searched.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

FONT_ROOTS = (Path("/usr/share/fonts"), Path("/usr/share/texmf/fonts"))
# Where Debian puts them; searched first because walking the whole texmf tree takes a second.
_LIKELY = (Path("/usr/share/fonts/truetype"), Path("/usr/share/texmf/fonts/opentype/public/tex-gyre"))

# family name -> (regular, bold, italic, bold italic) file names
_FILES: dict[str, tuple[str, str, str, str]] = {
    "LiberationSerif": (
        "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf",
    ),
    "LiberationSans": (
        "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
        "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf",
    ),
    "TeXGyreTermes": (
        "texgyretermes-regular.otf", "texgyretermes-bold.otf",
        "texgyretermes-italic.otf", "texgyretermes-bolditalic.otf",
    ),
    "TeXGyreHeros": (
        "texgyreheros-regular.otf", "texgyreheros-bold.otf",
        "texgyreheros-italic.otf", "texgyreheros-bolditalic.otf",
    ),
    "NotoSerif": ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf"),
    "NotoSans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"),
    "FreeSerif": ("FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf", "FreeSerifBoldItalic.ttf"),
    "FreeSans": ("FreeSans.ttf", "FreeSansBold.ttf", "FreeSansOblique.ttf", "FreeSansBoldOblique.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
}

STYLES = ("regular", "bold", "italic", "bolditalic")
SERIF = ("LiberationSerif", "TeXGyreTermes", "NotoSerif", "FreeSerif", "DejaVuSerif")
SANS = ("LiberationSans", "TeXGyreHeros", "NotoSans", "FreeSans", "DejaVuSans")
# Italic faces used for "handwritten" fill-ins; the jitter in samples.handwriting does the rest.
HAND = ("LiberationSerif", "TeXGyreTermes", "NotoSerif", "FreeSerif", "DejaVuSerif", "NotoSans")
MONO_FILE = "DejaVuSansMono.ttf"


@functools.cache
def _index() -> dict[str, Path]:
    """Map every font file name under the font roots to its path (first hit wins, sorted for stability)."""
    wanted = {name for files in _FILES.values() for name in files} | {MONO_FILE}
    found: dict[str, Path] = {}
    for roots in (_LIKELY, FONT_ROOTS):
        for root in roots:
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*")):
                if path.suffix.lower() in (".ttf", ".otf") and path.name not in found:
                    found[path.name] = path
        if wanted <= found.keys():
            break
    return found


@functools.cache
def available_families() -> tuple[str, ...]:
    """Families whose four styles are all installed, in a fixed order."""
    index = _index()
    return tuple(name for name, files in _FILES.items() if all(f in index for f in files))


def font_path(family: str, style: str = "regular") -> Path:
    """Path of one style of a family; KeyError if the family is unknown or not installed."""
    files = _FILES[family]
    path = _index().get(files[STYLES.index(style)])
    if path is None:
        raise KeyError(f"font {family} {style} is not installed")
    return path


def mono_path() -> Path:
    return _index()[MONO_FILE]


@functools.lru_cache(maxsize=512)
def load(family: str, style: str, size_px: int) -> ImageFont.FreeTypeFont:
    """A Pillow font at a pixel size (cached: pages ask for the same few sizes again and again)."""
    return ImageFont.truetype(str(font_path(family, style)), max(4, int(size_px)))


@functools.lru_cache(maxsize=64)
def load_mono(size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(mono_path()), max(4, int(size_px)))


@dataclass(frozen=True)
class FontChoice:
    """The faces one document is set in: its body family and the family used for handwritten values."""

    family: str
    hand_family: str


def pick(rng, family: str | None = None, serif_bias: float = 0.6) -> FontChoice:
    """Choose a body family (serif more often, as administrative papers are) and a handwriting family."""
    families = available_families()
    if not families:
        raise RuntimeError("no Vietnamese-capable fonts found under " + ", ".join(map(str, FONT_ROOTS)))
    if family is None:
        pool = [f for f in (SERIF if rng.random() < serif_bias else SANS) if f in families] or list(families)
        family = rng.choice(pool)
    elif family not in families:
        raise KeyError(f"unknown or missing font family {family!r}; available: {families}")
    hands = [f for f in HAND if f in families and f != family] or [family]
    return FontChoice(family, rng.choice(hands))
