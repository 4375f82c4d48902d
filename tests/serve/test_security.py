"""Untrusted article text renders as text everywhere; POST needs the token; bodies are capped;
every response carries a Content-Security-Policy without inline script."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


class Audit(HTMLParser):
    """Every tag and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            self.in_script = True
            if not names.get("src", "").startswith("/static/"):
                self.problems.append(f"script without a local src: {attrs}")
        if tag in ("img", "iframe", "object", "embed", "svg:script"):
            self.problems.append(f"unexpected <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}={value!r} on <{tag}>")
            foreign = ("javascript:", "data:", "//", "http")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                foreign
            ):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.problems.append(f"inline script: {data[:40]!r}")
        self.text.append(data)


def audit(html: str) -> Audit:
    parser = Audit()
    parser.feed(html)
    parser.close()
    return parser


PAGES = [
    "/",
    "/search",
    "/search?q=alert",
    "/search?q=script",
    "/search?q=onerror",
    "/search?entity=mayor",
    "/articles/art-hostile",
    "/articles/art-harbour",
    "/quotes",
    "/quotes?q=onerror",
    "/stories",
    "/map",
    "/paste",
    "/entities",
    "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/search?q=%3Cscript%3E&entity=%3Cimg%20src%3Dx%3E",
]


def entity_pages(client: TestClient) -> Iterator[str]:
    for item in client.get("/api/entities").json()["items"]:
        yield f"/entities/{item['id']}"


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_hostile_text_as_text(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (200, 404)
    found = audit(response.text)
    assert found.problems == []


@pytest.mark.parametrize("word", ["<script>", "<img src=x onerror=alert(1)>"])
def test_article_page_shows_the_markup_as_words(client: TestClient, word: str) -> None:
    page = client.get("/articles/art-hostile")
    text = "".join(audit(page.text).text)
    assert word in text
    assert '<a href="javascript:alert(2)">' in text
    assert "javascript:alert(3)" in text  # the URL field is shown, not linked


@pytest.mark.parametrize("query", ["alert", "onerror"])
def test_search_snippets_escape_then_highlight(client: TestClient, query: str) -> None:
    page = client.get("/search", params={"q": query}).text
    assert "<mark>" in page
    assert "&lt;script&gt;" in page or "&lt;img" in page
    assert audit(page).problems == []


@pytest.mark.parametrize("path", ["/api/search?q=alert", "/api/articles/art-hostile"])
def test_api_returns_text_unchanged(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-type"].startswith("application/json")
    assert "<script>" in response.text


@pytest.mark.parametrize("entity_index", [0, 1, 2, 3])
def test_entity_pages_are_safe(client: TestClient, entity_index: int) -> None:
    paths = list(entity_pages(client))
    response = client.get(paths[entity_index])
    assert response.status_code == 200
    assert audit(response.text).problems == []


@pytest.mark.parametrize("path", ["/", "/articles/art-hostile", "/api/articles", "/static/app.js"])
def test_csp_forbids_inline_script(client: TestClient, path: str) -> None:
    policy = client.get(path).headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'"


@pytest.mark.parametrize("path", ["/api/analyze", "/api/ingest"])
def test_post_refused_without_the_token(
    client: TestClient, readonly_client: TestClient, path: str
) -> None:
    body = {"text": "Some text."}
    missing = client.post(path, json=body)
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "unauthorized"
    wrong = client.post(path, json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    readonly = readonly_client.post(path, json=body, headers={"Authorization": "Bearer x"})
    assert readonly.status_code == 403
    assert "read-only" in readonly.json()["error"]["message"]


@pytest.mark.parametrize("chunked", [False, True])
def test_body_over_the_limit_is_413(store_path: Path, chunked: bool) -> None:
    from newsdesk.serve import create_app

    app = create_app(store_path, token="t", max_body=1000)
    payload = b'{"text": "' + b"x" * 5000 + b'"}'
    with TestClient(app) as small:
        if chunked:
            content: object = iter([payload[:2000], payload[2000:]])
        else:
            content = payload
        response = small.post(
            "/api/analyze",
            content=content,  # type: ignore[arg-type]
            headers={"Authorization": "Bearer t", "content-type": "application/json"},
        )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"text": "Words.", "token": ""}, "token"),
        ({"text": "Words.", "token": "wrong"}, "token"),
        ({"text": "  ", "token": "test-token-123"}, "Paste some text"),
        ({"text": "Words.", "token": "test-token-123", "published": "soon"}, "not a date"),
    ],
)
def test_paste_refuses_with_a_message(
    client: TestClient, form: dict[str, str], message: str
) -> None:
    response = client.post("/paste", data=form)
    assert response.status_code == 400
    assert message in response.text


@pytest.mark.parametrize("path", ["/paste"])
def test_paste_on_a_readonly_server_says_so(readonly_client: TestClient, path: str) -> None:
    response = readonly_client.post(path, data={"text": "Words.", "token": "x"})
    assert response.status_code == 400
    assert "read-only" in response.text
