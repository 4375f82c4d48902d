"""Ingest and query speed of the two stores: a SQLite file and a PostgreSQL database.

The same synthetic articles as bench/corpus_scale.py (entities and dates set, no spaCy pass),
ingested in batches into each store, then a few searches. Wall time is the number here:
PostgreSQL does its share of the work in the server's process, which this process's CPU time
does not see. Needs a PostgreSQL URL to a database it may fill (it is emptied first):

    .venv/bin/python bench/store_backends.py --articles 3000 \
        --postgres "postgresql://postgres@/bench?host=/tmp/pg"
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from corpus_scale import Generator
from newsdesk.store import open_store
from newsdesk.store import queries as q

QUERIES = ["government", "police europe", '"the government"', "gov*"]


def run(url: str, total: int, batch_size: int) -> dict[str, float]:
    articles = list(Generator().stream(total))
    with open_store(url) as store:
        started, cpu = time.perf_counter(), time.process_time()
        store.ingest(articles, batch_size=batch_size)
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu
        searches = []
        for _ in range(3):
            for query in QUERIES:
                t0 = time.perf_counter()
                q.list_articles(store, q.ArticleFilters(query=query), limit=20, facets=True)
                searches.append(time.perf_counter() - t0)
        return {
            "ingest_ms_wall": 1000 * wall / total,
            "ingest_ms_cpu": 1000 * cpu / total,
            "search_ms_median": 1000 * statistics.median(searches),
        }


def empty(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--postgres", required=True, help="URL of a database to fill")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = {"sqlite": run(str(Path(tmp) / "bench.db"), args.articles, args.batch_size)}
    empty(args.postgres)
    rows["postgresql"] = run(args.postgres, args.articles, args.batch_size)
    print(f"{args.articles} synthetic articles, batches of {args.batch_size}")
    print(
        "| store | ingest ms/article (wall) | ingest ms/article (CPU, this process) "
        "| search + facets ms (median) |"
    )
    print("|---|---|---|---|")
    for name, row in rows.items():
        print(
            f"| {name} | {row['ingest_ms_wall']:.2f} | {row['ingest_ms_cpu']:.2f} | "
            f"{row['search_ms_median']:.1f} |"
        )


if __name__ == "__main__":
    main()
