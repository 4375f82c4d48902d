"""Readers never crash on odd input: every outcome is an article or a reported error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import NewsdeskError
from newsdesk.ingest import read_articles
from newsdesk.ingest.html import extract_page, html_paragraphs

HTML_PIECES = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<article>",
    "<h1>Title</h1>",
    "<script>var x = '<p>';</script>",
    "<!-- note -->",
    "&amp;",
    "&#0;",
    "<meta property='article:published_time' content='2025-02-30'>",
    "<time datetime='not a date'>",
    "The council met on Monday and voted to close the bridge, the mayor said.",
    "\u00a0",
    "\n",
    "<",
    ">",
]
WARC_PIECES = [
    b"WARC/1.0\r\n",
    b"WARC-Type: response\r\n",
    b"WARC-Type: request\r\n",
    b"Content-Length: 10\r\n",
    b"Content-Length: -3\r\n",
    b"Content-Length: 99999\r\n",
    b"Content-Type: application/http; msgtype=response\r\n",
    b"\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
    b"<p>The ferry resumed service on Tuesday after high winds, the operator said.</p>",
    b"garbage",
    b"\x00\xff",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=30).map("".join))
def test_extract_page_never_raises(html: str) -> None:
    page = extract_page(html)
    if page is not None:
        paragraphs = page.text.split("\n\n")
        assert all(p and p == p.strip() for p in paragraphs)
    assert all(html_paragraphs(html))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WARC_PIECES), max_size=25).map(b"".join))
def test_read_warc_never_raises(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "fuzz.warc"
    path.write_bytes(b"WARC/1.0\r\n" + body)
    errors: list[NewsdeskError] = []
    for article in read_articles([str(path)], report=errors.append):
        assert article.text.strip()
    assert all(e.source == str(path) and e.where for e in errors)


@pytest.mark.parametrize(
    "xml",
    [
        '<rss version="2.0"><channel><item><title>Cut',
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><summary>Text '
        "of the entry, a full sentence.</summary></entry>",
    ],
)
def test_read_feed_malformed_xml_is_read_or_reported(tmp_path: Path, xml: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(xml, encoding="utf-8")
    errors: list[NewsdeskError] = []
    try:
        articles = list(read_articles([str(path)], report=errors.append))
    except NewsdeskError as err:  # an input with no readable entry at all
        assert err.source == str(path)
        return
    assert all(a.text for a in articles)
