"""Query latency p50/p95 as the catalog grows, against the raw Chroma search in the same run.

    python -m benchmarks.query [--sizes 4166,20000,100000] [--queries N]

For each size, a catalog of that many items (repeat-and-vary, benchmarks/catalogs.py) is imported
with the hashing embedder (`--backend fake`: 256 dims, store-only; embedding one query with the
default embedder adds the few ms measured in the real row) and then, in one process, warm, as the
TUI would run it:
- raw: `Collection.query` for one vector, 120 nearest with vectors (what retrieval asks Chroma);
- turn: a whole `Session.handle(explain=False)` (understanding, embedding, retrieval, ranking)
  on user turns from the benchmark's conversations: the "first suggestion after Enter";
- first turn: the same, on a fresh Runtime (catalog caches loaded or built).
The real row: the 4,166-item benchmark catalog with the default embedder (ONNX).
"""

from __future__ import annotations

import argparse
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.catalogs import write_catalog
from benchmarks.common import (
    BENCHMARK_CATALOG,
    WORK,
    cli_env,
    machine,
    prepared_home,
    print_table,
    summary,
    write,
)
from benchmarks.server import POOL, query_texts


def timings(action: Callable[[str], Any], texts: list[str]) -> list[float]:
    out = []
    for text in texts:
        started = time.perf_counter()
        action(text)
        out.append(time.perf_counter() - started)
    return out


def fake_store(size: int) -> Path:
    from recchat.catalog.importer import import_catalog
    from recchat.config import Settings
    from recchat.factory import Runtime

    home = WORK / f"query-fake-{size}"
    if (home / "ready").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    folder = BENCHMARK_CATALOG if size == 4166 else write_catalog(size, WORK)
    runtime = Runtime(Settings(home=home, backend="fake", use_llm=False))
    import_catalog(runtime.store, runtime.embedder, folder, "bench")
    (home / "ready").touch()
    return home


def measure_home(settings: Any, catalog: str, texts: list[str]) -> dict[str, Any]:
    from recchat.factory import Runtime

    runtime = Runtime(settings)
    started = time.perf_counter()
    session = runtime.session(catalog=catalog)
    session.handle(texts[0], explain=False)
    first = time.perf_counter() - started
    stored = runtime.catalog(catalog)
    vectors = runtime.embedder.embed(texts)
    raw_times = []
    for row in range(len(texts)):
        began = time.perf_counter()
        stored.collection.query(vectors[row : row + 1], POOL, metadatas=False)
        raw_times.append(time.perf_counter() - began)
    turn_times = timings(lambda text: runtime.session(catalog=catalog).handle(text, explain=False), texts)
    raw, turn = summary(raw_times), summary(turn_times)
    return {
        "items": len(stored.index),
        "first_turn_ms": round(first * 1000, 1),
        "raw_query": raw,
        "turn": turn,
        "turn_p50_over_raw_p50": round(turn["p50_ms"] / raw["p50_ms"], 1) if raw["p50_ms"] else None,
    }


def measure(sizes: list[int], queries: int) -> dict[str, Any]:
    from recchat.config import Settings, load_settings

    texts = query_texts(queries)
    result: dict[str, Any] = {"queries": len(texts), "pool": POOL}
    real = load_settings({"incognito": True, "use_llm": False}, cli_env(prepared_home()))
    result["default_embedder_4166"] = measure_home(real, "movies", texts)
    result["hashing_embedder"] = {}
    for size in sizes:
        settings = Settings(home=fake_store(size), backend="fake", use_llm=False, incognito=True)
        result["hashing_embedder"][str(size)] = measure_home(settings, "bench", texts)
    return result


def show(result: dict[str, Any]) -> None:
    rows: list[list[object]] = [["catalog", "raw query p50/p95 ms", "turn p50/p95 ms", "turn/raw p50", "first turn ms"]]
    labelled = [("4166, default embedder", result["default_embedder_4166"])]
    labelled += [(f"{size}, hashing embedder", r) for size, r in result["hashing_embedder"].items()]
    for label, r in labelled:
        raw, turn = r["raw_query"], r["turn"]
        rows.append(
            [
                label,
                f"{raw['p50_ms']} / {raw['p95_ms']}",
                f"{turn['p50_ms']} / {turn['p95_ms']}",
                r["turn_p50_over_raw_p50"],
                r["first_turn_ms"],
            ]
        )
    print_table(f"Query latency, warm ({result['queries']} user turns)", rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="4166,20000", help="comma-separated, e.g. 4166,20000,100000")
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args(argv)
    started = machine()
    result = measure([int(s) for s in args.sizes.split(",") if s], args.queries)
    show(result)
    print(f"-> {write('query', result, started)}")


if __name__ == "__main__":
    main()
