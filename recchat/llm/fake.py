"""A scripted chat model for tests and `--backend fake`: deterministic, instant, no weights."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence

from recchat.llm.base import ChatMessage
from recchat.llm.grammar import Grammar

Responder = Callable[[Sequence[ChatMessage]], str]


def _echo_item(messages: Sequence[ChatMessage]) -> str:
    """Default script: the prompt's first reason, said of the item (true, as reasons are)."""
    prompt = messages[-1]["content"] if messages else ""
    title = re.search(r"^(?:Item|Title): (.+?)(?: \([^)]*\))?$", prompt, re.MULTILINE)
    if title is None:
        return "What are you in the mood for?"
    name = title.group(1).strip()
    reasons = re.search(r"^Reasons: (.+?\.)(?: |$)", prompt, re.MULTILINE)
    if reasons:
        first = reasons.group(1)
        return re.sub(r"^It |(?<=, )it ", f"{name} ", first, count=1)
    tags = re.search(r"^Tags: (.+)$", prompt, re.MULTILINE)
    about = f" for its {tags.group(1).split(',')[0].strip()}" if tags and tags.group(1).strip() else ""
    return f"{name} fits what you asked{about}."


class ScriptedChatModel:
    """Replies from a list (cycled) or a function of the messages; streams word by word."""

    def __init__(
        self,
        replies: Sequence[str] | Responder | None = None,
        *,
        delay: float = 0.0,
    ) -> None:
        self._replies = replies
        self._delay = delay
        self.calls: list[list[ChatMessage]] = []
        self.prefilled: list[list[ChatMessage]] = []
        self.alongside: list[bool] = []  # whether each prefill was asked to leave a core to other work
        self.grammars: list[Grammar | None] = []  # what each call was held to
        self.loaded = False

    @property
    def name(self) -> str:
        return "fake:scripted"

    def load(self) -> None:
        self.loaded = True

    def prefill(self, messages: Sequence[ChatMessage], *, alongside: bool = False) -> None:
        self.load()
        self.prefilled.append(list(messages))
        self.alongside.append(alongside)

    def _reply_for(self, messages: Sequence[ChatMessage]) -> str:
        if self._replies is None:
            return _echo_item(messages)
        if callable(self._replies):
            return self._replies(messages)
        return self._replies[(len(self.calls) - 1) % len(self._replies)]

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None, grammar: Grammar | None = None
    ) -> Iterator[str]:
        """Scripted replies as given (a test may script what no grammar allows); unscripted,
        under a grammar, the grammar's first sentence."""
        self.load()
        self.calls.append(list(messages))
        self.grammars.append(grammar)
        reply = grammar.first() if grammar is not None and self._replies is None else self._reply_for(messages)
        words = re.findall(r"\S+\s*", reply)
        for word in words[: max_tokens or None]:
            if self._delay:
                time.sleep(self._delay)
            yield word
