"""The analyst's workbench: corrections kept in an append-only log and replayed over the
extracted record (see :mod:`sideswitch.curate.corrections`)."""

from __future__ import annotations

from .corrections import (
    OPS,
    ReplayReport,
    analyst,
    correct,
    current_event,
    export_corrections,
    import_corrections,
    orphaned_notice,
    replay,
)
from .fields import FIELDS, parse_field

__all__ = [
    "OPS",
    "FIELDS",
    "ReplayReport",
    "analyst",
    "correct",
    "current_event",
    "export_corrections",
    "import_corrections",
    "orphaned_notice",
    "parse_field",
    "replay",
]
