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
from datetime import date
from typing import Any

# DURATION and SET values (P18M, every Monday) are not points in time.
POINT_TYPES = ("DATE", "TIME")
_SENTENCE_END = re.compile(r"[.!?]\s+|\n\s*\n")
# How far a sentence is looked for on each side of a date; news sentences are rarely longer.
SNIPPET_CHARS = 400


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


def snippet(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (a cheap split on end punctuation), whitespace
    folded; a sentence running on past SNIPPET_CHARS on either side is cut there, at a word,
    and "…" marks the cut."""
    return _fold(text, *_bounds(text, start, end))


def _fold(text: str, begin: int, finish: int, cut_left: bool, cut_right: bool) -> str:
    words = " ".join(text[begin:finish].split())
    return ("… " if cut_left else "") + words + (" …" if cut_right else "")


def _bounds(text: str, start: int, end: int) -> tuple[int, int, bool, bool]:
    left = max(0, start - SNIPPET_CHARS)
    begin, cut_left = left, left > 0
    for match in _SENTENCE_END.finditer(text, left, start):
        begin, cut_left = match.end(), False
    if cut_left:
        space = text.find(" ", begin, start)
        begin = space + 1 if space >= 0 else begin
    right = min(len(text), end + SNIPPET_CHARS)
    stop = _SENTENCE_END.search(text, end, right)
    if stop:
        return begin, stop.start() + 1, cut_left, False
    if right == len(text):
        return begin, right, cut_left, False
    space = text.rfind(" ", end, right)
    return begin, (space if space >= 0 else right), cut_left, True


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
        said: set[tuple[int, str]] = set()
        marks = ",".join("?" * len(POINT_TYPES))
        for row in conn.execute(
            f"SELECT start, end, value FROM dates WHERE article_rowid = ? AND value IS NOT NULL "
            f"AND type IN ({marks}) ORDER BY start",
            (rowid, *POINT_TYPES),
        ):
            value = str(row["value"])
            if not value[:4].isdigit():
                continue
            bounds = _bounds(text, row["start"], row["end"])
            begin, finish = bounds[0], bounds[1]
            if mentions is not None and not any(
                s >= begin and e <= finish for s, e in mentions.get(rowid, [])
            ):
                continue
            found = True
            # One event per sentence and date: "on Sunday ... on June 1" naming one day twice.
            if (begin, value) in said:
                continue
            said.add((begin, value))
            events.append(
                TimelineEvent(
                    date=value,
                    article_id=article["id"],
                    title=article["title"],
                    text=_fold(text, *bounds),
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
    events.sort(key=lambda e: (when(e.date), e.kind != "mentioned", e.article_id, e.start or 0))
    return events


# Where a span that is not a calendar month or day starts, and how long it is (coarser first).
_PART_START = {"H1": "01", "H2": "07", "Q1": "01", "Q2": "04", "Q3": "07", "Q4": "10"}
_PART_START |= {"SP": "03", "SU": "06", "FA": "09", "WI": "12"}
_PART_RANK = {"H": 1, "Q": 2, "S": 2, "F": 2, "W": 2}
_DAY_PART = {"MO": "08:00", "MI": "12:00", "AF": "14:00", "EV": "19:00", "NI": "22:00"}
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def when(value: str) -> tuple[str, int, str]:
    """A sort key putting ISO 8601 / TimeML values in time order: the day a value starts on,
    then the coarser value first (``2025`` before ``2025-01`` before ``2025-01-01``), then the
    time of day. Weeks, quarters, halves and seasons (``2025-W23``, ``2025-Q3``, ``2025-SU``)
    sort by their first day, which as plain strings they would not (``2025-W23`` after
    ``2025-12-31``)."""
    day, _, clock = value.partition("T")
    parts = day.split("-")
    week = _WEEK.match(day)
    if week:
        try:
            # A weekend (``2025-W23-WE``) starts on its Saturday.
            weekday = 6 if day.endswith("-WE") else 1
            first = date.fromisocalendar(int(week[1]), int(week[2]), weekday).isoformat()
        except ValueError:
            return value, 9, ""
        return first, 4, clock
    if len(parts) == 2 and parts[1] in _PART_START:
        return f"{parts[0]}-{_PART_START[parts[1]]}-01", _PART_RANK[parts[1][0]], clock
    if len(parts) == 1:
        return f"{day}-01-01", 0, clock
    if len(parts) == 2:
        return f"{day}-01", 3, clock
    return day, 5 if not clock else 6, _DAY_PART.get(clock, clock)


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
