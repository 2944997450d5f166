"""What the fused score reads from a catalog beyond vectors and text, worked out once per catalog:
the names each item carries (its people fields, and the names its description opens with: cast,
director, author, franchise), its kind, and its popularity against the others of its kind (a
catalog of films, books and games counts each in its own way: mentions, sales, plays)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from recchat.ranking.fit import fit, target
from recchat.text import normalise_title, words
from recchat.vocabulary import SUBJECT_GROUPS

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog, IndexEntry
    from recchat.domain import Constraint, Item


class CatalogSignals:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    @cached_property
    def _people_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.catalog.schema.with_role("people"))

    @cached_property
    def _kind_field(self) -> str | None:
        field = self.catalog.schema.kind_field
        return field.name if field else None

    def kind(self, entry: IndexEntry) -> str | None:
        value = entry.facts.get(self._kind_field) if self._kind_field else None
        return str(value) if value is not None else None

    def names(self, entry: IndexEntry) -> frozenset[str]:
        found = self._names.get(entry.id)
        if found is None:
            people = (n for f in self._people_fields for n in _strings(entry.facts.get(f)))
            found = frozenset(normalise_title(n) for n in (*entry.names, *people) if n.strip())
            self._names[entry.id] = found
        return found

    @cached_property
    def _names(self) -> dict[str, frozenset[str]]:
        return {}

    def themes(self, item: Item) -> frozenset[int]:
        """The subject groups (language/subjects.toml) its title, tags and description speak of."""
        found = self._themes.get(item.id)
        if found is None:
            said = set(words(f"{item.title} {' '.join(item.tags)} {item.description}"))
            found = frozenset(i for i, group in enumerate(_GROUP_WORDS) if said & group)
            self._themes[item.id] = found
        return found

    @cached_property
    def _themes(self) -> dict[str, frozenset[int]]:
        return {}

    def seed_names(self, seeds: Mapping[str, float]) -> dict[str, float]:
        """Name -> how strongly the seeds carry it."""
        weights: dict[str, float] = {}
        by_id = self.catalog.index.by_id
        for item_id, weight in seeds.items():
            if item_id in by_id:
                for name in self.names(by_id[item_id]):
                    weights[name] = weights.get(name, 0.0) + weight
        return weights

    @cached_property
    def _top_by_kind(self) -> dict[str | None, float]:
        top: dict[str | None, float] = {}
        field = self._kind_field
        for entry in self.catalog.index.entries:  # self.kind, written out: 100,000 calls cost
            value = entry.facts.get(field) if field else None
            kind = str(value) if value is not None else None
            top[kind] = max(top.get(kind, 0.0), entry.popularity)
        return top

    def popularity(self, entry: IndexEntry, *, per_kind: bool = True) -> float:
        """0..1: log popularity against the most popular item of its kind (or of the catalog)."""
        top = self._top_by_kind.get(self.kind(entry), 0.0) if per_kind else self.catalog.index.max_popularity
        return math.log1p(entry.popularity) / math.log1p(top) if top > 0 else 0.0

    def kinds_of(self, ids: Iterable[str]) -> set[str]:
        by_id = self.catalog.index.by_id
        return {kind for i in ids if i in by_id and (kind := self.kind(by_id[i])) is not None}


def fit_of(entry: IndexEntry, constraints: Sequence[Constraint]) -> float:
    """How well the item's numbers fit the numbers asked for (mean over those wishes; 0 with none)."""
    wishes = [c for c in constraints if c.about == "number" and not c.negated and target(c) is not None]
    return sum(fit(entry, c) or 0.0 for c in wishes) / len(wishes) if wishes else 0.0


_GROUP_WORDS = tuple(frozenset(w for w in group if " " not in w) for group in SUBJECT_GROUPS)


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [value] if isinstance(value, str) else []
