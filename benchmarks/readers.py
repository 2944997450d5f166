"""Reading a big catalog file: the same items as a JSON array (.json, read whole) and as JSON
Lines (.jsonl, streamed), in items/s, in one process.

    python -m benchmarks.readers [--megabytes 50] [--rounds 3]

The .jsonl read is the raw part the .json read is compared with: both decode the same items,
so their ratio is the cost of reading an array (before the fix, counting lines from the start
of the file for each element made it quadratic: 44 s for 8.8 MB). Only the readers run: no
schema, no embedding. The files are written under $TMPDIR and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.common import machine, print_table, write

DESCRIPTION = "A quiet story about a long journey, told by the people who stayed behind. " * 3


def items_of_size(megabytes: float) -> list[dict[str, object]]:
    """Catalog-like items, enough of them that the indented .json array is about this size."""
    size = len(json.dumps([_item(10_000)], indent=2)) + 1  # each, with its separator
    return [_item(i) for i in range(int(megabytes * 1e6 / size))]


def _item(i: int) -> dict[str, object]:
    return {
        "id": f"item-{i}",
        "title": f"Item number {i}",
        "year": 1950 + i % 70,
        "tags": ["drama", "journey"] if i % 2 else ["comedy"],
        "description": DESCRIPTION,
    }


def write_files(folder: Path, items: list[dict[str, object]]) -> tuple[Path, Path]:
    """The items as an indented JSON array (as exports write them: one line per field) and as
    JSON Lines."""
    array, lines = folder / "items.json", folder / "items.jsonl"
    array.write_text(json.dumps(items, indent=2), encoding="utf-8")
    lines.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return array, lines


def timed_read(path: Path, rounds: int) -> tuple[float, int]:
    """The best of `rounds` full reads (the least disturbed by other work), and the items read."""
    from recchat.catalog.readers import read_records

    best, count = float("inf"), 0
    for _ in range(rounds):
        started = time.perf_counter()
        count = sum(1 for _ in read_records(path))
        best = min(best, time.perf_counter() - started)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=50.0, help="size of the .json file")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    started = machine()
    folder = Path(tempfile.mkdtemp(prefix="recchat-bench-readers-"))
    try:
        array, lines = write_files(folder, items_of_size(args.megabytes))
        array_s, array_items = timed_read(array, args.rounds)
        lines_s, lines_items = timed_read(lines, args.rounds)
        sizes = {"json_mb": round(array.stat().st_size / 1e6, 1), "jsonl_mb": round(lines.stat().st_size / 1e6, 1)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert array_items == lines_items, "both files hold the same items"
    result = {
        "items": array_items,
        **sizes,
        "json_s": round(array_s, 3),
        "jsonl_s": round(lines_s, 3),
        "json_items_per_s": round(array_items / array_s),
        "jsonl_items_per_s": round(lines_items / lines_s),
        "json_vs_jsonl": round((array_items / array_s) / (lines_items / lines_s), 2),
        "rounds": args.rounds,
    }
    print_table(
        f"reading {array_items:,} items (best of {args.rounds})",
        [
            ("file", "MB", "seconds", "items/s"),
            (".json array", sizes["json_mb"], result["json_s"], f"{result['json_items_per_s']:,}"),
            (".jsonl", sizes["jsonl_mb"], result["jsonl_s"], f"{result['jsonl_items_per_s']:,}"),
        ],
    )
    print(f"\n.json items/s as a share of .jsonl's: {result['json_vs_jsonl']}")
    print(f"written to {write('readers', result, started)}")


if __name__ == "__main__":
    main()
