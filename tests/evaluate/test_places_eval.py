"""The geoparsing reader and scorer, and the score floors on the shared LGL and GeoVirus data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.evaluate.places import (
    GoldArticle,
    GoldToponym,
    Prediction,
    Tally,
    distance_km,
    evaluate,
    read_corpus,
)

# Score floors, a little below the measured numbers quoted above each eval test below.
LGL_F1_FLOOR = 0.81
LGL_ACC_FLOOR = 0.85
GEOVIRUS_F1_FLOOR = 0.86
GEOVIRUS_ACC_FLOOR = 0.82

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[Flood in Tyler. Texan officials met in Tyler.]]></text>
<toponyms>
<toponym><start>9</start><end>14</end><phrase>Tyler</phrase>
<gaztag geonameid="4738214"><lat>32.35126</lat><lon>-95.30106</lon></gaztag></toponym>
<toponym><start>16</start><end>21</end><phrase>Texan</phrase></toponym>
</toponyms></article></articles>
"""

GEOVIRUS = """<articles><article><source>x</source>
<text>Cases rose in Lagos, Nigeria.</text><locations>
<location><name>Lagos</name><start>15</start><end>20</end><lat>6.45</lat><lon>3.39</lon>
<page>x</page></location></locations></article></articles>
"""


@pytest.mark.parametrize(("content", "phrase"), [(LGL, "Tyler"), (GEOVIRUS, "Lagos")])
def test_read_corpus_detects_the_format(tmp_path: Path, content: str, phrase: str) -> None:
    path = tmp_path / "corpus.xml"
    path.write_text(content, encoding="utf-8")
    (article,) = read_corpus(path)
    first = article.toponyms[0]
    # GeoVirus offsets are one character too far in the source; the reader realigns them.
    assert article.text[first.start : first.end] == phrase == first.phrase
    assert first.lat is not None


@pytest.mark.parametrize(("a", "b", "km"), [((0.0, 0.0), (0.0, 1.0), 111.2)])
def test_distance_km_haversine(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, abs=0.1)


@pytest.mark.parametrize("offset", [0])
def test_tally_scores_adjectives_apart(offset: int) -> None:
    gold = GoldArticle(
        text="Flood in Tyler. Texan officials met.",
        toponyms=[
            GoldToponym(9, 14, "Tyler", 32.35, -95.30),
            GoldToponym(16, 21, "Texan", None, None),
            GoldToponym(100, 105, "Plano", 33.0, -96.7),
        ],
    )
    tally = Tally()
    tally.add(gold, [Prediction(9 + offset, 14, 32.35, -95.30)], [])
    metrics = tally.metrics()
    # "Texan" is not a demonym of a country, so it stays a place name here: 3 gold names.
    assert metrics["precision"] == 1.0
    assert metrics["recall"] == pytest.approx(1 / 3)
    assert metrics["acc@161"] == 1.0


# Measured 2026-11-24 (newsdesk eval places --data ../shared/eval/geoparsing/lgl.xml --limit 150):
# F1 0.843, acc@161 0.880 (baseline F1 0.626); the floors sit a little below.
@pytest.mark.eval
@pytest.mark.slow
def test_places_eval_lgl_floor(eval_data: Path) -> None:
    report = evaluate(eval_data / "geoparsing" / "lgl.xml", limit=150)
    assert report.score("newsdesk", "f1") >= LGL_F1_FLOOR
    assert report.score("newsdesk", "acc@161") >= LGL_ACC_FLOOR
    assert report.score("newsdesk", "f1") > report.score(
        "baseline (spaCy GPE/LOC + most populous)", "f1"
    )


# Measured 2026-11-24 (newsdesk eval places --data ../shared/eval/geoparsing/GeoVirus.xml
# --limit 80): F1 0.888, acc@161 0.850; the floors sit a little below.
@pytest.mark.eval
@pytest.mark.slow
def test_places_eval_geovirus_floor(eval_data: Path) -> None:
    report = evaluate(eval_data / "geoparsing" / "GeoVirus.xml", limit=80)
    assert report.score("newsdesk", "f1") >= GEOVIRUS_F1_FLOOR
    assert report.score("newsdesk", "acc@161") >= GEOVIRUS_ACC_FLOOR
