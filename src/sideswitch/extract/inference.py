"""Sides from conflict knowledge, where the sentence names none: each marked ``inferred``.

    "Key Vantarian diplomats disowned the Kessel regime"   -> from the regime (named), to its
                                                              adversary in the party lexicon (inferred)
    "the ambassador resigned in protest at the crackdown"  -> from the state he served, to its adversary

An inferred side carries ``"inferred": true`` in the event and lowers the mention's confidence
(``INFERRED_PENALTY``, in ``assemble``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .arguments import Mention
    from .candidates import Candidate
    from .extractor import DocState, Lexicon
    from .sides import SideContext
    from .syntax import Frame

__all__ = ["infer_sides", "carry_document_sides", "INFERRED_PENALTY"]

# Confidence taken off an event whose side joined was inferred from the lexicon's adversaries
# rather than read: about the precision gap measured between read and inferred sides on dev2.
INFERRED_PENALTY = 0.10


def infer_sides(
    m: Mention, c: Candidate, state: DocState, res: Lexicon, ctx: SideContext, frame: Frame | None = None
) -> None:
    """Complete ``m``'s sides from the party lexicon's adversaries for renunciation acts, and for an
    official who reports his own defection without naming a side ("X, the state's envoy, said he
    had gone over": he leaves the state he served for its adversary)."""
    if not (c.trigger.renounce or any(o.trigger.renounce for o in c.others)):
        _self_report(m, c, ctx, frame)
        return
    matches = state.parties_at.get(c.sentence.index, [])
    to_party = ctx.parties.get((m.to_side or {}).get("party") or "")
    if to_party is not None and to_party.kind == "state":
        # "disowned the regime": the regime is the side left; another state named after the act
        # ("... and the envoy to Lisbon quit") is where someone served, not a side
        if to_party.state_of == ctx.country and not (m.from_side or {}).get("party"):
            m.from_side = m.to_side
        m.to_side = None
    named_state = next((x for x in matches if x.party.kind == "state" and x.start >= c.start - 5), None) or next(
        (x for x in matches if x.party.kind == "state"), None
    )
    if named_state is not None and not (m.from_side or {}).get("party"):
        m.from_side = {"name": named_state.surface, "party": named_state.party.name}
    if m.from_side is None or not m.from_side.get("party"):
        own = ctx.parties.state_party(ctx.country, ctx.year) if ctx.country else None
        if own is None:
            return
        m.from_side = {"name": own.name, "party": own.name, "inferred": True}
    if m.to_side is None:
        other = ctx.parties.adversary(m.from_side["party"], ctx.year)
        if other is not None:
            m.to_side = {"name": other.name, "party": other.name, "inferred": True}


def _self_report(m: Mention, c: Candidate, ctx: SideContext, frame: Frame | None) -> None:
    if frame is None or frame.reporter is None or frame.joined is not None or c.kind != "defection":
        return
    if m.from_side is not None or m.to_side is not None:
        return
    words = c.sentence.text[frame.reporter[0] : frame.reporter[1]].replace("’", "'").replace("'s", " ").split()
    country = next((ctx.countries_of(w.strip(",.")) for w in words if ctx.countries_of(w.strip(",."))), None)
    own = ctx.parties.state_party(country, ctx.year) if country else None
    other = ctx.parties.adversary(own.name, ctx.year) if own is not None else None
    if own is not None and other is not None:
        m.from_side = {"name": own.name, "party": own.name, "inferred": True}
        m.to_side = {"name": other.name, "party": other.name, "inferred": True}


def carry_document_sides(m: Mention, c: Candidate, state: DocState) -> None:
    """A defection that names no side at all, in a story whose earlier acts left a known party
    ("On Thursday a nephew of the minister announced his defection"), leaves that party too: the
    story's side left carries to it, marked inferred (golden case
    document-side-carries). Only defections: a surrender or desertion without a side is told
    apart by the rules that read its sentence."""
    if c.kind != "defection" or m.from_side is not None or m.to_side is not None:
        return
    if m.subject not in ("singular", "group") or not m.role:
        return  # only an actor the sentence describes; a named figure's sides are told where he is
    told = [
        x.from_side for x in state.mentions if x.from_side and x.from_side.get("party") and x.cand.kind == "defection"
    ]
    if not told:
        return
    parties = [side["party"] for side in told]
    party = max(parties, key=lambda p: (parties.count(p), max(i for i, q in enumerate(parties) if q == p)))
    last = next(side for side in reversed(told) if side["party"] == party)
    m.from_side = {**last, "inferred": True}  # where he went is not carried: acts of one story part ways
