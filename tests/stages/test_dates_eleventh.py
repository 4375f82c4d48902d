"""News time expressions of the eleventh pass: every expression of a text, with its span,
TimeML type and value.

The first pass that read MEANTIME's corpus_airbus (Wikinews, tuning data from this pass;
corpus_apple stays held out): an undated article's date line, "formerly". Sentences written
for these tests in the manner of Wikinews and wire copy (not taken from any corpus).
"""

from __future__ import annotations

import pytest
from dates_days import WED_2007

from newsdesk.ingest.published import date_line

Expected = list[tuple[str, str, str | None]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An article that came without a publication date takes its date line's day
        # (`ingest.published.date_line`, where inputs are read).
        (
            "Cargo jet grounded after engine fire\nMarch 05, 2009\nThe jet was grounded today.",
            [("March 05, 2009", "DATE", "2009-03-05"), ("today", "DATE", "2009-03-05")],
        ),
        (
            "Tuesday, 3 March 2009\nThe launch, at 14:15 UTC, went ahead yesterday.",
            [
                ("Tuesday, 3 March 2009", "DATE", "2009-03-03"),
                ("14:15 UTC", "TIME", "2009-03-02T14:15"),
                ("yesterday", "DATE", "2009-03-02"),
            ],
        ),
        (
            "Rail strike ends\nOct. 2, 2010\nTrains ran again on Friday.",
            [("Oct. 2, 2010", "DATE", "2010-10-02"), ("Friday", "DATE", "2010-10-01")],
        ),
        # A date inside a sentence is no date line: relative expressions keep their anchor.
        (
            "Rail strike ends\nThe union struck on June 4, 2010.\nTrains ran again today.",
            [("June 4, 2010", "DATE", "2010-06-04"), ("today", "DATE", None)],
        ),
        # Past the third line a date alone is no date line either.
        (
            "Strike ends\nBy a staff writer\nUpdated\nJune 4, 2010\nTrains ran today.",
            [("June 4, 2010", "DATE", "2010-06-04"), ("today", "DATE", None)],
        ),
    ],
)
def test_eleventh_pass_date_line_without_publication(  # type: ignore[no-untyped-def]
    resolve_dates, text: str, expected: Expected
) -> None:
    # What `newsdesk ingest` does for an article that came without a date (ingest/__init__.py).
    dates = resolve_dates(text, date_line(text))
    assert sorted((d.text, d.type, d.value) for d in dates) == sorted(expected)


def test_eleventh_pass_publication_date_wins_over_date_line(resolve_dates) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates("Strike ends\nJune 4, 2010\nTrains ran again today.", WED_2007)
    assert [(d.text, d.value) for d in dates] == [
        ("June 4, 2010", "2010-06-04"),
        ("today", "2007-03-14"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "formerly" says what a thing was, not when (TimeBank 0 of 1, MEANTIME airbus 0 of 1).
        ("The formerly state-run carrier was sold.", []),
        ("Jones, formerly the airline's finance chief, left.", []),
        # The other past words stay.
        ("The carrier recently cut fares.", [("recently", "DATE", "PAST_REF")]),
    ],
)
def test_eleventh_pass_words(resolve_dates, sentence: str, expected: Expected) -> None:  # type: ignore[no-untyped-def]
    dates = resolve_dates(sentence, WED_2007)
    assert sorted((d.text, d.type, d.value) for d in dates) == sorted(expected)
