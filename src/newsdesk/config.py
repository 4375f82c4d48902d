"""Defaults shared by the CLI, the API and the library (cheap to import)."""

from __future__ import annotations

# The store used when neither --db nor NEWSDESK_DB names one.
DEFAULT_DB = "newsdesk.db"

# spaCy needs about 1 GB of memory per 100,000 characters parsed at once with the parser and
# NER; a news article is rarely above 50,000 characters. Longer records are refused.
MAX_CHARS = 1_000_000
