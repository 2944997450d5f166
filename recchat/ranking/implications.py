"""Implications between a catalog's own values, learned from the catalog: a value that almost
always comes with another in the same field (if nearly every item tagged `slasher` is also tagged
`horror`, an item tagged only `slasher` is a horror one too). Nothing here knows any catalog's
words: the rules are whatever its items show."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from recchat.ranking.values import has_any_tag, strings

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog, CatalogIndex, IndexEntry
    from recchat.domain import Constraint

TAGS = "tags"
IMPLIES = 0.9  # the share of the items with one value that must also have the other
SUPPORT = 4  # items with the value, at least: two or three items prove no rule


def values_of(entry: IndexEntry, field: str) -> list[str]:
    """An item's values of a list field (or its tags)."""
    return list(entry.tags) if field == TAGS else strings(entry.facts.get(field))


@lru_cache(maxsize=32)
def implications(index: CatalogIndex, field: str) -> Mapping[str, frozenset[str]]:
    """Value -> the broader values of the same field it almost always comes with."""
    holders: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for entry in index.entries:
        held = set(values_of(entry, field))
        holders.update(held)
        together.update((a, b) for a in held for b in held if a != b)
    implied: dict[str, set[str]] = {}
    for (a, b), count in together.items():
        if holders[a] >= SUPPORT and count >= IMPLIES * holders[a] and holders[b] >= holders[a]:
            implied.setdefault(a, set()).add(b)
    return {a: frozenset(bs) for a, bs in implied.items()}


def implied_values(index: CatalogIndex, field: str, held: Iterable[str]) -> dict[str, str]:
    """The values an item's own ones imply, each with the value it comes from."""
    rules = implications(index, field)
    found: dict[str, str] = {}
    for value in held:
        for other in rules.get(value, ()):
            found.setdefault(other, value)
    return found


def implied_holders(catalog: Catalog, constraint: Constraint) -> dict[str, str]:
    """The items whose own values imply what a tag wish names, each with the value that does:
    what 'no horror' rules out besides the items tagged horror."""
    index = catalog.index
    found: dict[str, str] = {}
    for field in constraint.field.split("|"):
        holding = index.with_tag if field == TAGS else index.with_value(field)
        for value, broader in implications(index, field).items():
            if has_any_tag(tuple(broader), constraint.value):
                for item_id in holding.get(value, ()):
                    found.setdefault(item_id, value)
    return found
