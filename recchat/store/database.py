"""Catalog and profile collections in one Chroma database, embedded or on a server.

Vectors are always passed in explicitly; each collection records the embedder that made them,
and a mismatch is refused, so vectors from different models never mix. Embedded, every operation
runs under the data folder's lock (store/locking.py).
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.errors import NotFoundError
from recchat.store.collection import (
    EMBEDDED,
    PAGE,
    PREFIXES,
    REBUILD_PREFIX,
    RIDE_OUT,
    Caller,
    Collection,
    Retry,
    _collection_names,
    _get_raw,
    check_embedder,
    chroma_errors,
)
from recchat.store.embedded import _Local, _local_store, lock_path
from recchat.store.files import compact, secure_tree
from recchat.store.locking import FileLock, StoreLock, WaitCallback

if TYPE_CHECKING:
    from recchat.config import ChromaServer


class Store:
    """Catalog and profile collections in one Chroma database (embedded or server)."""

    def __init__(self, client: Any, where: str, local: _Local | None = None, call: Caller = EMBEDDED) -> None:
        self._remote = client
        self.where = where
        self._local = local
        self.call = call  # a server's calls are retried through a short outage; embedded ones run once

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
        snapshot = cls.embedded(copy / "chroma", on_wait=on_wait)
        # It names the folder it copies: the same collections, so caches keyed by where a
        # collection lives (the catalog's index and BM25 files) are the real folder's.
        snapshot.where = str(path)
        return snapshot

    @classmethod
    def server(cls, server: ChromaServer, retry: Retry = RIDE_OUT) -> Store:
        """A Chroma server's database. Fails fast when the server is down or refuses the settings;
        later calls ride out a short outage (a restart) with `retry`, then fail with the URL."""
        from recchat.store.http import describe
        from recchat.store.server import connect

        return cls(connect(server), describe(server), call=Caller(server, retry))

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
            names = _collection_names(client, self.call)
        return sorted(name[len(prefix) :] for name in names if name.startswith(prefix))

    def catalogs(self) -> list[str]:
        return self._names("catalog")

    def profiles(self) -> list[str]:
        return self._names("profile")

    def open(self, kind: str, name: str) -> Collection:
        with self.using(f"opening {kind} '{name}'") as client:
            self._recover(client, kind, name)
            raw = _get_raw(client, kind, name, self.call)
        return Collection(raw, kind, name, self)

    def open_or_create(
        self, kind: str, name: str, embedder: str, dimension: int, *, initial: Mapping[str, Any] | None = None
    ) -> Collection:
        """`initial` metadata is set only when the collection is created (e.g. state=importing,
        so a crash right after creating it never leaves an empty catalog that looks ready)."""
        with self.using(f"opening {kind} '{name}'") as client:
            self._recover(client, kind, name)
            try:
                raw = _get_raw(client, kind, name, self.call)
            except NotFoundError:
                with self.using(f"creating {kind} '{name}'", write=True) as writer:
                    raw = self.call(
                        f"creating {kind} '{name}'",
                        writer.get_or_create_collection,
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
            _get_raw(client, kind, name, self.call)  # NotFoundError with a hint when absent
            self.call(f"deleting {kind} '{name}'", client.delete_collection, PREFIXES[kind] + name)
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
        action = f"reaching the store at {self.where}"
        with self.using(action) as client:
            self.call(action, client.heartbeat)
