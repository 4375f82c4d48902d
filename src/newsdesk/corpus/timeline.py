"""Timelines: the dated events of a story or of an entity, in order, from the store.

An event is a resolved date mentioned in an article (the dates stage's ``value``: ``2025``,
``2025-06``, ``2025-06-02``, ``2025-06-02T10:00``) with the sentence that mentions it; an
article with no resolved date contributes its publication date and its title. For an entity,
only dates mentioned in a sentence that also mentions the entity count (else the article's
publication date), so the timeline is about that entity and not about everything its
articles mention. ISO values sort as strings, coarser first (``2025`` before ``2025-01``).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

# DURATION and SET values (P18M, every Monday) are not points in time.
POINT_TYPES = ("DATE", "TIME")
_SENTENCE_END = re.compile(r"[.!?]\s+|\n\s*\n")
SNIPPET_CHARS = 240


@dataclass
class TimelineEvent:
    date: str
    article_id: str
    title: str | None
    text: str  # the sentence that gives the date, or the article's title or lead
    kind: str  # "mentioned" (a date in the text) or "published"
    start: int | None = None  # the date mention's offsets in the article text
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding text[start:end] (a cheap split on end punctuation)."""
    left = max(0, start - SNIPPET_CHARS)
    begin = left
    for match in _SENTENCE_END.finditer(text, left, start):
        begin = match.end()
    stop = _SENTENCE_END.search(text, end, min(len(text), end + SNIPPET_CHARS))
    finish = stop.start() + 1 if stop else min(len(text), end + SNIPPET_CHARS)
    return begin, finish


def _lead(title: str | None, text: str) -> str:
    if title:
        return title
    words = text.split()
    return " ".join(words[:25]) + (" ..." if len(words) > 25 else "")


def _events(
    conn: sqlite3.Connection,
    articles: list[sqlite3.Row],
    mentions: dict[int, list[tuple[int, int]]] | None = None,
) -> list[TimelineEvent]:
    """Events of the given article rows; with ``mentions``, only dates near those mentions."""
    events: list[TimelineEvent] = []
    for article in articles:
        rowid, text = article["rowid"], article["text"]
        found = False
        marks = ",".join("?" * len(POINT_TYPES))
        for row in conn.execute(
            f"SELECT start, end, value FROM dates WHERE article_rowid = ? AND value IS NOT NULL "
            f"AND type IN ({marks}) ORDER BY start",
            (rowid, *POINT_TYPES),
        ):
            value = str(row["value"])
            if not value[:4].isdigit():
                continue
            begin, finish = sentence_around(text, row["start"], row["end"])
            if mentions is not None and not any(
                s >= begin and e <= finish for s, e in mentions.get(rowid, [])
            ):
                continue
            found = True
            events.append(
                TimelineEvent(
                    date=value,
                    article_id=article["id"],
                    title=article["title"],
                    text=" ".join(text[begin:finish].split()),
                    kind="mentioned",
                    start=row["start"],
                    end=row["end"],
                )
            )
        if not found and article["published"]:
            events.append(
                TimelineEvent(
                    date=str(article["published"]),
                    article_id=article["id"],
                    title=article["title"],
                    text=_lead(article["title"], text),
                    kind="published",
                )
            )
    # Same date: what was mentioned before the reports that were published that day.
    events.sort(key=lambda e: (e.date, e.kind != "mentioned", e.article_id, e.start or 0))
    return events


def story_timeline(conn: sqlite3.Connection, story: str) -> list[TimelineEvent]:
    rows = conn.execute(
        "SELECT rowid, id, title, published, text FROM articles WHERE story = ? "
        "ORDER BY published, rowid",
        (story,),
    ).fetchall()
    return _events(conn, rows)


def entity_timeline(
    conn: sqlite3.Connection, entity_id: str, *, max_articles: int = 200
) -> list[TimelineEvent]:
    """The entity's dated events from its ``max_articles`` latest articles (the bound keeps a
    page about a country named in every other article as quick as one about a mayor)."""
    ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT m.article_rowid FROM mentions m JOIN articles a ON a.rowid = m.article_rowid "
            "WHERE m.entity_id = ? GROUP BY m.article_rowid "
            "ORDER BY MAX(a.published) DESC, m.article_rowid DESC LIMIT ?",
            (entity_id, max_articles),
        )
    ]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    mentions: dict[int, list[tuple[int, int]]] = {}
    for rowid, start, end in conn.execute(
        f"SELECT article_rowid, start, end FROM mentions WHERE entity_id = ? "
        f"AND article_rowid IN ({marks})",
        (entity_id, *ids),
    ):
        mentions.setdefault(rowid, []).append((start, end))
    rows = conn.execute(
        f"SELECT rowid, id, title, published, text FROM articles WHERE rowid IN ({marks})", ids
    ).fetchall()
    return _events(conn, rows, mentions)
