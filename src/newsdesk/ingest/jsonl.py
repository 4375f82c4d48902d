"""JSON lines: one article per line, taken as given (not split), its text unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime

from newsdesk.errors import NewsdeskError, RecordError
from newsdesk.ingest.source import InputSource
from newsdesk.record import Article
from newsdesk.segment import detect_truncation

STRING_FIELDS = ("id", "title", "published", "url", "source", "language")


def parse_published(value: str) -> str:
    """An ISO date or datetime as given, validated; raises ValueError otherwise."""
    text = value.strip()
    if len(text) == 10:
        date.fromisoformat(text)
    else:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    return text


def read_jsonl(
    source: InputSource, *, report: Callable[[NewsdeskError], None]
) -> Iterator[Article]:
    for number, line in enumerate(source.lines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            report(RecordError(f"not valid JSON ({err.msg})", source=source.name, where=where))
            continue
        if not isinstance(data, dict):
            report(RecordError("expected a JSON object", source=source.name, where=where))
            continue
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            report(RecordError('no "text" (a non-empty string)', source=source.name, where=where))
            continue
        meta = {k: data[k] for k in STRING_FIELDS if data.get(k) is not None}
        bad = [k for k, v in meta.items() if not isinstance(v, str)]
        if bad:
            report(RecordError(f'"{bad[0]}" must be a string', source=source.name, where=where))
            continue
        if "published" in meta:
            try:
                meta["published"] = parse_published(meta["published"])
            except ValueError:
                report(
                    RecordError(
                        f'"published" is not an ISO date: {meta["published"]!r}',
                        source=source.name,
                        where=where,
                    )
                )
                continue
        truncated = data.get("truncated")
        yield Article(
            text=text,
            truncated=truncated if isinstance(truncated, bool) else detect_truncation(text),
            origin=where,
            **{"source": source.name, **meta},
        )
