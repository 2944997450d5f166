"""Suggestions that fit (issue 24), through the real Session (fake models, real Chroma): wishes met
by evidence when a field is incomplete, ranges that centre on what was asked, the closest others
when too few fit (each saying what it misses), honest replies about what was seen, and scores
that read in list order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conversation_support import item

from recchat.catalog.importer import import_catalog
from recchat.catalog.items import item_to_json
from recchat.catalog.library import IndexEntry
from recchat.domain import Constraint, Reply
from recchat.factory import Runtime
from recchat.profile import MemoryProfileStore, Profile
from recchat.ranking.fit import fit, near_miss
from recchat.session import Session


def film(item_id: str, title: str, year: int, tags: list[str], description: str = "") -> object:
    return item(item_id, f"{title} ({year})", type="movie", year=year, tags=tags, description=description)


def game(item_id: str, title: str, players: str, tags: list[str], minutes: int = 45) -> object:
    return item(item_id, title, type="board game", year=2015, players=players, playtime_minutes=minutes, tags=tags)


ITEMS = [
    # Nine films show that a slasher is nearly always a horror film; "Scream Again" carries only
    # `slasher`, and "Night Visitors" only `thriller` while its description says horror.
    *(film(f"h{n}", f"Slasher Number {n}", 1980 + n, ["slasher", "horror"], "A masked killer.") for n in range(1, 10)),
    film("h0", "The Old House", 1963, ["horror"], "A haunted mansion and its ghosts."),
    film("h10", "Scream Again", 2011, ["slasher"], "The killer in the mask is back in town."),
    film("h11", "Night Visitors", 1996, ["thriller"], "Night Visitors is a 1996 American horror film about a farm."),
    film("c1", "Office Hours", 1985, ["comedy"], "Clerks play pranks on their boss."),
    film("c2", "Road Trip Home", 1987, ["comedy"], "Two brothers drive across the country."),
    film("s1", "Star Harbour", 1977, ["science fiction"], "Rebels fight an empire among the stars."),
    film("s2", "Metal Men", 1982, ["science fiction"], "Robots rise in a rainy city."),
    film("s3", "Far Orbit", 1990, ["science fiction"], "A crew drifts beyond the moon."),
    film("s4", "Time Car", 1985, ["science fiction", "comedy"], "A teenager drives a car into the past."),
    game("g1", "Duel of Empires", "2", ["two player", "strategy"], 30),
    game("g2", "Quilt", "2", ["two player", "puzzle"], 30),
    game("g3", "Charades Night", "2-8", ["party"], 30),
    game("g4", "Harvest", "2-4", ["strategy", "farming"], 60),
    game("g5", "Big Table", "2-12", ["party"], 45),
    game("g6", "Empire Builder", "3-4", ["strategy"], 120),
    game("g7", "Long Evening", "1-5", ["strategy"], 15),
    game("g8", "Hour Glass", "2-4", ["puzzle"], 60),
]


@pytest.fixture
def session(runtime: Runtime, tmp_path: Path) -> Session:
    folder = tmp_path / "fit"
    folder.mkdir()
    lines = [json.dumps(item_to_json(i)) for i in ITEMS]  # type: ignore[arg-type]
    (folder / "items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_catalog(runtime.store, runtime.embedder, folder, "fit")
    return runtime.session(catalog="fit", profile=Profile("t", MemoryProfileStore()))


def titles(reply: Reply) -> list[str]:
    return [r.item.title for r in reply.recommendations]


def in_order(reply: Reply) -> bool:
    scores = [r.score for r in reply.recommendations]
    return scores == sorted(scores, reverse=True)


def entry(facts: dict[str, object]) -> IndexEntry:
    return IndexEntry("x", "x", None, (), 0.0, facts=facts)


def test_fit_is_highest_for_a_range_centred_on_the_number_asked() -> None:
    two = Constraint("number", "players", "covers", 2)
    assert fit(entry({"players": [2, 2]}), two) == 1.0
    assert fit(entry({"players": [2, 4]}), two) == 0.5
    assert fit(entry({"players": [2, 8]}), two) == 0.0  # allows two, is not made for two
    hour = Constraint("number", "minutes", "between", (48.0, 72.0))
    assert fit(entry({"minutes": [45, 75]}), hour) == pytest.approx(0.75)
    assert fit(entry({"minutes": [15, 120]}), hour) == pytest.approx(0.125)
    assert fit(entry({"minutes": [15, 120]}), Constraint("number", "minutes", "at_most", 60)) is None


def test_a_year_missed_by_a_little_is_a_near_miss() -> None:
    eighties = Constraint("year", "year", "between", (1980, 1989))
    near = IndexEntry("a", "a", 1990, (), 0.0)
    far = IndexEntry("b", "b", 2011, (), 0.0)
    assert near_miss(near, eighties) and not near_miss(far, eighties)


def test_made_for_two_comes_before_allows_two(session: Session) -> None:
    reply = session.handle("a board game for 2 players", k=4)
    assert set(titles(reply)[:2]) == {"Duel of Empires", "Quilt"}
    assert "Big Table" not in titles(reply)  # 2-12: allows two, fits two worst
    assert in_order(reply)


def test_a_value_that_nearly_always_comes_with_another_is_evidence_of_it(session: Session) -> None:
    reply = session.handle("horror movies", k=12)
    found = titles(reply)
    tagged = {f"Slasher Number {n} ({1980 + n})" for n in range(1, 10)}
    assert set(found[:10]) == {*tagged, "The Old House (1963)"}  # met by their own tags: first
    assert set(found[10:12]) == {"Scream Again (2011)", "Night Visitors (1996)"}  # by evidence: next
    by_title = {r.item.title: r for r in reply.recommendations}
    assert [(i.label, i.why) for i in by_title["Scream Again (2011)"].evidence.inferred] == [("horror", "from slasher")]
    assert [i.why for i in by_title["Night Visitors (1996)"].evidence.inferred] == ["its description says so"]
    assert not by_title["The Old House (1963)"].evidence.inferred
    assert reply.message == "Horror movies:" and not reply.relaxed
    assert in_order(reply)


def test_no_horror_also_rules_out_what_implies_horror(session: Session) -> None:
    reply = session.handle("a movie, nothing horror", k=20)
    assert "Scream Again (2011)" not in titles(reply)
    assert not any("horror" in r.item.tags for r in reply.recommendations)


def test_the_closest_others_miss_the_least_and_say_what(session: Session) -> None:
    reply = session.handle("science fiction movies from the 1980s", k=4)
    assert titles(reply)[:2] in (["Metal Men (1982)", "Time Car (1985)"], ["Time Car (1985)", "Metal Men (1982)"])
    fillers = reply.recommendations[2:]
    # missing the decade by a year or two beats missing the genre
    assert {r.item.title for r in fillers} == {"Far Orbit (1990)", "Star Harbour (1977)"}
    assert all(r.evidence.misses == ("from the 1980s",) for r in fillers)
    assert reply.message.startswith("Only 2 science fiction movies from the 1980s here; the closest others:")
    assert in_order(reply)


def test_the_newest_wish_is_kept_longest(session: Session) -> None:
    session.handle("a strategy board game", k=2)
    reply = session.handle("for 6 players", k=3)
    # no strategy game takes six: the games for six come first, missing the older wish
    assert titles(reply)[:2] in (["Charades Night", "Big Table"], ["Big Table", "Charades Night"])
    assert all(r.evidence.misses == ("strategy",) for r in reply.recommendations[:2])
    assert in_order(reply)


def test_seen_items_that_fit_are_named_as_seen_not_as_missing(session: Session) -> None:
    session.handle("science fiction movies from the 1980s", k=2)
    reply = session.handle("I've seen those", k=3)
    assert reply.message == (
        "All 2 science fiction movies from the 1980s here were seen, shown or named already; the closest others:"
    )
    assert "Nothing here" not in reply.message
    assert all(r.evidence.misses for r in reply.recommendations)


def test_a_word_the_catalog_uses_plainly_is_no_evidence(runtime: Runtime, tmp_path: Path) -> None:
    # 'family' tags three films, and six horror films say "a family" in their descriptions: in
    # this catalog the word is a plain one, so those six do not meet "family movies" by evidence
    films = [film(f"f{n}", f"Home Fun {n}", 2000 + n, ["family"], "A family road trip.") for n in range(3)]
    films += [
        film(f"x{n}", f"Dark House {n}", 2000 + n, ["horror"], "A family moves into a cursed house.") for n in range(6)
    ]
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "items.jsonl").write_text("\n".join(json.dumps(item_to_json(i)) for i in films) + "\n")  # type: ignore[arg-type]
    import_catalog(runtime.store, runtime.embedder, folder, "plain")
    reply = runtime.session(catalog="plain", profile=Profile("t", MemoryProfileStore())).handle("family movies", k=5)
    assert all(not r.evidence.inferred for r in reply.recommendations)
    assert set(titles(reply)[:3]) == {f"Home Fun {n} ({2000 + n})" for n in range(3)}
