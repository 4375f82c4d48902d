"""Stories on the bundled sample against its hand-labelled events (data/sample/stories.json).

ECB+ (``newsdesk eval stories``) has no one-article events: every event there has several
articles, so a clusterer tuned on it alone is rewarded for joining. The sample is closer to a
day of real news: 25 events for 36 articles, 19 of them told once, several of one kind and
place (four Paris, Texas local stories; five Hong Kong ones). This runs the user's path
(``newsdesk ingest`` of ``articles.jsonl`` into a fresh SQLite file, then the stored stories)
and prints B-cubed P/R/F1 and every story that mixes events or an event that is split.

    .venv/bin/python tools/sample_stories.py [--batch-size N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from newsdesk.evaluate.stories import bcubed
from newsdesk.store import open_store

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "data" / "sample"


def gold_events() -> dict[str, str]:
    labels = json.loads((SAMPLE / "stories.json").read_text(encoding="utf-8"))
    return {a: event for event, ids in labels.items() if event[0] != "_" for a in ids}


def stored_stories(batch_size: int) -> tuple[dict[str, str], dict[str, str]]:
    """article id -> story id and article id -> title, after ``newsdesk ingest``."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "sample.db")
        command = [sys.executable, "-m", "newsdesk.cli", "ingest", str(SAMPLE / "articles.jsonl")]
        subprocess.run(
            [*command, "--db", db, "--batch-size", str(batch_size)],
            check=True,
            capture_output=True,
        )
        with open_store(db) as store:
            records = list(store.export())
    return (
        {r.id: r.story or f"single:{r.id}" for r in records},
        {r.id: r.title or "" for r in records},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    gold = gold_events()
    predicted, titles = stored_stories(args.batch_size)
    missing = sorted(set(gold) - set(predicted))
    if missing:
        raise SystemExit(f"not stored: {', '.join(missing)}")
    p, r, f = bcubed(predicted, gold)
    print(f"sample stories: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}; ", end="")
    print(f"{len(set(predicted.values()))} stories for {len(set(gold.values()))} events")
    members: dict[str, list[str]] = defaultdict(list)
    for article, story in sorted(predicted.items()):
        members[story].append(article)
    for story, articles in sorted(members.items()):
        if len({gold[a] for a in articles}) > 1:
            print(f"mixed {story}:")
            for a in articles:
                print(f"  {a} [{gold[a]}] {titles[a]}")
    for event in sorted(set(gold.values())):
        parts = {predicted[a] for a in gold if gold[a] == event}
        if len(parts) > 1:
            print(f"split {event}: {len(parts)} stories")


if __name__ == "__main__":
    main()
