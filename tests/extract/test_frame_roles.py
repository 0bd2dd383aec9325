"""Roles of a trigger from the event frames (lexicon/data/frames/<lang>.yaml) over the trained
parse, on invented sentences in English, French and Spanish."""

from __future__ import annotations

from typing import Any

import pytest

from sideswitch.extract.syntax import SyntaxModels, frame_of
from sideswitch.lexicon.langdata import language_data


@pytest.fixture(scope="module")
def models() -> SyntaxModels:
    return SyntaxModels()


def _roles(models: SyntaxModels, lang: str, sent: str, trigger: str, **flags: bool) -> dict[str, Any]:
    cfg = language_data(lang).syntax
    assert cfg is not None
    doc = models.parse(sent, lang, cfg)
    i = sent.index(trigger)
    f = frame_of(doc, i, i + len(trigger), cfg, direct=flags.get("direct", False), leaves=flags.get("leaves", False))
    out: dict[str, Any] = {"frame": f.frame, "kind": f.kind}
    for role in ("subject", "joined", "left", "count", "place", "time"):
        span = getattr(f, role)
        out[role] = sent[span[0] : span[1]] if span else None
    return out


@pytest.mark.parametrize(
    ("lang", "sent", "trigger", "flags", "expect"),
    [
        (
            "en",
            "Colonel Tarek Vell defected to the Dunmore Liberation Front on Tuesday.",
            "defected",
            {},
            {
                "frame": "defect",
                "subject": "Colonel Tarek Vell",
                "joined": "the Dunmore Liberation Front",
                "time": "Tuesday",
            },
        ),
        (
            "en",
            "Four border guards defected from the Karsk army in Velgrad last week.",
            "defected",
            {},
            {"left": "the Karsk army", "count": "Four", "place": "Velgrad", "time": "last week", "joined": None},
        ),
        (
            "en",
            "Two Red Hand commanders broke ties with the movement in March.",
            "broke ties with",
            {},
            {"frame": "break-ties", "kind": "defection", "left": "the movement", "subject": "Two Red Hand commanders"},
        ),
        (
            "en",
            "Nine militiamen handed themselves over to the police in Oskar Town.",
            "handed themselves over",
            {},
            {"frame": "turn-in", "kind": "surrender", "joined": "the police", "count": "Nine"},
        ),
        (
            "en",
            "Thirty soldiers joined the protesters in the capital.",
            "joined",
            {},
            {"frame": "join", "joined": "the protesters"},
        ),
        (
            "en",
            "A captain of the Northern Brigade pledged allegiance to the Sunrise Front.",
            "pledged allegiance to",
            {},
            {"frame": "pledge", "joined": "the Sunrise Front", "subject": "A captain of the Northern Brigade"},
        ),
        (
            "en",
            "Dozens of conscripts deserted the Vardic army after the offensive.",
            "deserted",
            {},
            {"frame": "desert", "kind": "desertion", "left": "the Vardic army"},
        ),
        (
            "en",
            "The deputy minister disowned the regime on Sunday.",
            "disowned",
            {},
            {"frame": "renounce", "left": "the regime", "subject": "The deputy minister"},
        ),
        (  # the tree walk: the relative pronoun's antecedent
            "en",
            "Sergeant Ilo Pask, who defected in May, spoke to reporters.",
            "defected",
            {},
            {"subject": "Sergeant Ilo Pask", "time": "May"},
        ),
        (
            "fr",
            "Douze combattants du FLK se sont rendus aux forces armées à Tessar mardi.",
            "se sont rendus",
            {},
            {"frame": "se-rendre", "kind": "surrender", "joined": "aux forces", "subject": "Douze combattants du FLK"},
        ),
        (
            "fr",
            "Le lieutenant Amadou Kell a rallié le Front de libération de Doro.",
            "a rallié",
            {},
            {"frame": "rallier", "joined": "le Front de libération de Doro"},
        ),
        (
            "fr",
            "Trois gendarmes ont déserté la caserne de Mbéla.",
            "ont déserté",
            {},
            {"frame": "deserter", "kind": "desertion", "left": "la caserne de Mbéla", "count": "Trois"},
        ),
        (
            "fr",
            "Un officier a fait défection de l'armée centrafricaine.",
            "a fait défection",
            {},
            {"frame": "faire-defection", "left": "de l'armée centrafricaine", "subject": "Un officier"},
        ),
        (
            "es",
            "Doce guerrilleros del Frente Norte desertaron de la columna Esperanza el lunes.",
            "desertaron",
            {},
            {"frame": "desertar", "kind": "desertion", "count": "Doce", "time": "el lunes"},
        ),
        (  # the defector through coordination: the subject of the first verb
            "es",
            "Dos sargentos de la Guardia Nacional huyeron de su cuartel y desertaron el jueves.",
            "desertaron",
            {},
            {"frame": "desertar", "subject": "Dos sargentos de la Guardia Nacional"},
        ),
        (
            "es",
            "Cinco milicianos se entregaron al Ejército en Valdora.",
            "se entregaron",
            {},
            {"frame": "entregarse", "kind": "surrender", "joined": "al Ejército", "subject": "Cinco milicianos"},
        ),
        (
            "es",
            "Dos capitanes se rindieron ante las tropas del Frente Sur.",
            "se rindieron",
            {},
            {"joined": "ante las tropas del Frente Sur", "count": "Dos"},
        ),
    ],
)
def test_roles_from_frames(
    models: SyntaxModels, lang: str, sent: str, trigger: str, flags: dict[str, bool], expect: dict[str, Any]
) -> None:
    got = _roles(models, lang, sent, trigger, **flags)
    assert {k: got[k] for k in expect} == expect


def test_generic_object_follows_the_trigger(models: SyntaxModels) -> None:
    """A frame-less head: its bare object is the side joined only when the trigger says so."""
    sent = "Captain Ruel Osk reached the river with his unit."
    assert _roles(models, "en", sent, "reached")["joined"] is None
    assert _roles(models, "en", sent, "reached", direct=True)["joined"] == "the river"


def test_matcher_is_built_once_per_language(models: SyntaxModels) -> None:
    cfg = language_data("en").syntax
    assert cfg is not None
    models.parse("A pilot defected.", "en", cfg)
    first = models._matchers["en"]
    models.parse("A sailor defected.", "en", cfg)
    assert models._matchers["en"] is first


@pytest.mark.parametrize(
    ("lang", "sent", "trigger", "left"),
    [
        ("en", "Five sentries quit the Ostrian army before dawn.", "quit", "the Ostrian army"),
        ("en", "Three sentries gave in and left their post before dawn.", "left", None),
        ("fr", "Quatre soldats ont quitté l'armée nationale.", "ont quitté", "l'armée nationale"),
        ("fr", "Quatre soldats ont abandonné leurs postes samedi.", "ont abandonné", None),
    ],
)
def test_a_force_left_is_a_side_a_post_is_not(
    models: SyntaxModels, lang: str, sent: str, trigger: str, left: str | None
) -> None:
    assert _roles(models, lang, sent, trigger)["left"] == left
