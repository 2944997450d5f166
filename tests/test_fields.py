"""recchat's fields read from the names catalogs give them; field maps; values that look like
exports. The whole path through `catalog add` is in test_exports.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from recchat.catalog.fieldmap import FieldRules, FieldUsage, grouped, parse_map
from recchat.catalog.fields import apply_plan, normalise, plan_for
from recchat.catalog.importer import import_catalog
from recchat.catalog.readers import read_records
from recchat.catalog.values import as_rating, is_exact_code
from recchat.errors import InvalidCatalogError, RecchatError
from recchat.factory import Runtime


def read(columns: list[str], row: list[Any], field_map: dict[str, str] | None = None) -> dict[str, Any]:
    return apply_plan(dict(zip(columns, row, strict=True)), plan_for(columns, field_map or {}))


@pytest.mark.parametrize(
    "name", ["Year Published", "year_published", "YEAR-PUBLISHED", "yearPublished", "Year  published."]
)
def test_names_match_without_case_spaces_or_punctuation(name: str) -> None:
    assert normalise(name) == "yearpublished"
    assert plan_for([name], {}).sources == {"year": name}


def test_recchat_fields_from_common_names_land_under_recchat_names() -> None:
    columns = ["Name", "Synopsis", "Genres", "Release Date", "Num Votes", "Movie ID", "Director"]
    row = ["Heat", "A heist.", "crime|thriller", "1995-12-15", "1,234", "tt0113277", "Michael Mann"]
    assert read(columns, row) == {
        "title": "Heat",
        "description": "A heist.",
        "tags": "crime|thriller",
        "year": 1995,
        "popularity": 1234.0,
        "id": "tt0113277",
        "Director": "Michael Mann",
        "Num Votes": "1,234",  # still a field of its own: 'at least 1,000 votes'
    }


def test_several_candidates_take_a_fixed_order_and_the_others_are_reported() -> None:
    plan = plan_for(["Year Published", "Original Publication Year", "Title", "Name"], {})
    assert plan.sources == {"title": "Title", "year": "Original Publication Year"}
    assert plan.also == {"title": ("Name",), "year": ("Year Published",)}
    assert plan_for(["release_year", "YEAR"], {}).sources["year"] == "YEAR"  # recchat's own name first
    assert plan_for(["Model", "Brand", "Price (€)"], {}).sources["title"] == "Model"  # a product list


def test_names_that_mean_other_things_elsewhere_are_not_taken() -> None:
    # A song's key, what sort an item is, a diary entry's date, a person's name column beside a title.
    plan = plan_for(["key", "category", "Date", "Title", "name"], {})
    assert plan.sources == {"title": "Title"}


def test_year_falls_back_to_the_next_candidate_when_the_first_is_empty() -> None:
    columns = ["Title", "Year Published", "Original Publication Year"]
    assert read(columns, ["Kings", 2010, ""])["year"] == 2010
    assert read(columns, ["Dune", 2005, 1965])["year"] == 1965
    assert read(columns, ["Dune", 2005, 1965])["Year Published"] == 2005  # the other stays, by its name


def test_a_value_recchat_cannot_read_leaves_the_column_as_it_was() -> None:
    assert read(["Title", "Released"], ["X", "someday"]) == {"title": "X", "Released": "someday"}
    assert read(["Title", "Plays"], ["X", "lots"]) == {"title": "X", "Plays": "lots"}
    # ...but a column called popularity, or one a map names, is checked as popularity
    assert read(["Title", "popularity"], ["X", "lots"])["popularity"] == "lots"
    assert read(["Title", "Sold"], ["X", "lots"], {"popularity": "Sold"})["popularity"] == "lots"


def test_a_map_wins_over_names_and_an_empty_map_entry_reads_no_column() -> None:
    columns = ["title", "Album", "popularity"]
    out = read(columns, ["ignored", "Blue Lines", 5], {"title": "album", "popularity": ""})
    assert out == {"title": "Blue Lines", "title (column)": "ignored", "popularity (column)": 5}


def test_min_and_max_columns_with_one_stem_become_one_range_field() -> None:
    columns = ["objectname", "minplayers", "maxplayers", "Min Age", "Max Age", "playtime_min", "playtime_max"]
    out = read(columns, ["Catan", 3, 4, 10, 99, 60, 60])
    assert out == {"title": "Catan", "players": "3-4", "Age": "10-99", "playtime": 60}
    # an unknown end (0, or missing) leaves the two columns as they are
    assert read(columns[:3], ["X", 2, 0]) == {"title": "X", "minplayers": 2, "maxplayers": 0}


def test_min_max_pairs_need_a_stem_of_their_own() -> None:
    assert plan_for(["minimum", "maximum"], {}).ranges == ()
    assert plan_for(["players", "minplayers", "maxplayers"], {}).ranges == ()  # 'players' is a column already
    assert plan_for(["minplayers"], {}).ranges == ()


@pytest.mark.parametrize(
    ("raw", "rating"),
    [("4/5", 4.0), ("8/10", 8.0), ("4.5", 4.5), ("3 out of 5", 3.0), ("★★★½", 3.5), ("6/5", None), ("great", None)],
)
def test_ratings_read_on_their_own_scale(raw: str, rating: float | None) -> None:
    assert as_rating(raw) == rating


def test_rating_columns_hold_numbers_and_no_rating_is_no_value() -> None:
    columns = ["Title", "My Rating", "Score"]
    assert read(columns, ["A", "4/5", "N/A"]) == {"title": "A", "My Rating": 4, "Score": ""}
    assert read(columns, ["A", "★★★½", "9/10"]) == {"title": "A", "My Rating": 3.5, "Score": 9}


@pytest.mark.parametrize(
    ("text", "code"), [("0441013597", True), ("9780441013593", True), ("352", False), ("0", False)]
)
def test_spreadsheet_quoted_codes(text: str, code: bool) -> None:
    assert is_exact_code(text) is code


def test_csv_drops_spreadsheet_quotes_keeping_codes_exact_and_numbers_numbers(tmp_path: Path) -> None:
    path = tmp_path / "books.csv"
    path.write_text('Title,ISBN,Pages\nA,"=""0441013597""","=""352"""\nB,"=""""","=""99"""\n', encoding="utf-8")
    rows = [record.data for record in read_records(path)]
    assert rows == [{"Title": "A", "ISBN": "0441013597", "Pages": 352}, {"Title": "B", "ISBN": "", "Pages": 99}]


def test_flag_map_parses_and_refuses_what_is_not_a_field() -> None:
    assert parse_map(["title=Film", "Tags = Mood", "year="]) == {"title": "Film", "tags": "Mood", "year": ""}
    with pytest.raises(RecchatError, match="'titel' is not one of recchat's fields"):
        parse_map(["titel=Film"])
    with pytest.raises(RecchatError, match="bad --map 'title'"):
        parse_map(["title"])


def test_a_folder_map_applies_below_it_and_the_flag_wins(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "recchat.toml").write_text('[map]\ntitle = "Film"\ntags = "Mood"\n', encoding="utf-8")
    (tmp_path / "sub" / "_recchat.toml").write_text('[map]\ntitle = "Movie title"\n', encoding="utf-8")
    rules = FieldRules(tmp_path, {"tags": "Genre"})
    assert rules.for_file(tmp_path / "a.csv") == (
        {"title": "Film", "tags": "Genre"},
        {"title": "recchat.toml", "tags": "--map"},
    )
    assert rules.for_file(tmp_path / "sub" / "b.csv")[0] == {"title": "Movie title", "tags": "Genre"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[map]\ntitle = "Film"\ntags = \n', 3, "bad TOML"),
        ('[map]\ntitel = "Film"\n', None, "'titel' is not one of recchat's fields"),
        ('[maps]\ntitle = "Film"\n', None, "unknown entries: maps"),
        ("[map]\ntitle = 3\n", None, "must be text"),
    ],
)
def test_a_bad_map_file_is_named_with_its_line(
    runtime: Runtime, tmp_path: Path, text: str, line: int | None, words: str
) -> None:
    (tmp_path / "films.csv").write_text("Film\nHeat\n", encoding="utf-8")
    (tmp_path / "recchat.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidCatalogError) as caught:
        import_catalog(runtime.store, runtime.embedder, tmp_path, "c", skip_invalid=True)
    [error] = caught.value.errors
    assert error.path.name == "recchat.toml" and error.line == line
    assert words in error.problem
    assert runtime.store.catalogs() == []


def test_a_map_file_naming_a_missing_column_names_the_data_file_and_the_map(runtime: Runtime, tmp_path: Path) -> None:
    (tmp_path / "films.csv").write_text("Film,Mood\nHeat,tense\n", encoding="utf-8")
    (tmp_path / "recchat.toml").write_text('[map]\ntags = "Genre"\n', encoding="utf-8")
    with pytest.raises(InvalidCatalogError) as caught:
        import_catalog(runtime.store, runtime.embedder, tmp_path, "c")
    [error] = caught.value.errors
    assert (error.path.name, error.line) == ("films.csv", 1)
    assert "the map (recchat.toml) reads tags from 'Genre': no such column; found columns Film, Mood" in error.problem


def test_a_bad_value_in_a_mapped_column_names_the_line_and_the_column(runtime: Runtime, tmp_path: Path) -> None:
    (tmp_path / "shop.jsonl").write_text('{"Album": "A", "Sold": 3}\n{"Album": "B", "Sold": "lots"}\n')
    with pytest.raises(InvalidCatalogError) as caught:
        import_catalog(
            runtime.store, runtime.embedder, tmp_path, "c", field_map={"title": "Album", "popularity": "Sold"}
        )
    [error] = caught.value.errors
    assert (error.path.name, error.line) == ("shop.jsonl", 2)
    assert "'popularity' (column 'Sold') must be a non-negative number" in error.problem


def test_rows_without_a_title_among_titled_rows_are_each_reported(runtime: Runtime, tmp_path: Path) -> None:
    rows = '{"name": "A"}\n{"description": "no title"}\n{"name": "C"}\n{"about": "none either"}\n'
    (tmp_path / "a.jsonl").write_text(rows)
    report = import_catalog(runtime.store, runtime.embedder, tmp_path, "c", skip_invalid=True)
    assert report.added == 2
    assert [(e.line, e.problem) for e in report.skipped] == [(2, "missing 'title'"), (4, "missing 'title'")]


def test_files_read_alike_are_one_entry_that_counts_every_file() -> None:
    usages = [FieldUsage([f"books/{n:03d}.md"], {"title": "title"}) for n in range(165)]
    [usage] = grouped(usages)
    assert usage.describe() == "books/000.md and 164 more: title=title"
    assert usage.to_json()["files"] == [f"books/{n:03d}.md" for n in range(5)]
    assert usage.to_json()["more_files"] == 160
    assert FieldUsage.from_json(usage.to_json()).describe() == usage.describe()


def test_a_catalog_stored_with_the_old_file_count_shows_the_same_count() -> None:
    stored = {"files": ["a.md", "b.md", "c.md", "d.md", "161 more files"], "sources": {"title": "title"}}
    assert FieldUsage.from_json(stored).describe() == "a.md and 164 more: title=title"


def test_skip_invalid_is_not_suggested_when_no_row_is_valid(runtime: Runtime, tmp_path: Path) -> None:
    (tmp_path / "albums.csv").write_text("Album,Sold\nBlue,3\n", encoding="utf-8")
    with pytest.raises(InvalidCatalogError) as caught:
        import_catalog(runtime.store, runtime.embedder, tmp_path, "c")
    assert "--map title=Album" in caught.value.errors[0].problem
    assert "--skip-invalid" not in (caught.value.hint or "")
    (tmp_path / "more.csv").write_text("title,Sold\nKind of Blue,4\n", encoding="utf-8")
    with pytest.raises(InvalidCatalogError) as caught:  # one file's rows are valid: skipping helps
        import_catalog(runtime.store, runtime.embedder, tmp_path, "c")
    assert "--skip-invalid" in (caught.value.hint or "")
