"""recchat's own fields read from the names catalogs really give them: 'Title', 'Year Published',
'objectname', 'Bookshelves'. Names match without regard to case, spaces or punctuation; where a
file has several candidates for a field, the first in a fixed order is used and the rest are
reported. A field map (`--map title=Film`, or recchat.toml in the folder) names a column outright.

What lands under recchat's names: id, title, description, tags, popularity (the item's core
fields) and year (an int, in the item's metadata). Every other column keeps the catalog's name,
except two columns min*/max* with the same stem ('minplayers', 'maxplayers'), read as one range
field named by the stem ('players': '2-4'), and ratings written '4/5' or '★★★½', read as numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from recchat.catalog.values import as_number, as_rating, as_year

FIELDS = ("title", "id", "description", "tags", "year", "popularity")
# Per field, the names recchat reads it from, in order of preference, written normalised. Only
# names that mean the field wherever they appear: not 'key' (a song's key), not 'category'
# (often what sort of item it is), not a bare 'date' (a diary's date is when, not the item's year).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "itemid", "objectid", "bookid", "movieid", "filmid", "gameid", "productid", "uuid"),
    "title": (
        *("title", "primarytitle", "name", "objectname", "booktitle", "movietitle", "filmtitle"),
        *("gametitle", "showtitle", "itemname", "productname", "film", "movie", "book", "game"),
        *("model", "product", "item"),  # a product list names its items by model
    ),
    # not 'body': a car's body style ('SUV', 'Estate') is a category to ask for, no description
    "description": ("description", "summary", "synopsis", "plot", "overview", "blurb", "about"),
    "tags": (
        *("tags", "genres", "genre", "categories", "keywords", "moods", "mood"),
        *("bookshelves", "shelves", "subjects", "labels"),
    ),
    # The item's own year before an edition's: 'Original Publication Year' before 'Year Published'.
    "year": (
        *("year", "originalpublicationyear", "originalyear", "firstpublished", "yearpublished"),
        *("releaseyear", "publicationyear", "releasedate", "releasedon", "datepublished"),
        *("publicationdate", "published", "released", "premiered", "firstaired"),
    ),
    # Counts of people, most general first: a person's own plays only when nothing else is there.
    "popularity": (
        *("popularity", "numvotes", "votes", "ratingscount", "numberofratings", "numratings", "ratingcount"),
        *("usersrated", "numowned", "owned", "views", "plays", "numplays", "playcount"),
    ),
}
_ALIAS_RANK = {alias: (field, rank) for field, names in ALIASES.items() for rank, alias in enumerate(names)}
_RATING_NAME = re.compile(r"rating|score|stars", re.I)
_NO_RATING = frozenset({"n/a", "na", "-", "none", "unrated", "not rated"})
DISPLACED = "{name} (column)"  # a column named like a recchat field that another column fills


def normalise(name: str) -> str:
    """'Year Published', 'year_published', 'YEAR-PUBLISHED' -> 'yearpublished'."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


@dataclass(frozen=True)
class Plan:
    """Where each of recchat's fields comes from in records with these columns."""

    sources: Mapping[str, str]  # field -> the column read
    also: Mapping[str, tuple[str, ...]]  # field -> other candidates present (left as they are)
    mapped: frozenset[str]  # fields a map named
    ranges: tuple[tuple[str, str, str], ...]  # (range field, min column, max column)
    missing: tuple[tuple[str, str], ...]  # (field, column) a map names that is not there
    ratings: tuple[str, ...] = ()  # columns named like ratings: '4/5' is read as 4

    @cached_property
    def plain(self) -> bool:
        """Every field under recchat's own name, nothing mapped, joined or to fall back on."""
        if self.mapped or self.ranges or self.ratings or "year" in self.also:
            return False
        return all(name == column for name, column in self.sources.items())


def plan_for(columns: Sequence[str], field_map: Mapping[str, str]) -> Plan:
    """Mapped fields first (an empty column name means 'none'), then candidates by rank."""
    sources: dict[str, str] = {}
    missing: list[tuple[str, str]] = []
    for field, column in field_map.items():
        found = _column_named(columns, column) if column else None
        if found is not None:
            sources[field] = found
        elif column:
            missing.append((field, column))
    used = set(sources.values())
    candidates: dict[str, list[tuple[int, str]]] = {}
    for column in columns:
        hit = _ALIAS_RANK.get(normalise(column))
        if hit is not None and column not in used:
            candidates.setdefault(hit[0], []).append((hit[1], column))
    also: dict[str, tuple[str, ...]] = {}
    for field in FIELDS:
        ranked = [column for _, column in sorted(candidates.get(field, []))]
        if field not in field_map and ranked:
            sources[field] = ranked.pop(0)
        if ranked:
            also[field] = tuple(ranked)
    if "title" not in sources and "title" not in field_map:
        named = next((c for c in columns if c not in sources.values() and _names_items(c)), None)
        if named is not None:  # 'Course Title', 'Recipe Name', 'Trail name'
            sources["title"] = named
    ranges = _range_pairs(columns, set(sources.values()))
    ratings = tuple(c for c in columns if _RATING_NAME.search(c) and c not in sources.values())
    return Plan(sources, also, frozenset(field_map), ranges, tuple(missing), ratings)


_NAMING = re.compile(r"(?:^|[\s_.-]|(?<=[a-z]))(?:title|name)$", re.I)
_NOT_NAMING = re.compile(r"(?:file|user|screen|nick|first|last|sur|given|family|middle|code|host)[\s_.-]*name$", re.I)


def _names_items(column: str) -> bool:
    """A column whose name says it names the items ('Course Title', 'Recipe Name', 'trailName'),
    not a file or a person ('File Name', 'Last Name')."""
    return bool(_NAMING.search(column.strip())) and not _NOT_NAMING.search(column.strip())


def _column_named(columns: Sequence[str], name: str) -> str | None:
    if name in columns:
        return name
    wanted = normalise(name)
    return next((column for column in columns if normalise(column) == wanted), None)


def _range_pairs(columns: Sequence[str], used: set[str]) -> tuple[tuple[str, str, str], ...]:
    """('players', 'minplayers', 'maxplayers') for every min/max pair with the same stem whose
    stem is not a column already."""
    taken = {normalise(column) for column in columns} | set(FIELDS)
    ends: dict[str, dict[str, str]] = {}
    stems: dict[str, str] = {}
    for column in columns:
        split = _min_max_stem(column)
        if split is None or column in used:
            continue
        end, stem = split
        key = normalise(stem)
        if key and key not in taken:
            ends.setdefault(key, {})[end] = column
            stems.setdefault(key, stem)
    return tuple((stems[key], pair["min"], pair["max"]) for key, pair in ends.items() if len(pair) == 2)


def _min_max_stem(name: str) -> tuple[str, str] | None:
    """'minplayers' -> ('min', 'players'); 'Max Players' -> ('max', 'Players'); 'age_min' too."""
    lowered = name.casefold()
    for word, end in (("minimum", "min"), ("maximum", "max"), ("min", "min"), ("max", "max")):
        if lowered.startswith(word):
            stem = name[len(word) :]
        elif lowered.endswith(word):
            stem = name[: -len(word)]
        else:
            continue
        stem = stem.strip(" _.-")
        return (end, stem) if stem else None
    return None


def apply_plan(data: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """The record with recchat's fields under recchat's names. A value recchat cannot read as
    its field (a year of 'unknown') leaves the column as it was; a year comes from the next
    candidate then. A popularity that is not a number is an error where a map named the column
    or the column is called 'popularity' (the item's checks say so), and left alone elsewhere."""
    if plan.plain and _already_read(data):
        return data
    out = dict(data)
    found: dict[str, Any] = {}
    for field, column in plan.sources.items():
        sources = (column, *plan.also.get(field, ())) if field == "year" else (column,)
        for source in sources:
            value = _read(field, data.get(source), field in plan.mapped or source == field)
            if value is not _UNREAD:
                found[field] = value
                # a count of people under its own header ('Ratings count') stays a field too: a
                # person may ask for 'at least 20,000 ratings'
                if source == column and not (field == "popularity" and column != field):
                    del out[column]
                break
    for name, low_column, high_column in plan.ranges:
        joined = _joined_range(data.get(low_column), data.get(high_column))
        if joined is not None:
            found[name] = joined
            del out[low_column], out[high_column]
    # A column called like a field that another column fills (or that a map turned off) stays,
    # under another name, so it is neither lost nor read as that field.
    for field in (*found, *(plan.mapped - plan.sources.keys())):
        if field in out:
            out[DISPLACED.format(name=field)] = out.pop(field)
    for column in plan.ratings:
        out[column] = _rating(out.get(column))
    # recchat's names first: where two fields could play a part ('year', 'Date Added'), the
    # schema meets the one recchat filled first.
    return {**found, **out}


def _already_read(data: Mapping[str, Any]) -> bool:
    """recchat's own names with values as recchat keeps them: nothing to do (most JSON catalogs)."""
    year, popularity = data.get("year"), data.get("popularity")
    return (year is None or (isinstance(year, int) and as_year(year) == year)) and (
        popularity is None or isinstance(popularity, int | float)
    )


def _rating(value: Any) -> Any:
    """'4/5' -> 4, '★★★½' -> 3.5, 'N/A' -> '' (no rating); anything else as it is."""
    if not isinstance(value, str):
        return value
    if value.strip().casefold() in _NO_RATING:
        return ""
    rating = as_rating(value)
    return value if rating is None else int(rating) if rating.is_integer() else rating


_UNREAD = object()


def _read(field: str, value: Any, strict: bool) -> Any:
    """The value as recchat's field, or _UNREAD where it is not one (and not insisted on)."""
    if field == "year":
        year = value.year if isinstance(value, dt.date) else as_year(value)
        return year if year is not None else _UNREAD
    if field == "popularity":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        number = as_number(value)
        if number is not None and number >= 0:
            return number
        return value if strict else _UNREAD
    return value


def _joined_range(low: Any, high: Any) -> int | float | str | None:
    """2 and 4 -> '2-4'; 2 and 2 -> 2; a missing or unknown end (0, as some exports write it) -> None."""
    first, last = as_number(low), as_number(high)
    if first is None or last is None or last <= 0 or first > last:
        return None
    shown = [int(n) if n.is_integer() else n for n in (first, last)]
    return shown[0] if first == last else f"{shown[0]}-{shown[1]}"
