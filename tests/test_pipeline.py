from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from newsdesk.errors import PipelineError
from newsdesk.pipeline import Pipeline, build_pipeline, check_order
from newsdesk.record import Article


class Recorder:
    """A stage that records the order it saw articles in."""

    def __init__(self, name: str, requires: tuple[str, ...], assigns: tuple[str, ...]) -> None:
        self.name = name
        self.requires = requires
        self.assigns = assigns
        self.seen: list[str] = []

    def __call__(self, article: Article) -> Article:
        self.seen.append(article.id)
        article.assigned.update(self.assigns)
        return article

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Article]:
        for article in articles:
            yield self(article)


@pytest.mark.parametrize("missing", ["doc"])
def test_pipeline_refuses_stage_whose_requirement_comes_later(missing: str) -> None:
    first = Recorder("entities", requires=(missing,), assigns=("entities",))
    second = Recorder("parse", requires=(), assigns=(missing,))
    with pytest.raises(PipelineError, match="'doc' is assigned by parse which comes later"):
        check_order([first, second])


@pytest.mark.parametrize("missing", ["quotes"])
def test_pipeline_refuses_requirement_nobody_assigns(missing: str) -> None:
    with pytest.raises(PipelineError, match=f"no stage assigns '{missing}'"):
        Pipeline([Recorder("timeline", requires=(missing,), assigns=())])


@pytest.mark.parametrize("count", [5])
def test_pipeline_streams_in_input_order_and_drops_the_parse(count: int) -> None:
    stages = [Recorder("a", (), ("x",)), Recorder("b", ("x",), ("y",))]
    articles = [Article(text=f"Article number {i}.") for i in range(count)]
    out = list(Pipeline(stages, batch_size=2).pipe(iter(articles)))
    assert [a.id for a in out] == [a.id for a in articles]
    assert stages[1].seen == [a.id for a in articles]
    assert all(a.doc is None and {"x", "y"} <= a.assigned for a in out)


@pytest.mark.parametrize(
    "text", ["Ukrainian President Volodymyr Zelenskiy spoke in Kyiv on Sunday."]
)
def test_pipeline_default_shares_one_parse(text: str) -> None:
    pipeline = build_pipeline()
    assert pipeline.names[0] == "parse"
    article = next(pipeline.pipe([Article(text=text)], keep_doc=True))
    assert article.doc is not None and article.doc.text == text
    assert any(m.text == "Kyiv" for e in article.entities for m in e.mentions)
