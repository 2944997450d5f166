"""Derived data (recchat/catalog/derived.py): the title index, BM25, the title keys and the
people are built while a catalog is imported and saved under its revision; opening the catalog
reads them and builds nothing. A kind that has no file yet (added later, a cleared cache) is
built on first use, and saved."""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from pathlib import Path

import pytest

from recchat.catalog.derived import Derived, StoredItem
from recchat.catalog.importer import import_catalog
from recchat.config import Settings
from recchat.conversation.mentions import TITLES, TitleTable
from recchat.conversation.people_table import PEOPLE, PeopleTable
from recchat.conversation.understanding import reader_for
from recchat.factory import Runtime
from recchat.ranking.lexical import K1, B, Bm25Index, terms


def builds(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The 'catalog.build' spans of the timing trace: derived data made from the stored items."""
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("catalog.build")]


def imported(home: Path, folder: Path) -> Settings:
    settings = Settings(home=home, backend="fake", use_llm=False)
    runtime = Runtime(settings)
    import_catalog(runtime.store, runtime.embedder, folder, "mini", cache_dir=settings.cache_dir)
    return settings


def test_import_builds_the_derived_data_and_opening_only_reads_it(
    home: Path, mini_catalog: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = imported(home, mini_catalog)
    files = sorted(p.name.split("-")[0] for p in settings.cache_dir.iterdir() if p.is_file())
    assert files == ["bm25", "implications", "index", "people", "titles"]
    caplog.set_level(logging.DEBUG, logger="recchat.timing")
    catalog = Runtime(settings).catalog("mini")
    from_import = (list(catalog.index.entries), catalog.lexical.scores("space adventure crew"))
    assert builds(caplog) == [], "opening a freshly imported catalog rebuilt its derived data"
    for path in settings.cache_dir.iterdir():
        if path.is_file():
            path.unlink()
    rebuilt = Runtime(settings).catalog("mini")
    from_store = (sorted(rebuilt.index.entries, key=lambda e: e.id), rebuilt.lexical.scores("space adventure crew"))
    assert len(builds(caplog)) == 1, "both kinds are built in one pass over the stored items"
    assert sorted(from_import[0], key=lambda e: e.id) == from_store[0]
    assert from_import[1] == pytest.approx(from_store[1]) and from_import[1]


# Titles (exact, article-less, fuzzy, with a year), people (whole, surname, fuzzy, negated),
# values and plain words, over the test catalog.
SAID = [
    "I loved Interstellar and The Hobbit",
    "something like Interstelar",
    "The Matrix (1999) but funnier",
    "a book by Agatha Christie",
    "anything by Tolkien",
    "not by Frank Herbert, and no horror",
    "a mystery with Miss Marple",
    "Agata Christie novels",
    "a cooperative board game for 4 players",
]


def only(folder: Path, pattern: str) -> Path:
    found = list(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def test_opening_reads_the_title_keys_and_people_and_they_read_as_freshly_counted_ones(
    home: Path, mini_catalog: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = imported(home, mini_catalog)
    caplog.set_level(logging.DEBUG, logger="recchat.timing")
    runtime = Runtime(settings)
    catalog = runtime.catalog("mini")
    runtime.reader(catalog)
    assert builds(caplog) == [], "opening a freshly imported catalog rebuilt its title keys or people"
    index, schema = catalog.index, catalog.schema
    titles, people = catalog.derived(TITLES), catalog.derived(PEOPLE)
    assert titles == TitleTable.of(index.entries) and len(titles.keys) > len(index)
    assert people == PeopleTable.of(schema, index.entries) and people.person("agatha christie")
    saved, fresh = reader_for(schema, index, saved=(titles, people)), reader_for(schema, index)
    for text in SAID:
        assert saved.read(text) == fresh.read(text), text
    assert {m.title for m in saved.read(SAID[0]).mentions} == {"Interstellar (2014)", "The Hobbit"}


def test_the_reader_answers_from_the_saved_files_not_from_a_rebuild(home: Path, mini_catalog: Path) -> None:
    settings = imported(home, mini_catalog)
    catalog = Runtime(settings).catalog("mini")
    index, schema = catalog.index, catalog.schema
    # the same items in the same order, one of them renamed and given another author
    changed = [
        e._replace(title="Zorblax (2014)", facts={**e.facts, "author": ["Quentin Vask"]}) if e.id == "m01" else e
        for e in index.entries
    ]
    only(settings.cache_dir, "titles-mini-*.json").write_text(json.dumps(TitleTable.of(changed).to_json()))
    only(settings.cache_dir, "people-mini-*.json").write_text(json.dumps(PeopleTable.of(schema, changed).to_json()))
    runtime = Runtime(settings)
    _, reader = runtime.reader(runtime.catalog("mini"))
    assert [m.item_id for m in reader.read("I loved Zorblax").mentions] == ["m01"]
    heard = reader.read("a book by Quentin Vask").heard
    assert [c.value for c in heard.constraints if c.about == "person"] == ["Quentin Vask"]


def test_a_damaged_or_missing_title_or_people_file_is_made_from_the_index_and_saved(
    home: Path, mini_catalog: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = imported(home, mini_catalog)
    titles_file = only(settings.cache_dir, "titles-mini-*.json")
    titles_file.write_text("{not json")
    people_file = only(settings.cache_dir, "people-mini-*.json")
    people_file.unlink()  # as for a catalog imported before people were saved
    caplog.set_level(logging.DEBUG, logger="recchat.timing")
    runtime = Runtime(settings)
    catalog = runtime.catalog("mini")
    runtime.reader(catalog)
    made = builds(caplog)
    assert len(made) == 2 and all("loaded=True" in line for line in made), "made from the index, not the store"
    index = catalog.index
    assert TitleTable.from_json(json.loads(titles_file.read_text())) == TitleTable.of(index.entries)
    assert PeopleTable.from_json(json.loads(people_file.read_text())) == PeopleTable.of(catalog.schema, index.entries)
    caplog.clear()
    again = Runtime(settings)
    again.reader(again.catalog("mini"))
    assert builds(caplog) == [], "what was made is read the next time"


def test_incognito_makes_missing_title_keys_but_writes_nothing(home: Path, mini_catalog: Path) -> None:
    settings = imported(home, mini_catalog)
    only(settings.cache_dir, "titles-mini-*.json").unlink()
    incognito = Runtime(Settings(home=home, backend="fake", use_llm=False, incognito=True))
    _, reader = incognito.reader(incognito.catalog("mini"))
    assert [m.item_id for m in reader.read("I loved Interstellar").mentions] == ["m01"]
    assert not list(settings.cache_dir.glob("titles-mini-*"))


class Count:
    def __init__(self, schema: object) -> None:
        self.words = 0

    def add(self, item: StoredItem) -> None:
        self.words += len(item.document.split())

    def finish(self) -> int:
        return self.words


WORDS: Derived[int] = Derived(
    "words",
    "json",
    Count,
    lambda value, path: path.write_text(json.dumps(value)),
    lambda p: int(json.loads(p.read_text())),
)


def test_a_kind_without_a_file_is_built_on_first_use_saved_and_then_read(home: Path, mini_catalog: Path) -> None:
    settings = imported(home, mini_catalog)
    catalog = Runtime(settings).catalog("mini")
    expected = sum(len((r.document or "").split()) for r in catalog.collection.iter_all(documents=True))
    assert catalog.derived(WORDS) == expected
    saved = list(settings.cache_dir.glob("words-mini-*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text()) == expected
    saved[0].write_text("12345")  # what a later reader gets is the file's, not a rebuild
    assert Runtime(settings).catalog("mini").derived(WORDS) == 12345
    saved[0].write_text("not json")  # a damaged file is built again
    assert Runtime(settings).catalog("mini").derived(WORDS) == expected


def test_a_derived_kind_name_must_fit_a_cache_file_name() -> None:
    with pytest.raises(ValueError):
        Derived("my-kind", "json", Count, lambda v, p: None, lambda p: 0)


def test_bm25_scores_are_the_textbook_formula() -> None:
    docs = [("a", "heist crew thieves heist"), ("b", "space drama astronaut"), ("c", "crew returns heist"), ("d", "")]
    index = Bm25Index(docs)
    counted = {doc_id: Counter(terms(text)) for doc_id, text in docs}
    average = sum(sum(c.values()) for c in counted.values()) / len(docs)
    for query in ("heist crew", "astronaut drama", "nothing"):
        expected = {}
        for doc_id, counts in counted.items():
            score = 0.0
            for term in set(terms(query)):
                holding = sum(1 for c in counted.values() if term in c)
                idf = math.log(1 + (len(docs) - holding + 0.5) / (holding + 0.5))
                tf = counts[term]
                length = sum(counts.values())
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average)) if tf else 0.0
            if score:
                expected[doc_id] = score
        assert index.scores(query) == pytest.approx(expected)


def test_bm25_scores_rank_like_sorting_them_ties_in_catalog_order() -> None:
    words = ["heist", "crew", "space", "drama", "robot", "comedy"]
    docs = [(f"d{i}", " ".join(words[(i * j) % 6] for j in range(1, 2 + i % 4))) for i in range(60)]
    scores = Bm25Index(docs).scores("heist crew robot")
    plain = dict(scores.items())
    assert len(plain) == len(scores) and 0 < len(plain) < 60
    expected = sorted(plain, key=lambda i: -plain[i])  # stable: equal scores keep the catalog's order
    assert len(set(plain.values())) < len(plain), "the case needs ties"
    for n in (1, 3, 10, len(plain), 100):
        assert scores.top(n) == expected[:n]
    assert scores.largest() == max(plain.values())
    assert scores.get("no such id", 0.0) == 0.0 and "no such id" not in scores


def test_a_derived_file_is_read_whatever_json_wrote(tmp_path: Path) -> None:
    from recchat.catalog.derived import read_json

    path = tmp_path / "kind.json"
    path.write_text(json.dumps({"popularity": [1.5, float("nan")], "big": 2**70, "title": "Amélie"}))
    read = read_json(path)  # NaN and integers beyond 64 bits: orjson refuses them, json reads them
    assert read["big"] == 2**70 and read["title"] == "Amélie" and math.isnan(read["popularity"][1])
    path.write_text("{not json")
    with pytest.raises(ValueError):
        read_json(path)


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_a_derived_file_leaves_the_cycle_collector_as_it_was(tmp_path: Path, enabled: bool) -> None:
    import gc

    from recchat.catalog.derived import load

    path = tmp_path / "words.json"
    path.write_text("7")
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert load(path, WORDS) == 7
        path.write_text("damaged")
        assert load(path, WORDS) is None
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_what_a_big_file_made_leaves_the_cycle_collector_and_a_small_one_stays(tmp_path: Path) -> None:
    import gc

    from recchat.catalog.derived import FREEZE_AFTER, load

    rows: Derived[list[list[int]]] = Derived(
        "rows", "json", Count, lambda v, p: None, lambda p: [[i] for i in range(int(p.read_text()))]
    )
    path = tmp_path / "rows.json"
    path.write_text("10")
    frozen = gc.get_freeze_count()
    assert load(path, rows) == [[i] for i in range(10)]
    assert gc.get_freeze_count() == frozen and gc.isenabled()
    path.write_text(str(FREEZE_AFTER + 1000))
    big = load(path, rows)
    assert big is not None and len(big) == FREEZE_AFTER + 1000
    assert gc.get_freeze_count() >= frozen + len(big) and gc.isenabled()
