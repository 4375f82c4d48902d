"""Quotes and their speakers: quoted speech in quote marks, and reported (indirect) speech.

Reads the shared parse (``article.doc``) and the article's entities; never parses again.

- Quote marks (``quotes_marks``): straight and curly, double and single, quotes running over
  paragraphs and quotes left open by a truncated article. A quoted stretch is ``direct`` when
  it stands as a sentence of its own beside its attribution, ``partial`` when it is a fragment
  of the writer's sentence (Moscow said it would present a “memorandum”).
- Speaker: the cue verb nearest the quote in its sentence (a verb governing the quote first)
  and that verb's subject; with no cue in the sentence, the speaker of the quote just before
  it, else a cue in the sentences before or after (``max_sentences_to_speaker``).
- Scare quotes and names in quote marks (a “buffer zone”, “Shark Tank”): a short quoted
  phrase with no cue in its sentence, or a title-cased one inside the writer's sentence, is
  not speech and is not reported.
- Indirect speech: a cue verb with a clausal complement (Ukraine said it had carried out an
  attack), the clause before an inverted "..., officials said", "according to X", the
  object-plus-infinitive of "urged X to ...", "called for X", "asked about X" and the object
  of verbs like "denied" or "praised". A partial quote inside reported speech is reported
  twice: as the quoted fragment (partial) and inside the clause (indirect).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import Any

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id

from newsdesk.record import Article, Quote
from newsdesk.stages.quotes_marks import Marked, find_quoted
from newsdesk.stages.quotes_speakers import (
    PERSON_PRONOUNS,
    WEAK_CUES,
    EntityIndex,
    Speaker,
    is_cue,
    looks_like_speaker,
    resolve,
    subject_of,
    trailing_attribution,
)

_SENTENCE_END = frozenset({".", "!", "?"})
# Context examined on each side of a quote for its cue, in tokens.
_CONTEXT = 40
# A quoted phrase of at most this many words with no cue in its sentence (or nobody named as
# saying it) is a scare quote or a name, not speech. Swept 2/3/4/6 on two PolNeAR train
# slices: quoted F1@0.3 flat (0.920-0.923) for 2-4, 6 loses recall; 4 has the best precision
# and speaker accuracy (0.934 / 0.913 on slice 0).
_SCARE_WORDS = 4
# Verbs whose object-plus-infinitive is reported speech ("urged voters to ...").
_XCOMP_CUES = frozenset(
    {
        "urge",
        "ask",
        "tell",
        "call",
        "warn",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "encourage",
        "order",
        "advise",
        "implore",
        "beg",
    }
)


# Verbs whose direct object is what was said ("denied the report", "praised the deal").
_OBJECT_CUES_TEXT = """
    praise criticize criticise thank discuss mention cite announce propose deny reject dismiss
    predict demand acknowledge admit tout blast slam attack mock condemn denounce applaud decry
    lament recommend urge promise pledge vow threaten accuse question dispute defend endorse
    describe reveal disclose confirm report"""
_OBJECT_CUES = frozenset(_OBJECT_CUES_TEXT.split())
# Verbs whose topic is what was said ("asked about the merger", "spoke on trade").
_ABOUT_CUES = frozenset(
    {"ask", "talk", "speak", "testify", "comment", "complain", "warn", "write", "joke", "tweet"}
)


class QuoteExtractor:
    """Find quotes and attribute each to its speaker."""

    name = "quotes"
    requires: tuple[str, ...] = ("doc", "entities")
    assigns: tuple[str, ...] = ("quotes",)
    options: tuple[str, ...] = ("max_sentences_to_speaker", "indirect")

    # max_sentences_to_speaker: how far back a quote with no cue of its own looks for the
    # speaker. 1, 2 and 3 score within 0.004 speaker accuracy on PolNeAR train slices; 2.
    def __init__(self, *, max_sentences_to_speaker: int = 2, indirect: bool = True) -> None:
        self.max_sentences_to_speaker = max_sentences_to_speaker
        self.indirect = indirect

    def __call__(self, article: Article) -> Article:
        article.quotes = extract_quotes(
            article,
            max_sentences_to_speaker=self.max_sentences_to_speaker,
            indirect=self.indirect,
        )
        article.assigned.update(self.assigns)
        return article

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Article]:
        for article in articles:
            yield self(article)


class _Context:
    """Per-article lookups: token at a character, quote-mark cover, sentence numbers."""

    def __init__(self, article: Article, marked: list[Marked]) -> None:
        self.article = article
        self.doc = article.doc
        self.text = article.text
        self.starts: list[int] = self.doc.to_array(IDX).tolist()
        self.marked = marked
        self.cover = [(m.open, (m.close + 1) if m.close is not None else m.end) for m in marked]
        self.index = EntityIndex(article, self.cover)
        self.sents = list(self.doc.sents)
        self.sent_of = [0] * len(self.doc)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        # Whether each token starts inside quote marks: one pass, so lookups stay O(1) on
        # long articles with many quotes.
        self.in_quotes = [False] * len(self.doc)
        for start, end in self.cover:
            first = self.token_at(start)
            if self.starts[first] < start:
                first += 1
            for i in range(first, len(self.doc)):
                if self.starts[i] >= end:
                    break
                self.in_quotes[i] = True

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def quoted(self, token: Any) -> bool:
        return bool(self.in_quotes[token.i])


def extract_quotes(
    article: Article, *, max_sentences_to_speaker: int = 2, indirect: bool = True
) -> list[Quote]:
    if article.doc is None or not len(article.doc):
        return []
    marked = find_quoted(article.text)
    ctx = _Context(article, marked)
    quotes: list[Quote] = []
    found: list[tuple[Quote, Marked]] = []
    previous: tuple[Quote, int] | None = None
    for m in marked:
        quote = _marked_quote(ctx, m, previous, max_sentences_to_speaker)
        if quote is not None:
            quotes.append(quote)
            found.append((quote, m))
            if quote.speaker is not None:
                previous = (quote, ctx.sent_of[ctx.token_at(m.end - 1)])
    _speaker_from_next(ctx, found)
    if indirect:
        quotes.extend(_indirect_quotes(ctx, quotes))
    quotes.sort(key=lambda q: (q.start, q.end))
    _pronouns_to_previous_speaker(quotes)
    return quotes


def _pronouns_to_previous_speaker(quotes: list[Quote]) -> None:
    """ "The mayor said ... “...,” he wrote": a "he" or "she" no named person explains is the
    speaker of the quote before (a description: the mayor)."""
    last: Quote | None = None
    for quote in quotes:
        name = (quote.speaker or "").lower()
        if name in PERSON_PRONOUNS and last is not None:
            quote.speaker, quote.speaker_entity = last.speaker, last.speaker_entity
        elif quote.speaker and name not in PERSON_PRONOUNS and name not in ("it", "they"):
            last = quote


# ---------------------------------------------------------------- quotes in quote marks


def _speaker_from_next(ctx: _Context, found: list[tuple[Quote, Marked]]) -> None:
    """“We will win.” / “They will not,” she said: a quote with no speaker of its own, right
    before a quote of the next sentence that has one, is the same speaker's."""
    for (quote, m), (nxt, m2) in pairwise(found):
        if quote.speaker is not None or nxt.speaker is None or nxt.cue is None:
            continue
        gap = ctx.sent_of[ctx.token_at(m2.start)] - ctx.sent_of[ctx.token_at(m.end - 1)]
        if gap <= 1 and text_between_is_blank(ctx.text, m, m2):
            quote.speaker, quote.speaker_entity = nxt.speaker, nxt.speaker_entity
            quote.speaker_mention, quote.cue = nxt.speaker_mention, nxt.cue


def text_between_is_blank(text: str, m: Marked, m2: Marked) -> bool:
    end = (m.close + 1) if m.close is not None else m.end
    return not text[end : m2.open].strip(" \n\t\u00a0")


def _colon_before(ctx: _Context, open_at: int, left: list[Any]) -> list[Any]:
    """The words before a colon that introduces the quote, on its line or the line before
    ("Trump issued the following statement:" then the quote as its own paragraph)."""
    if left and left[-1].text == ":":
        return left[:-1]
    if left:
        return []
    pos = open_at - 1
    while pos >= 0 and ctx.text[pos].isspace():
        pos -= 1
    if pos < 0 or ctx.text[pos] != ":":
        return []
    return _left_context(ctx, ctx.token_at(pos))


def _colon_speaker(ctx: _Context, left: list[Any]) -> Speaker | None:
    """Shaw agreed: “...”: the name right before the colon, else the subject of the clause
    before it ("The timing does not surprise pollster Daron Shaw:" is Shaw's)."""
    if left and left[-1].ent_type_ in ("PERSON", "ORG"):
        return resolve(left[-1], ctx.index, ctx.article)
    for token in reversed(left):
        if token.dep_ in ("nsubj", "nsubjpass") and token.head in left:
            return resolve(token, ctx.index, ctx.article)
    for token in reversed(left):
        if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return resolve(token, ctx.index, ctx.article)
    return None


def _left_context(ctx: _Context, first: int) -> list[Any]:
    doc = ctx.doc
    out: list[Any] = []
    i = first - 1
    while i >= 0 and len(out) < _CONTEXT:
        token = doc[i]
        if "\n" in token.text or (token.text in _SENTENCE_END and not ctx.quoted(token)):
            break
        # Other quotes of the same sentence are stepped over: "X said it was “hard” to
        # look past his “socialism”" has one cue for both.
        if not ctx.quoted(token):
            out.append(token)
        i -= 1
    out.reverse()
    return out


def _right_context(ctx: _Context, last: int) -> list[Any]:
    doc = ctx.doc
    out: list[Any] = []
    i = last + 1
    while i < len(doc) and len(out) < _CONTEXT:
        token = doc[i]
        if "\n" in token.text or ctx.quoted(token):
            break
        out.append(token)
        if token.text in _SENTENCE_END:
            break
        i += 1
    return out


def _governs(cue: Any, first: int, last: int) -> bool:
    return any(cue in token.ancestors for token in cue.doc[first : last + 1])


def _find_cue(left: list[Any], right: list[Any], first: int, last: int) -> Any | None:
    cues = [t for t in right if is_cue(t)] + [t for t in reversed(left) if is_cue(t)]
    if not cues:
        return None
    with_subject = [c for c in cues if subject_of(c) is not None]
    pool = with_subject or cues
    governing = [c for c in pool if _governs(c, first, last)]
    if governing:
        # Innermost first; but "a source said the hacked areas suggested “...”" is the
        # source's: skip an inner cue whose subject is not a plausible speaker.
        governing.sort(key=lambda c: -len(list(c.ancestors)))
        for c in governing:
            head = subject_of(c)
            if head is not None and looks_like_speaker(head):
                return c
        return governing[0]
    return min(pool, key=lambda c: min(abs(c.i - first), abs(c.i - last)))


def _speaker_from(cue: Any, ctx: _Context) -> Speaker | None:
    head = subject_of(cue)
    if head is not None and ctx.quoted(head):
        # '"... Every single amendment," said Cruz': the parser took a quoted word for the
        # subject; the speaker is the name beside the cue.
        head = None
        for i in (cue.i + 1, cue.i - 1):
            if 0 <= i < len(ctx.doc):
                near = ctx.doc[i]
                if near.pos_ in ("PROPN", "PRON", "NOUN") and not ctx.quoted(near):
                    head = near
                    break
        if head is not None:
            return resolve(head, ctx.index, ctx.article)
    if head is None:
        # "said Zelenskiy" parsed with the name as an object.
        for child in cue.children:
            if (
                child.i > cue.i
                and child.pos_ == "PROPN"
                and child.dep_ in ("dobj", "npadvmod", "attr", "oprd")
            ):
                head = child
                break
    if head is None:
        return None
    return resolve(head, ctx.index, ctx.article)


def _nearby_cue(ctx: _Context, sentence: int, before: bool, limit: int) -> Any | None:
    """A cue with a subject in the ``limit`` sentences before (or after) ``sentence``."""
    sents = ctx.sents
    steps = (
        range(sentence - 1, max(-1, sentence - 1 - limit), -1)
        if before
        else range(sentence + 1, min(len(sents), sentence + 1 + limit))
    )
    for n in steps:
        sent = sents[n]
        cues = [t for t in sent if is_cue(t) and not ctx.quoted(t) and subject_of(t) is not None]
        words = [t for t in sent if not t.is_space]
        if before and not cues and words and words[-1].text == ":":
            # "Clinton released a statement:" then the quote.
            cues = [t for t in words if t.dep_ == "ROOT" and subject_of(t) is not None]
        if before and cues:
            # The sentence's main cue ("Corker said ..., pointing out that senators voted to
            # insist ...": said), the last one among equals.
            return min(reversed(cues), key=lambda t: len(list(t.ancestors)))
        if not before and cues and cues[0].i - sent.start <= 8:
            return cues[0]
    return None


def _marked_quote(
    ctx: _Context,
    m: Marked,
    previous: tuple[Quote, int] | None,
    max_sentences: int,
) -> Quote | None:
    text = ctx.text
    open_tok = ctx.token_at(m.open)
    close_tok = ctx.token_at(m.close) if m.close is not None else ctx.token_at(m.end - 1)
    first, last = ctx.token_at(m.start), ctx.token_at(m.end - 1)
    left = _left_context(ctx, open_tok)
    right = _right_context(ctx, close_tok) if m.close is not None else []
    end = m.end
    while end > m.start and text[end - 1] in ", ":
        end -= 1
    content = text[m.start : end]
    words = len(content.split())

    cue = _find_cue(left, right, first, last)
    speaker = _speaker_from(cue, ctx) if cue is not None else None
    cue_text = cue.text if cue is not None else None
    if cue is not None and cue.lower_ == "according":
        cue_text = "according to"

    starts_upper = content[:1].isupper() or not content[:1].isalpha()
    lead = [t for t in left if not t.is_punct]
    ends_sentence = content.rstrip("\"'”’)]")[-1:] in (".", "?", "!", ",")
    is_direct = starts_upper and (
        not lead
        or left[-1].text in (":", ",")
        or (cue is not None and cue in left and ends_sentence)
        or m.paragraphs > 1
    )
    titled = all(w[:1].isupper() for w in content.split() if w[:1].isalpha() and len(w) > 3)
    if titled and words <= 8 and not is_direct:
        return None  # a title or a name: Trump told “The View”
    if cue is None and words <= _SCARE_WORDS:
        return None
    if speaker is None and cue is None:
        colon = _colon_before(ctx, m.open, left)
        if colon:
            speaker = _colon_speaker(ctx, colon)
    if speaker is None:
        sentence = ctx.sent_of[first]
        adjacent = previous is not None and sentence - previous[1] <= 1
        just_before = _nearby_cue(ctx, sentence, True, 1) if cue is None else None
        if just_before is not None and not adjacent:
            # "Clinton touted her record." then the quote: the sentence before names her.
            speaker = _speaker_from(just_before, ctx)
            cue_text = just_before.text
        elif (
            previous is not None
            and sentence - previous[1] <= max_sentences
            and (cue is None or cue_text is None)
        ):
            prev_quote = previous[0]
            speaker = Speaker(
                name=prev_quote.speaker or "",
                entity=prev_quote.speaker_entity,
                mention=prev_quote.speaker_mention,  # type: ignore[arg-type]
            )
        else:
            near = _nearby_cue(ctx, sentence, True, max_sentences)
            if near is None and is_direct:
                near = _nearby_cue(ctx, ctx.sent_of[last], False, 1)
            if near is not None:
                speaker = _speaker_from(near, ctx)
                if cue is None:
                    cue_text = near.text
    if speaker is None and words <= _SCARE_WORDS and not is_direct:
        return None  # a short quoted phrase nobody is named as saying: a scare quote
    if not is_direct:
        # A fragment's closing period belongs to the writer's sentence ("a “memorandum.”").
        while end > m.start + 1 and text[end - 1] in ".,;":
            end -= 1
        content = text[m.start : end]
    return Quote(
        text=content,
        start=m.start,
        end=end,
        kind="direct" if is_direct else "partial",
        speaker=speaker.name if speaker is not None else None,
        speaker_entity=speaker.entity if speaker is not None else None,
        speaker_mention=speaker.mention if speaker is not None else None,
        cue=cue_text,
    )


# ---------------------------------------------------------------- indirect speech


def _span_of(tokens: list[Any]) -> tuple[int, int] | None:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "mark" or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return start, _close_quote(tokens[0].doc.text, start, end)


def _close_quote(text: str, start: int, end: int) -> int:
    """The end of a span that stops inside a quote it opened ('the call as "positive'):
    the closing mark right after it is kept ('the call as "positive"')."""
    inside = text[start:end]
    if end < len(text) and (
        (text[end] == '"' and inside.count('"') % 2 == 1)
        or (text[end] == "”" and inside.count("“") > inside.count("”"))
    ):
        return end + 1
    return end


def _content_of(cue: Any) -> list[Any] | None:
    lemma = cue.lemma_.lower()
    if cue.lower_ == "according":
        main = cue.head
        while main.pos_ not in ("VERB", "AUX") and main.dep_ != "ROOT":
            main = main.head
        skip = {t.i for t in cue.subtree}
        return [t for t in main.subtree if t.i not in skip]
    for child in cue.children:
        if child.dep_ == "ccomp":
            # "said he welcomed it and added, “...”": the second speech act is not this one's.
            nested = {
                t.i
                for t in child.subtree
                if t.dep_ == "conj" and t is not child and is_cue(t)
                for t in t.subtree
            }
            tokens = [t for t in child.subtree if t.i not in nested]
            return tokens + _lead_in(cue, child)
    if lemma in _XCOMP_CUES:
        for child in cue.children:
            if child.dep_ == "xcomp":
                tokens = list(child.subtree)
                objects = [c for c in cue.children if c.dep_ in ("dobj", "dative")]
                for obj in objects:
                    tokens.extend(obj.subtree)
                return tokens
    if lemma == "call":
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ == "for":
                return [t for c in child.children if c.dep_ == "pobj" for t in c.subtree]
    if lemma in _ABOUT_CUES:
        for child in cue.children:
            if child.dep_ == "prep" and child.i > cue.i and _topic(child):
                return list(child.subtree)  # "asked about the merger"
    if lemma in _OBJECT_CUES:
        # "praised voters for their patience": what was said is the object, with its reason.
        objects = [c for c in cue.children if c.dep_ == "dobj"]
        if objects:
            tokens = list(objects[0].subtree)
            for child in cue.children:
                if child.dep_ == "prep" and child.lower_ in ("for", "as") and child.i > cue.i:
                    tokens.extend(child.subtree)
            return tokens
    trailing = trailing_attribution(cue)
    if trailing is not None:
        return list(cue.doc[cue.sent.start : trailing[1]])
    if cue.dep_ == "parataxis" or (
        cue.dep_ == "ccomp"
        and cue.i > cue.head.i
        and not any(c.dep_ == "mark" for c in cue.children)
    ):
        # "Protocol called for a trauma centre, sources said": the clause before the cue.
        # Not a cue inside a that-clause ("Tusk said that he would ask parliament for a
        # vote": the words before it are the writer's, not what was asked).
        skip = {t.i for t in cue.subtree}
        sent = cue.sent
        return [t for t in cue.head.subtree if t.i not in skip and t.i >= sent.start]
    return None


def _special_frame(cue: Any) -> bool:
    """The frames in which a weak cue reports speech: "called for", "called on X to",
    "spoke about"."""
    if cue.lemma_.lower() == "call":
        return any(
            (c.dep_ == "prep" and c.lower_ == "for") or c.dep_ == "xcomp" for c in cue.children
        )
    return any(c.dep_ == "prep" and _topic(c) for c in cue.children)


def _topic(prep: Any) -> bool:
    """ "about X" is a topic; "on X" only when X is no date and no "condition of anonymity"."""
    if prep.lower_ == "about":
        return True
    if prep.lower_ != "on":
        return False
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.ent_type_ not in ("DATE", "TIME") and o.lemma_ != "condition" for o in objects
    )


def _lead_in(cue: Any, clause: Any) -> list[Any]:
    """ "In a merger, he said, the brand would survive": the words before an interleaved
    "he said," belong to what was said."""
    subject = subject_of(cue)
    doc = cue.doc
    if subject is None or clause.i < cue.i or cue.i + 1 >= len(doc) or doc[cue.i + 1].text != ",":
        return []
    first = subject.left_edge.i
    sent_start = cue.sent.start
    if first - 1 <= sent_start or doc[first - 1].text != ",":
        return []
    return list(doc[sent_start : first - 1])


_ACCORDING, _GO = get_string_id("according"), get_string_id("go")


def cue_candidates(doc: Any) -> list[int]:
    """Indexes of the tokens ``is_cue`` can accept: a verb or an auxiliary, "according" (to)
    or a form of "go" (on); ``is_cue`` rejects every other token. Read from arrays, so that the
    scan makes a Token for these few only (tests/stages/test_quotes.py checks the superset)."""
    rows = doc.to_array([POS, LOWER, LEMMA]).tolist()
    return [
        i
        for i, (pos, lower, lemma) in enumerate(rows)
        if pos in (VERB, AUX) or lower == _ACCORDING or lemma == _GO
    ]


def _indirect_quotes(ctx: _Context, marked_quotes: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    marked_quotes = sorted(marked_quotes, key=lambda q: q.start)
    starts = [q.start for q in marked_quotes]
    longest = max((q.end - q.start for q in marked_quotes), default=0)

    def near(start: int, end: int) -> list[Quote]:
        """Quotes that can overlap [start, end): bisect instead of scanning them all."""
        lo = bisect_right(starts, start - longest - 1)
        hi = bisect_right(starts, end)
        return [q for q in marked_quotes[lo:hi] if q.start < end and start < q.end]

    doc = ctx.doc
    for i in cue_candidates(doc):
        cue = doc[i]
        if not is_cue(cue) or ctx.quoted(cue):
            continue
        lemma = cue.lemma_.lower()
        if lemma in WEAK_CUES and lemma not in ("call", "talk", "speak"):
            continue
        tokens = _content_of(cue)
        if lemma in WEAK_CUES and tokens and not _special_frame(cue):
            continue
        if not tokens:
            continue
        span = _span_of(tokens)
        if span is None or span in seen:
            continue
        start, end = span
        overlapping = near(start, end)
        if any(q.kind == "direct" for q in overlapping) or any(
            t.dep_ in ("nsubj", "nsubjpass") and t.head is cue for t in tokens
        ):
            continue  # a clause running into a quoted sentence is a misparse
        covered = sum(min(end, q.end) - max(start, q.start) for q in overlapping)
        if covered >= 0.8 * (end - start):
            continue  # the quote marks already give this speech
        speaker = _speaker_from(cue, ctx)
        if speaker is None:
            continue
        seen.add(span)
        out.append(
            Quote(
                text=ctx.text[start:end],
                start=start,
                end=end,
                kind="indirect",
                speaker=speaker.name,
                speaker_entity=speaker.entity,
                speaker_mention=speaker.mention,
                cue="according to" if cue.lower_ == "according" else cue.text,
            )
        )
    return out
