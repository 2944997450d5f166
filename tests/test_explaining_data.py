"""language/explaining.toml: every entry's example holds (rules are data, each with a test), and
the clauses built from it read an item's own values truly, whatever the catalog."""

from __future__ import annotations

import re

import pytest

from recchat.explain.facts import NumberFact, ValueFact, field_noun, spoken_title
from recchat.explain.frames import frames
from recchat.explain.phrases import missed_value_clause, number_clauses, role, value_clauses
from recchat.language import load

DATA = load("explaining")


@pytest.mark.parametrize("entry", DATA["role"], ids=lambda e: e["example"][0])
def test_each_role_example(entry: dict[str, object]) -> None:
    header, verb = entry["example"]  # type: ignore[misc]
    assert role(str(header))[0] == verb


@pytest.mark.parametrize("entry", DATA["where"], ids=lambda e: e["example"][0])
def test_each_place_example(entry: dict[str, object]) -> None:
    header, preposition = entry["example"]  # type: ignore[misc]
    fact = ValueFact(str(header), field_noun(str(header)), "category", "Somewhere")
    assert value_clauses(fact)[0] == f"is {preposition} Somewhere"


@pytest.mark.parametrize("entry", DATA["frame"], ids=lambda e: e["text"])
def test_each_frame_names_the_slots_it_needs(entry: dict[str, object]) -> None:
    text, need = entry["example"]  # type: ignore[misc]
    slots = set(re.findall(r"\{(\w+)\}", str(text)))
    assert text == entry["text"] and "title" in slots
    needs = {str(n) for n in entry["needs"]}  # type: ignore[attr-defined]
    assert need in needs or (need == "none" and not needs)
    assert {s for s in slots if s not in ("title", "shared", "liked")} <= needs | {"said"}
    # a claim of the request only beside a wish met
    if re.search(r"you asked|you wanted|as you", str(text)):
        assert "met" in needs


def test_no_frame_claims_the_whole_request() -> None:
    assert not [f for f in frames() if re.search(r"just what|exactly what|your request", f.text)]


def test_the_own_and_yes_no_examples() -> None:
    assert field_noun(DATA["own"]["example"][0]) == "your rating"
    fact = ValueFact("Explicit", "explicit", "category", "No", yes_no=True)
    assert value_clauses(fact) == ("is not explicit",)
    assert value_clauses(ValueFact("Dogs Allowed", "dogs allowed", "category", "On leash", yes_no=True)) == (
        "has dogs allowed set to On leash",
    )


@pytest.mark.parametrize(
    ("fact", "first"),
    [
        (NumberFact("Players", "players", "people_count", "2-4"), "is for 2 to 4 players"),
        (NumberFact("Play Time", "play time", "duration", "30-45 min"), "takes 30-45 min"),
        (NumberFact("Price", "price", "money", "$24.99"), "costs $24.99"),
        (NumberFact("My Rating", "your rating", "rating", "4.5/5", own=True), "is one you rated 4.5/5"),
        (NumberFact("IMDb Rating", "IMDb rating", "rating", "8.1"), "has an IMDb rating of 8.1"),
        (NumberFact("Elevation Gain", "elevation gain", "distance", "610 m"), "has an elevation gain of 610 m"),
        (NumberFact("Number of Pages", "pages", "count", "320"), "has 320 pages"),
        (NumberFact("Calories (kcal)", "calories", "energy", "420 kcal"), "has 420 kcal"),
    ],
)
def test_numbers_read_by_what_they_measure_in_the_unit_written(fact: NumberFact, first: str) -> None:
    assert number_clauses(fact)[0] == first


@pytest.mark.parametrize(
    ("fact", "first", "missed"),
    [
        (ValueFact("Type", "type", "kind", "Red"), "is a red", "is not a red"),
        (ValueFact("tags", "", "tags", "Sci-Fi"), "falls under Sci-Fi", "does not fall under Sci-Fi"),
        (
            ValueFact("Features", "features", "list", "waterfall"),
            "lists waterfall under features",
            "does not list waterfall under features",
        ),
        (ValueFact("Country", "country", "category", "Italy"), "is from Italy", "is not from Italy"),
        (ValueFact("Cuisine", "cuisine", "category", "Italian"), "is Italian", "is not Italian"),
        (ValueFact("Body", "body", "category", "Full", tiered=True), "is full-bodied", "is not full-bodied"),
        # a tier's word in a field of another sort ('Medium' light) is no tier
        (
            ValueFact("Light", "light", "category", "Medium"),
            "has Medium as its light",
            "does not have Medium as its light",
        ),
        (ValueFact("Park", "park", "category", "Zion"), "is in Zion", "is not in Zion"),
        (ValueFact("Status", "status", "category", "Own"), "has Own as its status", "does not have Own as its status"),
    ],
)  # fmt: skip
def test_values_read_by_their_field(fact: ValueFact, first: str, missed: str) -> None:
    assert value_clauses(fact)[0] == first
    assert missed_value_clause([fact]) == missed


def test_a_title_as_people_say_it() -> None:
    assert spoken_title("Dune (Dune, #1)") == "Dune"
    assert spoken_title("Heat (1995)") == "Heat"
    assert spoken_title("Guards! Guards! (Discworld, #8)") == "Guards! Guards!"


def test_a_field_is_a_scale_when_most_of_its_values_are_its_tiers() -> None:
    from recchat.explain.facts import _tiered

    assert _tiered(("Light", "Medium", "Full"))
    assert not _tiered(("Low light", "Medium", "Bright indirect", "Direct sun"))
