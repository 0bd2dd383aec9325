"""Shared fixtures: contract events and documents written for these tests."""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import pytest


def make_event(eid: str = "m1", doc: str = "d1", **over) -> dict:
    """A valid contract event; ``over`` replaces top-level keys."""
    ev = {
        "id": eid,
        "kind": "defection",
        "stage": "completed",
        "defector": {"name": "Gul Rahman Zadran", "aliases": [], "role": "district police chief", "actor_id": None},
        "people": {"min": 4, "max": 4},
        "from_side": {"name": "Afghan National Police", "party": "Afghan government"},
        "to_side": {"name": "Taliban", "party": "Taliban"},
        "location": {
            "place": None,
            "admin2": None,
            "admin1": "Kunduz",
            "country": "Afghanistan",
            "lat": 36.7,
            "lon": 68.8,
            "precision": "admin1",
        },
        "date": {"earliest": "2019-05-04", "latest": "2019-05-05", "text": "on Sunday"},
        "weapons": [],
        "claims": [],
        "contested": False,
        "historical": False,
        "confidence": 0.8,
        "sources": [
            {
                "doc": doc,
                "url": None,
                "outlet": "Test Wire",
                "published": "2019-05-06",
                "evidence": "Gul Rahman Zadran defected to the Taliban.",
                "span": [0, 42],
            }
        ],
    }
    ev.update(copy.deepcopy(over))
    return ev


@pytest.fixture
def event_factory():
    return make_event


# -- backends: every store test runs on SQLite and, marked `postgres`, on PostgreSQL ----------------
PG_ENV = "SIDESWITCH_TEST_PG"


def _need(what: str, reason: str) -> None:
    """Skip for ``reason`` on a developer's machine; under CI a missing server or extra is a failure."""
    import os

    if os.environ.get("CI"):
        pytest.fail(f"{what} is required under CI: {reason}")
    pytest.skip(reason)


def pg_admin_url() -> str:
    """The server of the PostgreSQL tests (``SIDESWITCH_TEST_PG``, a URL with rights to create databases)."""
    import os

    url = os.environ.get(PG_ENV)
    if not url:
        _need(
            "PostgreSQL",
            f"no PostgreSQL server: set {PG_ENV}=postgresql://user@host:port/db (.ci/run starts a throwaway one)",
        )
    try:
        import psycopg
    except ImportError:
        _need("PostgreSQL", "psycopg is not installed: pip install 'sideswitch[postgres]'")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as e:
        _need("PostgreSQL", f"cannot reach the PostgreSQL server {PG_ENV}: {str(e).strip()}")
    return url


class PgDatabases:
    """Fresh databases on the test server, dropped at the end."""

    def __init__(self):
        self.admin = pg_admin_url()
        self.names: list[str] = []

    def new(self) -> str:
        """A new empty database; its URL (postgresql://user[:password]@host:port/name)."""
        import uuid
        from urllib.parse import quote

        import psycopg
        from psycopg.conninfo import conninfo_to_dict

        name = f"sideswitch_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        p = conninfo_to_dict(self.admin)
        auth = quote(str(p.get("user", ""))) + (":" + quote(str(p["password"])) if p.get("password") else "")
        host = str(p.get("host", "localhost"))
        where = f"/{name}?host={quote(host)}" if host.startswith("/") else f"{host}:{p.get('port', 5432)}/{name}"
        return f"postgresql://{auth}@{where}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as c:
            for name in self.names:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_databases():
    dbs = PgDatabases()
    yield dbs
    dbs.drop()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def new_db(request, tmp_path):
    """A factory of empty stores' targets: a SQLite file path, or a fresh PostgreSQL database's URL."""
    if request.param == "sqlite":
        counter = iter(range(1000))
        return lambda: tmp_path / f"s{next(counter)}.db"
    dbs = request.getfixturevalue("pg_databases")
    return dbs.new


@pytest.fixture(scope="session")
def dask_client():
    """A real Dask LocalCluster of 2 worker processes (the extra sideswitch[dask])."""
    try:
        import dask.distributed as distributed
    except ImportError:
        _need("Dask", "Dask is not installed: pip install 'sideswitch[dask]'")
    import logging

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium (or ``SIDESWITCH_CHROMIUM``) driven by Playwright, one per test module."""
    path = os.environ.get("SIDESWITCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        _need("chromium", f"chromium not found at {path} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        except Exception as e:  # a chromium that cannot start here
            _need("chromium", f"cannot launch chromium: {e}")
        yield b
        b.close()
