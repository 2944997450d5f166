"""Ranking under constraints: the items that meet every explicit constraint come first; when
fewer than asked for do, the constraints are relaxed one at a time (ranking/filters.py) and the
closest others follow, with the relaxed constraints named so the reply can say so."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from recchat.domain import Constraint, Recommendation
from recchat.ranking.filters import admissible, relaxations

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.profile import ProfileSnapshot
    from recchat.ranking.retrieval import Query, Ranker


@dataclass(frozen=True)
class Selection:
    recommendations: tuple[Recommendation, ...]
    meeting: int  # how many of them meet every constraint (they come first)
    relaxed: tuple[Constraint, ...] = ()  # dropped to fill the rest of the list


def select(
    ranker: Ranker, catalog: Catalog, query: Query, snapshot: ProfileSnapshot, k: int, *, repeats: bool = False
) -> Selection:
    """`repeats`: when too few new items meet the constraints, earlier suggestions that meet
    them (not seen, disliked or skipped) come back before any constraint is relaxed: a person who
    narrows a request ("from the 90s") would rather see one again than one that does not fit."""
    constraints = query.constraints
    strict = replace(query, allowed=admissible(catalog, constraints))
    found = list(ranker.recommend(strict, snapshot, k))
    if constraints and repeats and len(found) < k and snapshot.suggested_items:
        again = replace(snapshot, suggested_items=set(), context_items={})
        shown = frozenset(r.item.id for r in found)
        found += ranker.recommend(replace(strict, exclude=strict.exclude | shown), again, k - len(found))
    meeting = len(found)
    if not constraints or meeting >= k:
        return Selection(tuple(found), meeting)
    relaxed: tuple[Constraint, ...] = ()
    for kept in relaxations(constraints):
        shown = frozenset(r.item.id for r in found)
        looser = replace(query, constraints=kept, allowed=admissible(catalog, kept), exclude=query.exclude | shown)
        more = ranker.recommend(looser, snapshot, k - len(found))
        relaxed = tuple(c for c in constraints if c not in kept)
        found += more
        if len(found) >= k:
            break
    return Selection(tuple(found), meeting, relaxed if len(found) > meeting else ())
