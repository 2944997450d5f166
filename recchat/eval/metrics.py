"""Ranking metrics, per case and averaged. Recall is per target: a case with two targets and one
found scores 0.5."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def recall_at(ranked: Sequence[str], targets: Sequence[str], k: int) -> float:
    top = set(ranked[:k])
    return sum(target in top for target in targets) / len(targets)


def ndcg_at(ranked: Sequence[str], targets: Sequence[str], k: int) -> float:
    wanted = set(targets)
    gain = sum(1.0 / math.log2(rank + 2) for rank, item in enumerate(ranked[:k]) if item in wanted)
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(len(wanted), k)))
    return gain / ideal if ideal else 0.0


def reciprocal_rank(ranked: Sequence[str], targets: Sequence[str]) -> float:
    wanted = set(targets)
    return next((1.0 / (rank + 1) for rank, item in enumerate(ranked) if item in wanted), 0.0)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


@dataclass
class CaseScore:
    recall: dict[int, float]
    ndcg10: float
    mrr: float
    out_of_catalog: int
    repeats: int
    suggested: int


def score_case(
    ranked: Sequence[str],
    targets: Sequence[str],
    exclude: set[str] | frozenset[str],
    catalog: set[str],
    ks: Sequence[int],
) -> CaseScore:
    return CaseScore(
        recall={k: recall_at(ranked, targets, k) for k in ks},
        ndcg10=ndcg_at(ranked, targets, 10),
        mrr=reciprocal_rank(ranked, targets),
        out_of_catalog=sum(item not in catalog for item in ranked),
        repeats=sum(item in exclude for item in ranked),
        suggested=len(ranked),
    )
