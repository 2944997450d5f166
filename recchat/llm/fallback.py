"""A chosen model that may fail to load: then the default model answers instead, and the person
is told once why (a notice, not a crash). Both stand behind the same ChatModel protocol."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence

from recchat.errors import ModelError
from recchat.llm.base import ChatMessage, ChatModel
from recchat.llm.grammar import Grammar

Notice = Callable[[str], None]


class UnloadableModel:
    """A model whose file could not even be read: loading it raises the error it was found with."""

    def __init__(self, name: str, error: ModelError) -> None:
        self._name = name
        self.error = error

    @property
    def name(self) -> str:
        return self._name

    def load(self) -> None:
        raise self.error

    def prefill(self, messages: Sequence[ChatMessage], *, alongside: bool = False) -> None:
        raise self.error

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None, grammar: Grammar | None = None
    ) -> Iterator[str]:
        raise self.error


class FallbackModel:
    """`chosen` until it fails to load; from then on the model `default()` builds."""

    def __init__(self, chosen: ChatModel, default: Callable[[], ChatModel], on_notice: Notice) -> None:
        self.chosen = chosen
        self._default = default
        self._on_notice = on_notice
        self.current = chosen
        self.failure: ModelError | None = None  # why the chosen model is not the one answering
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.current.name

    def load(self) -> None:
        with self._lock:
            if self.current is self.chosen:
                try:
                    self.chosen.load()
                    return
                except ModelError as error:
                    self.failure = error
                    self.current = self._default()
                    hint = f" ({error.hint})" if error.hint else ""
                    self._on_notice(f"{error.message}{hint}; using the default model, {self.current.name}, instead")
        self.current.load()

    def prefill(self, messages: Sequence[ChatMessage], *, alongside: bool = False) -> None:
        self.load()
        self.current.prefill(messages, alongside=alongside)

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None, grammar: Grammar | None = None
    ) -> Iterator[str]:
        self.load()
        yield from self.current.stream(messages, max_tokens=max_tokens, grammar=grammar)
