"""The nouns of recchat, as frozen dataclasses shared by the core, the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"


class Role(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"


class FeedbackKind(StrEnum):
    LIKE = "like"
    DISLIKE = "dislike"
    SEEN = "seen"
    NOT_NOW = "not_now"


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, eq=False)
class Item:
    """One catalog entry. `metadata` keeps every field the catalog had beyond the core ones."""

    id: str
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    popularity: float | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", _frozen(self.metadata))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Item) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class Mention:
    """A catalog item the user (or the assistant) named in an utterance."""

    item_id: str
    title: str
    polarity: Polarity


@dataclass(frozen=True)
class Utterance:
    """One stored profile entry: something said, or a piece of feedback on an item."""

    id: str
    text: str
    role: Role
    time: float
    session: str
    polarity: Polarity
    mentions: tuple[Mention, ...] = ()
    avoid: tuple[str, ...] = ()  # phrases the user asked to avoid ("horror" from "no horror")
    feedback: FeedbackKind | None = None


@dataclass(frozen=True)
class MatchedUtterance:
    """An utterance that supports a suggestion, with its recency weight and similarity."""

    text: str
    weight: float
    similarity: float


@dataclass(frozen=True)
class Evidence:
    """Why an item was suggested: the user's words, the item's fields, and the score parts."""

    utterances: tuple[MatchedUtterance, ...] = ()
    fields: tuple[str, ...] = ()
    related_titles: tuple[str, ...] = ()
    score_parts: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "score_parts", _frozen(self.score_parts))


@dataclass(frozen=True)
class Recommendation:
    item: Item
    score: float
    evidence: Evidence
    explanation: str = ""
    explanation_source: str = "template"  # "llm" or "template"


@dataclass(frozen=True)
class Reply:
    """What one turn produces. `question` is set when recchat asks before (or while) suggesting."""

    message: str
    recommendations: tuple[Recommendation, ...] = ()
    question: str | None = None
