"""CLI commands of the analyst's workbench: correct, corrections (list, export, import)."""

from __future__ import annotations

import json

import click

from .common import db_option, translate_errors

__all__ = ["COMMANDS"]

FORMS = {"merge": ("merge", "other"), "split": ("split", "doc"), "alias": ("alias", "value")}


def _store(db):
    from ..store import open_store

    return open_store(db)


def _plan(args, sets, reject, accept, link, unlink) -> list[tuple[str, str, dict]]:
    """(target, op, options) for each correction the command line asks for; usage errors exit 2."""
    if args[0] in FORMS:
        if len(args) != 3:
            raise click.UsageError(f"'{args[0]}' takes two arguments, e.g. 'sideswitch correct {args[0]} A B'")
        op, key = FORMS[args[0]]
        return [(args[2], op, {key: args[1]}) if op == "alias" else (args[1], op, {key: args[2]})]
    if len(args) != 1:
        raise click.UsageError("give one EVENT_ID (or: merge A B, split EVENT_ID DOC, alias NAME PARTY)")
    plan = []
    for s in sets:
        name, eq, value = s.partition("=")
        if not eq:
            raise click.UsageError(f"--set takes FIELD=VALUE, not {s!r}")
        plan.append((args[0], "set", {"field": name.strip(), "value": value}))
    for flag, op, opts in (
        (reject, "reject", {}),
        (accept, "accept", {}),
        (link, "link", {"value": link}),
        (unlink, "unlink", {}),
    ):
        if flag:
            plan.append((args[0], op, opts))
    if not plan:
        raise click.UsageError("say what to correct: --set FIELD=VALUE, --reject, --accept, --link or --unlink")
    return plan


def _line(c: dict) -> str:
    what = {
        "set": f"{c['field']}: {json.dumps(c['before'])} -> {json.dumps(c['after'])}",
        "merge": f"merged {c['field']} into it",
        "split": f"split off document {c['field']}",
        "alias": f"'{c['field']}' is {c['after']}",
    }.get(c["op"], c["op"] + "ed")
    state = c.get("status") or "pending"
    return (
        f"#{c['id']:<4} {c['at'][:16]}  {c['by']:<10} {c['target']:<16} {what}  [{state}]"
        f"{'  ' + c['note'] if c.get('note') and state != 'applied' else ''}\n      why: {c['why']}"
    )


@click.command()
@click.argument("args", nargs=-1, required=True, metavar="EVENT_ID | merge A B | split EVENT_ID DOC | alias NAME PARTY")
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Set a field: kind, stage, defector, people (24 or 20-30), people.min/max/best, from_side, "
    "to_side (.name/.party), place, province, country, date (D or D1..D2), contested, ...",
)
@click.option("--reject", is_flag=True, help="Reject the event: it leaves the record (until --accept).")
@click.option("--accept", is_flag=True, help="Accept the event as checked.")
@click.option("--link", default=None, metavar="ACTOR_ID", help="Link the defector to this person.")
@click.option("--unlink", is_flag=True, help="Unlink the defector from any person.")
@click.option("--why", required=True, help="The reason, kept in the log.")
@click.option("--by", default=None, envvar="SIDESWITCH_ANALYST", help="Who corrects (default: login name).")
@db_option
@translate_errors
def correct(args, sets, reject, accept, link, unlink, why, by, db):
    """Correct the record; the correction is logged and outlasts reprocess and re-ingest.

    \b
    Example:
        sideswitch correct ev-3f2a9c1b7d10 --set people.best=24 --why "ministry figure"
        sideswitch correct ev-3f2a9c1b7d10 --reject --why "a film plot, not news"
        sideswitch correct merge ev-3f2a9c1b7d10 ev-77aa01b2c3d4 --why "same act"
        sideswitch correct split ev-3f2a9c1b7d10 doc-17 --why "doc-17 tells of an earlier act"
        sideswitch correct alias jihadi "United Front" --why "the Northern Alliance's word"
    """
    from ..curate import correct as run

    plan = _plan(args, sets, reject, accept, link, unlink)
    with _store(db) as store:
        for target, op, opts in plan:
            click.echo(_line(run(store, target, op, why=why, by=by, **opts)))


@click.group()
def corrections():
    """The corrections log: list it, export it, import another analyst's.

    \b
    Example:
        sideswitch corrections list
        sideswitch corrections export > mine.jsonl && sideswitch corrections import mine.jsonl
    """


@corrections.command("list")
@db_option
@click.option("--event", default=None, metavar="EVENT_ID", help="Only corrections of this event.")
@click.option("--orphaned", is_flag=True, help="Only corrections whose target is no longer in the record.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@translate_errors
def list_command(db, event, orphaned, as_json):
    """Every correction in order: who, when, what, before -> after, why, and whether it still applies.

    \b
    Example:
        sideswitch corrections list --orphaned
    """
    with _store(db) as store:
        log = [c for c in store.list_corrections(event) if not orphaned or c.get("status") == "orphaned"]
    for c in log:
        click.echo(json.dumps(c, ensure_ascii=False) if as_json else _line(c))


@corrections.command("export")
@db_option
@click.option("--out", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File (default: stdout).")
@translate_errors
def export_command(db, out):
    """Write the log as JSONL (for 'corrections import' into another store).

    \b
    Example:
        sideswitch corrections export -o corrections.jsonl
    """
    from ..curate import export_corrections

    with _store(db) as store:
        out.writelines(export_corrections(store))


@corrections.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
@translate_errors
def import_command(file, db):
    """Append the corrections of a JSONL log that this store lacks, then replay the log.

    \b
    Example:
        sideswitch corrections import colleague.jsonl
    """
    from ..curate import import_corrections

    with _store(db) as store:
        added, known, report = import_corrections(store, file)
    click.echo(
        f"Imported {added:,} correction{'s' if added != 1 else ''} ({known:,} already known). " + report.summary()
    )


COMMANDS = [correct, corrections]
