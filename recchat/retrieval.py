"""Finding and ranking suggestions: candidates from Chroma, score fusion, exclusions, MMR.

Every score part is kept with the suggestion, so "why this?" shows the arithmetic, and the
evaluation can switch parts off to measure what each is worth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from recchat.domain import Evidence, MatchedUtterance, Recommendation
from recchat.text import content_words, stem

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.catalog.library import Candidate, Catalog
    from recchat.profile import ProfileSnapshot

    Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class RankingWeights:
    request: float = 1.0  # similarity to what was just said
    profile: float = 0.5  # similarity to earlier words, decayed by age
    items: float = 0.8  # similarity to items the person liked or mentioned
    together: float = 0.6  # brought up together with liked items (the usage log)
    popularity: float = 0.25
    tags: float = 0.3  # tags the person asked for by name
    avoid: float = 0.8  # closeness to what the person asked to avoid, and to dislikes
    mmr_lambda: float = 0.85  # 1.0 = pure relevance; lower = more varied lists
    pool: int = 120  # candidates per search vector


@dataclass(frozen=True)
class Query:
    """One turn's request, already understood and embedded."""

    text: str
    vector: Vector | None
    wanted_tags: tuple[str, ...] = ()
    avoided_tags: tuple[str, ...] = ()
    avoid_vectors: Sequence[tuple[str, Vector, float]] = ()
    where: Mapping[str, Any] | None = None
    like_vector: Vector | None = None  # "more like this": an item to stay close to
    exclude: frozenset[str] = field(default_factory=frozenset)


class Ranker(Protocol):
    """Anything that turns a request and a profile into ranked suggestions. `Retriever` is
    recchat's own; the evaluation's baselines are others, run through the same Session."""

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Recommendation]: ...


class Retriever:
    def __init__(self, catalog: Catalog, weights: RankingWeights | None = None) -> None:
        self.catalog = catalog
        self.weights = weights or RankingWeights()

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Recommendation]:
        import numpy as np

        excluded = snapshot.excluded | query.exclude
        liked_vectors = self.catalog.vectors(
            sorted(snapshot.liked_items, key=snapshot.liked_items.__getitem__, reverse=True)[:8]
        )
        disliked_vectors = self.catalog.vectors(list(snapshot.disliked_items)[:20])
        together = self._together(snapshot.liked_items)
        pool = self._pool(query, snapshot, liked_vectors, together, excluded)
        if not pool:
            return []
        matrix = np.stack([c.vector for c in pool]).astype(np.float32)
        parts = self._score_parts(query, snapshot, pool, matrix, liked_vectors, disliked_vectors, together)
        totals = np.sum(list(parts.values()), axis=0)
        chosen = _mmr(totals, matrix, k, self.weights.mmr_lambda)
        spoken = {stem(w) for e in snapshot.likes for w in content_words(e.entry.utterance.text)}
        return [
            Recommendation(
                item=pool[i].item,
                score=round(float(totals[i]), 4),
                evidence=self._evidence(i, pool[i], query, snapshot, matrix, parts, together, spoken),
            )
            for i in chosen
        ]

    def _together(self, liked: Mapping[str, float]) -> dict[str, tuple[float, str]]:
        """Collaborative scores: item -> (score, the liked item it came with most strongly)."""
        scores: dict[str, tuple[float, str]] = {}
        for source, pairs in self.catalog.neighbours(liked).items():
            for other, weight in pairs:
                total, best = scores.get(other, (0.0, source))
                scores[other] = (total + liked[source] * weight, best)
        return scores

    def _pool(
        self,
        query: Query,
        snapshot: ProfileSnapshot,
        liked_vectors: Mapping[str, Vector],
        together: Mapping[str, tuple[float, str]],
        excluded: set[str],
    ) -> list[Candidate]:
        import numpy as np

        searches = [v for v in (query.vector, query.like_vector, _centroid(snapshot)) if v is not None]
        searches.extend(liked_vectors.values())
        found: dict[str, Candidate] = {}
        if searches:
            for row in self.catalog.search(np.stack(searches), self.weights.pool + len(excluded), query.where):
                for candidate in row:
                    found.setdefault(candidate.item.id, candidate)
        extra = sorted(together, key=lambda i: -together[i][0])[:60]
        if self.weights.popularity > 0:
            extra += self.catalog.index.most_popular(60)
        missing = [i for i in dict.fromkeys(extra) if i not in found and i not in excluded]
        for candidate in self.catalog.fetch(missing, query.where):
            found.setdefault(candidate.item.id, candidate)
        avoided = set(query.avoided_tags)
        return [c for c in found.values() if c.item.id not in excluded and not avoided.intersection(c.item.tags)]

    def _score_parts(
        self,
        query: Query,
        snapshot: ProfileSnapshot,
        pool: Sequence[Candidate],
        matrix: Vector,
        liked_vectors: Mapping[str, Vector],
        disliked_vectors: Mapping[str, Vector],
        together: Mapping[str, tuple[float, str]],
    ) -> dict[str, Any]:
        import numpy as np

        w = self.weights
        zeros = np.zeros(len(pool), dtype=np.float32)
        parts: dict[str, Any] = {}
        request = matrix @ query.vector if query.vector is not None else zeros
        if query.like_vector is not None:
            request = np.maximum(request, matrix @ query.like_vector)
        parts["request"] = w.request * request
        parts["profile"] = w.profile * _weighted_similarity(
            matrix, [(e.entry.vector, e.weight) for e in snapshot.likes]
        )
        parts["items"] = w.items * _weighted_similarity(
            matrix, [(v, snapshot.liked_items[i]) for i, v in liked_vectors.items()]
        )
        co = np.array([together.get(c.item.id, (0.0, ""))[0] for c in pool], dtype=np.float32)
        # Scaled by the strongest like, so an old, faded like cannot dominate a new request.
        strongest = max(snapshot.liked_items.values(), default=0.0)
        parts["together"] = w.together * (co / co.max() * strongest if co.max() > 0 else co)
        popularity = np.log1p(np.array([c.item.popularity or 0.0 for c in pool], dtype=np.float32))
        parts["popularity"] = w.popularity * popularity / float(np.log1p(max(self.catalog.index.max_popularity, 1.0)))
        wanted = set(query.wanted_tags)
        parts["tags"] = w.tags * np.array(
            [len(wanted.intersection(c.item.tags)) / len(wanted) if wanted else 0.0 for c in pool], dtype=np.float32
        )
        negatives = [(v, weight) for _, v, weight in query.avoid_vectors]
        negatives += [(e.entry.vector, e.weight) for e in snapshot.dislikes]
        negatives += [(v, 1.0) for v in disliked_vectors.values()]
        parts["avoid"] = -w.avoid * _max_similarity(matrix, negatives)
        return parts

    def _evidence(
        self,
        row: int,
        candidate: Candidate,
        query: Query,
        snapshot: ProfileSnapshot,
        matrix: Vector,
        parts: Mapping[str, Any],
        together: Mapping[str, tuple[float, str]],
        spoken: set[str],
    ) -> Evidence:
        vector = matrix[row]
        said = sorted(
            ((float(e.entry.vector @ vector), e) for e in snapshot.likes if e.entry.utterance.feedback is None),
            key=lambda pair: -pair[0] * pair[1].weight,
        )
        utterances = tuple(
            MatchedUtterance(e.entry.utterance.text, round(e.weight, 3), round(sim, 3))
            for sim, e in said[:2]
            if sim > 0.1
        )
        item = candidate.item
        fields = [f"tags: {tag}" for tag in item.tags if tag in query.wanted_tags]
        matched = [w for w in dict.fromkeys(content_words(f"{item.title} {item.description}")) if stem(w) in spoken]
        if matched:
            fields.append(f"description: {', '.join(matched[:5])}")
        source = together.get(item.id, (0.0, ""))[1]
        related = (self.catalog.index.by_id[source].title,) if source in self.catalog.index.by_id else ()
        return Evidence(
            utterances=utterances,
            fields=tuple(fields),
            related_titles=related,
            score_parts={name: round(float(values[row]), 4) for name, values in parts.items()},
        )


def _centroid(snapshot: ProfileSnapshot) -> Vector | None:
    import numpy as np

    if not snapshot.likes:
        return None
    weights = np.array([e.weight for e in snapshot.likes], dtype=np.float32)
    vectors = np.stack([e.entry.vector for e in snapshot.likes])
    mean = (weights[:, None] * vectors).sum(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm > 0 else None


def _weighted_similarity(matrix: Vector, sources: Sequence[tuple[Vector, float]]) -> Vector:
    import numpy as np

    if not sources:
        return np.zeros(matrix.shape[0], dtype=np.float32)
    vectors = np.stack([v for v, _ in sources])
    weights = np.array([w for _, w in sources], dtype=np.float32)
    # Dividing by at least 1 keeps faded sources faint instead of renormalising them to full strength.
    return (matrix @ vectors.T @ weights / max(float(weights.sum()), 1.0)).astype(np.float32)


def _max_similarity(matrix: Vector, sources: Sequence[tuple[Vector, float]]) -> Vector:
    import numpy as np

    if not sources:
        return np.zeros(matrix.shape[0], dtype=np.float32)
    vectors = np.stack([v for v, _ in sources])
    weights = np.array([w for _, w in sources], dtype=np.float32)
    strongest: Vector = np.max(np.clip(matrix @ vectors.T, 0.0, None) * weights, axis=1).astype(np.float32)
    return strongest


def _mmr(scores: Vector, matrix: Vector, k: int, balance: float) -> list[int]:
    """Maximal marginal relevance: each pick trades relevance against likeness to earlier picks.
    Keeps each candidate's closest likeness to the picks so far, so a pick costs one product."""
    import numpy as np

    order = np.argsort(-scores)[: max(k * 8, 50)]
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
