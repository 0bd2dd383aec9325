"""CLI commands: ingest, events, show, export, explain."""
from __future__ import annotations

COMMANDS: list = []
