"""How the item's own values read as clauses after its title ("7 Wonders Duel" + "is for 2
players"), each in one or more true wordings, and how a wish it does not meet reads ("does not
fall under Sci-Fi"). The words around the values are general language (language/explaining.toml,
places.toml, scales.toml); the values are the catalog's, as it writes them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from recchat.explain.facts import NumberFact, ValueFact, as_noun
from recchat.explain.words import article, join_words
from recchat.language import load


@cache
def _roles() -> tuple[tuple[frozenset[str], str, str], ...]:
    return tuple(
        (frozenset(str(w) for w in role["words"]), str(role["verb"]), str(role["negative"]))
        for role in load("explaining")["role"]
    )


@cache
def _yes_no() -> tuple[frozenset[str], frozenset[str]]:
    table = load("explaining")["yes_no"]
    return frozenset(map(str, table["yes"])), frozenset(map(str, table["no"]))


@cache
def _places() -> dict[str, bool]:
    """Every place name, lower case -> whether it is the place itself ('spain'), not what people
    or things from there are called ('spanish')."""
    found: dict[str, bool] = {}
    for place in load("places")["place"]:
        for position, name in enumerate(place["names"]):
            found.setdefault(str(name), position == 0)
    return found


@cache
def _tiers() -> dict[str, str]:
    """Each word of a scale's tiers -> how a card says an item is on that tier ('full' ->
    'full-bodied', 'easy' -> 'easy')."""
    found: dict[str, str] = {}
    for scale in load("scales")["scale"]:
        for tier in scale["tiers"]:
            names = [str(t) for t in tier]
            for name in names:
                said = next((n for n in names if n.startswith(f"{name}-")), name)
                found.setdefault(name, said)
    return found


@cache
def _prepositions() -> dict[str, str]:
    return {str(n): str(entry["preposition"]) for entry in load("explaining")["where"] for n in entry["nouns"]}


def _where(noun: str) -> str:
    """'from' for a region or a country, 'in' for a park or a state: how a place field's value
    follows "is" ('is from Rioja', 'is in Zion National Park'); '' for other fields."""
    return next((p for word in reversed(noun.split()) if (p := _prepositions().get(word))), "")


def role(field: str) -> tuple[str, str]:
    """('is designed by', 'is not designed by') for a 'Designer' field; ('is by', 'is not by')
    for a field whose header names no role."""
    header = set(_header_words(field))
    for words, verb, negative in _roles():
        if header & words:
            return verb, negative
    return "is by", "is not by"


def _header_words(field: str) -> list[str]:
    return "".join(c.lower() if c.isalnum() else " " for c in field).split()


def person_clauses(field: str, names: Sequence[str]) -> tuple[str, ...]:
    return (f"{role(field)[0]} {join_words(list(names[:2]))}",)


def year_clauses(year: int) -> tuple[str, ...]:
    return (f"is from {year}",)


def number_clauses(fact: NumberFact) -> tuple[str, ...]:
    """'is for 2 to 4 players', 'takes 30-45 min', 'costs $27.99', 'is one you rated 9', 'has 320
    pages', 'has an elevation gain of 610 m'."""
    shown, noun = fact.shown, fact.noun
    measured = f"has {article(noun)} {noun} of {shown}"
    if fact.sort == "people_count":
        return (f"is for {shown.replace('-', ' to ')} {noun}",)
    if fact.sort == "age":
        return (f"is for ages {shown}",)
    if fact.sort == "duration":
        return (f"takes {shown}", measured)
    if fact.sort == "money":
        return (f"costs {shown}", f"is priced at {shown}")
    if fact.sort == "energy":
        return (f"has {shown}",)
    if fact.sort == "rating" and fact.own:
        return (f"is one you rated {shown}", f"got a {shown} from you")
    if fact.sort == "count" and noun.endswith("s") and " " not in noun:
        return (f"has {shown} {noun}",)
    return (measured,)


def value_clauses(fact: ValueFact, kind_noun: str | None = None) -> tuple[str, ...]:
    """'is a red', 'falls under Sci-Fi', 'lists waterfall under features', 'is from Spain', 'is
    Italian', 'is full-bodied', 'is not explicit', 'has Rioja as its region'."""
    return values_clauses([fact], kind_noun)


def values_clauses(facts: Sequence[ValueFact], kind_noun: str | None = None) -> tuple[str, ...]:
    """Several values of one field in one clause ('falls under cozy and mystery')."""
    first = facts[0]
    joined = join_words([f.value for f in facts])
    if first.kind == "kind":
        noun = as_noun(first.value)
        return (f"is {article(noun)} {noun}",)
    if first.kind == "tags":
        if kind_noun and all(f.value.islower() for f in facts):  # "a cozy mystery book"
            return (f"is {article(joined)} {joined} {kind_noun}", f"falls under {joined}")
        return (f"falls under {joined}",)
    if first.kind == "list":
        among = (f"has {joined} among its {first.noun}",) if first.noun.endswith("s") else ()
        return (f"lists {joined} under {first.noun}", *among)
    if len(facts) == 1:
        return _category_clauses(first)
    return (f"has {joined} as its {first.noun}",)


def _category_clauses(fact: ValueFact) -> tuple[str, ...]:
    value, noun, lowered = fact.value, fact.noun, fact.value.lower()
    yes, no = _yes_no()
    if fact.yes_no:
        if lowered in yes | no and " " not in noun:
            return (f"is {noun}",) if lowered in yes else (f"is not {noun}",)
        return (f"has {noun} set to {value}",)
    if lowered in _places():
        return (f"is from {value}",) if _places()[lowered] else (f"is {value}",)
    if fact.tiered and lowered in _tiers():
        return (f"is {_tiers()[lowered]}",)
    where = _where(noun)
    if where:
        return (f"is {where} {value}", f"has {value} as its {noun}")
    return (f"has {value} as its {noun}",)


def missed_value_clause(facts: Sequence[ValueFact]) -> str:
    """A wished value the item does not have, said as such: 'does not fall under Sci-Fi', 'is
    not a red', 'is not from Italy', 'does not have Rioja as its region'."""
    first = facts[0]
    joined = join_words([f.value for f in facts]).replace(" and ", " or ")
    lowered = first.value.lower()
    yes, _ = _yes_no()
    if first.kind == "kind":
        noun = as_noun(first.value)
        return f"is not {article(noun)} {noun}"
    if first.kind == "tags":
        return f"does not fall under {joined}"
    if first.kind == "list":
        return f"does not list {joined} under {first.noun}"
    if first.yes_no:
        return (
            f"is not {first.noun}"
            if lowered in yes and " " not in first.noun
            else f"does not have {first.noun} set to {joined}"
        )
    if lowered in _places() and len(facts) == 1:
        return f"is not from {first.value}" if _places()[lowered] else f"is not {first.value}"
    if first.tiered and lowered in _tiers() and len(facts) == 1:
        return f"is not {_tiers()[lowered]}"
    where = _where(first.noun)
    if where:
        return f"is not {where} {joined}"
    return f"does not have {joined} as its {first.noun}"


def missed_person_clause(field: str, names: Sequence[str]) -> str:
    return f"{role(field)[1]} {join_words(list(names[:2])).replace(' and ', ' or ')}"
