"""The catalog's in-memory index: every item's title, year, aliases, popularity, tags, the fields
requests can be about (read as their kind) and the names its description opens with. Built at
import from the stored items and cached per revision (recchat/catalog/derived.py)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.catalog.derived import Derived, StoredItem
from recchat.catalog.record import stored_json, stored_popularity, stored_tags, stored_title
from recchat.catalog.schema import normalised
from recchat.text import names_in, normalise_title, stem, without_year, words, year_in_title

if TYPE_CHECKING:
    from recchat.catalog.schema import CatalogSchema

INDEX_FORMAT = 2


@dataclass(frozen=True)
class IndexEntry:
    id: str
    title: str
    year: int | None
    aliases: tuple[str, ...]
    popularity: float
    tags: tuple[str, ...] = ()
    # The item's fields that requests can be about, read as their kind (schema.normalised):
    # {"players": [2, 4], "type": "board game", "author": ["Agatha Christie"], ...}
    facts: Mapping[str, Any] = field(default_factory=dict)
    names: tuple[str, ...] = ()  # name phrases in its description ("Christopher Nolan")


class CatalogIndex:
    """Titles, years, aliases and popularity of every item, small enough to keep in memory."""

    def __init__(self, entries: Sequence[IndexEntry]) -> None:
        self.entries = list(entries)
        self.by_id = {entry.id: entry for entry in self.entries}
        self._values: dict[str, dict[str, set[str]]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def most_popular(self, n: int) -> list[str]:
        ranked = sorted(self.entries, key=lambda e: (-e.popularity, e.id))
        return [entry.id for entry in ranked[:n] if entry.popularity > 0]

    @cached_property  # entries never change after construction, and every turn asks
    def max_popularity(self) -> float:
        return max((entry.popularity for entry in self.entries), default=0.0)

    def to_json(self) -> dict[str, Any]:
        rows = [
            [e.id, e.title, e.year, list(e.aliases), e.popularity, list(e.tags), dict(e.facts), list(e.names)]
            for e in self.entries
        ]
        return {"format": INDEX_FORMAT, "rows": rows}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CatalogIndex:
        if data.get("format") != INDEX_FORMAT:
            raise ValueError("old index format")
        return cls(
            [
                IndexEntry(r[0], r[1], r[2], tuple(r[3]), float(r[4]), tuple(r[5]), dict(r[6]), tuple(r[7]))
                for r in data["rows"]
            ]
        )

    @cached_property
    def named_in_text(self) -> dict[str, set[str]]:
        """Normalised name -> items whose description names it (people, studios, places)."""
        found: dict[str, set[str]] = {}
        for entry in self.entries:
            for name in entry.names:
                found.setdefault(normalise_title(name), set()).add(entry.id)
        return found

    @cached_property
    def with_tag(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for entry in self.entries:
            for tag in entry.tags:
                found.setdefault(tag, set()).add(entry.id)
        return found

    def with_value(self, field_name: str) -> dict[str, set[str]]:
        """Value -> items holding it, for a list field ("genres": {"horror": {...}}); built once."""
        if field_name not in self._values:
            found: dict[str, set[str]] = {}
            for entry in self.entries:
                value = entry.facts.get(field_name)
                for part in value if isinstance(value, list) else ([value] if isinstance(value, str) else []):
                    found.setdefault(str(part), set()).add(entry.id)
            self._values[field_name] = found
        return self._values[field_name]

    @cached_property
    def title_words(self) -> dict[str, set[str]]:
        """Stemmed title word -> items whose title has it."""
        found: dict[str, set[str]] = {}
        for entry in self.entries:
            for word in {stem(w) for w in words(entry.title)}:
                found.setdefault(word, set()).add(entry.id)
        return found

    def tag_vocabulary(self) -> set[str]:
        return {tag for entry in self.entries for tag in entry.tags}


NAMES_FROM_CHARS = 800  # a description's opening names the people and the franchise


def index_entry(record_id: str, metadata: Mapping[str, Any], schema: CatalogSchema) -> IndexEntry:
    return entry_of(record_id, metadata, stored_json(metadata), schema)


def entry_of(record_id: str, metadata: Mapping[str, Any], item: Mapping[str, Any], schema: CatalogSchema) -> IndexEntry:
    """`item`: the item's own fields, as stored (decoded from `metadata` by the caller)."""
    title = stored_title(metadata)
    facts = {
        info.name: value
        for info in schema.fields
        if info.name in item and (value := normalised(info, item[info.name])) is not None
    }
    years = [facts[f.name] for f in schema.with_role("year") if isinstance(facts.get(f.name), int | float)]
    year = int(years[0]) if years else year_in_title(title)
    aliases = item.get("aliases") or ()
    own = set(normalise_title(without_year(title)).split())
    names = [
        n
        for n in names_in(str(item.get("description", ""))[:NAMES_FROM_CHARS])
        if set(normalise_title(n).split()) - own
    ]
    return IndexEntry(
        id=record_id,
        title=title,
        year=year,
        # Some catalogs list other ids as aliases; only names help find titles in text.
        aliases=tuple(a for a in aliases if isinstance(a, str) and not a.isdigit())
        if isinstance(aliases, list)
        else (),
        popularity=stored_popularity(metadata),
        tags=stored_tags(metadata),
        facts=facts,
        names=tuple(names),
    )


class _IndexBuilder:
    def __init__(self, schema: CatalogSchema) -> None:
        self._schema = schema
        self._entries: list[IndexEntry] = []

    def add(self, item: StoredItem) -> None:
        self._entries.append(entry_of(item.id, item.metadata, item.data, self._schema))

    def finish(self) -> CatalogIndex:
        return CatalogIndex(self._entries)


def _save(index: CatalogIndex, path: Path) -> None:
    path.write_text(json.dumps(index.to_json(), ensure_ascii=False), encoding="utf-8")


def _load(path: Path) -> CatalogIndex:
    return CatalogIndex.from_json(json.loads(path.read_text(encoding="utf-8")))


TITLE_INDEX: Derived[CatalogIndex] = Derived("index", "json", _IndexBuilder, _save, _load)
