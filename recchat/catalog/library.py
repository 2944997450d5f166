"""The read side of a stored catalog: items, vectors, neighbours, and the data derived from its
items at import (the in-memory index, BM25), loaded on first use."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from recchat.catalog import derived
from recchat.catalog.caches import cache_file
from recchat.catalog.derived import Derived, StoredItem
from recchat.catalog.index import TITLE_INDEX, CatalogIndex, IndexEntry, index_entry
from recchat.catalog.interactions import decode_neighbours
from recchat.catalog.record import stored_item, stored_neighbours
from recchat.catalog.relearned import RELEARNED, Relearning, source_overrides
from recchat.catalog.schema import CatalogSchema, FieldKind
from recchat.domain import Item
from recchat.errors import BusyError, RecchatError
from recchat.timing import timed

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.ranking.lexical import Bm25Index
    from recchat.store import Collection, Record

__all__ = ["Candidate", "Catalog", "CatalogIndex", "IndexEntry", "incomplete", "index_entry"]

T = TypeVar("T")
RECORD_CACHE_SIZE = 20_000  # decoded items kept in memory (about 3 KB each with the vector)


@dataclass(frozen=True)
class Candidate:
    """A catalog item found by search, with its vector and cosine similarity to the query."""

    item: Item
    vector: npt.NDArray[np.float32]
    similarity: float
    neighbours: tuple[tuple[str, float], ...]


class Catalog:
    """One stored catalog. Reads go through Chroma; the index is cached on disk per revision."""

    def __init__(self, collection: Collection, cache_dir: Path | None, *, write_cache: bool = True) -> None:
        self.collection = collection
        self.name = collection.name
        self._cache_dir = cache_dir
        # Incognito reads the caches an earlier run left (they hold catalog data, nothing of the
        # person) but writes none.
        self._write_cache = write_cache
        self._derived: dict[str, Any] = {}  # kind name -> loaded or built value
        self._lock = threading.RLock()  # the app reads a catalog from more than one thread
        self._records: dict[str, Candidate] = {}
        self._loading: threading.Thread | None = None
        info = collection.info
        if info.get("state") != "ready":
            raise incomplete(collection, info)
        # As opened: its revision names the derived data it reads (kept in memory once read),
        # and reading it once spares a store call for each kind of them.
        self.info: Mapping[str, Any] = info

    @cached_property
    def schema(self) -> CatalogSchema:
        """What the catalog's fields are, learned at import. One imported by an older recchat
        (another schema format, or none) has it learned again from the stored items, once: it is
        kept with the derived data of the catalog's revision (recchat/catalog/relearned.py)."""
        stored = self.info.get("schema")
        if isinstance(stored, str):
            try:
                return CatalogSchema.from_json(json.loads(stored))
            except (ValueError, KeyError, TypeError):
                pass  # another format: learned again below
        return self.derived(RELEARNED, self._relearn_schema)

    def _relearn_schema(self) -> CatalogSchema:
        with timed("catalog.schema.relearn"):
            relearning = Relearning(source_overrides(self.info))
            for record in self.collection.iter_all():  # the metadata holds the whole item
                relearning.add(StoredItem(record.id, record.metadata, ""))
            return relearning.finish()

    def tag_vocabulary(self) -> set[str]:
        """Its tags, and the values of its list fields (genres, shelves, keywords, ...)."""
        return set(self._tag_vocabulary)

    @cached_property  # every session asks: once per catalog
    def _tag_vocabulary(self) -> frozenset[str]:
        lists = [f.name for f in self.schema.fields if f.kind is FieldKind.LIST]
        return frozenset(self.index.tag_vocabulary() | {v for name in lists for v in self.index.with_value(name)})

    @property
    def revision(self) -> str:
        return str(self.info.get("revision", "0"))

    def load_vectors(self) -> None:
        """Start loading what searches read (the store's vector index) in the background, once:
        a conversation about to start searches soon, and meanwhile reads the derived data."""
        with self._lock:
            if self._loading is None:
                self._loading = self.collection.load_in_background()

    @property
    def index(self) -> CatalogIndex:
        """Titles, years, tags and facts of every item (recchat/catalog/index.py)."""
        return self.derived(TITLE_INDEX)

    @property
    def lexical(self) -> Bm25Index:
        """BM25 over the stored item texts."""
        from recchat.ranking.lexical import BM25

        return self.derived(BM25)

    def derived(self, kind: Derived[T], from_loaded: Callable[[], T] | None = None) -> T:
        """One kind of derived data (recchat/catalog/derived.py), read from its file on first use.
        Without a file it is built from the stored items, together with every other registered
        kind that has none (one pass), and saved. `from_loaded`: how to make it from what is
        already in memory instead (the title keys from the index: a second at 100,000 items,
        where a pass over the stored items takes many), or with a pass of its own (the schema
        the registered kinds are built with, recchat/catalog/relearned.py)."""
        with self._lock:
            if kind.name not in self._derived:
                self._derived[kind.name] = self._load_or_build(kind, from_loaded)
            value: T = self._derived[kind.name]
            return value

    def _load_or_build(self, kind: Derived[T], from_loaded: Callable[[], T] | None) -> T:
        path = self._cache_path(kind.name, kind.suffix)
        if path is not None:
            with timed(f"catalog.load.{kind.name}"):
                found = derived.load(path, kind)
            if found is not None:
                return found
        if from_loaded is not None:
            with timed("catalog.build", kinds=1, loaded=True):
                made = from_loaded()
            if path is not None and self._write_cache:
                derived.save(path, kind, made)
            return made
        missing: list[Derived[Any]] = [kind]
        for other in derived.registered():
            other_path = self._cache_path(other.name, other.suffix)
            if other.name not in (kind.name, *self._derived) and not (other_path and other_path.exists()):
                missing.append(other)
        with timed("catalog.build", kinds=len(missing)):
            built = derived.build(missing, self._stored_items(), self.schema)
        for other in missing:
            other_path = self._cache_path(other.name, other.suffix)
            if other_path is not None and self._write_cache:
                derived.save(other_path, other, built[other.name])
            if other.name != kind.name:
                self._derived[other.name] = built[other.name]
        value: T = built[kind.name]
        return value

    def _stored_items(self) -> Iterator[StoredItem]:
        for record in self.collection.iter_all(documents=True):
            yield StoredItem(record.id, record.metadata, record.document or "")

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
