"""Knowledge as validated data: conflict parties and the generic YAML loader.

    from sideswitch.lexicon import load_parties
    lex = load_parties()
    lex.match("50 Boko Haram fighters surrendered to the Nigerian Army")

Every file under ``lexicon/data`` is loaded through :func:`load_yaml`, which validates it
against a schema and reports every problem at once with its line
(:class:`sideswitch.errors.LexiconError`). Data format: ``lexicon/data/README.md``.
"""

from __future__ import annotations

from sideswitch.lexicon.loader import Lines, YamlDoc, data_path, load_schema, load_yaml, validate_yaml
from sideswitch.lexicon.parties import KINDS, Party, PartyLexicon, PartyMatch, load_parties

__all__ = [
    "load_yaml",
    "validate_yaml",
    "load_schema",
    "data_path",
    "Lines",
    "YamlDoc",
    "Party",
    "PartyMatch",
    "PartyLexicon",
    "load_parties",
    "KINDS",
]
