"""Months as the first part of the corpus indexes' keys (corpus/months.py): a feed writes and
reads near the end of the story and duplicate indexes, and nothing an article could match is
lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from corpus_articles import entities_in

from newsdesk.corpus import months
from newsdesk.corpus.dedup import BAND_STRIDE, LOOKUPS_PER_STATEMENT
from newsdesk.corpus.stories import logical_key
from newsdesk.record import Article
from newsdesk.store import SQLiteStore, open_store
from newsdesk.store.schema import MIGRATIONS

FLOOD = (
    "The river Almo burst its banks at Kessel overnight, flooding two hundred homes. Fire "
    "chief Ruth Ansel said boats were taking families to the Kessel school, and the Almo was "
    "still rising at dawn."
)
FLOOD_LATER = (
    "Families flooded out of their homes in Kessel spent a second night in the school as the "
    "river Almo kept rising, fire chief Ruth Ansel said. The Kessel council opened a shelter."
)
NAMES = (("Kessel", "GPE"), ("Ruth Ansel", "PERSON"))


def flood(id_: str, text: str, published: str | None) -> Article:
    return Article(
        text=text, id=id_, published=published, entities=entities_in(text, NAMES), title=None
    )


def day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


@pytest.mark.parametrize(
    ("days", "window", "expected"),
    [
        (["2025-01-20"], 30, ["2024-12", "2025-01", "2025-02"]),
        (["2025-06-15"], 10, ["2025-06"]),
        (["2024-12-31", "2025-03-01"], 1, ["2024-12", "2025-01", "2025-02", "2025-03"]),
        (["0001-01-05"], 30, ["0001-01", "0001-02"]),  # a bad date does not fail the ingest
        (["9999-12-20"], 30, ["9999-11", "9999-12"]),
    ],
)
def test_months_near_days(days: list[str], window: int, expected: list[str]) -> None:
    assert months.months_near([day(d) for d in days], window) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("2025-06-03T10:00:00", "2025-06"), ("June", None), (None, None)]
)
def test_day_of_reads_iso_dates_only(value: str | None, expected: str | None) -> None:
    found = months.day_of(value)
    assert (months.month_of(found) if found is not None else None) == expected


@pytest.mark.parametrize(("published", "month"), [("2025-03-04", "2025-03")])
def test_story_keys_carry_their_month_but_people_do_not(
    published: str, month: str, store_url: str
) -> None:
    with open_store(store_url) as store:
        store.ingest([flood("flood-1", FLOOD, published)])
        person = store.conn.execute(
            "SELECT id FROM entities WHERE name = ?", ("Ruth Ansel",)
        ).fetchone()[0]
        keys = [row[0] for row in store.conn.execute("SELECT key FROM story_keys")]
        index = months.Months(store.conn).index()
    assert f"e:{person}" in keys  # found at any distance: a follow-up names its people
    others = [k for k in keys if k != f"e:{person}"]
    assert others and all(k.startswith(f"{month}|") for k in others)
    assert {logical_key(k)[:2] for k in others} == {"t:", "e:"}
    assert index.months == [month] and not index.undated


@pytest.mark.parametrize(
    ("first", "later"),
    [
        ("2025-03-30", "2025-04-02"),  # across the turn of a month
        ("2025-03-04", None),  # an undated report looks under every month
        (None, "2025-03-05"),  # a dated one looks under no month too
    ],
)
def test_story_found_across_months_and_dates(
    first: str | None, later: str | None, store_url: str
) -> None:
    with open_store(store_url) as store:
        store.ingest([flood("flood-1", FLOOD, first)])
        store.ingest([flood("flood-2", FLOOD_LATER, later)])
        stories = {a.id: a.story for a in store.export()}
    assert stories["flood-1"] == stories["flood-2"]


@pytest.mark.parametrize("later", ["2025-03-05"])
def test_store_written_before_months_still_finds_its_stories(later: str, store_url: str) -> None:
    with open_store(store_url) as store:
        store.ingest([flood("flood-1", FLOOD, "2025-03-04")])
        # As a store written before this change has them: keys and bands under no month.
        rows = store.conn.execute("SELECT key, story FROM story_keys").fetchall()
        store.conn.execute("DELETE FROM story_keys")
        store.conn.executemany(
            "INSERT INTO story_keys(key, story, updated) VALUES (?, ?, 1)",
            [(logical_key(k), s) for k, s in rows],
        )
        store.conn.execute("UPDATE minhash_bands SET band = band % ?", (BAND_STRIDE,))
        store.conn.execute("DELETE FROM corpus_counts WHERE name LIKE 'month:%'")
        # What the migration to schema 7 finds and writes for such a store.
        store.conn.execute(MIGRATIONS[6])
        store.ingest([flood("flood-2", FLOOD_LATER, later)])
        copy = flood("flood-1-copy", FLOOD + " Updated at noon.", later)
        store.ingest([copy])
        stored = {a.id: a for a in store.export()}
    assert stored["flood-2"].story == stored["flood-1"].story
    assert stored["flood-1-copy"].duplicate_of == "flood-1"


@pytest.mark.parametrize(
    ("published", "copy_published", "linked"),
    [
        ("2025-03-04", "2025-03-06", True),
        ("2025-03-28", "2025-04-20", True),  # the next month, within the window
        ("2025-03-04", None, True),  # an undated copy is looked for under every month
        (None, "2025-03-04", True),  # and an undated original under no month
        ("2025-03-04", "2025-07-01", False),  # four months on: an article of its own
    ],
)
def test_duplicates_are_looked_for_within_the_window(
    published: str | None, copy_published: str | None, linked: bool, store_url: str
) -> None:
    with open_store(store_url) as store:
        original = flood("flood-1", FLOOD, published)
        copy = flood("flood-1-copy", FLOOD + " Updated at noon.", copy_published)
        store.ingest([original])
        store.ingest([copy])
        stored = {a.id: a for a in store.export()}
    assert (stored["flood-1-copy"].duplicate_of == "flood-1") is linked


@pytest.mark.parametrize(("known", "new"), [("2025-03-04", "2025-05-10")])
def test_a_month_another_writer_noted_is_looked_under(known: str, new: str, tmp_path: Path) -> None:
    path = tmp_path / "two.db"
    with SQLiteStore(path) as first, SQLiteStore(path) as second:
        first.ingest([flood("flood-1", FLOOD, known)])  # first keeps that month in memory
        second.ingest([flood("flood-may", FLOOD_LATER, new)])  # second notes another month
        copy = flood("flood-may-copy", FLOOD_LATER + " Updated at noon.", new)
        first.ingest([copy])
        stored = {a.id: a for a in first.export()}
    assert stored["flood-may-copy"].duplicate_of == "flood-may"
    assert stored["flood-may-copy"].story == stored["flood-may"].story


@pytest.mark.parametrize("months_stored", [LOOKUPS_PER_STATEMENT // 16 * 3 + 5])
def test_undated_copy_found_among_many_months(months_stored: int) -> None:
    # An undated copy is looked for under every month: more months than one statement holds.
    with SQLiteStore(":memory:") as store:
        dedup = store.dedup
        for n in range(months_stored):
            year, month = divmod(n, 12)
            text = f"Report {n}: " + FLOOD.replace("two hundred", f"{n + 3} hundred")
            dedup.assign(
                Article(text=text, id=f"m{n}", published=f"{2000 + year}-{month + 1:02d}-15")
            )
        last = months_stored - 1
        original = f"Report {last}: " + FLOOD.replace("two hundred", f"{last + 3} hundred")
        copy = Article(text=original + " Updated at noon.", id="copy")
        dedup.assign(copy)
    assert copy.duplicate_of == f"m{last}"
