"""Ground truth for the conversation suite: each catalog's own records, read from its folder as
the files have them (not from the store, nor from what recchat learned of the fields), and the
suite's predicates checked against them. Deliberately independent of recchat's understanding:
its own parsing of ranges, amounts, units, names and words (judge_units), so a shared mistake
cannot pass unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recchat.catalog.fieldmap import FieldRules
from recchat.catalog.fields import apply_plan, plan_for
from recchat.catalog.items import DerivedIds, to_item
from recchat.catalog.readers import RawRecord, iter_catalog_files, read_records
from recchat.errors import CatalogError
from recchat.eval.judge_units import header_units, read_quantity, unit_named
from recchat.eval.suite import NUMERIC_OPS, Position, Predicate


@dataclass(frozen=True)
class Record:
    id: str
    title: str
    fields: Mapping[str, Any]  # the record as the file has it


class Truth:
    """One catalog's records by id (the id recchat stores them under)."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.records = {record.id: record for record in records}
        self.fields = {name for record in self.records.values() for name in record.fields}

    def __len__(self) -> int:
        return len(self.records)

    def get(self, item_id: str) -> Record | None:
        return self.records.get(item_id)


def read_truth(folder: Path) -> Truth:
    """Every valid record of a catalog folder, under the id an import gives it (read through the
    same field names and maps: a `Name` column is the title); the fields as the file has them.
    Invalid records are skipped, as an import skips them."""
    rules = FieldRules(folder)
    records = []
    ids = DerivedIds()  # as an import gives them to items that repeat a title
    for path in iter_catalog_files(folder):
        field_map, _ = rules.for_file(path)
        for raw in read_records(path):
            if not isinstance(raw.data, dict):
                continue
            plan = plan_for([str(column) for column in raw.data], field_map)
            try:
                item = ids.assign(to_item(RawRecord(raw.path, raw.line, apply_plan(raw.data, plan))))
            except CatalogError:
                continue
            records.append(Record(item.id, item.title, dict(raw.data)))
    return Truth(records)


def resolve(predicate: Predicate, previous: Sequence[Record]) -> Predicate | str:
    """A relative predicate ("older than the second one") made absolute from the last list, or
    why it cannot be: the list is too short, or the item has no such value."""
    if predicate.op not in ("below", "above") or predicate.field is None:
        return predicate
    chosen = at_position(previous, predicate.value)
    if not chosen:
        return f"the last list has no item {predicate.value}"
    spans = [span(record.fields.get(predicate.field), predicate.unit, predicate.field) for record in chosen]
    if any(s is None for s in spans):
        return f"the referenced item has no {predicate.field}"
    if predicate.op == "below":
        return Predicate("lt", min(s[0] for s in spans if s), predicate.kind, predicate.field, predicate.unit)
    return Predicate("gt", max(s[1] for s in spans if s), predicate.kind, predicate.field, predicate.unit)


def unit_problem(predicate: Predicate, truth: Truth) -> str | None:
    """Why a number predicate cannot be judged on this catalog as written, else None: its
    field's values carry units and it names none, or its unit is of another dimension than
    theirs (a predicate in € on a $ value, km on a duration)."""
    if predicate.op not in NUMERIC_OPS or predicate.field is None:
        return None
    field, header = predicate.field, header_units(predicate.field)
    for record in truth.records.values():
        value = record.fields.get(field)
        quantity = read_quantity(value, money=any(u.money for u in header))
        if quantity is None:
            continue
        if predicate.unit is None and quantity.units:
            return f'{field} is written with a unit ({value!r} in {record.title!r}): say the predicate\'s "unit"'
        if predicate.unit and quantity.convert(unit_named(predicate.unit), header) is None:
            where = f"{value!r} in {record.title!r}" if quantity.units else f"the column {field!r}"
            return f"{where} cannot be read in {predicate.unit}"
    return None


def at_position(items: Sequence[Any], pos: Position) -> list[Any]:
    if pos == "all":
        return list(items)
    if pos == "last":
        return list(items[-1:])
    index = int(pos) - 1
    return [items[index]] if 0 <= index < len(items) else []


def failure(predicate: Predicate, record: Record) -> str | None:
    """None when the record meets the predicate, else what it has instead."""
    if predicate.op == "text_not_contains":
        found = _contains_word(_all_text(record), str(predicate.value))
        return f"mentions {predicate.value!r}" if found else None
    if predicate.op == "title_not_contains":
        found = _contains_word([record.title], str(predicate.value))
        return f"title has {predicate.value!r}" if found else None
    assert predicate.field is not None
    value = record.fields.get(predicate.field)
    met = _meets(predicate, value)
    if met:
        return None
    shown = "nothing" if value is None or value == "" else repr(value)
    return f"{predicate.field} is {shown}"


def _meets(predicate: Predicate, value: Any) -> bool:
    op, wanted = predicate.op, predicate.value
    if op in ("has", "not_has"):
        found = _has_name(_texts(value), str(wanted))
        return found if op == "has" else not found
    if op in ("eq", "ne"):
        equal = any(text.casefold() == str(wanted).casefold() for text in _texts(value))
        return equal if op == "eq" else not equal
    bounds = span(value, predicate.unit, predicate.field)
    if bounds is None:
        return False
    low, high = bounds
    if op == "between":
        floor, ceiling = wanted
        return (floor is None or low >= floor) and (ceiling is None or high <= ceiling)
    tests = {
        "covers": lambda: low <= wanted <= high,
        "max_at_least": lambda: high >= wanted,
        "min_at_most": lambda: low <= wanted,
        "lt": lambda: high < wanted,
        "gt": lambda: low > wanted,
    }
    return bool(tests[op]())


def span(value: Any, unit: str | None = None, field: str | None = None) -> tuple[float, float] | None:
    """A number or a range as the file writes it ('2-5', '5+', '1,162', '$24.99', '4-6 hours',
    a [low, high] list), as (low, high): in `unit` when given (by the value's own unit, else the
    column header's, else as it is); None when it is no number, or in another dimension."""
    wanted = unit_named(unit) if unit else None
    header = header_units(field) if field else ()
    money = any(u.money for u in (*header, *([wanted] if wanted else [])))
    quantity = read_quantity(value, money=money)
    if quantity is None:
        return None
    return quantity.convert(wanted, header) if wanted else (quantity.low, quantity.high)


def _texts(value: Any) -> list[str]:
    if value is None or isinstance(value, bool | dict):
        return []
    if isinstance(value, list):
        return [text for element in value for text in _texts(element)]
    return [str(value)]


def _all_text(record: Record) -> list[str]:
    return [record.title, *(text for value in record.fields.values() for text in _texts(value))]


def _normal(text: str) -> str:
    return " ".join(text.casefold().replace(".", " ").split())


def _has_name(texts: Sequence[str], name: str) -> bool:
    """A person or tag: the whole value, or whole words inside it ("horror" in "body horror"),
    case and initials' dots aside."""
    pattern = re.compile(r"(?<!\w)" + re.escape(_normal(name)) + r"(?!\w)")
    return any(pattern.search(_normal(text)) for text in texts)


def _contains_word(texts: Sequence[str], word: str) -> bool:
    """A word or phrase, with a plural or possessive ending: "marvel" in "Marvel's heroes"."""
    words = r"\s+".join(re.escape(part) for part in word.casefold().split())
    pattern = re.compile(r"(?<!\w)" + words + r"(?:s|es|'s|’s)?(?!\w)", re.IGNORECASE)
    return any(pattern.search(text) for text in texts)
