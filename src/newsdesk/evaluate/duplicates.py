"""`newsdesk eval duplicates`: near-duplicate detection on bbc_news and msrp.

bbc_news (``bbc/<topic>/NNN.txt``, first line the headline) has no duplicate labels; it is
known to hold about a hundred repeated articles. Gold is defined here, independently of the
MinHash signatures being scored:

- candidate pairs: documents whose exact word 3-shingle sets overlap (Jaccard >= 0.3,
  computed exactly with a sparse matrix product, not estimated);
- a pair is a gold duplicate when the two texts share at least ``GOLD_RATIO`` of their words
  in order (difflib's ``SequenceMatcher.ratio`` over word lists): the same article
  re-published, or lightly edited. Updated versions that rewrote a fifth of the text or more
  (ratio below the cut) are not gold duplicates; predicting them counts against precision.

Gold groups are the connected components of gold pairs. Documents are ingested in path order
into a temporary store (no NLP stages: duplicates depend on the text alone), as
``newsdesk ingest`` would write them. An article counts as found when it is linked to an
earlier member of its gold group: by ``duplicate_of`` (MinHash LSH), or, for an exact copy,
by the store recognising the content hash it already holds (``IngestStats.ids``). Precision
is over every link made; recall over every gold document that has an earlier group member.
The exact copies are reported apart too, since they need no MinHash.

msrp (``msr_paraphrase_test.txt``): each sentence pair is scored with the same signatures
and threshold; the positive class is the paraphrase label. Paraphrases are not duplicates,
so recall there is expected to be low; precision says whether what the deduplicator links
is the same content.
"""

from __future__ import annotations

import csv
import difflib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdesk.corpus.dedup import DEFAULT_THRESHOLD, Deduplicator, jaccard, signature
from newsdesk.errors import InputError
from newsdesk.evaluate.report import Report, prf
from newsdesk.record import Article

# At least 90% of the words in common, in order: "re-published or lightly edited".
GOLD_RATIO = 0.9
CANDIDATE_JACCARD = 0.3
# Thresholds reported beside the default, to show where it sits.
SWEEP = (0.6, 0.7, 0.8, 0.9)


@dataclass
class BbcDocument:
    id: str
    title: str
    text: str


def read_bbc(data: Path) -> list[BbcDocument]:
    root = data / "bbc" if (data / "bbc").is_dir() else data
    docs: list[BbcDocument] = []
    for path in sorted(root.glob("*/*.txt")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        title, _, body = raw.partition("\n")
        if body.strip():
            docs.append(BbcDocument(f"{path.parent.name}/{path.stem}", title.strip(), body.strip()))
    if not docs:
        raise InputError("no bbc_news documents (<topic>/NNN.txt) found", source=str(root))
    return docs


def gold_groups(docs: Sequence[BbcDocument]) -> tuple[dict[str, int], int]:
    """Document id -> gold group number (documents in no group are left out); pair count."""
    from sklearn.feature_extraction.text import CountVectorizer

    texts = [d.text for d in docs]
    vectorizer = CountVectorizer(ngram_range=(3, 3), binary=True, lowercase=True)
    matrix = vectorizer.fit_transform(texts)
    sizes = matrix.sum(axis=1).A1
    shared = (matrix @ matrix.T).tocoo()
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [t.split() for t in texts]
    pairs = 0
    for i, j, inter in zip(shared.row, shared.col, shared.data, strict=True):
        if i >= j:
            continue
        union = sizes[i] + sizes[j] - inter
        if not union or inter / union < CANDIDATE_JACCARD:
            continue
        ratio = difflib.SequenceMatcher(None, words[i], words[j], autojunk=False).ratio()
        if ratio >= GOLD_RATIO:
            pairs += 1
            parent[root(int(i))] = root(int(j))
    members: dict[int, list[int]] = {}
    for i in range(len(docs)):
        members.setdefault(root(i), []).append(i)
    out: dict[str, int] = {}
    for number, group in enumerate(g for g in members.values() if len(g) > 1):
        for i in group:
            out[docs[i].id] = number
    return out, pairs


def _links(docs: Sequence[BbcDocument], threshold: float) -> tuple[dict[str, str], set[str]]:
    """Article id -> the id it was linked to, and which links were exact copies.

    This is what the store's ingest does for duplicates (a stored content hash is skipped,
    otherwise ``Deduplicator.assign`` on the store's connection), without the entity and
    story work that does not touch ``duplicate_of``.
    """
    from newsdesk.store import SQLiteStore

    links: dict[str, str] = {}
    exact: set[str] = set()
    by_hash: dict[str, str] = {}
    with SQLiteStore(":memory:") as store:
        dedup = Deduplicator(store.conn, threshold=threshold)
        for d in docs:
            article = Article(text=d.text, id=d.id, title=d.title)
            first = by_hash.setdefault(article.hash, article.id)
            if first != article.id:
                links[article.id] = first
                exact.add(article.id)
                continue
            dedup.assign(article)
            if article.duplicate_of:
                links[article.id] = article.duplicate_of
    return links, exact


def score_links(
    docs: Sequence[BbcDocument], links: dict[str, str], groups: dict[str, int]
) -> tuple[int, int, int]:
    """(correct links, links made, gold duplicates) in ingest order."""
    seen: set[int] = set()
    n_gold = 0
    for d in docs:
        group = groups.get(d.id)
        if group is None:
            continue
        if group in seen:
            n_gold += 1
        seen.add(group)
    correct = sum(
        1 for a, b in links.items() if groups.get(a) is not None and groups.get(a) == groups.get(b)
    )
    return correct, len(links), n_gold


def read_msrp(path: Path) -> list[tuple[int, str, str]]:
    if path.is_dir():
        path = path / "msr_paraphrase_test.txt"
    rows: list[tuple[int, str, str]] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for number, row in enumerate(reader, 2):
            if len(row) < 5:
                raise InputError(
                    "expected 5 tab-separated columns", source=str(path), where=f"line {number}"
                )
            rows.append((int(row[0]), row[3], row[4]))
    return rows


def evaluate(data: Path, *, limit: int | None = None) -> Report:
    """bbc_news known duplicates (and msrp pairs when the data root holds both)."""
    bbc = data / "bbc_news" if (data / "bbc_news").is_dir() else data
    msrp = data.parent / "msrp" if not (data / "msrp").is_dir() else data / "msrp"
    report = Report(task="duplicates", data=str(data))
    docs = read_bbc(bbc)
    if limit is not None:
        docs = docs[:limit]
    started = time.perf_counter()
    groups, pairs = gold_groups(docs)
    gold_seconds = time.perf_counter() - started
    for threshold in sorted({DEFAULT_THRESHOLD, *SWEEP}):
        t0 = time.perf_counter()
        links, exact = _links(docs, threshold)
        seconds = time.perf_counter() - t0
        correct, made, n_gold = score_links(docs, links, groups)
        p, r, f = prf(correct, made, n_gold)
        near = {a: b for a, b in links.items() if a not in exact}
        exact_gold = sum(1 for a in exact if a in groups)
        c_near, m_near, _ = score_links(docs, near, groups)
        p_near, r_near, _ = prf(c_near, m_near, n_gold - exact_gold)
        label = "minhash lsh" + (" (default)" if threshold == DEFAULT_THRESHOLD else "")
        report.add(
            f"{label} t={threshold} bbc_news",
            precision=p,
            recall=r,
            f1=f,
            links=made,
            gold=n_gold,
            precision_near=p_near,
            recall_near=r_near,
            ms_per_article=1000 * seconds / len(docs),
        )
    report.notes.append(
        f"bbc_news: {len(docs)} documents, {pairs} gold pairs (word-sequence ratio >= "
        f"{GOLD_RATIO}) in {len(set(groups.values()))} groups, gold built in "
        f"{gold_seconds:.1f}s; *_near columns leave out exact copies (found by content hash)."
    )
    if msrp.exists():
        rows = read_msrp(msrp)
        if limit is not None:
            rows = rows[:limit]
        tp = fp = 0
        for label_, first, second in rows:
            same = jaccard(signature(first).hashvalues, signature(second).hashvalues)
            predicted = same >= DEFAULT_THRESHOLD
            tp += int(predicted and label_ == 1)
            fp += int(predicted and label_ == 0)
        positives = sum(1 for r in rows if r[0] == 1)
        p, r, f = prf(tp, tp + fp, positives)
        report.add(
            f"minhash t={DEFAULT_THRESHOLD} msrp pairs",
            precision=p,
            recall=r,
            f1=f,
            links=tp + fp,
            gold=positives,
        )
        report.notes.append(
            f"msrp: {len(rows)} sentence pairs; positive = paraphrase (not the same as duplicate)."
        )
    return report
