"""Print the dates stage's errors on TimeML data, grouped: wrong value, missed, spurious.

    python tools/dates_errors.py ../shared/eval/tempeval3/Training [--part TimeBank]
    python tools/dates_errors.py ../shared/eval/tempeval3/Training --scores --cache /tmp/tbaq.spacy
    python tools/dates_errors.py ../shared/eval/meantime --meantime-airbus [--scores]

Each line: file, DCT, gold type:value and text, predicted type:value and text, and the
context with the gold (or predicted) span in [[ ]]. Held-out documents (MEANTIME; AQUAINT-B
was held out until the fourth pass) are skipped unless ``--held-out`` is given: their scores
are reported by ``newsdesk eval dates``, their errors are not for reading while tuning
(docs/EVAL.md).

``--meantime-airbus`` reads MEANTIME's corpus_airbus only, tuning data from the eleventh pass
(``DATA`` is the MEANTIME folder or its ``intra_cross-doc_annotation``). corpus_apple stays
held out: the option opens the corpus_airbus folder alone, never lists, reads or scores
anything under corpus_apple, and ``--held-out`` is refused with it; MEANTIME given without it is
refused too.

``--scores`` prints value and relaxed F1 per part (AQUAINT as its halves) instead of the
errors; ``--cache FILE`` keeps the spaCy parse in a DocBin so that a rerun after a change to
the dates rules takes seconds (the parse is most of the time; the file is rebuilt if the
texts differ).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from newsdesk.evaluate.dates import (
    Counts,
    TimeMLDoc,
    _same_value,
    load_corpus,
    run_newsdesk,
    score_doc,
)
from newsdesk.record import Article, DateRef

# MEANTIME's one corpus tuned on (from the eleventh pass); every other MEANTIME corpus is held out.
TUNED_MEANTIME = "corpus_airbus"


def _held_out(doc: TimeMLDoc) -> bool:
    return doc.part.startswith("MEANTIME") and doc.part != f"MEANTIME {TUNED_MEANTIME}"


def _is_meantime(data: Path) -> bool:
    """Whether ``data`` is MEANTIME or a folder of it (by its folder names alone)."""
    bases = (data, data / "intra_cross-doc_annotation")
    return (
        "meantime" in data.resolve().as_posix().lower()
        or data.name.startswith("corpus_")
        or any((b / TUNED_MEANTIME).is_dir() for b in bases)
    )


def _airbus_folder(data: Path) -> Path:
    """MEANTIME's corpus_airbus folder under ``data``; nothing else in MEANTIME is opened."""
    for base in (data, data / "intra_cross-doc_annotation"):
        if base.name == TUNED_MEANTIME and base.is_dir():
            return base
        if (base / TUNED_MEANTIME).is_dir():
            return base / TUNED_MEANTIME
    raise SystemExit(f"{data}: no MEANTIME {TUNED_MEANTIME} folder (intra_cross-doc_annotation)")


def _context(text: str, start: int, end: int) -> str:
    return " ".join(
        f"{text[max(0, start - 50) : start]}[[{text[start:end]}]]{text[end : end + 40]}".split()
    )


def _scored(doc: TimeMLDoc, pred: list[DateRef]) -> list[DateRef]:
    """The predictions the scorer counts: none in MEANTIME's date line or unannotated tail."""
    return [p for p in pred if not any(p.start < e and s < p.end for s, e in doc.unscored)]


def _errors(doc: TimeMLDoc, pred: list[DateRef]) -> dict[str, list[str]]:
    """Gold and predictions matched as the scorer matches them (largest overlap first, ties
    in text order as ``score_doc`` breaks them: a year inside MEANTIME's "from 2009 to 2011"
    goes to the range first)."""
    pred = _scored(doc, pred)
    pairs = sorted(
        (
            (-(min(g.end, p.end) - max(g.start, p.start)), gi, pi)
            for gi, g in enumerate(doc.gold)
            for pi, p in enumerate(pred)
            if min(g.end, p.end) > max(g.start, p.start)
        ),
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[str, list[str]] = defaultdict(list)
    head = f"{doc.name} dct={doc.dct}"
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = doc.gold[gi], pred[pi]
        if p.value is None or not _same_value(g.value, p.value):
            out["value"].append(
                f"{head} gold={g.type}:{g.value!r} pred={p.type}:{p.value!r} {p.text!r} || "
                + _context(doc.text, g.start, g.end)
            )
    for gi, g in enumerate(doc.gold):
        if gi not in used_g:
            out["missed"].append(
                f"{head} gold={g.type}:{g.value!r} || " + _context(doc.text, g.start, g.end)
            )
    for pi, p in enumerate(pred):
        if pi not in used_p:
            out["spurious"].append(
                f"{head} pred={p.type}:{p.value!r} || " + _context(doc.text, p.start, p.end)
            )
    return out


def _run_cached(docs: list[TimeMLDoc], cache: Path) -> list[list[DateRef]]:
    """The dates stage over parses kept in ``cache`` (a spaCy DocBin), parsing if needed."""
    from spacy.tokens import DocBin

    from newsdesk.stages.dates import DateResolver
    from newsdesk.stages.parse import Parser
    from newsdesk.text import normalize_typography

    parser = Parser()
    texts = [normalize_typography(d.text) for d in docs]
    parsed = None
    if cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(parser.nlp.vocab))
        if [p.text for p in parsed] != texts:
            parsed = None
    if parsed is None:
        parsed = list(parser.nlp.pipe(texts, batch_size=64))
        DocBin(store_user_data=True, docs=parsed).to_disk(cache)
    resolver = DateResolver()
    out = []
    for doc, spacy_doc in zip(docs, parsed, strict=True):
        article = Article(text=doc.text, published=doc.dct)
        article.doc = spacy_doc
        article.assigned.update(parser.assigns)
        out.append(resolver(article).dates)
    return out


def _print_scores(docs: list[TimeMLDoc], preds: list[list[DateRef]]) -> None:
    parts: dict[str, Counts] = defaultdict(Counts)
    for doc, pred in zip(docs, preds, strict=True):
        counts = score_doc(doc.gold, _scored(doc, pred))
        parts["all"].add(counts)
        parts[f"{doc.part}-{doc.half}" if doc.half else doc.part].add(counts)
    for name, counts in sorted(parts.items()):
        m = counts.metrics()
        print(
            f"{name:12} gold {m['gold']:4} pred {m['pred']:4} strict {m['strict_f1']:.3f}"
            f" relaxed {m['relaxed_f1']:.3f} value {m['value_f1']:.4f} ({counts.value})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--part", help="only this part (TimeBank, AQUAINT, ...)")
    parser.add_argument("--held-out", action="store_true", help="include held-out documents")
    parser.add_argument("--scores", action="store_true", help="print scores per part only")
    parser.add_argument("--cache", type=Path, help="keep the spaCy parse in this DocBin file")
    parser.add_argument(
        "--meantime-airbus",
        action="store_true",
        help="MEANTIME corpus_airbus only (tuned on from the eleventh pass; apple stays held out)",
    )
    args = parser.parse_args()
    if args.meantime_airbus:
        if args.held_out:
            parser.error("--held-out cannot go with --meantime-airbus: corpus_apple is held out")
        # Loaded from the corpus_airbus folder itself, so no corpus_apple file is ever opened.
        docs = [
            d
            for d in load_corpus(_airbus_folder(args.data))
            if d.part == f"MEANTIME {TUNED_MEANTIME}"
        ]
    elif _is_meantime(args.data):
        # Loading MEANTIME whole would open corpus_apple; not even its folder is listed.
        parser.error(f"{args.data}: MEANTIME is read with --meantime-airbus only")
    else:
        docs = [
            d
            for d in load_corpus(args.data)
            if (args.held_out or not _held_out(d)) and (not args.part or d.part == args.part)
        ]
    preds = _run_cached(docs, args.cache) if args.cache else run_newsdesk(docs)
    if args.scores:
        _print_scores(docs, preds)
        return
    grouped: dict[str, list[str]] = defaultdict(list)
    for doc, pred in zip(docs, preds, strict=True):
        for kind, lines in _errors(doc, pred).items():
            grouped[kind].extend(lines)
    for kind in ("value", "missed", "spurious"):
        print(f"\n===== {kind} ({len(grouped[kind])})")
        print("\n".join(grouped[kind]))


if __name__ == "__main__":
    main()
