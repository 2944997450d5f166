"""An explanation set: conversations whose last turn's suggestions are explained and judged.
Each line of a .jsonl file is one conversation; `catalogs.json` beside it names the catalog
folders (as for the conversation suite). Format: tests/explanations/README.md.

    {"id": "x01", "catalog": "sample", "half": "a", "turns": ["I loved Interstellar ..."],
     "avoid": ["horror"], "kind": "movie"}

`avoid` lists the words the person asked to stay away from, written by the set's author (the
judge reads them, not what recchat understood); `kind` is what the catalog's items are when
nothing in their fields says so; `wants` (optional) is the request in force at the last turn as
the conversation suite's predicates over the raw record (tests/conversations/README.md), which
the judge reads to find a claim of the request for a wish the item breaks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recchat.catalog.readers import read_jsonl
from recchat.errors import CatalogError, InvalidCatalogError
from recchat.eval.suite import Predicate, check_line, read_predicate, set_files

KEYS = {"id", "catalog", "half", "turns", "avoid", "kind", "wants", "note"}


@dataclass(frozen=True)
class ExplanationCase:
    id: str
    catalog: str
    half: str
    turns: tuple[str, ...]
    avoid: tuple[str, ...] = ()
    kind: str | None = None
    line: int = 0
    wants: tuple[Predicate, ...] = ()  # the request on the raw record, as the set's author reads it


@dataclass(frozen=True)
class ExplanationSet:
    cases: tuple[ExplanationCase, ...]
    catalogs: Mapping[str, Path]


def read_explanation_set(path: Path) -> ExplanationSet:
    """A .jsonl file (or a folder of them) with catalogs.json beside it; every problem is
    named by file and line, and nothing runs until all are fixed."""
    files, catalogs = set_files(path, "explanation set")
    cases: list[ExplanationCase] = []
    errors: list[CatalogError] = []
    for file in files:
        for record in read_jsonl(file):
            line = record.line or 1
            try:
                cases.append(read_case(record.data, catalogs, line))
            except ValueError as error:
                errors.append(CatalogError(file, line, str(error)))
    ids = [c.id for c in cases]
    errors += [CatalogError(path, None, f"duplicate id {i!r}") for i in sorted({i for i in ids if ids.count(i) > 1})]
    if errors:
        raise InvalidCatalogError(errors, "see tests/explanations/README.md for the format")
    if not cases:
        raise CatalogError(path, None, "no conversations in the set")
    return ExplanationSet(tuple(cases), catalogs)


def read_case(data: Any, catalogs: Mapping[str, Path], line: int) -> ExplanationCase:
    check_line(data, KEYS, catalogs)
    turns = data.get("turns")
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise ValueError("'turns' must be a non-empty list of texts")
    avoid = data.get("avoid", [])
    if not isinstance(avoid, list) or not all(isinstance(a, str) and a.strip() for a in avoid):
        raise ValueError("'avoid' must be a list of words")
    kind = data.get("kind")
    if kind is not None and (not isinstance(kind, str) or not kind.strip()):
        raise ValueError("'kind' must be a word such as movie, book or board game")
    wants = data.get("wants", [])
    if not isinstance(wants, list):
        raise ValueError("'wants' must be a list of predicates, as the conversation suite writes them")
    predicates = tuple(read_predicate(want, f"wants[{i}]") for i, want in enumerate(wants))
    return ExplanationCase(
        data["id"], data["catalog"], str(data.get("half", "")), tuple(turns), tuple(avoid), kind, line, predicates
    )
