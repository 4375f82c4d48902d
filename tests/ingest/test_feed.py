"""The feed reader: one article per RSS/Atom entry, full content or summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import InputError, NewsdeskError
from newsdesk.ingest import read_articles

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def read(path: Path) -> tuple[list, list[str]]:  # type: ignore[type-arg]
    errors: list[NewsdeskError] = []
    articles = list(read_articles([str(path)], report=errors.append))
    return articles, [str(e) for e in errors]


@pytest.mark.parametrize("name", ["feed.rss"])
def test_read_feed_rss_entries_become_articles(name: str) -> None:
    articles, errors = read(FIXTURES / name)
    assert [a.origin for a in articles] == ["entry 1", "entry 2", "entry 4"]
    full, summary, short = articles
    # content:encoded is the text, paragraphs kept, the share link dropped.
    assert full.text.split("\n\n")[0].startswith("The Harbor Street bridge will close")
    assert "Share on social media" not in full.text
    assert not full.truncated
    assert full.url == "https://gazette.example/2025/06/harbor-bridge"
    # 21:30 at -0500 is still 3 June where it was written (UTC would say 4 June).
    assert full.published == "2025-06-03"
    assert full.language == "en"
    # A summary cut with "..." is flagged truncated; one that ends a sentence is not.
    assert summary.text.endswith("after ...")
    assert "<p>" not in summary.text
    assert summary.truncated
    assert not short.truncated
    assert errors == [
        f"{FIXTURES / name}, entry 3: entry has no text (no content, summary or description)"
    ]


@pytest.mark.parametrize("name", ["feed.atom"])
def test_read_feed_atom_content_and_updated_date(name: str) -> None:
    articles, errors = read(FIXTURES / name)
    assert errors == []
    dam, ferry = articles
    assert dam.title == "Dam inspection finds no damage after storm"
    assert dam.text.count("\n\n") == 1
    assert dam.published == "2025-06-04"
    assert dam.url == "https://courier.example/dam-inspection"
    # No <published>: the entry's <updated> date.
    assert ferry.published == "2025-06-03"
    assert ferry.text.startswith("The lake ferry resumed")
    assert all(a.source == str(FIXTURES / name) for a in articles)


@pytest.mark.parametrize(
    "xml", ['<rss version="2.0"><channel><title>Empty</title></channel></rss>']
)
def test_read_feed_without_entries_is_an_input_error(tmp_path: Path, xml: str) -> None:
    path = tmp_path / "empty.rss"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(InputError, match="no feed entries"):
        list(read_articles([str(path)]))
