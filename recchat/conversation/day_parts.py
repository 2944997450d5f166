"""Times of day and parts of the week said as what happens then ("after work", "on a weekday"):
the catalog's own category values they mean (language/time.toml [parts_of_day],
[parts_of_week]). Nothing here names a catalog's value: a phrase means a value only where a
category field of the catalog has it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from recchat.catalog.schema import CatalogSchema, FieldKind
from recchat.conversation.kinds import Found
from recchat.conversation.spans import Span, Utterance
from recchat.conversation.values import Value, ValueVocabulary
from recchat.domain import Constraint
from recchat.language import alternation, load
from recchat.text import normalise_title


@cache
def _day_phrases() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    return tuple(
        (re.compile(rf"\b(?:{alternation(entry['said'])})\b"), tuple(entry["means"]))
        for entry in load("time")["parts_of_day"]["phrases"]
    )


def times_of_day(values: ValueVocabulary, said: Utterance, taken: Sequence[Span]) -> list[tuple[Value, Span]]:
    """'hiit after work' -> the category value 'Evening', where the catalog has one."""
    found: list[tuple[Value, Span]] = []
    for pattern, means in _day_phrases():
        for match in pattern.finditer(said.lower):
            span = Span(match.start(), match.end())
            if any(span.overlaps(t) for t in [*taken, *(s for _, s in found)]):
                continue
            value = next((v for word in means for v in _category_values(values, word)), None)
            if value is not None:
                found.append((value, span))
    return found


def _category_values(values: ValueVocabulary, word: str) -> list[Value]:
    """The category value written exactly so (no part or slip of another)."""
    return [v for v, _ in values.spans(word, fuzzy=False) if v.category and v.text.lower() == word]


@cache
def _week_parts() -> tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]:
    return tuple(
        (name, re.compile(rf"\b(?:{alternation(part['said'])})\b"), tuple(part["days"]))
        for name, part in load("time")["parts_of_week"].items()
        if name != "example"
    )


def parts_of_week(schema: CatalogSchema, said: Utterance, taken: Sequence[Span]) -> list[Found]:
    """'on a weekday' -> Monday to Friday of a category field of day names (not where the field
    has a value 'Weekday' of its own: the value reader reads that)."""
    found: list[Found] = []
    for name, pattern, part_days in _week_parts():
        match = pattern.search(said.lower)
        if match is None:
            continue
        span = Span(match.start(), match.end())
        if any(span.overlaps(t) for t in taken):
            continue
        for info in schema.fields:
            held = {v.lower(): v for v in info.values} if info.kind is FieldKind.CATEGORY else {}
            days = tuple(held[d] for d in part_days if d in held)
            if len(days) < 2 or any("".join(normalise_title(v).split()) == name for v in held):
                continue
            negated = said.negated(span)
            label = f"{'not ' if negated else ''}{said.text[span.start : span.end]} ({', '.join(days)})"
            constraint = Constraint("category", info.name, "is", days, negated, label, said.text[span.start : span.end])
            found.append(Found(constraint, span))
            break
    return found
