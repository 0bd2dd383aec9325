"""The monitor: alerts over the stored record (watching feeds is :mod:`sideswitch.ingest.watch`)."""
from __future__ import annotations

from .alerts import RULES, WATCH_KINDS, atom_feed, check_alerts, send_webhook

__all__ = ["RULES", "WATCH_KINDS", "atom_feed", "check_alerts", "send_webhook"]
