"""The read side of a stored catalog: items, vectors, neighbours and a light in-memory index."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.catalog.caches import cache_file
from recchat.catalog.interactions import decode_neighbours
from recchat.catalog.record import (
    stored_item,
    stored_json,
    stored_neighbours,
    stored_popularity,
    stored_tags,
    stored_title,
)
from recchat.catalog.schema import CatalogSchema, FieldKind, learn_schema, normalised
from recchat.domain import Item
from recchat.errors import BusyError, RecchatError
from recchat.text import names_in, normalise_title, stem, without_year, words, year_in_title

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.ranking.lexical import Bm25Index
    from recchat.store import Collection, Record

INDEX_FORMAT = 2
RECORD_CACHE_SIZE = 20_000  # decoded items kept in memory (about 3 KB each with the vector)


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


@dataclass(frozen=True)
class Candidate:
    """A catalog item found by search, with its vector and cosine similarity to the query."""

    item: Item
    vector: npt.NDArray[np.float32]
    similarity: float
    neighbours: tuple[tuple[str, float], ...]


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
    item = stored_json(metadata)
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


class Catalog:
    """One stored catalog. Reads go through Chroma; the index is cached on disk per revision."""

    def __init__(self, collection: Collection, cache_dir: Path | None, *, write_cache: bool = True) -> None:
        self.collection = collection
        self.name = collection.name
        self._cache_dir = cache_dir
        # Incognito reads the caches an earlier run left (they hold catalog data, nothing of the
        # person) but writes none.
        self._write_cache = write_cache
        self._index: CatalogIndex | None = None
        self._lexical: Bm25Index | None = None
        self._records: dict[str, Candidate] = {}
        info = collection.info
        if info.get("state") != "ready":
            raise incomplete(collection, info)

    @cached_property
    def schema(self) -> CatalogSchema:
        """What the catalog's fields are, learned at import (a catalog imported before schemas
        existed has it learned now, from the stored items)."""
        stored = self.collection.info.get("schema")
        if isinstance(stored, str):
            try:
                return CatalogSchema.from_json(json.loads(stored))
            except (ValueError, KeyError, TypeError):
                pass  # an older format: learned again below
        items = (stored_item(r.metadata) for r in self.collection.iter_all())
        return learn_schema(items)

    def tag_vocabulary(self) -> set[str]:
        """Its tags, and the values of its list fields (genres, shelves, keywords, ...)."""
        lists = [f.name for f in self.schema.fields if f.kind is FieldKind.LIST]
        return self.index.tag_vocabulary() | {value for name in lists for value in self.index.with_value(name)}

    @property
    def revision(self) -> str:
        return str(self.collection.info.get("revision", "0"))

    @property
    def index(self) -> CatalogIndex:
        if self._index is None:
            self._index = self._load_index()
        return self._index

    def _load_index(self) -> CatalogIndex:
        cache = self._cache_path("index", "json")
        if cache is not None and cache.exists():
            try:
                return CatalogIndex.from_json(json.loads(cache.read_text(encoding="utf-8")))
            except (ValueError, KeyError, IndexError, TypeError):
                pass  # a stale or damaged cache is rebuilt below
        index = CatalogIndex([index_entry(r.id, r.metadata, self.schema) for r in self.collection.iter_all()])
        if cache is not None and self._write_cache:
            _save_cache(cache, lambda path: _write_index(path, index))
        return index

    @property
    def lexical(self) -> Bm25Index:
        """BM25 over the stored item texts, built on first use and cached on disk per revision
        (building it is most of a cold `ask`'s retrieval time)."""
        if self._lexical is None:
            from recchat.ranking.lexical import Bm25Index

            cache = self._cache_path("bm25", "npz")
            if cache is not None and cache.exists():
                try:
                    self._lexical = Bm25Index.load(cache)
                    return self._lexical
                except ValueError:
                    pass  # a stale or damaged cache is rebuilt below
            records = self.collection.iter_all(documents=True)
            self._lexical = Bm25Index((r.id, r.document or "") for r in records)
            if cache is not None and self._write_cache:
                _save_cache(cache, self._lexical.save)
        return self._lexical

    def _cache_path(self, kind: str, suffix: str) -> Path | None:
        # Keyed by where the collection lives as well as by the revision (a hash of the content):
        # two servers, or a server and the embedded store, can each hold a catalog called
        # "movies", and one must never be read through the other's cached index.
        if self._cache_dir is None:
            return None
        return cache_file(self._cache_dir, self.collection.origin, self.name, self.revision, kind, suffix)

    def items(self, ids: Iterable[str]) -> list[Item]:
        return [candidate.item for candidate in self._cached(ids).values()]

    def vectors(self, ids: Iterable[str]) -> dict[str, npt.NDArray[np.float32]]:
        return {item_id: candidate.vector for item_id, candidate in self._cached(ids).items()}

    def neighbours(self, ids: Iterable[str]) -> dict[str, list[tuple[str, float]]]:
        return {item_id: list(candidate.neighbours) for item_id, candidate in self._cached(ids).items()}

    def search(
        self, vectors: npt.NDArray[np.float32], n: int, where: Mapping[str, Any] | None = None
    ) -> list[list[Candidate]]:
        """The n nearest items to each vector, with their cosine similarity."""
        n = max(1, min(n, len(self.index)))
        rows = self.collection.query(vectors, n, where=where, metadatas=False)
        found = self._cached(r.id for row in rows for r in row)
        return [
            [replace(found[r.id], similarity=1.0 - float(r.distance or 0.0)) for r in row if r.id in found]
            for row in rows
        ]

    def fetch(self, ids: Sequence[str], where: Mapping[str, Any] | None = None) -> list[Candidate]:
        """Candidates by id (similarity 0), e.g. collaborative neighbours or popular items."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        if where:
            allowed = {r.id for r in self.collection.get(ids, where=where)}
            ids = [i for i in ids if i in allowed]
        return list(self._cached(ids).values())

    def _cached(self, ids: Iterable[str]) -> dict[str, Candidate]:
        """Items by id, in the order asked, read from Chroma once per process: a catalog revision
        never changes under a reader, and conversations keep coming back to the same items."""
        wanted = list(dict.fromkeys(ids))
        missing = [i for i in wanted if i not in self._records]
        if missing:
            if len(self._records) + len(missing) > RECORD_CACHE_SIZE:
                self._records.clear()  # crude but bounded; refilling costs one read
            for record in self.collection.get(missing, embeddings=True):
                self._records[record.id] = _candidate(record)
        return {i: self._records[i] for i in wanted if i in self._records}


def _candidate(record: Record) -> Candidate:
    import numpy as np

    return Candidate(
        item=stored_item(record.metadata),
        vector=np.asarray(record.embedding, dtype=np.float32),
        similarity=0.0,
        neighbours=tuple(decode_neighbours(stored_neighbours(record.metadata))),
    )


def incomplete(collection: Collection, info: Mapping[str, Any]) -> RecchatError:
    """Why a catalog cannot be read yet: an import is running now, or one was interrupted."""
    name = collection.name
    lock = collection.store.import_lock(name) if collection.store is not None else None
    holder = lock.holder() if lock is not None else None
    if holder:
        return BusyError(
            f"catalog '{name}' is being imported right now by {holder}", "try again when the import has finished"
        )
    return RecchatError(
        f"catalog '{name}' is incomplete: an import was interrupted",
        f"run `recchat catalog add {info.get('source', 'FOLDER')} --name {name}` again to finish it",
    )


def _save_cache(path: Path, save: Callable[[Path], None]) -> None:
    """A cache is a convenience: failing to write one (a full disk, or an import removing this
    superseded revision's files meanwhile) costs a rebuild next time, never the answer."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        save(path)
    except OSError:
        pass


def _write_index(path: Path, index: CatalogIndex) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(index.to_json()), encoding="utf-8")
    temporary.replace(path)  # atomic: a reader never sees half a file
