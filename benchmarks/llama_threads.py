"""llama.cpp's thread counts on this machine: a 220-token prompt read and 30 one-token decodes of
the default model, for (batch threads, decode threads) pairs, each in a fresh process, interleaved
`--rounds` times. With `--hog`, one busy process runs beside them (another engineer's tests).

    python -m benchmarks.llama_threads [--rounds 2] [--hog] [--name llama_threads]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from typing import Any

from benchmarks.common import ROOT, load, machine, print_table, write

PAIRS = ((2, 1), (1, 1), (2, 2))  # (n_threads_batch, n_threads); recchat's default is (2, 1) on 2 cores
PROBE = """
import json, sys, time
from llama_cpp import Llama
from recchat.llm.llama_cpp import default_model_path
batch, decode = int(sys.argv[1]), int(sys.argv[2])
llm = Llama(model_path=str(default_model_path()), n_ctx=2048, n_threads=decode, n_threads_batch=batch, verbose=False)
text = open(sys.argv[3]).read() * 4
tokens = llm.tokenize(text.encode())[:220]
started = time.perf_counter()
for _ in range(3):
    llm.reset()
    llm.eval(tokens)
prompt = (time.perf_counter() - started) / 3
started = time.perf_counter()
for token in tokens[:30]:
    llm.eval([token])
print(json.dumps({"prompt_220_ms": round(prompt * 1000, 1),
                  "decode_ms_per_token": round((time.perf_counter() - started) / 30 * 1000, 2)}))
"""


def probe(batch: int, decode: int) -> dict[str, float]:
    command = [sys.executable, "-c", PROBE, str(batch), str(decode), str(ROOT / "prompts" / "explain.system.txt")]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT)})
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def measure(rounds: int, hog: bool) -> dict[str, Any]:
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if hog else None
    try:
        found: dict[str, list[dict[str, float]]] = {f"batch {b}, decode {d}": [] for b, d in PAIRS}
        loads = []
        for _ in range(rounds):
            loads.append(load()[0])
            for (batch, decode), rows in zip(PAIRS, found.values(), strict=True):
                rows.append(probe(batch, decode))
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
    medians = {k: {n: round(statistics.median(r[n] for r in rows), 2) for n in rows[0]} for k, rows in found.items()}
    return {"hog": hog, "rounds": rounds, "load_1min_per_round": loads, "median": medians}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--hog", action="store_true", help="one busy process beside the probes")
    parser.add_argument("--name", default="llama_threads", help="the results file's name")
    args = parser.parse_args(argv)
    started = machine()
    result = measure(args.rounds, args.hog)
    rows: list[list[object]] = [["threads", "prompt 220 tokens ms", "decode ms/token"]]
    rows += [[k, v["prompt_220_ms"], v["decode_ms_per_token"]] for k, v in result["median"].items()]
    print_table(f"llama.cpp threads ({'one busy process beside' if args.hog else 'nothing beside'})", rows)
    print(f"-> {write(args.name, result, started)}")


if __name__ == "__main__":
    main()
