"""Incremental import into a real (embedded) Chroma, with the hashing embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import both_stores
from recchat.catalog.importer import import_catalog
from recchat.catalog.record import ITEM, NEIGHBOURS
from recchat.errors import CatalogError, InvalidCatalogError
from recchat.factory import Runtime

pytestmark = both_stores  # what is stored, and how, is what these test


class CountingEmbedder:
    """Wraps the hashing embedder to count what gets embedded (the behaviour under test is
    the importer's, not the embedder's)."""

    def __init__(self, inner):  # type: ignore[no-untyped-def]
        self.inner = inner
        self.embedded: list[str] = []

    name = property(lambda self: self.inner.name)
    dimension = property(lambda self: self.inner.dimension)

    def embed(self, texts):  # type: ignore[no-untyped-def]
        self.embedded.extend(texts)
        return self.inner.embed(texts)


def stored(runtime: Runtime, name: str = "mini") -> dict[str, dict[str, object]]:
    return {r.id: r.metadata for r in runtime.store.open("catalog", name).iter_all()}


def test_first_import_stores_every_item_from_every_format(runtime: Runtime, mini_catalog: Path) -> None:
    report = import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    items = stored(runtime)
    assert report.added == len(items) == 26
    assert {"m01", "b01", "g01"} <= items.keys()
    assert items["g01"]["players"] == "3-4" and items["b02"]["author"] == "Agatha Christie"
    info = runtime.store.open("catalog", "mini").info
    assert info["state"] == "ready" and info["items"] == 26


def test_unchanged_import_embeds_nothing(runtime: Runtime, mini_catalog: Path) -> None:
    import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    counting = CountingEmbedder(runtime.embedder)
    report = import_catalog(runtime.store, counting, mini_catalog, "mini")  # type: ignore[arg-type]
    assert counting.embedded == [] and report.unchanged == 26 and report.added == report.updated == 0


def test_changed_item_is_re_embedded_and_removed_item_deleted(runtime: Runtime, mini_catalog: Path) -> None:
    import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    (mini_catalog / "books" / "dune.md").unlink()
    lines = (mini_catalog / "movies.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    first["description"] = "A completely new description about farming."
    lines[0] = json.dumps(first)
    (mini_catalog / "movies.jsonl").write_text("\n".join(lines) + "\n")
    counting = CountingEmbedder(runtime.embedder)
    report = import_catalog(runtime.store, counting, mini_catalog, "mini")  # type: ignore[arg-type]
    assert (report.updated, report.removed, report.added) == (1, 1, 0)
    assert len(counting.embedded) == 1 and "farming" in counting.embedded[0]
    items = stored(runtime)
    assert "b03" not in items and "farming" in str(items["m01"][ITEM])


def test_bad_file_leaves_the_stored_catalog_exactly_as_it_was(runtime: Runtime, mini_catalog: Path) -> None:
    import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    before = stored(runtime)
    (mini_catalog / "movies.jsonl").write_text('{"title": "Fine"}\n{"title": \n')
    with pytest.raises(InvalidCatalogError) as caught:
        import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    assert f"{mini_catalog / 'movies.jsonl'}:2:" in str(caught.value)
    assert stored(runtime) == before


def test_bad_first_import_creates_no_catalog(runtime: Runtime, tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"description": "no title"}\n')
    with pytest.raises(InvalidCatalogError, match="no title field"):
        import_catalog(runtime.store, runtime.embedder, tmp_path, "bad")
    assert runtime.store.catalogs() == []


def test_skip_invalid_imports_the_good_rows_and_reports_the_rest(runtime: Runtime, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "1", "title": "Good"}\n{"id": "2"}\n{"id": "1", "title": "Dup"}\n')
    report = import_catalog(runtime.store, runtime.embedder, tmp_path, "c", skip_invalid=True)
    assert report.added == 1 and len(report.skipped) == 2
    assert "duplicate id '1'" in str(report.skipped[1]) and ":3:" in str(report.skipped[1])
    assert set(stored(runtime, "c")) == {"1"}


def test_usage_log_becomes_neighbours_and_updates_without_re_embedding(runtime: Runtime, mini_catalog: Path) -> None:
    import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    neighbours = json.loads(str(stored(runtime)["m01"][NEIGHBOURS]))
    assert {pair[0] for pair in neighbours} == {"m02", "m03", "m05"}
    with (mini_catalog / "interactions.jsonl").open("a") as log:
        log.write(json.dumps({"session": "s5", "items": ["m01", "m18"], "liked": ["m01", "m18"]}) + "\n")
    counting = CountingEmbedder(runtime.embedder)
    report = import_catalog(runtime.store, counting, mini_catalog, "mini")  # type: ignore[arg-type]
    assert counting.embedded == [] and report.relinked >= 2
    assert "m18" in {pair[0] for pair in json.loads(str(stored(runtime)["m01"][NEIGHBOURS]))}


def test_catalog_built_with_another_embedder_is_refused(runtime: Runtime, mini_catalog: Path) -> None:
    from recchat.embed.fake import HashingEmbedder
    from recchat.errors import StoreError

    import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    with pytest.raises(StoreError, match="was built with embedder"):
        import_catalog(runtime.store, HashingEmbedder(dimension=64), mini_catalog, "mini")


def test_sample_catalog_imports_cleanly_in_all_its_formats(runtime: Runtime) -> None:
    from conftest import SAMPLE_CATALOG

    report = import_catalog(runtime.store, runtime.embedder, SAMPLE_CATALOG, "sample")
    assert report.skipped == [] and report.added == 350 + 163 + 64
    kinds = {str(m.get("type")) for m in stored(runtime, "sample").values()}
    assert kinds == {"movie", "book", "board game"}
    assert report.interactions > 100  # the usage log became neighbours
    assert runtime.store.open("catalog", "sample").info["kind"] == "movies, books and board games"


def test_a_tab_separated_export_imports_and_a_spreadsheet_file_is_told_to_be_saved_as_csv(
    runtime: Runtime, tmp_path: Path
) -> None:
    tsv = tmp_path / "tsv"
    tsv.mkdir()
    (tsv / "list.tsv").write_text("Name\tLength (km)\tNotes\nRidge, north\t12.5\tsteep; windy\nLake\t3\tflat\n")
    report = import_catalog(runtime.store, runtime.embedder, tsv, "tsv")
    assert report.added == 2
    assert {str(item["_title"]) for item in stored(runtime, "tsv").values()} == {"Ridge, north", "Lake"}
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "list.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(CatalogError, match="no items found") as refused:
        import_catalog(runtime.store, runtime.embedder, sheets, "sheets")
    assert (
        refused.value.hint is not None
        and "list.xlsx: save it from the spreadsheet program as CSV" in refused.value.hint
    )
    assert [c for c in runtime.store.catalogs() if c == "sheets"] == []


def test_a_table_whose_title_header_is_unknown_is_read_from_the_column_that_names_the_items(
    runtime: Runtime, tmp_path: Path
) -> None:
    rows = [("1", "Hardcore History", "History"), ("2", "Serial", "True Crime"), ("3", "Radiolab", "Science")]
    rows += [("4", "Lore", "History"), ("5", "Criminal", "True Crime"), ("6", "Song Exploder", "Music")]
    (tmp_path / "shows.csv").write_text("Rank,Show,Topic\n" + "".join(f"{r},{s},{t}\n" for r, s, t in rows))
    report = import_catalog(runtime.store, runtime.embedder, tmp_path, "shows")
    assert report.added == 6
    assert {str(item["_title"]) for item in stored(runtime, "shows").values()} == {s for _, s, _ in rows}
    assert "title=Show" in report.fields[0].describe() and "guessed" in report.fields[0].describe()
