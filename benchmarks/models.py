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


def timed(command: list[str], env: dict[str, str], runs: int) -> tuple[float, str]:
    results = [run_process(command, env) for _ in range(runs)]
    return statistics.median(r.wall_s for r in results), results[-1].stdout


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

        bare_python = statistics.median(run_process([sys.executable, "-c", "pass"]).wall_s for _ in range(runs))
        nothing, listed_nothing = timed(recchat("models"), env(bare_home, RECCHAT_INCOGNITO="1"), runs)
        cold, listed = timed(recchat("models"), env(busy_home, RECCHAT_INCOGNITO="1"), runs)
        run_process(recchat("models"), env(busy_home))  # leaves the cache of headers
        warm, _ = timed(recchat("models"), env(busy_home), runs)
    listed_count = len(listed.splitlines()) - 1
    assert len(listed_nothing.splitlines()) == 2, listed_nothing
    assert listed_count == count + 1, listed  # the 50 and the default
    return {
        "runs": runs,
        "python -c pass (s)": round(bare_python, 3),
        "nothing but the default (s)": round(nothing, 3),
        "50 models, cold (s)": round(cold, 3),
        "50 models, warm (s)": round(warm, 3),
        "ratios to python -c pass": {
            "nothing": round(nothing / bare_python, 1),
            "50 cold": round(cold / bare_python, 1),
            "50 warm": round(warm / bare_python, 1),
        },
        "models listed": listed_count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    started = machine()
    data = measure(args.runs)
    ratios = data["ratios to python -c pass"]
    print_table(
        f"recchat models (median of {args.runs}; load at start {started['load_at_start']})",
        [
            ("case", "seconds", "× python -c pass", "target"),
            ("python -c pass", data["python -c pass (s)"], 1.0, ""),
            ("nothing but the default", data["nothing but the default (s)"], ratios["nothing"], "≤ 0.5 s"),
            ("50 models, no header cache", data["50 models, cold (s)"], ratios["50 cold"], "≤ 1 s"),
            ("50 models, header cache", data["50 models, warm (s)"], ratios["50 warm"], "≤ 1 s"),
        ],
    )
    print(f"\nwrote {write('models', data, started)}")


if __name__ == "__main__":
    main()
