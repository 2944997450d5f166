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
import hashlib
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlparse

from recchat.chroma_files import compact, secure_tree
from recchat.errors import NotFoundError, StoreError
from recchat.locking import FileLock, StoreLock, WaitCallback

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.config import ChromaServer

T = TypeVar("T")
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


class Caller:
    """How a store calls chromadb. Embedded calls run once. Server calls that failed because the
    server dropped out or was busy are tried again a bounded number of times: every call recchat
    makes is idempotent (upsert and delete by id, get, query, modify), so a retry never duplicates.
    Failures become a StoreError naming the action (and the server's URL, with a fix)."""

    def __init__(self, server: ChromaServer | None = None, retry: Retry = Retry()) -> None:
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
                from recchat.chroma_http import failure, transient

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
    def server(cls, server: ChromaServer, retry: Retry = Retry()) -> Store:
        """A Chroma server's database. Fails fast when the server is down or refuses the settings;
        later calls ride out a short outage (a restart) with `retry`, then fail with the URL."""
        from recchat.chroma_http import describe

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


# --- Chroma server (the HTTP side, worded errors and timeouts: recchat/chroma_http.py) -----------


def connect(server: ChromaServer) -> Any:
    """An HttpClient for the server's tenant and database (created when missing), with a timeout."""
    import chromadb

    from recchat.chroma_http import base_url, limit_waits, probe

    base = base_url(server.url)
    probe(server, base)
    call = Caller(server, Retry(waits=()))  # a server that is down now stays down: fail fast
    if server.tenant or server.database:
        _check_scope(server, chromadb.AdminClient(_client_settings(server, base)), call)
    client = call(
        "connecting",
        chromadb.HttpClient,
        host=base,
        port=urlparse(base).port,
        ssl=base.startswith("https"),
        settings=_client_settings(server, base),
        **{key: value for key, value in (("tenant", server.tenant), ("database", server.database)) if value},
    )
    limit_waits(client, server.timeout)
    return client


def _client_settings(server: ChromaServer, base: str) -> Any:
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(
        anonymized_telemetry=False,
        chroma_api_impl="chromadb.api.fastapi.FastAPI",
        chroma_server_host=base,  # a full URL: chromadb then keeps its port and any path
        chroma_server_http_port=urlparse(base).port,
        chroma_server_ssl_enabled=base.startswith("https"),
    )
    if not base.startswith("https"):  # no TLS, so no certificates to load (~35 ms per client)
        settings.chroma_server_ssl_verify = False
    if server.token:  # Chroma's own token provider: "Authorization: Bearer T" or "X-Chroma-Token: T"
        settings.chroma_client_auth_provider = "chromadb.auth.token_authn.TokenAuthClientProvider"
        settings.chroma_client_auth_credentials = server.token
        settings.chroma_auth_token_transport_header = server.token_header
    return settings


def _check_scope(server: ChromaServer, admin: Any, call: Caller) -> None:
    """The tenant must exist; the database is created on first use, so a household or team only
    has to name it to get collections of its own."""
    from chromadb.config import DEFAULT_TENANT

    from recchat.chroma_http import limit_waits, public_url

    limit_waits(admin, server.timeout)
    tenant = server.tenant or DEFAULT_TENANT
    if not _exists(server, call, "tenant", tenant, admin.get_tenant, tenant):
        raise StoreError(
            f"the Chroma server at {public_url(server.url)} has no tenant {tenant!r}",
            "fix `tenant` in the [chroma] settings, or create it with chromadb's AdminClient",
        )
    database = server.database
    if database and not _exists(server, call, "database", database, admin.get_database, database, tenant=tenant):
        with contextlib.suppress(StoreError):  # another client may have just created it
            call(f"creating database {database!r}", admin.create_database, database, tenant=tenant)
        call("checking the database", admin.get_database, database, tenant=tenant)


def _exists(
    server: ChromaServer, call: Caller, label: str, name: str, lookup: Callable[..., Any], *args: Any, **kwargs: Any
) -> bool:
    """Whether the tenant or database is there; a name the server refuses is the user's to fix."""
    from chromadb.errors import InvalidArgumentError
    from chromadb.errors import NotFoundError as ChromaNotFound

    from recchat.chroma_http import public_url

    try:
        call(f"checking the {label}", lookup, *args, **kwargs)
    except StoreError as error:
        if isinstance(error.__cause__, ChromaNotFound):
            return False
        if isinstance(error.__cause__, InvalidArgumentError):
            raise StoreError(
                f"the Chroma server at {public_url(server.url)} refuses the {label} name {name!r}: {error.__cause__}",
                f"choose another `{label}` in the [chroma] settings (RECCHAT_CHROMA_{label.upper()})",
            ) from error
        raise
    return True
