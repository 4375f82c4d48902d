"""Throughput and memory of `--engine ray` against the local path, on one machine.

    python bench/scale_ray.py                   # 1,000 generated articles, local and Ray
    python bench/scale_ray.py --n 1000 3000     # several sizes: the driver's memory stays flat
    python bench/scale_ray.py --actors 1 2      # pool sizes to try

The corpus is bench/throughput.py's (news-like articles from the bundled sample's paragraphs,
deterministic). Each run is its own process, so peak RSS is that driver's alone. Reported:

- end-to-end seconds (Ray start-up, model loads and all), and articles/s over it;
- steady articles/s: from the first record out to the last, so start-up is left out;
- CPU seconds: the driver's, and (Ray) the actors' read from /proc before they are stopped
  (Linux only; CPU time, unlike wall time, does not move with other work on the machine);
- peak MB: the driver's peak RSS, and (Ray) the largest actor's.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import generate

TICK = 100.0  # /proc/PID/stat clock ticks per second (USER_HZ on Linux)


def actor_usage() -> tuple[float, float]:
    """CPU seconds of all live pipeline actors on this machine, and the largest peak RSS."""
    cpu, peak = 0.0, 0.0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
            if not cmdline.startswith(b"ray::PipelineWorker"):
                continue
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(stat[11]) + int(stat[12])) / TICK
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        except OSError:
            continue
    return cpu, peak


def driver_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(engine: str, path: Path, actors: int, batch_size: int) -> dict[str, Any]:
    from newsdesk.ingest import read_articles

    start = time.perf_counter()
    articles = read_articles([str(path)])
    if engine == "ray":
        from newsdesk.scale.ray import RayOptions, analyze_on_ray

        records = analyze_on_ray(articles, options=RayOptions(actors=actors, batch_size=batch_size))
    else:
        from newsdesk.pipeline import build_pipeline

        records = build_pipeline(batch_size=batch_size).pipe(articles)
    n = sum(1 for _ in path.open(encoding="utf-8"))
    count, first, actors_cpu, actors_mb = 0, 0.0, 0.0, 0.0
    with open("/dev/null", "w", encoding="utf-8") as sink:
        for article in records:
            sink.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            count += 1
            if count == 1:
                first = time.perf_counter()
            if count == n and engine == "ray":
                actors_cpu, actors_mb = actor_usage()  # before the actors are stopped
    end = time.perf_counter()
    return {
        "engine": engine if engine == "local" else f"ray x{actors}",
        "articles": count,
        "seconds": end - start,
        "rate": count / (end - start),
        "steady": (count - 1) / (end - first) if count > 1 else 0.0,
        "driver_cpu": driver_cpu(),
        "actors_cpu": actors_cpu,
        "driver_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "actor_mb": actors_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--actors", type=int, nargs="+", default=[2])
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--measure", choices=["local", "ray"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        result = measure(args.measure, args.corpus, args.actors[0], args.batch_size)
        print(json.dumps(result))
        return
    print(
        "| articles | engine | seconds | articles/s | steady articles/s | CPU s driver | "
        "CPU s actors | CPU ms/article | peak MB driver | peak MB actor |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.n:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            generate(n, corpus)
            runs = [("local", 1)] + [("ray", a) for a in args.actors]
            for engine, actors in runs:
                command = [sys.executable, __file__, "--measure", engine, "--corpus", str(corpus)]
                command += ["--actors", str(actors), "--batch-size", str(args.batch_size)]
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                r = json.loads(out.strip().splitlines()[-1])
                cpu = r["driver_cpu"] + r["actors_cpu"]
                actor_mb = f"{r['actor_mb']:.0f}" if r["actor_mb"] else ""
                actors_cpu = f"{r['actors_cpu']:.1f}" if engine == "ray" else ""
                print(
                    f"| {n:,} | {r['engine']} | {r['seconds']:.1f} | {r['rate']:.1f} | "
                    f"{r['steady']:.1f} | {r['driver_cpu']:.1f} | {actors_cpu} | "
                    f"{1000 * cpu / max(1, r['articles']):.0f} | {r['driver_mb']:.0f} | "
                    f"{actor_mb} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
