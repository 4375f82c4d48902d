"""The web UI in a real browser: Debian's chromium driven by Playwright, against a real
uvicorn server (``newsdesk serve``) over a store built from the bundled sample.

Screenshots land in test-output/ui/. The tests skip, saying why, only where /usr/bin/chromium
is absent (``make browser`` installs it); no browser is ever downloaded.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "ui"
CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "ui-test-token"
DUMP = (
    "Lisbon tram line reopens after six months of repairs\n"
    "By Rita Sousa\n"
    "The number 28 tram returned to the streets of Lisbon on Monday after six months of "
    "track repairs, the city transport company Carris said.\n"
    "\u201cThe line is safer and quieter now,\u201d said Joana Prates, who runs the works.\n"
    "\n"
    "Porto fish market moves to a new hall\n"
    "Traders at the Bolhao market in Porto moved into a new hall on Tuesday, ending a "
    "two-year wait, the city council said.\n"
    "Mayor Rui Moreira said the hall would open on Sundays from July.\n"
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is not installed (run `make browser`); UI tests need it",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, sample_dump: Path) -> Path:
    from newsdesk.ingest import ReadOptions, read_articles
    from newsdesk.pipeline import build_pipeline
    from newsdesk.store import open_store

    path = tmp_path_factory.mktemp("ui") / "sample.db"
    articles = read_articles([str(sample_dump)], options=ReadOptions(published="2025-06-03"))
    with open_store(path) as store:
        store.ingest(build_pipeline().pipe(articles))
    return path


@pytest.fixture(scope="module")
def server(sample_db: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "NEWSDESK_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsdesk.cli",
            "serve",
            "--db",
            str(sample_db),
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"newsdesk serve did not start: {err}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    # A page answered 4xx on purpose logs "Failed to load resource": failed assets are caught
    # by the response check below instead.
    tab.on(
        "console",
        lambda m: problems.append(m.text)
        if m.type == "error" and not m.text.startswith("Failed to load resource")
        else None,
    )
    tab.on(
        "response",
        lambda r: problems.append(f"{r.status} for {r.url}")
        if r.status >= 400 and r.request.resource_type != "document"
        else None,
    )
    tab.on("pageerror", lambda e: problems.append(str(e)))
    # Anything not from the server itself (a CDN, a font host) is a failure: offline only.
    tab.on(
        "request",
        lambda r: problems.append(f"off-site request {r.url}")
        if not r.url.startswith((server, "data:"))
        else None,
    )
    yield tab
    context.close()
    assert problems == [], problems


def shot(tab: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("path", ["/"])
def test_ui_front_page_loads(page: Any, path: str) -> None:
    page.goto(path)
    assert "Who said what" in page.locator("h1").inner_text()
    latest = page.locator("ul.results li a.title")
    assert latest.count() >= 5
    assert page.locator("ul.chips a.chip").count() >= 5
    shot(page, "front")


@pytest.mark.parametrize("query", ["Istanbul"])
def test_ui_search_open_article_follow_entity(page: Any, query: str) -> None:
    page.goto("/")
    page.fill("header input[name=q]", query)
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    assert f"Results for “{query}”" in page.locator("h1").inner_text()
    marks = page.locator("p.snippet mark")
    assert marks.count() >= 1
    assert marks.first.inner_text().lower() == query.lower()
    assert page.locator("aside.facets h3", has_text="Entity").count() == 1
    shot(page, "search")
    # The filter form as a reader leaves it (empty dates) gives the same results.
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "from=" in page.url
    assert f"Results for “{query}”" in page.locator("h1").inner_text()
    assert page.locator("p.snippet mark").count() == marks.count()

    first = page.locator("ol.results a.title").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("article.story h1").inner_text() == title
    text = page.locator("#text")
    assert text.is_visible()
    mentions = text.locator("a.ent")
    assert mentions.count() >= 1
    mention = mentions.first
    mention.hover()
    assert mention.get_attribute("title")
    assert "lit" in (mention.get_attribute("class") or "")  # app.js lights every mention
    shot(page, "article")

    name = mention.get_attribute("title").split(" · ", 1)[1].split(" | ")[0]
    mention.click()
    page.wait_for_url("**/entities/*")
    assert name in page.locator("h1").inner_text()
    assert page.locator("h2", has_text="Spelled as").is_visible()
    assert page.locator("ul.results li").count() >= 1
    shot(page, "entity")


@pytest.mark.parametrize("path", ["/map", "/quotes", "/stories", "/entities"])
def test_ui_browse_pages_render(page: Any, path: str) -> None:
    page.goto(path)
    assert page.locator("h1").count() == 1
    if path == "/map":
        assert page.locator("figure.map svg .land path").count() > 20
    shot(page, path.strip("/"))


@pytest.mark.parametrize("dump", [DUMP], ids=["two-articles"])
def test_ui_paste_a_dump(page: Any, dump: str) -> None:
    page.goto("/paste")
    page.fill("textarea[name=text]", dump)
    page.fill("input[name=published]", "2025-06-03")
    page.fill("input[name=token]", TOKEN)
    page.click("form.paste button[type=submit]")
    page.wait_for_selector("h2.found", timeout=120_000)
    found = page.locator("h2.found").inner_text().lower()
    assert found.endswith("found") and int(found.split()[0]) >= 2
    titles = page.locator("section.pasted article.story h1").all_inner_texts()
    assert "Lisbon tram line reopens after six months of repairs" in titles
    assert page.locator("section.pasted .text a.ent").count() >= 2
    shot(page, "paste")


@pytest.mark.parametrize("token", ["wrong"])
def test_ui_paste_without_the_token_says_why(page: Any, token: str) -> None:
    page.goto("/paste")
    page.fill("textarea[name=text]", DUMP)
    page.fill("input[name=token]", token)
    page.click("form.paste button[type=submit]")
    alert = page.locator("[role=alert]")
    assert "token" in alert.inner_text()
