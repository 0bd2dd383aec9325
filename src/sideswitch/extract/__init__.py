"""Extraction: from a document's text to one contract event per act it reports."""

from __future__ import annotations

from .extractor import (
    DEFAULT_STAGES,
    Lexicon,
    Resources,
    build_pipeline,
    default_lexicon,
    default_resources,
    explain_document,
    extract_document,
    register_stage,
)

__all__ = [
    "extract_document",
    "explain_document",
    "register_stage",
    "build_pipeline",
    "DEFAULT_STAGES",
    "Lexicon",
    "default_lexicon",
    "Resources",
    "default_resources",
]
