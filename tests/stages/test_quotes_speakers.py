"""Speakers of quotes: role words before a name, clauses hung on the reported speech, and
surnames the recognisers did not tag (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsdesk.record import Article, Quote
from newsdesk.stages.entities import EntityRecognizer
from newsdesk.stages.quotes import QuoteExtractor

# A text through the parse, entities and quotes (the `analyze` fixture, conftest.py).
Analyze = Callable[[str], Article]


def _find(article: Article, fragment: str) -> Quote:
    for quote in article.quotes:
        if fragment in quote.text:
            return quote
    raise AssertionError(f"no quote with {fragment!r} in {[q.text for q in article.quotes]}")


def _offsets_hold(article: Article) -> None:
    for text, start, end in article.spans():
        assert article.text[start:end] == text


@pytest.mark.parametrize(
    "text,fragment,speaker,mention",
    [
        (
            '"Stairs are the real test," said co-founder and chief executive Simone Gerber.',
            "real test",
            "Simone Gerber",
            "co-founder and chief executive Simone Gerber",
        ),
        (
            '"The firm will survive," said lobbyist and GOP strategist Carla Weiss.',
            "firm will survive",
            "Carla Weiss",
            "lobbyist and GOP strategist Carla Weiss",
        ),
        (
            'The region\'s Finance Minister, Tom Ardley, said: "Taxes will rise in spring."',
            "Taxes will rise",
            "Tom Ardley",
            "The region's Finance Minister, Tom Ardley",
        ),
        (
            "Rail strike looms over pay\n\nTransport union leader Maria Fenwick has warned "
            "that a strike could start next week.",
            "strike could start",
            "Maria Fenwick",
            "Transport union leader Maria Fenwick",
        ),
    ],
)
def test_quotes_speaker_name_beside_role(
    analyze: Analyze, text: str, fragment: str, speaker: str, mention: str
) -> None:
    article = analyze(text)
    quote = _find(article, fragment)
    assert quote.speaker == speaker
    assert quote.speaker_entity == speaker
    assert quote.speaker_mention is not None and quote.speaker_mention.text == mention
    _offsets_hold(article)


@pytest.mark.parametrize(
    "text,fragment,speaker",
    [
        (
            "Daniel Kowalski, a geologist, studied the slope for years. He said similar "
            "cracks existed in several valleys and called for more money for sensors.",
            "money",
            "Daniel Kowalski",
        ),
    ],
)
def test_quotes_speaker_of_cue_hung_on_reported_clause(
    analyze: Analyze, text: str, fragment: str, speaker: str
) -> None:
    article = analyze(text)
    quote = _find(article, fragment)
    assert quote.speaker == speaker
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "He"
    assert all(q.speaker != "similar cracks" for q in article.quotes)
    _offsets_hold(article)


@pytest.mark.parametrize(
    "text,surname,full",
    [
        (
            "Dutch Prime Minister Pieter Holm met the union leaders on Tuesday. Holm "
            'described the talks as "useful" but warned that a deal was far off.',
            "Holm",
            "Pieter Holm",
        ),
    ],
)
def test_quotes_surname_speaker_links_to_person(
    parse: Callable[..., Article], text: str, surname: str, full: str
) -> None:
    article = EntityRecognizer()(parse(text))
    person = next(e for e in article.entities if e.name == full)
    # As where the recognisers missed the surname: only the full name is a mention.
    person.mentions = [m for m in person.mentions if m.text != surname]
    person.variants = [full]
    article = QuoteExtractor()(article)
    quote = _find(article, "deal was far off")
    assert quote.speaker == full
    assert quote.speaker_entity == full
    assert quote.speaker_mention is not None and quote.speaker_mention.text == surname
    at = quote.speaker_mention.start
    assert any(m.start == at and m.text == surname for m in person.mentions)
    assert surname in person.variants
    _offsets_hold(article)


@pytest.mark.parametrize(
    "text,fragment,speaker",
    [
        ('"This bridge took ten years," Mayor Ana Ruiz said.', "ten years", "Ana Ruiz"),
        (
            '"We will not close the school," Superintendent Mia Torvik said on Tuesday.',
            "close the school",
            "Mia Torvik",
        ),
    ],
)
def test_quotes_titled_speaker_is_person_entity(
    analyze: Analyze, text: str, fragment: str, speaker: str
) -> None:
    article = analyze(text)
    quote = _find(article, fragment)
    assert quote.speaker_entity == speaker
    person = next(e for e in article.entities if e.name == speaker)
    assert person.type == "PERSON"
    _offsets_hold(article)


@pytest.mark.parametrize(
    "text,writer",
    [
        (
            "Prime Minister Jan Ostrowski said on Friday that he would ask parliament for "
            "a vote of confidence in his cabinet.",
            "said on Friday",
        ),
    ],
)
def test_quotes_cue_in_that_clause_reports_no_words_before_it(
    analyze: Analyze, text: str, writer: str
) -> None:
    article = analyze(text)
    assert article.quotes
    assert all(writer not in q.text for q in article.quotes)
    _offsets_hold(article)


@pytest.mark.parametrize(
    "text,fragment,speaker",
    [
        (
            'The closure of the mine signals "the start of a long decline" for the town, '
            "said Ruth Amsel, head of the miners union.",
            "long decline",
            "Ruth Amsel",
        ),
        (
            'The sale of the harbour signals "a new chapter" for the port, said Ines Kalder, '
            "chair of the trade board.",
            "new chapter",
            "Ines Kalder",
        ),
    ],
)
def test_quotes_inverted_speaker_over_misparsed_subject(
    analyze: Analyze, text: str, fragment: str, speaker: str
) -> None:
    article = analyze(text)
    quote = _find(article, fragment)
    assert quote.speaker == speaker
    assert quote.speaker_mention is not None and quote.speaker_mention.text == speaker
    _offsets_hold(article)


@pytest.mark.parametrize(
    "text,clause",
    [
        (
            'Pieter Holm met the union leaders. Holm described the talks as "useful" but '
            "warned that a deal was far off.",
            'the talks as "useful"',
        ),
    ],
)
def test_quotes_indirect_span_keeps_closing_mark(analyze: Analyze, text: str, clause: str) -> None:
    article = analyze(text)
    assert clause in [q.text for q in article.quotes if q.kind == "indirect"]
    _offsets_hold(article)


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "New Jersey Gov. Chris Christie spoke in Iowa on Monday. The New Jersey governor "
            "said the race was open.",
            "Chris Christie",
        ),
    ],
)
def test_quotes_role_noun_after_abbreviated_title(
    analyze: Analyze, text: str, speaker: str
) -> None:
    quote = _find(analyze(text), "race was open")
    assert quote.speaker_entity == speaker
