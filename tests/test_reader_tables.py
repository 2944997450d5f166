"""The title keys and the people as saved tables (mentions.TitleTable, people_table.PeopleTable,
catalog.groups.Groups): what is read back is what was built, a table answers for the index it
was built beside, and one built from other items or another order is not trusted."""

from __future__ import annotations

import json

import pytest

from recchat.catalog.groups import Groups
from recchat.catalog.index import CatalogIndex, IndexEntry
from recchat.catalog.schema import CatalogSchema, FieldInfo, FieldKind
from recchat.conversation.mentions import TitleMatcher, TitleTable
from recchat.conversation.people import PeopleReader
from recchat.conversation.people_table import PeopleTable
from recchat.conversation.spans import Utterance

SCHEMA = CatalogSchema(items=7, fields=(FieldInfo("director", FieldKind.PEOPLE, 7),))


def entry(
    item_id: str, title: str, year: int, popularity: float, *directors: str, aliases: tuple[str, ...] = ()
) -> IndexEntry:
    return IndexEntry(item_id, title, year, aliases, popularity, facts={"director": list(directors)})


INDEX = CatalogIndex(
    [
        entry("i1", "Interstellar (2014)", 2014, 90, "Christopher Nolan"),
        entry("m94", "The Mask (1994)", 1994, 50, "Chuck Russell"),
        entry("m88", "The Mask (1988)", 1988, 1, "Peter Bogdanovich"),
        entry("sw", "Star Wars: The Force Awakens (2015)", 2015, 30, "J. J. Abrams"),
        entry(
            "hp",
            "Harry Potter and the Sorcerer's Stone (2001)",
            2001,
            10,
            "Chris Columbus",
            aliases=("Harry Potter 1",),
        ),
        entry("dk", "The Dark Knight (2008)", 2008, 80, "Christopher Nolan"),
        entry("gu", "Gremlins (1984)", 1984, 40, "Joe Dante"),
    ]
)
TEXTS = [
    "I loved Interstellar",
    "comedy like The Mask (1988)",
    "have you seen The Mask?",
    "I liked Interstelar a lot",
    "anything like Star Wars",
    "Harry Potter 1 was great",
    "Gremlins (1984) and The Dark Knight",
]
ASKED = [
    "something by Nolan",
    "a film by Christopher Nolan",
    "not by Joe Dante",
    "with Chris Columbus",
    "Peter Bogdanovic films",
]


def titles(matcher: TitleMatcher, text: str) -> list[tuple[str, int, int]]:
    return [(m.item_id, m.start, m.end) for m in matcher.find(text)]


def people(reader: PeopleReader, text: str) -> list[tuple[str, object, bool]]:
    return [(f.constraint.field, f.constraint.value, f.constraint.negated) for f in reader.read(Utterance(text), [])]


def test_a_title_table_read_back_answers_as_the_one_built() -> None:
    table = TitleTable.of(INDEX.entries)
    loaded = TitleTable.from_json(json.loads(json.dumps(table.to_json())))
    assert loaded == table
    built, read_back = TitleMatcher(INDEX), TitleMatcher(INDEX, loaded)
    for text in TEXTS:
        assert titles(read_back, text) == titles(built, text) and titles(built, text), text


def test_a_matcher_answers_from_the_table_it_is_given() -> None:
    renamed = [e._replace(title="Zorblax (2014)") if e.id == "i1" else e for e in INDEX.entries]
    assert [m.item_id for m in TitleMatcher(INDEX, TitleTable.of(renamed)).find("I loved Zorblax")] == ["i1"]
    assert TitleMatcher(INDEX).find("I loved Zorblax") == []


def test_a_title_table_built_in_another_order_is_not_used() -> None:
    # its rows would name other entries: the matcher builds its own from the index instead
    shuffled = TitleTable.of(list(reversed(INDEX.entries)))
    assert shuffled.order != INDEX.order
    built, given = TitleMatcher(INDEX), TitleMatcher(INDEX, shuffled)
    for text in TEXTS:
        assert titles(given, text) == titles(built, text), text


def test_a_people_table_read_back_answers_as_the_one_built() -> None:
    table = PeopleTable.of(SCHEMA, INDEX.entries)
    loaded = PeopleTable.from_json(json.loads(json.dumps(table.to_json())))
    assert loaded == table
    assert loaded.person("christopher nolan") == table.person("christopher nolan")
    built, read_back = PeopleReader(SCHEMA, INDEX), PeopleReader(SCHEMA, INDEX, table=loaded)
    for text in ASKED:
        assert people(read_back, text) == people(built, text) and people(built, text), text


def test_a_people_table_of_other_items_is_not_used() -> None:
    other = [*INDEX.entries, entry("x", "Extra (2020)", 2020, 1, "Quentin Vask")]
    reader = PeopleReader(SCHEMA, INDEX, table=PeopleTable.of(SCHEMA, other))
    assert people(reader, "a film by Quentin Vask") == []
    same_items = PeopleReader(SCHEMA, INDEX, table=PeopleTable.of(SCHEMA, INDEX.entries))
    assert people(same_items, "something by Nolan") == [("director", "Christopher Nolan", False)]


def test_words_a_reader_ignores_are_no_surname_whatever_the_table_holds() -> None:
    table = PeopleTable.of(SCHEMA, INDEX.entries)
    assert table.with_surname("nolan") == ["christopher nolan"]
    assert people(PeopleReader(SCHEMA, INDEX, {"nolan"}, table), "something by Nolan") == []


def test_groups_keep_names_order_and_lists_and_refuse_damaged_columns() -> None:
    groups = Groups.of({"b": [3, 1], "a": [], "c": [7]})
    assert list(groups) == ["b", "a", "c"] and groups.get("b") == [3, 1] and groups.get("z") == []
    again = Groups.from_json(json.loads(json.dumps(groups.to_json())))
    assert again == groups and again.get("c") == [7] and again.slot("a") == 1
    assert Groups.from_json(Groups.of({}).to_json()) == Groups.of({})
    damaged = groups.to_json()
    for key, value in (("starts", [0, 2]), ("count", 2), ("members", "x")):
        with pytest.raises(ValueError):
            Groups.from_json({**damaged, key: value})
