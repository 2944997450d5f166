"""Implications between a catalog's own values, learned from the catalog: a value that almost
always comes with another in the same field (if nearly every item tagged `slasher` is also tagged
`horror`, an item tagged only `slasher` is a horror one too). Nothing here knows any catalog's
words: the rules are whatever its items show.

Counting them takes a pass over every item (a quarter of a second at 100,000 items), so the
rules of the tags and of every list field are derived data (`IMPLICATIONS`): counted at import,
saved with the catalog, read back on the first wish that needs them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from recchat.catalog.derived import Derived
from recchat.catalog.index import from_entries
from recchat.catalog.schema import FieldKind
from recchat.ranking.values import has_any_tag, strings

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog, CatalogIndex, IndexEntry
    from recchat.catalog.schema import CatalogSchema
    from recchat.domain import Constraint

TAGS = "tags"
IMPLIES = 0.9  # the share of the items with one value that must also have the other
SUPPORT = 4  # items with the value, at least: two or three items prove no rule
IMPLICATIONS_FORMAT = 1  # bump when the rules change (IMPLIES, SUPPORT): old files are counted again

Rules = Mapping[str, frozenset[str]]


def values_of(entry: IndexEntry, field: str) -> list[str]:
    """An item's values of a list field (or its tags)."""
    return list(entry.tags) if field == TAGS else strings(entry.facts.get(field))


def rules_over(entries: Iterable[IndexEntry], field: str) -> Rules:
    """Value -> the broader values of the same field it almost always comes with, the values in
    sorted order (whichever order a process's hashing puts its sets in)."""
    holders: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        held = set(values_of(entry, field))
        holders.update(held)
        together.update((a, b) for a in held for b in held if a != b)
    implied: dict[str, set[str]] = {}
    for (a, b), count in together.items():
        if holders[a] >= SUPPORT and count >= IMPLIES * holders[a] and holders[b] >= holders[a]:
            implied.setdefault(a, set()).add(b)
    return {a: frozenset(implied[a]) for a in sorted(implied)}


@lru_cache(maxsize=32)
def implications(index: CatalogIndex, field: str) -> Rules:
    """A field's rules counted over an index: for a field the saved rules do not hold."""
    return rules_over(index.entries, field)


class Implications:
    """The rules of the tags and of each list field of one catalog."""

    def __init__(self, fields: Mapping[str, Rules]) -> None:
        self.fields = dict(fields)

    @classmethod
    def of(cls, schema: CatalogSchema, entries: Sequence[IndexEntry]) -> Implications:
        names = [TAGS, *(f.name for f in schema.fields if f.kind is FieldKind.LIST and f.name != TAGS)]
        return cls({name: rules_over(entries, name) for name in names})

    def get(self, field: str) -> Rules | None:
        return self.fields.get(field)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Implications):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]  # equal by value, not hashable

    def to_json(self) -> dict[str, Any]:
        fields = {name: {a: sorted(bs) for a, bs in rules.items()} for name, rules in self.fields.items()}
        return {"format": IMPLICATIONS_FORMAT, "fields": fields}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Implications:
        if data.get("format") != IMPLICATIONS_FORMAT:
            raise ValueError("old implications format")
        fields: dict[str, Rules] = {}
        for name, rules in data["fields"].items():
            if not isinstance(rules, dict) or not all(isinstance(bs, list) for bs in rules.values()):
                raise ValueError("implications: not a saved form")
            fields[str(name)] = {str(a): frozenset(str(b) for b in bs) for a, bs in rules.items()}
        return cls(fields)


def field_rules(catalog: Catalog, field: str) -> Rules:
    """A field's rules: saved with the catalog (made from its index once, for a catalog imported
    before they were saved), or, for a field they do not cover, counted now."""
    index = catalog.index
    saved = catalog.derived(IMPLICATIONS, lambda: Implications.of(catalog.schema, index.entries)).get(field)
    return saved if saved is not None else implications(index, field)


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
        for value, broader in field_rules(catalog, field).items():
            if has_any_tag(tuple(broader), constraint.value):
                for item_id in holding.get(value, ()):
                    found.setdefault(item_id, value)
    return found


IMPLICATIONS: Derived[Implications] = from_entries("implications", Implications.of, Implications.from_json)
