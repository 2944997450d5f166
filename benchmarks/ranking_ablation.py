"""Ablations of recchat's ranking on an eval cases file: what each score part is worth.

    python benchmarks/ranking_ablation.py --catalog movies --cases dev_cases.jsonl [--json OUT]

Each conversation is replayed through the real Session once (`recchat eval`'s harness, with a
ranker that only records what it is asked); then recchat's `Retriever` ranks every recorded
request again under each variant of `RankingWeights`. So the variants differ in ranking only,
and a run of a dozen variants costs about one `recchat eval` plus a few seconds per variant.

Besides the whole set, every variant is scored on two halves split by dialogue (cases from one
conversation stay together): a change worth keeping helps on both halves, not just on average.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from recchat.config import load_settings
from recchat.eval.cases import Case, read_cases
from recchat.eval.harness import evaluate
from recchat.eval.metrics import ndcg_at, recall_at
from recchat.factory import Runtime
from recchat.profile import ProfileSnapshot
from recchat.ranking.retrieval import Query, RankingWeights, Retriever

LIST_SIZE = 50

# (name, what changes from the default weights). The default row comes first.
VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("recchat (default)", {}),
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
    ("+ MMR diversification (0.85)", {"mmr_lambda": 0.85}),
    ("seed similarity x0.5", {"items": 1.0}),
    ("popularity 2.0 (default 1.25)", {"popularity": 2.0}),
    ("seeds' texts x2", {"seed_text": 2.0}),
    ("assistant's titles 0.5 (default 0.75)", {"suggested_seed": 0.5}),
    ("previous default (no seeds' texts, assistant's titles 0.5)", {"seed_text": 0.0, "suggested_seed": 0.5}),
    ("BM25 x2", {"lexical": 2.0}),
]


@dataclass
class Recorder:
    """A ranker that keeps each request it is asked and answers nothing."""

    calls: list[tuple[Query, ProfileSnapshot]] = field(default_factory=list)

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Any]:
        self.calls.append((query, snapshot))
        return []


def half(case: Case) -> int:
    dialogue = case.id.rsplit("-", 1)[0]
    return zlib.crc32(dialogue.encode()) % 2


def score(rankings: list[list[str]], cases: list[Case], which: set[int]) -> dict[str, float]:
    chosen = [(ranked, case) for ranked, case in zip(rankings, cases, strict=True) if half(case) in which]
    n = len(chosen) or 1
    return {
        "recall@10": round(sum(recall_at(r, c.targets, 10) for r, c in chosen) / n, 4),
        "recall@50": round(sum(recall_at(r, c.targets, 50) for r, c in chosen) / n, 4),
        "ndcg@10": round(sum(ndcg_at(r, c.targets, 10) for r, c in chosen) / n, 4),
        "repeat_rate": round(
            sum(len(set(r) & c.exclude) for r, c in chosen) / max(sum(len(r) for r, _ in chosen), 1), 4
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--cases", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    settings = load_settings({"catalog": args.catalog, "use_llm": False, "incognito": True}, os.environ)
    runtime = Runtime(settings)
    cases = read_cases(args.cases, args.limit)
    recorder = Recorder()
    started = time.perf_counter()
    evaluate(runtime, args.catalog, cases, ks=(LIST_SIZE,), ranker=recorder)
    print(f"replayed {len(cases)} conversations in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    catalog = runtime.catalog(args.catalog)
    rows = []
    for name, changes in VARIANTS:
        retriever = Retriever(catalog, replace(RankingWeights(), **changes))
        started = time.perf_counter()
        rankings = [[r.item.id for r in retriever.recommend(q, s, LIST_SIZE)] for q, s in recorder.calls]
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


def _line(row: dict[str, Any]) -> str:
    a, b = row["half_a"], row["half_b"]
    return (
        f"{row['variant']:<32} R@10 {row['recall@10']:.3f}  R@50 {row['recall@50']:.3f}  "
        f"NDCG@10 {row['ndcg@10']:.3f}  repeat {row['repeat_rate']:.3f}  "
        f"halves R@10 {a['recall@10']:.3f}/{b['recall@10']:.3f}  R@50 {a['recall@50']:.3f}/{b['recall@50']:.3f}  "
        f"{row['ms_per_case']:.0f} ms"
    )


if __name__ == "__main__":
    main()
