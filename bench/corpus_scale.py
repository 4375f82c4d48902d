"""Time per article of the corpus work at ingest (duplicates + stories) as the corpus grows.

Generates synthetic news (no spaCy pass: articles are built with their entities and dates
already set, as the analyze stages would leave them), ingests them into a SQLite file in
batches, and prints the milliseconds per article over windows of the stream, so one run to
100,000 articles shows whether the cost per article grows with the corpus. CPU time (of this
process) is the number to compare: on a shared machine wall time also measures the
neighbours. Every run uses the same seed, so runs are comparable.

The synthetic corpus: events happen over about three years, each with its own people, place
and vocabulary; an event gets 1-30 articles over a few days; 5% of articles are lightly edited
copies of an earlier one (wire copy re-published); common words and a few very frequent
entities ("the government") are shared by everything, as in real news.

    .venv/bin/python bench/corpus_scale.py --articles 100000 --window 5000
    .venv/bin/python bench/corpus_scale.py --articles 50000 --window 10000 --profile
        # where the time goes, in the first window against the last
    .venv/bin/python bench/corpus_scale.py --articles 30000 --window 10000 --pages
        # which tables and indexes the last write batch of each window wrote
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sqlite3
import struct
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsdesk.evaluate.stories import bcubed
from newsdesk.record import Article, DateRef, Entity, Mention
from newsdesk.store import SQLiteStore
from newsdesk.store import sqlite as sqlite_store

SYLLABLES = [a + b for a in "bcdfghklmnprstvz" for b in ("a", "e", "i", "o", "u", "ar", "en")]
START = date(2023, 1, 1)


def word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


class Generator:
    """A stream of synthetic articles about many events, with the fields stages would set."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.common = [word(self.rng, 2) for _ in range(400)]
        self.topic_words = [[word(self.rng, 3) for _ in range(60)] for _ in range(40)]
        self.frequent = [("Government", "ORG"), ("Police", "ORG"), ("Europe", "LOC")]
        self.sent: list[Article] = []
        self.gold: dict[str, int] = {}  # article id -> the event it is about

    def event(self, number: int) -> dict[str, object]:
        rng = self.rng
        people = [f"{word(rng, 2).title()} {word(rng, 3).title()}" for _ in range(3)]
        place = word(rng, 3).title()
        day = START + timedelta(days=int(number * 0.05) + rng.randrange(3))
        return {
            "people": people,
            "place": place,
            "topic": rng.randrange(len(self.topic_words)),
            "words": [word(rng, 3) for _ in range(25)],
            "day": day,
            "number": number,
            "size": min(30, int(rng.paretovariate(1.2))),
        }

    def article(self, event: dict[str, object], serial: int) -> Article:
        rng = self.rng
        topic = self.topic_words[int(event["topic"])]  # type: ignore[call-overload]
        own: list[str] = event["words"]  # type: ignore[assignment]
        people: list[str] = event["people"]  # type: ignore[assignment]
        place = str(event["place"])
        day: date = event["day"]  # type: ignore[assignment]
        published = day + timedelta(days=rng.randrange(4))
        parts: list[str] = []
        spans: dict[tuple[str, str], list[Mention]] = {}

        def add(name: str, type_: str) -> None:
            start = sum(len(p) + 1 for p in parts)
            parts.append(name)
            spans.setdefault((name, type_), []).append(Mention(name, start, start + len(name)))

        for _sentence in range(rng.randrange(6, 12)):
            add(rng.choice(people), "PERSON")
            for _ in range(rng.randrange(8, 16)):
                pool = rng.random()
                source = own if pool < 0.3 else topic if pool < 0.55 else self.common
                parts.append(rng.choice(source))
            if rng.random() < 0.5:
                parts.append("in")
                add(place, "GPE")
            if rng.random() < 0.2:
                add(*rng.choice(self.frequent))
            parts[-1] += "."
        text = " ".join(parts)
        stamp = day.isoformat()
        parts_text = f" It happened on {stamp}."
        dates = [DateRef(stamp, len(text) + 16, len(text) + 16 + len(stamp), stamp, "DATE")]
        text += parts_text
        entities = [Entity(name=n, type=t, variants=[n], mentions=m) for (n, t), m in spans.items()]
        return Article(
            text=text,
            id=f"a{serial:07d}",
            title=" ".join([*rng.sample(own, 4), place]),
            published=published.isoformat(),
            entities=entities,
            dates=dates,
        )

    def stream(self, total: int) -> Iterator[Article]:
        serial = 0
        number = 0
        pending: list[tuple[dict[str, object], int]] = []
        while serial < total:
            if not pending or self.rng.random() < 0.5:
                event = self.event(number)
                number += 1
                pending.append((event, int(event["size"])))  # type: ignore[call-overload]
            index = self.rng.randrange(len(pending))
            event, left = pending[index]
            if self.sent and self.rng.random() < 0.05:
                original = self.rng.choice(self.sent[-2000:])
                article = Article(
                    text=original.text.replace(".", ";", 1) + " Updated.",
                    id=f"a{serial:07d}",
                    title=original.title,
                    published=original.published,
                    entities=original.entities,
                    dates=original.dates,
                )
                self.gold[article.id] = self.gold[original.id]
            else:
                article = self.article(event, serial)
                self.gold[article.id] = int(event["number"])  # type: ignore[call-overload]
            self.sent.append(article)
            if len(self.sent) > 4000:
                del self.sent[:2000]
            serial += 1
            if left <= 1:
                pending.pop(index)
            else:
                pending[index] = (event, left - 1)
            # Events end: keep a few hundred running at once, as a news day does.
            if len(pending) > 300:
                pending.pop(0)
            yield article


class TimedCursor:
    """A cursor whose fetches count towards its statement's CPU time."""

    def __init__(self, cursor: sqlite3.Cursor, key: str, times: dict[str, list[float]]) -> None:
        self.cursor, self.key, self.times = cursor, key, times

    def _timed(self, fetch: Any) -> Any:
        started = time.process_time()
        out = fetch()
        self.times[self.key][0] += time.process_time() - started
        return out

    def fetchone(self) -> Any:
        return self._timed(self.cursor.fetchone)

    def fetchall(self) -> list[Any]:
        return self._timed(self.cursor.fetchall)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    def __getattr__(self, name: str) -> Any:
        return getattr(self.cursor, name)


class TimedConnection:
    """The store's connection, with the CPU time and count of each statement (by its SQL,
    runs of ``?`` folded), for ``--profile``: which statements get dearer as tables grow."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.__dict__["conn"] = conn
        self.__dict__["times"] = defaultdict(lambda: [0.0, 0])

    @staticmethod
    def key(sql: str) -> str:
        sql = re.sub(r"\(\?(?:,\?)+\)", "(?..)", " ".join(sql.split()))
        sql = re.sub(r"(\([^()]*\))(?:,\1)+", r"\1,...", sql)
        sql = re.sub(r"( OR \(b\.band = \? AND b\.key = \?\))+", " OR ...", sql)
        return sql[:100]

    def execute(self, sql: str, params: Any = ()) -> TimedCursor:
        key = self.key(sql)
        started = time.process_time()
        cursor = self.conn.execute(sql, params)
        entry = self.times[key]
        entry[0] += time.process_time() - started
        entry[1] += 1
        return TimedCursor(cursor, key, self.times)

    def executemany(self, sql: str, rows: Any) -> TimedCursor:
        rows = list(rows)
        key = "(many) " + self.key(sql)
        started = time.process_time()
        cursor = self.conn.executemany(sql, rows)
        entry = self.times[key]
        entry[0] += time.process_time() - started
        entry[1] += len(rows)
        return TimedCursor(cursor, key, self.times)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.conn, name, value)


class TimedStore(SQLiteStore):
    def _connect(self, path: str) -> sqlite3.Connection:
        return TimedConnection(sqlite_store._connect(path))  # type: ignore[return-value]


def print_statements(times: dict[str, list[float]], articles: int, top: int = 25) -> None:
    total = sum(t for t, _ in times.values())
    print(f"SQL statements: {1000 * total / articles:.2f} ms CPU/article in all")
    for key, (seconds, count) in sorted(times.items(), key=lambda kv: -kv[1][0])[:top]:
        print(
            f"  {1000 * seconds / articles:6.3f} ms/article {count / articles:6.2f}/article "
            f"{1e6 * seconds / max(count, 1):8.1f} us each  {key}"
        )


def resident_mb() -> tuple[float, float]:
    """This process's resident memory now, (private, file-backed) in MB (Linux; else 0):
    the store's memory-mapped file pages count in the peak RSS but are the operating
    system's page cache, shared and dropped under pressure."""
    try:
        with open("/proc/self/status") as status:
            kb = {
                k: int(v.split()[0])
                for k, v in (line.split(":", 1) for line in status)
                if k in ("RssAnon", "RssFile", "RssShmem")
            }
    except (OSError, ValueError):
        return 0.0, 0.0
    return kb.get("RssAnon", 0) / 1024, (kb.get("RssFile", 0) + kb.get("RssShmem", 0)) / 1024


def dirty_pages(store: SQLiteStore, batch: list[Article], top: int = 12) -> None:
    """Ingest one write batch with the WAL emptied before it and no checkpoint during it,
    then print how many pages it wrote per article and whose pages they were (each WAL frame
    is one page; SQLite's ``dbstat`` names the table or index a page belongs to). A write at
    a random key of a large index is a page of its own: these counts are what grows as the
    corpus does, and each such page is written twice (WAL, then checkpoint)."""
    from collections import Counter

    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    every = store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        store.ingest(batch, batch_size=len(batch))
        wal = Path(store.path + "-wal").read_bytes()
        size = struct.unpack(">I", wal[8:12])[0] if len(wal) >= 32 else 0
        pages: set[int] = set()
        at = 32
        while size and at + 24 + size <= len(wal):
            pages.add(struct.unpack(">I", wal[at : at + 4])[0])
            at += 24 + size
        owner = dict(store.conn.execute("SELECT pageno, name FROM dbstat"))
        counts = Counter(owner.get(page, "(free list)") for page in pages)
    finally:
        store.conn.execute(f"PRAGMA wal_autocheckpoint = {int(every)}")
    print(f"  pages written by the last batch: {len(pages) / len(batch):.1f} per article")
    for name, count in counts.most_common(top):
        print(f"    {count / len(batch):6.2f}  {name}")


def io_counts() -> dict[str, int]:
    """This process's read and write system calls and bytes so far (Linux; else empty):
    pages SQLite reads back from the operating system and writes to its WAL and file."""
    try:
        with open("/proc/self/io") as counts:
            return {k: int(v) for k, v in (line.split(":") for line in counts)}
    except OSError:
        return {}


def count_work(store: SQLiteStore) -> Counter[str]:
    """Count the work the corpus workers do per article, which must stay bounded for the
    cost to: the story candidates scored (at most ``MAX_CANDIDATES``), the story-key rows their
    lookup read (at most ``STORIES_PER_KEY`` per key) and the stored signatures a new article's
    LSH bands led to (each compared once)."""
    from newsdesk.corpus import dedup

    work: Counter[str] = Counter()
    candidates = store.stories._candidates

    def counted_candidates(
        keys: list[str], seen: dict[str, list[str]] | None = None
    ) -> list[tuple[str, Any]]:
        seen = {} if seen is None else seen
        found = candidates(keys, seen)
        work["candidates"] += len(found)
        work["key_rows"] += sum(len(stories) for stories in seen.values())
        return found

    jaccard = dedup.jaccard

    def counted_jaccard(a: Any, b: Any) -> float:
        work["checks"] += 1
        return jaccard(a, b)

    store.stories._candidates = counted_candidates  # type: ignore[method-assign]
    dedup.jaccard = counted_jaccard
    # CPU time of each corpus worker (their SQL included); the rest is the store's own writes
    # of the record (articles, full text, mentions, dates, places) and the commits.
    for name, owner, method in (
        ("registry", store.registry, "assign"),
        ("dedup", store.dedup, "assign"),
        ("stories", store.stories, "assign"),
        ("stories", store.stories, "end_batch"),
    ):
        setattr(owner, method, timed(getattr(owner, method), name, work))
    return work


def timed(function: Any, name: str, work: Counter[str]) -> Any:
    """``function``, adding the CPU time of each call to ``work["cpu:" + name]`` (seconds)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            work["cpu:" + name] += time.process_time() - started  # type: ignore[assignment]

    return wrapper


def run(
    total: int,
    window: int,
    batch_size: int,
    path: Path,
    *,
    profile: bool = False,
    cache_mb: int | None = None,
    mmap_mb: int | None = None,
    pages: bool = False,
) -> list[tuple[int, float]]:
    """Ingest ``total`` articles, timing each window; ``profile``: the first and the last
    window under cProfile, the functions that cost most printed for each (own time), and
    the CPU time of each SQL statement, so the two windows can be compared. ``cache_mb``:
    the SQLite page cache of the store's connection (``PRAGMA cache_size``; the store's
    default is in store/sqlite.py), to see how much of the cost is pages read back from the
    operating system as the file outgrows the cache; ``mmap_mb``: the store's memory-mapped
    reads (``PRAGMA mmap_size``, 0: off); ``pages``: the last write batch of each window
    ingested apart and its pages counted (``dirty_pages``; its time is in the window's)."""
    import cProfile
    import pstats

    generator = Generator()
    rows: list[tuple[int, float]] = []
    with (TimedStore if profile else SQLiteStore)(path) as store:
        if cache_mb is not None:
            store.conn.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")
        if mmap_mb is not None:
            store.conn.execute(f"PRAGMA mmap_size = {mmap_mb * 1024 * 1024}")
        work = count_work(store)
        done = 0
        stream = generator.stream(total)
        while done < total:
            chunk = [next(stream) for _ in range(min(window, total - done))]
            profiled = profile and (done == 0 or done + len(chunk) >= total)
            profiler = cProfile.Profile() if profiled else None
            io_before = io_counts()
            work.clear()
            started, cpu = time.perf_counter(), time.process_time()
            if profiler is not None:
                store.conn.times.clear()  # type: ignore[attr-defined]
                profiler.enable()
            last = chunk[-batch_size:] if pages and len(chunk) > batch_size else []
            store.ingest(chunk[: len(chunk) - len(last)], batch_size=batch_size)
            if last:
                dirty_pages(store, last)
            if profiler is not None:
                profiler.disable()
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu
            io = {k: (v - io_before[k]) / len(chunk) for k, v in io_counts().items()}
            done += len(chunk)
            rows.append((done, 1000 * cpu / len(chunk)))
            stories = store.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
            dups = store.conn.execute(
                "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"
            ).fetchone()[0]
            print(
                f"{done:>7} articles  {rows[-1][1]:6.2f} ms CPU/article, "
                f"{1000 * seconds / len(chunk):6.2f} ms wall (last {len(chunk)})  "
                f"{stories} stories, {dups} duplicates linked; per article "
                f"{io.get('syscr', 0):.0f} reads {io.get('rchar', 0) / 1024:.0f} KB, "
                f"{io.get('syscw', 0):.0f} writes {io.get('wchar', 0) / 1024:.0f} KB; "
                f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
                "(now {:.0f} MB private, {:.0f} MB mapped file)".format(*resident_mb()),
                flush=True,
            )
            print(
                "         work per article: "
                f"{work['candidates'] / len(chunk):.1f} story candidates scored "
                "(the revisit's included), "
                f"{work['key_rows'] / len(chunk):.1f} story-key rows read, "
                f"{work['checks'] / len(chunk):.1f} duplicate candidates checked",
                flush=True,
            )
            parts = {k[4:]: 1000 * v / len(chunk) for k, v in work.items() if k.startswith("cpu:")}
            rest = rows[-1][1] - sum(parts.values())
            print(
                "         ms CPU/article by part: "
                + ", ".join(f"{name} {ms:.2f}" for name, ms in sorted(parts.items()))
                + f", the rest (the record's tables, commits) {rest:.2f}",
                flush=True,
            )
            if profiler is not None:
                pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
                print_statements(store.conn.times, len(chunk))  # type: ignore[attr-defined]
        predicted = {a.id: a.story or a.id for a in store.export()}
    gold = {k: str(v) for k, v in generator.gold.items() if k in predicted}
    p, r, f = bcubed(predicted, gold)
    print(
        f"stories against the generated events: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f} "
        f"({len(set(predicted.values()))} stories, {len(set(gold.values()))} events)"
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--window", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--db", type=Path, help="Store file (default: a temporary one).")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--cache-mb", type=int, help="SQLite page cache (default: the store's)")
    parser.add_argument("--mmap-mb", type=int, help="SQLite memory map (default: the store's)")
    parser.add_argument(
        "--pages", action="store_true", help="Which tables each window's last batch wrote."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        run(
            args.articles,
            args.window,
            args.batch_size,
            path,
            profile=args.profile,
            cache_mb=args.cache_mb,
            mmap_mb=args.mmap_mb,
            pages=args.pages,
        )


if __name__ == "__main__":
    main()
