"""Baseline rankers for `recchat eval --method`: they run through the same Session and harness as
recchat's own ranking, so their numbers compare directly."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from recchat.catalog.items import item_text
from recchat.domain import Evidence, Recommendation

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.embed.base import Embedder
    from recchat.profile import ProfileSnapshot
    from recchat.ranking.lexical import Bm25Index
    from recchat.ranking.retrieval import Query


def seeker_words(snapshot: ProfileSnapshot) -> str:
    """Everything the person said in this conversation (what the published baselines use)."""
    entries = sorted([*snapshot.likes, *snapshot.dislikes], key=lambda e: e.entry.utterance.time)
    return " ".join(e.entry.utterance.text for e in entries if e.entry.utterance.feedback is None)


def _ranked(
    catalog: Catalog, scores: Mapping[str, float], snapshot: ProfileSnapshot, k: int, name: str
) -> list[Recommendation]:
    excluded = snapshot.excluded
    best = sorted((i for i in scores if i not in excluded), key=lambda i: (-scores[i], i))[:k]
    items = {item.id: item for item in catalog.items(best)}
    return [
        Recommendation(items[i], round(scores[i], 4), Evidence(score_parts={name: round(scores[i], 4)}))
        for i in best
        if i in items
    ]


def _popularity(catalog: Catalog) -> dict[str, float]:
    return {entry.id: entry.popularity for entry in catalog.index.entries}


class PopularityRanker:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Recommendation]:
        return _ranked(self.catalog, _popularity(self.catalog), snapshot, k, "popularity")


class DenseRanker:
    """all-MiniLM-L6-v2 (or the configured embedder) over the seeker's words, nothing else."""

    def __init__(self, catalog: Catalog, embedder: Embedder) -> None:
        self.catalog = catalog
        self.embedder = embedder

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Recommendation]:
        words = seeker_words(snapshot) or query.text
        vector = self.embedder.embed([words])
        found = self.catalog.search(vector, k + len(snapshot.excluded))[0]
        return _ranked(self.catalog, {c.item.id: c.similarity for c in found}, snapshot, k, "dense")


class Bm25Ranker:
    """BM25 over the seeker's words; optionally with the text of the items they mentioned, and
    fused with popularity (the strongest published lexical baseline on ReDial)."""

    def __init__(
        self, catalog: Catalog, index: Bm25Index, *, with_mentions: bool = False, popularity: float = 0.0
    ) -> None:
        self.catalog = catalog
        self.index = index
        self.with_mentions = with_mentions
        self.popularity = popularity

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Recommendation]:
        text = seeker_words(snapshot) or query.text
        if self.with_mentions:
            text += " " + " ".join(
                item_text(item, description_chars=None) for item in self.catalog.items(sorted(snapshot.liked_items))
            )
        scores: Mapping[str, float] = self.index.scores(text)
        if self.popularity:
            scores = _fuse(scores, _popularity(self.catalog), self.popularity)
        return _ranked(self.catalog, scores, snapshot, k, "bm25")


def _fuse(lexical: Mapping[str, float], popularity: dict[str, float], weight: float) -> dict[str, float]:
    """Both scaled to [0, 1] by their maximum, then mixed."""
    import math

    top_lexical = max(lexical.values(), default=0.0) or 1.0
    top_popular = math.log1p(max(popularity.values(), default=0.0)) or 1.0
    return {
        i: (1 - weight) * lexical.get(i, 0.0) / top_lexical + weight * math.log1p(popularity.get(i, 0.0)) / top_popular
        for i in set(lexical) | set(popularity)
    }
