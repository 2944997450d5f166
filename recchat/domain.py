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
    WISH = "wish"  # on a wish list (imported): wanted, not seen


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
    # What the turn was about, without its constraint and pointer words ("books instead" -> "");
    # None for entries stored before topics were read: then the text is the topic.
    topic: str | None = None
    # recchat's own list of suggestions (assistant turns replayed from a recorded conversation are
    # a person's recommendations, and count as the conversation's direction; recchat's own do not)
    own_list: bool = False
    # The catalog it was said over (None: stored before entries kept it). Item ids, and the
    # words an explanation may quote, belong to that catalog alone.
    catalog: str | None = None

    @property
    def about(self) -> str:
        return self.text if self.topic is None else self.topic


@dataclass(frozen=True)
class MatchedUtterance:
    """An utterance that supports a suggestion, with its recency weight and similarity."""

    text: str
    weight: float
    similarity: float


@dataclass(frozen=True)
class Constraint:
    """One thing the person asked for explicitly, read against a catalog field.

    `about` says what kind of request it is (for reports and for wording): "kind", "year",
    "number", "person", "tag", "word" or "title". `op` says how `value` is compared with the
    item's `field`: "is" (a category), "between" (a (low, high) pair, either end None), "covers"
    (a range such as players "2-5" includes the number), "has" (a name or tag in the field),
    "mentions" (a word or name in the item's text). `negated` turns it into something to avoid.
    """

    about: str
    field: str
    op: str
    value: Any
    negated: bool = False
    label: str = ""  # how it reads: "from the 1990s", "not a romance", "by Agatha Christie"
    said: str = ""  # the words it was read from

    def to_json(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {
            "about": self.about,
            "field": self.field,
            "op": self.op,
            "value": value,
            "negated": self.negated,
            "label": self.label,
            "said": self.said,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Constraint:
        value = data.get("value")
        return cls(
            about=str(data["about"]),
            field=str(data["field"]),
            op=str(data["op"]),
            value=tuple(value) if isinstance(value, list) else value,
            negated=bool(data.get("negated", False)),
            label=str(data.get("label", "")),
            said=str(data.get("said", "")),
        )


@dataclass(frozen=True)
class Reference:
    """A turn pointing at an earlier suggestion ("the second one", "those", a title from the list)
    and what it does with it: "like", "dislike", "seen", "anchor" (more like it) or "exclude"."""

    item_id: str
    title: str
    act: str


@dataclass(frozen=True)
class Inferred:
    """A wish an item meets by evidence rather than by its own field: the wish's label, and what
    showed it ("its description says so", "from slasher": a value that nearly always comes with it)."""

    label: str
    why: str

    def to_json(self) -> dict[str, str]:
        return {"label": self.label, "why": self.why}


@dataclass(frozen=True)
class Evidence:
    """Why an item was suggested: the user's words, the item's fields, the constraints it meets
    by its fields (their labels), those it meets only by evidence (`inferred`), the wishes it
    misses (`misses`: it is one of the closest others, shown because too few items meet every
    wish), and the score parts."""

    utterances: tuple[MatchedUtterance, ...] = ()
    fields: tuple[str, ...] = ()
    related_titles: tuple[str, ...] = ()
    score_parts: Mapping[str, float] = field(default_factory=dict)
    constraints: tuple[str, ...] = ()
    inferred: tuple[Inferred, ...] = ()
    misses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "score_parts", _frozen(self.score_parts))


@dataclass(frozen=True)
class Recommendation:
    item: Item
    score: float
    evidence: Evidence
    explanation: str = ""
    explanation_source: str = "template"  # "llm" or "template"
    # Why it fits, one sentence each, built from the evidence (true by construction): kept
    # whether the explanation is the LLM's or these sentences themselves.
    reasons: tuple[str, ...] = ()
    refused: str = ""  # why the LLM's text was not shown, when it was not ("calls it a movie")


@dataclass(frozen=True)
class Reply:
    """What one turn produces. `question` is set when recchat asks before (or while) suggesting.
        `understood` says in one line what the turn was read as ("Movies from the 1990s, no romance"),
        `constraints` are those in force, `relaxed` those dropped to fill the list (the message says
        so), `references` what the turn pointed at among earlier suggestions, and `unused` the wishes
    it read but could not apply to this catalog ("I couldn't use 'Japanese'")."""

    message: str
    recommendations: tuple[Recommendation, ...] = ()
    question: str | None = None
    understood: str = ""
    constraints: tuple[Constraint, ...] = ()
    relaxed: tuple[Constraint, ...] = ()
    references: tuple[Reference, ...] = ()
    unused: tuple[str, ...] = ()  # wishes read but not usable here: "nothing here records distances"
