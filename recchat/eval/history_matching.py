"""Judging a history import against what each row truly names.

The truth is a JSON list of rows: `{"catalog", "file", "title", "year", "expect"}`, `expect`
being the item id the row names, null for a work the catalog does not hold (a match is then a
wrong match), or `{"ambiguous": [ids]}` for a row that names several items equally well (it
must be reported as ambiguous with exactly those candidates). Rows are found by file, title and
year (null when the row has none).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recchat.imports.history import RowResult


@dataclass
class Judged:
    rows: int = 0
    in_catalog: int = 0  # rows whose item the catalog holds (one item, not ambiguous)
    matched: int = 0  # of those, matched to that item
    wrong: list[str] = field(default_factory=list)  # matched to another item, or to a work not there
    missed: list[str] = field(default_factory=list)  # in the catalog, not matched
    ambiguous: int = 0  # rows that name several items
    ambiguous_listed: int = 0  # ... reported as ambiguous with exactly those candidates
    unjudged: list[str] = field(default_factory=list)  # rows the truth does not know

    def add(self, other: Judged) -> None:
        for name in ("rows", "in_catalog", "matched", "ambiguous", "ambiguous_listed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wrong += other.wrong
        self.missed += other.missed
        self.unjudged += other.unjudged

    @property
    def match_rate(self) -> float:
        return self.matched / self.in_catalog if self.in_catalog else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "in_catalog": self.in_catalog,
            "matched": self.matched,
            "match_rate": round(self.match_rate, 4),
            "wrong": self.wrong,
            "missed": self.missed,
            "ambiguous": self.ambiguous,
            "ambiguous_listed": self.ambiguous_listed,
            "unjudged": self.unjudged,
        }


def read_truth(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of rows")
    return data


def judge(results: Sequence[RowResult], truth: Sequence[Mapping[str, Any]]) -> Judged:
    """`truth`: the rows of the file the results come from."""
    expected = {(str(t["title"]), t.get("year")): t["expect"] for t in truth}
    judged = Judged()
    for result in results:
        row, match = result.row, result.match
        key = (row.title, row.year) if (row.title, row.year) in expected else (row.title, None)
        judged.rows += 1
        if key not in expected:
            judged.unjudged.append(row.where)
            continue
        expect, got = expected[key], match.item.id if match.item is not None else None
        said = f"{row.where} {row.title!r}"
        if isinstance(expect, dict):
            judged.ambiguous += 1
            listed = sorted(e.id for e in match.candidates) == sorted(expect["ambiguous"])
            judged.ambiguous_listed += int(listed)
            if got is not None:
                judged.wrong.append(f"{said}: matched {got}, but it is ambiguous")
        elif expect is None:
            if got is not None:
                judged.wrong.append(f"{said}: matched {got}, but the catalog does not hold it")
        else:
            judged.in_catalog += 1
            if got == expect:
                judged.matched += 1
            elif got is not None:
                judged.wrong.append(f"{said}: matched {got}, not {expect}")
            else:
                judged.missed.append(f"{said}: {match.status} ({match.note or 'no note'})")
    return judged
