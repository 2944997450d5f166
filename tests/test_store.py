"""The store behaves the same embedded and on a Chroma server: every test here runs on both
(the `runtime` fixture is parametrized over the two; see conftest.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from conftest import both_stores
from recchat.catalog.importer import import_catalog
from recchat.catalog.items import content_hash
from recchat.catalog.record import HASH
from recchat.errors import NotFoundError, RecchatError, StoreError
from recchat.factory import Runtime
from recchat.store import PAGE

pytestmark = both_stores  # what is stored, and how, is what these test


def vectors(rows: int, dimension: int = 8, seed: int = 0) -> npt.NDArray[np.float32]:
    values = np.random.default_rng(seed).normal(size=(rows, dimension)).astype(np.float32)
    return np.asarray(values / np.linalg.norm(values, axis=1, keepdims=True), dtype=np.float32)


def test_round_trip_keeps_ids_documents_metadata_and_float32_vectors(runtime: Runtime) -> None:
    collection = runtime.store.open_or_create("catalog", "round-trip", "e", 8)
    data = vectors(3)
    collection.upsert(["a", "b", "c"], data, ["A", "B", "C"], [{"n": 1}, {"n": 2}, {"n": 3, "s": "x"}])
    records = {r.id: r for r in collection.get(["c", "a"], embeddings=True, documents=True)}
    assert set(records) == {"a", "c"}
    assert records["c"].metadata == {"n": 3, "s": "x"} and records["c"].document == "C"
    assert records["a"].embedding is not None and records["a"].embedding.dtype == np.float32
    assert np.allclose(records["a"].embedding, data[0], atol=1e-6)


def test_query_returns_nearest_with_cosine_distance_and_honours_filters(runtime: Runtime) -> None:
    collection = runtime.store.open_or_create("catalog", "nearest", "e", 8)
    data = vectors(20, seed=1)
    ids = [f"i{n}" for n in range(20)]
    collection.upsert(ids, data, ids, [{"even": n % 2 == 0} for n in range(20)])
    (row,) = collection.query(data[5:6], 3)
    assert row[0].id == "i5" and row[0].distance == pytest.approx(0.0, abs=1e-4)
    (filtered,) = collection.query(data[5:6], 3, where={"even": True})
    assert filtered and all(r.metadata["even"] for r in filtered)


def test_iter_all_pages_through_more_than_one_page(runtime: Runtime) -> None:
    collection = runtime.store.open_or_create("profile", "big", "e", 8)
    total = PAGE + 7
    ids = [f"u{n:05d}" for n in range(total)]
    for start in range(0, total, 1000):
        chunk = ids[start : start + 1000]
        collection.upsert(chunk, vectors(len(chunk), seed=start), chunk, [{"n": 1}] * len(chunk))
    assert sorted(r.id for r in collection.iter_all()) == ids
    assert collection.count() == total
    collection.delete(ids[: PAGE + 1])  # more than one delete page too
    assert collection.count() == 6


def test_names_are_listed_by_kind_and_missing_ones_say_how_to_fix_it(runtime: Runtime) -> None:
    store = runtime.store
    store.open_or_create("catalog", "books", "e", 8)
    store.open_or_create("profile", "books", "e", 8)  # same name, other kind: a different collection
    store.open_or_create("profile", "ann", "e", 8)
    assert store.catalogs() == ["books"]
    assert store.profiles() == ["ann", "books"]
    with pytest.raises(NotFoundError) as missing:
        store.open("catalog", "ann")
    assert missing.value.hint and "catalog add" in missing.value.hint
    store.delete("profile", "books")
    assert store.profiles() == ["ann"] and store.catalogs() == ["books"]


def test_a_collection_built_by_another_embedder_is_refused(runtime: Runtime) -> None:
    runtime.store.open_or_create("profile", "mixed", "model-a", 8)
    with pytest.raises(StoreError, match="model-a"):
        runtime.store.open_or_create("profile", "mixed", "model-b", 8)


def test_incremental_import_writes_only_what_changed(runtime: Runtime, mini_catalog: Path) -> None:
    first = import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    assert first.added == first.total > 20
    movies = mini_catalog / "movies.jsonl"
    lines = movies.read_text().splitlines()
    movies.write_text("\n".join([lines[0].replace('"title"', '"note": "changed", "title"', 1), *lines[2:]]) + "\n")
    second = import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    assert (second.added, second.updated, second.removed) == (0, 1, 1)
    assert second.unchanged == first.total - 2
    catalog = runtime.catalog("mini")
    assert catalog.collection.info["state"] == "ready"
    assert len(catalog.index) == catalog.collection.count() == first.total - 1


def test_profile_entries_survive_a_new_runtime(runtime: Runtime, loaded: Runtime) -> None:
    session = loaded.session(catalog="mini")
    session.handle("I love cozy mysteries")
    again = Runtime(loaded.settings).profile()
    assert any("cozy mysteries" in e.utterance.text for e in again.entries)


def test_stored_hashes_match_the_catalog_files(loaded: Runtime, mini_catalog: Path) -> None:
    from recchat.catalog.importer import iter_valid_items

    expected = {item.id: content_hash(item) for item, _ in iter_valid_items(mini_catalog, [])}
    stored = {r.id: r.metadata[HASH] for r in loaded.catalog("mini").collection.iter_all()}
    assert stored == expected


def test_a_catalog_whose_first_import_never_got_going_is_not_served(runtime: Runtime) -> None:
    """The server can die between creating the collection and marking it 'importing'."""
    runtime.store.open_or_create("catalog", "half", runtime.embedder.name, runtime.embedder.dimension)
    with pytest.raises(RecchatError, match="incomplete"):
        runtime.catalog("half")
