"""The conversation judge reads numbers as exports write them ('1,162', '$24.99', '13.5%',
'1 hr 20 min', '4-6 hours') and converts them into the unit a predicate names: every example of
its data file, predicates with units on records, relative turns in a unit, the kinds a suite's
predicates get, and the suite errors for a unit that cannot be read."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from recchat.errors import InvalidCatalogError
from recchat.eval.conversations import load_truths
from recchat.eval.judge import Record, failure, resolve, span
from recchat.eval.judge_units import examples, header_units, read_quantity
from recchat.eval.suite import Predicate, read_conversation, read_suite


@pytest.mark.parametrize("example", examples(), ids=lambda e: f"{e['value']}|{e.get('unit')}|{e.get('header')}")
def test_every_example_of_the_units_file_reads_as_it_says(example: dict[str, Any]) -> None:
    got = span(example["value"], example.get("unit"), example.get("header"))
    if example["low"] is None:
        assert got is None
        return
    high = example.get("high", example["low"])
    assert got is not None
    assert got[0] == pytest.approx(example["low"], rel=1e-4)
    assert got[1] == (math.inf if high is None else pytest.approx(high, rel=1e-4))


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Distance (km)", "km"),
        ("Weight_kg", "kg"),
        ("Prep Time (mins)", "min"),
        ("Price (USD)", "USD"),
        ("ABV %", "%"),
        ("playtime_minutes", "min"),
        ("Elevation Gain (ft)", "ft"),
        ("Number of Pages", None),
        ("Original Publication Year", None),
        ("min_age", None),
    ],
)
def test_a_column_header_names_its_unit(header: str, unit: str | None) -> None:
    found = header_units(header)
    assert (found[0].name if found else None) == unit


def between(field: str, low: float | None, high: float | None, unit: str | None) -> Predicate:
    return Predicate("between", (low, high), "unit number", field, unit)


@pytest.mark.parametrize(
    ("fields", "predicate", "met"),
    [
        ({"Length": "7.7 mi"}, between("Length", None, 13, "km"), True),  # 12.39 km
        ({"Length": "7.7 mi"}, between("Length", None, 12, "km"), False),
        ({"Length": "12.4 km"}, between("Length", None, 8, "mi"), True),  # 7.7 mi
        ({"Length": "12.4 km"}, between("Length", None, 7.5, "mi"), False),
        ({"Elevation Gain": "3,200 ft"}, between("Elevation Gain", 900, 1000, "m"), True),
        ({"Estimated Time": "4h 30m"}, between("Estimated Time", None, 4.5, "h"), True),
        ({"Estimated Time": "4h 30m"}, between("Estimated Time", None, 269, "min"), False),
        ({"Estimated Time": "45 min"}, between("Estimated Time", None, 1, "h"), True),
        ({"Estimated Time": "4-6 hours"}, between("Estimated Time", None, 5, "h"), False),  # the whole range
        ({"Price": "$1,250.00"}, between("Price", 1000, None, "USD"), True),
        ({"Price": "$24.99"}, between("Price", None, 20, "$"), False),
        ({"Price": "Free"}, between("Price", None, 20, "USD"), True),
        ({"Price (USD)": "Free"}, between("Price (USD)", None, 0, None), True),
        ({"ABV": "13.5%"}, between("ABV", 14, None, "%"), False),
        ({"ABV": "14.5%"}, between("ABV", 14, None, "%"), True),
        ({"Distance (km)": 12}, between("Distance (km)", None, 10, "mi"), True),  # 7.46 mi, by the header
        ({"Weight_kg": 2}, between("Weight_kg", 4, None, "lb"), True),
        ({"Reviews": "1,162"}, between("Reviews", 1000, None, None), True),
        ({"Reviews": "74k"}, between("Reviews", 80000, None, None), False),
        ({"Runtime": 42}, between("Runtime", None, 45, "min"), True),  # no unit anywhere: as it is
        ({"Price": "€ 20"}, between("Price", None, 30, "USD"), False),  # never converted between currencies
        ({}, between("Length", None, 10, "km"), False),
    ],
)
def test_number_predicates_read_the_value_in_their_unit(
    fields: dict[str, Any], predicate: Predicate, met: bool
) -> None:
    assert (failure(predicate, Record("x", "X", fields)) is None) is met


def test_free_is_nothing_only_where_the_column_holds_money() -> None:
    assert read_quantity("Free", money=True) is not None
    assert read_quantity("Free") is None
    assert failure(between("Entry", None, 10, None), Record("x", "X", {"Entry": "Free"})) is not None


def test_a_relative_turn_compares_in_its_unit() -> None:
    shown = [Record("a", "A", {"Length": "5 mi"}), Record("b", "B", {"Length": "9.5 km"})]
    shorter = Predicate("below", "all", "relative number", "Length", "km")
    made = resolve(shorter, shown)
    assert isinstance(made, Predicate) and made.op == "lt" and made.value == pytest.approx(8.04672)
    assert failure(made, Record("c", "C", {"Length": "4.9 mi"})) is None  # 7.89 km
    assert failure(made, Record("d", "D", {"Length": "8.1 km"})) is not None
    longer = resolve(Predicate("above", 2, "relative number", "Length", "mi"), shown)
    assert isinstance(longer, Predicate) and longer.value == pytest.approx(5.903, rel=1e-3)


def write(folder: Path, items: list[dict[str, Any]], where: list[dict[str, Any]]) -> Path:
    (folder / "shop").mkdir()
    (folder / "shop" / "items.json").write_text(json.dumps(items))
    (folder / "catalogs.json").write_text(json.dumps({"shop": "shop"}))
    conversation = {"id": "c", "catalog": "shop", "turns": [{"say": "x", "expect": {"where": where}}]}
    (folder / "suite.jsonl").write_text(json.dumps(conversation) + "\n")
    return folder / "suite.jsonl"


TRAILS = [
    {"id": "1", "name": "Falls Loop", "length": "12.4 km", "price": "$5", "time": "1h 20m", "kind": "Loop"},
    {"id": "2", "name": "Ridge Walk", "length": "3 mi", "price": "Free", "time": "45 min", "kind": "Out & back"},
]


def test_predicates_say_their_unit_and_get_kinds(tmp_path: Path) -> None:
    where = [
        {"field": "length", "max": 10, "unit": "miles"},
        {"field": "time", "max": 2, "unit": "hours"},
        {"field": "price", "max": 10, "unit": "$"},
        {"field": "kind", "eq": "Loop"},
        {"field": "name", "ne": "x"},
        {"field": "name", "has": "Falls", "kind": "list value"},
    ]
    turn = read_suite(write(tmp_path, TRAILS, where)).conversations[0].turns[0]
    assert [(p.kind, p.unit) for p in turn.where] == [
        ("unit number", "mi"),
        ("unit number", "h"),
        ("unit number", "USD"),
        ("kind", None),
        ("category", None),
        ("list value", None),
    ]
    assert "length <= 10 mi" in turn.where[0].describe()


@pytest.mark.parametrize(
    ("predicate", "kind"),
    [
        ({"field": "Price (USD)", "max": 10}, "unit number"),
        ({"field": "Episode Length (min)", "max": 45}, "minutes"),
        ({"field": "Length", "max": 10, "unit": "km"}, "unit number"),
        ({"field": "Vintage", "min": 2015}, "number"),
        ({"field": "Length", "below": {"ref": 1}, "unit": "km"}, "relative number"),
        ({"field": "year", "below": {"ref": 1}}, "relative year"),
        ({"field": "Region", "eq": "Rioja"}, "category"),
        ({"field": "Format", "ne": "podcast"}, "kind"),
    ],
)
def test_predicates_get_a_kind_from_their_op_field_and_unit(predicate: dict[str, Any], kind: str) -> None:
    turns = [{"say": "first"}, {"say": "then", "expect": {"where": [predicate]}}]
    conversation = read_conversation({"id": "c", "catalog": "shop", "turns": turns}, {"shop": Path()}, Path("x"), 1)
    assert conversation.turns[1].where[0].kind == kind


@pytest.mark.parametrize(
    ("predicate", "message"),
    [
        ({"field": "length", "max": 10, "unit": "furlongs"}, "unknown unit 'furlongs'"),
        ({"field": "kind", "eq": "Loop", "unit": "km"}, "number operators only"),
    ],
)
def test_a_bad_unit_is_named_by_line(tmp_path: Path, predicate: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidCatalogError) as caught:
        read_suite(write(tmp_path, TRAILS, [predicate]))
    assert f"{tmp_path / 'suite.jsonl'}:1:" in str(caught.value) and message in str(caught.value)


@pytest.mark.parametrize(
    ("predicate", "message"),
    [
        ({"field": "length", "max": 10}, 'say the predicate\'s "unit"'),
        ({"field": "price", "max": 10, "unit": "EUR"}, "'$5' in 'Falls Loop' cannot be read in EUR"),
        ({"field": "time", "max": 10, "unit": "km"}, "cannot be read in km"),
    ],
)
def test_a_unit_that_cannot_be_read_is_a_suite_error(tmp_path: Path, predicate: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidCatalogError) as caught:
        load_truths(read_suite(write(tmp_path, TRAILS, [predicate])))
    assert f"{tmp_path / 'suite.jsonl'}:1:" in str(caught.value) and message in str(caught.value)
