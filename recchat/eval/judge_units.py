"""Quantities as exports write them, read by the conversation judge: '1,162', '74k', '$24.99',
'13.5%', '1 hr 20 min', '4-6 hours', '3,200 ft', and conversions between units of one dimension
(judge_units.json). The judge's own reading, independent of recchat's understanding on purpose.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("judge_units.json")
MONEY = "currency"  # dimensions of money are "currency USD", "currency EUR": never converted
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_WORD = r"%|[^\W\d_]+"
_DATE = re.compile(r"^(\d{4})-\d\d(?:-\d\d)?(?:[T ].*)?$")
_RATING = re.compile(rf"^({_NUM})\s*/\s*({_NUM})$")
_PREFIX = re.compile(r"^(?:([A-Za-z]{0,3}[$€£¥])|([A-Za-z]{3})\s)\s*")
_PART = re.compile(rf"({_NUM})\s*({_WORD})?\s*")
_PARTS = re.compile(rf"(?:{_PART.pattern})+")
_HEADER_WORDS = re.compile(r"[(\[]([^)\]]+)[)\]]|%|[^\W_]+")


@dataclass(frozen=True)
class Unit:
    name: str  # as a predicate's "unit" is shown: "km", "min", "USD", "%"
    dimension: str  # "length", "duration", ..., "currency USD"
    factor: float  # to the dimension's first unit

    @property
    def money(self) -> bool:
        return self.dimension.startswith(MONEY)


@dataclass(frozen=True)
class Quantity:
    """A value read from a catalog: a number or a range, and what its unit may be (two units for
    'm', a metre or a minute; none for a bare number or a count such as '2-4 players')."""

    low: float
    high: float
    units: tuple[Unit, ...] = ()

    def convert(self, wanted: Unit, header: tuple[Unit, ...] = ()) -> tuple[float, float] | None:
        """(low, high) in `wanted`: by the value's own unit, else the column header's, else as it
        is; None when that unit is of another dimension (km asked of minutes, € of $)."""
        units = self.units or header
        if not units:
            return self.low, self.high
        unit = next((u for u in units if u.dimension == wanted.dimension), None)
        if unit is None:
            return None
        return self.low * unit.factor / wanted.factor, self.high * unit.factor / wanted.factor


@dataclass(frozen=True)
class _Tables:
    units: dict[str, tuple[Unit, ...]]  # name, casefolded -> the units it may mean, in file order
    multipliers: dict[str, float]  # matched with their case
    free: frozenset[str]
    examples: tuple[dict[str, Any], ...]


@cache
def _tables() -> _Tables:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    units: dict[str, list[Unit]] = {}
    for dimension, table in data["dimensions"].items():
        for name, (factor, *aliases) in table.items():
            for alias in aliases:
                units.setdefault(alias.casefold(), []).append(Unit(name, dimension, float(factor)))
    for code, aliases in data["currencies"].items():
        for alias in [code, *aliases]:
            units.setdefault(alias.casefold(), []).append(Unit(code, f"{MONEY} {code}", 1.0))
    return _Tables(
        {alias: tuple(found) for alias, found in units.items()},
        {key: float(value) for key, value in data["multipliers"].items()},
        frozenset(word.casefold() for word in data["free"]),
        tuple(data["examples"]),
    )


def examples() -> tuple[dict[str, Any], ...]:
    """The data file's examples, each a test: {"value", "unit" asked for, "header", "low",
    "high"}; low null where the value is no number, or none in that unit."""
    return _tables().examples


def unit_named(name: str) -> Unit:
    """A predicate's unit: the first unit the name is listed under ('m' is the metre)."""
    found = _tables().units.get(name.strip().casefold())
    if not found:
        raise ValueError(f"unknown unit {name!r} (e.g. min, h, km, mi, m, ft, kg, kcal, GB, %, USD, EUR, GBP)")
    return found[0]


def units_of(word: str) -> tuple[Unit, ...]:
    return _tables().units.get(word.strip().casefold(), ())


def header_units(field: str) -> tuple[Unit, ...]:
    """The unit a column's name gives its numbers: in brackets ('Distance (km)', 'Price (USD)')
    or as its last word ('Weight_kg', 'ABV %', 'playtime_minutes'); () when it names none."""
    words = [(m.group(1) or m.group(0)).strip() for m in _HEADER_WORDS.finditer(field)]
    bracketed = [m.group(1).strip() for m in _HEADER_WORDS.finditer(field) if m.group(1)]
    for word in (*bracketed, *words[-1:]):
        if units_of(word):
            return units_of(word)
    return ()


def read_quantity(value: Any, *, money: bool = False) -> Quantity | None:
    """A number, a range or an amount as an export writes it; None when the value is none.
    `money`: the column holds amounts, so 'Free' is 0."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return Quantity(float(value), float(value)) if math.isfinite(value) else None
    if isinstance(value, list):
        numbers = [read_quantity(v) for v in value]
        if not value or any(n is None or n.units for n in numbers):
            return None
        return Quantity(min(n.low for n in numbers if n), max(n.high for n in numbers if n))
    if not isinstance(value, str):
        return None
    text = " ".join(value.replace("–", "-").replace("—", "-").split())
    if money and text.casefold() in _tables().free:
        return Quantity(0.0, 0.0)
    date = _DATE.match(text)
    if date:
        return Quantity(float(date.group(1)), float(date.group(1)))
    rating = _RATING.match(text)
    if rating:  # '4.2/5': the score, out of whatever
        return Quantity(_number(rating.group(1)), _number(rating.group(1)))
    return _compound(text) or _amount(text)


def _number(text: str, multiplier: str | None = None) -> float:
    return float(text.replace(",", "")) * (_tables().multipliers[multiplier] if multiplier else 1.0)


def _compound(text: str) -> Quantity | None:
    """'1 hr 20 min', '1h 20m', '1h20', '2 days 3 hours': parts of one dimension, summed, in the
    unit of the last part (a bare last number after hours is minutes)."""
    if not _PARTS.fullmatch(text):
        return None
    parts = [(m.group(1), m.group(2) or "") for m in _PART.finditer(text)]
    if len(parts) < 2:
        return None
    named = [units_of(word) for _, word in parts]
    if not named[-1] and any(u.name == "h" for u in named[-2]):
        named[-1] = (unit_named("min"),)
    if not all(named):
        return None
    dimensions = set.intersection(*({u.dimension for u in found} for found in named))
    if len(dimensions) != 1 or next(iter(dimensions)).startswith(MONEY):
        return None
    dimension = dimensions.pop()
    chosen = [next(u for u in found if u.dimension == dimension) for found in named]
    total = sum(_number(number) * unit.factor for (number, _), unit in zip(parts, chosen, strict=True))
    last = chosen[-1]
    return Quantity(total / last.factor, total / last.factor, (last,))


_AMOUNT = re.compile(
    rf"^(?P<sign>-)?(?P<a>{_NUM})(?:(?P<am>bn|k|K|M)(?![^\W\d_]))?\s*(?P<au>(?!to\b){_WORD}\$?)?\s*"
    rf"(?:(?:-|to\b)\s*(?P<pre2>[A-Za-z]{{0,3}}[$€£¥])?\s*(?P<b>{_NUM})(?:(?P<bm>bn|k|K|M)(?![^\W\d_]))?"
    rf"|(?P<plus>\+))?\s*(?P<unit>{_WORD})?$"
)


def _amount(text: str) -> Quantity | None:
    """'$1,250.00', '€ 20', '20 EUR', '74k', '13.5%', '12.4 km', '4-6 hours', '2-4 players',
    '5+': an optional currency before, a number or a range, an optional unit or noun after."""
    prefix = _PREFIX.match(text)
    before: tuple[Unit, ...] = ()
    if prefix:
        before = units_of(prefix.group(1) or prefix.group(2))
        if not before or not before[0].money:
            return None
        text = text[prefix.end() :]
    found = _AMOUNT.match(text)
    if not found:
        return None
    if found.group("pre2") and units_of(found.group("pre2")) != before:
        return None
    words = [w for w in (found.group("au"), found.group("unit")) if w]
    if found.group("au") and found.group("unit") and units_of(words[0]) != units_of(words[1]):
        return None  # '4 h - 6 min' is no range
    after = units_of(words[0]) if words else ()
    if words and not after and not words[0].islower():
        return None  # a count is written '2-4 players'; '7 Wonders' is a name
    if before and after and after != before:
        return None
    sign = -1.0 if found.group("sign") else 1.0
    low = sign * _number(found.group("a"), found.group("am"))
    high = math.inf if found.group("plus") else low
    if found.group("b"):
        low, high = sorted((low, _number(found.group("b"), found.group("bm"))))
    return Quantity(low, high, before or after)
