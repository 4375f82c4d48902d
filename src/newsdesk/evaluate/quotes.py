"""`newsdesk eval quotes`: quote spans and speakers on PolNeAR (brat standoff).

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attribution relations in US political
news: a Source span, a Cue span and a Content span (possibly discontinuous), tied by ``E`` lines.
The data folder holds ``attributions/<name>_<annotator>.ann`` and ``text/<name>.txt``; where an
article has several annotators the first ``.ann`` (by name) is used, so no article counts twice.

Three views, each scored for newsdesk and for textacy's direct-quotation extractor (the
baseline) with the same code:

(a) ``quoted``: the text inside quote marks within a gold Content span (a partial quote is just
    its quoted words), against newsdesk's direct and partial quotes;
(b) ``speech``: whole Content spans of attributions whose cue is a verb of saying (the list is
    below, independent of the stage's own cue list), against every newsdesk quote;
(c) ``all``: every attribution, beliefs and reports included, against every newsdesk quote.

Spans are compared as sets of characters, quote marks, edge punctuation and a leading "that"
trimmed. A pair matches when the shared characters are at least the threshold (0.3 and 0.8)
of the LONGER of the two. A quote split by an interleaved "she said" may be one span or two on
either side: in both gold and prediction, pieces of the same attribution (gold) or with the same
speaker (prediction: quoted pieces of one paragraph) less than ``_JOIN_GAP`` characters apart
are scored as one unit.
Matching is one-to-one, best overlap first. Speaker accuracy is over pairs matched at 0.3 whose
gold has a Source: correct when the predicted speaker mention overlaps the gold Source, or the
gold Source's head word is a word of the predicted speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import InputError
from newsdesk.evaluate.report import Report, prf
from newsdesk.record import Article

Interval = tuple[int, int]

# Two pieces this close (an interleaved "she said," is about 15 characters) are one unit.
_JOIN_GAP = 40

# Cues that make an attribution speech (view b): lemmas of verbs and nouns of saying. Written
# for the evaluation from the PolNeAR cue frequency list, not shared with the stage.
_SPEECH_CUES_TEXT = """
    say tell add ask announce claim state explain insist argue write declare note warn deny
    acknowledge admit suggest urge describe respond reply repeat testify tweet post confirm
    assert predict promise vow pledge complain contend comment remark recall joke quip concede
    report emphasize stress mention question charge accuse allege boast brag mock criticize
    praise blast slam attack call chant echo cite agree disagree threaten demand propose
    recommend advise caution counter retort shout yell scream whisper tout speak talk discuss
    describe dismiss reject announce disclose reveal testify interview lament decry denounce
    condemn applaud thank apologize apologise predict estimate suggest point observe conclude
    concede summarize summarise answer plead beg encourage implore order instruct request
    invite challenge dispute rebut refute telling statement remarks according interview
    speech"""
SPEECH_CUES = frozenset(_SPEECH_CUES_TEXT.split())

_QUOTE_CHARS = "\"'“”‘’«»„‟"
_EDGE = re.compile(r"^[\s" + _QUOTE_CHARS + r",.:;—–-]+|[\s" + _QUOTE_CHARS + r",.:;—–-]+$")
# Two apostrophes are a double quote mark in PolNeAR's New York Times copy (''like this'').
_DOUBLE = re.compile(r"''|``|[\"“”«»„]")


@dataclass
class Attribution:
    content: list[Interval]
    source: list[Interval]
    cue: list[Interval]
    cue_text: str


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


@dataclass
class Unit:
    """What is scored: a set of characters (as intervals) and its speaker evidence."""

    spans: list[Interval]
    source: list[Interval] = field(default_factory=list)  # gold
    source_head: str | None = None  # gold
    speaker: str | None = None  # predicted
    speaker_mentions: list[Interval] = field(default_factory=list)  # predicted
    quoted: bool = False  # predicted: from quote marks

    @property
    def size(self) -> int:
        return sum(e - s for s, e in self.spans)


# ---------------------------------------------------------------- reading PolNeAR


def _intervals(spec: str) -> list[Interval]:
    out = []
    for part in spec.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, list[Interval], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, spec = parts[1].partition(" ")
            spans[parts[0]] = (label, _intervals(spec), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E"):
            parts = line.split("\t")
            roles: dict[str, str] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles[role.rstrip("0123456789")] = ref
            events.append(roles)
    out = []
    for roles in events:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        content = spans[roles["Content"]][1]
        source = spans[roles["Source"]][1] if roles.get("Source") in spans else []
        cue_ref = roles.get("Cue")
        cue, cue_text = (spans[cue_ref][1], spans[cue_ref][2]) if cue_ref in spans else ([], "")
        out.append(Attribution(content=content, source=source, cue=cue, cue_text=cue_text))
    return out


def load_polnear(data: Path, *, limit: int | None = None) -> list[GoldArticle]:
    ann_dir, text_dir = data / "attributions", data / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise InputError(
            "expected a PolNeAR split folder with attributions/ and text/", source=str(data)
        )
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    out = []
    for name, ann in sorted(chosen.items()):
        text_path = text_dir / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        out.append(GoldArticle(name=name, text=text, attributions=read_ann(ann)))
        if limit is not None and len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------- units


def _trim(text: str, span: Interval) -> Interval | None:
    start, end = span
    piece = text[start:end]
    m = _EDGE.search(piece)
    if m and m.start() == 0:
        start += m.end()
    piece = text[start:end]
    m = _EDGE.search(piece)
    if m and m.end() == len(piece) and m.start() > 0:
        end = start + m.start()
    if text[start:end].lower().startswith("that "):
        start += 5
    return (start, end) if end > start else None


def _quoted_segments(text: str, span: Interval) -> list[Interval]:
    """Text inside double quote marks within a gold content span (an unclosed mark runs to the
    edge of the span, as a quote continued in the next paragraph does)."""
    start, end = span
    found = list(_DOUBLE.finditer(text, start, end))
    marks = [m.start() for m in found]
    width = {m.start(): m.end() - m.start() for m in found}
    out: list[Interval] = []
    i = 0
    while i < len(marks):
        opening = marks[i]
        if i + 1 < len(marks):
            out.append((opening + width[opening], marks[i + 1]))
            i += 2
        else:
            # One mark left: a closing one with its opening before the span, or an opening
            # one whose closing comes in a later fragment.
            before = text[opening - 1] if opening > 0 else " "
            if text[opening] == "”" or (text[opening] in "\"'" and not before.isspace()):
                out.append((start, opening))
            else:
                out.append((opening + width[opening], end))
            i += 1
    return out


def _join(pieces: list[Interval]) -> list[list[Interval]]:
    """Group sorted pieces: those less than ``_JOIN_GAP`` apart form one unit."""
    groups: list[list[Interval]] = []
    for piece in sorted(pieces):
        if groups and piece[0] - groups[-1][-1][1] < _JOIN_GAP:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _head_word(doc: Any, spans: list[Interval]) -> str | None:
    if not spans or doc is None:
        return None
    start, end = spans[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return str(span.root.text).lower()


def is_speech(cue_text: str, doc: Any, cue: list[Interval]) -> bool:
    words = re.findall(r"[a-z]+", cue_text.lower())
    if any(w in SPEECH_CUES for w in words):
        return True
    if doc is not None:
        for start, end in cue:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and any(t.lemma_.lower() in SPEECH_CUES for t in span):
                return True
    # A transcript's "NAME:" or a dash before a line of speech.
    return cue_text.strip() in {":", "―", "—", "-"}


def gold_units(gold: GoldArticle, view: str, doc: Any) -> list[Unit]:
    units: list[Unit] = []
    for attr in gold.attributions:
        if view == "speech" and not is_speech(attr.cue_text, doc, attr.cue):
            continue
        if view == "quoted":
            pieces = [seg for span in attr.content for seg in _quoted_segments(gold.text, span)]
        else:
            pieces = list(attr.content)
        trimmed = [t for p in pieces if (t := _trim(gold.text, p))]
        if not trimmed:
            continue
        head = _head_word(doc, attr.source)
        groups = _join(trimmed) if view == "quoted" else [sorted(trimmed)]
        units.extend(Unit(spans=g, source=attr.source, source_head=head) for g in groups)
    return units


@dataclass
class Predicted:
    start: int
    end: int
    speaker: str | None
    speaker_mention: Interval | None
    quoted: bool


def predicted_units(text: str, preds: Sequence[Predicted], view: str) -> list[Unit]:
    if view == "quoted":
        chosen = [p for p in preds if p.quoted]
    else:
        # A partial quote inside an indirect one is the same speech event: score the larger.
        chosen = [
            p
            for p in preds
            if not any(
                q is not p and q.start <= p.start and p.end <= q.end and not q.quoted for q in preds
            )
        ]
    units: list[Unit] = []
    for p in sorted(chosen, key=lambda p: p.start):
        span = _trim(text, (p.start, p.end))
        if span is None:
            continue
        last = units[-1] if units else None
        if (
            last is not None
            and p.quoted
            and last.quoted
            and last.speaker is not None
            and last.speaker == p.speaker
            and 0 <= span[0] - last.spans[-1][1] < _JOIN_GAP
            and "\n" not in text[last.spans[-1][1] : span[0]]
        ):
            last.spans.append(span)
            if p.speaker_mention is not None:
                last.speaker_mentions.append(p.speaker_mention)
            continue
        mentions = [p.speaker_mention] if p.speaker_mention is not None else []
        units.append(
            Unit(spans=[span], speaker=p.speaker, speaker_mentions=mentions, quoted=p.quoted)
        )
    return units


# ---------------------------------------------------------------- scoring


def _shared(a: list[Interval], b: list[Interval]) -> int:
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


def _speaker_ok(pred: Unit, gold: Unit) -> bool:
    if _shared(pred.speaker_mentions, gold.source):
        return True
    if gold.source_head and pred.speaker:
        return gold.source_head in re.findall(r"[\w']+", pred.speaker.lower())
    return False


@dataclass
class Counts:
    n_pred: int = 0
    n_gold: int = 0
    tp: dict[float, int] = field(default_factory=dict)
    speaker_total: int = 0
    speaker_correct: int = 0


def match(preds: list[Unit], golds: list[Unit], threshold: float) -> list[tuple[Unit, Unit]]:
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            shared = _shared(p.spans, g.spans)
            if shared:
                ratio = shared / max(p.size, g.size)
                if ratio >= threshold:
                    candidates.append((ratio, i, j))
    candidates.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((preds[i], golds[j]))
    return pairs


THRESHOLDS = (0.3, 0.8)
VIEWS = ("quoted", "speech", "all")


def score_article(
    counts: dict[str, Counts],
    text: str,
    golds_by_view: dict[str, list[Unit]],
    preds: list[Predicted],
) -> None:
    for view in VIEWS:
        c = counts[view]
        p_units = predicted_units(text, preds, view)
        g_units = golds_by_view[view]
        c.n_pred += len(p_units)
        c.n_gold += len(g_units)
        for threshold in THRESHOLDS:
            pairs = match(p_units, g_units, threshold)
            c.tp[threshold] = c.tp.get(threshold, 0) + len(pairs)
            if threshold == THRESHOLDS[0]:
                for p, g in pairs:
                    if g.source:
                        c.speaker_total += 1
                        c.speaker_correct += _speaker_ok(p, g)


def newsdesk_predictions(article: Article) -> list[Predicted]:
    out = []
    for q in article.quotes:
        m = q.speaker_mention
        out.append(
            Predicted(
                start=q.start,
                end=q.end,
                speaker=q.speaker,
                speaker_mention=(m.start, m.end) if m else None,
                quoted=q.kind in ("direct", "partial"),
            )
        )
    return out


def textacy_predictions(doc: Any) -> list[Predicted]:
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy's rules fail on some parses; the baseline then finds nothing
        triples = []
    for speaker, _cue, content in triples:
        mention = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
        out.append(
            Predicted(
                start=content.start_char,
                end=content.end_char,
                speaker=" ".join(t.text for t in speaker) if speaker else None,
                speaker_mention=mention,
                quoted=True,
            )
        )
    return out


def _run_pipeline(golds: Iterable[GoldArticle]) -> Iterator[tuple[GoldArticle, Article]]:
    from newsdesk.pipeline import Pipeline
    from newsdesk.stages import create_stage
    from newsdesk.stages.quotes import QuoteExtractor

    golds = list(golds)
    # The entities stage as registered (improved elsewhere), then this stage.
    pipeline = Pipeline([create_stage("parse"), create_stage("entities"), QuoteExtractor()])
    articles = (Article(text=g.text, id=g.name) for g in golds)
    yield from zip(golds, pipeline.pipe(articles, keep_doc=True), strict=True)


def evaluate(data: Path, *, limit: int | None = None) -> Report:
    golds = load_polnear(data, limit=limit)
    systems = ("newsdesk", "textacy")
    counts = {s: {v: Counts() for v in VIEWS} for s in systems}
    for gold, article in _run_pipeline(golds):
        doc = article.doc
        by_view = {v: gold_units(gold, v, doc) for v in VIEWS}
        score_article(counts["newsdesk"], gold.text, by_view, newsdesk_predictions(article))
        score_article(counts["textacy"], gold.text, by_view, textacy_predictions(doc))
        article.doc = None
    report = Report(task="quotes", data=str(data))
    for system in systems:
        for view in VIEWS:
            c = counts[system][view]
            metrics: dict[str, float | int | str | None] = {}
            for threshold in THRESHOLDS:
                p, r, f = prf(c.tp[threshold] if c.tp else 0, c.n_pred, c.n_gold)
                if threshold == THRESHOLDS[0]:
                    # P and R at the strict threshold follow from F1 and the counts; kept
                    # out so the table fits a terminal.
                    metrics[f"P@{threshold}"] = p
                    metrics[f"R@{threshold}"] = r
                metrics[f"F1@{threshold}"] = f
            metrics["speaker"] = c.speaker_correct / c.speaker_total if c.speaker_total else 0.0
            metrics["gold"] = c.n_gold
            metrics["pred"] = c.n_pred
            report.add(f"{system} ({view})", **metrics)
    report.notes.append(
        f"{len(golds)} articles. Views: quoted = text in quote marks inside gold content; "
        "speech = attributions with a verb of saying (indirect included); all = every "
        "attribution. Overlap is relative to the longer span; speaker accuracy is over pairs "
        "matched at 0.3 whose gold has a Source."
    )
    return report
