"""The faster attribute ruler and lemmatizer give every token the package components' values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.nlp import MODEL
from newsdesk.nlp_rules import AttributeRules, CachedLemmatizer, speed_up_rules
from newsdesk.text import normalize_typography

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "data" / "sample"
# Sentences that reach the ruler's exception rules: two-token lemmas ("gon na", "let 's",
# "y' all"), pronoun case by dependency, "but" as an adverb, main-verb "do"/"have", determiners
# as pronouns, expletive "there", auxiliaries, and whitespace tokens.
EDGES = [
    "I ain't gonna sign it, y'all, and we gotta wait. Let's go. C'mon, she said.",
    "Do you have the figures? I do. They gave it to me, and I gave you it back.",
    "There is no deal yet, but there are talks. It was late; it is done.",
    "That is what he said. Which was it? All but two voted.",
    "The minister  said\n\n\tthe vote , held on Monday , was   fair .\n \n",
    "He has had enough. She did not. They have been told to leave.",
]


@pytest.fixture(scope="module")
def plain() -> Any:
    import spacy

    return spacy.load(MODEL)


def _texts() -> list[str]:
    with (SAMPLE / "articles.jsonl").open(encoding="utf-8") as lines:
        texts = [normalize_typography(json.loads(line)["text"]) for line in lines]
    return texts + EDGES + ["", " ", "\n\n"]


def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.morph.key, t.lemma_, t.dep_, t.head.i) for t in doc
    ]


@pytest.mark.parametrize("swapped", [("attribute_ruler", "lemmatizer")])
def test_nlp_rules_installed(nlp: Any, swapped: tuple[str, ...]) -> None:
    assert isinstance(nlp.get_pipe(swapped[0]), AttributeRules)
    assert isinstance(nlp.get_pipe(swapped[1]), CachedLemmatizer)
    assert speed_up_rules(nlp) == []  # already swapped: nothing to do twice


@pytest.mark.parametrize("cache_size", [200_000, 3])
def test_nlp_rules_same_annotations(plain: Any, cache_size: int) -> None:
    import spacy

    fast = spacy.load(MODEL)
    assert speed_up_rules(fast) == ["attribute_ruler", "lemmatizer"]
    fast.get_pipe("attribute_ruler").CACHE_SIZE = cache_size
    fast.get_pipe("lemmatizer").CACHE_SIZE = cache_size
    texts = _texts()
    for _ in range(2):  # the second pass reads the caches
        for expected, got in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
            assert _annotations(got) == _annotations(expected)


@pytest.mark.parametrize("text", ["I ain't gonna do it, y'all. Let's go."])
def test_nlp_rules_two_token_exceptions(nlp: Any, text: str) -> None:
    lemmas = {t.text: t.lemma_ for t in nlp(text)}
    assert (lemmas["ai"], lemmas["gon"], lemmas["na"], lemmas["'s"]) == ("be", "go", "to", "us")
    assert lemmas["y'"] == "you"
