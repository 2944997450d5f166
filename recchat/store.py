"""The Chroma store: the only module that imports chromadb.

Embedded (`PersistentClient`) by default, or a Chroma server (`HttpClient`). Vectors are always
passed in explicitly; each collection records the embedder that made them, and a mismatch is
refused, so vectors from different models never mix.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from recchat.errors import NotFoundError, StoreError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.config import ChromaServer

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


class Collection:
    """A thin wrapper over one Chroma collection, returning plain Python values."""

    def __init__(self, raw: Any, kind: str, name: str) -> None:
        self._raw = raw
        self.kind = kind
        self.name = name

    @property
    def info(self) -> Metadata:
        return dict(self._raw.metadata or {})

    def set_info(self, **fields: Any) -> None:
        with chroma_errors(f"updating {self.kind} '{self.name}'"):
            merged = {**self.info, **{k: v for k, v in fields.items() if v is not None}}
            self._raw.modify(metadata=merged)

    def count(self) -> int:
        with chroma_errors(f"counting {self.kind} '{self.name}'"):
            return int(self._raw.count())

    def upsert(
        self,
        ids: Sequence[str],
        embeddings: npt.NDArray[np.float32],
        documents: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        with chroma_errors(f"writing to {self.kind} '{self.name}'"):
            self._raw.upsert(ids=list(ids), embeddings=embeddings, documents=list(documents), metadatas=list(metadatas))

    def update_metadatas(self, ids: Sequence[str], metadatas: Sequence[Metadata]) -> None:
        """Merge fields into existing records' metadata (Chroma's update merges)."""
        with chroma_errors(f"updating {self.kind} '{self.name}'"):
            self._raw.update(ids=list(ids), metadatas=list(metadatas))

    def delete(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        with chroma_errors(f"deleting from {self.kind} '{self.name}'"):
            for start in range(0, len(ids), PAGE):
                self._raw.delete(ids=list(ids[start : start + PAGE]))

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
        with chroma_errors(f"reading {self.kind} '{self.name}'"):
            result = self._raw.get(
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
        """Nearest records for each query vector; `distance` is cosine distance."""
        include = ["distances"] + (["metadatas"] if metadatas else []) + (["embeddings"] if embeddings else [])
        with chroma_errors(f"searching {self.kind} '{self.name}'"):
            result = self._raw.query(
                query_embeddings=vectors, n_results=n, where=dict(where) if where else None, include=include
            )
        rows = []
        for index in range(len(result["ids"])):
            row = {
                key: (value[index] if value is not None else None) for key, value in result.items() if key != "included"
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


class Store:
    """Catalog and profile collections in one Chroma database (embedded or server)."""

    def __init__(self, client: Any, where: str) -> None:
        self._client = client
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

    def _names(self, kind: str) -> list[str]:
        prefix = PREFIXES[kind]
        with chroma_errors("listing collections"):
            collections = self._client.list_collections()
        names = [getattr(c, "name", c) for c in collections]
        return sorted(name[len(prefix) :] for name in names if name.startswith(prefix))

    def catalogs(self) -> list[str]:
        return self._names("catalog")

    def profiles(self) -> list[str]:
        return self._names("profile")

    def open(self, kind: str, name: str) -> Collection:
        from chromadb.errors import NotFoundError as ChromaNotFound

        try:
            with chroma_errors(f"opening {kind} '{name}'"):
                raw = self._client.get_collection(PREFIXES[kind] + name, embedding_function=None)
        except StoreError as error:
            if isinstance(error.__cause__, ChromaNotFound):
                raise NotFoundError(f"no {kind} named '{name}'", _missing_hint(kind)) from error
            raise
        return Collection(raw, kind, name)

    def open_or_create(self, kind: str, name: str, embedder: str, dimension: int) -> Collection:
        with chroma_errors(f"opening {kind} '{name}'"):
            raw = self._client.get_or_create_collection(
                PREFIXES[kind] + name,
                metadata={"embedder": embedder, "dimension": dimension, "created": time.time()},
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
        collection = Collection(raw, kind, name)
        check_embedder(collection, embedder, dimension)
        return collection

    def delete(self, kind: str, name: str) -> None:
        self.open(kind, name)  # raises NotFoundError with a hint when absent
        with chroma_errors(f"deleting {kind} '{name}'"):
            self._client.delete_collection(PREFIXES[kind] + name)

    def heartbeat(self) -> None:
        with chroma_errors(f"reaching the store at {self.where}"):
            self._client.heartbeat()


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
