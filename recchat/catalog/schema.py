"""What a catalog's fields are, learned at import from the values themselves: numbers, ranges,
dates, categories, names of people (or makers), lists and text, with how many items have each
field and a few examples. The same schema serves `catalog show`, understanding (which field a
request such as "for 5 players" or "from the 90s" reads) and ranking (which signals exist).

A field's role is what recchat can do with it: "year", "minutes", "pages", "players", "kind"
(what sort of item: movie, book, ...), "people". Roles come from the field's kind and its name,
so they work for any catalog that names its fields in a usual way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from statistics import median
from typing import Any

from recchat.catalog.values import as_list, as_number, as_range, as_year, is_date, is_true_range
from recchat.domain import Item
from recchat.text import FIRST_YEAR, LAST_YEAR

SCHEMA_FORMAT = 1
MAX_CATEGORIES = 60  # more distinct values than this is not a category people pick from
MAX_TRACKED = 400  # distinct values counted per field while learning (memory stays bounded)
EXAMPLES = 3
MOSTLY = 0.9  # share of a field's values that must read as numbers (ranges, dates) to be one


class FieldKind(StrEnum):
    NUMBER = "number"
    RANGE = "range"
    DATE = "date"
    CATEGORY = "category"
    PEOPLE = "people"
    LIST = "list"
    TEXT = "text"


_NAME_WORD = re.compile(
    r"^(?:[A-Z][a-zà-ÿ'’.-]+|[A-Z]\.|[A-Z]\.[A-Z]\.|de|da|del|della|van|von|der|le|la|du|di|bin|ibn)$"
)
# Field names that say what a field holds, whatever its values look like.
_PEOPLE_NAMES = re.compile(
    r"(author|director|creator|artist|writer|designer|cast|stars|starring|actor|composer|illustrator|narrator|"
    r"brand|publisher|studio|maker|manufacturer|developer|band|performer|host|editor|translator|producer|by)s?$",
    re.I,
)
_ROLE_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("year", re.compile(r"(^|[_\s-])(year|yr|date|released?|published|publication|premiered?|aired)([_\s-]|$)", re.I)),
    ("minutes", re.compile(r"(minute|mins?$|duration|runtime|run[_\s-]?time|play[_\s-]?time|length|time$)", re.I)),
    ("pages", re.compile(r"(^|[_\s-])(pages?|page[_\s-]?count|num[_\s-]?pages)([_\s-]|$)", re.I)),
    ("players", re.compile(r"(player|people|persons|participants|group[_\s-]?size|party[_\s-]?size)", re.I)),
    ("kind", re.compile(r"^(type|kind|category|media|medium|format|item[_\s-]?type|content[_\s-]?type)$", re.I)),
)


@dataclass(frozen=True)
class FieldInfo:
    name: str  # as in the item's metadata: the catalog's own name
    kind: FieldKind
    count: int  # items with a value
    examples: tuple[str, ...] = ()
    low: float | None = None  # numbers, ranges and dates (years): the smallest and largest
    high: float | None = None
    values: tuple[str, ...] = ()  # categories: every value, most common first
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "kind": self.kind.value, "count": self.count}
        data["examples"] = list(self.examples)
        if self.low is not None:
            data["low"], data["high"] = self.low, self.high
        if self.values:
            data["values"] = list(self.values)
        if self.role:
            data["role"] = self.role
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldInfo:
        return cls(
            name=str(data["name"]),
            kind=FieldKind(data["kind"]),
            count=int(data["count"]),
            examples=tuple(str(e) for e in data.get("examples", ())),
            low=data.get("low"),
            high=data.get("high"),
            values=tuple(str(v) for v in data.get("values", ())),
            role=data.get("role"),
        )


@dataclass(frozen=True)
class CatalogSchema:
    items: int = 0
    fields: tuple[FieldInfo, ...] = ()
    popularity: int = 0  # items with a popularity figure
    tags: int = 0  # items with tags
    descriptions: int = 0  # items with a description
    description_chars: int = 0  # the median description's length
    usage_log: int = 0  # items with neighbours from interactions.jsonl

    def field(self, name: str) -> FieldInfo | None:
        return next((f for f in self.fields if f.name == name), None)

    def with_role(self, role: str) -> list[FieldInfo]:
        """Fields with this role, the most filled first."""
        return sorted((f for f in self.fields if f.role == role), key=lambda f: -f.count)

    @property
    def kind_field(self) -> FieldInfo | None:
        found = self.with_role("kind")
        return found[0] if found else None

    @property
    def signals(self) -> dict[str, bool]:
        """Which ranking signals this catalog carries (a signal on under a tenth of items is absent)."""
        enough = max(1, self.items // 10)
        return {
            "popularity": self.popularity >= enough,
            "usage_log": self.usage_log >= enough,
            "tags": self.tags >= enough,
            "descriptions": self.descriptions >= enough,
            "people": any(f.kind is FieldKind.PEOPLE and f.count >= enough for f in self.fields),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "format": SCHEMA_FORMAT,
            "items": self.items,
            "fields": [f.to_json() for f in self.fields],
            "popularity": self.popularity,
            "tags": self.tags,
            "descriptions": self.descriptions,
            "description_chars": self.description_chars,
            "usage_log": self.usage_log,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CatalogSchema:
        if data.get("format") != SCHEMA_FORMAT:
            raise ValueError("old schema format")
        return cls(
            items=int(data["items"]),
            fields=tuple(FieldInfo.from_json(f) for f in data["fields"]),
            popularity=int(data.get("popularity", 0)),
            tags=int(data.get("tags", 0)),
            descriptions=int(data.get("descriptions", 0)),
            description_chars=int(data.get("description_chars", 0)),
            usage_log=int(data.get("usage_log", 0)),
        )


@dataclass
class _FieldStats:
    count: int = 0
    numbers: int = 0
    ranges: int = 0  # values only a range reads ("2-5")
    dates: int = 0
    lists: int = 0  # values that are lists, or cells that split into several parts
    names: int = 0  # parts that look like personal names
    parts: int = 0
    chars: int = 0
    low: float | None = None
    high: float | None = None
    values: Counter[str] = field(default_factory=Counter)
    overflow: bool = False  # more distinct values than MAX_TRACKED

    def add(self, value: Any) -> None:
        self.count += 1
        number = as_number(value)
        if number is not None:
            self.numbers += 1
            self._extend(number, number)
        elif is_true_range(value):
            self.ranges += 1
            low, high = as_range(value) or (0.0, 0.0)
            self._extend(low, high)
        elif is_date(value):
            self.dates += 1
            year = float(as_year(value) or 0)
            self._extend(year, year)
        parts = as_list(value)
        if len(parts) > 1 or isinstance(value, list):
            self.lists += 1
        self.parts += len(parts)
        self.names += sum(1 for part in parts if looks_like_name(part))
        self.chars += sum(len(part) for part in parts)
        for part in parts if isinstance(value, list) or len(parts) > 1 else [" ".join(str(value).split())]:
            self._count(part)

    def _extend(self, low: float, high: float) -> None:
        self.low = low if self.low is None else min(self.low, low)
        self.high = high if self.high is None else max(self.high, high)

    def _count(self, value: str) -> None:
        if value in self.values or len(self.values) < MAX_TRACKED:
            self.values[value] += 1
        else:
            self.overflow = True


class SchemaLearner:
    """Fed every item of an import once (streaming: memory does not grow with the catalog)."""

    def __init__(self) -> None:
        self._fields: dict[str, _FieldStats] = {}
        self._items = self._popularity = self._tags = self._descriptions = 0
        self._lengths: list[int] = []

    def add(self, item: Item) -> None:
        self._items += 1
        self._popularity += item.popularity is not None
        self._tags += bool(item.tags)
        if item.description:
            self._descriptions += 1
            if len(self._lengths) < 5000:
                self._lengths.append(len(item.description))
        for name, value in item.metadata.items():
            if value is None or value == "" or value == []:
                continue
            self._fields.setdefault(name, _FieldStats()).add(value)

    def schema(self, usage_log: int = 0) -> CatalogSchema:
        fields = tuple(_field_info(name, stats) for name, stats in self._fields.items())
        return CatalogSchema(
            items=self._items,
            fields=fields,
            popularity=self._popularity,
            tags=self._tags,
            descriptions=self._descriptions,
            description_chars=int(median(self._lengths)) if self._lengths else 0,
            usage_log=usage_log,
        )


def learn_schema(items: Iterable[Item], usage_log: int = 0) -> CatalogSchema:
    learner = SchemaLearner()
    for item in items:
        learner.add(item)
    return learner.schema(usage_log)


def _field_info(name: str, stats: _FieldStats) -> FieldInfo:
    kind = _kind(name, stats)
    examples = tuple(value for value, _ in stats.values.most_common(EXAMPLES))
    info = FieldInfo(name=name, kind=kind, count=stats.count, examples=examples)
    if kind in (FieldKind.NUMBER, FieldKind.RANGE, FieldKind.DATE):
        info = replace(info, low=stats.low, high=stats.high)
    if kind is FieldKind.CATEGORY:
        info = replace(info, values=tuple(value for value, _ in stats.values.most_common()))
    return replace(info, role=_role(info))


def _kind(name: str, stats: _FieldStats) -> FieldKind:
    n = stats.count
    if stats.numbers >= MOSTLY * n:
        return FieldKind.NUMBER
    if stats.numbers + stats.ranges >= MOSTLY * n and stats.ranges:
        return FieldKind.RANGE
    if stats.dates + stats.numbers >= MOSTLY * n and stats.dates:
        return FieldKind.DATE
    names = stats.names >= 0.6 * max(stats.parts, 1)
    if _PEOPLE_NAMES.search(name) and stats.chars <= 60 * max(stats.parts, 1):
        return FieldKind.PEOPLE
    if stats.lists >= 0.5 * n:
        return FieldKind.PEOPLE if names else FieldKind.LIST
    distinct = len(stats.values)
    short = stats.chars <= 30 * max(stats.parts, 1)
    if short and not stats.overflow and distinct <= MAX_CATEGORIES and distinct <= max(2, n // 2):
        return FieldKind.CATEGORY
    if names and short:
        return FieldKind.PEOPLE
    return FieldKind.TEXT


def _role(info: FieldInfo) -> str | None:
    if info.kind is FieldKind.PEOPLE:
        return "people"
    for role, pattern in _ROLE_NAMES:
        if pattern.search(info.name) and _fits(role, info):
            return role
    return None


def _fits(role: str, info: FieldInfo) -> bool:
    """A role's name must come with values that can play it ('year' must hold years)."""
    if role == "year":
        years = FIRST_YEAR <= (info.low or 0) <= (info.high or 0) <= LAST_YEAR
        return info.kind in (FieldKind.NUMBER, FieldKind.DATE) and years
    if role in ("minutes", "pages", "players"):
        return info.kind in (FieldKind.NUMBER, FieldKind.RANGE)
    return info.kind is FieldKind.CATEGORY


def normalised(info: FieldInfo, value: Any) -> Any:
    """A field's value in the form constraints compare: a number, a (low, high) range, a year,
    a lower-case category, a tuple of names (as written) or of lower-case list entries. None
    when the value cannot be read as the field's kind."""
    if info.kind is FieldKind.NUMBER:
        return as_number(value)
    if info.kind is FieldKind.RANGE:
        found = as_range(value)
        return list(found) if found else None
    if info.kind is FieldKind.DATE:
        return as_year(value)
    if info.kind is FieldKind.CATEGORY:
        return " ".join(str(value).split()).lower() if isinstance(value, str | int | float) else None
    if info.kind is FieldKind.PEOPLE:
        return list(as_list(value)) or None
    if info.kind is FieldKind.LIST:
        return [part.lower() for part in as_list(value)] or None
    return None


def looks_like_name(text: str) -> bool:
    """'Agatha Christie', 'J. R. R. Tolkien', 'Ursula K. Le Guin': two to five capitalised words."""
    tokens = text.split()
    return 2 <= len(tokens) <= 5 and all(_NAME_WORD.match(token) for token in tokens)
