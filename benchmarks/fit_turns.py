"""The public "like X but Y" and "fit" set (tests/fit/): does recchat suggest what shares the
anchor's themes, in the kind asked for, and numbers that fit what was asked?

    python -m benchmarks.fit_turns [tests/fit] [--json OUT] [--verbose]

Each case is one conversation (usually one turn) replayed through a real Session (a fresh
profile in memory, no LLM) on a catalog named in tests/fit/catalogs.json, imported as
`suite-NAME` into the data folder (RECCHAT_HOME) if missing. The last reply's first five
suggestions are judged against the catalog files themselves (recchat/eval/judge.py reads them),
never against what recchat understood:

- `where`: the share meeting every predicate of the case (the suite's predicates: "a book",
  "for 6 players"), over min(5, N) judged, N being how many items can;
- `like` cases ({"anchor": title, "fields": [...]}): the share sharing at least one value of those
  fields (tags, genres, people) with the anchor, and the mean number shared;
- `fit` cases ({"field": F, "near": V}): the fit error of each suggestion, the mean distance of
  its range's ends (or its number) from V, relative to V, capped at 1 (a missing value is 1); and
  the share within 0.25 ("made for two" is 0; 2-4 players is 0.5; 2-8 is 1);
- `good` (optional): hand-picked titles that fit best; the share of them (up to 5) in the top 5.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT
from recchat.catalog.importer import import_catalog
from recchat.config import load_settings
from recchat.eval.judge import Record, Truth, failure, read_truth, span
from recchat.eval.suite import Predicate, _predicate, read_catalogs
from recchat.factory import Runtime
from recchat.profile import MemoryProfileStore, Profile
from recchat.ranking.retrieval import RankingWeights, Retriever

JUDGED = 5
CLOSE = 0.25
SET = ROOT / "tests" / "fit"


@dataclass(frozen=True)
class Case:
    id: str
    catalog: str
    half: str
    turns: tuple[str, ...]
    where: tuple[Predicate, ...]
    like: Mapping[str, Any] | None
    fit: Mapping[str, Any] | None
    good: tuple[str, ...]


@dataclass
class Result:
    case: Case
    titles: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def read_cases(folder: Path) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            data = json.loads(line)
            where = tuple(_predicate(p, f"{path.name}:{number}") for p in data.get("where", []))
            cases.append(
                Case(
                    data["id"],
                    data["catalog"],
                    data.get("half", ""),
                    tuple(data["turns"]),
                    where,
                    data.get("like"),
                    data.get("fit"),
                    tuple(data.get("good", ())),
                )
            )
    return cases


def _values(record: Record, fields: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for name in fields:
        value = record.fields.get(name)
        parts = value if isinstance(value, list) else str(value or "").replace(";", "|").replace(",", "|").split("|")
        found |= {" ".join(str(p).casefold().split()) for p in parts if str(p).strip()}
    return found


def fit_error(record: Record, name: str, near: float) -> float:
    bounds = span(record.fields.get(name), None, name)
    if bounds is None:
        return 1.0
    low, high = bounds
    return min(1.0, (abs(low - near) + abs(high - near)) / (2 * near))


def judge(case: Case, ids: Sequence[str], truth: Truth) -> Result:
    result = Result(case)
    records = [truth.get(i) for i in ids]
    result.titles = [r.title if r else f"?{i}" for r, i in zip(records, ids, strict=True)]
    eligible = sum(all(failure(p, r) is None for p in case.where) for r in truth.records.values())
    judged = records[: min(JUDGED, eligible)]
    if case.where:
        met = [r is not None and all(failure(p, r) is None for p in case.where) for r in judged]
        result.scores["where"] = sum(met) / max(len(judged), 1)
    if case.like:
        anchor = next((r for r in truth.records.values() if r.title.casefold() == case.like["anchor"].casefold()), None)
        if anchor is None:
            raise SystemExit(f"{case.id}: no anchor titled {case.like['anchor']!r}")
        wanted = _values(anchor, case.like["fields"])
        shared = [len(_values(r, case.like["fields"]) & wanted) if r else 0 for r in records[:JUDGED]]
        result.scores["shares"] = sum(s > 0 for s in shared) / JUDGED
        result.scores["overlap"] = sum(shared) / JUDGED
    if case.fit:
        errors = [fit_error(r, case.fit["field"], float(case.fit["near"])) if r else 1.0 for r in records[:JUDGED]]
        result.scores["fit_error"] = statistics.fmean(errors) if errors else 1.0
        result.scores["close"] = sum(e <= CLOSE for e in errors) / JUDGED
    if case.good:
        titles = {t.casefold() for t in result.titles[:JUDGED]}
        found = [g for g in case.good if g.casefold() in titles]
        result.scores["good"] = len(found) / min(JUDGED, len(case.good))
    return result


def run(folder: Path, runtime: Runtime, weights: Mapping[str, Any] | None = None) -> list[Result]:
    """Every case through a Session; `weights` (RankingWeights fields) replace recchat's own."""
    catalogs = read_catalogs(folder / "catalogs.json")
    cases = read_cases(folder)
    truths = {name: read_truth(path) for name, path in catalogs.items()}
    for name, path in catalogs.items():
        if f"suite-{name}" not in runtime.store.catalogs():
            import_catalog(runtime.store, runtime.embedder, path, f"suite-{name}")
    results = []
    for case in cases:
        name = f"suite-{case.catalog}"
        ranker = Retriever(runtime.catalog(name), replace(RankingWeights(), **weights)) if weights else None
        session = runtime.session(catalog=name, profile=Profile("eval", MemoryProfileStore()), ranker=ranker)
        reply = None
        for text in case.turns:
            reply = session.handle(text, k=JUDGED, explain=False, always_recommend=True)
        assert reply is not None
        result = judge(case, [r.item.id for r in reply.recommendations], truths[case.catalog])
        result.notes = [
            reply.message,
            *(f"misses {m}" for r in reply.recommendations if (m := getattr(r.evidence, "misses", ()))),
        ]
        results.append(result)
    return results


def summary(results: Sequence[Result]) -> dict[str, Any]:
    def mean(name: str, chosen: Sequence[Result]) -> float | None:
        values = [r.scores[name] for r in chosen if name in r.scores]
        return round(statistics.fmean(values), 3) if values else None

    groups: dict[str, list[Result]] = {"all": list(results)}
    for r in results:
        kind = "like" if r.case.like else "fit"
        for key in (kind, f"{kind}:{r.case.catalog}", f"{kind}:half {r.case.half}"):
            groups.setdefault(key, []).append(r)
    names = ("where", "shares", "overlap", "good", "fit_error", "close")
    return {
        key: {"cases": len(chosen), **{n: mean(n, chosen) for n in names if mean(n, chosen) is not None}}
        for key, chosen in groups.items()
    }


def _value(text: str) -> float | bool:
    return text == "true" if text in ("true", "false") else float(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=SET)
    parser.add_argument("--json", type=Path, help="write the summary and every case here")
    parser.add_argument("--verbose", action="store_true", help="print every case's list")
    parser.add_argument("--weight", action="append", default=[], help="NAME=VALUE: a ranking weight (ablations)")
    args = parser.parse_args()
    runtime = Runtime(load_settings({"use_llm": False}, os.environ))
    weights = {name: _value(value) for name, value in (w.split("=", 1) for w in args.weight)}
    results = run(args.folder, runtime, weights)
    table = summary(results)
    for key, row in table.items():
        print(f"{key:<16} " + "  ".join(f"{k} {v}" for k, v in row.items()))
    if args.verbose:
        for r in results:
            print(f"\n{r.case.id} {r.case.turns[-1]!r} {r.scores}\n  " + "\n  ".join(r.notes + r.titles))
    if args.json:
        cases = [
            {"id": r.case.id, "said": r.case.turns, "titles": r.titles, **r.scores, "notes": r.notes} for r in results
        ]
        args.json.write_text(json.dumps({"summary": table, "cases": cases}, indent=1))


if __name__ == "__main__":
    main()
