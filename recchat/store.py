"""The Chroma store: the only module that imports chromadb.

Embedded (`PersistentClient`) by default, or a Chroma server (`HttpClient`). Vectors are always
passed in explicitly; each collection records the embedder that made them, and a mismatch is
refused, so vectors from different models never mix.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlparse

from recchat.errors import NotFoundError, StoreError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.config import ChromaServer

T = TypeVar("T")
Metadata = dict[str, Any]
PREFIXES = {"catalog": "rc-catalog-", "profile": "rc-profile-"}
PAGE = 2000


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

    def __init__(self, raw: Any, kind: str, name: str, call: Caller = EMBEDDED, origin: str = "") -> None:
        self._raw = raw
        self._call = call
        self.kind = kind
        self.name = name
        self.origin = origin

    @property
    def info(self) -> Metadata:
        return dict(self._raw.metadata or {})

    @property
    def uid(self) -> str:
        """Unique across stores and servers: where it lives and the id Chroma gave it at creation."""
        digest = hashlib.sha256(f"{self.origin}#{self._raw.id}".encode()).hexdigest()
        return digest[:16]

    def set_info(self, **fields: Any) -> None:
        merged = {**self.info, **{k: v for k, v in fields.items() if v is not None}}
        self._call(f"updating {self.kind} '{self.name}'", self._raw.modify, metadata=merged)

    def count(self) -> int:
        return int(self._call(f"counting {self.kind} '{self.name}'", self._raw.count))

    def upsert(
        self,
        ids: Sequence[str],
        embeddings: npt.NDArray[np.float32],
        documents: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        self._call(
            f"writing to {self.kind} '{self.name}'",
            self._raw.upsert,
            ids=list(ids),
            embeddings=embeddings,
            documents=list(documents),
            metadatas=list(metadatas),
        )

    def update_metadatas(self, ids: Sequence[str], metadatas: Sequence[Metadata]) -> None:
        """Merge fields into existing records' metadata (Chroma's update merges)."""
        self._call(f"updating {self.kind} '{self.name}'", self._raw.update, ids=list(ids), metadatas=list(metadatas))

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), PAGE):
            page = list(ids[start : start + PAGE])
            self._call(f"deleting from {self.kind} '{self.name}'", self._raw.delete, ids=page)

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
        result = self._call(
            f"reading {self.kind} '{self.name}'",
            self._raw.get,
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
        """Nearest records for each query vector; `distance` is cosine distance."""
        include = ["metadatas", "distances"] + (["embeddings"] if embeddings else [])
        result = self._call(
            f"searching {self.kind} '{self.name}'",
            self._raw.query,
            query_embeddings=vectors,
            n_results=n,
            where=dict(where) if where else None,
            include=include,
        )
        rows = []
        for index in range(len(result["ids"])):
            row = {
                key: (value[index] if value is not None else None) for key, value in result.items() if key != "included"
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


class Store:
    """Catalog and profile collections in one Chroma database (embedded or server)."""

    def __init__(self, client: Any, where: str, call: Caller = EMBEDDED) -> None:
        self._client = client
        self._call = call
        self.where = where

    @classmethod
    def embedded(cls, path: Path) -> Store:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        with chroma_errors(f"opening the store at {path}"):
            client = chromadb.PersistentClient(
                path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            )
        return cls(client, str(path))

    @classmethod
    def server(cls, server: ChromaServer, retry: Retry = Retry()) -> Store:
        """A Chroma server's database. Fails fast when the server is down or refuses the settings;
        later calls ride out a short outage (a restart) with `retry`, then fail with the URL."""
        from recchat.chroma_http import describe

        return cls(connect(server), describe(server), Caller(server, retry))

    def _names(self, kind: str) -> list[str]:
        prefix = PREFIXES[kind]
        collections = self._call("listing collections", self._client.list_collections)
        names = [getattr(c, "name", c) for c in collections]
        return sorted(name[len(prefix) :] for name in names if name.startswith(prefix))

    def catalogs(self) -> list[str]:
        return self._names("catalog")

    def profiles(self) -> list[str]:
        return self._names("profile")

    def open(self, kind: str, name: str) -> Collection:
        from chromadb.errors import NotFoundError as ChromaNotFound

        try:
            raw = self._call(
                f"opening {kind} '{name}'", self._client.get_collection, PREFIXES[kind] + name, embedding_function=None
            )
        except StoreError as error:
            if isinstance(error.__cause__, ChromaNotFound):
                raise NotFoundError(f"no {kind} named '{name}'", _missing_hint(kind)) from error
            raise
        return Collection(raw, kind, name, self._call, self.where)

    def open_or_create(self, kind: str, name: str, embedder: str, dimension: int) -> Collection:
        raw = self._call(
            f"opening {kind} '{name}'",
            self._client.get_or_create_collection,
            PREFIXES[kind] + name,
            metadata={"embedder": embedder, "dimension": dimension, "created": time.time()},
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,
        )
        collection = Collection(raw, kind, name, self._call, self.where)
        check_embedder(collection, embedder, dimension)
        return collection

    def delete(self, kind: str, name: str) -> None:
        self.open(kind, name)  # raises NotFoundError with a hint when absent
        self._call(f"deleting {kind} '{name}'", self._client.delete_collection, PREFIXES[kind] + name)

    def heartbeat(self) -> None:
        self._call(f"reaching the store at {self.where}", self._client.heartbeat)


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
