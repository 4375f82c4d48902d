"""The PostgreSQL store: SQLite-dialect SQL translated, and the same answers as the SQLite store
on the bundled sample (a real server started by the tests; see conftest.postgres_server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import StoreError
from newsdesk.record import Article
from newsdesk.store import SQLiteStore, open_store
from newsdesk.store import queries as q
from newsdesk.store.dialect import translate, translate_ddl
from newsdesk.store.postgres import PostgresStore, redact
from newsdesk.store.schema import MIGRATIONS


@pytest.mark.parametrize(
    ("sqlite", "postgres", "order"),
    [
        (
            "SELECT id FROM t WHERE a = ? AND b = ?",
            "SELECT id FROM t WHERE a = %s AND b = %s",
            (0, 1),
        ),
        (
            "UPDATE t SET a = ?2, b = ?1 WHERE c = ?2",
            "UPDATE t SET a = %s, b = %s WHERE c = %s",
            (1, 0, 1),
        ),
        (
            "SELECT id FROM t WHERE id LIKE ? || '%'",
            "SELECT id FROM t WHERE id ILIKE %s || '%%'",
            (0,),
        ),
        ("SELECT id FROM t WHERE id LIKE 'a%'", "SELECT id FROM t WHERE id ILIKE 'a%'", ()),
        (
            "SELECT x FROM t WHERE name = ? COLLATE NOCASE",
            "SELECT x FROM t WHERE lower(name) = lower(%s)",
            (0,),
        ),
        ("SELECT m.start, m.end FROM m", 'SELECT m.start, m."end" FROM m', ()),
        (
            "SELECT COUNT(*) FROM (SELECT 1 AS one)",
            "SELECT COUNT(*) FROM (SELECT 1 AS one) AS _sub1",
            (),
        ),
        ("SELECT n FROM (SELECT 1 AS n) AS named", "SELECT n FROM (SELECT 1 AS n) AS named", ()),
        ("SELECT a FROM t ORDER BY a DESC", "SELECT a FROM t ORDER BY a DESC NULLS LAST", ()),
        # A column the schema declares NOT NULL keeps plain DESC (a backward index scan).
        ("SELECT s FROM k ORDER BY k.updated DESC", "SELECT s FROM k ORDER BY k.updated DESC", ()),
        (
            "INSERT INTO c(name, value) VALUES (?, 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1",
            "INSERT INTO c(name, value) VALUES (%s, 1) "
            "ON CONFLICT(name) DO UPDATE SET value = c.value + 1",
            (0,),
        ),
        (
            "INSERT INTO k(key, updated) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET updated = max(updated, excluded.updated)",
            "INSERT INTO k(key, updated) VALUES (%s, %s) "
            "ON CONFLICT(key) DO UPDATE SET updated = GREATEST(k.updated, excluded.updated)",
            (0, 1),
        ),
        ("SELECT ? IS NULL", "SELECT CAST(%s AS TEXT) IS NULL", (0,)),
        (
            "SELECT MAX(a), ROUND(b, 3) FROM t",
            "SELECT MAX(a), ROUND(CAST(b AS NUMERIC), 3) FROM t",
            (),
        ),
        ("SELECT 'a ? b', ?", "SELECT 'a ? b', %s", (0,)),
    ],
)
def test_translate_sqlite_statement(sqlite: str, postgres: str, order: tuple[int, ...]) -> None:
    stmt = translate(sqlite)
    assert (stmt.sql, stmt.order) == (postgres, order)


@pytest.mark.parametrize("sql", ["INSERT OR IGNORE INTO k(a, b) VALUES (?, ?)"])
def test_translate_insert_or_ignore_is_flagged_for_a_conflict_clause(sql: str) -> None:
    stmt = translate(sql)
    assert (stmt.conflict, stmt.table, stmt.columns) == ("IGNORE", "k", ("a", "b"))
    assert stmt.sql == "INSERT INTO k(a, b) VALUES (%s, %s)"


@pytest.mark.parametrize("number", range(len(MIGRATIONS)))
def test_translate_ddl_drops_fts5_and_gives_rowids(number: int) -> None:
    ddl = translate_ddl(MIGRATIONS[number])
    assert "fts5" not in ddl and "TRIGGER" not in ddl and "WITHOUT ROWID" not in ddl
    assert " INTEGER" not in ddl and "BLOB" not in ddl


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://desk:s3cret@db.example/news", "postgresql://desk:***@db.example/news"),
        ("postgresql://desk@db.example/news", "postgresql://desk@db.example/news"),
    ],
)
def test_redact_hides_only_the_password(url: str, shown: str) -> None:
    assert redact(url) == shown


# -- against a real server -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_articles(nlp: object) -> list[Article]:  # the model, loaded once
    """The bundled sample, analyzed by the default pipeline once for this module."""
    from newsdesk.ingest import read_articles
    from newsdesk.pipeline import build_pipeline

    root = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "data" / "sample"
    articles = list(read_articles([str(root / "articles.jsonl")]))
    return list(build_pipeline().pipe(articles))


@pytest.fixture()
def both(
    postgres_url: str, sample_articles: list[Article], tmp_path: Path
) -> Iterator[tuple[SQLiteStore, SQLiteStore]]:
    """The sample ingested into a SQLite file and into a PostgreSQL database."""
    import copy

    with open_store(tmp_path / "s.db") as lite, open_store(postgres_url) as pg:
        lite.ingest(copy.deepcopy(sample_articles))
        pg.ingest(copy.deepcopy(sample_articles))
        yield lite, pg


def test_postgres_store_matches_sqlite_on_the_sample(both: tuple[SQLiteStore, SQLiteStore]) -> None:
    lite, pg = both
    assert isinstance(pg, PostgresStore)
    assert lite.counts() == pg.counts() and lite.count() > 30
    assert [a.to_dict() for a in lite.export()] == [a.to_dict() for a in pg.export()]
    assert lite.entities(limit=200) == pg.entities(limit=200)
    for name in ("Zelensky", "Kyiv"):
        assert lite.find_entities(name) == pg.find_entities(name)
        assert lite.entity(lite.find_entities(name)[0]["id"]) == pg.entity(
            pg.find_entities(name)[0]["id"]
        )
    assert lite.quotes(speaker="Zelensky") == pg.quotes(speaker="Zelensky")
    assert q.list_stories(lite) == q.list_stories(pg)
    assert q.places_for_map(lite) == q.places_for_map(pg)


@pytest.mark.parametrize(
    "query", ["ceasefire", "Istanbul talks", '"peace talks"', "kyiv OR warsaw", "memorand*"]
)
def test_postgres_search_finds_what_sqlite_finds(
    both: tuple[SQLiteStore, SQLiteStore], query: str
) -> None:
    lite, pg = both
    filters = q.ArticleFilters(query=query)
    lite_page = q.list_articles(lite, filters, limit=100, facets=True)
    pg_page = q.list_articles(pg, filters, limit=100, facets=True)
    assert lite_page.total > 0
    # The same articles and facets; the order of equal matches is each engine's ranking.
    assert pg_page.total == lite_page.total
    assert {i["id"] for i in pg_page.items} == {i["id"] for i in lite_page.items}
    assert pg_page.facets["types"] == lite_page.facets["types"]
    assert all(q.split_marks(i["snippet"])[1] for i in pg_page.items if query != "memorand*")
    assert {h.id for h in pg.search(query, limit=100)} == {
        h.id for h in lite.search(query, limit=100)
    }


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=6))
def test_postgres_store_roundtrips_any_text(postgres_url: str, texts: list[str]) -> None:
    with open_store(postgres_url) as store:
        articles = [Article(text=t) for t in texts if t.strip() and "\x00" not in t]
        store.ingest(articles)
        # Texts that differ only in surrounding white space ("\x0b\xa0à", "à") are one
        # article (its id is a hash of the normalised text): the first one ingested is kept.
        first: dict[str, Article] = {}
        for article in articles:
            first.setdefault(article.id, article)
        for article in articles:
            stored = store.get(article.id)
            assert stored is not None and stored.hash == article.hash
            assert stored.text == first[article.id].text
            assert store.search(article.text) is not None  # any text is a safe query


def test_postgres_failed_batch_keeps_earlier_batches(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        store.ingest([Article(text="Kyiv said yes.", id="kept")])

        def articles() -> Iterator[Article]:
            yield Article(text="Warsaw said no.", id="lost")
            raise OSError("the feed went away")

        with pytest.raises(OSError):
            store.ingest(articles())
        assert store.get("kept") is not None and store.get("lost") is None


def test_postgres_schema_is_migrated_once(postgres_url: str) -> None:
    for _ in range(2):
        with open_store(postgres_url) as store:
            version = store.conn.execute("SELECT max(version) FROM newsdesk_schema").fetchone()[0]
            assert version == len(MIGRATIONS)


def test_postgres_refuses_a_newer_schema(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        store.conn.execute(
            "INSERT INTO newsdesk_schema(version) VALUES (?)", (len(MIGRATIONS) + 1,)
        )
    with pytest.raises(StoreError, match="newer newsdesk"):
        open_store(postgres_url)


def test_cli_ingest_and_search_a_postgres_store(postgres_url: str, sample_dump: Path) -> None:
    from newsdesk.cli import cli

    runner = CliRunner(mix_stderr=False)
    result = runner.invoke(
        cli, ["ingest", str(sample_dump), "--published", "2025-06-03", "--db", postgres_url]
    )
    assert result.exit_code == 0, result.stderr
    assert "35 added" in result.stderr + result.stdout
    found = runner.invoke(cli, ["search", "ceasefire", "--db", postgres_url])
    assert found.exit_code == 0 and "ceasefire" in found.stdout.lower()
    again = runner.invoke(
        cli, ["ingest", str(sample_dump), "--published", "2025-06-03", "--db", postgres_url]
    )
    assert again.exit_code == 0 and "0 added" in again.stderr + again.stdout


def test_api_serves_a_postgres_store(postgres_url: str, sample_articles: list[Article]) -> None:
    from fastapi.testclient import TestClient

    from newsdesk.serve import create_app

    with open_store(postgres_url) as store:
        store.ingest(sample_articles[:10])
    with TestClient(create_app(postgres_url)) as client:
        search = client.get("/api/search", params={"q": "Istanbul"})
        assert search.status_code == 200 and search.json()["total"] > 0
        first = search.json()["hits"][0]["id"]
        assert client.get(f"/api/articles/{first}").json()["id"] == first
        assert client.get("/api/stories").status_code == 200
        assert client.get("/api/entities", params={"type": "PERSON"}).json()["items"]


@pytest.mark.parametrize(("stored", "query"), [("Sánchez", "Sanchez"), ("Sanchez", "Sánchez")])
def test_search_folds_accents_on_both_backends(store_url: str, stored: str, query: str) -> None:
    text = f"Prime Minister Pedro {stored} met the mayor of Málaga on Tuesday."
    with open_store(store_url) as store:
        store.ingest([Article(text=text, id="a1", title=f"{stored} in Málaga")])
        assert [h.id for h in store.search(query)] == ["a1"]
        assert [h.id for h in store.search("malaga")] == ["a1"]
        page = q.list_articles(store, q.ArticleFilters(query=query), limit=10)
        assert [i["id"] for i in page.items] == ["a1"]


def test_postgres_store_of_schema_3_is_migrated_to_fold_accents(postgres_url: str) -> None:
    import psycopg

    from newsdesk.store.postgres import POSTGRES_EXTRAS

    # A store as newsdesk wrote it before accents were folded (schema version 3).
    with psycopg.connect(postgres_url, autocommit=True) as raw:
        raw.execute("CREATE TABLE newsdesk_schema (version BIGINT NOT NULL)")
        for number in range(3):
            raw.execute(translate_ddl(MIGRATIONS[number]))
            if number in POSTGRES_EXTRAS:
                raw.execute(POSTGRES_EXTRAS[number])
        raw.execute("INSERT INTO newsdesk_schema(version) VALUES (3)")
        raw.execute(
            "INSERT INTO articles(id, hash, text, title, record) VALUES "
            "('old', 'h', 'The Zürich vote was close.', 'Zürich votes', '{}')"
        )
    with open_store(postgres_url) as store:
        assert [h.id for h in store.search("zurich")] == ["old"]
