"""`newsdesk eval segment`: split synthetic dumps into articles and score against the gold.

The dumps are built by ``newsdesk.evaluate.segment_dumps`` from the held-out part of the data
(PolNeAR dev + half of BBC News; the boundary model is trained on the other part), with a fixed
seed. Scores, per system:

- boundary precision / recall / F1: a predicted article start matches a gold start on the
  same dump line;
- exact: share of gold articles predicted with exactly the same first and last line;
- truncation accuracy: for every gold article, the ``truncated`` flag of the predicted article
  that holds its last body line;
- caption precision / recall / F1 over caption lines;
- title accuracy: share of titled gold articles whose predicted article has that title;
- one-article: share of single-article dumps left as one article.

Baselines in the same table: every line an article, blank-line blocks, and the first
segmenter (headline-shaped lines start articles). "gold boundaries" scores the truncation
rule alone, with the gold articles given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.evaluate.report import Report, prf
from newsdesk.evaluate.segment_dumps import Dump, build_dumps, load_sources
from newsdesk.segment import Segment, segment_lines
from newsdesk.segment import lines as shape

SEED = 13
Segmenter = Callable[[list[str]], Iterable[Segment]]


@dataclass(slots=True)
class Tally:
    starts_tp: int = 0
    starts_pred: int = 0
    starts_gold: int = 0
    exact: int = 0
    articles: int = 0
    trunc_right: int = 0
    cap_tp: int = 0
    cap_pred: int = 0
    cap_gold: int = 0
    titled: int = 0
    title_right: int = 0
    singles: int = 0
    singles_kept: int = 0
    per_layout: dict[str, list[int]] = field(default_factory=dict)

    def add(self, dump: Dump, predicted: list[Segment]) -> None:
        gold_starts = {g.first_line for g in dump.gold}
        pred_starts = {s.first_line for s in predicted}
        tp = len(gold_starts & pred_starts)
        self.starts_tp += tp
        self.starts_pred += len(pred_starts)
        self.starts_gold += len(gold_starts)
        layout = self.per_layout.setdefault(dump.layout, [0, 0, 0])
        layout[0] += tp
        layout[1] += len(pred_starts)
        layout[2] += len(gold_starts)
        spans = {(s.first_line, s.last_line): s for s in predicted}
        holder: dict[int, Segment] = {}
        for seg in predicted:
            for line in range(seg.first_line, seg.last_line + 1):
                holder[line] = seg
        for g in dump.gold:
            self.articles += 1
            self.exact += (g.first_line, g.last_line) in spans
            found = holder.get(g.body_lines[-1])
            self.trunc_right += found is not None and found.truncated == g.truncated
            if g.title is not None:
                self.titled += 1
                self.title_right += (
                    found is not None
                    and found.title == g.title
                    and found.first_line == g.first_line
                )
        gold_caps = {line for g in dump.gold for line in g.caption_lines}
        pred_caps = {line for s in predicted for line in s.caption_lines}
        self.cap_tp += len(gold_caps & pred_caps)
        self.cap_pred += len(pred_caps)
        self.cap_gold += len(gold_caps)
        if len(dump.gold) == 1:
            self.singles += 1
            self.singles_kept += len(predicted) == 1

    def metrics(self) -> dict[str, float | int | str | None]:
        p, r, f = prf(self.starts_tp, self.starts_pred, self.starts_gold)
        cp, cr, cf = prf(self.cap_tp, self.cap_pred, self.cap_gold)
        return {
            "boundary_p": p,
            "boundary_r": r,
            "boundary_f1": f,
            "exact": self.exact / self.articles if self.articles else 0.0,
            "truncation_acc": self.trunc_right / self.articles if self.articles else 0.0,
            "caption_p": cp,
            "caption_r": cr,
            "caption_f1": cf,
            "title_acc": self.title_right / self.titled if self.titled else None,
            "one_article": self.singles_kept / self.singles if self.singles else None,
            "articles": self.articles,
        }


# --- baselines ---------------------------------------------------------------------------


def each_line(lines: list[str]) -> Iterator[Segment]:
    """Every non-blank line is an article."""
    for number, line in enumerate(lines):
        if line.strip():
            seg = Segment(first_line=number, last_line=number, paragraphs=[line.strip()])
            seg.paragraph_lines = [number]
            seg.truncated = shape.detect_truncation(seg.text)
            yield seg


def blank_blocks(lines: list[str]) -> Iterator[Segment]:
    """Blocks of non-blank lines between blank lines are articles."""
    seg: Segment | None = None
    for number, line in enumerate([*lines, ""]):
        if not line.strip():
            if seg is not None:
                seg.truncated = shape.detect_truncation(seg.text)
                yield seg
            seg = None
            continue
        if seg is None:
            seg = Segment(first_line=number, last_line=number)
        seg.paragraphs.append(line.strip())
        seg.paragraph_lines.append(number)
        seg.last_line = number


_OLD_CAPTION = re.compile(
    r"^\s*(?:photo|photograph|picture|pictured|image|caption|file photo|video|graphic)"
    r"(?:\s*(?:credit|\(s\)))?\s*[:|/\-]",
    re.IGNORECASE,
)


def _old_headline(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 18:
        return False
    stripped = line.rstrip()
    if stripped[-1] in ".!?,;:\"'\u201d\u2019":
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


def headline_rule(lines: list[str]) -> Iterator[Segment]:
    """The first segmenter: blank lines and headline-shaped lines start articles."""
    seg: Segment | None = None
    blank_before = True
    for number, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        if _OLD_CAPTION.match(line):
            if seg is None:
                seg = Segment(first_line=number, last_line=number)
            seg.captions.append(line)
            seg.caption_lines.append(number)
            seg.last_line = number
            blank_before = False
            continue
        if seg is None or (_old_headline(line) and (blank_before or bool(seg.paragraphs))):
            if seg is not None and (seg.paragraphs or seg.title):
                seg.truncated = shape.detect_truncation(seg.text)
                yield seg
            seg = Segment(first_line=number, last_line=number)
            if _old_headline(line):
                seg.title = line
            else:
                seg.paragraphs.append(line)
        else:
            seg.paragraphs.append(line)
            seg.last_line = number
        blank_before = False
    if seg is not None and (seg.paragraphs or seg.title):
        seg.truncated = shape.detect_truncation(seg.text)
        yield seg


def gold_boundaries(dump: Dump) -> list[Segment]:
    """The gold articles, with captions and truncation found by newsdesk's rules."""
    out = []
    for g in dump.gold:
        seg = Segment(first_line=g.first_line, last_line=g.last_line)
        for line in range(g.first_line, g.last_line + 1):
            text = dump.lines[line].strip()
            if not text:
                continue
            if shape.is_caption(text):
                seg.captions.append(text)
                seg.caption_lines.append(line)
            elif line == g.first_line and g.title is not None:
                seg.title = text
            else:
                seg.paragraphs.append(text)
        seg.truncated = shape.detect_truncation(seg.text)
        out.append(seg)
    return out


def score(dumps: list[Dump], system: Segmenter) -> dict[str, float | int | str | None]:
    tally = Tally()
    for dump in dumps:
        tally.add(dump, list(system(dump.lines)))
    return tally.metrics()


def evaluate(data: Path, *, limit: int | None = None, seed: int = SEED) -> Report:
    """Score newsdesk's segmenter and the baselines on dumps from the held-out part."""
    sources = load_sources(data, "test")
    dumps = list(build_dumps(sources, seed=seed))
    if limit is not None:
        dumps = dumps[:limit]
    report = Report(task="segment", data=str(data))
    tally = Tally()
    for dump in dumps:
        tally.add(dump, list(segment_lines(dump.lines)))
    report.add("newsdesk", **tally.metrics())
    report.add("each line an article", **score(dumps, each_line))
    report.add("blank-line blocks", **score(dumps, blank_blocks))
    report.add("headline rule (first segmenter)", **score(dumps, headline_rule))
    report.add("gold boundaries + newsdesk rules", **score_gold(dumps))
    n_lines = sum(len(d.lines) for d in dumps)
    report.notes.append(
        f"{len(dumps)} dumps, {n_lines} lines, {tally.articles} articles from the held-out part "
        f"(PolNeAR dev + half of BBC News), seed {seed}. Boundary F1 by layout: "
        + ", ".join(
            f"{name} {prf(*counts)[2]:.3f}" for name, counts in sorted(tally.per_layout.items())
        )
    )
    return report


def score_gold(dumps: list[Dump]) -> dict[str, float | int | str | None]:
    tally = Tally()
    for dump in dumps:
        tally.add(dump, gold_boundaries(dump))
    return tally.metrics()
