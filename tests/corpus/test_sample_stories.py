"""Stories on the bundled sample against its hand-labelled events (data/sample/stories.json).

The sample is a day of news-like copy with many one-article events of one kind and place
(four Paris, Texas, local stories; five Hong Kong ones), the case ECB+ does not have. Measured
through the default pipeline and the store: B-cubed P 0.835, R 1.000 (docs/EVAL.md); the
floors are a little below.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.evaluate.stories import bcubed, cluster_with_store
from newsdesk.pipeline import build_pipeline
from newsdesk.record import Article

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "data" / "sample"


def test_sample_stories_keep_one_day_events_apart() -> None:
    labels = json.loads((SAMPLE / "stories.json").read_text(encoding="utf-8"))
    gold = {a: event for event, ids in labels.items() if event[0] != "_" for a in ids}
    rows = [json.loads(line) for line in (SAMPLE / "articles.jsonl").open(encoding="utf-8")]
    inputs = [
        Article(text=r["text"], id=r["id"], title=r["title"], published=r["published"])
        for r in rows
    ]
    analyzed = list(build_pipeline().pipe(inputs))
    predicted = cluster_with_store(analyzed)
    p, r, f = bcubed(predicted, gold)
    assert p >= 0.80 and r >= 0.95 and f >= 0.88, (p, r, f)
    # The four Paris, Texas, stories of the day are four stories.
    paris = {predicted[a] for a in ("s30", "s31", "s32", "s33")}
    assert len(paris) >= 3
