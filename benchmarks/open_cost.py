"""Where opening a catalog and answering a turn spend their time, step by step, in CPU time and in
wall time, in one process (CPU time is what a busy shared machine skews least: on a quiet one a
single-threaded step's wall time is about its CPU time).

    python -m benchmarks.open_cost --home HOME --catalog NAME [--backend fake] [--turns 40]

Steps: store open, catalog open, the title index and BM25 (loaded from the files the import
wrote), the conversation layer's readers (title matcher, people, request reader), a session, the
embedder's load, a first turn, then warm turns (fresh sessions, as benchmarks/query.py).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path
from typing import Any

from benchmarks.common import machine, percentile, print_table, write
from benchmarks.server import query_texts


class Laps:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float]] = []
        self._last = (time.perf_counter(), time.process_time())

    def lap(self, label: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.rows.append((label, round((wall - self._last[0]) * 1000, 1), round((cpu - self._last[1]) * 1000, 1)))
        self._last = (wall, cpu)


def measure(home: Path, catalog: str, backend: str, turns: int) -> dict[str, Any]:
    laps = Laps()
    from recchat.config import Settings
    from recchat.factory import Runtime

    laps.lap("imports")
    runtime = Runtime(Settings(home=home, backend=backend, use_llm=False))
    _ = runtime.store
    laps.lap("store open")
    opened = runtime.catalog(catalog)
    laps.lap("catalog open")
    size = len(opened.index)
    laps.lap("title index")
    _ = opened.lexical
    laps.lap("BM25")
    runtime.reader(opened)
    laps.lap("conversation readers")
    session = runtime.session(catalog=catalog)
    laps.lap("session")
    runtime.embedder.embed(["warm up"])
    laps.lap("embedder load")
    texts = query_texts(turns)
    session.handle(texts[0], explain=False)
    laps.lap("first turn")
    walls, cpus = [], []
    for text in texts:
        wall, cpu = time.perf_counter(), time.process_time()
        runtime.session(catalog=catalog).handle(text, explain=False)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {
        "items": size,
        "steps_ms": {label: {"wall": wall, "cpu": cpu} for label, wall, cpu in laps.rows},
        "warm_turn_ms": {
            "wall_p50": round(percentile(walls, 0.5) * 1000, 1),
            "wall_p95": round(percentile(walls, 0.95) * 1000, 1),
            "cpu_p50": round(percentile(cpus, 0.5) * 1000, 1),
            "cpu_p95": round(percentile(cpus, 0.95) * 1000, 1),
            "n": len(walls),
        },
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--backend", default="real", choices=("real", "fake"))
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--name", default="open_cost")
    args = parser.parse_args(argv)
    started = machine()
    result = measure(args.home, args.catalog, args.backend, args.turns)
    rows: list[list[object]] = [["step", "wall ms", "CPU ms"]]
    rows += [[label, t["wall"], t["cpu"]] for label, t in result["steps_ms"].items()]
    warm = result["warm_turn_ms"]
    rows.append(
        ["warm turn p50 / p95", f"{warm['wall_p50']} / {warm['wall_p95']}", f"{warm['cpu_p50']} / {warm['cpu_p95']}"]
    )
    print_table(f"Opening a {result['items']:,}-item catalog, then {warm['n']} turns", rows)
    print(json.dumps({"peak_rss_mb": result["peak_rss_mb"]}))
    print(f"-> {write(args.name, result, started)}")


if __name__ == "__main__":
    main()
