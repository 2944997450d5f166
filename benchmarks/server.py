"""Embedded Chroma vs a local Chroma server, same data, same run: how much does the network cost?

    python benchmarks/server.py [--catalog DIR] [--queries N] [--turns N] [--out FILE]

Starts `chroma run` on loopback in a temporary folder, imports the same catalog into a fresh
embedded store and into the server, then measures, alternating between the two so that machine
noise hits both alike:

- connect: opening the store (what every `recchat` command pays once), ms
- indexing: `catalog add` of the whole catalog, items/s; then an unchanged re-add, s
- query: one nearest-neighbour search as retrieval makes it (120 candidates, vectors included), ms
- turn: a whole `Session.handle` (fake chat model, profile stored in the same store), ms

Vectors come from the hashing embedder (`--backend fake`, 256 dimensions), so the numbers are
about the store, not the model. Writes JSON (--out) and prints a short table with the ratios
server / embedded (latency: above 1 is slower; rate: below 1 is slower).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCHMARK = ROOT.parent / "shared" / "benchmarks" / "redial-movies"
CONNECT_PROBE = """
import sys, time
from pathlib import Path
from recchat.config import ChromaServer
from recchat.store import Store
import chromadb, chromadb.api.fastapi, chromadb.api.rust, httpx  # imports are not what is measured
started = time.perf_counter()
Store.server(ChromaServer(url=sys.argv[2])) if sys.argv[1] == "server" else Store.embedded(Path(sys.argv[2]))
print(time.perf_counter() - started)
"""
POOL = 120  # retrieval's candidates per search vector (recchat/retrieval.py Weights.pool)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(samples, 0.50) * 1000, 2),
        "p95_ms": round(percentile(samples, 0.95) * 1000, 2),
        "mean_ms": round(statistics.fmean(samples) * 1000, 2),
        "n": len(samples),
    }


@contextlib.contextmanager
def chroma_server(folder: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = Path(sys.executable).with_name("chroma")
    chroma = str(command) if command.exists() else shutil.which("chroma") or "chroma"
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [chroma, "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
                break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"chroma run did not start; see {folder / 'server.log'}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def query_texts(limit: int) -> list[str]:
    """User turns from the benchmark's recorded conversations, else a few fixed requests."""
    cases = BENCHMARK / "dev_cases.jsonl"
    texts: list[str] = []
    if cases.exists():
        for line in cases.read_text(encoding="utf-8").splitlines():
            texts.extend(turn for turn in json.loads(line)["turns"] if len(turn.split()) >= 3)
            if len(texts) >= limit:
                break
    fallback = ["space science fiction with aliens", "a cozy mystery", "funny movies for a family night"]
    return (texts or fallback * (limit // 3 + 1))[:limit]


def connect_time(kind: str, target: str) -> float:
    """Opening the store in a fresh process, as each `recchat` command does (imports not counted)."""
    probe = [sys.executable, "-c", CONNECT_PROBE, kind, target]
    done = subprocess.run(
        probe, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    return float(done.stdout.strip().splitlines()[-1])


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run(catalog: Path, queries: int, turns: int, workdir: Path) -> dict[str, Any]:
    import numpy as np

    from recchat.catalog.importer import import_catalog
    from recchat.config import ChromaServer, Settings
    from recchat.factory import Runtime

    results: dict[str, Any] = {}
    with chroma_server(workdir / "server") as url:
        server = ChromaServer(url=url)
        runtimes = {
            "embedded": Runtime(Settings(home=workdir / "embedded", backend="fake", use_llm=False)),
            "server": Runtime(Settings(home=workdir / "client", backend="fake", use_llm=False, chroma=server)),
        }
        embedder = runtimes["embedded"].embedder
        indexing: dict[str, Any] = {}
        for kind, runtime in runtimes.items():
            report = import_catalog(runtime.store, runtime.embedder, catalog, "bench")
            again = import_catalog(runtime.store, runtime.embedder, catalog, "bench")
            indexing[kind] = {
                "items": report.total,
                "seconds": round(report.seconds, 3),
                "items_per_s": round(report.total / report.seconds, 1),
                "unchanged_re_add_s": round(again.seconds, 3),
            }
        results["indexing"] = indexing
        targets = {"embedded": str(workdir / "embedded" / "chroma"), "server": url}
        results["connect"] = {
            kind: summary([connect_time(kind, target) for _ in range(5)]) for kind, target in targets.items()
        }

        catalogs = {kind: runtime.catalog("bench") for kind, runtime in runtimes.items()}
        vectors = embedder.embed(query_texts(queries))
        samples: dict[str, list[float]] = {kind: [] for kind in catalogs}
        for stored in catalogs.values():  # warm-up: index, connections, caches
            stored.search(vectors[:1], POOL)
        for vector in vectors:
            for kind, stored in catalogs.items():
                samples[kind].append(timed(lambda s=stored, v=vector: s.search(np.asarray([v]), POOL)))
        results["query"] = {kind: summary(values) for kind, values in samples.items()}

        turn_samples: dict[str, list[float]] = {kind: [] for kind in runtimes}
        sessions = {kind: runtime.session(catalog="bench") for kind, runtime in runtimes.items()}
        for text in query_texts(turns):
            for kind, session in sessions.items():
                turn_samples[kind].append(timed(lambda s=session, t=text: s.handle(t, k=5)))
        results["turn"] = {kind: summary(values) for kind, values in turn_samples.items()}
    results["ratios_server_over_embedded"] = ratios(results)
    return results


def ratios(results: dict[str, Any]) -> dict[str, float]:
    def ratio(section: str, key: str) -> float:
        return round(results[section]["server"][key] / results[section]["embedded"][key], 2)

    return {
        "connect_p50": ratio("connect", "p50_ms"),
        "indexing_rate": ratio("indexing", "items_per_s"),
        "unchanged_re_add_time": ratio("indexing", "unchanged_re_add_s"),
        "query_p50": ratio("query", "p50_ms"),
        "query_p95": ratio("query", "p95_ms"),
        "turn_p50": ratio("turn", "p50_ms"),
        "turn_p95": ratio("turn", "p95_ms"),
    }


def table(results: dict[str, Any]) -> str:
    rows = [("measure", "embedded", "server", "server/embedded")]
    r, q = results, results["ratios_server_over_embedded"]
    for label, section, key, ratio in (
        ("connect p50 (ms)", "connect", "p50_ms", "connect_p50"),
        ("indexing (items/s)", "indexing", "items_per_s", "indexing_rate"),
        ("unchanged re-add (s)", "indexing", "unchanged_re_add_s", "unchanged_re_add_time"),
        ("query p50 (ms)", "query", "p50_ms", "query_p50"),
        ("query p95 (ms)", "query", "p95_ms", "query_p95"),
        ("turn p50 (ms)", "turn", "p50_ms", "turn_p50"),
        ("turn p95 (ms)", "turn", "p95_ms", "turn_p95"),
    ):
        rows.append((label, str(r[section]["embedded"][key]), str(r[section]["server"][key]), f"{q[ratio]:.2f}x"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_catalog = BENCHMARK / "catalog" if BENCHMARK.is_dir() else ROOT / "tests" / "data" / "mini_catalog"
    parser.add_argument("--catalog", type=Path, default=default_catalog)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "server.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="recchat-bench-server-") as folder:
        workdir = Path(folder)
        (workdir / "server").mkdir()
        results = run(args.catalog, args.queries, args.turns, workdir)
    results["setup"] = {
        "catalog": str(args.catalog),
        "embedder": "fake hashing embedder, 256 dimensions (cheap: the store is what is measured)",
        "machine": f"{platform.machine()}, {platform.python_version()}, {_cpus()} CPUs",
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nwritten to {args.out}")


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
