"""What recchat believes about the user, as rows for the profile panel.

A projection of the profile's own entries and snapshot (no state of its own): each row names
the entries behind it, so deleting a row forgets exactly those entries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recchat.domain import FeedbackKind, Polarity, Role

if TYPE_CHECKING:
    from recchat.profile import ProfileEntry, ProfileSnapshot

RECENT_WORDS = 12
SECTIONS = ("Likes", "Dislikes", "Seen", "Wishes", "Avoid", "You said")


@dataclass(frozen=True)
class Belief:
    section: str  # one of SECTIONS
    text: str
    weight: float | None
    entry_ids: tuple[str, ...]


def beliefs(entries: Sequence[ProfileEntry], snapshot: ProfileSnapshot, *, recent: int = RECENT_WORDS) -> list[Belief]:
    return [
        *_items(entries, snapshot.liked_items, "Likes", _supports_like),
        *_items(entries, dict.fromkeys(snapshot.disliked_items), "Dislikes", _supports_dislike),
        *_items(entries, dict.fromkeys(snapshot.seen_items), "Seen", _supports_seen),
        *_items(entries, snapshot.wished_items, "Wishes", _supports_wish),
        *_avoided(entries, snapshot),
        *_words(snapshot, recent),
    ]


def _titles(entries: Sequence[ProfileEntry]) -> dict[str, str]:
    return {m.item_id: m.title for e in entries for m in e.utterance.mentions}


def _supports_like(entry: ProfileEntry, item_id: str) -> bool:
    u = entry.utterance
    if u.feedback is not None:
        return u.feedback is FeedbackKind.LIKE and _mentions(entry, item_id)
    return any(m.item_id == item_id and m.polarity is not Polarity.NEGATIVE for m in u.mentions)


def _supports_dislike(entry: ProfileEntry, item_id: str) -> bool:
    u = entry.utterance
    if u.feedback is not None:
        return u.feedback is FeedbackKind.DISLIKE and _mentions(entry, item_id)
    return any(m.item_id == item_id and m.polarity is Polarity.NEGATIVE for m in u.mentions)


def _supports_seen(entry: ProfileEntry, item_id: str) -> bool:
    return entry.utterance.feedback is FeedbackKind.SEEN and _mentions(entry, item_id)


def _supports_wish(entry: ProfileEntry, item_id: str) -> bool:
    return entry.utterance.feedback is FeedbackKind.WISH and _mentions(entry, item_id)


def _mentions(entry: ProfileEntry, item_id: str) -> bool:
    return any(m.item_id == item_id for m in entry.utterance.mentions)


def _items(
    entries: Sequence[ProfileEntry],
    weights: Mapping[str, float | None],
    section: str,
    supports: Callable[[ProfileEntry, str], bool],
) -> list[Belief]:
    titles = _titles(entries)
    naming: dict[str, list[ProfileEntry]] = {}  # item -> the user's entries naming it (an import names thousands)
    for e in entries:
        if e.utterance.role is Role.USER:
            for item_id in dict.fromkeys(m.item_id for m in e.utterance.mentions):
                naming.setdefault(item_id, []).append(e)
    rows = []
    for item_id, weight in weights.items():
        ids = tuple(e.utterance.id for e in naming.get(item_id, ()) if supports(e, item_id))
        if ids:
            rows.append(Belief(section, titles.get(item_id, item_id), weight, ids))
    return sorted(rows, key=lambda b: (-(b.weight or 0.0), b.text))


def _avoided(entries: Sequence[ProfileEntry], snapshot: ProfileSnapshot) -> list[Belief]:
    strongest: dict[str, float] = {}
    for phrase, weight in snapshot.avoid:
        strongest[phrase] = max(weight, strongest.get(phrase, 0.0))
    return [
        Belief("Avoid", phrase, weight, tuple(e.utterance.id for e in entries if phrase in e.utterance.avoid))
        for phrase, weight in sorted(strongest.items(), key=lambda pair: -pair[1])
    ]


def _words(snapshot: ProfileSnapshot, recent: int) -> list[Belief]:
    said = [w for w in (*snapshot.likes, *snapshot.dislikes) if w.entry.utterance.feedback is None]
    said.sort(key=lambda w: (-w.entry.utterance.time, w.entry.utterance.id))
    return [Belief("You said", w.entry.utterance.text, w.weight, (w.entry.utterance.id,)) for w in said[:recent]]
