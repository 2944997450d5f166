"""Explanations: the LLM writes them, recchat checks them, a template stands in when they fail.

LLM output is untrusted: it is cleaned of escape codes, cut to whole sentences, and refused when
it names another title, says nothing about the item, or rambles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from recchat.domain import Recommendation
from recchat.injection import injected
from recchat.text import clean, content_words, normalise_title, shorten, stem

if TYPE_CHECKING:
    from recchat.llm.base import ChatModel
    from recchat.mentions import TitleMatcher
    from recchat.prompts import Prompts

TokenSink = Callable[[str], None]
StopCheck = Callable[[], bool]
MAX_SENTENCES = 2
MAX_CHARS = 320
DESCRIPTION_CHARS = 600
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*(?=\s|$)")
_REFUSAL = re.compile(r"\b(as an ai|language model|i cannot|i can't help|i'm sorry)\b", re.I)


def sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    return [p for p in parts if p]


def tidy(raw: str) -> str:
    """Clean untrusted text and keep at most two complete sentences."""
    text = " ".join(clean(raw).replace("*", "").replace("#", "").split())
    return " ".join(sentences(text)[:MAX_SENTENCES])


def rejection(raw: str, rec: Recommendation, matcher: TitleMatcher | None) -> str | None:
    """Why an LLM explanation cannot be shown, or None when it is fine."""
    text = tidy(raw)
    if not text:
        return "empty or unfinished" if raw.strip() else "empty"
    if len(text) > MAX_CHARS:
        return "rambles"
    if _REFUSAL.search(text):
        return "not an explanation"
    hijacked = injected(text, rec.item.title)
    if hijacked:
        return hijacked
    if matcher is not None:
        own = normalise_title(rec.item.title)
        for match in matcher.find(text, fuzzy=False):
            if match.item_id != rec.item.id and normalise_title(match.title.rsplit("(", 1)[0]) not in own:
                return f"names another title ({match.title})"
    item_words = {stem(w) for w in content_words(f"{rec.item.title} {' '.join(rec.item.tags)} {rec.item.description}")}
    if not item_words.intersection(stem(w) for w in content_words(text)):
        return "not grounded in the item"
    return None


def template_explanation(rec: Recommendation) -> str:
    """A plain explanation built only from the evidence: always true, never pretty."""
    evidence = rec.evidence
    title = clean(rec.item.title)
    tags = [f.split(": ", 1)[1] for f in evidence.fields if f.startswith("tags: ")]
    words = next((f.split(": ", 1)[1] for f in evidence.fields if f.startswith("description: ")), "")
    first: str
    if evidence.related_titles:
        first = f"People who liked {clean(evidence.related_titles[0])} often bring up {title}."
    elif tags:
        first = f"{title} is {_join(tags)}, as you asked."
    elif words:
        first = f"{title} touches on {words}, which you mentioned."
    elif evidence.utterances:
        first = f"{title} is close to what you said: “{shorten(clean(evidence.utterances[0].text), 80)}”."
    else:
        first = f"{title} is a well-liked pick in this catalog."
    kind = _join(list(rec.item.tags[:3]))
    second = f" It is tagged {kind}." if kind and not tags else ""
    return first + second


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


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
        on_token: TokenSink | None = None,
        should_stop: StopCheck | None = None,
    ) -> Recommendation:
        if self.model is None or (should_stop and should_stop()):
            return replace(rec, explanation=template_explanation(rec), explanation_source="template")
        raw = self._generate(rec, user_words, on_token, should_stop)
        if rejection(raw, rec, self.matcher) is None:
            return replace(rec, explanation=tidy(raw), explanation_source="llm")
        return replace(rec, explanation=template_explanation(rec), explanation_source="template")

    def messages(self, rec: Recommendation, user_words: str) -> list[dict[str, str]]:
        item = rec.item
        values = {
            "user_words": shorten(clean(user_words), 300),
            "title": clean(item.title),
            "tags": ", ".join(item.tags) or "none",
            "description": shorten(clean(item.description), DESCRIPTION_CHARS) or "no description",
        }
        return [
            {"role": "system", "content": self.prompts.render("explain.system", values)},
            {"role": "user", "content": self.prompts.render("explain.user", values)},
        ]

    def _generate(
        self, rec: Recommendation, user_words: str, on_token: TokenSink | None, should_stop: StopCheck | None
    ) -> str:
        assert self.model is not None
        text = ""
        pieces = self.model.stream(self.messages(rec, user_words), max_tokens=self.max_tokens)  # type: ignore[arg-type]
        for piece in pieces:
            text += piece
            if on_token:
                on_token(clean(piece))
            if (should_stop and should_stop()) or len(sentences(text)) >= MAX_SENTENCES:
                close = getattr(pieces, "close", None)
                if close:
                    close()  # stop llama.cpp now rather than generating tokens nobody reads
                break
        return text
