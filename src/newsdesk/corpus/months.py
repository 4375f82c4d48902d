"""Months as the first part of the corpus indexes' keys, so that a feed writes near the end.

The story index (``story_keys``, corpus/stories.py) and the near-duplicate index
(``minhash_bands``, corpus/dedup.py) are looked up at keys that are hashes or words, which land
anywhere in their B-trees: as the corpus grows, each article's writes dirty pages of their own
and its lookups read pages no cache holds, so the cost per article grew with the corpus
(docs/EVAL.md, "scale"). With the month an article was published in as the first part of its
keys, a feed of current news writes and reads only the few recent months' part of each index,
whose size does not depend on how much is stored before it.

A dated article is looked up under the months within a window of its day (the stories' and
the duplicates' windows) that the store has keys under, and under no month when the store has
keys of undated articles (or was written before months); an undated article under no month
and under every month the store has, so that nothing it could match is missed. What the
store has is kept in ``corpus_counts`` (``Months``), so a feed of dated news makes two or
three lookups per key, not one per month of the window plus one under no month.
"""

from __future__ import annotations

import sqlite3
from datetime import date

# ``corpus_counts`` rows naming the months that have keys (``month:2025-06``), and the row
# saying that some keys are under no month (an undated article's; a store written before
# months gets it from its migration, store/schema.py 7).
PREFIX = "month:"
UNDATED = "keys:undated"
# Bumped each time a writer notes a month it had not noted: what readers compare to know
# whether the months they keep in memory are still all the store has.
CHANGES = "keys:months-noted"


def day_of(value: str | None) -> int | None:
    """Day number of an ISO date (``2025-06-03``, optionally with a time); None otherwise."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def month_of(day: int) -> str:
    """The month of a day number (``date.toordinal``): ``2025-06``."""
    d = date.fromordinal(day)
    return f"{d.year:04d}-{d.month:02d}"


def months_between(first: int, last: int) -> list[str]:
    """The months from the one holding day ``first`` to the one holding day ``last``."""
    a = date.fromordinal(min(date.max.toordinal(), max(1, first)))
    b = date.fromordinal(min(date.max.toordinal(), max(1, last)))
    out: list[str] = []
    year, month = a.year, a.month
    while (year, month) <= (b.year, b.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def months_near(days: list[int], window: int) -> list[str]:
    """The months within ``window`` days of any of ``days``, in order."""
    out: list[str] = []
    for day in days:
        for month in months_between(day - window, day + window):
            if month not in out:
                out.append(month)
    return sorted(out)


def month_number(month: str) -> int:
    """``2025-06`` -> 2025 * 12 + 5, a month as an integer (for integer keys)."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


class Index:
    """What the store has keys under: ``months`` (sorted), and ``undated``, whether any key
    is under no month (``Months.index``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        names = [
            str(name)
            for (name,) in conn.execute(
                "SELECT name FROM corpus_counts WHERE name = ? OR (name >= ? AND name < ?) "
                "ORDER BY name",
                (UNDATED, PREFIX, PREFIX[:-1] + chr(ord(PREFIX[-1]) + 1)),
            ).fetchall()
        ]
        self.undated = UNDATED in names
        self.months = [n[len(PREFIX) :] for n in names if n.startswith(PREFIX)]
        self._have = set(self.months)

    def near(self, days: list[int], window: int) -> list[str]:
        """The months to look under for an article of these days (a story's first and last
        day): those within ``window`` days of one of them that the store has; every month
        the store has when there is no day."""
        if not days:
            return self.months
        return [m for m in months_near(days, window) if m in self._have]


class Months:
    """The months one writer's keys went under (``note``) and what the store has
    (``index``), kept in memory while the store's count of them (CHANGES) stays the same."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._noted: set[str] = set()
        self._index: Index | None = None
        self._changes: object = None

    def note(self, day: int | None) -> None:
        """Keys were written under this day's month (under no month for None)."""
        name = UNDATED if day is None else PREFIX + month_of(day)
        if name in self._noted:
            return
        self.conn.execute("INSERT OR IGNORE INTO corpus_counts(name, value) VALUES (?, 0)", (name,))
        self.conn.execute(
            "INSERT INTO corpus_counts(name, value) VALUES (?, 1) "
            "ON CONFLICT(name) DO UPDATE SET value = corpus_counts.value + 1",
            (CHANGES,),
        )
        self._noted.add(name)

    def index(self) -> Index:
        """What the store has keys under: read again only when a writer noted a month."""
        row = self.conn.execute(
            "SELECT value FROM corpus_counts WHERE name = ?", (CHANGES,)
        ).fetchone()
        changes = row[0] if row else None
        if self._index is None or changes != self._changes:
            self._index, self._changes = Index(self.conn), changes
        return self._index

    def forget(self) -> None:
        """After a rollback: a month noted in the rolled-back batch may have no row."""
        self._noted.clear()
        self._index = None
