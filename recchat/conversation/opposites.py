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


def opposite_said(said: Utterance, span: Span, fields: tuple[str, ...]) -> str | None:
    """The word, in the same clause, that says the opposite of the name of the field the value at
    `span` belongs to ('open' in 'open tuesdays?' for 'Days closed'), if any."""
    clause = said.clause_of(span.start)
    before, after = said.lower[clause.start : span.start], said.lower[span.end : clause.end]
    for name in fields:
        named = f" {normalise_title(name)} "
        for word, opposites in _opposites().items():
            if f" {word} " not in named:
                continue
            for opposite in opposites:
                if re.search(rf"\b{re.escape(opposite)}\b", before) or re.match(rf"\W*{re.escape(opposite)}\b", after):
                    return opposite
    return None
