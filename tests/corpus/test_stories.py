"""Stories at ingest: online, incremental, ids stable as stories grow, merges, timelines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_articles import entities_in

from newsdesk.cli import cli
from newsdesk.corpus.stories import (
    StoryClusterer,
    find_story,
    list_stories,
    story_details,
    tokens,
)
from newsdesk.corpus.timeline import (
    entity_timeline,
    snippet,
    story_timeline,
    when,
)
from newsdesk.record import Article, DateRef
from newsdesk.store import SQLiteStore


def article(
    id_: str,
    text: str,
    *,
    names: tuple[tuple[str, str], ...] = (),
    published: str | None = "2025-03-04",
    dates: tuple[tuple[str, str], ...] = (),
) -> Article:
    """An article with entities and dates set as the stages would (offsets into text)."""
    entities = entities_in(text, names)
    refs = []
    for phrase, value in dates:
        start = text.index(phrase)
        refs.append(DateRef(phrase, start, start + len(phrase), value, "DATE"))
    return Article(
        text=text, id=id_, published=published, entities=entities, dates=refs, title=None
    )


QUAKE_A1 = article(
    "quake-a1",
    "A magnitude 6.1 earthquake struck near Torvik on Monday, destroying homes in the "
    "harbour district. Mayor Elsa Brandt said rescue teams were searching the rubble for "
    "survivors and that the Torvik hospital had treated forty injured residents.",
    names=(("Torvik", "GPE"), ("Elsa Brandt", "PERSON")),
    dates=(("Monday", "2025-03-03"),),
)
QUAKE_A2 = article(
    "quake-a2",
    "Rescue teams in Torvik pulled two survivors from the rubble of the harbour district a "
    "day after the magnitude 6.1 earthquake, Mayor Elsa Brandt said. The Torvik hospital "
    "said the number of injured residents had risen to fifty-two.",
    names=(("Torvik", "GPE"), ("Elsa Brandt", "PERSON")),
    published="2025-03-05",
)
QUAKE_B = article(
    "quake-b",
    "A magnitude 5.4 earthquake shook the mountain town of Ostrava Vale, where governor "
    "Piet Mulder said landslides had cut the only road to the valley. Farmers in Ostrava Vale "
    "reported cracked barns and frightened livestock, but no injuries.",
    names=(("Ostrava Vale", "GPE"), ("Piet Mulder", "PERSON")),
)


def _stories(store: SQLiteStore) -> dict[str, str | None]:
    return {a.id: a.story for a in store.export()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Navy seizes 23 pirates after a 5.6 magnitude scare in 2008, the 1,200 crew safe.",
            [
                "navy",
                "seizes",
                "23",
                "pirates",
                "5.6",
                "magnitude",
                "scare",
                "2008",
                "1,200",
                "crew",
                "safe",
            ],
        )
    ],
)
def test_tokens_keeps_numbers_and_content_words(text: str, expected: list[str]) -> None:
    # Numbers (tolls, magnitudes, scores) tell two events of one kind apart; stop words and
    # two-letter words do not.
    assert tokens(text) == expected


@pytest.mark.parametrize("articles", [[QUAKE_A1, QUAKE_A2, QUAKE_B]])
def test_story_clusterer_groups_one_event_and_separates_another(articles: list[Article]) -> None:
    with SQLiteStore(":memory:") as store:
        store.ingest(articles)
        stories = _stories(store)
    assert stories["quake-a1"] == stories["quake-a2"]
    assert stories["quake-b"] != stories["quake-a1"]
    assert all(s and s.startswith("s_") for s in stories.values())


@pytest.mark.parametrize("late", ["2025-09-01"])
def test_story_clusterer_keeps_events_months_apart_apart(late: str) -> None:
    again = article("quake-again", QUAKE_A2.text, names=(("Torvik", "GPE"),), published=late)
    again.text = again.text.replace("a day after", "months after")
    with SQLiteStore(":memory:") as store:
        store.ingest([QUAKE_A1, again])
        stories = _stories(store)
    assert stories["quake-a1"] != stories["quake-again"]


TRIAL = article(
    "trial",
    "Harbour pilot Jonas Ekdahl went on trial in Torvik over the ferry collision that injured "
    "thirty passengers. Prosecutors told the Torvik court that Jonas Ekdahl ignored radar "
    "warnings before the ferry struck the pier.",
    names=(("Torvik", "GPE"), ("Jonas Ekdahl", "PERSON")),
)


@pytest.mark.parametrize(
    ("late_id", "text", "names", "joins"),
    [
        # The verdict five months on names the man the story is about: a follow-up.
        (
            "verdict",
            "A Torvik court convicted harbour pilot Jonas Ekdahl over the ferry collision that "
            "injured thirty passengers, ruling that Jonas Ekdahl ignored radar warnings before "
            "the ferry struck the pier.",
            (("Torvik", "GPE"), ("Jonas Ekdahl", "PERSON")),
            True,
        ),
        # Another pilot's trial over another collision in the same port: another event.
        (
            "other-trial",
            "Harbour pilot Mikkel Aas went on trial in Torvik over a ferry collision that "
            "injured twelve passengers. Prosecutors told the Torvik court that Mikkel Aas "
            "ignored radar warnings before the ferry struck the pier.",
            (("Torvik", "GPE"), ("Mikkel Aas", "PERSON")),
            False,
        ),
    ],
)
def test_story_takes_a_late_article_only_as_a_follow_up_naming_its_people(
    late_id: str, text: str, names: tuple[tuple[str, str], ...], joins: bool
) -> None:
    late = article(late_id, text, names=names, published="2025-08-12")
    with SQLiteStore(":memory:") as store:
        store.ingest([TRIAL, late])
        stories = _stories(store)
    assert (stories[late_id] == stories["trial"]) is joins


@pytest.mark.parametrize("batches", [2])
def test_story_ids_stay_stable_as_story_grows(batches: int) -> None:
    with SQLiteStore(":memory:") as store:
        store.ingest([QUAKE_A1])
        first = _stories(store)["quake-a1"]
        store.ingest([QUAKE_A2])
        assert _stories(store) == {"quake-a1": first, "quake-a2": first}
        row = store.conn.execute(
            "SELECT article_count, first_published, last_published FROM stories WHERE id = ?",
            (first,),
        ).fetchone()
    assert tuple(row) == (batches, "2025-03-04", "2025-03-05")


@pytest.mark.parametrize("threshold", [0.99])
def test_story_clusterer_merges_into_older_story(
    threshold: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    import newsdesk.store.sqlite as store_module

    strict = functools.partial(StoryClusterer, threshold=threshold)
    monkeypatch.setattr(store_module, "StoryClusterer", strict)
    with SQLiteStore(":memory:") as store:
        store.ingest([QUAKE_A1, QUAKE_A2])
        older, younger = _stories(store)["quake-a1"], _stories(store)["quake-a2"]
        assert older != younger and older and younger
        clusterer = StoryClusterer(store.conn)
        state_a, state_b = clusterer._state(older), clusterer._state(younger)
        assert state_a is not None and state_b is not None
        survivor, merged = clusterer._merge(younger, state_b, older, state_a)
        assert survivor == older and merged.size == 2
        assert set(_stories(store).values()) == {older}
        assert find_story(store.conn, younger) == older
        record = store.conn.execute("SELECT record FROM articles WHERE id = 'quake-a2'").fetchone()
        assert json.loads(record[0])["story"] == older
        count = store.conn.execute(
            "SELECT article_count FROM stories WHERE id = ?", (older,)
        ).fetchone()
        assert count[0] == 2


@pytest.mark.parametrize("story_articles", [[QUAKE_A1, QUAKE_A2, QUAKE_B]])
def test_story_timeline_orders_dated_events(story_articles: list[Article]) -> None:
    with SQLiteStore(":memory:") as store:
        store.ingest(story_articles)
        story = _stories(store)["quake-a1"]
        events = story_timeline(store.conn, story)
        assert [(e.date, e.kind, e.article_id) for e in events] == [
            ("2025-03-03", "mentioned", "quake-a1"),
            ("2025-03-05", "published", "quake-a2"),
        ]
        assert "earthquake struck near Torvik on Monday" in events[0].text
        brandt = store.find_entities("Elsa Brandt")[0]["id"]
        # "Monday" is not in a sentence naming Brandt: her first event is the publication.
        assert [e.date for e in entity_timeline(store.conn, brandt)] == [
            "2025-03-04",
            "2025-03-05",
        ]
        details = story_details(store.conn, story)
        assert details is not None
        assert [a["id"] for a in details["articles"]] == ["quake-a1", "quake-a2"]
        assert details["entities"][0]["name"] in {"Torvik", "Elsa Brandt"}
        assert [s["article_count"] for s in list_stories(store.conn)] == [2, 1]


@pytest.mark.parametrize("text,start,end", [("One. Two three here. Four.", 9, 14)])
def test_snippet_finds_sentence_bounds(text: str, start: int, end: int) -> None:
    assert snippet(text, start, end) == "Two three here."


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_stories_lists_and_shows(tmp_db: Path, fmt: str) -> None:
    with SQLiteStore(tmp_db) as store:
        store.ingest([QUAKE_A1, QUAKE_A2, QUAKE_B])
        story = _stories(store)["quake-a1"]
    assert story is not None
    runner = CliRunner()
    listed = runner.invoke(cli, ["stories", "--db", str(tmp_db), "--format", fmt])
    assert listed.exit_code == 0, listed.output
    assert story in listed.output
    shown = runner.invoke(cli, ["stories", story[:8], "--db", str(tmp_db), "--format", fmt])
    assert shown.exit_code == 0, shown.output
    assert "quake-a2" in shown.output
    missing = runner.invoke(cli, ["stories", "s_nothing", "--db", str(tmp_db)])
    assert missing.exit_code == 2


def test_store_and_stories_import_no_scikit_learn() -> None:
    # The stop-word list is read from its file: a store that never splits a story never loads
    # scikit-learn (SciPy still comes with datasketch, for duplicates).
    import subprocess
    import sys

    code = (
        "import sys; from newsdesk.store import open_store; "
        "from newsdesk.corpus.stories import ENGLISH_STOP_WORDS, tokens; "
        "assert 'the' in ENGLISH_STOP_WORDS and tokens('The flood spread') == ['flood', 'spread']; "
        "print('sklearn' in {m.split('.')[0] for m in sys.modules})"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_snippet_marks_a_sentence_cut_at_a_word() -> None:
    long_clause = " ".join(["the committee met again"] * 30)  # ~690 characters, no full stop
    text = f"Opening words. {long_clause} on Sunday {long_clause}. Closing words."
    start = text.index("Sunday")
    cut = snippet(text, start, start + len("Sunday"))
    assert cut.startswith("… ") and cut.endswith(" …") and "again on Sunday the" in cut
    # Cut between words, never inside one.
    assert set(cut.split()[1:-1]) == {"the", "committee", "met", "again", "on", "Sunday"}
    assert snippet("One. Two on Monday. Three.", 9, 18) == "Two on Monday."


def test_story_timeline_gives_one_event_per_sentence_and_date() -> None:
    article = Article(
        id="vote-1",
        title="Runoff set",
        published="2025-06-03",
        text="Voters in Torvik go back to the polls on Sunday, June 8, for the runoff.",
        dates=[
            DateRef(text="Sunday", start=41, end=47, type="DATE", value="2025-06-08"),
            DateRef(text="June 8", start=49, end=55, type="DATE", value="2025-06-08"),
        ],
    )
    with SQLiteStore(":memory:") as store:
        store.ingest([article])
        story = _stories(store)["vote-1"]
        events = story_timeline(store.conn, story)
    assert [(e.date, e.start) for e in events] == [("2025-06-08", 41)]


def test_timeline_values_sort_in_time_order() -> None:
    values = [
        "2025-W24",
        "2025-08-06",
        "2025-06-03TEV",
        "2025-06-03T21:00",
        "2025-06-03T09:30",
        "2025-Q2",
        "2025",
        "2025-06",
        "2025-06-03",
        "2025-W23-WE",
        "2024-SU",
        "199",
    ]
    assert sorted(values, key=when) == [
        "199",
        "2024-SU",
        "2025",
        "2025-Q2",
        "2025-06",
        "2025-06-03",
        "2025-06-03T09:30",
        "2025-06-03TEV",
        "2025-06-03T21:00",
        "2025-W23-WE",
        "2025-W24",
        "2025-08-06",
    ]
