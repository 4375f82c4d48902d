"""The data that flows: an Article and the spans stages attach to it.

Every span carries ``start``/``end`` character offsets into ``Article.text`` (Python str
indices), so ``article.text[span.start:span.end] == span.text`` always holds. Stages never
rewrite ``text``; see ``newsdesk.text`` for the offset-preserving normalisation they use.

``to_dict`` gives exactly the record of the contract in DESIGN.md; ``from_dict`` reads it back.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class Mention:
    """A piece of article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    """One real-world thing named in an article, with every mention of it."""

    name: str
    type: str
    variants: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # The corpus registry's id once the article is stored (not part of the analyze record).
    id: str | None = None


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    kind: str  # direct | partial | indirect
    speaker: str | None = None
    speaker_entity: str | None = None
    speaker_mention: Mention | None = None
    cue: str | None = None


@dataclass(slots=True)
class DateRef:
    text: str
    start: int
    end: int
    value: str | None
    type: str  # DATE | TIME | DURATION | SET
    # What a relative expression needs to be resolved when there is no publication date.
    anchor: str | None = None


@dataclass(slots=True)
class Place:
    name: str
    text: str
    start: int
    end: int
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    # Region, city, country ...: what kind of place the GeoNames entry is.
    feature: str | None = None


@dataclass(slots=True)
class Topic:
    label: str
    score: float


# Fields of the contract, in the order records are printed.
RECORD_FIELDS = (
    "id",
    "source",
    "url",
    "title",
    "published",
    "language",
    "text",
    "truncated",
    "captions",
    "entities",
    "quotes",
    "dates",
    "places",
    "demonyms",
    "topics",
    "story",
    "duplicate_of",
)


def content_hash(text: str) -> str:
    """A stable id for a text: the same article text always gets the same hash."""
    normalized = " ".join(text.split())
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One news article and everything the stages found in it."""

    text: str
    id: str = ""
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str = "en"
    truncated: bool = False
    captions: list[str] = field(default_factory=list)
    deck: str | None = None
    byline: str | None = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # Adjectives and demonyms ("Turkish", "Iraqis") linked to their country (or continent):
    # a Place whose text is the adjective, kept apart from the places the article names.
    demonyms: list[Place] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    story: str | None = None
    duplicate_of: str | None = None
    # Where the article came from inside its input: a line number or record number.
    origin: str | None = None
    # Working state shared by stages during a pipeline run; never serialised.
    doc: Any = field(default=None, repr=False, compare=False)
    assigned: set[str] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.text)

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        """The contract record (DESIGN.md), plus the optional deck and byline."""
        out: dict[str, Any] = {}
        for name in RECORD_FIELDS:
            value = getattr(self, name)
            if isinstance(value, list):
                value = [asdict(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
            out[name] = value
        for entity in out["entities"]:
            entity.pop("id", None)
        if self.deck is not None:
            out["deck"] = self.deck
        if self.byline is not None:
            out["byline"] = self.byline
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)} - {"doc", "assigned"}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["entities"] = [
            Entity(
                name=e["name"],
                type=e["type"],
                variants=list(e.get("variants", [])),
                mentions=[Mention(**m) for m in e.get("mentions", [])],
                id=e.get("id"),
            )
            for e in data.get("entities", [])
        ]
        kwargs["quotes"] = [
            Quote(
                **{
                    **q,
                    "speaker_mention": Mention(**q["speaker_mention"])
                    if q.get("speaker_mention")
                    else None,
                }
            )
            for q in data.get("quotes", [])
        ]
        kwargs["dates"] = [DateRef(**d) for d in data.get("dates", [])]
        kwargs["places"] = [Place(**p) for p in data.get("places", [])]
        kwargs["demonyms"] = [Place(**p) for p in data.get("demonyms", [])]
        kwargs["topics"] = [Topic(**t) for t in data.get("topics", [])]
        return cls(**kwargs)

    def spans(self) -> list[tuple[str, int, int]]:
        """Every (text, start, end) the record holds: what the offset invariant covers."""
        out: list[tuple[str, int, int]] = []
        for e in self.entities:
            out.extend((m.text, m.start, m.end) for m in e.mentions)
        for q in self.quotes:
            out.append((q.text, q.start, q.end))
            if q.speaker_mention is not None:
                m = q.speaker_mention
                out.append((m.text, m.start, m.end))
        out.extend((d.text, d.start, d.end) for d in self.dates)
        out.extend((p.text, p.start, p.end) for p in self.places)
        out.extend((p.text, p.start, p.end) for p in self.demonyms)
        return out
