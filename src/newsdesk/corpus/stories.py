"""Stories: articles about the same real-world event, grouped online as they are ingested.

``StoryClusterer(conn).assign(article)`` runs inside the store's ingest transaction, after the
entity registry has set the entities' ids and the deduplicator has set ``duplicate_of``. It
never rebuilds anything: each story keeps a running state (a term centroid, entity, place and
date counts, its time span) in ``story_state``, and a key -> story index (``story_keys``: the
article's most distinctive terms, its entities and places; each key keeps its
STORIES_PER_KEY most recently updated stories) finds the few stories worth scoring, so the
work per article is bounded whatever the size of the corpus. Keys start with the month the
article was published in, except the people it names (corpus/months.py): a story more than
``window_days`` away can only be joined as a follow-up naming its people, so a feed reads
and writes only the recent months' part of the index (docs/EVAL.md, "scale").

An article joins the best-scoring story if the score reaches ``threshold``, else it starts a
new one, whose id (``s_`` + a hash of its first article's id) never changes as it grows. If
the article also reaches ``merge_threshold`` with a second story, that story merges into the
older one; its id is kept as an alias (``story_aliases``) and its articles are relabelled.

The score of an article against a story (see ``score``):

- text: cosine of TF-IDF vectors (sublinear tf, smoothed idf from the incremental
  ``term_df`` table) between the article and the story's centroid;
- entities: how much of the article's entity weight (mentions x rarity, the rarity from the
  registry's article counts) the story's articles share, and how much of the story's
  entity weight the article shares (the harmonic mean of the two), so that two stories of one
  kind (two celebrities in rehab, two earthquakes) are told apart by who and where; an
  article that names entities, none of them the story's, does not join it (a veto: two
  house fires in two towns are told in the same words);
- places: the same for resolved places (GeoNames ids), when the places stage ran;
- time: articles published more than ``window_days`` away from a story's span join it only
  as a follow-up (naming a person the story is about),
  and explicit resolved dates (from the dates stage) that disagree with the story's dates by
  more than a month pull the score down.

At the end of each ingest batch the store calls ``end_batch``: the stories the batch touched
are revisited (``story_revisit.BatchRevisit``), because an online clusterer keeps its early
choices: a story that has grown by half is split in two when its own articles form two events
(``story_split``), or re-cut together with its nearest story when the two hold two events of
one kind mixed up; a story of one or two articles gets a second chance to join the story its
articles now fit, which may have grown since they came.

Constants were chosen on ECB+ topics 1-22 (evaluate/stories.py, docs/EVAL.md).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import re
import sqlite3
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsdesk.corpus import months
from newsdesk.corpus.story_split import DEFAULT_SPLIT_CROSS, DEFAULT_SPLIT_MIN_PART
from newsdesk.record import Article

# Words, and numbers as written ("23", "5.6", "2008"): a death toll, a magnitude, a score or a
# contract figure often tells two events of one kind apart (ECB+ 1-22: 23 pirates caught in one
# event, 26 in the other; magnitude 5.6 against 5.9). Numbers: +0.004 mean B-cubed F1 on 1-22
# and 23-35 over five ingest orders at the old threshold 0.30 (0.888 -> 0.892, 0.843 -> 0.847).
_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|\d+(?:[.,]\d+)*", re.UNICODE)

# Entity types that tell events apart (numbers, money and dates are not entities here).
EVENT_ENTITY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART", "LAW"}
)

# Chosen on ECB+ topics 1-22 (evaluate/stories.py, docs/EVAL.md), B-cubed F1 through the
# store. With numbers as terms, mean over five ingest orders (seeds 13, 1, 2, 3, 4): threshold
# 0.26 / 0.30 / 0.32 / 0.33 / 0.34 / 0.35 / 0.36 gave 0.891 / 0.892 / 0.900 / 0.902 / 0.900 /
# 0.897 / 0.894 (0.33: the middle of the plateau); at 0.34, entity weight 0.2 / 0.3 / 0.4 gave
# 0.888 / 0.900 / 0.895, place weight 0 / 0.1 / 0.2 0.879 / 0.900 / 0.881, merge margin
# 0.1 / 0.15 / 0.2 0.904 / 0.900 / 0.895. Before numbers (seed 13 only):
# threshold 0.26 / 0.30 / 0.34 with entity weight 0.3 gave 0.876-0.901 / 0.902 / 0.898;
# entity weight 0.15 / 0.3 / 0.45 at threshold 0.30 gave 0.898 / 0.902 / 0.888 (0.0: 0.873
# at 0.26). The person-conflict penalty (0.1) gained at 0.26 (+0.025) and lost at 0.30 and
# above, so it is off by default. These were chosen before the eval read ECB+'s publication
# dates (DEFAULT_WINDOW_DAYS); the date penalty follows the news cycle (a month).
DEFAULT_THRESHOLD = 0.33
DEFAULT_ENTITY_WEIGHT = 0.3
DEFAULT_PLACE_WEIGHT = 0.1
DEFAULT_DATE_PENALTY = 0.1
DEFAULT_PERSON_PENALTY = 0.0
# An article whose people, organisations and places are none of the story's is about another
# event of the same kind, however alike the words (two house fires, two storms told with the
# same phrases): its score drops by this much, which keeps it out (a veto). ECB+ five-order
# mean B-cubed F1, 1-22 0.9436 -> 0.9430, 23-35 0.9081 -> 0.9072 (the same at 0.1: every
# ECB+ event's articles share an entity); on a small news-like corpus (tests/corpus/
# test_stories_split.py) 0.1 and 0.2 still let two storm reports of two regions join, and 40
# everyday events of five kinds, told in five templates, became 5 stories without it.
DEFAULT_DISJOINT_PENALTY = 1.0
# Merge two stories only when one article is clearly about both.
DEFAULT_MERGE_MARGIN = 0.15
# A headline names the event: its words count twice (ECB+ 1-22: +0.009 B-cubed F1 for the
# batch TF-IDF baseline, measured while choosing this).
DEFAULT_TITLE_WEIGHT = 2
# News about one event is published within days; a month of silence starts a new story,
# unless the late article names a person the story is about (``_follow_up``). ECB+ with the
# documents' own publication dates (327 of its 772 documents, all of them ECB+ ones; the
# events hold follow-ups published months or years later): five-order mean B-cubed F1 on
# topics 1-22, a hard 30-day window 0.912, a hard 120- or 365-day window 0.929, the window
# with the follow-up rule 0.939, no window at all 0.942 (the same as without dates: ECB+'s
# sibling events are never both dated, so the window cannot tell them apart there). Outside
# the window, a penalty instead of a gate (-0.1 / -0.2 / -0.3): 0.934 / 0.925 / 0.917; an
# entity-overlap gate (>= 0.2 / 0.3 / 0.5): 0.942 / 0.940 / 0.935, but places alone pass it,
# so two earthquakes of one region a year apart would be one story.
DEFAULT_WINDOW_DAYS = 30
# Index keys per article (distinctive terms) and stories fetched per key: bounded work.
KEYS_PER_ARTICLE = 12
STORIES_PER_KEY = 20
MAX_CANDIDATES = 12
# Keys looked up per statement (SQLite allows 500 parts in one compound SELECT).
KEYS_PER_STATEMENT = 100
# The revisit runs once this many articles were assigned since the last one, and at the end of
# each ingest. It ran at the end of every write batch, and the store's batch was the
# CLI's --batch-size (64): ECB+ five-order means 1-22 / 23-35 with write batches of 64 / 200 /
# 1000 were 0.929 / 0.939 / 0.939 and 0.899 / 0.907 / 0.907 (the constants were chosen at 200).
REVISIT_EVERY = 200
# Articles whose term counts wait in ``term_df_log`` before they are added to ``term_df``
# (``_count_terms``): memory for about this many articles' distinct terms, one write per page
# of ``term_df`` per flush.
TERM_LOG_FLUSH = 2000
# Story states kept decoded in memory (``StoryClusterer._states``): the stories being written
# now are a few hundred at a time in news; about 10 KB each.
STATE_CACHE = 4000
# Centroid terms kept per story: enough for cosine, bounded state size.
CENTROID_TERMS = 150
# The batch-end revisit (corpus/story_revisit.py) gives stories of 1-2 articles touched by a
# batch a second look: one whose articles score at least threshold + DEFAULT_SECOND_CHANCE
# against another story (mean over its articles) is merged into it. ECB+ 1-22, five-order mean
# B-cubed F1 (with the split): none 0.925, margin +0.05 / 0 / -0.03 / -0.05 / -0.07 / -0.10 /
# -0.13: 0.928 / 0.929 / 0.933 / 0.935 / 0.936 / 0.939 / 0.939. ECB+ has no one-article
# events, so this is the constant most likely to be too eager on real news; the time window
# still keeps a month-old story closed.
DEFAULT_SECOND_CHANCE = -0.10
# Features of recently assigned articles kept in memory for revisits (else re-read).
FEATURE_MEMO = 5000


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list, read from its module file alone: importing it
    through the package loads all of scikit-learn into every ingest (~50 MB more peak memory
    on the sample) for a list of words."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or spec.origin is None:
        raise ImportError("scikit-learn is not installed (newsdesk depends on it)")
    path = Path(spec.origin).parent / "feature_extraction" / "_stop_words.py"
    words = importlib.util.spec_from_file_location("newsdesk_stop_words", path)
    if words is None or words.loader is None:
        raise ImportError(f"cannot read {path}")
    module = importlib.util.module_from_spec(words)
    words.loader.exec_module(module)
    return frozenset(module.ENGLISH_STOP_WORDS)


ENGLISH_STOP_WORDS = _english_stop_words()


def tokens(text: str) -> list[str]:
    """Content words (3+ letters, no stop words) and numbers, casefolded."""
    return [
        w
        for w in (m.group().casefold() for m in _WORD.finditer(text))
        if w[0].isdigit() or (len(w) > 2 and w not in ENGLISH_STOP_WORDS)
    ]


def text_cosine(
    vector: dict[str, float], norm: float, idf: dict[str, float], state: StoryState
) -> float:
    """Cosine of an article's TF-IDF vector with a story's term centroid."""
    dot = sum(w * idf[t] * state.terms[t] for t, w in vector.items() if t in state.terms)
    return dot / (norm * state.norm) if norm and state.norm else 0.0


def story_id(first_article_id: str) -> str:
    return "s_" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]


def logical_key(key: str) -> str:
    """A story key without its month (``2025-06|t:ceasefire`` -> ``t:ceasefire``): keys
    proper start with ``t:``, ``e:`` or ``p:``, a month with a digit."""
    return key[8:] if key[:1].isdigit() else key


def _days(feats: Features) -> list[int]:
    """The article's publication day, as the days ``_lookup`` looks near."""
    return [feats.published] if feats.published is not None else []


def _is_person(key: str, people: set[str]) -> bool:
    return key.startswith("e:") and key[2:] in people


@dataclass
class Features:
    """What the clusterer looks at in one article."""

    tf: dict[str, float]  # sublinear term frequencies
    entities: dict[str, float]  # registry id -> 1 + log(mentions)
    places: dict[str, float]
    days: list[int]  # resolved dates mentioned in the text, as day numbers
    published: int | None
    label: str
    persons: set[str] = field(default_factory=set)  # the most mentioned people
    people: set[str] = field(default_factory=set)  # every person named


def features(article: Article, *, title_weight: int = 2) -> Features:
    """The article's terms (its title counted ``title_weight`` times), entities, places, dates."""
    counts: Counter[str] = Counter()
    for _ in range(title_weight):
        counts.update(tokens(article.title or ""))
    counts.update(tokens(article.text))
    tf = {t: 1.0 + math.log(c) for t, c in counts.items()}
    entities: dict[str, float] = {}
    for entity in article.entities:
        if entity.type in EVENT_ENTITY_TYPES and entity.id:
            entities[entity.id] = (
                entities.get(entity.id, 0.0) + 1.0 + math.log(max(1, len(entity.mentions)))
            )
    places: dict[str, float] = {}
    for place in article.places:
        key = str(place.geonameid) if place.geonameid is not None else place.name.casefold()
        places[key] = places.get(key, 0.0) + 1.0
    days = sorted({d for d in (months.day_of(ref.value) for ref in article.dates) if d is not None})
    people = {e.id: len(e.mentions) for e in article.entities if e.type == "PERSON" and e.id}
    top = max(people.values(), default=0)
    # The people an article is about are mentioned at least twice and about as often as the
    # most mentioned one; a name dropped once in passing does not define the event.
    persons = {p for p, n in people.items() if n >= 2 and n >= top / 2}
    label = article.title or " ".join(article.text.split()[:12])
    published = months.day_of(article.published)
    return Features(tf, entities, places, days, published, label[:120], persons, set(people))


@dataclass
class StoryState:
    """A story's running summary, stored as JSON in ``story_state``."""

    terms: dict[str, float] = field(default_factory=dict)  # sum of members' unit tf vectors
    entities: dict[str, float] = field(default_factory=dict)  # sum of members' entity weights
    places: dict[str, float] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)  # day number -> articles citing it
    persons: dict[str, int] = field(default_factory=dict)  # person -> articles about them
    size: int = 0
    first: int | None = None  # published span, day numbers
    last: int | None = None
    created: int = 0
    norm: float = 0.0  # centroid norm under the idf in force when it last changed
    checked: int = 0  # size when end_batch last revisited it

    def to_json(self) -> str:
        return json.dumps(self.__dict__, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> StoryState:
        return cls(**json.loads(text))

    def copy(self) -> StoryState:
        """A copy whose counts can change without changing this one."""
        return replace(
            self,
            terms=dict(self.terms),
            entities=dict(self.entities),
            places=dict(self.places),
            days=dict(self.days),
            persons=dict(self.persons),
        )


def overlap(a: dict[str, float], b: dict[str, float], weight: dict[str, float]) -> float:
    """Harmonic mean of the share of a's weight found in b and of b's weight found in a."""
    if not a or not b:
        return 0.0
    total_a = sum(v * weight.get(k, 1.0) for k, v in a.items())
    total_b = sum(v * weight.get(k, 1.0) for k, v in b.items())
    shared = a.keys() & b.keys()
    if not shared or total_a <= 0 or total_b <= 0:
        return 0.0
    in_b = sum(a[k] * weight.get(k, 1.0) for k in shared) / total_a
    in_a = sum(b[k] * weight.get(k, 1.0) for k in shared) / total_b
    return 2 * in_a * in_b / (in_a + in_b)


class StoryClusterer:
    """Assigns each new article to a story, creating and merging stories as needed."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        entity_weight: float = DEFAULT_ENTITY_WEIGHT,
        place_weight: float = DEFAULT_PLACE_WEIGHT,
        date_penalty: float = DEFAULT_DATE_PENALTY,
        merge_margin: float = DEFAULT_MERGE_MARGIN,
        window_days: int = DEFAULT_WINDOW_DAYS,
        title_weight: int = DEFAULT_TITLE_WEIGHT,
        person_penalty: float = DEFAULT_PERSON_PENALTY,
        split_cross: float = DEFAULT_SPLIT_CROSS,
        split_min_part: int = DEFAULT_SPLIT_MIN_PART,
        second_chance: float | None = DEFAULT_SECOND_CHANCE,
        repartition: bool = True,
        disjoint_penalty: float = DEFAULT_DISJOINT_PENALTY,
    ) -> None:
        self.disjoint_penalty = disjoint_penalty
        self.conn = conn
        self.repartition = repartition
        self.second_chance = second_chance
        self.split_cross = split_cross
        self.split_min_part = split_min_part
        # Stories the current ingest batch touched, revisited by ``end_batch``.
        self._touched: set[str] = set()
        # Articles assigned since the last revisit (``end_batch``).
        self._pending = 0
        self._memo: OrderedDict[str, Features] = OrderedDict()
        # Document frequencies not yet in ``term_df``: the terms of the articles in
        # ``term_df_log`` (``_count_terms``), loaded from it when None, with the article count
        # they were last brought up to date at.
        self._df_delta: Counter[str] | None = None
        self._df_logged = 0
        self._df_seen = -1
        # ``term_df`` as read since the last flush (it changes only then): a term's df is
        # read once per flush, not once per article and story that holds it.
        self._df_stored: dict[str, int] = {}
        # Story states as last read or saved here (private copies, the most recent
        # STATE_CACHE): decoding a state's JSON was the largest cost of an article in Python.
        # Every write of a state goes through ``_save`` and every delete through ``_merge``;
        # another writer or a rolled-back batch empties it (``_delta``, ``forget``).
        self._state_cache: OrderedDict[str, StoryState] = OrderedDict()
        # The months the store has story keys under (``_lookup``).
        self._months = months.Months(conn)
        self.person_penalty = person_penalty
        self.title_weight = title_weight
        self.threshold = threshold
        self.entity_weight = entity_weight
        self.place_weight = place_weight
        self.date_penalty = date_penalty
        self.merge_margin = merge_margin
        self.window_days = window_days

    # -- corpus statistics ------------------------------------------------------------------

    def _count(self, name: str) -> int:
        row = self.conn.execute(
            "SELECT value FROM corpus_counts WHERE name = ?", (name,)
        ).fetchone()
        return int(row[0]) if row else 0

    def _bump(self, name: str) -> int:
        self.conn.execute(
            "INSERT INTO corpus_counts(name, value) VALUES (?, 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1",
            (name,),
        )
        return self._count(name)

    def _idf(
        self, terms: list[str], n_docs: int, known: dict[str, float] | None = None
    ) -> dict[str, float]:
        """Smoothed idf of each term (``known``: idf values already looked up)."""
        out: dict[str, float] = dict(known or {})
        counts = self.document_frequencies([t for t in terms if t not in out])
        for term, df in counts.items():
            out[term] = math.log((n_docs + 1) / (df + 1)) + 1.0
        return out

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many stored articles hold each term (``term_df`` plus the log not yet in it)."""
        delta = self._delta()
        stored = self._df_stored
        missing = list(dict.fromkeys(t for t in terms if t not in stored))
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            marks = ",".join("?" * len(chunk))
            stored.update(dict.fromkeys(chunk, 0))
            for term, df in self.conn.execute(
                f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk
            ):
                stored[term] = int(df)
        return {term: stored[term] + delta[term] for term in terms}

    def _delta(self, articles: int | None = None) -> Counter[str]:
        """The document frequencies logged in ``term_df_log`` and not yet added to ``term_df``,
        read again whenever the store's article count is not the one they were read at (another
        writer, a rolled-back batch); ``articles``: that count, when the caller has it."""
        if articles is None:
            articles = self._count("articles")
        if self._df_delta is None or articles != self._df_seen:
            delta: Counter[str] = Counter()
            logged = 0
            for (terms,) in self.conn.execute("SELECT terms FROM term_df_log"):
                delta.update(terms.split("\n") if terms else ())
                logged += 1
            self._df_delta, self._df_logged, self._df_seen = delta, logged, articles
            self._df_stored = {}
            self._state_cache.clear()
        return self._df_delta

    def _count_terms(self, terms: list[str], n_docs: int) -> dict[str, float]:
        """Count one more document for each (distinct) term and return the terms' idf.

        ``term_df`` holds the whole vocabulary (about a million terms at 100k articles of
        bench/corpus_scale.py) and grew by a write at a random key for every term of every
        article: the more terms it held, the more of a write batch's upserts landed on pages
        of their own, each written to the WAL and again by the checkpoint, so the cost per
        article grew with the corpus. The counts are written behind instead: the article's
        terms are appended to ``term_df_log`` (one row at the end of a table, in the same
        transaction as the article, so a crash or a rollback loses nothing), kept in memory
        (``_delta``), and added to ``term_df`` in term order every TERM_LOG_FLUSH articles, so
        each page of ``term_df`` is written once per flush, not once per batch. ``n_docs``:
        the article count with this article (``_bump``); the log does not hold it yet."""
        if self._df_delta is not None and n_docs == self._df_seen + 1:
            self._df_seen = n_docs  # the memory is up to date: nobody else wrote since
        delta = self._delta(n_docs)
        self.conn.execute("INSERT INTO term_df_log(terms) VALUES (?)", ("\n".join(terms),))
        delta.update(terms)
        self._df_logged += 1
        if self._df_logged >= TERM_LOG_FLUSH:
            self._flush_terms()
        return self._idf(terms, n_docs)

    def _flush_terms(self) -> None:
        """Add the logged document frequencies to ``term_df`` and empty the log."""
        delta = self._delta()
        self.conn.executemany(
            "INSERT INTO term_df(term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = term_df.df + excluded.df",
            sorted(delta.items()),
        )
        self.conn.execute("DELETE FROM term_df_log")
        self._df_delta, self._df_logged, self._df_stored = Counter(), 0, {}

    def _entity_idf(self, ids: list[str], n_docs: int) -> dict[str, float]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT id, article_count FROM entities WHERE id IN ({marks})", ids
        ).fetchall()
        counts = {r[0]: r[1] for r in rows}
        return {e: math.log((n_docs + 1) / (counts.get(e, 0) + 1)) + 1.0 for e in ids}

    # -- scoring ------------------------------------------------------------------------------

    def score(
        self,
        feats: Features,
        vector: dict[str, float],
        norm: float,
        idf: dict[str, float],
        entity_idf: dict[str, float],
        state: StoryState,
    ) -> float:
        """How well an article fits a story: 0 (nothing shared) to about 1."""
        if (
            feats.published is not None
            and state.first is not None
            and state.last is not None
            and (
                feats.published < state.first - self.window_days
                or feats.published > state.last + self.window_days
            )
            and not self._follow_up(feats, state)
        ):
            return 0.0
        text = text_cosine(vector, norm, idf, state)
        entities = overlap(feats.entities, state.entities, entity_idf)
        places = overlap(feats.places, state.places, {})
        value = (1 - self.entity_weight) * text + self.entity_weight * entities
        value += self.place_weight * places
        if self.disjoint_penalty and not entities and feats.entities and state.entities:
            # Who and where: an article naming none of the story's people, organisations or
            # places is about another event of the same kind (DEFAULT_DISJOINT_PENALTY).
            value -= self.disjoint_penalty
        if self.person_penalty and feats.persons and state.persons:
            # Two events of one kind usually differ by who they are about: an article whose
            # main people are none of the people most of the story is about is a hard negative.
            dominant = {p for p, n in state.persons.items() if n >= state.size / 2}
            if dominant and not (dominant & feats.persons):
                value -= self.person_penalty
        if feats.days and state.days:
            story_days = [int(d) for d in state.days]
            gap = min(abs(a - b) for a in feats.days for b in story_days)
            if gap > self.window_days:
                value -= self.date_penalty
        return value

    @staticmethod
    def _follow_up(feats: Features, state: StoryState) -> bool:
        """Whether an article published outside the story's window names a person the story
        is about (its ``persons``): a follow-up (the trial, the funeral, a year on) keeps its
        people, while another event of the same kind (a second earthquake, another celebrity
        in rehab) has people of its own (DEFAULT_WINDOW_DAYS)."""
        return any(e in state.persons for e in feats.entities)

    # -- assignment ---------------------------------------------------------------------------

    def assign(self, article: Article) -> str:
        """Set ``article.story`` and fold the article into that story's state."""
        feats = features(article, title_weight=self.title_weight)
        n_docs = self._bump("articles")
        idf = self._count_terms(list(feats.tf), n_docs)
        vector = {t: w * idf[t] for t, w in feats.tf.items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        entity_idf = self._entity_idf(list(feats.entities), n_docs)
        logical = self._logical_keys(feats, vector)
        keys = self._month_keys(feats, logical)

        chosen: str | None = None
        if article.duplicate_of:
            row = self.conn.execute(
                "SELECT story FROM articles WHERE id = ?", (article.duplicate_of,)
            ).fetchone()
            chosen = self._resolve(row[0]) if row and row[0] else None
        scored: list[tuple[float, str, StoryState]] = []
        # The stories each key gave (``_candidates``): a key that gave a full list and not the
        # chosen story is one the new pair will push past STORIES_PER_KEY (``_add``).
        seen: dict[str, list[str]] | None = None
        if chosen is None:
            seen = {}
            lookups = self._lookup(logical, _days(feats), feats.people)
            for candidate, state in self._candidates(lookups, seen):
                value = self.score(feats, vector, norm, idf, entity_idf, state)
                scored.append((value, candidate, state))
            scored.sort(key=lambda s: (-s[0], s[2].created))
            if scored and scored[0][0] >= self.threshold:
                chosen = scored[0][1]
        if chosen is None:
            chosen = story_id(article.id)
            state = StoryState(created=n_docs)
            self.conn.execute(
                "INSERT OR IGNORE INTO stories(id, label, article_count) VALUES (?, ?, 0)",
                (chosen, feats.label),
            )
        else:
            state = scored[0][2] if scored else self._state(chosen) or StoryState(created=n_docs)
            # A second story this article fits nearly as well as the first: one event.
            best = scored[0][0] if scored else 0.0
            for value, other, other_state in scored[1:]:
                if value >= self.threshold + self.merge_margin and best - value < self.merge_margin:
                    chosen, state = self._merge(chosen, state, other, other_state)
                    seen = None  # the merged story's pairs moved: check every key
        full = (
            keys
            if seen is None
            else [
                k for k in keys if len(seen.get(k, ())) >= STORIES_PER_KEY and chosen not in seen[k]
            ]
        )
        self._add(chosen, state, feats, keys, n_docs, idf, article.published, full)
        article.story = chosen
        self._touched.add(chosen)
        self._pending += 1
        self._memo[article.id] = feats
        if len(self._memo) > FEATURE_MEMO:
            self._memo.popitem(last=False)
        return chosen

    @staticmethod
    def _logical_keys(feats: Features, vector: dict[str, float]) -> list[str]:
        """What an article is indexed by: its most distinctive terms, entities and places."""
        top = sorted(vector, key=lambda t: -vector[t])[:KEYS_PER_ARTICLE]
        keys = [f"t:{t}" for t in top]
        keys.extend(f"e:{e}" for e in feats.entities)
        keys.extend(f"p:{p}" for p in feats.places)
        return keys

    def _keys(self, feats: Features, vector: dict[str, float]) -> list[str]:
        """The keys an article writes to ``story_keys``: its keys under the month it was
        published in (``2025-06|t:ceasefire``; corpus/months.py), but the people it names,
        and every key of an undated article, under no month: a story more than
        ``window_days`` away is only joined as a follow-up naming its people (``score``), so
        they are all that needs finding at any distance."""
        return self._month_keys(feats, self._logical_keys(feats, vector))

    @staticmethod
    def _month_keys(feats: Features, keys: list[str]) -> list[str]:
        """``_keys`` from the article's ``_logical_keys``."""
        if feats.published is None:
            return keys
        month = months.month_of(feats.published)
        return [k if _is_person(k, feats.people) else f"{month}|{k}" for k in keys]

    def _lookup_keys(self, feats: Features, vector: dict[str, float]) -> list[str]:
        """The keys that find the stories an article may join (``_lookup``)."""
        return self._lookup(self._logical_keys(feats, vector), _days(feats), feats.people)

    def _lookup(self, keys: list[str], days: list[int], people: set[str]) -> list[str]:
        """The people's keys under no month; the others under each month within
        ``window_days`` of one of ``days`` (with no day: under every month) that the store
        has keys under, and under no month when the store has keys there (undated articles,
        a store written before months; corpus/months.py)."""
        index = self._months.index()
        near = index.near(days, self.window_days)
        out: list[str] = []
        for key in keys:
            if _is_person(key, people):
                out.append(key)
                continue
            if index.undated:
                out.append(key)
            out.extend(f"{month}|{key}" for month in near)
        return out

    def _candidates(
        self, keys: list[str], seen: dict[str, list[str]] | None = None
    ) -> list[tuple[str, StoryState]]:
        """The stories most worth scoring: those most of the keys lead to, each key giving its
        STORIES_PER_KEY most recently updated stories (``seen``: filled with them, per key)."""
        # A story counts once per key it shares, whatever the months that key was found
        # under (a story that spans two months is under both).
        pairs: dict[tuple[str, str], None] = {}
        # All keys in one statement: a UNION ALL of the per-key index lookups, each stopping at
        # its own LIMIT, so one round trip instead of one per key (a PostgreSQL store pays for
        # each); rows are counted key by key, in the order the per-key queries gave them.
        for first in range(0, len(keys), KEYS_PER_STATEMENT):
            chunk = keys[first : first + KEYS_PER_STATEMENT]
            sql = " UNION ALL ".join(
                f"SELECT {part} AS part, story FROM (SELECT story FROM story_keys "
                "WHERE key = ? ORDER BY updated DESC, story DESC LIMIT ?)"
                for part in range(len(chunk))
            )
            params = [value for key in chunk for value in (key, STORIES_PER_KEY)]
            rows = sorted(self.conn.execute(sql, params).fetchall(), key=lambda r: int(r[0]))
            for part, story in rows:
                pairs[(logical_key(chunk[int(part)]), str(story))] = None
            if seen is not None:
                for part, story in rows:
                    seen.setdefault(chunk[int(part)], []).append(str(story))
        hits = Counter(story for _, story in pairs)
        chosen = [story for story, _ in hits.most_common(MAX_CANDIDATES)]
        states = self._states(chosen)
        return [(story, states[story]) for story in chosen if story in states]

    def _states(self, stories: list[str]) -> dict[str, StoryState]:
        """The stored states of these stories (copies: the caller may change them)."""
        if not stories:
            return {}
        self._delta()  # empties the cache if another writer or a rollback came between
        cache = self._state_cache
        out: dict[str, StoryState] = {}
        missing: list[str] = []
        for story in stories:
            if story in cache:
                cache.move_to_end(story)
                out[story] = cache[story].copy()
            else:
                missing.append(story)
        if missing:
            marks = ",".join("?" * len(missing))
            for story, text in self.conn.execute(
                f"SELECT story, state FROM story_state WHERE story IN ({marks})", missing
            ).fetchall():
                state = StoryState.from_json(text)
                self._remember(str(story), state)
                out[str(story)] = state
        return out

    def _state(self, story: str) -> StoryState | None:
        return self._states([story]).get(story)

    def _remember(self, story: str, state: StoryState) -> None:
        self._state_cache[story] = state.copy()
        self._state_cache.move_to_end(story)
        if len(self._state_cache) > STATE_CACHE:
            self._state_cache.popitem(last=False)

    def forget(self) -> None:
        """Drop what is kept in memory of the store's tables (the store calls it after a
        rollback: the states and counts kept may be ones the rollback undid). Every use of
        them goes through ``_delta``, which reads them again from nothing."""
        self._df_delta = None
        self._months.forget()

    def _resolve(self, story: str) -> str:
        """The story an id now stands for, following merges."""
        seen = {story}
        while True:
            row = self.conn.execute(
                "SELECT new FROM story_aliases WHERE old = ?", (story,)
            ).fetchone()
            if row is None or row[0] in seen:
                return story
            story = row[0]
            seen.add(story)

    def _add(
        self,
        story: str,
        state: StoryState,
        feats: Features,
        keys: list[str],
        n_docs: int,
        known: dict[str, float],
        published: str | None,
        full: list[str],
    ) -> None:
        """Fold the article into its story; ``full``: the keys whose new pair may be one more
        than the STORIES_PER_KEY a key keeps."""
        fold(state, feats)
        self._finish(state, n_docs, known)
        self._save(story, state, n_docs)
        self._months.note(feats.published)
        self.conn.executemany(
            "INSERT INTO story_keys(key, story, updated) VALUES (?, ?, ?) "
            "ON CONFLICT(key, story) DO UPDATE SET updated = excluded.updated",
            [(k, story, n_docs) for k in keys],
        )
        # A key keeps its STORIES_PER_KEY most recently updated stories, all a lookup reads
        # (``_candidates``): a story pushed out has a newer one in front of it for good, until
        # an article of its own with that key puts it back. So ``story_keys`` needs no index by
        # recency (schema 6), a lookup reads at most that many rows, and a key shared by
        # thousands of stories ("e:Government") costs no more than a rare one.
        self.conn.executemany(
            "DELETE FROM story_keys WHERE key = ?1 AND updated < (SELECT updated FROM "
            "story_keys WHERE key = ?1 ORDER BY updated DESC LIMIT 1 OFFSET ?2)",
            [(k, STORIES_PER_KEY - 1) for k in full],
        )
        self.conn.execute(
            "UPDATE stories SET article_count = article_count + 1, "
            "first_published = CASE WHEN ?1 IS NULL THEN first_published "
            "WHEN first_published IS NULL OR ?1 < first_published THEN ?1 "
            "ELSE first_published END, "
            "last_published = CASE WHEN ?1 IS NULL THEN last_published "
            "WHEN last_published IS NULL OR ?1 > last_published THEN ?1 "
            "ELSE last_published END WHERE id = ?2",
            (published, story),
        )

    def _finish(
        self, state: StoryState, n_docs: int, known: dict[str, float] | None = None
    ) -> dict[str, float]:
        """Trim the centroid to its CENTROID_TERMS best terms and set its norm; the idf used."""
        idf = self._idf(list(state.terms), n_docs, known)
        if len(state.terms) > CENTROID_TERMS:
            kept = sorted(state.terms, key=lambda t: -state.terms[t] * idf[t])[:CENTROID_TERMS]
            state.terms = {t: state.terms[t] for t in kept}
        state.norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in state.terms.items()))
        return idf

    def _save(self, story: str, state: StoryState, n_docs: int) -> None:
        self.conn.execute(
            "INSERT INTO story_state(story, state, updated) VALUES (?, ?, ?) "
            "ON CONFLICT(story) DO UPDATE SET state = excluded.state, updated = excluded.updated",
            (story, state.to_json(), n_docs),
        )
        self._remember(story, state)

    def _merge(
        self, a: str, a_state: StoryState, b: str, b_state: StoryState
    ) -> tuple[str, StoryState]:
        """Fold the younger of two stories into the older; returns the survivor."""
        if (b_state.created, b) < (a_state.created, a):
            a, a_state, b, b_state = b, b_state, a, a_state
        for mine, theirs in (
            (a_state.terms, b_state.terms),
            (a_state.entities, b_state.entities),
            (a_state.places, b_state.places),
        ):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0.0) + v
        for d, c in b_state.days.items():
            a_state.days[d] = a_state.days.get(d, 0) + c
        for person, c in b_state.persons.items():
            a_state.persons[person] = a_state.persons.get(person, 0) + c
        a_state.size += b_state.size
        spans = [x for x in (a_state.first, b_state.first) if x is not None]
        a_state.first = min(spans) if spans else None
        spans = [x for x in (a_state.last, b_state.last) if x is not None]
        a_state.last = max(spans) if spans else None
        self.conn.execute(
            "UPDATE articles SET story = ?1, record = json_set(record, '$.story', ?1) "
            "WHERE story = ?2",
            (a, b),
        )
        self.conn.execute(
            "INSERT INTO story_keys(key, story, updated) "
            "SELECT key, ?, updated FROM story_keys WHERE story = ? "
            "ON CONFLICT(key, story) DO UPDATE SET updated = max(updated, excluded.updated)",
            (a, b),
        )
        self.conn.execute("DELETE FROM story_keys WHERE story = ?", (b,))
        self.conn.execute("DELETE FROM story_state WHERE story = ?", (b,))
        self._state_cache.pop(b, None)
        row = self.conn.execute(
            "SELECT article_count, first_published, last_published FROM stories WHERE id = ?",
            (b,),
        ).fetchone()
        if row is not None:
            self.conn.execute(
                "UPDATE stories SET article_count = article_count + ?, "
                "first_published = min(coalesce(first_published, ?2), coalesce(?2, "
                "first_published)), last_published = max(coalesce(last_published, ?3), "
                "coalesce(?3, last_published)) WHERE id = ?4",
                (row[0], row[1], row[2], a),
            )
            self.conn.execute("DELETE FROM stories WHERE id = ?", (b,))
        self.conn.execute("INSERT OR REPLACE INTO story_aliases(old, new) VALUES (?, ?)", (b, a))
        self.conn.execute("UPDATE story_aliases SET new = ? WHERE new = ?", (a, b))
        return a, a_state

    def release(self, article_id: str) -> None:
        """Take a stored article about to be replaced out of its story's count."""
        self.conn.execute(
            "UPDATE stories SET article_count = article_count - 1 "
            "WHERE id = (SELECT story FROM articles WHERE id = ?)",
            (article_id,),
        )

    # -- revisiting at the end of an ingest batch ------------------------------------------

    def end_batch(self, *, final: bool = True) -> list[tuple[str, str]]:
        """Revisit the stories touched since the last revisit (``story_revisit.BatchRevisit``):
        split, re-cut with the nearest story, second chance. The store calls it inside its
        transaction after each article it writes (``final=False``: the revisit runs once
        REVISIT_EVERY articles were assigned since the last) and once more when an ingest ends
        (``final=True``), so the stories do not depend on the size of the store's write
        batches. The (kept id, split-off id) of each split."""
        from newsdesk.corpus.story_revisit import BatchRevisit

        if not self._pending or (not final and self._pending < REVISIT_EVERY):
            return []
        touched, self._touched, self._pending = self._touched, set(), 0
        return BatchRevisit(self).run(touched)

    def pending(self) -> bool:
        """Whether articles were assigned since the last revisit."""
        return self._pending > 0


def fold(state: StoryState, feats: Features) -> None:
    """Add one article to a story's running sums (the centroid is trimmed by the caller)."""
    for t, w in tf_norm(feats.tf).items():
        state.terms[t] = state.terms.get(t, 0.0) + w
    for e, w in feats.entities.items():
        state.entities[e] = state.entities.get(e, 0.0) + w
    for p, w in feats.places.items():
        state.places[p] = state.places.get(p, 0.0) + w
    for d in feats.days:
        state.days[str(d)] = state.days.get(str(d), 0) + 1
    for person in feats.persons:
        state.persons[person] = state.persons.get(person, 0) + 1
    if feats.published is not None:
        state.first = min(state.first or feats.published, feats.published)
        state.last = max(state.last or feats.published, feats.published)
    state.size += 1


def tf_norm(tf: dict[str, float]) -> dict[str, float]:
    """The tf vector scaled to unit length (so long articles do not own the centroid)."""
    norm = math.sqrt(sum(v * v for v in tf.values()))
    return {t: v / norm for t, v in tf.items()} if norm else {}


# -- browsing (the `newsdesk stories` command, the API) --------------------------------------

STORY_COLUMNS = ("id", "label", "first_published", "last_published", "article_count")


def list_stories(
    conn: sqlite3.Connection, *, limit: int = 30, offset: int = 0, min_articles: int = 1
) -> list[dict[str, Any]]:
    """Stories, biggest and most recent first."""
    rows = conn.execute(
        f"SELECT {', '.join(STORY_COLUMNS)} FROM stories WHERE article_count >= ? "
        "ORDER BY article_count DESC, last_published DESC, id LIMIT ? OFFSET ?",
        (min_articles, limit, offset),
    ).fetchall()
    return [dict(zip(STORY_COLUMNS, row, strict=True)) for row in rows]


def find_story(conn: sqlite3.Connection, key: str) -> str | None:
    """The story an id, a merged story's old id or a unique id prefix stands for."""
    row = conn.execute("SELECT id FROM stories WHERE id = ?", (key,)).fetchone()
    if row:
        return str(row[0])
    if conn.execute("SELECT 1 FROM story_aliases WHERE old = ?", (key,)).fetchone():
        return StoryClusterer(conn)._resolve(key)
    rows = conn.execute("SELECT id FROM stories WHERE id LIKE ? || '%' LIMIT 2", (key,)).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def story_details(conn: sqlite3.Connection, story: str) -> dict[str, Any] | None:
    """A story with its articles, most mentioned entities, quotes and timeline."""
    from newsdesk.corpus.timeline import story_timeline

    row = conn.execute(
        f"SELECT {', '.join(STORY_COLUMNS)} FROM stories WHERE id = ?", (story,)
    ).fetchone()
    if row is None:
        return None
    out: dict[str, Any] = dict(zip(STORY_COLUMNS, row, strict=True))
    out["articles"] = [
        dict(zip(("id", "title", "published", "source", "duplicate_of"), r, strict=True))
        for r in conn.execute(
            "SELECT id, title, published, source, duplicate_of FROM articles WHERE story = ? "
            "ORDER BY published, rowid",
            (story,),
        )
    ]
    out["entities"] = [
        dict(zip(("id", "name", "type", "articles", "mentions"), r, strict=True))
        for r in conn.execute(
            "SELECT e.id, e.name, e.type, COUNT(DISTINCT m.article_rowid), COUNT(*) "
            "FROM mentions m JOIN articles a ON a.rowid = m.article_rowid "
            "JOIN entities e ON e.id = m.entity_id WHERE a.story = ? "
            "GROUP BY e.id ORDER BY 4 DESC, 5 DESC, e.name LIMIT 30",
            (story,),
        )
    ]
    out["quotes"] = [
        dict(zip(("speaker", "text", "kind", "article_id", "published"), r, strict=True))
        for r in conn.execute(
            "SELECT q.speaker, q.text, q.kind, a.id, a.published FROM quotes q "
            "JOIN articles a ON a.rowid = q.article_rowid WHERE a.story = ? "
            "ORDER BY a.published, a.rowid, q.start",
            (story,),
        )
    ]
    out["timeline"] = [event.to_dict() for event in story_timeline(conn, story)]
    return out
