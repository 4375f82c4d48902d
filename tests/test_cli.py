"""The CLI through click's runner: exit codes, output and the resulting store."""

from __future__ import annotations

import codecs
import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli

DUMP = (
    "Talks resume in Istanbul\n"
    "Ukrainian President Volodymyr Zelenskiy said on Sunday that Kyiv would send a team "
    'to Istanbul. "We are ready," he told reporters.\n'
    "Zelenskiy added that the talks must start with a ceasefire.\n"
    "\n"
    "Storm floods Paris, Texas\n"
    "A storm flooded streets in Paris, Texas, late on Friday, the Lamar County sheriff said.\n"
    "Residents were told to stay indoors until the water receded.\n"
)

TITLES = ["Talks resume in Istanbul", "Storm floods Paris, Texas"]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


@pytest.fixture()
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "dump.txt"
    path.write_text(DUMP, encoding="utf-8")
    return path


def ingest(runner: CliRunner, db: Path, *paths: Path | str) -> tuple[int, str, str]:
    result = runner.invoke(
        cli, ["ingest", *map(str, paths), "--db", str(db), "--published", "2025-06-03"]
    )
    return result.exit_code, result.stdout, result.stderr


def stored_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM articles")}


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_cli_analyze_prints_valid_records(runner: CliRunner, dump: Path, fmt: str) -> None:
    result = runner.invoke(
        cli, ["analyze", str(dump), "--format", fmt, "--published", "2025-06-03"]
    )
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        records = [json.loads(line) for line in result.stdout.splitlines()]
    else:
        records = json.loads(result.stdout)
    assert [r["title"] for r in records] == [
        "Talks resume in Istanbul",
        "Storm floods Paris, Texas",
    ]
    for record in records:
        assert record["published"] == "2025-06-03"
        for entity in record["entities"]:
            for m in entity["mentions"]:
                assert record["text"][m["start"] : m["end"]] == m["text"]
    names = {e["name"] for e in records[0]["entities"]}
    assert "Istanbul" in names


@pytest.mark.parametrize("fmt", ["table"])
def test_cli_analyze_table_is_readable(runner: CliRunner, dump: Path, fmt: str) -> None:
    result = runner.invoke(cli, ["analyze", str(dump), "--format", fmt])
    assert result.exit_code == 0
    assert "Talks resume in Istanbul" in result.stdout and "2 articles" in result.stdout


@pytest.mark.parametrize("stdin_text", [DUMP])
def test_cli_analyze_reads_stdin(runner: CliRunner, stdin_text: str) -> None:
    result = runner.invoke(cli, ["analyze", "-"], input=stdin_text)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


@pytest.mark.parametrize("flag", ["--no-split"])
def test_cli_analyze_no_split_takes_file_whole(runner: CliRunner, dump: Path, flag: str) -> None:
    result = runner.invoke(cli, ["analyze", str(dump), flag])
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert "Lamar County" in record["text"] and "Istanbul" in record["text"]


@pytest.mark.parametrize("times", [2])
def test_cli_ingest_is_idempotent(runner: CliRunner, dump: Path, tmp_db: Path, times: int) -> None:
    code, out, _ = ingest(runner, tmp_db, dump)
    assert code == 0 and "2 added" in out
    first = stored_ids(tmp_db)
    for _ in range(times):
        code, out, _ = ingest(runner, tmp_db, dump)
        assert code == 0 and "0 added" in out and "2 already stored" in out
    assert stored_ids(tmp_db) == first and len(first) == 2


@pytest.mark.parametrize("query", ["ceasefire"])
def test_cli_search_show_entities_export(
    runner: CliRunner, dump: Path, tmp_db: Path, query: str
) -> None:
    assert ingest(runner, tmp_db, dump)[0] == 0
    found = runner.invoke(cli, ["search", query, "--db", str(tmp_db), "--format", "jsonl"])
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert found.exit_code == 0 and len(hits) == 1 and "[ceasefire]" in hits[0]["snippet"]
    by_entity = runner.invoke(
        cli, ["search", "--entity", "Lamar County", "--db", str(tmp_db), "--format", "jsonl"]
    )
    assert [json.loads(x)["title"] for x in by_entity.stdout.splitlines()] == [
        "Storm floods Paris, Texas"
    ]
    dated = runner.invoke(cli, ["search", query, "--from", "2025-06-04", "--db", str(tmp_db)])
    assert "No articles found." in dated.stdout

    shown = runner.invoke(cli, ["show", hits[0]["id"], "--db", str(tmp_db)])
    assert shown.exit_code == 0 and "Talks resume in Istanbul" in shown.stdout

    listed = runner.invoke(cli, ["entities", "--db", str(tmp_db)])
    assert listed.exit_code == 0 and "Istanbul" in listed.stdout
    one = runner.invoke(cli, ["entities", "Istanbul", "--db", str(tmp_db), "--format", "json"])
    (detail,) = json.loads(one.stdout)
    assert detail["name"] == "Istanbul" and detail["articles"][0]["title"].startswith("Talks")

    exported = runner.invoke(cli, ["export", "--db", str(tmp_db)])
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert {r["title"] for r in records} == {
        "Talks resume in Istanbul",
        "Storm floods Paris, Texas",
    }
    table = runner.invoke(cli, ["export", "--format", "csv", "--db", str(tmp_db)])
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert len(rows) == 2 and json.loads(rows[0]["entities"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the input is empty"),
        (b"   \n\n  \n", "the input is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ],
)
def test_cli_unreadable_input_is_one_line_error(
    runner: CliRunner, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 2
    assert (
        result.stderr.count("\n") == 1 and str(path) in result.stderr and message in result.stderr
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize("missing", ["no/such/file.txt"])
def test_cli_missing_path_is_an_error(runner: CliRunner, missing: str) -> None:
    result = runner.invoke(cli, ["analyze", missing])
    assert result.exit_code == 2 and f"{missing}: no such file" in result.stderr


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)]
)
def test_cli_reads_utf16_with_bom(
    runner: CliRunner, tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(bom + DUMP.encode(encoding))
    result = runner.invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


@pytest.mark.parametrize("text", ["Café owners in Zürich said prices rose sharply this year."])
def test_cli_reads_latin1_with_a_warning(runner: CliRunner, tmp_path: Path, text: str) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    result = runner.invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 0
    assert f"{path}, line 1: not UTF-8" in result.stderr
    assert json.loads(result.stdout)["text"] == text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("this is not json {", "line 2: not valid JSON"),
        ('{"title": "No body"}', 'line 2: no "text"'),
        ('["a", "list"]', "line 2: expected a JSON object"),
    ],
)
def test_cli_bad_jsonl_record_is_reported_and_skipped(
    runner: CliRunner, tmp_path: Path, tmp_db: Path, line: str, message: str
) -> None:
    path = tmp_path / "feed.jsonl"
    good = [
        {
            "id": "a1",
            "text": "Kyiv said on Sunday that talks would resume.",
            "published": "2025-06-01",
        },
        {
            "id": "a2",
            "text": "Warsaw voters went to the polls on Sunday.",
            "published": "2025-06-01",
        },
    ]
    path.write_text(
        "\n".join([json.dumps(good[0]), line, json.dumps(good[1])]) + "\n", encoding="utf-8"
    )
    code, _, err = ingest(runner, tmp_db, path)
    assert code == 2 and f"{path}, {message}" in err
    assert stored_ids(tmp_db) == {"a1", "a2"}


@pytest.mark.parametrize("published", ["last week"])
def test_cli_jsonl_published_naming_no_date_is_a_warning_and_the_article_kept(
    runner: CliRunner, tmp_path: Path, tmp_db: Path, published: str
) -> None:
    path = tmp_path / "feed.jsonl"
    record = {"id": "a3", "text": "Warsaw voters went to the polls.", "published": published}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, _, err = ingest(runner, tmp_db, path)
    assert code == 0
    assert f'warning: {path}, line 1: "published" is not a date' in err
    assert stored_ids(tmp_db) == {"a3"}


@pytest.mark.parametrize("size", [50_000_000])
def test_cli_huge_single_line_is_refused_without_losing_the_store(
    runner: CliRunner, tmp_path: Path, tmp_db: Path, dump: Path, size: int
) -> None:
    assert ingest(runner, tmp_db, dump)[0] == 0
    before = stored_ids(tmp_db)
    huge = tmp_path / "huge.txt"
    sentence = "The council met again and said nothing new. "
    huge.write_text(sentence * (size // len(sentence)), encoding="utf-8")
    code, _, err = ingest(runner, tmp_db, huge)
    assert code == 2 and str(huge) in err and "longer than the limit" in err
    assert stored_ids(tmp_db) == before


@pytest.mark.parametrize("db", ["/proc/newsdesk-test.db"])
def test_cli_unwritable_store_is_an_error(runner: CliRunner, dump: Path, db: str) -> None:
    result = runner.invoke(cli, ["ingest", str(dump), "--db", db])
    assert result.exit_code == 2
    assert db in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("value", ["yesterday", "2025-13-01"])
def test_cli_bad_published_is_a_usage_error(runner: CliRunner, dump: Path, value: str) -> None:
    result = runner.invoke(cli, ["analyze", str(dump), "--published", value])
    assert result.exit_code == 2 and "is not a date" in result.stderr


@pytest.mark.parametrize(
    "command", ["analyze", "ingest", "search", "show", "entities", "quotes", "export", "eval"]
)
def test_cli_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and "Usage: " in result.stdout and "--help" in result.stdout


def test_cli_text_listings_read_as_english(runner: CliRunner, tmp_path: Path, tmp_db: Path) -> None:
    # A quote that runs over two paragraphs (the first left open, as papers print it).
    text = (
        "Mayor opens bridge\n"
        "\u201cThis bridge took ten years,\u201d Mayor John Smith said. \u201cWe waited too long.\n"
        "\u201cNow the ferry can retire,\u201d she added.\n"
    )
    path = tmp_path / "bridge.txt"
    path.write_text(text, encoding="utf-8")
    assert ingest(runner, tmp_db, path)[0] == 0
    listed = runner.invoke(cli, ["stories", "--db", str(tmp_db)])
    assert listed.exit_code == 0 and "   1 article  " in listed.stdout
    entities = runner.invoke(cli, ["entities", "--db", str(tmp_db)])
    assert "(1 article, " in entities.stdout and "1 articles" not in entities.stdout
    quotes = runner.invoke(cli, ["quotes", "--db", str(tmp_db)])
    lines = quotes.stdout.splitlines()
    assert any("We waited too long." in line and "Now the ferry" in line for line in lines)


def test_cli_show_says_what_is_unresolved(runner: CliRunner, tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(
        "Market reopens\nTraders returned to Temple Street yesterday after the market "
        "reopened in Hong Kong, officials said in March 2024.\n",
        encoding="utf-8",
    )
    # No --published: "yesterday" cannot be resolved.
    stored = runner.invoke(cli, ["ingest", str(path), "--db", str(tmp_db)])
    assert stored.exit_code == 0, stored.output
    (article_id,) = stored_ids(tmp_db)
    shown = runner.invoke(cli, ["show", article_id, "--db", str(tmp_db)])
    assert shown.exit_code == 0, shown.output
    assert "'yesterday' -> ? (DATE; needs the publication date)" in shown.stdout
    assert "'March 2024' -> 2024-03 (DATE)" in shown.stdout
    assert "'Hong Kong' -> Hong Kong, HK (" in shown.stdout
    assert "None" not in shown.stdout


def test_cli_quotes_name_the_registrys_person_and_keep_the_wording(
    runner: CliRunner, tmp_path: Path, tmp_db: Path
) -> None:
    path = tmp_path / "two.jsonl"
    rows = [
        {
            "id": "a1",
            "title": "Mayor opens bridge",
            "text": "Mayor Ana Ruiz of Torvik opened "
            "the new bridge on Monday. “It took ten years,” Ana Ruiz said in Torvik.",
        },
        {
            "id": "a2",
            "title": "Bridge toll",
            "text": "“The toll stays,” Ruiz said in Torvik "
            "on Tuesday, a day after she opened the bridge.",
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    stored = runner.invoke(cli, ["ingest", str(path), "--db", str(tmp_db)])
    assert stored.exit_code == 0, stored.output
    listed = runner.invoke(cli, ["quotes", "--speaker", "Ruiz", "--db", str(tmp_db)])
    assert listed.exit_code == 0, listed.output
    heads = [line for line in listed.stdout.splitlines() if not line.startswith(" ")]
    assert heads and all(line.startswith("Ana Ruiz  [direct") for line in heads), heads
    assert any(line.endswith(', as "Ruiz"]') for line in heads), heads
    as_json = runner.invoke(
        cli, ["quotes", "--speaker", "Ruiz", "--format", "jsonl", "--db", str(tmp_db)]
    )
    records = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert {(r["speaker"], r["speaker_name"]) for r in records} == {
        ("Ana Ruiz", "Ana Ruiz"),
        ("Ruiz", "Ana Ruiz"),
    }
