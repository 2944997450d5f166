"""Embedding variants against retrieval quality: ReDial dev R@10 / R@50 and import speed.

    python -m benchmarks.embedding_quality [--variants float32:1000,int8:1000,int8:500] [--limit N]

Each variant is `precision:chars`: the embedder's precision (float32, or int8, recchat's
default) and how many characters of an item's description it reads (EMBED_DESCRIPTION_CHARS).
For each, the 4,166-movie ReDial catalog is imported into a fresh data folder with the default
embedder, then `recchat eval --cases dev_cases.jsonl` runs over it (ranking only, no LLM). R@k
does not depend on the machine's load; the import's items/s does (each row says the load).
The first variant is the reference: the others' differences are against it, in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import time
from typing import Any

from benchmarks.common import BENCHMARK_CATALOG, WORK, load, machine, print_table, write

DEV_CASES = BENCHMARK_CATALOG.parent / "dev_cases.jsonl"
DEFAULT_VARIANTS = "float32:1000,int8:1000,int8:700,int8:500,int8:350,int8:250"


def measure_variant(precision: str, chars: int, limit: int | None) -> dict[str, Any]:
    from recchat.catalog import items
    from recchat.catalog.importer import import_catalog
    from recchat.config import Settings
    from recchat.embed.onnx import OnnxEmbedder
    from recchat.eval.cases import read_cases
    from recchat.eval.harness import evaluate
    from recchat.factory import Runtime

    items.EMBED_DESCRIPTION_CHARS = chars  # what embed_text reads; a fresh folder per variant
    home = WORK / f"quality-{precision}-{chars}"
    shutil.rmtree(home, ignore_errors=True)
    settings = Settings(home=home, use_llm=False, embedder_precision=precision)
    runtime = Runtime(settings)
    # The ONNX export (and its int8 copy) is shared: making it is not what is measured.
    runtime.__dict__["embedder"] = OnnxEmbedder.default(
        WORK / "onnx-cache", threads=settings.generation.threads, precision=precision
    )
    runtime.embedder.embed(["warm-up"])
    load_before = load()
    report = import_catalog(runtime.store, runtime.embedder, BENCHMARK_CATALOG, "movies")
    started = time.perf_counter()
    result = evaluate(runtime, "movies", read_cases(DEV_CASES, limit), ks=(10, 50))
    return {
        "precision": precision,
        "chars": chars,
        "embedder": runtime.embedder.name,
        "import_items_per_s": round(report.total / report.seconds, 1),
        "load_during_import": [load_before, load()],
        "R@10": result["recall@10"],
        "R@50": result["recall@50"],
        "eval_s": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", default=DEFAULT_VARIANTS, help="precision:chars, comma-separated")
    parser.add_argument("--limit", type=int, default=None, help="only the first N dev cases")
    args = parser.parse_args(argv)
    started = machine()
    rows: list[dict[str, Any]] = []
    for variant in args.variants.split(","):
        precision, chars = variant.split(":")
        rows.append(measure_variant(precision, int(chars), args.limit))
        print(rows[-1], flush=True)
    reference = rows[0]
    table: list[list[object]] = [["precision", "description chars", "R@10", "R@50", "dR@10", "dR@50", "import/s"]]
    for row in rows:
        table.append(
            [
                row["precision"],
                row["chars"],
                f"{row['R@10']:.4f}",
                f"{row['R@50']:.4f}",
                f"{row['R@10'] - reference['R@10']:+.4f}",
                f"{row['R@50'] - reference['R@50']:+.4f}",
                row["import_items_per_s"],
            ]
        )
    print_table("ReDial dev, recchat ranking, by embedding variant", table)
    print(f"-> {write('embedding_quality', {'variants': rows}, started)}")


if __name__ == "__main__":
    main()
