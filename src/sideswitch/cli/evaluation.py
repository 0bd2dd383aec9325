"""CLI command: evaluate (score against a gold corpus)."""

from __future__ import annotations

import json

import click

from .common import translate_errors

__all__ = ["COMMANDS"]


@click.command()
@click.argument("corpus", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--scorer",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="The scorer (default: score.py next to the corpus).",
)
@click.option("--one-at-a-time", is_flag=True, help="Ingest each document separately (incremental merge).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None)
@click.option("--unmerged", is_flag=True, help="Score per-document extractions, before cross-document merging.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--explain", is_flag=True, help="List missed and extra events.")
@translate_errors
def evaluate(corpus, scorer, one_at_a_time, min_confidence, unmerged, as_json, explain):
    """Score extraction on a gold corpus (docs.jsonl + gold.jsonl), in a temporary store.

    Example:

        sideswitch evaluate ../shared/eval/dev --explain
    """
    from ..evaluate import evaluate_corpus

    r = evaluate_corpus(
        corpus, scorer=scorer, one_at_a_time=one_at_a_time, min_confidence=min_confidence, merged=not unmerged
    )
    if as_json:
        click.echo(json.dumps({k: v for k, v in r.items() if explain or k not in ("misses", "extras")}, indent=2))
        return
    click.echo(
        f"precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}  "
        f"(false positives in negative documents: {r['fp_in_negative_docs']})"
    )
    click.echo(
        "slot accuracy: "
        + "  ".join(f"{k} {v:.2f}" for k, v in r["slot_accuracy"].items())
        + f"  | mean {r['mean_slot_accuracy']:.3f}"
    )
    mp, mr = r["merge_precision"], r["merge_recall"]
    click.echo(
        f"cross-document merge: precision {'-' if mp is None else f'{mp:.3f}'}  recall {'-' if mr is None else f'{mr:.3f}'}"
    )
    if explain:
        for d, ev in r["misses"]:
            click.echo(f"MISSED  [{d}] {ev[:160]}")
        for d, ev in r["extras"]:
            click.echo(f"EXTRA   [{d}] {ev[:160]}")


COMMANDS = [evaluate]
