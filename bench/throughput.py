"""Throughput and peak memory of `analyze`, against bare spaCy `nlp.pipe` on the same texts.

    python bench/throughput.py                 # 10,000 generated articles, both systems
    python bench/throughput.py --n 2000 4000   # several sizes: memory should stay flat

Each measurement runs in its own process, so peak RSS is that system's alone, and reports wall
and CPU seconds (the process's own, ``time.process_time``); the ratio is taken on CPU time,
which other jobs on a shared machine disturb far less than wall time. The corpus is
generated deterministically from the bundled sample's paragraphs (shuffled, names swapped),
so its articles look like news and vary, without any downloaded data.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "newsdesk" / "data" / "sample" / "articles.json"
SWAPS = [
    ("Zelenskiy", ["Kovalenko", "Shevchuk", "Bondar"]),
    ("Kyiv", ["Lviv", "Odesa", "Dnipro"]),
    ("Istanbul", ["Ankara", "Geneva", "Vienna"]),
    ("Warsaw", ["Krakow", "Gdansk", "Poznan"]),
    ("Trump", ["Harris", "Miller", "Carter"]),
]


def generate(n: int, path: Path, *, seed: int = 7) -> None:
    """Write n news-like articles as JSON lines (3-8 paragraphs from the sample each)."""
    articles = json.loads(SAMPLE.read_text(encoding="utf-8"))
    paragraphs = [p for a in articles for p in a["paragraphs"]]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            body = "\n\n".join(rng.sample(paragraphs, rng.randint(3, 8)))
            for name, options in SWAPS:
                body = body.replace(name, rng.choice(options))
            day = 1 + i % 28
            record = {"id": f"g{i:06d}", "text": body, "published": f"2025-06-{day:02d}"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_bare(path: Path, batch_size: int) -> int:
    nlp = bare_model()
    texts = (json.loads(line)["text"] for line in path.open(encoding="utf-8"))
    count = 0
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        count += 1
    return count


@lru_cache(maxsize=1)
def bare_model() -> Any:
    """The model as its package ships it: newsdesk.nlp.load_model adds newsdesk's NER head,
    whose cost belongs on the newsdesk side of the ratio."""
    import spacy

    from newsdesk.nlp import MODEL

    return spacy.load(MODEL)


def run_newsdesk(path: Path, batch_size: int) -> int:
    from newsdesk.ingest import read_articles
    from newsdesk.pipeline import build_pipeline

    pipeline = build_pipeline(batch_size=batch_size)
    count = 0
    with open("/dev/null", "w", encoding="utf-8") as sink:
        for article in pipeline.pipe(read_articles([str(path)])):
            sink.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


def measure(system: str, path: Path, batch_size: int) -> dict[str, float]:
    """Run one system in this process and report its rate and peak memory."""
    from newsdesk.nlp import load_model

    # Model loads are start-up cost, not throughput: load (and cache) before the clock starts.
    if system == "newsdesk":
        load_model()
        from newsdesk.pipeline import build_pipeline

        build_pipeline()  # stage set-up (gazetteers, lexicons) is start-up cost too
    else:
        bare_model()
    start, cpu_start = time.perf_counter(), time.process_time()
    count = (run_bare if system == "spacy" else run_newsdesk)(path, batch_size)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": count,
        "seconds": seconds,
        "cpu": cpu,
        "rate": count / cpu,
        "peak_mb": peak_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--measure", choices=["spacy", "newsdesk"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.batch_size)))
        return
    print(
        "| articles | system | seconds | CPU s | articles/CPU s | peak MB | newsdesk/spaCy (CPU) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.n:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            generate(n, corpus)
            results = {}
            for system in ("spacy", "newsdesk"):
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--measure",
                        system,
                        "--corpus",
                        str(corpus),
                        "--batch-size",
                        str(args.batch_size),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                results[system] = json.loads(out.strip().splitlines()[-1])
            ratio = results["newsdesk"]["rate"] / results["spacy"]["rate"]
            for system, r in results.items():
                shown = f"{ratio:.2f}x" if system == "newsdesk" else ""
                print(
                    f"| {n:,} | {system} | {r['seconds']:.1f} | {r['cpu']:.1f} | "
                    f"{r['rate']:.1f} | {r['peak_mb']:.0f} | {shown} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
