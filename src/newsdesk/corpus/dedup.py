"""Near-duplicates at ingest: MinHash over word shingles, LSH bands kept in the store.

``Deduplicator(conn).assign(article)`` runs inside the store's ingest transaction, before the
article is written. It computes the article's MinHash signature (datasketch), looks up the LSH
band keys of earlier articles in ``minhash_bands`` (an indexed lookup per band and per month
within ``window_days`` of the article's publication, DEFAULT_WINDOW_DAYS; corpus/months.py),
checks the candidates' estimated Jaccard similarity against ``threshold`` and sets
``article.duplicate_of`` to the *first* article of the group it joins: a re-published or
lightly edited copy, or a syndicated copy of the same text from another outlet. Exactly
identical texts never reach it: the store already skips a text whose content hash is stored
(``IngestStats.unchanged``).

Shingles are word 3-grams of the case-folded text. On bbc_news, copies of one article with
small edits (a corrected word, an added sentence) keep a 3-shingle Jaccard above 0.8; updated
versions that rewrote a fifth or more fall to 0.69-0.78, and different articles on the same
subject stay below 0.51 (evaluate/duplicates.py; docs/EVAL.md).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import struct
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from newsdesk.corpus import months
from newsdesk.record import Article

_WORD = re.compile(r"\w+", re.UNICODE)

# Estimated Jaccard of 3-shingle sets above which two texts are one article. Swept 0.6-0.9
# on bbc_news (evaluate/duplicates.py, gold: word-sequence ratio >= 0.9): 0.6 / 0.7 / 0.8 /
# 0.9 gave precision 0.940 / 0.957 / 0.994 / 1.000 at recall 1.0 / 1.0 / 1.0 / 0.975.
DEFAULT_THRESHOLD = 0.8
DEFAULT_NUM_PERM = 128
DEFAULT_SHINGLE = 3
# Fixed seed: signatures stored by one run must be comparable with the next run's.
SEED = 1
# A dated article's copies are looked for among the articles published within this many days
# of it (every month that window touches; an undated article's among all articles). Wire copy
# and re-published versions come within days; a copy a month later or more is stored as an
# article of its own. What the window buys: the band keys of a feed's articles are written
# and read in the few recent months' part of the index, so the cost per article does not grow
# with the corpus (corpus/months.py; docs/EVAL.md, "scale").
DEFAULT_WINDOW_DAYS = 30
# A dated article's band numbers carry its month: (month number + 1) x BAND_STRIDE + band, so
# the index on (band, key) holds each month's keys together; an undated article's band
# numbers (and a store's written before months) are the bands themselves, 0 to bands - 1.
BAND_STRIDE = 4096
# Band lookups per statement: SQLite parses a chain of ORs as a tree as deep as the chain, and
# allows 1,000 (an undated article is looked up under every month: 16 bands a month).
LOOKUPS_PER_STATEMENT = 480


def shingles(text: str, size: int = DEFAULT_SHINGLE) -> set[bytes]:
    """Word ``size``-grams of the case-folded text (the whole text if it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> np.ndarray:
    """The seeded permutations, drawn once: drawing them is half the cost of a signature."""
    return MinHash(num_perm=num_perm, seed=SEED).permutations


def signature(
    text: str, *, num_perm: int = DEFAULT_NUM_PERM, size: int = DEFAULT_SHINGLE
) -> MinHash:
    minhash = MinHash(num_perm=num_perm, seed=SEED, permutations=_permutations(num_perm))
    grams = shingles(text, size)
    if grams:
        minhash.update_batch(list(grams))
    return minhash


def band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per LSH band (SQLite INTEGER), from the band's hash values."""
    keys: list[int] = []
    for band in range(bands):
        chunk = hashvalues[band * rows : (band + 1) * rows].astype(np.uint64).tobytes()
        # A fast, stable 64-bit digest of the band; collisions only add candidates, which the
        # Jaccard check then rejects.
        keys.append(struct.unpack("<q", _digest(chunk))[0])
    return keys


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8).digest()


@lru_cache(maxsize=16)
def lsh_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands x rows for ``threshold``, weighted to miss few true pairs.

    A false candidate costs one signature comparison; a missed one is a lost duplicate. With
    datasketch's even weighting (9 bands x 13 rows at 0.8) a pair at Jaccard 0.85 is only a
    candidate 69% of the time; weighting misses 0.95 (16 x 8) makes that 99% (and 95% at
    0.8), for about 6% more candidate checks at Jaccard 0.5. datasketch integrates the
    S-curve for every shape (tens of milliseconds), so this is computed once.
    """
    bands, rows = _optimal_param(threshold, num_perm, 0.05, 0.95)
    return int(bands), int(rows)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


class Deduplicator:
    """Links each new article to the first stored article it nearly duplicates."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = DEFAULT_NUM_PERM,
        shingle: int = DEFAULT_SHINGLE,
        window_days: int = DEFAULT_WINDOW_DAYS,
    ) -> None:
        self.conn = conn
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.window_days = window_days
        self.bands, self.rows = lsh_shape(threshold, num_perm)
        if self.bands >= BAND_STRIDE:
            raise ValueError(f"{self.bands} LSH bands: at most {BAND_STRIDE - 1} (num_perm)")
        self._months = months.Months(conn)

    @staticmethod
    def _base(month: str | None) -> int:
        """What a month adds to band numbers (BAND_STRIDE); 0 for none (undated)."""
        return 0 if month is None else (months.month_number(month) + 1) * BAND_STRIDE

    def find(
        self, text: str, day: int | None = None
    ) -> tuple[str | None, float, np.ndarray, list[int]]:
        """The stored article most similar to ``text`` above the threshold (its group root),
        among those published within ``window_days`` of ``day`` (``months.day_of``) and the
        undated ones (among all when ``day`` is None)."""
        values = signature(text, num_perm=self.num_perm, size=self.shingle).hashvalues
        keys = band_keys(values, self.bands, self.rows)
        index = self._months.index()
        near = index.near([day] if day is not None else [], self.window_days)
        bases = ([0] if index.undated else []) + [self._base(month) for month in near]
        if not bases:
            return None, 0.0, values, keys
        # Every band of up to LOOKUPS_PER_STATEMENT / bands months in one statement (an index
        # lookup per band either way): one round trip instead of one per band and per
        # candidate, which a PostgreSQL store pays for; an undated article in a store of many
        # years makes a few.
        rows: set[tuple[Any, ...]] = set()
        per_statement = max(1, LOOKUPS_PER_STATEMENT // max(1, len(keys)))
        for first in range(0, len(bases), per_statement):
            chunk = bases[first : first + per_statement]
            params = [
                v for base in chunk for band, key in enumerate(keys) for v in (base + band, key)
            ]
            rows.update(
                tuple(row)
                for row in self.conn.execute(
                    "SELECT DISTINCT s.article_id, s.signature, s.root FROM minhash_bands b "
                    "JOIN minhash_signatures s ON s.article_id = b.article_id WHERE "
                    + " OR ".join(["(b.band = ? AND b.key = ?)"] * (len(keys) * len(chunk))),
                    params,
                ).fetchall()
            )
        best: str | None = None
        best_score = 0.0
        for _, stored, root in sorted(rows, key=lambda r: str(r[0])):
            score = jaccard(values, np.frombuffer(stored, dtype=np.uint64))
            if score >= self.threshold and score > best_score:
                best, best_score = str(root), score
        return best, best_score, values, keys

    def assign(self, article: Article) -> None:
        """Set ``article.duplicate_of`` and index the article for later lookups."""
        day = months.day_of(article.published)
        root, _, values, keys = self.find(article.text, day)
        if root == article.id:
            root = None
        article.duplicate_of = root
        base = self._base(months.month_of(day) if day is not None else None)
        self.conn.execute(
            "INSERT OR REPLACE INTO minhash_signatures(article_id, signature, root) "
            "VALUES (?, ?, ?)",
            (article.id, values.astype(np.uint64).tobytes(), root or article.id),
        )
        self.conn.executemany(
            "INSERT INTO minhash_bands(band, key, article_id) VALUES (?, ?, ?)",
            [(base + band, key, article.id) for band, key in enumerate(keys)],
        )
        self._months.note(day)

    def forget(self) -> None:
        """After a rollback (the months noted in it may have no row)."""
        self._months.forget()

    def release(self, article_id: str) -> None:
        """Forget a stored article about to be replaced."""
        self.conn.execute("DELETE FROM minhash_bands WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM minhash_signatures WHERE article_id = ?", (article_id,))

    def groups(self) -> dict[str, list[str]]:
        """Duplicate groups with more than one article: root id -> member ids."""
        out: dict[str, list[str]] = {}
        for article_id, root in self.conn.execute(
            "SELECT article_id, root FROM minhash_signatures ORDER BY rowid"
        ):
            out.setdefault(root, []).append(article_id)
        return {root: members for root, members in out.items() if len(members) > 1}
