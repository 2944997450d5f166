"""What every benchmark shares: the machine, percentiles, subprocess runs with a timing trace and
peak RSS, JSON results and a short table.

Absolute times on a shared 2-core machine drift with the load; each benchmark therefore also
measures the raw parts (bare Python, raw llama-cpp-python, raw encode, raw Chroma query) in the
same run and reports ratios against them.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
BENCHMARK_CATALOG = ROOT.parent / "shared" / "benchmarks" / "redial-movies" / "catalog"
WORK = Path(tempfile.gettempdir()) / f"recchat-bench-{os.getuid()}"
QUESTION = "a funny heist movie like Ocean's Eleven, nothing scary"


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(seconds: Sequence[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(seconds, 0.50) * 1000, 1),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 1),
        "mean_ms": round(statistics.fmean(seconds) * 1000, 1),
        "n": len(seconds),
    }


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9, 1),
        "load_at_start": load(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def write(name: str, data: dict[str, Any], started: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"benchmark": name, "machine": {**started, "load_at_end": load()}, **data}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return path


def print_table(title: str, rows: Sequence[Sequence[object]]) -> None:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    print(f"\n{title}")
    for number, row in enumerate(rows):
        print("  " + "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
        if number == 0:
            print("  " + "  ".join("-" * width for width in widths))


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECCHAT_")}
    # This checkout first, whatever is installed in the venv.
    env.update(RECCHAT_HOME=str(home), PYTHONPATH=str(ROOT), NO_COLOR="1", COLUMNS="120", **extra)
    return env


@dataclass
class Run:
    wall_s: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    before_main_s: float | None = None
    spans: dict[str, float] = field(default_factory=dict)  # name -> ms (summed when repeated)
    events: list[tuple[float, str, float]] = field(default_factory=list)  # (at ms since main, name, ms)
    cpu_s: float = 0.0  # user + system CPU time: steadier than wall time on a busy machine

    def first_at(self, name: str) -> float | None:
        return next((at for at, event, _ in self.events if event == name), None)


def run_process(command: Sequence[str], env: dict[str, str] | None = None, log: Path | None = None) -> Run:
    """Run a command to its end: wall time, its own peak RSS (wait4), and the recchat trace.
    `log`: where its stderr goes as it runs (to follow a long one), instead of a hidden file."""
    err_file = log.open("w+") if log is not None else tempfile.TemporaryFile("w+")  # noqa: SIM115
    with tempfile.TemporaryFile("w+") as out, err_file as err:
        launched_epoch = time.time()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        run = Run(wall, usage.ru_maxrss / 1024, process.returncode, out.read(), err.read())
        run.cpu_s = usage.ru_utime + usage.ru_stime
    _parse_trace(run, launched_epoch)
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return run


def _parse_trace(run: Run, launched_epoch: float) -> None:
    for line in run.stderr.splitlines():
        parts = line.split()
        if len(parts) < 3 or parts[0] != "recchat-trace":
            continue
        at, name = float(parts[1]), parts[2]
        fields = dict(part.split("=", 1) for part in parts[3:] if "=" in part)
        if name == "main" and "epoch" in fields:
            run.before_main_s = float(fields["epoch"]) - launched_epoch
        ms = float(fields.get("ms", 0.0))
        run.events.append((at, name, ms))
        run.spans[name] = run.spans.get(name, 0.0) + ms


def recchat(*args: str) -> list[str]:
    return [sys.executable, "-m", "recchat", *args]


def prepared_home() -> Path:
    """A data folder with the benchmark catalog imported as "movies" (default embedder), the
    ONNX export made and the catalog caches written: what a user has after their first ask.

    Copies RECCHAT_BENCH_SEED (a folder where the catalog was imported before) when given, as
    importing 4k movies takes minutes here; else imports the catalog."""
    home = WORK / "home"
    if (home / "ready").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    home.parent.mkdir(parents=True, exist_ok=True)
    seed = os.environ.get("RECCHAT_BENCH_SEED")
    if seed:
        shutil.copytree(seed, home, symlinks=True)
    else:
        run_process(recchat("catalog", "add", str(BENCHMARK_CATALOG), "--name", "movies"), cli_env(home))
    run_process(recchat("ask", "--no-llm", QUESTION), cli_env(home))  # export + caches, not measured
    (home / "ready").touch()
    return home
