"""CLI commands: web (filled in by its own work item)."""
from __future__ import annotations

COMMANDS: list = []
