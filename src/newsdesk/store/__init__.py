"""Where analyzed articles live: SQLite by default (see sqlite.py)."""

from __future__ import annotations

from newsdesk.store.sqlite import IngestStats, SearchHit, SQLiteStore, open_store

__all__ = ["IngestStats", "SQLiteStore", "SearchHit", "open_store"]
