"""The web app: ``create_app(db_path, token=None)`` -> FastAPI.

Read-only by default: without a token the store is opened read-only and every
write endpoint answers 403; with a token, writes need it (401 otherwise).
Every error under ``/api`` is answered in one JSON shape::

    {"ok": false, "error": "no event with id 'ev-x'", "status": 404}

Pages answer the same errors as a small HTML page. Each response carries a
Content-Security-Policy that allows nothing but the app itself, so the
dashboard cannot load anything from another host.
"""

from __future__ import annotations

import hmac
import logging
import os
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import ConfigError, InputError, NotFoundError, SideswitchError, ValidationError
from ..store import open_store, resolve_db
from . import discovery

__all__ = ["create_app", "error_body", "require_token", "refuse_unknown_parameters", "SECURITY_HEADERS"]

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

STATUS_OF = ((NotFoundError, 404), (ValidationError, 400), (InputError, 400), (ConfigError, 503))


def error_body(status: int, message: str) -> dict:
    """The one error shape of the API."""
    return {"ok": False, "error": message, "status": status}


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json" or "text/html" not in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str, headers: dict | None = None):
    response = _error_response(request, status, message, headers)
    for name, value in SECURITY_HEADERS.items():  # a 500 never passes the middleware: set them here
        response.headers.setdefault(name, value)
    return response


def _error_response(request: Request, status: int, message: str, headers: dict | None = None):
    if _wants_json(request):
        return JSONResponse(error_body(status, message), status_code=status, headers=headers)
    try:
        from .pages import render_error

        return render_error(request, status, message)
    except Exception:  # the error page itself failed: answer in the API's shape
        log.exception("cannot render the error page")
        return JSONResponse(error_body(status, message), status_code=status, headers=headers)


def _query_names(dependant) -> set[str]:
    """Query parameter names of an endpoint and of everything it depends on."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def refuse_unknown_parameters(request: Request) -> None:
    """Dependency of every route: an ``/api`` request naming a query parameter the endpoint
    does not take is a 400 that names it (a typo must not silently widen a query)."""
    route = request.scope.get("route")
    if not request.url.path.startswith("/api") or route is None or not hasattr(route, "dependant"):
        return
    known = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        names = ", ".join(f"'{n[:40]}'" for n in unknown[:5])
        raise HTTPException(
            400,
            f"unknown query parameter{'s' if len(unknown) > 1 else ''} {names} "
            f"(known: {', '.join(sorted(known)) or 'none'})",
        )


RULES = {
    "float_parsing": "must be a number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_parsing": "must be true or false",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "string_too_short": "must not be empty",
    "literal_error": "must be one of {expected}",
    "enum": "must be one of {expected}",
}


def _problem(err: dict) -> str:
    """One validation problem in the words of ``EventQuery.validate``: ``limit must be at least 0, not '-1'``."""
    loc = [str(x) for x in err.get("loc", ())]
    where = loc[0] if loc else "request"
    name = ".".join(loc[1:]) or where
    kind, got = err.get("type", ""), err.get("input")
    ctx = {
        k: (f"{v:g}" if isinstance(v, float) else str(v).replace("'", "")) for k, v in (err.get("ctx") or {}).items()
    }
    if kind == "missing":
        return f"{'body field' if where == 'body' else where + ' parameter'} '{name}' is required"
    try:
        rule = "must be a date YYYY-MM-DD" if kind.startswith("date") else RULES[kind].format(**ctx)
    except (KeyError, IndexError, ValueError):
        rule = str(err.get("msg") or "is not valid").lower()
    shown = f", not {got!r}" if where in ("query", "path") and isinstance(got, str) else ""
    return f"{name} {rule}{shown}"


def _validation_message(exc: RequestValidationError) -> str:
    return "; ".join(_problem(e) for e in exc.errors()) or "bad request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        elif exc.status_code == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return _error(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return _error(request, 400, _validation_message(exc))

    @app.exception_handler(SideswitchError)
    async def library_error(request: Request, exc: SideswitchError):
        status = next((code for cls, code in STATUS_OF if isinstance(exc, cls)), 500)
        return _error(request, status, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, 500, f"internal error ({type(exc).__name__}); see the server log")


def require_token(request: Request) -> None:
    """Dependency of every write endpoint: 403 when writes are off, 401 without the right token."""
    expected = request.app.state.token
    if not expected:
        raise HTTPException(
            403, "writes are disabled: start 'sideswitch serve' with --token (or SIDESWITCH_TOKEN) to allow them"
        )
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth.lower().startswith("bearer ") else request.headers.get("x-sideswitch-token", "")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            401,
            "this endpoint needs the token given to 'sideswitch serve' "
            "(send the header 'Authorization: Bearer <token>')",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _advertise(db: Path, url: str, token: str | None) -> None:
    """Write the discovery file, unless another live server that answers already has it (a second
    server on the same store, perhaps one that will not even bind its port, must not hide it)."""
    from .client import answers

    current = discovery.read_advert(db)
    if current is not None and current.pid != os.getpid() and answers(current):
        log.warning(
            "'%s' is already served by process %d at %s; this server is not advertised for it",
            db,
            current.pid,
            current.url,
        )
        return
    discovery.advertise(db, url, token)


def create_app(db_path: str | Path, token: str | None = None, *, advertise_url: str | None = None) -> FastAPI:
    """The REST API (``/api/...``, schema at ``/openapi.json``) and the dashboard pages.

    ``db_path`` is a SQLite file or a ``postgresql://`` URL (see ``store.open_store``).
    The database must exist; it is opened read-only unless ``token`` is given.
    With ``advertise_url`` (where this server listens), a SQLite store gets a discovery file
    next to it while the app runs (``serve.discovery``), which ``sideswitch ingest`` uses to
    hand its documents to this server.
    """
    store = open_store(db_path, readonly=not token)
    where = resolve_db(db_path)
    advertised = where if advertise_url and isinstance(where, Path) else None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if advertised is not None:
            _advertise(advertised, advertise_url or "", token)
        try:
            yield
        finally:
            if advertised is not None:
                discovery.withdraw(advertised)
            store.close()

    app = FastAPI(
        title="sideswitch",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(refuse_unknown_parameters)],
        description="Defections, surrenders and desertions in armed conflicts, merged from news "
        "reports. Read-only unless the server was started with a token. Errors: "
        '`{"ok": false, "error": <message>, "status": <code>}`.',
    )
    app.state.store, app.state.token = store, token or None
    _install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    from . import alert_routes, browse, curation, endpoints, pages

    app.include_router(alert_routes.router)
    app.include_router(browse.router)
    app.include_router(curation.router)
    app.include_router(endpoints.router)
    app.include_router(pages.router)
    static = resources.files(__package__).joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
