"""Article text and search snippets as safe HTML.

Article text is untrusted: every piece of it goes through ``markupsafe.escape`` before any
markup is added, and attribute values are escaped too. Annotations are drawn in two layers so
the markup always nests: quotes outside, and inside them one inline span at a time (an entity
mention, a place, a date or a speaker mention; spans with the same offsets are merged into one
element). Offsets index ``article.text`` directly, and the text is shown with
``white-space: pre-wrap`` so paragraphs stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from newsdesk.record import Article
from newsdesk.store.queries import MARK_CLOSE, MARK_OPEN


@dataclass
class Inline:
    """One inline annotation: what the reader sees on hover and where a click goes."""

    start: int
    end: int
    classes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    href: str | None = None
    data: dict[str, str] = field(default_factory=dict)

    def merge(self, other: Inline) -> None:
        self.classes.extend(c for c in other.classes if c not in self.classes)
        self.notes.extend(n for n in other.notes if n not in self.notes)
        self.href = self.href or other.href
        for key, value in other.data.items():
            self.data.setdefault(key, value)


@dataclass
class QuoteMark:
    start: int
    end: int
    index: int
    note: str


def entity_href(entity_id: str | None, name: str) -> str:
    """The entity's page when it is in the registry; a search for its name otherwise."""
    if entity_id:
        return f"/entities/{url_quote(entity_id, safe='')}"
    return f"/search?entity={url_quote(name, safe='')}"


def _inlines(article: Article) -> list[Inline]:
    by_range: dict[tuple[int, int], Inline] = {}

    def add(item: Inline) -> None:
        if not 0 <= item.start < item.end <= len(article.text):
            return
        key = (item.start, item.end)
        if key in by_range:
            by_range[key].merge(item)
        else:
            by_range[key] = item

    for entity in article.entities:
        note = f"{entity.type} · {entity.name}"
        for mention in entity.mentions:
            add(
                Inline(
                    mention.start,
                    mention.end,
                    ["ent", f"ent-{entity.type}"],
                    [note],
                    entity_href(entity.id, entity.name),
                    {"entity": entity.id or entity.name},
                )
            )
    for place in article.places:
        where = ", ".join(x for x in (place.name, place.country_code) if x)
        if place.lat is not None and place.lon is not None:
            where += f" ({place.lat:.2f}, {place.lon:.2f})"
        add(Inline(place.start, place.end, ["place"], [f"place · {where}"]))
    for date in article.dates:
        value = date.value or "unresolved"
        add(Inline(date.start, date.end, ["date"], [f"{date.type} · {value}"]))
    for number, quote in enumerate(article.quotes):
        said_by = quote.speaker_mention
        if said_by is not None:
            add(
                Inline(
                    said_by.start,
                    said_by.end,
                    ["speaker"],
                    [f"speaker of quote {number + 1}"],
                    data={"quote": str(number)},
                )
            )
    # One layer: keep the earliest, then the longest, of any overlapping inline spans.
    chosen: list[Inline] = []
    for item in sorted(by_range.values(), key=lambda i: (i.start, -i.end)):
        if chosen and item.start < chosen[-1].end:
            continue
        chosen.append(item)
    return chosen


def _quotes(article: Article) -> list[QuoteMark]:
    chosen: list[QuoteMark] = []
    ordered = sorted(enumerate(article.quotes), key=lambda q: (q[1].start, -q[1].end))
    for number, quote in ordered:
        if not 0 <= quote.start < quote.end <= len(article.text):
            continue
        if chosen and quote.start < chosen[-1].end:
            continue
        who = quote.speaker or "unknown speaker"
        note = f"quote {number + 1} ({quote.kind}) · {who}"
        if quote.cue:
            note += f" · {quote.cue}"
        chosen.append(QuoteMark(quote.start, quote.end, number, note))
    return chosen


def _open_inline(item: Inline) -> str:
    tag = "a" if item.href else "span"
    attrs = [
        f'class="{escape(" ".join(item.classes))}"',
        f'title="{escape(" | ".join(item.notes))}"',
    ]
    if item.href:
        attrs.append(f'href="{escape(item.href)}"')
    for key, value in item.data.items():
        attrs.append(f'data-{key}="{escape(value)}"')
    return f"<{tag} {' '.join(attrs)}>"


def annotate(article: Article) -> Markup:
    """The article text as HTML with every annotation highlighted, hoverable and linked."""
    text = article.text
    inlines = _inlines(article)
    quotes = _quotes(article)
    bounds = {0, len(text)}
    for item in inlines:
        bounds.update((item.start, item.end))
    for mark in quotes:
        bounds.update((mark.start, mark.end))
    points = sorted(bounds)
    out: list[str] = []
    q_at = 0
    i_at = 0
    open_quote: QuoteMark | None = None
    open_inline: Inline | None = None
    for left, right in pairwise(points):
        while q_at < len(quotes) and quotes[q_at].end <= left:
            q_at += 1
        while i_at < len(inlines) and inlines[i_at].end <= left:
            i_at += 1
        quote = quotes[q_at] if q_at < len(quotes) and quotes[q_at].start <= left else None
        inline = inlines[i_at] if i_at < len(inlines) and inlines[i_at].start <= left else None
        if quote is not open_quote:
            if open_inline is not None:
                out.append("</a>" if open_inline.href else "</span>")
                open_inline = None
            if open_quote is not None:
                out.append("</q>")
            if quote is not None:
                out.append(
                    f'<q class="quote" data-quote="{quote.index}" title="{escape(quote.note)}">'
                )
            open_quote = quote
        if inline is not open_inline:
            if open_inline is not None:
                out.append("</a>" if open_inline.href else "</span>")
            if inline is not None:
                out.append(_open_inline(inline))
            open_inline = inline
        out.append(str(escape(text[left:right])))
    if open_inline is not None:
        out.append("</a>" if open_inline.href else "</span>")
    if open_quote is not None:
        out.append("</q>")
    return Markup("".join(out))


def highlight(snippet: str) -> Markup:
    """A search snippet with its private-use marks turned into <mark>, after escaping.

    Marks are paired up in order; a stray one (an article that contained the character
    itself) is dropped rather than leaving a tag open.
    """
    escaped = str(escape(snippet))
    out: list[str] = []
    inside = False
    for char in escaped:
        if char == MARK_OPEN:
            if not inside:
                out.append("<mark>")
                inside = True
        elif char == MARK_CLOSE:
            if inside:
                out.append("</mark>")
                inside = False
        else:
            out.append(char)
    if inside:
        out.append("</mark>")
    return Markup("".join(out))
