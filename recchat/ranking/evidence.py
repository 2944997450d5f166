"""Evidence beside labels. A wish about a field that an item leaves incomplete is unknown for that
item, not false: many films carry one or two genre tags while their description says more.
Two kinds of evidence, both from the catalog itself and keyed to no catalog's words:

- implications between its own values: a value that almost always comes with another in the
  same field (if nearly every `slasher` is also `horror`, a film tagged only `slasher` is a horror
  film too);
- the item's own text naming the value ("a 1996 American slasher horror film"), or naming the
  person asked for ("starring Tom Hanks" where the cast list stops short).

An item meets a wish by its field, or else by evidence, or not at all; items that meet every
wish by field come first (ranking/select.py), and "why this?" says which wishes were met only
by evidence, and from what.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recchat.ranking.filters import ALL_TEXT
from recchat.ranking.implications import implied_holders
from recchat.ranking.values import alternatives
from recchat.text import normalise_title, stem, words
from recchat.vocabulary import spellings

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.domain import Constraint

FROM_TEXT = "its description says so"
TEXT_RELIABLE = 0.6  # share of the items naming a value in their text that hold it by field
MAX_READ = 2000  # items whose text is read for one wish: beyond that, it is a word of any item


@dataclass(frozen=True)
class Found:
    """The items meeting one wish by evidence only (not by their field), each with why."""

    why: Mapping[str, str]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.why)


def by_evidence(catalog: Catalog, constraint: Constraint, by_field: Set[str]) -> Found:
    """The items that meet a positive wish by evidence and not by their field."""
    if constraint.negated:
        return Found({})
    if constraint.about == "tag":
        return Found(_tag_evidence(catalog, constraint, by_field))
    if constraint.about == "category":
        return Found(_text_evidence(catalog, constraint, by_field, missing_only=True))
    if constraint.about == "person" and constraint.field != ALL_TEXT:
        return Found(_person_evidence(catalog, constraint, by_field))
    return Found({})


def _tag_evidence(catalog: Catalog, constraint: Constraint, by_field: Set[str]) -> dict[str, str]:
    found = {i: f"from {value}" for i, value in implied_holders(catalog, constraint).items() if i not in by_field}
    for item_id, why in _text_evidence(catalog, constraint, by_field, missing_only=False).items():
        found.setdefault(item_id, why)
    return found


def _text_evidence(
    catalog: Catalog, constraint: Constraint, by_field: Set[str], *, missing_only: bool
) -> dict[str, str]:
    """Items whose description names the value (or one of its everyday spellings), its words in
    order; `missing_only`: only items with no value in the field at all (a category holds one
    value: an item with another is known not to meet it)."""
    phrases = [
        [stem(w) for w in words(form)]
        for value in alternatives(constraint.value)
        for form in (str(value), *spellings(str(value)))
    ]
    phrases = [p for p in phrases if p]
    fields = constraint.field.split("|")
    by_id = catalog.index.by_id
    candidates: set[str] = set()
    for phrase in phrases:
        naming = catalog.lexical.with_terms(phrase)
        # learned per catalog: a word most of whose items lack the value by field is a plain word
        # there ('a family', 'the kids'), no evidence of the value ('slasher', 'animated')
        if naming and len(naming & by_field) >= TEXT_RELIABLE * len(naming):
            candidates |= naming
    candidates = {
        i
        for i in candidates
        if i not in by_field and i in by_id and not (missing_only and any(by_id[i].facts.get(f) for f in fields))
    }
    if len(candidates) > MAX_READ:
        return {}
    return {
        item.id: FROM_TEXT
        for item in catalog.items(sorted(candidates))
        if any(_holds(item.description, phrase) for phrase in phrases)
    }


def _holds(text: str, phrase: list[str]) -> bool:
    """The phrase's words, in order, in the text."""
    said = [stem(w) for w in words(text)]
    size = len(phrase)
    return any(said[i : i + size] == phrase for i in range(len(said) - size + 1))


def _person_evidence(catalog: Catalog, constraint: Constraint, by_field: Set[str]) -> dict[str, str]:
    named = catalog.index.named_in_text
    found: dict[str, str] = {}
    for value in alternatives(constraint.value):
        for item_id in named.get(normalise_title(str(value)), ()):
            if item_id not in by_field:
                found.setdefault(item_id, FROM_TEXT)
    return found
