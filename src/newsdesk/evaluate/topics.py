"""`newsdesk eval topics`: topic labels on the held-out half of bbc_news.

bbc_news (``bbc/<topic>/NNN.txt``, first line the headline, folder the label) is cut into two
fixed halves by a hash of ``<topic>/NNN.txt`` (stages/topics_train.split_bbc); the shipped
model was trained on the even half only, and only the odd half is scored here. The corpus
repeats about a hundred texts: a test article whose text is also in the training half is
dropped, and a text repeated inside the test half is scored once (the notes give the counts).

Rows, all on the same test articles:

- newsdesk: the topics stage as the pipeline runs it (its first label is the prediction; an
  article it gives no topic, for too little evidence, counts as wrong), the share it answers
  and its accuracy there, the log loss and expected calibration error of its probabilities,
  and the share of articles that get a second label (log loss and ECE over every article);
- the model's top label always taken (``min_evidence`` 0), comparable with the baselines;
- the stage again, without the test articles that are near-duplicates (lightly edited
  copies) of a training article;
- majority class: the most frequent label of the training half, for every article;
- nearest centroid (TF-IDF): sublinear tf-idf over words, fitted on the training half, each
  article given the label of the closest (cosine) class centroid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsdesk.evaluate.duplicates import BbcDocument, gold_groups
from newsdesk.evaluate.report import Report
from newsdesk.record import Article
from newsdesk.stages.topics import TopicClassifier, load_model
from newsdesk.stages.topics_train import BbcArticle, fingerprint, read_bbc, split_bbc

ECE_BINS = 10


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        n_pred = sum(p == label for p in pred)
        n_gold = sum(g == label for g in gold)
        scores.append(2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0)
    return sum(scores) / len(scores)


def labels_of(probs: np.ndarray, labels: Sequence[str]) -> str:
    return labels[int(np.argmax(probs))]


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def calibration_error(probs: np.ndarray, gold: np.ndarray, bins: int = ECE_BINS) -> float:
    """Expected calibration error of the top label: |accuracy - confidence| over equal bins."""
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == gold
    total = 0.0
    for low in range(bins):
        inside = (confidence > low / bins) & (confidence <= (low + 1) / bins)
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(total)


def nearest_centroid(train: Sequence[BbcArticle], test: Sequence[BbcArticle]) -> list[str]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vectorizer = TfidfVectorizer(sublinear_tf=True, lowercase=True)
    x_train = vectorizer.fit_transform([d.text for d in train])
    labels = sorted({d.label for d in train})
    y = np.array([labels.index(d.label) for d in train])
    centroids = normalize(
        np.vstack([np.asarray(x_train[y == k].mean(axis=0)) for k in range(len(labels))])
    )
    similarity = vectorizer.transform([d.text for d in test]) @ centroids.T
    return [labels[k] for k in np.asarray(similarity).argmax(axis=1)]


def evaluate(data: Path, *, limit: int | None = None) -> Report:
    split = split_bbc(read_bbc(data))
    test = split.test[:limit] if limit else split.test
    gold = [d.label for d in test]
    report = Report(task="topics", data=str(data))

    model = load_model()
    stage = TopicClassifier()
    articles = [Article(text=d.body, title=d.title or None) for d in test]
    found = [a.topics for a in stage.pipe(articles)]
    # An article the stage gives no topic counts as wrong in accuracy and F1.
    pred = [t[0].label if t else "" for t in found]
    answered = [i for i, t in enumerate(found) if t]
    probs, _ = model.probabilities([d.text for d in test])
    gold_index = np.array([model.labels.index(g) for g in gold])
    picked = probs[np.arange(len(test)), gold_index]
    report.add(
        "newsdesk (hashed words, logistic regression)",
        accuracy=accuracy(gold, pred),
        macro_f1=macro_f1(gold, pred, model.labels),
        log_loss=float(-np.log(np.clip(picked, 1e-12, 1.0)).mean()),
        ece=calibration_error(probs, gold_index),
        answered=len(answered) / len(test),
        accuracy_answered=accuracy([gold[i] for i in answered], [pred[i] for i in answered]),
        two_labels=sum(len(t) > 1 for t in found) / len(test),
    )
    always = [labels_of(row, model.labels) for row in probs]
    report.add(
        "newsdesk, always answering (min_evidence 0)",
        accuracy=accuracy(gold, always),
        macro_f1=macro_f1(gold, always, model.labels),
    )

    # Lightly edited re-publications (word-sequence ratio >= 0.9, the duplicates task's gold)
    # are not exact repeats; scoring without them says how much they help.
    groups, _ = gold_groups([BbcDocument(d.path, d.title, d.body) for d in split.train + test])
    seen_groups = {groups[d.path] for d in split.train if d.path in groups}
    fresh = [i for i, d in enumerate(test) if groups.get(d.path) not in seen_groups]
    report.add(
        "newsdesk, near-duplicates of training articles also dropped",
        accuracy=accuracy([gold[i] for i in fresh], [pred[i] for i in fresh]),
        macro_f1=macro_f1([gold[i] for i in fresh], [pred[i] for i in fresh], model.labels),
    )

    majority = Counter(d.label for d in split.train).most_common(1)[0][0]
    report.add(
        f"majority class ({majority})",
        accuracy=accuracy(gold, [majority] * len(test)),
        macro_f1=macro_f1(gold, [majority] * len(test), model.labels),
    )
    centroid = nearest_centroid(split.train, test)
    report.add(
        "nearest centroid (TF-IDF)",
        accuracy=accuracy(gold, centroid),
        macro_f1=macro_f1(gold, centroid, model.labels),
    )

    per_label = ", ".join(f"{label} {macro_f1(gold, pred, [label]):.3f}" for label in model.labels)
    report.notes.append(
        f"Test half: {len(test)} articles scored ({split.test_in_train} dropped because their "
        f"text is also in the training half, {split.test_repeats} repeats inside the test half "
        f"scored once); training half: {len(split.train)} articles. Near-duplicates of a "
        f"training article (gold of `newsdesk eval duplicates`) also dropped in the second "
        f"row: {len(test) - len(fresh)}. newsdesk F1 per label: "
        f"{per_label}."
    )
    trained_on = model.meta.get("train_fingerprint")
    if trained_on != fingerprint(split.train):
        report.notes.append(
            f"WARNING: the shipped model's training fingerprint ({trained_on}) is not this "
            "split's training half: the scores above may include articles it was trained on."
        )
    return report
