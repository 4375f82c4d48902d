"""The JSON API through FastAPI's TestClient: every endpoint, its filters and its errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient


def error_of(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert error["status"] == response.status_code
    assert error["message"]
    return error


@pytest.mark.parametrize("query", ["talks", "Valletta talks"])
def test_api_search_ranks_and_highlights(client: TestClient, query: str) -> None:
    body = client.get("/api/search", params={"q": query}).json()
    assert body["total"] >= 1
    hit = body["hits"][0]
    assert hit["id"] == "art-harbour"
    assert hit["highlights"]
    for start, end in hit["highlights"]:
        assert hit["snippet"][start:end].lower() in {w.lower() for w in query.split()}
    assert "\ue000" not in hit["snippet"]


@pytest.mark.parametrize("name", ["facets"])
def test_api_search_facets_cover_all_matches(client: TestClient, name: str) -> None:
    body = client.get("/api/search", params={"q": "Valletta", "limit": 1}).json()
    assert body["total"] == 2 and len(body["hits"]) == 1
    facets = body[name]
    entities = {e["name"]: e["count"] for e in facets["entities"]}
    assert entities["Maria Camilleri"] == 2
    assert {"type": "PERSON", "count": 2} in facets["types"]
    assert facets["places"][0]["name"] == "Valletta"
    assert facets["places"][0]["count"] == 2
    assert [d["date"] for d in facets["published"]] == ["2025-06-02", "2025-06-03"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"entity": "Camilleri"}, {"art-harbour", "art-strike"}),
        ({"entity": "Maria Camilleri", "from": "2025-06-03"}, {"art-strike"}),
        ({"place": "Lisbon"}, {"art-bookfair"}),
        ({"type": "PERSON"}, {"art-harbour", "art-strike", "art-hostile"}),
        ({"from": "2025-05-01", "to": "2025-05-31"}, {"art-bookfair"}),
        ({"to": "2025-06"}, {"art-harbour", "art-strike", "art-bookfair", "art-hostile"}),
    ],
)
def test_api_articles_filter(
    client: TestClient, params: dict[str, str], expected: set[str]
) -> None:
    body = client.get("/api/articles", params=params).json()
    assert {i["id"] for i in body["items"]} == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize("limit", [1, 3])
def test_api_articles_paginate(client: TestClient, limit: int) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        body = client.get("/api/articles", params={"limit": limit, "offset": offset}).json()
        seen.extend(i["id"] for i in body["items"])
        if offset + limit >= body["total"]:
            break
        offset += limit
    assert len(seen) == len(set(seen)) == 4
    # Newest first without a query.
    assert seen[0] == "art-strike"


@pytest.mark.parametrize("article_id", ["art-harbour", "art-harb"])
def test_api_article_has_every_annotation(client: TestClient, article_id: str) -> None:
    record = client.get(f"/api/articles/{article_id}").json()
    assert record["id"] == "art-harbour"
    text = record["text"]
    for e in record["entities"]:
        assert e["id"]
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for key in ("quotes", "dates", "places"):
        assert record[key]
        for span in record[key]:
            assert text[span["start"] : span["end"]] == span["text"]
    assert record["captions"] and record["quotes"][0]["speaker"] == "Maria Camilleri"


@pytest.mark.parametrize("path", ["/api/articles/nope", "/api/entities/nope", "/api/stories/x"])
def test_api_missing_gives_404_in_the_error_shape(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.parametrize(("type_", "name"), [(None, None), ("person", None), (None, "camil")])
def test_api_entities_list(client: TestClient, type_: str | None, name: str | None) -> None:
    params = {k: v for k, v in (("type", type_), ("name", name)) if v}
    body = client.get("/api/entities", params=params).json()
    names = [e["name"] for e in body["items"]]
    assert "Maria Camilleri" in names
    if type_:
        assert all(e["type"] == "PERSON" for e in body["items"])
    if name:
        assert names == ["Maria Camilleri"]
    # Most widely reported first.
    counts = [e["article_count"] for e in body["items"]]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("key", ["by-id", "by-name", "by-variant"])
def test_api_entity_has_variants_quotes_and_cooccurring(client: TestClient, key: str) -> None:
    found = client.get("/api/entities", params={"name": "Camilleri"}).json()["items"][0]
    ref = {"by-id": found["id"], "by-name": "Maria Camilleri", "by-variant": "Camilleri"}[key]
    body = client.get(f"/api/entities/{ref}").json()
    assert body["id"] == found["id"]
    assert {v["variant"] for v in body["variants"]} >= {"Maria Camilleri", "Camilleri"}
    assert {a["id"] for a in body["articles"]} == {"art-harbour", "art-strike"}
    assert len(body["quotes_by"]) == 2
    assert {e["name"] for e in body["cooccurring"]} >= {"Valletta"}
    for m in body["mentions"]:
        record = client.get(f"/api/articles/{m['article_id']}").json()
        assert record["text"][m["start"] : m["end"]] == m["text"]
    assert {m["text"] for m in body["mentions"]} == {"Maria Camilleri", "Camilleri"}
    assert body["mentions"][0]["after"].startswith(" said the strike")
    # Its dated events: no sentence naming her gives a date, so each article's own date.
    assert [(e["date"], e["kind"], e["article_id"]) for e in body["events"]] == [
        ("2025-06-02", "published", "art-harbour"),
        ("2025-06-03", "published", "art-strike"),
    ]
    assert body["timeline"] == [
        {"date": "2025-06-02", "count": 1},
        {"date": "2025-06-03", "count": 1},
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 3),
        ({"speaker": "Camilleri"}, 2),
        ({"q": "strike"}, 1),
        ({"about": "Valletta"}, 0),
        ({"limit": 1}, 1),
    ],
)
def test_api_quotes_filter(client: TestClient, params: dict[str, Any], expected: int) -> None:
    body = client.get("/api/quotes", params=params).json()
    assert len(body["items"]) == expected
    assert body["has_more"] is (params.get("limit") == 1)


@pytest.mark.parametrize("story", ["story-x"])
def test_api_stories_list_and_timeline(client: TestClient, store_path: Path, story: str) -> None:
    with sqlite3.connect(store_path) as conn:
        conn.execute(
            "UPDATE articles SET story = ? WHERE id IN ('art-harbour', 'art-strike')", (story,)
        )
    listed = client.get("/api/stories").json()
    ours = [s for s in listed["items"] if s["id"] == story]
    assert ours and ours[0]["article_count"] == 2
    one = client.get(f"/api/stories/{story}").json()
    assert [a["id"] for a in one["articles"]] == ["art-harbour", "art-strike"]
    assert len(one["timeline"]) == 2
    filtered = client.get("/api/articles", params={"story": story}).json()
    assert filtered["total"] == 2


@pytest.mark.parametrize("path", ["/api/places"])
def test_api_places_for_the_map(client: TestClient, path: str) -> None:
    items = client.get(path).json()["items"]
    assert items[0]["name"] == "Valletta" and items[0]["articles"] == 2
    assert {p["name"] for p in items} == {"Valletta", "Lisbon"}


@pytest.mark.parametrize("path", ["/api/stats"])
def test_api_stats_counts(client: TestClient, path: str) -> None:
    counts = client.get(path).json()["counts"]
    assert counts["articles"] == 4 and counts["quotes"] == 3


@pytest.mark.parametrize(
    ("path", "params", "status", "word"),
    [
        ("/api/search", {"limit": "0"}, 422, "limit"),
        ("/api/search", {"limit": "many"}, 422, "limit"),
        ("/api/search", {"offset": "-1"}, 422, "offset"),
        ("/api/search", {"from": "June"}, 422, "from"),
        ("/api/articles", {"to": "2025-13-45x"}, 422, "to"),
        ("/api/search", {"q": '"'}, 400, "word"),
        ("/api/quotes", {"q": '"'}, 400, "word"),
        ("/api/entities", {"type": "<b>"}, 422, "type"),
        ("/api/nowhere", {}, 404, "/api/nowhere"),
    ],
)
def test_api_bad_parameters_are_4xx_with_a_message(
    client: TestClient, path: str, params: dict[str, str], status: int, word: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert word in error_of(response)["message"]


@pytest.mark.parametrize("method", ["delete", "put"])
def test_api_wrong_method_is_405(client: TestClient, method: str) -> None:
    response = getattr(client, method)("/api/articles")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


@pytest.mark.parametrize("split", [False])
def test_api_analyze_returns_records_without_storing(
    client: TestClient, auth: dict[str, str], split: bool
) -> None:
    text = "Tomas Vella said on Monday that the ferry to Gozo would run again."
    response = client.post(
        "/api/analyze",
        json={"text": text, "split": split, "published": "2025-06-04", "title": "Ferry"},
        headers=auth,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == 1
    record = body["articles"][0]
    assert record["text"] == text and record["published"] == "2025-06-04"
    assert client.get("/api/stats").json()["counts"]["articles"] == 4


@pytest.mark.parametrize("header", ["authorization", "x-newsdesk-token"])
def test_api_ingest_stores_a_dump(client: TestClient, token: str, header: str) -> None:
    value = f"Bearer {token}" if header == "authorization" else token
    dump = (
        "Ferry to Gozo resumes after repairs\n"
        "The ferry between Malta and Gozo ran again on Tuesday after a week of repairs, "
        "the operator said.\n"
    )
    response = client.post("/api/ingest", json={"text": dump}, headers={header: value})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["added"] == 1
    assert client.get(f"/api/articles/{body['ids'][0]}").status_code == 200
    again = client.post("/api/ingest", json={"text": dump}, headers={header: value}).json()
    assert again["added"] == 0 and again["unchanged"] == 1


@pytest.mark.parametrize("threads", [2])
def test_api_store_is_looked_up_in_the_thread_using_it(store_path: Path, threads: int) -> None:
    # FastAPI may resolve the store dependency on one pool thread and run the endpoint on
    # another; a captured sqlite3 connection then fails ("created in a thread ..."), which
    # the load benchmark showed as 500s under 20 concurrent clients.
    import threading

    from newsdesk.serve.api import ServeState, ThreadStore

    shared = ThreadStore(ServeState(db=str(store_path)))
    seen: list[tuple[int, object]] = []

    def use() -> None:
        seen.append((shared.count(), shared.conn))

    workers = [threading.Thread(target=use) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [count for count, _ in seen] == [4] * threads
    assert len({id(conn) for _, conn in seen}) == threads
