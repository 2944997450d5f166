"""Reading chat as people type it: alternatives ("comedy or action"), genres that describe an item
rather than ask for one, names that hold genre words, taste without a request, wishes taken back,
counts on a catalog's own number fields, and a third schema (a media library with a Format kind,
Creator and Cast people, genres as its tags (as an import reads a Genre column) and a Seasons count)."""

from __future__ import annotations

from typing import Any

import pytest
from conversation_support import FILMS, MIXED, item, toy

from recchat.catalog.library import IndexEntry
from recchat.conversation.lifts import read_lifts
from recchat.conversation.spans import Utterance
from recchat.conversation.state import ConversationState
from recchat.domain import Constraint
from recchat.ranking.filters import meets_entry

MIX = toy(MIXED)
FILM = toy(FILMS)
SHOWS = toy(
    [
        item(
            "s1",
            "Fargo",
            Format="series",
            year=2014,
            Creator=["Noah Hawley"],
            tags=["crime", "drama"],
            Seasons=5,
            minutes=55,
            Cast=["Billy Bob Thornton"],
        ),
        item(
            "s2",
            "Chernobyl",
            Format="miniseries",
            year=2019,
            Creator=["Craig Mazin"],
            tags=["drama", "history"],
            Seasons=1,
            minutes=65,
            Cast=["Jared Harris"],
        ),
        item(
            "s3",
            "Broadchurch",
            Format="series",
            year=2013,
            Creator=["Chris Chibnall"],
            tags=["crime", "mystery"],
            Seasons=3,
            minutes=50,
            Cast=["Olivia Colman", "David Tennant"],
        ),
        item(
            "s4",
            "Frasier",
            Format="series",
            year=1993,
            Creator=["David Angell"],
            tags=["sitcom", "comedy"],
            Seasons=11,
            minutes=22,
            Cast=["Kelsey Grammer"],
        ),
        item(
            "s5",
            "Planet Earth",
            Format="documentary",
            year=2006,
            Creator=["Alastair Fothergill"],
            tags=["nature"],
            Seasons=1,
            minutes=50,
        ),
        item(
            "s6",
            "Serial",
            Format="podcast",
            year=2014,
            Creator=["Sarah Koenig"],
            tags=["true crime"],
            Seasons=4,
            minutes=45,
        ),
        item(
            "s7",
            "The Night Of",
            Format="miniseries",
            year=2016,
            Creator=["Richard Price"],
            tags=["crime", "drama"],
            Seasons=1,
            minutes=60,
            Cast=["Riz Ahmed"],
        ),
        *(
            item(
                f"p{i}",
                f"Pod {i}",
                Format="podcast",
                year=2015 + i,
                Creator=[f"Host {i}"],
                tags=["comedy"],
                minutes=30,
            )
            for i in range(4)
        ),
        *(
            item(f"d{i}", f"Doc {i}", Format="documentary", year=2000 + i, tags=["history"], Seasons=1, minutes=90)
            for i in range(4)
        ),
    ]
)


def labels(text: str, catalog: Any = MIX, **kwargs: Any) -> list[str]:
    return [c.label for c in catalog.constraints(text, **kwargs)]


def values(text: str, about: str, catalog: Any = MIX, **kwargs: Any) -> list[Any]:
    return [(c.value, c.negated) for c in catalog.constraints(text, **kwargs) if c.about == about]


def test_genres_joined_by_or_ask_for_any_of_them_and_side_by_side_for_both() -> None:
    assert values("some comedy or action movies to watch?", "tag") == [(("comedy", "action"), False)]
    assert values("a horror, science fiction or crime movie", "tag") == [
        (("horror", "science fiction", "crime"), False)
    ]
    assert values("action comedies", "tag") == [("action", False), ("comedy", False)]


def test_any_of_several_genres_is_met_by_each() -> None:
    from recchat.ranking.filters import meets_entry

    constraint = next(c for c in MIX.constraints("crime or horror movies") if c.about == "tag")
    by_id = MIX.index.by_id
    assert meets_entry(by_id["m6"], constraint) and meets_entry(by_id["m3"], constraint)
    assert not meets_entry(by_id["m4"], constraint)


@pytest.mark.parametrize(
    "text",
    [
        "is it funny or scary?",
        "I think it's a comedy actually",
        "do they have good action?",
        "that one was great, creepy horror",
        "I liked Alien, and I love most Star Wars movies",
        "I love horror movies",  # a taste, nothing asked
    ],
)
def test_genres_that_describe_an_item_or_a_taste_ask_for_nothing(text: str) -> None:
    assert not values(text, "tag")


def test_a_taste_with_a_request_asks() -> None:
    assert values("I love horror, anything from the 80s?", "tag") == [("horror", False)]
    assert values("something that is a comedy", "tag") == [("comedy", False)]


@pytest.mark.parametrize(
    ("text", "avoided"),
    [
        ("I don't really like action movies", "action"),
        ("not a big fan of horror", "horror"),
        ("anything like it that isn't a comedy", "comedy"),
        ("so done with crime stuff", "crime"),
    ],
)
def test_everyday_negations(text: str, avoided: str) -> None:
    assert (avoided, True) in values(text, "tag")


def test_what_the_person_says_of_themselves_avoids_nothing() -> None:
    assert not MIX.constraints("I'm not picky, not interested in that one, not yet")


def test_a_new_subject_ends_a_negation() -> None:
    assert values("I have not seen that one I love Tom Hanks", "person", FILM) == [("Tom Hanks", False)]


def test_people_joined_by_or_and_names_that_are_no_request() -> None:
    assert values("anything with Tom Hanks or Matt Damon?", "person", FILM) == [(("Tom Hanks", "Matt Damon"), False)]
    assert values("movies with Tom Hanks and Helen Hunt", "person", FILM) == [
        ("Tom Hanks", False),
        ("Helen Hunt", False),
    ]
    assert not values("Tom Hanks is the best!", "person", FILM)
    assert not values("I liked Big with Tom Hanks", "person", FILM)  # who was in that film


def test_times_in_the_chat_are_no_years() -> None:
    assert not values("did I talk to you earlier?", "year", MIX, shown=["m1", "m2"])
    assert values("something earlier", "year", MIX, shown=["m1", "m2"]) == [((None, 1992), False)]


def test_kind_values_by_their_own_names_and_genres_that_share_a_kind_word() -> None:
    assert values("a crime miniseries", "kind", SHOWS) == [("miniseries", False)]
    assert values("any good shows?", "kind", SHOWS) == [(("series", "miniseries"), False)]
    assert values("docs only", "kind", SHOWS) == [("documentary", False)]
    assert values("not another sitcom", "tag", SHOWS) == [("sitcom", True)]
    assert not values("not another sitcom", "kind", SHOWS)


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("at least 10 seasons", (10, None)),
        ("3 seasons or less", (None, 3)),
        ("fewer than 4 seasons", (None, 3)),
        ("7+ seasons", (7, None)),
        ("a single season story", (1, 1)),
    ],
)
def test_counts_on_the_catalogs_own_number_fields(text: str, bounds: tuple[int | None, int | None]) -> None:
    found = [c for c in SHOWS.constraints(text) if c.field == "Seasons"]
    assert len(found) == 1
    low, high = bounds
    allowed = [n for n in range(15) if meets_entry(IndexEntry("x", "x", None, (), 0.0, facts={"Seasons": n}), found[0])]
    assert allowed == [n for n in range(15) if (low is None or n >= low) and (high is None or n <= high)]
    assert not [c for c in SHOWS.constraints(text) if c.field == "minutes"]  # "long running" is no length


def test_the_length_with_a_bound_wins() -> None:
    found = list(SHOWS.constraints("my drive is about half an hour, nothing longer than 30 min"))
    assert [(c.op, c.value) for c in found if c.field == "minutes"] == [("at_most", 30.0)]


def test_words_to_avoid_in_the_title_and_words_no_item_holds() -> None:
    found = SHOWS.constraints("skip anything with 'planet' in the name")
    assert [(c.about, c.field, c.value, c.negated) for c in found] == [("title", "title", "planet", True)]


@pytest.mark.parametrize(
    ("text", "taken_back"),
    [
        ("ok forget the crime part", {"crime"}),
        ("drop the drama thing, just any miniseries", {"drama"}),
        ("doesn't matter how long", {"at most 30 minutes"}),
        ("any decade is fine", {"from the 2010s"}),
        ("ok forget the budget", {"at most 15,000 GBP"}),  # a word for money: the wish on the price
        ("oh well, acme's fine then", {"not by Acme"}),  # what was ruled out is fine after all
        ("forget the 12v bit", {"about 12 V"}),  # an amount with its unit
    ],
)
def test_wishes_taken_back(text: str, taken_back: set[str]) -> None:
    state = ConversationState(
        constraints=(
            Constraint("tag", "Genre", "has", "crime", False, "crime", "crime"),
            Constraint("tag", "Genre", "has", "drama", False, "drama", "drama"),
            Constraint("number", "minutes", "at_most", 30.0, False, "at most 30 minutes", "30 min"),
            Constraint("year", "year", "between", (2010, 2019), False, "from the 2010s", "2010s"),
            Constraint("number", "Asking", "at_most", 15000.0, False, "at most 15,000 GBP", "max 15k"),
            Constraint("person", "Maker", "has", "Acme", True, "not by Acme", "not acme"),
            Constraint("number", "Voltage", "between", (9.0, 15.0), False, "about 12 V", "12v"),
            Constraint("number", "Weight", "at_most", 12.0, False, "at most 12 kg", "12 kg"),
        )
    )
    after = state.heard((), (), "", False, lifted=read_lifts(Utterance(text)))
    assert {c.label for c in state.constraints} - {c.label for c in after.constraints} == taken_back


def test_a_pronoun_keeps_the_person_through_a_new_request() -> None:
    colman = Constraint("person", "Cast", "has", "Olivia Colman", False, "with Olivia Colman", "olivia colman")
    podcasts = Constraint("kind", "Format", "is", "podcast", False, "podcasts", "podcasts")
    series = Constraint("kind", "Format", "is", "series", False, "series", "series")
    state = ConversationState(constraints=(colman, podcasts))
    kept = state.heard((series,), (), "crime", False, new_request=True, of_the_person=True)
    assert colman in kept.constraints
    dropped = state.heard((series,), (), "crime", False, new_request=True)
    assert colman not in dropped.constraints


def test_references_listed_and_judged_after_the_pointer() -> None:
    heard = MIX.read("the 2nd and 4th look too bleak, not those", shown=["m1", "m2", "m3", "m4"]).heard
    assert {(r.item_id, r.act) for r in heard.references} == {("m2", "exclude"), ("m4", "exclude")}


def test_a_kind_named_by_a_participle_is_not_made_plural() -> None:
    from recchat.conversation.kinds import plural

    assert [plural(v) for v in ("Dramatised", "Unabridged", "Bed", "Documentary", "Seed")] == [
        "Dramatised",
        "Unabridged",
        "Beds",
        "Documentaries",
        "Seeds",
    ]


def test_new_words_drop_nothing_when_the_earlier_wishes_could_not_be_met_together_either() -> None:
    kids = Constraint("tag", "Good For", "has", "families", False, "families", "kid friendly")
    science = Constraint("category", "Theme", "is", "Science", False, "Science", "science")
    cheap = Constraint("number", "Price", "at_most", 10.0, False, "at most 10 GBP", "under 10")
    state = ConversationState(constraints=(kids, science, cheap))

    def possible(constraints: Any) -> bool:  # families and science never meet, whatever the price
        return not {kids, science} <= set(constraints)

    assert state.settled([cheap], False, possible).constraints == (kids, science, cheap)
    # where the earlier wishes were possible together, the latest words still win
    alone = ConversationState(constraints=(science, cheap))
    assert alone.settled([cheap], False, lambda cs: not {science, cheap} <= set(cs)).constraints == (cheap,)


def test_a_word_to_keep_out_of_the_name_with_the_negator_before_it() -> None:
    from recchat.conversation.avoid import read_name_avoid

    values = {
        text: [f.constraint.value for f in read_name_avoid(Utterance(text), [])]
        for text in ("nothing with marine in the name", "none with sea salt in the title", "ones with rose in the name")
    }
    assert values == {
        "nothing with marine in the name": ["marine"],
        "none with sea salt in the title": ["sea salt"],
        "ones with rose in the name": [],
    }
