"""The dates stage: spans, TimeML types and values resolved against the publication date.

Published 2025-06-03 is a Tuesday throughout, so "Sunday" is 2025-06-01 and "Monday" ahead is
2025-06-09.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.record import Article, DateRef
from newsdesk.stages import dates as dates_module
from newsdesk.stages.dates import DateResolver, find_dates
from newsdesk.stages.dates_lexicon import UNITS, duration_value, parse_number
from newsdesk.stages.dates_patterns import ANY_KIND, RULES, TRIGGER, TRIGGER_KINDS, trigger_kind

PUBLISHED = "2025-06-03"


def _resolve(parse, text: str, published: str | None = PUBLISHED) -> list[DateRef]:  # type: ignore[no-untyped-def]
    article = parse(text, published=published)
    return DateResolver()(article).dates


def _only(refs: list[DateRef], text: str) -> DateRef:
    matches = [r for r in refs if r.text == text]
    assert matches, f"{text!r} not found in {[r.text for r in refs]}"
    return matches[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        (
            "The minister resigned yesterday after a week of protests.",
            "yesterday",
            "DATE",
            "2025-06-02",
        ),
        ("Talks resume tomorrow in Geneva.", "tomorrow", "DATE", "2025-06-04"),
        ("Rebels attacked the convoy on Sunday, officials said.", "Sunday", "DATE", "2025-06-01"),
        ("The two leaders will meet on Monday in Ankara.", "Monday", "DATE", "2025-06-09"),
        ("A ruling is expected on Thursday.", "Thursday", "DATE", "2025-06-05"),
        ("The payment is due Friday.", "Friday", "DATE", "2025-06-06"),
        ("The ceasefire collapsed late on Friday.", "Friday", "DATE", "2025-05-30"),
        ("Inflation rose to 4 percent last month.", "last month", "DATE", "2025-05"),
        ("The company cut 200 jobs earlier this month.", "earlier this month", "DATE", "2025-06"),
        ("Prices fell sharply in January.", "January", "DATE", "2025-01"),
        ("The new law will take effect in January.", "January", "DATE", "2026-01"),
        ("The vote opens at 10am GMT on polling day.", "10am GMT", "TIME", "2025-06-03T10:00"),
        ("The invasion began in February 2022.", "February 2022", "DATE", "2022-02"),
        (
            "Aid groups warned that the three-year war had emptied the towns.",
            "three-year",
            "DURATION",
            "P3Y",
        ),
        ("He has been held for more than four years.", "more than four years", "DURATION", "P4Y"),
        ("The ferry sails every week from the island.", "every week", "SET", "P1W"),
        ("Volunteers meet every Monday at the hall.", "every Monday", "SET", "XXXX-WXX-1"),
        ("The deal was signed on March 4, 2021, in Doha.", "March 4, 2021", "DATE", "2021-03-04"),
        ("Unemployment peaked in the 1990s.", "the 1990s", "DATE", "199"),
        # Results told in June: the third quarter that has ended is last year's.
        ("Profits doubled in the third quarter.", "the third quarter", "DATE", "2024-Q3"),
        ("Profits will double in the third quarter.", "the third quarter", "DATE", "2025-Q3"),
        ("The group fell apart in mid-1996.", "mid-1996", "DATE", "1996"),
        ("Hate crimes fell through the nineties.", "the nineties", "DATE", "199"),
        ("The ferry calls twice a week.", "twice a week", "SET", "P1W"),
        ("This Christmas, shops expect a shortage.", "This Christmas", "DATE", "2025-12-25"),
        ("He looked back on his two decades in office.", "two decades", "DURATION", "P20Y"),
        ("The loan runs for 18 months.", "18 months", "DURATION", "P18M"),
        ("Markets are calm now, traders said.", "now", "DATE", "PRESENT_REF"),
        ("Sales fell last year.", "last year", "DATE", "2024"),
        ("The mayor spoke this morning.", "this morning", "TIME", "2025-06-03TMO"),
        ("The blast happened two years ago.", "two years ago", "DATE", "2023"),
        ("Talks stalled last week.", "last week", "DATE", "2025-W22"),
        ("Polls will close at 8 p.m. Wednesday.", "8 p.m. Wednesday", "TIME", "2025-06-04T20:00"),
        # A deadline or start word places a yearless date ahead, whatever the verb's tense.
        ("Regulators gave the firm until November to reply.", "November", "DATE", "2025-11"),
        ("The board named a new chief, effective Feb. 1.", "Feb. 1", "DATE", "2026-02-01"),
        (
            "He was born in March 1970 and left the following year.",
            "the following year",
            "DATE",
            "1971",
        ),
        (
            "Sales collapsed in January nineteen ninety-seven.",
            "January nineteen ninety-seven",
            "DATE",
            "1997-01",
        ),
        (
            "Floods hit in the winter of nineteen ninety-four.",
            "the winter of nineteen ninety-four",
            "DATE",
            "1994-WI",
        ),
        (
            "Rates may rise over the next couple of years.",
            "the next couple of years",
            "DURATION",
            "P2Y",
        ),
        ("Profit rose in the last half of 2024.", "the last half of 2024", "DATE", "2024-H2"),
        ("Losses narrowed in the current fiscal year.", "the current fiscal year", "DATE", "2025"),
        ("She hopes the city will one day host the games.", "one day", "DATE", "FUTURE_REF"),
        ("The strike lasted one day.", "one day", "DURATION", "P1D"),
        ("The town has shrunk over the years.", "the years", "DURATION", "PXY"),
        # A plan told in the past, or a deadline word, puts a day name ahead.
        ("The team was planning to fly home on Saturday.", "Saturday", "DATE", "2025-06-07"),
        (
            "The court gave the firm until 9 a.m. Thursday to respond.",
            "9 a.m. Thursday",
            "TIME",
            "2025-06-05T09:00",
        ),
        ("The envoy could arrive as early as Friday.", "as early as Friday", "DATE", "2025-06-06"),
        ("Troops deployed ahead of Sunday's election.", "Sunday", "DATE", "2025-06-08"),
        ("Traders sold ahead of the weekend.", "the weekend", "DATE", "2025-W23-WE"),
        # A possessive day names a thing: a modal in its sentence does not move it ahead.
        ("Sunday's vote may not change much.", "Sunday", "DATE", "2025-06-01"),
        # A sentence opening with "Until" looks back.
        ("Until Monday, the police had named no suspect.", "Monday", "DATE", "2025-06-02"),
        # "last" before a full date leaves the date whole.
        ("The gunman shot him last Oct. 23 at his home.", "Oct. 23", "DATE", "2024-10-23"),
        ("The strike begins at midday.", "midday", "TIME", "2025-06-03T12:00"),
        # "last" the verb is not part of the duration.
        ("The strike will begin on Friday and last 24 hours.", "24 hours", "DURATION", "PT24H"),
        ("Voting ends at 8 p.m. Eastern time.", "8 p.m. Eastern time", "TIME", "2025-06-03T20:00"),
        (
            "Profits rose in the second half of the year.",
            "the second half of the year",
            "DATE",
            "2024-H2",
        ),
        ("Exports slowed in the first half of 2024.", "the first half of 2024", "DATE", "2024-H1"),
        # Reported future: a day after "would" is ahead of the report.
        (
            "The bank said it would cut off the loans on Monday.",
            "Monday",
            "DATE",
            "2025-06-09",
        ),
        # A deadline word keeps the month just gone ("through May" in June) in this year.
        ("Exports in the year through May rose.", "May", "DATE", "2025-05"),
        ("The offer stands until November.", "November", "DATE", "2025-11"),
        # Wire copy's GMT in four digits is a time, not a year.
        ("Trading resumed at 10 a.m. (1400 GMT).", "1400 GMT", "TIME", "2025-06-03T14:00"),
        ("Trading resumed at 1845 GMT.", "1845 GMT", "TIME", "2025-06-03T18:45"),
        # News tells a coming event in the simple present.
        ("Ministers meet in Brussels on Monday.", "Monday", "DATE", "2025-06-09"),
        # A plan places a yearless month ahead even when told in the past.
        ("The launch was scheduled for January.", "January", "DATE", "2026-01"),
        # "the next day", "the following month" count from the last date named.
        (
            "Police arrested him on Sunday. The next day he was freed.",
            "The next day",
            "DATE",
            "2025-06-02",
        ),
        (
            "The firm went up for sale in March 2024. The following month it found a buyer.",
            "The following month",
            "DATE",
            "2024-04",
        ),
        ("Envoys emerged from their third day-long meeting.", "day-long", "DURATION", "P1D"),
        ("The meeting lasted half an hour.", "half an hour", "DURATION", "PT30M"),
        ("Turnout was the lowest in half a century.", "half a century", "DURATION", "P50Y"),
        ("Q4 revenue beat forecasts.", "Q4", "DATE", "2024-Q4"),
        ("Guidance for Q1 2026 was raised.", "Q1 2026", "DATE", "2026-Q1"),
        ("The firm's FY2024 results were weak.", "FY2024", "DATE", "2024"),
        ("Sales in the year to March 31 rose.", "the year", "DURATION", "P1Y"),
        # "the latest quarter" has ended, whatever quarter the story named ahead.
        (
            "It will return to profit in the fourth quarter after a loss in the latest quarter.",
            "the latest quarter",
            "DATE",
            "2025-Q1",
        ),
        (
            "Four were charged in 2021 over a primary held the year before.",
            "the year before",
            "DATE",
            "2020",
        ),
        # A month alone is placed by its first day: October is 120 days ahead of June 3.
        ("The championships take place in Tokyo in October.", "October", "DATE", "2025-10"),
        # A bare day number listed beside a full date takes its month and year.
        ("The summit ran on April 24 and 25 in Washington.", "25", "DATE", "2025-04-25"),
        ("Tests are set for 25 June, 2 and 9 July 2025.", "2", "DATE", "2025-07-02"),
        ("Crowds gathered on Easter Sunday.", "Easter Sunday", "DATE", "2025-04-20"),
        # A clock time takes the day its sentence names.
        ("On Sunday, the market closed at 2 p.m.", "2 p.m.", "TIME", "2025-06-01T14:00"),
    ],
)
def test_dates_resolve_against_publication(parse, sentence, expression, type_, value):  # type: ignore[no-untyped-def]
    ref = _only(_resolve(parse, sentence), expression)
    assert (ref.type, ref.value) == (type_, value)


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "anchor"),
    [
        ("The minister resigned yesterday.", "yesterday", None, "published"),
        ("Rebels attacked the convoy on Sunday.", "Sunday", None, "published"),
        ("The invasion began in February 2022.", "February 2022", "2022-02", None),
        ("The deal was signed on March 4, 2021.", "March 4, 2021", "2021-03-04", None),
        ("He has been held for more than four years.", "more than four years", "P4Y", None),
        ("On March 4, 2021, the blast came at 2 p.m.", "2 p.m.", "2021-03-04T14:00", None),
        ("The blast came at 2 p.m.", "2 p.m.", None, "published"),
    ],
)
def test_dates_without_publication_keep_anchor(parse, sentence, expression, value, anchor):  # type: ignore[no-untyped-def]
    ref = _only(_resolve(parse, sentence, published=None), expression)
    assert (ref.value, ref.anchor) == (value, anchor)


@pytest.mark.parametrize(
    "sentence",
    [
        "May I ask you a question?",
        "Thousands march through the capital to protest.",
        "The daily newspaper reported the figures.",
        "Three-quarters of voters backed the plan.",
        "The plan saves $500 million a year.",
        "Now, he says, the edge has eroded.",
        "The suspect, 37 years old, was arrested.",
        "Tests for 11 year olds were dropped.",
        "The Sunday Telegraph reported the job cuts.",
        "Prime Minister Theresa May spoke in Leeds.",
        "Protesters join every march in the city.",
        # A half with no year is a half of something else (a race, a match).
        "The campaign hopes to win voters back in the second half of the race.",
        "The striker scored twice in the second half.",
        # Time words with a capital inside a sentence belong to names and titles.
        "The Forum for the Future report was published.",
        "He told the Daily Telegraph he had no plans.",
        "He had a cameo in 24 Hour Party People.",
        "Fans of the Happy Mondays gathered outside.",
        "She runs distribution at 20th Century Fox.",
        "She told CBS This Morning the plan had failed.",
        'He spoke on ABC\'s "This Week" about the budget.',
        'The anchor of NBC\'s "Nightly News" moderated.',
        "Scientists studied the collapse of Easter Island society.",
        # A quarter after "by" is a fraction.
        "Car sales fell by more than a quarter.",
    ],
)
def test_dates_ignore_words_that_are_not_times(parse, sentence):  # type: ignore[no-untyped-def]
    assert _resolve(parse, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Prices rose on March 3 and 4 percent of firms closed.",
        "The vote is on May 5 and 6 people voted early.",
        "Rates peaked on March 3 and 4.5 percent was the high.",
    ],
)
def test_dates_listed_day_needs_a_phrase_end(parse, sentence):  # type: ignore[no-untyped-def]
    # A number after "and" that is a quantity is no day: only the full date is found.
    assert [r.text for r in _resolve(parse, sentence)] in (["March 3"], ["May 5"])


@pytest.mark.parametrize(
    "text", ["\u201cWe meet on Monday,\u201d she said\u2014\u00a0on 3\u00a0June 2025."]
)
def test_dates_offsets_index_the_original_text(parse, text):  # type: ignore[no-untyped-def]
    article = DateResolver()(parse(text, published=PUBLISHED))
    assert article.dates
    for ref in article.dates:
        assert article.text[ref.start : ref.end] == ref.text
    assert "dates" in article.assigned


@pytest.mark.parametrize(
    ("words", "expected"),
    [("twenty-five", 25), ("5 1/2", 5.5), ("a", 1), ("a couple of", 2), ("several", None)],
)
def test_parse_number_reads_words_and_digits(words, expected):  # type: ignore[no-untyped-def]
    assert parse_number(words) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (18, "month", "P18M"),
        (2.5, "year", "P2Y6M"),
        (5.5, "hour", "PT5H30M"),
        (None, "week", "PXW"),
        (2, "decade", "P20Y"),
        (3, "minute", "PT3M"),
        (19.31, "second", "PT19.31S"),
        (1.5, "second", "PT1.5S"),
    ],
)
def test_duration_value_writes_timeml(amount, unit, expected):  # type: ignore[no-untyped-def]
    assert duration_value(amount, unit) == expected


_FRAGMENTS = st.sampled_from(
    [
        "yesterday",
        "on Friday",
        "last month",
        "in January",
        " 10am GMT ",
        "February 2022",
        "three-year",
        "every week",
        "the 1990s",
        "Mar. 3, 1998",
        "\u2014",
        "\u201c",
        " ",
        "said",
        "the third quarter",
        "7:15 p.m.",
        "more than four years",
        "19.31 seconds",
        "2 1/2 hours",
        "x",
        ".",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=12).map(" ".join), st.sampled_from([PUBLISHED, None]))
def test_find_dates_spans_stay_inside_the_text(text: str, published: str | None) -> None:
    # Without a parse (doc=None) the tagger still runs; every span must index the text.
    for ref in find_dates(text, published):
        assert text[ref.start : ref.end] == ref.text
        assert ref.start < ref.end
        if published is None and ref.value is None:
            assert ref.anchor == "published"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.none(), st.floats(min_value=0, max_value=10_000, allow_nan=False)),
    st.sampled_from(sorted(UNITS)),
)
def test_duration_value_never_fails(amount: float | None, unit: str) -> None:
    assert duration_value(amount, unit).startswith("P")


def test_dates_stage_declares_what_it_needs() -> None:
    stage = DateResolver()
    assert stage.requires == ("doc",)
    assert stage.assigns == ("dates",)
    article = Article(text="Nothing happened.", published=PUBLISHED)
    # Without a parse the stage falls back to the raw text rather than failing.
    assert DateResolver()(article).dates == []


_TIME_WORDS = st.sampled_from(
    [
        *sorted(TRIGGER_KINDS),
        "Sat.",
        "midmorning",
        "New  Year's",
        "first quarterback",
        "the",
        "last",
        "next",
        "every",
        "of",
        "on",
        "a",
        "two",
        "1998",
        "10",
        "p.m.",
        "early",
        "mid-",
        "-",
        ",",
        "'90s",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TIME_WORDS, max_size=10).map(" ".join))
def test_find_dates_rule_skipping_keeps_output(text: str) -> None:
    # Windows run only the rules their trigger kinds allow; running every rule everywhere
    # must find exactly the same expressions.
    fast = find_dates(text, PUBLISHED)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(dates_module, "_rules_for", lambda kinds: tuple(enumerate(RULES)))
        slow = find_dates(text, PUBLISHED)
    assert fast == slow


@pytest.mark.parametrize("word", sorted(w for w in TRIGGER_KINDS if w != "year-"))
def test_trigger_matches_every_kind_word_whole(word: str) -> None:
    text = f"x {word.capitalize()} y"
    assert [m.group() for m in TRIGGER.finditer(text)] == [word.capitalize()]
    assert trigger_kind(word.upper()) != ANY_KIND


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # The date of a thing scheduled goes ahead whatever the tense of the scheduling.
        (
            "The mayor has scheduled a press briefing Thursday on the floods.",
            "Thursday",
            "2025-06-05",
        ),
        ("Farmers planned a protest outside parliament on Saturday.", "Saturday", "2025-06-07"),
        ("The row will overshadow a summit set for Brussels in September.", "September", "2025-09"),
        # ... but not when the date comes first, nor when the planned thing is told as past.
        ("On Friday, the council planned to reopen the bridge.", "Friday", "2025-05-30"),
        ("A concert planned in the square for Saturday was called off.", "Saturday", "2025-05-31"),
        ("The sprinter set a national record on May 6.", "May 6", "2025-05-06"),
        # "to" + verb as a subject is no "is to": the day name stays in the past week.
        (
            "The first ministers to sign the pact on Friday were from the north.",
            "Friday",
            "2025-05-30",
        ),
    ],
)
def test_scheduled_dates(parse, sentence, expression, value):  # type: ignore[no-untyped-def]
    assert _only(_resolve(parse, sentence), expression).value == value


@pytest.mark.parametrize(
    ("sentence", "expression", "found"),
    [
        # "soon" after a past event is no future reference; with a future it is.
        ("The trickle of refugees soon became a flood.", "soon", False),
        ("The driver was soon freed by firefighters.", "soon", False),
        ("The bank will soon raise rates again.", "soon", True),
        # "high noon" is a showdown, not twelve o'clock; plain "noon" is.
        ("For the coalition, it is high noon in the budget talks.", "noon", False),
        ("Polls close at noon in the capital.", "noon", True),
    ],
)
def test_soon_and_noon(parse, sentence, expression, found):  # type: ignore[no-untyped-def]
    refs = _resolve(parse, sentence)
    assert any(r.text == expression for r in refs) is found


def test_the_week_of_a_date_is_its_iso_week(parse):  # type: ignore[no-untyped-def]
    refs = _resolve(parse, "The trial could open the week of June 16, a court clerk said.")
    ref = _only(refs, "the week of June 16")
    assert (ref.type, ref.value) == ("DATE", "2025-W25")
    refs = _resolve(parse, "Shares slid on June 16 after the report.")
    assert _only(refs, "June 16").value == "2025-06-16"


def test_this_year_through_a_month_keeps_this_year(parse):  # type: ignore[no-untyped-def]
    text = "The index fund lost 3 percent this year through January, a tracker said."
    assert _only(_resolve(parse, text), "January").value == "2025-01"
    text = "The central bank extended the cheap loans through January."
    assert _only(_resolve(parse, text), "January").value == "2026-01"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # A plan told in the past perfect was overtaken: its day is the one just gone.
        ("The strike had been scheduled to end on Friday.", "Friday", "2025-05-30"),
        ("The lease had been due to run out Friday.", "Friday", "2025-05-30"),
        # A plain past plan still looks ahead.
        ("The unions planned to march on Friday.", "Friday", "2025-06-06"),
    ],
)
def test_plan_in_past_perfect(parse, sentence, expression, value):  # type: ignore[no-untyped-def]
    assert _only(_resolve(parse, sentence), expression).value == value


def test_part_of_day_before_a_full_date_gives_way(parse):  # type: ignore[no-untyped-def]
    refs = _resolve(parse, "The guard was attacked on the night of Friday, May 23, police said.")
    ref = _only(refs, "Friday, May 23")
    assert (ref.type, ref.value) == ("DATE", "2025-05-23")
    refs = _resolve(parse, "Talks ran late into the night of Friday.")
    assert _only(refs, "night of Friday").value == "2025-05-30TNI"


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # "today's" before a word for people or times in general means nowadays.
        ("Social media shape how today's teenagers see politics.", False),
        ("Cash matters less in today's digital world.", False),
        ("Shares rose in today's session in Tokyo.", True),
        ("Turnout in today's vote was high.", True),
    ],
)
def test_generic_today(parse, sentence, found):  # type: ignore[no-untyped-def]
    assert any(r.text.lower() == "today" for r in _resolve(parse, sentence)) is found
