"""Where opening a catalog and answering a turn spend their time, step by step, in CPU time and in
wall time, in one process (CPU time is what a busy shared machine skews least: on a quiet one a
single-threaded step's wall time is about its CPU time).

    python -m benchmarks.open_cost --home HOME --catalog NAME [--backend fake] [--turns 40]

Steps: store open, catalog open, the title index and BM25 (loaded from the files the import
wrote), the conversation layer's readers (title matcher, people, request reader), a session, the
embedder's load, a first turn, then warm turns (fresh sessions, as benchmarks/query.py).

    python -m benchmarks.open_cost --before PATH [--sizes 4166,100000] [--runs 5]

Before and after, in one run: cold `recchat ask --no-llm` processes (RECCHAT_TRACE=1) with the
recchat at PATH (e.g. a checkout of main) and with this one, taking turns, on catalogs of each
size imported with the hashing embedder (benchmarks/query.py's stores, copied: the embedder's
load is not in these figures, the store, the catalog's derived data and the readers are). Each
code's caches are made by one untimed ask first, as a user's first ask after an import makes
them. Reported: the median wall time and CPU time of the whole process, and the median of each
phase: the store's open (import chromadb), the index's load, the readers (title matcher, people,
request reader: built, or loaded and assembled), the turn.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import (
    QUESTION,
    ROOT,
    WORK,
    Run,
    load,
    machine,
    percentile,
    print_table,
    recchat,
    run_process,
    write,
)
from benchmarks.server import query_texts

# phase -> the trace spans it sums (before: the readers were built in `matcher.build`; after,
# their saved tables are loaded in `catalog.load.*`, or made once in `catalog.build`)
PHASES = {
    "store open (import chromadb)": ("store.open",),
    "index load": ("catalog.load.index",),
    "readers": ("matcher.build", "catalog.load.titles", "catalog.load.people", "catalog.build"),
    "BM25 load": ("catalog.load.bm25",),
    "implications load": ("catalog.load.implications",),
    "vector index preload (in a thread)": ("store.preload",),
    "understand": ("understand",),
    "retrieve": ("retrieve",),
}


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


def cold_home(size: int) -> Path:
    """A copy of benchmarks/query.py's hashing-embedder store of this size, for this benchmark
    alone (the caches each code writes stay out of the shared one)."""
    from benchmarks.query import fake_store

    home = WORK / f"open_cost-{size}"
    if not home.exists():
        partial = home.with_name(home.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(fake_store(size), partial, ignore=shutil.ignore_patterns("history", "cache", "*.lock"))
        partial.rename(home)
    return home


def ask_env(code: Path, home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECCHAT_")}
    env.update(RECCHAT_HOME=str(home), RECCHAT_BACKEND="fake", RECCHAT_CATALOG="bench", RECCHAT_TRACE="1")
    # PYTHONSAFEPATH: `python -m` would put the working folder first, and import this checkout's
    # recchat whatever PYTHONPATH says
    env.update(PYTHONPATH=str(code), PYTHONSAFEPATH="1", NO_COLOR="1", COLUMNS="120")
    return env


def imported_from(code: Path, home: Path) -> None:
    """Refuse to measure unless the child imports the recchat under test."""
    run = run_process([sys.executable, "-c", "import recchat; print(recchat.__file__)"], ask_env(code, home))
    found = Path(run.stdout.strip()).resolve()
    if not found.is_relative_to(code):
        raise RuntimeError(f"measuring {code} but the child imported {found}")


def phases_of(run: Run) -> dict[str, float]:
    return {phase: sum(run.spans.get(span, 0.0) for span in spans) for phase, spans in PHASES.items()}


def summary_of(runs: list[Run]) -> dict[str, Any]:
    return {
        "wall_s": round(statistics.median(r.wall_s for r in runs), 2),
        "cpu_s": round(statistics.median(r.cpu_s for r in runs), 2),
        "phases_ms": {phase: round(statistics.median(phases_of(r)[phase] for r in runs), 1) for phase in PHASES},
        "peak_rss_mb": round(max(r.peak_rss_mb for r in runs)),
        "runs": len(runs),
    }


def commit_of(code: Path) -> str:
    found = subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(code), "status", "--porcelain"], capture_output=True, text=True)
    return found.stdout.strip() + (" (uncommitted changes)" if dirty.stdout.strip() else "")


def cold_compare(before: Path, sizes: list[int], runs: int) -> dict[str, Any]:
    codes = {"before": before.resolve(), "after": ROOT}
    out: dict[str, Any] = {"codes": {name: f"{code} {commit_of(code)}" for name, code in codes.items()}}
    for size in sizes:
        home = cold_home(size)
        ask = recchat("ask", "--no-llm", QUESTION)
        for code in codes.values():
            imported_from(code, home)
            run_process(ask, ask_env(code, home))  # its caches, as after an import
        done: dict[str, list[Run]] = {name: [] for name in codes}
        started = load()
        for _ in range(runs):
            for name, code in codes.items():  # taking turns: both see the same drift in load
                done[name].append(run_process(ask, ask_env(code, home)))
        out[str(size)] = {name: summary_of(r) for name, r in done.items()}
        out[str(size)]["load"] = {"before_runs": started, "after_runs": load()}
    return out


def show_compare(result: dict[str, Any], sizes: list[int]) -> None:
    header: list[object] = ["cold ask --no-llm (median)"]
    for size in sizes:
        header += [f"{size:,} before", f"{size:,} after"]
    rows: list[list[object]] = [header]
    for label, pick in (("wall s", "wall_s"), ("CPU s", "cpu_s"), ("peak RSS MB", "peak_rss_mb")):
        rows.append([label, *(result[str(s)][c][pick] for s in sizes for c in ("before", "after"))])
    for phase in PHASES:
        rows.append(
            [f"  {phase} ms", *(result[str(s)][c]["phases_ms"][phase] for s in sizes for c in ("before", "after"))]
        )
    print_table("Cold ask --no-llm, hashing embedder, before and after (RECCHAT_TRACE=1)", rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--catalog")
    parser.add_argument("--before", type=Path, help="a recchat checkout to compare with, cold (see above)")
    parser.add_argument("--sizes", default="4166,100000", help="with --before: catalog sizes")
    parser.add_argument("--runs", type=int, default=5, help="with --before: cold runs per code and size")
    parser.add_argument("--backend", default="real", choices=("real", "fake"))
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--name", default="open_cost")
    args = parser.parse_args(argv)
    started = machine()
    if args.before is not None:
        sizes = [int(s) for s in args.sizes.split(",") if s]
        compared = cold_compare(args.before, sizes, args.runs)
        show_compare(compared, sizes)
        print(f"-> {write(args.name, compared, started)}")
        return
    if args.home is None or args.catalog is None:
        parser.error("--home and --catalog, or --before")
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
