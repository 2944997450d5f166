"""What a catalog's fields are, learned at import from the values themselves: numbers, ranges,
dates, categories, names of people (or makers), lists and text, with how many items have each
field and a few examples. The same schema serves `catalog show`, understanding (which field a
request such as "for 5 players" or "from the 90s" reads) and ranking (which signals exist).

A field's role is what recchat can do with it: "year", "kind" (what sort of item each is),
"people", "people_count" (how many people it is for), "age". Number fields also know what they
measure (catalog/measures.py): a duration, a distance, money, a percentage, a rating or a count,
stored in one unit whatever the export wrote ("45 min", "1 hr 20 min" and "4-6 hours" alike).
Roles and measures come from the values and from header words (language/fields.toml), so they
work for any catalog that names its fields in a usual way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from statistics import median
from typing import Any

from recchat.catalog.measures import Measure, NumberStats, cell_in_base, header_is, header_says
from recchat.catalog.values import as_list, as_year, is_date
from recchat.domain import Item
from recchat.text import FIRST_YEAR, LAST_YEAR

SCHEMA_FORMAT = 2
MAX_TRACKED = 400  # distinct values counted per field while learning (memory stays bounded)
EXAMPLES = 3
MOSTLY = 0.9  # share of a field's values that must read as numbers (ranges, dates) to be one
SHARED_WORD = 0.3  # a word in this share of a field's names makes them places, not people
LISTED = 0.15  # a field whose cells list several values this often is a list field
DISTINCT_NAMES = 0.3  # people lists repeat little (casts); lists of genres or styles repeat a lot
# A small catalog shows little repetition: below this many items, a field of short values (no
# names) of which at least SMALL_REPEATS values recur is a category (16 restaurants, 13 cuisines).
SMALL_CATALOG = 100
SMALL_REPEATS = 2

MIN_NAME_CHARS = 3  # letters a name has at least, on average over a field


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
    measure: Measure = field(default_factory=Measure)  # numbers and ranges: what they measure

    @property
    def dimension(self) -> str | None:
        return self.measure.dimension

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "kind": self.kind.value, "count": self.count}
        data["examples"] = list(self.examples)
        if self.low is not None:
            data["low"], data["high"] = self.low, self.high
        if self.values:
            data["values"] = list(self.values)
        if self.role:
            data["role"] = self.role
        if self.kind in (FieldKind.NUMBER, FieldKind.RANGE):
            data["measure"] = {k: v for k, v in vars(self.measure).items() if v not in (None, "")}
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
            measure=Measure(**data.get("measure", {})),
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
    # Learned again from the stored items when the catalog was opened, not stored at import
    # (recchat/catalog/relearned.py): the catalog was imported by an older recchat.
    relearned: bool = False

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
        data: dict[str, Any] = {
            "format": SCHEMA_FORMAT,
            "items": self.items,
            "fields": [f.to_json() for f in self.fields],
            "popularity": self.popularity,
            "tags": self.tags,
            "descriptions": self.descriptions,
            "description_chars": self.description_chars,
            "usage_log": self.usage_log,
        }
        if self.relearned:  # an import's schema, and so the revision hashed of it, never says so
            data["relearned"] = True
        return data

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
            relearned=bool(data.get("relearned", False)),
        )


@dataclass
class _FieldStats:
    count: int = 0
    numbers: NumberStats = field(default_factory=NumberStats)  # cells read as quantities
    dates: int = 0
    lists: int = 0  # values that are lists, or cells that split into several parts
    names: int = 0  # parts that look like personal names
    parts: int = 0
    chars: int = 0
    low: float | None = None  # dates: the first and last year
    high: float | None = None
    values: Counter[str] = field(default_factory=Counter)
    overflow: bool = False  # more distinct values than MAX_TRACKED

    def add(self, value: Any) -> None:
        self.count += 1
        number = self.numbers.add(value)
        if not number and is_date(value):
            self.dates += 1
            year = float(as_year(value) or 0)
            self.low = year if self.low is None else min(self.low, year)
            self.high = year if self.high is None else max(self.high, year)
        parts = (" ".join(str(value).split()),) if number else as_list(value)  # '1,162' is no list
        if len(parts) > 1 or isinstance(value, list):
            self.lists += 1
        self.parts += len(parts)
        self.names += sum(1 for part in parts if looks_like_name(part))
        self.chars += sum(len(part) for part in parts)
        for part in parts if isinstance(value, list) or len(parts) > 1 else [" ".join(str(value).split())]:
            self._count(part)

    def _count(self, value: str) -> None:
        if value in self.values or len(self.values) < MAX_TRACKED:
            self.values[value] += 1
        else:
            self.overflow = True

    @property
    def shared_word(self) -> bool:
        """Many values share a word ('Yosemite National Park', 'Zion National Park'): names of
        places or organisations, not of people, who share no word."""
        distinct = list(self.values)
        if len(distinct) < 5:
            return False
        counts = Counter(w for value in distinct for w in set(value.lower().split()))
        return counts.most_common(1)[0][1] >= SHARED_WORD * len(distinct)

    @property
    def repeats_little(self) -> bool:
        """Most values are different (names of people), not a few recurring ones (genres)."""
        return self.overflow or len(self.values) >= DISTINCT_NAMES * max(self.parts, 1)


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

    def schema(self, usage_log: int = 0, overrides: Mapping[str, Any] | None = None) -> CatalogSchema:
        """`overrides`: field name -> what a map file says it is (`kind`, `unit`)."""
        fields = tuple(_field_info(name, stats, (overrides or {}).get(name)) for name, stats in self._fields.items())
        fields = _one_date_is_the_year(fields)
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


def _field_info(name: str, stats: _FieldStats, override: Any = None) -> FieldInfo:
    """`override`: what the folder's map file says the field is (its `kind` and `unit`)."""
    kind = FieldKind(override.kind) if override is not None and override.kind else _kind(name, stats)
    examples = tuple(value for value, _ in stats.values.most_common(EXAMPLES))
    info = FieldInfo(name=name, kind=kind, count=stats.count, examples=examples)
    if kind in (FieldKind.NUMBER, FieldKind.RANGE):
        measure = stats.numbers.measure(name, override.unit if override is not None else None)
        low, high = stats.numbers.bounds(measure)
        info = replace(info, low=low, high=high, measure=measure)
    if kind is FieldKind.DATE:
        low, high = stats.numbers.bounds(Measure())
        years = [v for v in (stats.low, stats.high, low, high) if v is not None]
        info = replace(info, low=min(years, default=None), high=max(years, default=None))
    if kind is FieldKind.CATEGORY:
        info = replace(info, values=tuple(value for value, _ in stats.values.most_common()))
    return replace(info, role=_role(info, stats))


def _kind(name: str, stats: _FieldStats) -> FieldKind:
    n = stats.count
    numbers = stats.numbers
    if numbers.consistent() and numbers.read - numbers.ranges >= MOSTLY * n:
        return FieldKind.NUMBER
    if numbers.consistent() and numbers.read >= MOSTLY * n and numbers.ranges:
        return FieldKind.RANGE
    if stats.dates + numbers.read >= MOSTLY * n and stats.dates:
        return FieldKind.DATE
    names = stats.names >= 0.6 * max(stats.parts, 1) and not stats.shared_word
    # a header's people word with cells of a letter or two is a code ('Council tax band': 'C')
    if header_says(name, "people") and MIN_NAME_CHARS * stats.parts <= stats.chars <= 60 * max(stats.parts, 1):
        return FieldKind.PEOPLE
    if stats.lists >= 0.5 * n:
        return FieldKind.PEOPLE if names and stats.repeats_little else FieldKind.LIST
    distinct = len(stats.values)
    if stats.lists >= LISTED * n and not stats.repeats_little:
        return FieldKind.LIST  # 'Chardonnay' here, 'Cabernet Sauvignon, Merlot' there
    short = stats.chars <= 30 * max(stats.parts, 1)
    if short and not stats.overflow and distinct <= max(2, n // 2):
        return FieldKind.CATEGORY
    repeated = sum(1 for c in stats.values.values() if c > 1)
    if short and not names and n < SMALL_CATALOG and repeated >= SMALL_REPEATS:
        return FieldKind.CATEGORY
    if names and short:
        return FieldKind.PEOPLE
    return FieldKind.TEXT


def _role(info: FieldInfo, stats: _FieldStats) -> str | None:
    """What recchat can do with a field, from its kind and the words of its header (or of its
    cells: '2-4 players')."""
    if info.kind is FieldKind.PEOPLE:
        return "people"
    number = info.kind in (FieldKind.NUMBER, FieldKind.RANGE)
    if info.kind in (FieldKind.NUMBER, FieldKind.DATE) and header_says(info.name, "year") and _years(info):
        return "year"
    if info.kind is FieldKind.CATEGORY and header_is(info.name, "kind"):
        return "kind"
    if number and info.dimension is None:
        nouns = " ".join([info.name, *stats.numbers.chosen.nouns])
        if header_says(nouns, "people_counts"):
            return "people_count"
        if header_says(info.name, "ages"):
            return "age"
    return None


def _one_date_is_the_year(fields: tuple[FieldInfo, ...]) -> tuple[FieldInfo, ...]:
    """A catalog whose only dates are one field's ('Harvest': '2024-05'), with no field named for
    a year, has its items' years there: 'a 2025 harvest', 'older than those'."""
    if any(f.role == "year" for f in fields):
        return fields
    dates = [f for f in fields if f.kind is FieldKind.DATE and _years(f)]
    if len(dates) != 1:
        return fields
    return tuple(replace(f, role="year") if f is dates[0] else f for f in fields)


def _years(info: FieldInfo) -> bool:
    """A year's name must come with values that can be years (the one range: text.is_year)."""
    return FIRST_YEAR <= (info.low or 0) <= (info.high or 0) <= LAST_YEAR


def normalised(info: FieldInfo, value: Any) -> Any:
    """A field's value in the form constraints compare: a number (in the field's stored unit),
    a [low, high] range, a year, a lower-case category, a list of names (as written) or of
    lower-case list entries. None when the value cannot be read as the field's kind."""
    if info.kind is FieldKind.NUMBER:
        found = cell_in_base(value, info.measure)
        return None if found is None else found[0] if found[0] == found[1] else (found[0] + found[1]) / 2
    if info.kind is FieldKind.RANGE:
        found = cell_in_base(value, info.measure)
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
