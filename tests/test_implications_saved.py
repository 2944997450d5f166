"""The implications between a catalog's values (ranking/implications.py) as derived data: counted
at import and saved with the catalog, read back as counted, counted again from the index when
their file is missing or damaged, and never written by an incognito run."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from recchat.catalog.importer import import_catalog
from recchat.config import Settings
from recchat.domain import Constraint
from recchat.factory import Runtime
from recchat.ranking.filters import admissible
from recchat.ranking.implications import IMPLICATIONS, Implications, implied_holders, rules_over


def builds(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("catalog.build")]


def write_catalog(folder: Path) -> Path:
    """Every 'slasher' item is a horror one; 'whodunit' comes with 'mystery' in the moods too."""
    folder.mkdir()
    rows = []
    for i in range(9):
        rows.append({"id": f"s{i}", "title": f"Night Blade {i}", "tags": ["slasher", "horror"], "moods": ["tense"]})
    rows.append({"id": "s9", "title": "Night Blade 9", "tags": ["slasher"], "moods": ["tense"]})  # untagged horror
    for i in range(4):
        rows.append({"id": f"h{i}", "title": f"Old House {i}", "tags": ["horror"], "moods": ["tense"]})
    for i in range(5):
        moods = ["whodunit", "mystery"] if i < 4 else ["mystery"]
        rows.append({"id": f"c{i}", "title": f"Lucky Day {i}", "tags": ["comedy"], "moods": moods})
    for row in rows:
        row["description"] = f"{row['title']}: a story told in {len(row['tags'])} ways."
    (folder / "items.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    return folder


def imported(home: Path, folder: Path) -> Settings:
    settings = Settings(home=home, backend="fake", use_llm=False)
    runtime = Runtime(settings)
    import_catalog(runtime.store, runtime.embedder, folder, "tales", cache_dir=settings.cache_dir)
    return settings


def only(folder: Path, pattern: str) -> Path:
    found = list(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


NO_HORROR = Constraint("tag", "tags", "has", "horror", True, "no horror", "nothing scary")


def test_rules_need_support_and_a_share_of_the_items() -> None:
    from recchat.catalog.index import IndexEntry

    def entry(i: int, *tags: str) -> IndexEntry:
        return IndexEntry(f"i{i}", f"T{i}", None, (), 0.0, tags)

    held = [entry(i, "slasher", "horror") for i in range(9)] + [entry(9, "slasher")]
    held += [entry(i, "horror") for i in range(10, 14)]
    assert rules_over(held, "tags") == {"slasher": frozenset({"horror"})}  # 9 of 10: enough
    held.append(entry(11, "slasher"))
    assert rules_over(held, "tags") == {}  # 9 of 11: not
    few = [entry(i, "gothic", "horror") for i in range(3)]
    assert rules_over(few, "tags") == {}  # three items prove no rule


def test_the_import_saves_the_rules_and_a_reader_gets_them_as_counted(
    home: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = imported(home, write_catalog(tmp_path / "tales"))
    saved = only(settings.cache_dir, "implications-tales-*.json")
    caplog.set_level(logging.DEBUG, logger="recchat.timing")
    catalog = Runtime(settings).catalog("tales")
    rules = catalog.derived(IMPLICATIONS)
    assert builds(caplog) == [], "a freshly imported catalog's rules were counted again"
    assert rules == Implications.of(catalog.schema, catalog.index.entries)
    assert rules.get("tags") == {"slasher": frozenset({"horror"})}
    assert rules.get("moods") == {"whodunit": frozenset({"mystery"})}
    assert Implications.from_json(json.loads(saved.read_text())) == rules
    # what 'no horror' rules out besides the items tagged horror: the slasher not tagged horror
    assert implied_holders(catalog, NO_HORROR)["s9"] == "slasher"
    allowed = admissible(catalog, [NO_HORROR])
    assert allowed == {f"c{i}" for i in range(5)}


def test_the_saved_rules_are_what_a_turn_reads(home: Path, tmp_path: Path) -> None:
    settings = imported(home, write_catalog(tmp_path / "tales"))
    saved = only(settings.cache_dir, "implications-tales-*.json")
    # a rule no counting would find, and not the one it would: a turn reads the file
    saved.write_text(json.dumps({"format": 1, "fields": {"tags": {"comedy": ["horror"]}}}))
    catalog = Runtime(settings).catalog("tales")
    assert implied_holders(catalog, NO_HORROR) == {f"c{i}": "comedy" for i in range(5)}
    assert admissible(catalog, [NO_HORROR]) == {"s9"}  # the slasher rule is not in the file


@pytest.mark.parametrize("damage", ["{not json", '{"format": 0, "fields": {}}', None])
def test_a_damaged_or_missing_file_is_counted_from_the_index_and_saved(
    home: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str | None
) -> None:
    settings = imported(home, write_catalog(tmp_path / "tales"))
    saved = only(settings.cache_dir, "implications-tales-*.json")
    expected = saved.read_text()
    if damage is None:
        saved.unlink()  # as for a catalog imported before the rules were saved
    else:
        saved.write_text(damage)
    caplog.set_level(logging.DEBUG, logger="recchat.timing")
    catalog = Runtime(settings).catalog("tales")
    assert implied_holders(catalog, NO_HORROR) == {f"s{i}": "slasher" for i in range(10)}
    made = builds(caplog)
    assert len(made) == 1 and "loaded=True" in made[0], "made from the index, not from the stored items"
    assert json.loads(saved.read_text()) == json.loads(expected)
    caplog.clear()
    implied_holders(Runtime(settings).catalog("tales"), NO_HORROR)
    assert builds(caplog) == [], "what was made is read the next time"


def test_incognito_counts_missing_rules_but_writes_nothing(home: Path, tmp_path: Path) -> None:
    settings = imported(home, write_catalog(tmp_path / "tales"))
    only(settings.cache_dir, "implications-tales-*.json").unlink()
    incognito = Runtime(Settings(home=home, backend="fake", use_llm=False, incognito=True))
    assert implied_holders(incognito.catalog("tales"), NO_HORROR)["s9"] == "slasher"
    assert not list(settings.cache_dir.glob("implications-tales-*"))
