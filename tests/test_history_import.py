"""Importing a history: exports as the services write them (tests/data/history), matched to the
catalog's items, judged against truth.json; verdicts on a clear scale; zips; bad input."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from recchat.catalog.importer import import_catalog
from recchat.config import Settings
from recchat.errors import InvalidCatalogError
from recchat.eval.history_matching import Judged, judge, read_truth
from recchat.factory import Runtime
from recchat.imports.history import ImportPlan, merged, plan_import
from recchat.imports.matching import AMBIGUOUS, MATCHED, NOT_FOUND

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "tests" / "data" / "history"
CATALOGS = {"sample": ROOT / "sample_catalog", "hist": HISTORY / "catalog"}


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    """Both catalogs, imported once (matching reads titles, years and fields, not vectors)."""
    runtime = Runtime(Settings(home=tmp_path_factory.mktemp("history-home"), backend="fake"))
    for name, folder in CATALOGS.items():
        import_catalog(runtime.store, runtime.embedder, folder, name)
    yield runtime


def planned(runtime: Runtime, catalog: str, *paths: Path) -> ImportPlan:
    stored = runtime.catalog(catalog)
    return plan_import(list(paths), catalog, stored.index, stored.schema)


def verdicts(plan: ImportPlan) -> dict[str, str]:
    return {o.item_id: o.verdict for o in plan.outcomes}


def test_rows_are_matched_to_their_items_and_never_to_another_work(catalogs: Runtime) -> None:
    truth = read_truth(HISTORY / "truth.json")
    total = Judged()
    for file in sorted({t["file"] for t in truth}):
        rows = [t for t in truth if t["file"] == file]
        judged = judge(planned(catalogs, rows[0]["catalog"], HISTORY / file).results, rows)
        assert not judged.unjudged, f"{file}: rows the truth does not know: {judged.unjudged}"
        total.add(judged)
    assert total.in_catalog >= 140  # the figure below is over enough rows to mean something
    assert total.match_rate >= 0.98, total.missed
    assert total.wrong == []
    assert total.ambiguous >= 5 and total.ambiguous_listed == total.ambiguous


@pytest.mark.parametrize(
    ("file", "format_name"),
    [
        ("hist/letterboxd/diary.csv", "Letterboxd"),
        ("hist/goodreads/goodreads_library_export.csv", "Goodreads"),
        ("hist/imdb/ratings.csv", "IMDb ratings"),
        ("hist/imdb/watchlist.csv", "IMDb list"),
        ("hist/bgg/collection.csv", "BoardGameGeek"),
        ("hist/spreadsheet/history.csv", "spreadsheet"),
    ],
)
def test_each_export_is_recognised_by_its_header(catalogs: Runtime, file: str, format_name: str) -> None:
    plan = planned(catalogs, "hist", HISTORY / file)
    assert [f.format for f in plan.files] == [format_name]


def test_ratings_become_likes_and_dislikes_on_one_scale(catalogs: Runtime) -> None:
    diary = verdicts(planned(catalogs, "hist", HISTORY / "hist/letterboxd/diary.csv"))
    assert diary["h-dune-2021"] == "like"  # 4.5 of 5
    assert diary["h-dune-1984"] == "dislike"  # 2 of 5
    assert diary["h-amelie"] == "seen"  # 3.5 of 5: neither
    assert diary["h-magnificent-seven-2016"] == "seen"  # 2.5 of 5: neither
    assert diary["h-portrait"] == "seen"  # watched, not rated
    imdb = verdicts(planned(catalogs, "hist", HISTORY / "hist/imdb/ratings.csv"))
    assert imdb["h-solaris-1972"] == "like"  # 9 of 10
    assert imdb["h-magnificent-seven-1960"] == "seen"  # 7 of 10
    assert imdb["h-dune-1984"] == "dislike"  # 3 of 10
    watchlist = verdicts(planned(catalogs, "hist", HISTORY / "hist/imdb/watchlist.csv"))
    assert set(watchlist.values()) == {"wish"}
    books = verdicts(planned(catalogs, "hist", HISTORY / "hist/goodreads/goodreads_library_export.csv"))
    assert books["h-solaris-book"] == "seen"  # 0 stars is no rating; shelf "read"
    assert books["h-hundred-years"] == "wish"  # to-read
    assert books["h-the-road"] == "seen"  # currently-reading
    games = verdicts(planned(catalogs, "hist", HISTORY / "hist/bgg/collection.csv"))
    assert games["h-7-wonders"] == "seen"  # rating N/A, owned
    assert games["h-ticket-to-ride"] == "wish"  # on the wishlist
    assert games["h-carcassonne"] == "dislike"  # 4 of 10
    sheet = verdicts(planned(catalogs, "hist", HISTORY / "hist/spreadsheet/history.csv"))
    assert sheet["h-catan"] == "like"  # ★★★★½
    assert sheet["h-seven-samurai"] == "like"  # 9/10
    assert sheet["h-persuasion"] == "wish"  # to-read
    assert sheet["h-spirited-away"] == "like"  # favourite


def test_a_letterboxd_zip_reads_its_history_files_only(catalogs: Runtime, tmp_path: Path) -> None:
    folder = HISTORY / "hist" / "letterboxd"
    export = tmp_path / "letterboxd-filmfan-2023-09-01-10-00-utc.zip"
    with zipfile.ZipFile(export, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    plan = planned(catalogs, "hist", export)
    read = sorted(f.source.split("/", 1)[1] for f in plan.files)
    assert read == ["diary.csv", "likes/films.csv", "ratings.csv", "watched.csv", "watchlist.csv"]
    outcome = verdicts(plan)
    assert outcome["h-portrait"] == "like"  # unrated in the diary, a heart in likes/films.csv
    assert outcome["h-solaris-2002"] == "wish"  # the watchlist
    assert outcome["h-arrival"] == "like"  # two diary rows, one item
    assert sum(1 for o in plan.outcomes if o.item_id == "h-arrival") == 1


def test_the_latest_opinion_wins_and_seen_outweighs_a_wish(catalogs: Runtime, tmp_path: Path) -> None:
    sheet = tmp_path / "log.csv"
    sheet.write_text(
        "title,year,rating,status,date\n"
        "Arrival,2016,5,,2020-01-01\nArrival,2016,1,,2022-01-01\n"
        "Azul,,,want to play,2020-01-01\nAzul,,,played,2019-01-01\n",
        encoding="utf-8",
    )
    outcome = verdicts(planned(catalogs, "hist", sheet))
    assert outcome == {"h-arrival": "dislike", "h-azul": "seen"}


def test_remakes_and_same_titles_are_never_taken_for_each_other(catalogs: Runtime, tmp_path: Path) -> None:
    sheet = tmp_path / "films.csv"
    sheet.write_text(
        "title,year,rating\nThe Lion King,2019,5\nThe Thing,1982,5\nSolaris,,5\nThe Godfather: Part II,1974,5\n",
        encoding="utf-8",
    )
    plan = planned(catalogs, "hist", sheet)
    by_title = {r.row.title: r.match for r in plan.results}
    assert by_title["The Lion King"].status == NOT_FOUND
    assert "The Lion King (1994)" in by_title["The Lion King"].note
    assert by_title["The Thing"].status == MATCHED and by_title["The Thing"].item is not None
    assert by_title["Solaris"].status == AMBIGUOUS and len(by_title["Solaris"].candidates) == 3
    assert by_title["The Godfather: Part II"].status == NOT_FOUND


def test_an_unknown_file_is_refused_by_name_and_line(catalogs: Runtime, tmp_path: Path) -> None:
    odd = tmp_path / "export.csv"
    odd.write_text("Naam,Jaar\nDune,2021\n", encoding="utf-8")
    with pytest.raises(InvalidCatalogError) as raised:
        planned(catalogs, "hist", odd)
    assert "export.csv:1: not a history export" in str(raised.value)


def test_ragged_rows_are_skipped_and_listed(catalogs: Runtime, tmp_path: Path) -> None:
    sheet = tmp_path / "ragged.csv"
    sheet.write_text("title,year\nArrival,2016\nDune,2021,extra\nAzul,2017\n", encoding="utf-8")
    plan = planned(catalogs, "hist", sheet)
    assert {o.item_id for o in plan.outcomes} == {"h-arrival", "h-azul"}
    assert [e.line for e in plan.skipped] == [3]


def test_rows_without_a_match_are_not_merged(catalogs: Runtime) -> None:
    plan = planned(catalogs, "hist", HISTORY / "hist/spreadsheet/history.csv")
    assert len(merged(plan.results)) == len({r.match.item.id for r in plan.results if r.match.item is not None})
