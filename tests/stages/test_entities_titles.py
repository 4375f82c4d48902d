"""People found from a title before a name or a role after it (sentences written for these
tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsdesk.record import Article
from newsdesk.stages.entities import EntityRecognizer
from newsdesk.stages.entities_titles import appositive_names, titled_names


def _people(article: Article) -> list[str]:
    return [e.name for e in article.entities if e.type == "PERSON"]


@pytest.mark.parametrize(
    "text,person",
    [
        ("Mayor Ana Ruiz opened the bridge in Seville on Monday.", "Ana Ruiz"),
        ("Ana Ruiz, the mayor of Seville, opened the bridge on Monday.", "Ana Ruiz"),
        ("Superintendent Mia Torvik closed the school on Tuesday.", "Mia Torvik"),
        ("Valedictorian Maria Delgado thanked her teachers.", "Maria Delgado"),
    ],
)
def test_entities_titles_person_the_recognisers_miss(
    parse: Callable[..., Article], text: str, person: str
) -> None:
    article = EntityRecognizer()(parse(text))
    assert person in _people(article)
    entity = next(e for e in article.entities if e.name == person)
    for mention in entity.mentions:
        assert article.text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text,name",
    [
        ("Sheriff Tom Vance closed the road.", "Tom Vance"),
        ("The game was over, said head coach Ron Beasley.", "Ron Beasley"),
    ],
)
def test_entities_titles_name_after_title(
    parse: Callable[..., Article], text: str, name: str
) -> None:
    doc = parse(text).doc
    assert name in [text[s:e] for _, s, e in titled_names(doc)]


@pytest.mark.parametrize(
    "text,name",
    [
        ("Lena Ortiz, 34, was arrested near the station.", "Lena Ortiz"),
        ("Tomas Brenner, the chief executive of the railway, resigned.", "Tomas Brenner"),
        ("Mia Torvik, a spokeswoman for the district, said it would reopen.", "Mia Torvik"),
    ],
)
def test_entities_titles_name_before_role_or_age(
    parse: Callable[..., Article], text: str, name: str
) -> None:
    doc = parse(text).doc
    assert name in [text[s:e] for s, e in appositive_names(doc)]


@pytest.mark.parametrize(
    "text,not_person",
    [
        ("Coach Class fares fell in June.", "Class"),
        ("Mr Justice Paul Brandt ruled for the tenants.", "Justice Paul Brandt"),
        ("Queen Mary Hospital said the ward was full.", "Mary Hospital"),
        ("Valedictorian Maria Delgado thanked her teachers.", "Valedictorian Maria Delgado"),
    ],
)
def test_entities_titles_no_person_from_title_words_or_places(
    parse: Callable[..., Article], text: str, not_person: str
) -> None:
    article = EntityRecognizer()(parse(text))
    assert not_person not in _people(article)
    assert all(e.name != "Valedictorian" for e in article.entities)
