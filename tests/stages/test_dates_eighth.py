"""News time expressions of the eighth pass: every expression of a sentence, with its span,
TimeML type and value.

Sentences written for these tests in the manner of business, aviation and politics wire copy
(not taken from any corpus), published on Wednesday 2013-04-10 (ISO week 2013-W15; Q2 and the
first half of 2013 under way) unless a test says otherwise.
"""

from __future__ import annotations

import pytest
from dates_days import WED

Expected = list[tuple[str, str, str | None]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A match whose rule rejects it leaves its words to the other rules.
        ("Earnings for the 2012 fiscal year fell.", [("the 2012 fiscal year", "DATE", "2012")]),
        ("Profit for the 2012 financial year rose.", [("the 2012 financial year", "DATE", "2012")]),
        (
            "The firm has lost money for several quarters.",
            [("several quarters", "DURATION", "PXQ")],
        ),
        # "the 2012 period" in a results story: the quarter named, in that year.
        (
            "Profit rose in the first quarter, after a loss in the 2012 period.",
            [("the first quarter", "DATE", "2013-Q1"), ("the 2012 period", "DATE", "2012-Q1")],
        ),
        # "the holiday quarter": October to December, the latest to have ended.
        (
            "The retailer sold 4 million tablets in the holiday quarter.",
            [("the holiday quarter", "DATE", "2012-Q4")],
        ),
        ("Shops were busy over the holiday period.", []),
        # "the current quarter" is the one publication falls in.
        (
            "The company expects revenue of $8 billion in the current quarter.",
            [("the current quarter", "DATE", "2013-Q2")],
        ),
        # A dotted 24-hour time with its zone.
        (
            "The plane went down at 11.02 local time.",
            [("11.02 local time", "TIME", "2013-04-10T11:02")],
        ),
        ("The jet crashed at 14.35 GMT.", [("14.35 GMT", "TIME", "2013-04-10T14:35")]),
        (
            "The ferry sank at 23.40 local time on Saturday.",
            [("23.40 local time on Saturday", "TIME", "2013-04-06T23:40")],
        ),
        ("Shares rose 3.25 percent.", []),
        (
            "The keynote began at 9:00 am Pacific Standard Time.",
            [("9:00 am Pacific Standard Time", "TIME", "2013-04-10T09:00")],
        ),
        # "the end of the week": this week; "the busiest day of the week" names no week.
        (
            "Talks will continue until the end of the week.",
            [("the end of the week", "DATE", "2013-W15")],
        ),
        ("Friday is the busiest day of the week.", [("Friday", "DATE", "2013-04-05")]),
        # "first-half profit", "full-year results": a company's half or year, the latest to
        # have ended unless a forecast looks ahead.
        ("First-half profit rose 8 percent.", [("First-half", "DATE", "2012-H1")]),
        ("Second-half sales were weak.", [("Second-half", "DATE", "2012-H2")]),
        (
            "The company expects first-half sales to fall.",
            [("first-half", "DATE", "2013-H1")],
        ),
        ("He scored in the second-half comeback.", []),
        ("The team led 2-0 in the first half.", []),
        ("Full-year profit rose 5 percent.", [("Full-year", "DATE", "2012")]),
        ("The bank raised its full-year forecast.", [("full-year", "DATE", "2013")]),
        # A fraction of a century counts in years.
        (
            "The company was founded a quarter of a century ago.",
            [("a quarter of a century ago", "DATE", "1988")],
        ),
    ],
)
def test_eighth_pass_expressions(resolve_dates, sentence: str, expected: Expected) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(sentence, WED)
    assert sorted((d.text, d.type, d.value) for d in dates) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # The n-th day of the week in a month: a day; of every month: a SET.
        (
            "Thanksgiving falls on the fourth Thursday in November.",
            "2012-11-01",
            [
                ("Thanksgiving", "DATE", "2012-11-22"),
                ("the fourth Thursday in November", "DATE", "2012-11-22"),
            ],
        ),
        (
            "The vote is set for the first Tuesday in June.",
            "2012-11-01",
            [("the first Tuesday in June", "DATE", "2013-06-04")],
        ),
        (
            "The plant closed on the last Friday of March.",
            "2012-11-01",
            [("the last Friday of March", "DATE", "2012-03-30")],
        ),
        (
            "The clocks went forward on the last Sunday of March 2012.",
            "2012-11-01",
            [("the last Sunday of March 2012", "DATE", "2012-03-25")],
        ),
        (
            "The council meets on the first Monday of every month.",
            "2012-11-01",
            [("the first Monday of every month", "SET", "P1M")],
        ),
        # Told in January, the first 11 months of the year are last year's.
        (
            "Orders rose 4 percent in the first 11 months of the year.",
            "2008-01-16",
            [("the first 11 months", "DURATION", "P11M"), ("the year", "DATE", "2007")],
        ),
        (
            "Orders rose 4 percent in the first three months of the year.",
            "2008-04-16",
            [("the first three months", "DURATION", "P3M"), ("the year", "DATE", "2008")],
        ),
        # A clock time on a holiday is one time on that day.
        (
            "Polls close at 8 p.m. on election day.",
            "2012-11-01",
            [("8 p.m. on election day", "TIME", "2012-11-06T20:00")],
        ),
        (
            "The fireworks start at midnight on New Year's Eve.",
            "2012-11-01",
            [("midnight on New Year's Eve", "TIME", "2012-12-31T24:00")],
        ),
    ],
)
def test_eighth_pass_other_publication_days(
    resolve_dates, sentence: str, published: str, expected: Expected
) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(sentence, published)
    assert sorted((d.text, d.type, d.value) for d in dates) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "published", "value"),
    [
        # Told in September, the first half has ended.
        ("First-half profit rose 8 percent.", "2013-09-10", "2013-H1"),
        # Told in January, the holiday quarter is the one just gone.
        ("Sales rose in the holiday quarter.", "2008-01-16", "2007-Q4"),
    ],
)
def test_eighth_pass_by_publication_day(
    resolve_dates, sentence: str, published: str, value: str
) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(sentence, published)
    assert [d.value for d in dates] == [value]
