"""Progress: a status line when not on a terminal, a bar on one."""

from __future__ import annotations

import io

from sideswitch.cli.progress import Progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_status_lines_off_a_terminal():
    out = io.StringIO()
    with Progress("ingest", stream=out, every=0) as p:
        p.document(None, [1, 2])
        p.document(None, [])
    lines = out.getvalue().splitlines()
    assert (
        len(lines) == 2
        and lines[1].startswith("ingest: 2 documents, ")
        and lines[1].endswith("documents/s, 2 event mentions")
    )


def test_a_bar_on_a_terminal():
    out = Tty()
    with Progress("reprocess", total=2, stream=out) as p:
        p.document(None, [1])
        p.document(None, [1, 2])
        assert p._bar.tasks[0].completed == 2 and p._bar.tasks[0].fields["found"] == 3
    assert "reprocess: " not in out.getvalue() and "documents/s" in out.getvalue()  # the bar, not status lines


def test_import_events_reports_progress(tmp_path, event_factory):
    import json

    from sideswitch.analyze import import_events
    from sideswitch.store import open_store

    path = tmp_path / "coded.jsonl"
    path.write_text("".join(json.dumps(event_factory(f"e{i}", f"d{i}")) + "\n" for i in range(3)), encoding="utf-8")
    out = io.StringIO()
    with open_store(tmp_path / "i.db") as store, Progress("import", stream=out, every=0, unit="events") as p:
        report = import_events(store, path, on_event=lambda ev: p.document(ev, [ev]))
    assert report.imported == 3
    assert out.getvalue().splitlines()[-1].startswith("import: 3 events, ")
    assert out.getvalue().splitlines()[-1].endswith("events/s, 3 events")
