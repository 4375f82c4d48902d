"""Fixtures for the stage tests: the parse (tests/conftest.py), then entities and quotes, or
the dates stage alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsdesk.record import Article, DateRef
from newsdesk.stages.dates import DateResolver
from newsdesk.stages.entities import EntityRecognizer
from newsdesk.stages.quotes import QuoteExtractor

Analyze = Callable[[str], Article]
ResolveDates = Callable[[str, str | None], list[DateRef]]


@pytest.fixture()
def analyze(parse: Callable[..., Article]) -> Analyze:
    """A text through the parse, the entities stage and the quotes stage."""
    entities, quotes = EntityRecognizer(), QuoteExtractor()

    def _analyze(text: str) -> Article:
        return quotes(entities(parse(text)))

    return _analyze


@pytest.fixture()
def resolve_dates(parse: Callable[..., Article]) -> ResolveDates:
    """A text's time expressions, resolved against a publication day (or none)."""
    resolver = DateResolver()

    def _resolve(text: str, published: str | None) -> list[DateRef]:
        return resolver(parse(text, published=published)).dates

    return _resolve
