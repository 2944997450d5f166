"""What a number field measures, learned at import from its cells and its header: the dimension
(a duration, a distance, money, energy, a percentage, a rating, or a plain count), the unit its
values are stored in (the dimension's base: minutes, metres, grams, kcal; a currency for money),
the decimal mark the export used, and the noun that names it ("episode length", "servings").

Cells are read with their own units ("45 min", "1 hr 20 min", "4-6 hours", "$24.99", "1,162"),
so values written in several units of one dimension compare in one."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from recchat.language import load
from recchat.language.quantities import OPEN_END, Quantity, header_unit, read_cell
from recchat.language.units import Unit, units

MOSTLY = 0.9  # share of a field's cells that must read as numbers for it to be a number field


@dataclass(frozen=True)
class Measure:
    dimension: str | None = None  # None: a plain count (of pages, players, reviews ...)
    unit: str | None = None  # the unit values are stored in (a base unit, or a currency)
    written: str | None = None  # the unit the export wrote most ("km", "h"): how to show numbers
    bare: str | None = None  # the unit of cells written without one ("45" among "4-6 hours": min)
    decimal: str = "."
    noun: str = ""  # the header's own words, less units and filler: "episode length", "seasons"


@dataclass
class _Accumulator:
    """Running figures of one field's cells read with one decimal mark."""

    decimal: str
    read: int = 0
    ranges: int = 0
    units: Counter[str] = field(default_factory=Counter)  # unit id -> cells
    dimensions: Counter[str] = field(default_factory=Counter)
    nouns: Counter[str] = field(default_factory=Counter)
    low: dict[str, float] = field(default_factory=dict)  # per dimension ('' for unit-less cells)
    high: dict[str, float] = field(default_factory=dict)

    def add(self, value: object) -> Quantity | None:
        quantity = read_cell(value, self.decimal)
        if quantity is None:
            return None
        self.read += 1
        self.ranges += quantity.is_range
        dimension = quantity.unit.dimension if quantity.unit else ""
        if quantity.unit is not None:
            self.units[quantity.unit.id] += bool(quantity.unit.id)  # 'Free' is money of no currency
            self.dimensions[dimension] += 1
        if quantity.noun:
            self.nouns[quantity.noun] += 1
        low, high = quantity.in_base()
        self.low[dimension] = min(low, self.low.get(dimension, low))
        if high != OPEN_END or dimension:
            self.high[dimension] = max(high, self.high.get(dimension, high))
        return quantity


class NumberStats:
    """A field's cells read as quantities, with either decimal mark; the one that reads more
    cells (and contradicts fewer) is the export's."""

    def __init__(self) -> None:
        self._dot = _Accumulator(".")
        self._comma = _Accumulator(",")

    def add(self, value: object) -> bool:
        """Whether the cell reads as a quantity."""
        read = self._dot.add(value) is not None
        if isinstance(value, str) and ("," in value or "." in value):
            read = (self._comma.add(value) is not None) or read
        elif read:
            self._comma.add(value)
        return read

    @property
    def chosen(self) -> _Accumulator:
        return self._comma if self._comma.read > self._dot.read else self._dot

    @property
    def read(self) -> int:
        return self.chosen.read

    @property
    def ranges(self) -> int:
        return self.chosen.ranges

    def consistent(self) -> bool:
        """One dimension at most among the cells that carry a unit (a column of '45 min' and
        '12 km' is no one measure)."""
        return len(self.chosen.dimensions) <= 1

    def bounds(self, measure: Measure) -> tuple[float | None, float | None]:
        """The smallest and largest value, in the field's stored unit."""
        found = self.chosen
        factor = _factor(measure)
        lows = [found.low[d] for d in {measure.dimension or ""} - {""} if d in found.low]
        highs = [found.high[d] for d in {measure.dimension or ""} - {""} if d in found.high]
        lows += [found.low[""] * factor] if "" in found.low else []
        highs += [found.high[""] * factor] if "" in found.high else []
        return (min(lows) if lows else None), (max(highs) if highs else None)

    def measure(self, name: str, unit_said: str | None = None) -> Measure:
        """What the field measures: the unit its cells write most, else its header's, else what
        its header's words say; `unit_said` (a map file's) over all of them."""
        found = self.chosen
        noun = header_noun(name)
        if unit_said:
            said = units().named(unit_said) or units().symbols.get(unit_said.lower())
            if said is not None:
                return Measure(said.dimension, said.base or None, said.id, said.id, found.decimal, noun)
        written = next((u for u, n in found.units.most_common() if n), None)
        unit = units().with_id(written)
        header = header_unit(name)
        if unit is None:
            unit = header or _unit_of_header_words(name)
            written = unit.id if unit else None
        if unit is None:
            return Measure(_dimension_of_header_words(name), None, None, None, found.decimal, noun)
        bare = header.id if header is not None else load("units")["dimensions"][unit.dimension].get("bare", written)
        return Measure(unit.dimension, unit.base or None, written, bare, found.decimal, noun)


def _factor(measure: Measure) -> float:
    """Base units per unit-less cell: a '(km)' header makes a plain 12.4 mean 12,400 m; a bare
    '45' among durations is minutes."""
    unit = units().with_id(measure.bare or measure.written)
    return unit.factor if unit is not None and unit.dimension != "money" else 1.0


def cell_in_base(value: object, measure: Measure) -> tuple[float, float] | None:
    """A cell in the field's stored unit: its own unit converted, or (unit-less) the header's."""
    quantity = read_cell(value, measure.decimal)
    if quantity is None:
        return None
    if quantity.unit is not None and quantity.unit.dimension not in (measure.dimension, "money"):
        return None  # another dimension than the field's: not comparable
    if quantity.unit is None:
        factor = _factor(measure)
        high = quantity.high if quantity.high == OPEN_END else quantity.high * factor
        return quantity.low * factor, high
    return quantity.in_base()


def _words(name: str) -> list[str]:
    """A header's words, lower case, without what is in brackets ('Distance (km)' -> distance)."""
    plain = re.sub(r"[(\[][^)\]]*[)\]]", " ", name)
    plain = re.sub(r"([a-z])([A-Z])", r"\1 \2", plain)  # 'playingTime'
    return re.findall(r"[a-z]+", plain.lower())


def header_noun(name: str) -> str:
    """'Number of Seasons' -> 'seasons'; 'Elevation gain (m)' -> 'elevation gain';
    'Weight_kg' -> 'weight'; 'ABV %' -> 'abv'."""
    skip = set(load("fields")["not_nouns"]["words"])
    kept = [w for w in _words(name) if w not in skip]
    if len(kept) > 1 and units().named(kept[-1]) is not None:
        kept = kept[:-1]  # 'Weight_kg': the unit is no part of the noun
    return " ".join(kept)


def _dimension_of_header_words(name: str) -> str | None:
    entry = _measure_entry(name)
    return str(entry["dimension"]) or None if entry else None


def _unit_of_header_words(name: str) -> Unit | None:
    entry = _measure_entry(name)
    unit = entry.get("unit") if entry else None
    return units().named(str(unit)) if unit else None


def _measure_entry(name: str) -> dict[str, object] | None:
    said = " ".join(_words(name))
    for entry in load("fields")["measure"]:
        if any(re.search(rf"\b{re.escape(w)}\b", said) for w in entry["words"]):
            return dict(entry)
    return None


def header_says(name: str, section: str) -> bool:
    """Whether a header holds a word of fields.toml's `section` ('people', 'kind', 'ages' ...)."""
    said = " ".join(_words(name))
    return any(re.search(rf"\b{re.escape(w)}\b", said) for w in load("fields")[section]["words"])


def header_is(name: str, section: str) -> bool:
    """Whether a header is, as a whole, a word of fields.toml's `section` ('Type', 'item_type')."""
    return " ".join(_words(name)) in set(load("fields")[section]["words"])
