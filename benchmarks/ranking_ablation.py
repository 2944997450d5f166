"""Ablations of recchat's ranking on an eval cases file: what each score part is worth.

    python -m benchmarks.ranking_ablation --catalog movies --cases dev_cases.jsonl [--json OUT]
        [--record FILE] [--only NAME ...]

Each conversation is replayed through the real Session once (`recchat eval`'s harness, with a
ranker that only records what it is asked); then each recorded request is answered again by
`select` (constraints, evidence, fillers) with recchat's `Retriever` under each variant of
`RankingWeights`. So the variants differ in ranking only, and a run of a dozen variants costs
about one `recchat eval` plus a few seconds per variant. `--record FILE` keeps the replayed
requests (a pickle of this machine's own making) so that later runs skip the replay.

Besides the whole set, every variant is scored on two halves split by dialogue (cases from one
conversation stay together): a change worth keeping helps on both halves, not just on average.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from recchat.config import load_settings
from recchat.domain import Constraint
from recchat.eval.cases import Case, read_cases
from recchat.eval.harness import evaluate
from recchat.eval.metrics import ndcg_at, recall_at
from recchat.factory import Runtime
from recchat.profile import ProfileSnapshot
from recchat.ranking.retrieval import Query, RankingWeights, Retriever
from recchat.ranking.select import select

LIST_SIZE = 50

# (name, what changes from the default weights; "select.X" keys go to `select`). The default
# row comes first.
VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("recchat (default)", {}),
    ("- names shared with the seeds", {"names": 0.0}),
    ("names 0.25", {"names": 0.25}),
    ("names 1.0", {"names": 1.0}),
    ("- popularity per kind (whole catalog)", {"popularity_per_kind": False}),
    ("- evidence (labels only)", {"select.evidence": False}),
    ("- fit", {"fit": 0.0}),
    ("- themes", {"themes": 0.0}),
    ("- related words", {"related_words": 0.0}),
    ("- themes, related words", {"themes": 0.0, "related_words": 0.0}),
    ("without any constraint (what hard wishes cost)", {"drop.all": True}),
    ("without person wishes", {"drop.person": True}),
    ("without words to avoid", {"drop.word": True}),
    ("without genre wishes", {"drop.tag": True}),
    (
        "new parts off (names, per kind, themes, related, fit, evidence)",
        {
            "names": 0.0,
            "popularity_per_kind": False,
            "themes": 0.0,
            "related_words": 0.0,
            "fit": 0.0,
            "select.evidence": False,
        },
    ),
    ("- popularity prior", {"popularity": 0.0}),
    ("- usage log (together)", {"together": 0.0}),
    ("- BM25 (lexical)", {"lexical": 0.0}),
    ("- BM25 over the seeds' texts", {"seed_text": 0.0}),
    ("- seed-item similarity", {"items": 0.0}),
    ("- profile words similarity", {"profile": 0.0}),
    ("- request similarity", {"request": 0.0}),
    ("- genres of seeds", {"genres": 0.0}),
    ("- tags named", {"tags": 0.0}),
    ("- assistant's titles as seeds", {"suggested_seed": 0.0}),
    ("- negatives (avoid)", {"avoid": 0.0}),
]


@dataclass
class Recorder:
    """A ranker that keeps the first request of each case and answers nothing (select then asks
    again with constraints relaxed; those later calls are not the case's request)."""

    calls: list[tuple[Query, ProfileSnapshot]] = field(default_factory=list)
    current: list[tuple[Query, ProfileSnapshot]] = field(default_factory=list)

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Any]:
        self.current.append((query, snapshot))
        return []

    def case_done(self, done: int, total: int) -> None:
        self.calls.append(self.current[0])
        self.current = []


def half(case: Case) -> int:
    dialogue = case.id.rsplit("-", 1)[0]
    return zlib.crc32(dialogue.encode()) % 2


def score(rankings: list[list[str]], cases: list[Case], which: set[int]) -> dict[str, float]:
    chosen = [(ranked, case) for ranked, case in zip(rankings, cases, strict=True) if half(case) in which]
    n = len(chosen) or 1
    return {
        "recall@1": round(sum(recall_at(r, c.targets, 1) for r, c in chosen) / n, 4),
        "recall@10": round(sum(recall_at(r, c.targets, 10) for r, c in chosen) / n, 4),
        "recall@50": round(sum(recall_at(r, c.targets, 50) for r, c in chosen) / n, 4),
        "ndcg@10": round(sum(ndcg_at(r, c.targets, 10) for r, c in chosen) / n, 4),
        "repeat_rate": round(
            sum(len(set(r) & c.exclude) for r, c in chosen) / max(sum(len(r) for r, _ in chosen), 1), 4
        ),
    }


def recorded(
    runtime: Runtime, catalog: str, cases: list[Case], path: Path | None
) -> list[tuple[Query, ProfileSnapshot]]:
    if path is not None and path.exists():
        with path.open("rb") as handle:
            calls: list[tuple[Query, ProfileSnapshot]] = pickle.load(handle)  # our own file
        if len(calls) == len(cases):
            return calls
    recorder = Recorder()
    started = time.perf_counter()
    evaluate(runtime, catalog, cases, ks=(LIST_SIZE,), ranker=recorder, on_progress=recorder.case_done)
    print(f"replayed {len(cases)} conversations in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    if path is not None:
        with path.open("wb") as handle:
            pickle.dump(recorder.calls, handle)
    return recorder.calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--cases", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--record", type=Path, help="keep (or reuse) the replayed requests here")
    parser.add_argument("--only", nargs="*", help="only the variants whose names hold one of these")
    parser.add_argument(
        "--drop-title-years",
        action="store_true",
        help="leave out year wishes read from a bare year ('Heat (1995)' read as 'from 1995'): what the "
        "ranking does once understanding stops reading a title's year as a wish",
    )
    args = parser.parse_args()
    settings = load_settings({"catalog": args.catalog, "use_llm": False, "incognito": True}, os.environ)
    runtime = Runtime(settings)
    cases = read_cases(args.cases, args.limit)
    calls = recorded(runtime, args.catalog, cases, args.record)
    if args.drop_title_years:
        calls = [(replace(q, constraints=tuple(c for c in q.constraints if not _title_year(c))), s) for q, s in calls]
    catalog = runtime.catalog(args.catalog)
    rows = []
    for name, changes in VARIANTS:
        if args.only and not any(part in name for part in args.only) and changes:
            continue
        weights = {k: v for k, v in changes.items() if not k.startswith(("select.", "drop."))}
        options = {k.removeprefix("select."): v for k, v in changes.items() if k.startswith("select.")}
        dropped = {k.removeprefix("drop."): v for k, v in changes.items() if k.startswith("drop.")}
        retriever = Retriever(catalog, replace(RankingWeights(), **weights))
        started = time.perf_counter()
        rankings = [
            [
                r.item.id
                for r in select(retriever, catalog, _without(q, dropped), s, LIST_SIZE, **options).recommendations
            ]
            for q, s in calls
        ]
        seconds = time.perf_counter() - started
        row = {
            "variant": name,
            **score(rankings, cases, {0, 1}),
            "half_a": score(rankings, cases, {0}),
            "half_b": score(rankings, cases, {1}),
            "ms_per_case": round(seconds * 1000 / max(len(cases), 1), 1),
        }
        rows.append(row)
        print(_line(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


def _without(query: Query, dropped: dict[str, bool]) -> Query:
    """The request without the wishes of the kinds named ("drop.person": True), for measuring
    what the constraints of each kind cost against the targets."""
    if not dropped:
        return query
    kept = tuple(c for c in query.constraints if not dropped.get(c.about) and not dropped.get("all"))
    return replace(query, constraints=kept)


def _title_year(constraint: Constraint) -> bool:
    return constraint.about == "year" and constraint.said.strip().isdigit() and len(constraint.said.strip()) == 4


def _line(row: dict[str, Any]) -> str:
    a, b = row["half_a"], row["half_b"]
    return (
        f"{row['variant']:<40} R@1 {row['recall@1']:.3f}  R@10 {row['recall@10']:.3f}  R@50 {row['recall@50']:.3f}  "
        f"NDCG@10 {row['ndcg@10']:.3f}  rep {row['repeat_rate']:.3f}  "
        f"halves R@10 {a['recall@10']:.3f}/{b['recall@10']:.3f}  R@50 {a['recall@50']:.3f}/{b['recall@50']:.3f}  "
        f"{row['ms_per_case']:.0f} ms"
    )


if __name__ == "__main__":
    main()
