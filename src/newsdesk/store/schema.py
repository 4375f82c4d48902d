"""The SQLite schema, created and migrated by the code (``PRAGMA user_version``).

Each migration is applied once, in order, inside a transaction. To change the schema, append a
migration; never edit one that has shipped.

Articles keep their whole analyzed record as JSON (``record``) so that export is lossless
whatever fields later stages add; the other tables index that record for search and browsing.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: articles with full-text search, the entity registry, and the annotation tables.
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL,
        -- Who published it: the url's host, else the source (store/sqlite.py outlet()).
        outlet TEXT NOT NULL DEFAULT '',
        source TEXT,
        url TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        truncated INTEGER NOT NULL DEFAULT 0,
        story TEXT,
        duplicate_of TEXT,
        record TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    -- The same text from the same outlet is one article; from another outlet it is a
    -- syndicated copy, stored and linked by corpus/dedup.py (duplicate_of).
    CREATE UNIQUE INDEX articles_hash_outlet ON articles(hash, outlet);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_story ON articles(story);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;

    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        mention_count INTEGER NOT NULL DEFAULT 0,
        article_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
    CREATE TABLE entity_variants (
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        variant TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (entity_id, variant)
    );
    CREATE INDEX entity_variants_variant ON entity_variants(variant COLLATE NOCASE);

    CREATE TABLE mentions (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        entity_id TEXT NOT NULL REFERENCES entities(id),
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_rowid);
    CREATE INDEX mentions_entity ON mentions(entity_id);

    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        speaker_entity_id TEXT REFERENCES entities(id),
        speaker_start INTEGER,
        speaker_end INTEGER,
        cue TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_rowid);
    CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity_id);
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, speaker, content='quotes', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
    END;
    CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker)
        VALUES ('delete', old.id, old.text, old.speaker);
    END;

    CREATE TABLE dates (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        value TEXT,
        type TEXT NOT NULL
    );
    CREATE INDEX dates_article ON dates(article_rowid);
    CREATE INDEX dates_value ON dates(value);

    CREATE TABLE places (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        name TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        country_code TEXT,
        lat REAL,
        lon REAL,
        geonameid INTEGER
    );
    CREATE INDEX places_article ON places(article_rowid);
    CREATE INDEX places_name ON places(name);

    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        label TEXT,
        first_published TEXT,
        last_published TEXT,
        article_count INTEGER NOT NULL DEFAULT 0
    );
    """,
    # 2: corpus work (corpus/dedup.py, corpus/stories.py): MinHash signatures and LSH band keys
    # for near-duplicates; document frequencies, story state and a key -> story index so that
    # story candidates are found without scanning the corpus; aliases of merged stories.
    """
    CREATE TABLE minhash_signatures (
        article_id TEXT PRIMARY KEY,
        signature BLOB NOT NULL,
        root TEXT NOT NULL
    );
    CREATE TABLE minhash_bands (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        article_id TEXT NOT NULL
    );
    CREATE INDEX minhash_bands_key ON minhash_bands(band, key);
    CREATE INDEX minhash_bands_article ON minhash_bands(article_id);

    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE corpus_counts (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE story_state (
        story TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        updated INTEGER NOT NULL
    );
    CREATE TABLE story_keys (
        key TEXT NOT NULL,
        story TEXT NOT NULL,
        updated INTEGER NOT NULL,
        PRIMARY KEY (key, story)
    ) WITHOUT ROWID;
    CREATE INDEX story_keys_recent ON story_keys(key, updated);
    CREATE TABLE story_aliases (old TEXT PRIMARY KEY, new TEXT NOT NULL);
    """,
    # 3: the entity registry's match keys (corpus/registry.py: spelling-variant, surname and
    # acronym keys -> entity), so a new name finds its entity without scanning the registry.
    """
    CREATE TABLE entity_keys (
        key TEXT NOT NULL,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        PRIMARY KEY (key, entity_id)
    );
    """,
    # 4: full-text search folds accents in PostgreSQL too (store/postgres.py: the `unaccent`
    # dictionary); SQLite's FTS5 tables have folded them from the start (remove_diacritics 2).
    """
    -- nothing changes in SQLite
    """,
    # 5: story_keys by story. Merging two stories and re-cutting them (corpus/stories.py
    # _merge, corpus/story_revisit.py rewrite) read and delete one story's keys; the table's
    # key is (key, story), so each of those statements scanned every key of every story, a
    # cost that grew with the corpus (1.5 million rows at 100k articles of bench/
    # corpus_scale.py). Only new (key, story) pairs write to it: the per-article upserts that
    # move ``updated`` leave it alone.
    """
    CREATE INDEX story_keys_story ON story_keys(story);
    """,
    # 6: fewer writes at random keys per article, the cost that grew with the corpus
    # (bench/corpus_scale.py, docs/EVAL.md "scale"). Document frequencies are written behind
    # (corpus/stories.py _count_terms): each article's terms are appended to term_df_log, one
    # row at the end of a table, and added to term_df in term order every few thousand
    # articles, instead of one upsert at a random key of the whole vocabulary per term per
    # article; a store migrated from 5 starts with an empty log (its term_df is complete).
    # A story key keeps its 20 most recently updated stories (corpus/stories.py _add), all a
    # lookup reads, so story_keys needs no index by recency: its two index writes per key per
    # article go (keys shared by thousands of stories are cut to their newest 20 here).
    """
    CREATE TABLE term_df_log (id INTEGER PRIMARY KEY, terms TEXT NOT NULL);
    DROP INDEX story_keys_recent;
    DELETE FROM story_keys WHERE (key, story) IN (
        SELECT key, story FROM (
            SELECT key, story, row_number() OVER (
                PARTITION BY key ORDER BY updated DESC, story DESC) AS place
            FROM story_keys
        ) AS ranked WHERE place > 20
    );
    """,
    # 7: the month an article was published in is the first part of its story keys and LSH
    # band numbers (corpus/months.py), so that a feed writes and reads the recent months' part
    # of those indexes, whatever the size of the corpus. Lookups read keys under no month only
    # where this row says there are some: a store written before has all its keys there.
    """
    INSERT INTO corpus_counts(name, value)
        SELECT 'keys:undated', 0
        WHERE EXISTS (SELECT 1 FROM story_keys) OR EXISTS (SELECT 1 FROM minhash_bands);
    """,
]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the schema version now in force."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise RuntimeError(
            f"the store was written by a newer newsdesk (schema {version}, "
            f"this version knows {len(MIGRATIONS)})"
        )
    for number in range(version, len(MIGRATIONS)):
        script = f"BEGIN;{MIGRATIONS[number]}PRAGMA user_version={number + 1};COMMIT;"
        try:
            conn.executescript(script)
        except sqlite3.Error:
            if conn.in_transaction:
                conn.rollback()
            raise
    return len(MIGRATIONS)
