"""Time expressions (TimeML DATE, TIME, DURATION, SET), normalised against the publication date.

A rule-based tagger and normaliser in the manner of HeidelTime. The rule table
(``dates_patterns``: precompiled patterns, each with its normaliser in ``dates_rules``; words
and calendar arithmetic in ``dates_lexicon``) runs over the typography-normalised copy of the
text (same length, so offsets carry over), only in windows around time words and only the
rules a window's kinds of time word allow (``RULE_NEEDS``: no month name, no month rule); the
leftmost-longest matches win, a clock time is merged with the day next to it ("10 p.m.
Wednesday"), and modifiers TimeML keeps inside the span are added ("more than four years",
"late November"). The shared parse (``article.doc``) is consulted only where a word needs it:
the tense of the governing verb (day and month names point to the past unless the verb is
future), and whether "May" or "March" is a verb. The text is never parsed again.

Without a publication date absolute expressions are still normalised; relative ones get
``value=None`` and ``anchor="published"``. (An article's date line under its headline, "April
27, 2005", is its publication date when the input gave none: ``ingest.published.date_line``,
applied where inputs are read.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import Any

from newsdesk.record import Article, DateRef
from newsdesk.stages.dates_lexicon import HOLIDAY_WORDS, MONTHS, WEEKDAYS
from newsdesk.stages.dates_patterns import (
    ANY_KIND,
    FREQUENCY_MODIFIER,
    POINT_MODIFIER,
    QUANTITY_MODIFIER,
    RULE_NEEDS,
    RULES,
    TRIGGER,
    trigger_kind,
)
from newsdesk.stages.dates_rules import Context, Rule
from newsdesk.text import normalize_typography

FUTURE_AUX = frozenset({"will", "'ll", "ll", "shall", "wo"})
# Verbs whose "to" complement happens later: "plans to meet on Monday", "is due to ...",
# "is likely to appear in court Wednesday", "vowed to return on Friday". Not "want" ("those
# that want to speak - Wednesday release"): on 500 PolNeAR articles it moved 2 day names,
# both wrong; "likely" moved 1, right.
PLAN_LEMMAS = frozenset(
    {"plan", "schedule", "expect", "due", "set", "intend", "prepare", "hope", "go", "aim"}
    | {"forecast", "likely", "poised", "promise", "vow", "pledge", "threaten"}
)
# Present-tense words that put a named day ahead: "is expected Monday", "is due Friday".
SCHEDULE_LEMMAS = frozenset({"expect", "schedule", "due", "slate", "plan", "set"})
# Entity labels that make a day or month name part of a name, not a time.
NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "LOC", "LAW"})
VERB_TAGS = frozenset({"MD", "VB", "VBD", "VBP", "VBZ"})

# Between a clock time and its day: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon on Friday".
_TIME_DAY_GAP = re.compile(r"^(?:,?\s+(?:on\s+)?|\s+)$")
_STARTS_WITH_NUMBER = re.compile(
    r"^(?:\d|a\b|an\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|twenty|thirty|forty|fifty|sixty|several|few|a few|many|noon|midnight)",
    re.IGNORECASE,
)


# A determiner before a hyphenated time adjective ("the 23-year", "its third-quarter").
_DETERMINER_OF_ADJECTIVE = re.compile(
    r"(?:the|its|their|his|her|this|that|our)\s+(?=[^\s]*\w-\w[^\s]*$)", re.IGNORECASE
)


# "his two decades", "their first quarter": the possessive is not part of the time.
_POSSESSIVE = re.compile(r"(?:his|her|its|their|our|my|your)\s+", re.IGNORECASE)


# Characters the rules may need on each side of a trigger word ("the past several", ", 1998",
# " EST, Nov. 6"). 40/30 gives the same TimeBank output as 60/50 (one span fewer, a false
# one) and scans a smaller share of the text.
_WINDOW_BEFORE, _WINDOW_AFTER = 40, 30
_NEXT_SPACE = re.compile(r"\s")


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    type: str
    value: str | None
    anchor: str | None
    rule: str


def _parse_dct(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


class _Parse:
    """Questions the rules ask about the parse, answered from ``article.doc``."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def _token(self, start: int, end: int) -> Any:
        if self.doc is None:
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def tense(self, start: int, end: int) -> str | None:
        tok = first = self._token(start, end)
        if tok is None:
            return None
        for _ in range(4):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        if tok.tag_ == "VBG" and tok.dep_ == "acl":
            # "sold in the quarter ending in September": the tense of the clause the noun is
            # in, not the participle's (a present, which looked ahead).
            clause = tok.head
            for _ in range(4):
                if clause.pos_ in ("VERB", "AUX") or clause.head is clause:
                    break
                clause = clause.head
            if clause.pos_ in ("VERB", "AUX"):
                tok = clause
        verb, date_tok = tok, first
        # A modal ("said it would cut funds on Monday") or a plan told in the past
        # ("planned to leave on Thursday") puts a day name ahead; other rules read it as
        # present.
        planned = _is_modal(tok)
        for _ in range(3):
            for child in verb.children:
                if child.dep_ in ("aux", "auxpass") and child.lower_ in FUTURE_AUX:
                    return "future"
            planner = verb.head
            if _infinitive_of(verb) and planner.lemma_ in PLAN_LEMMAS:
                if _had(planner) or _had(planner.head):
                    # "had been scheduled to expire at midnight Friday", "had been due to
                    # expire Friday evening": a plan overtaken, told from after its date.
                    return "past"
                if not _is_past(planner) and not _is_past(planner.head):
                    return "future"
                # "planned to leave on Thursday", "were planning to drive Monday": a plan
                # told in the past, for the coming days (a day name goes ahead).
                planned = True
            if (
                verb.dep_ == "xcomp"
                and verb.head.lemma_ == "be"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            ):
                return "future"  # "is to resume trading Tuesday"
            if verb.dep_ in ("xcomp", "ccomp", "conj", "advcl") and verb.head is not verb:
                verb = verb.head
            else:
                break
        if _schedules(tok, date_tok):
            return "planned"
        if _is_past(tok) or (tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")):
            # "the year ended March 31": a participle describing a noun reports the past.
            return "past"
        if tok.lemma_ in SCHEDULE_LEMMAS or any(
            c.lemma_ in SCHEDULE_LEMMAS and c.dep_ in ("acomp", "attr", "oprd")
            for c in tok.children
        ):
            return "future"  # "a ruling is expected on Thursday", "payment is due Friday"
        if (
            tok.tag_ in ("VBZ", "VBP")
            or (
                tok.tag_ == "VBN"
                and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in tok.children)
            )
        ) and tok.lemma_ not in _NOT_SCHEDULE:
            # News tells a coming event in the simple present: "ministers meet on Monday".
            # TimeBank + AQUAINT-A: one day name more right, one less (a misparse); any
            # present (participles, "Friday's") instead: 14 fewer right.
            planned = True
        return "planned" if planned else "present"

    def in_name(self, start: int, end: int) -> bool:
        tok = self._token(start, end)
        return tok is not None and tok.ent_type_ in NAME_LABELS

    def is_modifier(self, start: int, end: int) -> bool:
        tok = self._token(start, end)
        return tok is not None and tok.dep_ == "amod"

    def is_compound(self, start: int, end: int) -> bool:
        tok = self._token(start, end)
        return tok is not None and tok.dep_ == "compound"

    def is_verb(self, start: int, end: int) -> bool:
        tok = self._token(start, end)
        return tok is not None and (tok.tag_ in VERB_TAGS or tok.pos_ in ("VERB", "AUX"))


def _windows(text: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around the words every time expression contains, with their kinds.

    The rules only run inside these windows: most of an article holds no time word, and
    scanning only near one cut the tagger's time by about two thirds on TimeBank with the
    same output. Windows end on whitespace so no word is cut in two. Each window keeps the
    kinds of its trigger words (``trigger_kind``), which say which rules can match in it.
    """
    out: list[tuple[int, int, set[str]]] = []
    n = len(text)
    for m in TRIGGER.finditer(text):
        start = max(0, m.start() - _WINDOW_BEFORE)
        end = min(n, m.end() + _WINDOW_AFTER)
        if start > 0:
            start = _last_space(text, start)
        if end < n:
            space = _NEXT_SPACE.search(text, end)
            end = space.start() if space else n
        kind = trigger_kind(m.group())
        if out and start <= out[-1][1]:
            last = out[-1]
            last[2].add(kind)
            out[-1] = (last[0], max(end, last[1]), last[2])
        else:
            out.append((start, end, {kind}))
    return out


# Rules to run for a set of trigger kinds, in rule order; RULE_NEEDS says which need what.
_NEEDS = tuple(RULE_NEEDS.get(rule.name) for rule in RULES)


@lru_cache(maxsize=512)
def _rules_for(kinds: frozenset[str]) -> tuple[tuple[int, Rule], ...]:
    return tuple(
        (priority, rule)
        for priority, (rule, needs) in enumerate(zip(RULES, _NEEDS, strict=True))
        if needs is None or ANY_KIND in kinds or not needs.isdisjoint(kinds)
    )


def _last_space(text: str, pos: int) -> int:
    space = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos))
    return space + 1 if space >= 0 else 0


# "could" and "can" are left out: "could not be located Wednesday" is a past (TimeBank +
# AQUAINT-A: with them 2 day names wrong, without them none; the rest changed nothing there).
# Present-tense verbs that report or describe rather than schedule ("says", "is", "follows").
_NOT_SCHEDULE = frozenset(
    {"say", "tell", "report", "announce", "be", "have", "show", "remain", "do", "follow"}
    | {"come", "mark", "compare", "add"}
)
# Verbs whose dates are those of the thing planned, told in any tense.
_PLAN_VERBS = frozenset({"schedule", "plan", "slate"})


def _infinitive_of(verb: Any) -> bool:
    """The verb completes the one above it: "plans to meet", and "expects revenue to grow"
    (a subject between: the parser makes it a ccomp with "to")."""
    return verb.dep_ == "xcomp" or (
        verb.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _had(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _has_prep(verb: Any, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word for c in verb.children)


def _schedules(verb: Any, date_tok: Any) -> bool:
    """The date is that of a thing scheduled, whatever the tense of the scheduling.

    "has scheduled a news conference Thursday", "planned a rally on Saturday" (the date
    after the verb: "On Friday, the government planned to pay" is when it was said); a
    participle only when its noun's clause is not past: "a summit set for Washington in
    April" is ahead, "a service planned for Saturday was canceled" is not ("a record set
    on Aug. 6" stays past: "set" needs "for").
    """
    if verb.dep_ in ("acl", "amod"):
        if not (verb.lemma_ in _PLAN_VERBS or (verb.lemma_ == "set" and _has_prep(verb, "for"))):
            return False
        clause = verb.head
        for _ in range(4):
            if clause.pos_ in ("VERB", "AUX") or clause.head is clause:
                break
            clause = clause.head
        return not _is_past(clause)
    return verb.lemma_ in _PLAN_VERBS and date_tok.i > verb.i


MODALS = frozenset({"would", "'d", "might", "may", "should", "must"})


def _is_modal(verb: Any) -> bool:
    """ "said it would cut funds on Monday": a modal, not "would have" (a past)."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a in MODALS for a in aux) and "have" not in aux


def _is_past(verb: Any) -> bool:
    if verb.tag_ == "VBD":
        return True
    return any(
        c.dep_ in ("aux", "auxpass")
        and (c.tag_ == "VBD" or (verb.tag_ == "VBN" and c.lower_ in ("has", "have", "had")))
        for c in verb.children
    )


def find_dates(text: str, published: str | None, doc: Any = None) -> list[DateRef]:
    """Time expressions in ``text`` with TimeML types and ISO values.

    ``text`` is searched as given (pass the typography-normalised copy); ``doc`` is the spaCy
    parse of it, used for the tense of day and month names (optional: without it those lean
    on the calendar alone).
    """
    parse = _Parse(doc)
    original, text = text, _untitle(text)
    ctx = Context(
        text=text,
        dct=_parse_dct(published),
        tense=parse.tense,
        is_verb=parse.is_verb,
        is_modifier=parse.is_modifier,
        in_name=parse.in_name,
        is_compound=parse.is_compound,
    )
    candidates: list[tuple[int, int, int, Any]] = []
    for start, end, kinds in _windows(text):
        for priority, rule in _rules_for(frozenset(kinds)):
            for m in rule.pattern.finditer(text, start, end):
                if m.end() > m.start():
                    candidates.append((m.start(), -(m.end() - m.start()), priority, m))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    found: list[_Found] = []
    last_end = -1
    # Normalise in text order (the quarter a results story last named carries forward),
    # leftmost-longest first; a match its handler rejects leaves its words to the next
    # candidates ("the 2008 fiscal year" is no duration of 2,008 years, but holds a year).
    for start, neg_len, priority, m in candidates:
        if start < last_end:
            continue
        rule = RULES[priority]
        result = rule.handler(m, ctx)
        if result is None:
            continue
        last_end = start - neg_len
        kind, value, anchor = result
        if kind == "DATE" and value is not None and value[:4].isdigit() and _names_year(rule, m):
            ctx.last_year = int(value[:4])
            ctx.last_year_end = start - neg_len
        if value is not None and kind in ("DATE", "TIME") and _DATE_VALUE.match(value):
            ctx.last_date = value[:10]
            if _DAY_VALUE.match(value[:10]):
                ctx.last_day = value[:10]
        found.append(_Found(start, start - neg_len, kind, value, anchor, rule.name))
    found = _merge_time_and_day(found, text)
    found = _add_listed_days(found, text)
    _order_month_ranges(found, text, ctx.dct)
    _date_clock_times(found, text)
    _trim_determiners(found, text, parse.is_verb)
    _extend_modifiers(found, text)
    return [
        # A value that still needs its anchor is not given half-made.
        DateRef(
            original[f.start : f.end],
            f.start,
            f.end,
            None if f.anchor else f.value,
            f.type,
            f.anchor,
        )
        for f in found
    ]


# Headlines in title case ("Airbus To Cut Jobs Over Four Years"): every word capitalised, so
# the capital that marks a name elsewhere ("60 Minutes", ABC's "This Week") says nothing.
_LINE = re.compile(r"[^\n]+")
_SENTENCE_ENDS = (".", "?", "!", '"', ":", "'")
_WORD = re.compile(r"[A-Za-z][\w'.-]*")
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]+(?:'s)?\b")
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "nor", "but", "by"}
    | {"as", "with", "from", "into", "over", "after", "up", "off", "out", "is", "are", "was"}
    | {"be", "vs", "per", "via"}
)
# Words that keep their capital: the rules need it to see a month, a day or a holiday.
_KEEP_CAPITAL = frozenset([*MONTHS, *WEEKDAYS, *HOLIDAY_WORDS])


def _untitle(text: str) -> str:
    """The text with its title-case lines' capitalised words in lower case (same length).

    A line counts as title case when it has at least four words other than articles and
    prepositions, at least 85% of them capitalised, and does not end a sentence. Month,
    day and holiday names keep their capital.
    """
    parts: list[str] | None = None
    for line in _LINE.finditer(text):
        if line.end() - line.start() > 200 or line.group().rstrip().endswith(_SENTENCE_ENDS):
            continue  # a paragraph, or a sentence
        words = [w for w in _WORD.findall(line.group()) if w.lower() not in _SMALL_WORDS]
        if len(words) < 4:
            continue
        if sum(w[0].isupper() for w in words) < 0.85 * len(words):
            continue
        if parts is None:
            parts = list(text)
        for m in _TITLE_WORD.finditer(line.group()):
            word = m.group()
            if word.lower().removesuffix("'s") in _KEEP_CAPITAL:
                continue
            start = line.start() + m.start()
            parts[start] = word[0].lower()
    return text if parts is None else "".join(parts)


_DATES_WITH_YEAR = frozenset({"full_date", "full_date_dmy", "month_year"})


def _names_year(rule: Any, m: re.Match[str]) -> bool:
    """The match states its year ("in 1995", "May 22, 1995"): "the following year" counts on."""
    return rule.name == "year" or (rule.name in _DATES_WITH_YEAR and bool(m.group("year")))


# Rules whose match is one day a clock time before it can fall on ("8 p.m. on election day").
_DAY_RULES = frozenset(
    {"weekday", "full_date", "deictic_day", "full_date_dmy", "this_part", "holiday"}
    | {"nth_weekday"}
)


def _merge_time_and_day(found: list[_Found], text: str) -> list[_Found]:
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.rule == "clock"
            and (f.type == "DATE" or f.rule in ("deictic_day", "this_part"))
            and f.rule in _DAY_RULES
            and _TIME_DAY_GAP.match(text[prev.end : f.start])
        ):
            # "9 p.m. tonight" as "10 p.m. Wednesday": the clock time on that day; "6 o'clock
            # this evening" in the afternoon or evening.
            value = None
            if f.value is not None and prev.value is not None and "T" in prev.value:
                clock = prev.value.split("T", 1)[1]
                if f.value.endswith(("TAF", "TEV", "TNI")) and int(clock[:2]) < 12:
                    clock = f"{int(clock[:2]) + 12:02d}{clock[2:]}"
                value = f.value[:10] + "T" + clock
            out[-1] = _Found(prev.start, f.end, "TIME", value, f.anchor, "clock_and_day")
            continue
        out.append(f)
    return out


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d$")
# A date at day or month granularity (a time's day counts): what "the next day" counts from.
_DATE_VALUE = re.compile(r"\d{4}-\d\d(?:-\d\d)?(?:T|$)")
_SENTENCE_END = re.compile(r"[.!?][\"')]*\s+[\"'(]*[A-Z]|\n")


# A second day number beside a full date: "April 24 and 25", "25 June, 2 and 9 July".
# The number must end a phrase ("and 25.", "to 5, a spokesman said", "and 25 in Washington"),
# so "on March 3 and 4 percent of firms" is no date. A range written with a hyphen ("June
# 3-4", "3-4 June") runs forwards: "June 4 ended 3-1" is a score.
_DAY_AFTER = re.compile(
    r"\s*(?:(?:and|or|to|through)\s+|(?P<dash>-))(\d{1,2})(?:st|nd|rd|th)?\b(?![.,]\d)"
    r"(?=\s*[,.;:)]|\s*$|\s+(?:in|at|on|when|and|or|before|after|with)\b)"
)
_DAY_BEFORE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:and|or|to)\s+|(?P<dash>-))$")


def _add_listed_days(found: list[_Found], text: str) -> list[_Found]:
    """The bare day number listed beside a full date takes its month and year."""
    out: list[_Found] = []
    for i, f in enumerate(found):
        listed: _Found | None = None
        if f.value is not None and _DAY_VALUE.match(f.value):
            limit = found[i + 1].start if i + 1 < len(found) else len(text)
            day = int(f.value[8:10])
            if f.rule == "full_date":
                m = _DAY_AFTER.match(text, f.end, limit)
                if m is not None and (not m.group("dash") or int(m.group(2)) > day):
                    listed = _listed(f, m.start(2), m.end(2), m.group(2))
            elif f.rule == "full_date_dmy":
                floor = out[-1].end if out else 0
                m = _DAY_BEFORE.search(text, max(floor, f.start - 12), f.start)
                if m is not None and (not m.group("dash") or int(m.group(1)) < day):
                    listed = _listed(f, m.start(1), m.end(1), m.group(1))
        if listed is not None and listed.start < f.start:
            out.append(listed)
        out.append(f)
        if listed is not None and listed.start > f.start:
            out.append(listed)
    return out


# Between the two months of a range: "April-June", "from May to September".
_MONTH_RANGE_GAP = re.compile(r"-|\s+(?:to|through|until|till)\s+", re.IGNORECASE)
_MONTH_VALUE = re.compile(r"\d{4}-\d\d$")


def _order_month_ranges(found: list[_Found], text: str, dct: date | None) -> None:
    """The two months of a range lie less than a year apart, the second after the first.

    Each month is placed on its own (tense, window), which can split a range across years:
    "the April-June quarter" in April put June last year, "was delayed from May to September"
    put May last year and September this year. The month farther from publication moves.
    """
    if dct is None:
        return
    for first, second in pairwise(found):
        if (
            first.rule != "month"
            or second.rule != "month"
            or first.value is None
            or second.value is None
            or not _MONTH_VALUE.match(first.value)
            or not _MONTH_VALUE.match(second.value)
            or not _MONTH_RANGE_GAP.fullmatch(text, first.end, second.start)
        ):
            continue
        y1, m1 = int(first.value[:4]), int(first.value[5:7])
        y2, m2 = int(second.value[:4]), int(second.value[5:7])
        months = (y2 - y1) * 12 + m2 - m1
        if 0 <= months < 12:
            continue
        here = dct.year * 12 + dct.month
        if abs(y1 * 12 + m1 - here) > abs(y2 * 12 + m2 - here):
            first.value = f"{y2 - (m1 > m2):04d}-{m1:02d}"
        else:
            second.value = f"{y1 + (m2 < m1):04d}-{m2:02d}"


def _listed(f: _Found, start: int, end: int, day: str) -> _Found | None:
    assert f.value is not None
    try:
        value = date(int(f.value[:4]), int(f.value[5:7]), int(day)).isoformat()
    except ValueError:
        return None
    return _Found(start, end, "DATE", value, f.anchor, "listed_day")


def _date_clock_times(found: list[_Found], text: str) -> None:
    """A clock time with no day beside it takes the day its sentence names, else the DCT's.

    "On Tuesday, trading stopped at 2 p.m.": 2 p.m. on that Tuesday. The day may come before
    or after the time in the same sentence; the nearest one wins.
    """
    # A clock time with its day counts too: "leave at 4 in the morning (4 a.m. EDT Thursday)".
    days = [
        (f, f.value[:10])
        for f in found
        if f.value
        and (
            (f.type == "DATE" and _DAY_VALUE.match(f.value))
            or (f.rule == "clock_and_day" and _DAY_VALUE.match(f.value[:10]))
        )
    ]
    if not days:
        return
    for f in found:
        if f.rule != "clock" or f.value is None:
            continue
        best: tuple[int, _Found, str] | None = None
        for day, day_value in days:
            lo, hi = (day.end, f.start) if day.end <= f.start else (f.end, day.start)
            if lo > hi or _SENTENCE_END.search(text, lo, hi):
                continue
            if best is None or hi - lo < best[0]:
                best = (hi - lo, day, day_value)
        if best is not None:
            f.value = best[2] + "T" + f.value.split("T", 1)[1]
            # Without a publication date a day with its year still gives the time its day.
            f.anchor = best[1].anchor


# "last" heading a duration with no determiner may be the verb ("talks could last two years").
_LAST = re.compile(r"last\s+", re.IGNORECASE)
_VERB_LAST_BEFORE = re.compile(
    r"\b(?:will|would|could|can|may|might|should|must|to|'ll|and|not|n't)\s+$", re.IGNORECASE
)


def _trim_determiners(found: list[_Found], text: str, is_verb: Callable[[int, int], bool]) -> None:
    """ "the third-quarter results", "his two decades": determiners TimeML leaves out."""
    for f in found:
        if f.rule not in ("duration", "quarter"):
            continue
        last = _LAST.match(text, f.start, f.end)
        if last is not None and (
            _VERB_LAST_BEFORE.search(text, max(0, f.start - 12), f.start)
            or is_verb(f.start, f.start + 4)
        ):
            f.start = last.end()  # "the strike will last 48 hours": the verb is not the time
            continue
        m = _POSSESSIVE.match(text, f.start, f.end) or _DETERMINER_OF_ADJECTIVE.match(
            text, f.start, f.end
        )
        if m is not None and m.end() < f.end:
            f.start = m.end()


def _extend_modifiers(found: list[_Found], text: str) -> None:
    floor = 0
    for f in found:
        before = text[max(floor, f.start - 40) : f.start]
        head = text[f.start : f.end]
        modifier = None
        if _STARTS_WITH_NUMBER.match(head):
            modifier = QUANTITY_MODIFIER.search(before)
        if modifier is None and f.type in ("DATE", "TIME"):
            modifier = POINT_MODIFIER.search(before)
        if modifier is None and f.type == "SET":
            modifier = FREQUENCY_MODIFIER.search(before)
        if modifier is not None:
            f.start -= len(before) - modifier.start()
        floor = f.end


class DateResolver:
    """Find time expressions and resolve them against ``article.published``."""

    name = "dates"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("dates",)
    options: tuple[str, ...] = ()

    def __call__(self, article: Article) -> Article:
        # The parse was built over this same copy (stages/parse.py); rebuilding it here is
        # cheaper than reading doc.text, which joins every token again.
        text = normalize_typography(article.text)
        refs = find_dates(text, article.published, article.doc)
        # Spans come from the normalised copy (same length); report the original's text.
        article.dates = [
            DateRef(article.text[r.start : r.end], r.start, r.end, r.value, r.type, r.anchor)
            for r in refs
        ]
        article.assigned.update(self.assigns)
        return article

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Article]:
        for article in articles:
            yield self(article)
