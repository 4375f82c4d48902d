"""The Ray engine (`--engine ray`): the same records as the local path, bad records reported.

One local Ray instance serves the whole module (it takes seconds to start); the engine uses a
Ray this process already started and leaves it running.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli
from newsdesk.errors import NewsdeskError
from newsdesk.pipeline import Pipeline
from newsdesk.record import Article, Topic

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[dev]')")

# Small batches so that both actors get work from the 36-article sample; both paths use the
# same size, since the store revisits stories at the end of each batch it writes.
SAMPLE_ARGS = ["--published", "2025-06-03", "--batch-size", "8"]
RAY_ARGS = ["--engine", "ray", "--actors", "2"]


@pytest.fixture(scope="module", autouse=True)
def ray_instance() -> Iterator[None]:
    try:
        ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR)
    except Exception as err:  # a container without /dev/shm or without room for Ray
        pytest.skip(f"Ray cannot start on this machine: {type(err).__name__}: {err}")
    # The test pipelines below are defined here: ship them to the workers by value.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    yield
    ray.shutdown()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args), env={"NEWSDESK_NO_PROGRESS": "1"})
    assert result.exit_code == 0, result.stderr + repr(result.exception)
    return result.stdout


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_ray_analyze_gives_the_local_records(
    runner: CliRunner, sample_dump: Path, fmt: str
) -> None:
    local = run(runner, "analyze", str(sample_dump), *SAMPLE_ARGS, "--format", fmt)
    on_ray = run(runner, "analyze", str(sample_dump), *SAMPLE_ARGS, "--format", fmt, *RAY_ARGS)
    assert len(local.splitlines()) == 36
    assert on_ray == local


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_ray_ingest_stores_the_local_records(
    runner: CliRunner, sample_dump: Path, tmp_path: Path, fmt: str
) -> None:
    exports = []
    for name, engine in (("local", []), ("ray", RAY_ARGS)):
        db = str(tmp_path / f"{name}.db")
        run(runner, "ingest", str(sample_dump), *SAMPLE_ARGS, "--db", db, *engine)
        exports.append(run(runner, "export", "--format", fmt, "--db", db))
    local, on_ray = exports
    # 36 articles in the sample, two of them the same text: 35 records.
    assert len(local.splitlines()) == 35
    assert on_ray == local


class Tagger:
    """A stand-in stage (no model, so the test is quick): tags each article, fails on one
    that says BOOM and kills its worker process on one that says CRASH."""

    name = "tagger"
    requires: tuple[str, ...] = ()
    assigns = ("topics",)

    def __call__(self, article: Article) -> Article:
        if "BOOM" in article.text:
            raise ValueError("cannot tag a BOOM")
        if "CRASH" in article.text:
            os._exit(3)
        article.topics = [Topic(label="news", score=float(len(article.text)))]
        return article

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Article]:
        for article in articles:
            yield self(article)


def tagging_pipeline() -> Pipeline:
    return Pipeline([Tagger()], batch_size=2)


def feed(*texts: str) -> list[Article]:
    return [
        Article(text=text, source="feed.jsonl", origin=f"line {number}")
        for number, text in enumerate(texts, 1)
    ]


@pytest.mark.parametrize("bad", [3])
def test_ray_bad_record_is_reported_and_the_rest_analyzed(bad: int) -> None:
    from newsdesk.scale.ray import RayOptions, analyze_on_ray

    texts = [f"Article number {n} about the harbour." for n in range(1, 8)]
    texts[bad - 1] = "This one says BOOM."
    problems: list[NewsdeskError] = []
    done = list(
        analyze_on_ray(
            feed(*texts),
            options=RayOptions(actors=2, batch_size=2),
            report=problems.append,
            factory=tagging_pipeline,
        )
    )
    assert [a.origin for a in done] == [f"line {n}" for n in range(1, 8) if n != bad]
    assert all(a.topics[0].score == len(a.text) for a in done)
    assert len(problems) == 1
    message = str(problems[0])
    assert message.startswith(f"feed.jsonl, line {bad}: ")
    assert "ValueError: cannot tag a BOOM" in message


@pytest.mark.parametrize("crash", [5])
def test_ray_dead_worker_stops_the_ingest_and_keeps_what_was_stored(crash: int) -> None:
    from newsdesk.scale.ray import RayOptions, analyze_on_ray
    from newsdesk.store import open_store

    texts = [f"Report {n} from the council meeting." for n in range(1, 9)]
    texts[crash - 1] = "This one says CRASH."
    records = analyze_on_ray(
        feed(*texts),
        options=RayOptions(actors=1, batch_size=2),
        factory=tagging_pipeline,
    )
    with open_store(":memory:") as store:
        with pytest.raises(NewsdeskError) as caught:
            store.ingest(records, batch_size=2)
        stored: Any = store.counts()
    message = str(caught.value)
    assert message.startswith("feed.jsonl: a Ray worker failed on the batch of 2 records")
    assert f"line {crash}" in message
    # The two batches before the crash are stored, the crashed batch is not.
    assert stored["articles"] == 4


@pytest.mark.parametrize(("actors", "batch_size"), [(2, 3)])
def test_ray_reads_no_further_ahead_than_the_batches_in_flight(
    actors: int, batch_size: int
) -> None:
    from newsdesk.scale.ray import RayOptions, analyze_on_ray

    read = 0

    def source() -> Iterator[Article]:
        nonlocal read
        for article in feed(*(f"Bulletin {n} on the river level." for n in range(1, 41))):
            read += 1
            yield article

    options = RayOptions(actors=actors, batch_size=batch_size, queue=2)
    ahead = []
    for number, article in enumerate(
        analyze_on_ray(source(), options=options, factory=tagging_pipeline), 1
    ):
        assert article.origin == f"line {number}"
        ahead.append(read - number)
    # At most actors * queue batches are sent and not yet collected, plus the batch being read.
    assert max(ahead) <= (actors * options.queue + 1) * batch_size
    assert read == 40


def pipeline_of_a_node_without_newsdesk() -> Pipeline:
    raise ModuleNotFoundError("No module named 'newsdesk'")


@pytest.mark.parametrize("actors", [1])
def test_ray_worker_that_cannot_build_the_pipeline_says_what_to_install(actors: int) -> None:
    from newsdesk.scale.ray import RayOptions, analyze_on_ray

    records = analyze_on_ray(
        feed("A short note on the weather."),
        options=RayOptions(actors=actors),
        factory=pipeline_of_a_node_without_newsdesk,
    )
    with pytest.raises(NewsdeskError) as caught:
        list(records)
    message = str(caught.value)
    assert message.startswith("feed.jsonl: a Ray worker failed on the batch of 1 record line 1")
    assert "install newsdesk[scale] and its model package on every Ray node" in message
