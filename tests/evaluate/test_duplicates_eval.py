"""The duplicates scorer (gold groups, link scoring) and its floor on bbc_news."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.evaluate.duplicates import BbcDocument, evaluate, gold_groups, score_links

BASE = (
    "The harbour authority opened a new container terminal on Friday, doubling the port's "
    "capacity. Officials said the terminal would create four hundred jobs and bring larger "
    "ships to the city, while residents worried about traffic on the coast road."
)


@pytest.mark.parametrize("edit", [" Trade groups welcomed the news."])
def test_gold_groups_pairs_light_edits_only(edit: str) -> None:
    docs = [
        BbcDocument("a/1", "t", BASE),
        BbcDocument("a/2", "t", BASE + edit),
        BbcDocument("a/3", "t", "A different report about rain and flooding in the hills."),
    ]
    groups, pairs = gold_groups(docs)
    assert pairs == 1
    assert groups["a/1"] == groups["a/2"] and "a/3" not in groups


@pytest.mark.parametrize("links,expected", [({"a/2": "a/1"}, (1, 1, 1)), ({}, (0, 0, 1))])
def test_score_links_counts_later_group_members(
    links: dict[str, str], expected: tuple[int, int, int]
) -> None:
    docs = [BbcDocument(f"a/{i}", "t", BASE) for i in (1, 2, 3)]
    groups = {"a/1": 0, "a/2": 0}
    assert score_links(docs, links, groups) == expected


@pytest.mark.slow
@pytest.mark.parametrize("limit", [900])
def test_duplicates_floor_on_bbc_news(eval_data: Path, limit: int) -> None:
    # The first 900 documents (business + most of entertainment), default threshold 0.8:
    # measured precision 1.000, recall 1.000 (full set: P 1.000, R 0.987; docs/EVAL.md).
    report = evaluate(eval_data / "bbc_news", limit=limit)
    row = next(name for name in report.rows if "(default)" in name)
    assert report.score(row, "precision") >= 0.98
    assert report.score(row, "recall") >= 0.90
