"""Writing records out: JSON lines (the contract record), CSV (one row per article) or Parquet.

Parquet keeps the record's nesting: one row per article, with scalar columns for the article's
fields and list<struct> columns for entities (with their mentions and variants), quotes, dates,
places, demonyms and topics, so ``pd.read_parquet`` or DuckDB can query ``quotes`` directly.
Offsets are the same Python str indices into ``text`` as in the JSON record.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newsdesk.errors import NewsdeskError
from newsdesk.record import RECORD_FIELDS, Article

if TYPE_CHECKING:
    import pyarrow as pa

# Lists of spans are written to CSV cells as JSON, so nothing is lost.
LIST_FIELDS = ("captions", "entities", "quotes", "dates", "places", "topics")

# Fields ``Article.to_dict`` adds only when set; Parquet has a column for each (null if unset).
OPTIONAL_FIELDS = ("deck", "byline")

# Records per Parquet row group: what is held in memory at once while writing. A stored
# article with its spans is a few kB to some tens of kB, so 1,000 stays within tens of MB.
ROW_GROUP_SIZE = 1000


def write_jsonl(articles: Iterable[Article], stream: TextIO) -> int:
    count = 0
    for article in articles:
        stream.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(articles: Iterable[Article], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=list(RECORD_FIELDS), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for article in articles:
        row = article.to_dict()
        for name in LIST_FIELDS:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        writer.writerow(row)
        count += 1
    return count


def parquet_schema() -> pa.Schema:
    """The Arrow schema of an exported record: written out, never inferred from the rows.

    It follows ``Article.to_dict`` (record.py) field by field; a test checks that they agree.
    Every column is nullable: Arrow does not check non-null columns when it builds them.
    """
    import pyarrow as pa

    def list_of(kind: pa.DataType) -> pa.DataType:
        # Named as Parquet names list items, so the schema read back equals this one.
        return pa.list_(pa.field("element", kind))

    offsets = [pa.field("start", pa.int64()), pa.field("end", pa.int64())]
    mention = pa.struct([pa.field("text", pa.string()), *offsets])
    entity = pa.struct(
        [
            pa.field("name", pa.string()),
            pa.field("type", pa.string()),
            pa.field("variants", list_of(pa.string())),
            pa.field("mentions", list_of(mention)),
        ]
    )
    quote = pa.struct(
        [
            pa.field("text", pa.string()),
            *offsets,
            pa.field("kind", pa.string()),
            pa.field("speaker", pa.string()),
            pa.field("speaker_entity", pa.string()),
            pa.field("speaker_mention", mention),
            pa.field("cue", pa.string()),
        ]
    )
    date = pa.struct(
        [
            pa.field("text", pa.string()),
            *offsets,
            pa.field("value", pa.string()),
            pa.field("type", pa.string()),
            pa.field("anchor", pa.string()),
        ]
    )
    place = pa.struct(
        [
            pa.field("name", pa.string()),
            pa.field("text", pa.string()),
            *offsets,
            pa.field("country_code", pa.string()),
            pa.field("lat", pa.float64()),
            pa.field("lon", pa.float64()),
            pa.field("geonameid", pa.int64()),
            pa.field("feature", pa.string()),
        ]
    )
    topic = pa.struct([pa.field("label", pa.string()), pa.field("score", pa.float64())])
    columns: dict[str, pa.DataType] = {
        "id": pa.string(),
        "source": pa.string(),
        "url": pa.string(),
        "title": pa.string(),
        "published": pa.string(),
        "language": pa.string(),
        "text": pa.string(),
        "truncated": pa.bool_(),
        "captions": list_of(pa.string()),
        "entities": list_of(entity),
        "quotes": list_of(quote),
        "dates": list_of(date),
        "places": list_of(place),
        "demonyms": list_of(place),
        "topics": list_of(topic),
        "story": pa.string(),
        "duplicate_of": pa.string(),
        "deck": pa.string(),
        "byline": pa.string(),
    }
    return pa.schema(
        [pa.field(name, kind) for name, kind in columns.items()],
        metadata={"newsdesk.record": "one row per article; start/end index text (Python str)"},
    )


def write_parquet(
    articles: Iterable[Article], path: str | Path, *, row_group_size: int = ROW_GROUP_SIZE
) -> int:
    """Write records to a Parquet file, ``row_group_size`` records per row group.

    Only one row group is held in memory at a time. The file is written beside ``path`` and
    moved into place at the end, so a failed export never leaves a half-written file there.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if row_group_size < 1:
        raise ValueError(f"row_group_size must be at least 1, not {row_group_size}")
    schema = parquet_schema()
    target = Path(path)
    # A hidden name in the same folder (so the final move is atomic), created with the
    # user's usual permissions.
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        writer = pq.ParquetWriter(part, schema, compression="zstd")
    except OSError as err:
        reason = os.strerror(err.errno) if err.errno else str(err)
        raise NewsdeskError(f"{target}: cannot write the Parquet file ({reason})") from err
    count = 0
    try:
        with writer:
            batch: list[dict[str, Any]] = []
            for article in articles:
                batch.append(article.to_dict())
                if len(batch) == row_group_size:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    count += len(batch)
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
        os.replace(part, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise
    return count


def read_parquet(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of an exported Parquet file, as ``Article.to_dict`` gives them."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as parquet:
        for batch in parquet.iter_batches():
            for row in batch.to_pylist():
                for name in OPTIONAL_FIELDS:
                    if row.get(name) is None:
                        row.pop(name, None)
                yield row
