"""The default store: one SQLite file, full-text search with FTS5, no server.

Ingest is idempotent (an article whose content hash is already stored from the same outlet is
skipped; the same text from another outlet is a syndicated copy, stored and linked to the first
by ``duplicate_of``; the same id with new text replaces the old version) and transactional per
batch: a failure rolls back the batch being written and leaves every earlier batch intact.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from newsdesk.corpus.dedup import Deduplicator
from newsdesk.corpus.registry import EntityRegistry
from newsdesk.corpus.stories import StoryClusterer
from newsdesk.corpus.timeline import entity_timeline
from newsdesk.errors import StoreError
from newsdesk.pipeline import batched
from newsdesk.record import Article, content_hash
from newsdesk.store.schema import migrate


@dataclass
class IngestStats:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.replaced + self.unchanged


@dataclass
class SearchHit:
    id: str
    title: str | None
    published: str | None
    source: str | None
    snippet: str
    score: float


# Connection settings for a store that outgrows SQLite's defaults, measured with
# bench/corpus_scale.py (docs/BENCH.md, "corpus at scale"). Ingest touches pages all over the
# registry, term, story-key and LSH indexes, and those grow with the corpus:
# - mmap_size: pages are read from a memory map instead of one read() each into the page
#   cache (SQLite caps it at ~2 GB); with the cache below, read calls per article at 40k
#   articles 590 -> 61 and write calls 377 -> 184; with schema 5 and the term upsert, CPU
#   per article 5-10% lower at 20k-60k (side by side);
# - cache_size (KiB when negative): holds a batch's dirty pages (tens of MB at 100k
#   articles) so they are not spilled to the WAL mid-transaction and written again; 2 MB by
#   default. 64 and 256 MB gave the same CPU to 20k articles; 128 MB for 100k. It is a
#   limit, not an allocation: a reader's connection stays small (reads come from the map);
# - temp_store: the statement journal of a many-row write (the term counts' upsert, one
#   statement per article) in memory; on file it wrote every page it touched a second
#   time (write calls per article at 3k: 34 -> 171).
CONNECTION_PRAGMAS = (
    "PRAGMA mmap_size = 2147483648",
    "PRAGMA cache_size = -131072",
    "PRAGMA temp_store = MEMORY",
)


def _connect(path: str) -> sqlite3.Connection:
    if path != ":memory:":
        target = Path(path)
        if target.is_dir():
            raise StoreError("is a folder, not a store file", source=path)
        if not target.parent.exists():
            raise StoreError(f"folder {str(target.parent)!r} does not exist", source=path)
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        for pragma in CONNECTION_PRAGMAS:
            conn.execute(pragma)
        migrate(conn)
    except sqlite3.DatabaseError as err:
        reason = str(err)
        if "readonly" in reason or "unable to open" in reason:
            reason = "cannot write here (is the folder read-only?)"
        elif "not a database" in reason:
            reason = "this file is not a newsdesk store (not an SQLite database)"
        raise StoreError(reason, source=path) from err
    except RuntimeError as err:
        raise StoreError(str(err), source=path) from err
    conn.row_factory = sqlite3.Row
    return conn


T = TypeVar("T")


class SQLiteFullText:
    """Full-text search in SQLite: FTS5 tables beside ``articles`` and ``quotes``, BM25.

    Each backend gives the same SQL pieces (postgres.py has the other): ``articles_from`` and
    ``articles_match`` together take exactly one parameter, the match, which comes before any
    other parameter of the WHERE clause; ``articles_snippet`` takes (open mark, close mark,
    tokens); ``articles_score`` is lower for a better hit; ``quotes_match`` takes the match.
    """

    errors: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
    articles_from = "articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    articles_match = "articles_fts MATCH ?"
    articles_score = "bm25(articles_fts)"
    articles_snippet = "snippet(articles_fts, 1, ?, ?, '…', ?)"
    quotes_match = "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"

    def candidates(self, query: str) -> list[str]:
        """The match parameters to try in turn: the query as FTS5 syntax, then as plain words
        (a query FTS5 cannot parse). Empty when the query has no word to search for."""
        out = [m for m in (fts_query(query), plain_terms(query)) if re.search(r"\w", m)]
        return list(dict.fromkeys(out))

    def first(self, query: str, attempt: Callable[[str], T]) -> T:
        """``attempt(match)`` with the first candidate the engine can parse. Raises
        ``NothingToMatch`` when the query has no word, the engine's error when none parses."""
        error: Exception | None = None
        for match in self.candidates(query):
            try:
                return attempt(match)
            except self.errors as err:
                error = err
        if error is not None:
            raise error
        raise NothingToMatch(query)


class NothingToMatch(ValueError):
    """A full-text query with no word in it to search for."""


class SQLiteStore:
    """Articles and everything found in them, in one SQLite file."""

    fulltext = SQLiteFullText()
    # What a failed write raises (the batch is rolled back and reported as a StoreError).
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    def __init__(self, path: str | Path = "newsdesk.db") -> None:
        self.path = str(path)
        self.conn = self._connect(self.path)
        self._corpus_workers()

    def _connect(self, path: str) -> sqlite3.Connection:
        return _connect(path)

    def _corpus_workers(self) -> None:
        # The corpus workers keep their state in the store's tables: one of each per store.
        self.registry = EntityRegistry(self.conn)
        self.dedup = Deduplicator(self.conn)
        self.stories = StoryClusterer(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def ingest(self, articles: Iterable[Article], *, batch_size: int = 200) -> IngestStats:
        """Store articles, one transaction per batch; already stored texts are skipped."""
        stats = IngestStats()
        for batch in batched(articles, batch_size):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                for article in batch:
                    self._write(article, stats)
                    # Stories revisit what the last REVISIT_EVERY articles touched (split one
                    # holding two events), whatever the size of the write batches.
                    self.stories.end_batch(final=False)
                self.conn.execute("COMMIT")
            except self.errors as err:
                self._roll_back()
                first = batch[0].id if batch else "?"
                raise StoreError(
                    f"writing the batch starting at article {first!r} failed ({err}); "
                    "that batch was rolled back, earlier batches are stored",
                    source=self.path,
                ) from err
            except BaseException:
                self._roll_back()  # a bug or an interrupt: nothing half-written stays
                raise
        if self.stories.pending():
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                self.stories.end_batch(final=True)
                self.conn.execute("COMMIT")
            except self.errors as err:
                self._roll_back()
                raise StoreError(
                    f"revisiting the stories after the last batch failed ({err}); every batch "
                    "is stored, its stories as they were assigned",
                    source=self.path,
                ) from err
            except BaseException:
                self._roll_back()
                raise
        return stats

    def _roll_back(self) -> None:
        """Undo the open transaction, and what the corpus workers keep in memory of it."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.stories.forget()
        self.dedup.forget()

    def _write(self, article: Article, stats: IngestStats) -> None:
        digest = article.hash
        where_from = outlet(article)
        by_hash = self.conn.execute(
            "SELECT id FROM articles WHERE hash = ? AND outlet = ?", (digest, where_from)
        ).fetchone()
        if by_hash is not None:
            stats.unchanged += 1
            stats.ids.append(by_hash["id"])
            return
        old = self.conn.execute(
            "SELECT rowid, hash FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        if old is not None and old["hash"] == digest and article.id == digest:
            # The same text from another outlet, with no id of its own: a syndicated copy.
            # It gets an id of its own rather than replacing the first outlet's record.
            article.id = content_hash(f"{where_from}\n{article.text}")
            old = self.conn.execute(
                "SELECT rowid, hash FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
        if old is not None:
            self.registry.release(old["rowid"])
            self.dedup.release(article.id)
            self.stories.release(article.id)
            self.conn.execute("DELETE FROM articles WHERE rowid = ?", (old["rowid"],))
            stats.replaced += 1
        else:
            stats.added += 1
        stats.ids.append(article.id)
        # Corpus work runs here, inside the batch transaction, before the record is written:
        # registry ids first (duplicates and stories use them), then duplicate_of, then story.
        self.registry.assign(article)
        self.dedup.assign(article)
        self.stories.assign(article)
        record = article.to_dict()
        for stored, entity in zip(record["entities"], article.entities, strict=True):
            stored["id"] = entity.id
        cur = self.conn.execute(
            "INSERT INTO articles(id, hash, outlet, source, url, title, published, language, "
            "text, truncated, story, duplicate_of, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "RETURNING rowid",
            (
                article.id,
                digest,
                where_from,
                article.source,
                article.url,
                article.title,
                article.published,
                article.language,
                article.text,
                int(article.truncated),
                article.story,
                article.duplicate_of,
                json.dumps(record, ensure_ascii=False),
            ),
        )
        rowid = cur.fetchone()[0]
        self.conn.executemany(
            "INSERT INTO mentions(article_rowid, entity_id, text, start, end) VALUES (?,?,?,?,?)",
            [(rowid, e.id, m.text, m.start, m.end) for e in article.entities for m in e.mentions],
        )
        ids_by_name = {e.name: e.id for e in article.entities}
        self.conn.executemany(
            "INSERT INTO quotes(article_rowid, text, start, end, kind, speaker, "
            "speaker_entity_id, speaker_start, speaker_end, cue) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    rowid,
                    q.text,
                    q.start,
                    q.end,
                    q.kind,
                    q.speaker,
                    ids_by_name.get(q.speaker_entity) if q.speaker_entity else None,
                    q.speaker_mention.start if q.speaker_mention else None,
                    q.speaker_mention.end if q.speaker_mention else None,
                    q.cue,
                )
                for q in article.quotes
            ],
        )
        self.conn.executemany(
            "INSERT INTO dates(article_rowid, text, start, end, value, type) VALUES (?,?,?,?,?,?)",
            [(rowid, d.text, d.start, d.end, d.value, d.type) for d in article.dates],
        )
        self.conn.executemany(
            "INSERT INTO places(article_rowid, name, text, start, end, country_code, lat, lon, "
            "geonameid) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (rowid, p.name, p.text, p.start, p.end, p.country_code, p.lat, p.lon, p.geonameid)
                for p in article.places
            ],
        )

    # -- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def counts(self) -> dict[str, int]:
        tables = ("articles", "entities", "mentions", "quotes", "dates", "places")
        return {
            t: int(self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables
        }

    def get(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            "SELECT record FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT record FROM articles WHERE id LIKE ? || '%' LIMIT 2", (article_id,)
            ).fetchall()
            row = row[0] if len(row) == 1 else None
        return self._article(row["record"]) if row else None

    def _article(self, record_json: str) -> Article:
        """An article as stored, with each entity under its registry canonical name."""
        data: dict[str, Any] = json.loads(record_json)
        ids = [e["id"] for e in data["entities"] if e.get("id")]
        if ids:
            marks = ",".join("?" * len(ids))
            names = dict(
                self.conn.execute(f"SELECT id, name FROM entities WHERE id IN ({marks})", ids)
            )
            for entity in data["entities"]:
                canonical = names.get(entity.get("id"))
                if canonical and canonical != entity["name"]:
                    for quote in data.get("quotes", []):
                        if quote.get("speaker_entity") == entity["name"]:
                            quote["speaker_entity"] = canonical
                            quote["speaker"] = canonical
                    entity["name"] = canonical
        return Article.from_dict(data)

    def export(self, *, batch_size: int = 500) -> Iterator[Article]:
        """Every stored article in ingest order, streamed."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT rowid, record FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, batch_size),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._article(row["record"])
            last = rows[-1]["rowid"]

    def search(
        self,
        query: str = "",
        *,
        entity: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 20,
        offset: int = 0,
        marks: tuple[str, str] = ("[", "]"),
    ) -> list[SearchHit]:
        """Full-text search (FTS5, ranked by BM25) with entity and date filters."""
        fts = self.fulltext

        def build(match: str | None) -> tuple[str, list[Any]]:
            where: list[str] = []
            params: list[Any] = []
            if match is not None:
                sql = (
                    f"SELECT a.id, a.title, a.published, a.source, {fts.articles_snippet} "
                    f"AS snippet, {fts.articles_score} AS score FROM {fts.articles_from} "
                )
                params.extend([*marks, 16, match])
                where.append(fts.articles_match)
                order = "score"
            else:
                sql = (
                    "SELECT a.id, a.title, a.published, a.source, "
                    "substr(a.text, 1, 160) AS snippet, 0.0 AS score FROM articles a "
                )
                order = "a.published DESC, a.rowid"
            return self._filtered(
                sql, where, params, order, entity, date_from, date_to, limit, offset
            )

        rows = self._match(build, query)
        return [
            SearchHit(
                id=r["id"],
                title=r["title"],
                published=r["published"],
                source=r["source"],
                snippet=" ".join(r["snippet"].split()),
                score=float(r["score"]),
            )
            for r in rows
        ]

    @staticmethod
    def _filtered(
        sql: str,
        where: list[str],
        params: list[Any],
        order: str,
        entity: str | None,
        date_from: str | None,
        date_to: str | None,
        limit: int,
        offset: int,
    ) -> tuple[str, list[Any]]:
        if entity:
            where.append(
                "a.rowid IN (SELECT m.article_rowid FROM mentions m WHERE m.entity_id IN "
                f"({ENTITY_IDS_SQL}))"
            )
            params.extend([entity, entity])
        if date_from:
            where.append("a.published >= ?")
            params.append(date_from)
        if date_to:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(date_to)
        if where:
            sql += "WHERE " + " AND ".join(where) + " "
        sql += f"ORDER BY {order} LIMIT ? OFFSET ?"
        params.extend([limit, offset])
        return sql, params

    def _match(self, build: Callable[[str | None], tuple[str, list[Any]]], query: str) -> list[Any]:
        """Run ``build(match)``'s SQL with each of the full-text candidates for the query in
        turn (a query the engine cannot parse is retried as plain words); no query, no match."""
        if not query.strip():
            return self.conn.execute(*build(None)).fetchall()
        try:
            return self.fulltext.first(query, lambda m: self.conn.execute(*build(m)).fetchall())
        except NothingToMatch:
            return []

    def entities(
        self, *, type_: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        sql = "SELECT id, name, type, mention_count, article_count FROM entities "
        params: list[Any] = []
        if type_:
            sql += "WHERE type = ? "
            params.append(type_.upper())
        sql += "ORDER BY article_count DESC, mention_count DESC, name LIMIT ? OFFSET ?"
        params.extend([limit, offset])
        return [dict(r) for r in self.conn.execute(sql, params)]

    def find_entities(self, name: str) -> list[dict[str, Any]]:
        """Registry entries whose canonical name or a variant is ``name`` (or its id)."""
        rows = self.conn.execute(
            "SELECT id, name, type, mention_count, article_count FROM entities "
            f"WHERE id IN ({ENTITY_IDS_SQL}) OR id = ? ORDER BY article_count DESC",
            (name, name, name),
        ).fetchall()
        return [dict(r) for r in rows]

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT id, name, type, mention_count, article_count FROM entities WHERE id = ?",
            (entity_id,),
        ).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["variants"] = [
            {"variant": v, "count": c}
            for v, c in self.conn.execute(
                "SELECT variant, count FROM entity_variants WHERE entity_id = ? "
                "ORDER BY count DESC, variant",
                (entity_id,),
            )
        ]
        out["articles"] = [
            dict(r)
            for r in self.conn.execute(
                "SELECT a.id, a.title, a.published, COUNT(*) AS mentions FROM mentions m "
                "JOIN articles a ON a.rowid = m.article_rowid WHERE m.entity_id = ? "
                "GROUP BY a.rowid ORDER BY a.published DESC, a.rowid",
                (entity_id,),
            )
        ]
        out["quotes_by"] = self.quotes(speaker_id=entity_id, limit=50)
        out["quotes_about"] = self.quotes(about_id=entity_id, limit=50)
        # The dated events in the sentences that name it (corpus/timeline.py), in date order.
        out["events"] = [e.to_dict() for e in entity_timeline(self.conn, entity_id)]
        return out

    def quotes(
        self,
        query: str = "",
        *,
        speaker: str | None = None,
        about: str | None = None,
        speaker_id: str | None = None,
        about_id: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Quotes, newest first: by a speaker, about an entity, matching a full-text query."""

        def build(match: str | None) -> tuple[str, list[Any]]:
            return self._quotes_sql(match, speaker, about, speaker_id, about_id, limit, offset)

        return [dict(r) for r in self._match(build, query)]

    def _quotes_sql(
        self,
        match: str | None,
        speaker: str | None,
        about: str | None,
        speaker_id: str | None,
        about_id: str | None,
        limit: int,
        offset: int,
    ) -> tuple[str, list[Any]]:
        # ``speaker`` is the speaker as the article names them ("Zelenskiy"), ``speaker_name``
        # the registry's canonical name of that entity ("Volodymyr Zelenskiy"), if resolved.
        sql = (
            "SELECT q.text, q.kind, q.speaker, q.cue, q.start, q.end, q.speaker_entity_id, "
            "e.name AS speaker_name, a.id AS article_id, a.title, a.published FROM quotes q "
            "JOIN articles a ON a.rowid = q.article_rowid "
            "LEFT JOIN entities e ON e.id = q.speaker_entity_id "
        )
        where: list[str] = []
        params: list[Any] = []
        if match is not None:
            where.append(self.fulltext.quotes_match)
            params.append(match)
        if speaker_id:
            where.append("q.speaker_entity_id = ?")
            params.append(speaker_id)
        if speaker:
            where.append(
                f"(q.speaker_entity_id IN ({ENTITY_IDS_SQL}) OR q.speaker LIKE '%' || ? || '%')"
            )
            params.extend([speaker, speaker, speaker])
        for name, eid in ((about, None), (None, about_id)):
            if not (name or eid):
                continue
            ids_sql = "?" if eid else ENTITY_IDS_SQL
            where.append(
                "EXISTS (SELECT 1 FROM mentions m WHERE m.article_rowid = q.article_rowid "
                f"AND m.entity_id IN ({ids_sql}) AND m.start >= q.start AND m.end <= q.end)"
            )
            params.extend([eid] if eid else [name, name])
        if where:
            sql += "WHERE " + " AND ".join(where) + " "
        sql += "ORDER BY a.published DESC, q.id LIMIT ? OFFSET ?"
        params.extend([limit, offset])
        return sql, params


# Registry ids whose canonical name or any variant equals a name (two parameters: the name).
ENTITY_IDS_SQL = (
    "SELECT id FROM entities WHERE name = ? COLLATE NOCASE "
    "UNION SELECT entity_id FROM entity_variants WHERE variant = ? COLLATE NOCASE"
)


def outlet(article: Article) -> str:
    """Who published an article: its url's host ("www." dropped), else its source.

    The same text from two outlets is a syndicated copy; from one outlet (the same page in
    two archives, the same file ingested twice) it is one article.
    """
    if article.url:
        host = urlsplit(article.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return article.source or ""


def fts_query(query: str) -> str:
    """A user's query as FTS5 syntax: plain words are ANDed; FTS5 syntax is kept if valid.

    Words are quoted so that punctuation in them (Zelenskiy's, covid-19) cannot make the
    query a syntax error; a query already using quotes, AND/OR/NOT or a trailing * is
    passed through.
    """
    if any(op in query for op in ('"', " OR ", " AND ", " NOT ", "*", "NEAR(")):
        return query
    return plain_terms(query)


def plain_terms(query: str) -> str:
    """Each word as a quoted FTS5 string (so no character in it is syntax), ANDed."""
    terms = ["".join(c for c in t if c != '"' and c.isprintable()) for t in query.split()]
    return " ".join(f'"{t}"' for t in terms if t)


def open_store(url: str | Path) -> SQLiteStore:
    """Open the store a ``--db`` value names: a SQLite path (the default) or a
    ``postgresql://`` URL (store/postgres.py)."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        from newsdesk.store.postgres import PostgresStore

        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    return SQLiteStore(text)
