"""Writing records out: JSON lines (the contract record) or CSV (one row per article)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from newsdesk.record import RECORD_FIELDS, Article

# Lists of spans are written to CSV cells as JSON, so nothing is lost.
LIST_FIELDS = ("captions", "entities", "quotes", "dates", "places", "topics")


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
