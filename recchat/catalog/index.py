"""The catalog's in-memory index: every item's title, year, aliases, popularity, tags, the fields
requests can be about (read as their kind) and the names its description opens with. Built at
import from the stored items and cached per revision (recchat/catalog/derived.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from recchat.catalog.derived import Derived, StoredItem, read_json
from recchat.catalog.record import stored_json, stored_popularity, stored_tags, stored_title
from recchat.catalog.schema import normalised
from recchat.text import names_in, normalise_title, stem, without_year, words, year_in_title

if TYPE_CHECKING:
    from recchat.catalog.schema import CatalogSchema


class _Saved(Protocol):
    def to_json(self) -> Any: ...


J = TypeVar("J", bound=_Saved)

INDEX_FORMAT = 3
SEP = "\x1f"  # joins tags and names in the saved file: catalog text never holds it (text.clean)
NO_FACTS: Mapping[str, Any] = MappingProxyType({})


class IndexEntry(NamedTuple):
    """One item as the index holds it. A named tuple, not a dataclass: opening a catalog of
    100,000 items makes 100,000 of them, and a tuple is made several times faster."""

    id: str
    title: str
    year: int | None
    aliases: tuple[str, ...]
    popularity: float
    tags: tuple[str, ...] = ()
    # The item's fields that requests can be about, read as their kind (schema.normalised):
    # {"players": [2, 4], "type": "board game", "author": ["Agatha Christie"], ...}
    facts: Mapping[str, Any] = NO_FACTS
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
        return self._by_popularity[:n]

    @cached_property  # sorted once: every turn's retriever asks, and 100,000 entries take a while
    def _by_popularity(self) -> list[str]:
        # By id, then (stable) by popularity, highest first: the order of the key (-popularity,
        # id), without a key tuple for each item.
        ranked = sorted((entry for entry in self.entries if entry.popularity > 0), key=attrgetter("id"))
        ranked.sort(key=attrgetter("popularity"), reverse=True)
        return [entry.id for entry in ranked]

    @cached_property
    def order(self) -> str:
        """Which items, in which order (`order_of`): what data saved by row number must match."""
        return order_of(entry.id for entry in self.entries)

    @cached_property  # entries never change after construction, and every turn asks
    def max_popularity(self) -> float:
        return max((entry.popularity for entry in self.entries), default=0.0)

    def to_json(self) -> dict[str, Any]:
        """Column by column, lists joined: a 100,000-item index reads in a fifth of the time of
        one JSON list per entry."""
        entries = self.entries
        facts: dict[str, list[Any]] = {}
        for row, entry in enumerate(entries):
            for name, value in entry.facts.items():
                facts.setdefault(name, [None] * len(entries))[row] = value
        return {
            "format": INDEX_FORMAT,
            "ids": [e.id for e in entries],
            "titles": [e.title for e in entries],
            "years": [e.year for e in entries],
            "aliases": [list(e.aliases) for e in entries],
            "popularity": [e.popularity for e in entries],
            "tags": [SEP.join(e.tags) for e in entries],
            "facts": facts,
            "names": [SEP.join(e.names) for e in entries],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CatalogIndex:
        if data.get("format") != INDEX_FORMAT:
            raise ValueError("old index format")
        facts: list[dict[str, Any]] = [{} for _ in data["ids"]]
        for name, values in data["facts"].items():
            for row, value in enumerate(values):
                if value is not None:
                    facts[row][name] = value
        # A catalog has a few hundred sets of tags among its 100,000 items: each is split once,
        # and its items share the tuple.
        tag_sets: dict[str, tuple[str, ...]] = {}
        tags = [tag_sets.get(joined) or tag_sets.setdefault(joined, _split(joined)) for joined in data["tags"]]
        columns = zip(
            data["ids"], data["titles"], data["years"], data["aliases"], data["popularity"], tags, facts,
            data["names"], strict=True,
        )  # fmt: skip
        return cls(
            [
                IndexEntry(i, title, year, tuple(aliases), float(pop), tags, fact, _split(names))
                for i, title, year, aliases, pop, tags, fact, names in columns
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
        # Items grouped by their set of tags first: a catalog has a few hundred such sets.
        by_tags: dict[tuple[str, ...], list[str]] = {}
        for entry in self.entries:
            by_tags.setdefault(entry.tags, []).append(entry.id)
        found: dict[str, set[str]] = {}
        for tags, ids in by_tags.items():
            for tag in tags:
                found.setdefault(tag, set()).update(ids)
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
        return set(self._tags)

    @cached_property  # every session asks (the explainer's words): once per catalog, not per turn
    def _tags(self) -> frozenset[str]:
        return frozenset(tag for entry in self.entries for tag in entry.tags)


NAMES_FROM_CHARS = 800  # a description's opening names the people and the franchise


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(SEP)) if joined else ()


def order_of(ids: Iterable[str]) -> str:
    """A short digest of item ids in order. Data built from a catalog's entries row by row (the
    title keys, the people) is read back only beside an index of the same order: files written
    by one import always agree; a kind built later from the store might list items otherwise."""
    return hashlib.sha256(SEP.join(ids).encode("utf-8")).hexdigest()[:16]


def stored_entry(item: StoredItem, schema: CatalogSchema) -> IndexEntry:
    """The stored item's index entry, made once however many builders of one pass ask for it."""
    entry = item.shared.get("index_entry")
    if not isinstance(entry, IndexEntry):
        entry = item.shared["index_entry"] = entry_of(item.id, item.metadata, item.data, schema)
    return entry


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


class _EntriesBuilder(Generic[J]):
    """Keeps every stored item's index entry (made once a pass, `stored_entry`), then makes the
    kind of data of them."""

    def __init__(self, schema: CatalogSchema, make: Callable[[CatalogSchema, list[IndexEntry]], J]) -> None:
        self._schema, self._make = schema, make
        self._entries: list[IndexEntry] = []

    def add(self, item: StoredItem) -> None:
        self._entries.append(stored_entry(item, self._schema))

    def finish(self) -> J:
        return self._make(self._schema, self._entries)


def from_entries(
    name: str, make: Callable[[CatalogSchema, list[IndexEntry]], J], from_json: Callable[[Any], J]
) -> Derived[J]:
    """A kind of derived data made of the catalog's index entries and kept as its JSON."""

    def save(value: J, path: Path) -> None:
        path.write_text(json.dumps(value.to_json(), ensure_ascii=False), encoding="utf-8")

    def load(path: Path) -> J:
        return from_json(read_json(path))

    return Derived(name, "json", lambda schema: _EntriesBuilder(schema, make), save, load)


TITLE_INDEX: Derived[CatalogIndex] = from_entries(
    "index", lambda _schema, entries: CatalogIndex(entries), CatalogIndex.from_json
)
