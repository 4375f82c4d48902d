"""News time expressions of the ninth pass: every expression of a sentence, with its span,
TimeML type and value.

Anaphoric days and periods ("the next day", "that evening", "the previous week", "a week
later") count from the last day the story named, else from publication; "the quarter ending
in September" is one quarter. Sentences written for these tests in the manner of wire copy
(not taken from any corpus), published on Wednesday 2007-03-14 (ISO week 2007-W11).
"""

from __future__ import annotations

import pytest
from dates_days import WED_2007

Expected = list[tuple[str, str, str | None]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # No day named before: counted from publication.
        ("The board met the next day.", [("the next day", "DATE", "2007-03-15")]),
        ("The same day, the minister resigned.", [("The same day", "DATE", "2007-03-14")]),
        ("The following month, prices rose.", [("The following month", "DATE", "2007-04")]),
        ("That evening, the minister resigned.", [("That evening", "TIME", "2007-03-14TEV")]),
        ("Police sealed off the square that night.", [("that night", "TIME", "2007-03-14TNI")]),
        ("The union voted the day after.", [("the day after", "DATE", "2007-03-15")]),
        ("The strike ended the next morning.", [("the next morning", "DATE", "2007-03-15")]),
        ("earlier that day, police arrived.", [("earlier that day", "DATE", "2007-03-14")]),
        ("Later that year, the firm was sold.", [("Later that year", "DATE", "2007")]),
        # "the day before yesterday", "the day after tomorrow": two days from publication.
        (
            "The raid took place the day before yesterday.",
            [("the day before yesterday", "DATE", "2007-03-12")],
        ),
        # "the day before the vote" is an event's day: no date a rule can give.
        ("The rally is the day before the vote.", []),
        # "that" starting a clause, a compound noun after: no time.
        ("He said that evening classes would close.", []),
        ("Officials said that night flights would be banned.", []),
        # "the previous week" is the week before, a date (not a length).
        ("The board had met the previous week.", [("the previous week", "DATE", "2007-W10")]),
        # "a week later": a date counted on (from publication when no day was named).
        ("A week later, the plant reopened.", [("A week later", "DATE", "2007-W12")]),
        ("It came a day later than planned.", [("a day", "DURATION", "P1D")]),
        ("Minutes later, the plane crashed.", [("Minutes", "DURATION", "PTXM")]),
        ("The jet landed two hours later.", [("two hours", "DURATION", "PT2H")]),
        # "the quarter ending in September" told in the past: the latest such quarter.
        (
            "Apple sold 1.1 million iPhones in the quarter ending in September.",
            [("the quarter ending in September", "DATE", "2006-Q3")],
        ),
        (
            "Sales rose 4 percent in the quarter to December.",
            [("the quarter to December", "DATE", "2006-Q4")],
        ),
        (
            "The company expects sales of $2 billion in the quarter ending in June.",
            [("the quarter ending in June", "DATE", "2007-Q2")],
        ),
        # With its day the end date is its own expression (TimeBank); the quarter is its own.
        (
            "Apple sold 1.1 million iPhones in the quarter ended Sept. 30.",
            [("the quarter", "DATE", "2006-Q3"), ("Sept. 30", "DATE", "2006-09-30")],
        ),
        # A month after a participle takes the tense of the clause ("rose"): the past.
        (
            "Profit for the year ending in September rose 5 percent.",
            [("the year", "DURATION", "P1Y"), ("September", "DATE", "2006-09")],
        ),
        ("Apple sold 1.1 million iPhones in September.", [("September", "DATE", "2006-09")]),
    ],
)
def test_ninth_pass_expressions(resolve_dates, sentence: str, expected: Expected) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(sentence, WED_2007)
    assert sorted((d.text, d.type, d.value) for d in dates) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Counted from the last day the story named, and on from each in turn.
        (
            "The strike began on March 2. The next day, talks resumed. The following day, "
            "they failed.",
            [
                ("March 2", "DATE", "2007-03-02"),
                ("The next day", "DATE", "2007-03-03"),
                ("The following day", "DATE", "2007-03-04"),
            ],
        ),
        (
            "The plant closed on March 2. Later that day, the union met.",
            [("March 2", "DATE", "2007-03-02"), ("Later that day", "DATE", "2007-03-02")],
        ),
        (
            "The talks collapsed on Friday. The minister had resigned the day before.",
            [("Friday", "DATE", "2007-03-09"), ("the day before", "DATE", "2007-03-08")],
        ),
        (
            "Troops entered the town on Monday. That evening, the mayor fled.",
            [("Monday", "DATE", "2007-03-12"), ("That evening", "TIME", "2007-03-12TEV")],
        ),
        (
            "The rally was held on Monday. The previous week, police had banned it.",
            [("Monday", "DATE", "2007-03-12"), ("The previous week", "DATE", "2007-W10")],
        ),
        (
            "The talks ended in May. The following month, the deal was signed.",
            [("May", "DATE", "2006-05"), ("The following month", "DATE", "2006-06")],
        ),
        (
            "On Friday, police made arrests. Earlier that week, the mayor had spoken.",
            [("Friday", "DATE", "2007-03-09"), ("Earlier that week", "DATE", "2007-W10")],
        ),
        # "a week later", "two years later": from the date the story last gave.
        (
            "The ship sank on Feb. 20, 2005. A week later, divers found the wreck.",
            [("Feb. 20, 2005", "DATE", "2005-02-20"), ("A week later", "DATE", "2005-W08")],
        ),
        (
            "The plant closed on Feb. 3. A month later, it reopened.",
            [("Feb. 3", "DATE", "2007-02-03"), ("A month later", "DATE", "2007-03")],
        ),
        (
            "The firm was founded in 1998. A year later, it went public.",
            [("1998", "DATE", "1998"), ("A year later", "DATE", "1999")],
        ),
        # A count of units before "later" stays a length, as TimeBank writes it.
        (
            "The firm was founded in 1998. Two years later, it went public.",
            [("1998", "DATE", "1998"), ("Two years", "DURATION", "P2Y")],
        ),
        (
            "The plant opened in 2001. The following year, it closed.",
            [("2001", "DATE", "2001"), ("The following year", "DATE", "2002")],
        ),
    ],
)
def test_ninth_pass_counted_from_the_story(resolve_dates, text: str, expected: Expected) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(text, WED_2007)
    assert sorted((d.text, d.type, d.value) for d in dates) == sorted(expected)


@pytest.mark.parametrize(
    "sentence",
    ["The board met the next day.", "That evening, the minister resigned."],
)
def test_ninth_pass_without_publication_date(resolve_dates, sentence: str) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(sentence, None)
    assert [(d.value, d.anchor) for d in dates] == [(None, "published")]
