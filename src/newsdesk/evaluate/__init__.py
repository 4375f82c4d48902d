"""`newsdesk eval TASK --data PATH`: one scorer per task, registered by name.

A task module exposes ``evaluate(data: Path, *, limit: int | None = None) -> Report``; the
report holds one row per system scored in the same run (newsdesk and its baselines), so the
score table always compares like with like. Add a task by writing ``evaluate/<task>.py`` and
adding it to ``TASKS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from newsdesk.errors import InputError, NewsdeskError
from newsdesk.evaluate.report import Report

# name -> (module, where its data usually is under ../shared/eval, one-line description)
TASKS: dict[str, tuple[str, str, str]] = {
    "quotes": (
        "newsdesk.evaluate.quotes",
        "polnear/data/dev",
        "quotes and speakers on PolNeAR (span P/R/F1 at 0.3/0.8 overlap, speaker accuracy)",
    ),
    "segment": (
        "newsdesk.evaluate.segment",
        "",
        "dumps into articles on synthetic dumps from BBC News + PolNeAR dev (boundary P/R/F1, "
        "exact articles, truncation accuracy, caption P/R/F1)",
    ),
    "ner": (
        "newsdesk.evaluate.ner",
        "conll2003/eng.testa",
        "named entities on CoNLL-2003 (OntoNotes labels mapped to PER/ORG/LOC/MISC)",
    ),
    "stories": (
        "newsdesk.evaluate.stories",
        "ecbplus/test_parsing",
        "story clustering on ECB+ via ingest + export (B-cubed P/R/F1, clusters; topics 1-22 "
        "and 23-35 apart) next to TF-IDF + agglomerative",
    ),
    "duplicates": (
        "newsdesk.evaluate.duplicates",
        "bbc_news",
        "near-duplicates on bbc_news (gold: word-sequence ratio >= 0.9) and msrp pairs (P/R/F1)",
    ),
    "extraction": (
        "newsdesk.evaluate.extraction",
        "article_extraction",
        "HTML page to article body on the article-extraction benchmark (4-gram shingle P/R/F1)",
    ),
    "entities": (
        "newsdesk.evaluate.entities",
        "meantime",
        "cross-document entity merging on MEANTIME (B-cubed over found named mentions)",
    ),
    "dates": (
        "newsdesk.evaluate.dates",
        "tempeval3/Training",
        "time expressions on TempEval-3 TimeML (strict/relaxed span F1, value F1, type accuracy)",
    ),
    "places": (
        "newsdesk.evaluate.places",
        "geoparsing/lgl.xml",
        "toponyms and their coordinates on LGL or GeoVirus (P/R/F1, acc@161km, median km, AUC)",
    ),
    "topics": ("newsdesk.evaluate.topics", "bbc_news", "topic labels on bbc_news' held-out half"),
}


def task_names() -> list[str]:
    return sorted(TASKS)


def default_data(task: str, root: Path) -> Path:
    return root / TASKS[task][1]


def run_task(task: str, data: Path, *, limit: int | None = None) -> Report:
    if task not in TASKS:
        raise NewsdeskError(f"unknown eval task {task!r}; known tasks: {', '.join(task_names())}")
    if not data.exists():
        raise InputError("no such file or folder", source=str(data))
    module = importlib.import_module(TASKS[task][0])
    evaluate: Callable[..., Report] = module.evaluate
    return evaluate(data, limit=limit)
