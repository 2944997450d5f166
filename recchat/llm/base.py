"""The ChatModel protocol. Prompt assembly, validation and fallbacks live in the core, not here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, TypedDict

if TYPE_CHECKING:
    from recchat.llm.grammar import Grammar


class ChatMessage(TypedDict):
    role: str  # "system", "user" or "assistant"
    content: str


class ChatModel(Protocol):
    """A chat model that streams its reply as text pieces."""

    @property
    def name(self) -> str: ...

    def load(self) -> None:
        """Load weights now (idempotent). Lets a UI load in the background before first use."""

    def prefill(self, messages: Sequence[ChatMessage], *, alongside: bool = False) -> None:
        """Load, and read the start of a prompt ahead of use, so that a later prompt beginning the
        same way starts sooner (llama.cpp keeps it in its cache). A model without one does nothing.
        `alongside`: the process works on beside it (a one-shot ask): leave it a core."""

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None, grammar: Grammar | None = None
    ) -> Iterator[str]:
        """The reply, piece by piece; with `grammar`, only text the grammar allows."""
        ...


def complete(model: ChatModel, messages: Sequence[ChatMessage], *, max_tokens: int | None = None) -> str:
    """Collect a whole reply. Shared by every backend, so none re-implements it."""
    return "".join(model.stream(messages, max_tokens=max_tokens))
