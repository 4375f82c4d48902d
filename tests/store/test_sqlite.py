"""The SQLite store on hand-built articles (no model): round trips, idempotency, search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import StoreError
from newsdesk.record import Article, DateRef, Entity, Mention, Place, Quote
from newsdesk.store import SQLiteStore, open_store
from newsdesk.store.schema import MIGRATIONS, migrate
from newsdesk.store.sqlite import fts_query


def make_article(text: str, **meta: object) -> Article:
    """An article with one entity per capitalised word and a quote, built by hand."""
    entities: dict[str, Entity] = {}
    position = 0
    for word in text.split():
        start = text.index(word, position)
        position = start + len(word)
        clean = word.strip(".,")
        if clean[:1].isupper() and len(clean) > 2:
            entity = entities.setdefault(clean, Entity(name=clean, type="GPE"))
            entity.mentions.append(Mention(clean, start, start + len(clean)))
            if clean not in entity.variants:
                entity.variants.append(clean)
    return Article(text=text, entities=list(entities.values()), **meta)  # type: ignore[arg-type]


@pytest.fixture()
def store(store_url: str) -> Iterator[SQLiteStore]:
    """The store on each backend (SQLite in memory, a fresh PostgreSQL database)."""
    with open_store(store_url) as opened:
        yield opened


@pytest.mark.parametrize("times", [1, 3])
def test_sqlite_migrations_apply_once(times: int) -> None:
    conn = sqlite3.connect(":memory:")
    for _ in range(times):
        assert migrate(conn) == len(MIGRATIONS)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


@pytest.mark.parametrize("text", ["Officials in Kyiv and Warsaw met on Sunday."])
def test_sqlite_roundtrip_keeps_the_record(store: SQLiteStore, text: str) -> None:
    article = make_article(text, id="a1", title="Meeting", published="2025-06-01")
    article.quotes = [Quote("met", 29, 32, "indirect", speaker="Officials")]
    article.dates = [DateRef("Sunday", 36, 42, "2025-06-01", "DATE")]
    article.places = [Place("Kyiv", "Kyiv", 13, 17, "UA", 50.45, 30.52, 703448)]
    store.ingest([article])
    back = store.get("a1")
    assert back is not None
    assert back.to_dict() == article.to_dict()
    assert store.counts() == {
        "articles": 1,
        "entities": 4,
        "mentions": 4,
        "quotes": 1,
        "dates": 1,
        "places": 1,
    }


@pytest.mark.parametrize("text", ["Kyiv said talks would resume."])
def test_sqlite_same_text_is_stored_once(store: SQLiteStore, text: str) -> None:
    first = store.ingest([make_article(text), make_article(text)])
    again = store.ingest([make_article(text, id="other-id")])
    assert (first.added, first.unchanged, again.added, again.unchanged) == (1, 1, 0, 1)
    assert store.count() == 1


@pytest.mark.parametrize(("old", "new"), [("Kyiv said no.", "Kyiv and Warsaw said yes.")])
def test_sqlite_same_id_new_text_replaces(store: SQLiteStore, old: str, new: str) -> None:
    store.ingest([make_article(old, id="x")])
    stats = store.ingest([make_article(new, id="x")])
    assert stats.replaced == 1 and store.count() == 1
    stored = store.get("x")
    assert stored is not None and stored.text == new
    kyiv = store.find_entities("Kyiv")[0]
    assert (kyiv["article_count"], kyiv["mention_count"]) == (1, 1)


def test_sqlite_failed_batch_rolls_back_only_itself(store: SQLiteStore) -> None:
    store.ingest([make_article("Kyiv said yes.", id="kept")])

    def articles():  # type: ignore[no-untyped-def]
        yield make_article("Warsaw said no.", id="lost")
        raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(sqlite3.OperationalError):
        store.ingest(articles())
    assert store.get("kept") is not None and store.get("lost") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Zelenskiy's plan", '"Zelenskiy\'s" "plan"'),
        ("covid-19", '"covid-19"'),
        ('"exact phrase"', '"exact phrase"'),
        ("kyiv OR warsaw", "kyiv OR warsaw"),
    ],
)
def test_sqlite_fts_query_quotes_plain_words(query: str, expected: str) -> None:
    assert fts_query(query) == expected


@pytest.mark.parametrize("query", ["Warsaw", "warsaw", "WARSAW talks", "Zelenskiy's", "a(b"])
def test_sqlite_search_finds_and_never_raises(store: SQLiteStore, query: str) -> None:
    store.ingest(
        [
            make_article("Warsaw talks stalled on Sunday.", id="w", published="2025-06-01"),
            make_article("Kyiv celebrated on Monday.", id="k", published="2025-06-02"),
        ]
    )
    hits = store.search(query)
    if "arsaw" in query.lower() or "ARSAW" in query:
        assert [h.id for h in hits] == ["w"] and "[Warsaw]" in hits[0].snippet
    assert [h.id for h in store.search("", date_from="2025-06-02")] == ["k"]
    assert [h.id for h in store.search("", entity="kyiv")] == ["k"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=8))
def test_sqlite_store_roundtrips_any_text(texts: list[str]) -> None:
    store = SQLiteStore(":memory:")
    articles = [Article(text=t) for t in texts if t.strip()]
    store.ingest(articles)
    for article in articles:
        stored = store.get(article.id)
        assert stored is not None and stored.hash == article.hash
        assert store.search(article.text) is not None  # any text is a safe query


@pytest.mark.parametrize("url", ["postgresql://newsroom:s3cret@/news?host=/nonexistent/socket"])
def test_open_store_postgres_unreachable_names_url_not_password(url: str) -> None:
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as err:
        open_store(url)
    assert "newsroom:***@" in str(err.value) and "s3cret" not in str(err.value)


@pytest.mark.parametrize("name", ["not-a-store.db"])
def test_sqlite_refuses_a_file_that_is_not_a_database(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("just some text, not SQLite\n" * 100)
    with pytest.raises(StoreError, match="not a newsdesk store"):
        SQLiteStore(path)


@pytest.mark.parametrize("text", ["Kyiv and Warsaw signed a grain deal on Monday."])
def test_sqlite_syndicated_copy_is_stored_and_linked(store: SQLiteStore, text: str) -> None:
    first = store.ingest([make_article(text, source="wire")])
    copy = store.ingest([make_article(text, source="daily-paper")])
    again = store.ingest([make_article(text, source="daily-paper")])
    assert (first.added, copy.added, again.unchanged) == (1, 1, 1)
    original, syndicated = first.ids[0], copy.ids[0]
    assert original != syndicated
    stored = store.get(syndicated)
    assert stored is not None and stored.source == "daily-paper"
    assert stored.duplicate_of == original


def test_entity_timeline_takes_dates_from_sentences_naming_it(store: SQLiteStore) -> None:
    text = (
        "The ferry strike began on Monday. Union leader Rosa Vella said talks would resume "
        "on Thursday. The port reopened in March."
    )

    def at(part: str) -> tuple[int, int]:
        return text.index(part), text.index(part) + len(part)

    vella = Entity("Rosa Vella", "PERSON", ["Rosa Vella"], [Mention("Rosa Vella", *at("Rosa"))])
    dates = [
        DateRef("on Monday", *at("on Monday"), "2025-06-02", "DATE"),
        DateRef("on Thursday", *at("on Thursday"), "2025-06-05", "DATE"),
        DateRef("in March", *at("in March"), "2025-03", "DATE"),
    ]
    article = Article(text=text, id="a1", published="2025-06-03", entities=[vella], dates=dates)
    store.ingest([article])
    (found,) = store.find_entities("Rosa Vella")
    detail = store.entity(found["id"])
    assert detail is not None
    # Only the Thursday is in a sentence that names her.
    assert [(e["date"], e["kind"], e["start"]) for e in detail["events"]] == [
        ("2025-06-05", "mentioned", at("on Thursday")[0])
    ]
    assert detail["events"][0]["text"].startswith("Union leader Rosa Vella said")
