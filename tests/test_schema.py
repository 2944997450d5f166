"""Learning what a catalog's fields are from their values and names, for any catalog."""

from __future__ import annotations

from typing import Any

import pytest

from recchat.catalog.schema import CatalogSchema, FieldKind, learn_schema, looks_like_name
from recchat.catalog.values import as_list, as_number, as_range, as_year, is_date
from recchat.domain import Item


@pytest.mark.parametrize(
    ("raw", "number"),
    [(3, 3.0), ("4.5", 4.5), ('="9780441013593"', 9780441013593.0), ("1,234", 1234.0), ("n/a", None), (True, None)],
)
def test_numbers_as_spreadsheets_write_them(raw: Any, number: float | None) -> None:
    assert as_number(raw) == number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2-5", (2.0, 5.0)),
        ("2–4", (2.0, 4.0)),
        ("1 to 4 players", (1.0, 4.0)),
        ("3+", (3.0, 99.0)),
        (4, (4.0, 4.0)),
        ("5-2", None),
        ("many", None),
    ],
)
def test_ranges(raw: Any, expected: tuple[float, float] | None) -> None:
    assert as_range(raw) == expected


@pytest.mark.parametrize(
    ("raw", "year"),
    [(1995, 1995), ("1995-06-01", 1995), ("June 12, 1995", 1995), ("1995.0", 1995), (42, None), ("soon", None)],
)
def test_years_inside_dates(raw: Any, year: int | None) -> None:
    assert as_year(raw) == year


@pytest.mark.parametrize(
    "raw",
    [
        "1995-06-01",
        "1995-06-01T10:30:00+01:00",
        "1995-06-01 10:30:00.123456",
        # Java's ZonedDateTime, longer than any date in words: only a date reader gets its year
        "1995-06-01T10:30:00.123456789+01:00[Europe/Paris]",
        "1995-06",
        "1995/6/1",
        "1995.06.01",
    ],
)
def test_dates_written_with_digits_are_read_as_dates(raw: str) -> None:
    assert as_year(raw) == 1995 and is_date(raw)


def test_a_year_has_one_range_written_as_a_number_or_as_text() -> None:
    for year in (1000, 1995, 2099):
        assert as_year(year) == as_year(f"June {year}") == as_year(f"{year}-06-01") == year
    for outside in (999, 2100, 2150):
        assert as_year(outside) is None and as_year(f"June {outside}") is None and as_year(f"{outside}-06-01") is None


def test_the_year_range_and_the_year_pattern_agree() -> None:
    from recchat.text import FIRST_YEAR, LAST_YEAR, YEAR

    assert YEAR.fullmatch(str(FIRST_YEAR)) and YEAR.fullmatch(str(LAST_YEAR))
    assert not YEAR.fullmatch(str(FIRST_YEAR - 1)) and not YEAR.fullmatch(str(LAST_YEAR + 1))


def test_lists_in_one_cell() -> None:
    assert as_list("fantasy|to-read") == ("fantasy", "to-read")
    assert as_list("Tom Hanks, Meg Ryan and Bill Pullman") == ("Tom Hanks", "Meg Ryan", "Bill Pullman")
    assert as_list(["a", 2]) == ("a", "2")
    # a sentence with commas is one value, not a list
    assert len(as_list("Slow, quiet, and full of long descriptions of the weather over the northern moors")) == 1


def test_personal_names() -> None:
    assert looks_like_name("Agatha Christie")
    assert looks_like_name("J. R. R. Tolkien")
    assert looks_like_name("Ursula K. Le Guin")
    assert not looks_like_name("board game")
    assert not looks_like_name("Dune")


def _films(count: int = 40) -> list[Item]:
    directors = ["Christopher Nolan", "Greta Gerwig", "Martin Scorsese", "Sofia Coppola"]
    return [
        Item(
            id=f"f{i}",
            title=f"Film {i}",
            description="A film.",
            metadata={
                "Year Released": 1980 + i,
                "director": directors[i % 4],
                "stars": ["Tom Hanks", "Meg Ryan"] if i % 2 else ["Viola Davis", "Denzel Washington"],
                "Runtime (min)": 90 + i,
                "format": "film" if i % 3 else "series",
                "players": "2-4" if i % 2 else "3+",
                "notes": f"Seen at the festival number {i}, with friends, a long evening of talk afterwards",
            },
        )
        for i in range(count)
    ]


def test_field_kinds_and_roles_from_any_names() -> None:
    schema = learn_schema(_films())
    kinds = {f.name: (f.kind, f.role) for f in schema.fields}
    assert kinds["Year Released"] == (FieldKind.NUMBER, "year")
    assert kinds["director"] == (FieldKind.PEOPLE, "people")
    assert kinds["stars"] == (FieldKind.PEOPLE, "people")
    assert kinds["Runtime (min)"] == (FieldKind.NUMBER, None)
    runtime = schema.field("Runtime (min)")
    assert runtime is not None and (runtime.dimension, runtime.measure.unit) == ("duration", "min")
    assert kinds["format"] == (FieldKind.CATEGORY, "kind")
    assert kinds["players"] == (FieldKind.RANGE, "people_count")
    assert kinds["notes"][0] is FieldKind.TEXT
    year = schema.field("Year Released")
    assert year is not None and (year.low, year.high) == (1980, 2019)
    kind = schema.kind_field
    assert kind is not None and set(kind.values) == {"film", "series"}


def test_a_field_named_like_a_role_must_hold_such_values() -> None:
    items = [Item(id=str(i), title=str(i), metadata={"year": "unknown" if i % 2 else "long ago"}) for i in range(10)]
    field = learn_schema(items).field("year")
    assert field is not None and field.role is None


def test_signals_and_round_trip() -> None:
    items = [Item(id=str(i), title=str(i), popularity=float(i) if i < 3 else None, tags=("a",)) for i in range(40)]
    schema = learn_schema(items, usage_log=0)
    assert schema.signals["tags"] and not schema.signals["popularity"] and not schema.signals["usage_log"]
    assert CatalogSchema.from_json(schema.to_json()) == schema
