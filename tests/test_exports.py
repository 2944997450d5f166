"""Catalogs as people have them: exports from a reading site, a film diary and a board-game
collection, and plain spreadsheets (tests/data/exports, written for these tests in the shapes
those sites export), and the benchmark's 4,166 movies, imported through the real CLI with the fake
backend."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import BENCHMARK, DATA, invoke_cli, needs_benchmark
from recchat.catalog.importer import iter_valid_items
from recchat.config import Settings
from recchat.domain import Item
from recchat.factory import Runtime

EXPORTS = DATA / "exports"
NO_FLAGS = ("goodreads", "letterboxd", "bgg", "spreadsheet", "semicolons", "record_shop")


def cli(home: Path, *args: str) -> Any:
    return invoke_cli(home, "--backend", "fake", *args)


def stored_items(home: Path, name: str) -> dict[str, Item]:
    catalog = Runtime(Settings(home=home, backend="fake")).catalog(name)
    return {item.title: item for item in catalog.items(catalog.index.by_id)}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """Every export whose names recchat knows (and one carrying its own map), in one folder,
    imported with no flags."""
    home, folder = tmp_path_factory.mktemp("home"), tmp_path_factory.mktemp("exports")
    for name in NO_FLAGS:
        shutil.copytree(EXPORTS / name, folder / name)
    return home, cli(home, "catalog", "add", str(folder), "--name", "mine")


def test_each_export_says_what_recchat_read_each_field_from(imported: tuple[Path, Any]) -> None:
    _, result = imported
    assert result.returncode == 0, result.stderr
    said = [line.removeprefix("fields: ") for line in result.stderr.splitlines() if line.startswith("fields: ")]
    assert said == [
        "bgg/collection.csv: title=objectname, id=objectid, year=yearpublished, popularity=numowned (also numplays), "
        "players=minplayers+maxplayers, playtime=minplaytime+maxplaytime",
        "goodreads/goodreads_library_export.csv: title=Title, id=Book Id, tags=Bookshelves, "
        "year=Original Publication Year (also Year Published)",
        "letterboxd/diary.csv: title=Name, year=Year",
        "record_shop/crates.jsonl: title=Album, tags=Style, popularity=Sold, year=Released "
        "[map: record_shop/_recchat.toml]",
        "semicolons/watchlist.csv: title=MOVIE, tags=MOOD, year=RELEASE DATE",
        "spreadsheet/films.csv: title=Name, tags=Genre",
    ]
    assert "catalog mine: 28 items (28 added" in result.stderr  # the map file is not an item


def test_a_reading_site_export_keeps_isbns_exact_and_takes_the_first_edition_year(imported: tuple[Path, Any]) -> None:
    items = stored_items(imported[0], "mine")
    dune = items["Dune (Dune #1)"]
    assert dune.id == "44767458"
    assert dune.tags == ("sci-fi", "favorites")
    assert dune.metadata["year"] == 1965 and dune.metadata["Year Published"] == 2005
    assert dune.metadata["ISBN"] == "0441013597" and dune.metadata["ISBN13"] == "9780441013593"
    assert dune.metadata["Author"] == "Frank Herbert"
    assert "The appendices" in dune.metadata["My Review"]  # a review over two lines, quoted
    assert items["The Way of Kings (The Stormlight Archive #1)"].metadata["year"] == 2010  # no original year given
    assert "ISBN" not in items["The Talisman"].metadata  # '=""': no ISBN
    assert items["The Name of the Wind (The Kingkiller Chronicle #1)"].metadata["ISBN"] == "075640407X"


def test_a_film_diary_and_plain_spreadsheets(imported: tuple[Path, Any]) -> None:
    items = stored_items(imported[0], "mine")
    tiger = items["Crouching Tiger, Hidden Dragon"]
    assert tiger.metadata["year"] == 2000 and tiger.metadata["Rating"] == 4
    assert "Rating" not in items["The Thing"].metadata
    assert items["Spirited Away"].tags == ("animation", "fantasy")
    mad_max = items["Mad Max: Fury Road"]
    assert mad_max.tags == ("loud", "relentless")
    assert mad_max.metadata["year"] == 2015 and mad_max.metadata["RUNTIME"] == 120
    assert mad_max.metadata["MY RATING"] == 4  # '4/5'
    assert items["Columbus"].metadata["MY RATING"] == 3.5  # '★★★½'
    kind_of_blue = items["Kind of Blue"]
    assert kind_of_blue.tags == ("modal jazz", "cool jazz") and kind_of_blue.popularity == 412


def test_a_board_game_collection_reads_min_and_max_players_as_one_range(imported: tuple[Path, Any]) -> None:
    items = stored_items(imported[0], "mine")
    catan = items["Catan"]
    assert catan.id == "13" and catan.popularity == 218344 and catan.metadata["year"] == 1995
    assert catan.metadata["players"] == "3-4" and catan.metadata["playtime"] == "60-120"
    assert "minplayers" not in catan.metadata and catan.metadata["numplays"] == 24
    assert items["Patchwork"].metadata["players"] == 2
    assert "rating" not in items["Codenames"].metadata  # 'N/A'


def test_catalog_show_lists_fields_kinds_roles_signals_and_where_fields_came_from(imported: tuple[Path, Any]) -> None:
    home = imported[0]
    shown = json.loads(cli(home, "catalog", "show", "mine", "--json").stdout)
    assert shown["schema"] == "recchat.catalog/1" and shown["items"] == 28
    fields = {field["name"]: field for field in shown["fields"]}
    assert (fields["players"]["kind"], fields["players"]["role"]) == ("range", "people_count")
    assert (fields["year"]["kind"], fields["year"]["role"], fields["year"]["count"]) == (
        "number",
        "year",
        24,
    )  # all but the Name,Genre sheet
    assert fields["Author"]["kind"] == "people" and fields["Author"]["examples"]
    assert shown["signals"]["popularity"] == {"present": True, "items": 8}
    assert shown["signals"]["usage_log"]["present"] is False
    assert {tuple(entry["files"]) for entry in shown["fields_from"]} >= {("letterboxd/diary.csv",)}
    table = cli(home, "catalog", "show", "mine")
    assert table.returncode == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if line.startswith("│ players "))
    assert "range" in row and "3-4" in row
    assert "signals: popularity yes (8 items)" in table.stdout
    assert "read from: letterboxd/diary.csv: title=Name, year=Year" in table.stdout


def test_names_recchat_does_not_know_need_a_map_and_are_refused_once_per_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    mapped = cli(
        home, "catalog", "add", str(EXPORTS / "dutch"), "--name", "nl", "--map", "title=Titel", "-m", "year=Jaar"
    )
    assert mapped.returncode == 0, mapped.stderr
    assert "fields: boeken.csv: title=Titel, year=Jaar [map: --map]" in mapped.stderr
    before = stored_items(home, "nl")
    assert before["De avonden"].metadata["year"] == 1947

    refused = cli(home, "catalog", "add", str(EXPORTS / "dutch"), "--name", "nl")
    assert refused.returncode == 1
    problems = [line.strip() for line in refused.stderr.splitlines() if "boeken.csv" in line]
    assert problems == [
        f"{EXPORTS / 'dutch' / 'boeken.csv'}:1: no title field: found columns Titel, Schrijver, Jaar, Stemming, "
        "Waardering; recchat used none of them as title; add `--map title=Titel`"
    ]
    assert "Embedding" not in refused.stderr  # no progress bar left behind
    assert stored_items(home, "nl") == before

    wrong = cli(home, "catalog", "add", str(EXPORTS / "dutch"), "--name", "nl", "--map", "title=Film")
    assert wrong.returncode == 1
    assert "boeken.csv:1: the map (--map) reads title from 'Film': no such column; found columns Titel" in wrong.stderr
    assert stored_items(home, "nl") == before


def test_a_map_of_something_that_is_not_a_field_is_a_usage_error(tmp_path: Path) -> None:
    result = cli(tmp_path / "home", "catalog", "add", str(EXPORTS / "dutch"), "--map", "titel=Titel")
    assert result.returncode == 2
    assert "'titel' is not one of recchat's fields" in result.stderr


@needs_benchmark
@pytest.mark.slow
def test_benchmark_catalog_answers_with_catalog_items_only(home: Path) -> None:
    # All 4,166 movies and the usage log, with the fake backends: the real embedder takes minutes
    # over all of them (benchmarks/indexing.py measures it); test_real_end_to_end has them read 100.
    folder = BENCHMARK / "catalog"
    added = invoke_cli(home, "--backend", "fake", "catalog", "add", str(folder), "--name", "movies")
    assert added.returncode == 0, added.stderr
    result = invoke_cli(
        home, "--backend", "fake", "ask", "something like The Matrix (1999) but funnier", "-k", "5", "--json"
    )
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    known = {item.id for item, _ in iter_valid_items(folder, [])}
    assert len(reply["items"]) == 5
    assert all(item["id"] in known and item["explanation"].strip() for item in reply["items"])
