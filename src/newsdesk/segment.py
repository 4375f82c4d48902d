"""Plain-text dumps into articles: boundaries, titles, captions and truncation.

A dump is a sequence of lines, usually one paragraph per line, several articles pasted
together with or without blank lines between them. ``segment_lines`` streams it: it reads
lines, yields each ``Segment`` once the next article has started, and keeps only the current
article in memory.

This is the first segmenter: blank lines and headline-shaped lines mark article starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsdesk.record import Article
from newsdesk.text import normalize_typography

CAPTION = re.compile(
    r"^\s*(?:photo|photograph|picture|pictured|image|caption|file photo|video|graphic)"
    r"(?:\s*(?:credit|\(s\)))?\s*[:|/\-]",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^\s*(?:[Bb]y|BY)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*(?:,|and|in)\b.*)?$"
)
SENTENCE_END = re.compile(r"""[.!?]["')\]]*$|[.!?]['"]\s*$""")
ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*$")


@dataclass(slots=True)
class Segment:
    """One article found in a dump, with the (0-based) dump lines it spans."""

    first_line: int
    last_line: int
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    deck: str | None = None
    byline: str | None = None
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


def is_caption(line: str) -> bool:
    return bool(CAPTION.match(line))


def is_headline(line: str) -> bool:
    """A short line in title shape: no sentence-final punctuation, starts with a capital."""
    words = line.split()
    if not words or len(words) > 18:
        return False
    stripped = line.rstrip()
    if stripped[-1] in ".!?,;:\"'" or stripped[-1] in "”’":
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


def open_quotes(text: str) -> bool:
    """True when the text ends inside a double-quoted passage."""
    plain = normalize_typography(text)
    return plain.count('"') % 2 == 1


def detect_truncation(text: str) -> bool:
    """Whether an article's body was cut off: it ends mid-sentence or inside a quote."""
    stripped = text.rstrip()
    if not stripped:
        return False
    last = stripped.rsplit("\n", 1)[-1]
    if ELLIPSIS_END.search(last):
        return True
    if not SENTENCE_END.search(normalize_typography(last)):
        return True
    return open_quotes(last)


def segment_lines(lines: Iterable[str]) -> Iterator[Segment]:
    """Split a dump (an iterable of lines, without line ends) into articles."""
    current: Segment | None = None
    blank_before = True
    for number, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        if is_caption(line):
            if current is None:
                current = Segment(first_line=number, last_line=number)
            current.captions.append(line)
            current.caption_lines.append(number)
            current.last_line = number
            blank_before = False
            continue
        if current is not None and not current.paragraphs and BYLINE.match(line):
            current.byline = line
            current.last_line = number
            blank_before = False
            continue
        starts_article = current is None or (
            is_headline(line) and (blank_before or bool(current.paragraphs))
        )
        if starts_article:
            if current is not None and (current.paragraphs or current.title):
                yield _finish(current)
            current = Segment(first_line=number, last_line=number)
            if is_headline(line):
                current.title = line
            else:
                current.paragraphs.append(line)
        else:
            assert current is not None
            current.paragraphs.append(line)
            current.last_line = number
        blank_before = False
    if current is not None and (current.paragraphs or current.title):
        yield _finish(current)


def segment_text(text: str) -> list[Segment]:
    return list(segment_lines(text.splitlines()))


def _finish(segment: Segment) -> Segment:
    segment.truncated = detect_truncation(segment.text)
    return segment
