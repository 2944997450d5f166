"""Wishes read but not usable on this catalog, named so the reply can say so: an amount or a
comparison on something no field records ("under 5 km" where nothing has a distance: "nothing here
records distances"), a period where nothing has a year, a place no value names ("something
Japanese" in a catalog that says nothing of where items are from: "I couldn't use 'Japanese'")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from recchat.conversation.amounts import find_amounts
from recchat.conversation.spans import Span, Utterance
from recchat.conversation.times import YearContext, read_years
from recchat.language import load
from recchat.text import LAST_YEAR, normalise_title


@dataclass(frozen=True)
class Catalogued:
    """What the catalog records: the dimensions of its number fields (for the wanted kind), and
    whether it has years."""

    dimensions: frozenset[str]
    years: bool


def unused_wishes(said: Utterance, taken: Sequence[Span], catalogued: Catalogued, known: set[str]) -> tuple[str, ...]:
    """`taken`: where the turn's wishes were read; `known`: the catalog's values as it spells them
    (normalised), so that a place it names is never called unusable."""
    notes: list[str] = []
    for amount in find_amounts(said):
        dimension = amount.unit.dimension if amount.unit is not None else None
        if dimension and dimension not in catalogued.dimensions and not _overlaps(amount.span, taken):
            notes.append(_nothing_records(dimension))
    for dimensions, nouns, pattern in _measure_words():
        if nouns or any(d in catalogued.dimensions for d in dimensions):
            continue
        for match in pattern.finditer(said.lower):
            if not _overlaps(Span(match.start(), match.end()), taken):
                notes.append(_nothing_records(dimensions[0]))
    if not catalogued.years and read_years(said, taken, YearContext("year", newest=LAST_YEAR, oldest=1800)):
        notes.append("nothing here records years")
    notes += _places(said, taken, known)
    return tuple(dict.fromkeys(notes))


@cache
def _measure_words() -> tuple[tuple[tuple[str, ...], bool, re.Pattern[str]], ...]:
    entries = [*load("measures")["comparative"], *load("measures")["adjective"]]
    return tuple(
        (
            tuple(str(d) for d in e["dimensions"]),
            bool(e["nouns"]),
            re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in e['words'])})(?![\w-])"),
        )
        for e in entries
    )


@cache
def _place_names() -> tuple[dict[str, tuple[str, ...]], re.Pattern[str]]:
    """Each place name (normalised, three letters or more: 'us' is mostly a pronoun) -> all the
    names of its place, and one pattern finding any of them."""
    names: dict[str, tuple[str, ...]] = {}
    for place in load("places")["place"]:
        every = tuple(normalise_title(n) for n in place["names"])
        for name in every:
            if len(name) > 2:
                names[name] = every
    listed = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"\b(?:{listed})\b")


def _places(said: Utterance, taken: Sequence[Span], known: set[str]) -> list[str]:
    notes = []
    names, pattern = _place_names()
    for match in pattern.finditer(said.lower):
        every = names[match.group()]
        if not any(n in known for n in every) and not _overlaps(Span(match.start(), match.end()), taken):
            notes.append(f"I couldn't use '{said.text[match.start() : match.end()]}'")
    return notes


def _nothing_records(dimension: str) -> str:
    plural = load("units")["dimensions"].get(dimension, {}).get("plural", dimension)
    return f"nothing here records {plural}"


def _overlaps(span: Span, taken: Sequence[Span]) -> bool:
    return any(span.overlaps(t) for t in taken)
