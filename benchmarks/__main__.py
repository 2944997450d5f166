"""Run every benchmark, one after another, each in its own process:

    python -m benchmarks [--quick] [--skip NAME ...] [--index-sizes 4166,20000]
                         [--query-sizes 4166,20000,100000] [--sample N]

Each writes benchmarks/results/NAME.json and prints its table. NAME is one of startup, models, llm,
indexing, query, server (embedded vs server Chroma, benchmarks/server.py). --quick runs fewer
repetitions and smaller sizes (a smoke test of the suite, not numbers to quote).

The data folder with the benchmark catalog is prepared once under $TMPDIR/recchat-bench-$UID;
set RECCHAT_BENCH_SEED to a folder where the catalog "movies" was imported before to copy it
instead of importing (minutes). Nothing here touches your own recchat data.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from benchmarks.common import ROOT, cli_env, load, prepared_home

ORDER = ["startup", "models", "llm", "indexing", "query", "server"]


def commands(args: argparse.Namespace) -> dict[str, list[str]]:
    python = [sys.executable, "-m"]
    quick = args.quick
    return {
        "startup": [*python, "benchmarks.startup", "--runs", "1" if quick else "3"],
        "models": [*python, "benchmarks.models", "--runs", "1" if quick else "5"],
        "llm": [*python, "benchmarks.llm", "--rounds", "1" if quick else "2"],
        "indexing": [
            *python,
            "benchmarks.indexing",
            "--sample",
            "50" if quick else str(args.sample),
            "--sizes",
            "4166" if quick else args.index_sizes,
        ],
        "query": [
            *python,
            "benchmarks.query",
            "--queries",
            "5" if quick else "40",
            "--sizes",
            "4166" if quick else args.query_sizes,
        ],
        "server": [sys.executable, "benchmarks/server.py", "--queries", "5" if quick else "40"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip", nargs="*", default=[], choices=ORDER)
    parser.add_argument("--index-sizes", default="4166,20000", help="store-only catalog add sizes")
    parser.add_argument("--query-sizes", default="4166,20000,100000")
    parser.add_argument("--sample", type=int, default=1000, help="items embedded with the default embedder")
    args = parser.parse_args()
    prepared_home()
    env = cli_env(ROOT)  # PYTHONPATH: this checkout
    failed = []
    for name, command in commands(args).items():
        if name in args.skip:
            continue
        print(f"\n=== {name} (load {load()})", flush=True)
        started = time.perf_counter()
        if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
            failed.append(name)
        print(f"=== {name}: {time.perf_counter() - started:.0f} s", flush=True)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
