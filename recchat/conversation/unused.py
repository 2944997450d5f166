"""Wishes read but not usable on this catalog, named so the reply can say so: an amount or a
comparison on something no field records ("under 5 km" where nothing has a distance: "nothing here
records distances"), a period where nothing has a year, a place no value names ("something
Japanese" in a catalog that says nothing of where items are from: "I couldn't use 'Japanese'")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from recchat.conversation.amounts import find_amounts
from recchat.conversation.spans import Span, Utterance
from recchat.conversation.times import YearContext, read_years
from recchat.language import load
from recchat.text import normalise_title


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
    for section in ("comparative", "adjective"):
        for entry in load("measures")[section]:
            if entry["nouns"] or any(d in catalogued.dimensions for d in entry["dimensions"]):
                continue
            for word in entry["words"]:
                match = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", said.lower)
                if match and not _overlaps(Span(match.start(), match.end()), taken):
                    notes.append(_nothing_records(str(entry["dimensions"][0])))
    if not catalogued.years and read_years(said, taken, YearContext("year", 2100, 1800)):
        notes.append("nothing here records years")
    notes += _places(said, taken, known)
    return tuple(dict.fromkeys(notes))


def _places(said: Utterance, taken: Sequence[Span], known: set[str]) -> list[str]:
    notes = []
    for place in load("places")["place"]:
        names = [normalise_title(n) for n in place["names"]]
        if any(n in known for n in names):
            continue
        for name in names:
            match = re.search(rf"\b{re.escape(name)}\b", said.lower)
            if match and not _overlaps(Span(match.start(), match.end()), taken) and len(name) > 2:
                notes.append(f"I couldn't use '{said.text[match.start() : match.end()]}'")
                break
    return notes


def _nothing_records(dimension: str) -> str:
    plural = load("units")["dimensions"].get(dimension, {}).get("plural", dimension)
    return f"nothing here records {plural}"


def _overlaps(span: Span, taken: Sequence[Span]) -> bool:
    return any(span.overlaps(t) for t in taken)
