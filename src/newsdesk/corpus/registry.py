"""The corpus entity registry: one stable id per real-world entity across all articles.

``EntityRegistry(conn).assign(article)`` runs inside the store's ingest transaction. It sets
``entity.id`` on each of the article's entities, creating registry entries for new ones, and
keeps variant and mention counts current.

This first version matches on the entity type and its case-folded name or any known variant.
"""

from __future__ import annotations

import hashlib
import sqlite3

from newsdesk.record import Article, Entity


def entity_id(name: str, type_: str) -> str:
    """A stable id from the name an entity was first registered under."""
    key = f"{type_}:{' '.join(name.casefold().split())}"
    return "e_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


class EntityRegistry:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def find(self, entity: Entity) -> str | None:
        """The registry id this entity belongs to, or None if it is new."""
        for name in [entity.name, *entity.variants]:
            row = self.conn.execute(
                "SELECT e.id FROM entities e WHERE e.type = ? AND e.name = ? COLLATE NOCASE "
                "UNION SELECT v.entity_id FROM entity_variants v JOIN entities e "
                "ON e.id = v.entity_id WHERE e.type = ? AND v.variant = ? COLLATE NOCASE "
                "LIMIT 1",
                (entity.type, name, entity.type, name),
            ).fetchone()
            if row:
                return str(row[0])
        return None

    def assign(self, article: Article) -> None:
        for entity in article.entities:
            found = self.find(entity)
            if found is None:
                found = entity_id(entity.name, entity.type)
                self.conn.execute(
                    "INSERT OR IGNORE INTO entities(id, name, type) VALUES (?, ?, ?)",
                    (found, entity.name, entity.type),
                )
            entity.id = found
            self.conn.execute(
                "UPDATE entities SET mention_count = mention_count + ?, "
                "article_count = article_count + 1 WHERE id = ?",
                (len(entity.mentions), found),
            )
            counts: dict[str, int] = {}
            for mention in entity.mentions:
                variant = " ".join(mention.text.split())
                counts[variant] = counts.get(variant, 0) + 1
            for variant, count in counts.items():
                self.conn.execute(
                    "INSERT INTO entity_variants(entity_id, variant, count) VALUES (?, ?, ?) "
                    "ON CONFLICT(entity_id, variant) DO UPDATE SET count = count + excluded.count",
                    (found, variant, count),
                )

    def release(self, article_rowid: int) -> None:
        """Take back the counts of a stored article about to be deleted or replaced."""
        rows = self.conn.execute(
            "SELECT entity_id, text, COUNT(*) FROM mentions WHERE article_rowid = ? "
            "GROUP BY entity_id, text",
            (article_rowid,),
        ).fetchall()
        touched: set[str] = set()
        for entity_id_, text, count in rows:
            touched.add(entity_id_)
            variant = " ".join(text.split())
            self.conn.execute(
                "UPDATE entity_variants SET count = count - ? WHERE entity_id = ? AND variant = ?",
                (count, entity_id_, variant),
            )
            self.conn.execute(
                "UPDATE entities SET mention_count = mention_count - ? WHERE id = ?",
                (count, entity_id_),
            )
        for entity_id_ in touched:
            self.conn.execute(
                "UPDATE entities SET article_count = article_count - 1 WHERE id = ?",
                (entity_id_,),
            )
        self.conn.execute("DELETE FROM entity_variants WHERE count <= 0")
