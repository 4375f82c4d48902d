"""The HTML pages through TestClient: what each shows, filters and pages, error pages, and
random query strings never giving a server error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def visible(html: str) -> str:
    """The page's text, roughly as a reader sees it (tags dropped, spaces collapsed)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", ["Who said what", "Harbour talks resume in Valletta", "Maria Camilleri"]),
        ("/search?q=talks", ["Results for “talks”", "1 article", "Harbour talks resume"]),
        ("/articles", ["4 articles", "Rain delays Lisbon book fair"]),
        ("/search?place=Lisbon", ["1 article", "in Lisbon ×"]),
        ("/search?entity=Camilleri", ["2 articles", "mentioning Maria Camilleri ×"]),
        ("/search?from=2025-06-02&to=2025-06-02", ["1 article", "from 2025-06-02 ×"]),
        # The filter form sends its empty fields: they mean no filter.
        ("/search?q=&from=&to=&type=&entity=&place=", ["4 articles"]),
        ("/entities", ["Maria Camilleri", "Valletta"]),
        ("/entities?type=GPE", ["Valletta", "Lisbon"]),
        (
            "/entities/Camilleri",
            ["Spelled as", "Quotes by Maria Camilleri 2", "Named with", "Dated events 2"],
        ),
        ("/quotes?speaker=Camilleri", ["will not sign anything", "repeated every week"]),
        ("/map", ["2 places with coordinates", "Valletta", "MT"]),
        ("/paste", ["Paste news", "Analyze"]),
        ("/map/world.svg", ["World outline"]),
        ("/stories", ["Stories"]),
    ],
)
def test_pages_show_what_the_store_holds(
    client: TestClient, path: str, expected: list[str]
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    text = visible(response.text)
    for words in expected:
        assert words in text, words


@pytest.mark.parametrize("article_id", ["art-harbour"])
def test_article_page_shows_annotations_captions_and_truncation(
    client: TestClient, article_id: str
) -> None:
    page = client.get(f"/articles/{article_id}").text
    assert 'class="quote"' in page and "Maria Camilleri" in page
    assert 'href="/entities/e_' in page  # entity mentions link to their pages
    assert "DATE · 2025-06-02" in page
    assert "MT (35.90, 14.51)" in page
    assert "Dockers wait outside the board&#39;s offices." in page
    strike = visible(client.get("/articles/art-strike").text)
    assert "truncated" in strike and "cut off here" in strike


@pytest.mark.parametrize("limit", [1])
def test_search_page_paginates(client: TestClient, limit: int) -> None:
    first = client.get("/articles", params={"limit": limit}).text
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/articles", params={"limit": limit, "offset": limit}).text
    assert 'rel="prev"' in second
    assert "2–2 of 4" in visible(second)


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/articles/nope", 404, "no article with id"),
        ("/entities/nobody", 404, "no entity"),
        ("/stories/none", 404, "no story"),
        ("/nowhere", 404, "no such page"),
        ("/search?limit=x", 422, "limit"),
        ("/search?q=%22", 400, "word"),
    ],
)
def test_pages_errors_are_html_with_a_message(
    client: TestClient, path: str, status: int, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert message in response.text


@pytest.mark.parametrize("token", ["test-token-123"])
def test_paste_analyzes_and_stores(client: TestClient, token: str) -> None:
    dump = (
        "Valletta ferry strike ends\n"
        "Ferry crews in Valletta returned to work on Thursday, the union said.\n"
    )
    response = client.post(
        "/paste", data={"text": dump, "token": token, "split": "true", "keep": "true"}
    )
    assert response.status_code == 200, response.text
    text = visible(response.text)
    assert "1 article found" in text and "Stored: 1 added" in text
    assert client.get("/api/stats").json()["counts"]["articles"] == 5


PARAMS = st.dictionaries(
    st.sampled_from(["q", "entity", "type", "place", "story", "from", "to", "limit", "offset"]),
    st.text(max_size=12),
    max_size=4,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(["/search", "/articles", "/entities", "/quotes", "/stories", "/"]),
    params=PARAMS,
)
def test_pages_never_fail_on_odd_parameters(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:300])


@pytest.mark.parametrize("db", ["/no/such/folder/news.db"])
def test_serve_command_refuses_a_bad_store(db: str, tmp_path: Path) -> None:
    from newsdesk.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--db", db])
    assert result.exit_code == 2
    assert "does not exist" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("workers", [2])
def test_serve_command_with_worker_processes(store_path: Path, workers: int) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NEWSDESK_TOKEN": "t"}
    command = [sys.executable, "-m", "newsdesk.cli", "serve", "--db", str(store_path)]
    proc = subprocess.Popen(
        [*command, "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                url = f"http://127.0.0.1:{port}/api/stats"
                with urllib.request.urlopen(url, timeout=2) as response:
                    body = response.read().decode()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        assert '"articles":4' in body
    finally:
        proc.terminate()
        proc.wait(timeout=20)
