"""The analyze pipeline on a pool of Ray actors (``--engine ray``).

What runs where:

- the driver (the ``newsdesk`` process) reads and segments the inputs, streaming, exactly as
  the local path does, cuts the articles into batches and sends each batch, as plain dicts, to
  an actor; for ``ingest`` it also writes every record to the store (one writer, SQLite or
  PostgreSQL), so cross-article work (duplicates, stories, the entity registry) sees the
  whole corpus in order, as it does locally;
- each actor builds the default pipeline once (the spaCy model is loaded once per actor, not
  per batch) and returns the analyzed records of a batch.

Records come back in input order: batches go to the actors in turn and the driver takes the
results in the order it sent them. At most ``queue`` batches per actor are in flight (sent
and not yet collected), so the driver never holds more than ``actors * queue * batch_size``
articles however long the input is; reading waits for the oldest batch (backpressure).

A record that fails on a worker is reported (``RecordError`` naming its input and record) and
skipped; the rest of its batch is analyzed one article at a time so only the bad one is lost.
A worker that dies (out of memory, node lost) stops the run with a ``NewsdeskError`` naming
the batch; everything yielded before it, and so stored before it, stays.

The module is named after the engine it drives; ``from __future__ import annotations`` and
absolute imports mean ``import ray`` below is the Ray package, never this module.
"""

from __future__ import annotations

import functools
import logging
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import NewsdeskError, RecordError
from newsdesk.pipeline import Pipeline, batched, build_pipeline
from newsdesk.record import Article

Reporter = Callable[[NewsdeskError], None]
Warner = Callable[[str], None]
# What a worker returns per article: ("ok", record) or ("error", what went wrong).
Outcome = tuple[str, Any]


@dataclass(frozen=True)
class RayOptions:
    """How the Ray engine runs.

    ``address``: None (or ``"local"``) starts a private local Ray for the run (or uses the
    one this process already started); ``"auto"`` joins the cluster this machine is part of;
    ``"ray://HOST:10001"`` connects through Ray Client.
    ``actors``: pipeline actors; None is one per CPU the cluster has.
    ``batch_size``: articles per task sent to an actor (and per spaCy batch inside it).
    ``queue``: batches in flight per actor; 2 keeps an actor busy while the driver collects
    its previous batch, and bounds the driver's memory.
    """

    address: str | None = None
    actors: int | None = None
    batch_size: int = 64
    queue: int = 2
    cpus_per_actor: float = 1.0


def to_wire(article: Article) -> dict[str, Any]:
    """The article as plain data for the trip to or from a worker: the contract record plus
    where it came from in its input (``origin``, for error messages)."""
    record = article.to_dict()
    record["origin"] = article.origin
    return record


def from_wire(record: dict[str, Any]) -> Article:
    return Article.from_dict(record)


class PipelineWorker:
    """One actor's state: the pipeline, built once when the actor starts."""

    def __init__(self, factory: Callable[[], Pipeline]) -> None:
        self.pipeline = factory()

    def ready(self) -> bool:
        return True

    def analyze(self, batch: list[dict[str, Any]]) -> list[Outcome]:
        """Analyze a batch; if it fails, again one article at a time, so that one bad
        record costs only itself."""
        try:
            done = list(self.pipeline.pipe(from_wire(r) for r in batch))
        except Exception:
            return [self._analyze_one(r) for r in batch]
        if len(done) != len(batch):
            return [self._analyze_one(r) for r in batch]
        return [("ok", to_wire(a)) for a in done]

    def _analyze_one(self, record: dict[str, Any]) -> Outcome:
        try:
            return ("ok", to_wire(self.pipeline(from_wire(record))))
        except Exception as err:
            return ("error", f"{type(err).__name__}: {err}")


def _where(article: Article) -> str:
    """The record's place in its input, as error messages name it."""
    if article.origin:
        return article.origin
    title = f" ({article.title[:60]!r})" if article.title else ""
    return f"article {article.id}{title}"


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise NewsdeskError(
            "--engine ray needs Ray, which is not installed: pip install 'newsdesk[scale]'"
        ) from None
    return ray


@contextmanager
def ray_session(address: str | None, *, num_cpus: int | None = None) -> Iterator[Any]:
    """Ray, started or joined for the run and shut down after it; a Ray this process
    already started (a notebook, the tests) is used as it is and left running. ``num_cpus``
    sizes a private local instance (default: this machine's CPUs)."""
    ray = _import_ray()
    if ray.is_initialized():
        yield ray
        return
    kwargs: dict[str, Any] = {"address": address}
    if address in (None, "local"):
        # A private instance on this machine ("local": even where RAY_ADDRESS is set or
        # `ray start` ran here), no dashboard, and only errors from Ray's own logging (its
        # start-up notices would mix with the records on a terminal).
        kwargs = {
            "address": "local",
            "include_dashboard": False,
            "logging_level": logging.ERROR,
            "num_cpus": num_cpus,
        }
    try:
        ray.init(**kwargs)
    except Exception as err:
        where = address or "a local Ray instance"
        raise NewsdeskError(
            f"cannot start or join Ray ({type(err).__name__}: {err})", source=where
        ) from err
    try:
        yield ray
    finally:
        ray.shutdown()


def analyze_on_ray(
    articles: Iterable[Article],
    *,
    options: RayOptions | None = None,
    report: Reporter | None = None,
    warn: Warner | None = None,
    factory: Callable[[], Pipeline] | None = None,
) -> Iterator[Article]:
    """Yield each article analyzed by a pool of Ray actors, in input order.

    ``factory`` builds the pipeline on each actor (default: ``build_pipeline``); it must be
    importable there (a module-level function or a ``functools.partial`` of one). A record
    that fails is passed to ``report`` (raised when there is none) and skipped.
    """
    opts = options or RayOptions()
    make = factory or functools.partial(build_pipeline, batch_size=opts.batch_size)
    num_cpus = None
    if opts.address in (None, "local") and opts.actors is not None:
        # A private Ray never grows: give it a CPU slot for every actor asked for (more
        # actors than cores only share the cores) rather than leave some waiting forever.
        num_cpus = max(os.cpu_count() or 1, math.ceil(opts.actors * opts.cpus_per_actor))
    with ray_session(opts.address, num_cpus=num_cpus) as ray:
        count = _actor_count(ray, opts, warn)
        remote = ray.remote(num_cpus=opts.cpus_per_actor)(PipelineWorker)
        actors = [remote.remote(make) for _ in range(count)]
        try:
            yield from _run(ray, actors, articles, opts, report)
        finally:
            for actor in actors:
                ray.kill(actor)


def _actor_count(ray: Any, opts: RayOptions, warn: Warner | None) -> int:
    cpus = float(ray.cluster_resources().get("CPU", 0))
    if opts.actors is None:
        return max(1, int(cpus // opts.cpus_per_actor))
    if opts.actors < 1:
        raise NewsdeskError(f"--actors must be at least 1, not {opts.actors}")
    if warn is not None and opts.actors * opts.cpus_per_actor > cpus:
        warn(
            f"{opts.actors} actors need {opts.actors * opts.cpus_per_actor:g} CPUs and the Ray "
            f"cluster has {cpus:g}: the rest wait until the cluster grows"
        )
    return opts.actors


def _run(
    ray: Any,
    actors: list[Any],
    articles: Iterable[Article],
    opts: RayOptions,
    report: Reporter | None,
) -> Iterator[Article]:
    # Batches are dealt to the actors in turn and collected in the order sent, so the oldest
    # batch in flight always belongs to the actor that gets the next one.
    window = len(actors) * max(1, opts.queue)
    in_flight: deque[tuple[Any, list[tuple[str | None, str]]]] = deque()
    for turn, batch in enumerate(batched(articles, opts.batch_size)):
        names = [(a.source, _where(a)) for a in batch]
        ref = actors[turn % len(actors)].analyze.remote([to_wire(a) for a in batch])
        del batch
        in_flight.append((ref, names))
        if len(in_flight) >= window:
            yield from _collect(ray, *in_flight.popleft(), report)
    while in_flight:
        yield from _collect(ray, *in_flight.popleft(), report)


def _collect(
    ray: Any, ref: Any, names: list[tuple[str | None, str]], report: Reporter | None
) -> Iterator[Article]:
    try:
        outcomes: list[Outcome] = ray.get(ref)
    except ray.exceptions.RayError as err:
        first, last = names[0], names[-1]
        span = first[1] if len(names) == 1 else f"{first[1]} .. {last[1]}"
        hint = ""
        if "No module named" in str(err):
            hint = " (install newsdesk[scale] and its model package on every Ray node)"
        raise NewsdeskError(
            f"a Ray worker failed on the batch of {len(names)} "
            f"record{'s' if len(names) != 1 else ''} {span} "
            f"({type(err).__name__}: {_summary(err)}){hint}; records before this batch are "
            "done",
            source=first[0],
        ) from err
    for (source, where), (status, value) in zip(names, outcomes, strict=True):
        if status == "ok":
            yield from_wire(value)
            continue
        problem = RecordError(
            f"analysis failed on a Ray worker ({value}); skipped", source=source, where=where
        )
        if report is None:
            raise problem
        report(problem)


def _summary(err: Exception) -> str:
    lines = [line for line in str(err).splitlines() if line.strip()]
    return lines[-1].strip() if lines else type(err).__name__
