"""Large catalogs from real text: the 4,166-movie benchmark catalog repeated and varied.

Copy c of item i gets id "i~c", a title "Title (copy c)" with the year kept, the same tags, and a
description whose sentences are rotated by c and followed by the description of the item c*7919
places further on (wrapping). Every text is real English about movies, no two texts are equal,
and lengths stay close to the original's, so embedding cost per item is comparable.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import BENCHMARK_CATALOG

STRIDE = 7919  # a prime: the borrowed description is a different movie for every copy


def originals() -> list[dict[str, Any]]:
    path = BENCHMARK_CATALOG / "catalog.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def varied(items: list[dict[str, Any]], size: int) -> Iterator[dict[str, Any]]:
    for n in range(size):
        copy, index = divmod(n, len(items))
        item = items[index]
        if copy == 0:
            yield item
            continue
        sentences = [s for s in str(item.get("description", "")).split(". ") if s]
        shift = copy % max(len(sentences), 1)
        borrowed = str(items[(index + copy * STRIDE) % len(items)].get("description", "")).split(". ")[0]
        description = ". ".join(sentences[shift:] + sentences[:shift])
        yield {
            **item,
            "id": f"{item['id']}~{copy}",
            "title": f"{item['title']} (copy {copy})",
            "description": f"{description} {borrowed}".strip()[: max(len(description), 200) + 200],
        }


def write_catalog(size: int, folder: Path) -> Path:
    """A catalog folder of `size` items (items only: the usage log is about the originals)."""
    target = folder / f"catalog-{size}"
    done = target / "catalog.jsonl"
    if done.exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    partial = target / "catalog.jsonl.tmp"
    with partial.open("w", encoding="utf-8") as out:
        for item in varied(originals(), size):
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    partial.replace(done)
    return target
