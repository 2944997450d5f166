"""How well a number fits what was asked, and how far a value misses a wish.

Fit: a range that centres on the number asked for fits better than one that merely allows it
("for 2 players": made for two beats 2-8; "about an hour": 45-75 beats 15-120). Measured as the
mean distance of the range's two ends from the number asked, relative to it.

Shortfall: how far an item is from a wish it misses, 0 (meets it) to 1 (nowhere near, or
unknown): a film from 1985 misses "before 1984" by little, a 2-player game misses "for 6" by a
lot, a missing genre by all of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recchat.catalog.library import IndexEntry
    from recchat.domain import Constraint

YEARS_APART = 10.0  # a wish missed by this many years is missed entirely
NEAR = 0.3  # a shortfall up to this counts as a near miss (3 years, a third of the number asked)


def _span(fact: Any) -> tuple[float, float] | None:
    if isinstance(fact, list) and len(fact) == 2:
        return float(fact[0]), float(fact[1])
    if isinstance(fact, int | float) and not isinstance(fact, bool):
        return float(fact), float(fact)
    return None


def target(constraint: Constraint) -> tuple[float, float] | None:
    """The number (or range) a number wish centres on; None for a bound ('under an hour')."""
    value, op = constraint.value, constraint.op
    if op == "covers":
        if isinstance(value, tuple | list):
            return float(value[0]), float(value[1])
        return float(value), float(value)
    if op == "between" and isinstance(value, tuple | list) and value[0] is not None and value[1] is not None:
        middle = (float(value[0]) + float(value[1])) / 2
        return middle, middle
    return None


def fit(entry: IndexEntry, constraint: Constraint) -> float | None:
    """1 when the item's number or range is what was asked, falling to 0 as its ends move away;
    None when the wish asks for no particular number."""
    if constraint.about != "number" or constraint.negated:
        return None
    wanted = target(constraint)
    span = _span(entry.facts.get(constraint.field))
    if wanted is None or span is None:
        return None
    scale = max(abs(wanted[0] + wanted[1]), 1e-9)
    error = (abs(span[0] - wanted[0]) + abs(span[1] - wanted[1])) / scale
    return max(0.0, 1.0 - error)


def near_miss(entry: IndexEntry, constraint: Constraint) -> bool:
    """A wish missed by a little: a year or a number close to what was asked."""
    return shortfall(entry, constraint) <= NEAR


def shortfall(entry: IndexEntry, constraint: Constraint) -> float:
    """How far the item is from a wish it misses: below 1 only for years and numbers, by how
    far off they are."""
    if constraint.about == "year" and entry.year is not None:
        low, high = constraint.value
        off = max((low or entry.year) - entry.year, entry.year - (high or entry.year), 0)
        return min(1.0, off / YEARS_APART)
    if constraint.about == "number":
        span = _span(entry.facts.get(constraint.field))
        return 1.0 if span is None else _number_shortfall(span, constraint.op, constraint.value)
    return 1.0


def _number_shortfall(span: tuple[float, float], op: str, value: Any) -> float:
    low, high = span
    if op in ("covers", "between") and isinstance(value, tuple | list):
        start = float(value[0]) if value[0] is not None else low
        end = float(value[1]) if value[1] is not None else high
        if op == "between":  # the middle of the item's range must fall inside
            low = high = (low + high) / 2
            off, size = max(start - low, high - end, 0.0), max(abs(start), abs(end), 1.0)
        else:
            off, size = max(low - start, end - high, 0.0), max(abs(end), 1.0)
        return min(1.0, off / size)
    number = float(value)
    size = max(abs(number), 1.0)
    if op == "covers":
        off = max(low - number, number - high, 0.0)
    elif op in ("at_most", "below"):
        off = max(high - number, 0.0)
    elif op in ("at_least", "above", "reaches"):
        off = max(number - high if op == "reaches" else number - low, 0.0)
    else:
        return 1.0
    return min(1.0, off / size)
