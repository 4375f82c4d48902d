"""Quality gate for the quotes stage on PolNeAR dev (skips where ../shared/eval is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.evaluate.quotes import evaluate


@pytest.fixture(scope="module")
def report(eval_data: Path):  # type: ignore[no-untyped-def]
    # All 84 dev articles: about 40 s on one core, most of it the spaCy parse.
    return evaluate(eval_data / "polnear" / "data" / "dev")


@pytest.mark.parametrize(
    "row,metric,floor",
    [
        # Measured on PolNeAR dev (84 articles), see docs/EVAL.md for the run.
        ("newsdesk (quoted)", "F1@0.3", 0.90),  # measured 0.932
        ("newsdesk (quoted)", "F1@0.8", 0.86),  # measured 0.894
        ("newsdesk (quoted)", "speaker", 0.84),  # measured 0.871
        ("newsdesk (speech)", "F1@0.3", 0.75),  # measured 0.783
        ("newsdesk (speech)", "speaker", 0.90),  # measured 0.931
    ],
)
def test_quotes_eval_floor(report, row: str, metric: str, floor: float) -> None:  # type: ignore[no-untyped-def]
    assert report.score(row, metric) >= floor


def test_quotes_eval_beats_textacy_baseline(report) -> None:  # type: ignore[no-untyped-def]
    for view in ("quoted", "speech"):
        ours = report.score(f"newsdesk ({view})", "F1@0.3")
        assert ours > report.score(f"textacy ({view})", "F1@0.3")
