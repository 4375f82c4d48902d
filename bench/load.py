"""Load test of `newsdesk serve` on loopback: concurrent clients on search and article pages.

A benchmark, not a timed test. It starts a real server (uvicorn, as `newsdesk serve` runs it)
over a store (the bundled sample unless --db is given), then for --duration seconds runs
--clients threads, each with its own keep-alive connection, cycling through HTML search
pages, article pages, entity pages and the JSON search API. It prints p50/p95/p99 latency,
throughput and errors (any status other than 200, or a failed connection).

    python bench/load.py                       # 30 s, 20 clients, the bundled sample
    python bench/load.py --duration 10 --clients 5 --db news.db
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "newsdesk" / "data" / "sample" / "dump.txt"
# Words a reader of the sample would search for, and a few that match nothing.
QUERIES = [
    "Istanbul",
    "peace talks",
    "Zelensky",
    "ceasefire",
    "glacier",
    "Hong Kong",
    "runoff",
    "Kowalski",
    "drone",
    "Paris council",
    "storm",
    "record",
    "nothingmatches",
]


def build_sample(path: Path) -> None:
    """Ingest the bundled sample with the default pipeline (as `make run` does)."""
    subprocess.run(
        [
            *(sys.executable, "-m", "newsdesk.cli", "ingest", str(SAMPLE)),
            *("--published", "2025-06-03", "--db", str(path)),
        ],
        check=True,
        env={**os.environ, "NEWSDESK_NO_PROGRESS": "1"},
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "newsdesk.cli", "serve", "--db", str(db)),
            *("--port", str(port), "--workers", str(workers)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def fetch_json(port: int, path: str) -> dict[str, object]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    body = conn.getresponse().read()
    conn.close()
    data: dict[str, object] = json.loads(body)
    return data


def targets(port: int) -> list[str]:
    """The request mix: half search (HTML and JSON), half article and entity pages."""
    articles = fetch_json(port, "/api/articles?limit=200")["items"]
    entities = fetch_json(port, "/api/entities?limit=50")["items"]
    assert isinstance(articles, list) and isinstance(entities, list)
    paths: list[str] = []
    for q in QUERIES:
        paths.append(f"/search?q={quote(q)}")
        paths.append(f"/api/search?q={quote(q)}")
    paths.extend(f"/articles/{a['id']}" for a in articles)
    paths.extend(f"/entities/{e['id']}" for e in entities[:20])
    return paths


def client(
    port: int, paths: list[str], stop: float, seed: int, out: list[tuple[float, int]]
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while time.perf_counter() < stop:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        out.append((time.perf_counter() - started, status))
    conn.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="Store to serve (default: build the sample).")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=1, help="Server processes.")
    parser.add_argument("--json", type=Path, help="Also write the results here as JSON.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "sample.db"
            build_sample(db)
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            paths = targets(port)
            # Warm up: the first requests open each worker thread's store connection.
            warm: list[tuple[float, int]] = []
            client(port, paths, time.perf_counter() + args.warmup, 0, warm)
            results: list[list[tuple[float, int]]] = [[] for _ in range(args.clients)]
            stop = time.perf_counter() + args.duration
            threads = [
                threading.Thread(target=client, args=(port, paths, stop, n + 1, results[n]))
                for n in range(args.clients)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=10)

    samples = [r for rs in results for r in rs]
    latencies = [s * 1000 for s, _ in samples]
    errors = sum(1 for _, status in samples if status != 200)
    report = {
        "clients": args.clients,
        "server_workers": args.workers,
        "duration_s": round(elapsed, 1),
        "requests": len(samples),
        "throughput_rps": round(len(samples) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(max(latencies), 1),
        "errors": errors,
        "distinct_paths": len(paths),
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    for key, value in report.items():
        print(f"{key:18} {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
