"""Stories revisited at the end of an ingest batch: two events in one story are split apart,
a small story gets a second chance to join the story it fits, and story ids stay stable."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from corpus_articles import entities_in

import newsdesk.corpus.stories as stories_module
import newsdesk.store.sqlite as store_module
from newsdesk.corpus.stories import StoryClusterer, find_story, logical_key, story_id
from newsdesk.corpus.story_revisit import BatchRevisit
from newsdesk.corpus.story_split import split_members
from newsdesk.record import Article, Entity, Mention
from newsdesk.store import SQLiteStore


@dataclass
class Member:
    tf: dict[str, float]
    entities: dict[str, float] = field(default_factory=dict)


def _member(words: str, *entities: str) -> Member:
    return Member({w: 1.0 for w in words.split()}, {e: 1.0 for e in entities})


SHARED = "earthquake magnitude rescue rubble injured residents"
TWO_EVENTS = [
    _member(f"{SHARED} torvik harbour brandt 6.1 {extra}", "e:torvik", "e:brandt")
    for extra in ("monday", "hospital", "teams", "survivors", "ferry")
] + [
    _member(f"{SHARED} ostrava valley mulder 5.4 {extra}", "e:ostrava", "e:mulder")
    for extra in ("landslide", "road", "farmers", "barns", "livestock")
]
ONE_EVENT = [
    _member(f"{SHARED} torvik harbour brandt 6.1 {a} {b}", "e:torvik", "e:brandt")
    for a, b in (
        ("monday", "hospital"),
        ("hospital", "teams"),
        ("teams", "survivors"),
        ("survivors", "ferry"),
        ("ferry", "monday"),
        ("monday", "teams"),
        ("hospital", "survivors"),
        ("teams", "ferry"),
    )
]


@pytest.mark.parametrize(
    ("members", "expected"), [(TWO_EVENTS, [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]])]
)
def test_split_members_finds_two_events(members: list[Member], expected: list[list[int]]) -> None:
    parts = split_members(members, {}, {})
    assert parts is not None
    assert sorted(sorted(p) for p in parts) == expected


@pytest.mark.parametrize("members", [ONE_EVENT, TWO_EVENTS[:6]])
def test_split_members_keeps_one_event_or_a_small_story(members: list[Member]) -> None:
    # One event whose articles differ by a word or two, and a story too small for two parts
    # of four, are left whole.
    assert split_members(members, {}, {}) is None


@pytest.fixture
def eager(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stores whose clusterer takes every article into the first story (threshold 0, no veto,
    no second chance), so that the batch-end split alone decides."""
    monkeypatch.setattr(
        store_module,
        "StoryClusterer",
        functools.partial(StoryClusterer, threshold=0.0, second_chance=None, disjoint_penalty=0.0),
    )


def _quake(id_: str, town: str, official: str, magnitude: str, detail: str) -> Article:
    text = (
        f"A magnitude {magnitude} earthquake struck {town} on Monday, and {official} said "
        f"rescue teams were searching the rubble. {detail} Officials in {town} said the "
        f"number of injured residents was still rising, {official} added."
    )
    entities = entities_in(text, ((town, "GPE"), (official, "PERSON")))
    return Article(text=text, id=id_, published="2025-03-04", entities=entities)


def torvik() -> list[Article]:
    return [
        _quake(f"torvik-{i}", "Torvik", "Mayor Elsa Brandt", "6.1", detail)
        for i, detail in enumerate(
            (
                "The harbour district lost its ferry pier and two warehouses.",
                "The harbour hospital treated forty people overnight.",
                "Fishermen in the harbour district slept on their boats.",
                "The harbour school was turned into a shelter for families.",
                "Power returned to the harbour district by the evening.",
            )
        )
    ]


def ostrava() -> list[Article]:
    return [
        _quake(f"ostrava-{i}", "Ostrava Vale", "Governor Piet Mulder", "5.4", detail)
        for i, detail in enumerate(
            (
                "Landslides cut the only valley road to the farms.",
                "Farmers in the valley reported cracked barns and frightened livestock.",
                "The valley road was reopened by army engineers.",
                "A landslide buried two valley farms but their families escaped.",
                "Helicopters dropped food to valley farms cut off by landslides.",
            )
        )
    ]


def _report(id_: str, text: str, *names: tuple[str, str]) -> Article:
    entities = []
    for name, type_ in names:
        start = text.index(name)
        entities.append(Entity(name, type_, [name], [Mention(name, start, start + len(name))]))
    return Article(text=text, id=id_, published="2025-03-04", entities=entities)


def reports() -> list[Article]:
    """Two reports of one flood and one of a factory fire, written for these tests."""
    return [
        _report(
            "flood-1",
            "The river Almo burst its banks at Kessel overnight, flooding two hundred homes. "
            "Kessel's fire chief Ruth Ansel said boats were taking families to the school.",
            ("Kessel", "GPE"),
            ("Ruth Ansel", "PERSON"),
        ),
        _report(
            "flood-2",
            "Families flooded out of their homes in Kessel spent a second night in the school "
            "as the river Almo kept rising, fire chief Ruth Ansel said.",
            ("Kessel", "GPE"),
            ("Ruth Ansel", "PERSON"),
        ),
        _report(
            "fire-1",
            "A fire at a paint factory in Dorne sent black smoke over the motorway; "
            "plant manager Tom Hale said all forty workers got out unhurt.",
            ("Dorne", "GPE"),
            ("Tom Hale", "PERSON"),
        ),
    ]


@pytest.mark.usefixtures("eager")
def test_story_holding_two_events_is_split_at_batch_end() -> None:
    # A clusterer that takes everything into one story (threshold 0, no veto) puts both quakes
    # in the first article's story; the end of the batch splits it. The part holding the
    # first article keeps the story id; the other part is named after its first article.
    first_event, second_event = torvik(), ostrava()
    articles = [a for pair in zip(first_event, second_event, strict=True) for a in pair]
    with SQLiteStore(":memory:") as store:
        store.ingest(articles)
        stories = {a.id: a.story for a in store.export()}
        first, second = story_id("torvik-0"), story_id("ostrava-0")
        assert {stories[a.id] for a in first_event} == {first}
        assert {stories[a.id] for a in second_event} == {second}
        counts = dict(store.conn.execute("SELECT id, article_count FROM stories").fetchall())
        assert counts == {first: 5, second: 5}
        record = store.conn.execute("SELECT record FROM articles WHERE id = 'ostrava-3'")
        assert json.loads(record.fetchone()[0])["story"] == second
        clusterer = StoryClusterer(store.conn)
        assert [s.size for s in (clusterer._state(first), clusterer._state(second)) if s] == [
            5,
            5,
        ]
        keys = {
            logical_key(key)
            for (key,) in store.conn.execute(
                "SELECT key FROM story_keys WHERE story = ?", (second,)
            ).fetchall()
        }
        # the split-off story is found by its own place and governor
        assert len({k for k in keys if k.startswith("e:")}) == 2
        # A later report of the second earthquake joins the split-off story.
        late = _quake("ostrava-late", "Ostrava Vale", "Governor Piet Mulder", "5.4", "")
        store.stories.threshold = 0.33
        store.ingest([late])
        assert {a.id: a.story for a in store.export()}["ostrava-late"] == second


@pytest.mark.parametrize(("threshold", "margin"), [(0.99, -0.5)])
def test_small_story_gets_a_second_chance(
    threshold: float, margin: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At ingest nothing reaches the threshold (0.99), so every article starts a story; at the
    # end of the batch the second flood report fits the first's story above 0.49 and joins it
    # (under the older id, the younger kept as an alias); the factory fire stays apart.
    strict = functools.partial(StoryClusterer, threshold=threshold, second_chance=margin)
    monkeypatch.setattr(store_module, "StoryClusterer", strict)
    with SQLiteStore(":memory:") as store:
        store.ingest(reports())
        stories = {a.id: a.story for a in store.export()}
        assert stories["flood-1"] == stories["flood-2"] == story_id("flood-1")
        assert stories["fire-1"] == story_id("fire-1")
        assert find_story(store.conn, story_id("flood-2")) == story_id("flood-1")
        counts = dict(store.conn.execute("SELECT id, article_count FROM stories").fetchall())
        assert counts == {story_id("flood-1"): 2, story_id("fire-1"): 1}


@pytest.mark.parametrize("margin", [None])
def test_second_chance_can_be_turned_off(
    margin: float | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    strict = functools.partial(StoryClusterer, threshold=0.99, second_chance=margin)
    monkeypatch.setattr(store_module, "StoryClusterer", strict)
    with SQLiteStore(":memory:") as store:
        store.ingest(reports()[:2])
        stories = {a.id: a.story for a in store.export()}
    assert stories["flood-1"] != stories["flood-2"]


@pytest.mark.parametrize("first_session", [6])
@pytest.mark.usefixtures("eager")
def test_split_reads_back_articles_stored_by_an_earlier_session(
    first_session: int, tmp_path: Path
) -> None:
    # A store reopened later has none of the earlier articles' features in memory: the
    # revisit reads them back from their stored records and still splits the two events.
    first_event, second_event = torvik(), ostrava()
    articles = [a for pair in zip(first_event, second_event, strict=True) for a in pair]
    path = tmp_path / "stories.db"
    with SQLiteStore(path) as store:
        store.ingest(articles[:first_session])
        assert len({a.story for a in store.export()}) == 1
    with SQLiteStore(path) as store:
        store.ingest(articles[first_session:])
        stories = {a.id: a.story for a in store.export()}
    assert {stories[a.id] for a in first_event} == {story_id("torvik-0")}
    assert {stories[a.id] for a in second_event} == {story_id("ostrava-0")}


@pytest.mark.parametrize("mixed", [2])
def test_two_stories_with_their_events_mixed_up_are_recut(
    mixed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One story holds the five Torvik reports and the first two Ostrava ones, another the
    # other three Ostrava reports (as an early online choice can leave them). Revisiting the
    # first re-cuts the two stories together: each event ends in one story, and the two ids
    # are the ones that were there.
    whole = functools.partial(
        StoryClusterer, threshold=0.0, second_chance=None, split_cross=0.0, disjoint_penalty=0.0
    )
    monkeypatch.setattr(store_module, "StoryClusterer", whole)
    first_event, second_event = torvik(), ostrava()
    with SQLiteStore(":memory:") as store:
        store.ingest([*first_event, *second_event])
        clusterer = StoryClusterer(store.conn)
        revisit = BatchRevisit(clusterer)
        first = story_id("torvik-0")
        members = revisit.members(first)
        other = story_id("ostrava-2")
        store.conn.execute(
            "INSERT INTO stories(id, label, article_count) VALUES (?, '', 0)", (other,)
        )
        n_docs = clusterer._count("articles")
        idf = clusterer._idf(sorted({t for _, f in members for t in f.tf}), n_docs)
        split_at = len(first_event) + mixed
        revisit.rewrite(
            [(first, members[:split_at], 1), (other, members[split_at:], n_docs)], idf, n_docs
        )
        state = clusterer._state(first)
        assert state is not None
        assert revisit.repartition(first, state, revisit.members(first), n_docs)
        stories = {a.id: a.story for a in store.export()}
        counts = dict(store.conn.execute("SELECT id, article_count FROM stories").fetchall())
    assert {stories[a.id] for a in first_event} == {first}
    assert {stories[a.id] for a in second_event} == {other}
    assert counts == {first: 5, other: 5}


TOWNS = ("Amble", "Corran", "Dessa", "Elmsford", "Fenwick", "Gorley", "Hythe", "Ilver")
ENDINGS = ("", "ton", "ley", "by", "wick")
FIRST = ("Ada", "Ben", "Cara", "Dev", "Eve", "Finn", "Gia", "Hal")
LAST = ("Brook", "Cole", "Dunn", "Frost", "Gale")
DAILY = (
    "The council of {town} approved a budget for new homes and roads on Tuesday, councillor "
    "{person} said, and families will pay less for power and water next year.",
    "{town} won the cup final on Tuesday night; coach {person} said the team played through "
    "the wind and rain in front of thousands of fans.",
    "A new school opened in {town} on Tuesday with places for three hundred children, head "
    "teacher {person} said, after two years of building work.",
    "Shares in the {town} bus company rose after it reported higher profits; chief executive "
    "{person} said more families were taking the bus to work.",
    "A court in {town} jailed a man for three years on Tuesday for a string of burglaries at "
    "homes in the town, police officer {person} said.",
)


def background() -> list[Article]:
    """Everyday local news (councils, sport, schools, business, courts) for the idf: forty
    events of five kinds, each in its own town with its own person."""
    return [
        _report(
            f"daily-{k}-{t}",
            template.format(town=town + ENDINGS[k], person=f"{first} {LAST[k]}"),
            (town + ENDINGS[k], "GPE"),
            (f"{first} {LAST[k]}", "PERSON"),
        )
        for k, template in enumerate(DAILY)
        for t, (town, first) in enumerate(zip(TOWNS, FIRST, strict=True))
    ]


def news_day() -> list[Article]:
    """A day of local news written for this test: two house fires in two towns, two storms
    in two regions, each told by one article, and a three-article port strike."""
    return [
        _report(
            "fire-harlow",
            "Firefighters in Harlow fought a house fire for three hours on Tuesday night; "
            "the family of four escaped, fire officer Dana Pike said, and the blaze was "
            "probably started by a faulty heater.",
            ("Harlow", "GPE"),
            ("Dana Pike", "PERSON"),
        ),
        _report(
            "fire-brisk",
            "A house fire in Brisk destroyed a family home on Tuesday; firefighters said the "
            "blaze started in the kitchen and the couple living there escaped, fire officer "
            "Ian Moss said.",
            ("Brisk", "GPE"),
            ("Ian Moss", "PERSON"),
        ),
        _report(
            "storm-north",
            "A storm brought down trees and power lines across the Northmoor region; "
            "forecaster Lena Ward said winds reached ninety kilometres an hour and thousands "
            "of homes lost power.",
            ("Northmoor", "LOC"),
            ("Lena Ward", "PERSON"),
        ),
        _report(
            "storm-coast",
            "Thousands of homes on the Saltern coast lost power when a storm brought down "
            "power lines; winds reached a hundred kilometres an hour, forecaster Ravi Shah said.",
            ("Saltern", "LOC"),
            ("Ravi Shah", "PERSON"),
        ),
        *[
            _report(
                f"strike-{i}",
                f"Dock workers at the port of Velde {detail}, union leader Mara Holt said of "
                "the strike over pay.",
                ("Velde", "GPE"),
                ("Mara Holt", "PERSON"),
            )
            for i, detail in enumerate(
                (
                    "walked out on Monday and ships queued outside the harbour",
                    "stayed out for a second day as talks with the port company failed",
                    "voted to end the strike after the port company raised its pay offer",
                )
            )
        ],
    ]


@pytest.mark.parametrize("batch_size", [200, 1])
def test_second_chance_keeps_one_article_events_of_one_kind_apart(batch_size: int) -> None:
    # Real news is mostly one-article stories, and two fires or two storms share most of their
    # words. With the default constants (second chance at threshold - 0.10) neither the
    # online assignment nor the batch-end revisit may fold one into the other; the strike's
    # three reports still form one story. Without the disjoint-entity veto the two fires
    # (second chance) and the two storms (online) shared a story, and the forty everyday
    # events of the background became five stories, one per kind.
    with SQLiteStore(":memory:") as store:
        store.ingest(background())
        store.ingest(news_day(), batch_size=batch_size)
        stories = {a.id: a.story for a in store.export()}
    assert len({s for a, s in stories.items() if a.startswith("daily-")}) >= 35
    assert len({stories[f"strike-{i}"] for i in range(3)}) == 1
    singles = ["fire-harlow", "fire-brisk", "storm-north", "storm-coast"]
    assert len({stories[s] for s in singles} | {stories["strike-0"]}) == 5


@pytest.mark.parametrize(("every", "batch_sizes"), [(4, (1, 3, 10, 200))])
def test_stories_do_not_depend_on_the_write_batch_size(
    every: int, batch_sizes: tuple[int, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The revisit runs every REVISIT_EVERY articles and at the end of an ingest, not at the end
    # of each write batch: `newsdesk ingest --batch-size` (spaCy's batch) changes no story.
    monkeypatch.setattr(stories_module, "REVISIT_EVERY", every)
    eager = functools.partial(StoryClusterer, threshold=0.0, disjoint_penalty=0.0)
    monkeypatch.setattr(store_module, "StoryClusterer", eager)
    # Everyday reports first, then the two quakes' reports interleaved: with a revisit at the
    # end of each write batch, batches of 1, 3, 10 and 200 gave different stories.
    quakes = [a for pair in zip(torvik(), ostrava(), strict=True) for a in pair]
    articles = [*reports(), *quakes]
    results = []
    for size in batch_sizes:
        with SQLiteStore(":memory:") as store:
            store.ingest([Article.from_dict(a.to_dict()) for a in articles], batch_size=size)
            results.append({a.id: a.story for a in store.export()})
    assert all(result == results[0] for result in results)
    assert len(set(results[0].values())) > 1  # the revisit split something


def _phase(id_: str, day: str, text: str) -> Article:
    names = (("Wellby", "GPE"), ("Harlow Foods", "ORG"), ("Inspector Dana Reyes", "PERSON"))
    return Article(text=text, id=id_, published=day, entities=entities_in(text, names))


def fire_then_charge(days_apart: int = 2) -> list[Article]:
    """One event in two phases, written for this test: a supermarket fire, then, two days
    later, a man charged with arson over it; the same town, shop and police officer."""
    fire = (
        "Flames tore through the Harlow Foods supermarket in Wellby overnight as firefighters "
        "battled the blaze and smoke drifted over the town, Inspector Dana Reyes said. "
        "Firefighters {0}."
    )
    charge = (
        "A man accused of arson appeared before magistrates charged over the Harlow Foods "
        "attack in Wellby, Inspector Dana Reyes told reporters outside court. Prosecutors "
        "said the accused {0}."
    )
    fire_details = (
        "pumped water from the river",
        "saved the warehouse behind the shop",
        "closed the high street until noon",
        "used ladders from three stations",
        "stayed on the roof until dawn",
    )
    charge_details = (
        "was remanded in custody",
        "faces a trial date in June",
        "was arrested at his flat",
        "denied the charge",
        "was refused bail",
    )
    return [
        _phase(f"fire-{i}", "2025-07-21", fire.format(d)) for i, d in enumerate(fire_details)
    ] + [
        _phase(f"charge-{i}", f"2025-07-{21 + days_apart}", charge.format(d))
        for i, d in enumerate(charge_details)
    ]


@pytest.mark.parametrize(("days_apart", "stories_expected"), [(2, 1), (20, 2)])
@pytest.mark.usefixtures("eager")
def test_one_event_in_two_phases_is_not_split(days_apart: int, stories_expected: int) -> None:
    # Everything in one story (threshold 0), as when all of an event's articles come in one
    # batch; the cut finds the two phases, but two days apart they are one event: the same
    # week, the same town, shop and officer. Twenty days apart they are cut (PHASE_DAYS), as
    # are two earthquakes of one day in two towns (above).
    articles = fire_then_charge(days_apart)
    with SQLiteStore(":memory:") as store:
        store.ingest(articles)
        stories = {a.id: a.story for a in store.export()}
        assert len(set(stories.values())) == stories_expected
        if stories_expected == 2:
            assert {stories[a.id] for a in articles[:5]} == {story_id("fire-0")}
            return
        revisit = BatchRevisit(store.stories)
        members = revisit.members(stories["fire-0"])
        parts, _ = revisit.cut(members, store.stories._count("articles"))
    assert parts is not None  # the cut alone would have split the phases
    assert sorted(sorted(members[i][0] for i in part) for part in parts) == [
        sorted(a.id for a in articles[5:]),
        sorted(a.id for a in articles[:5]),
    ]
