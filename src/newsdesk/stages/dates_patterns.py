"""The rule table of the dates stage: each pattern with the normaliser it feeds.

The patterns are compiled once at import. The stage runs every rule over the text, keeps
the leftmost-longest matches (rule order breaks ties) and calls the rule's handler
(``dates_rules``) for the value.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.stages.dates_lexicon import DAY_PARTS, NUMBER, NUMBER_WORD, duration_value, unit_key
from newsdesk.stages.dates_rules import (
    Rule,
    _century,
    _clock,
    _decade,
    _decade_words,
    _deictic_day,
    _duration,
    _fin_period,
    _full_date,
    _full_year,
    _holiday,
    _holiday_season,
    _month,
    _month_quarter,
    _month_year,
    _next_unit,
    _nth_weekday,
    _numeric_date,
    _offset,
    _part_of_day,
    _quarter,
    _quarter_code,
    _rel_unit,
    _rel_word,
    _relative,
    _season,
    _set_adverb,
    _set_every,
    _that_year,
    _the_weekend,
    _the_year,
    _this_part,
    _this_time_year,
    _vague_duration,
    _weekday,
    _weekday_plural,
    _year,
    _year_ago_adj,
    _year_words,
)

# ---- shared pieces of the patterns ---------------------------------------------------------

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
DAYNAME = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon\.|Tues?\.|Wed\.|Thur?s?\.|Fri\.|Sat\.|Sun\.)"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries)"
)
YEAR4 = r"(?:1[5-9]\d\d|20\d\d)"
# A year spelled out, as broadcast transcripts write them ("nineteen ninety-seven").
YEAR_WORDS = (
    r"(?:(?:eighteen|nineteen)[\s-]+(?:hundred|oh[\s-]+(?:one|two|three|four|five"
    r"|six|seven|eight|nine)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
    r"|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine))?)"
)
RELWORD = r"(?:this|last|next|past|previous|coming|current|same)"
# "June 29 last year", "5 March next year": the year of a yearless date.
_REL_YEAR = r"|\s+(?:of\s+)?(?P<relyear>last|this|next)\s+year\b(?!'s)"
# What names a year after "of": "of 2012", "of fiscal 2012", "of last year", "of the year".
_OF_YEAR = rf"(?:(?:fiscal\s+|calendar\s+)?{YEAR4}|(?:this|last|next)\s+year|the\s+(?:\w+\s+)?year)"
DAY_PART = r"(?:morning|afternoon|evening|night)"
_FISCAL_YEAR = r"(?:fiscal|financial|calendar|tax)\s+year(?![\w'-])"

_FLAGS = re.IGNORECASE


# ---- the rules -----------------------------------------------------------------------------


def _r(pattern: str, flags: int = _FLAGS) -> re.Pattern[str]:
    # Every expression starts a word (or a "'90s"); checking that first lets the engine skip
    # most positions at once (the rules ran 3x faster with it on TimeBank).
    return re.compile(r"(?:\b|(?='))(?:" + pattern + ")", flags)


RULES: tuple[Rule, ...] = (
    Rule(
        "full_date",
        _r(
            r"(?:(?P<weekof>the\s+week\s+of)\s+)?"
            rf"(?:{DAYNAME},?\s+)?(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<year>{YEAR4})\b{_REL_YEAR})?"
        ),
        _full_date,
    ),
    Rule(
        "full_date_dmy",
        _r(
            rf"(?:{DAYNAME},?\s+)?(?:the\s+)?\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR4})\b{_REL_YEAR})?"
        ),
        _full_date,
    ),
    Rule(
        "numeric_date",
        _r(
            r"\b(?:(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
            r"|(?P<um>1[0-2]|0?[1-9])/(?P<ud>[12]\d|3[01]|0?[1-9])/(?P<uy>(?:19|20)?\d\d))\b"
        ),
        _numeric_date,
    ),
    Rule(
        "month_year",
        _r(
            rf"(?P<month>{MONTH}),?\s+(?:of\s+)?(?:(?P<year>{YEAR4})\b(?![,.]?\d)"
            rf"|(?P<yw>{YEAR_WORDS})(?![\w-]))"
        ),
        _month_year,
    ),
    Rule(
        "month",
        _r(
            # "January-March": the first month of a range is a month too.
            rf"(?:(?P<rel>last|this|next|past|coming)\s+)?\b(?P<month>{MONTH})(?!\w|-(?!{MONTH}\b))"
            # A day number after it is a full date's ("last Oct. 23": "Oct. 23" is the date).
            r"(?!\.?\s+\d{1,2}(?:st|nd|rd|th)?\b)"
            # "December last year", "May of this year", "in June of that year".
            r"(?:\s+(?:of\s+)?(?P<rel2>this|last|next|that|the\s+same|the\s+following"
            r"|the\s+previous)\s+year\b(?!'s))?"
        ),
        _month,
    ),
    Rule(
        "year",
        _r(
            rf"(?:(?:(?:fiscal|calendar)\s+(?:year\s+)?|the\s+year\s+"
            # "the 2008 fiscal year": one span, the year.
            rf"|the\s+(?={YEAR4}\s+{_FISCAL_YEAR}))?(?<![\w$.,/])"
            # A range "2010-2012" gives both years; "2011-12" the first.
            r"(?:(?<!\d-)|(?<=(?<![\w-])(?:1[5-9]|20)\d\d-))"
            rf"|FY\s*)(?P<y>{YEAR4})"
            # "the 2009/10 season", "fiscal 2012/13": the year it starts.
            r"(?:/(?P<season>\d\d)(?![\w/]|[.,]\d))?"
            r"(?![\w%/]|[.,:]\d|-(?!(?:1[5-9]|20)\d\d\b(?!-)|\d\d(?![-\d]))\d"
            r"|\s*(?:percent|million|billion)|\s+(?:GMT|UTC|local\s+time)\b)"
            rf"(?:\s+{_FISCAL_YEAR})?"
        ),
        _year,
    ),
    Rule(
        "decade",
        _r(r"(?:(?P<det>the)\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<d>(?:1[5-9]|20)\d0|'?\d0)'?s\b"),
        _decade,
    ),
    Rule(
        "decade_words",
        _r(
            r"the\s+(?:(?:early|mid|late)[\s-]+)?(?P<d>twenties|thirties|forties|fifties|sixties"
            r"|seventies|eighties|nineties)\b"
        ),
        _decade_words,
    ),
    Rule(
        "that_year",
        _r(
            r"(?:(?P<mod>later|earlier)\s+)?"
            r"(?:(?P<rel>that|the\s+following|the\s+previous|the\s+prior|the\s+same)\s+)year(?![\w'-])"
            r"|the\s+year\s+(?P<after>before|after)\b(?!\s+(?:last|next|this)\b)"
        ),
        _that_year,
    ),
    Rule(
        "next_unit",
        _r(
            # Counted from the day (week, month) the story last named, else from publication.
            # "the next week" is left to rel_unit (a duration: "over the next week").
            rf"the\s+(?P<seq>next|following|previous|prior|same)\s+(?P<unit>day|{DAY_PART})"
            r"|the\s+(?P<seq2>following|previous|prior)\s+(?P<unit2>week|month)"
            # "quit that same day"; "Later that day", "earlier that month" (TimeML keeps
            # the modifier in the span).
            # "on that day", "That day, ..." too; a bare "that day" is left ("trades made that
            # day": TimeBank annotates 0 of 2).
            r"|(?:that\s+same|(?<=\b[Oo]n\s)that|(?-i:That)(?=\s+day\s*,))\s+(?P<unit3>day)"
            r"|(?P<mod>later|earlier)\s+that\s+(?:same\s+)?(?P<unit4>day|week|month"
            rf"|{DAY_PART})"
            # "That evening, the minister resigned" (not "that night flights": a noun after).
            rf"|that\s+(?:same\s+)?(?P<unit5>{DAY_PART})(?!-|\s+(?:flights?|shifts?|life"
            r"|clubs?|time|vision|buses|trains|raids?|curfews?|sky|skies|shows?)\b)"
            # "the day before.", "the day after, ..."; not "the day before the vote" (an
            # event's day, no date a rule can give).
            r"|the\s+day\s+(?P<dir>before|after)(?:\s+(?P<deictic>yesterday|tomorrow)\b"
            r"|(?=\s*(?:[.,;:!?)\"']|$|and\b|but\b|when\b)))"
            r"(?![\w'-])"
        ),
        _next_unit,
    ),
    Rule(
        "century",
        _r(
            r"(?:the\s+)?(?P<c>\d{1,2}(?:st|nd|rd|th)|fifteenth|sixteenth|seventeenth"
            r"|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century"
        ),
        _century,
    ),
    Rule(
        "quarter",
        _r(
            rf"(?:the\s+)?(?:(?:fiscal\s+)?(?P<y1>{YEAR4})(?:'s)?\s+|(?P<rel1>this|last|next)\s+year's\s+)?"
            r"(?:(?P<ago>year-ago|year-earlier|prior-year)\s+)?"
            r"(?:(?:fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|final"
            # "the last half", "the last quarter of 2012" (a bare "the last quarter" is the
            # one just gone, a duration or a date, not the fourth).
            rf"|last(?=[\s-]+half|\s+quarter\s+of\s+{_OF_YEAR})|1st|2nd|3rd|4th)"
            r"[\s-]+(?:(?:fiscal|calendar)\s+)?(?P<unit>quarter|half)"
            rf"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?:(?P<y2>{YEAR4})|(?P<rel2>this|last|next)"
            r"\s+year|(?P<the_year>the\s+(?:(?:fiscal|calendar|current)\s+)?year)))?"
        ),
        _quarter,
    ),
    Rule(
        "month_quarter",
        # "the December quarter" (financial copy names a quarter by its last month).
        _r(
            rf"the\s+(?P<month>{MONTH})\s+quarter(?![\w-])"
            # "the quarter ending in September", "the quarter to June": one span, the quarter
            # (with a day, "the quarter ended Sept. 30", TimeBank writes two: fin_period).
            r"|the\s+(?:(?:fiscal|financial)\s+)?quarter\s+(?:ending|ended|(?:that|which)\s+"
            rf"(?:ends|ended)|to)\s+(?:in\s+)?(?P<month2>{MONTH})(?![\w-])(?!\.?\s+\d)"
            rf"(?:,?\s+(?P<y>{YEAR4})\b)?"
        ),
        _month_quarter,
    ),
    Rule(
        "quarter_code",
        # "Q4", "Q1 2013", "2012 Q4": financial copy's quarters.
        _r(rf"Q(?P<q>[1-4])(?:\s+(?P<y>{YEAR4}))?\b|(?P<y0>{YEAR4})\s+Q(?P<q0>[1-4])\b", 0),
        _quarter_code,
    ),
    Rule(
        "fin_period",
        _r(
            r"(?:the|this|that)\s+(?P<qual>(?:(?:latest|current|most\s+recent|recent|comparable"
            r"|same|year-earlier|year-ago|prior-year|previous|corresponding|just-ended"
            r"|just\s+ended|fiscal|latest\s+fiscal|holiday)\s+)*)"
            # "the 1988 period", "the 1988 quarter": the quarter named, in that year.
            rf"(?:(?P<y>{YEAR4})\s+(?:fiscal\s+)?)?(?P<unit>quarter|period)"
            r"(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?(?![\w-])"
        ),
        _fin_period,
    ),
    Rule("full_year", _r(r"full[\s-]year(?![\w'-])"), _full_year),
    Rule("year_ago_adj", _r(r"\byear-(?:ago|earlier)(?!\s+(?:quarter|period))\b"), _year_ago_adj),
    Rule(
        "offset",
        _r(
            rf"\b(?P<num>{NUMBER})[\s-]+(?:(?:full|more|trading|business|calendar)\s+)?"
            rf"(?P<unit>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later(?!\s+than\b)"
            r"|from\s+now|hence)\b"
        ),
        _offset,
    ),
    Rule(
        "duration",
        _r(
            r"(?:(?:the|its|their|his|her|this|that|these|those)\s+)?"
            r"(?:(?:past|last|next|first|previous|coming|following|final|remaining|latest|initial"
            r"|ensuing|prior|same|entire|full|whole|other|preceding)\s+)?"
            # A range, "six to seven months", "3-4 weeks": one length, written as its lower
            # bound (TimeBank: "two to three weeks" P2W).
            rf"(?:\b(?P<lo>\d+|{NUMBER_WORD})\s+to\s+|\b(?P<lo2>\d+)\s*[-\u2013]\s*(?=\d))?"
            rf"\b(?P<num>{NUMBER})[\s-]+(?:(?:more|additional|full|straight|consecutive|trading"
            r"|business|working|calendar|fiscal|long|extra)\s+)?"
            rf"(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:-(?:long|old))?(?![\w-])"
        ),
        _duration,
    ),
    Rule(
        "vague_duration",
        _r(
            r"(?:(?:the|these|those|recent|coming|past|next|last)\s+)?"
            r"(?:(?:past|last|next|coming|recent|previous|following|ensuing|few|several|many"
            r"|early|first|final)\s+)+"
            r"(?P<unit>minutes|hours|days|weeks|weekends|months|quarters|years|decades"
            r"|centuries)(?![\w-])"
            # "in the weeks ahead", "the months ahead": the span as "the coming weeks".
            r"|the\s+(?P<unit_ahead>hours|days|weeks|months|years|decades)\s+ahead\b"
        ),
        _vague_duration,
    ),
    Rule(
        "year_end",
        # "by year-end", "by mid-year" (TimeML: the year, mod END / MID).
        _r(r"year[\s-]end\b|year's\s+end\b|mid[\s-]year(?![\w-])"),
        lambda m, ctx: _relative(ctx, "DATE", lambda d: str(d.year)),
    ),
    Rule(
        "part_of_day_alone",
        _r(r"(?:early|late|mid)[\s-]?(?P<part>morning|afternoon|evening)\b"),
        lambda m, ctx: _relative(
            ctx, "TIME", lambda d: f"{d.isoformat()}T{DAY_PARTS[m.group('part').lower()]}"
        ),
    ),
    Rule(
        "bare_duration",
        _r(
            r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bin\s)|(?<=\bafter\s)|(?<=\bover\s)the\s+)"
            r"(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)"
            r"(?![\w-])|\b(?P<unit2>decades|centuries)-long\b"
            # "Hours later, ...", "just months ago": a vague length before later/earlier/ago.
            # "ago" inside the span, as in "two years ago"; "later" outside ("Three days later").
            r"|\b(?P<unit3>minutes|hours|days|weeks|months|years|decades)"
            r"(?:\s+ago\b|(?=\s+(?:later|earlier)\b))"
            # "a day-long meeting", "a year-long war": one unit.
            r"|\b(?P<one>day|week|month|year|decade)-long\b"
        ),
        lambda m, ctx: (
            "DURATION",
            duration_value(
                1 if m.group("one") else None,
                unit_key(m.group("unit") or m.group("unit2") or m.group("unit3") or m.group("one")),
            ),
            None,
        ),
    ),
    Rule(
        "rel_unit",
        _r(
            rf"(?:(?P<det>the)\s+|this\s+(?=past\b))?(?P<rel>{RELWORD})\s+(?P<unit>week|weekend|fortnight|month|year"
            r"|quarter|decade|century|summer|winter|spring|fall|autumn)(?![\w-])"
        ),
        _rel_unit,
    ),
    Rule(
        "season",
        _r(
            r"(?:(?P<rel>the|this|last|next|early|late|mid)[\s-]+|(?<=\bin\s))"
            r"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?:(?P<y>"
            + YEAR4
            + r")|(?P<yw>"
            + YEAR_WORDS
            + r")|(?P<ry>this|last|next|that)\s+year(?!'s)))?(?![\w-])"
        ),
        _season,
    ),
    Rule(
        "rel_word",
        _r(
            r"\b(?P<w>right\s+now|now|currently|presently|at\s+present|nowadays|these\s+days"
            r"|recently|lately|soon|the\s+near\s+future|the\s+future|current"
            r"|the\s+(?:near|short|long)\s+term|the\s+past|(?<=\bfor\s)the\s+moment|(?<=\bat\s)the\s+moment"
            r"|(?<=\bat\s)a\s+later\s+date)"
            r"(?![\w-])"
        ),
        _rel_word,
    ),
    Rule(
        "deictic_day",
        _r(rf"\b(?P<w>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{DAY_PART}))?(?![\w-])"),
        _deictic_day,
    ),
    Rule(
        "part_of_day",
        _r(
            rf"\b(?:(?:early|late|mid)[\s-])?(?P<part>{DAY_PART})\s+(?:of\s+)?"
            rf"(?P<w>yesterday|today|tomorrow|{DAYNAME})(?!\w)"
            # "the night of Friday, Oct. 23": the full date is the date (a past Friday).
            rf"(?!,?\s+{MONTH}\s+\d)"
        ),
        _part_of_day,
    ),
    Rule(
        "this_part",
        _r(
            rf"\b(?P<rel>this|last)\s+(?P<part>{DAY_PART})(?![\w-])"
            # "arrived in the morning": a part of the story's day (not "the morning session",
            # "the morning of May 5", "in the evening paper").
            r"|(?:(?<=\bin\s)|(?<=\bduring\s))the\s+(?P<part2>morning|afternoon|evening)"
            r"(?![\w-]|\s+(?:of|session|paper|news|show|edition|trading|rush|prayers?|hours?"
            r"|peak|commute|shift|flight|train)\b)"
        ),
        _this_part,
    ),
    Rule(
        "weekday",
        _r(
            r"(?:(?P<rel>last|this|next|past|coming)\s+"
            # "the previous Friday", "the following Monday": counted from the last date named.
            r"|(?P<the>the)\s+(?P<seq>previous|following|prior)\s+)?"
            rf"\b(?P<day>{DAYNAME})(?!\w)(?:\s+(?P<part>{DAY_PART})(?![\w-]))?"
            # "Wednesday next week", "Friday last week": one day of that week.
            r"(?:\s+(?P<wk>last|next|this)\s+week(?![\w'-]))?"
        ),
        _weekday,
    ),
    Rule(
        "nth_weekday",
        _r(
            r"the\s+(?P<n>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+"
            rf"(?P<day>{DAYNAME})\s+(?:of|in)\s+(?:(?P<every>every|each)\s+month"
            rf"|(?P<month>{MONTH})(?:,?\s+(?P<y>{YEAR4}))?)(?![\w'-])"
        ),
        _nth_weekday,
    ),
    Rule(
        "weekday_plural",
        _r(
            r"\b(?P<day>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)"
            rf"(?:\s+(?P<part>{DAY_PART}s?))?\b",
            0,
        ),
        _weekday_plural,
    ),
    Rule(
        "clock",
        _r(
            # British copy writes "7.30am", "10.15 p.m.".
            r"(?:\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b|[ap]\.m\b)"
            r"|\b(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d:])"
            r"|\b(?P<noon>noon|midnight|midday)\b"
            # "4 in the morning", "6.45 in the evening", "10 o'clock at night", "at 9 o'clock".
            r"|\b(?P<h4>1[0-2]|0?[1-9])(?:[:.](?P<mi4>[0-5]\d))?(?:\s+o'clock)?"
            r"\s+(?:in\s+the\s+(?P<part4>morning|afternoon|evening)|at\s+(?P<night4>night))\b"
            # Not "4 in the morning session".
            r"(?!\s+(?:session|trading|edition|show|news|paper|papers|rush|meeting|briefing"
            r"|service|shift|flight|flights|programme|program)\b)"
            r"|\b(?P<h5>1[0-2]|0?[1-9])\s+o'clock\b"
            # Wire copy gives the time in GMT as four digits: "10 a.m. (1400 GMT)".
            r"|\b(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)(?=\s+(?:GMT|UTC|local\s+time)\b)"
            # A dotted 24-hour time needs its zone ("at 14.35 GMT", "11.02 local time"):
            # alone it reads as a number ("rose 3.25").
            r"|\b(?P<h6>[01]?\d|2[0-3])\.(?P<mi6>[0-5]\d)(?=\s+(?:GMT|UTC|BST|CET|CEST"
            r"|local\s+time)\b))"
            # A zone after the time: "10 a.m. EDT", "noon local time", "9 p.m. Eastern time".
            r"(?:\s+(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|ET|PT"
            r"|(?:local|(?-i:[A-Z][a-z]+(?:\s+(?:Standard|Daylight|Summer))?))\s+(?-i:[Tt]ime))\b)?"
        ),
        _clock,
    ),
    Rule(
        "set_adverb",
        _r(r"\b(?P<w>daily|nightly|weekly|biweekly|monthly|annually|yearly|hourly|per\s+annum)\b"),
        _set_adverb,
    ),
    Rule(
        "set_every",
        _r(
            rf"\b(?:every|each|per)\s+(?:other\s+)?(?:(?P<num>{NUMBER})\s+)?"
            rf"(?P<what>{UNIT}|{DAYNAME}|{MONTH}|morning|afternoon|evening|night"
            r"|spring|summer|autumn|fall|winter)"
            rf"(?:\s+(?P<part>{DAY_PART}))?(?![\w-])"
        ),
        _set_every,
    ),
    Rule(
        "holiday",
        _r(
            r"(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?\b(?P<h>Christmas(?:\s+(?:Day|Eve))?"
            r"|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?"
            r"|Good\s+Friday|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day"
            r"|Boxing\s+Day|May\s+Day|Remembrance\s+Day|Black\s+Friday|Cyber\s+Monday"
            rf"|Halloween|Valentine's\s+Day|Election\s+Day|election\s+day)(?:\s+(?P<y>{YEAR4}))?\b",
            0,
        ),
        _holiday,
    ),
    Rule(
        "holiday_season",
        # "the holiday season", "the Christmas shopping period", "this festive season"; not
        # "the holiday weekend" (a weekend), "the Christmas tree", nor "the holiday period"
        # (the eighth pass: the days around Christmas, no quarter).
        _r(
            r"(?P<rel>(?i:the|this|last|next|past|coming|upcoming|an?|its|their))\s+"
            # "the 2008 holiday season", "a weak holiday season": a year or one adjective.
            rf"(?:(?P<y>{YEAR4})\s+|(?!holiday\b|festive\b)[a-z]+\s+)?(?:[Hh]oliday"
            r"\s+(?:(?:shopping|sales|travel)\s+)?season|(?:Christmas|festive)\s+"
            r"(?:(?:shopping|sales|travel)\s+)?(?:season|period))\b",
            0,
        ),
        _holiday_season,
    ),
    Rule(
        "this_time_year",
        # "this time last year": the same day a year before (TimeML gives the day).
        _r(r"(?:this|that|the\s+same)\s+time\s+(?P<rel>last|next)\s+year(?![\w'-])"),
        _this_time_year,
    ),
    Rule("the_weekend", _r(r"\bthe\s+weekend\b"), _the_weekend),
    Rule(
        "year_words",
        _r(rf"\b(?:the\s+year\s+)?(?P<w>{YEAR_WORDS})(?![\w-])"),
        _year_words,
    ),
    Rule(
        "the_year",
        _r(
            r"\bthe\s+(?:(?:current|calendar|fiscal|full)\s+)*(?P<unit>year|month)(?![\w'-])"
            # "the year before" with no year named before it: no date this rule can give.
            r"(?!\s+(?:before|after)\b)"
            r"|(?:(?<=\bof\s)|(?<=\blater\sin\s)|(?<=\bearlier\sin\s))the\s+(?P<decade>decade|week)"
            r"(?![\w'-])"
        ),
        _the_year,
    ),
)

# Modifiers TimeML keeps inside the span ("more than four years", "late November"). Quantity
# modifiers go with spans that start with a number; point modifiers with dates and times.
QUANTITY_MODIFIER = re.compile(
    r"(?:\b(?:more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than"
    r"|at\s+least|at\s+most|nearly|almost|about|around|approximately|roughly|some"
    r"|under|up\s+to|as\s+many\s+as|as\s+long\s+as|as\s+much\s+as"
    r"|little\s+more\s+than)\s+)+$",
    re.IGNORECASE,
)
# "twice a year", "three times a week": a SET keeps its frequency in the span (TimeML's freq).
FREQUENCY_MODIFIER = re.compile(
    r"\b(?:once|twice|(?:\d+|two|three|four|five|six|several|many)\s+times)\s+$", re.IGNORECASE
)
POINT_MODIFIER = re.compile(
    r"(?:\b(?:early|late|mid|earlier|later|as\s+early\s+as|as\s+late\s+as|about|around"
    r"|approximately|shortly\s+(?:before|after)|just\s+(?:before|after)"
    r"|(?:earlier|later)\s+in"
    r"|(?:the\s+)?(?:end|beginning|start|middle|turn|close|first\s+half|second\s+half)\s+of)"
    r"\s*-?\s*)+$",
    re.IGNORECASE,
)


# ---- which rules a window needs ------------------------------------------------------------
# Each trigger word has a kind; a rule runs only in windows holding a trigger of a kind its
# matches always contain ("month" needs a month name, "clock" a digit, noon or midnight). Most
# windows hold one or two kinds, so most rules are skipped: the same matches at about a third
# of the cost on news (bench/throughput.py's corpus).
def _kinds(kind: str, words: str | list[str]) -> dict[str, str]:
    return dict.fromkeys(words.split() if isinstance(words, str) else words, kind)


_DAY_STEMS = ["mon", "tue", "tues", "wed", "wednes", "thu", "thur", "thurs", "fri", "sat", "satur"]
_DAY_STEMS.append("sun")
_UNIT_WORDS = ["second", "minute", "hour", "day", "week", "weekend", "fortnight", "month"]
_UNIT_WORDS += ["quarter", "half", "year", "decade"]
TRIGGER_KINDS: dict[str, str] = {
    **_kinds(
        "month",
        "january february march april may june july august september october november"
        " december jan feb mar apr jun jul aug sep sept oct nov dec",
    ),
    # "mon", "monday", "mondays", "weds", "thurs", "satur": what TRIGGER always accepted.
    **_kinds(
        "day", [stem + day + s for stem in _DAY_STEMS for day in ("", "day") for s in ("", "s")]
    ),
    **_kinds("unit", [unit + s for unit in _UNIT_WORDS for s in ("", "s")]),
    **_kinds("unit", "century centuries period year-"),
    # "night" is both a unit ("three nights") and a part of the day ("Monday night").
    **_kinds("night", "night nights"),
    **_kinds(
        "rel",
        "now current currently present presently nowadays recent recently late later lately"
        " early soon future past moment term",
    ),
    **_kinds("deictic", "today tonight yesterday tomorrow"),
    **_kinds("daypart", "morning afternoon evening"),
    **_kinds("clock", "noon midnight midday"),
    **_kinds("set", "daily nightly weekly biweekly monthly annually yearly annum hourly"),
    **_kinds("season", "spring summer fall autumn winter"),
    **_kinds(
        "holiday",
        "christmas thanksgiving easter independence labor memorial veterans halloween valentine's"
        " holiday festive",
    ),
    **_kinds("yearword", "eighteen nineteen thousand"),
    **_kinds("decadeword", "twenties thirties forties fifties sixties seventies eighties nineties"),
}
# A trigger matched by no entry above (e.g. "New Year's" with odd spacing) opens every rule.
ANY_KIND = "*"


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` factored by shared prefixes ("ma(?:rch|y)").

    The regex engine tries an alternation branch by branch at every word start; factored,
    it reads each letter once. TRIGGER took a third of the stage's time as a flat list.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alternation(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + alternation(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return alternation(tree)


# Every rule's match contains one of these (a digit, or a word of time): the stage runs the
# rules only near them. "year-" also finds "year-ago", "year-earlier".
TRIGGER = re.compile(
    r"\d+|\b(?:(?:"
    + _trie(sorted(w for w in TRIGGER_KINDS if w != "year-"))
    + r"|new\s+year's)\b|year-)",
    re.IGNORECASE,
)


def trigger_kind(word: str) -> str:
    """The kind of a TRIGGER match: ``"digit"``, ``"month"``, ``"unit"``... or ANY_KIND."""
    if word[0].isdigit():
        return "digit"
    return TRIGGER_KINDS.get(word.lower(), ANY_KIND)


_UNIT = ("unit", "night")
_PART = ("daypart", "night")
# Rules left out of this table run in every window: their matches may hold a trigger word
# glued to another ("midmorning") that TRIGGER does not see as a word.
RULE_NEEDS: dict[str, frozenset[str]] = {
    name: frozenset(kinds)
    for name, kinds in {
        "full_date": ("digit",),
        "full_date_dmy": ("digit",),
        "numeric_date": ("digit",),
        "month_year": ("digit", "yearword"),
        "month": ("month",),
        "year": ("digit",),
        "decade": ("digit",),
        "decade_words": ("decadeword",),
        "that_year": _UNIT,
        "next_unit": (*_UNIT, *_PART),
        "century": ("digit", *_UNIT, "yearword"),
        "quarter_code": ("digit",),
        "month_quarter": ("month",),
        "fin_period": _UNIT,
        "year_ago_adj": _UNIT,
        "full_year": _UNIT,
        "offset": _UNIT,
        "duration": _UNIT,
        "vague_duration": _UNIT,
        "year_end": _UNIT,
        "bare_duration": _UNIT,
        "rel_unit": (*_UNIT, "season"),
        "season": ("season",),
        "rel_word": ("rel", *_UNIT),
        "deictic_day": ("deictic",),
        "part_of_day": _PART,
        "this_part": _PART,
        "weekday": ("day",),
        "weekday_plural": ("day",),
        "nth_weekday": ("day",),
        "clock": ("digit", "clock"),
        "set_adverb": ("set",),
        "set_every": (*_UNIT, *_PART, "day", "month", "season"),
        "holiday": ("holiday", "day", *_UNIT),
        "holiday_season": ("holiday", *_UNIT),
        "the_weekend": _UNIT,
        "this_time_year": _UNIT,
        "year_words": ("yearword",),
        "the_year": _UNIT,
    }.items()
}
