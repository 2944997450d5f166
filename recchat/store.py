"""The Chroma store: the only module that imports chromadb.

Embedded (`PersistentClient`) by default, or a Chroma server (`HttpClient`). Vectors are always
passed in explicitly; each collection records the embedder that made them, and a mismatch is
refused, so vectors from different models never mix.

Embedded, every operation runs under the data folder's lock (recchat/locking.py), with one
client per folder per process, reopened when another process has written since.
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from recchat.chroma_files import compact, secure_tree
from recchat.errors import NotFoundError, StoreError
from recchat.locking import FileLock, StoreLock, WaitCallback

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.config import ChromaServer

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


class Collection:
    """A thin wrapper over one Chroma collection, returning plain Python values."""

    def __init__(self, raw: Any, kind: str, name: str, store: Store | None = None) -> None:
        self._raw = raw
        self.kind = kind
        self.name = name
        self.store = store
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
                self._raw = _get_raw(client, self.kind, self.name)
                self._epoch = self.store.epoch
            yield self._raw

    @property
    def info(self) -> Metadata:
        with self._use(f"reading {self.kind} '{self.name}'") as raw:
            return dict(raw.metadata or {})

    def set_info(self, **fields: Any) -> None:
        with self._use(f"updating {self.kind} '{self.name}'", write=True) as raw:
            merged = {**(raw.metadata or {}), **{k: v for k, v in fields.items() if v is not None}}
            raw.modify(metadata=merged)

    def count(self) -> int:
        with self._use(f"counting {self.kind} '{self.name}'") as raw:
            return int(raw.count())

    def upsert(
        self,
        ids: Sequence[str],
        embeddings: npt.NDArray[np.float32],
        documents: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        with self._use(f"writing to {self.kind} '{self.name}'", write=True) as raw:
            raw.upsert(ids=list(ids), embeddings=embeddings, documents=list(documents), metadatas=list(metadatas))

    def update_metadatas(self, ids: Sequence[str], metadatas: Sequence[Metadata]) -> None:
        """Merge fields into existing records' metadata (Chroma's update merges)."""
        with self._use(f"updating {self.kind} '{self.name}'", write=True) as raw:
            raw.update(ids=list(ids), metadatas=list(metadatas))

    def delete(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        with self._use(f"deleting from {self.kind} '{self.name}'", write=True) as raw:
            for start in range(0, len(ids), PAGE):
                raw.delete(ids=list(ids[start : start + PAGE]))

    def erase(self, ids: Sequence[str]) -> None:
        """Delete records for good: also from Chroma's log and free pages on disk (embedded)."""
        if self.store is None:
            self.delete(ids)
        elif ids:
            self.store.erase(self, ids)

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
        with self._use(f"reading {self.kind} '{self.name}'") as raw:
            result = raw.get(
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
    ) -> list[list[Record]]:
        """Nearest records for each query vector; `distance` is cosine distance.

        Chroma reads the results' metadata with one SQL variable per result, and sqlite allows
        32,766 in a statement: so many vectors times a large `n` are asked in several calls."""
        include = ["metadatas", "distances"] + (["embeddings"] if embeddings else [])
        n = max(1, min(n, SQL_VARIABLES))
        per_call = max(1, SQL_VARIABLES // n)
        rows: list[list[Record]] = []
        for start in range(0, len(vectors), per_call):
            with self._use(f"searching {self.kind} '{self.name}'") as raw:
                result = raw.query(
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
    ids = result["ids"]
    metadatas = result.get("metadatas") or [None] * len(ids)
    documents = result.get("documents")
    vectors = result.get("embeddings")
    return [
        Record(
            id=str(item_id),
            metadata=dict(metadatas[i] or {}),
            document=documents[i] if documents is not None else None,
            embedding=vectors[i] if vectors is not None else None,
            distance=float(distances[i]) if distances is not None else None,
        )
        for i, item_id in enumerate(ids)
    ]


class _Local:
    """The embedded store of one folder in this process: one client, one lock. The client is
    reopened (and collections looked up again) when another process has written meanwhile."""

    def __init__(self, path: Path, lock: StoreLock) -> None:
        self.path = path
        self.lock = lock
        self.client: Any = None
        self.epoch = 0  # bumped on every reopen: Collection wrappers compare it

    def client_for(self, stale: bool) -> Any:
        if self.client is None or stale:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            self.close()
            self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.client = chromadb.PersistentClient(
                path=str(self.path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            )
            self.epoch += 1
            secure_tree(self.path)
        return self.client

    def close(self) -> None:
        if self.client is not None:
            client, self.client = self.client, None
            self.epoch += 1
            client.close()


_LOCALS: dict[Path, _Local] = {}
_LOCALS_LOCK = threading.Lock()


def _local_store(path: Path, on_wait: WaitCallback | None, timeout: float) -> _Local:
    # One per folder per process: two clients on one folder would share Chroma's cached system,
    # so one could not really reopen while the other held it.
    key = path.resolve()
    with _LOCALS_LOCK:
        local = _LOCALS.get(key)
        if local is None:
            local = _LOCALS[key] = _Local(key, StoreLock(lock_path(key), timeout=timeout))
        local.lock.timeout = timeout
        if on_wait is not None:
            local.lock.on_wait = on_wait
        return local


def lock_path(store_dir: Path, name: str = "store") -> Path:
    """Lock files live beside the store folder, so deleting the store never deletes a lock."""
    return store_dir.parent / "locks" / f"{name}.lock"


class Store:
    """Catalog and profile collections in one Chroma database (embedded or server)."""

    def __init__(self, client: Any, where: str, local: _Local | None = None) -> None:
        self._remote = client
        self.where = where
        self._local = local

    @classmethod
    def embedded(cls, path: Path, *, on_wait: WaitCallback | None = None, lock_timeout: float = 60.0) -> Store:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        store = cls(None, str(path), _local_store(path, on_wait, lock_timeout))
        with store.using(f"opening the store at {path}"):
            pass  # opens now, so a damaged store is reported here rather than mid-command
        return store

    @classmethod
    def snapshot_of(cls, path: Path, *, on_wait: WaitCallback | None = None) -> Store:
        """A private, throwaway copy of the embedded store at `path`, for incognito runs.

        Embedded Chroma writes even to read: a bookkeeping row in its database on every open,
        and a rewrite of each vector index it loads (with stray bytes of the process's memory).
        Reading the real folder would change it, so an incognito run reads a copy, removed at
        exit."""
        copy = Path(tempfile.mkdtemp(prefix="recchat-incognito-"))
        atexit.register(shutil.rmtree, copy, ignore_errors=True)
        if path.is_dir():
            lock = StoreLock(lock_path(path), on_wait=on_wait)
            with lock.held("copying the store for an incognito run", record=False):
                shutil.copytree(path, copy / "chroma")
        return cls.embedded(copy / "chroma", on_wait=on_wait)

    @classmethod
    def server(cls, server: ChromaServer) -> Store:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        url = urlparse(server.url)
        if url.scheme not in {"http", "https"} or not url.hostname:
            raise StoreError(f"bad Chroma URL {server.url!r}", "use http://HOST:PORT")
        headers = {"Authorization": f"Bearer {server.token}"} if server.token else None
        kwargs: dict[str, Any] = {}
        if server.tenant:
            kwargs["tenant"] = server.tenant
        if server.database:
            kwargs["database"] = server.database
        with chroma_errors(f"connecting to the Chroma server at {server.url}"):
            client = chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                headers=headers,
                settings=ChromaSettings(anonymized_telemetry=False),
                **kwargs,
            )
        return cls(client, server.url)

    @property
    def _client(self) -> Any:
        """The client outside any lock: only for a server, which serialises on its own."""
        return self._remote if self._local is None else self._local.client_for(False)

    @property
    def embedded_path(self) -> Path | None:
        return self._local.path if self._local else None

    @property
    def epoch(self) -> int:
        return self._local.epoch if self._local else 0

    @contextlib.contextmanager
    def using(self, action: str, *, write: bool = False) -> Iterator[Any]:
        """The Chroma client for one operation (or several nested ones), under the data folder's
        lock when embedded; any Chroma failure becomes a StoreError saying what was being done."""
        if self._local is None:
            with chroma_errors(action):
                yield self._remote
            return
        with self._local.lock.operation(write=write, doing=action) as stale, chroma_errors(action):
            yield self._local.client_for(stale)
            if write and self._local.client is not None:
                secure_tree(self._local.path)  # files Chroma just made, whatever this process's umask

    def import_lock(self, name: str) -> FileLock | None:
        """Held for a whole catalog import, so two imports of one catalog never interleave and
        readers can tell a running import from an interrupted one. None for a server."""
        if self._local is None:
            return None
        return FileLock(
            lock_path(self._local.path, f"import-{name}"), what=f"catalog '{name}'", timeout=0, on_wait=None
        )

    def running_imports(self) -> list[str]:
        """Who is importing into this store right now ('another recchat (pid 12: ...)')."""
        if self._local is None:
            return []
        folder = lock_path(self._local.path).parent
        holders = (FileLock(path, what="").holder() for path in sorted(folder.glob("import-*.lock")))
        return [holder for holder in holders if holder]

    def _names(self, kind: str) -> list[str]:
        prefix = PREFIXES[kind]
        with self.using("listing collections") as client:
            names = _collection_names(client)
        return sorted(name[len(prefix) :] for name in names if name.startswith(prefix))

    def catalogs(self) -> list[str]:
        return self._names("catalog")

    def profiles(self) -> list[str]:
        return self._names("profile")

    def open(self, kind: str, name: str) -> Collection:
        with self.using(f"opening {kind} '{name}'") as client:
            self._recover(client, kind, name)
            raw = _get_raw(client, kind, name)
        return Collection(raw, kind, name, self)

    def open_or_create(
        self, kind: str, name: str, embedder: str, dimension: int, *, initial: Mapping[str, Any] | None = None
    ) -> Collection:
        """`initial` metadata is set only when the collection is created (e.g. state=importing,
        so a crash right after creating it never leaves an empty catalog that looks ready)."""
        with self.using(f"opening {kind} '{name}'") as client:
            self._recover(client, kind, name)
            try:
                raw = _get_raw(client, kind, name)
            except NotFoundError:
                with self.using(f"creating {kind} '{name}'", write=True) as writer:
                    raw = writer.get_or_create_collection(
                        PREFIXES[kind] + name,
                        metadata={
                            "embedder": embedder,
                            "dimension": dimension,
                            "created": time.time(),
                            **(initial or {}),
                        },
                        configuration={"hnsw": {"space": "cosine"}},
                        embedding_function=None,
                    )
        collection = Collection(raw, kind, name, self)
        check_embedder(collection, embedder, dimension)
        return collection

    def delete(self, kind: str, name: str) -> None:
        """Delete a collection; embedded, its bytes leave the disk too."""
        with self.using(f"deleting {kind} '{name}'", write=True) as client:
            _get_raw(client, kind, name)  # NotFoundError with a hint when absent
            client.delete_collection(PREFIXES[kind] + name)
            self._compact()

    def erase(self, collection: Collection, ids: Sequence[str]) -> None:
        """Delete records for good. Chroma keeps deleted text in its log table and free pages and
        deleted vectors in its index files, so the collection is rebuilt without them (through a
        staging collection, so a crash loses nothing) and the database compacted."""
        with self.using(f"erasing from {collection.kind} '{collection.name}'", write=True):
            collection.delete(ids)  # gone for every reader at once, even if the rest is interrupted
            if self._local is None:
                return  # a server does its own housekeeping
            self._rebuild(collection)
            self._compact()

    def _rebuild(self, collection: Collection) -> None:
        kind, name = collection.kind, collection.name
        staging = f"{REBUILD_PREFIX}{kind}-{name}"
        info = collection.info
        records = list(collection.iter_all(embeddings=True, documents=True))
        with self.using(f"rebuilding {kind} '{name}'", write=True) as client:
            if staging in _collection_names(client):
                client.delete_collection(staging)
            raw = client.create_collection(
                staging,
                metadata={**info, "rebuild": "writing"},
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
            for start in range(0, len(records), PAGE):
                page = records[start : start + PAGE]
                raw.add(
                    ids=[r.id for r in page],
                    embeddings=[r.embedding for r in page],
                    documents=[r.document or "" for r in page],
                    metadatas=[r.metadata or None for r in page],
                )
            raw.modify(metadata={**info, "rebuild": "complete"})
            client.delete_collection(PREFIXES[kind] + name)
            raw.modify(name=PREFIXES[kind] + name, metadata=info)
        assert self._local is not None
        self._local.epoch += 1  # every wrapper looks its collection up again

    def _recover(self, client: Any, kind: str, name: str) -> None:
        """Finish or undo a rebuild that a crash interrupted."""
        staging = f"{REBUILD_PREFIX}{kind}-{name}"
        names = _collection_names(client)
        if staging not in names:
            return
        with self.using(f"recovering {kind} '{name}'", write=True) as writer:
            raw = writer.get_collection(staging, embedding_function=None)
            metadata = dict(raw.metadata or {})
            if PREFIXES[kind] + name not in names and metadata.pop("rebuild", None) == "complete":
                raw.modify(name=PREFIXES[kind] + name, metadata=metadata)
            else:
                writer.delete_collection(staging)

    def _compact(self) -> None:
        if self._local is None:
            return
        self._local.close()  # sqlite's VACUUM wants no open transaction of ours
        compact(self._local.path)

    def destroy(self) -> None:
        """Remove everything recchat stored here: embedded, the whole folder; on a server,
        every recchat collection."""
        if self._local is None:
            with self.using("removing every recchat collection", write=True) as client:
                for name in _collection_names(client):
                    if name.startswith((*PREFIXES.values(), REBUILD_PREFIX)):
                        client.delete_collection(name)
            return
        with self.using("removing the store", write=True):
            self._local.close()
            shutil.rmtree(self._local.path, ignore_errors=False)

    def heartbeat(self) -> None:
        with self.using(f"reaching the store at {self.where}") as client:
            client.heartbeat()


def _collection_names(client: Any) -> set[str]:
    return {getattr(c, "name", c) for c in client.list_collections()}


def _get_raw(client: Any, kind: str, name: str) -> Any:
    from chromadb.errors import NotFoundError as ChromaNotFound

    try:
        return client.get_collection(PREFIXES[kind] + name, embedding_function=None)
    except ChromaNotFound as error:
        raise NotFoundError(f"no {kind} named '{name}'", _missing_hint(kind)) from error


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
