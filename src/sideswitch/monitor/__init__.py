"""The monitor: watching feeds (:mod:`sideswitch.monitor.watch`) and alerts over the stored record."""

from __future__ import annotations

from .alerts import RULES, WATCH_KINDS, atom_feed, check_alerts, send_webhook

__all__ = ["RULES", "WATCH_KINDS", "atom_feed", "check_alerts", "send_webhook"]
