"""Durations, sets and no-time sentences in news copy, checked while probing for the sixth pass.

Sentences written for these tests in the manner of wire and Wikinews copy (not taken from any
corpus), each checked against the span, type and value TimeML gives (right before the pass;
kept as regression checks). Published on Wednesday 2013-04-10 unless named. The fixes of the
pass are in test_dates_news.py; dates and times in test_dates_news_points.py.
"""

from __future__ import annotations

import pytest

from newsdesk.record import DateRef
from newsdesk.stages.dates import DateResolver

WED = "2013-04-10"
SUN = "2013-04-14"
WED_2008 = "2008-06-11"


def _resolve(parse, text: str, published: str) -> list[DateRef]:  # type: ignore[no-untyped-def]
    return DateResolver()(parse(text, published=published)).dates


@pytest.mark.parametrize(
    ("sentence", "published", "expression", "type_", "value"),
    [
        (
            "The firm plans to hire 500 workers over the next five years.",
            WED,
            "the next five years",
            "DURATION",
            "P5Y",
        ),
        (
            "The prices have risen in each of the past two weeks.",
            WED,
            "the past two weeks",
            "DURATION",
            "P2W",
        ),
        ("It was the first fall in five years.", WED, "five years", "DURATION", "P5Y"),
        ("The minister unveiled a five-year plan.", WED, "five-year", "DURATION", "P5Y"),
        ("The meeting lasted 30 minutes.", WED, "30 minutes", "DURATION", "PT30M"),
        ("The flight took an hour and a half.", WED, "an hour and a half", "DURATION", "PT1H30M"),
        ("He was sentenced to 10 years in prison.", WED, "10 years", "DURATION", "P10Y"),
        ("The ceasefire has held for almost a year.", WED, "almost a year", "DURATION", "P1Y"),
        (
            "Fighting has killed more than 70,000 people in two years.",
            WED,
            "two years",
            "DURATION",
            "P2Y",
        ),
        ("The newspaper is published daily.", WED, "daily", "SET", "P1D"),
        ("The museum is closed on Mondays.", WED, "Mondays", "SET", "XXXX-WXX-1"),
        ("Rents are paid each month.", WED, "each month", "SET", "P1M"),
        ("The survey is conducted monthly.", WED, "monthly", "SET", "P1M"),
        ("Traders sold shares every day last week.", WED, "every day", "SET", "P1D"),
        ("Oil rose 2 percent in the past 24 hours.", WED, "the past 24 hours", "DURATION", "PT24H"),
        ("House prices have fallen in recent months.", WED, "recent months", "DURATION", "PXM"),
        ("Retail sales rose in the 12 months to March.", WED, "the 12 months", "DURATION", "P12M"),
        ("He faces up to five years in prison.", WED, "up to five years", "DURATION", "P5Y"),
        ("The mission will last two weeks.", WED, "two weeks", "DURATION", "P2W"),
        ("The ship will dock in a few weeks.", WED, "a few weeks", "DURATION", "PXW"),
        (
            "The euro zone has been in recession for 18 months.",
            WED,
            "18 months",
            "DURATION",
            "P18M",
        ),
        ("The strike is the first in 20 years.", WED, "20 years", "DURATION", "P20Y"),
        ("Prices have risen every year since 2005.", WED, "every year", "SET", "P1Y"),
        (
            "The firm has paid a dividend for 30 consecutive years.",
            WED,
            "30 consecutive years",
            "DURATION",
            "P30Y",
        ),
        ("The country holds elections every four years.", WED, "every four years", "SET", "P4Y"),
        (
            "The rate of inflation is the highest in almost two years.",
            WED,
            "almost two years",
            "DURATION",
            "P2Y",
        ),
        (
            "Sales have risen in each of the past three years.",
            WED,
            "the past three years",
            "DURATION",
            "P3Y",
        ),
        (
            "The fund has returned 8 percent a year over the past decade.",
            WED,
            "the past decade",
            "DURATION",
            "P10Y",
        ),
        (
            "The ruling is expected within the next two months.",
            WED,
            "the next two months",
            "DURATION",
            "P2M",
        ),
        ("The pair spent a week in hospital.", WED, "a week", "DURATION", "P1W"),
        ("Snow fell for three straight days.", WED, "three straight days", "DURATION", "P3D"),
        (
            "The company has cut 3,000 jobs over the last 10 years.",
            WED,
            "the last 10 years",
            "DURATION",
            "P10Y",
        ),
        (
            "More investment is needed in the coming years.",
            WED,
            "the coming years",
            "DURATION",
            "PXY",
        ),
        ("He spent the past two years in exile.", WED, "the past two years", "DURATION", "P2Y"),
        (
            "Production will rise within the next decade.",
            WED,
            "the next decade",
            "DURATION",
            "P10Y",
        ),
        (
            "The Dow fell 1 percent on Monday, its biggest drop in a month.",
            WED,
            "a month",
            "DURATION",
            "P1M",
        ),
        ("The government shut down for 16 days in October.", WED, "16 days", "DURATION", "P16D"),
        ("Profit in the six months to March rose.", WED, "the six months", "DURATION", "P6M"),
        ("The strike lasted nearly three weeks.", WED, "nearly three weeks", "DURATION", "P3W"),
        (
            "The country has had four prime ministers in five years.",
            WED,
            "five years",
            "DURATION",
            "P5Y",
        ),
        (
            "The bank raised rates for the first time in two years.",
            WED,
            "two years",
            "DURATION",
            "P2Y",
        ),
        ("The siege lasted several hours.", WED, "several hours", "DURATION", "PTXH"),
        ("He was questioned for about 90 minutes.", WED, "about 90 minutes", "DURATION", "PT90M"),
        (
            "The rocket reached orbit nine minutes after launch.",
            WED,
            "nine minutes",
            "DURATION",
            "PT9M",
        ),
        (
            "Apple said it sold 3 million iPads in the first three days.",
            WED,
            "the first three days",
            "DURATION",
            "P3D",
        ),
        (
            "It was the company's first quarterly loss in a decade.",
            WED,
            "a decade",
            "DURATION",
            "P10Y",
        ),
        (
            "Production of the jet was halted for six weeks last year.",
            WED,
            "six weeks",
            "DURATION",
            "P6W",
        ),
        (
            "The agency said it had received 20 complaints in the past month.",
            WED,
            "the past month",
            "DURATION",
            "P1M",
        ),
        (
            "The firm's shares have tripled over the last year.",
            WED,
            "the last year",
            "DURATION",
            "P1Y",
        ),
        (
            "Airbus said that deliveries would be delayed by six months.",
            WED_2008,
            "six months",
            "DURATION",
            "P6M",
        ),
        (
            "EADS shares have fallen 40 percent in the past twelve months.",
            WED_2008,
            "the past twelve months",
            "DURATION",
            "P12M",
        ),
        ("He will serve a four-year term.", WED_2008, "four-year", "DURATION", "P4Y"),
        ("The event is held every two years.", WED_2008, "every two years", "SET", "P2Y"),
        ("The show airs weekly on Sundays.", WED_2008, "Sundays", "SET", "XXXX-WXX-7"),
        (
            "It is the second time in three days that the market has fallen.",
            WED_2008,
            "three days",
            "DURATION",
            "P3D",
        ),
        ("An election will be held within 90 days.", WED_2008, "90 days", "DURATION", "P90D"),
        ("The 24-hour strike began at midnight.", WED_2008, "24-hour", "DURATION", "PT24H"),
        (
            "Chrysler filed for bankruptcy on April 30, 2009, and emerged 42 days later.",
            WED,
            "42 days",
            "DURATION",
            "P42D",
        ),
        (
            "The jury deliberated for two days before reaching a verdict.",
            WED,
            "two days",
            "DURATION",
            "P2D",
        ),
        ("He began an 18-month sentence.", WED, "18-month", "DURATION", "P18M"),
        ("He has been in prison for more than a year.", WED, "more than a year", "DURATION", "P1Y"),
        ("The vaccine was developed in just 10 days.", WED, "10 days", "DURATION", "P10D"),
        ("The rebels were defeated within hours.", WED, "hours", "DURATION", "PTXH"),
        (
            "He has lived abroad for the past several years.",
            WED,
            "the past several years",
            "DURATION",
            "PXY",
        ),
        (
            "Prices have risen in the last couple of years.",
            WED,
            "the last couple of years",
            "DURATION",
            "P2Y",
        ),
        (
            "The report will be published in a couple of weeks.",
            WED,
            "a couple of weeks",
            "DURATION",
            "P2W",
        ),
        ("He slept for 30 minutes.", WED, "30 minutes", "DURATION", "PT30M"),
        ("A 30-minute delay followed.", WED, "30-minute", "DURATION", "PT30M"),
        ("The company has 90 days to comply.", WED, "90 days", "DURATION", "P90D"),
        ("The museum was closed for a month.", WED, "a month", "DURATION", "P1M"),
        (
            "The firm has been in business for a dozen years.",
            WED,
            "a dozen years",
            "DURATION",
            "P12Y",
        ),
        ("The contract runs for 10 years from 2014.", WED, "10 years", "DURATION", "P10Y"),
    ],
)
def test_news_length_expression(  # type: ignore[no-untyped-def]
    parse, sentence: str, published: str, expression: str, type_: str, value: str
) -> None:
    got = [(r.text, r.type, r.value) for r in _resolve(parse, sentence, published)]
    assert (expression, type_, value) in got, got


@pytest.mark.parametrize(
    "sentence",
    [
        "The storm hit the coast overnight.",
        "The 10-year-old boy was rescued.",
        "Prices rose 2 percent year on year.",
        "The fund has raised $2 million to date.",
        "The company's shares fell 4 percent in afternoon trading.",
        "Apple's sales rose in the holiday quarter.",
        "He has lived in London for most of his life.",
        "Boeing delivered its first 787 Dreamliner to the airline.",
        "The company will cut 1,800 jobs.",
        "Apple sold 1.7 million iPhone 5 units.",
        "The plane flew at 1800 feet.",
        "The Dow rose 1.5 percent to 14,802.",
        "Shares rose to $19.90 in New York.",
        "Jan Egeland said aid had been blocked.",
        "April Ryan asked the first question.",
        "Sun Microsystems was bought by Oracle.",
        "Protests spread during the Arab Spring.",
        "The firm is a Fortune 500 company.",
        "The memorial honours the victims of Bloody Sunday.",
        "She appeared on Good Morning America.",
        "The soldiers landed on D-Day.",
        "The novel A Year in Provence sold well.",
        "Kim Jong-un said the country would march on.",
        "May I ask a question, he said.",
        "The company's Sunday Times interview drew criticism.",
        "Police fired tear gas as thousands took part in a march in the capital.",
        "Shares of 7-Eleven rose.",
        "He scored in the 89th minute.",
        "Students marked the 20th anniversary of the massacre.",
    ],
)
def test_news_length_no_time(parse, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _resolve(parse, sentence, WED) == []
