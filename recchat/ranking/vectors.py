"""Vector and score arithmetic shared by the ranking: centroids, weighted similarities, scaling
and maximal marginal relevance."""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from recchat.ranking.lexical import Scores

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vector = npt.NDArray[np.float32]


def top_keys(scores: Mapping[str, float], n: int) -> list[str]:
    # = sorted(scores, key=lambda i: -scores[i])[:n], ties in the same order, without sorting all
    if isinstance(scores, Scores):
        return scores.top(n)
    return heapq.nlargest(n, scores, key=scores.__getitem__)


def scaled(values: Sequence[float], everything: Mapping[str, float] | None = None) -> Vector:
    """Values divided by the largest (in the pool, or in `everything` when given): 0..1."""
    import numpy as np

    array = np.array(values, dtype=np.float32)
    if isinstance(everything, Scores):
        top = everything.largest()
    else:
        top = max(everything.values(), default=0.0) if everything is not None else float(array.max(initial=0.0))
    return array / top if top > 0 else array


def centroid(sources: Sequence[tuple[Vector, float]]) -> Vector | None:
    import numpy as np

    if not sources:
        return None
    weights = np.array([w for _, w in sources], dtype=np.float32)
    mean = (weights[:, None] * np.stack([v for v, _ in sources])).sum(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm > 0 else None


def weighted_similarity(matrix: Vector, sources: Sequence[tuple[Vector, float]]) -> Vector:
    import numpy as np

    if not sources:
        return np.zeros(matrix.shape[0], dtype=np.float32)
    vectors = np.stack([v for v, _ in sources])
    weights = np.array([w for _, w in sources], dtype=np.float32)
    # Dividing by at least 1 keeps faded sources faint instead of renormalising them to full strength.
    return (matrix @ vectors.T @ weights / max(float(weights.sum()), 1.0)).astype(np.float32)


def max_similarity(matrix: Vector, sources: Sequence[tuple[Vector, float]]) -> Vector:
    import numpy as np

    if not sources:
        return np.zeros(matrix.shape[0], dtype=np.float32)
    vectors = np.stack([v for v, _ in sources])
    weights = np.array([w for _, w in sources], dtype=np.float32)
    strongest: Vector = np.max(np.clip(matrix @ vectors.T, 0.0, None) * weights, axis=1).astype(np.float32)
    return strongest


def mmr(scores: Vector, matrix: Vector, k: int, balance: float) -> list[int]:
    """Maximal marginal relevance: each pick trades relevance against likeness to earlier picks.
    Keeps each candidate's closest likeness to the picks so far, so a pick costs one product."""
    import numpy as np

    order = np.argsort(-scores, kind="stable")[: max(k * 8, 50)]
    if balance >= 1.0 or len(order) == 0:
        return [int(i) for i in order[:k]]
    low, high = float(scores[order[-1]]), float(scores[order[0]])
    relevance = (scores[order] - low) / (high - low) if high > low else np.ones(len(order), dtype=np.float32)
    vectors = matrix[order]
    chosen = [0]
    closest = vectors @ vectors[0]
    available = np.ones(len(order), dtype=bool)
    available[0] = False
    while len(chosen) < min(k, len(order)):
        marginal = np.where(available, balance * relevance - (1 - balance) * closest, -np.inf)
        pick = int(np.argmax(marginal))
        chosen.append(pick)
        available[pick] = False
        closest = np.maximum(closest, vectors @ vectors[pick])
    return [int(order[i]) for i in chosen]
