"""Plain-text rendering of events for the terminal (no colour codes, pipes cleanly)."""

from __future__ import annotations

import textwrap

__all__ = ["events_table", "event_detail", "explain_text", "side_label", "people_label", "date_label"]


def side_label(side: dict | None) -> str:
    if not side:
        return "?"
    return side.get("party") or side.get("name") or "?"


def people_label(p: dict | None) -> str:
    """The best estimate with its band ("55 (48-67)"), or the stated range of an older export."""
    if not p:
        return "-"
    best = p.get("best")
    if best is None:
        return str(p["min"]) if p["min"] == p["max"] else f"{p['min']}-{p['max']}"
    low, high = p.get("low", p["min"]), p.get("high", p["max"])
    return str(best) if low == high == best else f"{best} ({low}-{high})"


def date_label(d: dict | None) -> str:
    if not d:
        return "undated"
    return d["earliest"] if d["earliest"] == d["latest"] else f"{d['earliest']}..{d['latest']}"


def _place(loc: dict | None) -> str:
    loc = loc or {}
    parts = [loc.get("place"), loc.get("admin1"), loc.get("country")]
    return ", ".join(dict.fromkeys(p for p in parts if p)) or "-"


def events_table(events: list[dict]) -> str:
    if not events:
        return "No events."
    rows = [("DATE", "KIND", "DEFECTOR", "PEOPLE", "FROM -> TO", "PLACE", "CONTESTED", "ID")]
    for ev in events:
        d = ev.get("defector") or {}
        who = d.get("name") or (d.get("role") or "unnamed")
        rows.append(
            (
                date_label(ev.get("date")),
                ev["kind"] + (" (offered)" if ev.get("stage") == "offered" else ""),
                who[:28],
                people_label(ev.get("people")),
                f"{side_label(ev.get('from_side'))} -> {side_label(ev.get('to_side'))}"[:48],
                _place(ev.get("location"))[:32],
                "yes" if ev.get("contested") else "",
                ev["id"],
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + f"\n{len(events)} event{'s' if len(events) != 1 else ''}."


def event_detail(ev: dict) -> str:
    d = ev.get("defector") or {}
    loc = ev.get("location") or {}
    out = [
        f"Event {ev['id']}",
        f"  kind        {ev['kind']} ({ev['stage']})" + ("  [historical]" if ev.get("historical") else ""),
        f"  defector    {d.get('name') or 'unnamed'}"
        + (f" ({d['role']})" if d.get("role") else "")
        + (f"  aliases: {', '.join(d['aliases'])}" if d.get("aliases") else "")
        + (f"  actor: {d['actor_id']}" if d.get("actor_id") else ""),
        f"  people      {people_label(ev.get('people'))}",
        f"  from        {_side_full(ev.get('from_side'))}",
        f"  to          {_side_full(ev.get('to_side'))}",
        f"  where       {_place(loc)}"
        + (f"  ({loc['lat']:.3f}, {loc['lon']:.3f}, {loc.get('precision')})" if loc.get("lat") is not None else ""),
        f"  when        {date_label(ev.get('date'))}"
        + (f'  ("{ev["date"]["text"]}")' if (ev.get("date") or {}).get("text") else ""),
        f"  weapons     {_weapons(ev.get('weapons'))}",
        f"  contested   {'yes' if ev.get('contested') else 'no'}",
        f"  confidence  {ev.get('confidence')}",
    ]
    cred = ev.get("credibility") or {}
    if cred.get("summary"):
        out.append(f"  credibility {cred['summary']}")
    if ev.get("claims"):
        out.append("Claims:")
        for c in ev["claims"]:
            out.append(f"  {c['stance']:<9} {c['by']}  [{c.get('doc')}]")
    out.append("Sources:")
    for s in ev.get("sources") or []:
        head = f"  [{s['doc']}] " + " ".join(x for x in (s.get("outlet"), s.get("published"), s.get("url")) if x)
        out.append(head + f"  span {s['span'][0]}-{s['span'][1]}")
        out.extend(textwrap.wrap(s["evidence"], 96, initial_indent="    \u201c", subsequent_indent="     "))
    return "\n".join(out)


def _weapons(ws: list | None) -> str:
    return ", ".join(w["item"] + (f" x{w['count']}" if w.get("count") else "") for w in ws or []) or "-"


def _side_full(side: dict | None) -> str:
    if not side:
        return "-"
    name, party = side.get("name"), side.get("party")
    return f"{name} (party: {party})" if party and party != name else (name or party or "-")


def explain_text(rows: list[dict]) -> str:
    if not rows:
        return "No trigger fired in this document."
    out = []
    for r in rows:
        out.append(f"[{r['span'][0]}-{r['span'][1]}] {r['sentence'][:200]}")
        for t in r["triggers"]:
            mark = {"event": "+", "denial": "~", "rejected": "-"}.get(t["status"], "?")
            ev = f" -> event {t['event'] + 1}" if t.get("event") is not None else ""
            out.append(f"   {mark} {t['trigger']:<15} '{t['text']}' {t['kind']}/{t['stage']}: {t['reason']}{ev}")
    return "\n".join(out)
