"""Fixtures of the web tests: a sample database and TestClients over it."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sideswitch.serve import create_app

from . import sample

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> str:
    """The sample database, built once per run (tests must not write to it)."""
    return sample.build(tmp_path_factory.mktemp("serve") / "sample.db")


@pytest.fixture(scope="session")
def client(sample_db):
    """A read-only app (no token) over the sample database."""
    with TestClient(create_app(sample_db)) as c:
        yield c


@pytest.fixture
def writable(tmp_path):
    """An app with a token over a fresh copy of the sample database."""
    path = sample.build(tmp_path / "rw.db")
    with TestClient(create_app(path, token=TOKEN)) as c:
        yield c
