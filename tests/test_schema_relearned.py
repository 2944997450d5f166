"""A catalog imported by an older recchat (its stored schema of another format) has its schema
learned again from the stored items once, kept under its revision with the derived data, and
read back on every later open without a pass over the items (issue #26: 24-37 s per `ask` at
100,000 items). The relearned schema is the one an import of today stores."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import invoke_cli
from recchat.catalog.importer import import_catalog
from recchat.catalog.library import Catalog
from recchat.catalog.schema import SCHEMA_FORMAT
from recchat.config import Settings
from recchat.factory import Runtime
from recchat.store import Collection, Record

OVERRIDES = '[fields.playtime_minutes]\nunit = "h"\n'  # the map file's say, where the data cannot tell


def imported(home: Path, folder: Path) -> Settings:
    settings = Settings(home=home, backend="fake", use_llm=False)
    runtime = Runtime(settings)
    import_catalog(runtime.store, runtime.embedder, folder, "mini", cache_dir=settings.cache_dir)
    return settings


def stored_info(settings: Settings) -> dict[str, Any]:
    return dict(Runtime(settings).store.open("catalog", "mini").info)


def make_stale(settings: Settings, schema_format: int = 1) -> dict[str, Any]:
    """The stored schema as an older (or newer) recchat wrote it; returns the import's own."""
    collection = Runtime(settings).store.open("catalog", "mini")
    today: dict[str, Any] = json.loads(collection.info["schema"])
    collection.set_info(schema=json.dumps({**today, "format": schema_format}))
    return today


def kept(settings: Settings) -> list[Path]:
    return sorted(settings.cache_dir.glob("schema-mini-*.json"))


class Passes:
    """The real collection, counting the passes over every stored item."""

    def __init__(self, collection: Collection) -> None:
        self._collection = collection
        self.passes = 0

    def iter_all(self, **kwargs: Any) -> Iterator[Record]:
        self.passes += 1
        return self._collection.iter_all(**kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._collection, name)


def opened(settings: Settings, *, write_cache: bool = True) -> tuple[Catalog, Passes]:
    collection = Passes(Runtime(settings).store.open("catalog", "mini"))
    return Catalog(collection, settings.cache_dir, write_cache=write_cache), collection  # type: ignore[arg-type]


@pytest.mark.parametrize("schema_format", [1, SCHEMA_FORMAT + 1])
def test_a_schema_of_another_format_is_learned_once_and_read_on_later_opens(
    home: Path, mini_catalog: Path, schema_format: int
) -> None:
    settings = imported(home, mini_catalog)
    today = make_stale(settings, schema_format)
    first, passes = opened(settings)
    learned = first.schema
    assert passes.passes == 1 and learned.relearned
    assert len(kept(settings)) == 1
    second, passes = opened(settings)
    assert second.schema == learned
    assert passes.passes == 0, "the second open went over the stored items again"
    assert {k: v for k, v in learned.to_json().items() if k != "relearned"} == today


def test_the_kept_schema_is_read_in_another_process_without_the_store_being_iterated(
    home: Path, mini_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = imported(home, mini_catalog)
    make_stale(settings)
    learned = Runtime(settings).catalog("mini").schema
    assert learned.relearned

    def no_pass(self: Collection, **kwargs: Any) -> Iterator[Record]:
        raise AssertionError("a pass over the stored items")

    monkeypatch.setattr(Collection, "iter_all", no_pass)
    assert Runtime(settings).catalog("mini").schema == learned


def test_a_re_import_is_not_served_the_schema_kept_for_the_revision_before(home: Path, mini_catalog: Path) -> None:
    settings = imported(home, mini_catalog)
    make_stale(settings)
    before = Runtime(settings).catalog("mini").schema
    assert before.field("studio") is None
    with (mini_catalog / "movies.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps({"id": "m99", "title": "Zorblax (2031)", "studio": "Vask Pictures"}) + "\n")
    runtime = Runtime(settings)
    import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini", cache_dir=settings.cache_dir)
    revision = stored_info(settings)["revision"]
    assert [revision in path.name for path in kept(settings)] == [False]
    make_stale(settings)  # stale again, under the new revision
    after, passes = opened(settings)
    assert after.schema.items == before.items + 1 and after.schema.field("studio") is not None
    assert passes.passes == 1
    assert sum(revision in path.name for path in kept(settings)) == 1


def test_an_incognito_open_learns_it_and_writes_nothing(home: Path, mini_catalog: Path) -> None:
    settings = imported(home, mini_catalog)
    make_stale(settings)
    cache_before = sorted(p.name for p in settings.cache_dir.iterdir())
    info_before = stored_info(settings)
    incognito = Runtime(Settings(home=home, backend="fake", use_llm=False, incognito=True))
    assert incognito.catalog("mini").schema.relearned
    catalog, _ = opened(settings, write_cache=False)
    assert catalog.schema.relearned
    assert sorted(p.name for p in settings.cache_dir.iterdir()) == cache_before
    assert stored_info(settings) == info_before


def test_the_relearned_schema_is_the_imports_with_the_folders_field_settings_and_usage_log(
    home: Path, mini_catalog: Path
) -> None:
    (mini_catalog / "recchat.toml").write_text(OVERRIDES, encoding="utf-8")
    settings = imported(home, mini_catalog)
    today = make_stale(settings)
    assert today["usage_log"] > 0, "the test catalog has a usage log"
    learned = opened(settings)[0].schema
    assert {k: v for k, v in learned.to_json().items() if k != "relearned"} == today
    playtime = learned.field("playtime_minutes")
    assert playtime is not None and playtime.measure.bare == "h"


def test_without_the_source_folder_it_is_learned_from_the_stored_items_alone(
    home: Path, mini_catalog: Path, tmp_path: Path
) -> None:
    (mini_catalog / "recchat.toml").write_text(OVERRIDES, encoding="utf-8")
    settings = imported(home, mini_catalog)
    make_stale(settings)
    shutil.move(mini_catalog, tmp_path / "moved")
    learned = opened(settings)[0].schema
    playtime = learned.field("playtime_minutes")
    assert learned.relearned and playtime is not None and playtime.measure.bare != "h"


def test_catalog_show_keeps_it_too_says_so_and_incognito_writes_nothing(home: Path, mini_catalog: Path) -> None:
    settings = imported(home, mini_catalog)
    make_stale(settings)
    quiet = invoke_cli(home, "--backend", "fake", "--incognito", "catalog", "show", "mini")
    assert quiet.returncode == 0, quiet.stderr
    assert kept(settings) == []
    shown = invoke_cli(home, "--backend", "fake", "catalog", "show", "mini")
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())  # wrapped to the terminal's width
    assert "learned again from the stored items" in said and f"catalog add {mini_catalog} --name mini" in said
    assert len(kept(settings)) == 1
    assert shown.stdout == quiet.stdout
