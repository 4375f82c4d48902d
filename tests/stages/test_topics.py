"""The topics stage: labels from the shipped hashed model, scores sorted, empty text empty."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsdesk.record import Article, Topic
from newsdesk.stages import DEFAULT_STAGES, create_stage
from newsdesk.stages.topics import (
    MODEL_DIR,
    TopicClassifier,
    choose_topics,
    features,
    hashed_counts,
    hashed_row,
    load_model,
)

SAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "data" / "sample" / "articles.json"
)


@pytest.fixture(scope="module")
def classifier() -> TopicClassifier:
    return TopicClassifier()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "United came from behind to beat City 3-2 in Saturday's league match, with the "
            "striker scoring twice in the second half. The manager praised his players after "
            "the win lifted the club to third in the table, two points behind the champions.",
            "sport",
        ),
        (
            "The central bank raised interest rates by a quarter of a percentage point on "
            "Thursday, saying inflation and consumer spending remained too strong. Shares in "
            "banks rose and the currency gained against the dollar as investors and economists "
            "weighed the outlook for company profits and growth.",
            "business",
        ),
        (
            "The prime minister faced angry questions from opposition MPs in parliament over "
            "the government's plans for the health service, ahead of the general election. "
            "The party leader said voters would reject the proposals and called for a vote.",
            "politics",
        ),
        (
            "The actress won best film at the awards ceremony on Sunday night, beating the "
            "favourite, a musical from a Hollywood director. The singer's new album and the "
            "comedy show also picked up prizes in front of a star-studded audience.",
            "entertainment",
        ),
        (
            "The software company released a new version of its mobile phone operating system, "
            "with faster broadband downloads and better security against viruses. Users of the "
            "handsets can now play online games and store music and photos on the device.",
            "tech",
        ),
    ],
)
def test_topics_top_label(classifier: TopicClassifier, text: str, label: str) -> None:
    article = classifier(Article(text=text))
    assert article.topics, "a news-like text gets at least one topic"
    assert article.topics[0].label == label
    assert article.topics[0].score >= 0.5
    assert "topics" in article.assigned


@pytest.mark.parametrize(
    "text",
    [
        "The striker signed a new contract with the club, and the company that sponsors the "
        "team reported record profits and a rise in its share price.",
        "Ministers met to discuss the film industry's tax relief.",
    ],
)
def test_topics_scores_sorted_in_unit_range(classifier: TopicClassifier, text: str) -> None:
    topics = classifier(Article(text=text)).topics
    assert 1 <= len(topics) <= 2
    scores = [t.score for t in topics]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert all(s == round(s, 3) for s in scores)
    assert len({t.label for t in topics}) == len(topics)
    if len(topics) == 2:
        assert topics[1].score >= 0.3


@pytest.mark.parametrize("text", ["", "   \n ", "- . -"])
def test_topics_empty_text_gives_none(classifier: TopicClassifier, text: str) -> None:
    assert classifier(Article(text=text)).topics == []


@pytest.mark.parametrize(
    "text",
    [
        "Heavy snow closed mountain roads overnight and forecasters warned of avalanches, "
        "with temperatures expected to fall well below freezing across the valleys by the "
        "weekend. Rescue teams were on standby near the villages.",
    ],
)
def test_topics_none_when_words_say_little(classifier: TopicClassifier, text: str) -> None:
    # A weather story is none of the five topics: no label rather than a confident wrong one.
    assert classifier(Article(text=text)).topics == []
    always = TopicClassifier(min_evidence=0.0)
    assert len(always(Article(text=text)).topics) >= 1


@pytest.mark.parametrize(
    ("probs", "expected"),
    [
        ([0.1, 0.6, 0.3, 0.0, 0.0], [Topic("b", 0.6), Topic("c", 0.3)]),
        ([0.05, 0.9, 0.05, 0.0, 0.0], [Topic("b", 0.9)]),
    ],
)
def test_topics_second_label_only_when_likely(probs: list[float], expected: list[Topic]) -> None:
    assert choose_topics(np.array(probs), "abcde", 0.3) == expected


@pytest.mark.parametrize("size", [3])
def test_topics_pipe_matches_call(classifier: TopicClassifier, size: int) -> None:
    texts = [
        "The Treasury said the budget deficit would narrow as tax receipts rose.",
        "The goalkeeper saved a late penalty to keep the cup tie goalless.",
        "",
        "A new chip promises laptops that run for days on one battery charge.",
    ]
    piped = [a.topics for a in classifier.pipe([Article(text=t) for t in texts], batch_size=size)]
    single = [classifier(Article(text=t)).topics for t in texts]
    assert piped == single


@pytest.mark.parametrize("title", ["Rate rise hits mortgage holders"])
def test_topics_reads_the_title(classifier: TopicClassifier, title: str) -> None:
    text = "The change takes effect next month."
    with_title = classifier(Article(text=text, title=title)).topics
    assert with_title and with_title[0].label == "business"


@pytest.mark.parametrize("name", ["topics"])
def test_topics_registered_and_default(name: str) -> None:
    assert name in DEFAULT_STAGES
    stage = create_stage(name, n_process=2)
    assert stage.requires == () and stage.assigns == ("topics",)


def test_topics_model_is_shipped_and_small() -> None:
    folder = MODEL_DIR
    assert sum(f.stat().st_size for f in folder.iterdir()) < 2_000_000
    model = load_model()
    assert model.labels == ("business", "entertainment", "politics", "sport", "tech")
    assert model.weights.shape == (5, model.n_features)
    assert model.meta["train_fingerprint"]


def _sample_texts(n: int, seed: int) -> list[str]:
    """News-like texts from the bundled sample's paragraphs (1-6 each, shuffled), plus edges."""
    articles = json.loads(SAMPLE.read_text(encoding="utf-8"))
    paragraphs = [p for a in articles for p in a["paragraphs"]]
    rng = random.Random(seed)
    texts = ["\n\n".join(rng.sample(paragraphs, rng.randint(1, 6))) for _ in range(n)]
    texts += [a["title"] or "" for a in articles]
    return [*texts, "", "-", "x y", "Zürich ÉCOLE été 東京 タワー", "the the the the"]


@pytest.mark.parametrize("n", [300])
def test_topics_numpy_path_equals_scikit_learn(n: int) -> None:
    # The stage hashes and weighs without scikit-learn; the scores must be the same floats as
    # the trainer's scikit-learn features (HashingVectorizer + normalize) times the weights.
    pytest.importorskip("sklearn")
    model = load_model()
    texts = _sample_texts(n, seed=11)
    x = features(texts, model.n_features, model.idf)
    evidence = np.asarray(x @ model.weights.T)
    logits = evidence + model.intercepts
    best = logits.argmax(axis=1)
    logits -= logits.max(axis=1, keepdims=True)
    expected = np.exp(logits)
    expected /= expected.sum(axis=1, keepdims=True)
    probs, support = model.probabilities(texts)
    assert len(texts) > n
    np.testing.assert_array_equal(probs, expected)
    np.testing.assert_array_equal(support, evidence[np.arange(len(texts)), best])
    for text in texts[:20]:
        buckets, counts = hashed_row(text, model.n_features)
        row = hashed_counts([text], model.n_features)
        np.testing.assert_array_equal(buckets, np.sort(row.indices))
        assert counts.sum() == row.sum()


def test_topics_stage_imports_no_scikit_learn() -> None:
    # Importing scikit-learn (and scipy) costs ~100 MB of peak memory in `analyze`.
    code = (
        "import sys; from newsdesk.record import Article; "
        "from newsdesk.stages.topics import TopicClassifier; "
        "TopicClassifier()(Article(text='Shares rose as the bank cut rates.')); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
