"""Print the dates stage's errors on TimeML data, grouped: wrong value, missed, spurious.

    python tools/dates_errors.py ../shared/eval/tempeval3/Training [--part TimeBank]

Each line: file, DCT, gold type:value and text, predicted type:value and text, and the
context with the gold (or predicted) span in [[ ]]. Held-out documents (MEANTIME; AQUAINT-B
was held out until the fourth pass) are skipped unless ``--held-out`` is given: their scores
are reported by ``newsdesk eval dates``, their errors are not for reading while tuning
(docs/EVAL.md).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from newsdesk.evaluate.dates import TimeMLDoc, _same_value, load_corpus, run_newsdesk
from newsdesk.record import DateRef


def _held_out(doc: TimeMLDoc) -> bool:
    return doc.part.startswith("MEANTIME")


def _context(text: str, start: int, end: int) -> str:
    return " ".join(
        f"{text[max(0, start - 50) : start]}[[{text[start:end]}]]{text[end : end + 40]}".split()
    )


def _errors(doc: TimeMLDoc, pred: list[DateRef]) -> dict[str, list[str]]:
    """Gold and predictions matched as the scorer matches them (largest overlap first)."""
    pairs = sorted(
        (
            (min(g.end, p.end) - max(g.start, p.start), gi, pi)
            for gi, g in enumerate(doc.gold)
            for pi, p in enumerate(pred)
            if min(g.end, p.end) > max(g.start, p.start)
        ),
        reverse=True,
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
        unscored = any(p.start < e and s < p.end for s, e in doc.unscored)
        if pi not in used_p and not unscored:
            out["spurious"].append(
                f"{head} pred={p.type}:{p.value!r} || " + _context(doc.text, p.start, p.end)
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--part", help="only this part (TimeBank, AQUAINT, ...)")
    parser.add_argument("--held-out", action="store_true", help="include held-out documents")
    args = parser.parse_args()
    docs = [
        d
        for d in load_corpus(args.data)
        if (args.held_out or not _held_out(d)) and (not args.part or d.part == args.part)
    ]
    grouped: dict[str, list[str]] = defaultdict(list)
    for doc, pred in zip(docs, run_newsdesk(docs), strict=True):
        for kind, lines in _errors(doc, pred).items():
            grouped[kind].extend(lines)
    for kind in ("value", "missed", "spurious"):
        print(f"\n===== {kind} ({len(grouped[kind])})")
        print("\n".join(grouped[kind]))


if __name__ == "__main__":
    main()
