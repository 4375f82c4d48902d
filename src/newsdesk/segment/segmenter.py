"""Stream a dump into Segments: one pass, one article plus three lines of lookahead in memory.

Each dump line is one of: blank, a separator ("* * *"), a caption or photo credit, or a body
line. Captions go to the article being built. At every other line the boundary model
(``newsdesk.segment.model``) scores "a new article starts here" from the junction features
(``newsdesk.segment.features``); the line then becomes the new article's title, deck, byline
or first paragraph, or the next paragraph of the current one.

Three rules override the model: the first body line of an input always starts an article; a
paragraph that opens with a quote mark right after a paragraph that left a quotation open (the
house style for quotes that run over several paragraphs) never starts one; and neither does
the line under a headline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsdesk.record import Article
from newsdesk.segment import lines as shape
from newsdesk.segment.features import ArticleState, DumpState, LineInfo, describe, junction
from newsdesk.segment.model import BoundaryModel, load_model


@dataclass(slots=True)
class Segment:
    """One article found in a dump, with the (0-based) dump lines it spans."""

    first_line: int
    last_line: int
    paragraphs: list[str] = field(default_factory=list)
    paragraph_lines: list[int] = field(default_factory=list)
    title: str | None = None
    title_line: int | None = None
    deck: str | None = None
    deck_line: int | None = None
    byline: str | None = None
    byline_line: int | None = None
    # "WASHINGTON (AP) \u2014" at the start of the lede; it stays in the text as well.
    dateline: str | None = None
    captions: list[str] = field(default_factory=list)
    caption_lines: list[int] = field(default_factory=list)
    truncated: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_article(self, *, source: str | None = None, published: str | None = None) -> Article:
        return Article(
            text=self.text,
            source=source,
            title=self.title,
            published=published,
            truncated=self.truncated,
            captions=list(self.captions),
            deck=self.deck,
            byline=self.byline,
            origin=f"lines {self.first_line + 1}-{self.last_line + 1}",
        )


@dataclass(slots=True)
class _Item:
    number: int
    text: str
    caption: bool
    info: LineInfo | None


# Body lines read ahead of the one being decided: enough to see past a deck and a byline to
# the lede under a headline.
LOOKAHEAD = 3

# Called at each scored junction with (features, line number); training uses it to collect
# examples and to force the gold decision (returning True/False), inference leaves it None.
Oracle = Callable[[dict[str, float], int], bool]


# Only real line ends: str.splitlines() also splits at form feeds and U+2028, which would
# shift line numbers against what an editor (and the gold files) count.
_LINE_END = re.compile(r"\r\n|\r|\n")


def _scan(lines: Iterable[str]) -> Iterator[_Item]:
    blanks = 0
    separator = False
    for number, raw in enumerate(lines):
        text = shape.clean_line(raw)
        if not text:
            blanks += 1
            continue
        if shape.is_separator(text):
            separator = True
            continue
        if shape.is_caption(text):
            yield _Item(number, text, True, None)
            continue
        yield _Item(number, text, False, describe(number, text, blanks, separator))
        blanks = 0
        separator = False


class _Builder:
    def __init__(self, model: BoundaryModel, threshold: float, oracle: Oracle | None) -> None:
        self.model = model
        self.threshold = threshold
        self.oracle = oracle
        self.dump = DumpState()
        self.segment: Segment | None = None
        self.state = ArticleState()

    def caption(self, item: _Item) -> None:
        if self.segment is None:
            self.segment = Segment(first_line=item.number, last_line=item.number)
        self.segment.captions.append(item.text)
        self.segment.caption_lines.append(item.number)
        self.segment.last_line = item.number

    def body(self, item: _Item, ahead: list[LineInfo]) -> Iterator[Segment]:
        info = item.info
        after = ahead[0] if ahead else None
        assert info is not None
        start = self.segment is None
        if self.segment is not None and self.state.last is not None:
            if self.state.open_quote and info.starts_quote:
                start = False
            elif (
                self.state.has_title
                and self.state.n_paragraphs == 0
                and (not info.headline or shape.is_kicker(info.text) or shape.is_byline(info.text))
            ):
                # A headline with nothing under it is no article: what follows is its deck,
                # byline or lede. (Two headline-shaped lines in a row are left to the model:
                # the first may be a list item or a cut line taken for a headline.)
                start = False
            else:
                features = junction(self.state, info, ahead, self.dump)
                if self.oracle is not None:
                    start = self.oracle(features, info.number)
                else:
                    start = self.model.score(features) >= self.threshold
            self.dump.junctions += 1
            self.dump.blank_junctions += 1 if info.blanks_before else 0
        if start:
            yield from self.finish()
            self.segment = Segment(first_line=info.number, last_line=info.number)
        assert self.segment is not None
        kind = self._kind(info, after)
        seg = self.segment
        if kind == "title":
            seg.title, seg.title_line = info.text, info.number
        elif kind == "deck":
            seg.deck, seg.deck_line = info.text, info.number
        elif kind == "byline":
            seg.byline, seg.byline_line = info.text, info.number
        else:
            if not seg.paragraphs:
                seg.dateline = shape.dateline(info.text)
            seg.paragraphs.append(info.text)
            seg.paragraph_lines.append(info.number)
        seg.last_line = info.number
        self.state.add(info, kind)

    def _kind(self, info: LineInfo, after: LineInfo | None) -> str:
        seg = self.segment
        assert seg is not None
        if seg.paragraphs:
            return "paragraph"
        text = info.text
        if self.state.last is None and info.headline and after is not None:
            return "title"
        if seg.byline is None and shape.is_byline(text):
            return "byline"
        if seg.deck is None and shape.is_kicker(text) and after is not None:
            return "deck"
        # A standfirst between the headline and the byline.
        if (
            seg.title is not None
            and seg.deck is None
            and seg.byline is None
            and after is not None
            and shape.is_byline(after.text)
        ):
            return "deck"
        return "paragraph"

    def finish(self) -> Iterator[Segment]:
        seg = self.segment
        if seg is None:
            return
        self.dump.finish(self.state)
        self.segment = None
        self.state = ArticleState()
        yield _finish(seg)


def _finish(seg: Segment) -> Segment:
    # Never lose a line: an article that is only a headline (or deck, or byline) keeps it as
    # its body, in dump order.
    if not seg.paragraphs:
        head = [
            (line, text)
            for line, text in (
                (seg.title_line, seg.title),
                (seg.deck_line, seg.deck),
                (seg.byline_line, seg.byline),
            )
            if line is not None and text is not None
        ]
        head.sort()
        seg.paragraphs = [text for _, text in head]
        seg.paragraph_lines = [line for line, _ in head]
        seg.title = seg.deck = seg.byline = None
        seg.title_line = seg.deck_line = seg.byline_line = None
    seg.truncated = shape.detect_truncation(seg.text)
    return seg


def segment_lines(
    lines: Iterable[str],
    *,
    model: BoundaryModel | None = None,
    threshold: float | None = None,
    oracle: Oracle | None = None,
) -> Iterator[Segment]:
    """Split a dump (an iterable of lines, line ends optional) into articles, streaming.

    ``threshold`` overrides the model's decision threshold (higher: fewer, longer articles).
    ``oracle`` replaces the model's decision at each junction (used to train it).
    """
    model = model or load_model()
    builder = _Builder(model, model.threshold if threshold is None else threshold, oracle)
    # Body lines waiting for their decision (LOOKAHEAD lines ahead), each with the captions
    # that follow it.
    window: list[tuple[_Item, list[_Item]]] = []
    for item in _scan(lines):
        if item.caption:
            if window:
                window[-1][1].append(item)
            else:
                builder.caption(item)
            continue
        window.append((item, []))
        if len(window) == LOOKAHEAD + 1:
            yield from _advance(builder, window)
    while window:
        yield from _advance(builder, window)
    yield from builder.finish()


def _advance(builder: _Builder, window: list[tuple[_Item, list[_Item]]]) -> Iterator[Segment]:
    item, captions = window.pop(0)
    ahead = [later.info for later, _ in window if later.info is not None]
    yield from builder.body(item, ahead)
    for caption in captions:
        builder.caption(caption)


def segment_text(
    text: str, *, model: BoundaryModel | None = None, threshold: float | None = None
) -> list[Segment]:
    """Split a whole dump held in one string (any line ends: \\n, \\r\\n, \\r)."""
    return list(segment_lines(_LINE_END.split(text), model=model, threshold=threshold))


def detect_truncation(text: str) -> bool:
    return shape.detect_truncation(text)
