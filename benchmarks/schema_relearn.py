"""What a catalog imported by an older recchat costs each `ask` (issue #26): its stored schema is
of another format, so the schema is learned again from every stored item.

    python -m benchmarks.schema_relearn [--size 20000] [--before PATH]

A catalog of `--size` items (benchmarks/catalogs.py) is imported with the hashing embedder
(`--backend fake`) into a data folder of its own, and its stored schema rewritten with format 1,
as an older recchat stored it. Then cold `recchat --backend fake ask --no-llm` processes
(RECCHAT_TRACE=1), first the recchat at `--before` (e.g. a checkout of main), then this one: two
opens under `--incognito` (which writes nothing), two without it (the first keeps the schema),
then one more under `--incognito` (which reads what was kept). Reported per process: wall and
CPU time, and the schema's spans (main's code has none): learned again
(`catalog.schema.relearn`) or read from the kept file (`catalog.load.schema`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.catalogs import write_catalog
from benchmarks.common import QUESTION, ROOT, WORK, load, machine, print_table, recchat, run_process, write

CATALOG = "bench"
STALE = """
import json, os, sys
from pathlib import Path
from recchat.config import Settings
from recchat.factory import Runtime
collection = Runtime(Settings(Path(os.environ["RECCHAT_HOME"]), backend="fake")).store.open("catalog", sys.argv[1])
schema = json.loads(collection.info["schema"])
collection.set_info(schema=json.dumps({**schema, "format": 1}))
"""


def env_for(code: Path, home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECCHAT_")}
    env.update(RECCHAT_HOME=str(home), PYTHONPATH=str(code), NO_COLOR="1", COLUMNS="120", RECCHAT_TRACE="1")
    return env


def prepared(size: int) -> Path:
    """A data folder holding the catalog imported by today's code, its schema then made stale."""
    home = WORK / f"schema-relearn-{size}"
    if (home / "ready").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    folder = write_catalog(size, WORK)
    run_process(recchat("--backend", "fake", "catalog", "add", str(folder), "--name", CATALOG), env_for(ROOT, home))
    subprocess.run([sys.executable, "-c", STALE, CATALOG], env=env_for(ROOT, home), check=True)
    (home / "ready").touch()
    return home


def kept(home: Path) -> list[Path]:
    return sorted((home / "cache").glob(f"schema-{CATALOG}-*.json"))


def ask(code: Path, home: Path, *, incognito: bool = False) -> dict[str, Any]:
    flags = ["--incognito"] if incognito else []
    # -P: the recchat at `code` (PYTHONPATH), not the one in the current folder
    command = [sys.executable, "-P", "-m", "recchat", "--backend", "fake", *flags, "ask", "--no-llm", QUESTION]
    run = run_process(command, env_for(code, home))
    return {
        "wall_s": round(run.wall_s, 2),
        "cpu_s": round(run.cpu_s, 2),
        "relearn_s": round(run.spans.get("catalog.schema.relearn", 0.0) / 1000, 2),
        "load_kept_ms": round(run.spans.get("catalog.load.schema", 0.0), 1),
        "kept_files_after": len(kept(home)),
    }


def measure(code: Path, home: Path) -> dict[str, dict[str, Any]]:
    for path in kept(home):
        path.unlink()
    runs = {}
    for mode, incognito in (("incognito", True), ("plain", False)):
        for n in ("first", "second"):
            runs[f"{mode} {n}"] = ask(code, home, incognito=incognito)
    runs["incognito third"] = ask(code, home, incognito=True)  # reads what a plain open kept
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--before", type=Path, help="a checkout to measure first (e.g. main)")
    args = parser.parse_args()
    started = {**machine(), "load_at_start": load()}
    home = prepared(args.size)
    results = {}
    if args.before is not None:
        results["before"] = measure(args.before.resolve(), home)
    results["after"] = measure(ROOT, home)
    rows: list[list[object]] = [["code", "open", "wall s", "cpu s", "relearn s", "kept read ms", "kept files"]]
    for code, runs in results.items():
        for name, run in runs.items():
            rows.append([code, name, *run.values()])
    print_table(f"cold ask --no-llm --backend fake, {args.size:,} items, stored schema of format 1", rows)
    written = write("schema-relearn", {"size": args.size, "question": QUESTION, "runs": results}, started)
    print(f"\nwritten: {written}")


if __name__ == "__main__":
    main()
