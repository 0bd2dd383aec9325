"""The web workspace: a REST API and an offline dashboard over the store.

``create_app(db_path, token=None)`` builds the FastAPI app that
``sideswitch serve`` runs; pages and API call the same store and analysis
functions as the CLI.
"""

from __future__ import annotations

from .api import create_app

__all__ = ["create_app"]
