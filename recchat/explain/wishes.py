"""Which wishes of the request each suggestion meets, computed from the constraints and the item
itself (the same test ranking filters with), not from how it was ranked: a filler shown after
"the closest others" meets some wishes and misses others, and its card must say which."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recchat.domain import Constraint, Recommendation
from recchat.ranking.filters import meets_item

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog


@dataclass(frozen=True)
class Verdict:
    met: tuple[Constraint, ...] = ()
    missed: tuple[Constraint, ...] = ()


def verdicts(
    catalog: Catalog, constraints: Sequence[Constraint], suggestions: Iterable[Recommendation]
) -> dict[str, Verdict]:
    """For each suggestion, the wishes (constraints that are not things to avoid) it meets and
    those it misses."""
    wishes = [c for c in constraints if not c.negated or c.about in ("category", "kind")]
    index = catalog.index.by_id
    found = {}
    for rec in suggestions:
        entry = index.get(rec.item.id)
        if entry is None:
            continue
        met = tuple(c for c in wishes if meets_item(rec.item, entry, c))
        found[rec.item.id] = Verdict(met, tuple(c for c in wishes if c not in met))
    return found


def verdict_from_labels(rec: Recommendation, constraints: Sequence[Constraint]) -> Verdict:
    """Without the catalog: what ranking recorded as met (its labels), the rest missed."""
    labels = set(rec.evidence.constraints)
    wishes = [c for c in constraints if not c.negated]
    met = tuple(c for c in wishes if c.label in labels)
    return Verdict(met, tuple(c for c in wishes if c not in met))
