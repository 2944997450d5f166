"""The evolving preference profile: every utterance and piece of feedback, stored in Chroma.

What recchat believes is derived from the entries each turn (never kept as separate state that
could drift): recent words weigh more, negatives stay negatives, feedback sticks.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from recchat.domain import FeedbackKind, Mention, Polarity, Role, Utterance
from recchat.text import content_words

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.store import Collection

    Vector = npt.NDArray[np.float32]

HALF_LIFE_TURNS = 3.0  # a preference said three turns ago counts half as much as one said now
HALF_LIFE_DAYS = 30.0
FEEDBACK_HALF_LIFE_DAYS = 180.0  # a like or dislike is a lasting fact, not a passing mood
NEUTRAL_MENTION_WEIGHT = 0.6  # "like The Mask" with no verdict still leans positive
OTHER_SESSION_FACTOR = 0.35  # words from earlier conversations are background, not the request
# Bounds that keep a turn fast with a 10,000-entry profile without changing what it believes:
NEGLIGIBLE_WEIGHT = 1e-3  # words this faded move no score; their verdicts on items still count
MAX_WEIGHTED = 500  # the strongest likes and dislikes; the rest weigh next to nothing


@dataclass(frozen=True)
class ProfileEntry:
    utterance: Utterance
    vector: Vector


@dataclass(frozen=True)
class WeightedEntry:
    entry: ProfileEntry
    weight: float


@dataclass
class ProfileSnapshot:
    """What recchat believes right now, derived from the stored entries."""

    likes: list[WeightedEntry] = field(default_factory=list)
    dislikes: list[WeightedEntry] = field(default_factory=list)
    liked_items: dict[str, float] = field(default_factory=dict)
    # Item id -> when it was last disliked, the most recent first: ranking pushes away from the
    # latest few (a set's order would change with the hash seed, and the ranking with it).
    disliked_items: dict[str, float] = field(default_factory=dict)
    seen_items: set[str] = field(default_factory=set)
    mentioned_items: set[str] = field(default_factory=set)
    suggested_items: set[str] = field(default_factory=set)  # by recchat, in this session
    # Items brought up by the assistant in this session, weighted by recency: the conversation's
    # direction, even before the user says what they think of them.
    context_items: dict[str, float] = field(default_factory=dict)
    skipped_items: set[str] = field(default_factory=set)  # "not now", in this session
    avoid: list[tuple[str, float]] = field(default_factory=list)

    @property
    def excluded(self) -> set[str]:
        return (
            set(self.disliked_items)
            | self.seen_items
            | self.mentioned_items
            | self.suggested_items
            | self.skipped_items
            | set(self.liked_items)
        )

    @property
    def is_thin(self) -> bool:
        return not self.likes and not self.liked_items


class ProfileStore(Protocol):
    def add(self, entry: ProfileEntry) -> None: ...
    def all(self) -> list[ProfileEntry]: ...
    def delete(self, ids: Sequence[str]) -> None: ...


class MemoryProfileStore:
    """Keeps entries in memory only: incognito sessions and evaluation runs."""

    def __init__(self) -> None:
        self._entries: list[ProfileEntry] = []

    def add(self, entry: ProfileEntry) -> None:
        self._entries.append(entry)

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

    def all(self) -> list[ProfileEntry]:
        import numpy as np

        entries = [
            ProfileEntry(from_metadata(r.id, r.document or "", r.metadata), np.asarray(r.embedding, dtype=np.float32))
            for r in self._collection.iter_all(embeddings=True, documents=True)
        ]
        return sorted(entries, key=lambda e: (e.utterance.time, e.utterance.id))

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

    def forget(self, ids: Iterable[str]) -> int:
        wanted = set(ids)
        present = [e.utterance for e in self.entries if e.utterance.id in wanted]
        if present:
            self._store.delete([u.id for u in present])
            if self._transcripts is not None:
                self._transcripts.forget(present)
        self._entries = None
        return len(present)

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
                }
                for u in (e.utterance for e in self.entries)
            ],
        }

    def snapshot(self, session: str, now: float | None = None) -> ProfileSnapshot:
        return build_snapshot(self.entries, session, time.time() if now is None else now)


def _decay(age_seconds: float, half_life_days: float) -> float:
    return float(0.5 ** (max(age_seconds, 0.0) / 86400.0 / half_life_days))


def build_snapshot(entries: Sequence[ProfileEntry], session: str, now: float) -> ProfileSnapshot:
    snapshot = ProfileSnapshot()
    user_turns = [e for e in entries if e.utterance.role is Role.USER and e.utterance.feedback is None]
    turns_ago = {e.utterance.id: len(user_turns) - 1 - i for i, e in enumerate(user_turns)}
    heard = 0  # user turns so far
    for entry in entries:
        u = entry.utterance
        if u.role is Role.ASSISTANT:
            if u.session == session:
                _apply_suggestion(snapshot, entry, 0.5 ** ((len(user_turns) - heard) / HALF_LIFE_TURNS))
            continue
        if u.feedback is None:
            heard += 1
        if u.feedback is not None:
            _apply_feedback(snapshot, entry, _decay(now - u.time, FEEDBACK_HALF_LIFE_DAYS), session)
            continue
        weight = 0.5 ** (turns_ago[u.id] / HALF_LIFE_TURNS) * _decay(now - u.time, HALF_LIFE_DAYS)
        if u.session != session:
            weight *= OTHER_SESSION_FACTOR
        if weight < NEGLIGIBLE_WEIGHT:
            _apply_mentions(snapshot, u, weight)
            continue
        _apply_utterance(snapshot, entry, weight)
    snapshot.likes = _strongest(snapshot.likes)
    snapshot.dislikes = _strongest(snapshot.dislikes)
    snapshot.disliked_items = dict(reversed(snapshot.disliked_items.items()))  # the most recent first
    return snapshot


def _strongest(weighted: list[WeightedEntry]) -> list[WeightedEntry]:
    if len(weighted) <= MAX_WEIGHTED:
        return weighted
    keep = {id(w) for w in sorted(weighted, key=lambda w: -w.weight)[:MAX_WEIGHTED]}
    return [w for w in weighted if id(w) in keep]  # in their original (time) order


def _apply_suggestion(snapshot: ProfileSnapshot, entry: ProfileEntry, weight: float) -> None:
    for mention in entry.utterance.mentions:
        snapshot.suggested_items.add(mention.item_id)
        if not entry.utterance.own_list:  # recchat's own lists say nothing about what the person likes
            snapshot.context_items[mention.item_id] = max(snapshot.context_items.get(mention.item_id, 0.0), weight)


def _apply_utterance(snapshot: ProfileSnapshot, entry: ProfileEntry, weight: float) -> None:
    u = entry.utterance
    _apply_mentions(snapshot, u, weight)
    snapshot.avoid.extend((phrase, weight) for phrase in u.avoid)
    if u.polarity is Polarity.NEGATIVE:
        snapshot.dislikes.append(WeightedEntry(entry, weight))
    elif content_words(u.about) or u.mentions:
        snapshot.likes.append(WeightedEntry(entry, weight))


def _apply_mentions(snapshot: ProfileSnapshot, u: Utterance, weight: float) -> None:
    for mention in u.mentions:
        snapshot.mentioned_items.add(mention.item_id)
        if mention.polarity is Polarity.NEGATIVE:
            _disliked(snapshot, mention.item_id, u.time)
        else:
            strength = weight * (1.0 if mention.polarity is Polarity.POSITIVE else NEUTRAL_MENTION_WEIGHT)
            snapshot.liked_items[mention.item_id] = max(snapshot.liked_items.get(mention.item_id, 0.0), strength)


def _apply_feedback(snapshot: ProfileSnapshot, entry: ProfileEntry, weight: float, session: str) -> None:
    u = entry.utterance
    item_ids = [m.item_id for m in u.mentions]
    if u.feedback is FeedbackKind.LIKE:
        for item_id in item_ids:
            snapshot.liked_items[item_id] = max(snapshot.liked_items.get(item_id, 0.0), weight)
        snapshot.likes.append(WeightedEntry(entry, weight))
    elif u.feedback is FeedbackKind.DISLIKE:
        for item_id in item_ids:
            _disliked(snapshot, item_id, u.time)
        snapshot.dislikes.append(WeightedEntry(entry, weight))
    elif u.feedback is FeedbackKind.SEEN:
        snapshot.seen_items.update(item_ids)
    elif u.feedback is FeedbackKind.NOT_NOW and u.session == session:
        snapshot.skipped_items.update(item_ids)


def _disliked(snapshot: ProfileSnapshot, item_id: str, when: float) -> None:
    """Entries come oldest first: a dislike said again moves to the end, as the latest."""
    snapshot.disliked_items.pop(item_id, None)
    snapshot.disliked_items[item_id] = when
