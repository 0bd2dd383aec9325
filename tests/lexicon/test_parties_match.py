"""Finding parties in text: every region, acronyms, spelling variants, longest match, periods."""

import pickle

import pytest

# (sentence written for these tests, match options, expected [(surface, canonical party)])
CASES = [
    # Afghanistan
    (
        "Two ANA soldiers and an Afghan Local Police commander joined the Taleban.",
        {},
        [("ANA", "Afghan government"), ("Afghan Local Police", "Afghan government"), ("Taleban", "Taliban")],
    ),
    ("The NDS said a Red Unit commander had come over.", {}, [("NDS", "Afghan government"), ("Red Unit", "Taliban")]),
    (
        "Fighters of Hezb-e-Islami, Hezb-i-Islami, Hizb-i-Islami and Hizb-e Islami.",
        {},
        [
            ("Hezb-e-Islami", "Hezb-e-Islami"),
            ("Hezb-i-Islami", "Hezb-e-Islami"),
            ("Hizb-i-Islami", "Hezb-e-Islami"),
            ("Hizb-e Islami", "Hezb-e-Islami"),
        ],
    ),
    (
        "A United Front commander from the Northern Alliance went over to the Islamic Emirate.",
        {},
        [
            ("United Front", "Northern Alliance (United Islamic Front)"),
            ("Northern Alliance", "Northern Alliance (United Islamic Front)"),
            ("Islamic Emirate", "Taliban"),
        ],
    ),
    (
        "The NRF and the Afghanistan Freedom Front fought ISIS-K near the border.",
        {},
        [
            ("NRF", "National Resistance Front"),
            ("Afghanistan Freedom Front", "Afghanistan Freedom Front"),
            ("ISIS-K", "Islamic State Khorasan Province (ISIS-K)"),
        ],
    ),
    (
        "Mujahedin commanders left the PDPA's army; Haqqani network men joined later.",
        {},
        [
            ("Mujahedin", "Afghan mujahideen"),
            ("PDPA", "Afghan government (PDPA)"),
            ("Haqqani network", "Haqqani network (Taliban)"),
        ],
    ),
    (
        "Insurgents entered the APRP and met the High Peace Council.",
        {},
        [("APRP", "Afghan peace process (APRP)"), ("High Peace Council", "Afghan peace process (APRP)")],
    ),
    # Pakistan, India
    (
        "TTP militants surrendered to the Frontier Corps; a BLA unit and Lashkar-e-Jhangvi were named too.",
        {},
        [
            ("TTP", "Tehrik-i-Taliban Pakistan (TTP)"),
            ("Frontier Corps", "Pakistani government"),
            ("BLA", "Baloch Liberation Army (BLA)"),
            ("Lashkar-e-Jhangvi", "Lashkar-e-Jhangvi"),
        ],
    ),
    (
        "Twelve Naxalites surrendered before the CRPF.",
        {},
        [("Naxalites", "Communist Party of India (Maoist)"), ("CRPF", "Indian government")],
    ),
    # Syria, Iraq
    (
        "A general of the Syrian Arab Army joined the Free Syrian Army and crossed into Jordan.",
        {},
        [("Syrian Arab Army", "Syrian government"), ("Free Syrian Army", "Free Syrian Army"), ("Jordan", "Jordan")],
    ),
    (
        "The pilot flew his Syrian Air Force jet away from the Assad regime.",
        {},
        [("Syrian Air Force", "Syrian government"), ("Assad regime", "Syrian government")],
    ),
    (
        "Shabiha and NDF men switched to the FSA, not to HTS or Daesh.",
        {},
        [
            ("Shabiha", "Syrian government"),
            ("NDF", "Syrian government"),
            ("FSA", "Free Syrian Army"),
            ("HTS", "Hayat Tahrir al-Sham (HTS)"),
            ("Daesh", "Islamic State (ISIS)"),
        ],
    ),
    (
        "Jaish al-Islam, Ahrar al-Sham and the SDF, whose core is the YPG.",
        {},
        [
            ("Jaish al-Islam", "Jaish al-Islam"),
            ("Ahrar al-Sham", "Ahrar al-Sham"),
            ("SDF", "Syrian Democratic Forces (SDF)"),
            ("YPG", "Syrian Democratic Forces (SDF)"),
        ],
    ),
    (
        "ISIL fighters gave themselves up to the Peshmerga and the Hashd al-Shaabi; ISF units watched.",
        {},
        [
            ("ISIL", "Islamic State (ISIS)"),
            ("Peshmerga", "Kurdish Peshmerga (Kurdistan Regional Government)"),
            ("Hashd al-Shaabi", "Popular Mobilization Forces (Hashd al-Shaabi)"),
            ("ISF", "Iraqi government"),
        ],
    ),
    (
        "Sahwa leaders had fought al-Qaeda in Iraq.",
        {},
        [("Sahwa", "Sahwa (Awakening Councils)"), ("al-Qaeda in Iraq", "Islamic State (ISIS)")],
    ),
    (
        "The Syrian National Council and Jabhat al-Nusra.",
        {},
        [("Syrian National Council", "Syrian opposition"), ("Jabhat al-Nusra", "Nusra Front (al-Qaeda in Syria)")],
    ),
    # Yemen, Libya
    (
        "Houthi commanders joined the Hadi government; STC and AQAP fighters stayed out.",
        {},
        [
            ("Houthi", "Houthis (Ansar Allah)"),
            ("Hadi government", "Yemeni government"),
            ("STC", "Southern Transitional Council (STC)"),
            ("AQAP", "al-Qaeda in the Arabian Peninsula (AQAP)"),
        ],
    ),
    (
        "Qaddafi loyalists went over to the NTC; later the LNA fought the GNA.",
        {},
        [
            ("Qaddafi loyalists", "Libyan government (Gaddafi regime)"),
            ("NTC", "National Transitional Council (Libyan rebels)"),
            ("LNA", "Libyan National Army (Haftar)"),
            ("GNA", "Libyan government (Tripoli, GNA/GNU)"),
        ],
    ),
    # Russia, Ukraine
    (
        "A VDV sergeant called the GUR hotline and joined the Freedom of Russia Legion.",
        {},
        [
            ("VDV", "Russian armed forces"),
            ("GUR", "Ukrainian military"),
            ("Freedom of Russia Legion", "Freedom of Russia Legion"),
        ],
    ),
    (
        "Wagner mercenaries, Rosgvardia troops and DPR militia faced the ZSU.",
        {},
        [
            ("Wagner mercenaries", "Wagner Group"),
            ("Rosgvardia", "Russian armed forces"),
            ("DPR", "Donetsk People's Republic (DPR)"),
            ("ZSU", "Ukrainian military"),
        ],
    ),
    (
        "The Russian Volunteer Corps and the Siberian Battalion recruit Russians.",
        {},
        [("Russian Volunteer Corps", "Russian Volunteer Corps"), ("Siberian Battalion", "Siberian Battalion")],
    ),
    # Myanmar
    (
        "Tatmadaw soldiers joined the PDF and the CDM; the KNLA sheltered them.",
        {},
        [
            ("Tatmadaw", "Myanmar military junta"),
            ("PDF", "People's Defence Force (PDF)"),
            ("CDM", "Civil Disobedience Movement (CDM)"),
            ("KNLA", "Karen National Liberation Army"),
        ],
    ),
    (
        "The MNDAA, TNLA and Arakan Army form the Three Brotherhood Alliance; the KIA is separate.",
        {},
        [
            ("MNDAA", "Myanmar National Democratic Alliance Army (MNDAA)"),
            ("TNLA", "Ta'ang National Liberation Army (TNLA)"),
            ("Arakan Army", "Arakan Army"),
            ("Three Brotherhood Alliance", "Three Brotherhood Alliance"),
            ("KIA", "Kachin Independence Army (KIA)"),
        ],
    ),
    (
        "The State Administration Council and the NUG; the KNU and the Karenni Army.",
        {},
        [
            ("State Administration Council", "Myanmar military junta"),
            ("NUG", "National Unity Government (NUG)"),
            ("KNU", "Karen National Liberation Army"),
            ("Karenni Army", "Karenni Army (KNPP)"),
        ],
    ),
    # Nigeria, Lake Chad
    (
        "Boko Haram and JAS members surrendered to the Nigerian Army and the MNJTF.",
        {},
        [
            ("Boko Haram", "Boko Haram"),
            ("JAS", "Boko Haram"),
            ("Nigerian Army", "Nigerian military"),
            ("MNJTF", "Multinational Joint Task Force (MNJTF)"),
        ],
    ),
    (
        "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad and ISWAP; Operation Safe Corridor took them in.",
        {},
        [
            ("Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "Boko Haram"),
            ("ISWAP", "Islamic State West Africa Province (ISWAP)"),
            ("Operation Safe Corridor", "Operation Safe Corridor (deradicalisation programme)"),
        ],
    ),
    (
        "The Multi-National Joint Task Force and Chadian army units.",
        {},
        [
            ("Multi-National Joint Task Force", "Multinational Joint Task Force (MNJTF)"),
            ("Chadian army", "Chadian government"),
        ],
    ),
    # Horn of Africa, Sudan, Great Lakes
    (
        "Al-Shabaab and Shabab defectors reached the SNA; AMISOM and ATMIS troops helped.",
        {"country": "Somalia"},
        [
            ("Al-Shabaab", "al-Shabaab"),
            ("Shabab", "al-Shabaab"),
            ("SNA", "Somali government"),
            ("AMISOM", "African Union mission in Somalia (AMISOM/ATMIS/AUSSOM)"),
            ("ATMIS", "African Union mission in Somalia (AMISOM/ATMIS/AUSSOM)"),
        ],
    ),
    (
        "An RSF commander defected to the SAF; the SPLM-N stayed neutral.",
        {},
        [("RSF", "Rapid Support Forces (RSF)"), ("SAF", "Sudanese Armed Forces (SAF)"), ("SPLM-N", "SPLM-North")],
    ),
    (
        "SPLA-IO officers rejoined the SPLA.",
        {},
        [("SPLA-IO", "SPLM-IO (Machar)"), ("SPLA", "South Sudanese government (SPLA/SSPDF)")],
    ),
    (
        "ENDF deserters joined the TDF, while Fano and the OLA fought on.",
        {},
        [
            ("ENDF", "Ethiopian government (ENDF)"),
            ("TDF", "Tigray People's Liberation Front (TPLF/TDF)"),
            ("Fano", "Fano (Amhara militia)"),
            ("OLA", "Oromo Liberation Army (OLA)"),
        ],
    ),
    (
        "FARDC soldiers went over to the M23; ADF and FDLR fighters and Wazalendo were nearby.",
        {},
        [
            ("FARDC", "Congolese government (FARDC)"),
            ("M23", "M23 (AFC/M23)"),
            ("ADF", "Allied Democratic Forces (ADF/ISCAP)"),
            ("FDLR", "Democratic Forces for the Liberation of Rwanda (FDLR)"),
            ("Wazalendo", "Wazalendo (pro-government militias)"),
        ],
    ),
    # Sahel
    (
        "FAMa and Wagner fought JNIM and the ISGS; VDP auxiliaries deserted.",
        {},
        [
            ("FAMa", "Malian armed forces (FAMa)"),
            ("Wagner", "Wagner Group"),
            ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)"),
            ("ISGS", "Islamic State Sahel Province (ISGS)"),
            ("VDP", "Burkina Faso armed forces"),
        ],
    ),
    # Colombia, Venezuela
    (
        "Guerrilleros de las FARC-EP y del ELN se entregaron al Ejército Nacional.",
        {},
        [
            ("FARC-EP", "FARC (Revolutionary Armed Forces of Colombia)"),
            ("ELN", "ELN (National Liberation Army)"),
            ("Ejército Nacional", "Colombian government"),
        ],
    ),
    (
        "Ex-combatants of the Estado Mayor Central and the Segunda Marquetalia; the AUC and the Clan del Golfo.",
        {},
        [
            ("Estado Mayor Central", "FARC dissidents"),
            ("Segunda Marquetalia", "FARC dissidents"),
            ("AUC", "United Self-Defense Forces of Colombia (AUC, paramilitaries)"),
            ("Clan del Golfo", "Clan del Golfo (Gulf Clan, AGC/EGC)"),
        ],
    ),
    (
        "Efectivos de la Guardia Nacional Bolivariana (GNB) desertaron y reconocieron a Guaidó.",
        {},
        [("Guardia Nacional Bolivariana", "Venezuelan National Guard"), ("GNB", "Venezuelan National Guard")],
    ),
    (
        "Venezuelan soldiers left the FANB and the Maduro regime; SEBIN agents and colectivos chased them.",
        {},
        [
            ("Venezuelan soldiers", "Venezuelan government (Maduro)"),
            ("FANB", "Venezuelan government (Maduro)"),
            ("Maduro regime", "Venezuelan government (Maduro)"),
            ("SEBIN", "Venezuelan government (Maduro)"),
            ("colectivos", "Colectivos (pro-government armed groups)"),
        ],
    ),
    # Philippines, Korea
    (
        "NPA rebels and an Abu Sayyaf sub-leader surrendered to the Philippine Army; BIFF and MILF men too.",
        {},
        [
            ("NPA", "New People's Army (NPA)"),
            ("Abu Sayyaf", "Abu Sayyaf"),
            ("Philippine Army", "Philippine government"),
            ("BIFF", "Bangsamoro Islamic Freedom Fighters (BIFF)"),
            ("MILF", "Moro Islamic Liberation Front (MILF)"),
        ],
    ),
    (
        "A KPA soldier walked across the line to ROK Army guards.",
        {},
        [("KPA", "North Korean government (DPRK)"), ("ROK Army", "South Korean government (ROK)")],
    ),
]


@pytest.mark.parametrize("text,options,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_match_examples(party_lex, text, options, expected):
    assert [(m.surface, m.party.name) for m in party_lex.match(text, **options)] == expected


def test_offsets_and_via(party_lex):
    text = "Former ANA officers joined the Taliban in Kunar."
    ana, taliban = party_lex.match(text)
    assert (ana.start, ana.end, text[ana.start : ana.end], ana.via) == (7, 10, "ANA", "unit")
    assert (text[taliban.start : taliban.end], taliban.via) == ("Taliban", "alias")
    assert party_lex.match("The FSA commander")[0].via == "acronym"


@pytest.mark.parametrize(
    "text",
    [
        "ana was written in lower case",
        "Ana Maria met the press",
        "the Ana brigade",
        "kia as a word",
        "they will aa",
        "an isis flower",
        "the pdf file was large",
        "us and them",
    ],
)
def test_acronyms_are_case_sensitive(party_lex, text):
    assert party_lex.match(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "they presented a united front",
        "a national guard",
        "an army of islam scholars talk",
        "the red army ants",
        "anti-Taliban militias",
        "anti Taliban protests",
    ],
)
def test_ordinary_words_and_negations_do_not_match(party_lex, text):
    assert [
        m.surface
        for m in party_lex.match(text)
        if m.party.id in ("northern-alliance", "venezuelan-national-guard", "soviet-armed-forces", "taliban")
    ] == []


def test_longest_match_wins(party_lex):
    assert [m.party.name for m in party_lex.match("the Free Syrian Army")] == ["Free Syrian Army"]
    assert [m.party.name for m in party_lex.match("the Syrian Army")] == ["Syrian government"]
    assert [m.surface for m in party_lex.match("Pakistani Taliban")] == ["Pakistani Taliban"]
    assert party_lex.match("Pakistani Taliban")[0].party.id == "tehrik-i-taliban-pakistan"
    assert party_lex.match("ISIS-K cells")[0].party.id == "islamic-state-khorasan"
    assert party_lex.match("Sudan People's Liberation Army-in-Opposition")[0].party.id == "splm-io"


def test_case_punctuation_and_diacritics_variants(party_lex):
    for text in ["HEZB-E-ISLAMI", "hezb e islami", "Hizb-i Islami", "Hezb‐e‐Islami"]:
        assert [m.party.id for m in party_lex.match(text)] == ["hezb-e-islami"], text
    assert party_lex.match("el Ejercito Nacional")[0].party.id == "colombian-government"
    assert party_lex.match("Saddam Hussein’s regime fell")[0].party.id == "iraqi-government-baathist"
    assert party_lex.match("the Taliban's commission")[0].surface == "Taliban"


def test_state_party_by_country_and_year(party_lex):
    def name(country, year=None):
        party = party_lex.state_party(country, year)
        return party and party.name

    assert name("Syria", 2012) == "Syrian government"
    assert name("Syrian Arab Republic", 2012) == "Syrian government"
    assert name("Syria", 2025) == "Syrian transitional government (al-Sharaa)"
    assert name("Afghanistan", 1986) == "Afghan government (PDPA)"
    assert name("Afghanistan", 1998) == "Taliban"
    assert name("Afghanistan", 2013) == "Afghan government"
    assert name("Afghanistan", 2021) == "Afghan government"  # the year of change stays with the incumbent
    assert name("Afghanistan", 2022) == "Taliban"
    assert name("Afghanistan") == "Taliban"  # no year: the current government
    assert name("Myanmar", 2023) == "Myanmar military junta"
    assert name("Burma", 2023) == "Myanmar military junta"
    assert name("Venezuela", 2019) == "Venezuelan government (Maduro)"
    assert name("Venezuela", 2005) == "Venezuelan government (Chávez)"
    assert name("Nigeria", 2016) == "Nigerian military"
    assert name("Russia", 2023) == "Russian armed forces"
    assert name("Ukraine", 2023) == "Ukrainian military"
    assert name("Jordan", 2013) == "Jordan"
    assert name("Atlantis", 2013) is None
    assert party_lex.state_party("Afghanistan", 2022).kind == "state"


def test_periods_pick_the_record_of_the_year(party_lex):
    assert party_lex.match("the Taliban")[0].party.id == "taliban"
    assert party_lex.match("the Taliban", year=2010)[0].party.id == "taliban"
    assert party_lex.match("the Taliban", year=2023)[0].party.id == "taliban-emirate-2021"
    assert party_lex.match("the Taliban", year=1999)[0].party.kind == "state"
    assert party_lex.match("chavistas", year=2005)[0].party.id == "venezuelan-government-chavez"
    assert party_lex.match("Iraqi army", year=1991)[0].party.id == "iraqi-government-baathist"
    assert party_lex.match("Iraqi army", year=2015)[0].party.id == "iraqi-government"


def test_country_names_resolve_to_the_state_of_the_year(party_lex):
    found = party_lex.match("They fled Syria for Turkey.", year=2012)
    assert [(m.surface, m.party.name, m.via) for m in found] == [
        ("Syria", "Syrian government", "country"),
        ("Turkey", "Turkey", "alias"),
    ]
    # without a year, a country whose government changed is not guessed
    assert [m.surface for m in party_lex.match("They fled Syria for Turkey.")] == ["Turkey"]
    assert party_lex.match("a pilot flew to Ukraine")[0].party.name == "Ukrainian military"


def test_ambiguous_alias_uses_the_country_hint(party_lex):
    assert party_lex.match("SNA fighters", country="Syria")[0].party.id == "syrian-national-army"
    assert party_lex.match("SNA fighters", country="Somalia")[0].party.id == "somali-government"


def test_get_and_for_country(party_lex):
    assert party_lex.get("hezb-e-islami").name == "Hezb-e-Islami"
    assert party_lex.get("Hizb-i-Islami").id == "hezb-e-islami"
    assert party_lex.get("taleban").id == "taliban"
    assert party_lex.get("Taliban").id == "taliban"
    assert party_lex.get("Syrian government").id == "syrian-government"
    assert party_lex.get("JeM").id == "jaish-e-mohammed"
    assert party_lex.get("JEM").id == "justice-and-equality-movement"
    assert party_lex.get("no such party") is None
    afghan = {p.id for p in party_lex.for_country("Afghanistan")}
    assert {"afghan-government", "taliban", "northern-alliance", "hezb-e-islami", "national-resistance-front"} <= afghan
    assert "free-syrian-army" not in afghan
    assert {p.id for p in party_lex.group(party_lex.get("taliban"))} == {
        "taliban",
        "taliban-emirate-1996",
        "taliban-emirate-2021",
    }


def test_lexicon_pickles_for_spark(party_lex):
    clone = pickle.loads(pickle.dumps(party_lex))
    assert [m.party.id for m in clone.match("FSA and SAA")] == ["free-syrian-army", "syrian-government"]


def test_surfaces_keep_their_closing_bracket_and_dots(party_lex):
    found = party_lex.match("the Multinational Joint Task Force (MNJTF) and U.S. troops", year=2016)
    assert [m.surface for m in found] == ["Multinational Joint Task Force (MNJTF)", "U.S. troops"]


def test_public_names_are_exported():
    import sideswitch.lexicon as lexicon

    for name in lexicon.__all__:
        assert hasattr(lexicon, name), name
    assert {"load_yaml", "data_path", "Party", "PartyMatch", "PartyLexicon", "load_parties"} <= set(lexicon.__all__)


def test_same_side_joins_periods_and_a_states_paramilitary_forces():
    from sideswitch.lexicon import load_parties

    lex = load_parties()
    assert lex.same_side("Venezuelan National Guard", "Venezuelan government (Maduro)")  # paramilitary of the state
    assert lex.same_side("Taliban", "Taliban")
    assert not lex.same_side("Taliban", "Afghan government")
    assert not lex.same_side("Free Syrian Army", "Syrian government")
    assert not lex.same_side(None, "Taliban")


def test_an_outlet_speaks_for_its_party_by_name_or_domain(party_lex):
    """``outlets`` of a party record: the outlet's name (case ignored) or its web domain and subdomains."""
    assert party_lex.voiced_by("Al Masirah TV", None).name == "Houthis (Ansar Allah)"
    assert party_lex.voiced_by("al masirah tv", None).name == "Houthis (Ansar Allah)"
    assert party_lex.voiced_by(None, "https://www.almasirah.net/item/1").name == "Houthis (Ansar Allah)"
    assert party_lex.voiced_by(None, "https://english.almasirah.net/x").name == "Houthis (Ansar Allah)"
    assert party_lex.voiced_by("Reuters", "https://www.reuters.com/world/x") is None
    assert party_lex.voiced_by(None, "https://notalmasirah.net/x") is None  # a domain, not a suffix of a word
    assert party_lex.voiced_by("Ukrinform", None, 2023).name == "Ukrainian military"


def test_outlets_of_a_period_speak_only_in_it(party_lex):
    syrian = party_lex.voiced_by("SANA", None, 2015)
    assert syrian is not None and syrian.name == "Syrian government"
    assert party_lex.voiced_by("SANA", None, 2026) is None  # the record ends with Assad's fall (2024)
