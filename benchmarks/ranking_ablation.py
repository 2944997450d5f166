"""Ablations of recchat's ranking on an eval cases file: what each score part is worth.

    python -m benchmarks.ranking_ablation --catalog movies --cases dev_cases.jsonl [--json OUT]
        [--record FILE] [--only NAME ...]

Each conversation is replayed through the real Session once (`recchat eval`'s harness, with a
ranker that only records what it is asked); then each recorded request is answered again by
`select` (constraints, evidence, fillers) with recchat's `Retriever` under each variant of
`RankingWeights`. So the variants differ in ranking only, and a run of a dozen variants costs
about one `recchat eval` plus a few seconds per variant. `--record FILE` keeps the replayed
requests (a pickle of this machine's own making) so that later runs skip the replay.

A variant changes `RankingWeights` fields, or: "select.X" (an option of `select`), "drop.ABOUT"
(leave out the wishes of that kind), "shape.together" (the usage log's scores reshaped),
"seeds.power" (every seed weight raised to a power: the latest seeds against older ones),
"soft.ABOUT" (those wishes stop being filters and earn a bonus instead; "soft.when" limits that
to the wishes said before, or in, this turn). Results of the last study: results/ranking-study7.md.

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
from recchat.ranking.filters import meeting_one
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
    # study 7 (issue 24): the usage log's shape, seed recency, soft wishes
    ("together 0.5", {"together": 0.5}),
    ("together 1.5", {"together": 1.5}),
    ("together 2.0", {"together": 2.0}),
    ("together sqrt", {"shape.together": "sqrt"}),
    ("together log", {"shape.together": "log"}),
    ("together max per seed", {"shape.together": "max"}),
    ("together per-seed normalised", {"shape.together": "seednorm"}),
    ("popularity 1.0", {"popularity": 1.0}),
    ("popularity 1.5", {"popularity": 1.5}),
    ("assistant's titles 0.5", {"suggested_seed": 0.5}),
    ("assistant's titles 1.0", {"suggested_seed": 1.0}),
    ("seed recency sharper (weight^2)", {"seeds.power": 2.0}),
    ("seed recency flatter (weight^0.5)", {"seeds.power": 0.5}),
    ("soft genre wishes +0.5", {"soft.tag": 0.5}),
    ("soft genre wishes +1.0", {"soft.tag": 1.0}),
    ("soft genre wishes +2.0", {"soft.tag": 2.0}),
    ("soft year wishes +1.0", {"soft.year": 1.0}),
    ("soft genre, year wishes +1.0", {"soft.tag": 1.0, "soft.year": 1.0}),
    ("soft wishes (all) +1.0", {"soft.tag": 1.0, "soft.year": 1.0, "soft.person": 1.0}),
    ("soft genre wishes +0.25", {"soft.tag": 0.25}),
    ("soft genre wishes +0.5, only those said before this turn", {"soft.tag": 0.5, "soft.when": "before"}),
    ("soft genre wishes +0.5, only those said in this turn", {"soft.tag": 0.5, "soft.when": "now"}),
    ("popularity 1.75", {"popularity": 1.75}),
    ("popularity 1.5, together per seed", {"popularity": 1.5, "shape.together": "seednorm"}),
    (
        "popularity 1.5, together per seed, soft genre +0.5",
        {"popularity": 1.5, "shape.together": "seednorm", "soft.tag": 0.5},
    ),
    ("popularity 1.5, seed recency flatter", {"popularity": 1.5, "seeds.power": 0.5}),
    (
        "popularity 1.5, together per seed, seed recency flatter",
        {"popularity": 1.5, "shape.together": "seednorm", "seeds.power": 0.5},
    ),
    ("together per seed, seed recency flatter", {"shape.together": "seednorm", "seeds.power": 0.5}),
    (
        "popularity 1.5, together per seed, names 0",
        {"popularity": 1.5, "shape.together": "seednorm", "names": 0.0},
    ),
    ("popularity 2.0", {"popularity": 2.0}),
    ("popularity 2.5", {"popularity": 2.5}),
    ("popularity 1.75, together per seed", {"popularity": 1.75, "shape.together": "seednorm"}),
    ("popularity 2.0, together per seed", {"popularity": 2.0, "shape.together": "seednorm"}),
    ("popularity 1.75, without genre wishes", {"popularity": 1.75, "drop.tag": True}),
    ("before study 7 (popularity 1.25, usage log summed)", {"popularity": 1.25, "shape.together": "sum"}),
    ("popularity 1.25", {"popularity": 1.25}),
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
        prefixes = ("select.", "drop.", "shape.", "seeds.", "soft.")
        weights = {k: v for k, v in changes.items() if not k.startswith(prefixes)}
        options = {k.removeprefix("select."): v for k, v in changes.items() if k.startswith("select.")}
        dropped = {k.removeprefix("drop."): v for k, v in changes.items() if k.startswith("drop.")}
        soft = {k.removeprefix("soft."): v for k, v in changes.items() if k.startswith("soft.")}
        retriever = _retriever(catalog, replace(RankingWeights(), **weights), changes.get("shape.together"))
        power = changes.get("seeds.power")
        started = time.perf_counter()
        rankings = [
            _ranked(retriever, catalog, _without(q, dropped), _seed_power(s, power), options, soft) for q, s in calls
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


def _ranked(
    retriever: Retriever,
    catalog: Any,
    query: Query,
    snapshot: ProfileSnapshot,
    options: dict[str, Any],
    soft: dict[str, Any],
) -> list[str]:
    """The list `select` gives; with `soft` ({about: bonus}), the wishes of those kinds stop
    being filters: the list without them and the list with them are merged, each item scored
    by its fused score plus the bonus times the share of those wishes it meets."""
    strict = select(retriever, catalog, query, snapshot, LIST_SIZE, **options).recommendations
    soft = dict(soft)
    when = soft.pop("when", None)
    wishes = [c for c in query.constraints if not c.negated and c.about in soft]
    if when is not None:  # "before": wishes carried from earlier turns; "now": said in this one
        wishes = [c for c in wishes if (c in query.recent) == (when == "now")]
    if not wishes:
        return [r.item.id for r in strict]
    hard = tuple(c for c in query.constraints if c not in wishes)
    loose = select(retriever, catalog, replace(query, constraints=hard), snapshot, LIST_SIZE, **options)
    meeting = [(meeting_one(catalog, c), soft[c.about]) for c in wishes]
    scores: dict[str, float] = {}
    for rec in [*loose.recommendations, *strict]:
        raw = sum(rec.evidence.score_parts.get(p, 0.0) for p in PARTS)  # before list-order gaps
        bonus = sum(b for held, b in meeting if rec.item.id in held) / len(meeting)
        scores[rec.item.id] = max(scores.get(rec.item.id, -1e9), raw + bonus)
    return sorted(scores, key=lambda i: -scores[i])[:LIST_SIZE]


# the retriever's own score parts (select adds "evidence", "misses", "shown before" for order)
PARTS = (
    "request",
    "profile",
    "items",
    "together",
    "lexical",
    "seed_text",
    "popularity",
    "tags",
    "genres",
    "names",
    "themes",
    "fit",
    "avoid",
    "background",
)


class _ShapedTogether(Retriever):
    """The usage log's scores reshaped before they are scaled: "sqrt", "log" (of 1 + the
    default score), "max" (the strongest seed's raw contribution, not the sum), "seednorm" (each
    seed's neighbours divided by its strongest: the default since study 7), "sum" (the raw pair
    weights summed over the seeds: the default before study 7)."""

    shape = "sqrt"

    def _together(self, seeds: Any) -> dict[str, tuple[float, str]]:
        import math

        if self.shape in ("max", "seednorm", "sum"):
            scores: dict[str, tuple[float, str]] = {}
            for source, pairs in self.catalog.neighbours(seeds).items():
                top = max((w for _, w in pairs), default=1.0) if self.shape == "seednorm" else 1.0
                for other, weight in pairs:
                    part = seeds[source] * weight / (top or 1.0)
                    total, strongest = scores.get(other, (0.0, source))
                    scores[other] = (max(total, part), source) if self.shape == "max" else (total + part, strongest)
            return scores
        shaped = {"sqrt": math.sqrt, "log": math.log1p}[self.shape]
        return {k: (shaped(v), s) for k, (v, s) in super()._together(seeds).items()}


def _retriever(catalog: Any, weights: RankingWeights, shape: str | None) -> Retriever:
    if shape is None:
        return Retriever(catalog, weights)
    retriever = _ShapedTogether(catalog, weights)
    retriever.shape = shape
    return retriever


def _seed_power(snapshot: ProfileSnapshot, power: float | None) -> ProfileSnapshot:
    """Seed weights (already halved every few turns) raised to `power`: above 1 the latest
    seeds count more against older ones, below 1 less."""
    if power is None:
        return snapshot

    def raised(weights: dict[str, float]) -> dict[str, float]:
        return {i: w**power for i, w in weights.items()}

    return replace(
        snapshot,
        liked_items=raised(snapshot.liked_items),
        context_items=raised(snapshot.context_items),
        wished_items=raised(snapshot.wished_items),
    )


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
