"""Units of measure and currencies (units.toml), looked up by how they are written."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from recchat.language import load


@dataclass(frozen=True)
class Unit:
    """A unit, or a currency (then `dimension` is "money" and `factor` 1: money is never
    converted between currencies)."""

    id: str
    dimension: str
    factor: float  # base units in one of these

    @property
    def base(self) -> str:
        if self.dimension == "money":
            return self.id
        return str(load("units")["dimensions"][self.dimension]["base"])

    def to_base(self, amount: float) -> float:
        return amount * self.factor


@dataclass(frozen=True)
class Units:
    by_name: dict[str, Unit]  # as written in catalog values and headers (lower case)
    in_chat: dict[str, Unit]  # as people type them
    symbols: dict[str, Unit]  # currency signs and codes written before a number ("$", "eur")
    multipliers: dict[str, float]  # "k", "M", "million" (single letters case-sensitive)
    money_words: dict[str, float]  # "free"
    by_id: dict[str, Unit]

    def with_id(self, unit_id: str | None) -> Unit | None:
        return self.by_id.get(unit_id) if unit_id else None

    def named(self, name: str, *, chat: bool = False) -> Unit | None:
        return (self.in_chat if chat else self.by_name).get(name.lower())

    def dimension_base(self, dimension: str) -> str:
        return str(load("units")["dimensions"].get(dimension, {}).get("base", ""))


@cache
def units() -> Units:
    data = load("units")
    by_name: dict[str, Unit] = {}
    in_chat: dict[str, Unit] = {}
    for entry in data["unit"]:
        unit = Unit(str(entry["id"]), str(entry["dimension"]), float(entry["factor"]))
        for name in entry["names"]:
            by_name.setdefault(str(name), unit)
        for name in entry.get("chat", entry["names"]):
            in_chat.setdefault(str(name), unit)
    symbols: dict[str, Unit] = {}
    by_id = {unit.id: unit for unit in by_name.values()}
    for entry in data["currency"]:
        currency = Unit(str(entry["id"]), "money", 1.0)
        by_id[currency.id] = currency
        for symbol in entry["symbols"]:
            symbols[str(symbol)] = currency
        for name in entry["names"]:
            by_name.setdefault(str(name), currency)
            in_chat.setdefault(str(name), currency)
    multipliers = {str(k): float(v) for k, v in data["multipliers"].items() if k != "example"}
    money_words = {str(k): float(v) for k, v in data["money_words"]["words"].items()}
    return Units(by_name, in_chat, symbols, multipliers, money_words, by_id)


@cache
def plain_bound(unit_id: str, dimension: str) -> str:
    """What an amount said with no bound means in this unit: 'at_most' or 'about' (units.toml)."""
    data = load("units")
    own = next((e.get("plain") for e in data["unit"] if e["id"] == unit_id), None)
    return str(own or data["dimensions"].get(dimension, {}).get("plain", "about"))
