"""Analyze stages, one module each, and the registry that builds them by name.

To add a stage: write ``stages/<name>.py`` with a class following ``pipeline.Stage``, then add
it to ``STAGES`` (and to ``DEFAULT_STAGES`` if it runs by default).
"""

from __future__ import annotations

import importlib
from typing import Any

from newsdesk.errors import PipelineError
from newsdesk.pipeline import Stage

# name -> "module:Class"; modules are imported only when the stage is used.
STAGES: dict[str, str] = {
    "parse": "newsdesk.stages.parse:Parser",
    "entities": "newsdesk.stages.entities:EntityRecognizer",
    "quotes": "newsdesk.stages.quotes:QuoteExtractor",
    "dates": "newsdesk.stages.dates:DateResolver",
    "places": "newsdesk.stages.places:PlaceResolver",
    "topics": "newsdesk.stages.topics:TopicClassifier",
}

# The stages `analyze` and `ingest` run, in order.
DEFAULT_STAGES: tuple[str, ...] = ("parse", "entities", "quotes", "dates", "places", "topics")


def create_stage(name: str, **options: Any) -> Stage:
    try:
        target = STAGES[name]
    except KeyError:
        raise PipelineError(
            f"unknown stage {name!r}; known stages: {', '.join(sorted(STAGES))}"
        ) from None
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    accepted = getattr(cls, "options", ())
    stage: Stage = cls(**{k: v for k, v in options.items() if k in accepted})
    return stage
