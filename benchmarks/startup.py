"""Start-up: `recchat --help`, cold `recchat ask --no-llm` and cold `recchat ask`, each split into
phases by the timing trace (RECCHAT_TRACE=1), against bare Python and raw imports in the same run.

    python -m benchmarks.startup [--runs N] [--name startup]

"Cold" means a fresh process each time with the data folder prepared (catalog imported, ONNX
export and catalog caches made by an earlier run); the OS file cache is warm, as it is for a user
who ran recchat a minute ago. The first ask after install also makes the ONNX export (once).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from typing import Any

from benchmarks.common import (
    QUESTION,
    Run,
    cli_env,
    machine,
    prepared_home,
    print_table,
    recchat,
    run_process,
    write,
)

RAW_IMPORTS = {
    "python -c pass": "pass",
    "import chromadb": "import chromadb",
    "import onnxruntime, tokenizers": "import onnxruntime, tokenizers",
    "import llama_cpp": "import llama_cpp",
    "import sentence_transformers": "import sentence_transformers",
}
ASK_PHASES = [  # (label, trace span); store.open includes `import chromadb`
    ("before main (interpreter, CLI imports)", None),
    ("store open (incl. import chromadb)", "store.open"),
    ("catalog open + index + title matcher", ("catalog.open", "catalog.index", "matcher.build")),
    ("embedder load (onnxruntime)", "embedder.load"),
    ("embedding the question", "embed"),
    ("retrieval", "retrieve"),
    ("LLM load", "llm.load"),
    ("5 explanations", "explain"),
]


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.wall_s)[len(runs) // 2]


def phases(run: Run) -> dict[str, float]:
    out: dict[str, float] = {}
    for label, span in ASK_PHASES:
        if span is None:
            out[label] = round((run.before_main_s or 0.0) * 1000, 1)
        elif isinstance(span, tuple):
            out[label] = round(sum(run.spans.get(s, 0.0) for s in span), 1)
        elif span in run.spans:
            out[label] = round(run.spans[span], 1)
    first = run.first_at("llm.first_token")
    if first is not None:
        out["first token (since process start)"] = round(first + (run.before_main_s or 0.0) * 1000, 1)
    out["total (wall)"] = round(run.wall_s * 1000, 1)
    return out


def measure(runs: int) -> dict[str, Any]:
    home = prepared_home()
    env = cli_env(home)
    traced = cli_env(home, RECCHAT_TRACE="1")
    raw = {
        label: statistics.median(run_process([sys.executable, "-c", code]).wall_s for _ in range(runs))
        for label, code in RAW_IMPORTS.items()
    }
    help_runs = [run_process(recchat("--help"), env) for _ in range(max(runs, 5))]
    no_llm = [run_process(recchat("ask", "--no-llm", QUESTION), traced) for _ in range(runs)]
    with_llm = [run_process(recchat("ask", QUESTION), traced) for _ in range(runs)]
    bare = raw["python -c pass"]
    result: dict[str, Any] = {
        "raw_s": {k: round(v, 3) for k, v in raw.items()},
        "help_s": round(statistics.median(r.wall_s for r in help_runs), 3),
        "ask_no_llm_s": round(statistics.median(r.wall_s for r in no_llm), 3),
        "ask_s": round(statistics.median(r.wall_s for r in with_llm), 3),
        "ask_no_llm_phases_ms": phases(median_run(no_llm)),
        "ask_phases_ms": phases(median_run(with_llm)),
        "ask_peak_rss_mb": round(max(r.peak_rss_mb for r in with_llm), 1),
        "ask_no_llm_peak_rss_mb": round(max(r.peak_rss_mb for r in no_llm), 1),
        "help_peak_rss_mb": round(max(r.peak_rss_mb for r in help_runs), 1),
        "runs": runs,
    }
    result["ratios_to_bare_python"] = {
        "help": round(result["help_s"] / bare, 2),
        "ask_no_llm": round(result["ask_no_llm_s"] / bare, 2),
        "ask": round(result["ask_s"] / bare, 2),
    }
    return result


def show(result: dict[str, Any]) -> None:
    raw = result["raw_s"]
    rows: list[list[object]] = [["command", "median s", "x bare python", "peak RSS MB", "target"]]
    rows.append(["python -c pass", raw["python -c pass"], 1.0, "", ""])
    rows.append(
        [
            "recchat --help",
            result["help_s"],
            result["ratios_to_bare_python"]["help"],
            result["help_peak_rss_mb"],
            "<= 0.3 s",
        ]
    )
    rows.append(
        [
            "recchat ask --no-llm (cold)",
            result["ask_no_llm_s"],
            result["ratios_to_bare_python"]["ask_no_llm"],
            result["ask_no_llm_peak_rss_mb"],
            "<= 3 s",
        ]
    )
    rows.append(
        [
            "recchat ask (cold, 5 explanations)",
            result["ask_s"],
            result["ratios_to_bare_python"]["ask"],
            result["ask_peak_rss_mb"],
            "<= 6 s, <= 1200 MB",
        ]
    )
    print_table("Start-up", rows)
    print_table("Raw imports (same run)", [["import", "s"], *([k, v] for k, v in raw.items())])
    phase_rows: list[list[object]] = [["phase (median run)", "ask --no-llm ms", "ask ms"]]
    for label in result["ask_phases_ms"]:
        phase_rows.append([label, result["ask_no_llm_phases_ms"].get(label, ""), result["ask_phases_ms"][label]])
    print_table("Cold ask, by phase (RECCHAT_TRACE=1)", phase_rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--name", default="startup", help="the results file's name")
    args = parser.parse_args(argv)
    started = machine()
    result = measure(args.runs)
    show(result)
    print(f"-> {write(args.name, result, started)}")


if __name__ == "__main__":
    main()
