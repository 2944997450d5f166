"""Explicit constraints as hard filters: which items meet them, over the whole catalog's index
(fast: plain values in memory), and, for the few items about to be shown, checked again on
their full text. When fewer than needed meet them all, ranking/select.py fills the list with
the closest others, and the reply says so."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from recchat.catalog.items import item_text
from recchat.domain import Constraint, Item
from recchat.ranking.implications import implied_holders
from recchat.ranking.values import alternatives, category, has_any_tag, has_words, strings
from recchat.text import normalise_title, stem, words

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog, IndexEntry

ALL_TEXT = "text"
TAGS = "tags"


def admissible(catalog: Catalog, constraints: Sequence[Constraint]) -> frozenset[str] | None:
    """Ids of the items that meet every constraint; None when there are none to meet."""
    if not constraints:
        return None
    index = catalog.index
    allowed = set(index.by_id)
    for constraint in sorted(constraints, key=lambda c: c.negated):  # narrow first, then take away
        found = _meeting(catalog, constraint, allowed)
        if constraint.negated and constraint.about == "tag":  # "no horror": nor what implies it
            found |= set(implied_holders(catalog, constraint))
        allowed = allowed - found if constraint.negated else allowed & found
    return frozenset(allowed)


def meeting_one(catalog: Catalog, constraint: Constraint) -> frozenset[str]:
    """The items that have what one wish asks for, by their own fields (its negation ignored)."""
    return frozenset(_meeting(catalog, constraint, set(catalog.index.by_id)))


def _meeting(catalog: Catalog, constraint: Constraint, among: set[str]) -> set[str]:
    """The items (of `among`, where a scan is needed) that have what the constraint is about,
    ignoring its negation: from inverted maps where there are some, else by a scan."""
    index = catalog.index
    if constraint.op == "mentions" and constraint.field == ALL_TEXT:
        terms = [stem(w) for w in words(str(constraint.value))]
        named = index.named_in_text.get(normalise_title(str(constraint.value)), set())
        return catalog.lexical.with_terms(terms) | named
    if constraint.about == "tag":
        found: set[str] = set()
        for field in constraint.field.split("|"):
            values = index.with_tag if field == TAGS else index.with_value(field)
            found.update(i for value, ids in values.items() if has_any_tag((value,), constraint.value) for i in ids)
        return found
    if constraint.about == "category":
        wanted = {category(v) for v in alternatives(constraint.value)}
        return {
            i
            for field in constraint.field.split("|")
            for v, ids in index.with_value(field).items()
            if v in wanted
            for i in ids
        }
    if constraint.about == "title":
        terms = [stem(w) for w in words(str(constraint.value))]
        holding = [index.title_words.get(term, set()) for term in terms]
        return set.intersection(*holding) if holding else set()
    by_id = index.by_id
    return {i for i in among if _positive(by_id[i], constraint)}


def meets_entry(entry: IndexEntry, constraint: Constraint) -> bool:
    result = _positive(entry, constraint)
    return not result if constraint.negated else result


def _positive(entry: IndexEntry, constraint: Constraint) -> bool:
    about, value = constraint.about, constraint.value
    if about == "year":
        low, high = value
        return entry.year is not None and (low is None or entry.year >= low) and (high is None or entry.year <= high)
    if about in ("kind", "category"):
        wanted = {category(v) for v in alternatives(value)}
        return any(entry.facts.get(field) in wanted for field in constraint.field.split("|"))
    if about == "number":
        return _number(entry.facts.get(constraint.field), constraint.op, value)
    if about == "person":
        return _person(entry, constraint)
    if about == "tag":
        held = [
            t for f in constraint.field.split("|") for t in (entry.tags if f == TAGS else strings(entry.facts.get(f)))
        ]
        return has_any_tag(held, value)
    if about == "title":
        return has_words(entry.title, str(value))
    return True


def _number(fact: Any, op: str, value: Any) -> bool:
    if fact is None:
        return False
    low, high = (float(fact[0]), float(fact[1])) if isinstance(fact, list) else (float(fact), float(fact))
    if op == "between":  # either end may be open: "at least 10 seasons"
        middle = (low + high) / 2
        return (value[0] is None or middle >= float(value[0])) and (value[1] is None or middle <= float(value[1]))
    if op == "covers" and isinstance(value, tuple | list):  # "for 2-4 people": all of them
        return low <= float(value[0]) and float(value[1]) <= high
    number = float(value)
    if op == "covers":
        return low <= number <= high
    if op == "at_least":  # the whole range: "at least 40 kg" is no breed of 37-41 kg
        return low >= number
    if op == "reaches":  # "for 5 or more players": a game for 2-6 can be played so
        return high >= number
    if op == "at_most":
        return high <= number
    if op == "below":  # "shorter" than everything shown
        return high < number
    if op == "above":
        return low > number
    return True


def _person(entry: IndexEntry, constraint: Constraint) -> bool:
    """Any of the people asked for ("with Brad Pitt or George Clooney": one value or several)."""
    keys = {normalise_title(str(v)) for v in alternatives(constraint.value)}
    for field in constraint.field.split("|"):
        names = entry.names if field == ALL_TEXT else entry.facts.get(field) or ()
        if any(normalise_title(n) in keys for n in names):
            return True
    return False


def meets_item(item: Item, entry: IndexEntry, constraint: Constraint) -> bool:
    """The final check on an item about to be shown: words and names in its whole text."""
    if constraint.op == "mentions" and constraint.field == ALL_TEXT:
        text = item_text(item, description_chars=None)  # the fields too, where no description tells it
        if constraint.about == "person":
            found = normalise_title(str(constraint.value)) in normalise_title(text)
        else:
            found = has_words(text, str(constraint.value))
        return not found if constraint.negated else found
    return meets_entry(entry, constraint)


def labels_met(item: Item, entry: IndexEntry | None, constraints: Sequence[Constraint]) -> tuple[str, ...]:
    """The labels of the constraints an item meets ('a movie', 'from the 1990s', 'no romance')."""
    if entry is None:
        return ()
    return tuple(c.label for c in constraints if c.label and meets_item(item, entry, c))
