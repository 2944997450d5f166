"""Finding titles in what people type: exact, year-aware, fuzzy; not plain words."""

from __future__ import annotations

import pytest

from recchat.catalog.library import CatalogIndex, IndexEntry
from recchat.conversation.mentions import TitleMatcher


def entry(
    item_id: str, title: str, year: int | None, popularity: float = 1.0, aliases: tuple[str, ...] = ()
) -> IndexEntry:
    return IndexEntry(item_id, title, year, aliases, popularity)


MATCHER = TitleMatcher(
    CatalogIndex(
        [
            entry("i1", "Interstellar (2014)", 2014, 90),
            entry("m94", "The Mask (1994)", 1994, 50),
            entry("m88", "The Mask (1988)", 1988, 1),
            entry("al", "Alien (1979)", 1979, 70),
            entry("up", "Up (2009)", 2009, 60),
            entry("nb", "The Notebook (2004)", 2004, 40),
            entry("sw", "Star Wars: The Force Awakens (2015)", 2015, 30),
            entry("io", "The Others (2001)", 2001, 20),
            entry("hp", "Harry Potter and the Sorcerer's Stone (2001)", 2001, 10, aliases=("Harry Potter 1",)),
            entry("am", "The American (2010)", 2010, 5),
            entry("y12", "2012 (2009)", 2009, 5),
        ]
    )
)


def found(text: str) -> list[str]:
    return [m.item_id for m in MATCHER.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I loved Interstellar", ["i1"]),
        ("i loved interstellar", ["i1"]),
        ("comedy like The Mask (1988)", ["m88"]),
        ("comedy like The Mask (1994) please", ["m94"]),
        ("have you seen The Mask?", ["m94"]),  # no year: the better known one
        ("I liked Interstelar a lot", ["i1"]),  # typo: fuzzy
        ("a movie about an alien invasion", []),  # a plain word, not the title
        ("I watched Alien last night", ["al"]),
        ("what's up with you", []),
        ("I loved the notebook", ["nb"]),
        ("the others were fine", []),
        ("I enjoyed The Others", ["io"]),
        ("anything like Star Wars", ["sw"]),
        ("Harry Potter 1 was great", ["hp"]),
        ("Interstellar (2014) and The Notebook (2004)", ["i1", "nb"]),
    ],
)
def test_title_finding(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_match_reports_where_in_the_text_it_was() -> None:
    match = MATCHER.find("so, I loved Interstellar (2014)!")[0]
    assert "so, I loved Interstellar (2014)!"[match.start : match.end] == "Interstellar"
    assert match.explicit_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arrival is a 2016 American science fiction film.", []),
        ("It is like Interstellar (2014) but quieter.", ["i1"]),
        ("Fans of The Notebook will cry.", ["nb"]),
        ("Based on the 2012 novel.", []),
        ('If you liked "Alien", try this.', ["al"]),
        ("After Alien, Ridley Scott made more.", []),  # a lone capitalised word is too weak in model text
    ],
)
def test_strict_matching_for_model_output(text: str, expected: list[str]) -> None:
    assert [m.item_id for m in MATCHER.find(text, fuzzy=False, strict=True)] == expected


def test_a_year_anchors_the_title_before_it() -> None:
    matcher = TitleMatcher(
        CatalogIndex(
            [
                entry("sw77", "Star Wars (1977)", 1977, 10),
                entry("swcw", "Star Wars: The Clone Wars (2008)", 2008, 1),
                entry("star", "The Star (2017)", 2017, 5),
                entry("lotr", "The Lord of the Rings", None, 3),
                entry("fotr", "The Lord of the Rings: The Fellowship of the Ring (2001)", 2001, 20),
                entry("ff", "Fast & Furious (2009)", 2009, 4),
                entry("2012", "2012 (2009)", 2009, 4),
            ]
        )
    )
    assert [m.item_id for m in matcher.find("my favorites are the Star Wars (1977) saga")] == ["sw77"]
    assert [m.item_id for m in matcher.find("I like Lord of the Rings")] == ["lotr"]  # the whole title wins
    assert [m.item_id for m in matcher.find("I loved Fast & Furious (2009)")] == ["ff"]
    assert [m.item_id for m in matcher.find("the disaster movie 2012 (2009)")] == ["2012"]
