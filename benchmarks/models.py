"""`recchat models`: on a machine with nothing but recchat (target ≤ 0.5 s), and with 50 models in
the stores (target ≤ 1 s), against `python -c pass` in the same run.

    python -m benchmarks.models [--runs N]

The 50 models are laid out as each tool lays them out (15 Ollama, 10 LM Studio, 10 Hugging Face
hub, 10 llama.cpp cache, 5 in a config folder), each its own file with a real header and sparse
weights (a header is all `recchat models` reads). Half have the bundled SmolLM2 header (49,152
tokens); half a Qwen2.5-sized vocabulary (151,936 tokens and 151,387 merges), the costly kind
to step over. "cold": no cache of headers (every header read); "warm": the cache a previous
listing left in the data folder (only changed files read).
"""

from __future__ import annotations

import argparse
import statistics
import struct
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, cli_env, machine, print_table, recchat, run_process, write

sys.path.insert(0, str(ROOT / "tests"))
from gguf_files import I32, STRING, Gguf, encode, parse
from gguf_files import write as write_gguf
from model_stores import hub_repo, laptop_env, link, ollama_model

from recchat.llm.llama_cpp import default_model_path

QWEN_TOKENS = 151_936
QWEN_MERGES = 151_387


def _array(kind: int, items: list[bytes]) -> bytes:
    return struct.pack("<IIQ", 9, kind, len(items)) + b"".join(items)


def _strings(texts: list[str]) -> bytes:
    return _array(STRING, [struct.pack("<Q", len(t.encode())) + t.encode() for t in texts])


def qwen_sized(base: Gguf) -> Gguf:
    """The bundled header with a Qwen2.5-sized vocabulary and merges."""
    tokens = _strings([f"t{i}" for i in range(QWEN_TOKENS)])
    kinds = _array(I32, [struct.pack("<i", 1)] * QWEN_TOKENS)
    merges = _strings([f"m{i} x" for i in range(QWEN_MERGES)])
    replaced = {"tokenizer.ggml.tokens": tokens, "tokenizer.ggml.token_type": kinds, "tokenizer.ggml.merges": merges}
    entries = [(key, replaced.get(key, value)) for key, value in base.entries]
    return Gguf(base.version, entries, base.tensors, base.alignment)


def fifty_models(home: Path, work: Path) -> int:
    base = parse(default_model_path())
    kinds = [base, qwen_sized(base)]
    files: list[Path] = []
    for number in range(50):
        gguf = kinds[number % 2]
        named = Gguf(
            gguf.version,
            [*gguf.entries, ("general.name", encode((STRING, f"model {number}")))],
            gguf.tensors,
            gguf.alignment,
        )
        files.append(write_gguf(named, work / f"model-{number:02d}.gguf", sparse_weights=True))
    for number, file in enumerate(files[:15]):
        ollama_model(home / ".ollama" / "models", f"model{number}", "latest", file)
    lms = home / ".lmstudio" / "models"
    for number, file in enumerate(files[15:25]):
        link(file, lms / "publisher" / f"Model{number}-GGUF" / f"model{number}-Q4_1.gguf")
    for number, file in enumerate(files[25:35]):
        hub_repo(home / ".cache" / "huggingface" / "hub", f"org/Model{number}-GGUF", {f"model{number}.gguf": file})
    for number, file in enumerate(files[35:45]):
        link(file, home / ".cache" / "llama.cpp" / f"org_Model{number}-GGUF_model{number}.gguf")
    for number, file in enumerate(files[45:]):
        link(file, home / "models" / f"model{number}.gguf")
    return len(files)


def timed(command: list[str], env: dict[str, str] | None, runs: int) -> tuple[dict[str, float], str]:
    """Median wall and CPU seconds of `runs` runs, and the last run's output."""
    results = [run_process(command, env) for _ in range(runs)]
    seconds = {
        "wall_s": round(statistics.median(r.wall_s for r in results), 3),
        "cpu_s": round(statistics.median(r.cpu_s for r in results), 3),
    }
    return seconds, results[-1].stdout


LISTING_ALONE = (
    "import sys, time; from pathlib import Path; from recchat.models.places import ModelSearch; "
    "from recchat.models.listing import list_models; home = Path(sys.argv[1]); "
    "cache = Path(sys.argv[2]) if len(sys.argv) > 2 else None; started = time.perf_counter(); "
    "list_models(ModelSearch(user_home=home, folders=(home / 'models',)), cache=cache); "
    "print(round(time.perf_counter() - started, 4))"
)


def measure(runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bare_home, busy_home = root / "bare", root / "busy"
        bare_home.mkdir()
        count = fifty_models(busy_home, root / "files")
        data = root / "recchat-data"
        data.mkdir()

        def env(home: Path, **extra: str) -> dict[str, str]:
            return laptop_env(cli_env(data, **extra), home, home / "models")

        rows = {
            "python -c pass": timed([sys.executable, "-c", "pass"], None, runs)[0],
            "recchat --help": timed(recchat("--help"), env(bare_home), runs)[0],
        }
        rows["models: nothing but the default"], bare_listing = timed(
            recchat("models"), env(bare_home, RECCHAT_INCOGNITO="1"), runs
        )
        rows["models: 50, no header cache"], listing = timed(
            recchat("models"), env(busy_home, RECCHAT_INCOGNITO="1"), runs
        )
        run_process(recchat("models"), env(busy_home))  # leaves the cache of headers
        rows["models: 50, header cache"], _ = timed(recchat("models"), env(busy_home), runs)
        python = [sys.executable, "-c", LISTING_ALONE, str(busy_home)]
        alone = {
            "cold": statistics.median(float(run_process(python, cli_env(data)).stdout) for _ in range(runs)),
            "warm": statistics.median(
                float(run_process([*python, str(data / "cache" / "models.json")], cli_env(data)).stdout)
                for _ in range(runs)
            ),
        }
    assert len(bare_listing.splitlines()) == 2, bare_listing
    assert len(listing.splitlines()) - 1 == count + 1, listing  # the 50 and the default
    bare = rows["python -c pass"]
    return {
        "runs": runs,
        "medians": rows,
        "ratios to python -c pass (wall, cpu)": {
            name: [round(row["wall_s"] / bare["wall_s"], 1), round(row["cpu_s"] / max(bare["cpu_s"], 1e-3), 1)]
            for name, row in rows.items()
        },
        "listing alone, in process (s)": {key: round(value, 3) for key, value in alone.items()},
        "models listed": len(listing.splitlines()) - 1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    started = machine()
    data = measure(args.runs)
    targets = {"models: nothing but the default": "≤ 0.5 s", "models: 50, no header cache": "≤ 1 s"}
    targets["models: 50, header cache"] = "≤ 1 s"
    ratios = data["ratios to python -c pass (wall, cpu)"]
    rows = [("case", "wall s", "cpu s", "× python -c pass (wall, cpu)", "target")]
    for name, row in data["medians"].items():
        rows.append((name, row["wall_s"], row["cpu_s"], ", ".join(map(str, ratios[name])), targets.get(name, "")))
    print_table(f"recchat models (median of {args.runs}; load at start {started['load_at_start']})", rows)
    alone = data["listing alone, in process (s)"]
    print(f"\nlisting the 50 alone (no interpreter, no CLI): {alone['cold']} s cold, {alone['warm']} s with the cache")
    print(f"wrote {write('models', data, started)}")


if __name__ == "__main__":
    main()
