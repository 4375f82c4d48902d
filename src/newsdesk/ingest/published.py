"""Publication dates as inputs give them: ISO 8601, RFC 822, or a page's date line.

Feeds and JSON-LD give ISO 8601 or RFC 822 dates; crawlers (news-please's ``date_publish``,
a scraped byline) often give the date line as the page printed it: "Published : April 16,
2013 9 : 09 AM", "Last Updated : Monday, 28 November 2005, 02 : 24 GMT", "12 / 16 / 08 1 : 30
AM EST", "8 : 44AM BST 16 Sep 2013", sometimes followed by the first words of the story, and
sometimes no date at all ("In 2008, Klitschko stopped Thompson ..."). ``publication_day``
finds the first full calendar date (day, month and year) in such a line and gives the ISO day;
a year alone, or a day and month without a year, is no publication date.

Numeric dates read month first ("03 / 08 / 2013" is 8 March) unless the first number cannot be
a month ("27 / 09 / 2013"): the US convention most English-language news sites print. A day
and month that could be either are read month first, as the README's "Inputs and errors" says.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from newsdesk.stages.dates_lexicon import MONTHS as LEXICON_MONTHS
from newsdesk.stages.dates_lexicon import WEEKDAYS

# The dates stage's month words, and a misspelling seen in crawled date lines.
MONTHS = {**LEXICON_MONTHS, "novemer": 11}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "April 16, 2013", "Dec 23 2012", "FEB. 4, 2009", "December 15th, 2008"
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s+{_YEAR}\b", re.IGNORECASE)
# "28 November 2005", "16 Sep 2013", "Friday, 27 September 2013"
_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
# "November 27 - 2005" (a dash between day and year)
_MONTH_DAY_DASH_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY}\s*[-–]\s*{_YEAR}\b", re.IGNORECASE)
# "12 / 16 / 08", "11/27/2005", "27 / 09 / 2013", "6.6.2013" (a separator, the same twice)
_NUMERIC = re.compile(
    r"(?<![\d/.])(?P<a>\d{1,2})\s*(?P<sep>[/.])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<year>(?:19|20)?\d\d)(?![\d/])"
)
# "2013-09-26", "2013 - 09 - 26", "2012.08.08": year first, the same separator twice
_ISO_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*([-./])\s*(\d\d)\s*\2\s*(\d\d)(?!\d)")
_ISO_START = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T|\b|$)")
# A weekday before a date line's date ("Tuesday, 3 March 2009").
_WEEKDAY = re.compile(
    r"(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+", re.IGNORECASE
)
# The date line opens the text or follows the headline (title, date, story).
DATE_LINE_WITHIN = 3


def parse_published(value: str) -> str:
    """A publication date as given (a JSON ``published``, ``--published``): ISO 8601 kept as
    written (a time too), else the ISO day of a date line with a full date in it; raises
    ValueError when it names none."""
    text = value.strip()
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        return text
    except ValueError:
        day = publication_day(text)
        if day is None:
            raise
        return day


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric_day(match: re.Match[str]) -> str | None:
    a, b = int(match["a"]), int(match["b"])
    year = int(match["year"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    month, day = (b, a) if a > 12 else (a, b)
    return _day(year, month, day)


def publication_day(value: str) -> str | None:
    """The ISO day (``YYYY-MM-DD``) of the first full date in a date line, else None.

    ISO 8601 (``2013-04-16T09:09:00Z``), compact ISO (``20130416``), RFC 822 (``Tue, 16 Apr
    2013 09:09:00 GMT``), and date lines with a month name or a numeric day/month/year
    anywhere in them ("Posted 11 / 27 / 2005 7 : 21 AM", "Published on Friday, 27 September
    2013"). The earliest date in the line wins (a line often ends with "Updated: ...").
    """
    text = " ".join(value.split())
    if not text:
        return None
    for pattern in (_ISO_START, _COMPACT_DAY):
        match = pattern.match(text)
        if match:
            return _day(*map(int, match.groups()))
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found: list[tuple[int, str]] = []
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _MONTH_DAY_DASH_YEAR):
        for match in pattern.finditer(text):
            day = _day(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
            if day:
                found.append((match.start(), day))
                break
    match = _NUMERIC.search(text)
    if match:
        day = _numeric_day(match)
        if day:
            found.append((match.start(), day))
    match = _ISO_DAY.search(text)
    if match:
        day = _day(int(match[1]), int(match[3]), int(match[4]))
        if day:
            found.append((match.start(), day))
    return min(found)[1] if found else None


def date_line(text: str) -> str | None:
    """The ISO day of a date line among the first DATE_LINE_WITHIN lines of an article's
    text, else None: the article's own publication date where its input gave none. A date
    line is a full date and nothing else, a weekday before it at most ("April 27, 2005",
    "Tuesday, 3 March 2009", "Sept. 1st, 2007", as Wikinews prints under the headline); a
    date inside a sentence is none."""
    for line in text.split("\n", DATE_LINE_WITHIN)[:DATE_LINE_WITHIN]:
        line = line.strip()
        if weekday := _WEEKDAY.match(line):
            line = line[weekday.end() :]
        for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
            match = pattern.fullmatch(line)
            if match:
                return _day(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    return None
