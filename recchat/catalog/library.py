"""The read side of a stored catalog: items, vectors, neighbours and a light in-memory index."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.catalog.interactions import decode_neighbours
from recchat.catalog.items import item_from_json
from recchat.domain import Item
from recchat.errors import BusyError, RecchatError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.store import Collection, Record

_YEAR_IN_TITLE = re.compile(r"\s*\((\d{4})\)\s*$")
INDEX_FORMAT = 1


@dataclass(frozen=True)
class IndexEntry:
    id: str
    title: str
    year: int | None
    aliases: tuple[str, ...]
    popularity: float
    tags: tuple[str, ...] = ()


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

    def __len__(self) -> int:
        return len(self.entries)

    def most_popular(self, n: int) -> list[str]:
        ranked = sorted(self.entries, key=lambda e: (-e.popularity, e.id))
        return [entry.id for entry in ranked[:n] if entry.popularity > 0]

    @property
    def max_popularity(self) -> float:
        return max((entry.popularity for entry in self.entries), default=0.0)

    def to_json(self) -> dict[str, Any]:
        rows = [[e.id, e.title, e.year, list(e.aliases), e.popularity, list(e.tags)] for e in self.entries]
        return {"format": INDEX_FORMAT, "rows": rows}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CatalogIndex:
        if data.get("format") != INDEX_FORMAT:
            raise ValueError("old index format")
        return cls([IndexEntry(r[0], r[1], r[2], tuple(r[3]), float(r[4]), tuple(r[5])) for r in data["rows"]])

    def tag_vocabulary(self) -> set[str]:
        return {tag for entry in self.entries for tag in entry.tags}


def index_entry(record_id: str, metadata: Mapping[str, Any]) -> IndexEntry:
    item = json.loads(metadata["_item"])
    title = str(metadata.get("_title", item.get("title", "")))
    year = metadata.get("year")
    if not isinstance(year, int):
        found = _YEAR_IN_TITLE.search(title)
        year = int(found.group(1)) if found else None
    aliases = item.get("aliases") or ()
    return IndexEntry(
        id=record_id,
        title=title,
        year=year,
        # Some catalogs list other ids as aliases; only names help find titles in text.
        aliases=tuple(a for a in aliases if isinstance(a, str) and not a.isdigit())
        if isinstance(aliases, list)
        else (),
        popularity=float(metadata.get("_pop", 0.0)),
        tags=tuple(t for t in str(metadata.get("_tags", "")).split("|") if t),
    )


class Catalog:
    """One stored catalog. Reads go through Chroma; the index is cached on disk per revision."""

    def __init__(self, collection: Collection, cache_dir: Path | None) -> None:
        self.collection = collection
        self.name = collection.name
        self._cache_dir = cache_dir
        self._index: CatalogIndex | None = None
        info = collection.info
        if info.get("state") != "ready":
            raise incomplete(collection, info)

    @property
    def revision(self) -> str:
        return str(self.collection.info.get("revision", "0"))

    @property
    def index(self) -> CatalogIndex:
        if self._index is None:
            self._index = self._load_index()
        return self._index

    def _load_index(self) -> CatalogIndex:
        # Keyed by the collection's uid (store or server, and Chroma's id for it) as well as the
        # revision: two servers, or a server and the embedded store, can each hold a catalog
        # called "movies", and one must never be read through the other's cached index.
        key = f"index-{self.name}-{self.collection.uid}-{self.revision}.json"
        cache = self._cache_dir / key if self._cache_dir else None
        if cache is not None and cache.exists():
            try:
                return CatalogIndex.from_json(json.loads(cache.read_text(encoding="utf-8")))
            except (ValueError, KeyError, IndexError, TypeError):
                pass  # a stale or damaged cache is rebuilt below
        index = CatalogIndex([index_entry(r.id, r.metadata) for r in self.collection.iter_all()])
        if cache is not None:
            _write_cache(cache, index)
        return index

    def items(self, ids: Iterable[str]) -> list[Item]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        found = {r.id: _item(r) for r in self.collection.get(wanted)}
        return [found[i] for i in wanted if i in found]

    def vectors(self, ids: Iterable[str]) -> dict[str, npt.NDArray[np.float32]]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        return {r.id: r.embedding for r in self.collection.get(wanted, embeddings=True) if r.embedding is not None}

    def neighbours(self, ids: Iterable[str]) -> dict[str, list[tuple[str, float]]]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        return {r.id: decode_neighbours(r.metadata.get("_co")) for r in self.collection.get(wanted)}

    def candidates(self, records: Iterable[Record]) -> list[Candidate]:
        import numpy as np

        return [
            Candidate(
                item=_item(r),
                vector=np.asarray(r.embedding, dtype=np.float32),
                similarity=1.0 - float(r.distance) if r.distance is not None else 0.0,
                neighbours=tuple(decode_neighbours(r.metadata.get("_co"))),
            )
            for r in records
        ]

    def search(
        self, vectors: npt.NDArray[np.float32], n: int, where: Mapping[str, Any] | None = None
    ) -> list[list[Candidate]]:
        n = max(1, min(n, len(self.index)))
        return [self.candidates(row) for row in self.collection.query(vectors, n, where=where, embeddings=True)]

    def fetch(self, ids: Sequence[str], where: Mapping[str, Any] | None = None) -> list[Candidate]:
        """Candidates by id (similarity 0), e.g. collaborative neighbours or popular items."""
        if not ids:
            return []
        return self.candidates(self.collection.get(list(ids), where=where, embeddings=True))


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


def _item(record: Record) -> Item:
    return item_from_json(json.loads(record.metadata["_item"]))


def _write_cache(path: Path, index: CatalogIndex) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(index.to_json()), encoding="utf-8")
    temporary.replace(path)  # atomic: a reader never sees half a file
