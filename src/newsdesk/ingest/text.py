"""Plain-text inputs: a dump of several articles, split by ``newsdesk.segment``."""

from __future__ import annotations

from collections.abc import Iterator

from newsdesk.ingest.source import InputSource
from newsdesk.record import Article
from newsdesk.segment import detect_truncation, segment_lines


def read_text(source: InputSource, *, split: bool = True) -> Iterator[Article]:
    """Articles from a text input: split into articles, or the whole input as one."""
    if not split:
        text = source.read().strip()
        if text:
            yield Article(
                text=text,
                source=source.name,
                truncated=detect_truncation(text),
                origin="whole input",
            )
        return
    for segment in segment_lines(source.lines()):
        if not segment.paragraphs:
            continue
        yield segment.to_article(source=source.name)
