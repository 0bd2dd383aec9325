import pytest

from sideswitch.lexicon import load_parties


@pytest.fixture(scope="session")
def party_lex():
    """The shipped party lexicon."""
    return load_parties()
