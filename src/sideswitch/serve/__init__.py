"""The web workspace: a REST API and an offline dashboard over the store.

``create_app(db_path, token=None)`` builds the FastAPI app that
``sideswitch serve`` runs; pages and API call the same store and analysis
functions as the CLI. ``serve.discovery`` and ``serve.client`` (a running
server's discovery file, and handing documents to it) use only the standard
library, so the web framework is imported only when ``create_app`` is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .api import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
