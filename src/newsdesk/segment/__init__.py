"""Plain-text dumps into articles: boundaries, titles, decks, bylines, captions, truncation.

A dump is a sequence of lines, usually one paragraph per line, several articles pasted
together with or without blank lines between them. ``segment_lines`` streams it and yields
each ``Segment`` once the next article has started, keeping one article in memory.

- ``lines``: what one line looks like (caption, byline, dateline, headline, sentence end).
- ``features``: the junction features ("does this line start a new article?").
- ``model``: the logistic-regression boundary model, weights in data/segment/boundary.json.
- ``segmenter``: the streaming pass that applies it.
- ``train``: rebuilds the weights from the training split (``python -m newsdesk.segment.train``).
"""

from __future__ import annotations

from newsdesk.segment.lines import is_caption, is_headline
from newsdesk.segment.model import BoundaryModel, load_model
from newsdesk.segment.segmenter import Segment, detect_truncation, segment_lines, segment_text

__all__ = [
    "BoundaryModel",
    "Segment",
    "detect_truncation",
    "is_caption",
    "is_headline",
    "load_model",
    "segment_lines",
    "segment_text",
]
