"""One Chroma collection behind plain Python values, and how every chromadb call is made:
failures become StoreErrors that say what was being done, and a server's dropped calls are
tried again."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from recchat.errors import NotFoundError, RecchatError, StoreError
from recchat.timing import timed

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.config import ChromaServer
    from recchat.store.database import Store

T = TypeVar("T")
logger = logging.getLogger(__name__)
Metadata = dict[str, Any]
PREFIXES = {"catalog": "rc-catalog-", "profile": "rc-profile-"}
REBUILD_PREFIX = "rc-rebuild-"  # a collection being rewritten without deleted records
PAGE = 2000
SQL_VARIABLES = 30_000  # under sqlite's 32,766 bound parameters per statement


@dataclass(frozen=True)
class Record:
    id: str
    metadata: Metadata
    document: str | None = None
    embedding: npt.NDArray[np.float32] | None = None
    distance: float | None = None


@contextlib.contextmanager
def chroma_errors(action: str) -> Iterator[None]:
    """Turn any chromadb/transport failure into a StoreError that says what was being done."""
    try:
        yield
    except (StoreError, NotFoundError):
        raise
    except Exception as error:  # chromadb raises many unrelated types (sqlite, httpx, ValueError)
        raise StoreError(
            f"store error while {action}: {type(error).__name__}: {error}",
            "check the data folder or server; `recchat doctor` checks the store",
        ) from error


@dataclass(frozen=True)
class Retry:
    """Seconds to wait before each new try when a server drops out mid-operation (e.g. restarts)."""

    waits: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)


RIDE_OUT = Retry()  # what a server's calls do by default


class Caller:
    """How a store calls chromadb. Embedded calls run once. Server calls that failed because the
    server dropped out or was busy are tried again a bounded number of times: every call recchat
    makes is idempotent (upsert and delete by id, get, query, modify), so a retry never duplicates.
    Failures become a StoreError naming the action (and the server's URL, with a fix)."""

    def __init__(self, server: ChromaServer | None = None, retry: Retry = RIDE_OUT) -> None:
        self.server = server
        self.retry = retry

    def __call__(self, action: str, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self.server is None:
            with chroma_errors(action):
                return method(*args, **kwargs)
        started = time.monotonic()
        tries = 0
        while True:
            tries += 1
            try:
                return method(*args, **kwargs)
            except (StoreError, NotFoundError):
                raise
            except Exception as error:
                from recchat.store.http import failure, transient

                if tries > len(self.retry.waits) or not transient(error):
                    raise failure(self.server, action, error, tries, time.monotonic() - started) from error
                time.sleep(self.retry.waits[tries - 1])


EMBEDDED = Caller()


class Collection:
    """A thin wrapper over one Chroma collection, returning plain Python values."""

    def __init__(self, raw: Any, kind: str, name: str, store: Store | None = None) -> None:
        self._raw = raw
        self._call = store.call if store else EMBEDDED
        self.kind = kind
        self.name = name
        self.store = store
        self.origin = store.where if store else ""
        self._epoch = store.epoch if store else 0

    @contextlib.contextmanager
    def _use(self, action: str, *, write: bool = False) -> Iterator[Any]:
        """The raw collection, under the store's lock; looked up again after a reopen."""
        if self.store is None:
            with chroma_errors(action):
                yield self._raw
            return
        with self.store.using(action, write=write) as client:
            if self.store.epoch != self._epoch:
                self._raw = _get_raw(client, self.kind, self.name, self._call)
                self._epoch = self.store.epoch
            yield self._raw

    @property
    def info(self) -> Metadata:
        with self._use(f"reading {self.kind} '{self.name}'") as raw:
            return dict(raw.metadata or {})

    @property
    def uid(self) -> str:
        """Unique across stores and servers: where it lives and the id Chroma gave it at creation."""
        digest = hashlib.sha256(f"{self.origin}#{self._raw.id}".encode()).hexdigest()
        return digest[:16]

    def set_info(self, **fields: Any) -> None:
        action = f"updating {self.kind} '{self.name}'"
        with self._use(action, write=True) as raw:
            merged = {**(raw.metadata or {}), **{k: v for k, v in fields.items() if v is not None}}
            self._call(action, raw.modify, metadata=merged)

    def count(self) -> int:
        action = f"counting {self.kind} '{self.name}'"
        with self._use(action) as raw:
            return int(self._call(action, raw.count))

    def upsert(
        self,
        ids: Sequence[str],
        embeddings: npt.NDArray[np.float32],
        documents: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        action = f"writing to {self.kind} '{self.name}'"
        with self._use(action, write=True) as raw:
            self._call(
                action,
                raw.upsert,
                ids=list(ids),
                embeddings=embeddings,
                documents=list(documents),
                metadatas=list(metadatas),
            )

    def update_metadatas(self, ids: Sequence[str], metadatas: Sequence[Metadata]) -> None:
        """Merge fields into existing records' metadata (Chroma's update merges)."""
        action = f"updating {self.kind} '{self.name}'"
        with self._use(action, write=True) as raw:
            self._call(action, raw.update, ids=list(ids), metadatas=list(metadatas))

    def delete(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        action = f"deleting from {self.kind} '{self.name}'"
        with self._use(action, write=True) as raw:
            for start in range(0, len(ids), PAGE):
                self._call(action, raw.delete, ids=list(ids[start : start + PAGE]))

    def erase(self, ids: Sequence[str]) -> None:
        """Delete records for good: also from Chroma's log and free pages on disk (embedded)."""
        if self.store is None:
            self.delete(ids)
        elif ids:
            self.store.erase(self, ids)

    def load_in_background(self) -> threading.Thread | None:
        """Embedded Chroma loads a collection's vector index on its first read (most of a second
        at 100,000 items, in Rust, without holding the GIL): a thread makes that read now, while
        the caller reads its own files. A read of this collection meanwhile waits for it (the
        store's lock), and finds the index loaded. None on a server, which keeps its indexes
        loaded."""
        if self.store is None or self.store.embedded_path is None:
            return None
        thread = threading.Thread(target=self._first_read, name=f"recchat-load-{self.name}")
        thread.start()
        return thread

    def _first_read(self) -> None:
        try:
            with timed("store.preload", collection=self.name):
                self.get(["recchat-preload"])  # any id: what loads is the index, whatever is found
        except RecchatError as error:  # a StoreError, or NotFoundError: the collection was removed
            # A convenience failed: the caller's own read meets the same failure and reports it.
            logger.debug("preloading %s '%s' failed: %s", self.kind, self.name, error)

    def get(
        self,
        ids: Sequence[str] | None = None,
        *,
        where: Mapping[str, Any] | None = None,
        embeddings: bool = False,
        documents: bool = False,
        limit: int | None = None,
        offset: int | None = None,
    ) -> list[Record]:
        include = ["metadatas"] + (["embeddings"] if embeddings else []) + (["documents"] if documents else [])
        action = f"reading {self.kind} '{self.name}'"
        with self._use(action) as raw:
            result = self._call(
                action,
                raw.get,
                ids=list(ids) if ids is not None else None,
                where=dict(where) if where else None,
                include=include,
                limit=limit,
                offset=offset,
            )
        return _records(result, distances=None)

    def iter_all(self, *, embeddings: bool = False, documents: bool = False) -> Iterator[Record]:
        """Every record, a page at a time, so huge collections never load at once."""
        offset = 0
        while True:
            page = self.get(embeddings=embeddings, documents=documents, limit=PAGE, offset=offset)
            yield from page
            if len(page) < PAGE:
                return
            offset += PAGE

    def query(
        self,
        vectors: npt.NDArray[np.float32],
        n: int,
        *,
        where: Mapping[str, Any] | None = None,
        embeddings: bool = False,
        metadatas: bool = True,
    ) -> list[list[Record]]:
        """Nearest records for each query vector; `distance` is cosine distance.

        Chroma reads the results' metadata with one SQL variable per result, and sqlite allows
        32,766 in a statement: so many vectors times a large `n` are asked in several calls."""
        include = ["distances"] + (["metadatas"] if metadatas else []) + (["embeddings"] if embeddings else [])
        n = max(1, min(n, SQL_VARIABLES))
        per_call = max(1, SQL_VARIABLES // n)
        rows: list[list[Record]] = []
        for start in range(0, len(vectors), per_call):
            action = f"searching {self.kind} '{self.name}'"
            with self._use(action) as raw:
                result = self._call(
                    action,
                    raw.query,
                    query_embeddings=vectors[start : start + per_call],
                    n_results=n,
                    where=dict(where) if where else None,
                    include=include,
                )
            for index in range(len(result["ids"])):
                row = {
                    key: (value[index] if value is not None else None)
                    for key, value in result.items()
                    if key != "included"
                }
                rows.append(_records(row, distances=row.get("distances")))
        return rows


def _records(result: Mapping[str, Any], distances: Sequence[float] | None) -> list[Record]:
    import numpy as np

    ids = result["ids"]
    metadatas = result.get("metadatas") or [None] * len(ids)
    documents = result.get("documents")
    vectors = result.get("embeddings")
    return [
        Record(
            id=str(item_id),
            metadata=dict(metadatas[i] or {}),
            document=documents[i] if documents is not None else None,
            # float32 whichever client read them (the HTTP client decodes float64)
            embedding=np.asarray(vectors[i], dtype=np.float32) if vectors is not None else None,
            distance=float(distances[i]) if distances is not None else None,
        )
        for i, item_id in enumerate(ids)
    ]


def _collection_names(client: Any, call: Caller = EMBEDDED) -> set[str]:
    return {getattr(c, "name", c) for c in call("listing collections", client.list_collections)}


def _get_raw(client: Any, kind: str, name: str, call: Caller = EMBEDDED) -> Any:
    from chromadb.errors import NotFoundError as ChromaNotFound

    try:
        return call(f"opening {kind} '{name}'", client.get_collection, PREFIXES[kind] + name, embedding_function=None)
    except ChromaNotFound as error:
        raise NotFoundError(f"no {kind} named '{name}'", _missing_hint(kind)) from error
    except StoreError as error:
        if isinstance(error.__cause__, ChromaNotFound):
            raise NotFoundError(f"no {kind} named '{name}'", _missing_hint(kind)) from error
        raise


def check_embedder(collection: Collection, embedder: str, dimension: int) -> None:
    info = collection.info
    if info.get("embedder") != embedder or int(info.get("dimension", dimension)) != dimension:
        raise StoreError(
            f"{collection.kind} '{collection.name}' was built with embedder {info.get('embedder')!r} "
            f"({info.get('dimension')} dimensions), not {embedder!r} ({dimension})",
            f"use --embedder matching the one it was built with, or rebuild it: "
            f"`recchat {collection.kind} remove {collection.name}` then add it again",
        )


def _missing_hint(kind: str) -> str:
    if kind == "catalog":
        return "list catalogs with `recchat catalog list`; add one with `recchat catalog add FOLDER`"
    return "list profiles with `recchat profile list`"
