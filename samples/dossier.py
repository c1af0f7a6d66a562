"""Whole dossiers as they arrive at the counter, written to disk with their ground truth.

A dossier folder holds a multi-page PDF of scanned pages, often a multi-page TIFF from another
scanner, and a few loose JPEG phone photos; the pages of one document always stay consecutive in one
file. ``ground_truth.json`` records, for every file and page, which document it belongs to, how it was
degraded (profile, rotation, skew) and its exact text, and for every document its type, pages and
fields. Everything is deterministic for a seed, down to the bytes (fixed PDF dates, no timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from samples.degrade import PROFILES, degrade
from samples.documents import render
from samples.model import Degraded, RenderedDocument
from samples.people import Household, Person, make_address, make_household

# Papers each procedure needs, in the order they are usually stacked (a type may be needed twice).
PROCEDURES: dict[str, tuple[str, ...]] = {
    "birth_group": ("birth_registration_form", "birth_certificate", "cccd", "cccd", "residence_confirmation",
                    "health_insurance_card"),
    "death_group": ("death_notice", "cccd", "cccd", "residence_declaration_form"),
    "residence_change": ("residence_declaration_form", "cccd", "residence_confirmation"),
    "generic": ("other", "cccd"),
}
# The order dossiers are generated in: the first three cover every document type and every profile.
PROCEDURE_ORDER = ("birth_group", "death_group", "generic", "residence_change")
# Which paper a dossier may lack (index into its plan); chosen so the set still covers every type.
_OMITTABLE = {"birth_group": (3,), "death_group": (2,), "residence_change": (2,), "generic": (1,)}
_FIXED_DATE = time.gmtime(1767225600)  # 2026-01-01T00:00:00Z, fixed so PDFs are byte-identical
PDF_NAME, TIFF_NAME = "ho_so.pdf", "ban_sao.tif"


@dataclass
class _Paper:
    doc_type: str
    subject: Person
    options: dict[str, str] = field(default_factory=dict)
    rendered: RenderedDocument | None = None
    file: str = ""
    degraded: list[Degraded] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)


def dossier_code(seed: int, index: int, year: int = 2026) -> str:
    return f"HS-{year}-{random.Random(f'code:{seed}:{index}').randrange(1, 10**6):06d}"


def _plan(procedure: str, hh: Household, rng: random.Random, code: str) -> list[_Paper]:
    """The papers of one dossier, with whom each is about."""
    if procedure == "birth_group":
        return [_Paper("birth_registration_form", hh.child), _Paper("birth_certificate", hh.child),
                _Paper("cccd", hh.father), _Paper("cccd", hh.mother), _Paper("residence_confirmation", hh.father),
                _Paper("health_insurance_card", hh.child)]
    if procedure == "death_group":
        return [_Paper("death_notice", hh.elder), _Paper("cccd", hh.elder), _Paper("cccd", hh.death_declarant),
                _Paper("residence_declaration_form", hh.elder, {"purpose": "death"})]
    if procedure == "residence_change":
        new = make_address(rng, hh.address.province)
        return [_Paper("residence_declaration_form", hh.father, {"new_address": new.text}),
                _Paper("cccd", hh.father), _Paper("residence_confirmation", hh.father, {"include_child": "yes"})]
    person = rng.choice((hh.father, hh.mother))
    papers = "Đơn đề nghị;Căn cước công dân"
    return [_Paper("other", person, {"kind": "letter"}), _Paper("cccd", person),
            _Paper("other", person, {"kind": "receipt", "dossier_code": code, "procedure": procedure,
                                     "papers": papers})]


def _assign_files(papers: list[_Paper], rng: random.Random, profile_cycle: list[str], counter: list[int]) -> None:
    """Decide which file each paper goes to and how each page is degraded."""
    single = [p for p in papers if p.doc_type != "birth_registration_form"]
    phone = {id(rng.choice(single[1:] or single))}
    if len(single) > 4 and rng.random() < 0.5:
        phone.add(id(rng.choice(single)))
    rest = [p for p in papers if id(p) not in phone]
    n_tiff = 0 if len(rest) < 3 else rng.randint(1, max(1, len(rest) // 3))
    tiff = {id(p) for p in rest[len(rest) - n_tiff:]}
    jpeg_no = 0
    for paper in papers:
        n = len(paper.rendered.pages)
        if id(paper) in phone:
            paper.file = f"IMG_{jpeg_no}"
            jpeg_no += 1
            paper.profiles = ["phone"] * n
            continue
        paper.file = TIFF_NAME if id(paper) in tiff else PDF_NAME
        for _ in range(n):
            paper.profiles.append(profile_cycle[counter[0] % len(profile_cycle)])
            counter[0] += 1


def _save_pdf(path: Path, images: list[Image.Image], title: str) -> None:
    pages = [im if im.mode in ("RGB", "L") else im.convert("RGB") for im in images]
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=300.0, title=title,
                  author="sohoa samples", producer="sohoa samples", creator="sohoa samples",
                  creationDate=_FIXED_DATE, modDate=_FIXED_DATE)


def _save_tiff(path: Path, images: list[Image.Image]) -> None:
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate",
                   dpi=(300, 300))


def _save_jpeg(path: Path, image: Image.Image, quality: int) -> None:
    """A phone photo with no resolution metadata at all: no JFIF density and no EXIF (Pillow would read
    EXIF without resolution tags as 72 dpi)."""
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=quality)
    data = buf.getvalue()
    if data[2:4] == b"\xff\xe0":  # drop the JFIF APP0 segment
        data = data[:2] + data[4 + int.from_bytes(data[4:6], "big"):]
    path.write_bytes(data)


def profile_cycle(seed: int) -> list[str]:
    """The order in which scan profiles are dealt to the pages that are not phone photos."""
    cycle = [p for p in PROFILES if p != "phone"]
    random.Random(f"profiles:{seed}").shuffle(cycle)
    return cycle


def write_dossier(out_dir: Path, seed: int, index: int, procedure: str | None = None) -> Path:
    """Write one dossier folder and its ground_truth.json; return the folder. Independent of the other
    dossiers of a set: ``write_dossier(d, seed, i)`` writes exactly the i-th folder of ``write_samples``."""
    rng = random.Random(f"dossier:{seed}:{index}")
    procedure = procedure or (PROCEDURE_ORDER[index] if index < len(PROCEDURE_ORDER) else rng.choice(PROCEDURE_ORDER))
    code = dossier_code(seed, index)
    hh = make_household(random.Random(f"household:{seed}:{index}"))
    papers = _plan(procedure, hh, rng, code)
    missing: list[str] = []
    if (seed + index) % 3 == 1:
        k = rng.choice(_OMITTABLE[procedure])
        missing.append(papers[k].doc_type)
        del papers[k]
    for k, paper in enumerate(papers):
        paper.rendered = render(paper.doc_type, hh, seed * 100_000 + index * 100 + k, subject=paper.subject,
                                options=paper.options)
    _assign_files(papers, rng, profile_cycle(seed), [index * 2])
    for k, paper in enumerate(papers):
        for n, (page, profile) in enumerate(zip(paper.rendered.pages, paper.profiles, strict=True)):
            paper.degraded.append(degrade(page.image, profile, random.Random(f"degrade:{seed}:{index}:{k}:{n}")))

    folder = out_dir / code
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    # file order: the PDF first, then the TIFF, then the phone photos
    taken = dt.datetime.combine(hh.today, dt.time(9, 0)) + dt.timedelta(minutes=rng.randint(0, 300))
    files: dict[str, list[tuple[int, int, Degraded, str]]] = {}
    for k, paper in enumerate(papers):
        name = paper.file
        if name.startswith("IMG_"):
            taken += dt.timedelta(seconds=rng.randint(4, 40))
            name = f"IMG_{taken:%Y%m%d_%H%M%S}.jpg"
            paper.file = name
        for n, d in enumerate(paper.degraded):
            files.setdefault(name, []).append((k, n, d, paper.profiles[n]))
    order = sorted(files, key=lambda f: (f != PDF_NAME, f != TIFF_NAME, f))
    gt_files = []
    doc_pages: dict[int, list[dict]] = {k: [] for k in range(len(papers))}
    for name in order:
        entries = files[name]
        images = [d.image for _, _, d, _ in entries]
        if name == PDF_NAME:
            _save_pdf(folder / name, images, code)
        elif name == TIFF_NAME:
            _save_tiff(folder / name, images)
        else:
            _save_jpeg(folder / name, images[0], rng.randint(82, 92))
        pages = []
        for page_no, (k, n, d, profile) in enumerate(entries):
            paper = papers[k]
            pages.append({
                "page": page_no,
                "document": k,
                "doc_type": paper.doc_type,
                "document_page": n,
                "profile": profile,
                "rotation": d.rotation,
                "skew_deg": d.skew_deg,
                "dpi": d.dpi,
                "width": d.image.width,
                "height": d.image.height,
                "font": paper.rendered.font,
                "layout": paper.rendered.layout,
                "text": paper.rendered.pages[n].text,
            })
            doc_pages[k].append({"file": name, "page": page_no})
        gt_files.append({"file": name, "pages": pages})
    truth = {
        "dossier_code": code,
        "procedure": procedure,
        "seed": seed,
        "index": index,
        "required_documents": list(PROCEDURES[procedure]),
        "files": gt_files,
        "documents": [{"type": p.doc_type, "pages": doc_pages[k], "fields": p.rendered.fields,
                       "layout": p.rendered.layout, "font": p.rendered.font} for k, p in enumerate(papers)],
        "missing_documents": missing,
    }
    (folder / "ground_truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
    return folder


def write_samples(out_dir: Path, seed: int = 0, dossiers: int = 3) -> list[Path]:
    """Write ``dossiers`` dossier folders under ``out_dir`` and return their paths. Same seed, same bytes.
    The default three (birth_group, death_group, generic) cover every document type and profile."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_dossier(out_dir, seed, i) for i in range(dossiers)]


def load_ground_truth(dossier_dir: Path) -> dict:
    """Read a dossier's ground_truth.json."""
    return json.loads((Path(dossier_dir) / "ground_truth.json").read_text(encoding="utf-8"))
