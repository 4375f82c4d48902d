"""The corpus entity registry: one stable id per real-world entity across all articles.

``EntityRegistry(conn).assign(article)`` runs inside the store's ingest transaction. It sets
``entity.id`` on each of the article's entities, creating registry entries for new ones, and
keeps variant and mention counts current.

Matching, in order, within a type family (people; organisations; places; the rest by type):

1. a *match key* of the name or of any variant equals a known entity's: keys fold case,
   accents and punctuation and collapse common transliteration differences, so "Zelenskiy",
   "Zelensky" and "Zelenskyy" share a key, as do "Kiev" and "Kyiv";
2. a person named by surname only ("Trump") joins the known person with that surname; a
   person with a full name joins a known surname-only entry (which then takes the full name);
3. when several known entities fit, the one that shares the most co-occurring entities with
   this article wins (two people called Johnson stay apart when they appear with different
   company), then the most reported one.

The keys live in ``entity_keys`` (key, entity_id; store/schema.py migration 3), filled here
on first use, so lookups stay indexed however large the registry grows. An article's names are
looked up together: one query reads every key its names may need, one the entities those lead
to, and its writes go out as one statement per kind at the end (``_Pending``), so a store on a
server (PostgreSQL) pays a handful of round trips per article, not several per name.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from newsdesk.record import Article, Entity

# How many namesakes are compared by co-occurring entities (one indexed join each).
MAX_CONTEXT_CANDIDATES = 25
FAMILIES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}

# Transliterations that no spelling rule joins (Russian-era vs Ukrainian spellings, ...).
_RESPELL = {
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "lvov": "lviv",
    "nikolaev": "mykolaiv",
    "mykolayiv": "mykolaiv",
    "zaporozhye": "zaporizhzhia",
    "dnepr": "dnipro",
    "chernobyl": "chornobyl",
    "rovno": "rivne",
    "peking": "beijing",
    "bombay": "mumbai",
    "burma": "myanmar",
    "gadhafi": "gaddafi",
    "qaddafi": "gaddafi",
    "kadhafi": "gaddafi",
}
# Word endings that differ only by transliteration scheme: -iy/-yy/-ii/-yi/-ij -> -y.
_ENDING = re.compile(r"(?:iy|yy|ii|yi|ij|y)$")
_STOP = frozenset({"the", "of", "and", "for", "de", "la", "le", "von", "van", "der", "al", "el"})


def entity_id(name: str, type_: str) -> str:
    """A stable id from the name an entity was first registered under."""
    key = f"{type_}:{' '.join(name.casefold().split())}"
    return "e_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def family(type_: str) -> str:
    return FAMILIES.get(type_, type_)


def _word_key(word: str) -> str:
    word = _RESPELL.get(word, word)
    if len(word) > 4:
        word = _ENDING.sub("y", word)
    return word


def name_words(name: str) -> list[str]:
    """Folded, transliteration-collapsed words of a name (small function words dropped)."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"'s\b", "", plain)
    words = re.sub(r"[^\w\s]", " ", plain).split()
    return [_word_key(w) for w in words if w not in _STOP] or [_word_key(w) for w in words]


# Legal-form words that do not tell two organisations apart ("Aer Lingus Group PLC").
_DESIGNATORS = frozenset(
    {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc"}
    | {"llc", "lp", "nv", "bv", "ag", "sa", "se", "spa", "gmbh", "group", "holdings", "holding"}
)
# Country names news uses beside the ISO ones.
_COUNTRY_ALIASES = {
    "us": "US",
    "u s": "US",
    "usa": "US",
    "u s a": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "russia": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "iran": "IR",
    "syria": "SY",
    "vietnam": "VN",
    "taiwan": "TW",
    "czech republic": "CZ",
    "czechia": "CZ",
    "holland": "NL",
    "the netherlands": "NL",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country name -> ISO alpha-2, from pycountry plus common news usage."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[" ".join(name_words(value))] = country.alpha_2
    names.update(_COUNTRY_ALIASES)
    return names


def _acronym(form: str) -> str | None:
    """The letters of an all-capitals short form ("USAF", "U.S."), lower-cased."""
    letters = form.replace(".", "").replace(" ", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters.lower()
    return None


def match_keys(entity_type: str, forms: Iterable[str]) -> set[str]:
    """Index keys for an entity known by these forms.

    ``F|n|words`` full name (any family: ``*|n|``), ``PERSON|s|surname``, ``F|a|letters``
    an all-capitals short form, ``F|i|letters`` the initials of a longer name, ``PLACE|c|XX``
    country, ``ORG|h|first-word``.
    """
    fam = family(entity_type)
    keys: set[str] = set()
    for form in forms:
        words = name_words(form)
        if not words:
            continue
        joined = " ".join(words)
        keys.add(f"{fam}|n|{joined}")
        keys.add(f"*|n|{joined}")
        acronym = _acronym(form)
        if acronym:
            keys.add(f"{fam}|a|{acronym}")
        elif len(words) > 1 and fam in ("ORG", "PLACE"):
            # Initials are matched against short forms only, never against another long
            # name with the same initials (Singapore Airlines is not Shanghai Airlines).
            keys.add(f"{fam}|i|{''.join(w[0] for w in words)}")
        if fam == "PERSON" and len(words) > 1:
            keys.add(f"{fam}|s|{words[-1]}")
            # "George W. Bush" and "George Bush": first and last name only.
            keys.add(f"{fam}|n|{words[0]} {words[-1]}")
        if fam == "ORG":
            core = list(words)
            while len(core) > 1 and core[-1] in _DESIGNATORS:
                core.pop()
            keys.add(f"{fam}|n|{' '.join(core)}")
            if len(core) > 1:
                keys.add(f"{fam}|h|{core[0]}")
        if fam == "PLACE":
            code = _countries().get(joined) or (acronym and _countries().get(acronym))
            if code:
                keys.add(f"{fam}|c|{code}")
    return keys


def key_forms(entity: Entity) -> list[str]:
    """The forms an entity is indexed and looked up by.

    A person known by a full name is not indexed by the bare surname it is also called in
    the article: the surname key (``PERSON|s|``) already finds them, and a bare-surname
    name key would join two different people who share it.
    """
    forms = [entity.name, *entity.variants]
    if family(entity.type) == "PERSON" and len(name_words(entity.name)) > 1:
        forms = [f for f in forms if len(name_words(f)) > 1] or [entity.name]
    return forms


def _marks(values: list[str]) -> str:
    return ",".join("?" * len(values))


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


@dataclass
class _Row:
    name: str
    type: str
    article_count: int


@dataclass
class _Pending:
    """One article's registry work: what it read in one go and what it will write in one go.

    ``keys`` and ``rows`` hold every key the article's names can look up and the entities they
    lead to, read with one query each (a store on a server pays one round trip per query),
    and they take the article's own additions at once, so a later name of the article sees
    them as it would see stored rows. The writes are flushed together at the end.
    """

    keys: dict[str, set[str]] = field(default_factory=dict)
    rows: dict[str, _Row] = field(default_factory=dict)
    inserts: dict[str, tuple[str, str]] = field(default_factory=dict)
    new_keys: list[tuple[str, str]] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=dict)
    variants: Counter[tuple[str, str]] = field(default_factory=Counter)


def _lookup_keys(entity: Entity) -> set[str]:
    """Every key ``EntityRegistry.find`` may look this entity up by, read ahead in one query.

    A key missing here is still looked up (``_lookup`` reads what the view lacks), so this
    list only saves round trips; it never changes which entity is found."""
    fam = family(entity.type)
    words = name_words(entity.name)
    keys = match_keys(entity.type, key_forms(entity))
    wanted = set(keys)
    wanted.update(k.replace("|a|", "|i|") for k in keys if "|a|" in k)
    wanted.update(k.replace("|i|", "|a|") for k in keys if "|i|" in k)
    if words:
        wanted.add(f"{fam}|s|{words[0]}")
        wanted.add(f"{fam}|n|{words[-1]}")
        wanted.add(f"{fam}|h|{words[0]}")
        wanted.update(f"{fam}|n|{' '.join(words[:n])}" for n in range(1, len(words)))
    return wanted


class EntityRegistry:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._pending = _Pending()
        self._ensure_keys()

    def _ensure_keys(self) -> None:
        """Index the keys of a store whose entities predate the key table (schema 3)."""
        if self.conn.execute("SELECT 1 FROM entity_keys LIMIT 1").fetchone():
            return
        rows = self.conn.execute(
            "SELECT e.id, e.type, e.name, v.variant FROM entities e "
            "LEFT JOIN entity_variants v ON v.entity_id = e.id"
        ).fetchall()
        for id_, type_, name, variant in rows:
            self._add_keys(id_, type_, [name, variant] if variant else [name])
        self._flush()

    def _read(self, keys: set[str], ids: set[str]) -> None:
        """Load the entities these keys lead to, and these entities, into the pending view."""
        pending = self._pending
        wanted = sorted(k for k in keys if k not in pending.keys)
        for chunk in _chunks(wanted):
            for key in chunk:
                pending.keys[key] = set()
            rows = self.conn.execute(
                f"SELECT key, entity_id FROM entity_keys WHERE key IN ({_marks(chunk)})", chunk
            ).fetchall()
            for key, entity_id_ in rows:
                pending.keys[key].add(str(entity_id_))
                ids.add(str(entity_id_))
        missing = sorted(i for i in ids if i not in pending.rows)
        for chunk in _chunks(missing):
            rows = self.conn.execute(
                f"SELECT id, name, type, article_count FROM entities WHERE id IN ({_marks(chunk)})",
                chunk,
            ).fetchall()
            for id_, name, type_, count in rows:
                pending.rows[str(id_)] = _Row(str(name), str(type_), int(count))

    def _row(self, entity_id_: str) -> _Row | None:
        if entity_id_ not in self._pending.rows:
            self._read(set(), {entity_id_})
        return self._pending.rows.get(entity_id_)

    def _add_keys(self, entity_id_: str, type_: str, forms: Iterable[str]) -> None:
        for key in match_keys(type_, forms):
            known = self._pending.keys.setdefault(key, set())
            if entity_id_ not in known:
                known.add(entity_id_)
                self._pending.new_keys.append((key, entity_id_))

    def _lookup(self, keys: Iterable[str]) -> list[str]:
        keys = set(keys)
        self._read(keys, set())
        return sorted({i for k in keys for i in self._pending.keys.get(k, ())})

    def _choose(self, candidates: list[str], context: set[str]) -> str:
        """Among fitting entities: most co-occurring entities with this article, then biggest."""
        if len(candidates) == 1:
            return candidates[0]
        scored = []
        for candidate in candidates:
            # The co-occurrence join per candidate is bounded: past MAX_CONTEXT_CANDIDATES
            # namesakes, the most reported one is taken.
            shared = (
                self._shared(candidate, context) if len(candidates) <= MAX_CONTEXT_CANDIDATES else 0
            )
            row = self._row(candidate)
            scored.append((shared, row.article_count if row else 0, candidate))
        scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
        return scored[0][2]

    def _shared(self, entity_id_: str, context: set[str]) -> int:
        """How many of ``context`` were named in a stored article with this entity."""
        others = sorted(context - {entity_id_})
        if not others:
            return 0
        marks = ",".join("?" * len(others))
        return int(
            self.conn.execute(
                "SELECT COUNT(DISTINCT m2.entity_id) FROM mentions m1 JOIN mentions m2 "
                "ON m1.article_rowid = m2.article_rowid WHERE m1.entity_id = ? "
                f"AND m2.entity_id IN ({marks})",
                [entity_id_, *others],
            ).fetchone()[0]
        )

    def find(
        self, entity: Entity, context: set[str] | None = None, *, speaker: bool = False
    ) -> str | None:
        """The registry id this entity belongs to, or None if it is new (``speaker``: the
        entity speaks in one of the article's quotes)."""
        context = context or set()
        fam = family(entity.type)
        forms = key_forms(entity)
        words = name_words(entity.name)
        keys = match_keys(entity.type, forms)
        strong = {k for k in keys if k.split("|")[1] in ("n", "c") and k[0] != "*"}
        # A short form looks for long names with its initials, and a long name for short
        # forms of its initials.
        strong.update(k.replace("|a|", "|i|") for k in keys if "|a|" in k)
        strong.update(k.replace("|i|", "|a|") for k in keys if "|i|" in k)
        if fam == "PERSON" and len(words) == 1:
            # Surname only: every known person with that surname (or known by it alone);
            # the article's other entities pick between namesakes.
            strong.add(f"{fam}|s|{words[0]}")
        candidates = self._lookup(strong)
        if fam == "PERSON" and len(words) > 1:
            candidates = [c for c in candidates if self._given_name_fits(c, words)]
        if candidates:
            return self._choose(candidates, context)
        if fam == "PERSON" and len(words) > 1:
            # A full name where only the surname was known so far: that entry takes the name.
            candidates = self._lookup([f"{fam}|n|{words[-1]}"])
            candidates = [c for c in candidates if self._is_single_word(c)]
            if candidates:
                chosen = self._choose(candidates, context)
                self._rename(chosen, entity.name)
                return chosen
        if fam == "ORG":
            # "China Eastern Airlines" after "China Eastern", "Apple Computer" after "Apple".
            for n in range(len(words) - 1, 0, -1):
                candidates = self._lookup([f"{fam}|n|{' '.join(words[:n])}"])
                if candidates:
                    return self._choose(candidates, context)
            if len(words) == 1:
                candidates = self._lookup([f"{fam}|h|{words[0]}"])
                if len(candidates) == 1:
                    return candidates[0]
        # The same name typed differently elsewhere (ORG here, PERSON there): one thing,
        # unless one side is a person and the other a place ("Jordan", "Washington").
        candidates = [
            c
            for c in self._lookup(k for k in keys if k.startswith("*|n|"))
            if {fam, family(self._type(c))} != {"PERSON", "PLACE"}
        ]
        if candidates:
            return self._choose(candidates, context)
        if speaker and fam == "ORG" and len(words) == 1:
            # A surname the recognisers typed ORG ("..., said Zelenskiy in his address")
            # that speaks in the article's quotes and that no organisation is known by: the
            # known person of that surname who shares company with this article.
            people = self._lookup([f"PERSON|s|{words[0]}"])
            person = self._choose(people, context) if people else None
            if person is not None and self._shared(person, context):
                return person
        return None

    def _rename(self, entity_id_: str, name: str) -> None:
        """A surname-only entry takes the full name it turned out to have."""
        row = self._row(entity_id_)
        if row is not None:
            row.name = name
        if entity_id_ in self._pending.inserts:
            self._pending.inserts[entity_id_] = (name, self._pending.inserts[entity_id_][1])
        else:
            self.conn.execute("UPDATE entities SET name = ? WHERE id = ?", (name, entity_id_))

    def _type(self, entity_id_: str) -> str:
        row = self._row(entity_id_)
        return row.type if row else ""

    def _given_name_fits(self, entity_id_: str, words: list[str]) -> bool:
        """Two full names of people agree on the given name ("Daniel Kowalski" is not
        "Marek Kowalski"); an initial fits any name it starts ("D. Kowalski")."""
        row = self._row(entity_id_)
        known = name_words(row.name) if row else []
        if len(known) < 2:
            return True
        mine, theirs = words[0], known[0]
        return mine == theirs or (min(len(mine), len(theirs)) == 1 and mine[0] == theirs[0])

    def _is_single_word(self, entity_id_: str) -> bool:
        row = self._row(entity_id_)
        return row is not None and len(name_words(row.name)) == 1

    def assign(self, article: Article) -> None:
        speakers = {q.speaker_entity for q in article.quotes if q.speaker_entity}

        # Unambiguous names first, so that surname-only people (and one-word speakers typed
        # ORG, ``find``) can use them as context.
        def ambiguity(entity: Entity) -> int:
            single = len(name_words(entity.name)) <= 1
            speaking_org = family(entity.type) == "ORG" and entity.name in speakers
            return int(single and (entity.type == "PERSON" or speaking_org))

        pending = self._pending
        keys: set[str] = set()
        for entity in article.entities:
            keys |= _lookup_keys(entity)
        self._read(keys, {entity_id(e.name, e.type) for e in article.entities})
        context: set[str] = set()
        counted: set[str] = set()
        for entity in sorted(article.entities, key=ambiguity):
            speaker = entity.name in speakers
            found = self.find(entity, context, speaker=speaker)
            if (
                speaker
                and found is not None
                and family(entity.type) == "ORG"
                and self._type(found) == "PERSON"
            ):
                # A speaking "organisation" filed under a person is that person ("said
                # Zelenskiy"). Other names typed differently keep the article's type: the
                # registry's type is only the first one seen, which may be the wrong one.
                entity.type = "PERSON"
            if found is None:
                found = entity_id(entity.name, entity.type)
                if found not in pending.rows:
                    pending.rows[found] = _Row(entity.name, entity.type, 0)
                    pending.inserts[found] = (entity.name, entity.type)
            entity.id = found
            context.add(found)
            # Keys under the type the registry files the entity under, which the next lookup
            # of this name in that family will use.
            self._add_keys(found, self._type(found) or entity.type, key_forms(entity))
            delta = pending.counts.setdefault(found, [0, 0])
            delta[0] += len(entity.mentions)
            delta[1] += int(found not in counted)
            pending.rows[found].article_count += int(found not in counted)
            counted.add(found)
            for mention in entity.mentions:
                pending.variants[(found, " ".join(mention.text.split()))] += 1
        self._flush()

    def _flush(self) -> None:
        """Write what the article added, one statement per kind, and forget the view."""
        pending = self._pending
        if pending.inserts:
            self.conn.executemany(
                "INSERT OR IGNORE INTO entities(id, name, type) VALUES (?, ?, ?)",
                [(i, name, type_) for i, (name, type_) in pending.inserts.items()],
            )
        if pending.new_keys:
            self.conn.executemany(
                "INSERT OR IGNORE INTO entity_keys(key, entity_id) VALUES (?, ?)", pending.new_keys
            )
        if pending.counts:
            self.conn.executemany(
                "UPDATE entities SET mention_count = mention_count + ?, "
                "article_count = article_count + ? WHERE id = ?",
                [(m, a, i) for i, (m, a) in pending.counts.items()],
            )
        if pending.variants:
            self.conn.executemany(
                "INSERT INTO entity_variants(entity_id, variant, count) VALUES (?, ?, ?) "
                "ON CONFLICT(entity_id, variant) DO UPDATE SET count = count + excluded.count",
                [(i, variant, n) for (i, variant), n in pending.variants.items()],
            )
        self._pending = _Pending()

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
            # Only a release lowers a count, so the spent variants are these entities' own:
            # looked up by the key's entity_id, not a scan of every variant in the registry.
            self.conn.execute(
                "DELETE FROM entity_variants WHERE entity_id = ? AND count <= 0", (entity_id_,)
            )
