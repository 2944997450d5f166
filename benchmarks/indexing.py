"""Indexing: `catalog add` items/s against raw encoding of the same texts, in the same run.

    python -m benchmarks.indexing [--sample N] [--sizes 20000,100000]

1. Default embedder (all-MiniLM-L6-v2): `import_catalog` of the first N benchmark items (default
   1,000: the full 4k takes minutes on 2 busy cores) into a fresh store, against raw
   sentence-transformers `encode` and the raw float32 ONNX runner on the items' whole texts
   (`item_text`, 1,000 description characters: what was embedded before issue 26), and the raw
   int8 runner on exactly the texts the import embeds now (`embed_text`), each in batches as the
   import makes them.
2. Unchanged re-add of the 4,166-item benchmark catalog (`recchat catalog add` again, in a fresh
   process, as a user runs it): the import's own seconds and the whole command.
3. Store-only scaling, hashing embedder (`--backend fake`, 256 dims, microseconds per text): how
   `catalog add` grows with 20k and 100k items built by repeat-and-vary (benchmarks/catalogs.py);
   with the default embedder add the encode time measured in 1. per item.
"""

from __future__ import annotations

import argparse
import re
import shutil
import time
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
    recchat,
    run_process,
    write,
)

BATCH = 256  # recchat.catalog.importer.import_catalog's batch size


def texts_of(folder: Path, embedded: bool = False) -> list[str]:
    """The items' whole texts, or (`embedded`) what the import embeds of them."""
    from recchat.catalog.importer import iter_valid_items
    from recchat.catalog.items import embed_text, item_text

    return [(embed_text if embedded else item_text)(item) for item, _ in iter_valid_items(folder, [])]


def encode_rate(encode: Any, texts: list[str]) -> float:
    encode(texts[:8])  # warm-up: first-call allocations are not throughput
    started = time.perf_counter()
    for start in range(0, len(texts), BATCH):
        encode(texts[start : start + BATCH])
    return len(texts) / (time.perf_counter() - started)


def import_rate(folder: Path, home: Path, backend: str | None) -> dict[str, float]:
    from recchat.catalog.importer import import_catalog
    from recchat.config import Settings
    from recchat.factory import Runtime

    shutil.rmtree(home, ignore_errors=True)
    settings = Settings(home=home, use_llm=False)
    runtime = Runtime(settings.with_changes(backend=backend) if backend else settings)
    runtime.embedder.embed(["warm-up"])  # model load is start-up, not throughput
    report = import_catalog(runtime.store, runtime.embedder, folder, "bench")
    again = import_catalog(runtime.store, runtime.embedder, folder, "bench")
    return {
        "items": report.total,
        "seconds": round(report.seconds, 2),
        "items_per_s": round(report.total / report.seconds, 1),
        "unchanged_re_add_s": round(again.seconds, 2),
    }


def sample_folder(size: int) -> Path:
    folder = WORK / f"sample-{size}"
    if not (folder / "catalog.jsonl").exists():
        folder.mkdir(parents=True, exist_ok=True)
        lines = (BENCHMARK_CATALOG / "catalog.jsonl").read_text(encoding="utf-8").splitlines()[:size]
        (folder / "catalog.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def default_embedder_rates(sample: int) -> dict[str, Any]:
    from recchat.embed.onnx import OnnxEmbedder
    from recchat.embed.sentence_transformers import SentenceTransformerEmbedder

    folder = sample_folder(sample)
    texts = texts_of(folder)
    home = WORK / "indexing-default"
    result: dict[str, Any] = {"catalog_add": import_rate(folder, home, None)}
    onnx = OnnxEmbedder.default(home / "cache" / "onnx", precision="float32")
    result["raw_onnx_items_per_s"] = round(encode_rate(onnx.embed, texts), 1)
    int8 = OnnxEmbedder.default(home / "cache" / "onnx")
    result["raw_onnx_int8_embedded_texts_items_per_s"] = round(encode_rate(int8.embed, texts_of(folder, True)), 1)
    reference = SentenceTransformerEmbedder.default()
    reference.load()
    result["raw_sentence_transformers_items_per_s"] = round(encode_rate(reference.embed, texts), 1)
    add = result["catalog_add"]["items_per_s"]
    result["ratio_add_over_raw_st"] = round(add / result["raw_sentence_transformers_items_per_s"], 3)
    result["ratio_add_over_raw_onnx"] = round(add / result["raw_onnx_items_per_s"], 3)
    return result


def unchanged_re_add() -> dict[str, float]:
    home = prepared_home()
    run = run_process(recchat("catalog", "add", str(BENCHMARK_CATALOG), "--name", "movies"), cli_env(home))
    found = re.search(r"unchanged.* in ([0-9.]+)s", run.stdout + run.stderr)
    seconds = float(found.group(1)) if found else float("nan")
    return {
        "items": 4166,
        "import_s": seconds,
        "command_s": round(run.wall_s, 2),
        "peak_rss_mb": round(run.peak_rss_mb),
    }


def store_scaling(sizes: list[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for size in sizes:
        folder = BENCHMARK_CATALOG if size == 4166 else write_catalog(size, WORK)
        out[str(size)] = import_rate(folder, WORK / f"indexing-fake-{size}", "fake")
    return out


def measure(sample: int, sizes: list[int]) -> dict[str, Any]:
    result: dict[str, Any] = {"sample": sample}
    # First, while this process is small: Linux keeps a parent's peak RSS in its child's across
    # fork and exec, so after torch is loaded here the child's peak would read ~1.6 GB.
    result["unchanged_re_add_4k"] = unchanged_re_add()
    result["default_embedder"] = default_embedder_rates(sample)
    result["hashing_embedder_store_only"] = store_scaling(sizes)
    encode = result["default_embedder"]["raw_onnx_items_per_s"]
    result["projected_default_embedder_minutes"] = {
        size: round((int(size) / encode + r["seconds"]) / 60, 1)
        for size, r in result["hashing_embedder_store_only"].items()
    }
    return result


def show(result: dict[str, Any]) -> None:
    d = result["default_embedder"]
    rows: list[list[object]] = [["what", "items/s", "x raw ST encode", "x raw ONNX encode"]]
    rows.append(["raw sentence-transformers encode", d["raw_sentence_transformers_items_per_s"], 1.0, ""])
    rows.append(["raw ONNX float32 encode, whole texts", d["raw_onnx_items_per_s"], "", 1.0])
    int8 = d["raw_onnx_int8_embedded_texts_items_per_s"]
    rows.append(["raw ONNX int8 encode, embedded texts (recchat's)", int8, "", ""])
    rows.append(
        [
            f"catalog add, {d['catalog_add']['items']} items",
            d["catalog_add"]["items_per_s"],
            d["ratio_add_over_raw_st"],
            d["ratio_add_over_raw_onnx"],
        ]
    )
    print_table("Indexing, default embedder (same items, same run)", rows)
    u = result["unchanged_re_add_4k"]
    print(f"  unchanged re-add of 4,166 items: import {u['import_s']} s, whole command {u['command_s']} s")
    rows = [["items (hashing embedder)", "catalog add s", "items/s", "unchanged re-add s", "projected default min"]]
    for size, r in result["hashing_embedder_store_only"].items():
        projected = result["projected_default_embedder_minutes"][size]
        rows.append([size, r["seconds"], r["items_per_s"], r["unchanged_re_add_s"], projected])
    print_table("Indexing, store only (hashing embedder)", rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=1000, help="items embedded with the default embedder")
    parser.add_argument("--sizes", default="4166,20000", help="store-only sizes, e.g. 4166,20000,100000")
    args = parser.parse_args(argv)
    started = machine()
    result = measure(args.sample, [int(s) for s in args.sizes.split(",") if s])
    show(result)
    print(f"-> {write('indexing', result, started)}")


if __name__ == "__main__":
    main()
