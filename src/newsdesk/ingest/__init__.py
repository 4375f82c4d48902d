"""Inputs into articles: one reader per input kind, the kind detected from the content.

``read_articles(paths, ...)`` streams ``Article``s from every input in turn. A bad record
(a JSON line that is not an object, has no text, or an article too long to parse) is
reported through ``report`` and skipped; the rest of the input is still read. An input that
cannot be read at all raises ``InputError``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsdesk.config import MAX_CHARS
from newsdesk.errors import InputError, NewsdeskError, RecordError
from newsdesk.ingest.feed import read_feed
from newsdesk.ingest.html import read_html
from newsdesk.ingest.jsonl import read_jsonl
from newsdesk.ingest.published import date_line
from newsdesk.ingest.source import InputSource, is_url
from newsdesk.ingest.text import read_text
from newsdesk.ingest.warc import read_warc
from newsdesk.record import Article

Reporter = Callable[[NewsdeskError], None]


@dataclass(frozen=True)
class ReadOptions:
    published: str | None = None
    split: bool = True
    max_chars: int = MAX_CHARS


# A JSON document holding a list of articles: "[" then an object (or an empty list); a text
# dump may open with "[Updated] ..." too.
_JSON_LIST = re.compile(r"\[\s*[{\]]")


def detect_kind(source: InputSource) -> str:
    """``jsonl``, ``html``, ``feed``, ``warc`` or ``text``, from the first bytes."""
    head = source.peek().decode(
        "utf-8" if source.encoding == "utf-8" else source.encoding, errors="ignore"
    )
    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith("WARC/"):
        return "warc"
    if start.startswith("{") or _JSON_LIST.match(start):
        return "jsonl"
    if start.startswith("<"):
        lowered = start[:2000].lower()
        if "<rss" in lowered or "<feed" in lowered or "<rdf:rdf" in lowered:
            return "feed"
        return "html"
    return "text"


# The files a folder stands for: the input kinds by their usual names (gzipped too). Other
# files in a crawl or corpus folder (CoNLL annotations, CSV indexes, images) are not articles.
FOLDER_SUFFIXES = frozenset(
    {".txt", ".text", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".xhtml", ".xml", ".rss"}
    | {".atom", ".warc", ".arc"}
)


def _article_file(name: str) -> bool:
    stem, suffix = os.path.splitext(name.lower())
    if suffix == ".gz":
        suffix = os.path.splitext(stem)[1]
    return suffix in FOLDER_SUFFIXES


def expand_folders(paths: Iterable[str]) -> Iterator[str]:
    """Each path as given, a folder as the article files under it (FOLDER_SUFFIXES; sorted,
    recursively; hidden files and folders skipped): a crawler's output folder goes in as it
    is."""
    for path in paths:
        if path == "-" or is_url(path) or not os.path.isdir(path):
            yield path
            continue
        files = sorted(
            str(file)
            for file in Path(path).rglob("*")
            if file.is_file()
            and _article_file(file.name)
            and not any(part.startswith(".") for part in file.relative_to(path).parts)
        )
        if not files:
            raise InputError(
                "the folder holds no article files (.txt, .json, .jsonl, .html, .xml, .warc, "
                "gzipped or not)",
                source=path,
            )
        yield from files


def read_articles(
    paths: Iterable[str],
    *,
    options: ReadOptions | None = None,
    report: Reporter | None = None,
    warn: Callable[[str], None] | None = None,
    on_open: Callable[[InputSource], None] | None = None,
) -> Iterator[Article]:
    opts = options or ReadOptions()

    def _report(err: NewsdeskError) -> None:
        if report is None:
            raise err
        report(err)

    for path in expand_folders(paths):
        source = InputSource.open(path, warn=warn)
        if on_open is not None:
            on_open(source)
        try:
            kind = detect_kind(source)
            if kind == "jsonl":
                articles = read_jsonl(source, report=_report)
            elif kind == "html":
                articles = read_html(source, report=_report)
            elif kind == "feed":
                articles = read_feed(source, report=_report)
            elif kind == "warc":
                articles = read_warc(source, report=_report)
            else:
                articles = read_text(source, split=opts.split)
            for article in articles:
                # The input's own date first: its metadata, else a date line under its
                # headline; --published only where the article gives none.
                if article.published is None:
                    article.published = date_line(article.text) or opts.published
                if len(article.text) > opts.max_chars:
                    _report(
                        RecordError(
                            f"article of {len(article.text):,} characters is longer than the "
                            f"limit of {opts.max_chars:,} (--max-chars); skipped",
                            source=source.name,
                            where=article.origin,
                        )
                    )
                    continue
                yield article
        finally:
            source.close()
