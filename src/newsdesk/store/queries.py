"""Read queries for browsing a store: filtered article lists, search facets, co-occurrence,
places for a map, stories and timelines.

They are functions taking an ``SQLiteStore`` (rather than methods) so that the serving code can
grow them without touching the writer in sqlite.py. Every function only reads; every filter is
optional; an empty store gives empty results, never an error.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsdesk.errors import NewsdeskError
from newsdesk.store.sqlite import ENTITY_IDS_SQL, NothingToMatch, SQLiteFullText, SQLiteStore

# Private-use characters that mark highlighted terms in snippets: they never occur in news
# text, survive HTML escaping untouched and are replaced by markup only after escaping.
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"


class QueryError(NewsdeskError):
    """A search the store cannot run (for example a query that is nothing but operators)."""


@dataclass
class ArticleFilters:
    """What narrows a list of articles; ``None`` (or empty) means no filter."""

    query: str = ""
    entity: str | None = None  # registry id, canonical name or any variant
    type: str | None = None  # articles mentioning an entity of this type (PERSON, ORG, ...)
    place: str | None = None  # place name as stored (the gazetteer's name)
    story: str | None = None
    date_from: str | None = None
    date_to: str | None = None


@dataclass
class ArticlePage:
    total: int
    items: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _where(filters: ArticleFilters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if filters.entity:
        where.append(
            "a.rowid IN (SELECT m.article_rowid FROM mentions m WHERE m.entity_id IN "
            f"({ENTITY_IDS_SQL} UNION SELECT id FROM entities WHERE id = ?))"
        )
        params.extend([filters.entity] * 3)
    if filters.type:
        where.append(
            "a.rowid IN (SELECT m.article_rowid FROM mentions m JOIN entities e "
            "ON e.id = m.entity_id WHERE e.type = ?)"
        )
        params.append(filters.type.upper())
    if filters.place:
        where.append(
            "a.rowid IN (SELECT p.article_rowid FROM places p WHERE p.name = ? COLLATE NOCASE)"
        )
        params.append(filters.place)
    if filters.story:
        where.append("a.story = ?")
        params.append(filters.story)
    if filters.date_from:
        where.append("a.published >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        # A date-only bound includes the whole day (published may carry a time).
        where.append("substr(a.published, 1, ?) <= ?")
        params.extend([len(filters.date_to), filters.date_to])
    return where, params


def _matched_sql(
    filters: ArticleFilters, match: str | None, fts: SQLiteFullText
) -> tuple[str, list[Any]]:
    """SQL selecting the rowid of every article the filters and the full-text match keep."""
    where, params = _where(filters)
    if match is not None:
        sql = f"SELECT a.rowid AS rowid FROM {fts.articles_from}"
        where.insert(0, fts.articles_match)
        params.insert(0, match)
    else:
        sql = "SELECT a.rowid AS rowid FROM articles a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params


def _run_with_fallback(
    store: SQLiteStore, filters: ArticleFilters, run: Any
) -> tuple[Any, str | None]:
    """Run ``run(match)`` with each of the store's full-text candidates for the query in turn
    (SQLite: the query as FTS5 syntax, then as plain words if FTS5 cannot parse it)."""
    query = filters.query.strip()
    if not query:
        return run(None), None
    errors: tuple[type[Exception], ...] = (NothingToMatch, *store.fulltext.errors)
    try:
        return store.fulltext.first(query, lambda match: (run(match), match))
    except errors as err:
        # FTS5 reports a bad query in many words ("syntax error", "unterminated
        # string", "no such column" for `word:`); the filters alone cannot fail.
        raise QueryError(f"cannot search for {query!r}: give at least one word") from err


def list_articles(
    store: SQLiteStore,
    filters: ArticleFilters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    facets: bool = False,
    facet_limit: int = 12,
    marks: tuple[str, str] = (MARK_OPEN, MARK_CLOSE),
    snippet_tokens: int = 24,
) -> ArticlePage:
    """Articles matching a full-text query and filters: ranked by BM25 with a query, newest
    first without one; with a snippet each (query terms wrapped in ``marks``), the total
    count and, on request, facets over every match (not only the page)."""
    filters = filters or ArticleFilters()
    conn = store.conn
    fts = store.fulltext

    def run(match: str | None) -> ArticlePage:
        matched, params = _matched_sql(filters, match, fts)
        total = int(conn.execute(f"SELECT COUNT(*) FROM ({matched})", params).fetchone()[0])
        if match is not None:
            sql = (
                "SELECT a.id, a.title, a.published, a.source, a.truncated, a.story, "
                f"{fts.articles_snippet} AS snippet, {fts.articles_score} AS score "
                f"FROM {fts.articles_from} WHERE {fts.articles_match} "
                f"AND a.rowid IN (SELECT rowid FROM ({matched})) "
                "ORDER BY score, a.rowid LIMIT ? OFFSET ?"
            )
            page_params = [*marks, snippet_tokens, match, *params, limit, offset]
        else:
            sql = (
                "SELECT a.id, a.title, a.published, a.source, a.truncated, a.story, "
                "substr(a.text, 1, 220) AS snippet, 0.0 AS score FROM articles a "
                f"WHERE a.rowid IN (SELECT rowid FROM ({matched})) "
                "ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?"
            )
            page_params = [*params, limit, offset]
        items = []
        for row in conn.execute(sql, page_params):
            item = dict(row)
            item["truncated"] = bool(item["truncated"])
            item["snippet"] = " ".join(item["snippet"].split())
            if match is None and len(item["snippet"]) >= 200:
                item["snippet"] = item["snippet"].rsplit(" ", 1)[0] + " …"
            items.append(item)
        page = ArticlePage(total=total, items=items)
        if facets:
            page.facets = _facets(conn, matched, params, facet_limit, filters.type)
        return page

    page, _ = _run_with_fallback(store, filters, run)
    result: ArticlePage = page
    return result


def _facets(
    conn: sqlite3.Connection,
    matched: str,
    params: list[Any],
    limit: int,
    type_: str | None,
) -> dict[str, list[dict[str, Any]]]:
    cte = f"WITH hit AS (SELECT rowid FROM ({matched})) "
    type_filter = "AND e.type = ? " if type_ else ""
    type_params = [type_.upper()] if type_ else []
    entities = [
        dict(r)
        for r in conn.execute(
            cte + "SELECT e.id, e.name, e.type, COUNT(DISTINCT m.article_rowid) AS count "
            "FROM mentions m JOIN entities e ON e.id = m.entity_id "
            f"WHERE m.article_rowid IN (SELECT rowid FROM hit) {type_filter}"
            "GROUP BY e.id ORDER BY count DESC, e.name LIMIT ?",
            [*params, *type_params, limit],
        )
    ]
    types = [
        dict(r)
        for r in conn.execute(
            cte + "SELECT e.type, COUNT(DISTINCT m.article_rowid) AS count "
            "FROM mentions m JOIN entities e ON e.id = m.entity_id "
            "WHERE m.article_rowid IN (SELECT rowid FROM hit) "
            "GROUP BY e.type ORDER BY count DESC, e.type",
            params,
        )
    ]
    places = [
        dict(r)
        for r in conn.execute(
            cte + "SELECT p.name, MAX(p.country_code) AS country_code, "
            "COUNT(DISTINCT p.article_rowid) AS count FROM places p "
            "WHERE p.article_rowid IN (SELECT rowid FROM hit) "
            "GROUP BY p.name ORDER BY count DESC, p.name LIMIT ?",
            [*params, limit],
        )
    ]
    published = [
        dict(r)
        for r in conn.execute(
            cte + "SELECT substr(a.published, 1, 10) AS date, COUNT(*) AS count "
            "FROM articles a WHERE a.rowid IN (SELECT rowid FROM hit) "
            "AND a.published IS NOT NULL GROUP BY date ORDER BY date",
            params,
        )
    ]
    return {"entities": entities, "types": types, "places": places, "published": published}


def split_marks(
    snippet: str, marks: tuple[str, str] = (MARK_OPEN, MARK_CLOSE)
) -> tuple[str, list[tuple[int, int]]]:
    """A marked snippet as plain text plus the (start, end) of each highlighted stretch.

    Unbalanced marks (an article that itself contained a marker character) are dropped.
    """
    opening, closing = marks
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for char in snippet:
        if char == opening:
            start = length
        elif char == closing:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            out.append(char)
            length += 1
    return "".join(out), spans


def list_entities(
    store: SQLiteStore,
    *,
    type_: str | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """Registry entities, most widely reported first; ``name`` matches any variant, in part."""
    where: list[str] = []
    params: list[Any] = []
    if type_:
        where.append("type = ?")
        params.append(type_.upper())
    if name:
        where.append(
            "(name LIKE '%' || ? || '%' OR id IN (SELECT entity_id FROM entity_variants "
            "WHERE variant LIKE '%' || ? || '%'))"
        )
        params.extend([name, name])
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(store.conn.execute(f"SELECT COUNT(*) FROM entities{clause}", params).fetchone()[0])
    rows = store.conn.execute(
        "SELECT id, name, type, mention_count, article_count FROM entities"
        f"{clause} ORDER BY article_count DESC, mention_count DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, [dict(r) for r in rows]


def entity_types(store: SQLiteStore) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT type, COUNT(*) AS count FROM entities GROUP BY type ORDER BY count DESC, type"
    )
    return [dict(r) for r in rows]


def cooccurring(store: SQLiteStore, entity_id: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Entities named in the same articles as ``entity_id``, by how many articles they share."""
    rows = store.conn.execute(
        "SELECT e.id, e.name, e.type, COUNT(DISTINCT m.article_rowid) AS shared "
        "FROM mentions m JOIN entities e ON e.id = m.entity_id "
        "WHERE m.article_rowid IN (SELECT article_rowid FROM mentions WHERE entity_id = ?) "
        "AND m.entity_id != ? GROUP BY e.id ORDER BY shared DESC, e.article_count DESC, e.name "
        "LIMIT ?",
        (entity_id, entity_id, limit),
    )
    return [dict(r) for r in rows]


def mentions_in_context(
    store: SQLiteStore, entity_id: str, *, limit: int = 30, width: int = 70
) -> list[dict[str, Any]]:
    """Each mention of an entity with ``width`` characters of text either side (key word in
    context), newest articles first; offsets index the article text."""
    rows = store.conn.execute(
        "SELECT a.id AS article_id, a.title, a.published, m.text, m.start, m.end, "
        "substr(a.text, max(m.start - ?, 0) + 1, m.start - max(m.start - ?, 0)) AS before, "
        "substr(a.text, m.end + 1, ?) AS after FROM mentions m "
        "JOIN articles a ON a.rowid = m.article_rowid WHERE m.entity_id = ? "
        "ORDER BY a.published DESC, a.rowid DESC, m.start LIMIT ?",
        (width, width, width, entity_id, limit),
    )
    out = []
    for row in rows:
        item = dict(row)
        # Whole words only at the cut ends, on one line.
        before = " ".join(item["before"].split())
        after = " ".join(item["after"].split())
        if item["start"] > width and " " in before:
            before = "…" + before.split(" ", 1)[1]
        if len(item["after"]) == width and " " in after:
            after = after.rsplit(" ", 1)[0] + "…"
        # Keep the space (or its absence: "Kowalski's", "Kowalski,") next to the mention.
        if item["before"][-1:].isspace():
            before += " "
        if item["after"][:1].isspace():
            after = " " + after
        item["before"], item["after"] = before, after
        out.append(item)
    return out


def timeline(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Articles per publication day, oldest first, from rows carrying ``published``."""
    days = Counter((a.get("published") or "")[:10] for a in articles if a.get("published"))
    return [{"date": day, "count": count} for day, count in sorted(days.items())]


def places_for_map(store: SQLiteStore, *, limit: int = 500) -> list[dict[str, Any]]:
    """Every place with coordinates, merged by name and point, with how many articles
    mention it and the latest of them."""
    rows = store.conn.execute(
        "SELECT p.name, MAX(p.country_code) AS country_code, ROUND(p.lat, 3) AS lat, "
        "ROUND(p.lon, 3) AS lon, "
        "COUNT(DISTINCT p.article_rowid) AS articles, COUNT(*) AS mentions, "
        "MAX(a.published) AS latest FROM places p JOIN articles a ON a.rowid = p.article_rowid "
        "WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL "
        "GROUP BY p.name, ROUND(p.lat, 3), ROUND(p.lon, 3) "
        "ORDER BY articles DESC, mentions DESC, p.name LIMIT ?",
        (limit,),
    )
    return [dict(r) for r in rows]


def list_stories(
    store: SQLiteStore, *, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Stories, the biggest first (then the most recently active): from the articles' story
    ids, labelled from the stories table where it has a row (the clustering stage may fill
    either)."""
    base = (
        "SELECT a.story AS id, MAX(s.label) AS label, MIN(a.published) AS first_published, "
        "MAX(a.published) AS last_published, COUNT(*) AS article_count FROM articles a "
        "LEFT JOIN stories s ON s.id = a.story WHERE a.story IS NOT NULL GROUP BY a.story"
    )
    total = int(store.conn.execute(f"SELECT COUNT(*) FROM ({base})").fetchone()[0])
    rows = store.conn.execute(
        f"{base} ORDER BY article_count DESC, last_published DESC, id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    stories = [dict(r) for r in rows]
    for story in stories:
        titles = store.conn.execute(
            "SELECT id, title, published FROM articles WHERE story = ? "
            "ORDER BY published, rowid LIMIT 5",
            (story["id"],),
        )
        story["articles"] = [dict(t) for t in titles]
        if not story["label"]:
            titled = [a["title"] for a in story["articles"] if a["title"]]
            story["label"] = titled[0] if titled else f"Story {story['id']}"
    return total, stories


def story(store: SQLiteStore, story_id: str) -> dict[str, Any] | None:
    """One story: its articles in publication order, who is in it, what was said, and its
    dated events (corpus/timeline.py). A merged story's old id or a unique id prefix works
    too."""
    from newsdesk.corpus.stories import find_story, story_details

    resolved = find_story(store.conn, story_id) or story_id
    rows = [
        dict(r)
        for r in store.conn.execute(
            "SELECT id, title, published, source, truncated, duplicate_of FROM articles "
            "WHERE story = ? ORDER BY published, rowid",
            (resolved,),
        )
    ]
    if not rows:
        return None
    details = story_details(store.conn, resolved) or {}
    return {
        "id": resolved,
        "label": details.get("label")
        or next((r["title"] for r in rows if r["title"]), None)
        or f"Story {resolved}",
        "first_published": rows[0]["published"],
        "last_published": rows[-1]["published"],
        "article_count": len(rows),
        "articles": [{**r, "truncated": bool(r["truncated"])} for r in rows],
        "entities": [{**e, "count": e["articles"]} for e in details.get("entities", [])[:15]],
        "quotes": details.get("quotes", []),
        "events": details.get("timeline", []),
        "timeline": timeline(rows),
    }


def search_quotes(
    store: SQLiteStore,
    query: str = "",
    *,
    speaker: str | None = None,
    about: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], bool]:
    """``store.quotes`` with a query that is not valid FTS5 retried as plain words; also
    says whether there is a next page (one extra row is asked for)."""
    if query.strip() and not store.fulltext.candidates(query):
        raise QueryError(f"cannot search quotes for {query!r}: give at least one word")
    try:
        rows = store.quotes(query, speaker=speaker, about=about, limit=limit + 1, offset=offset)
    except store.fulltext.errors as err:
        raise QueryError(f"cannot search quotes for {query!r}: give at least one word") from err
    return rows[:limit], len(rows) > limit
