"""Inputs given as http(s) URLs: fetched from a real HTTP server on loopback and read like files
(kind from the content), with HTTP and network failures reported as errors naming the URL."""

from __future__ import annotations

import gzip
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import read_articles

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
JSONL = b'{"id": "n1", "text": "The harbour reopened on Monday after the storm."}\n'


class Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/story.html": ("text/html; charset=utf-8", (FIXTURES / "article.html").read_bytes()),
        "/feed.rss": ("application/rss+xml", (FIXTURES / "feed.rss").read_bytes()),
        "/lines.jsonl.gz": ("application/gzip", gzip.compress(JSONL)),
    }

    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/feed.rss")
            self.end_headers()
            return
        if self.path not in self.routes:
            self.send_error(404, "Not Found")
            return
        kind, body = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_page_is_one_article_with_its_url(server: str) -> None:
    files = list(read_articles([str(FIXTURES / "article.html")]))
    fetched = list(read_articles([f"{server}/story.html"]))
    assert [a.text for a in fetched] == [a.text for a in files]
    assert fetched[0].source == f"{server}/story.html"
    assert fetched[0].url == (files[0].url or f"{server}/story.html")


@pytest.mark.parametrize("path", ["/feed.rss", "/moved"])
def test_url_feed_gives_its_entries(server: str, path: str) -> None:
    problems: list[str] = []
    files = list(read_articles([str(FIXTURES / "feed.rss")], report=lambda e: None))
    fetched = list(read_articles([server + path], report=lambda e: problems.append(str(e))))
    assert len(fetched) == len(files) > 1
    # The fixture's entry without text is reported under the URL, as it is under a file name.
    assert problems and all(p.startswith(f"{server}{path}, entry") for p in problems)
    assert [(a.title, a.text, a.url) for a in fetched] == [(a.title, a.text, a.url) for a in files]


def test_url_gzipped_jsonl_is_read_decompressed(server: str) -> None:
    (article,) = read_articles([f"{server}/lines.jsonl.gz"])
    assert article.id == "n1" and article.text.startswith("The harbour reopened")


@pytest.mark.parametrize(
    ("path", "message"), [("/missing.html", "HTTP 404"), (":1/x", "cannot fetch")]
)
def test_url_failures_name_the_url(server: str, path: str, message: str) -> None:
    url = server + path if path.startswith("/") else "http://127.0.0.1" + path
    with pytest.raises(InputError, match=message) as err:
        list(read_articles([url]))
    assert url in str(err.value)


def test_cli_ingest_urls_and_a_dead_one(server: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsdesk.cli import cli
    from newsdesk.store import open_store

    db = str(tmp_path / "news.db")
    runner = CliRunner(mix_stderr=False)
    ok = runner.invoke(cli, ["ingest", f"{server}/story.html", "--db", db])
    assert ok.exit_code == 0, ok.stderr
    dead = runner.invoke(cli, ["ingest", f"{server}/gone.rss", "--db", db])
    assert dead.exit_code == 2 and f"{server}/gone.rss" in dead.stderr and "404" in dead.stderr
    with open_store(db) as store:
        (record,) = store.export()
    assert record.source == f"{server}/story.html"
