"""Renderers for every document type of DESIGN.md, and the dispatcher that runs them.

Each renderer module exposes ``render(ctx) -> fields``: it draws its pages through ``ctx.page`` and
returns the fields the paper really prints, with DESIGN names (dates ISO, sex "Nam"/"Nữ", NFC text
exactly as printed, so names are upper case where the paper prints them so). Field names used here,
beyond the DESIGN core:

- all: ``document_number`` (số văn bản / số thẻ giấy), ``date_of_issue`` (date the paper was made)
- cccd: ``old_id_number``, ``qr_payload``
- residence papers: ``ethnicity``, ``religion``, ``household_head_full_name``,
  ``household_head_id_number``, ``relationship_to_household_head``, ``place_of_temporary_residence``,
  ``current_residence``, ``request_content``, ``phone_number``, ``recipient_authority``,
  ``new_place_of_residence`` (CT01 moving in), ``date_of_death`` (CT01 deregistration after a death)
- birth papers: ``place_of_birth``, ``date_of_birth_in_words``, ``father_full_name``,
  ``father_year_of_birth``, ``father_place_of_residence``, ``mother_full_name``,
  ``mother_year_of_birth``, ``mother_place_of_residence``, ``declarant_full_name``,
  ``declarant_id_number``, ``declarant_relationship``, ``registration_authority``,
  ``date_of_registration``, ``book_number``, ``mother_id_number``, ``father_id_number``
- death papers: ``date_of_death``, ``time_of_death``, ``place_of_death``, ``cause_of_death``,
  ``declarant_full_name``, ``declarant_id_number``, ``date_of_registration``, ``registration_authority``,
  ``title`` ("GIẤY BÁO TỬ" or "TRÍCH LỤC KHAI TỬ")
- health insurance card: ``insurance_number``, ``initial_healthcare_facility``, ``valid_from``,
  ``date_of_expiry``
- other: ``title`` (heading of the letter / receipt), ``request_content``, ``dossier_code``,
  ``procedure_name``, ``date_of_appointment`` (receipt)

Names are printed (and recorded) in upper case on cards, certificates and police papers, and often in
upper case on hand-filled forms; the chip card's QR payload carries the name in normal case, as the
real ones do. Compare names case-insensitively across papers.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from samples import fonts
from samples.canvas import Overflow
from samples.documents import birth, cccd, death, insurance, other, residence
from samples.documents.common import Ctx
from samples.model import RenderedDocument, RenderedPage
from samples.people import Household, Person, make_household, nfc

DOC_TYPES = (
    "cccd",
    "residence_confirmation",
    "residence_declaration_form",
    "birth_certificate",
    "birth_registration_form",
    "death_notice",
    "health_insurance_card",
    "other",
)

RENDERERS: dict[str, Callable[[Ctx], dict[str, str]]] = {
    "cccd": cccd.render,
    "residence_confirmation": residence.render_confirmation,
    "residence_declaration_form": residence.render_declaration,
    "birth_certificate": birth.render_certificate,
    "birth_registration_form": birth.render_registration_form,
    "death_notice": death.render,
    "health_insurance_card": insurance.render,
    "other": other.render,
}

# How many layout variants each renderer knows (``Ctx.variant`` is drawn below this).
VARIANTS: dict[str, int] = {
    "cccd": 3,
    "residence_confirmation": 3,
    "residence_declaration_form": 3,
    "birth_certificate": 3,
    "birth_registration_form": 3,
    "death_notice": 3,
    "health_insurance_card": 2,
    "other": 3,
}

# Papers a citizen fills in by hand (sometimes typed on a computer); the others are issued typed.
HANDWRITTEN = {"residence_declaration_form", "birth_registration_form", "other"}


def default_subject(doc_type: str, hh: Household) -> Person:
    """Whom a paper is about when nothing else says so."""
    if doc_type in ("birth_certificate", "birth_registration_form", "health_insurance_card"):
        return hh.child
    if doc_type == "death_notice":
        return hh.elder
    return hh.father


def render(
    doc_type: str,
    hh: Household,
    seed: int,
    *,
    subject: Person | None = None,
    font: str | None = None,
    variant: int | None = None,
    options: dict[str, str] | None = None,
) -> RenderedDocument:
    """Render one document of a household. Deterministic for (household, seed, subject, font, variant).
    If the content overflows a page, the type is shrunk a little and the page drawn again."""
    if doc_type not in RENDERERS:
        raise KeyError(f"unknown document type {doc_type!r}; known: {DOC_TYPES}")
    pick_rng = random.Random(f"{doc_type}:{seed}:pick")
    face = fonts.pick(pick_rng, font)
    if variant is None:
        variant = pick_rng.randrange(VARIANTS[doc_type])
    hand = doc_type in HANDWRITTEN and pick_rng.random() < 0.8
    if doc_type == "other" and (options or {}).get("kind", "receipt" if variant == 2 else "") == "receipt":
        hand = False  # the office prints its receipt
    subject = subject or default_subject(doc_type, hh)
    for shrink in (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0):  # points off the body type; 4 for the longest names
        ctx = Ctx(hh=hh, subject=subject, face=face, rng=random.Random(f"{doc_type}:{seed}:draw"),
                  variant=variant, shrink=shrink, hand=hand, options=dict(options or {}))
        try:
            fields = RENDERERS[doc_type](ctx)
        except Overflow:
            continue
        break
    else:
        raise RuntimeError(f"{doc_type} variant {variant} does not fit its page even at the smallest size")
    pages = [RenderedPage(image=p.img, text=nfc(p.text), dpi=p.dpi) for p in ctx.pages]
    return RenderedDocument(
        doc_type=doc_type,
        fields={k: nfc(v) for k, v in fields.items() if v},
        pages=pages,
        font=face.family,
        layout=f"{doc_type}/v{variant}" + (f"/{options['kind']}" if options and options.get("kind") else "")
        + ("/hand" if hand else ""),
    )


def render_document(doc_type: str, person_seed: int, font: str | None = None) -> RenderedDocument:
    """Render one document about a fictitious household made from ``person_seed`` (public API)."""
    hh = make_household(random.Random(person_seed))
    return render(doc_type, hh, person_seed, font=font)
