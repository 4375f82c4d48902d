"""The HTML reader: main text, title, url and date from one page; pages with no text."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from newsdesk.errors import NewsdeskError
from newsdesk.ingest import read_articles
from newsdesk.ingest.html import decode_html, extract_page, html_paragraphs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.mark.parametrize("name", ["article.html"])
def test_extract_page_keeps_body_drops_boilerplate(name: str) -> None:
    page = extract_page((FIXTURES / name).read_bytes())
    assert page is not None
    paragraphs = page.text.split("\n\n")
    assert paragraphs[0].startswith("The Harbor Street bridge will close")
    assert paragraphs[-1].endswith("according to the council's budget office.")
    assert len(paragraphs) == 4
    for boilerplate in ("Home", "Advertisement", "Most read", "Copyright", "Privacy"):
        assert boilerplate not in page.text
    # The heading repeats the title: it is the title, not the first paragraph.
    assert page.title == "Harbor bridge to close for repairs"
    assert page.url == "https://gazette.example/2025/06/harbor-bridge"
    # article:published_time wins over JSON-LD, and is read as written (no UTC shift).
    assert page.published == "2025-06-03"
    assert page.language == "en"
    assert page.byline == "Marta Quill"
    # The figure caption is left out of the text and kept apart.
    assert page.captions == [
        "The Harbor Street bridge seen from the river on Monday. Photo: Ivo Lark/Riverside Gazette"
    ]
    assert "Photo:" not in page.text


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
            '{"@type": "NewsArticle", "datePublished": "2024-11-05T09:00:00Z"}]}</script>',
            "2024-11-05",
        ),
        ('<meta name="pubdate" content="20240312">', "2024-03-12"),
        ("", "2023-01-09"),  # the <time datetime> in the body
    ],
)
def test_extract_page_finds_published_date(head: str, expected: str) -> None:
    body = " ".join(["The ferry will run again on Monday after repairs, the operator said."] * 6)
    html = (
        f"<html><head><title>Ferry</title>{head}</head><body><article>"
        f'<time datetime="2023-01-09T10:00">9 January</time><p>{body}</p>'
        "</article></body></html>"
    )
    page = extract_page(html)
    assert page is not None
    assert page.published == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('<meta charset="windows-1252"><p>caf\xe9</p>'.encode("cp1252"), "café"),
        ("<p>café</p>".encode(), "café"),
        (b"<p>caf\xe9 ok</p>", "café"),  # not UTF-8, no charset: Windows-1252
    ],
)
def test_decode_html_honours_declared_charset(raw: bytes, expected: str) -> None:
    assert expected in decode_html(raw)


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One.</p><p>Two <b>bold</b>.</p>", ["One.", "Two bold."]),
        ("Lead<br>next line<script>x()</script>", ["Lead", "next line"]),
        ("plain &amp; simple", ["plain &amp; simple"]),
    ],
)
def test_html_paragraphs_splits_blocks(fragment: str, expected: list[str]) -> None:
    assert html_paragraphs(fragment) == expected


@pytest.mark.parametrize("html", ["<html><body><nav><a href='/'>Home</a></nav></body></html>"])
def test_read_html_reports_page_without_text(tmp_path: Path, html: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(html, encoding="utf-8")
    errors: list[NewsdeskError] = []
    assert list(read_articles([str(path)], report=errors.append)) == []
    assert [str(e) for e in errors] == [f"{path}, page: no article text found in the page"]


@pytest.mark.parametrize(
    ("name", "count"), [("article.html", 1), ("feed.rss", 3), ("feed.atom", 2)]
)
def test_readers_need_no_network(monkeypatch: pytest.MonkeyPatch, name: str, count: int) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    articles = list(read_articles([str(FIXTURES / name)], report=lambda err: None))
    assert len(articles) == count
    assert articles[0].source == str(FIXTURES / name)
