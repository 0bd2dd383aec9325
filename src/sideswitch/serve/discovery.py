"""Who serves this store: the discovery file a running ``sideswitch serve`` leaves next to it.

A server on the SQLite file ``events.db`` writes ``events.db.serving.json`` when it starts and
removes it when it stops::

    {"url": "http://127.0.0.1:8000", "pid": 4242, "db": "/data/events.db", "writable": true,
     "token": "s3cret", "version": "0.9.0"}

The file is written atomically (a temporary file renamed over it) with mode 0600, since it
holds the server's token when it has one. ``sideswitch ingest`` reads it to hand its documents
to the server (``serve.client``) instead of loading the extraction itself. A file whose
process is gone is stale: :func:`read_advert` ignores it and removes it. A PostgreSQL store has
no file next to it and is never advertised.

Only the standard library here: the client reads this without loading the web app.

>>> import os, tempfile
>>> db = Path(tempfile.mkdtemp()) / "events.db"
>>> _ = db.write_bytes(b"")
>>> where = advertise(db, "http://127.0.0.1:8123", token="t0k")
>>> where.name, oct(where.stat().st_mode & 0o777)
('events.db.serving.json', '0o600')
>>> advert = read_advert(db)
>>> advert.url, advert.pid == os.getpid(), advert.token, advert.writable
('http://127.0.0.1:8123', True, 't0k', True)
>>> withdraw(db); read_advert(db) is None
True
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import __version__

__all__ = ["Advert", "advertise", "withdraw", "read_advert", "discovery_path", "local_url"]

SUFFIX = ".serving.json"


@dataclass(frozen=True)
class Advert:
    """A server's discovery file: where it listens, its process, its store and its token."""

    url: str
    pid: int
    db: str
    writable: bool
    token: str | None = None
    version: str | None = None


def discovery_path(db: str | os.PathLike[str]) -> Path:
    """``events.db`` -> ``events.db.serving.json`` (next to the store)."""
    p = Path(db)
    return p.with_name(p.name + SUFFIX)


def local_url(host: str, port: int) -> str:
    """The URL a process on this machine uses to reach a server bound to ``host``.

    >>> local_url("0.0.0.0", 8000), local_url("::", 8001), local_url("fe80::1", 80), local_url("example.org", 9)
    ('http://127.0.0.1:8000', 'http://[::1]:8001', 'http://[fe80::1]:80', 'http://example.org:9')
    """
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def advertise(db: str | os.PathLike[str], url: str, token: str | None = None) -> Path:
    """Write the discovery file of this process's server on ``db`` (atomically, mode 0600)."""
    where = discovery_path(db)
    body = {
        "url": url,
        "pid": os.getpid(),
        "db": str(Path(db).resolve()),
        "writable": bool(token),
        **({"token": token} if token else {}),
        "version": __version__,
    }
    fd, tmp = tempfile.mkstemp(prefix=where.name + ".", suffix=".tmp", dir=where.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(body, f)
        os.replace(tmp, where)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return where


def withdraw(db: str | os.PathLike[str]) -> None:
    """Remove the discovery file of ``db`` if this process wrote it (another server may have
    replaced it since)."""
    where = discovery_path(db)
    advert = _load(where)
    if advert is not None and advert.pid == os.getpid():
        where.unlink(missing_ok=True)


def read_advert(db: str | os.PathLike[str]) -> Advert | None:
    """The server advertised for ``db``, if its process is alive and it serves this very file;
    None otherwise (no file, an unreadable one, another store's; a dead process's file is removed)."""
    where = discovery_path(db)
    try:
        before = where.stat()
    except OSError:
        return None
    advert = _load(where)
    if advert is None:
        return None
    if not _alive(advert.pid):
        _remove_if_unchanged(where, before)
        return None
    try:
        same = os.path.samefile(advert.db, db)
    except OSError:
        same = False
    return advert if same else None


def _load(where: Path) -> Advert | None:
    try:
        raw = json.loads(where.read_text(encoding="utf-8"))
        return Advert(
            url=str(raw["url"]),
            pid=int(raw["pid"]),
            db=str(raw["db"]),
            writable=bool(raw.get("writable")),
            token=str(raw["token"]) if raw.get("token") else None,
            version=raw.get("version"),
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def _remove_if_unchanged(where: Path, seen: os.stat_result) -> None:
    """Remove a stale file unless a new server replaced it since it was read (a new inode)."""
    try:
        now = where.stat()
        if (now.st_ino, now.st_mtime_ns) == (seen.st_ino, seen.st_mtime_ns):
            where.unlink()
    except OSError:
        pass
