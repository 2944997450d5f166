"""The ReDial cases over catalogs with fewer signals: the same dialogues, another catalog.

    python -m benchmarks.redial_variants OUT [--cases dev_cases.jsonl] [--films tests/conversations/films]

Writes into OUT:
- `plain/catalog.jsonl`: the benchmark catalog without its popularity and without its usage log
  (`interactions.jsonl` is left out): what recchat ranks with when a catalog carries neither.
- `films_cases.jsonl`: the cases moved onto the suite's film catalog (1,110 films, another schema,
  no popularity, no usage log, no ids): each id becomes the film's id there (matched by title and
  year); cases left with no target in that catalog are dropped, and exclusions outside it vanish.

`recchat catalog add OUT/plain --name movies-plain` and `recchat catalog add
tests/conversations/films --name films`, then `recchat eval --catalog ... --cases ...` as usual.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from benchmarks.common import BENCHMARK_CATALOG, ROOT
from recchat.catalog.importer import iter_valid_items
from recchat.errors import CatalogError
from recchat.text import normalise_title, without_year

FILMS = ROOT / "tests" / "conversations" / "films"
CASES = BENCHMARK_CATALOG.parent / "dev_cases.jsonl"


def write_plain(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    with (
        (BENCHMARK_CATALOG / "catalog.jsonl").open(encoding="utf-8") as source,
        (out / "catalog.jsonl").open("w", encoding="utf-8") as target,
    ):
        for line in source:
            record = json.loads(line)
            record.pop("popularity", None)
            target.write(json.dumps(record) + "\n")
            count += 1
    return count


def _key(title: str, year: Any) -> tuple[str, int | None]:
    return normalise_title(without_year(title)), int(year) if isinstance(year, int | float) else None


def film_ids(folder: Path) -> dict[tuple[str, int | None], str]:
    errors: list[CatalogError] = []
    found = {_key(item.title, item.metadata.get("year")): item.id for item, _ in iter_valid_items(folder, errors)}
    if errors:
        raise SystemExit(f"{folder}: {errors[0]}")
    return found


def write_film_cases(cases: Path, films: Path, out: Path) -> tuple[int, int]:
    ids = film_ids(films)
    moved: dict[str, str] = {}
    with (BENCHMARK_CATALOG / "catalog.jsonl").open(encoding="utf-8") as source:
        for line in source:
            record = json.loads(line)
            film = ids.get(_key(record["title"], record.get("year")))
            if film is not None:
                moved[str(record["id"])] = film
    kept = total = 0
    with cases.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as target:
        for line in source:
            case = json.loads(line)
            total += 1
            targets = [moved[t] for t in case["targets"] if t in moved]
            if not targets:
                continue
            case["targets"] = targets
            case["exclude"] = [moved[t] for t in case.get("exclude", []) if t in moved]
            for key in ("accepted", "accepted_unseen"):
                if key in case:
                    case[key] = [moved[t] for t in case[key] if t in moved]
            target.write(json.dumps(case) + "\n")
            kept += 1
    return kept, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--films", type=Path, default=FILMS)
    args = parser.parse_args()
    print(f"plain: {write_plain(args.out / 'plain')} movies without popularity or usage log")
    kept, total = write_film_cases(args.cases, args.films, args.out / "films_cases.jsonl")
    print(f"films: {kept} of {total} cases have a target in {args.films}")


if __name__ == "__main__":
    main()
