"""Fixtures of the web tests: a sample database and TestClients over it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sideswitch.serve import create_app

from . import sample

TOKEN = "test-token-123"


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=BACKENDS)
def sample_db(request, tmp_path_factory) -> str:
    """The sample database, built once per run and backend (tests must not write to it)."""
    if request.param == "postgres":
        return sample.build(request.getfixturevalue("pg_databases").new())
    return sample.build(tmp_path_factory.mktemp("serve") / "sample.db")


@pytest.fixture(scope="session")
def client(sample_db):
    """A read-only app (no token) over the sample database."""
    with TestClient(create_app(sample_db)) as c:
        yield c


@pytest.fixture(params=BACKENDS)
def writable(request, tmp_path):
    """An app with a token over a fresh copy of the sample database."""
    if request.param == "postgres":
        path = sample.build(request.getfixturevalue("pg_databases").new())
    else:
        path = sample.build(tmp_path / "rw.db")
    with TestClient(create_app(path, token=TOKEN)) as c:
        yield c
