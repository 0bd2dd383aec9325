"""The serve tests' sample database and read-only client, for the browsing tests."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from serve import sample
from sideswitch.serve import create_app


@pytest.fixture(scope="session")
def browse_db(tmp_path_factory) -> str:
    return sample.build(tmp_path_factory.mktemp("browse") / "sample.db")


@pytest.fixture(scope="session")
def client(browse_db):
    with TestClient(create_app(browse_db)) as c:
        yield c
