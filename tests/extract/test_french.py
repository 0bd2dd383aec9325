"""French language data (``lexicon/data/extract/fr.yaml``, ``dates/fr.yaml``): detection, numbers,
counts, triggers and their negatives, dates, party aliases, and the warning for a language without data.

Own sentences throughout (invented people; real places and armed groups of the Sahel and Central Africa).
"""

from __future__ import annotations

import logging
from datetime import date

import pytest

from sideswitch.extract.candidates import find_candidates
from sideswitch.extract.counts import count_people, parse_number
from sideswitch.extract.dates import find_dates
from sideswitch.extract.extractor import extract_document, extraction_languages
from sideswitch.extract.text import Sentence, detect_language
from sideswitch.ingest.textutil import guess_language
from sideswitch.lexicon import load_parties
from sideswitch.lexicon.langdata import language_data
from sideswitch.models import Document

FR = language_data("fr")


def candidates(text: str):
    return find_candidates(Sentence(text, 0, len(text), 0), FR)


# ---------------------------------------------------------------- language detection


@pytest.mark.parametrize(
    "text",
    [
        "Douze soldats ont déserté leurs postes à Djibo, selon des sources locales.",
        "Des éléments de l'UPC ont proposé de se rendre à la MINUSCA.",
        "Le JNIM a démenti cette défection dans un message audio.",
        "Sept miliciens se sont rendus aux FARDC à Beni samedi.",
    ],
)
def test_french_news_is_detected_as_french(text):
    assert detect_language(text) == "fr"
    assert guess_language(text) == "fr"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("La información no pudo ser verificada de forma independiente.", "es"),
        ("Un comandante del ELN y 12 de sus hombres se entregaron a las tropas en el Cauca.", "es"),
        ("Three soldiers deserted their battalion and took their rifles, the army said.", "en"),
    ],
)
def test_spanish_and_english_keep_their_language(text, lang):
    assert detect_language(text) == lang


def test_french_is_an_extraction_language():
    assert "fr" in extraction_languages()
    assert FR.language == "fr"


# ---------------------------------------------------------------- numbers and counts


@pytest.mark.parametrize(
    "token, value",
    [
        ("trois", 3),
        ("Douze", 12),
        ("dix-sept", 17),
        ("vingt-trois", 23),
        ("quarante-cinq", 45),
        ("deux cents", 200),
        ("trois mille", 3000),
        ("2 000", 2000),
        ("2\u202f000", 2000),
        ("1.500", 1500),
        ("une vingtaine", 20),
    ],
)
def test_french_number_words(token, value):
    assert parse_number(token, FR) == value


@pytest.mark.parametrize(
    "clause, expected",
    [
        ("Vingt-trois combattants de Boko Haram ont déposé les armes", (23, 23)),
        ("Des dizaines de miliciens se sont rendus", (24, 99)),
        ("une dizaine de combattants se sont rendus", (10, 10)),
        ("plus de 40 jihadistes se sont rendus", (40, 60)),
    ],
)
def test_french_counts(clause, expected):
    assert count_people(clause, FR) == expected


# ---------------------------------------------------------------- triggers


@pytest.mark.parametrize(
    "text, kind, stage",
    [
        ("Quinze combattants se sont rendus aux autorités.", "surrender", "completed"),
        ("Le colonel Issa Diarra a fait défection lundi.", "defection", "completed"),
        ("Cinq gendarmes ont déserté leur poste.", "desertion", "completed"),
        ("Le chef a rallié le JNIM.", "defection", "completed"),
        ("Les rebelles ont proposé de se rendre à la MINUSCA.", "surrender", "offered"),
        ("Les miliciens sont prêts à déposer les armes.", "surrender", "offered"),
    ],
)
def test_french_triggers(text, kind, stage):
    kept = [c for c in candidates(text) if c.status == "event"]
    assert [(c.kind, c.stage) for c in kept] == [(kind, stage)]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Depuis 2019, plus de 2 000 combattants se sont rendus aux autorités.", "generic statement"),
        ("L'attaquant a fait défection au profit du club rival en pleine saison.", "negative cue (sports)"),
        ("Les élèves ont déserté les salles de classe à cause de l'insécurité.", "negative cue (not-armed)"),
        ("Les habitants ont déserté leurs villages après les attaques.", "negative cue (civilian)"),
        ("Les commerçants ont déserté la ville de Djibo par peur des attaques.", "negative cue (not-armed)"),
        ("Ces derniers mois, plusieurs centaines de combattants ont déposé les armes.", "generic statement"),
    ],
)
def test_french_non_acts_are_rejected(text, reason):
    assert [c.reason for c in candidates(text)] == [reason]


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre s'est rendu à Gao mardi pour une visite.",  # "se rendre à" a place: to go there
        "Les soldats se sont rendu compte de l'attaque.",
        "Le village était désert depuis des mois.",
        "Les militaires se sont rendus aux funérailles du général à Bamako.",
        "Des milliers d'électeurs se sont rendus aux urnes dimanche.",
        "Les FAMa ont remis des armes aux chasseurs dozos de Ténenkou.",  # equipping an ally
    ],
)
def test_french_words_that_are_not_triggers(text):
    assert [c for c in candidates(text) if c.status == "event"] == []


def test_french_negated_act_is_a_denial():
    [c] = candidates("Le capitaine n'a jamais fait défection, selon sa famille.")
    assert c.status == "denial"


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, earliest, latest",
    [
        ("dimanche dernier", "2024-04-14", "2024-04-14"),
        ("la semaine dernière", "2024-04-08", "2024-04-14"),
        ("fin juillet", "2023-07-21", "2023-07-31"),
        ("début mars 2023", "2023-03-01", "2023-03-10"),
        ("le 12 mars", "2024-03-12", "2024-03-12"),
        ("avant-hier", "2024-04-15", "2024-04-15"),
        ("l'an dernier", "2023-01-01", "2023-12-31"),
    ],
)
def test_french_dates(text, earliest, latest):
    [w] = find_dates(text, date(2024, 4, 17), "fr")
    assert (w.to_contract()["earliest"], w.to_contract()["latest"]) == (earliest, latest)


# ---------------------------------------------------------------- parties


@pytest.mark.parametrize(
    "text, party",
    [
        ("un chef de l'EIGS", "Islamic State Sahel Province (ISGS)"),
        ("les combattants d'Ansaroul Islam", "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)"),
        ("les rebelles de l'UFR", "Union of Resistance Forces (UFR)"),
        ("le Front Polisario", "Polisario Front"),
        ("les séparatistes ambazoniens", "Ambazonian separatists"),
    ],
)
def test_french_party_aliases(text, party):
    assert [m.party.name for m in load_parties().match(text, year=2023)] == [party]


def test_fds_is_the_state_of_the_document_country():
    parties = load_parties()
    assert [m.party.name for m in parties.match("les FDS", year=2023, country="Burkina Faso")] == [
        "Burkina Faso armed forces"
    ]
    assert [m.party.name for m in parties.match("les FDS", year=2023, country="Niger")] == ["Nigerien government"]


# ---------------------------------------------------------------- a language without data


def test_a_language_without_extraction_data_is_named_in_a_warning(caplog):
    doc = Document(id="de-1", text="Zwölf Soldaten sind am Sonntag desertiert, sagte die Armee.", lang="de")
    with caplog.at_level(logging.WARNING, logger="sideswitch.extract.extractor"):
        assert extract_document(doc) == []
    assert "document 'de-1' is in language 'de', which has no extraction data" in caplog.text


def test_french_document_without_a_language_tag_is_extracted():
    doc = Document(
        id="fr-x",
        published="2023-05-30",
        text="Sept miliciens Maï-Maï se sont rendus aux FARDC à Beni, dans la province du Nord-Kivu, samedi.",
    )
    [ev] = extract_document(doc)
    assert ev["language"] == "fr" if "language" in ev else True
    assert (ev["kind"], ev["people"], ev["to_side"]["party"]) == (
        "surrender",
        {"min": 7, "max": 7, "low": 7, "best": 7, "high": 7},
        "Congolese government (FARDC)",
    )


@pytest.mark.parametrize(
    "text, where",
    [
        ("à Koui, dans la préfecture de l'Ouham-Pendé", ("Ouham-Pende", "Central African Republic")),
        ("dans la région de l'Extrême-Nord", ("Far North", "Cameroon")),
        ("in Côte d'Ivoire on Monday", (None, "Ivory Coast")),  # an article after a capitalised word stays in the name
    ],
)
def test_places_after_an_elided_article(text, where):
    from sideswitch.extract.places import Gazetteer

    [p] = Gazetteer.default().find(text, country_hint=where[1])
    assert (p.admin1, p.country) == where


def test_count_of_nouns_after_an_elided_article():
    assert count_people("une quinzaine d'éléments du groupe armé 3R ont déposé les armes", FR) == (15, 15)


# ---------------------------------------------------------------- every trigger has an example that fires it

TRIGGER_EXAMPLES = {
    "renounce-regime": "Le consul général du Mali à Lyon a rompu avec la junte de Bamako vendredi.",
    "resigned-in-protest": "L'ambassadeur du Niger à Abuja a démissionné en signe de protestation contre la junte.",
    "reconnait-chef": "Deux capitaines ont reconnu Idriss Kaba comme président légitime mardi.",
    "surrender": "Quinze combattants du JNIM se sont rendus aux FAMa à Niono.",
    "gave-up": "Six miliciens se sont livrés aux autorités de Bunia.",
    "defect-verb": "Le lieutenant Paul Ngando a fait défection lundi.",
    "defection-noun": "La défection du colonel Issa Koné a été confirmée par l'armée.",
    "desert": "Cinq gendarmes ont déserté leur poste à Kidal.",
    "desertion-noun": "La désertion du sergent Ali Touré a surpris ses chefs.",
    "rallied": "Le chef a rallié le JNIM avec ses hommes.",
    "rallying-noun": "Le ralliement du commandant Hama Diallo au JNIM a été annoncé.",
    "joined": "Trois gardes ont rejoint les rangs de l'EIGS après avoir quitté l'armée.",
    "pledged": "Le chef de la katiba a prêté allégeance à l'EIGS.",
    "went-over": "Le capitaine Jean Mbe est passé dans le camp des séparatistes ambazoniens.",
    "switch-sides": "Le commandant Issa Ag Ali a changé de camp la semaine dernière.",
    "parted-ways": "Le chef Hama Cissé a rompu avec le JNIM.",
    "laid-down-arms": "Douze combattants ont déposé les armes à Mora.",
    "disengaged": "Vingt combattants de Boko Haram se sont désengagés à Kolofata.",
    "demobilised": "Une centaine de miliciens anti-balaka ont été démobilisés à Bangassou.",
    "demobilisation-noun": "La MINUSCA a salué la reddition du chef rebelle Paul Yakité et de ses 12 hommes.",
    "peace-process": "Quarante jihadistes sont sortis de la brousse à Diffa.",
    "presented-themselves": "Six combattants se sont présentés d'eux-mêmes aux autorités de Diapaga.",
    "defector-noun": "Un transfuge de l'EIGS, Moussa Ag Ali, a été présenté à la presse.",
    "tipped-over": "Des dizaines d'éléments de la CPC ont basculé dans le camp du gouvernement à Bossangoa.",
    "fled-ranks": "Une dizaine de soldats ont abandonné leurs positions à Tessit.",
    "switched-back": "Le lieutenant Ali Maïga a regagné les rangs de l'armée malienne.",
    "crossed-into": "Deux soldats nigériens ont traversé la frontière vers le Nigeria.",
    "asylum": "Un officier tchadien a demandé l'asile au Cameroun.",
    "received": "Quatorze combattants de Boko Haram ont été accueillis par l'armée à Mora.",
    "left-group": "Un commandant du JNIM a quitté le groupe la semaine dernière.",
}


def test_every_french_trigger_has_an_example():
    assert set(TRIGGER_EXAMPLES) == {t.id for t in FR.triggers}


@pytest.mark.parametrize("trigger_id", sorted(TRIGGER_EXAMPLES))
def test_french_trigger_fires_on_its_example(trigger_id):
    fired = {c.trigger.id for c in candidates(TRIGGER_EXAMPLES[trigger_id])}
    fired |= {o.trigger.id for c in candidates(TRIGGER_EXAMPLES[trigger_id]) for o in c.others}
    assert trigger_id in fired
