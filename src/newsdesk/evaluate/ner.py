"""`newsdesk eval ner`: named entities on CoNLL-2003, newsdesk against the bare spaCy model.

The CoNLL file (4 columns ``token POS chunk NER``, IOB1 tags, ``-DOCSTART-`` between documents,
the first one possibly missing) is turned back into documents of plain text with light
detokenisation ("Clinton 's" -> "Clinton's"), each gold entity keeping its character span.
Every document goes once through the newsdesk pipeline (parse + entities); the bare model's
answer is the parse's own ``doc.ents`` from that same run, so both rows see the same text.

Predicted types (OntoNotes) map to CoNLL's four: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE->MISC; other labels (DATE, MONEY ...) are not
CoNLL entities and are dropped. A predicted span is snapped outwards to the gold token
boundaries it touches (conlleval scores per gold token), then scored by exact span and type.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.evaluate.report import Report, prf
from newsdesk.record import Article

CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")

ONTONOTES_TO_CONLL = {
    "PERSON": "PER",
    "PER": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "MISC": "MISC",
}

# Tokens glued to the previous one / next one when the text is rebuilt.
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", "%", ")", "]", "}", "'s", "'S", "n't"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})

Span = tuple[int, int, str]  # start, end, CoNLL type


@dataclass
class ConllDocument:
    """One CoNLL document rebuilt as text: gold entity spans and token spans in that text."""

    text: str
    entities: list[Span] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, NER tag), from a CoNLL-2003 file."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read CoNLL file: {err}", source=str(path)) from err
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            if sentence:
                sentences.append(sentence)
                sentence = []
            continue
        if parts[0] == "-DOCSTART-":
            if sentence:
                sentences.append(sentence)
                sentence = []
            if sentences:
                documents.append(sentences)
                sentences = []
            continue
        if len(parts) < 2:
            raise InputError(
                "expected 'token POS chunk NER' columns", source=str(path), where=f"line {number}"
            )
        sentence.append((parts[0], parts[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        documents.append(sentences)
    return documents


def iob1_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token-index spans (start, end exclusive, type) from IOB1 (or IOB2) tags."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    current = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        # IOB1: a new entity starts at B-, or at I- whose type differs from the running one.
        begins = prefix == "B" or (prefix == "I" and kind != current)
        if start is not None and (prefix == "O" or begins):
            spans.append((start, i, current))
            start, current = None, ""
        if prefix in ("B", "I") and start is None:
            start, current = i, kind
    return spans


def build_document(
    sentences: list[list[tuple[str, str]]], *, glue_hyphens: bool = False
) -> ConllDocument:
    """Join tokens into text (one sentence per line), keeping gold spans as char offsets.

    ``glue_hyphens`` joins a lone "-" token to the words around it ("Wal - Mart" ->
    "Wal-Mart"), for corpora that split hyphenated words (MEANTIME; CoNLL does not).
    """
    parts: list[str] = []
    doc = ConllDocument(text="")
    offset = 0
    for s_index, sentence in enumerate(sentences):
        if s_index:
            parts.append("\n")
            offset += 1
        starts: list[int] = []
        ends: list[int] = []
        previous = ""
        for t_index, (token, _tag) in enumerate(sentence):
            glued = glue_hyphens and "-" in (token, previous) and previous != token
            if glued and t_index + 1 < len(sentence) and token == "-":
                following = sentence[t_index + 1][0][:1]
                # Names and numbers only: "said - on" is a dash between words, kept spaced.
                glued = (following.isupper() or following.isdigit()) and (
                    previous[:1].isupper() or previous[:1].isdigit()
                )
            elif glued and previous == "-":
                glued = t_index >= 2 and parts[-1] == "-" and parts[-2] != " "
            if (
                t_index
                and not glued
                and token not in _NO_SPACE_BEFORE
                and previous not in _NO_SPACE_AFTER
            ):
                parts.append(" ")
                offset += 1
            starts.append(offset)
            parts.append(token)
            offset += len(token)
            ends.append(offset)
            previous = token
        doc.tokens.extend(zip(starts, ends, strict=True))
        for first, last, kind in iob1_spans([tag for _, tag in sentence]):
            doc.entities.append((starts[first], ends[last - 1], kind))
    doc.text = "".join(parts)
    return doc


def snap(start: int, end: int, tokens: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Widen a predicted char span to the gold tokens it overlaps (None if it touches none)."""
    inside = [(s, e) for s, e in tokens if s < end and e > start]
    if not inside:
        return None
    return inside[0][0], inside[-1][1]


@dataclass
class Tally:
    """Exact-span counts, overall and per CoNLL type."""

    tp: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)

    def add(self, predicted: set[Span], gold: set[Span]) -> None:
        for _, _, kind in predicted:
            self.pred[kind] += 1
        for _, _, kind in gold:
            self.gold[kind] += 1
        for _, _, kind in predicted & gold:
            self.tp[kind] += 1

    def metrics(self) -> dict[str, float | int | str | None]:
        p, r, f = prf(sum(self.tp.values()), sum(self.pred.values()), sum(self.gold.values()))
        out: dict[str, float | int | str | None] = {"precision": p, "recall": r, "f1": f}
        for kind in CONLL_TYPES:
            out[f"f1_{kind}"] = prf(self.tp[kind], self.pred[kind], self.gold[kind])[2]
        return out


def to_conll(spans: Iterable[tuple[int, int, str]], tokens: list[tuple[int, int]]) -> set[Span]:
    out: set[Span] = set()
    for start, end, label in spans:
        kind = ONTONOTES_TO_CONLL.get(label)
        if kind is None:
            continue
        snapped = snap(start, end, tokens)
        if snapped is not None:
            out.add((snapped[0], snapped[1], kind))
    return out


def newsdesk_spans(article: Article) -> Iterator[tuple[int, int, str]]:
    for entity in article.entities:
        for mention in entity.mentions:
            yield mention.start, mention.end, entity.type


def evaluate(data: Path, *, limit: int | None = None) -> Report:
    """Score newsdesk's entities and the bare spaCy model on a CoNLL-2003 file."""
    from newsdesk.pipeline import build_pipeline

    if data.is_dir():
        data = data / "eng.testa"
    documents = [build_document(d) for d in read_conll(data)]
    if limit is not None:
        documents = documents[:limit]
    if not documents:
        raise InputError("no CoNLL sentences found", source=str(data))
    pipeline = build_pipeline(["parse", "entities"])
    articles = (Article(text=d.text) for d in documents)
    from newsdesk.stages.entities_model import SPANS_KEY

    ours, bare, head = Tally(), Tally(), Tally()
    started = time.perf_counter()
    for document, article in zip(documents, pipeline.pipe(articles, keep_doc=True), strict=True):
        gold = set(document.entities)
        bare_spans = ((e.start_char, e.end_char, e.label_) for e in article.doc.ents)
        bare.add(to_conll(bare_spans, document.tokens), gold)
        ours.add(to_conll(newsdesk_spans(article), document.tokens), gold)
        if SPANS_KEY in article.doc.spans:
            # The trained head's own spans, before the entities stage's rules.
            head_spans = (
                (s.start_char, s.end_char, s.label_) for s in article.doc.spans[SPANS_KEY]
            )
            head.add(to_conll(head_spans, document.tokens), gold)
        article.doc = None
    seconds = time.perf_counter() - started
    report = Report(task="ner", data=str(data))
    report.add("spacy sm (bare)", **bare.metrics())
    if head.pred:
        report.add("newsdesk head alone", **head.metrics())
    report.add("newsdesk", **ours.metrics())
    n_gold = sum(ours.gold.values())
    report.notes.append(
        f"{len(documents)} documents, {n_gold} gold entities, pipeline {seconds:.1f}s; "
        "exact span + type after mapping OntoNotes labels to PER/ORG/LOC/MISC."
    )
    return report
