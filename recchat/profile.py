"""The evolving preference profile: every utterance and piece of feedback, stored in Chroma.

What recchat believes is derived from the entries each turn (snapshot.py). Each entry records
the catalog and the conversation it came from; an imported history is a conversation of its
own ("import-..."), so it can be listed and undone as one.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from recchat.domain import FeedbackKind, Mention, Polarity, Role, Utterance
from recchat.snapshot import MAX_WEIGHTED, ProfileEntry, ProfileSnapshot, WeightedEntry, build_snapshot

if TYPE_CHECKING:
    from recchat.embed.base import Embedder
    from recchat.snapshot import Vector
    from recchat.store import Collection

# Where callers have always found them:
__all__ = ["MAX_WEIGHTED", "ProfileEntry", "ProfileSnapshot", "WeightedEntry", "build_snapshot"]
IMPORT_PREFIX = "import-"  # the conversation id of an imported history
WRITE_BATCH = 1000  # entries per write: Chroma caps a batch at a few thousand


class ProfileStore(Protocol):
    def add(self, entry: ProfileEntry) -> None: ...
    def add_many(self, entries: Sequence[ProfileEntry]) -> None: ...
    def all(self) -> list[ProfileEntry]: ...
    def delete(self, ids: Sequence[str]) -> None: ...


class MemoryProfileStore:
    """Keeps entries in memory only: incognito sessions and evaluation runs."""

    def __init__(self) -> None:
        self._entries: list[ProfileEntry] = []

    def add(self, entry: ProfileEntry) -> None:
        self._entries.append(entry)

    def add_many(self, entries: Sequence[ProfileEntry]) -> None:
        self._entries.extend(entries)

    def all(self) -> list[ProfileEntry]:
        return list(self._entries)

    def delete(self, ids: Sequence[str]) -> None:
        gone = set(ids)
        self._entries = [e for e in self._entries if e.utterance.id not in gone]


class ChromaProfileStore:
    def __init__(self, collection: Collection) -> None:
        self._collection = collection

    def add(self, entry: ProfileEntry) -> None:
        import numpy as np

        u = entry.utterance
        self._collection.upsert([u.id], np.asarray([entry.vector], dtype=np.float32), [u.text], [to_metadata(u)])

    def add_many(self, entries: Sequence[ProfileEntry]) -> None:
        import numpy as np

        for start in range(0, len(entries), WRITE_BATCH):
            batch = entries[start : start + WRITE_BATCH]
            said = [e.utterance for e in batch]
            vectors = np.asarray([e.vector for e in batch], dtype=np.float32)
            metadatas = [to_metadata(u) for u in said]
            self._collection.upsert([u.id for u in said], vectors, [u.text for u in said], metadatas)

    def all(self) -> list[ProfileEntry]:
        import numpy as np

        entries = [
            ProfileEntry(from_metadata(r.id, r.document or "", r.metadata), np.asarray(r.embedding, dtype=np.float32))
            for r in self._collection.iter_all(embeddings=True, documents=True)
        ]
        return sorted(entries, key=lambda e: (e.utterance.time, e.utterance.id))

    def embed_again(self, embedder: Embedder, batch: int = 256) -> None:
        """Every entry's vector made again by `embedder` (its words are stored), then the profile
        marked as embedded by it: interrupted, the next open starts over, losing nothing."""
        import numpy as np

        entries = list(self._collection.iter_all(documents=True))  # a profile: thousands at most
        for start in range(0, len(entries), batch):
            records = entries[start : start + batch]
            texts = [r.document or "" for r in records]
            vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
            self._collection.upsert([r.id for r in records], vectors, texts, [r.metadata for r in records])
        self._collection.set_info(embedder=embedder.name, dimension=embedder.dimension)

    def delete(self, ids: Sequence[str]) -> None:
        # Erased, not just deleted: Chroma would otherwise keep the words in its log on disk.
        self._collection.erase(list(ids))


def to_metadata(u: Utterance) -> dict[str, Any]:
    return {
        "role": u.role.value,
        "time": u.time,
        "session": u.session,
        "polarity": u.polarity.value,
        "mentions": json.dumps([[m.item_id, m.title, m.polarity.value] for m in u.mentions]),
        "avoid": json.dumps(list(u.avoid)),
        "feedback": u.feedback.value if u.feedback else "",
        **({"topic": u.topic} if u.topic is not None else {}),
        **({"own_list": True} if u.own_list else {}),
        **({"catalog": u.catalog} if u.catalog is not None else {}),
    }


def from_metadata(entry_id: str, text: str, meta: dict[str, Any]) -> Utterance:
    return Utterance(
        id=entry_id,
        text=text,
        role=Role(meta.get("role", "user")),
        time=float(meta.get("time", 0.0)),
        session=str(meta.get("session", "")),
        polarity=Polarity(meta.get("polarity", "neutral")),
        mentions=tuple(Mention(i, t, Polarity(p)) for i, t, p in json.loads(meta.get("mentions") or "[]")),
        avoid=tuple(json.loads(meta.get("avoid") or "[]")),
        feedback=FeedbackKind(meta["feedback"]) if meta.get("feedback") else None,
        topic=str(meta["topic"]) if isinstance(meta.get("topic"), str) else None,
        own_list=bool(meta.get("own_list", False)),
        catalog=str(meta["catalog"]) if isinstance(meta.get("catalog"), str) else None,
    )


def new_id(now: float) -> str:
    # Time-ordered so entries sort by when they were said even across processes.
    return f"{int(now * 1_000_000):x}-{uuid.uuid4().hex[:8]}"


class Forgetting(Protocol):
    """What else holds the person's words (saved conversations) and must forget them too."""

    def forget(self, utterances: Iterable[Utterance]) -> None: ...


class Profile:
    def __init__(self, name: str, store: ProfileStore, transcripts: Forgetting | None = None) -> None:
        self.name = name
        self._store = store
        self._transcripts = transcripts
        self._entries: list[ProfileEntry] | None = None

    @property
    def entries(self) -> list[ProfileEntry]:
        if self._entries is None:
            self._entries = self._store.all()
        return self._entries

    def record(self, utterance: Utterance, vector: Vector) -> ProfileEntry:
        entry = ProfileEntry(utterance, vector)
        entries = self.entries  # load before adding, or the new entry would be counted twice
        self._store.add(entry)
        entries.append(entry)
        return entry

    def record_many(self, new: Sequence[ProfileEntry]) -> None:
        """Many entries in one write (an imported history)."""
        entries = self.entries
        self._store.add_many(new)
        entries.extend(new)

    def forget(self, ids: Iterable[str]) -> int:
        wanted = set(ids)
        present = [e.utterance for e in self.entries if e.utterance.id in wanted]
        if present:
            self._store.delete([u.id for u in present])
            # An imported history was never said in a conversation: no transcript holds it, and
            # its "like: Dune" must not scrub a conversation where the person said so themselves.
            said = [u for u in present if not is_imported(u)]
            if self._transcripts is not None and said:
                self._transcripts.forget(said)
        self._entries = None
        return len(present)

    def forget_import(self, import_id: str) -> int:
        """Undo one imported history (its id as `profile show` lists it, with or without 'import-')."""
        wanted = import_id if import_id.startswith(IMPORT_PREFIX) else IMPORT_PREFIX + import_id
        return self.forget(e.utterance.id for e in self.entries if e.utterance.session == wanted)

    def forget_catalog(self, catalog: str) -> int:
        """Everything said over one catalog (entries from before catalogs were recorded stay)."""
        return self.forget(e.utterance.id for e in self.entries if e.utterance.catalog == catalog)

    def forget_all(self) -> int:
        return self.forget(e.utterance.id for e in self.entries)

    def forget_matching(self, words: str) -> int:
        """Forget every entry whose text contains `words` (case-insensitive)."""
        wanted = words.casefold()
        return self.forget(e.utterance.id for e in self.entries if wanted in e.utterance.text.casefold())

    def export(self) -> dict[str, Any]:
        return {
            "profile": self.name,
            "exported": time.time(),
            "entries": [
                {
                    "id": u.id,
                    "text": u.text,
                    "role": u.role.value,
                    "time": u.time,
                    "session": u.session,
                    "polarity": u.polarity.value,
                    "mentions": [{"id": m.item_id, "title": m.title, "polarity": m.polarity.value} for m in u.mentions],
                    "avoid": list(u.avoid),
                    "feedback": u.feedback.value if u.feedback else None,
                    "catalog": u.catalog,
                }
                for u in (e.utterance for e in self.entries)
            ],
        }

    def snapshot(self, session: str, now: float | None = None, catalog: str | None = None) -> ProfileSnapshot:
        """What recchat believes in conversation `session` over `catalog` (None: every entry
        counts as said over it)."""
        return build_snapshot(self.entries, session, time.time() if now is None else now, catalog)


def is_imported(u: Utterance) -> bool:
    return u.session.startswith(IMPORT_PREFIX)
