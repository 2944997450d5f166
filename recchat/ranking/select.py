"""Ranking under constraints: which items come first, and the closest others when too few fit.

Three tiers, each ranked by recchat's fused score:
1. the items that meet every wish by their own fields;
2. then those that meet some wish only by evidence (ranking/evidence.py: an implied value, or
   their text naming it);
3. when fewer than asked for do, the closest others: the items whose misses cost least
   (ranking/closest.py: the kind and the newest wish are kept longest; a year or a number missed
   by a little costs little), each saying which wishes it misses. What to avoid is never relaxed.

The score shown follows the list: an item placed below one that scored higher carries a negative
part saying why ("evidence", "misses", "shown before"), so a list never reads out of order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from recchat.domain import Constraint, Inferred, Recommendation
from recchat.ranking.closest import cost, newest, weights
from recchat.ranking.evidence import by_evidence
from recchat.ranking.filters import admissible, labels_met, meeting_one

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.profile import ProfileSnapshot
    from recchat.ranking.retrieval import Query, Ranker

COST_STEP = 0.25  # fillers whose costs round to the same step are ordered by their score


@dataclass(frozen=True)
class Selection:
    recommendations: tuple[Recommendation, ...]
    meeting: int  # how many of them meet every wish by field (they come first)
    relaxed: tuple[Constraint, ...] = ()  # wishes that some of the others miss
    inferred: int = 0  # how many meet every wish, some only by evidence (they come next)
    unavailable: int = 0  # items meeting every wish that were seen, shown or ruled out before


@dataclass(frozen=True)
class _Wishes:
    """Each wish with the items meeting it by field and by evidence, and the avoids' survivors."""

    wishes: tuple[Constraint, ...]
    by_field: Mapping[Constraint, frozenset[str]]
    by_evidence: Mapping[Constraint, Mapping[str, str]]
    allowed: frozenset[str]  # items that break no avoid

    def meets(self, wish: Constraint, item_id: str) -> bool:
        return item_id in self.by_field[wish] or item_id in self.by_evidence[wish]

    def inferred(self, item_id: str) -> tuple[Inferred, ...]:
        return tuple(
            Inferred(w.label, self.by_evidence[w][item_id])
            for w in self.wishes
            if item_id not in self.by_field[w] and item_id in self.by_evidence[w] and w.label
        )


def select(
    ranker: Ranker,
    catalog: Catalog,
    query: Query,
    snapshot: ProfileSnapshot,
    k: int,
    *,
    repeats: bool = False,
    kept_out: frozenset[str] = frozenset(),
    evidence: bool = True,
) -> Selection:
    """`repeats`: when too few new items meet the constraints, earlier suggestions that meet
    them (not seen, disliked or skipped) come back before any wish is given up: a person who
    narrows a request ("from the 90s") would rather see one again than one that does not fit.
    `kept_out`: earlier suggestions that do not come back even then (the list just shown, when
    the person asked for more like one of it). `evidence`: False ranks by labels alone (the evaluation's ablation)."""
    constraints = query.constraints
    again = replace(snapshot, suggested_items=set(kept_out), context_items={}) if repeats else None
    allowed = admissible(catalog, constraints)
    found = _fill([], ranker, replace(query, allowed=allowed), snapshot, again, k)
    meeting = len(found)
    if not constraints or meeting >= k:
        return Selection(_in_order(found, {}), meeting)
    tiers: dict[str, str] = {}
    wishes = _wishes(catalog, constraints, evidence)
    excluded = snapshot.excluded | query.exclude
    supported = _supported(wishes) - (allowed or frozenset())
    if supported:
        before = len(found)
        found = _fill(found, ranker, replace(query, allowed=supported, enforce=False), snapshot, again, k)
        found[before:] = [_with_evidence(r, wishes) for r in found[before:]]
        tiers.update((r.item.id, "evidence") for r in found[before:])
    inferred = len(found) - meeting
    if len(found) < k:
        before = len(found)
        views = (snapshot, again)
        found = _closest_others(found, ranker, catalog, query, views, wishes, k)
        tiers.update((r.item.id, "misses") for r in found[before:])
    unavailable = len((allowed or frozenset()) & excluded - {r.item.id for r in found})
    missed = {m for r in found for m in r.evidence.misses}
    relaxed = tuple(c for c in wishes.wishes if c.label in missed)
    return Selection(_in_order(found, tiers), meeting, relaxed, inferred, unavailable)


def _wishes(catalog: Catalog, constraints: Sequence[Constraint], evidence: bool) -> _Wishes:
    wishes = tuple(c for c in constraints if not c.negated)
    avoids = [c for c in constraints if c.negated]
    by_field = {w: meeting_one(catalog, w) for w in wishes}
    found = {w: (by_evidence(catalog, w, by_field[w]).why if evidence else {}) for w in wishes}
    allowed = admissible(catalog, avoids)
    return _Wishes(wishes, by_field, found, allowed if allowed is not None else frozenset(catalog.index.by_id))


def _supported(wishes: _Wishes) -> frozenset[str]:
    """The items meeting every wish by field or evidence (and breaking no avoid)."""
    found = set(wishes.allowed)
    for wish in wishes.wishes:
        found &= wishes.by_field[wish] | set(wishes.by_evidence[wish])
    return frozenset(found)


def _with_evidence(rec: Recommendation, wishes: _Wishes) -> Recommendation:
    return replace(rec, evidence=replace(rec.evidence, inferred=wishes.inferred(rec.item.id)))


def _closest_others(
    found: list[Recommendation],
    ranker: Ranker,
    catalog: Catalog,
    query: Query,
    views: tuple[ProfileSnapshot, ProfileSnapshot | None],
    wishes: _Wishes,
    k: int,
) -> list[Recommendation]:
    """The items whose misses cost least (ranking/closest.py), each saying which wishes it misses;
    at each cost, new items first, then (`views`' second, given `repeats`) earlier suggestions, as
    for the items that meet every wish; by cost, then by score."""
    snapshot, again = views
    need = k - len(found)
    taken = {r.item.id for r in found} | (again or snapshot).excluded | query.exclude
    costs = _costs(catalog, query, wishes, taken)
    buckets: dict[int, set[str]] = {}
    for item_id, price in costs.items():
        buckets.setdefault(round(price / COST_STEP), set()).add(item_id)
    others: list[Recommendation] = []
    for bucket in sorted(buckets):
        if len(others) >= need:
            break
        shown = frozenset(r.item.id for r in others)
        looser = replace(query, allowed=frozenset(buckets[bucket]), enforce=False, exclude=query.exclude | shown)
        others += _fill([], ranker, looser, snapshot, again, need - len(others))
    return found + [_missing(rec, catalog, query.constraints, wishes) for rec in others]


def _costs(catalog: Catalog, query: Query, wishes: _Wishes, taken: set[str]) -> dict[str, float]:
    """Item -> what its misses cost, for every item that misses a wish and breaks no avoid."""
    schema = catalog.schema
    central = weights(wishes.wishes, query.recent, schema)
    latest = newest(wishes.wishes, query.recent)
    if len(latest) == len([w for w in wishes.wishes if w.about != "kind"]):
        latest = []  # a request said at once: nothing in it was added to narrow the others
    by_id = catalog.index.by_id
    costs: dict[str, float] = {}
    for item_id in wishes.allowed - taken:
        missed = [w for w in wishes.wishes if not wishes.meets(w, item_id)]
        if missed:
            costs[item_id] = cost(by_id[item_id], missed, central, schema, latest)
    return costs


def _missing(
    rec: Recommendation, catalog: Catalog, constraints: Sequence[Constraint], wishes: _Wishes
) -> Recommendation:
    """A filler with the wishes it misses, those it meets by field, and those by evidence."""
    misses = tuple(w.label for w in wishes.wishes if w.label and not wishes.meets(w, rec.item.id))
    entry = catalog.index.by_id.get(rec.item.id)
    met = labels_met(rec.item, entry, constraints) if entry else ()
    return replace(
        rec, evidence=replace(rec.evidence, misses=misses, constraints=met, inferred=wishes.inferred(rec.item.id))
    )


def _in_order(found: Sequence[Recommendation], tiers: Mapping[str, str]) -> tuple[Recommendation, ...]:
    """The list as placed, each score at most the one above it: an item placed below a lower
    score gets the part that put it there ('evidence', 'misses', else 'shown before')."""
    ordered: list[Recommendation] = []
    for rec in found:
        if ordered and rec.score > ordered[-1].score:
            gap = round(ordered[-1].score - rec.score - 0.01, 4)
            part = tiers.get(rec.item.id, "shown before")
            parts = dict(rec.evidence.score_parts)
            parts[part] = round(parts.get(part, 0.0) + gap, 4)
            rec = replace(rec, score=round(rec.score + gap, 4), evidence=replace(rec.evidence, score_parts=parts))
        ordered.append(rec)
    return tuple(ordered)


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
