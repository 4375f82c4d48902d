"""Document frequencies written behind (corpus/stories.py): the log plus the table are the truth,
across flushes, rolled-back batches and two writers on one store."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsdesk.corpus import stories
from newsdesk.corpus.stories import tokens
from newsdesk.record import Article
from newsdesk.store import open_store
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
