"""A field named for the absence of something ('Days closed'), asked for by its opposite ('open
on a monday'): the value is one the item must not have (language/negation.toml [opposites]).
Nothing here names a field: the opposites are general words, the field's name is the catalog's."""

from __future__ import annotations

import re
from functools import cache

from recchat.conversation.spans import Span, Utterance
from recchat.language import load
from recchat.text import normalise_title


@cache
def _opposites() -> dict[str, tuple[str, ...]]:
    """A word in a field's name -> the words that say its opposite."""
    found: dict[str, list[str]] = {}
    for said, named in load("negation")["opposites"]["pairs"]:
        found.setdefault(named, []).append(said)
    return {named: tuple(words) for named, words in found.items()}


@cache
def _patterns(opposite: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The opposite word anywhere before a value, and right after it."""
    return re.compile(rf"\b{re.escape(opposite)}\b"), re.compile(rf"\W*({re.escape(opposite)})\b")


def opposite_said(said: Utterance, span: Span, fields: tuple[str, ...]) -> Span | None:
    """Where, in the same clause, a word says the opposite of the name of the field the value at
    `span` belongs to ('open' in 'open tuesdays?' for 'Days closed'), if anywhere."""
    clause = said.clause_of(span.start)
    for name in fields:
        named = f" {normalise_title(name)} "
        for word, opposites in _opposites().items():
            if f" {word} " not in named:
                continue
            for opposite in opposites:
                anywhere, next_to = _patterns(opposite)
                before = list(anywhere.finditer(said.lower, clause.start, span.start))
                after = next_to.match(said.lower, span.end, clause.end)
                if before:
                    return Span(before[-1].start(), before[-1].end())
                if after:
                    return Span(after.start(1), after.end(1))
    return None
