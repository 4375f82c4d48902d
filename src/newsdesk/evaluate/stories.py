"""`newsdesk eval stories`: story clustering on ECB+, scored by B-cubed, on the user's path.

ECB+ (``ecbplus/test_parsing``) has one folder per real-world event: ``<T>ecb`` and
``<T>ecbplus`` are two different events of the same topic (two celebrities entering rehab,
two earthquakes), so the sibling folder is a hard negative. Each ``<T>_<n>ecb[plus].json``
document gives ``title`` (its first sentence) and ``text`` (the rest); an article's text is
both, its title the first sentence. The folder is the gold story.

The documents of a split go through the default pipeline, are ingested into a temporary
SQLite store (entity registry, duplicates and stories run at ingest as they do for
``newsdesk ingest``), and the stories are read back from ``store.export()``, exactly what
``newsdesk export`` prints. ECB+ documents have no publication dates, so they are ingested
in a fixed shuffled order (seeded), not folder by folder.

Splits: topics 1-22 (where the constants in corpus/stories.py were chosen) and 23-35,
reported separately. The baseline in the same report is TF-IDF + agglomerative clustering
(average link, cosine distance) with its distance threshold tuned on topics 1-22, as the
issue describes it.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.evaluate.report import Report
from newsdesk.ingest.published import publication_day
from newsdesk.record import Article

DEV_TOPICS = range(1, 23)
TEST_TOPICS = range(23, 36)
SEED = 13
# The ingest orders of the multi-order mean row (an online clusterer keeps its early
# choices, so one order is a noisy measure; the constants were chosen on this mean).
ORDER_SEEDS = (13, 1, 2, 3, 4)
# Baseline distance thresholds swept on topics 1-22 (cosine distance, average link).
BASELINE_SWEEP = tuple(round(0.5 + 0.025 * i, 3) for i in range(19))


@dataclass
class Document:
    id: str
    title: str | None
    text: str
    gold: str  # the subtopic folder: one real-world event
    topic: int
    # The crawled date line (``date_publish``) read as an ISO day; None where the document
    # has none or it names no full date (every ECB document, 327 of 341 ECB+ ones have one).
    published: str | None = None


def read_ecbplus(data: Path) -> list[Document]:
    """Every document under ``data`` (the ``test_parsing`` folder, or a folder above it)."""
    if (data / "test_parsing").is_dir():
        data = data / "test_parsing"
    docs: list[Document] = []
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        topic_digits = "".join(ch for ch in folder.name if ch.isdigit())
        if not topic_digits or not folder.name.endswith(("ecb", "ecbplus")):
            continue
        for path in sorted(folder.glob("*.json")):
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise InputError(f"cannot read ECB+ document: {err}", source=str(path)) from err
            # The parse put each document's first sentence in ``title`` (52 documents have
            # nothing else): the document is the title followed by the text.
            title = (record.get("title") or "").strip()
            body = (record.get("text") or "").strip()
            text = f"{title}\n\n{body}" if title and body else title or body
            if not text:
                continue
            docs.append(
                Document(
                    id=path.stem,
                    title=title or None,
                    text=text,
                    gold=folder.name,
                    topic=int(topic_digits),
                    published=publication_day(str(record.get("date_publish") or "")),
                )
            )
    if not docs:
        raise InputError("no ECB+ documents (<T>ecb/*.json folders) found", source=str(data))
    return docs


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold."""
    items = list(gold)
    pred_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    both = Counter((predicted[i], gold[i]) for i in items)
    precision = sum(both[(predicted[i], gold[i])] / pred_sizes[predicted[i]] for i in items)
    recall = sum(both[(predicted[i], gold[i])] / gold_sizes[gold[i]] for i in items)
    p, r = precision / len(items), recall / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ingest_order(docs: Sequence[Document], seed: int = SEED) -> list[Document]:
    ordered = list(docs)
    random.Random(seed).shuffle(ordered)
    return ordered


def cluster_with_store(articles: Sequence[Article]) -> dict[str, str]:
    """Ingest analyzed articles into a temporary store; article id -> story from export.

    A text already stored (same content hash) is not stored twice: it is counted as the
    stored article it repeats (``IngestStats.ids``), so it gets that article's story.
    """
    from newsdesk.store import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "eval.db") as store:
        stats = store.ingest(articles)
        stories = {a.id: a.story or f"single:{a.id}" for a in store.export()}
    return {a.id: stories[s] for a, s in zip(articles, stats.ids, strict=True)}


def baseline_clusters(docs: Sequence[Document], distance: float) -> dict[str, str]:
    """TF-IDF + agglomerative clustering (average link, cosine distance below ``distance``)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [d.text for d in docs]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    )
    labels = model.fit_predict(matrix.toarray())
    return {d.id: str(label) for d, label in zip(docs, labels, strict=True)}


def add_clustering(
    report: Report, system: str, predicted: dict[str, str], gold: dict[str, str]
) -> tuple[float, float, float]:
    """A row of B-cubed scores and cluster counts for one clustering; its P, R and F1."""
    p, r, f = bcubed(predicted, gold)
    report.add(
        system,
        precision=p,
        recall=r,
        f1=f,
        clusters=len(set(predicted[i] for i in gold)),
        gold_clusters=len(set(gold.values())),
        documents=len(gold),
    )
    return p, r, f


def evaluate(data: Path, *, limit: int | None = None) -> Report:
    """B-cubed of newsdesk stories (via the store) and of the baseline, per topic split."""
    from newsdesk.pipeline import build_pipeline

    docs = read_ecbplus(data)
    if limit is not None:
        # ``--limit N`` counts topics here, not documents: whole topics only, so that every
        # event keeps its hard negative.
        topics = sorted({d.topic for d in docs})[: max(1, limit)]
        docs = [d for d in docs if d.topic in topics]
    splits = {
        "topics 1-22": [d for d in docs if d.topic in DEV_TOPICS],
        "topics 23-35": [d for d in docs if d.topic in TEST_TOPICS],
    }
    splits = {name: ds for name, ds in splits.items() if ds}
    report = Report(task="stories", data=str(data))
    pipeline = build_pipeline()
    started = time.perf_counter()
    analyzed: dict[str, Article] = {}
    inputs = [Article(text=d.text, id=d.id, title=d.title, published=d.published) for d in docs]
    for article in pipeline.pipe(inputs):
        analyzed[article.id] = article
    parse_seconds = time.perf_counter() - started

    # The baseline's threshold is chosen on the first split (topics 1-22) only.
    first = next(iter(splits.values()))
    gold_first = {d.id: d.gold for d in first}
    best_distance = max(
        BASELINE_SWEEP, key=lambda x: bcubed(baseline_clusters(first, x), gold_first)[2]
    )

    def stories_in(order: Sequence[Document]) -> dict[str, str]:
        return cluster_with_store([Article.from_dict(analyzed[d.id].to_dict()) for d in order])

    for name, split in splits.items():
        gold = {d.id: d.gold for d in split}
        t0 = time.perf_counter()
        predicted = stories_in(ingest_order(split))
        seconds = time.perf_counter() - t0
        runs = [add_clustering(report, f"newsdesk ({name})", predicted, gold)]
        base = baseline_clusters(split, best_distance)
        add_clustering(report, f"tf-idf + agglomerative ({name})", base, gold)
        runs += [
            bcubed(stories_in(ingest_order(split, seed)), gold)
            for seed in ORDER_SEEDS
            if seed != SEED
        ]
        report.add(
            f"newsdesk, mean of {len(runs)} ingest orders ({name})",
            precision=sum(x[0] for x in runs) / len(runs),
            recall=sum(x[1] for x in runs) / len(runs),
            f1=sum(x[2] for x in runs) / len(runs),
            f1_per_order=" / ".join(f"{x[2]:.3f}" for x in runs),
            documents=len(split),
        )
        # The order `newsdesk ingest test_parsing/` reads the files in, which is the order
        # read_ecbplus lists them (sorted by path): each event's documents together, the two
        # events of a topic one after the other.
        add_clustering(
            report, f"newsdesk, the folders' file order ({name})", stories_in(split), gold
        )
        report.notes.append(f"{name}: ingest + stories {seconds:.1f}s for {len(split)} documents")
    report.notes.append(
        f"pipeline ({', '.join(pipeline.names)}) {parse_seconds:.1f}s; documents ingested in a "
        f"seeded shuffle (seed {SEED}; the mean row over seeds {ORDER_SEEDS}); baseline "
        f"distance threshold {best_distance} chosen on the first split. B-cubed over "
        "documents; gold story = ECB+ subtopic folder."
    )
    return report
