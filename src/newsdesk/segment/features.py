"""Features of one line junction: does dump line L start a new article?

The segmenter reads a dump left to right. At each body line L it knows the article built so
far (its words, names, last paragraph, whether that paragraph ended mid-sentence or inside a
quote), the next body line L2 (a one-line lookahead) and a few running statistics of the dump
(how often junctions have blank lines, which words recur across articles). ``junction``
turns that into named numbers; ``newsdesk.segment.model`` weighs them.

Every feature is cheap (regular expressions and set lookups): no spaCy per line.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from newsdesk.segment import lines as shape

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself said says say told tell year years new one two three first last mr mrs ms dr
    may might must shall also still even well back like get got make made many much per
    including however since there's it's that's he's she's they're we're i'm don't didn't
    according week month day today yesterday monday tuesday wednesday thursday friday
    saturday sunday time people would could""".split()  # noqa: SIM905
)

# A paragraph that opens like this continues the article before it ("He said ...").
CONTINUATION_START = re.compile(
    r"^(?:he|she|they|it|his|her|their|its|this|that|these|those|but|and|or|so|yet|also|"
    r"however|meanwhile|still|instead|moreover|furthermore|in addition|as well|then|there|"
    r"the (?:company|firm|group|minister|president|report|move|deal|plan|bill|case|court|"
    r"government|party|official|spokesman|spokeswoman|club|team|band|film|show|star|singer)|"
    r"both|such|other|others|another|asked|speaking|earlier|later|now|again|since|while|"
    r"according|mr|mrs|ms|dr)\b",
    re.IGNORECASE,
)
# A lede says when: "on Monday", "yesterday", "this week", "on 16 March".
WHEN = re.compile(
    r"\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2} [A-Z][a-z]+)|"
    r"yesterday|today|tonight|this (?:week|month|year|morning)|last (?:week|month|night|year)|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
# ... and often in the present perfect: "has announced", "have been", "has won".
PERFECT = re.compile(r"\b(?:has|have) (?:been|[a-z]+ed|won|said|told|made|given|taken|become)\b")
SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+[A-Z\"'\u201c]")
# Two or more capitalised words in a row: a full name or an organisation.
FULL_NAME = re.compile(
    r"\b[A-Z][a-z\u00e0-\u00ff'\u2019-]+(?:\s+[A-Z][a-z\u00e0-\u00ff'\u2019.-]+)+"
)


@dataclass(slots=True)
class LineInfo:
    """One body line with what every feature needs, computed once."""

    number: int
    text: str
    blanks_before: int
    separator_before: bool
    n_words: int
    content: frozenset[str]
    names: frozenset[str]
    full_names: frozenset[str]
    headline: bool
    ends_sentence: bool
    ellipsis: bool
    starts_quote: bool
    ends_in_quote: bool
    sentences: int
    commas: int


def describe(number: int, text: str, blanks_before: int, separator_before: bool) -> LineInfo:
    tokens = shape.words(text)
    content: set[str] = set()
    names: set[str] = set()
    for i, token in enumerate(tokens):
        low = _stem(token.lower())
        if low in STOPWORDS or len(low) < 3 or low[0].isdigit():
            continue
        content.add(low)
        if token[0].isupper() and i > 0:
            names.add(low)
    full = {m.group(0).lower() for m in FULL_NAME.finditer(text)}
    return LineInfo(
        number=number,
        text=text,
        blanks_before=blanks_before,
        separator_before=separator_before,
        n_words=len(tokens),
        content=frozenset(content),
        names=frozenset(names),
        full_names=frozenset(full),
        headline=shape.is_headline(text),
        ends_sentence=shape.ends_sentence(text),
        ellipsis=shape.ends_with_ellipsis(text),
        starts_quote=shape.starts_with_quote(text),
        ends_in_quote=shape.ends_inside_quote(text),
        sentences=1 + len(SENTENCE_BREAK.findall(text)),
        commas=text.count(","),
    )


def _stem(word: str) -> str:
    for suffix in ("'s", "\u2019s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


@dataclass(slots=True)
class ArticleState:
    """What the segmenter knows about the article it is building."""

    content: Counter[str] = field(default_factory=Counter)
    names: set[str] = field(default_factory=set)
    full_names: set[str] = field(default_factory=set)
    n_words: int = 0
    n_paragraphs: int = 0
    has_title: bool = False
    has_head: bool = False  # a title, deck or byline opened it
    last: LineInfo | None = None
    last_kind: str = ""
    open_quote: bool = False
    # The article's lines so far (repeated lines mark a copy of the article pasted after it).
    seen: set[str] = field(default_factory=set)

    def add(self, info: LineInfo, kind: str) -> None:
        self.content.update(info.content)
        self.names.update(info.names)
        self.full_names.update(info.full_names)
        self.n_words += info.n_words
        self.seen.add(info.text)
        if kind == "paragraph":
            self.n_paragraphs += 1
            self.open_quote = info.ends_in_quote
        elif kind == "title":
            self.has_title = True
            self.has_head = True
        else:
            self.has_head = True
        self.last = info
        self.last_kind = kind


@dataclass(slots=True)
class DumpState:
    """Running statistics of the dump so far (bounded memory)."""

    junctions: int = 0
    blank_junctions: int = 0
    articles: int = 0
    titled: int = 0
    df: Counter[str] = field(default_factory=Counter)

    # Past this many distinct words the rarest half is dropped from the document
    # frequencies: memory stays flat on long dumps (a forgotten word counts as rare again).
    MAX_VOCABULARY = 60_000

    def blank_rate(self) -> float:
        # A prior of one blank and one non-blank junction keeps early estimates moderate.
        return (self.blank_junctions + 1) / (self.junctions + 2)

    def title_rate(self) -> float:
        return (self.titled + 1) / (self.articles + 2)

    def finish(self, article: ArticleState) -> None:
        self.articles += 1
        self.titled += article.has_title
        self.df.update(set(article.content) | article.names)
        if len(self.df) > self.MAX_VOCABULARY:
            # Keep the most frequent half: pruning runs once per MAX_VOCABULARY / 2 new words.
            self.df = Counter(dict(self.df.most_common(self.MAX_VOCABULARY // 2)))


def _overlap(words: frozenset[str], vocab: Counter[str] | set[str], dump: DumpState) -> float:
    """IDF-weighted share of ``words`` already in ``vocab``: 1.0 all seen, 0.0 none."""
    if not words:
        return 0.0
    total = seen = 0.0
    top = math.log(dump.articles + 2) + 0.1
    df = dump.df
    for word in words:
        weight = top - math.log(df.get(word, 0) + 1)
        total += weight
        if word in vocab:
            seen += weight
    return seen / total


def _is_head(info: LineInfo) -> bool:
    return shape.is_byline(info.text) or shape.is_kicker(info.text)


def junction(
    article: ArticleState, line: LineInfo, ahead: list[LineInfo], dump: DumpState
) -> dict[str, float]:
    """The features of "``line`` starts a new article" given the article before it.

    ``ahead`` holds the next body lines (up to three; fewer at the end of the dump).
    """
    after = ahead[0] if ahead else None
    prev = article.last
    assert prev is not None
    blank = 1.0 if line.blanks_before else 0.0
    rate = dump.blank_rate()
    prev_is_body = article.last_kind == "paragraph"
    prev_cut = prev_is_body and not prev.ends_sentence and not prev.headline
    first_char = line.text[:1]
    title_rate = dump.title_rate()
    title_logit = math.log(title_rate / (1.0 - title_rate))
    ov_content = _overlap(line.content, article.content, dump)
    ov_names = _overlap(line.names, article.names, dump)
    new_full = len(line.full_names - article.full_names)
    f: dict[str, float] = {
        "blank": blank,
        "blank_many": 1.0 if line.blanks_before >= 2 else 0.0,
        "blank_surprise": blank * (1.0 - rate),
        "noblank_surprise": (1.0 - blank) * rate,
        "separator": 1.0 if line.separator_before else 0.0,
        "prev_cut": 1.0 if prev_cut else 0.0,
        "prev_ellipsis": 1.0 if prev_is_body and prev.ellipsis else 0.0,
        "prev_open_quote": 1.0 if article.open_quote else 0.0,
        "prev_head": 0.0 if prev_is_body else 1.0,
        "prev_headline_shape": 1.0 if prev.headline else 0.0,
        "no_paragraph_yet": 1.0 if article.n_paragraphs == 0 else 0.0,
        "headline": 1.0 if line.headline else 0.0,
        "headline_titled_dump": (1.0 if line.headline else 0.0) * title_rate,
        # The dump's own habit, growing with the evidence: once most articles so far opened
        # with a headline, a headline-shaped line is a start and a plain paragraph is not.
        "headline_titled_logit": (1.0 if line.headline else 0.0) * title_logit,
        "plain_titled_logit": (0.0 if line.headline else 1.0) * title_logit,
        "headline_before_long": 1.0
        if line.headline and after is not None and after.n_words > line.n_words
        else 0.0,
        "log_words": math.log1p(line.n_words),
        "short": 1.0 if line.n_words <= 16 else 0.0,
        "ends_sentence": 1.0 if line.ends_sentence else 0.0,
        "title_case": shape.title_case_ratio(shape.words(line.text)) if line.n_words else 0.0,
        "kicker": 1.0 if shape.is_kicker(line.text) else 0.0,
        "byline": 1.0 if shape.is_byline(line.text) else 0.0,
        "dateline": 1.0 if shape.dateline(line.text) else 0.0,
        "starts_quote": 1.0 if line.starts_quote else 0.0,
        "starts_continuation": 1.0 if CONTINUATION_START.match(line.text) else 0.0,
        "starts_lower": 1.0 if first_char.islower() else 0.0,
        "cut_then_lower": 1.0 if prev_cut and first_char.islower() else 0.0,
        "ov_content": ov_content,
        "ov_names": ov_names,
        "ov_prev": _overlap(line.content, Counter(prev.content), dump),
        "no_content_words": 1.0 if not line.content else 0.0,
        "new_full_names": min(new_full, 4) / 4,
        "new_full_names_lede": min(new_full, 4) / 4 * (1.0 if line.n_words > 16 else 0.0),
        "renames": min(len(line.full_names & article.full_names), 3) / 3,
        "article_log_words": math.log1p(article.n_words),
        "article_paragraphs": min(article.n_paragraphs, 20) / 20,
        "article_titled_dump": (0.0 if article.has_title else 1.0) * title_rate,
        "next_missing": 1.0 if after is None else 0.0,
        # The line itself stops mid-sentence: the cut tail of the article before ("The
        # Edinburgh"), rarely the start of a new one.
        "line_cut": 1.0 if not line.ends_sentence and not line.headline else 0.0,
        "line_cut_short": 1.0
        if not line.ends_sentence and not line.headline and line.n_words <= 12
        else 0.0,
        "prev_short": 1.0 if prev.n_words <= 8 else 0.0,
        "list_like": 1.0 if prev.n_words <= 8 and line.n_words <= 8 and prev.headline else 0.0,
        "comma_density": min(1.0, line.commas / max(1, line.n_words) * 4),
        "one_sentence": 1.0 if line.sentences == 1 and line.n_words > 12 else 0.0,
        "says_when": 1.0 if WHEN.search(line.text[:200]) else 0.0,
        "perfect": 1.0 if PERFECT.search(line.text[:200]) else 0.0,
        # The article starts over: a syndicated copy or a repost pasted right after itself.
        "repeats_line": 1.0 if line.text in article.seen else 0.0,
    }
    if after is not None:
        # Compare the lede, not a byline or deck sitting between the headline and the lede.
        lede = next((a for a in ahead if not _is_head(a)), after)
        after_ov_article = _overlap(lede.content, article.content, dump)
        after_ov_line = _overlap(lede.content, Counter(line.content), dump)
        f["next_ov_article"] = after_ov_article
        f["next_ov_line"] = after_ov_line
        f["next_prefers_line"] = after_ov_line - after_ov_article
        f["next_byline"] = 1.0 if shape.is_byline(after.text) else 0.0
        f["next_dateline"] = 1.0 if shape.dateline(after.text) else 0.0
        f["next_headline"] = 1.0 if after.headline and not _is_head(after) else 0.0
        # Under a headline comes a lede: one long sentence that says when, in new names.
        lede_shape = (
            lede.sentences <= 2
            and lede.n_words > 15
            and not CONTINUATION_START.match(lede.text)
            and not lede.starts_quote
        )
        f["next_lede"] = 1.0 if lede_shape else 0.0
        f["next_lede_when"] = 1.0 if lede_shape and WHEN.search(lede.text[:200]) else 0.0
        f["next_new_full_names"] = min(len(lede.full_names - article.full_names), 4) / 4
        f["headline_then_lede"] = 1.0 if line.headline and lede_shape else 0.0
        # A new story on the same subject names its people in full again ("Marek Kowalski"),
        # where a continuation paragraph says "Kowalski".
        f["next_renames"] = min(len(lede.full_names & article.full_names), 3) / 3
    return f
