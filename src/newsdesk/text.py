"""Offset-preserving typography normalisation.

Stages never rewrite an article's text. They work on a copy where typographic variants are
replaced character for character (same length), so every offset found in the copy is an
offset into the original. Curly quotes and apostrophes become straight ones, exotic spaces
become a plain space, dashes a hyphen: the forms spaCy's English models were trained on.
"""

from __future__ import annotations

_ONE_TO_ONE = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark / apostrophe
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",
    "\u2032": "'",  # prime
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u201f": '"',
    "\u2033": '"',  # double prime
    "\u00ab": '"',  # guillemets
    "\u00bb": '"',
    "\u00a0": " ",  # no-break space
    "\u2007": " ",
    "\u2009": " ",  # thin space
    "\u202f": " ",  # narrow no-break space
    "\u200b": " ",  # zero-width space (kept as a space so the length is unchanged)
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus sign
    "\t": " ",
}
_TABLE = str.maketrans(_ONE_TO_ONE)

OPENING_QUOTES = frozenset("\"'\u2018\u201c\u201a\u201e\u00ab")
CLOSING_QUOTES = frozenset("\"'\u2019\u201d\u00bb")


def normalize_typography(text: str) -> str:
    """The same text with straight quotes, plain spaces and hyphens; ``len`` is unchanged."""
    return text.translate(_TABLE)
