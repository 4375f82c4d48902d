"""Words of time for the dates stage: months, days, units, number words, and calendar arithmetic.

Everything here is data or small pure functions: word tables with their TimeML values, the
phrases around a time expression that the normalisers look at ("until", "by more than"),
and date arithmetic. The patterns live in ``dates_patterns.py``, their normalisers in
``dates_rules.py`` and the stage itself in ``dates.py``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# Words of holiday names, which keep their capital in a title-case headline.
HOLIDAY_WORDS = frozenset(
    {"christmas", "easter", "thanksgiving", "halloween", "valentine", "independence", "labor"}
    | {"memorial", "veterans", "good", "new", "year", "day", "eve", "election"}
)

# Monday = 0, as date.weekday() counts.
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
# The month each season starts in (northern hemisphere, as TimeML's news corpora assume).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# TimeML parts of the day.
DAY_PARTS: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}

_UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Quantities that say "some number of": TimeML writes them as X (PXY, "several years").
VAGUE_QUANTITIES = (
    "a few",
    "few",
    "several",
    "some",
    "many",
    "a number of",
    "numerous",
    "the",
    "a couple of",
    "couple of",
)

# A number as words or digits, used inside the duration patterns. Order matters: longer first.
NUMBER_WORD = (
    r"(?:(?:" + "|".join(_TENS_WORDS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight"
    r"|nine))?|" + "|".join(sorted(_UNITS_WORDS, key=len, reverse=True)) + r"|a\s+hundred"
    r"|one\s+hundred|hundred|a\s+dozen|dozen)"
)
NUMBER = (
    # Before "a": the first alternative that lets the pattern match is the one taken.
    r"(?:(?:a|three)\s+quarters?\s+of\s+an?|\d+(?:\.\d+)?(?:\s+1/2|\s*(?:and\s+)?a\s+half)?|"
    + NUMBER_WORD
    + r"(?:\s+and\s+a\s+half)?|an?(?:\s+and\s+a\s+half)?|a\s+couple\s+of|couple\s+of"
    r"|a\s+few|few|several|some|many|a\s+number\s+of|numerous|half\s+an?)"
)

# Unit words and the TimeML letter for each (T marks time units, written after "PT").
UNITS: dict[str, str] = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "2W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
}


def unit_key(word: str) -> str:
    """``Years`` -> ``year``; ``centuries`` -> ``centurie`` (a key of UNITS)."""
    w = word.lower()
    if w.endswith("ies"):
        return "centurie"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


_HALF = re.compile(r"(?:\s+1/2|\s*(?:and\s+)?a\s+half)$")


def parse_number(text: str) -> float | None:
    """``twenty-five`` -> 25, ``5 1/2`` -> 5.5, ``a`` -> 1; vague quantities -> None."""
    t = " ".join(text.lower().replace("-", " ").split())
    half = 0.0
    m = _HALF.search(t)
    if m:
        half, t = 0.5, t[: m.start()].strip()
    if t in ("a", "an", "one"):
        return 1 + half
    if t in ("half a", "half an"):
        return 0.5  # "half an hour", "half a century"
    if t.startswith(("a quarter of", "three quarters of")):
        return 0.25 if t.startswith("a") else 0.75  # "a quarter of a century", "of an hour"
    if t in ("a couple of", "couple of"):
        return 2
    if t in ("a dozen", "dozen"):
        return 12
    if t in ("a hundred", "one hundred", "hundred"):
        return 100
    if t in VAGUE_QUANTITIES or t in ("a number of", "numerous"):
        return None
    try:
        return float(t) + half
    except ValueError:
        pass
    total = 0
    for word in t.split():
        if word in _UNITS_WORDS:
            total += _UNITS_WORDS[word]
        elif word in _TENS_WORDS:
            total += _TENS_WORDS[word]
        else:
            return None
    return total + half


def duration_value(amount: float | None, unit: str) -> str:
    """TimeML duration: (3, "year") -> P3Y, (5.5, "hour") -> PT5H30M, (None, "week") -> PXW."""
    code = UNITS[unit]
    time = code.startswith("T")
    letter = code[1:] if time else code
    prefix = "PT" if time else "P"
    if unit == "fortnight":
        return "P" + (_fmt(amount * 2) if amount is not None else "X") + "W"
    if amount is None:
        return prefix + "X" + letter
    if letter == "DE":
        # Decades as years, as TimeBank mostly writes them ("two decades" = P20Y).
        return duration_value(amount * 10, "year")
    if letter == "CE" and amount != int(amount):
        return duration_value(amount * 100, "year")  # "half a century" = P50Y
    if amount != int(amount):
        # Half units: the whole part, then the half in the next smaller unit (P2Y6M, PT5H30M).
        smaller = {
            "Y": ("M", 6),
            "M": ("D", 15),
            "W": ("D", 3),
            "D": ("TH", 12),
            "H": ("M", 30),
            "M_T": ("S", 30),
        }
        key = "M_T" if time and letter == "M" else letter
        quarters = {"Y": ("M", 12), "H": ("M", 60)}
        if key in quarters and amount * 4 == int(amount * 4) and amount * 2 != int(amount * 2):
            # "a quarter of an hour" = PT15M, "three quarters of a year" = P9M.
            sub_letter, per = quarters[key]
            whole = int(amount)
            head = f"{whole}{letter}" if whole else ""
            return f"{prefix}{head}{int((amount - whole) * per)}{sub_letter}"
        if key not in smaller or amount * 2 != int(amount * 2):
            # Other fractions ("19.31 seconds"): ISO 8601 allows a decimal in the last unit.
            return prefix + _fmt(amount) + letter
        sub_letter, half = smaller[key]
        whole = int(amount)
        head = f"{whole}{letter}" if whole else ""
        if sub_letter.startswith("T"):
            return f"P{head}T{half}{sub_letter[1:]}"
        return f"{prefix}{head}{half}{sub_letter}"
    return prefix + _fmt(amount) + letter


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


_YEAR_TENS = {"ten": 10, **_TENS_WORDS}
_YEAR_UNITS = {word: n for word, n in _UNITS_WORDS.items() if 1 <= n <= 9}


def spelled_year(text: str) -> int:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + sum(_YEAR_UNITS.get(w, 0) + _YEAR_TENS.get(w, 0) for w in rest)
    century = {"eighteen": 1800, "nineteen": 1900}[words[0]]
    if words[1:] == ["hundred"]:
        return century
    if words[1] == "oh":
        return century + _YEAR_UNITS.get(words[2], 0)
    return century + sum(_YEAR_UNITS.get(w, 0) + _YEAR_TENS.get(w, 0) for w in words[1:])


# ---- words with their TimeML values ------------------------------------------------------

CENTURY_WORDS = {
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "21st": 21,
}


DECADE_WORDS = {
    "twenties": "2",
    "thirties": "3",
    "forties": "4",
    "fifties": "5",
    "sixties": "6",
    "seventies": "7",
    "eighties": "8",
    "nineties": "9",
}


REL_WORDS: dict[str, tuple[str, str, None]] = {
    "now": ("DATE", "PRESENT_REF", None),
    "right now": ("DATE", "PRESENT_REF", None),
    "currently": ("DATE", "PRESENT_REF", None),
    "presently": ("DATE", "PRESENT_REF", None),
    "at present": ("DATE", "PRESENT_REF", None),
    "nowadays": ("DATE", "PRESENT_REF", None),
    "these days": ("DATE", "PRESENT_REF", None),
    "the moment": ("DATE", "PRESENT_REF", None),
    "current": ("DATE", "PRESENT_REF", None),
    "recently": ("DATE", "PAST_REF", None),
    "lately": ("DATE", "PAST_REF", None),
    "recent": ("DATE", "PAST_REF", None),
    "previously": ("DATE", "PAST_REF", None),
    "the past": ("DATE", "PAST_REF", None),
    "soon": ("DATE", "FUTURE_REF", None),
    "the future": ("DATE", "FUTURE_REF", None),
    "a later date": ("DATE", "FUTURE_REF", None),
    "future": ("DATE", "FUTURE_REF", None),
    "the near future": ("DATE", "FUTURE_REF", None),
    "the near term": ("DATE", "FUTURE_REF", None),
    "the long term": ("DATE", "FUTURE_REF", None),
    "the short term": ("DATE", "FUTURE_REF", None),
}


SET_ADVERBS = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "quarterly": "P1Q",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
    "per annum": "P1Y",
}


# ---- words around a time expression (the rules look at them) ------------------------------

# A yearless date after these words is a deadline, a start or a plan ("gave it until
# mid-November", "effective Feb. 1", "loans through January", "was planned for early March"):
# the verb's tense says when the deal was made, not where the date falls, so the date is
# placed as a coming one, or as the month just gone ("the year through February" in March).
# On TimeBank: 3 more values right (placing them by the calendar window alone scored the
# same); the plan words: 1 more on AQUAINT-A, none lost on TimeBank.
BOUNDARY_BEFORE = re.compile(
    r"\b(?:until|till|through|effective|starting|beginning"
    # A plan ("was planned for early March"); "set on" is left out: "a record set on Aug. 6".
    r"|(?:planned|scheduled|slated|due|expected)\s+(?:for|in|on)|set\s+for"
    # "The law takes effect in January" told in April; "took effect" is left to its tense.
    r"|(?:takes?|comes?|goes?)\s+(?:effect|into\s+(?:force|effect))\s+(?:in|on|from))\s+"
    r"(?:(?:early|mid|late)[\s-]+)?$",
    re.IGNORECASE,
)

MONEY_BEFORE = re.compile(
    # "$5 a year", "twice a week", "700 seats a week", "four flights a week".
    r"(?:\d[\d,.]*\s+[a-z]+|\b(?:two|three|four|five|six|seven|eight|nine|ten)\s+[a-z]+s"
    r"|\d|%|\bcents?|\bdollars?|\bpercent|\btimes|\bonce|\btwice|\bmillion|\bbillion"
    # Not across a comma: "in May 2009, a month after the crash" is a duration.
    r"|\bpounds|\beuros|\byen)[^\w,;]{0,2}$",
    re.IGNORECASE,
)

# "sales fell by more than a quarter": a fraction, not three months.
BY_BEFORE = re.compile(
    r"\bby\s+(?:(?:more|less)\s+than\s+|about\s+|almost\s+|nearly\s+|roughly\s+|some\s+"
    r"|over\s+|around\s+)?$",
    re.IGNORECASE,
)

MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall)\s+$", re.IGNORECASE)

FREQUENCY_BEFORE = re.compile(r"\b(?:once|twice|times)\s*$", re.IGNORECASE)

AS_BEFORE = re.compile(r"\bas\s+$", re.IGNORECASE)

# "this year through August", "this year to March": a month of this year, even one well past.
THIS_YEAR_TO_BEFORE = re.compile(
    r"\bthis\s+year\s+(?:so\s+far\s+)?(?:through|to|until)\s+$", re.IGNORECASE
)

HIGH_BEFORE = re.compile(r"\bhigh\s+$", re.IGNORECASE)

AFTER_AS = re.compile(r"\s+(?:after|as)\b", re.IGNORECASE)

# "the year ended March 31", "the year to March": a twelve-month period, not the year.
ENDED_AFTER = re.compile(r"\s+(?:ended|ending|to|through)\b(?!\s+(?:come|date)\b)", re.IGNORECASE)

# A results noun after "first-half" or "full-year": the half or the year a company reports on
# ("first-half profit", "full-year results"), not a half of a match.
RESULTS_NOUN_AFTER = re.compile(
    r"\s+(?:(?:net|pre-?tax|operating|underlying|core)\s+)?(?:results|profits?|earnings"
    r"|sales|revenues?|turnover|loss|losses|income|forecasts?|guidance|outlook|dividends?"
    r"|deliveries|orders|shipments|figures|numbers)\b",
    re.IGNORECASE,
)

# A forecast names the year or half under way: "raised its full-year forecast", "expects
# first-half sales to fall".
FORECAST_NOUN = re.compile(r"\b(?:forecasts?|guidance|outlook)\b", re.IGNORECASE)
EXPECT_BEFORE = re.compile(
    r"\b(?:expect|forecast|predict|project|see|target)\w*\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE
)

# "the first 11 months of (the year)": a count of months that may not have passed yet.
FIRST_MONTHS_OF_BEFORE = re.compile(
    r"\bfirst\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+"
    r"months\s+of\s+$",
    re.IGNORECASE,
)

# "the end of the week", "the start of the week": a point of this week, not a day of any week.
EDGE_OF_BEFORE = re.compile(
    r"\b(?:(?:end|start|beginning|middle|close)\s+of|later\s+in|earlier\s+in)\s+$", re.IGNORECASE
)

# A four-digit number that counts or names, not a year: "2000 engineers", "at 1800 feet",
# "Flight 1549", "Route 1776". A year before a plural noun is otherwise kept ("the 1992
# protests", "fiscal 1989 sales": TimeBank + AQUAINT annotate all of theirs), so the nouns
# are those a count goes with.
COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:feet|foot|ft|metres|meters|miles|kilometres|kilometers|km|yards|acres|hectares"
    r"|people|persons|workers|employees|engineers|jobs|troops|soldiers|police|officers|staff"
    r"|passengers|homes|houses|cars|vehicles|units|tonnes|tons|barrels|points|shares|votes"
    r"|seats|members|residents|students|children|refugees|deaths|flights|planes|stores"
    r"|customers|copies|pages|words|calories|pounds|euros|dollars|yen|rupees)\b"
)
NUMBER_NAME_BEFORE = re.compile(
    r"\b(?:Flight|Route|Highway|Interstate|Apollo|Room|No\.|Nos\.|[Nn]umber|Gate|Platform"
    r"|Terminal|Bus|Train|Channel|Chapter|Article|Section|Resolution|Paragraph)\s+$"
)
# "the September 11 attacks": the day of 2001, named without its year in later copy.
SEPTEMBER_11_AFTER = re.compile(
    r"(?:'s)?\s+(?:terrorist\s+|terror\s+)?(?:attacks?|hijack\w*|commission|victims)\b",
    re.IGNORECASE,
)
AGE_AFTER = re.compile(r"(?:\s+|-)olds?\b")

# Words before a day name that put it ahead: a deadline or the earliest date of a plan
# ("has until Monday to", "as early as Tuesday", "ahead of Sunday's vote"; "ahead of the
# weekend": +1 on TimeBank). A sentence that opens with "Until" looks back ("Until
# Thursday, they had not ..."), so only a lower-case "until" counts. "through" and "by" are
# left out: they read both ways ("through Friday" of a past week). On TimeBank + AQUAINT-A:
# 3 day names more right, none lost. "The deadline is 5 p.m. Friday": a deadline told in the
# present is ahead ("the deadline was" is not).
DAY_AHEAD_BEFORE = re.compile(
    r"\b(?:(?-i:until|till)|effective|starting|as\s+(?:soon|early)\s+as|no\s+later\s+than"
    r"|ahead\s+of|deadline\s+is)\s+"
    r"(?:(?:early|late|mid)[\s-]+|(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|noon|midnight)\s+(?:[A-Z]{2,4}\s+)?)?"
    r"(?:on\s+)?$",
    re.IGNORECASE,
)
# A date something was put off (or brought forward) to lies ahead, whatever the tense: "the
# judge adjourned the case to Thursday", "the vote was postponed to June 3" ("until" is a
# deadline word already). Not "moved to": a place as often as a date.
POSTPONED_TO_BEFORE = re.compile(
    r"\b(?:adjourn|postpon|delay|defer|reschedul|put\s+off|pushed\s+back|brought\s+forward)"
    r"\w*(?:\s+(?!on\b|in\b|to\b)[\w'.]+){0,3}\s+(?:to|till)\s+(?:(?:early|mid|late)[\s-]+)?$",
    re.IGNORECASE,
)
# A date an event was called or fixed for lies ahead, whatever the tense: "called the election
# for 14 September", "fixed the hearing for May 3" (an object between: "called for" is a
# demand).
CALLED_FOR_BEFORE = re.compile(
    r"\b(?:call|fix|set|schedul|slat|book)\w*(?:\s+(?!on\b|in\b|for\b|to\b)[\w'.]+){1,3}"
    r"\s+for\s+(?:(?:early|mid|late)[\s-]+)?$",
    re.IGNORECASE,
)
# The first of two listed days: "as soon as Tuesday or Wednesday" puts both ahead.
LISTED_DAY_BEFORE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(?:or|and|to|through)\s+(?:on\s+)?$"
)

# A capitalised word just before a time word, and the start of a sentence or quote: a
# capital there is no sign of a name.
CAPITAL_WORD_BEFORE = re.compile(r"\b[A-Z][\w'&.-]*\s+$")
SENTENCE_OPENS = re.compile(r"(?:^|[.!?:;\"'(\u201c\u2018-]\s*|\n\s*)$")

# A capitalised word after a day name makes it a name ("The Sunday Telegraph") unless it is
# a time word itself ("Sunday March 3", "Monday Night").
TITLE_WORD_AFTER = re.compile(r" ([A-Z][a-z]+\.?)")
# A reporting verb in the past right before a day name: "said on Tuesday (it would ...)".
SAID_BEFORE = re.compile(
    r"\b(?:said|announced|reported|added|warned|confirmed|revealed|denied|disclosed|stated"
    r"|told(?:\s+(?!on\b)[\w.]+){1,2})\s+(?:late\s+|early\s+)?(?:on\s+)?$"
)
# Before a month these make it the month, whatever capitalised word follows ("in May Mr Lee
# said"); without one a capitalised word after it makes a name ("June Carter Cash", "April
# Ryan").
MONTH_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|since|until|till|by|of|from|through|to|during|before|after|early|late|mid"
    r"|and|or|last|this|next)[\s-]+$",
    re.IGNORECASE,
)
# A determiner or count before a month makes it a modifier, not a first name, whatever
# capitalised word follows ("the three November Tests", "its March Madness").
MONTH_MODIFIER_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|these|those|its|his|her|their|our|each|every|[\w.]+'s?|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|\d+)\s+$",
    re.IGNORECASE,
)
# "on Tuesday" right before a day name: the day, whatever capitalised word follows.
DAY_AFTER_PREPOSITION = re.compile(r"\b[Oo]n\s+$")
TIME_WORDS = frozenset(
    [*MONTHS, *WEEKDAYS, *DAY_PARTS, "noon", "midnight", "night", "gmt", "est", "edt", "et"]
)
# A first name before a month makes it a surname ("Theresa May"): a capitalised word, not a
# determiner ("The October report") nor a time word ("Wednesday March").
NAME_WORD_BEFORE = re.compile(r"(?<![\w'])([A-Z][a-z]+) $")
NOT_NAMES = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "each", "every", "its", "their", "his"}
    | {"her", "our", "last", "next", "since", "by", "in", "on", "until", "from", "early", "late"}
    | {"mid", "but", "and", "or", "so", "then", "when", "after", "before", "during", "through"}
    | {"fiscal", "calendar", "until", "till", "of", "for", "at", "as", "with"}
    | set(TIME_WORDS)
)

# A possessive after a day name: "Monday's debate".
POSSESSIVE_AFTER = re.compile(r"'s?\b")

# "today's youth", "in today's world": nowadays, not the day of publication ("today's
# editions", "today's vote" keep their day).
GENERIC_TODAY_AFTER = re.compile(
    r"'s\s+(?:[a-z]+\s+)?(?:world|youth|society|generation|young|children|kids|teenagers"
    r"|era|age|culture)\b"
)


def in_title(text: str, start: int, end: int, *, name_before: bool = False) -> bool:
    """A capitalised time word inside a sentence is in a name: "Forum for the Future", "24
    Hour Party People", "60 Minutes" (AQUAINT-A: one false time fewer; TimeBank unchanged);
    with ``name_before``, a capitalised word before it does it ("Happy Mondays")."""
    if not text[start:end][:1].isupper():
        return False
    before = text[max(0, start - 30) : start]
    if name_before:
        name = CAPITAL_WORD_BEFORE.search(before)
        return name is not None and not SENTENCE_OPENS.search(before[: name.start()])
    return not SENTENCE_OPENS.search(before)


# ---- calendar arithmetic -------------------------------------------------------------------


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_quarter(year: int, q: int, delta: int) -> tuple[int, int]:
    index = year * 4 + (q - 1) + delta
    return index // 4, index % 4 + 1


def weekday_before(anchor: date, weekday: int, *, include_anchor: bool = True) -> date:
    """The most recent ``weekday`` on or before ``anchor`` (strictly before if asked)."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and not include_anchor:
        back = 7
    return anchor - timedelta(days=back)


def weekday_after(anchor: date, weekday: int, *, include_anchor: bool = False) -> date:
    ahead = (weekday - anchor.weekday()) % 7
    if ahead == 0 and not include_anchor:
        ahead = 7
    return anchor + timedelta(days=ahead)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    day = (h + ll - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` of a month; n = -1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def holiday(name: str, year: int) -> date | None:
    n = " ".join(name.lower().replace("'", "").split())
    n = n.removesuffix(" day").removesuffix("s")
    fixed = {
        "christma": (12, 25),
        "christmas eve": (12, 24),
        "new year": (1, 1),
        "new years": (1, 1),
        "new year eve": (12, 31),
        "new years eve": (12, 31),
        "halloween": (10, 31),
        "valentine": (2, 14),
        "valentines": (2, 14),
        "independence": (7, 4),
        "veteran": (11, 11),
        "veterans": (11, 11),
        "boxing": (12, 26),
        "may": (5, 1),
        "remembrance": (11, 11),
    }
    if n in fixed:
        return date(year, *fixed[n])
    if n == "thanksgiving":
        return nth_weekday(year, 11, 3, 4)
    if n == "black friday":  # the shopping days after Thanksgiving
        return nth_weekday(year, 11, 3, 4) + timedelta(days=1)
    if n == "cyber monday":
        return nth_weekday(year, 11, 3, 4) + timedelta(days=4)
    if n == "labor":
        return nth_weekday(year, 9, 0, 1)
    if n == "memorial":
        return nth_weekday(year, 5, 0, -1)
    if n in ("easter", "easter sunday"):
        return easter(year)
    if n == "good friday":
        return easter(year) - timedelta(days=2)
    if n == "election":
        # The United States' Election Day: the Tuesday after the first Monday in November.
        return nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    return None
