"""RSS and Atom feeds: each entry is one article.

An entry that carries its full content (RSS ``content:encoded``, Atom ``<content>``) gets its
text from that HTML through the page extractor (trafilatura drops share links and the like),
or block by block when the extractor finds nothing in a short fragment. Otherwise the summary
(``description``) is the text; a summary is usually cut ("..."), which
``newsdesk.segment.detect_truncation`` flags like any other cut article.

``link`` is the url, ``published`` (else ``updated``) the date, read as the feed writes it:
feedparser's parsed dates are shifted to UTC, which can move an evening date to the next day.
feedparser gets the bytes, never a URL, so it fetches nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from newsdesk.errors import InputError, NewsdeskError, RecordError
from newsdesk.ingest.html import extract_page, html_paragraphs
from newsdesk.ingest.published import publication_day
from newsdesk.ingest.source import InputSource
from newsdesk.record import Article
from newsdesk.segment import detect_truncation

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(source: InputSource, *, report: Callable[[NewsdeskError], None]) -> Iterator[Article]:
    import feedparser

    raw = source.stream.read()
    source.position = source.size or len(raw)
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise InputError(f"no feed entries found{detail}", source=source.name)
    language = _language(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"entry {number}"
        try:
            article = entry_article(entry, source=source.name, origin=where, language=language)
        except (ValueError, TypeError) as err:
            report(RecordError(f"unreadable entry ({err})", source=source.name, where=where))
            continue
        if article is None:
            report(
                RecordError(
                    "entry has no text (no content, summary or description)",
                    source=source.name,
                    where=where,
                )
            )
            continue
        yield article


def entry_article(
    entry: Any, *, source: str, origin: str, language: str | None = None
) -> Article | None:
    """The article of one feedparser entry, or None when it has no text."""
    text = entry_content(entry) or entry_summary(entry)
    if not text:
        return None
    title = entry.get("title")
    if title and entry.get("title_detail", {}).get("type") in _HTML_TYPES:
        title = " ".join(html_paragraphs(title))
    return Article(
        text=text,
        title=" ".join(title.split()) if title else None,
        url=entry.get("link") or None,
        published=entry_published(entry),
        language=_language(entry.get("language")) or language or "en",
        byline=" ".join(entry["author"].split()) if entry.get("author") else None,
        source=source,
        truncated=detect_truncation(text),
        origin=origin,
    )


def entry_content(entry: Any) -> str | None:
    """The full text from the entry's content, the longest one if there are several."""
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    if not contents:
        return None
    content = max(contents, key=lambda c: len(c["value"]))
    value: str = content["value"]
    if content.get("type") not in _HTML_TYPES:
        paragraphs = [" ".join(p.split()) for p in value.split("\n\n")]
        return "\n\n".join(p for p in paragraphs if p) or None
    page = extract_page(f"<html><body>{value}</body></html>")
    if page is not None:
        return page.text
    return "\n\n".join(html_paragraphs(value)) or None


def entry_summary(entry: Any) -> str | None:
    value = entry.get("summary") or ""
    if not value.strip():
        return None
    if entry.get("summary_detail", {}).get("type") in _HTML_TYPES:
        return "\n\n".join(html_paragraphs(value)) or None
    return " ".join(value.split())


def entry_published(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if value:
            parsed = publication_day(value)
            if parsed:
                return parsed
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return None


def _language(value: Any) -> str | None:
    """``en`` from a feed's ``en-us``; None when absent or not a language code."""
    if not isinstance(value, str):
        return None
    code = value.strip().split("-")[0].split("_")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
