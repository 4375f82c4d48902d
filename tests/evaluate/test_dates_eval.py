"""Quality gate for the dates stage on TempEval-3 training data (TimeBank + AQUAINT).

Floors sit a little below what was measured (the comment beside each says what and when);
lower one only on purpose, with the reason in the commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.evaluate.dates import aquaint_halves, evaluate, load_corpus, score_doc
from newsdesk.record import DateRef

pytestmark = pytest.mark.eval


@pytest.fixture(scope="module")
def tempeval(eval_data: Path) -> Path:
    path = eval_data / "tempeval3" / "Training"
    if not path.is_dir():
        pytest.skip("tempeval3/Training is not present")
    return path


@pytest.fixture(scope="module")
def report(tempeval: Path):  # type: ignore[no-untyped-def]
    # Only newsdesk here: dateparser's search_dates baseline alone takes minutes (the full
    # three-system report is `newsdesk eval dates`, numbers in docs/EVAL.md).
    return evaluate(tempeval, systems=["newsdesk"])


@pytest.mark.parametrize(
    ("row", "metric", "floor"),
    [
        # Measured 2026-12-06 over all 256 files (`newsdesk eval dates`, docs/EVAL.md):
        # relaxed F1 0.947, value F1 0.823, type accuracy 0.952 after the seventh pass (the
        # same after the sixth; 0.946 / 0.822 after the fifth, 0.945 / 0.820 after the
        # fourth, 0.944 / 0.815 after the third, 0.941 / 0.806 before it).
        ("newsdesk", "relaxed_f1", 0.92),
        ("newsdesk", "value_f1", 0.80),
        ("newsdesk", "type_acc", 0.93),
        # TimeBank, the part the rules were tuned on: measured 0.950 / 0.840 after the seventh
        # pass (0.950 / 0.839 after the fifth and sixth, 0.949 / 0.837 after the fourth, 0.946
        # / 0.831 before the third).
        ("newsdesk [TimeBank]", "relaxed_f1", 0.93),
        ("newsdesk [TimeBank]", "value_f1", 0.82),
        # AQUAINT, both halves: measured 0.940 / 0.787 after the sixth and seventh passes
        # (0.939 / 0.786 after the fifth, 0.938 / 0.785 after the fourth, 0.933 / 0.771 before
        # it, 0.929 / 0.751 before half A was read).
        ("newsdesk [AQUAINT]", "relaxed_f1", 0.915),
        ("newsdesk [AQUAINT]", "value_f1", 0.77),
        # AQUAINT-A (sorted file names, every other one from the first; errors read, tuned
        # on): measured 0.944 / 0.789 after the sixth and seventh passes (0.943 / 0.788 after
        # the fifth, 0.941 / 0.786 after the fourth, 0.939 / 0.778 before it, 0.931 / 0.747
        # before the third).
        ("newsdesk [AQUAINT-A]", "relaxed_f1", 0.92),
        ("newsdesk [AQUAINT-A]", "value_f1", 0.77),
        # AQUAINT-B (the other half; held out until the fourth pass, whose fixes read its
        # errors): measured 0.937 / 0.785 after the sixth and seventh passes (0.935 / 0.783
        # after the fourth and fifth, 0.927 / 0.762 before the fourth).
        ("newsdesk [AQUAINT-B]", "relaxed_f1", 0.915),
        ("newsdesk [AQUAINT-B]", "value_f1", 0.77),
    ],
)
def test_dates_eval_scores_stay_above_floor(report, row, metric, floor):  # type: ignore[no-untyped-def]
    assert report.score(row, metric) >= floor


@pytest.fixture(scope="module")
def meantime_report(eval_data: Path):  # type: ignore[no-untyped-def]
    path = eval_data / "meantime"
    if not path.is_dir():
        pytest.skip("meantime is not present")
    return evaluate(path, systems=["newsdesk"])


@pytest.mark.parametrize(
    ("row", "metric", "floor"),
    [
        # MEANTIME (Wikinews, 145 TIMEX3 in the first sentences of 60 articles; never read,
        # scores only): measured 2026-12-06 relaxed F1 0.919, value F1 0.779 (the fourth to
        # seventh passes left it unchanged).
        ("newsdesk", "relaxed_f1", 0.90),
        ("newsdesk", "value_f1", 0.76),
    ],
)
def test_dates_eval_meantime_stays_above_floor(meantime_report, row, metric, floor):  # type: ignore[no-untyped-def]
    assert meantime_report.score(row, metric) >= floor


def test_aquaint_halves_alternate_over_sorted_names() -> None:
    halves = aquaint_halves(["NYT2.tml", "APW1.tml", "XIE3.tml", "APW2.tml"])
    assert halves == {"APW1.tml": "A", "APW2.tml": "B", "NYT2.tml": "A", "XIE3.tml": "B"}


def test_aquaint_halves_split_the_data_evenly(tempeval: Path) -> None:
    docs = [d for d in load_corpus(tempeval) if d.part == "AQUAINT"]
    halves = [d.half for d in docs]
    assert (halves.count("A"), halves.count("B")) == (37, 36)
    assert all(d.half == "" for d in load_corpus(tempeval) if d.part != "AQUAINT")


def test_timeml_reader_offsets_match_gold_text(tempeval: Path) -> None:
    for doc in load_corpus(tempeval, limit=20):
        assert doc.dct is not None
        for timex in doc.gold:
            assert doc.text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    ("pred", "strict", "relaxed", "value"),
    [
        ([DateRef("last week", 10, 19, "2025-W22", "DATE")], 1, 1, 1),
        ([DateRef("week", 15, 19, "2025-W21", "DATE")], 0, 1, 0),
        ([DateRef("Tuesday", 30, 37, "2025-06-03", "DATE")], 0, 0, 0),
    ],
)
def test_score_doc_counts_strict_relaxed_and_value(pred, strict, relaxed, value):  # type: ignore[no-untyped-def]
    from newsdesk.evaluate.dates import Timex

    gold = [Timex(10, 19, "last week", "DATE", "2025-W22")]
    counts = score_doc(gold, pred)
    assert (counts.strict, counts.relaxed, counts.value) == (strict, relaxed, value)
