"""News time expressions of the tenth pass: every expression of a sentence, with its span,
TimeML type and value.

General news phrasing rather than one corpus's errors: "a week earlier" counted back from the
story's last day, ranges of lengths ("six to seven months"), "the holiday season", "May of
this year", "every summer", "on that day". Sentences written for these tests in the manner of
wire copy (not taken from any corpus), published on Wednesday 2007-03-14 (ISO week 2007-W11).
"""

from __future__ import annotations

import pytest
from dates_days import WED_2007

Expected = list[tuple[str, str, str | None]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A range of lengths is one expression, written as its lower bound (TimeBank's "two
        # to three weeks" P2W).
        (
            "The repairs will take six to seven months.",
            [("six to seven months", "DURATION", "P6M")],
        ),
        ("The drug takes 3-4 weeks to work.", [("3-4 weeks", "DURATION", "P3W")]),
        (
            "He faces five to 10 years in prison.",
            [("five to 10 years", "DURATION", "P5Y")],
        ),
        (
            "Rates will rise over the next 12 to 18 months.",
            [("the next 12 to 18 months", "DURATION", "P12M")],
        ),
        # Before "ago" the range is left to the offset rule; a hyphenated number is one number.
        ("The war ended two to three years ago.", [("three years ago", "DATE", "2004")]),
        ("He was jailed for twenty-five years.", [("twenty-five years", "DURATION", "P25Y")]),
        # "the holiday season": December of the year the tense points to.
        (
            "Sales during the holiday season rose 4 percent.",
            [("the holiday season", "DATE", "2006-12")],
        ),
        (
            "Retailers expect strong sales over the holiday season.",
            [("the holiday season", "DATE", "2007-12")],
        ),
        (
            "Stores will hire 50,000 workers for the holiday shopping season.",
            [("the holiday shopping season", "DATE", "2007-12")],
        ),
        ("The Christmas season was weak.", [("The Christmas season", "DATE", "2006-12")]),
        (
            "Shoppers flocked to stores over the Christmas period.",
            [("the Christmas period", "DATE", "2006-12")],
        ),
        ("Last holiday season, sales fell.", [("Last holiday season", "DATE", "2006-12")]),
        # A holiday before a thing is no day.
        ("He decorated the Christmas tree.", []),
        ("They ate Easter eggs on Easter Sunday.", [("Easter Sunday", "DATE", "2006-04-16")]),
        # A month with its year in words after "of".
        ("The vote was held in May of this year.", [("May of this year", "DATE", "2007-05")]),
        ("The plant will open in July of next year.", [("July of next year", "DATE", "2008-07")]),
        # A season after "every" or "each" is a SET.
        ("The festival is held every summer.", [("every summer", "SET", "XXXX-SU")]),
        ("Each winter, the lake freezes.", [("Each winter", "SET", "XXXX-WI")]),
        # "by mid-year": the year (as "by year-end").
        ("The deal is expected by mid-year.", [("mid-year", "DATE", "2007")]),
        # "later in the week", as "later in the month".
        ("The storm will hit later in the week.", [("later in the week", "DATE", "2007-W11")]),
        ("The busiest day of the week is Friday.", [("Friday", "DATE", "2007-03-09")]),
        # "in the afternoon": a part of the story's day (publication's when none was named).
        ("The vote took place in the afternoon.", [("the afternoon", "TIME", "2007-03-14TAF")]),
        ("Shares fell in the morning session.", []),
        ("They met at 4 in the morning.", [("4 in the morning", "TIME", "2007-03-14T04:00")]),
        # Four digits before "local time" are a clock time, as before GMT.
        ("The race starts at 1400 local time.", [("1400 local time", "TIME", "2007-03-14T14:00")]),
        (
            "The curfew begins at 2000 local time.",
            [("2000 local time", "TIME", "2007-03-14T20:00")],
        ),
        (
            "Officials said the toll could rise in the hours ahead.",
            [("the hours ahead", "DURATION", "PTXH")],
        ),
        # "the fall of ..." with no year is the noun, not the season.
        ("The book describes the fall of the Soviet Union.", []),
        ("The fall in oil prices hurt.", []),
        ("The school opened in the fall.", [("the fall", "DATE", "2006-FA")]),
        # A season with its year in words.
        (
            "The plant opened in the summer of last year.",
            [("the summer of last year", "DATE", "2006-SU")],
        ),
        ("The plant will open in autumn next year.", [("autumn next year", "DATE", "2008-FA")]),
        # A bare "that day" is still left (TimeBank: "trades made that day", 0 of 2).
        ("Trades made that day were lost.", []),
        # Already right before this pass, kept as checks of the brief's list.
        ("The minister resigned earlier today.", [("earlier today", "DATE", "2007-03-14")]),
        (
            "Protesters gathered this past weekend.",
            [("this past weekend", "DATE", "2007-W10-WE")],
        ),
        ("The company was sold late last year.", [("late last year", "DATE", "2006")]),
        (
            "Prices have fallen over the past two weeks.",
            [("the past two weeks", "DURATION", "P2W")],
        ),
        ("The plant will open in mid-2009.", [("mid-2009", "DATE", "2009")]),
        (
            "The report is due by the end of the month.",
            [("the end of the month", "DATE", "2007-03")],
        ),
        ("Fighting flared over the weekend.", [("the weekend", "DATE", "2007-W10-WE")]),
        ("Prices have risen in recent days.", [("recent days", "DURATION", "PXD")]),
        ("The vote will be held next Tuesday.", [("next Tuesday", "DATE", "2007-03-20")]),
        ("The firm grew rapidly in the 1990s.", [("the 1990s", "DATE", "199")]),
        ("The factory closed two decades ago.", [("two decades ago", "DATE", "198")]),
    ],
)
def test_tenth_pass_expressions(resolve_dates, sentence: str, expected: Expected) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(sentence, WED_2007)
    assert sorted((d.text, d.type, d.value) for d in dates) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "a week earlier", "two days earlier", "a month earlier": counted back from the last
        # date the story named, as "a week later" counts on.
        (
            "The ship sank on March 2. A week earlier, the crew had warned of leaks.",
            [("March 2", "DATE", "2007-03-02"), ("A week earlier", "DATE", "2007-W08")],
        ),
        (
            "The ship sank on March 2. Two days earlier, the crew had warned of leaks.",
            [("March 2", "DATE", "2007-03-02"), ("Two days earlier", "DATE", "2007-02-28")],
        ),
        (
            "The plant closed on Feb. 3. A month earlier, it had cut jobs.",
            [("Feb. 3", "DATE", "2007-02-03"), ("A month earlier", "DATE", "2007-01")],
        ),
        # With no day named, from publication.
        ("The plane crashed a week earlier.", [("a week earlier", "DATE", "2007-W10")]),
        # "On that day", "That day, ...": the story's last day.
        (
            "The ship sank on March 2. On that day, the crew had warned of leaks.",
            [("March 2", "DATE", "2007-03-02"), ("that day", "DATE", "2007-03-02")],
        ),
        (
            "The ship sank on March 2. That day, the crew had warned of leaks.",
            [("March 2", "DATE", "2007-03-02"), ("That day", "DATE", "2007-03-02")],
        ),
        # "in June of that year", "March of the following year": from the year last named.
        (
            "The firm was founded in 1998. In June of that year, it went public.",
            [("1998", "DATE", "1998"), ("June of that year", "DATE", "1998-06")],
        ),
        (
            "The firm was sold in 2001. In March of the following year it closed.",
            [("2001", "DATE", "2001"), ("March of the following year", "DATE", "2002-03")],
        ),
        (
            "The plant closed on March 2. Police arrived in the morning.",
            [("March 2", "DATE", "2007-03-02"), ("the morning", "TIME", "2007-03-02TMO")],
        ),
        (
            "In 2001, the plant opened in the fall of that year.",
            [("2001", "DATE", "2001"), ("the fall of that year", "DATE", "2001-FA")],
        ),
        # "later in the decade" after a year named: that year's decade.
        (
            "The firm was founded in 1982. Later in the decade, it went public.",
            [("1982", "DATE", "1982"), ("Later in the decade", "DATE", "198")],
        ),
        # A bare month in the clause after a month of an earlier year: the story's year, the
        # next one when the month comes before the one named.
        (
            "He was elected in November 2004 and took office in January.",
            [("November 2004", "DATE", "2004-11"), ("January", "DATE", "2005-01")],
        ),
        (
            "The plant opened in June 2005 and closed in September.",
            [("June 2005", "DATE", "2005-06"), ("September", "DATE", "2005-09")],
        ),
        # Across a comma (a clause of its own) or after a bare year: publication's year.
        (
            "Smith, who joined the firm in May 2001, resigned in March.",
            [("May 2001", "DATE", "2001-05"), ("March", "DATE", "2007-03")],
        ),
        (
            "Sales rose in 2005 and fell in January.",
            [("2005", "DATE", "2005"), ("January", "DATE", "2007-01")],
        ),
    ],
)
def test_tenth_pass_counted_from_the_story(resolve_dates, text: str, expected: Expected) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(text, WED_2007)
    assert sorted((d.text, d.type, d.value) for d in dates) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value"),
    [
        # Told in January, the holiday season just gone is last year's December.
        ("Retailers had a weak holiday season.", "2009-01-07", "a weak holiday season", "2008-12"),
        ("Prices rose over the holiday season.", "2009-01-07", "the holiday season", "2008-12"),
        (
            "Sales in the 2008 holiday season fell.",
            "2009-01-07",
            "the 2008 holiday season",
            "2008-12",
        ),
        ("Sales fell in December.", "2009-01-07", "December", "2008-12"),
    ],
)
def test_tenth_pass_by_publication_day(  # type: ignore[no-untyped-def]
    resolve_dates, sentence: str, published: str, expression: str, value: str
) -> None:
    got = [(d.text, d.value) for d in resolve_dates(sentence, published)]
    assert got == [(expression, value)]
