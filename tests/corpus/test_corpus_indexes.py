"""The corpus's indexes at ingest (corpus/stories.py, store schema 6): document frequencies
written behind (the log plus the table are the truth, across flushes, rolled-back batches and
two writers on one store) and story keys that keep a key's newest stories."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from newsdesk.corpus import stories
from newsdesk.corpus.stories import STORIES_PER_KEY, tokens
from newsdesk.errors import StoreError
from newsdesk.record import Article, Entity, Mention
from newsdesk.store import open_store
from newsdesk.store.schema import MIGRATIONS, migrate
from newsdesk.store.sqlite import SQLiteStore

TEXTS = [
    "Firefighters contained a blaze at the Ostrava paper mill on Tuesday after four hours.",
    "The Ostrava paper mill reopened its gates as inspectors examined the burnt warehouse.",
    "Inspectors blamed a faulty conveyor motor for the blaze, the mill's owner said.",
    "A regional court fined the owner of the paper mill for missing safety inspections.",
    "Farmers near Brno reported the earliest cherry harvest in forty years this spring.",
    "Cherry growers said the warm spring brought the harvest forward by three weeks.",
    "The Brno market sold cherries at half last year's price as the harvest peaked.",
]


def expected(texts: list[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for text in texts:
        out.update(set(tokens(text)))
    return out


def articles(texts: list[str], prefix: str) -> list[Article]:
    return [Article(text=t, id=f"{prefix}{i}") for i, t in enumerate(texts)]


@pytest.mark.parametrize("flush_every", [1, 3, 1000])
def test_document_frequencies_count_every_article_across_flushes(
    flush_every: int, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stories, "TERM_LOG_FLUSH", flush_every)
    truth = expected(TEXTS)
    with open_store(store_url) as store:
        store.ingest(articles(TEXTS, "a"), batch_size=2)
        assert store.stories.document_frequencies(sorted(truth)) == dict(truth)
        logged = store.conn.execute("SELECT COUNT(*) FROM term_df_log").fetchone()[0]
        assert logged == len(TEXTS) % flush_every


@pytest.mark.parametrize("flush_every", [2, 1000])
def test_rolled_back_batch_leaves_no_counts(
    flush_every: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stories, "TERM_LOG_FLUSH", flush_every)
    with open_store(":memory:") as store:
        store.ingest(articles(TEXTS[:2], "kept"))
        store.conn.execute("BEGIN IMMEDIATE")
        for article in articles(TEXTS[2:5], "lost"):
            store.stories.assign(article)
        store.conn.execute("ROLLBACK")
        store.ingest(articles(TEXTS[5:], "later"))
        truth = expected(TEXTS[:2] + TEXTS[5:])
        assert store.stories.document_frequencies(sorted(truth)) == dict(truth)
        assert store.stories.document_frequencies(["conveyor"]) == {"conveyor": 0}


def test_two_writers_on_one_store_see_each_others_counts(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with SQLiteStore(path) as first, SQLiteStore(path) as second:
        first.ingest(articles(TEXTS[:3], "first"))
        second.ingest(articles(TEXTS[3:5], "second"))
        first.ingest(articles(TEXTS[5:], "again"))
        truth = expected(TEXTS)
        # Each writer reads the log again when the other has written since it last looked.
        for store in (first, second, SQLiteStore(path)):
            assert store.stories.document_frequencies(sorted(truth)) == dict(truth)


def harbour_story(number: int) -> Article:
    """One of many unrelated events that all name the harbour authority."""
    tag = chr(97 + number % 26) + chr(97 + number // 26)
    who = f"Captain Ober{tag}"
    words = " ".join(f"{stem}{tag}" for stem in ("crane", "berth", "winch", "cable", "pylon"))
    text = f"{who} of the Harbour Authority reported {words} trouble near quay{tag}."
    at = text.index("Harbour Authority")
    return Article(
        text=text,
        id=f"berth-{number}",
        entities=[
            Entity(name=who, type="PERSON", variants=[who], mentions=[Mention(who, 0, len(who))]),
            Entity(
                name="Harbour Authority",
                type="ORG",
                variants=["Harbour Authority"],
                mentions=[Mention("Harbour Authority", at, at + 17)],
            ),
        ],
    )


@pytest.mark.parametrize("events", [STORIES_PER_KEY + 8])
def test_a_story_key_keeps_its_newest_stories(events: int, store_url: str) -> None:
    with open_store(store_url) as store:
        store.ingest([harbour_story(n) for n in range(events)], batch_size=5)
        stored = {a.id: a.story for a in store.export()}
        # More stories name the authority than a key keeps (the first few may have merged).
        assert len(set(stored.values())) > STORIES_PER_KEY
        (entity,) = [
            row[0]
            for row in store.conn.execute(
                "SELECT id FROM entities WHERE name = ?", ("Harbour Authority",)
            )
        ]
        kept = {
            row[0]
            for row in store.conn.execute(
                "SELECT story FROM story_keys WHERE key = ?", (f"e:{entity}",)
            )
        }
    newest: list[str] = []
    for number in reversed(range(events)):
        story = stored[f"berth-{number}"]
        if story not in newest and len(newest) < STORIES_PER_KEY:
            newest.append(story)
    assert kept == set(newest)


def test_schema_6_cuts_each_story_key_to_its_newest_stories() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for number in range(5):
        conn.executescript(f"BEGIN;{MIGRATIONS[number]}PRAGMA user_version={number + 1};COMMIT;")
    rows = [("e:port", f"s_{n:03d}", n) for n in range(30)] + [("t:crane", "s_001", 1)]
    conn.executemany("INSERT INTO story_keys(key, story, updated) VALUES (?, ?, ?)", rows)
    migrate(conn)
    kept = conn.execute("SELECT key, min(updated), count(*) FROM story_keys GROUP BY key")
    assert sorted(kept) == [("e:port", 10, 20), ("t:crane", 1, 1)]


def story_tables(store: SQLiteStore) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: sorted(tuple(row) for row in store.conn.execute(f"SELECT * FROM {table}"))
        for table in ("story_state", "story_keys", "stories", "term_df", "term_df_log")
    }


def test_a_failed_batch_leaves_the_stories_as_if_it_never_came(tmp_path: Path) -> None:
    before = [harbour_story(n) for n in range(6)]
    failing = [harbour_story(n) for n in (0, 1, 6)] + [Article(text="Rejected.", id="bad")]
    after = [harbour_story(n) for n in (0, 2, 7)]
    with SQLiteStore(tmp_path / "failed.db") as store, SQLiteStore(tmp_path / "clean.db") as clean:
        store.conn.execute(
            "CREATE TRIGGER reject BEFORE INSERT ON articles WHEN new.id = 'bad' "
            "BEGIN SELECT RAISE(ABORT, 'rejected'); END"
        )
        for target in (store, clean):
            target.ingest(before, batch_size=3)
        with pytest.raises(StoreError, match="'berth-0'"):
            store.ingest(failing, batch_size=10)
        for target in (store, clean):
            target.ingest(after, batch_size=2)
        assert story_tables(store) == story_tables(clean)
