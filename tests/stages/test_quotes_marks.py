"""Quote marks in copy that lost its paragraph breaks (texts written for these tests)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from newsdesk.record import Article
from newsdesk.stages.entities import EntityRecognizer
from newsdesk.stages.quotes import QuoteExtractor
from newsdesk.stages.quotes_marks import find_quoted

_RUN_ON = (
    'Coach Lena Brask said: "We did not play well. We will fix it. "The second half was '
    'better and the fans stayed with us." The club plays again on Sunday.'
)


@pytest.mark.parametrize(
    "text,pieces",
    [(_RUN_ON, ["We did not play well. We will fix it.", "The second half was better"])],
)
def test_quotes_marks_new_opening_in_paragraph_ends_the_open_quote(
    text: str, pieces: list[str]
) -> None:
    marked = find_quoted(text)
    spans = [(m.start, m.end) for m in marked]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    found = [text[m.start : m.end] for m in marked]
    for piece in pieces:
        assert any(f.startswith(piece) for f in found)


@pytest.mark.parametrize(
    "text,inner",
    [('"He called it "a disaster" and left," she said.', "a disaster")],
)
def test_quotes_marks_nested_phrase_does_not_split(text: str, inner: str) -> None:
    # An opening mark that follows no sentence end is not a new paragraph's quote: the
    # outer quote is not cut before it.
    first = find_quoted(text)[0]
    assert text[first.start : first.end].startswith("He called it")
    assert inner in text[first.start : first.end]


@pytest.mark.parametrize("text,speaker", [(_RUN_ON, "Lena Brask")])
def test_quotes_marks_run_on_quotes_keep_their_speaker(
    parse: Callable[..., Article], text: str, speaker: str
) -> None:
    article = QuoteExtractor()(EntityRecognizer()(parse(text)))
    quoted = [q for q in article.quotes if q.kind != "indirect"]
    assert len(quoted) == 2
    assert all(q.speaker == speaker for q in quoted)
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.text
