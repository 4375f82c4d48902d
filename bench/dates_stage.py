"""CPU time of the dates stage against the spaCy pass, on bench/throughput.py's corpus.

    python bench/dates_stage.py --n 500

The corpus is parsed once (newsdesk's parse stage); the dates stage then runs over the parsed
articles three times and the best CPU time is reported, next to the bare model's
``nlp.pipe`` over the same texts (best of two). CPU time, not wall time: the development
machine is shared.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import bare_model, generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()

    from newsdesk.record import Article
    from newsdesk.stages.dates import DateResolver
    from newsdesk.stages.parse import Parser

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        generate(args.n, corpus)
        records = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    texts = [r["text"] for r in records]

    nlp = bare_model()
    spacy_cpu = float("inf")
    for _ in range(2):
        start = time.process_time()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        spacy_cpu = min(spacy_cpu, time.process_time() - start)

    articles = list(
        Parser().pipe(Article(text=r["text"], published=r["published"]) for r in records)
    )
    stage = DateResolver()
    dates_cpu = float("inf")
    found = 0
    for _ in range(3):
        start = time.process_time()
        found = sum(len(stage(a).dates) for a in articles)
        dates_cpu = min(dates_cpu, time.process_time() - start)

    print(f"articles: {len(articles)}, time expressions: {found}")
    print(f"spaCy pass (bare model): {spacy_cpu:.2f} s CPU")
    print(
        f"dates stage: {dates_cpu:.3f} s CPU = {100 * dates_cpu / spacy_cpu:.1f}% of the spaCy pass"
    )


if __name__ == "__main__":
    main()
