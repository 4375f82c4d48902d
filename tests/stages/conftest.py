"""Fixtures for the stage tests: the parse (tests/conftest.py), then entities and quotes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsdesk.record import Article
from newsdesk.stages.entities import EntityRecognizer
from newsdesk.stages.quotes import QuoteExtractor

Analyze = Callable[[str], Article]


@pytest.fixture()
def analyze(parse: Callable[..., Article]) -> Analyze:
    """A text through the parse, the entities stage and the quotes stage."""
    entities, quotes = EntityRecognizer(), QuoteExtractor()

    def _analyze(text: str) -> Article:
        return quotes(entities(parse(text)))

    return _analyze
