"""JSON: one article per line (JSON lines), or one JSON document holding an article or a list
of them (a crawler's file per page, pretty-printed or not). Each article is taken as given (not
split), its text unchanged.

Field names follow the record (``text``, ``title``, ``published``, ``url``, ``source``, ``id``,
``language``); the names crawlers write are read too, so their output goes in as it is:
news-please (``maintext`` or ``text``, ``date_publish``, ``source_domain``), schema.org
(``headline``, ``articleBody``, ``datePublished``) and feed-like ``link`` / ``pubDate``. The
record's own name wins where both are there.

``published`` is a date: ISO 8601 as written, or a date line with a full date in it
("Published : April 16, 2013 9 : 09 AM" -> 2013-04-16, ``ingest.published``). A value that
names no date is a warning naming the line, and the article is kept without a date (an
article is worth more than its date; ``--published`` then applies). The crawlers' date fields
(``date_publish``, ...) hold whatever the page printed, sometimes no date at all or the
story's first words: a value naming no full date there is left out without a word.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from newsdesk.errors import NewsdeskError, RecordError
from newsdesk.ingest.published import parse_published
from newsdesk.ingest.source import InputSource
from newsdesk.record import Article
from newsdesk.segment import detect_truncation

STRING_FIELDS = ("id", "title", "published", "url", "source", "language")
# Other names for the record's fields, in the order they are tried (news-please, schema.org,
# feeds). A name here is read only when the record's own name is missing or null.
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "articleBody", "body", "content"),
    "title": ("headline", "title_page", "title_rss"),
    "published": ("date_publish", "datePublished", "pubDate", "published_at", "date"),
    "url": ("link",),
    "source": ("source_domain", "site_name"),
}


def read_jsonl(
    source: InputSource, *, report: Callable[[NewsdeskError], None]
) -> Iterator[Article]:
    yield from _read_lines(enumerate(source.lines(), start=1), source, report, whole=True)


def _read_lines(
    numbered: Iterator[tuple[int, str]],
    source: InputSource,
    report: Callable[[NewsdeskError], None],
    *,
    whole: bool,
) -> Iterator[Article]:
    """One article per line; when the first line is no JSON alone but opens an object or a
    list (``whole``), the input is read whole as one JSON document instead."""
    for number, line in numbered:
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            if whole and line.lstrip().startswith(("{", "[")):
                rest = list(numbered)
                try:
                    document = json.loads("\n".join([line, *(text for _, text in rest)]))
                except json.JSONDecodeError:
                    pass
                else:
                    yield from _read_document(document, source, report)
                    return
                report(RecordError(f"not valid JSON ({err.msg})", source=source.name, where=where))
                yield from _read_lines(iter(rest), source, report, whole=False)
                return
            report(RecordError(f"not valid JSON ({err.msg})", source=source.name, where=where))
            continue
        if whole and isinstance(data, list):
            # A list of articles written on one line.
            yield from _read_document(data, source, report)
            whole = False
            continue
        whole = False
        article = _article(data, source, where, report)
        if article is not None:
            yield article


def _read_document(
    document: Any, source: InputSource, report: Callable[[NewsdeskError], None]
) -> Iterator[Article]:
    items = document if isinstance(document, list) else [document]
    if len(items) > 1 and not any(
        _with_aliases(i).get("text") for i in items if isinstance(i, dict)
    ):
        # Some other JSON (annotations, an index) in a folder of articles: one error, not one
        # per item.
        report(
            RecordError(
                f'a list of {len(items)} items, none with "text": no articles',
                source=source.name,
                where="document",
            )
        )
        return
    for index, data in enumerate(items, start=1):
        where = f"item {index}" if isinstance(document, list) else "document"
        article = _article(data, source, where, report)
        if article is not None:
            yield article


def _article(
    data: Any, source: InputSource, where: str, report: Callable[[NewsdeskError], None]
) -> Article | None:
    if not isinstance(data, dict):
        report(RecordError("expected a JSON object", source=source.name, where=where))
        return None
    crawled_date = data.get("published") is None
    data = _with_aliases(data)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        report(RecordError('no "text" (a non-empty string)', source=source.name, where=where))
        return None
    meta = {k: data[k] for k in STRING_FIELDS if data.get(k) is not None}
    bad = [k for k, v in meta.items() if not isinstance(v, str)]
    if bad:
        report(RecordError(f'"{bad[0]}" must be a string', source=source.name, where=where))
        return None
    if "published" in meta:
        try:
            meta["published"] = parse_published(meta["published"])
        except ValueError:
            if not crawled_date:
                source.warn(
                    f'{source.name}, {where}: "published" is not a date '
                    f"({meta['published']!r}); the article is kept without one"
                )
            del meta["published"]
    truncated = data.get("truncated")
    return Article(
        text=text,
        truncated=truncated if isinstance(truncated, bool) else detect_truncation(text),
        origin=where,
        **{"source": source.name, **meta},
    )


def _with_aliases(data: dict[str, Any]) -> dict[str, Any]:
    """The record's fields, taken from the crawlers' names where the record's own are missing."""
    out = dict(data)
    for field, names in ALIASES.items():
        if out.get(field) is not None and out.get(field) != "":
            continue
        for name in names:
            value = data.get(name)
            if value is not None and value != "":
                out[field] = value
                break
    return out
