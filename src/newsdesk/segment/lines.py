"""What one dump line looks like: caption, byline, deck, dateline, headline, sentence end.

Everything here is a cheap regular-expression test on one line (no spaCy): the segmenter
runs it on every line of dumps that can be 100,000 lines long.
"""

from __future__ import annotations

import re

from newsdesk.text import normalize_typography

# Photo agencies and wires that appear in credits. A credit names one of them in a credit
# form ("Name/Reuters", "(AP Photo/Name)", "... Getty Images" at the end), never in passing.
AGENCIES = (
    r"Reuters|REUTERS|AP|AP Photo|Associated Press|AFP|Getty Images|Getty|EPA|EPA-EFE|"
    r"PA|PA Media|PA Wire|PA Images|Shutterstock|Rex|Rex Features|Alamy|Bloomberg|"
    r"Bloomberg via Getty Images|AFP via Getty Images|Anadolu|Anadolu Agency|"
    r"NurPhoto|SOPA Images|LightRocket|Sipa|Sipa USA|Xinhua|TASS|Sputnik|Kyodo|Yonhap|"
    r"ANSA|dpa|DPA|Zuma|ZUMA Press|ZUMA Wire|Corbis|iStock|iStockphoto|Pool|POOL|"
    r"Handout|HANDOUT|UPI|Newscom|WireImage|FilmMagic|Redferns|Xinhua News Agency|"
    r"The Washington Post|The New York Times|NYT|AAP|CP|The Canadian Press|"
    r"Presidential Press Service|Press Service|Instagram|Twitter|Facebook|YouTube|"
    r"Wikimedia Commons|Flickr|Courtesy|Supplied|Screenshot|Screengrab"
)

# Lines that announce themselves: "Photo: ...", "(Photo: ...)", "Image caption ...",
# "FILE PHOTO: ...", "Credit: ...", "Pictured: ...", "[Photo by ...]".
_CAPTION_LEAD = re.compile(
    r"^\s*[(\[]?\s*(?:"
    r"(?:top|main|above|below|left|right|inset|header|featured|lead)?\s*"
    r"(?:photo(?:graph)?s?|pictures?|pic|image|img|caption|file photo|file picture|"
    r"file image|video|graphic|illustration|photo illustration|cartoon|"
    r"(?:photo |image |picture )?credits?|photographer|pictured|picture(?:d)? above|"
    r"watch|gallery|slideshow|media caption|image caption|image copyright|"
    r"copyright|source: (?:" + AGENCIES + r"))"
    r"(?:\s*(?:credit|caption|copyright|courtesy|source|\(s\)|\d+))?"
    r")\s*(?:[:|\u2013\u2014-]|by\b|courtesy\b)",
    re.IGNORECASE,
)
# BBC style, no colon: "Image caption The minister ...", "Image copyright Getty Images".
_CAPTION_BBC = re.compile(r"^\s*(?:Image|Media|Video) (?:caption|copyright|source)\b", re.I)
# A credit in slash form: "Name Surname/Reuters", "REUTERS/Name", "AP Photo/Name". It has to
# close the line (a few words at most after it): "the Reuters/Ipsos poll showed" is no credit.
_SLASH_CREDIT = re.compile(
    r"(?:^|[(\[]|[.!?]\s)\s*(?:" + AGENCIES + r")\s*/\s*[A-Z][\w.'\u2019 -]{0,40}[)\]]?\.?\s*$"
    r"|[A-Za-z.]\s*/\s*(?:" + AGENCIES + r")\b(?:\s*\S+){0,3}\s*$"
)
_CREDIT_WORD = r"(?i:photo(?:graph)?s?|pictures?|image|file|credits?|courtesy|illustration|video)"
# A credit at the very end: "... (AP Photo/Name)", "... (Photo: X)", "... | Getty Images",
# "... on Monday. Picture: Agency".
_TRAILING_CREDIT = re.compile(
    r"(?:[(\[]\s*(?:(?:AP|AFP|Reuters|REUTERS|EPA|Getty|PA) )?"
    + _CREDIT_WORD
    + r"\b[^()\[\]]*[)\]]"
    r"|[(\[]\s*(?:" + AGENCIES + r")\s*[)\]]"
    r"|(?:[/|\u2014\u2013-]|\bvia|\bfor)\s*(?:" + AGENCIES + r")"
    r"|[.!?]\s+(?:(?i:photo|picture|image)\s*)?" + _CREDIT_WORD + r"\s*(?::|by)\s*[^.]{1,60}"
    r"|\b(?:Getty Images|Shutterstock|Alamy|iStock(?:photo)?|Rex Features|AP Photo))\s*[)\].]?\s*$"
)
# The rest of a caption-only line: short and mostly names ("Jane Doe/Getty Images").
_CREDIT_ONLY = re.compile(
    r"^\s*(?:\(?(?:photo|picture|image)?\s*(?:by|credit:?)?\s*)?"
    r"[A-Z][\w.'\u2019 -]{0,60}\s*(?:/|via|for|\||\u2014|-|,)\s*(?:" + AGENCIES + r")\s*\)?\s*$"
)

_BARE_AGENCY = re.compile(
    r"^\W*(?:" + AGENCIES + r")(?:\s*(?:/|,|via)\s*(?:" + AGENCIES + r"))*\W*$"
)

BYLINE = re.compile(
    r"^\s*(?:[Bb]y|BY|Written by|Words by|Reporting by|Story by)\s*:?\s+"
    r"[A-Z][\w.'\u2019-]+(?:\s+(?:[A-Z][\w.'\u2019-]+|de|van|von|der|al|bin|and|&|,))"
    r"{0,8}\s*(?:[,|\u2014-]\s*[\w .,'&|\u2014-]{0,60})?$"
)
# "Jane Doe | Reuters", "Jane Doe, Political Editor" as a whole short line.
_BYLINE_PIPE = re.compile(
    r"^\s*[A-Z][a-z.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){1,3}\s*(?:\||\u2014|,)\s*"
    r"(?:" + AGENCIES + r"|[A-Z][a-z]+ (?:Editor|Correspondent|Reporter|Writer))\s*$"
)
# "WASHINGTON (AP) \u2014 ", "LONDON, Nov 19 (Reuters) - ", "KYIV, Ukraine \u2014 ".
DATELINE = re.compile(
    r"^\s*((?:[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,3})"
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z]?[\w.]+){0,3})?"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"\s*(?:\([A-Za-z][\w .&/-]{0,30}\))?\s*(?:\u2014|\u2013|--|-)\s+)"
    r"(?=[A-Z\"'\u201c])"
)
# A kicker before the deck or lede: "DENIAL: Musk said ...", "EXCLUSIVE: ...".
KICKER = re.compile(r"^\s*[A-Z][A-Z0-9'\u2019&-]+(?:\s+[A-Z0-9'\u2019&-]+){0,3}\s*:\s+\S")
# A line that is only a separator: "----", "* * *", "####", "=====".
SEPARATOR = re.compile(r"^\s*(?:[-=*#_~+.\u2014\u2013\u2022\u00b7]\s*){3,}$")

SENTENCE_END = re.compile(r"""[.!?:;]["')\]'\u201d\u2019]*$""")
ELLIPSIS_END = re.compile(
    r"(?:\.\s?\.\s?\.|\u2026)\s*[\])\"'\u201d\u2019]*\s*$|\[\s*(?:\.\.\.|\u2026)\s*\]\s*$"
)
WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'\u2019-]*|\d[\d,.]*")

# Control and format characters (C0/C1 controls but the tab, zero-width and direction marks,
# the byte-order mark): dropped from a line. One regex pass, not a per-character lookup.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)


def clean_line(raw: str) -> str:
    """The line without its line end, control characters and surrounding whitespace."""
    return _CONTROL.sub("", raw).strip()


def is_separator(line: str) -> bool:
    return bool(SEPARATOR.match(line))


def is_caption(line: str) -> bool:
    """A photo caption or credit line (never a body paragraph)."""
    words = line.split()
    if not words:
        return False
    if is_byline(line):
        return False
    if _CAPTION_LEAD.match(line) or _CAPTION_BBC.match(line):
        # "Photo: ..." is a caption however long; "Watch: ..." or "Video: ..." only when short
        # (a longer one is a kicker on a paragraph).
        if re.match(r"\W*(?:watch|video)\b", line, re.I):
            return len(words) <= 25
        return len(words) <= 60
    # Short credit-only lines: "AFP", "Getty Images", "© Reuters", "Courtesy of the artist",
    # "Supplied: Jane Doe", "Source: Reuters".
    if len(words) <= 12 and (
        "©" in line
        or _BARE_AGENCY.match(line)
        or re.match(r"\W*(?:courtesy\b|supplied\b|source:\s*(?:" + AGENCIES + r")\b)", line, re.I)
    ):
        return True
    # Credits end captions of up to about 40 words; a longer line citing "(Reuters)" at its end
    # is a news-roundup paragraph.
    if len(words) > 40:
        return False
    if _CREDIT_ONLY.match(line) or _SLASH_CREDIT.search(line):
        return True
    return bool(_TRAILING_CREDIT.search(line)) and not _ends_as_reported_speech(line)


def _ends_as_reported_speech(line: str) -> bool:
    # "... he told Reuters." or "..., according to AFP." mention an agency, not credit one.
    return bool(
        re.search(
            r"\b(?:told|to|said|says|according to|reported|reports|by|from|with|of|on|in)\s+"
            r"(?:the\s+)?(?:" + AGENCIES + r")\s*[.)\]]?\s*$",
            line,
        )
    )


def is_byline(line: str) -> bool:
    words = line.split()
    if len(words) > 14:
        return False
    return bool(BYLINE.match(line) or _BYLINE_PIPE.match(line))


def dateline(line: str) -> str | None:
    """The dateline that opens a lede ("WASHINGTON (AP) \u2014 "), or None."""
    match = DATELINE.match(line)
    if not match:
        return None
    head = match.group(1)
    place = re.split(r"[,(]", head, maxsplit=1)[0]
    letters = [ch for ch in place if ch.isalpha()]
    # A dateline city is in capitals; a sentence start ("The man - who ...") is not.
    if len(letters) < 3 or sum(ch.isupper() for ch in letters) < 0.6 * len(letters):
        return None
    return head.strip()


def is_kicker(line: str) -> bool:
    return bool(KICKER.match(line)) and dateline(line) is None


def words(line: str) -> list[str]:
    return WORD.findall(line)


def ends_sentence(line: str) -> bool:
    """The line ends with sentence-final punctuation (after closing quotes/brackets)."""
    plain = normalize_typography(line.rstrip())
    # A stray quote mark after a space ('... documents. "') is a typo, not a cut.
    plain = re.sub(r"""([.!?])\s+["']$""", r"\1", plain)
    return bool(SENTENCE_END.search(plain))


def ends_with_ellipsis(line: str) -> bool:
    return bool(ELLIPSIS_END.search(line.rstrip()))


def quote_balance(line: str) -> int:
    """Number of double-quote marks in the line (typographic and '' doubled apostrophes)."""
    plain = normalize_typography(line).replace("''", '"')
    return plain.count('"')


def starts_with_quote(line: str) -> bool:
    head = normalize_typography(line.lstrip()[:2])
    return head.startswith('"') or head.startswith("''")


def title_case_ratio(tokens: list[str]) -> float:
    """Share of words of four or more letters that start with a capital."""
    long = [t for t in tokens if len(t) >= 4 and t[0].isalpha()]
    if not long:
        return 0.0
    return sum(t[0].isupper() for t in long) / len(long)


# A line that stops on one of these was cut, not written as a headline.
_DANGLING = re.compile(
    r"\b(?:the|a|an|of|to|and|or|but|in|on|at|for|with|by|from|as|that|which|who|is|are|was|"
    r"were|has|have|had|will|would|its|their|his|her|our|this|these|than)\s*$",
    re.IGNORECASE,
)


def is_headline(line: str) -> bool:
    """A short line in title shape: no sentence-final punctuation, starts with a capital.

    A trailing full stop is allowed on a short single-sentence line in title case, the form
    some archives store headlines in. A line cut off ("..." or a dangling "the") is no title.
    """
    tokens = line.split()
    if not tokens or len(tokens) > 20:
        return False
    stripped = normalize_typography(line.rstrip())
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"'"):
        return False
    if stripped[-1] in ",;-" or ends_with_ellipsis(stripped) or _DANGLING.search(stripped):
        return False
    if stripped[-1] in ".!?:\"')" and ends_sentence(stripped):
        body = stripped.rstrip(".!?:\"') ")
        # One sentence only: a headline with a period has no inner ". X".
        if re.search(r"[.!?]\s+[A-Z]", body) or len(tokens) > 16:
            return False
        return stripped[-1] in "?!" or title_case_ratio(words(line)) >= 0.75
    return True


def detect_truncation(text: str) -> bool:
    """Whether an article's body was cut off: mid-sentence, at "..."/"\u2026", or in a quote.

    ``text`` is the body (paragraphs joined with blank lines); only the last paragraph counts.
    """
    stripped = text.rstrip()
    if not stripped:
        return False
    paragraphs = [p.strip() for p in stripped.split("\n") if p.strip()]
    last = paragraphs[-1]
    if ends_with_ellipsis(last):
        return True
    if not ends_sentence(last):
        # A list ends an article ("Jane Doe (Wales)" after "John Roe (Ireland)"): two short
        # unpunctuated lines in a row are items, not a cut.
        before = paragraphs[-2] if len(paragraphs) > 1 else ""
        is_list = len(last.split()) <= 8 and 0 < len(before.split()) <= 8
        return not (is_list and not ends_sentence(before))
    return ends_inside_quote(last)


_QUOTE_MARK = re.compile(r"''|[\"\u201c\u201d\u201e\u00ab\u00bb]")


def ends_inside_quote(text: str) -> bool:
    """Whether a paragraph ends inside a quotation that was opened and never closed.

    Marks are read by their side: one after a space (or at the start) and before a word opens
    a quote, one after a word closes it. Counting marks is not enough: papers open a new
    quoted sentence without closing the one before when a quote runs on ('. "There is ...').
    """
    inside = False
    for match in _QUOTE_MARK.finditer(text):
        mark = match.group(0)
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if mark in "\u201c\u201e\u00ab":
            inside = True
        elif mark in "\u201d\u00bb":
            inside = False
        elif (before.isspace() or before in "([\u2014-") and not after.isspace():
            inside = True
        elif not before.isspace() and (after.isspace() or after in ".,;:!?)\u2014-"):
            inside = False
    return inside
