"""Scale: what a person waits for, at 4,166 and at 100,000 items, side by side, in one run.

    python -m benchmarks.scale [--sizes 4166,100000] [--runs 3] [--code PATH] [--no-app]

For each size, in a fresh data folder, with the default models as the recchat under test runs
them (the 100,000-item catalog is the 4,166 ReDial movies repeated and varied, with real text
of the original lengths: benchmarks/catalogs.py):
- `catalog add`: wall time, items/s, peak RSS (a real `recchat catalog add` process);
- the same `catalog add` again, nothing changed;
- cold `ask --no-llm` and cold `ask` (5 explanations): fresh processes, median of --runs;
- warm turn: p50 / p95 of a whole turn without explanations, 40 user turns from the ReDial
  conversations in one process, as the app answers once it is up (benchmarks/warm_turns.py);
- the app: launch to its prompt, and to the first suggestion, in tmux (benchmarks/tui_startup.py).

Every measurement is a process of its own with PYTHONPATH set to the code under test: `--code
PATH` measures another checkout (e.g. main, for a "before" column) with this same harness. Loads
before and after each size are recorded: on a shared 2-core machine absolute times drift with
the load, so rerun on a quiet machine for figures to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.catalogs import write_catalog
from benchmarks.common import BENCHMARK_CATALOG, QUESTION, ROOT, WORK, load, machine, print_table, run_process, write
from benchmarks.server import query_texts

TARGETS = {
    "catalog add s": "<= 600 s at 100k",
    "catalog add peak RSS MB": "<= 1500",
    "unchanged re-add s": "<= 30",
    "cold ask --no-llm s": "<= 3",
    "cold ask s": "<= 5",
    "warm turn p50 ms": "<= 300",
    "warm turn p95 ms": "<= 600",
    "app prompt s": "<= 1",
}
CATALOG = "bench"


def env_for(code: Path, home: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECCHAT_")}
    env.update(RECCHAT_HOME=str(home), PYTHONPATH=str(code), NO_COLOR="1", COLUMNS="120", **extra)
    return env


def recchat(*args: str) -> list[str]:
    return [sys.executable, "-m", "recchat", *args]


def folder_of(size: int) -> Path:
    return BENCHMARK_CATALOG if size == 4166 else write_catalog(size, WORK)


def catalog_add(code: Path, home: Path, folder: Path) -> dict[str, Any]:
    log = home.parent / f"{home.name}-add.log"  # progress lines with items/s, to follow a long run
    run = run_process(recchat("catalog", "add", str(folder), "--name", CATALOG), env_for(code, home), log=log)
    found = re.search(r"in ([0-9.]+)s(?:, ([0-9,]+) items/s)?", run.stderr)
    return {
        "wall_s": round(run.wall_s, 1),
        "import_s": float(found[1]) if found else None,
        "items_per_s": int(found[2].replace(",", "")) if found and found[2] else None,
        "peak_rss_mb": round(run.peak_rss_mb),
    }


def cold(code: Path, home: Path, runs: int, *args: str) -> dict[str, Any]:
    done = [run_process(recchat(*args), env_for(code, home)) for _ in range(runs)]
    return {
        "median_s": round(statistics.median(r.wall_s for r in done), 2),
        "peak_rss_mb": round(max(r.peak_rss_mb for r in done)),
    }


def warm_turns(code: Path, home: Path) -> dict[str, Any]:
    texts = WORK / "scale-turns.json"
    texts.write_text(json.dumps(query_texts(40)), encoding="utf-8")
    script = ROOT / "benchmarks" / "warm_turns.py"
    run = run_process([sys.executable, str(script), str(home), CATALOG, str(texts)], env_for(code, home))
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def app_start(code: Path, home: Path) -> dict[str, Any]:
    from benchmarks.tui_startup import one_run

    if shutil.which("tmux") is None:
        return {"skipped": "no tmux"}
    message = "I loved Interstellar, more space adventure please"
    return one_run(home, CATALOG, message, (80, 60), pythonpath=code)


def models_made(code: Path) -> Path:
    """A data folder whose cache holds the embedder's ONNX export (and int8 copy), made once by a
    20-item import: each size's folder starts with a copy, as a user's has after their first run."""
    home = WORK / f"scale-models-{code.name}"
    if not (home / "ready").exists():
        shutil.rmtree(home, ignore_errors=True)
        tiny = WORK / "scale-tiny"
        tiny.mkdir(parents=True, exist_ok=True)
        lines = (BENCHMARK_CATALOG / "catalog.jsonl").read_text(encoding="utf-8").splitlines()[:20]
        (tiny / "catalog.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        run_process(recchat("catalog", "add", str(tiny), "--name", "tiny"), env_for(code, home))
        (home / "ready").touch()
    return home / "cache" / "onnx"


def measure_size(code: Path, size: int, runs: int, app: bool) -> dict[str, Any]:
    folder = folder_of(size)
    home = WORK / f"scale-{size}-{code.name}"
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(models_made(code), home / "cache" / "onnx")
    out: dict[str, Any] = {"items": size, "load_before": load()}
    started = time.perf_counter()
    out["catalog_add"] = catalog_add(code, home, folder)
    out["load_after_add"] = load()
    out["unchanged_re_add"] = catalog_add(code, home, folder)
    out["ask_no_llm"] = cold(code, home, runs, "ask", "--no-llm", QUESTION)
    out["ask"] = cold(code, home, runs, "ask", QUESTION)
    out["warm_turn"] = warm_turns(code, home)
    if app:
        out["app"] = app_start(code, home)
    out["load_after"] = load()
    out["minutes"] = round((time.perf_counter() - started) / 60, 1)
    du = sum(p.stat().st_size for p in home.rglob("*") if p.is_file())
    out["data_folder_mb"] = round(du / 1e6)
    return out


def rows_of(result: dict[str, Any]) -> dict[str, object]:
    add, again = result["catalog_add"], result["unchanged_re_add"]
    row: dict[str, object] = {
        "catalog add s": add["wall_s"],
        "items/s (import)": add["items_per_s"],
        "catalog add peak RSS MB": add["peak_rss_mb"],
        "unchanged re-add s": again["wall_s"],
        "cold ask --no-llm s": result["ask_no_llm"]["median_s"],
        "cold ask s": result["ask"]["median_s"],
        "ask peak RSS MB": result["ask"]["peak_rss_mb"],
        "warm turn p50 ms": result["warm_turn"]["p50_ms"],
        "warm turn p95 ms": result["warm_turn"]["p95_ms"],
        "first turn ms (in process)": result["warm_turn"]["first_turn_ms"],
    }
    app = result.get("app", {})
    if "prompt_s" in app:
        row["app prompt s"] = app["prompt_s"]
        row["app first suggestion s"] = app["first_suggestion_s"]
    row["load (1 min) before / after"] = f"{result['load_before'][0]} / {result['load_after'][0]}"
    return row


def show(results: dict[str, dict[str, Any]]) -> None:
    columns = {size: rows_of(r) for size, r in results.items()}
    names = list(dict.fromkeys(name for row in columns.values() for name in row))
    table: list[list[object]] = [["operation", *(f"{int(size):,} items" for size in columns), "target"]]
    for name in names:
        table.append([name, *(row.get(name, "") for row in columns.values()), TARGETS.get(name, "")])
    print_table("Scale (default models; every figure a process of its own)", table)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="4166,100000", help="comma-separated catalog sizes")
    parser.add_argument("--runs", type=int, default=3, help="cold runs per command (median)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the recchat checkout to measure")
    parser.add_argument("--no-app", action="store_true", help="skip the app's start (needs tmux)")
    parser.add_argument("--name", default="scale", help="results file: benchmarks/results/NAME.json")
    args = parser.parse_args(argv)
    started = machine()
    code = args.code.resolve()
    results: dict[str, dict[str, Any]] = {}
    for size in (int(s) for s in args.sizes.split(",") if s):
        results[str(size)] = measure_size(code, size, args.runs, not args.no_app)
        print(json.dumps({size: results[str(size)]}), flush=True)
        written = write(args.name, {"code": str(code), "sizes": results}, started)  # each size as it ends
    show(results)
    print(f"-> {written}")


if __name__ == "__main__":
    main()
