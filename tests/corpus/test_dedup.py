"""Near-duplicates at ingest: MinHash LSH over word shingles, linked to the first article."""

from __future__ import annotations

import pytest

from newsdesk.corpus.dedup import Deduplicator, jaccard, shingles, signature
from newsdesk.record import Article
from newsdesk.store import open_store

FERRY = (
    "A ferry carrying 212 passengers ran aground off the coast of Vestby on Tuesday morning, "
    "the coastguard said. Nobody was hurt, and the passengers were taken ashore by lifeboats "
    "within two hours. The operator, Nordlys Lines, said the vessel had lost steering shortly "
    "after leaving port and that an inquiry would examine the maintenance records. Local "
    "fishermen helped to guide the lifeboats through the shallow water near the reef."
)
# The same report, lightly edited by a second outlet: one word changed, one sentence added.
FERRY_EDITED = FERRY.replace("Tuesday morning", "Tuesday") + " The ferry will be towed free."
UNRELATED = (
    "The city council approved a new budget for public libraries on Monday, adding funds for "
    "longer opening hours and a mobile library that will visit villages twice a month. The "
    "mayor said reading programmes for children would double in size by next spring."
)


@pytest.mark.parametrize("text,size,expected", [("One two three four", 3, 2), ("Hi there", 3, 1)])
def test_shingles_word_ngrams(text: str, size: int, expected: int) -> None:
    assert len(shingles(text, size)) == expected


@pytest.mark.parametrize("other,similar", [(FERRY_EDITED, True), (UNRELATED, False)])
def test_signature_estimates_jaccard(other: str, similar: bool) -> None:
    score = jaccard(signature(FERRY).hashvalues, signature(other).hashvalues)
    assert (score >= 0.8) is similar


@pytest.mark.parametrize("second", [FERRY_EDITED])
def test_deduplicator_links_edited_copy_to_first(second: str, store_url: str) -> None:
    with open_store(store_url) as store:
        first = Article(text=FERRY, id="wire-1", source="wire")
        copy = Article(text=second, id="paper-7", source="paper")
        other = Article(text=UNRELATED, id="council")
        store.ingest([first, copy, other])
        stored = {a.id: a for a in store.export()}
    assert stored["wire-1"].duplicate_of is None
    assert stored["paper-7"].duplicate_of == "wire-1"
    assert stored["council"].duplicate_of is None
    # A duplicate belongs to the story of the article it copies.
    assert stored["paper-7"].story == stored["wire-1"].story


@pytest.mark.parametrize("copies", [3])
def test_deduplicator_chain_points_to_group_root(copies: int, store_url: str) -> None:
    with open_store(store_url) as store:
        dedup = Deduplicator(store.conn)
        texts = [FERRY + " Update." * i for i in range(copies)]
        articles = [Article(text=t, id=f"a{i}") for i, t in enumerate(texts)]
        for article in articles:
            dedup.assign(article)
        assert [a.duplicate_of for a in articles] == [None] + ["a0"] * (copies - 1)
        assert dedup.groups() == {"a0": [f"a{i}" for i in range(copies)]}


@pytest.mark.parametrize("article_id", ["wire-1"])
def test_deduplicator_release_forgets_article(article_id: str, store_url: str) -> None:
    with open_store(store_url) as store:
        dedup = Deduplicator(store.conn)
        dedup.assign(Article(text=FERRY, id=article_id))
        dedup.release(article_id)
        copy = Article(text=FERRY_EDITED, id="paper-7")
        dedup.assign(copy)
        assert copy.duplicate_of is None
