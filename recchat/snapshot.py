"""What recchat believes right now, derived from the profile's stored entries (never kept as
separate state that could drift): recent words weigh more, negatives stay negatives, feedback
sticks.

Each entry belongs to the catalog it was said over. Over another catalog its item ids mean
nothing (an id names an item of one catalog), so only its meaning counts there, its vector,
faintly, and never its words in an explanation. Entries stored before catalogs were recorded
count in every catalog, as they always did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from recchat.domain import FeedbackKind, Polarity, Role, Utterance
from recchat.text import content_words

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vector = npt.NDArray[np.float32]

HALF_LIFE_TURNS = 3.0  # a preference said three turns ago counts half as much as one said now
HALF_LIFE_DAYS = 30.0
FEEDBACK_HALF_LIFE_DAYS = 180.0  # a like or dislike is a lasting fact, not a passing mood
NEUTRAL_MENTION_WEIGHT = 0.6  # "like The Mask" with no verdict still leans positive
OTHER_SESSION_FACTOR = 0.35  # words from earlier conversations are background, not the request
OTHER_CATALOG_FACTOR = 0.3  # what was said over another catalog: its meaning only, and faintly
WISH_WEIGHT = 0.5  # on a wish list: wanted, a weaker sign of taste than a like
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
    here: bool = True  # said over this catalog (or before catalogs were recorded)
    now: bool = True  # said in this conversation, over this catalog


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
    wished_items: dict[str, float] = field(default_factory=dict)  # wish lists: wanted, not seen
    liked_now: set[str] = field(default_factory=set)  # liked items said in this conversation

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
    def history_items(self) -> set[str]:
        """Liked items known only from before this conversation (earlier ones, imports)."""
        return set(self.liked_items) - self.liked_now

    @property
    def is_thin(self) -> bool:
        return not any(w.here for w in self.likes) and not self.liked_items


def _decay(age_seconds: float, half_life_days: float) -> float:
    return float(0.5 ** (max(age_seconds, 0.0) / 86400.0 / half_life_days))


def build_snapshot(
    entries: Sequence[ProfileEntry], session: str, now: float, catalog: str | None = None
) -> ProfileSnapshot:
    """`catalog`: the catalog being recommended from (None: every entry counts as said over it)."""
    snapshot = ProfileSnapshot()
    user_turns = [e for e in entries if e.utterance.role is Role.USER and e.utterance.feedback is None]
    turns_ago = {e.utterance.id: len(user_turns) - 1 - i for i, e in enumerate(user_turns)}
    heard = 0  # user turns so far
    for entry in entries:
        u = entry.utterance
        here = catalog is None or u.catalog is None or u.catalog == catalog
        if u.role is Role.ASSISTANT:
            if u.session == session and here:
                _apply_suggestion(snapshot, entry, 0.5 ** ((len(user_turns) - heard) / HALF_LIFE_TURNS))
            continue
        if u.feedback is None:
            heard += 1
        if u.feedback is not None:
            weight = _decay(now - u.time, FEEDBACK_HALF_LIFE_DAYS)
            if here:
                _apply_feedback(snapshot, entry, weight, session)
            else:
                _apply_feedback_elsewhere(snapshot, entry, weight * OTHER_CATALOG_FACTOR)
            continue
        weight = 0.5 ** (turns_ago[u.id] / HALF_LIFE_TURNS) * _decay(now - u.time, HALF_LIFE_DAYS)
        if u.session != session:
            weight *= OTHER_SESSION_FACTOR
        if not here:
            weight *= OTHER_CATALOG_FACTOR
            if weight >= NEGLIGIBLE_WEIGHT:
                _apply_words(snapshot, entry, weight, here=False, now=False)
            continue
        if weight < NEGLIGIBLE_WEIGHT:
            _apply_mentions(snapshot, u, weight, u.session == session)
            continue
        _apply_mentions(snapshot, u, weight, u.session == session)
        _apply_words(snapshot, entry, weight, here=True, now=u.session == session)
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


def _apply_words(snapshot: ProfileSnapshot, entry: ProfileEntry, weight: float, *, here: bool, now: bool) -> None:
    """What was said, as taste: a like or a dislike by its vector, and (over this catalog)
    phrases to avoid: over another, "no horror" is words, and words do not travel."""
    u = entry.utterance
    if here:
        snapshot.avoid.extend((phrase, weight) for phrase in u.avoid)
    if u.polarity is Polarity.NEGATIVE:
        snapshot.dislikes.append(WeightedEntry(entry, weight, here, now))
    elif content_words(u.about) or u.mentions:
        snapshot.likes.append(WeightedEntry(entry, weight, here, now))


def _apply_mentions(snapshot: ProfileSnapshot, u: Utterance, weight: float, now: bool) -> None:
    for mention in u.mentions:
        snapshot.mentioned_items.add(mention.item_id)
        if mention.polarity is Polarity.NEGATIVE:
            _disliked(snapshot, mention.item_id, u.time)
        else:
            strength = weight * (1.0 if mention.polarity is Polarity.POSITIVE else NEUTRAL_MENTION_WEIGHT)
            snapshot.liked_items[mention.item_id] = max(snapshot.liked_items.get(mention.item_id, 0.0), strength)
            if now:
                snapshot.liked_now.add(mention.item_id)


def _apply_feedback(snapshot: ProfileSnapshot, entry: ProfileEntry, weight: float, session: str) -> None:
    u = entry.utterance
    item_ids = [m.item_id for m in u.mentions]
    now = u.session == session
    if u.feedback is FeedbackKind.LIKE:
        for item_id in item_ids:
            snapshot.liked_items[item_id] = max(snapshot.liked_items.get(item_id, 0.0), weight)
        if now:
            snapshot.liked_now.update(item_ids)
        snapshot.likes.append(WeightedEntry(entry, weight, now=now))
    elif u.feedback is FeedbackKind.DISLIKE:
        for item_id in item_ids:
            _disliked(snapshot, item_id, u.time)
        snapshot.dislikes.append(WeightedEntry(entry, weight, now=now))
    elif u.feedback is FeedbackKind.SEEN:
        snapshot.seen_items.update(item_ids)
    elif u.feedback is FeedbackKind.WISH:
        for item_id in item_ids:
            snapshot.wished_items[item_id] = max(snapshot.wished_items.get(item_id, 0.0), weight * WISH_WEIGHT)
        snapshot.likes.append(WeightedEntry(entry, weight * WISH_WEIGHT, now=now))
    elif u.feedback is FeedbackKind.NOT_NOW and now:
        snapshot.skipped_items.update(item_ids)


def _apply_feedback_elsewhere(snapshot: ProfileSnapshot, entry: ProfileEntry, weight: float) -> None:
    """A verdict on another catalog's item: its vector leans the taste, its id means nothing here."""
    kind = entry.utterance.feedback
    if kind is FeedbackKind.LIKE:
        snapshot.likes.append(WeightedEntry(entry, weight, here=False, now=False))
    elif kind is FeedbackKind.WISH:
        snapshot.likes.append(WeightedEntry(entry, weight * WISH_WEIGHT, here=False, now=False))
    elif kind is FeedbackKind.DISLIKE:
        snapshot.dislikes.append(WeightedEntry(entry, weight, here=False, now=False))


def _disliked(snapshot: ProfileSnapshot, item_id: str, when: float) -> None:
    """Entries come oldest first: a dislike said again moves to the end, as the latest."""
    snapshot.disliked_items.pop(item_id, None)
    snapshot.disliked_items[item_id] = when
