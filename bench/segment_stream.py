"""Segmenter throughput and memory on a long dump: `python bench/segment_stream.py [LINES]`.

The dump is the bundled sample (`src/newsdesk/data/sample/dump.txt`, 253 lines, 36 articles)
repeated until it has LINES lines (default 100,000), fed to ``segment_lines`` as a generator
so that nothing but the segmenter holds it. Prints lines per second and the traced memory
(tracemalloc, current and peak) at checkpoints: flat numbers mean the dump streams.
tracemalloc slows Python down several times; ``--no-trace`` measures speed alone.
"""

from __future__ import annotations

import argparse
import itertools
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from newsdesk.segment import segment_lines

SAMPLE = (
    Path(__file__).resolve().parent.parent / "src" / "newsdesk" / "data" / "sample" / "dump.txt"
)


def dump(n_lines: int) -> Iterator[str]:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    yield from itertools.islice(itertools.cycle(lines), n_lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", nargs="?", type=int, default=100_000)
    parser.add_argument("--no-trace", action="store_true", help="time only, no tracemalloc")
    args = parser.parse_args()
    if not args.no_trace:
        tracemalloc.start()
    start = time.perf_counter()
    segments = 0
    checkpoint = args.lines // 5
    next_mark = checkpoint
    for segment in segment_lines(dump(args.lines)):
        segments += 1
        if segment.last_line >= next_mark:
            next_mark += checkpoint
            if not args.no_trace:
                current, peak = tracemalloc.get_traced_memory()
                print(
                    f"line {segment.last_line:>7,}: {segments:>6,} articles, "
                    f"traced {current / 2**20:.2f} MiB (peak {peak / 2**20:.2f} MiB)"
                )
    elapsed = time.perf_counter() - start
    print(
        f"{args.lines:,} lines -> {segments:,} articles in {elapsed:.1f} s "
        f"({args.lines / elapsed:,.0f} lines/s{'' if args.no_trace else ', traced'})"
    )


if __name__ == "__main__":
    main()
