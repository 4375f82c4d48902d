"""Fixtures for the API and UI: a store of hand-built articles (every annotation kind, plus
hostile HTML) and TestClients over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_articles import build_articles

from newsdesk.store import open_store

TOKEN = "test-token-123"


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "serve.db"
    with open_store(path) as store:
        store.ingest(build_articles())
    return path


@pytest.fixture()
def client(store_path: Path) -> Iterator[TestClient]:
    from newsdesk.serve import create_app

    with TestClient(create_app(store_path, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture()
def readonly_client(store_path: Path) -> Iterator[TestClient]:
    from newsdesk.serve import create_app

    with TestClient(create_app(store_path)) as test_client:
        yield test_client


@pytest.fixture()
def token() -> str:
    return TOKEN


@pytest.fixture()
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
