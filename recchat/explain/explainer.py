"""Explanations: the LLM writes them, recchat checks them (checks.py), and the evidence stands in
when they fail (fallback.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from recchat.domain import Recommendation
from recchat.errors import ConfigError
from recchat.explain.checks import MAX_CHARS, MAX_SENTENCES, Grounds, rejection, sentences, tidy
from recchat.explain.fallback import template_explanation
from recchat.text import clean, shorten, without_year

if TYPE_CHECKING:
    from recchat.conversation.mentions import TitleMatcher
    from recchat.llm.base import ChatMessage, ChatModel
    from recchat.prompts import Prompts

TokenSink = Callable[[str], None]
StopCheck = Callable[[], bool]
DESCRIPTION_CHARS = 600


class Explainer:
    def __init__(
        self, model: ChatModel | None, prompts: Prompts, matcher: TitleMatcher | None, max_tokens: int = 72
    ) -> None:
        self.model = model
        self.prompts = prompts
        self.matcher = matcher
        self.max_tokens = max_tokens

    def explain(
        self,
        rec: Recommendation,
        user_words: str,
        *,
        avoid: Sequence[str] = (),
        on_token: TokenSink | None = None,
        should_stop: StopCheck | None = None,
    ) -> Recommendation:
        if self.model is None or (should_stop and should_stop()):
            return replace(rec, explanation=template_explanation(rec), explanation_source="template")
        raw = self._generate(rec, user_words, on_token, should_stop)
        example = self.prompts.template("explain.example.assistant")
        if rejection(raw, Grounds(rec, self.matcher, avoid, user_words, example)) is None:
            return replace(rec, explanation=tidy(raw), explanation_source="llm")
        return replace(rec, explanation=template_explanation(rec), explanation_source="template")

    def messages(self, rec: Recommendation, user_words: str) -> list[ChatMessage]:
        item = rec.item
        values = {
            "user_words": shorten(clean(user_words), 300),
            "title": without_year(clean(item.title)),  # "Arrival", as people say it
            "tags": ", ".join(item.tags) or "none",
            "description": shorten(clean(item.description), DESCRIPTION_CHARS) or "no description",
        }
        return [*self._start(values), {"role": "user", "content": self.prompts.render("explain.user", values)}]

    def shared_start(self) -> list[ChatMessage]:
        """The instructions and the worked example that begin every explanation prompt: what a
        model can read ahead before the suggestions are known. When an edited prompt makes
        them depend on the item or the person's words: empty."""
        try:
            return self._start({})
        except ConfigError:
            return []

    def _start(self, values: Mapping[str, str]) -> list[ChatMessage]:
        return [
            {"role": "system", "content": self.prompts.render("explain.system", values)},
            {"role": "user", "content": self.prompts.render("explain.example.user", values)},
            {"role": "assistant", "content": self.prompts.render("explain.example.assistant", values)},
        ]

    def _generate(
        self, rec: Recommendation, user_words: str, on_token: TokenSink | None, should_stop: StopCheck | None
    ) -> str:
        assert self.model is not None
        text = ""
        pieces = self.model.stream(self.messages(rec, user_words), max_tokens=self.max_tokens)
        for piece in pieces:
            text += piece
            if on_token:
                on_token(clean(piece))
            # Past MAX_CHARS the reply can only end too long: stop, and keep its whole sentences.
            done = len(sentences(text)) >= MAX_SENTENCES or len(text) > MAX_CHARS
            if (should_stop and should_stop()) or done:
                close = getattr(pieces, "close", None)
                if close:
                    close()  # stop llama.cpp now rather than generating tokens nobody reads
                break
        return text
