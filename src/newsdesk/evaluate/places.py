"""`newsdesk eval places`: geotagging and geocoding scores on LGL / GeoVirus style XML.

Two formats are read (detected from the content): LGL / TR-News (``article/text`` with
``toponyms/toponym/{start,end,phrase,gaztag/{lat,lon}}``) and GeoVirus
(``article/text`` with ``locations/location/{name,start,end,lat,lon}``).

Metrics, as in Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation" (2019):

- toponym precision / recall / F1: a predicted place matches a gold toponym when the spans
  overlap (``strict_f1``: identical offsets). Gold toponyms that are adjectives or demonyms
  ("Sudanese", "American": LGL tags them as toponyms) are scored apart, against the stage's
  ``demonyms`` (``demonym_*`` columns), and left out of the place-name scores.
- over the matched toponyms that have gold coordinates: accuracy within 161 km (100 miles),
  median and mean error in km, and AUC: the area under the curve of sorted
  ``ln(1 + error) / ln(20039)`` errors (lower is better; 0 is perfect).

The baseline in the same report: spaCy's GPE/LOC entities (the bare parse, no newsdesk
entity stage), each resolved to the most populous gazetteer entry of that exact name.

``half``: ``dev`` scores the even-numbered articles (the half the weights were tuned on),
``test`` the odd-numbered ones, None all of them.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.evaluate.report import Report, prf
from newsdesk.record import Article
from newsdesk.stages.places_demonyms import country_of_demonym

EARTH_RADIUS_KM = 6371.0088
# Half the Earth's circumference: the largest possible error, which scales the AUC.
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


@dataclass
class Prediction:
    start: int
    end: int
    lat: float | None
    lon: float | None


def _float(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def read_corpus(path: Path) -> list[GoldArticle]:
    """Articles and their gold toponyms from an LGL- or GeoVirus-style XML file."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise InputError(f"not a geoparsing XML file: {err}", source=str(path)) from None
    articles: list[GoldArticle] = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        gold = GoldArticle(text=text)
        for top in node.iter("toponym"):
            tag = top.find("gaztag")
            gold.toponyms.append(
                GoldToponym(
                    start=int(top.findtext("start") or 0),
                    end=int(top.findtext("end") or 0),
                    phrase=top.findtext("phrase") or "",
                    lat=_float(tag.findtext("lat")) if tag is not None else None,
                    lon=_float(tag.findtext("lon")) if tag is not None else None,
                )
            )
        for loc in node.iter("location"):
            gold.toponyms.append(
                GoldToponym(
                    start=int(loc.findtext("start") or 0),
                    end=int(loc.findtext("end") or 0),
                    phrase=loc.findtext("name") or "",
                    lat=_float(loc.findtext("lat")),
                    lon=_float(loc.findtext("lon")),
                )
            )
        for toponym in gold.toponyms:
            _realign(text, toponym)
        articles.append(gold)
    if not articles:
        raise InputError("no <article> elements found", source=str(path))
    return articles


def _realign(text: str, top: GoldToponym) -> None:
    """Fix offsets that are off by a few characters (GeoVirus' are one too far)."""
    if text[top.start : top.end] == top.phrase or not top.phrase:
        return
    for shift in (-1, 1, -2, 2, -3, 3):
        start = top.start + shift
        if start >= 0 and text[start : start + len(top.phrase)] == top.phrase:
            top.start, top.end = start, start + len(top.phrase)
            return


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def is_adjectival(phrase: str) -> bool:
    return country_of_demonym(phrase) is not None


@dataclass
class Tally:
    """Counts and errors for one system over a corpus."""

    tp: int = 0
    strict_tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    errors: list[float] = field(default_factory=list)
    dem_tp: int = 0
    dem_pred: int = 0
    dem_gold: int = 0

    def add(
        self,
        gold: GoldArticle,
        places: list[Prediction],
        demonyms: list[Prediction] | None = None,
    ) -> None:
        names = [g for g in gold.toponyms if not is_adjectival(g.phrase)]
        adjectives = [g for g in gold.toponyms if is_adjectival(g.phrase)]
        self.n_gold += len(names)
        self.n_pred += len(places)
        used: set[int] = set()
        for pred in places:
            match = _match(pred, names, used)
            if match is None:
                continue
            used.add(match)
            g = names[match]
            self.tp += 1
            self.strict_tp += (g.start, g.end) == (pred.start, pred.end)
            if None not in (g.lat, g.lon, pred.lat, pred.lon):
                self.errors.append(
                    distance_km(g.lat, g.lon, pred.lat, pred.lon)  # type: ignore[arg-type]
                )
        if demonyms is not None:
            self.dem_gold += len(adjectives)
            self.dem_pred += len(demonyms)
            used = set()
            for pred in demonyms:
                match = _match(pred, adjectives, used)
                if match is not None:
                    used.add(match)
                    self.dem_tp += 1

    def metrics(self) -> dict[str, float | int | str | None]:
        p, r, f = prf(self.tp, self.n_pred, self.n_gold)
        _, _, strict_f = prf(self.strict_tp, self.n_pred, self.n_gold)
        errors = sorted(self.errors)
        out: dict[str, float | int | str | None] = {
            "precision": p,
            "recall": r,
            "f1": f,
            "strict_f1": strict_f,
            "geocoded": len(errors),
            "acc@161": sum(e <= ACCURACY_KM for e in errors) / len(errors) if errors else None,
            "median_km": statistics.median(errors) if errors else None,
            "mean_km": statistics.fmean(errors) if errors else None,
            "auc": _auc(errors) if errors else None,
        }
        if self.dem_gold or self.dem_pred:
            _, _, dem_f = prf(self.dem_tp, self.dem_pred, self.dem_gold)
            out["demonym_f1"] = dem_f
        return out


def _match(pred: Prediction, gold: list[GoldToponym], used: set[int]) -> int | None:
    best, best_overlap = None, 0
    for n, g in enumerate(gold):
        if n in used:
            continue
        overlap = min(pred.end, g.end) - max(pred.start, g.start)
        if overlap > best_overlap:
            best, best_overlap = n, overlap
    return best


def _auc(errors: list[float]) -> float:
    """Area under the sorted, log-scaled error curve, normalised to [0, 1]."""
    scaled = [math.log(1 + e) / math.log(MAX_ERROR_KM) for e in sorted(errors)]
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in pairwise(scaled))
    return area / (len(scaled) - 1)


def select(articles: list[GoldArticle], half: str | None) -> list[GoldArticle]:
    if half is None:
        return articles
    if half not in ("dev", "test"):
        raise ValueError(f"half must be 'dev' or 'test', not {half!r}")
    keep = 0 if half == "dev" else 1
    return [a for n, a in enumerate(articles) if n % 2 == keep]


def baseline_predictions(article: Article) -> list[Prediction]:
    """spaCy GPE/LOC spans, each the most populous gazetteer entry of that exact name."""
    from newsdesk.stages.places_gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out: list[Prediction] = []
    for ent in article.doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        found = gaz.lookup(ent.text)
        if not found:
            continue
        entry = max((gaz.entries[i] for i in found), key=lambda e: e.population)
        out.append(Prediction(ent.start_char, ent.end_char, entry.lat, entry.lon))
    return out


def run_systems(golds: Iterable[GoldArticle]) -> dict[str, list[Tally]]:
    """Score newsdesk, newsdesk without context votes, and the baseline, per article.

    Returns, for each system, one Tally per article (so halves can be summed apart).
    """
    from newsdesk.pipeline import build_pipeline
    from newsdesk.stages.places import PlaceResolver

    golds = list(golds)
    pipeline = build_pipeline(["parse", "entities", "places"])
    no_context = PlaceResolver(use_context=False)
    out: dict[str, list[Tally]] = {"newsdesk": [], "no_context": [], "baseline": []}
    articles = (Article(text=g.text, id=str(n)) for n, g in enumerate(golds))
    for gold, article in zip(golds, pipeline.pipe(articles, keep_doc=True), strict=True):
        tally = Tally()
        tally.add(
            gold,
            [Prediction(p.start, p.end, p.lat, p.lon) for p in article.places],
            [Prediction(d.start, d.end, d.lat, d.lon) for d in article.demonyms],
        )
        out["newsdesk"].append(tally)
        plain = no_context(article)
        tally = Tally()
        tally.add(gold, [Prediction(p.start, p.end, p.lat, p.lon) for p in plain.places])
        out["no_context"].append(tally)
        tally = Tally()
        tally.add(gold, baseline_predictions(article))
        out["baseline"].append(tally)
        article.doc = None
    return out


def merge(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for t in tallies:
        total.tp += t.tp
        total.strict_tp += t.strict_tp
        total.n_pred += t.n_pred
        total.n_gold += t.n_gold
        total.errors.extend(t.errors)
        total.dem_tp += t.dem_tp
        total.dem_pred += t.dem_pred
        total.dem_gold += t.dem_gold
    return total


SYSTEMS = {
    "newsdesk": "newsdesk",
    "no_context": "newsdesk, population prior only (no context votes)",
    "baseline": "baseline (spaCy GPE/LOC + most populous)",
}


def evaluate(data: Path, *, limit: int | None = None, half: str | None = None) -> Report:
    """Score on ``data``; with the whole file, the dev and test halves get rows of their own."""
    articles = read_corpus(data)
    numbered = list(enumerate(articles))
    if half is not None:
        keep = 0 if half == "dev" else 1
        numbered = [(n, a) for n, a in numbered if n % 2 == keep]
    if limit is not None:
        numbered = numbered[:limit]
    results = run_systems(a for _, a in numbered)
    report = Report(task="places", data=str(data) + (f" ({half} half)" if half else ""))
    for key, label in SYSTEMS.items():
        report.add(label, **merge(results[key]).metrics())
    if half is None and len(numbered) > 1:
        for name, keep in (("dev", 0), ("test", 1)):
            for key in ("newsdesk", "baseline"):
                part = [
                    t for (n, _), t in zip(numbered, results[key], strict=True) if n % 2 == keep
                ]
                report.add(f"{SYSTEMS[key]}, {name} half", **merge(part).metrics())
    total = merge(results["newsdesk"])
    report.notes.append(
        f"{len(numbered)} articles; {total.n_gold} gold place names, {total.dem_gold} gold "
        f"adjectival toponyms (scored apart as demonym_f1). Toponyms match on overlapping "
        f"spans (strict_f1: same offsets); acc@161, median/mean km and AUC are over matched "
        f"toponyms with gold coordinates. Dev half = even-numbered articles (weights were "
        f"tuned on LGL's), test half = odd-numbered."
    )
    return report
