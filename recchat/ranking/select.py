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
    again = replace(snapshot, suggested_items=set(), context_items={}) if repeats else None
    found = _fill([], ranker, replace(query, allowed=admissible(catalog, constraints)), snapshot, again, k)
    meeting = len(found)
    if not constraints or meeting >= k:
        return Selection(tuple(found), meeting)
    relaxed: tuple[Constraint, ...] = ()
    for kept in relaxations(constraints):
        looser = replace(query, constraints=kept, allowed=admissible(catalog, kept))
        before = len(found)
        found = _fill(found, ranker, looser, snapshot, again, k)
        if len(found) > before:
            relaxed = tuple(c for c in constraints if c not in kept)
        if len(found) >= k:
            break
    return Selection(tuple(found), meeting, relaxed if len(found) > meeting else ())


def _fill(
    found: list[Recommendation],
    ranker: Ranker,
    query: Query,
    snapshot: ProfileSnapshot,
    again: ProfileSnapshot | None,
    k: int,
) -> list[Recommendation]:
    """Up to k: new items first, then (given `again`) earlier suggestions that fit."""
    for view in (snapshot, again):
        if view is None or len(found) >= k:
            continue
        shown = frozenset(r.item.id for r in found)
        found = found + ranker.recommend(replace(query, exclude=query.exclude | shown), view, k - len(found))
    return found
