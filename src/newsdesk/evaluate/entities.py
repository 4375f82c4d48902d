"""`newsdesk eval entities`: cross-document entity merging on MEANTIME (CAT XML).

Gold: the named mentions (``ENTITY_MENTION syntactic_type="NAM"``) of every document under
``intra_cross-doc_annotation``, each in the cluster of the cross-document instance it refers to
(``REFERS_TO`` -> ``ENTITY instance_id``); a mention of a document-level entity with no instance
is its own document's cluster. Documents are rebuilt as text from their tokens.

Each system finds mentions and puts them in clusters across the whole corpus:

- ``newsdesk``: the entities stage, then the corpus registry (``EntityRegistry.assign``) over
  the articles in order, as ``newsdesk ingest`` does; the cluster is the registry id;
- ``spacy sm exact strings``: the bare model's entities, clustered by their exact text;
- ``spacy sm last token``: the same mentions, clustered by their last word.

A gold mention is *found* when a system mention ends on the same character and overlaps it.
Mention recall is found / gold; B-cubed precision, recall and F1 are computed over the found
gold mentions, each in its system cluster (restricted to found gold mentions) and its gold one.
"""

from __future__ import annotations

import sqlite3
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.evaluate.ner import build_document
from newsdesk.evaluate.report import Report
from newsdesk.record import Article


@dataclass
class GoldMention:
    start: int
    end: int
    cluster: str
    type: str


@dataclass
class MeantimeDocument:
    name: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


@dataclass
class CatText:
    """A CAT XML file (MEANTIME's format) with its text rebuilt from the tokens: one sentence
    per line, tokens joined as news writes them; ``offsets`` maps a token id to its span."""

    root: ET.Element
    text: str
    sentences: int
    offsets: dict[str, tuple[int, int]]


def read_cat(path: Path) -> CatText:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise InputError(f"cannot read CAT XML: {err}", source=str(path)) from err
    sentences: dict[str, list[tuple[str, str]]] = {}
    token_ids: list[str] = []
    for token in root.iter("token"):
        sentences.setdefault(token.get("sentence", "0"), []).append((token.text or "", "O"))
        token_ids.append(token.get("t_id", ""))
    built = build_document(list(sentences.values()), glue_hyphens=True)
    offsets = dict(zip(token_ids, built.tokens, strict=True))
    return CatText(root, built.text, len(sentences), offsets)


def read_meantime(path: Path) -> MeantimeDocument:
    """One CAT XML file: its text rebuilt from tokens, and its named gold mentions."""
    cat = read_cat(path)
    root, offsets = cat.root, cat.offsets
    instances: dict[str, tuple[str, str]] = {}
    markables = root.find("Markables")
    named: dict[str, tuple[int, int]] = {}
    if markables is not None:
        for element in markables:
            m_id = element.get("m_id", "")
            if element.tag == "ENTITY":
                instance = element.get("instance_id") or f"{path.stem}:{m_id}"
                instances[m_id] = (instance, element.get("ent_type", ""))
            elif element.tag == "ENTITY_MENTION" and element.get("syntactic_type") == "NAM":
                anchors = [a.get("t_id", "") for a in element.iter("token_anchor")]
                spans = [offsets[a] for a in anchors if a in offsets]
                if spans:
                    named[m_id] = (spans[0][0], spans[-1][1])
    refers: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is not None:
        for relation in relations.iter("REFERS_TO"):
            target = relation.find("target")
            if target is None:
                continue
            for source in relation.iter("source"):
                refers[source.get("m_id", "")] = target.get("m_id", "")
    document = MeantimeDocument(name=path.stem, text=cat.text)
    for m_id, (start, end) in named.items():
        cluster, type_ = instances.get(refers.get(m_id, ""), (f"{path.stem}:m{m_id}", ""))
        document.mentions.append(GoldMention(start, end, cluster, type_))
    return document


def find_documents(data: Path) -> list[Path]:
    if (data / "intra_cross-doc_annotation").is_dir():
        data = data / "intra_cross-doc_annotation"
    files = sorted(data.rglob("*.xml")) if data.is_dir() else [data]
    return [f for f in files if f.name != "MEANTIME_NWR.xsd"]


Predicted = list[tuple[int, int, str]]  # start, end, cluster
CORE_TYPES = frozenset({"PER", "ORG", "LOC"})


def b_cubed(
    gold: list[list[GoldMention]], predicted: list[Predicted]
) -> dict[str, float | int | str | None]:
    """Mention recall and B-cubed over the found gold mentions (all documents together)."""
    found: list[tuple[str, str]] = []  # (gold cluster, system cluster)
    n_gold = 0
    for mentions, system in zip(gold, predicted, strict=True):
        n_gold += len(mentions)
        for mention in mentions:
            match = next((c for s, e, c in system if e == mention.end and s < e), None)
            if match is not None:
                found.append((mention.cluster, match))
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_system: dict[str, list[int]] = defaultdict(list)
    for i, (g, s) in enumerate(found):
        by_gold[g].append(i)
        by_system[s].append(i)
    precision = recall = 0.0
    for g, s in found:
        shared = sum(1 for j in by_system[s] if found[j][0] == g)
        precision += shared / len(by_system[s])
        recall += shared / len(by_gold[g])
    n = len(found)
    p = precision / n if n else 0.0
    r = recall / n if n else 0.0
    return {
        "mention_recall": n / n_gold if n_gold else 0.0,
        "b3_precision": p,
        "b3_recall": r,
        "b3_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "found": n,
    }


def _registry_clusters(articles: Iterable[Article]) -> list[Predicted]:
    """Run the corpus registry over the articles in order, as ingest does."""
    from newsdesk.corpus.registry import EntityRegistry
    from newsdesk.store.schema import migrate

    conn = sqlite3.connect(":memory:")
    migrate(conn)
    out: list[Predicted] = []
    for rowid, article in enumerate(articles, 1):
        registry = EntityRegistry(conn)
        registry.assign(article)
        # The store writes mentions after the registry: the registry's context for later ones.
        conn.executemany(
            "INSERT INTO mentions(article_rowid, entity_id, text, start, end) VALUES (?,?,?,?,?)",
            [(rowid, e.id, m.text, m.start, m.end) for e in article.entities for m in e.mentions],
        )
        out.append([(m.start, m.end, str(e.id)) for e in article.entities for m in e.mentions])
    conn.close()
    return out


def evaluate(data: Path, *, limit: int | None = None) -> Report:
    """Score cross-document entity clusters of newsdesk and two bare-model baselines."""
    from newsdesk.pipeline import build_pipeline
    from newsdesk.stages.entities import ENTITY_LABELS

    files = find_documents(data)[:limit]
    if not files:
        raise InputError("no MEANTIME CAT XML files found", source=str(data))
    documents = [read_meantime(f) for f in files]
    pipeline = build_pipeline(["parse", "entities"])
    started = time.perf_counter()
    articles: list[Article] = []
    bare: list[list[tuple[int, int, str]]] = []
    for article in pipeline.pipe((Article(text=d.text) for d in documents), keep_doc=True):
        bare.append(
            [
                (e.start_char, e.end_char, e.text)
                for e in article.doc.ents
                if e.label_ in ENTITY_LABELS
            ]
        )
        article.doc = None
        articles.append(article)
    ours = _registry_clusters(articles)
    seconds = time.perf_counter() - started
    gold = [d.mentions for d in documents]
    # The same scores over mentions of people, organisations and places only (MEANTIME also
    # names products and financial figures, which are not named-entity types).
    core = [[m for m in d.mentions if m.type in CORE_TYPES] for d in documents]
    last_word: Callable[[str], str] = lambda s: s.split()[-1] if s.split() else s  # noqa: E731
    systems = {
        "spacy sm exact strings": bare,
        "spacy sm last token": [[(s, e, last_word(t)) for s, e, t in d] for d in bare],
        "newsdesk": ours,
    }
    report = Report(task="entities", data=str(data))
    for system, predicted in systems.items():
        report.add(system, **b_cubed(gold, predicted))
        scores = b_cubed(core, predicted)
        report.add(
            system,
            mention_recall_PER_ORG_LOC=scores["mention_recall"],
            b3_f1_PER_ORG_LOC=scores["b3_f1"],
        )
    # Per corpus folder (corpus_airbus, corpus_apple): the entities rules were tuned on
    # corpus_airbus only, so corpus_apple is the held-out row.
    folders = [f.parent.name for f in files]
    for folder in sorted(set(folders)) if len(set(folders)) > 1 else []:
        part = [i for i, name in enumerate(folders) if name == folder]
        scores = b_cubed([gold[i] for i in part], [ours[i] for i in part])
        core_scores = b_cubed([core[i] for i in part], [ours[i] for i in part])
        report.add(
            f"newsdesk {folder}",
            **scores,
            mention_recall_PER_ORG_LOC=core_scores["mention_recall"],
            b3_f1_PER_ORG_LOC=core_scores["b3_f1"],
        )
    n_gold = sum(len(m) for m in gold)
    report.notes.append(
        f"{len(documents)} documents, {n_gold} named gold mentions, "
        f"{len({m.cluster for ms in gold for m in ms})} gold entities; pipeline {seconds:.1f}s."
    )
    return report
