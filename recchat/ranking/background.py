"""The request leads, the long-term profile follows.

What the person liked before this conversation (earlier conversations, an imported history,
another catalog) is background. When the conversation asks for something (words with a topic,
"more like this", or items liked in it), the request alone decides which items are candidates
and how they score; the background only orders them: one score part, counted in proportion to
how well each candidate meets the request, so it reorders the good fits and breaks ties, and
never lifts a poor fit over them. It never pulls in an item nobody asked for. When nothing was asked yet ("something for
tonight", constraints alone), the background leads: a history is a head start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from recchat.ranking.vectors import centroid

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.profile import ProfileSnapshot, WeightedEntry

    Vector = npt.NDArray[np.float32]

MAX_SEEDS = 12  # the strongest seeds are enough; more only blur the picture


@dataclass
class Signals:
    """The snapshot's signals, split into what leads the ranking and what only orders it."""

    seeds: dict[str, float]  # items to find more like: they search, score and explain
    likes: list[WeightedEntry]  # what was said or liked, as vectors: the profile centroid
    background_seeds: dict[str, float] = field(default_factory=dict)
    background_likes: list[WeightedEntry] = field(default_factory=list)


def request_leads(asked: bool, snapshot: ProfileSnapshot) -> bool:
    """`asked`: the request has a topic or an item to stay close to."""
    return asked or bool(snapshot.liked_now) or bool(snapshot.context_items)


def split_signals(snapshot: ProfileSnapshot, suggested_weight: float, *, asked: bool) -> Signals:
    everything = seeds_of(snapshot, suggested_weight)
    if not request_leads(asked, snapshot):
        return Signals(everything, list(snapshot.likes))
    background = snapshot.history_items | set(snapshot.wished_items)
    now = {i: w for i, w in everything.items() if i not in background or i in snapshot.liked_now}
    before = {i: w for i, w in everything.items() if i not in now}
    return Signals(
        seeds=now,
        likes=[w for w in snapshot.likes if w.now],
        background_seeds=before,
        background_likes=[w for w in snapshot.likes if not w.now],
    )


def seeds_of(snapshot: ProfileSnapshot, suggested_weight: float) -> dict[str, float]:
    """Items liked, wished for, or brought up in this conversation, by weight: the strongest."""
    seeds = {i: w * suggested_weight for i, w in snapshot.context_items.items() if i not in snapshot.disliked_items}
    for source in (snapshot.wished_items, snapshot.liked_items):
        for item_id, weight in source.items():
            if item_id not in snapshot.disliked_items or source is snapshot.liked_items:
                seeds[item_id] = max(weight, seeds.get(item_id, 0.0))
    strongest = sorted(seeds, key=lambda i: (-seeds[i], i))[:MAX_SEEDS]
    return {i: seeds[i] for i in strongest if seeds[i] > 0}


def background_vector(signals: Signals, seed_vectors: dict[str, Vector]) -> Vector | None:
    """One direction for everything in the background: its liked items and its words."""
    sources = [(seed_vectors[i], w) for i, w in signals.background_seeds.items() if i in seed_vectors]
    sources += [(w.entry.vector, w.weight) for w in signals.background_likes]
    return centroid(sources)
