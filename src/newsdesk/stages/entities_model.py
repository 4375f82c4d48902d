"""newsdesk's news NER head: a second spaCy NER trained on CoNLL-2003 (tools/train_ner.py).

The head adds no token encoder of its own. Its features are what the English pipeline already
computes in its spaCy pass: the ``tok2vec`` output its tagger and parser share (``doc.tensor``)
and the hidden token vectors of the model's own OntoNotes NER, which a thin wrapper keeps on
each doc while that NER runs. Both are frozen, so the head costs only a small transition-based
state machine on top of the spaCy pass, and its weights ship as a small package-data file.

The head's spans (PER, ORG, LOC, MISC) go to ``doc.spans[SPANS_KEY]``; ``doc.ents`` stays the
model's own OntoNotes entities (DATE, MONEY, NORP ... that users and other stages need). The
entities stage merges the two.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from thinc.api import Model

HEAD_NAME = "newsdesk_ner"
SPANS_KEY = "newsdesk_ner"
HEAD_PATH = Path(__file__).resolve().parent.parent / "data" / "ner" / "conll"
# Where the wrapped OntoNotes NER leaves its hidden token vectors for the head.
CACHE_KEY = "newsdesk_ner_hidden"
FEATURES = "newsdesk.NerFeatures.v1"
# Width of doc.tensor (the sm pipeline's shared tok2vec output).
TENSOR_WIDTH = 96
# What of the OntoNotes NER the head reads: its 64-wide hidden projection ("projection") or
# the 96-wide token encoding before it ("encoder"). Saved beside the weights (SETTINGS_FILE).
FEATURE_WIDTHS = {"projection": 64, "encoder": 96}
SETTINGS_FILE = "newsdesk.json"
DEFAULT_SETTINGS: dict[str, Any] = {
    "features": "projection",
    "hidden_width": 64,
    "maxout_pieces": 2,
}


def head_settings(path: Path = HEAD_PATH) -> dict[str, Any]:
    """The head's shape, as saved with its weights by tools/train_ner.py."""
    settings = dict(DEFAULT_SETTINGS)
    file = path / SETTINGS_FILE
    if file.exists():
        settings.update(json.loads(file.read_text(encoding="utf-8")))
    return settings


def head_config(settings: dict[str, Any]) -> dict[str, Any]:
    width = TENSOR_WIDTH + FEATURE_WIDTHS[settings["features"]]
    return {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": settings["hidden_width"],
        "maxout_pieces": settings.get("maxout_pieces", 2),
        "use_upper": True,
        "nO": None,
        "tok2vec": {"@architectures": FEATURES, "width": width},
    }


def _features_forward(
    model: Model[list[Doc], list[Any]], docs: list[Doc], is_train: bool
) -> tuple[list[Any], Callable[[Any], list[Doc]]]:
    ops = model.ops
    width = model.get_dim("nO")
    outputs = []
    for doc in docs:
        hidden = doc.user_data.get(CACHE_KEY)
        if doc.tensor.size == 0 or hidden is None:
            # Run outside the full pipeline: valid shape, no signal (as spaCy's listener does).
            outputs.append(ops.alloc2f(len(doc), width))
        else:
            outputs.append(ops.xp.hstack([ops.asarray2f(doc.tensor), ops.asarray2f(hidden)]))  # type: ignore[arg-type]
    return outputs, lambda d_outputs: []


def build_features(width: int) -> Model[list[Doc], list[Any]]:
    """Frozen per-token features: the shared tok2vec output beside the OntoNotes NER's."""
    from thinc.api import Model

    return Model("newsdesk-ner-features", _features_forward, dims={"nO": width})


def _register() -> None:
    from spacy.util import registry

    if FEATURES not in registry.architectures:
        registry.architectures.register(FEATURES, func=build_features)


def _caching_forward(
    model: Model[list[Doc], Any], docs: list[Doc], is_train: bool
) -> tuple[Any, Callable[[Any], Any]]:
    inner = model.layers[0]
    output, backprop = inner(docs, is_train)
    if isinstance(output, list):  # the encoder: one array per doc
        for doc, rows in zip(docs, output, strict=True):
            doc.user_data[CACHE_KEY] = model.ops.to_numpy(rows)
    else:  # the projection: one array for the batch
        start = 0
        for doc in docs:
            doc.user_data[CACHE_KEY] = model.ops.to_numpy(output[start : start + len(doc)])
            start += len(doc)
    return output, backprop


def cache_ner_hidden(nlp: Language, features: str = "projection") -> None:
    """Make the model's own NER keep its token vectors on each doc (its outputs unchanged)."""
    from thinc.api import Model

    ner: Any = nlp.get_pipe("ner")
    # layers[0] of spaCy's transition model is chain(tok2vec, list2array, Linear projection).
    owner = ner.model if features == "projection" else ner.model.layers[0]
    if any(layer.name == "newsdesk-cache" for layer in ner.model.walk()):
        return
    owner.layers[0] = Model("newsdesk-cache", _caching_forward, layers=[owner.layers[0]])


class NewsHead:
    """Run the trained head without touching ``doc.ents``: its spans go to ``doc.spans``."""

    def __init__(self, ner: Any) -> None:
        self.ner = ner

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            saved = [list(doc.ents) for doc in batch]
            for doc in batch:
                doc.set_ents([], default="missing")
            for doc, ents in zip(self.ner.pipe(batch), saved, strict=True):
                doc.spans[SPANS_KEY] = list(doc.ents)
                doc.set_ents(ents, default="outside")
                doc.user_data.pop(CACHE_KEY, None)
                yield doc


def new_head(nlp: Language, settings: dict[str, Any] | None = None) -> Any:
    """An untrained head (for training): a spaCy NER pipe over the frozen features."""
    from spacy.pipeline import EntityRecognizer
    from spacy.util import registry

    _register()
    config = head_config(settings or DEFAULT_SETTINGS)
    model = registry.resolve({"model": config})["model"]
    return EntityRecognizer(nlp.vocab, model, name=HEAD_NAME)


def make_head(nlp: Any, name: str, path: str) -> Any:
    """spaCy factory: the trained head read from ``path``, wired to the model's NER."""
    settings = head_settings(Path(path))
    head = new_head(nlp, settings)
    head.from_disk(path, exclude=["vocab"])
    cache_ner_hidden(nlp, settings["features"])
    return NewsHead(head)


def add_head(nlp: Language, path: Path = HEAD_PATH) -> bool:
    """Add the trained head after the model's NER, if its weights are shipped."""
    if not (path / "model").exists() or HEAD_NAME in nlp.pipe_names or "ner" not in nlp.pipe_names:
        return False
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(HEAD_NAME):
        SpacyLanguage.factory(HEAD_NAME, func=make_head)
    nlp.add_pipe(HEAD_NAME, after="ner", config={"path": str(path)})
    return True
