"""Messages that workers post to the chat screen, each named for what just happened.

Workers run in threads; `post_message` is the thread-safe way back to the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from recchat.beliefs import Belief
from recchat.catalog.importer import ImportReport
from recchat.chat import Answer
from recchat.domain import FeedbackKind, Recommendation, Reply
from recchat.errors import RecchatError
from recchat.tui.backend import Opened


@dataclass
class ConversationOpened(Message):
    """A catalog and conversation are ready (at start, after /new, /catalog, or a resume)."""

    opened: Opened
    how: str  # "start", "new", "catalog", "resume"


@dataclass
class ModelsLoading(Message):
    step: str


class ModelsLoaded(Message):
    """The embedder and the language model are in memory."""


@dataclass
class ModelChanged(Message):
    name: str


@dataclass
class Noted(Message):
    """A line for the conversation (a listing, a confirmation)."""

    text: str


@dataclass
class WorkFailed(Message):
    """Something the user asked for failed; the message and its fix go in the conversation."""

    error: RecchatError


@dataclass
class ReplyRanked(Message):
    """The suggestions (or a question) of a reply are known; explanations follow."""

    turn: int
    reply: Reply


@dataclass
class ExplanationStreamed(Message):
    turn: int
    index: int
    piece: str


@dataclass
class ExplanationChecked(Message):
    """One suggestion's explanation, checked: the model's text, or the reasons in its place."""

    turn: int
    index: int
    rec: Recommendation


@dataclass
class ReplyFinished(Message):
    turn: int
    answer: Answer


@dataclass
class TurnFailed(Message):
    turn: int
    error: RecchatError


@dataclass
class FeedbackSaved(Message):
    card_id: str
    kind: FeedbackKind


@dataclass
class BeliefsLoaded(Message):
    beliefs: list[Belief]


@dataclass
class ProfileForgotten(Message):
    count: int
    what: str


@dataclass
class CatalogImportProgressed(Message):
    done: int
    total: int


@dataclass
class CatalogImported(Message):
    report: ImportReport
