"""News time expressions of the seventh pass: every expression of a sentence, with its span,
TimeML type and value.

Sentences written for these tests in the manner of wire and Wikinews copy (not taken from any
corpus), published on Wednesday 2013-04-10 (ISO week 2013-W15; "Tuesday" is 2013-04-09).
TimeML writes a range as two expressions ("June 3-4": "June 3" and "4"; "between 2010 and
2012": both years).
"""

from __future__ import annotations

import pytest
from dates_days import WED

Expected = list[tuple[str, str, str | None]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Ranges: a hyphen between day numbers or months, "from ... to", "between ... and".
        (
            "The festival runs 3-4 June in Hyde Park.",
            [("3", "DATE", "2013-06-03"), ("4 June", "DATE", "2013-06-04")],
        ),
        (
            "The talks will be held June 3-4 in Geneva.",
            [("June 3", "DATE", "2013-06-03"), ("4", "DATE", "2013-06-04")],
        ),
        (
            "Sales rose 5 percent in January-March.",
            [("January", "DATE", "2013-01"), ("March", "DATE", "2013-03")],
        ),
        (
            "Strikes closed schools from Monday to Wednesday.",
            [("Monday", "DATE", "2013-04-08"), ("Wednesday", "DATE", "2013-04-10")],
        ),
        (
            "Prices rose sharply between 2010 and 2012.",
            [("2010", "DATE", "2010"), ("2012", "DATE", "2012")],
        ),
        # A score is no range.
        ("The final on June 4 ended 3-1.", [("June 4", "DATE", "2013-06-04")]),
        # "Wednesday next week": one day of the week named.
        (
            "The court will sit from Monday to Wednesday next week.",
            [("Monday", "DATE", "2013-04-15"), ("Wednesday next week", "DATE", "2013-04-17")],
        ),
        ("The report was sent on Friday last week.", [("Friday last week", "DATE", "2013-04-05")]),
        # A season or fiscal year written with a slash: the year it starts.
        ("The club won the league in 2009/10.", [("2009/10", "DATE", "2009")]),
        ("The ratio was 2009/17 on the scale.", []),
        # Ahead: scheduled, or a deadline told in the present.
        ("The jobs report is due out on Friday.", [("Friday", "DATE", "2013-04-12")]),
        ("The deadline is 5 p.m. Friday.", [("5 p.m. Friday", "TIME", "2013-04-12T17:00")]),
        ("The deadline was 5 p.m. Friday.", [("5 p.m. Friday", "TIME", "2013-04-05T17:00")]),
        # "the night of Oct. 23" is the date in TimeBank (the part of the day is left out).
        ("The attack happened on the morning of April 5.", [("April 5", "DATE", "2013-04-05")]),
        # Counted from the last day the story named.
        (
            "The minister resigned on March 3 and his deputy quit the same day.",
            [("March 3", "DATE", "2013-03-03"), ("the same day", "DATE", "2013-03-03")],
        ),
        (
            "The plant closed on March 3 and reopened the following week.",
            [("March 3", "DATE", "2013-03-03"), ("the following week", "DATE", "2013-W10")],
        ),
        (
            "The bank failed on Monday, March 4, after losses reported the previous Friday.",
            [
                ("Monday, March 4", "DATE", "2013-03-04"),
                ("the previous Friday", "DATE", "2013-03-01"),
            ],
        ),
        (
            "Shares fell 3 percent from the previous Friday.",
            [("the previous Friday", "DATE", "2013-04-05")],
        ),
        # A month word as a name: a capitalised word after it, or a first name before it.
        ("June Carter Cash recorded the song in 1968.", [("1968", "DATE", "1968")]),
        ("White House correspondent April Ryan asked the first question.", []),
        ("May said the deal was the best available.", []),
        ("Theresa May said on Tuesday the deal was fair.", [("Tuesday", "DATE", "2013-04-09")]),
        ("The October report beat forecasts.", [("October", "DATE", "2012-10")]),
        ("In May Mr Lee will stand down.", [("May", "DATE", "2013-05")]),
        ("The plant opened in May 2009.", [("May 2009", "DATE", "2009-05")]),
        ("The plant will open in May.", [("May", "DATE", "2013-05")]),
        # The two months of a range lie less than a year apart; the one farther from
        # publication moves.
        (
            "Sales in the April-June quarter rose 8 percent.",
            [("April", "DATE", "2013-04"), ("June", "DATE", "2013-06")],
        ),
        (
            "The launch was delayed from May to September.",
            [("May", "DATE", "2013-05"), ("September", "DATE", "2013-09")],
        ),
        (
            "Profit rose 44% during October to December.",
            [("October", "DATE", "2012-10"), ("December", "DATE", "2012-12")],
        ),
        (
            "The Fed meets on April 30-May 1.",
            [("April 30", "DATE", "2013-04-30"), ("May 1", "DATE", "2013-05-01")],
        ),
        # A month before a capitalised noun after a determiner or a count is the month.
        (
            "Smith will lead the side in the three November Tests.",
            [("November", "DATE", "2013-11")],
        ),
        # A present verb that schedules looks 200 days ahead for a date without its year.
        ("The season starts on Aug. 17.", [("Aug. 17", "DATE", "2013-08-17")]),
        ("The festival opens on Sept. 20 in Toronto.", [("Sept. 20", "DATE", "2013-09-20")]),
        # A date an event was called or fixed for lies ahead, whatever the tense.
        (
            "Ms Gillard called the election for 14 September.",
            [("14 September", "DATE", "2013-09-14")],
        ),
        ("The union called a strike for Friday.", [("Friday", "DATE", "2013-04-12")]),
        ("He called reporters for comment on Monday.", [("Monday", "DATE", "2013-04-08")]),
        # "of last year" after a yearless date gives its year (PolNeAR).
        (
            "The campaign began on June 16th of last year.",
            [("June 16th of last year", "DATE", "2012-06-16")],
        ),
        (
            "The plant opened on 3 March of this year.",
            [("3 March of this year", "DATE", "2013-03-03")],
        ),
        # "this time last year": the same day a year before.
        (
            "This time last year the company was close to collapse.",
            [("This time last year", "DATE", "2012-04-10")],
        ),
        (
            "Sales should recover by this time next year.",
            [("this time next year", "DATE", "2014-04-10")],
        ),
        # Lower-case "election day": any country's vote, so no day unless a US general
        # election is coming (see test_election_day_lower_case).
        ("Voters will queue on election day.", [("election day", "DATE", "XXXX-XX-XX")]),
    ],
)
def test_seventh_pass_expressions(resolve_dates, sentence: str, expected: Expected) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(sentence, WED)
    assert sorted((d.text, d.type, d.value) for d in dates) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "published", "value"),
    [
        ("Volunteers will drive voters to the polls on election day.", "2016-09-28", "2016-11-08"),
        ("Campaigns will peak on Election Day.", "2016-09-28", "2016-11-08"),
        ("The prime minister would not name election day.", "2005-02-10", "XXXX-XX-XX"),
    ],
)
def test_election_day_lower_case(resolve_dates, sentence: str, published: str, value: str) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(sentence, published)
    assert [d.value for d in dates] == [value]
