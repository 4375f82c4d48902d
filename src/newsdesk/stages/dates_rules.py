"""The normalisers of the dates stage: one per rule of ``dates_patterns`` (HeidelTime-style).

A rule is a precompiled regular expression (in ``dates_patterns``) plus a function here that
turns a match into a ``(type, value, anchor)`` triple, or ``None`` to reject it. Rules run over the
typography-normalised text (same length as the article text, so offsets carry over); the
stage keeps the leftmost-longest matches and merges a clock time with the day beside it.

Relative values are computed from ``Context.dct`` (the publication date). Without one they
come back as ``value=None, anchor="published"``; absolute ones are normalised regardless.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsdesk.stages.dates_lexicon import (
    AFTER_AS,
    AGE_AFTER,
    AS_BEFORE,
    BOUNDARY_BEFORE,
    BY_BEFORE,
    CALLED_FOR_BEFORE,
    CENTURY_WORDS,
    COUNT_NOUN_AFTER,
    DAY_AFTER_PREPOSITION,
    DAY_AHEAD_BEFORE,
    DAY_PARTS,
    DECADE_WORDS,
    EDGE_OF_BEFORE,
    ENDED_AFTER,
    EXPECT_BEFORE,
    FIRST_MONTHS_OF_BEFORE,
    FORECAST_NOUN,
    FREQUENCY_BEFORE,
    GENERIC_TODAY_AFTER,
    HIGH_BEFORE,
    LISTED_DAY_BEFORE,
    MODAL_BEFORE,
    MONEY_BEFORE,
    MONTH_MODIFIER_BEFORE,
    MONTH_PREPOSITION_BEFORE,
    MONTHS,
    NAME_WORD_BEFORE,
    NOT_NAMES,
    NUMBER_NAME_BEFORE,
    ORDINALS,
    POSSESSIVE_AFTER,
    POSTPONED_TO_BEFORE,
    REL_WORDS,
    RESULTS_NOUN_AFTER,
    SAID_BEFORE,
    SEASON_START,
    SEASONS,
    SENTENCE_OPENS,
    SEPTEMBER_11_AFTER,
    SET_ADVERBS,
    THIS_YEAR_TO_BEFORE,
    TIME_WORDS,
    TITLE_WORD_AFTER,
    WEEKDAYS,
    add_months,
    duration_value,
    holiday,
    in_title,
    iso_week,
    nth_weekday,
    parse_number,
    quarter_of,
    shift_quarter,
    spelled_year,
    unit_key,
    weekday_after,
    weekday_before,
)

Result = tuple[str, str | None, str | None]  # type, value, anchor
NEEDS_DCT = "published"


@dataclass
class Context:
    """What a normaliser may look at besides its match."""

    text: str
    dct: date | None
    # tense(start, end) -> "future" | "past" | "present" | "planned" | None, from the parse;
    # "planned" is a plan told in the past or a modal ("planned to leave on Thursday", "said
    # it would cut funds on Monday"): ahead for a day name, like "present" for the rest.
    tense: Callable[[int, int], str | None]
    # is_verb(start, end): the word at that span is tagged as a verb or modal (May, March).
    is_verb: Callable[[int, int], bool]
    # is_modifier(start, end): the word there modifies a noun (amod), as "daily" in "daily paper".
    is_modifier: Callable[[int, int], bool]
    # in_name(start, end): the word is inside a name the parser found ("The Sunday Telegraph",
    # "Theresa May", BBC Radio 4's "Today" programme), so it is not a time.
    in_name: Callable[[int, int], bool]
    # is_compound(start, end): the word there is the first of a compound noun ("that evening
    # classes", "that night flights"), so not a time.
    is_compound: Callable[[int, int], bool]
    # The last quarter the article named, for "the quarter", "a year earlier" in results news.
    last_quarter: tuple[int, int] | None = None
    # The last year the article named as a date ("in 1996"), for "that year".
    last_year: int | None = None
    # The last day or month the article named as a date ("2013-03-18", "2013-03"), for "the
    # following month", "a month later".
    last_date: str | None = None
    # The last day the article named ("2013-03-18"; a time's day counts), for "the next day",
    # "that evening", "a week later": the narrative's day. Without one they count from the DCT.
    last_day: str | None = None
    # Where the last year the story named ended (the offset after "2004" in "in November
    # 2004"), for a bare month later in the same sentence ("... and took office in January").
    last_year_end: int = -1


Handler = Callable[[re.Match[str], Context], Result | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _fmt_date(d: date) -> str:
    return d.isoformat()


# A date given without its year is placed within this window around publication (days):
# news looks back further than it looks ahead. On TimeBank, [-245, +120] beat the symmetric
# nearest-date rule (value F1 +0.4 points; "the year ended March 31" in an October story).
_BACK_DAYS, _AHEAD_DAYS = 245, 120


def _near_year(dct: date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) given without one: the tense first, then the window."""
    # A month alone counts from its first day ("in July" from mid-March is 108 days ahead, so
    # this July): the 15th put July and September just past +120 (no change on TempEval-3).
    probe = date(dct.year, month, min(day, 28) if day else 1)
    delta = (probe - dct).days
    # The tense moves a date across the year only when it is well away from publication:
    # "was set for Nov. 10" a week before is still this year.
    if tense in ("future", "deadline"):
        return dct.year + 1 if delta < -60 else dct.year
    if tense == "past":
        return dct.year - 1 if delta > 60 else dct.year
    if tense == "planned" and 0 < delta <= 200:
        # "The season starts on Aug. 17" told in April (129 days ahead): a present verb that
        # schedules looks as far ahead as a month does. Any present tense instead: TimeBank
        # +1 value, AQUAINT-B -1.
        return dct.year
    if delta > _AHEAD_DAYS:
        return dct.year - 1
    if delta < -_BACK_DAYS:
        return dct.year + 1
    return dct.year


def _date_tense(ctx: Context, start: int, end: int) -> str | None:
    """The tense that places a yearless date: "deadline" after a deadline or start word."""
    if BOUNDARY_BEFORE.search(ctx.text, max(0, start - 20), start):
        return "deadline"
    if POSTPONED_TO_BEFORE.search(ctx.text, max(0, start - 45), start):
        return "deadline"
    if CALLED_FOR_BEFORE.search(ctx.text, max(0, start - 45), start):
        return "deadline"
    return ctx.tense(start, end)


def _relative(ctx: Context, kind: str, fn: Callable[[date], str | None]) -> Result:
    if ctx.dct is None:
        return kind, None, NEEDS_DCT
    return kind, fn(ctx.dct), None


def _with_part(value: str | None, part: str | None) -> str | None:
    if value is None or not part:
        return value
    return f"{value}T{DAY_PARTS[part.lower()]}"


# ---- handlers ------------------------------------------------------------------------------


def _full_date(m: re.Match[str], ctx: Context) -> Result | None:
    month_word = m.group("month")
    if not _capitalised(month_word):
        return None
    month, day = _month_number(month_word), int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    # "the week of March 6": the ISO week holding the date.
    week = bool(m.groupdict().get("weekof"))
    year = m.group("year")
    if year:
        try:
            d = date(int(year), month, day)
        except ValueError:
            return None
        return "DATE", iso_week(d) if week else d.isoformat(), None
    start, end = m.span()
    if (month, day) == (9, 11) and SEPTEMBER_11_AFTER.match(ctx.text, end):
        return "DATE", "2001-09-11", None
    relyear = (m.group("relyear") or "").lower()
    tense = _date_tense(ctx, start, end) if not relyear else None

    def value(dct: date) -> str | None:
        try:
            if relyear:
                # "June 29 last year": the year named, whatever the calendar says.
                year = dct.year + {"last": -1, "this": 0, "next": 1}[relyear]
            else:
                year = _near_year(dct, month, day, tense)
            d = date(year, month, day)
        except ValueError:
            return None
        return iso_week(d) if week else d.isoformat()

    return _relative(ctx, "DATE", value)


def _numeric_date(m: re.Match[str], ctx: Context) -> Result | None:
    g = m.groupdict()
    try:
        if g.get("iy"):
            d = date(int(g["iy"]), int(g["im"]), int(g["id"]))
        else:
            year = int(g["uy"])
            if year < 100:
                year += 1900 if year > 30 else 2000
            d = date(year, int(g["um"]), int(g["ud"]))
    except ValueError:
        return None
    return "DATE", d.isoformat(), None


def _month_year(m: re.Match[str], ctx: Context) -> Result | None:
    if not _capitalised(m.group("month")):
        return None
    year = int(m.group("year")) if m.group("year") else spelled_year(m.group("yw"))
    return "DATE", f"{year:04d}-{_month_number(m.group('month')):02d}", None


_CLAUSE_BREAK = re.compile(r"[,;:!?()]|\.\s")


def _story_month_year(ctx: Context, month: int, start: int) -> int | None:
    """The year of a bare month told in the past in the clause after a month of an earlier
    year ("elected in November 2004 and took office in January": 2005), else None.

    Only a month or day with its year counts, and no comma between: "Smith, who joined in
    2001, resigned in March" and "sales rose in 2006 and fell in January" are this year's."""
    last = ctx.last_date
    if ctx.last_year is None or ctx.dct is None or ctx.last_year >= ctx.dct.year:
        return None
    if last is None or len(last) < 7 or last[:4] != str(ctx.last_year):
        return None
    gap = ctx.text[ctx.last_year_end : start]
    if ctx.last_year_end < 0 or len(gap) > 60 or _CLAUSE_BREAK.search(gap):
        return None
    if ctx.tense(start, start + 1) != "past":
        return None
    # A month before the one named comes after it: the next year's.
    return ctx.last_year + (month < int(last[5:7]))


def _month(m: re.Match[str], ctx: Context) -> Result | None:
    word = m.group("month")
    if not _capitalised(word):
        return None
    ws, we = m.span("month")
    if ctx.in_name(ws, we):
        return None
    if word.rstrip(".").lower() in ("may", "march", "mar", "jan", "jun", "sept", "sep"):
        if not word.endswith(".") and ctx.is_verb(ws, we):
            return None
        if word.lower() in ("mar", "jan", "jun", "sep") and not word.endswith("."):
            return None
    if not m.group("rel") and not word.endswith("."):
        before = ctx.text[max(0, ws - 30) : ws]
        if not MONTH_PREPOSITION_BEFORE.search(before):
            after = TITLE_WORD_AFTER.match(ctx.text, we)
            name = NAME_WORD_BEFORE.search(before)
            if (
                after is not None
                and after.group(1).lower().rstrip(".") not in TIME_WORDS
                and not MONTH_MODIFIER_BEFORE.search(before)
            ) or (name is not None and name.group(1).lower() not in NOT_NAMES):
                return None  # "June Carter Cash", "April Ryan", "Theresa May"
    month = _month_number(word)
    rel = (m.group("rel") or "").lower()
    rel_year = " ".join((m.group("rel2") or "").lower().split())
    if rel_year in ("that", "the same", "the following", "the previous"):
        # "in June of that year": the year the story last named, else publication's.
        story_year = _reference_year(ctx)
        if story_year is None:
            return "DATE", None, NEEDS_DCT
        step = {"the following": 1, "the previous": -1}.get(rel_year, 0)
        return "DATE", f"{story_year + step:04d}-{_month_number(word):02d}", None
    if not rel and not rel_year:
        story = _story_month_year(ctx, month, m.start())
        if story is not None:
            return "DATE", f"{story:04d}-{month:02d}", None
    tense = _date_tense(ctx, *m.span())
    start = m.start()

    def value(dct: date) -> str:
        year = dct.year
        if rel_year:
            year = _rel_year_of(rel_year, dct)
        elif rel in ("last", "past", "previous"):
            year = dct.year if month < dct.month else dct.year - 1
        elif rel in ("next", "coming"):
            year = dct.year if month > dct.month else dct.year + 1
        elif rel == "this":
            year = dct.year
        elif tense == "past":
            # "in January" told in the past: the most recent January before publication.
            year = dct.year if month <= dct.month else dct.year - 1
        elif tense == "future":
            year = dct.year if month >= dct.month else dct.year + 1
        elif tense == "deadline" and THIS_YEAR_TO_BEFORE.search(
            ctx.text, max(0, start - 40), start
        ):
            year = dct.year  # "fell 2% this year through August": this year's August
        elif tense == "deadline":
            # "through February" in March is the month just gone; "until November" is ahead.
            year = dct.year if month >= dct.month - 1 else dct.year + 1
        elif tense in ("present", "planned") and 0 < (date(dct.year, month, 1) - dct).days <= 200:
            # "the votes Mrs. Clinton needs in November", "Whoever wins in November" told in
            # June: a month named in the present looks further ahead than the +120 days of
            # the window (PolNeAR: 5 right, 2 wrong; TempEval-3 has none from 120 to 200).
            year = dct.year
        else:
            # No tense to go by ("through January", "by May"): the same window as a date
            # without its year.
            year = _near_year(dct, month, None, None)
        return f"{year:04d}-{month:02d}"

    return _relative(ctx, "DATE", value)


def _year(m: re.Match[str], ctx: Context) -> Result | None:
    ys, ye = m.span("y")
    text = ctx.text
    # A number among numbers ("1,990", "$2000", "2000 shares" is left to the noun check).
    if ys > 0 and text[ys - 1] in "$#£€":
        return None
    if m.start() == ys and (
        COUNT_NOUN_AFTER.match(text, ye) or NUMBER_NAME_BEFORE.search(text, max(0, ys - 12), ys)
    ):
        return None  # "2000 engineers", "Flight 1549"
    season = m.group("season")
    if season is not None and int(season) != (int(m.group("y")) + 1) % 100:
        return None  # "2009/13" is no season
    return "DATE", m.group("y"), None


def _decade(m: re.Match[str], ctx: Context) -> Result | None:
    digits = m.group("d").lstrip("'")
    if len(digits) == 2:
        if not m.group("det") and not m.group("d").startswith("'"):
            return None  # "in their 20s" is an age
        century = "19" if int(digits) >= 30 else "20"
        return "DATE", century + digits[0], None
    if digits.endswith("00") and digits < "2000":
        # "the 1800s" is the century (TimeML "18"); "the 2000s" stays the decade.
        return "DATE", digits[:2], None
    return "DATE", digits[:3], None


def _decade_words(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the nineties": the decade of the century the story is in (of the 1900s before 2000)."""
    digit = DECADE_WORDS[m.group("d").lower()]
    century = "19" if ctx.dct is None or ctx.dct.year < 2030 else str(ctx.dct.year)[:2]
    return "DATE", century + digit, None


def _that_year(m: re.Match[str], ctx: Context) -> Result | None:
    """ "that year", "the following year", "later that year": counted from the last year the
    story named, else from the year of the last date it gave, else from publication."""
    if m.group("after"):
        if ctx.last_year is None:
            return None  # "the year before" with no year named: an event's year
        # "an election held the year before": the year before the last one named.
        return "DATE", str(ctx.last_year + (1 if m.group("after").lower() == "after" else -1)), None
    rel = " ".join(m.group("rel").lower().split())
    step = {"the following": 1, "the previous": -1, "the prior": -1}.get(rel, 0)
    year = _reference_year(ctx)
    if year is None:
        return "DATE", None, NEEDS_DCT
    return "DATE", str(year + step), None


def _reference_year(ctx: Context) -> int | None:
    if ctx.last_year is not None:
        return ctx.last_year
    if ctx.last_date is not None:
        return int(ctx.last_date[:4])
    return ctx.dct.year if ctx.dct is not None else None


def _reference_month(ctx: Context) -> tuple[int, int] | None:
    """The narrative's month: that of the last date the story named, else of publication."""
    if ctx.last_date is not None:
        return int(ctx.last_date[:4]), int(ctx.last_date[5:7])
    return (ctx.dct.year, ctx.dct.month) if ctx.dct is not None else None


def _months_on(ctx: Context, step: int) -> Result:
    """The month ``step`` months on from the narrative's month (``_reference_month``)."""
    month = _reference_month(ctx)
    if month is None:
        return "DATE", None, NEEDS_DCT
    y, mo = add_months(*month, step)
    return "DATE", f"{y:04d}-{mo:02d}", None


def _reference_day(ctx: Context) -> date | None:
    """The narrative's day: the last day the story named, else the publication date."""
    if ctx.last_day is not None:
        return date.fromisoformat(ctx.last_day)
    return ctx.dct


_ANAPHORIC_STEP = {"next": 1, "following": 1, "after": 1, "previous": -1, "prior": -1}
_ANAPHORIC_STEP |= {"before": -1, "same": 0}


def _next_unit(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the next day", "the previous week", "the following month", "later that day", "that
    evening", "the day before": counted from the day (or month) the story last named, else
    from publication (TempEval-3: "the next morning" 2000-02-23, "Earlier that day")."""
    unit = (
        next(m.group(g).lower() for g in ("unit", "unit2", "unit3", "unit4", "unit5") if m.group(g))
        if not m.group("dir")
        else "day"
    )
    if m.group("unit5") and ctx.is_compound(*m.span("unit5")):
        return None  # "said that evening classes would close": no time
    seq = (m.group("seq") or m.group("seq2") or m.group("dir") or "same").lower()
    step = _ANAPHORIC_STEP[seq]
    if m.group("deictic"):
        # "the day before yesterday", "the day after tomorrow": two days from publication.
        if ctx.dct is None:
            return "DATE", None, NEEDS_DCT
        shift = 2 if m.group("deictic").lower() == "tomorrow" else -2
        return "DATE", (ctx.dct + timedelta(days=shift)).isoformat(), None
    if unit == "month":
        return _months_on(ctx, step)
    day = _reference_day(ctx)
    if day is None:
        return "DATE", None, NEEDS_DCT
    if unit == "week":
        return "DATE", iso_week(day + timedelta(weeks=step)), None
    value = (day + timedelta(days=step)).isoformat()
    if unit in DAY_PARTS and step == 0:
        # "that evening", "later that night": a part of the day named, a time (as "this
        # evening"); "the next morning" names the day after (TempEval-3: DATE 2000-02-23).
        return "TIME", _with_part(value, unit), None
    return "DATE", value, None


def _century(m: re.Match[str], ctx: Context) -> Result | None:
    if in_title(ctx.text, m.end() - 7, m.end()):
        return None
    word = m.group("c").lower()
    n = CENTURY_WORDS.get(word)
    if n is None:
        digits = re.match(r"\d+", word)
        if not digits:
            return None
        n = int(digits.group())
    return "DATE", f"{n - 1:02d}", None


def _rel_year_of(word: str | None, dct: date) -> int:
    w = (word or "").lower()
    if w in ("last", "previous", "past"):
        return dct.year - 1
    if w in ("next", "coming"):
        return dct.year + 1
    return dct.year


def _quarter(m: re.Match[str], ctx: Context) -> Result | None:
    ordinal = ORDINALS[m.group("ord").lower()]
    year_text = m.group("y1") or m.group("y2")
    rel = m.group("rel1") or m.group("rel2")
    half = m.group("unit").lower() == "half"
    letter = "H" if half else "Q"
    if half and m.group("ord").lower() in ("last", "final"):
        ordinal = 2  # "the last half of 1989"
    if half and ordinal > 2:
        return None
    results_half = (
        half
        and "-" in m.group(0)
        and not m.group(0).lower().startswith("the")
        and bool(RESULTS_NOUN_AFTER.match(ctx.text, m.end()))
    )
    if half and not (
        year_text or rel or m.group("the_year") or m.group("ago") or _fiscal(m) or results_half
    ):
        # "the second half" of a match, a race, a speech: a half of a year needs the year
        # named ("of 2024", "of the year", "last year's"). TimeBank + AQUAINT-A annotate 2 of
        # 3 halves, both with their year ("the last half of 1989"); the bare one is not.
        # "first-half profit" names a company's half-year.
        return None
    if results_half and ctx.dct is not None and not rel:
        # "First-half profit rose": the latest half to have ended, unless the verb looks ahead.
        year = ctx.dct.year
        ahead = ctx.tense(*m.span()) == "future" or EXPECT_BEFORE.search(
            ctx.text, max(0, m.start() - 30), m.start()
        )
        if ordinal >= (ctx.dct.month - 1) // 6 + 1 and not ahead:
            year -= 1
        return "DATE", f"{year}-H{ordinal}", None
    if year_text:
        year = int(year_text)
        ctx.last_quarter = None if half else (year, ordinal)
        return "DATE", f"{year}-{letter}{ordinal}", None
    if ctx.dct is None:
        return "DATE", None, NEEDS_DCT
    year = _rel_year_of(rel, ctx.dct)
    current = quarter_of(ctx.dct) if not half else (ctx.dct.month - 1) // 6 + 1
    if not rel and ordinal > current and ctx.tense(*m.span()) != "future":
        # "profits for the fourth quarter" in January: the last one that ended.
        year -= 1
    if m.group("ago"):
        # "the year-ago third quarter" compares with the quarter named before it.
        return "DATE", f"{year - 1}-{letter}{ordinal}", None
    if not half:
        ctx.last_quarter = (year, ordinal)
    return "DATE", f"{year}-{letter}{ordinal}", None


def _full_year(m: re.Match[str], ctx: Context) -> Result | None:
    """ "full-year profit", "full-year results": the year a company reports on, the latest
    to have ended unless the verb looks ahead ("expects full-year profit to rise")."""
    noun = RESULTS_NOUN_AFTER.match(ctx.text, m.end())
    if noun is None:
        return None
    future = (
        ctx.tense(*m.span()) == "future"
        or bool(FORECAST_NOUN.search(noun.group()))
        or bool(EXPECT_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()))
    )
    return _relative(ctx, "DATE", lambda d: str(d.year if future else d.year - 1))


def _fiscal(m: re.Match[str]) -> bool:
    return "fiscal" in m.group(0).lower() or "calendar" in m.group(0).lower()


def _month_quarter(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the December quarter", "the June quarter": the quarter that ends (or holds) the month.

    The latest such quarter to have ended, unless the verb is future (as "the fourth
    quarter" without its year).
    """
    word = m.group("month") or m.group("month2")
    if not _capitalised(word):
        return None
    month = _month_number(word)
    q = (month - 1) // 3 + 1
    if m.group("y"):
        year = int(m.group("y"))
    elif ctx.dct is None:
        return "DATE", None, NEEDS_DCT
    else:
        year = _latest_quarter_year(ctx, q, m.start(), m.end())
    ctx.last_quarter = (year, q)
    return "DATE", f"{year}-Q{q}", None


def _latest_quarter_year(ctx: Context, q: int, start: int, end: int) -> int:
    """The year of the latest quarter ``q`` to have ended, or the coming one if future."""
    assert ctx.dct is not None
    year = ctx.dct.year
    if q >= quarter_of(ctx.dct) and ctx.tense(start, end) != "future":
        year -= 1
    return year


# "the quarter ended Sept. 30", "the quarter ending on March 31": the quarter of that month.
_QUARTER_ENDED_AFTER = re.compile(
    r"\s+(?:ending|ended|(?:that|which)\s+(?:ends|ended)|to|through)\s+(?:on\s+|in\s+)?"
    r"(?P<month>[A-Z][a-z]{2,8}\.?)(?=\s+\d)"
)


def _quarter_code(m: re.Match[str], ctx: Context) -> Result | None:
    """ "Q4", "Q1 2013", "2012 Q4"; without a year, the latest such quarter unless future."""
    q = int(m.group("q") or m.group("q0"))
    year_text = m.group("y") or m.group("y0")
    if year_text:
        ctx.last_quarter = (int(year_text), q)
        return "DATE", f"{year_text}-Q{q}", None
    if ctx.dct is None:
        return "DATE", None, NEEDS_DCT
    year = ctx.dct.year
    if q > quarter_of(ctx.dct) and ctx.tense(*m.span()) != "future":
        year -= 1
    ctx.last_quarter = (year, q)
    return "DATE", f"{year}-Q{q}", None


def _fin_period(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the latest quarter", "the year-ago period": results news counts from the last quarter."""
    qual = " ".join((m.group("qual") or "").lower().split())
    unit = m.group("unit").lower()
    year_named = m.group("y")
    if unit == "period" and not (qual or year_named):
        return None
    if year_named and ctx.last_quarter is not None:
        # "the 1988 period" in a story about the third quarter: that quarter of 1988
        # (TimeBank 4 of 4).
        return "DATE", f"{year_named}-Q{ctx.last_quarter[1]}", None
    if year_named:
        return None  # the year alone is left to the year rule
    if ctx.dct is None:
        return "DATE", None, NEEDS_DCT
    ended = shift_quarter(ctx.dct.year, quarter_of(ctx.dct), -1)
    if "holiday" in qual and unit == "period":
        return None  # "the holiday period": the days around Christmas, no quarter
    if "holiday" in qual:
        # "the holiday quarter" (retail and Apple copy): October-December, the latest to
        # have ended unless the verb looks ahead or publication falls in it.
        year = ctx.dct.year
        if quarter_of(ctx.dct) < 4 and ctx.tense(*m.span()) != "future":
            year -= 1
        ctx.last_quarter = (year, 4)
        return "DATE", f"{year}-Q4", None
    base = ctx.last_quarter or ended
    ending = None
    if unit == "quarter" and not qual and ctx.last_quarter is None:
        ending = _QUARTER_ENDED_AFTER.match(ctx.text, m.end())
    month_ended = MONTHS.get(ending.group("month").lower().rstrip(".")) if ending else None
    if ending is not None and month_ended is not None and month_ended % 3 == 0:
        # A calendar quarter's last month names it, unless the story named its quarter
        # before: a fiscal one (TimeBank "the quarter ended Sept. 29" after Sun's "fiscal
        # first quarter" is 1989-Q1, "the quarter ended July 31" 1989-Q2).
        q = month_ended // 3
        base = (_latest_quarter_year(ctx, q, *m.span()), q)
        ctx.last_quarter = base
    if ("latest" in qual or "most recent" in qual or "just" in qual) and base > ended:
        base = ended  # "the latest quarter" has ended, whatever quarter was named ahead
    if qual == "current" and unit == "quarter":
        # "the current quarter" is the one publication falls in, after a results story's
        # quarter just ended (TimeBank 1 of 1; "the current fiscal quarter" left to base).
        base = (ctx.dct.year, quarter_of(ctx.dct))
    year, q = base
    # "the same period a year earlier", "the quarter last year": the words after count too.
    said = f"{qual} {' '.join(m.group(0)[m.end('unit') - m.start() :].lower().split())}"
    if any(
        w in said
        for w in ("year-ago", "year-earlier", "year ago", "year earlier", "last year", "prior-year")
    ) or ("corres" in said):
        year -= 1
    return "DATE", f"{year}-Q{q}", None


def _year_ago_adj(m: re.Match[str], ctx: Context) -> Result | None:
    if ctx.last_quarter is not None:
        # "year-earlier results" in a story about a quarter: that quarter a year before.
        y, q = ctx.last_quarter
        return "DATE", f"{y - 1}-Q{q}", None
    return _relative(ctx, "DATE", lambda d: str(d.year - 1))


def _offset(m: re.Match[str], ctx: Context) -> Result | None:
    """ "two years ago", "a year earlier", "three days later": a date counted from the DCT
    ("ago"), or from the story's last date ("a week earlier", "a week later")."""
    amount = parse_number(m.group("num"))
    unit = unit_key(m.group("unit"))
    direction = m.group("dir").lower()
    sign = 1 if direction.startswith(("from", "hence", "later")) else -1
    if direction == "later" and m.group("num").lower() not in ("a", "an", "one"):
        # "three days later", "a few days later": TimeBank annotates the length ("Three
        # days" P3D, "A few days" PXD); "a week later" is the week after, a date.
        return None
    if amount is None:
        return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None
    if amount != int(amount) and unit in ("decade", "century", "centurie"):
        # "a quarter of a century ago", "half a century ago": counted in years.
        amount, unit = amount * (10 if unit == "decade" else 100), "year"
    n = int(amount) * sign
    if direction == "later":
        return _later(ctx, n, unit)
    if direction == "earlier" and unit in ("month", "week", "weekend", "fortnight", "day", "night"):
        # "a week earlier", "two days earlier": counted back from the story's last date, as
        # "a week later" counts on (from publication when the story named none).
        return _later(ctx, n, unit)
    if ctx.dct is None:
        return "DATE", None, NEEDS_DCT
    d = ctx.dct
    if unit == "year":
        if ctx.last_quarter and direction in ("earlier", "ago") and abs(n) == 1:
            # "a year earlier" in a results story compares with the same quarter a year before.
            y, q = ctx.last_quarter
            return "DATE", f"{y + n}-Q{q}", None
        return "DATE", str(d.year + n), None
    if unit == "month":
        y, mo = add_months(d.year, d.month, n)
        return "DATE", f"{y:04d}-{mo:02d}", None
    if unit in ("week", "weekend", "fortnight"):
        return "DATE", iso_week(d + timedelta(weeks=n * (2 if unit == "fortnight" else 1))), None
    if unit in ("day", "night"):
        return "DATE", (d + timedelta(days=n)).isoformat(), None
    if unit == "quarter":
        y, q = shift_quarter(d.year, quarter_of(d), n)
        return "DATE", f"{y}-Q{q}", None
    if unit == "decade":
        return "DATE", str(d.year + 10 * n)[:3], None
    if unit in ("century", "centurie"):
        return "DATE", str(d.year + 100 * n)[:2], None
    return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None


def _later(ctx: Context, n: int, unit: str) -> Result | None:
    """ "a week later", "two years later": counted on from the story's last date (its day,
    month or year as the unit needs), else from publication."""
    if unit == "year":
        year = _reference_year(ctx)
        return ("DATE", str(year + n), None) if year is not None else ("DATE", None, NEEDS_DCT)
    if unit in ("decade", "century", "centurie"):
        return None  # "a decade later": a length (no decade value TimeML would agree on)
    if unit == "month":
        return _months_on(ctx, n)
    if unit == "quarter":
        if ctx.last_quarter is not None:
            y, q = shift_quarter(*ctx.last_quarter, n)
        elif ctx.dct is not None:
            y, q = shift_quarter(ctx.dct.year, quarter_of(ctx.dct), n)
        else:
            return "DATE", None, NEEDS_DCT
        return "DATE", f"{y}-Q{q}", None
    day = _reference_day(ctx)
    if day is None:
        return "DATE", None, NEEDS_DCT
    if unit in ("week", "weekend", "fortnight"):
        return "DATE", iso_week(day + timedelta(weeks=n * (2 if unit == "fortnight" else 1))), None
    if unit in ("day", "night"):
        return "DATE", (day + timedelta(days=n)).isoformat(), None
    return None  # "two hours later", "minutes later": a length


def _duration(m: re.Match[str], ctx: Context) -> Result | None:
    num = m.group("num")
    lo = m.group("lo") or m.group("lo2")
    if lo and _AGO_AFTER.match(ctx.text, m.end()):
        return None  # "two to three years ago": left to the offset rule ("three years ago")
    unit = unit_key(m.group("unit"))
    if in_title(ctx.text, *m.span("unit")) or (
        m.group("unit")[0].isupper() and in_title(ctx.text, *m.span("num"))
    ):
        return None  # "60 Minutes"; "the Six-Day War" (the hyphen hides the unit's capital)
    amount = parse_number(num)
    if amount is not None and amount >= 1000:
        return None  # "the 1988 quarter": a year, left to the year rule
    if amount is not None and m.group("half"):
        amount += 0.5  # "a minute and a half"
    if (
        unit == "day"
        and num.lower() == "one"
        and MODAL_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start())
    ):
        return "DATE", "FUTURE_REF", None  # "Islam will one day be ...": some day ahead
    if unit == "second" and num.lower() in ("a", "an"):
        return None  # "a second term": the ordinal, not the unit
    if unit == "quarter" and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "three-quarters of the vote": a fraction
    if unit == "quarter" and BY_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()):
        return None  # "sales fell by more than a quarter": a fraction
    if m.group(0).lower().endswith("-old") or AGE_AFTER.match(ctx.text, m.end()):
        return None  # ages ("37 years old"): TimeBank leaves them out (0 of 5 annotated)
    if num.lower() in ("a", "an") and MONEY_BEFORE.search(
        ctx.text[max(0, m.start() - 20) : m.start()]
    ):
        if FREQUENCY_BEFORE.search(ctx.text[max(0, m.start() - 12) : m.start()]):
            return "SET", duration_value(1, unit), None  # "twice a week"
        # "$5 a year", "four flights a week": a rate. TimeBank annotates 2 of 9 such, so
        # they are left out (neither a date nor a length of time a reader looks up).
        return None
    if lo:
        low = parse_number(lo)
        if low is not None and amount is not None and low < amount:
            amount = low  # "six to seven months": the lower bound (TimeBank's "two to three weeks")
    if unit == "weekend":
        return "DURATION", "P2D" if amount == 1 else duration_value(amount, "day"), None
    return "DURATION", duration_value(amount, unit), None


_AGO_AFTER = re.compile(r"\s+ago\b", re.IGNORECASE)


_OF_AFTER = re.compile(r"\s+of\b")


def _vague_duration(m: re.Match[str], ctx: Context) -> Result | None:
    unit = unit_key(m.group("unit") or m.group("unit_ahead"))
    if unit == "weekend":
        return None
    if m.group(0).lower().split()[-2:] == ["early", "hours"] and _OF_AFTER.match(ctx.text, m.end()):
        return None  # "in the early hours of Thursday": a time of night, not a length
    return "DURATION", duration_value(None, unit), None


def _rel_unit(m: re.Match[str], ctx: Context) -> Result | None:
    """ "last week", "this year", "next month", "earlier this month", "the past year"."""
    if m.group("unit")[0].isupper():
        return None  # ABC's "This Week": a title (TimeBank: 2 false times)
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    det = m.group("det")
    if unit == "fortnight":
        return "DURATION", duration_value(1, unit), None  # "the past fortnight": no ISO unit
    if (
        det
        and rel in ("past", "last", "previous", "coming", "next", "following")
        and unit
        in (
            "week",
            "month",
            "year",
            "quarter",
            "decade",
            "century",
        )
    ):
        return "DURATION", duration_value(1, unit), None
    if unit in SEASONS:
        return _season_value(ctx, rel, SEASONS[unit], m)
    if rel == "current" and unit not in ("year", "quarter", "month", "week"):
        return None
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)

    def value(d: date) -> str | None:
        if unit == "year":
            return str(d.year + step)
        if unit == "month":
            y, mo = add_months(d.year, d.month, step)
            return f"{y:04d}-{mo:02d}"
        if unit == "week":
            return iso_week(d + timedelta(weeks=step))
        if unit == "weekend":
            sat = weekday_after(d, 5, include_anchor=True) if step >= 0 else d
            if step < 0:
                sat = weekday_before(d, 5, include_anchor=False)
            elif step > 0 and d.weekday() >= 5:
                sat = weekday_after(d, 5)
            return iso_week(sat) + "-WE"
        if unit == "quarter":
            y, q = shift_quarter(d.year, quarter_of(d), step)
            ctx.last_quarter = (y, q)
            return f"{y}-Q{q}"
        if unit == "decade":
            return str(d.year + 10 * step)[:3]
        if unit == "century":
            return str(d.year + 100 * step)[:2]
        return None

    return _relative(ctx, "DATE", value)


def _season_value(ctx: Context, rel: str, code: str, m: re.Match[str]) -> Result:
    start_month = SEASON_START[code]
    tense = ctx.tense(*m.span())

    def value(d: date) -> str:
        # A season's year is the year it starts in (winter 1998 = Dec 1998 to Feb 1999), so
        # in January and February "this winter" began the year before.
        this_year = d.year - 1 if code == "WI" and d.month < 3 else d.year
        months_in = (d.year - this_year) * 12 + d.month - start_month
        if rel in ("last", "past", "previous"):
            year = this_year if months_in >= 3 else this_year - 1
        elif rel in ("next", "coming"):
            year = this_year if months_in < 0 else this_year + 1
        elif tense == "past" and months_in < 0:
            year = this_year - 1
        else:
            year = this_year
        return f"{year}-{code}"

    return _relative(ctx, "DATE", value)


def _season(m: re.Match[str], ctx: Context) -> Result | None:
    code = SEASONS[m.group("s").lower()]
    if (
        not (m.group("y") or m.group("yw"))
        and in_title(ctx.text, *m.span("s"))
        and TITLE_WORD_AFTER.match(ctx.text, m.end())
    ):
        return None  # "the Winter Olympics", "the Summer Games": a name
    if m.group("y") or m.group("yw"):
        year = m.group("y") or str(spelled_year(m.group("yw")))
        return "DATE", f"{year}-{code}", None
    if m.group("ry"):
        # "the summer of last year", "autumn next year"; "the fall of that year": the year
        # the story last named.
        if m.group("ry").lower() == "that":
            year = _reference_year(ctx)
            return ("DATE", f"{year}-{code}", None) if year else ("DATE", None, NEEDS_DCT)
        return _relative(ctx, "DATE", lambda d: f"{_rel_year_of(m.group('ry'), d)}-{code}")
    if m.group("s").lower() == "fall" and _FALL_NOUN_AFTER.match(ctx.text, m.end()):
        return None  # "the fall of the Soviet Union", "the fall in prices": no season
    return _season_value(ctx, (m.group("rel") or "the").lower(), code, m)


# After "the fall": the noun, not the season ("the fall of Rome", "the fall in oil prices");
# "the fall of that year" keeps the season ("of last year" is in the season's match).
_FALL_NOUN_AFTER = re.compile(
    r"\s+(?:in|from|to|of(?!\s+(?:that\s+|the\s+(?:same\s+|following\s+)?)year\b))\b",
    re.IGNORECASE,
)


def _rel_word(m: re.Match[str], ctx: Context) -> Result | None:
    key = " ".join(m.group("w").lower().split())
    last = m.group("w").split()[-1]
    if in_title(ctx.text, m.end("w") - len(last), m.end("w")):
        return None
    if (
        key == "now"
        and ctx.text[m.end() : m.end() + 1] == ","
        and SENTENCE_OPENS.search(ctx.text[max(0, m.start() - 3) : m.start()])
    ):
        return None  # "Now, he says ...": a discourse marker, not a time
    if key == "soon" and (
        AS_BEFORE.search(ctx.text[max(0, m.start() - 4) : m.start()])
        or AFTER_AS.match(ctx.text, m.end())
    ):
        return None  # "as soon as", "soon after": a connective, not a time
    if key == "soon" and ctx.tense(*m.span()) == "past":
        # "was soon released", "a trickle that soon became a flood": soon after a past
        # event, not the future (TimeBank + AQUAINT annotate none of these).
        return None
    return REL_WORDS.get(key)


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _deictic_day(m: re.Match[str], ctx: Context) -> Result | None:
    if m.group("w")[0].isupper() and ctx.in_name(*m.span("w")):
        return None
    word = m.group("w").lower()
    part = m.group("part")
    if word == "today" and not part and GENERIC_TODAY_AFTER.match(ctx.text, m.end()):
        return None
    if word == "tonight":
        part = "tonight"
    offset = _DAY_OFFSETS[word]
    kind = "TIME" if part else "DATE"
    return _relative(
        ctx, kind, lambda d: _with_part((d + timedelta(days=offset)).isoformat(), part)
    )


def _part_of_day(m: re.Match[str], ctx: Context) -> Result | None:
    """ "mid-afternoon yesterday", "the morning of Friday"."""
    part = m.group("part").lower()
    word = m.group("w")
    if word.lower() in _DAY_OFFSETS:
        offset = _DAY_OFFSETS[word.lower()]
        return _relative(
            ctx, "TIME", lambda d: _with_part((d + timedelta(days=offset)).isoformat(), part)
        )
    if not _capitalised(word):
        return None
    day = _weekday_date(ctx, WEEKDAYS[word.lower().rstrip(".")], "", *m.span())
    if day is None:
        return "TIME", None, NEEDS_DCT
    return "TIME", _with_part(day.isoformat(), part), None


def _this_part(m: re.Match[str], ctx: Context) -> Result | None:
    """ "this morning", "last night", "later this afternoon"; "in the morning" (the story's
    day, else publication's)."""
    if m.group("part2"):
        day = _reference_day(ctx)
        if day is None:
            return "TIME", None, NEEDS_DCT
        return "TIME", _with_part(day.isoformat(), m.group("part2").lower()), None
    if m.group("part")[0].isupper():
        return None  # "CBS This Morning": a programme's name
    rel = m.group("rel").lower()
    part = m.group("part").lower()
    offset = -1 if rel == "last" else 0
    return _relative(
        ctx, "TIME", lambda d: _with_part((d + timedelta(days=offset)).isoformat(), part)
    )


def _weekday_date(ctx: Context, weekday: int, rel: str, start: int, end: int) -> date | None:
    if ctx.dct is None:
        return None
    d = ctx.dct
    if rel in ("last", "past", "previous"):
        return weekday_before(d, weekday, include_anchor=False)
    if rel in ("next", "coming"):
        return weekday_after(d, weekday)
    if rel == "this":
        return d + timedelta(days=weekday - d.weekday())
    # Day names in news refer to the past week unless the governing verb is future, a plan,
    # or a deadline word comes first ("as soon as Tuesday", "until 9 a.m. Tuesday").
    listed = LISTED_DAY_BEFORE.search(ctx.text, max(0, start - 24), start)
    first = listed.start() if listed else start
    if (
        DAY_AHEAD_BEFORE.search(ctx.text, max(0, first - 30), first)
        or POSTPONED_TO_BEFORE.search(ctx.text, max(0, first - 45), first)
        or CALLED_FOR_BEFORE.search(ctx.text, max(0, first - 45), first)
    ):
        return weekday_after(d, weekday, include_anchor=True)
    if SAID_BEFORE.search(ctx.text, max(0, start - 40), start):
        # "Airbus said on Tuesday it would cut jobs": the day the saying was reported, even
        # where the parser hangs "on Tuesday" on the verb that follows.
        return weekday_before(d, weekday)
    tense = ctx.tense(start, end)
    # "Monday's debate might not move ...": a possessive day names a thing; the verb's modal
    # or present says nothing about when that was ("will" still puts it ahead).
    if tense == "future" or (tense == "planned" and not POSSESSIVE_AFTER.match(ctx.text, end)):
        return weekday_after(d, weekday, include_anchor=True)
    return weekday_before(d, weekday)


def _weekday(m: re.Match[str], ctx: Context) -> Result | None:
    word = m.group("day")
    if not _capitalised(word) or ctx.in_name(*m.span("day")):
        return None
    if not m.group("part"):
        after = TITLE_WORD_AFTER.match(ctx.text, m.end())
        if (
            after
            and after.group(1).lower().rstrip(".") not in TIME_WORDS
            and not (
                m.group("rel")
                or DAY_AFTER_PREPOSITION.search(ctx.text, max(0, m.start() - 4), m.start())
            )
        ):
            # "The Sunday Telegraph", "Monday Night Football": a name; but "on Tuesday Mr
            # Ebbers denied ...", "last Friday Ms Lee said" (no comma, as British copy
            # writes it) is the day.
            return None

    weekday = WEEKDAYS[word.lower().rstrip(".")]
    part = m.group("part")
    rel = (m.group("rel") or "").lower()
    d = _weekday_date(ctx, weekday, rel, *m.span())
    kind = "TIME" if part else "DATE"
    if ctx.dct is None:
        return kind, None, NEEDS_DCT
    assert d is not None
    if m.group("seq"):
        # "the previous Friday": before the last day the story named (the DCT without one).
        last = ctx.last_date
        base = date.fromisoformat(last) if last and len(last) == 10 else ctx.dct
        if m.group("seq").lower() == "following":
            d = weekday_after(base, weekday)
        else:
            d = weekday_before(base, weekday, include_anchor=False)
    elif m.group("wk"):
        # "Wednesday next week": that day of the week named.
        step = {"last": -7, "next": 7}.get(m.group("wk").lower(), 0)
        d = ctx.dct + timedelta(days=step + weekday - ctx.dct.weekday())
    return kind, _with_part(d.isoformat(), part), None


def _clock(m: re.Match[str], ctx: Context) -> Result | None:
    g = m.groupdict()
    if g.get("noon"):
        if HIGH_BEFORE.search(ctx.text, max(0, m.start() - 6), m.start()):
            return None  # "high noon" (the film, the showdown): no time of day
        hour, minute = (24, 0) if g["noon"].lower() == "midnight" else (12, 0)
    else:
        hour = int(
            g.get("h")
            or g.get("h2")
            or g.get("h3")
            or g.get("h4")
            or g.get("h5")
            or g.get("h6")
            or 0
        )
        minute = int(
            g.get("mi") or g.get("mi2") or g.get("mi3") or g.get("mi4") or g.get("mi6") or 0
        )
        ampm = (g.get("ampm") or "").lower().replace(".", "").strip()
        if g.get("part4") in ("afternoon", "evening") or (g.get("night4") and hour >= 6):
            ampm = "pm"  # "6.45 in the evening", "10 o'clock at night" ("2 at night" stays)
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return None
    clock = f"T{hour:02d}:{minute:02d}"
    if ctx.dct is None:
        # Kept for a day named beside it ("10am GMT, March 3, 1998"); dropped otherwise.
        return "TIME", "XXXX-XX-XX" + clock, NEEDS_DCT
    return "TIME", ctx.dct.isoformat() + clock, None


def _set_adverb(m: re.Match[str], ctx: Context) -> Result | None:
    if in_title(ctx.text, *m.span("w")) or (
        m.group("w")[0].isupper() and TITLE_WORD_AFTER.match(ctx.text, m.end())
    ):
        return None  # "the Daily Telegraph", NBC's "Nightly News"
    if ctx.is_modifier(*m.span()):
        return None  # "a daily newspaper", "monthly payments": a kind of thing, not a time
    return "SET", SET_ADVERBS[" ".join(m.group("w").lower().split())], None


def _set_every(m: re.Match[str], ctx: Context) -> Result | None:
    """ "every week" (P1W), "every two years" (P2Y), "each Thursday" (XXXX-WXX-4)."""
    what = m.group("what")
    lower = what.lower().rstrip("s.") if what.lower() not in ("days", "weeks") else what[:-1]
    if lower.rstrip(".") in WEEKDAYS or what.lower().rstrip("s") in WEEKDAYS:
        key = what.lower().rstrip(".")
        key = key if key in WEEKDAYS else key[:-1]
        part = m.group("part")
        value = f"XXXX-WXX-{WEEKDAYS[key] + 1}"
        if part:
            value += "T" + DAY_PARTS[part.lower().rstrip("s")]
        return "SET", value, None
    if what.rstrip(".").lower() in MONTHS:
        if not _capitalised(what):
            return None  # "every march through the capital": not the month
        return "SET", f"XXXX-{_month_number(what):02d}", None
    if what.lower() in DAY_PARTS:
        return "SET", "XXXX-XX-XXT" + DAY_PARTS[what.lower()], None
    if what.lower() in SEASONS:
        return "SET", "XXXX-" + SEASONS[what.lower()], None  # "every summer"
    num = m.group("num")
    amount = parse_number(num) if num else 1
    return "SET", duration_value(amount or 1, unit_key(what)), None


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_NTH |= {"fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1}


def _nth_weekday(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the fourth Thursday in November", "the last Sunday of March" (a day of that month);
    "the first Monday of every month" (a SET)."""
    day_word = m.group("day")
    if not _capitalised(day_word):
        return None
    if m.group("every"):
        return "SET", "P1M", None
    month_word = m.group("month")
    if not _capitalised(month_word):
        return None
    weekday = WEEKDAYS[day_word.lower().rstrip(".")]
    month, n = _month_number(month_word), _NTH[m.group("n").lower()]

    def day_in(year: int) -> str | None:
        d = nth_weekday(year, month, weekday, n)
        return d.isoformat() if d.month == month else None  # no fifth Monday that month

    if m.group("y"):
        value = day_in(int(m.group("y")))
        return ("DATE", value, None) if value else None
    if ctx.dct is None:
        return "DATE", None, NEEDS_DCT
    value = day_in(_near_year(ctx.dct, month, None, _date_tense(ctx, *m.span())))
    return ("DATE", value, None) if value else None


def _weekday_plural(m: re.Match[str], ctx: Context) -> Result | None:
    if in_title(ctx.text, *m.span("day"), name_before=True):
        return None
    key = m.group("day").lower()[:-1]
    value = f"XXXX-WXX-{WEEKDAYS[key] + 1}"
    if m.group("part"):
        value += "T" + DAY_PARTS[m.group("part").lower().rstrip("s")]
    return "SET", value, None


def _this_time_year(m: re.Match[str], ctx: Context) -> Result | None:
    step = -1 if m.group("rel").lower() == "last" else 1

    def value(dct: date) -> str:
        day = min(dct.day, 28) if dct.month == 2 else dct.day  # 29 February
        return date(dct.year + step, dct.month, day).isoformat()

    return _relative(ctx, "DATE", value)


_HOLIDAY_THING_AFTER = re.compile(
    r"\s+(?:trees?|cards?|carols?|decorations|lights|puddings?|crackers?|jumpers?|stockings?"
    r"|eggs?|bunny|bonnets?|costumes?|candy|pumpkins?|turkeys?)\b"
)


def _holiday(m: re.Match[str], ctx: Context) -> Result | None:
    after = TITLE_WORD_AFTER.match(ctx.text, m.end())
    if after and after.group(1).lower().rstrip(".") not in TIME_WORDS:
        return None  # "Easter Island", "Christmas Eve Ball": a name
    if _HOLIDAY_THING_AFTER.match(ctx.text, m.end()):
        return None  # "the Christmas tree", "Easter eggs": a thing, not a day
    name = m.group("h")
    if m.group("y"):
        d = holiday(name, int(m.group("y")))
        return ("DATE", d.isoformat(), None) if d else None
    rel = (m.group("rel") or "").lower()
    tense = ctx.tense(*m.span())

    def value(dct: date) -> str | None:
        this = holiday(name, dct.year)
        if this is None:
            return None
        if name.startswith("election") and not (dct.year % 2 == 0 and dct <= this):
            # Lower case names any country's vote: the United States' only in the months
            # before one (the 2016 campaign's "election day"; not BBC's of 2005).
            return "XXXX-XX-XX"
        if name.lower().startswith("election") and not rel:
            # Election Day is the vote of an even year: written in an odd year, the one before
            # unless the verb looks ahead; in an even year, that year's, before or after it.
            if dct.year % 2 and tense != "future":
                return (holiday(name, dct.year - 1) or this).isoformat()
            if dct.year % 2:
                return (holiday(name, dct.year + 1) or this).isoformat()
            return this.isoformat()
        # "The team play on Boxing Day" (a present that schedules) is this year's.
        ahead = tense in ("future", "planned")
        if rel == "last" or (not rel and not ahead and this > dct + timedelta(days=7)):
            return (holiday(name, dct.year - 1) or this).isoformat()
        if rel == "next" or (tense == "future" and this < dct):
            return (holiday(name, dct.year + 1) or this).isoformat()
        return this.isoformat()

    return _relative(ctx, "DATE", value)


def _holiday_season(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the holiday season", "the Christmas period": December of the year the tense points
    to (a month, as "the holiday quarter" is a calendar quarter)."""
    if m.group("y"):
        return "DATE", f"{m.group('y')}-12", None
    rel = (m.group("rel") or "").lower()
    tense = _date_tense(ctx, *m.span())

    def value(dct: date) -> str:
        if rel in ("last", "past", "previous"):
            year = dct.year - 1
        elif rel == "next":
            year = dct.year + 1 if dct.month == 12 else dct.year
        elif rel in ("this", "coming", "upcoming") or tense in ("future", "planned", "present"):
            # "retailers expect a weak holiday season" told in March: this year's, ahead.
            year = dct.year
        else:
            year = _near_year(dct, 12, None, tense)
        return f"{year:04d}-12"

    return _relative(ctx, "DATE", value)


def _the_weekend(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the weekend": the coming one if the verb is future, else the latest (this one if on it)."""
    tense = ctx.tense(*m.span())
    if DAY_AHEAD_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()):
        tense = "future"  # "ahead of the weekend"

    def value(d: date) -> str:
        if d.weekday() >= 5:
            saturday = d - timedelta(days=d.weekday() - 5)
        elif tense == "future":
            saturday = weekday_after(d, 5)
        else:
            saturday = weekday_before(d, 5)
        return iso_week(saturday) + "-WE"

    return _relative(ctx, "DATE", value)


def _year_words(m: re.Match[str], ctx: Context) -> Result | None:
    """ "nineteen ninety-six", "two thousand" (broadcast transcripts spell years out)."""
    return "DATE", str(spelled_year(m.group("w"))), None


_LATER_IN_BEFORE = re.compile(r"\b(?:later|earlier)\s+in\s+$", re.IGNORECASE)


def _the_year(m: re.Match[str], ctx: Context) -> Result | None:
    unit = (m.group("unit") or m.group("decade")).lower()
    if in_title(ctx.text, *m.span("unit" if m.group("unit") else "decade")):
        return None  # "Time's Person of the Year", "Player of the Year": a title
    if ENDED_AFTER.match(ctx.text, m.end()):
        # "the year ended March 31": a twelve-month period (TimeBank: 6 of 7 are durations).
        return "DURATION", duration_value(1, unit), None
    if unit == "year":
        months = FIRST_MONTHS_OF_BEFORE.search(ctx.text, max(0, m.start() - 40), m.start())
        if months is not None:
            # "orders in the first 11 months of the year" told in January: those months are
            # last year's (publication is still inside them otherwise).
            n = parse_number(months.group(1)) or 0
            return _relative(ctx, "DATE", lambda d: str(d.year - (d.month <= n)))
        return _relative(ctx, "DATE", lambda d: str(d.year))
    if unit == "decade":
        if _LATER_IN_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
            # "In 1982 ... later in the decade": the decade of the year the story last named.
            year = _reference_year(ctx)
            return ("DATE", str(year)[:3], None) if year is not None else ("DATE", None, NEEDS_DCT)
        return _relative(ctx, "DATE", lambda d: str(d.year)[:3])  # "by the end of the decade"
    if unit == "week":
        # "by the end of the week": this week; not "the busiest day of the week" (no week).
        if not EDGE_OF_BEFORE.search(ctx.text, max(0, m.start() - 20), m.start()):
            return None
        return _relative(ctx, "DATE", iso_week)
    return _relative(ctx, "DATE", lambda d: f"{d.year:04d}-{d.month:02d}")
