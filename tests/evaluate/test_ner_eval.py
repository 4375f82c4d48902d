"""The CoNLL-2003 reader and scorer, and the score floor on the shared dev set."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.evaluate.ner import Tally, build_document, evaluate, iob1_spans, read_conll, snap

CONLL = """Mayor NNP I-NP O
Anna NNP I-NP I-PER
Lindqvist NNP I-NP I-PER
visited VBD I-VP O
Uppsala NNP I-NP I-LOC
. . O O

-DOCSTART- -X- -X- O

Acme NNP I-NP I-ORG
's POS B-NP O
Swedish JJ I-NP I-MISC
unit NN I-NP O
"""


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["I-PER", "I-PER", "O", "I-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["I-LOC", "B-LOC", "O"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        (["I-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC")]),
        (["B-PER", "I-PER"], [(0, 2, "PER")]),
    ],
)
def test_iob1_spans_reads_iob1_and_iob2(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert iob1_spans(tags) == spans


@pytest.mark.parametrize("missing_first_docstart", [True])
def test_read_conll_splits_documents_and_keeps_offsets(
    tmp_path: Path, missing_first_docstart: bool
) -> None:
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL, encoding="utf-8")
    documents = [build_document(d) for d in read_conll(path)]
    assert len(documents) == 2
    first, second = documents
    assert first.text == "Mayor Anna Lindqvist visited Uppsala."
    assert [first.text[s:e] for s, e, _ in first.entities] == ["Anna Lindqvist", "Uppsala"]
    assert second.text == "Acme's Swedish unit"
    assert [(second.text[s:e], k) for s, e, k in second.entities] == [
        ("Acme", "ORG"),
        ("Swedish", "MISC"),
    ]


@pytest.mark.parametrize(("start", "end", "expected"), [(1, 3, (0, 4)), (5, 6, None)])
def test_snap_widens_to_gold_tokens(start: int, end: int, expected: tuple[int, int] | None) -> None:
    assert snap(start, end, [(0, 4), (7, 9)]) == expected


@pytest.mark.parametrize("kind", ["PER"])
def test_tally_scores_exact_spans(kind: str) -> None:
    tally = Tally()
    tally.add({(0, 4, kind), (5, 9, kind)}, {(0, 4, kind), (10, 12, "LOC")})
    metrics = tally.metrics()
    assert metrics["precision"] == 0.5
    assert metrics["recall"] == 0.5


@pytest.mark.slow
def test_ner_eval_beats_floor_on_conll_dev(eval_data: Path) -> None:
    # Full eng.testa (216 documents) takes ~10-40 s on one core.
    report = evaluate(eval_data / "conll2003" / "eng.testa")
    # Measured 2026-11-25: bare sm 0.648 F1, newsdesk (trained head + rules) 0.834.
    assert report.score("spacy sm (bare)", "f1") > 0.63
    assert report.score("newsdesk", "f1") >= 0.82
