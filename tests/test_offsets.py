"""The offset invariant, for every stage in the default pipeline: span text == text[start:end]."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.ingest import ReadOptions, read_articles
from newsdesk.pipeline import Pipeline, build_pipeline
from newsdesk.record import Article

PIECES = [
    "Ukrainian President Volodymyr Zelenskiy",
    "Zelensky",
    "Kyiv\u2019s mayor",
    "Hong Kong\u2019s",
    "the Civil Human Rights Front",
    "Jimmy Sham (\u5c91\u5b50\u6770)",
    "said on Sunday",
    "told reporters in Istanbul",
    "\u201cWe are ready to talk,\u201d",
    '"This is not over,"',
    "\u2018The New York Times was lying,\u2019",
    "according to a source in the negotiating team",
    "late on Friday",
    "last month",
    "in the northeastern Sumy region",
    "Paris, Texas",
    "NATO",
    "Ipsos",
    "\u2014",
    "\u00a0",
    "\n\n",
    "\u2026",
    "10am GMT",
    "February 2022",
    "more than four years",
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline()


def check_spans(article: Article) -> None:
    for text, start, end in article.spans():
        assert 0 <= start <= end <= len(article.text)
        assert article.text[start:end] == text, (text, start, end)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    words=st.lists(st.sampled_from(PIECES), min_size=1, max_size=30),
    published=st.sampled_from([None, "2025-06-03"]),
)
def test_offsets_every_span_indexes_the_text(
    pipeline: Pipeline, words: list[str], published: str | None
) -> None:
    text = " ".join(words).strip() or "Kyiv."
    article = next(pipeline.pipe([Article(text=text, published=published)]))
    check_spans(article)


@pytest.mark.parametrize("name", ["dump.txt", "articles.jsonl"])
def test_offsets_hold_on_the_bundled_sample(
    pipeline: Pipeline, sample_dump: Path, name: str
) -> None:
    path = sample_dump.parent / name
    articles = list(
        pipeline.pipe(read_articles([str(path)], options=ReadOptions(published="2025-06-03")))
    )
    assert len(articles) >= 30
    for article in articles:
        check_spans(article)
        json.dumps(article.to_dict())  # every record serialises
