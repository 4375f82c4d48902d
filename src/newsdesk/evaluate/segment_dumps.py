"""Synthetic multi-article dumps built from real articles, with their gold segmentation.

Source articles: BBC News (folder = topic, first line = headline) and PolNeAR (first line =
headline; train and dev splits). The split is fixed so that the boundary model can be trained
on one part and scored on a disjoint one:

- ``train``: PolNeAR train + the BBC articles whose path hashes to an even number;
- ``test``:  PolNeAR dev + the other BBC half.

A dump strings several articles together in one of several layouts (one paragraph per line
with no separator, the most common; blank lines between paragraphs; blank lines between
articles; one article per line; a mix with separator lines), often as a run of articles on the
same topic. Some articles are cut after 40-160 words mid-sentence (sometimes with "..." or
"\u2026"), and caption, credit, byline and deck lines are inserted in many styles. Everything is
drawn from one ``random.Random(seed)``, so a seed gives the same dumps on every machine.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import InputError


@dataclass(slots=True)
class Source:
    title: str
    paragraphs: list[str]
    topic: str
    origin: str


@dataclass(slots=True)
class GoldArticle:
    first_line: int
    last_line: int
    body_lines: list[int] = field(default_factory=list)
    caption_lines: list[int] = field(default_factory=list)
    title: str | None = None
    truncated: bool = False


@dataclass(slots=True)
class Dump:
    lines: list[str]
    gold: list[GoldArticle]
    layout: str


_SEPARATOR_LINE = re.compile(r"^\s*(?:[-=*#_~.]\s*){3,}\.?\s*$")


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _article(text: str, topic: str, origin: str) -> Source | None:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not _SEPARATOR_LINE.match(ln)]
    if len(lines) < 2:
        return None
    return Source(title=lines[0], paragraphs=lines[1:], topic=topic, origin=origin)


def load_sources(root: Path, part: str) -> list[Source]:
    """The source articles of one part (``train`` or ``test``), in a stable order."""
    bbc = root / "bbc_news" / "bbc"
    polnear = root / "polnear" / "data"
    if not bbc.is_dir() and not polnear.is_dir():
        raise InputError(
            "expected bbc_news/bbc and/or polnear/data under the eval data folder", source=str(root)
        )
    out: list[Source] = []
    seen: set[str] = set()
    if bbc.is_dir():
        for path in sorted(bbc.glob("*/*.txt")):
            rel = f"{path.parent.name}/{path.name}"
            half = "train" if int(hashlib.sha1(rel.encode()).hexdigest(), 16) % 2 == 0 else "test"
            if half != part:
                continue
            text = _read(path)
            key = hashlib.sha1(" ".join(text.split()).encode()).hexdigest()
            if key in seen:  # the corpus holds ~100 duplicates
                continue
            seen.add(key)
            source = _article(text, path.parent.name, f"bbc/{rel}")
            if source:
                out.append(source)
    split = "train" if part == "train" else "dev"
    for path in sorted((polnear / split / "text").glob("*.txt")):
        source = _article(_read(path), "polnear", f"polnear/{split}/{path.name}")
        if source:
            out.append(source)
    return out


# --- captions, credits, bylines, decks ---------------------------------------------------

_FIRST = (
    "Anna Ben Carlos Dmitri Elena Fatima Grace Hiro Ines Jamal Kofi Lena Marco Nadia Omar Priya"
)
_LAST = (
    "Okafor Lindqvist Moreau Tanaka Kowalski Haddad Brennan Silva Novak Fischer Osei Reyes Dubois"
)
_AGENCY = [
    "Reuters", "AP", "AFP", "Getty Images", "EPA", "PA Media", "Shutterstock", "Bloomberg",
    "AFP via Getty Images", "Alamy", "Anadolu Agency", "Xinhua", "EPA-EFE", "Rex Features",
]  # fmt: skip
_SUBJECT = [
    "Protesters", "Supporters", "Firefighters", "Delegates", "Shoppers", "Fans", "Workers",
    "Residents", "Police officers", "Students", "Rescue teams", "Voters", "The minister",
    "The chief executive", "The singer", "The striker", "Lawmakers", "Farmers",
]  # fmt: skip
_ACTION = [
    "gather outside", "wave flags near", "queue outside", "walk past", "leave",
    "arrive at", "celebrate in", "march through", "speak to reporters at", "wait outside",
    "clear debris near", "pose for photographers at",
]  # fmt: skip
_PLACE = [
    "the parliament building", "the central station", "a polling station", "the stadium",
    "the company headquarters", "the city hall", "a factory", "the high court",
    "a flooded street", "the main square", "the conference centre", "the White House",
]  # fmt: skip
_WHEN = ["on Monday", "on Tuesday", "last week", "earlier this month", "in March", "on Friday", ""]
_KICKERS = ["DENIAL", "EXCLUSIVE", "ANALYSIS", "UPDATE", "REVEALED", "BREAKING", "OPINION", "PROBE"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST.split())} {rng.choice(_LAST.split())}"


def _scene(rng: random.Random) -> str:
    when = rng.choice(_WHEN)
    text = f"{rng.choice(_SUBJECT)} {rng.choice(_ACTION)} {rng.choice(_PLACE)}"
    return f"{text} {when}".strip()


def make_caption(rng: random.Random) -> str:
    """One caption or credit line, in one of many house styles."""
    name, agency, scene = _name(rng), rng.choice(_AGENCY), _scene(rng)
    styles = [
        f"Photo: {agency}",
        f"Photo: {agency} / {name}",
        f"(Photo: {name}/{agency})",
        f"Picture: {name}/{agency}",
        f"Image caption {scene}",
        f"Image copyright {agency}",
        f"FILE PHOTO: {scene}. {agency.upper()}/{name}",
        f"{name}/{agency}",
        f"Credit: {name} for {agency}",
        f"{scene}. (AP Photo/{name})",
        f"{scene} (AP Photo/{name}, File)",
        f"{scene}. Photograph: {name}/{agency}",
        f"{scene}. Photo by {name}/{agency}",
        f"{scene}. {name}/{agency}",
        f"{scene}. REUTERS/{name}",
        f"{scene} | {agency}",
        f"Pictured: {scene}",
        f"[Photo: {agency}]",
        f"{scene} (Photo: {agency})",
        f"PHOTO: {scene.upper()}",
        f"Photo credit: {name}",
        f"{name} via Getty Images",
        f"{scene}. Credit: {name}/{agency}",
        f"Image: {agency}",
        f"Video: {scene}",
        f"{scene}. Picture: {agency}",
        f"{scene} (Credit: {agency})",
    ]
    return rng.choice(styles)


def make_byline(rng: random.Random) -> str:
    name, agency = _name(rng), rng.choice(["Reuters", "AP", "AFP", "Bloomberg"])
    styles = [
        f"By {name}",
        f"By {name.upper()}",
        f"By {name}, {agency}",
        f"By {name} and {_name(rng)}",
        f"{name} | {agency}",
        f"By {name}, Political Editor",
    ]
    return rng.choice(styles)


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])\s+[A-Z\"'\u201c]", text)
    return match.group(1) if match else text


def make_deck(rng: random.Random, source: Source) -> str:
    """A deck: a kicker and a sentence about the story, or a plain standfirst."""
    body = source.paragraphs[1] if len(source.paragraphs) > 1 else source.paragraphs[0]
    sentence = _first_sentence(body)
    if rng.random() < 0.6:
        return f"{rng.choice(_KICKERS)}: {sentence}"
    return sentence


# --- cutting ---------------------------------------------------------------------------

_CUT_ENDINGS = ["", "", "", "", "...", "...", " ...", "\u2026", "\u2026", " [\u2026]"]


def cut(paragraphs: list[str], rng: random.Random) -> list[str] | None:
    """The article cut mid-sentence after 40-160 words, or None when it is too short."""
    target = rng.randint(40, 160)
    out: list[str] = []
    count = 0
    for paragraph in paragraphs:
        tokens = paragraph.split()
        if count + len(tokens) <= target:
            out.append(paragraph)
            count += len(tokens)
            continue
        keep = max(1, target - count)
        # Move the cut off a sentence end: a feed cut lands mid-sentence.
        while keep < len(tokens) and re.search(r"[.!?][\"'\u201d\u2019)]*$", tokens[keep - 1]):
            keep += 1
        if keep >= len(tokens):
            return None
        piece = " ".join(tokens[:keep]).rstrip(",;:-\u2014")
        out.append(piece + rng.choice(_CUT_ENDINGS))
        return out
    return None


# --- dumps -------------------------------------------------------------------------------

LAYOUTS = {
    # layout: share of dumps. Run-on text (no separator at all) is what users paste most.
    "run-on": 0.50,
    "blank-paragraphs": 0.12,
    "blank-articles": 0.10,
    "one-per-line": 0.10,
    "mixed": 0.18,
}


def build_dump(articles: list[Source], rng: random.Random, *, titles: bool | None = None) -> Dump:
    layout = rng.choices(list(LAYOUTS), weights=list(LAYOUTS.values()))[0]
    if titles is None:
        titles = rng.random() < 0.7
    lines: list[str] = []
    gold: list[GoldArticle] = []
    # A syndicated copy or a repost: the same article twice in a row.
    if len(articles) > 1 and rng.random() < 0.05:
        at = rng.randrange(len(articles))
        articles = [*articles[: at + 1], articles[at], *articles[at + 1 :]]
    for k, source in enumerate(articles):
        if k:
            if layout == "blank-paragraphs":
                lines.extend([""] * rng.choice([1, 1, 2]))
            elif layout == "blank-articles":
                lines.append("")
            elif layout == "mixed":
                lines.extend(
                    rng.choice([[], [], [""], ["", ""], ["* * *"], ["---"], ["", "#####", ""]])
                )
        paragraphs = list(source.paragraphs)
        truncated = False
        if len(paragraphs) > 3 and rng.random() < 0.1:
            # A news brief: the first two or three paragraphs, complete.
            paragraphs = paragraphs[: rng.randint(2, 3)]
        elif rng.random() < 0.4:
            shortened = cut(paragraphs, rng)
            if shortened is not None:
                paragraphs, truncated = shortened, True
        head: list[tuple[str, str]] = []
        if titles:
            title = source.title
            if source.topic == "polnear" and title.endswith(".") and rng.random() < 0.5:
                title = title[:-1]  # PolNeAR stores headlines with an added full stop
            head.append(("title", title))
            if rng.random() < 0.1:
                head.append(("deck", make_deck(rng, source)))
            if rng.random() < 0.15:
                head.append(("byline", make_byline(rng)))
        elif rng.random() < 0.05:
            head.append(
                ("deck", f"{rng.choice(_KICKERS)}: {_first_sentence(source.paragraphs[0])}")
            )
        body: list[tuple[str, str]] = [("paragraph", p) for p in paragraphs]
        if layout == "one-per-line":
            body = [("paragraph", " ".join(paragraphs))]
        elif rng.random() < 0.35 and len(body) > 1:
            for _ in range(rng.choice([1, 1, 2])):
                # After the headline or any paragraph but the last: captions sit inside.
                at = rng.randint(1 if not head else 0, len(body) - 1)
                body.insert(at, ("caption", make_caption(rng)))
        entries = head + body
        article = GoldArticle(first_line=len(lines), last_line=len(lines), truncated=truncated)
        if titles:
            article.title = head[0][1]
        for i, (kind, text) in enumerate(entries):
            if i and layout == "blank-paragraphs":
                lines.append("")
            if kind == "caption":
                article.caption_lines.append(len(lines))
            else:
                article.body_lines.append(len(lines))
            lines.append(text)
        article.last_line = len(lines) - 1
        gold.append(article)
    return Dump(lines=lines, gold=gold, layout=layout)


def _names(source: Source) -> set[str]:
    text = " ".join([source.title, *source.paragraphs[:4]])
    return set(re.findall(r"\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})*", text))


def _story_run(pool: list[Source], size: int) -> list[Source]:
    """Take ``size`` articles from ``pool``: a chain of nearest neighbours by shared names."""
    batch = [pool.pop()]
    while pool and len(batch) < size:
        names = _names(batch[-1])
        window = pool[-40:]
        best = max(range(len(window)), key=lambda i: len(names & _names(window[i])))
        batch.append(pool.pop(len(pool) - len(window) + best))
    return batch


def build_dumps(sources: list[Source], *, seed: int, single_share: float = 0.08) -> Iterator[Dump]:
    """Every source article once, in dumps of 1-12 articles; half the dumps one topic."""
    rng = random.Random(seed)
    by_topic: dict[str, list[Source]] = {}
    for source in sources:
        by_topic.setdefault(source.topic, []).append(source)
    for pool in by_topic.values():
        rng.shuffle(pool)
    while any(by_topic.values()):
        size = 1 if rng.random() < single_share else rng.randint(2, 12)
        topics = [t for t, pool in by_topic.items() if pool]
        if rng.random() < 0.5:
            # A run on one topic: the hard case (shared vocabulary and names); half of these
            # runs follow one story, each article the nearest of 40 candidates to the last.
            pool = by_topic[rng.choice(topics)]
            if rng.random() < 0.5:
                batch = _story_run(pool, size)
            else:
                batch, pool[:] = pool[:size], pool[size:]
        else:
            batch = []
            for _ in range(size):
                topics = [t for t, pool in by_topic.items() if pool]
                if not topics:
                    break
                batch.append(by_topic[rng.choice(topics)].pop())
        if batch:
            yield build_dump(batch, rng)
