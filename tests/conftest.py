"""Shared fixtures: the spaCy model loaded once per run, the bundled sample, eval data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.record import Article

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "src" / "newsdesk" / "data" / "sample"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# ../shared/eval beside the checkout: present in CI, absent in a user's clone.
EVAL_DATA = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from newsdesk.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def eval_data() -> Path:
    """The shared labelled data; tests that need it skip cleanly where it is absent."""
    if not EVAL_DATA.is_dir():
        pytest.skip("../shared/eval is not present (it ships with CI, not with the repo)")
    return EVAL_DATA


@pytest.fixture(scope="session")
def sample_dump() -> Path:
    return SAMPLE_DIR / "dump.txt"


@pytest.fixture(scope="session")
def sample_jsonl() -> Path:
    return SAMPLE_DIR / "articles.jsonl"


@pytest.fixture()
def parse(nlp):  # type: ignore[no-untyped-def]
    """Build an Article by hand and give it the shared parse, as the pipeline would."""
    from newsdesk.stages.parse import Parser

    parser = Parser()

    def _parse(text: str, **meta: object) -> Article:
        article = Article(text=text, **meta)  # type: ignore[arg-type]
        return parser(article)

    return _parse


@pytest.fixture()
def tmp_db(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "test.db"
