"""CLI commands about people: ``actors`` (everyone) and ``actor ID`` (one history)."""

from __future__ import annotations

import click

from ..store import open_store
from .common import db_option, translate_errors

__all__ = ["COMMANDS", "actors_command", "actor_command"]


def _window(date: dict | None) -> str:
    if not date:
        return "undated"
    return date["earliest"] if date["earliest"] == date["latest"] else f"{date['earliest']}..{date['latest']}"


def _side(side: dict | None, missing: str) -> str:
    return (side or {}).get("party") or (side or {}).get("name") or missing


def _actor_lines(actor: dict) -> list[str]:
    from ..resolve.actors import summarize_actor  # here: other commands start without the actor rules

    s = summarize_actor(actor)
    switches = f"{s['switches']} switch{'es' if s['switches'] != 1 else ''}" + (
        f" (+{s['offered']} offered)" if s["offered"] else ""
    )
    dates = f"{s['first']} .. {s['last']}" if s["first"] else "undated"
    lines = [f"{actor['id']}  {actor['name']}  {switches}  {dates}"]
    if actor.get("aliases"):
        lines.append(f"    also written: {', '.join(actor['aliases'])}")
    links = [f"{p['name']} ({p['actor_id']}, {p['score']:.2f})" for p in actor.get("possibly_same") or []]
    if links:
        lines.append(f"    possibly the same as: {'; '.join(links)}")
    return lines


def _history_lines(actor: dict) -> list[str]:
    lines = [f"{actor['name']} ({actor['id']})"]
    if actor.get("aliases"):
        lines.append(f"also written: {', '.join(actor['aliases'])}")
    lines.append("")
    for h in actor.get("history") or []:
        stage = " (offered)" if h.get("stage") == "offered" else ""
        lines.append(
            f"{_window(h.get('date'))}  {_side(h.get('from'), '?')} -> "
            f"{_side(h.get('to'), 'no new side')}  {h.get('kind')}{stage}"
        )
        lines.append(f'    "{h.get("evidence") or ""}" [{h.get("doc") or h["event_id"]}]')
    for p in actor.get("possibly_same") or []:
        lines.append(f"possibly the same as: {p['name']} ({p['actor_id']}), {p['score']:.2f}: {p['why']}")
    return lines


@click.command("actors")
@db_option
@translate_errors
def actors_command(db: str | None) -> None:
    """List the people who switched sides: id, name, other spellings,
    number of switches, first and last date, and possible duplicates.

    Example:

        sideswitch actors --db conflict.db
    """
    with open_store(db, readonly=True) as store:
        actors = store.list_actors()
    for actor in actors:
        click.echo("\n".join(_actor_lines(actor)))
    click.echo(f"{len(actors):,} actor{'s' if len(actors) != 1 else ''}.")


@click.command("actor")
@click.argument("actor_id", metavar="ID")
@db_option
@translate_errors
def actor_command(actor_id: str, db: str | None) -> None:
    """Show one person's side switches in time order, each with its
    evidence sentence and document, and the people they may be.

    Example:

        sideswitch actor actor-3f2a9c1b0d --db conflict.db
    """
    with open_store(db, readonly=True) as store:
        actor = store.get_actor(actor_id)
    click.echo("\n".join(_history_lines(actor)))


COMMANDS = [actors_command, actor_command]
