"""Quantities as catalogs write them in a cell: "45 min", "1 hr 20 min", "1h20", "PT45M", "45:44",
"4-6 hours", "12.4 km", "$24.99", "€1.299,00", "1,162", "74k", "13.5%", "3+", "Free". Read into
(low, high) with their unit, so a catalog's numbers can be compared in one unit whatever the
export wrote. The units and words are data (units.toml); this module only reads their shapes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from recchat.language.units import Unit, units

OPEN_END = 99.0  # "3+" players: no stated upper bound (as recchat has always read it)
# Digits with thousands separators, then a decimal part; one pattern per decimal mark.
_DOT_DECIMAL = r"\d{1,3}(?:(?:,|[ \u00a0\u202f'])\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_COMMA_DECIMAL = r"\d{1,3}(?:(?:\.|[ \u00a0\u202f'])\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# 'm2' a unit with its power; 'km/h' a unit per another
_WORD = r"[^\W\d_]{1,3}[23](?!\d)|[^\W\d_]{1,3}/[^\W\d_](?![^\W\d_])|[^\W\d_]+\.?|[%\"'$€£¥₹]"
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", re.I)
# '45:44', '1:02:30': a clock-style length (minutes:seconds, or hours:minutes:seconds), as music
# and video exports write it; a time of day is no item's property in a catalog
_CLOCK = re.compile(r"^(?:(\d{1,3}):)?(\d{1,3}):([0-5]\d)$")
_DASH = re.compile(r"^\s*(?:-|–|—|to|\.\.)\s*", re.I)
MAX_NOUN_WORDS = 3  # "2-4 players", "45 episodes": a few words after a number name what it counts


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float
    unit: Unit | None = None
    noun: str = ""  # a word after the number that is no unit ("players" in "2-4 players")

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def in_base(self) -> tuple[float, float]:
        if self.unit is None:
            return self.low, self.high
        high = self.high if self.high == OPEN_END and self.unit.dimension != "money" else self.unit.to_base(self.high)
        return self.unit.to_base(self.low), high


def number_pattern(decimal: str = ".") -> str:
    return _COMMA_DECIMAL if decimal == "," else _DOT_DECIMAL


def to_number(text: str, decimal: str = ".") -> float:
    """'1,162' -> 1162; '1.162,5' with a decimal comma -> 1162.5; '12,5' (comma) -> 12.5."""
    thousands = "." if decimal == "," else ","
    cleaned = re.sub(r"[ \u00a0\u202f']", "", text).replace(thousands, "")
    return float(cleaned.replace(",", ".")) if decimal == "," else float(cleaned)


def read_cell(value: object, decimal: str = ".") -> Quantity | None:
    """A cell as a quantity, or None when it is something else (text, a date, a list)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return Quantity(float(value), float(value))
    if not isinstance(value, str):
        return None
    text = " ".join(value.replace("\u00a0", " ").split())
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]  # a spreadsheet's guard against rounding
    if not text or len(text) > 40:
        return None
    money = units().money_words.get(text.lower())
    if money is not None:
        return Quantity(money, money, Unit("", "money", 1.0))
    return _iso_duration(text) or _clock(text) or _compound_duration(text, decimal) or _amount(text, decimal)


def _iso_duration(text: str) -> Quantity | None:
    found = _ISO_DURATION.match(text)
    if not found or not any(found.groups()):
        return None
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in found.groups())
    total = days * 1440 + hours * 60 + minutes + seconds / 60
    return Quantity(total, total, units().named("min"))


def _clock(text: str) -> Quantity | None:
    found = _CLOCK.match(text)
    if found is None or (found.group(1) is not None and int(found.group(2)) >= 60):
        return None
    hours, minutes, seconds = (float(g) if g else 0.0 for g in found.groups())
    total = hours * 60 + minutes + seconds / 60
    return Quantity(total, total, units().named("min"))


def _compound_duration(text: str, decimal: str) -> Quantity | None:
    """'1 hr 20 min', '1h20', '1h 20m', '2 days 3 hours': two or more parts, all durations."""
    part = re.compile(rf"({number_pattern(decimal)})\s*([^\W\d_]+)\.?\s*")
    parts: list[re.Match[str]] = []
    position = 0
    while (found := part.match(text, position)) is not None:
        parts.append(found)
        position = found.end()
    trailing = re.fullmatch(rf"({number_pattern(decimal)})\s*", text[position:])
    if (position < len(text) and trailing is None) or len(parts) + bool(trailing) < 2:
        return None  # one part alone ('45 min') is an amount
    total, last = 0.0, None
    for found in parts:
        unit = units().named(found.group(2))
        if found.group(2).lower() == "m" and last is not None and last.id == "h":
            unit = units().named("min")  # '1h 20m': minutes after hours
        if unit is None or unit.dimension != "duration":
            return None
        total += unit.to_base(to_number(found.group(1), decimal))
        last = unit
    if trailing is not None:
        if last is None or last.id != "h":
            return None
        total += to_number(trailing.group(1), decimal)  # '1h20'
    return Quantity(total, total, units().named("min"))


def _amount(text: str, decimal: str) -> Quantity | None:
    """[sign] number [multiplier] [unit] [- [sign] number [multiplier] [unit]] [+] [unit] [noun]."""
    rest = text
    symbol, rest = _symbol(rest)
    first = _number_at(rest, decimal)
    if first is None:
        return None
    low, rest = first
    unit_one, rest = _unit_at(rest, symbol)
    high, unit_two = low, None
    dash = _DASH.match(rest)
    if dash:
        after_symbol, after = _symbol(rest[dash.end() :])
        second = _number_at(after, decimal)
        if second is None:
            return None
        high, rest = second
        unit_two, rest = _unit_at(rest, symbol or after_symbol)
    elif rest.startswith("+"):
        high, rest = OPEN_END, rest[1:].lstrip()
        unit_two, rest = _unit_at(rest, symbol)
    unit = unit_two or unit_one
    if unit_one is not None and unit_two is not None and unit_one.dimension == unit_two.dimension != "money":
        low = unit_one.to_base(low) / unit_two.factor  # '45 min - 2 h': both in the second unit
    noun = rest.strip().lower()
    if noun and (len(noun.split()) > MAX_NOUN_WORDS or not re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", noun)):
        return None
    if high < low:
        return None
    return Quantity(low, high, unit, noun)


def _symbol(text: str) -> tuple[Unit | None, str]:
    """A currency written before the number: '$', '€', 'US$', 'EUR ', 'C$'."""
    found = re.match(r"^([^\W\d_]{0,3}[$€£¥₹]|[$€£¥₹]|[A-Za-z]{3}(?=\s*\d)|rs\.?(?=\s*\d))\s*", text, re.I)
    if not found:
        return None, text
    unit = units().symbols.get(found.group(1).lower())
    return (unit, text[found.end() :]) if unit else (None, text)


def _number_at(text: str, decimal: str) -> tuple[float, str] | None:
    found = re.match(rf"({number_pattern(decimal)})", text)
    if not found:
        return None
    value = to_number(found.group(1), decimal)
    rest = text[found.end() :]
    multiplier = re.match(r"\s?([A-Za-z]+)\b", rest)
    if multiplier:
        word = multiplier.group(1)
        factor = units().multipliers.get(word if len(word) == 1 else word.lower())
        if factor is not None and (len(word) > 1 or not rest.startswith(" ")):
            return value * factor, rest[multiplier.end() :].lstrip()
    return value, rest.lstrip()


def _unit_at(text: str, symbol: Unit | None) -> tuple[Unit | None, str]:
    """The unit right after a number ('km', '%', 'min', 'USD', 'sq ft'), or the currency said before it."""
    pair = re.match(rf"({_WORD})\s+({_WORD})(?:\s+|$)", text)
    unit = units().named(f"{pair.group(1)} {pair.group(2)}") if pair else None
    if pair and unit is not None and symbol is None:
        return unit, text[pair.end() :].lstrip()
    found = re.match(rf"({_WORD})(?:\s+|$)", text) or re.match(r"([%\"'])", text)
    if found:
        unit = units().named(found.group(1).rstrip(".")) or units().symbols.get(found.group(1).lower())
        if unit is not None and (symbol is None or unit == symbol):
            return unit, text[found.end() :].lstrip()
    return symbol, text


def header_unit(name: str) -> Unit | None:
    """The unit a column's header names: 'Distance (km)', 'Price (USD)', 'Weight_kg', 'ABV %',
    'Prep Time (mins)', 'Length [mi]', 'Price in €'. A bare 'min' or 'max' at the end of a name is
    a bound ('age_min'), not minutes."""
    lowered = name.lower()
    bracketed = re.findall(r"[(\[]\s*([^)\]]+?)\s*[)\]]", lowered)
    for inside in bracketed:
        unit = units().named(inside) or units().symbols.get(inside)
        if unit is not None:
            return unit
    tokens = re.findall(r"[a-z]+|[%$€£¥₹]", lowered)
    if len(tokens) >= 2:
        last = tokens[-1]
        if last in {"min", "max", "m", "s", "d", "in", "k", "b"}:
            return None
        if (
            tokens[-2] == "in"
            or last in {"%", "$", "€", "£", "¥", "₹"}
            or re.search(r"[_\s-]" + re.escape(last) + "$", lowered)
        ):
            return units().named(last) or units().symbols.get(last)
    return None
