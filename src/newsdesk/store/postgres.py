"""A PostgreSQL store: ``--db postgresql://user@host/dbname`` (or ``NEWSDESK_DB``).

The same store as sqlite.py, for a corpus that several users or machines share. It reuses every
query of the SQLite store and of the corpus workers (registry, duplicates, stories): their SQL
is written once, in SQLite's dialect, and :class:`PgConnection` runs it through
``dialect.translate`` (cached per statement). The schema is the same list of migrations
(schema.py) translated by ``dialect.translate_ddl``, plus what only PostgreSQL has
(``POSTGRES_EXTRAS``): full-text search with generated ``tsvector`` columns and GIN indexes in
place of FTS5, ranked by ``ts_rank_cd`` and cut into snippets by ``ts_headline``.

Differences a user can see: search matches whole words without stemming and folds accents, as
the SQLite store does (the ``simple`` configuration with the ``unaccent`` dictionary, where the
server has that extension; without it accents are not folded); query syntax is web-search
style ("quoted phrases", OR, -word, prefix*), which covers what FTS5 queries here are used for.
The database must exist; newsdesk creates its tables in it (schema version in
``newsdesk_schema``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast
from urllib.parse import urlsplit, urlunsplit

from newsdesk.errors import StoreError
from newsdesk.store.dialect import Translated, translate, translate_ddl
from newsdesk.store.schema import MIGRATIONS
from newsdesk.store.sqlite import SQLiteFullText, SQLiteStore

# What each migration needs beyond the translated SQLite DDL (keys: migration index).
POSTGRES_EXTRAS: dict[int, str] = {
    0: """
    ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') || to_tsvector('simple', text)
    ) STORED;
    CREATE INDEX articles_fts ON articles USING GIN (fts);
    ALTER TABLE quotes ADD COLUMN fts tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', text || ' ' || coalesce(speaker, ''))
    ) STORED;
    CREATE INDEX quotes_fts ON quotes USING GIN (fts);
    -- A user's query as a tsquery: web-search syntax, plus word* as a prefix match.
    CREATE FUNCTION newsdesk_tsquery(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE AS $$
        SELECT websearch_to_tsquery('simple', regexp_replace(q, '[^[:space:]"]+[*]', ' ', 'g'))
            && coalesce(
                (SELECT to_tsquery('simple', string_agg(quote_literal(lower(m[1])) || ':*', ' & '))
                 FROM regexp_matches(q, '([[:alnum:]_]+)[*]', 'g') AS m),
                ''::tsquery)
    $$;
    """,
    3: """
    -- Search folds accents, as SQLite's FTS5 tables do: the configuration newsdesk_text is
    -- simple with the unaccent dictionary in front ("Sanchez" finds "Sánchez" and back). Where
    -- the extension cannot be created (no contrib package, no right to), it is plain simple.
    DO $$
    BEGIN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS unaccent;
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'newsdesk: no unaccent extension (%), search will not fold accents',
                SQLERRM;
        END;
        CREATE TEXT SEARCH CONFIGURATION newsdesk_text (COPY = simple);
        IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
            ALTER TEXT SEARCH CONFIGURATION newsdesk_text
                ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;
        END IF;
    END $$;
    ALTER TABLE articles DROP COLUMN fts;
    ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('newsdesk_text', coalesce(title, '')), 'A')
        || to_tsvector('newsdesk_text', text)
    ) STORED;
    CREATE INDEX articles_fts ON articles USING GIN (fts);
    ALTER TABLE quotes DROP COLUMN fts;
    ALTER TABLE quotes ADD COLUMN fts tsvector GENERATED ALWAYS AS (
        to_tsvector('newsdesk_text', text || ' ' || coalesce(speaker, ''))
    ) STORED;
    CREATE INDEX quotes_fts ON quotes USING GIN (fts);
    CREATE OR REPLACE FUNCTION newsdesk_tsquery(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE
    AS $$
        SELECT websearch_to_tsquery('newsdesk_text',
                                    regexp_replace(q, '[^[:space:]"]+[*]', ' ', 'g'))
            && coalesce(
                (SELECT to_tsquery('newsdesk_text',
                                   string_agg(quote_literal(lower(m[1])) || ':*', ' & '))
                 FROM regexp_matches(q, '([[:alnum:]_]+)[*]', 'g') AS m),
                ''::tsquery)
    $$;
    """,
}


class PostgresFullText(SQLiteFullText):
    """Full-text search in PostgreSQL (see ``SQLiteFullText`` for what each piece must do)."""

    # websearch_to_tsquery never fails on syntax: nothing to retry.
    errors: tuple[type[Exception], ...] = ()
    articles_from = "articles a CROSS JOIN newsdesk_tsquery(?) AS tsq"
    articles_match = "a.fts @@ tsq"
    articles_score = "-ts_rank_cd(a.fts, tsq)"
    # Up to three fragments: with one, a query whose words are far apart gets the article's
    # first words and no highlight at all (ts_headline needs one stretch holding all of them).
    articles_snippet = (
        "ts_headline('newsdesk_text', a.text, tsq, 'StartSel=' || ? || ', StopSel=' || ? || "
        "', MinWords=4, MaxFragments=3, FragmentDelimiter=\" … \", MaxWords=' || "
        "CAST(GREATEST(?, 8) AS TEXT))"
    )
    quotes_match = "q.fts @@ newsdesk_tsquery(?)"

    def candidates(self, query: str) -> list[str]:
        """The query in web-search syntax (FTS5's AND / NOT / NEAR written as it reads)."""
        if not re.search(r"\w", query):
            return []
        text = re.sub(r"\bNOT\s+", "-", query)
        text = re.sub(r"\bAND\b|\bNEAR\(|[()]", " ", text)
        return [" ".join(text.split())]


class Row(tuple):
    """A result row as ``sqlite3.Row`` is used here: by index, by column name, ``dict(row)``."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    names = [c.name for c in cursor.description or ()]
    index = {name: i for i, name in enumerate(names)}
    return lambda values: Row(values, index)


class PgCursor:
    """The part of ``sqlite3.Cursor`` the store and the corpus workers use."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall()) if self._cursor.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """The part of ``sqlite3.Connection`` the store and the corpus workers use, over psycopg:
    SQLite-dialect statements are translated (dialect.py); transactions are the explicit
    ``BEGIN`` / ``COMMIT`` / ``ROLLBACK`` the store issues (autocommit otherwise)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self._keys: dict[str, tuple[str, ...]] = {}
        self._statements: dict[str, Translated] = {}

    def _primary_key(self, table: str) -> tuple[str, ...]:
        if table not in self._keys:
            rows = self.raw.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary",
                (table,),
            ).fetchall()
            self._keys[table] = tuple(r[0] for r in rows)
        return self._keys[table]

    def _statement(self, sql: str) -> Translated:
        """The statement as psycopg runs it, with its conflict clause (built once per SQL)."""
        done = self._statements.get(sql)
        if done is None:
            if len(self._statements) > 4096:  # IN (?, ?, ...) lists vary: keep it bounded
                self._statements.clear()
            done = self._statements[sql] = self._build(sql)
        return done

    def _build(self, sql: str) -> Translated:
        stmt = translate(sql)
        if stmt.conflict is None or stmt.table is None:
            return stmt
        clause = " ON CONFLICT DO NOTHING"
        key = self._primary_key(stmt.table)
        if stmt.conflict == "REPLACE" and key:
            rest = [c for c in stmt.columns if c not in key]
            updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in rest)
            clause = f" ON CONFLICT ({', '.join(key)}) " + (
                f"DO UPDATE SET {updates}" if rest else "DO NOTHING"
            )
        text = stmt.sql
        returning = re.search(r"\bRETURNING\b", text)
        text = (
            text[: returning.start()] + clause.strip() + " " + text[returning.start() :]
            if returning
            else text + clause
        )
        return Translated(text, stmt.order)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        stmt = self._statement(sql)
        return PgCursor(self.raw.execute(stmt.sql, stmt.params(tuple(params)) or None))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PgCursor:
        stmt = self._statement(sql)
        cursor = self.raw.cursor()
        batch = [stmt.params(tuple(r)) for r in rows]
        if batch:
            cursor.executemany(stmt.sql, batch)
        return PgCursor(cursor)

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open, failed ones included (as sqlite3's)."""
        from psycopg import pq

        return bool(self.raw.info.transaction_status != pq.TransactionStatus.IDLE)

    def close(self) -> None:
        self.raw.close()


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def migrate_postgres(conn: PgConnection) -> int:
    """Bring a PostgreSQL store's schema up to date (schema.py's migrations, translated)."""
    raw = conn.raw
    raw.execute("CREATE TABLE IF NOT EXISTS newsdesk_schema (version BIGINT NOT NULL)")
    row = raw.execute("SELECT max(version) FROM newsdesk_schema").fetchone()
    version = int(row[0] or 0)
    if version > len(MIGRATIONS):
        raise StoreError(
            f"the store was written by a newer newsdesk (schema {version}, "
            f"this version knows {len(MIGRATIONS)})"
        )
    for number in range(version, len(MIGRATIONS)):
        with raw.transaction():
            ddl = translate_ddl(MIGRATIONS[number])
            if re.sub(r"--[^\n]*", "", ddl).strip():
                raw.execute(ddl)
            extra = POSTGRES_EXTRAS.get(number)
            if extra:
                raw.execute(extra)
            raw.execute("INSERT INTO newsdesk_schema(version) VALUES (%s)", (number + 1,))
    return len(MIGRATIONS)


def _numeric_loader() -> Any:
    """SUM() of integers is NUMERIC in PostgreSQL; read it as int (or float), as SQLite gives."""
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            return float(text) if any(c in text for c in ".eEN") else int(text)

    return NumericLoader


class PostgresStore(SQLiteStore):
    """Articles and everything found in them, in a PostgreSQL database."""

    fulltext = PostgresFullText()

    def __init__(self, url: str) -> None:
        import psycopg

        self.errors = (psycopg.Error,)
        super().__init__(url)
        self.path = redact(url)  # messages name the store, never its password

    def _connect(self, path: str) -> sqlite3.Connection:
        import psycopg

        try:
            raw = psycopg.connect(path, autocommit=True, row_factory=_row_factory)
        except psycopg.Error as err:
            reason = " ".join(str(err).split()) or type(err).__name__
            raise StoreError(
                f"cannot connect to PostgreSQL ({reason})", source=redact(path)
            ) from err
        raw.adapters.register_loader("numeric", _numeric_loader())
        # Strings are sent as text, not "unknown": SQLite-style `? IS NULL` needs a type.
        from psycopg.types.string import StrDumper

        raw.adapters.register_dumper(str, StrDumper)
        conn = PgConnection(raw)
        try:
            migrate_postgres(conn)
        except psycopg.Error as err:
            raw.close()
            raise StoreError(f"cannot set up the schema ({err})", source=redact(path)) from err
        except StoreError as err:
            raw.close()
            raise StoreError(err.message, source=redact(path)) from err
        # PgConnection implements the part of sqlite3.Connection that the store and the corpus
        # workers use (execute, executemany, fetchone/fetchall, rows by name and index).
        return cast(sqlite3.Connection, conn)
