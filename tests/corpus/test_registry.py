"""The corpus entity registry on hand-built articles: variants merge, namesakes stay apart."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from newsdesk.corpus.registry import EntityRegistry, match_keys, name_words
from newsdesk.record import Article, Entity, Mention, Quote
from newsdesk.store.schema import migrate


@pytest.fixture()
def conn() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    migrate(connection)
    yield connection
    connection.close()


def article(*entities: tuple[str, str]) -> Article:
    """An article naming each (name, type) once, built by hand."""
    text = ". ".join(name for name, _ in entities) + "."
    out = []
    position = 0
    for name, type_ in entities:
        start = text.index(name, position)
        position = start + len(name)
        out.append(
            Entity(
                name=name, type=type_, variants=[name], mentions=[Mention(name, start, position)]
            )
        )
    return Article(text=text, entities=out)


def ingest(conn: sqlite3.Connection, item: Article, rowid: int) -> list[str]:
    """Assign ids as the store does, then write the mentions the store would write."""
    EntityRegistry(conn).assign(item)
    conn.executemany(
        "INSERT INTO mentions(article_rowid, entity_id, text, start, end) VALUES (?,?,?,?,?)",
        [(rowid, e.id, m.text, m.start, m.end) for e in item.entities for m in e.mentions],
    )
    return [str(e.id) for e in item.entities]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Zelenskiy", "Zelensky"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Kiev", "Kyiv"),
        ("São Paulo", "Sao Paulo"),
    ],
)
def test_registry_merges_spelling_variants(
    conn: sqlite3.Connection, first: str, second: str
) -> None:
    type_ = "GPE" if "Ki" in first or "Paulo" in first else "PERSON"
    (a,) = ingest(conn, article((first, type_)), 1)
    (b,) = ingest(conn, article((second, type_)), 2)
    assert a == b
    variants = {v for (v,) in conn.execute("SELECT variant FROM entity_variants")}
    assert variants == {first, second}


@pytest.mark.parametrize("surname", ["Trump"])
def test_registry_attaches_surname_to_full_name(conn: sqlite3.Connection, surname: str) -> None:
    (full,) = ingest(conn, article(("Donald Trump", "PERSON")), 1)
    (short,) = ingest(conn, article((surname, "PERSON")), 2)
    assert short == full
    row = conn.execute("SELECT article_count, mention_count FROM entities").fetchone()
    assert tuple(row) == (2, 2)


@pytest.mark.parametrize("full_name", ["Keir Starmer"])
def test_registry_upgrades_surname_only_entry(conn: sqlite3.Connection, full_name: str) -> None:
    (short,) = ingest(conn, article(("Starmer", "PERSON")), 1)
    (full,) = ingest(conn, article((full_name, "PERSON")), 2)
    assert short == full
    assert conn.execute("SELECT name FROM entities").fetchone()[0] == full_name


@pytest.mark.parametrize("surname", ["Johnson"])
def test_registry_keeps_namesakes_apart_by_context(conn: sqlite3.Connection, surname: str) -> None:
    boris = ingest(conn, article(("Boris Johnson", "PERSON"), ("Downing Street", "FAC")), 1)[0]
    mike = ingest(
        conn, article(("Mike Johnson", "PERSON"), ("House of Representatives", "ORG")), 2
    )[0]
    assert boris != mike
    later = ingest(conn, article((surname, "PERSON"), ("House of Representatives", "ORG")), 3)
    assert later[0] == mike
    later = ingest(conn, article(("Downing Street", "FAC"), (surname, "PERSON")), 4)
    assert later[1] == boris


@pytest.mark.parametrize(("name", "type_a", "type_b"), [("Jordan", "PERSON", "GPE")])
def test_registry_keeps_types_apart(
    conn: sqlite3.Connection, name: str, type_a: str, type_b: str
) -> None:
    (a,) = ingest(conn, article((name, type_a)), 1)
    (b,) = ingest(conn, article((name, type_b)), 2)
    assert a != b


@pytest.mark.parametrize(
    ("name", "words"), [("Zelenskiy's", ["zelensky"]), ("the Bank of England", ["bank", "england"])]
)
def test_name_words_fold_and_drop_function_words(name: str, words: list[str]) -> None:
    assert name_words(name) == words


@pytest.mark.parametrize("name", ["George W. Bush"])
def test_match_keys_index_surname_and_first_last(name: str) -> None:
    keys = match_keys("PERSON", [name])
    assert "PERSON|s|bush" in keys
    assert "PERSON|n|george bush" in keys


@pytest.mark.parametrize("reingest", [True])
def test_registry_indexes_an_existing_store(conn: sqlite3.Connection, reingest: bool) -> None:
    conn.execute("INSERT INTO entities(id, name, type) VALUES ('e_old', 'Kyiv', 'GPE')")
    (found,) = ingest(conn, article(("Kiev", "GPE")), 1)
    assert found == "e_old"


@pytest.mark.parametrize(
    ("first", "second", "type_"),
    [
        ("United States", "U.S.", "GPE"),
        ("America", "United States", "GPE"),
        ("European Union", "EU", "ORG"),
        ("Aer Lingus Group PLC", "Aer Lingus", "ORG"),
        ("China Eastern", "China Eastern Airlines", "ORG"),
    ],
)
def test_registry_merges_short_forms(
    conn: sqlite3.Connection, first: str, second: str, type_: str
) -> None:
    (a,) = ingest(conn, article((first, type_)), 1)
    (b,) = ingest(conn, article((second, type_)), 2)
    assert a == b


@pytest.mark.parametrize(
    ("first", "second"),
    [("Singapore Airlines", "Shanghai Airlines"), ("Northrop Grumman", "NPD Group")],
)
def test_registry_keeps_same_initials_apart(
    conn: sqlite3.Connection, first: str, second: str
) -> None:
    (a,) = ingest(conn, article((first, "ORG")), 1)
    (b,) = ingest(conn, article((second, "ORG")), 2)
    assert a != b


@pytest.mark.parametrize("name", ["Northrop Grumman"])
def test_registry_joins_a_name_typed_differently(conn: sqlite3.Connection, name: str) -> None:
    (a,) = ingest(conn, article((name, "ORG")), 1)
    (b,) = ingest(conn, article((name, "PERSON")), 2)
    assert a == b


@pytest.mark.parametrize(("first", "second"), [("Marek Kowalski", "Daniel Kowalski")])
def test_registry_keeps_full_names_with_different_given_names_apart(
    conn: sqlite3.Connection, first: str, second: str
) -> None:
    ids = []
    for rowid, full in enumerate((first, second), start=1):
        item = article((full, "PERSON"))
        # Each article also calls its person by the bare surname, as news does.
        item.entities[0].variants.append(full.split()[-1])
        ids.extend(ingest(conn, item, rowid))
    assert ids[0] != ids[1]
    (surname_only,) = ingest(conn, article((first.split()[-1], "PERSON")), 3)
    assert surname_only in ids


class CountingConnection:
    """A connection that counts the statements sent (a server store pays a round trip each)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.calls = 0

    def execute(self, *args: object) -> sqlite3.Cursor:
        self.calls += 1
        return self.conn.execute(*args)  # type: ignore[arg-type]

    def executemany(self, *args: object) -> sqlite3.Cursor:
        self.calls += 1
        return self.conn.executemany(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize("known", [False, True])
def test_registry_sends_a_few_statements_per_article_however_many_names(
    conn: sqlite3.Connection, known: bool
) -> None:
    names = [("Anna Nowak", "PERSON"), ("Kyiv", "GPE"), ("Civic Coalition", "ORG")]
    names += [(f"Town{chr(97 + i)}", "GPE") for i in range(12)]
    if known:
        ingest(conn, article(*names), rowid=1)
    counting = CountingConnection(conn)
    registry = EntityRegistry(counting)  # type: ignore[arg-type]
    counting.calls = 0
    item = article(*names)
    registry.assign(item)
    # Two reads (keys, entities) and at most four writes, not a few per name.
    assert counting.calls <= 6
    assert len({e.id for e in item.entities}) == len(names)


def speaking(item: Article, name: str) -> Article:
    """The article with ``name`` speaking in a direct quote."""
    item.quotes = [
        Quote(
            text="We will not give up",
            start=0,
            end=5,
            kind="direct",
            speaker=name,
            speaker_entity=name,
        )
    ]
    return item


def test_registry_joins_a_speaking_surname_typed_org_to_its_person(
    conn: sqlite3.Connection,
) -> None:
    person = ingest(conn, article(("Volodymyr Zelenskiy", "PERSON"), ("Kyiv", "GPE")), 1)[0]
    said = speaking(article(("Zelenskiy", "ORG"), ("Kyiv", "GPE")), "Zelenskiy")
    assert ingest(conn, said, 2)[0] == person
    assert said.entities[0].type == "PERSON"


@pytest.mark.parametrize(
    ("second", "speaks"),
    [
        # Not a speaker: a company named after a person stays a company.
        ((("Ford", "ORG"), ("Ontario", "GPE")), False),
        # A speaker that shares no company with the person: not joined on a surname alone.
        ((("Ford", "ORG"), ("Detroit", "GPE")), True),
    ],
)
def test_registry_keeps_a_surname_typed_org_apart_without_evidence(
    conn: sqlite3.Connection, second: tuple[tuple[str, str], ...], speaks: bool
) -> None:
    person = ingest(conn, article(("Doug Ford", "PERSON"), ("Ontario", "GPE")), 1)[0]
    item = article(*second)
    if speaks:
        speaking(item, "Ford")
    found = ingest(conn, item, 2)[0]
    assert found != person
    assert item.entities[0].type == "ORG"


def test_registry_keeps_the_articles_type_for_a_name_typed_differently(
    conn: sqlite3.Connection,
) -> None:
    # The registry files the name under the type it saw first; a later article's own type
    # stays in its record unless it is a speaking surname (above).
    (person,) = ingest(conn, article(("Northrop Grumman", "PERSON")), 1)
    later = article(("Northrop Grumman", "ORG"))
    assert ingest(conn, later, 2) == [person]
    assert later.entities[0].type == "ORG"
