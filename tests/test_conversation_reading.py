"""Reading what people type in a chat into constraints, pointers and a topic, against a
catalog's own fields: a mixed catalog (type, year, author, players "2-5", playtime_minutes) and
a films catalog with another schema (director, a stars list, genres; no type field)."""

from __future__ import annotations

from typing import Any

import pytest
from conversation_support import FILMS, MIXED, toy

from recchat.conversation.state import ConversationState, merge, summary
from recchat.domain import Constraint, Reference

MIX = toy(MIXED)
FILM = toy(FILMS)


def shape(text: str, catalog: Any = MIX, **kwargs: Any) -> set[tuple[Any, ...]]:
    return {(c.about, c.field, c.op, c.value, c.negated) for c in catalog.constraints(text, **kwargs)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I want a movie for tonight", "movie"),
        ("any good films?", "movie"),
        ("a flick for the weekend", "movie"),
        ("something to read on the train", "book"),
        ("a good novel please", "book"),
        ("a game for the family", "board game"),
        ("what should we play tonight", "board game"),
        ("board games!", "board game"),
    ],
)
def test_the_kind_of_item_in_everyday_words(text: str, kind: str) -> None:
    assert ("kind", "type", "is", kind, False) in shape(text)


def test_kinds_or_together_and_a_kind_to_avoid() -> None:
    assert ("kind", "type", "is", ("movie", "book"), False) in shape("a movie or a book, whatever")
    assert ("kind", "type", "is", "book", True) in shape("no books this time")


def test_a_catalog_without_a_kind_field_reads_no_kind() -> None:
    assert not [c for c in FILM.constraints("a good film for tonight") if c.about == "kind"]


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("movies from the 90s", (1990, 1999)),
        ("nineties movies", (1990, 1999)),
        ("something from the 1980s", (1980, 1989)),
        ("late 80s", (1986, 1989)),
        ("before 1980", (None, 1979)),
        ("anything after 2000", (2001, None)),
        ("since 2010", (2010, None)),
        ("made between 1990 and 2005", (1990, 2005)),
        ("a movie from 1994", (1994, 1994)),
        ("this century", (2000, None)),
        ("something recent", (2014, None)),  # the toy catalog's newest item is from 2019
    ],
)
def test_years(text: str, bounds: tuple[int | None, int | None]) -> None:
    years = [c.value for c in MIX.constraints(text) if c.about == "year"]
    assert years == [bounds]


def test_older_and_newer_read_against_what_was_pointed_at_or_shown() -> None:
    assert [c.value for c in MIX.constraints("more like the second one, but older", shown=["m1", "m2"])] == [
        (None, 1992)
    ]
    assert [c.value for c in MIX.constraints("newer ones", shown=["m1", "m3"])] == [(2017, None)]
    assert [c.value for c in MIX.constraints("something like Alien but newer")] == [(1980, None)]
    assert [c.value for c in MIX.constraints("something like Alien but more recent")] == [(1980, None)]
    assert not MIX.constraints("older")  # nothing shown, nothing pointed at: no guess


def test_a_title_that_is_a_number_is_not_a_year() -> None:
    films = toy([*FILMS, MIXED[0]])
    assert not [c for c in films.constraints("I loved 1984 the novel") if c.about == "year"]


def test_a_year_in_brackets_after_a_name_says_which_one_not_when() -> None:
    # ReDial writes every mention "Title (Year)", and people do too; titles not in the catalog
    # stay unmatched, so the bracket is what tells the year from a wish.
    assert not [c for c in MIX.constraints("i want comedy movies like The Mask (1988)") if c.about == "year"]
    assert [c.value for c in MIX.constraints("a comedy from 1988") if c.about == "year"] == [(1988, 1988)]


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("a game for two players", "covers", 2.0),
        ("a two-player game", "covers", 2.0),
        ("a board game for 5 or more players", "reaches", 5.0),
        ("we're 8 people tonight, what party game should we play?", "covers", 8.0),
        ("there are 6 of us", "covers", 6.0),
        ("something I can play solo", "covers", 1.0),
        ("a game for 4", "covers", 4.0),
    ],
)
def test_players(text: str, op: str, value: float) -> None:
    assert ("number", "players", op, value, False) in shape(text)


def test_for_two_is_players_only_for_items_that_have_players() -> None:
    assert not [c for c in MIX.constraints("a movie for two") if c.field == "players"]


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("a game under an hour", "at_most", 60.0),
        ("a game we can finish in 30 minutes", "at_most", 30.0),
        ("games that take over 2 hours", "at_least", 120.0),
        ("an hour or less", "at_most", 60.0),
        ("a quick game", "at_most", 30.0),  # a third of the toy games' playtimes
    ],
)
def test_time(text: str, op: str, value: float) -> None:
    assert ("number", "playtime_minutes", op, value, False) in shape(text)


def test_people_through_the_catalogs_own_fields() -> None:
    assert ("person", "author", "has", "Agatha Christie", False) in shape("anything by agatha christie?")
    assert ("person", "director", "has", "Christopher Nolan", False) in shape("a Christopher Nolan film", FILM)
    assert ("person", "stars", "has", "Tom Hanks", False) in shape("something with tom hanks", FILM)
    assert ("person", "director", "has", "Martin Scorsese", True) in shape("not by Scorsese", FILM)
    assert ("person", "director", "has", "Christopher Nolan", False) in shape("a nolan movie", FILM)
    assert ("person", "author", "has", "Agatha Christie", False) in shape("something by Agatha Christy")  # typo


def test_people_named_only_in_descriptions() -> None:
    assert ("person", "text", "mentions", "Martin Scorsese", True) in shape("nothing by Scorsese")
    assert ("person", "text", "mentions", "Keanu Reeves", False) in shape("something with Keanu Reeves")


def test_plain_words_are_not_people() -> None:
    assert not [c for c in FILM.constraints("a film with a big heist and a memorable score") if c.about == "person"]


def test_what_to_avoid() -> None:
    assert ("tag", "tags", "has", "romance", True) in shape("something funny, not a romance")
    assert ("tag", "tags", "has", "horror", True) in shape("nothing scary please")
    assert ("word", "text", "mentions", "marvel", True) in shape("superhero movies but nothing from Marvel")
    assert ("title", "text", "mentions", "matrix", True) in shape("not the Matrix ones")
    # a verdict on one title is the profile's business, not a ban on every title like it
    assert not [c for c in MIX.constraints("I hated The Matrix") if c.about == "title"]
    # how something feels is too blunt to forbid as a word
    assert not [c for c in MIX.constraints("a game, nothing too long") if c.about == "word"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the second one sounds good", [("like", "m2")]),
        ("more like the second one", [("anchor", "m2")]),
        ("I've seen those", [("seen", "m1"), ("seen", "m2"), ("seen", "m3")]),
        ("not that one", [("exclude", "m1")]),
        ("the first two are boring", [("dislike", "m1"), ("dislike", "m2")]),
        ("number 3 please", [("anchor", "m3")]),
        ("I've seen Alien already", [("seen", "m3")]),
        ("the last one", [("anchor", "m3")]),
    ],
)
def test_pointing_at_the_last_list(text: str, expected: list[tuple[str, str]]) -> None:
    read = MIX.read(text, shown=["m1", "m2", "m3"])
    assert sorted((r.act, r.item_id) for r in read.heard.references) == sorted(expected)


def test_ordinal_words_that_do_not_point() -> None:
    read = MIX.read("my first time watching sci-fi, a second chance at romance", shown=["m1", "m2"])
    assert not read.heard.references


def test_the_topic_is_what_is_left() -> None:
    assert MIX.read("more like the second one, but older", shown=["m1", "m2"]).topic == ""
    assert MIX.read("actually, books instead").topic == ""
    assert MIX.read("thoughtful science fiction movies").topic == "thoughtful science fiction"
    assert MIX.read("something completely different").heard.fresh


def c(about: str, field: str, value: Any, negated: bool = False, label: str = "") -> Constraint:
    op = {"kind": "is", "year": "between", "person": "has", "tag": "has", "number": "covers"}[about]
    return Constraint(about, field, op, value, negated, label)


def test_a_new_value_replaces_the_old_and_avoids_accumulate() -> None:
    old = (c("kind", "type", "movie"), c("year", "year", (1990, 1999)), c("tag", "tags", "romance", True))
    merged = merge(old, [c("kind", "type", "book"), c("tag", "tags", "horror", True)])
    assert {(x.about, x.value) for x in merged} == {
        ("kind", "book"),
        ("year", (1990, 1999)),
        ("tag", "romance"),
        ("tag", "horror"),
    }


def test_asking_for_what_was_avoided_lifts_it() -> None:
    merged = merge([c("kind", "type", "book", True)], [c("kind", "type", "book")])
    assert [(x.value, x.negated) for x in merged] == [("book", False)]


def test_state_carries_the_topic_and_a_new_request_starts_over() -> None:
    state = ConversationState().heard(
        [c("kind", "type", "movie"), c("year", "year", (1990, 1999))], [], "heists", False
    )
    corrected = state.heard([c("kind", "type", "book")], [], "", False)
    assert corrected.topic == "heists" and {x.about for x in corrected.constraints} == {"kind", "year"}
    fresh = state.heard([c("kind", "type", "board game"), c("number", "players", 5.0)], [], "", False, new_request=True)
    assert {x.about for x in fresh.constraints} == {"kind", "number"} and fresh.topic == ""
    anchored = state.heard([], [Reference("m2", "Groundhog Day", "anchor")], "", False)
    assert anchored.anchor == "m2" and anchored.topic == "heists"
    different = anchored.heard([], [], "", True)
    assert different.topic == "" and different.anchor is None


def test_state_round_trips_through_json() -> None:
    state = ConversationState().heard([c("year", "year", (None, 1979), label="from before 1980")], [], "x", False)
    state = state.suggested(["m1", "m2"])
    assert ConversationState.from_json(state.to_json()) == state


def test_the_understood_line() -> None:
    constraints = [
        Constraint("kind", "type", "is", "movie", False, "movies"),
        Constraint("year", "year", "between", (1990, 1999), False, "from the 1990s"),
        Constraint("tag", "tags", "has", "romance", True, "no romance"),
    ]
    assert summary(constraints) == "Movies from the 1990s, no romance"
    assert summary(constraints[2:]) == "No romance"
