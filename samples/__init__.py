"""Deterministic synthetic dossiers of a Vietnamese one-stop-shop office, with exact ground truth.

The project's own test and benchmark material: clean renders of every document type
(:func:`render_document`), realistic degradations (:func:`degrade`) and whole dossiers written as
PDF/TIFF/JPEG files with ``ground_truth.json`` (:func:`write_samples`). All people are fictitious.
"""

from samples.degrade import PROFILES, degrade
from samples.documents import DOC_TYPES, render_document
from samples.dossier import PROCEDURES, load_ground_truth, write_samples
from samples.metrics import char_error_rate, word_error_rate
from samples.model import Degraded, RenderedDocument, RenderedPage

__all__ = [
    "DOC_TYPES",
    "PROCEDURES",
    "PROFILES",
    "Degraded",
    "RenderedDocument",
    "RenderedPage",
    "char_error_rate",
    "degrade",
    "load_ground_truth",
    "render_document",
    "word_error_rate",
    "write_samples",
]
