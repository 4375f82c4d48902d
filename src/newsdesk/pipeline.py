"""An ordered list of stages, checked before it runs, streamed in batches.

A stage is any object with ``name``, ``requires``, ``assigns``, ``__call__(article)`` and
``pipe(articles, *, batch_size)``. The pipeline checks that every name a stage requires is
assigned by an earlier stage (or is part of every article: its text and metadata), then runs
the articles through all stages one batch at a time, so memory stays bounded however long
the input is and the spaCy parse of an article is shared by every stage. Stages are chained
as generators over the whole stream (as spaCy's ``nlp.pipe`` is), so the parser batches
and, with ``n_process > 1``, parses in worker processes without restarting them per batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Protocol, runtime_checkable

from newsdesk.errors import PipelineError
from newsdesk.record import Article

# What every article has before any stage runs.
GIVEN = frozenset({"text", "title", "published", "captions", "truncated"})


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Article]: ...


def check_order(stages: Sequence[Stage]) -> None:
    """Fail with a clear message if a stage requires what no earlier stage assigns."""
    available = set(GIVEN)
    for position, stage in enumerate(stages):
        missing = [r for r in stage.requires if r not in available]
        if missing:
            providers = {
                r: [s.name for s in stages[position + 1 :] if r in s.assigns] for r in missing
            }
            hint = "; ".join(
                f"{r!r} is assigned by {', '.join(p)} which comes later"
                if p
                else f"no stage assigns {r!r}"
                for r, p in providers.items()
            )
            raise PipelineError(
                f"stage {stage.name!r} (position {position + 1}) requires "
                f"{', '.join(map(repr, missing))}: {hint}"
            )
        available.update(stage.assigns)


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Pipeline:
    """Run stages in order over a stream of articles."""

    def __init__(self, stages: Sequence[Stage], *, batch_size: int = 64) -> None:
        check_order(stages)
        self.stages = list(stages)
        self.batch_size = batch_size

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], *, keep_doc: bool = False) -> Iterator[Article]:
        """Yield each article annotated by every stage, in input order.

        The parse is dropped once the last stage is done (``keep_doc=False``) so that memory
        does not grow with the input.
        """
        items: Iterable[Article] = articles
        for stage in self.stages:
            items = stage.pipe(items, batch_size=self.batch_size)
        for article in items:
            if not keep_doc:
                article.doc = None
            yield article


def build_pipeline(
    names: Sequence[str] | None = None, *, batch_size: int = 64, n_process: int = 1
) -> Pipeline:
    """The default pipeline, or the named stages in the order given."""
    from newsdesk.stages import DEFAULT_STAGES, create_stage

    chosen = list(names) if names else list(DEFAULT_STAGES)
    if chosen[0] != "parse":
        chosen.insert(0, "parse")
    stages = [create_stage(n, n_process=n_process) for n in chosen]
    return Pipeline(stages, batch_size=batch_size)
