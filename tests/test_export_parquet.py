"""Parquet export on hand-built articles (no model): round trip against JSON lines, schema, CLI."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsdesk.cli import cli
from newsdesk.export import parquet_schema, read_parquet, write_jsonl, write_parquet
from newsdesk.record import Article, DateRef, Entity, Mention, Place, Quote, Topic
from newsdesk.store import open_store


def at(text: str, piece: str, after: int = 0) -> tuple[str, int, int]:
    start = text.index(piece, after)
    return piece, start, start + len(piece)


def bare_article() -> Article:
    """Nothing found in it: every list empty, every optional field null (the first row group)."""
    return Article(text="Rain is expected across the region later this week.", id="bare")


def full_article() -> Article:
    """Every field of the record set, including the optional deck and byline."""
    text = (
        'Mayor Ana Ruiz said on Tuesday that the bridge in Porto would reopen. "We are '
        'nearly done," Ruiz told reporters. Portuguese engineers worked for 18 months, '
        "a city official said."
    )
    ruiz = Entity(
        name="Ana Ruiz",
        type="PERSON",
        variants=["Ana Ruiz", "Ruiz"],
        mentions=[Mention(*at(text, "Ana Ruiz")), Mention(*at(text, "Ruiz", 20))],
    )
    porto = Entity(
        name="Porto", type="GPE", variants=["Porto"], mentions=[Mention(*at(text, "Porto"))]
    )
    direct = Quote(
        *at(text, "We are nearly done,"),
        kind="direct",
        speaker="Ana Ruiz",
        speaker_entity="Ana Ruiz",
        speaker_mention=Mention(*at(text, "Ruiz", 20)),
        cue="told",
    )
    indirect = Quote(
        *at(text, "Portuguese engineers worked for 18 months"),
        kind="indirect",
        speaker="a city official",
        cue="said",
    )
    return Article(
        text=text,
        id="full",
        source="hand/porto.txt",
        url="https://example.org/porto-bridge",
        title="Porto bridge to reopen",
        published="2025-06-03",
        truncated=True,
        captions=["Photo: the bridge at dusk / Example Agency"],
        deck="Repairs are almost finished",
        byline="By A. Writer",
        entities=[ruiz, porto],
        quotes=[direct, indirect],
        dates=[
            DateRef(*at(text, "Tuesday"), value="2025-06-03", type="DATE"),
            DateRef(*at(text, "18 months"), value="P18M", type="DURATION", anchor="back"),
        ],
        places=[Place("Porto", *at(text, "Porto"), "PT", 41.15, -8.61, 2735943, "PPLA")],
        demonyms=[Place("Portugal", *at(text, "Portuguese"), "PT", None, None, None, None)],
        topics=[Topic("politics", 0.62), Topic("transport", 0.91)],
        story="s_bridge",
    )


def partial_article() -> Article:
    """Some lists set, the rest empty; a place with no coordinates."""
    text = "Flooding closed roads near Lyon on Friday, officials said."
    return Article(
        text=text,
        id="partial",
        published="2025-06-01",
        dates=[DateRef(*at(text, "Friday"), value=None, type="DATE", anchor="weekday")],
        places=[Place("Lyon", *at(text, "Lyon"))],
        duplicate_of="full",
    )


def articles() -> list[Article]:
    return [bare_article(), full_article(), partial_article(), bare_article()]


@pytest.fixture()
def store_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "export.db"
    with open_store(path) as store:
        store.ingest(articles())
    yield path


def jsonl_records(db: Path) -> list[dict[str, Any]]:
    stream = io.StringIO()
    with open_store(db) as store:
        write_jsonl(store.export(), stream)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def field_names(kind: pa.DataType | pa.Schema, prefix: str = "") -> set[str]:
    """Every column path in a schema: 'quotes.speaker_mention.start' ..."""
    if isinstance(kind, pa.Schema):
        return set().union(*(field_names(f.type, f.name) | {f.name} for f in kind))
    if pa.types.is_list(kind):
        return field_names(kind.value_type, prefix)
    if pa.types.is_struct(kind):
        out: set[str] = set()
        for f in kind:
            out |= {f"{prefix}.{f.name}"} | field_names(f.type, f"{prefix}.{f.name}")
        return out
    return set()


def key_names(value: Any, prefix: str = "") -> set[str]:
    """Every key path in a record, the same way."""
    if isinstance(value, list):
        return set().union(set(), *(key_names(v, prefix) for v in value))
    if isinstance(value, dict):
        out: set[str] = set()
        for key, item in value.items():
            name = f"{prefix}.{key}" if prefix else key
            out |= {name} | key_names(item, name)
        return out
    return set()


@pytest.mark.parametrize("row_group_size", [1, 2, 1000])
def test_export_parquet_round_trip_equals_jsonl(
    store_path: Path, tmp_path: Path, row_group_size: int
) -> None:
    target = tmp_path / "out.parquet"
    with open_store(store_path) as store:
        count = write_parquet(store.export(), target, row_group_size=row_group_size)
    expected = jsonl_records(store_path)
    assert count == len(expected) == 3  # the second bare article is the same text: stored once
    parquet = pq.ParquetFile(target)
    assert parquet.metadata.num_row_groups == -(-count // row_group_size)
    back = list(read_parquet(target))
    assert [r["id"] for r in back] == [r["id"] for r in expected]
    for got, want in zip(back, expected, strict=True):
        assert got == want, want["id"]
    # Offsets read from Parquet still index the text.
    for record in back:
        spans = [m for e in record["entities"] for m in e["mentions"]]
        spans += record["quotes"] + record["dates"] + record["places"] + record["demonyms"]
        spans += [q["speaker_mention"] for q in record["quotes"] if q["speaker_mention"]]
        assert all(record["text"][s["start"] : s["end"]] == s["text"] for s in spans)
    assert sum(len(r["quotes"]) for r in back) == 2


@pytest.mark.parametrize("speaker", ["Ana Ruiz"])
def test_export_parquet_quotes_queryable_with_pyarrow(
    store_path: Path, tmp_path: Path, speaker: str
) -> None:
    target = tmp_path / "out.parquet"
    with open_store(store_path) as store:
        write_parquet(store.export(), target)
    table = pq.read_table(target, columns=["id", "quotes"])
    quotes = pc.list_flatten(table["quotes"])
    assert pc.struct_field(quotes, "speaker").to_pylist() == [speaker, "a city official"]
    assert pc.struct_field(quotes, "kind").to_pylist() == ["direct", "indirect"]
    mention = pc.struct_field(quotes, "speaker_mention")
    assert pc.struct_field(mention, "text").to_pylist() == ["Ruiz", None]


@pytest.mark.parametrize("article", [full_article()])
def test_export_parquet_schema_covers_the_record(article: Article) -> None:
    """A field added to the record must get a column: from_pylist would drop it silently."""
    assert key_names(article.to_dict()) == field_names(parquet_schema())


@pytest.mark.parametrize("row_group_size", [1, 1000])
def test_export_parquet_schema_same_for_empty_and_full_store(
    store_path: Path, tmp_path: Path, row_group_size: int
) -> None:
    empty, full = tmp_path / "empty.parquet", tmp_path / "full.parquet"
    with open_store(tmp_path / "empty.db") as store:
        assert write_parquet(store.export(), empty, row_group_size=row_group_size) == 0
    with open_store(store_path) as store:
        write_parquet(store.export(), full, row_group_size=row_group_size)
    empty_schema, full_schema = pq.read_schema(empty), pq.read_schema(full)
    assert empty_schema.equals(full_schema, check_metadata=True)
    assert full_schema.equals(parquet_schema(), check_metadata=True)
    assert pq.read_table(empty).num_rows == 0 and list(read_parquet(empty)) == []


@pytest.mark.parametrize("fail_after", [0, 2])
def test_export_parquet_failure_leaves_no_file(tmp_path: Path, fail_after: int) -> None:
    def broken() -> Iterator[Article]:
        yield from articles()[:fail_after]
        raise RuntimeError("store went away")

    target = tmp_path / "out.parquet"
    with pytest.raises(RuntimeError):
        write_parquet(broken(), target, row_group_size=1)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["news.parquet"])
def test_cli_export_parquet_matches_jsonl(store_path: Path, tmp_path: Path, name: str) -> None:
    runner = CliRunner(mix_stderr=False)
    target = tmp_path / name
    result = runner.invoke(
        cli, ["export", "--format", "parquet", "-o", str(target), "--db", str(store_path)]
    )
    assert result.exit_code == 0, result.stderr
    assert f"3 records written to {target}" in result.stderr and result.stdout == ""
    lines = runner.invoke(cli, ["export", "--db", str(store_path)])
    assert lines.exit_code == 0
    assert list(read_parquet(target)) == [json.loads(x) for x in lines.stdout.splitlines()]


@pytest.mark.parametrize("output", [[], ["-o", "-"]])
def test_cli_export_parquet_refuses_stdout(
    store_path: Path, tmp_path: Path, output: list[str]
) -> None:
    runner = CliRunner(mix_stderr=False)
    result = runner.invoke(cli, ["export", "--format", "parquet", *output, "--db", str(store_path)])
    assert result.exit_code == 2
    assert "-o FILE" in result.stderr and result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.db"]


@pytest.mark.parametrize("folder", ["no-such-folder"])
def test_cli_export_parquet_unwritable_is_an_error(
    store_path: Path, tmp_path: Path, folder: str
) -> None:
    runner = CliRunner(mix_stderr=False)
    target = tmp_path / folder / "news.parquet"
    result = runner.invoke(
        cli, ["export", "--format", "parquet", "-o", str(target), "--db", str(store_path)]
    )
    assert result.exit_code == 2
    assert f"{target}: cannot write" in result.stderr and "Traceback" not in result.output
