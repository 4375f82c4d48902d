"""`newsdesk eval dates`: time expressions scored as in TempEval-3 (SemEval-2013 Task 1).

Data: TimeML ``.tml`` files (a folder is searched recursively). Each file's ``<DCT>`` TIMEX3
value is the publication date the relative expressions are resolved against; the ``<TEXT>``
element, with its tags stripped, is the article text; its inline ``<TIMEX3>`` elements are
the gold spans with their ``type`` and ``value``.

Metrics (TempEval-3, character spans instead of tokens):
- strict span P/R/F1: the predicted span equals the gold span;
- relaxed span P/R/F1: the spans overlap (each gold and each prediction matched at most once);
- value P/R/F1: a relaxed match whose normalised value equals the gold value;
- type accuracy: share of relaxed matches whose type equals the gold type.

MEANTIME (NewsReader, CAT XML: Wikinews 2004-2011, TimeML-style TIMEX3 with the document's
creation time) is read too when the folder holds no ``.tml`` file, one part per corpus folder:
from the eleventh pass corpus_airbus is tuning data (its errors read, as the entities eval
already does) and corpus_apple the held-out news set (``MEANTIME_ROWS`` labels the rows).

Systems in the same report: newsdesk's ``dates`` stage, dateparser's ``search_dates`` alone,
and spaCy's DATE/TIME entities normalised by dateparser. When the data holds TimeBank and
AQUAINT parts (TBAQ-cleaned), each part is also reported on its own. The AQUAINT part is
further cut into two fixed halves by file (``aquaint_halves``: the part's file names sorted,
alternating A, B, A, ...; 37 and 36 files): the rules were tuned on TimeBank and on
AQUAINT-A, whose errors were read; AQUAINT-B was held out for three passes and its errors
were read in the fourth, so MEANTIME is the one held-out set left.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.errors import InputError
from newsdesk.evaluate.report import Report, prf
from newsdesk.ingest.published import date_line
from newsdesk.record import Article, DateRef


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDoc:
    name: str
    part: str
    dct: str | None
    text: str
    gold: list[Timex] = field(default_factory=list)
    # "A" or "B" for an AQUAINT file (``aquaint_halves``), else "".
    half: str = ""
    # Spans left out of scoring: MEANTIME's creation-time line, which is in its text.
    unscored: list[tuple[int, int]] = field(default_factory=list)


def _flatten(elem: ET.Element, parts: list[str], gold: list[Timex], pos: list[int]) -> None:
    """Append the element's text to ``parts`` and record every TIMEX3 with its offsets."""
    start = pos[0]
    if elem.text:
        parts.append(elem.text)
        pos[0] += len(elem.text)
    for child in elem:
        _flatten(child, parts, gold, pos)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    if elem.tag == "TIMEX3":
        text = "".join(parts)[start : pos[0]]
        gold.append(Timex(start, pos[0], text, elem.get("type", ""), elem.get("value", "") or ""))


def read_timeml(path: Path, part: str = "") -> TimeMLDoc:
    """One TimeML file: its text (tags stripped), DCT and gold TIMEX3 spans."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise InputError(f"not valid TimeML XML: {err}", source=str(path)) from err
    dct_elem = root.find("DCT/TIMEX3")
    dct = dct_elem.get("value") if dct_elem is not None else None
    text_elem = root.find("TEXT")
    if text_elem is None:
        raise InputError("no <TEXT> element", source=str(path))
    parts: list[str] = []
    gold: list[Timex] = []
    # The TEXT element itself is not a TIMEX3; only its children are recorded.
    _flatten(text_elem, parts, gold, [0])
    text = "".join(parts)
    gold.sort(key=lambda t: t.start)
    return TimeMLDoc(path.stem, part, dct[:10] if dct else None, text, gold)


def read_meantime(path: Path, part: str = "") -> TimeMLDoc:
    """One MEANTIME CAT XML file as a TimeML document: text rebuilt from its tokens.

    The creation time (``functionInDocument="CREATION_TIME"``) is the DCT; MEANTIME keeps its
    line ("March 06, 2008") in the text, so that span is neither gold nor scored. MEANTIME
    annotates time expressions in the first sentences only (the title, the date line and the
    first four sentences: no TIMEX3 lies beyond its sentence 5), so the rest of the text is
    parsed but not scored.
    """
    from newsdesk.evaluate.entities import read_cat

    cat = read_cat(path)
    offsets = cat.offsets
    doc = TimeMLDoc(path.stem, part, None, cat.text)
    for timex in cat.root.iter("TIMEX3"):
        spans = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        spans = [s for s in spans if s is not None]
        value = timex.get("value", "") or ""
        if timex.get("functionInDocument") == "CREATION_TIME":
            doc.dct = value[:10] or None
            if spans:
                doc.unscored.append((spans[0][0], spans[-1][1]))
        elif spans:
            start, end = spans[0][0], spans[-1][1]
            doc.gold.append(Timex(start, end, cat.text[start:end], timex.get("type", ""), value))
    doc.gold.sort(key=lambda t: t.start)
    if doc.dct is None:
        # A file without a creation time: its date line under the title, as `newsdesk ingest`
        # reads an article that came without a publication date.
        doc.dct = date_line(cat.text)
    if cat.sentences > _MEANTIME_TIMEX_SENTENCES:
        # Sentences are joined by one newline: the scored part ends at the sixth one's end.
        end = _nth_newline(cat.text, _MEANTIME_TIMEX_SENTENCES)
        doc.unscored.append((end, len(cat.text)))
    return doc


_MEANTIME_TIMEX_SENTENCES = 6

# Report labels of MEANTIME's corpus folders: what each is to the rules (docs/EVAL.md).
MEANTIME_ROWS = {
    "MEANTIME corpus_airbus": "airbus (tuned on from the eleventh pass)",
    "MEANTIME corpus_apple": "apple (held out)",
}


def _nth_newline(text: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find("\n", pos + 1)
        if pos < 0:
            return len(text)
    return pos


def _meantime_files(data: Path) -> list[Path]:
    if (data / "intra_cross-doc_annotation").is_dir():
        data = data / "intra_cross-doc_annotation"
    files = sorted(data.rglob("*.xml")) if data.is_dir() else [data]
    return [f for f in files if f.suffix == ".xml" and f.name != "MEANTIME_NWR.xsd"]


def load_corpus(data: Path, *, limit: int | None = None) -> list[TimeMLDoc]:
    """TimeML ``.tml`` files under ``data``, else MEANTIME CAT XML files (one part per corpus)."""
    files = [data] if data.is_file() and data.suffix == ".tml" else sorted(data.rglob("*.tml"))
    if not files:
        meantime = _meantime_files(data)
        if not meantime:
            raise InputError("no .tml files (or MEANTIME CAT XML files) found", source=str(data))
        if limit is not None:
            meantime = _spread(meantime, limit)
        return [read_meantime(f, f"MEANTIME {f.parent.name}") for f in meantime]
    if limit is not None:
        files = _spread(files, limit)
    docs = []
    for f in files:
        part = f.parent.name if data.is_dir() and f.parent != data else ""
        docs.append(read_timeml(f, part))
    halves = aquaint_halves([d.name for d in docs if d.part == HALVED_PART])
    for d in docs:
        d.half = halves.get(d.name, "")
    return docs


HALVED_PART = "AQUAINT"


def aquaint_halves(names: Iterable[str]) -> dict[str, str]:
    """The fixed split of AQUAINT into halves: sorted file names, alternating A, B, A, ...

    Half A was used for reading errors and tuning (with TimeBank); half B was held out and
    only scored for three passes (its errors read in the fourth). Alternating over sorted
    names spreads the three sources (APW, NYT, XIE) and the years evenly between the halves.
    With ``limit`` the halves are of the files loaded.
    """
    return {name: "AB"[i % 2] for i, name in enumerate(sorted(names))}


def _spread(files: list[Path], limit: int) -> list[Path]:
    """``limit`` files taken evenly across the sorted list, so every part is represented."""
    if limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


@dataclass(slots=True)
class Counts:
    n_gold: int = 0
    n_pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in ("n_gold", "n_pred", "strict", "relaxed", "value", "type_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def metrics(self) -> dict[str, float | int | str | None]:
        sp, sr, sf = prf(self.strict, self.n_pred, self.n_gold)
        rp, rr, rf = prf(self.relaxed, self.n_pred, self.n_gold)
        vp, vr, vf = prf(self.value, self.n_pred, self.n_gold)
        return {
            "gold": self.n_gold,
            "pred": self.n_pred,
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": sf,
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": rf,
            "value_p": vp,
            "value_r": vr,
            "value_f1": vf,
            "type_acc": self.type_ok / self.relaxed if self.relaxed else 0.0,
        }


def score_doc(gold: list[Timex], pred: list[DateRef]) -> Counts:
    """Match predictions to gold one to one (first overlapping, best overlap first)."""
    counts = Counts(n_gold=len(gold), n_pred=len(pred))
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], pred[pi]
        counts.relaxed += 1
        if (g.start, g.end) == (p.start, p.end):
            counts.strict += 1
        if p.value is not None and _same_value(g.value, p.value):
            counts.value += 1
        if g.type == p.type:
            counts.type_ok += 1
    return counts


def _same_value(gold: str, pred: str) -> bool:
    # TimeML writes some times with seconds or a trailing zone; compare what both give.
    return gold == pred or gold.rstrip("Z") == pred


System = Callable[[list[TimeMLDoc]], list[list[DateRef]]]


def run_newsdesk(docs: list[TimeMLDoc]) -> list[list[DateRef]]:
    from newsdesk.stages.dates import DateResolver
    from newsdesk.stages.parse import Parser

    parser, resolver = Parser(), DateResolver()
    articles = (Article(text=d.text, published=d.dct) for d in docs)
    return [a.dates for a in resolver.pipe(parser.pipe(articles))]


def _dateparser_value(text: str, base: datetime | None) -> str | None:
    """dateparser's reading of ``text``, written at the granularity it reports (its period)."""
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    return _at_period(data.date_obj, data.period)


def _at_period(when: datetime | None, period: str | None) -> str | None:
    if when is None:
        return None
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        return f"{when.isocalendar()[0]}-W{when.isocalendar()[1]:02d}"
    if period == "time":
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


def _base(doc: TimeMLDoc) -> datetime | None:
    try:
        return datetime.fromisoformat(doc.dct) if doc.dct else None
    except ValueError:
        return None


def run_dateparser(docs: list[TimeMLDoc]) -> list[list[DateRef]]:
    """dateparser's ``search_dates`` over the whole text; each value at dateparser's period."""
    from dateparser.search import search_dates  # type: ignore[import-untyped]

    out = []
    for doc in docs:
        base = _base(doc)
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if base is not None:
            settings["RELATIVE_BASE"] = base
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
        refs, cursor = [], 0
        for text, when in found:
            start = doc.text.find(text, cursor)
            if start < 0:
                continue
            cursor = start + len(text)
            value = _dateparser_value(text, base) or when.date().isoformat()
            refs.append(DateRef(text, start, cursor, value, "DATE"))
        out.append(refs)
    return out


def run_spacy_dateparser(docs: list[TimeMLDoc]) -> list[list[DateRef]]:
    """spaCy DATE/TIME entities, each normalised by ``dateparser.parse``."""
    from newsdesk.stages.parse import Parser

    parser = Parser()
    out = []
    articles = (Article(text=d.text, published=d.dct) for d in docs)
    for doc, article in zip(docs, parser.pipe(articles), strict=True):
        base = _base(doc)
        refs = []
        for ent in article.doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            value = _dateparser_value(ent.text, base)
            refs.append(DateRef(ent.text, ent.start_char, ent.end_char, value, ent.label_))
        out.append(refs)
    return out


SYSTEMS: dict[str, System] = {
    "newsdesk": run_newsdesk,
    "dateparser search_dates": run_dateparser,
    "spaCy DATE/TIME + dateparser": run_spacy_dateparser,
}


def score(docs: Iterable[TimeMLDoc], preds: Iterable[list[DateRef]]) -> dict[str, Counts]:
    """Counts over all documents (key "all") and per corpus part."""
    totals: dict[str, Counts] = {"all": Counts()}
    for doc, pred in zip(docs, preds, strict=True):
        if doc.unscored:
            pred = [p for p in pred if not any(p.start < e and s < p.end for s, e in doc.unscored)]
        counts = score_doc(doc.gold, pred)
        totals["all"].add(counts)
        if doc.part:
            totals.setdefault(doc.part, Counts()).add(counts)
        if doc.half:
            totals.setdefault(f"{doc.part}-{doc.half}", Counts()).add(counts)
    return totals


def evaluate(
    data: Path, *, limit: int | None = None, systems: Iterable[str] | None = None
) -> Report:
    docs = load_corpus(data, limit=limit)
    report = Report(task="dates", data=str(data))
    for name in systems or SYSTEMS:
        totals = score(docs, SYSTEMS[name](docs))
        report.add(name, **totals["all"].metrics())
        parts = sorted(k for k in totals if k != "all")
        if len(parts) > 1:
            for part in parts:
                report.add(f"{name} [{MEANTIME_ROWS.get(part, part)}]", **totals[part].metrics())
    report.notes.append(
        "Spans are character offsets; relaxed = overlapping, value = relaxed match with the "
        "gold TIMEX3 value. newsdesk's rules were tuned on TimeBank and AQUAINT-A (AQUAINT's "
        "sorted file names, alternating A, B); AQUAINT-B, held out for three passes, was read "
        "in the fourth; MEANTIME's corpus_airbus was read from the eleventh: MEANTIME's "
        "corpus_apple is the held-out set."
        if any(d.half for d in docs)
        else "Spans are character offsets; relaxed = overlapping, value = relaxed match with "
        "the gold TIMEX3 value."
    )
    if any(d.part.startswith("MEANTIME") for d in docs):
        report.notes.append(
            "MEANTIME: corpus_airbus is tuned on from the eleventh pass (its errors read), "
            "corpus_apple is held out (never read). Only the first six sentences (title, date "
            "line, four sentences) carry TIMEX3 annotations, so only they are scored; the "
            "date line is the DCT and is not scored."
        )
    return report


_WS = re.compile(r"\s+")


def gold_listing(data: Path, *, limit: int | None = None) -> Iterable[str]:
    """Every gold TIMEX3 as ``part  type  value  text``: for looking at the data."""
    for doc in load_corpus(data, limit=limit):
        for t in doc.gold:
            yield f"{doc.part}\t{doc.dct}\t{t.type}\t{t.value}\t{_WS.sub(' ', t.text)}"
