"""Caches that clean up: the catalog's title and BM25 indexes are kept per revision, a hash of
the content, so an import that changes nothing keeps them; a change makes one new revision and
the old files go; `catalog remove` leaves none. Old ONNX exports do not pile up either."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import invoke_cli
from recchat.config import Settings
from recchat.embed.onnx import META_FILE
from recchat.factory import Runtime
from recchat.tui.backend import Backend


def cache_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under the cache folder: its size and when it was last written."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def ask(settings: Settings, text: str = "space adventure") -> None:
    """What `recchat ask` does: a fresh process's Runtime, one answered turn."""
    reply = Runtime(settings).session(catalog="mini").handle(text, k=3, always_recommend=True)
    assert reply.recommendations


def test_ten_unchanged_re_adds_leave_the_cache_folder_as_it_was(home: Path, mini_catalog: Path) -> None:
    settings = Settings(home=home, backend="fake", use_llm=False)
    app = Backend(settings)  # the app's import path (`/catalog add`)
    app.import_catalog(mini_catalog, "mini", on_progress=lambda done, total: None)
    ask(settings)
    after_first_ask = cache_state(settings.cache_dir)
    assert {name.split("-")[0] for name in after_first_ask} == {"bm25", "implications", "index", "people", "titles"}
    for _ in range(10):
        report = app.import_catalog(mini_catalog, "mini", on_progress=lambda done, total: None)
        assert report.unchanged == report.total
        ask(settings)
    assert cache_state(settings.cache_dir) == after_first_ask, "a re-add changed or rebuilt the caches"


def edit_one_item(catalog: Path) -> None:
    path = catalog / "movies.jsonl"
    lines = path.read_text().splitlines()
    first = json.loads(lines[0])
    first["description"] = first.get("description", "") + " Now with a director's cut."
    path.write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n")


def catalog_files(cache: Path, name: str) -> set[str]:
    """The catalog's files in the cache folder (this test's home holds no other catalog)."""
    return {p.name for p in cache.iterdir() if p.name.startswith((f"index-{name}-", f"bm25-{name}-"))}


def test_a_change_makes_one_new_revision_and_remove_leaves_nothing(home: Path, mini_catalog: Path) -> None:
    """Through the CLI, as a user meets it."""
    cache = home / "cache"
    assert invoke_cli(home, "--backend", "fake", "catalog", "add", str(mini_catalog), "--name", "mini").returncode == 0
    before = catalog_files(cache, "mini")
    assert len(before) == 2, "the title index and the BM25 index are built at import"
    assert invoke_cli(home, "--backend", "fake", "ask", "--no-llm", "space adventure").returncode == 0
    assert catalog_files(cache, "mini") == before, "ask read the import's files, it made none"
    edit_one_item(mini_catalog)
    assert invoke_cli(home, "--backend", "fake", "catalog", "add", str(mini_catalog), "--name", "mini").returncode == 0
    after = catalog_files(cache, "mini")
    assert len(after) == 2 and not after & before, "one new revision, with new files; the superseded ones gone"
    assert invoke_cli(home, "--backend", "fake", "ask", "--no-llm", "space adventure").returncode == 0
    assert catalog_files(cache, "mini") == after
    removed = invoke_cli(home, "--backend", "fake", "catalog", "remove", "mini", "--yes")
    assert removed.returncode == 0, removed.stderr
    assert catalog_files(cache, "mini") == set(), "catalog remove left its cache files"


# --- which files go ---------------------------------------------------------------------------


def test_only_the_superseded_files_of_that_catalog_in_that_store_go(tmp_path: Path) -> None:
    from recchat.catalog.caches import cache_file, remove_superseded

    here, there = "/data/recchat/chroma", "http://chroma.example:8000 (database films)"
    keep = [
        cache_file(tmp_path, here, "mini", "new", "index", "json"),
        cache_file(tmp_path, here, "mini", "new", "bm25", "npz"),
        cache_file(tmp_path, there, "mini", "old", "index", "json"),  # the same name in another store
        cache_file(tmp_path, here, "mini-2", "old", "index", "json"),  # another catalog
        cache_file(tmp_path, here, "mini.old", "old", "bm25", "npz"),
        tmp_path / "onnx" / "model-0123456789abcdef" / "model.onnx",
    ]
    superseded = [
        cache_file(tmp_path, here, "mini", "old", "index", "json"),
        cache_file(tmp_path, here, "mini", "old", "bm25", "npz"),
        tmp_path / (cache_file(tmp_path, here, "mini", "older", "bm25", "npz").name + ".tmp"),
        tmp_path / "index-mini-bf31ad31922082a0-b6c1e314a6765532.json",  # named per collection id
    ]
    for path in keep + superseded:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert sorted(remove_superseded(tmp_path, here, "mini", "new")) == sorted(superseded)
    assert all(path.exists() for path in keep)
    assert remove_superseded(tmp_path, here, "mini", None) == sorted(keep[:2])


def test_a_new_onnx_export_replaces_the_old_ones_of_its_model(tmp_path: Path) -> None:
    from recchat.embed.onnx_export import remove_superseded

    model, other = tmp_path / "models" / "minilm", tmp_path / "models" / "other"
    cache = tmp_path / "onnx"

    def export_of(source: Path, fingerprint: str) -> Path:
        folder = cache / f"{source.name}-{fingerprint}"
        folder.mkdir(parents=True)
        (folder / META_FILE).write_text(json.dumps({"source": str(source)}))
        return folder

    current = export_of(model, "1" * 16)
    old = export_of(model, "0" * 16)
    other_model = export_of(other, "2" * 16)
    killed, running = cache / ".export-killed", cache / ".export-running"
    killed.mkdir()
    running.mkdir()
    os.utime(killed, (0, 0))  # left long ago by a killed export
    assert remove_superseded(current, model) == sorted([killed, old])
    assert sorted(cache.iterdir()) == sorted([current, other_model, running])


def test_the_revision_follows_the_content_items_and_usage_log_alike(runtime: Runtime, mini_catalog: Path) -> None:
    from recchat.catalog.importer import import_catalog

    def revision() -> str:
        import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
        return str(runtime.store.open("catalog", "mini").info["revision"])

    first = revision()
    assert revision() == first
    log = mini_catalog / "interactions.jsonl"
    log.write_text("\n".join(log.read_text().splitlines()[:-1]) + "\n")  # one session fewer
    relinked = revision()
    edit_one_item(mini_catalog)
    edited = revision()
    assert len({first, relinked, edited}) == 3
