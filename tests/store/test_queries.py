"""Read queries for browsing: they work on an empty store and on hand-built articles."""

from __future__ import annotations

import pytest

from newsdesk.record import Article, Entity, Mention, Place
from newsdesk.store import SQLiteStore, open_store
from newsdesk.store import queries as q


def article(text: str, id_: str, published: str, names: list[tuple[str, str]]) -> Article:
    entities = []
    places = []
    for name, type_ in names:
        start = text.index(name)
        entities.append(Entity(name, type_, mentions=[Mention(name, start, start + len(name))]))
        if type_ == "GPE":
            places.append(Place(name, name, start, start + len(name), "XX", 10.0, 20.0))
    return Article(text=text, id=id_, published=published, entities=entities, places=places)


@pytest.fixture()
def store(store_url: str) -> SQLiteStore:
    s = open_store(store_url)
    s.ingest(
        [
            article(
                "Lena Berg visited Tallinn to open a bridge.",
                "a1",
                "2025-06-01",
                [("Lena Berg", "PERSON"), ("Tallinn", "GPE")],
            ),
            article(
                "In Tallinn, the bridge closed again, Lena Berg said.",
                "a2",
                "2025-06-02",
                [("Tallinn", "GPE"), ("Lena Berg", "PERSON")],
            ),
            article("A quiet day for the bridge.", "a3", "2025-06-03", []),
        ]
    )
    return s


@pytest.mark.parametrize("query", ["", "bridge", "tallinn"])
def test_list_articles_counts_every_match(store: SQLiteStore, query: str) -> None:
    page = q.list_articles(store, q.ArticleFilters(query=query), limit=1, facets=True)
    assert len(page.items) == 1
    assert page.total == (2 if query == "tallinn" else 3)
    assert sum(d["count"] for d in page.facets["published"]) == page.total


@pytest.mark.parametrize("query", ['"', "  ", "NOT"])
def test_list_articles_without_words(store: SQLiteStore, query: str) -> None:
    if query.strip() == "":
        assert q.list_articles(store, q.ArticleFilters(query=query)).total == 3
        return
    try:
        page = q.list_articles(store, q.ArticleFilters(query=query))
    except q.QueryError as err:
        assert "word" in str(err)
    else:
        assert page.total == 0


@pytest.mark.parametrize(("snippet", "text"), [("a \ue000b\ue001 c", "a b c")])
def test_split_marks_gives_offsets(snippet: str, text: str) -> None:
    plain, spans = q.split_marks(snippet)
    assert plain == text and [plain[s:e] for s, e in spans] == ["b"]


@pytest.mark.parametrize("name", ["Lena Berg"])
def test_cooccurring_and_places(store: SQLiteStore, name: str) -> None:
    entity_id = store.find_entities(name)[0]["id"]
    assert [e["name"] for e in q.cooccurring(store, entity_id)] == ["Tallinn"]
    places = q.places_for_map(store)
    assert places[0]["name"] == "Tallinn" and places[0]["articles"] == 2


@pytest.mark.parametrize("story_id", ["s1"])
def test_stories_from_article_story_ids(store: SQLiteStore, story_id: str) -> None:
    store.conn.execute("UPDATE articles SET story = ? WHERE id IN ('a1', 'a2')", (story_id,))
    total, stories = q.list_stories(store)
    ours = next(s for s in stories if s["id"] == story_id)
    assert ours["article_count"] == 2 and ours["label"]
    one = q.story(store, story_id)
    assert one is not None and [a["id"] for a in one["articles"]] == ["a1", "a2"]
    assert q.story(store, "missing") is None


@pytest.mark.parametrize("path", [":memory:"])
def test_queries_on_an_empty_store(path: str) -> None:
    empty = SQLiteStore(path)
    assert q.list_articles(empty, facets=True).total == 0
    assert q.list_entities(empty) == (0, [])
    assert q.places_for_map(empty) == []
    assert q.list_stories(empty) == (0, [])
    assert q.search_quotes(empty, "anything") == ([], False)


@pytest.mark.parametrize("width", [20])
def test_mentions_in_context_cut_at_words(width: int) -> None:
    text = "Early on a grey morning in the old port, Lena Berg opened the bridge to the traffic."
    store = SQLiteStore(":memory:")
    store.ingest([article(text, "k1", "2025-06-01", [("Lena Berg", "PERSON")])])
    entity_id = store.find_entities("Lena Berg")[0]["id"]
    (hit,) = q.mentions_in_context(store, entity_id, width=width)
    assert text[hit["start"] : hit["end"]] == hit["text"] == "Lena Berg"
    assert hit["before"].startswith("…") and text.index(hit["before"][1:]) > 0
    assert hit["after"].endswith("…") and hit["after"][:-1] in text
