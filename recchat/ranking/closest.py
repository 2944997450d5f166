"""How far an item is from a request it does not fully meet: the closest others, when too few
items meet every wish, are those whose misses cost least.

A wish's weight says how central it is. The kind of item is the last to give up; how many people
it is for (or their age) is a fact about the group, not a taste, and comes next; then the rest in
state.RELAX_ORDER (a genre is given up first, a period last), with a bonus for what was just
asked for (the newest wish is kept longest) and, among genres, a little less for each named after
the first (the first is what was asked for, the later ones qualify it). A year or a measured
number missed by a little (a film from 1985 for "before 1984", 65 minutes for "under an hour")
costs a quarter of missing it, unless it was just added to narrow the request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from recchat.conversation.state import RELAX_ORDER
from recchat.ranking.fit import near_miss

if TYPE_CHECKING:
    from recchat.catalog.library import IndexEntry
    from recchat.catalog.schema import CatalogSchema
    from recchat.domain import Constraint

KIND_WEIGHT = 8.0
COUNT_WEIGHT = 3.0
COUNT_ROLES = ("people_count", "age")
ORDER_WEIGHT = {about: 1.0 + 0.25 * i for i, about in enumerate(RELAX_ORDER)}
RECENT_BONUS = 0.5
LATER_GENRE = 0.75
NEAR_MISS = 0.25


def newest(wishes: Sequence[Constraint], recent: Sequence[Constraint]) -> list[Constraint]:
    """The wishes said this turn (`recent`), or when none the last one; never the kind."""
    return [w for w in wishes if w in recent and w.about != "kind"] or [w for w in wishes if w.about != "kind"][-1:]


def weights(
    wishes: Sequence[Constraint], recent: Sequence[Constraint], schema: CatalogSchema
) -> dict[Constraint, float]:
    """How central each wish is. `recent`: the wishes said this turn (when none, the last one)."""
    latest = newest(wishes, recent)
    found: dict[Constraint, float] = {}
    genres = 0
    for wish in wishes:
        if wish.about == "kind":
            found[wish] = KIND_WEIGHT
            continue
        weight = COUNT_WEIGHT if _counts_people(wish, schema) else ORDER_WEIGHT.get(wish.about, 1.0)
        if wish.about == "tag":
            weight *= LATER_GENRE**genres
            genres += 1
        found[wish] = weight + (RECENT_BONUS if wish in latest else 0.0)
    return found


def cost(
    entry: IndexEntry,
    missed: Sequence[Constraint],
    weights: dict[Constraint, float],
    schema: CatalogSchema,
    latest: Sequence[Constraint] = (),
) -> float:
    """What missing these wishes costs this item. A near miss of a `latest` wish (one just added
    to narrow the others) costs it all: 'after 2010' just said is not met by 2009 before an older
    wish is given up."""
    return sum(weights[w] * (NEAR_MISS if w not in latest and _near(entry, w, schema) else 1.0) for w in missed)


def _near(entry: IndexEntry, wish: Constraint, schema: CatalogSchema) -> bool:
    measured = wish.about == "year" or (wish.about == "number" and not _counts_people(wish, schema))
    return measured and near_miss(entry, wish)


def _counts_people(wish: Constraint, schema: CatalogSchema) -> bool:
    if wish.about != "number":
        return False
    info = schema.field(wish.field)
    return info is not None and info.role in COUNT_ROLES
