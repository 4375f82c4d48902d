"""Find the text between quote marks, in the original article text.

Curly marks say which way they face; straight ones are read from their neighbours (a mark after
a space opens, one before a space closes). A quote left open at the end of a paragraph is
continued when the next paragraph opens with a quote mark (the newswire convention for a
quote running over several paragraphs), and otherwise ends with its paragraph: a truncated
quote. Single marks are only taken as quote marks when they cannot be apostrophes (Kyiv’s,
don't, ’90s, the Clintons’ house) and only outside double quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = frozenset("“„‟«")
_DOUBLE_CLOSE = frozenset("”»")
_SINGLE_OPEN = frozenset("‘‚‛")
# A straight mark right after these opens a quote (after a comma it closes one: ,").
_OPENS_AFTER = frozenset(" \t\n\r([{—–/:\u00a0")
# Elisions that begin with an apostrophe, not an opening single quote.
_ELISIONS = re.compile(r"(?:\d\ds?|em|til|cause|n|tis|twas|bout|round|cuz|s)\b", re.IGNORECASE)
# A single-quoted span longer than this is more likely two apostrophes than a quote.
_MAX_SINGLE = 400


@dataclass(slots=True)
class Marked:
    """A quoted stretch: ``open``/``close`` are the mark positions (``close`` None when the
    quote is never closed), ``start``/``end`` the content between them."""

    open: int
    close: int | None
    start: int
    end: int
    double: bool = True
    paragraphs: int = 1


def paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _is_paragraph_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] == "\n"


def _double_kind(text: str, i: int, width: int = 1) -> str:
    char = text[i]
    left = text[i - 1] if i > 0 else "\n"
    right = text[i + width] if i + width < len(text) else "\n"
    if char == "`":
        return "open"
    if char in _DOUBLE_OPEN:
        # A curly opening mark typed where a closing one belongs ("said ”no.”") is rare;
        # trust the glyph unless it is glued to a word on the left and free on the right.
        if left.isalnum() and (right.isspace() or right in ".,;:!?"):
            return "close"
        return "open"
    if char in _DOUBLE_CLOSE:
        if (left.isspace() or left in "([") and right.isalnum():
            return "open"
        return "close"
    if (left.isspace() or left in _OPENS_AFTER) and (right.isspace() or right in "\n"):
        return "either"  # free-standing: '... its brain,' " said Fiorina
    if left in _OPENS_AFTER or left.isspace():
        return "open"
    if right.isspace() or right in ".,;:!?)]}—–-" or i + width == len(text):
        return "close"
    return "either"


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Double quote marks; two apostrophes or backticks are one mark in some newsroom systems
# (''like this'' in the New York Times copy of PolNeAR).
_DOUBLE_MARK = re.compile(r"''|``|[\"“”„‟«»]")


def find_double(text: str) -> list[Marked]:
    widths = {m.start(): m.end() - m.start() for m in _DOUBLE_MARK.finditer(text)}
    marks = list(widths)
    out: list[Marked] = []
    open_at: int | None = None
    skipped: set[int] = set()
    for i in marks:
        if i > 0 and text[i - 1] == "=" and open_at is None:
            # Markup left in the text (author="..."): an attribute, not a quote.
            close = text.find(text[i], i + 1)
            skip_to = close if close > 0 else i
            skipped.add(skip_to)
            continue
        if i in skipped:
            continue
        kind = _double_kind(text, i, widths[i])
        if open_at is None:
            if kind != "close":
                open_at = i
            continue
        breaks = text.count("\n", open_at, i)
        if kind == "open" or (breaks and _is_paragraph_start(text, i)):
            # A new opening while one is open: the earlier quote ran to its paragraph's end,
            # or, where the new mark is in the same paragraph, up to it (copy that lost its
            # paragraph breaks: '... beyond that. "Maybe there will be an offer.').
            before = text[open_at:i].rstrip()
            after = text[i + widths[i] : i + widths[i] + 1]
            if breaks or not (before.endswith((".", "?", "!")) and after.isupper()):
                out.append(_unclosed(text, open_at, widths[open_at]))
            else:
                s, e = _content(text, open_at + widths[open_at], i)
                out.append(Marked(open=open_at, close=None, start=s, end=e))
            open_at = i
            continue
        if breaks > 2:
            # A closing mark several paragraphs on is not this quote's: close it at its
            # paragraph's end and drop the stray mark.
            out.append(_unclosed(text, open_at, widths[open_at]))
            open_at = None
            continue
        s, e = _content(text, open_at + widths[open_at], i)
        if e > s:
            # ``close`` is the mark's last character, so ``close + 1`` ends the quote.
            out.append(Marked(open=open_at, close=i + widths[i] - 1, start=s, end=e))
        open_at = None
    if open_at is not None:
        out.append(_unclosed(text, open_at, widths[open_at]))
    return _join_paragraphs(text, [m for m in out if m.end > m.start])


def _unclosed(text: str, open_at: int, width: int = 1) -> Marked:
    s, e = _content(text, open_at + width, paragraph_end(text, open_at))
    return Marked(open=open_at, close=None, start=s, end=e)


def _join_paragraphs(text: str, marked: list[Marked]) -> list[Marked]:
    """An unclosed quote followed by a paragraph that opens with a quote mark is one quote."""
    out: list[Marked] = []
    for m in marked:
        last = out[-1] if out else None
        if (
            last is not None
            and last.close is None
            and _is_paragraph_start(text, m.open)
            and text.count("\n", last.end, m.open) >= 1
            and not text[last.end : m.open].strip(" \n\t\u00a0")
        ):
            last.close = m.close
            last.end = m.end
            last.paragraphs += 1
            continue
        out.append(m)
    return out


def _single_open(text: str, i: int) -> bool:
    char = text[i]
    left = text[i - 1] if i > 0 else "\n"
    right = text[i + 1] if i + 1 < len(text) else "\n"
    if char not in _SINGLE_OPEN and char not in "'’":
        return False
    if not (left.isspace() or left in '([“"—–-'):
        return False
    if not (right.isalnum() or right in '“"'):
        return False
    return not _ELISIONS.match(text, i + 1)


def _single_close(text: str, i: int) -> bool:
    if text[i] not in "'’":
        return False
    left = text[i - 1] if i > 0 else "\n"
    right = text[i + 1] if i + 1 < len(text) else "\n"
    if left.isspace():
        return False
    return right.isspace() or right in '.,;:!?)]}”"—–-'


def find_single(text: str, inside: list[Marked]) -> list[Marked]:
    covered = [(m.open, (m.close if m.close is not None else m.end) + 1) for m in inside]

    def is_inside(pos: int) -> bool:
        return any(s <= pos < e for s, e in covered)

    out: list[Marked] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] in "'‘’‚‛" and not is_inside(i) and _single_open(text, i):
            stop = min(paragraph_end(text, i), i + _MAX_SINGLE)
            j = i + 2
            while j < stop:
                if _single_close(text, j):
                    # The Clintons’ house: an "s’" before a lower-case word is a possessive.
                    nxt = text[j + 1 : j + 3]
                    if not (text[j - 1] == "s" and nxt[:1] == " " and nxt[1:].islower()):
                        break
                j += 1
            if j < stop:
                s, e = _content(text, i + 1, j)
                if e > s:
                    out.append(Marked(open=i, close=j, start=s, end=e, double=False))
                i = j + 1
                continue
        i += 1
    return out


def find_quoted(text: str) -> list[Marked]:
    """Every quoted stretch of the text, double and single, in text order."""
    double = find_double(text)
    return sorted(double + find_single(text, double), key=lambda m: m.open)
