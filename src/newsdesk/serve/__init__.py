"""Serving a store: the JSON API and the web UI (``newsdesk serve``)."""

from __future__ import annotations

from newsdesk.serve.api import create_app

__all__ = ["create_app"]
