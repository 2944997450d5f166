"""Cold `recchat ask` (5 explanations) of two checkouts, interleaved run by run, so that both see
the same load on a shared machine: wall time, the first token since the process started, the five
explanations, and CPU time (user + system: steadier than wall time when the machine is busy).

    python -m benchmarks.ask_ab BEFORE_CHECKOUT [--runs 5] [--name ask_ab] [--threads N]

BEFORE_CHECKOUT: the root of another recchat checkout (e.g. /work/main); "after" is this one.
Both use the prepared data folder of benchmarks.common and the same interpreter. `--threads N`:
both run with RECCHAT_THREADS=N (one thread: no spin-waiting between threads on a busy machine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import QUESTION, ROOT, Run, cli_env, machine, prepared_home, print_table, run_process
from benchmarks.common import write as write_result

FIGURES = ("wall_s", "first_token_s", "explain_s", "cpu_s")
# -P: the current folder is not put first on sys.path, so PYTHONPATH alone says which checkout runs
ASK = [sys.executable, "-P", "-m", "recchat", "ask", "--incognito", QUESTION]


def figures(run: Run) -> dict[str, float]:
    first = run.first_at("llm.first_token")
    before_main = run.before_main_s or 0.0
    return {
        "wall_s": run.wall_s,
        "first_token_s": (first / 1000 + before_main) if first is not None else float("nan"),
        "explain_s": run.spans.get("explain", 0.0) / 1000,
        "cpu_s": run.cpu_s,
    }


def measure(before: Path, runs: int, threads: int | None = None) -> dict[str, Any]:
    home = prepared_home()
    extra = {"RECCHAT_TRACE": "1"} | ({"RECCHAT_THREADS": str(threads)} if threads else {})
    envs = {
        "before": {**cli_env(home, **extra), "PYTHONPATH": str(before)},
        "after": cli_env(home, **extra),
    }
    found: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    loads = []
    for number in range(runs):
        loads.append(round(os.getloadavg()[0], 2))
        order = ("before", "after") if number % 2 == 0 else ("after", "before")  # neither always goes first
        for side in order:
            found[side].append(figures(run_process(ASK, envs[side])))
    medians = {
        side: {name: round(statistics.median(r[name] for r in rows), 3) for name in FIGURES}
        for side, rows in found.items()
    }
    pairs = list(zip(found["before"], found["after"], strict=True))
    return {
        "before_checkout": str(before),
        "after_checkout": str(ROOT),
        "runs": runs,
        "threads": threads,
        "load_1min_per_run": loads,
        "median": medians,
        "after_over_before": {
            name: round(statistics.median(a[name] / b[name] for b, a in pairs if b[name]), 3) for name in FIGURES
        },
        "runs_s": {side: [{k: round(v, 3) for k, v in r.items()} for r in rows] for side, rows in found.items()},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--name", default="ask_ab", help="the results file's name")
    parser.add_argument("--threads", type=int, help="RECCHAT_THREADS for both (default: unset)")
    args = parser.parse_args(argv)
    started = machine()
    result = measure(args.before.resolve(), args.runs, args.threads)
    rows: list[list[object]] = [["", *FIGURES]]
    rows += [[side, *(m[n] for n in FIGURES)] for side, m in result["median"].items()]
    rows.append(["after / before (median of pairs)", *(result["after_over_before"][n] for n in FIGURES)])
    print_table(f"Cold ask, 5 explanations ({args.runs} interleaved runs each)", rows)
    print(f"-> {write_result(args.name, result, started)}")


if __name__ == "__main__":
    main()
