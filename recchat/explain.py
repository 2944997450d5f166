"""Explanations: the LLM writes them, recchat checks them, a template stands in when they fail.

LLM output is untrusted: it is cleaned of escape codes, cut to whole sentences, and refused when
it names another title, says nothing about the item, or rambles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from recchat.domain import Recommendation
from recchat.errors import ConfigError
from recchat.injection import injected
from recchat.text import STOPWORDS, clean, content_words, fold, normalise_title, shorten, stem, words

if TYPE_CHECKING:
    from recchat.llm.base import ChatMessage, ChatModel
    from recchat.mentions import TitleMatcher
    from recchat.prompts import Prompts

TokenSink = Callable[[str], None]
StopCheck = Callable[[], bool]
MAX_SENTENCES = 2
MAX_CHARS = 260
DESCRIPTION_CHARS = 600
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*(?=\s|$)")
_YEAR_SUFFIX = re.compile(r"\s*\(\d{4}\)\s*$")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)?\b")
# Capitalised at the start of a sentence without being names.
SENTENCE_STARTERS = frozenset("fans perfect expect enjoy whether its both great".split())
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


@dataclass(frozen=True)
class Grounds:
    """What an explanation may draw on: the item, the user's words, and what to stay off."""

    rec: Recommendation
    matcher: TitleMatcher | None = None
    avoid: Sequence[str] = ()
    user_words: str = ""
    example: str = ""  # the prompt's worked answer, which small models like to copy

    @property
    def facts(self) -> str:
        item = self.rec.item
        return f"{item.title} {' '.join(item.tags)} {item.description} {' '.join(map(str, item.metadata.values()))}"


def rejection(raw: str, grounds: Grounds) -> str | None:
    """Why an LLM explanation cannot be shown, or None when it is fine."""
    text = tidy(raw)
    if not text:
        return "empty or unfinished" if raw.strip() else "empty"
    checks = (_shape, _other_titles, _hijacked, _invented_facts, _avoided, _copied_example, _ungrounded)
    return next((reason for check in checks if (reason := check(text, grounds))), None)


def _shape(text: str, grounds: Grounds) -> str | None:
    if _REFUSAL.search(text):
        return "not an explanation"
    if len(text) > MAX_CHARS:
        return "rambles"
    meaningful = [w for w in content_words(text) if w not in normalise_title(grounds.rec.item.title).split()]
    tokens = words(text)
    trigrams = list(zip(tokens, tokens[1:], tokens[2:], strict=False))
    if len(set(trigrams)) < len(trigrams) or any(meaningful.count(w) >= 3 for w in set(meaningful)):
        return "rambles (repeats itself)"
    return None


def _hijacked(text: str, grounds: Grounds) -> str | None:
    """Orders, links or markup in the reply: an item's description tried to steer the model."""
    return injected(text, grounds.rec.item.title)


def _other_titles(text: str, grounds: Grounds) -> str | None:
    if grounds.matcher is None:
        return None
    own = normalise_title(grounds.rec.item.title)
    for match in grounds.matcher.find(text, fuzzy=False, strict=True):
        if match.item_id != grounds.rec.item.id and normalise_title(match.title.rsplit("(", 1)[0]) not in own:
            return f"names another title ({match.title})"
    return None


def _invented_facts(text: str, grounds: Grounds) -> str | None:
    """Years and names must come from the item or the user: a small model invents both."""
    known = fold(f"{grounds.facts} {grounds.user_words}")
    invented = [year for year in _YEAR.findall(text) if year not in known]
    if invented:
        return f"mentions a year not in the item's facts ({invented[0]})"
    known_words = set(words(known)) | _word_parts(known) | STOPWORDS | SENTENCE_STARTERS  # "Slaughterhouse-Five"
    for sentence in sentences(text) or [text]:
        for name in _NAME.findall(sentence):
            if words(name)[0] not in known_words:
                return f"mentions a name not in the item's facts ({name})"
    return None


def _avoided(text: str, grounds: Grounds) -> str | None:
    said = {stem(w) for w in content_words(text)}
    for phrase in grounds.avoid:
        if {stem(w) for w in content_words(phrase)} & said:
            return f"brings up what you asked to avoid ({phrase})"
    return None


def _copied_example(text: str, grounds: Grounds) -> str | None:
    """A phrase of the worked example that neither the item nor the user backs up.

    Words the item or the user do back up may be reused ("thoughtful sci-fi" for a user who
    asked for something thoughtful and a science fiction item): only the borrowed claim is wrong.
    """
    allowed = fold(f"{grounds.facts} {grounds.user_words}")
    backed = _word_parts(allowed)
    example = content_words(grounds.example)
    for pair in pairwise(example):
        phrase = " ".join(pair)
        if phrase in fold(text) and phrase not in allowed and not all(stem(w) in backed for w in pair):
            return f"copies the prompt's example ({phrase})"
    return None


# Ways people write a genre that catalogs spell out.
_GENRE_ALIASES = {"science fiction": ("sci-fi", "scifi"), "romantic comedy": ("rom-com", "romcom")}


def _word_parts(text: str) -> set[str]:
    """Stems of every word and of each part of a hyphenated word, plus common genre spellings."""
    found = set()
    for word in words(text):
        found.add(stem(word))
        found.update(stem(part) for part in word.split("-") if part)
    for spelled_out, aliases in _GENRE_ALIASES.items():
        if spelled_out in text:
            found.update(aliases)
    return found


def _ungrounded(text: str, grounds: Grounds) -> str | None:
    item_words = {stem(w) for w in content_words(grounds.facts)}
    if not item_words.intersection(stem(w) for w in content_words(text)):
        return "not grounded in the item"
    return None


def template_explanation(rec: Recommendation) -> str:
    """A plain explanation built only from the evidence: always true, never pretty."""
    evidence = rec.evidence
    tags = [f.split(": ", 1)[1] for f in evidence.fields if f.startswith("tags: ")]
    matched = next((f.split(": ", 1)[1] for f in evidence.fields if f.startswith("description: ")), "")
    reasons = []
    if evidence.related_titles:
        reasons.append(f"people who liked {clean(evidence.related_titles[0])} often bring it up")
    if tags:
        reasons.append(f"it is {_join(tags)}, as you asked")
    if matched and len(reasons) < 2:
        reasons.append(f"it touches on {matched}, which you mentioned")
    if not reasons and evidence.utterances:
        reasons.append(f"it is close to what you said: “{shorten(clean(evidence.utterances[0].text), 80)}”")
    if not reasons:
        reasons.append("it is well liked here" if rec.item.popularity else "it is among the closest matches")
    text = f"{clean(rec.item.title)}: {'; '.join(reasons)}."
    if rec.item.tags and not tags:
        text += f" Tagged {_join(list(rec.item.tags[:3]))}."
    return text


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
            "title": _YEAR_SUFFIX.sub("", clean(item.title)),  # "Arrival", as people say it
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
