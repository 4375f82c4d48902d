"""The one spaCy pass: every later stage reads ``article.doc`` instead of parsing again."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsdesk.nlp import load_model
from newsdesk.record import Article
from newsdesk.text import normalize_typography


class Parser:
    """Parse articles with spaCy in batches (``nlp.pipe``) and attach the Doc.

    The Doc is built from the typography-normalised copy of the text (same length, so its
    character offsets are offsets into ``article.text``).
    """

    name = "parse"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("doc", "sentences", "tokens")
    options = ("model", "n_process")

    def __init__(self, *, model: str | None = None, n_process: int = 1) -> None:
        self.nlp = load_model(model) if model else load_model()
        self.n_process = n_process

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Article]:
        pairs = ((normalize_typography(a.text), a) for a in articles)
        parsed = self.nlp.pipe(
            pairs, as_tuples=True, batch_size=batch_size, n_process=self.n_process
        )
        for doc, article in parsed:
            article.doc = doc
            article.assigned.update(self.assigns)
            yield article
