"""`newsdesk analyze` on HTML pages, feeds and WARC archives (plain and gzipped) through the
CLI runner: records printed, bad records reported on stderr with exit status 2, the rest kept."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


def analyze(runner: CliRunner, *paths: Path) -> tuple[int, list[dict], str]:  # type: ignore[type-arg]
    result = runner.invoke(cli, ["analyze", *map(str, paths)])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for record in records:
        for entity in record["entities"]:
            for m in entity["mentions"]:
                assert record["text"][m["start"] : m["end"]] == m["text"]
    return result.exit_code, records, result.stderr


@pytest.mark.parametrize("compress", [False, True])
def test_cli_analyze_html_page(runner: CliRunner, tmp_path: Path, compress: bool) -> None:
    data = (FIXTURES / "article.html").read_bytes()
    path = tmp_path / ("page.html.gz" if compress else "page.html")
    path.write_bytes(gzip.compress(data) if compress else data)
    code, records, stderr = analyze(runner, path)
    assert code == 0, stderr
    assert len(records) == 1
    record = records[0]
    assert record["title"] == "Harbor bridge to close for repairs"
    assert record["url"] == "https://gazette.example/2025/06/harbor-bridge"
    assert record["published"] == "2025-06-03"
    assert record["source"] == str(path)
    assert record["captions"] == [
        "The Harbor Street bridge seen from the river on Monday. Photo: Ivo Lark/Riverside Gazette"
    ]
    names = {e["name"] for e in record["entities"]}
    assert any("Brandt" in name for name in names)


@pytest.mark.parametrize("name", ["feed.rss"])
def test_cli_analyze_feed_reports_empty_entry(runner: CliRunner, name: str) -> None:
    code, records, stderr = analyze(runner, FIXTURES / name)
    assert code == 2
    assert [r["url"] for r in records] == [
        "https://gazette.example/2025/06/harbor-bridge",
        "https://gazette.example/2025/06/library-hours",
        "https://gazette.example/2025/05/school-fair",
    ]
    assert [r["truncated"] for r in records] == [False, True, False]
    assert f"{FIXTURES / name}, entry 3: entry has no text" in stderr


@pytest.mark.parametrize("gz", [False, True])
def test_cli_analyze_warc(
    runner: CliRunner, tmp_path: Path, warc: Callable[..., Path], gz: bool
) -> None:
    path = warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gzip=gz)
    code, records, stderr = analyze(runner, path)
    assert code == 0, stderr
    assert [(r["url"], r["published"]) for r in records] == [
        ("https://courier.example/dam", "2025-06-05"),
        ("https://courier.example/ferry", "2025-06-04"),
    ]


@pytest.mark.parametrize("gz", [False])
def test_cli_analyze_broken_warc_keeps_the_rest(
    runner: CliRunner, tmp_path: Path, warc: Callable[..., Path], gz: bool
) -> None:
    path = warc(tmp_path / "broken.warc", gzip=gz, broken=True)
    code, records, stderr = analyze(runner, path, FIXTURES / "feed.atom")
    assert code == 2
    # Both good pages of the archive, then the next input.
    assert [r["url"] for r in records] == [
        "https://courier.example/dam",
        "https://courier.example/ferry",
        "https://courier.example/dam-inspection",
        "https://courier.example/ferry",
    ]
    assert f"{path}, record 3: no article text found in the page" in stderr
    assert f"{path}, after record 3: expected a WARC record header" in stderr


@pytest.mark.parametrize("gz", [True])
def test_cli_ingest_broken_warc_stores_the_good_pages(
    runner: CliRunner, tmp_path: Path, warc: Callable[..., Path], gz: bool
) -> None:
    import sqlite3

    path = warc(tmp_path / "crawl.warc.gz", gzip=gz, broken=False)
    broken = warc(tmp_path / "broken.warc", broken=True)
    db = tmp_path / "news.db"
    result = runner.invoke(cli, ["ingest", str(path), str(broken), "--db", str(db)])
    assert result.exit_code == 2
    assert f"{broken}, record 3: no article text found in the page" in result.stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, published FROM articles ORDER BY url").fetchall()
    # The same two pages in both archives: stored once (same text, same content hash).
    assert rows == [
        ("https://courier.example/dam", "2025-06-05"),
        ("https://courier.example/ferry", "2025-06-04"),
    ]


@pytest.mark.parametrize(
    ("published", "metadata", "expected"),
    [
        # The article's own date line under its headline: its publication date.
        (None, None, "2009-03-05"),
        # --published applies only where the article names none itself.
        ("2025-06-03", None, "2009-03-05"),
        # A date the input gives as metadata wins over a date line in the text.
        (None, "2009-03-07", "2009-03-07"),
    ],
)
def test_cli_analyze_reads_a_date_line_as_publication_date(
    runner: CliRunner,
    tmp_path: Path,
    published: str | None,
    metadata: str | None,
    expected: str,
) -> None:
    text = "Cargo jet grounded\nMarch 05, 2009\nThe jet was grounded today at Lakeport airport."
    if metadata is None:
        path = tmp_path / "dump.txt"
        path.write_text(text + "\n", encoding="utf-8")
    else:
        path = tmp_path / "one.jsonl"
        path.write_text(json.dumps({"text": text, "published": metadata}) + "\n", "utf-8")
    args = ["analyze", str(path)] + (["--published", published] if published else [])
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["published"] == expected
    today = [d for d in record["dates"] if d["text"] == "today"]
    assert today and today[0]["value"] == expected
