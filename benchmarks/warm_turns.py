"""Warm turns in one process, as the app answers once it is up: `Session.handle(explain=False)`
(understanding, embedding, retrieval, ranking) for each text, after a first turn that opens the
catalog. Run as a script with PYTHONPATH pointing at the recchat under test (benchmarks/scale.py):

    python benchmarks/warm_turns.py HOME CATALOG TEXTS.json

Prints one JSON object: the first turn's ms and the warm turns' p50/p95/mean.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    home, catalog, texts_file = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    texts: list[str] = json.loads(texts_file.read_text(encoding="utf-8"))
    from recchat.config import load_settings
    from recchat.factory import Runtime

    settings = load_settings({"use_llm": False}, {"RECCHAT_HOME": str(home)})
    runtime = Runtime(settings)
    started = time.perf_counter()
    runtime.session(catalog=catalog).handle(texts[0], explain=False)
    first = time.perf_counter() - started
    times = []
    for text in texts:
        began = time.perf_counter()
        runtime.session(catalog=catalog).handle(text, explain=False)  # a fresh conversation each time
        times.append(time.perf_counter() - began)
    print(
        json.dumps(
            {
                "first_turn_ms": round(first * 1000, 1),
                "p50_ms": round(percentile(times, 0.5) * 1000, 1),
                "p95_ms": round(percentile(times, 0.95) * 1000, 1),
                "mean_ms": round(statistics.fmean(times) * 1000, 1),
                "n": len(times),
            }
        )
    )


if __name__ == "__main__":
    main()
