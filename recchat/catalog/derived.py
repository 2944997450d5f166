"""Data derived from a catalog's items: built at import, cached per revision, loaded lazily.

The title index, BM25 and whatever else a turn needs over the whole catalog cost seconds to
build at 100,000 items and milliseconds to read back. Each such kind of data is a `Derived`: a
builder fed every stored item once, and how to save and load the result. The import feeds the
builders of every kind in `REGISTERED` while it streams the catalog's files (one pass for all)
and saves the results under the catalog's new revision in the cache folder; an import that
changes nothing keeps the revision and the files. A reader (`Catalog.derived`) loads a kind on
first use; only when its file is missing (a catalog imported before the kind existed, a cleared
cache, a store shared with a server) is it built from the stored items, and saved.

To add a kind: define a `Derived` next to the code that uses it and name it in `REGISTERED`.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from recchat.catalog.caches import cache_file
from recchat.catalog.items import item_text
from recchat.catalog.record import item_metadata, stored_json

if TYPE_CHECKING:
    from recchat.catalog.schema import CatalogSchema
    from recchat.domain import Item

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# "module:attribute" of every kind built at import; imported only when an import or a missing
# file needs them, so a kind's heavy imports stay lazy.
REGISTERED = (
    "recchat.catalog.index:TITLE_INDEX",
    "recchat.ranking.lexical:BM25",
    "recchat.conversation.mentions:TITLES",
    "recchat.conversation.people_table:PEOPLE",
    "recchat.ranking.implications:IMPLICATIONS",
)
FREEZE_AFTER = 50_000  # containers a file's reading made, from which they leave the collector's walks
_KIND_NAME = re.compile(r"[a-z][a-z0-9]{0,31}")  # cache file names split on '-'


@dataclass
class StoredItem:
    """One item as stored: its id, its Chroma metadata (the catalog's scalar fields and recchat's
    own keys, recchat.catalog.record) and its stored text. The item's own fields (`data`) are
    decoded once, on first use, and shared by every builder; so is whatever a builder keeps in
    `shared` for the others (its index entry, which several kinds read)."""

    id: str
    metadata: dict[str, Any]
    document: str
    shared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def data(self) -> dict[str, Any]:
        return stored_json(self.metadata)


class Builder(Protocol[T_co]):
    """Sees every item of the catalog once, in the catalog's order, then makes the result."""

    def add(self, item: StoredItem) -> None: ...

    def finish(self) -> T_co: ...


@dataclass(frozen=True)
class Derived(Generic[T]):
    """One kind of derived data. `load` raises ValueError for a file it cannot read (damaged, or
    an older format): the data is then built again. `save` writes to the path it is given; the
    cache makes that atomic."""

    name: str  # in the cache file's name: a-z and digits
    suffix: str  # the file's suffix, e.g. "json" or "npz"
    start: Callable[[CatalogSchema], Builder[T]]
    save: Callable[[T, Path], None]
    load: Callable[[Path], T]

    def __post_init__(self) -> None:
        if not _KIND_NAME.fullmatch(self.name):
            raise ValueError(f"derived data name {self.name!r} must be a-z and digits")


def registered() -> list[Derived[Any]]:
    kinds = []
    for entry in REGISTERED:
        module, _, attribute = entry.partition(":")
        kinds.append(getattr(importlib.import_module(module), attribute))
    return kinds


class Feed:
    """Builders fed one item at a time by someone else's loop (the import's stream of files)."""

    def __init__(self, kinds: Iterable[Derived[Any]], schema: CatalogSchema) -> None:
        self.kinds = list(kinds)
        self._builders = [kind.start(schema) for kind in self.kinds]

    def add(self, item: StoredItem) -> None:
        for builder in self._builders:
            builder.add(item)

    def finish(self) -> dict[str, Any]:
        return {kind.name: builder.finish() for kind, builder in zip(self.kinds, self._builders, strict=True)}


def build(kinds: Iterable[Derived[Any]], items: Iterable[StoredItem], schema: CatalogSchema) -> dict[str, Any]:
    """Every kind built in one pass over the items: name -> result."""
    feed = Feed(kinds, schema)
    for item in items:
        feed.add(item)
    return feed.finish()


def save(path: Path, kind: Derived[T], value: T) -> bool:
    """Write one kind's file atomically (a reader never sees half a file). A cache is a
    convenience: failing to write one (a full disk, or an import removing this superseded
    revision's files meanwhile) costs a rebuild later, never the answer. True when written."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        kind.save(value, temporary)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


def load(path: Path, kind: Derived[T]) -> T | None:
    """A kind's cached file, or None when there is none or it cannot be read."""
    if not path.exists():
        return None
    try:
        with _collector_paused():
            return kind.load(path)
    except (ValueError, OSError, KeyError, IndexError, TypeError):
        return None  # stale or damaged: built again by the caller


def read_json(path: Path) -> Any:
    """A derived file's JSON. orjson (chromadb's own JSON reader, loaded with it) reads a
    100,000-item index in half the time of the standard library, which reads what orjson
    refuses and json writes (NaN, integers beyond 64 bits)."""
    import orjson

    data = path.read_bytes()
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector runs every 700 new containers, and now and then walks every
    container there is: a cold `ask` on a 100,000-item catalog spent a second in it (its
    derived data are some 400,000 tuples, lists and dicts; the store's modules as many again).
    What reading a file makes holds no cycles and lives as long as the catalog, so the collector
    waits while it is read, and then leaves it, with whatever else lives by then (modules,
    classes, the store), out of its walks for good (gc.freeze): a cold ask's collections then
    take a tenth of the time. What is freed later is freed by its reference count, as ever;
    only a cycle of objects frozen here and dropped later is never collected, so a small file
    (a small catalog: nothing to gain) is left to the collector as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] >= FREEZE_AFTER:  # containers made since the last collection
            gc.freeze()
        if enabled:
            gc.enable()


def stored_item_of(item: Item, location: str, links: str) -> StoredItem:
    """An item read from the catalog's files, as a reader will see it stored."""
    return StoredItem(item.id, item_metadata(item, location, links), item_text(item))


class DerivedOutputs:
    """The files an import writes for a catalog's new revision: those of every registered kind
    that has none yet (an import that changed nothing has them all, and writes none)."""

    def __init__(self, paths: list[tuple[Derived[Any], Path]]) -> None:
        self.paths = paths

    @classmethod
    def missing(cls, cache_dir: Path | None, origin: str, name: str, revision: str) -> DerivedOutputs | None:
        if cache_dir is None:
            return None
        paths = [(kind, cache_file(cache_dir, origin, name, revision, kind.name, kind.suffix)) for kind in registered()]
        missing = [(kind, path) for kind, path in paths if not path.exists()]
        return cls(missing) if missing else None

    def feed(self, schema: CatalogSchema) -> Feed:
        return Feed((kind for kind, _ in self.paths), schema)

    def save(self, built: Mapping[str, Any]) -> None:
        for kind, path in self.paths:
            save(path, kind, built[kind.name])
