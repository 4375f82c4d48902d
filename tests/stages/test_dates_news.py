"""News time expressions of the sixth pass: span, TimeML type and value.

Sentences written for these tests in the manner of wire and Wikinews copy (not taken from any
corpus), most published on Wednesday 2013-04-10 (ISO week 2013-W15; "Tuesday" is 2013-04-09),
some on Sunday 2013-04-14 or in 2008. Comments name the rule a group of cases checks. The
sentences that were right before the pass are in test_dates_news_points.py (dates and times)
and test_dates_news_lengths.py (durations, sets, and sentences with no time).
"""

from __future__ import annotations

import pytest
from dates_days import SUN, WED, WED_2008


@pytest.mark.parametrize(
    ("sentence", "published", "expression", "type_", "value"),
    [
        # British copy writes the minutes after a dot.
        ("The blast was heard at 7.30am.", WED, "7.30am", "TIME", "2013-04-10T07:30"),
        (
            "The ferry leaves at 10.15 p.m. on Friday.",
            WED,
            "10.15 p.m. on Friday",
            "TIME",
            "2013-04-12T22:15",
        ),
        # A clock time with today, tonight or tomorrow is one time on that day.
        (
            "The debate will air at 9 p.m. tonight.",
            WED,
            "9 p.m. tonight",
            "TIME",
            "2013-04-10T21:00",
        ),
        (
            "The talks resume at 10 a.m. tomorrow.",
            WED,
            "10 a.m. tomorrow",
            "TIME",
            "2013-04-11T10:00",
        ),
        # A century written as its hundreds; the 2000s stay a decade.
        ("The building dates from the 1800s.", WED, "the 1800s", "DATE", "18"),
        ("The economy has grown in the 2000s.", WED, "the 2000s", "DATE", "200"),
        # The last quarter of a named year is its fourth.
        (
            "The company reported a loss in the last quarter of 2012.",
            WED,
            "the last quarter of 2012",
            "DATE",
            "2012-Q4",
        ),
        # A plan or forecast told with 'likely', 'forecast', 'vow', 'promise' puts the day ahead.
        ("The storm is forecast to hit the coast on Friday.", WED, "Friday", "DATE", "2013-04-12"),
        (
            "The suspect is likely to appear in court on Thursday.",
            WED,
            "Thursday",
            "DATE",
            "2013-04-11",
        ),
        ("The rebels vowed to resume fighting on Saturday.", WED, "Saturday", "DATE", "2013-04-13"),
        # A date something is put off to lies ahead.
        ("The hearing was adjourned to Thursday.", WED, "Thursday", "DATE", "2013-04-11"),
        ("The judge adjourned the case to Monday.", WED, "Monday", "DATE", "2013-04-15"),
        ("The vote was postponed to March 3.", "2013-02-20", "March 3", "DATE", "2013-03-03"),
        ("The launch has been delayed to February.", WED, "February", "DATE", "2014-02"),
        # A present passive tells a coming event as the simple present does.
        ("The results are published on Friday.", WED, "Friday", "DATE", "2013-04-12"),
        ("The final is played on Saturday.", WED, "Saturday", "DATE", "2013-04-13"),
        ("The ministers meet on Monday.", WED, "Monday", "DATE", "2013-04-15"),
        # 'a month' after a year and a comma is a duration, not a rate ('$5 a month').
        (
            "The investigation began in May 2009, a month after the crash.",
            WED,
            "a month",
            "DURATION",
            "P1M",
        ),
        ("In 1999, a year after the vote, he resigned.", WED, "a year", "DURATION", "P1Y"),
        # A year before a plural noun stays a year.
        ("Many leaders of the 1992 protests have moved away.", WED, "1992", "DATE", "1992"),
        # A yearless date with 'last year' or 'next year' after it takes that year.
        (
            "The iPhone went on sale on June 29 last year.",
            WED_2008,
            "June 29 last year",
            "DATE",
            "2007-06-29",
        ),
        (
            "The plant will close on 31 March next year.",
            WED_2008,
            "31 March next year",
            "DATE",
            "2009-03-31",
        ),
        (
            "The agreement was signed on 5 December last year.",
            WED_2008,
            "5 December last year",
            "DATE",
            "2007-12-05",
        ),
        # 'the September 11 attacks' are those of 2001.
        (
            "Security was tightened after the September 11 attacks.",
            WED_2008,
            "September 11",
            "DATE",
            "2001-09-11",
        ),
        (
            "She praised the response to the Sept. 11 terrorist attacks.",
            "2016-09-30",
            "Sept. 11",
            "DATE",
            "2001-09-11",
        ),
        ("The vote is set for September 11.", WED_2008, "September 11", "DATE", "2008-09-11"),
        # Boxing Day, May Day and Remembrance Day.
        ("The store opened on Boxing Day.", WED_2008, "Boxing Day", "DATE", "2007-12-26"),
        ("Thousands marched on May Day.", WED_2008, "May Day", "DATE", "2008-05-01"),
        # Black Friday and Cyber Monday: the shopping days after Thanksgiving.
        ("Shoppers queued for Black Friday deals.", WED, "Black Friday", "DATE", "2012-11-23"),
        # 'the early hours of' a day is a time of night, not a duration: the day is the date.
        ("The quake struck in the early hours of Sunday.", SUN, "Sunday", "DATE", "2013-04-14"),
        # A quarter or three quarters of a unit.
        (
            "The dictator ruled for a quarter of a century.",
            WED,
            "a quarter of a century",
            "DURATION",
            "P25Y",
        ),
        (
            "The flight was delayed by a quarter of an hour.",
            WED,
            "a quarter of an hour",
            "DURATION",
            "PT15M",
        ),
        (
            "He waited three quarters of an hour.",
            WED,
            "three quarters of an hour",
            "DURATION",
            "PT45M",
        ),
        ("The project took a year and a half.", WED, "a year and a half", "DURATION", "P1Y6M"),
        # A bare plural unit before 'later', 'earlier' or 'ago' is a vague length.
        ("Hours later, the army withdrew.", WED, "Hours", "DURATION", "PTXH"),
        ("The firm was losing money just months ago.", WED, "months ago", "DURATION", "PXM"),
        ("The union had made the same demand years earlier.", WED, "years", "DURATION", "PXY"),
        ("The company was sold three years later.", WED, "three years", "DURATION", "P3Y"),
        # Clock times with a part of the day or o'clock; the day a sentence's other time names.
        (
            "The plane crashed shortly after take-off at 6.45 in the morning.",
            WED,
            "6.45 in the morning",
            "TIME",
            "2013-04-10T06:45",
        ),
        (
            "The rally began at 7 in the evening.",
            WED,
            "7 in the evening",
            "TIME",
            "2013-04-10T19:00",
        ),
        ("The bells rang at 10 o'clock.", WED, "10 o'clock", "TIME", "2013-04-10T10:00"),
        (
            "The plan should be ready by 6 o'clock this afternoon.",
            WED,
            "6 o'clock this afternoon",
            "TIME",
            "2013-04-10T18:00",
        ),
        (
            "Trading resumes at 9 a.m. this morning.",
            WED,
            "9 a.m. this morning",
            "TIME",
            "2013-04-10T09:00",
        ),
        (
            "He will leave at 4 in the morning (4 a.m. EDT Thursday).",
            WED,
            "4 in the morning",
            "TIME",
            "2013-04-11T04:00",
        ),
    ],
)
def test_news_expression(  # type: ignore[no-untyped-def]
    resolve_dates, sentence: str, published: str, expression: str, type_: str, value: str
) -> None:
    got = [(r.text, r.type, r.value) for r in resolve_dates(sentence, published)]
    assert (expression, type_, value) in got, got


@pytest.mark.parametrize(
    "sentence",
    [
        "Stocks fell for a third straight day.",
        "Rents rose to $900 a month.",
        "Flight 1549 landed on the Hudson River.",
        "Airbus has 2000 engineers in Toulouse.",
        "The plane flew at 1800 feet when the engine failed.",
        "She won gold at the Winter Olympics.",
        "He was speaking at the Summer Davos meeting in Dalian.",
        "He fought in the Six-Day War.",
        "He was named Time's Person of the Year.",
        "Police arrived in the early hours of the morning.",
        "A quarter of the vote went to the party.",
        "The score was 4 in the morning session.",
    ],
)
def test_news_no_time(resolve_dates, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert resolve_dates(sentence, WED) == []
