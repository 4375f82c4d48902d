"""Wire-copy time expressions: span, TimeML type and value, as the TimeML guidelines write them.

Sentences written for these tests in the manner of 2013 wire copy (not taken from any corpus).
Published 2013-04-10, a Wednesday in ISO week 2013-W15: "Tuesday" is 2013-04-09, the weekend
just gone 2013-W14-WE.
"""

from __future__ import annotations

import pytest
from dates_days import WED


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        ("Apple reported first-quarter earnings on Tuesday.", "first-quarter", "DATE", "2013-Q1"),
        ("Profit in the first quarter rose 12 percent.", "the first quarter", "DATE", "2013-Q1"),
        (
            "The company said earlier this week that it would cut 500 jobs.",
            "earlier this week",
            "DATE",
            "2013-W15",
        ),
        ("Sales fell 3 percent over the past 12 months.", "the past 12 months", "DURATION", "P12M"),
        ("The plant is expected to open in mid-2014.", "mid-2014", "DATE", "2014"),
        ("The deal should close by the end of the year.", "the end of the year", "DATE", "2013"),
        ("Shoppers returned to the malls this spring.", "this spring", "DATE", "2013-SP"),
        ("The merger was first proposed late last year.", "late last year", "DATE", "2012"),
        (
            "The rebels have fought the government for two decades.",
            "two decades",
            "DURATION",
            "P20Y",
        ),
        ("He missed most of the 2012 season with a knee injury.", "2012", "DATE", "2012"),
        ("The minister spoke to reporters this morning.", "this morning", "TIME", "2013-04-10TMO"),
        ("Prices have risen sharply in recent weeks.", "recent weeks", "DURATION", "PXW"),
        ("Tuesday's vote was postponed after a walkout.", "Tuesday", "DATE", "2013-04-09"),
        ("Candidates are preparing for next year's election.", "next year", "DATE", "2014"),
        ("Crime fell sharply in the 1990s.", "the 1990s", "DATE", "199"),
        ("Wages have stagnated over the past decade.", "the past decade", "DURATION", "P10Y"),
        ("The summer of 2012 was the hottest on record.", "The summer of 2012", "DATE", "2012-SU"),
        ("The festival draws 50,000 visitors each year.", "each year", "SET", "P1Y"),
        ("The report is published annually by the ministry.", "annually", "SET", "P1Y"),
        ("The newsletter is published weekly.", "weekly", "SET", "P1W"),
        (
            "The blast happened at 3:15 p.m. EDT on Monday.",
            "3:15 p.m. EDT on Monday",
            "TIME",
            "2013-04-08T15:15",
        ),
        ("A curfew begins at midnight.", "midnight", "TIME", "2013-04-10T24:00"),
        ("He served as governor from 2010 to 2012.", "2010", "DATE", "2010"),
        ("The central bank meets next week to set rates.", "next week", "DATE", "2013-W16"),
        (
            "The company expects revenue to grow in the second half of the year.",
            "the second half of the year",
            "DATE",
            "2013-H2",
        ),
        ("Unemployment hit a four-year high in March.", "four-year", "DURATION", "P4Y"),
        (
            "Inflation has averaged 2 percent for the last three years.",
            "the last three years",
            "DURATION",
            "P3Y",
        ),
        ("Lawmakers return from their recess on April 22.", "April 22", "DATE", "2013-04-22"),
        ("The strike lasted 48 hours.", "48 hours", "DURATION", "PT48H"),
        (
            "Growth slowed in the fourth quarter of 2012.",
            "the fourth quarter of 2012",
            "DATE",
            "2012-Q4",
        ),
        ("Officials will announce the results later today.", "later today", "DATE", "2013-04-10"),
        ("The company was founded 25 years ago.", "25 years ago", "DATE", "1988"),
        ("The trial is set to begin next month.", "next month", "DATE", "2013-05"),
        ("Nearly 2 million people visited last summer.", "last summer", "DATE", "2012-SU"),
        (
            "The company will report results in the coming weeks.",
            "the coming weeks",
            "DURATION",
            "PXW",
        ),
        ("The stock has gained 40 percent so far this year.", "this year", "DATE", "2013"),
        ("He was elected in November 2012.", "November 2012", "DATE", "2012-11"),
        (
            "Retail sales rose 1.1 percent in the three months to March.",
            "the three months",
            "DURATION",
            "P3M",
        ),
        ("The company's fiscal 2013 profit rose 8 percent.", "fiscal 2013", "DATE", "2013"),
        (
            "Net income rose from the year-earlier period.",
            "the year-earlier period",
            "DATE",
            "2012-Q1",
        ),
        ("Oil prices hit a two-year low last week.", "last week", "DATE", "2013-W14"),
        (
            "The war ended in 2003, after nearly a decade of fighting.",
            "nearly a decade",
            "DURATION",
            "P10Y",
        ),
        ("Trading opened at 9:30 a.m. (1330 GMT).", "9:30 a.m.", "TIME", "2013-04-10T09:30"),
        ("The agency will publish the data every Thursday.", "every Thursday", "SET", "XXXX-WXX-4"),
        ("Prices have doubled in the past year.", "the past year", "DURATION", "P1Y"),
        ("The ban was lifted earlier this year.", "earlier this year", "DATE", "2013"),
        ("He was last seen on Saturday night.", "Saturday night", "TIME", "2013-04-06TNI"),
        ("Voters go to the polls on May 5.", "May 5", "DATE", "2013-05-05"),
        ("Temperatures will drop this weekend.", "this weekend", "DATE", "2013-W15-WE"),
        ("The treaty was signed in the early 1990s.", "the early 1990s", "DATE", "199"),
        ("The peace process has been stalled for years.", "years", "DURATION", "PXY"),
        (
            "The ministry said on Wednesday that the talks would resume in the autumn.",
            "the autumn",
            "DATE",
            "2013-FA",
        ),
        ("Analysts expect a rate cut at the bank's June meeting.", "June", "DATE", "2013-06"),
        (
            "The airline has been losing money for the past 18 months.",
            "the past 18 months",
            "DURATION",
            "P18M",
        ),
        ("The 2011 uprising toppled the president.", "2011", "DATE", "2011"),
        ("Turnout in the 2008 election was a record.", "2008", "DATE", "2008"),
        # British copy leaves out the comma: the day is no part of the name after it.
        (
            "During the hearing on Tuesday Mr Ebbers denied the charges.",
            "Tuesday",
            "DATE",
            "2013-04-09",
        ),
        ("Investors may sell more bonds in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"),
        ("The firm will name its new chief at a later date.", "a later date", "DATE", "FUTURE_REF"),
        # Results and company copy.
        (
            "Apple sold 4 million iPods in the December quarter.",
            "the December quarter",
            "DATE",
            "2012-Q4",
        ),
        ("The company expects fiscal 2013 revenue of $40 billion.", "fiscal 2013", "DATE", "2013"),
        ("Profit rose in the third fiscal quarter.", "the third fiscal quarter", "DATE", "2012-Q3"),
        ("Jobs unveiled the phone at Macworld 2007.", "2007", "DATE", "2007"),
        ("Output fell in the mid-1990s.", "the mid-1990s", "DATE", "199"),
        ("The airline faces a six-month delay.", "six-month", "DURATION", "P6M"),
        ("The project could take up to 18 months.", "up to 18 months", "DURATION", "P18M"),
        (
            "Shares rose 5 percent compared with the same period a year earlier.",
            "the same period a year earlier",
            "DATE",
            "2012-Q1",
        ),
        (
            "The firm aims to break even by the end of the decade.",
            "the end of the decade",
            "DATE",
            "201",
        ),
        ("Officials expect more arrests in the coming days.", "the coming days", "DURATION", "PXD"),
        ("The jet will make its first flight next spring.", "next spring", "DATE", "2014-SP"),
        ("Sales had been strong earlier in the year.", "earlier in the year", "DATE", "2013"),
        ("The army said it would withdraw within 24 hours.", "24 hours", "DURATION", "PT24H"),
        ("It was the first time since 2001 that the index fell.", "2001", "DATE", "2001"),
        ("The company beat last year's record.", "last year", "DATE", "2012"),
        ("Revenue in 2012's third quarter rose.", "2012's third quarter", "DATE", "2012-Q3"),
        ("The new rules took effect on 1 January.", "1 January", "DATE", "2013-01-01"),
        ("The launch is planned for 1 June 2014.", "1 June 2014", "DATE", "2014-06-01"),
        ("The polls closed at 19:00 UTC.", "19:00 UTC", "TIME", "2013-04-10T19:00"),
        ("The firm wants to double sales by 2015.", "2015", "DATE", "2015"),
        ("Leaders met for a two-day summit.", "two-day", "DURATION", "P2D"),
        ("Inflation has not been this high since the 1970s.", "the 1970s", "DATE", "197"),
        (
            "The company cut its forecast on Monday, 8 April.",
            "Monday, 8 April",
            "DATE",
            "2013-04-08",
        ),
        ("Airbus delivered 588 aircraft last year, up from 534 in 2011.", "2011", "DATE", "2011"),
        ("Mr Jobs returned to Apple in 1997 after 12 years away.", "12 years", "DURATION", "P12Y"),
        (
            "The A380 entered service in October 2007, two years late.",
            "two years",
            "DURATION",
            "P2Y",
        ),
        ("This week's vote was delayed.", "This week", "DATE", "2013-W15"),
        ("The summit ended on Sunday evening.", "Sunday evening", "TIME", "2013-04-07TEV"),
        ("Production will rise to 10 jets a month by 2015.", "2015", "DATE", "2015"),
        ("The stock has lost half its value since January.", "January", "DATE", "2013-01"),
        (
            "Results for the year ending March 2014 will be released in May.",
            "May",
            "DATE",
            "2013-05",
        ),
        ("The company reported a loss for 2012.", "2012", "DATE", "2012"),
        ("The court will rule within weeks.", "weeks", "DURATION", "PXW"),
        ("The firm was founded in the early 1980s.", "the early 1980s", "DATE", "198"),
        ("The first deliveries are scheduled for 2014.", "2014", "DATE", "2014"),
        ("The CEO has led the company since 2011.", "2011", "DATE", "2011"),
        ("Markets were closed on Good Friday.", "Good Friday", "DATE", "2013-03-29"),
        ("The company will hold its annual meeting on April 25.", "April 25", "DATE", "2013-04-25"),
        ("He has been in office for less than a year.", "less than a year", "DURATION", "P1Y"),
        ("The service runs every 15 minutes.", "every 15 minutes", "SET", "PT15M"),
        ("The tournament will be held in 2014 and 2018.", "2018", "DATE", "2018"),
        ("The recall covers cars built between 2009 and 2011.", "2009", "DATE", "2009"),
        ("It will take several years to rebuild.", "several years", "DURATION", "PXY"),
        ("He died at the age of 87 on Tuesday.", "Tuesday", "DATE", "2013-04-09"),
        (
            "The station opened on Tuesday, 9 April 2013.",
            "Tuesday, 9 April 2013",
            "DATE",
            "2013-04-09",
        ),
        (
            "Protesters gathered late Tuesday night outside the embassy.",
            "late Tuesday night",
            "TIME",
            "2013-04-09TNI",
        ),
        # Wikinews-like copy: fiscal periods, time zones, frequencies.
        (
            "Apple reported its results for its fiscal 2008 first quarter.",
            "fiscal 2008 first quarter",
            "DATE",
            "2008-Q1",
        ),
        ("The phone will be available in the US on June 29.", "June 29", "DATE", "2013-06-29"),
        ("Jobs unveiled the device at WWDC 2008.", "2008", "DATE", "2008"),
        ("Sales rose this past weekend.", "this past weekend", "DATE", "2013-W14-WE"),
        (
            "The rate was unchanged over the past fortnight.",
            "the past fortnight",
            "DURATION",
            "P2W",
        ),
        ("Costs will rise over the next 12 months.", "the next 12 months", "DURATION", "P12M"),
        ("The index rose in the past 30 days.", "the past 30 days", "DURATION", "P30D"),
        ("The plant will close by year-end.", "year-end", "DATE", "2013"),
        ("Prices rose 4% from 2006 to 2008.", "2006", "DATE", "2006"),
        ("The figure was 3% at the end of last year.", "the end of last year", "DATE", "2012"),
        ("A decision is expected early next year.", "early next year", "DATE", "2014"),
        (
            "The plan takes effect at the beginning of 2014.",
            "the beginning of 2014",
            "DATE",
            "2014",
        ),
        ("The ship sank in mid-December.", "mid-December", "DATE", "2012-12"),
        (
            "Construction will start in the middle of next year.",
            "the middle of next year",
            "DATE",
            "2014",
        ),
        ("The results will be known in two weeks' time.", "two weeks", "DURATION", "P2W"),
        ("Output fell in December last year.", "December last year", "DATE", "2012-12"),
        ("Sales jumped in early January.", "early January", "DATE", "2013-01"),
        (
            "Revenue for the quarter ended March 30, 2013 rose.",
            "March 30, 2013",
            "DATE",
            "2013-03-30",
        ),
        ("The stores are open 24 hours a day.", "24 hours", "DURATION", "PT24H"),
        ("The board meets twice a year.", "twice a year", "SET", "P1Y"),
        ("The reactor is inspected once a week.", "once a week", "SET", "P1W"),
        ("He joined the firm in 2005 and left two years later.", "two years", "DURATION", "P2Y"),
        ("The airport has been closed since Sunday.", "Sunday", "DATE", "2013-04-07"),
        ("The treaty was signed on 12 March 1999.", "12 March 1999", "DATE", "1999-03-12"),
        (
            "The jet made its maiden flight on April 27, 2005.",
            "April 27, 2005",
            "DATE",
            "2005-04-27",
        ),
        ("Shares have been suspended since 9 April.", "9 April", "DATE", "2013-04-09"),
        ("The CEO resigned on Monday, citing health reasons.", "Monday", "DATE", "2013-04-08"),
        ("The company will cut 10,000 jobs over four years.", "four years", "DURATION", "P4Y"),
        (
            "The minister said on Tuesday that a decision would come within days.",
            "days",
            "DURATION",
            "PXD",
        ),
        ("The talks have now entered their second day.", "now", "DATE", "PRESENT_REF"),
        ("The firm is currently valued at $2 billion.", "currently", "DATE", "PRESENT_REF"),
        (
            "The airline plans to resume flights at the end of the month.",
            "the end of the month",
            "DATE",
            "2013-04",
        ),
        ("In 2007, the company sold 1.4 million phones.", "2007", "DATE", "2007"),
        ("Airbus delivered its first A380 in October 2007.", "October 2007", "DATE", "2007-10"),
        (
            "The share price has risen tenfold in the last decade.",
            "the last decade",
            "DURATION",
            "P10Y",
        ),
        ("The attack came a day after the election.", "a day", "DURATION", "P1D"),
        ("The museum is open from 9 a.m. to 5 p.m.", "9 a.m.", "TIME", "2013-04-10T09:00"),
        (
            "Voting ends at 8pm local time on Sunday.",
            "8pm local time on Sunday",
            "TIME",
            "2013-04-14T20:00",
        ),
        (
            "The quake struck at 10:32 local time (0232 GMT).",
            "10:32 local time",
            "TIME",
            "2013-04-10T10:32",
        ),
        (
            "Police said the man, 34, was arrested on Friday evening.",
            "Friday evening",
            "TIME",
            "2013-04-05TEV",
        ),
        ("The strike began at dawn on Thursday.", "Thursday", "DATE", "2013-04-04"),
        ("The government has been in power since 2010.", "2010", "DATE", "2010"),
        ("The company said Thursday it would cut 300 jobs.", "Thursday", "DATE", "2013-04-04"),
        ("The launch was delayed until later in the year.", "later in the year", "DATE", "2013"),
        # A range of years gives both years; a fiscal "2011-12" its first.
        ("He was mayor of the city in 2010-2012.", "2010", "DATE", "2010"),
        ("He was mayor of the city in 2010-2012.", "2012", "DATE", "2012"),
        ("Exports rose in the 2011-12 season.", "2011", "DATE", "2011"),
        # "said on Tuesday it would ...": the parser may hang the day on "would cut".
        ("Airbus said on Tuesday it would cut 1,000 jobs.", "Tuesday", "DATE", "2013-04-09"),
        ("The minister told reporters on Monday he would resign.", "Monday", "DATE", "2013-04-08"),
        # Title-case headlines: the capitals mark no name there.
        ("Airbus To Cut 10,000 Jobs Over Four Years", "Four Years", "DURATION", "P4Y"),
        ("Stocks Rally Last Week As Fed Holds Rates", "Last Week", "DATE", "2013-W14"),
        ("Talks To Resume Next Month In Geneva", "Next Month", "DATE", "2013-05"),
        ("Apple Profit Falls For First Time In A Decade", "A Decade", "DURATION", "P10Y"),
        # The United States' Election Day: in an odd year, the vote of the year before.
        (
            "Turnout on Election Day was the lowest in decades.",
            "Election Day",
            "DATE",
            "2012-11-06",
        ),
        # Two listed days share the deadline word before the first.
        ("A ruling could come as soon as Thursday or Friday.", "Friday", "DATE", "2013-04-12"),
    ],
)
def test_wire_expression(
    resolve_dates, sentence: str, expression: str, type_: str, value: str
) -> None:  # type: ignore[no-untyped-def]
    got = [(r.text, r.type, r.value) for r in resolve_dates(sentence, WED)]
    assert (expression, type_, value) in got, got


@pytest.mark.parametrize(
    "sentence",
    [
        "Shares fell 3 percent in early trading.",
        "He has written a column for The Sunday Telegraph since he retired.",
        "He said he watched CBS This Morning and ABC's This Week.",
    ],
)
def test_no_time(resolve_dates, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert resolve_dates(sentence, WED) == []


def test_election_day_of_an_election_year(resolve_dates) -> None:  # type: ignore[no-untyped-def]
    ref = resolve_dates("Both campaigns are spending heavily before Election Day.", "2016-09-20")
    assert [(r.text, r.value) for r in ref] == [("Election Day", "2016-11-08")]


@pytest.mark.parametrize(
    ("sentence", "published", "value"),
    [
        # A month named in the present looks up to 200 days ahead (told in June: November).
        ("Whoever wins in November will face a divided Congress.", "2016-06-08", "2016-11"),
        ("The senator is up for re-election in November.", "2016-06-08", "2016-11"),
        # ... and no further: from January, a present-tense December is the one just gone.
        ("Sales in December are a guide to spending.", "2016-01-20", "2015-12"),
    ],
)
def test_month_in_the_present(resolve_dates, sentence: str, published: str, value: str) -> None:  # type: ignore[no-untyped-def]
    refs = resolve_dates(sentence, published)
    assert [r.value for r in refs] == [value], refs
