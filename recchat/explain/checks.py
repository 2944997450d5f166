"""Checks on an LLM explanation: untrusted text is cleaned, cut to whole sentences, and refused
when it names another title, invents facts, brings up what the person asked to avoid, copies the
prompt's example, or says nothing about the item."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from recchat.domain import Recommendation
from recchat.injection import injected
from recchat.text import STOPWORDS, YEAR, clean, content_words, fold, normalise_title, stem, words
from recchat.vocabulary import TAG_SYNONYMS, spellings

if TYPE_CHECKING:
    from recchat.conversation.mentions import TitleMatcher

MAX_SENTENCES = 2
MAX_CHARS = 260
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*(?=\s|$)")
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
    invented = [year for year in YEAR.findall(text) if year not in known]
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


def _word_parts(text: str) -> set[str]:
    """Stems of every word and of each part of a hyphenated word, plus common genre spellings."""
    found = set()
    for word in words(text):
        found.add(stem(word))
        found.update(stem(part) for part in word.split("-") if part)
    for spelled_out in set(TAG_SYNONYMS.values()):
        if spelled_out in text:
            found.update(word.replace(" ", "-") for word in spellings(spelled_out))
            found.update(word.replace(" ", "") for word in spellings(spelled_out))
    return found


def _ungrounded(text: str, grounds: Grounds) -> str | None:
    item_words = {stem(w) for w in content_words(grounds.facts)}
    if not item_words.intersection(stem(w) for w in content_words(text)):
        return "not grounded in the item"
    return None
