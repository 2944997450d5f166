"""Conversations through the real Session (fake models, real Chroma): what the person asks for
is what they get, turn after turn, and the state survives `ask --continue`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conversation_support import MIXED

from conftest import invoke_cli
from recchat.catalog.importer import import_catalog
from recchat.catalog.items import item_to_json
from recchat.factory import Runtime
from recchat.profile import MemoryProfileStore, Profile
from recchat.session import Session


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "mixed"
    target.mkdir()
    lines = [json.dumps(item_to_json(i)) for i in MIXED]
    (target / "items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.fixture
def session(runtime: Runtime, folder: Path) -> Session:
    import_catalog(runtime.store, runtime.embedder, folder, "mixed")
    return runtime.session(catalog="mixed", profile=Profile("t", MemoryProfileStore()))


def kinds(reply: object) -> set[str]:
    return {str(r.item.metadata.get("type")) for r in reply.recommendations}  # type: ignore[attr-defined]


def test_a_movie_is_a_movie_and_the_reply_says_what_it_understood(session: Session) -> None:
    reply = session.handle("I want a movie for tonight, something light and funny, not a romance", k=3)
    assert kinds(reply) == {"movie"}
    assert all("romance" not in r.item.tags for r in reply.recommendations)
    # the toy catalog's one comedy is a romance: the genre is relaxed, and the reply says so
    assert reply.understood == "Comedy movies, no romance" and [c.value for c in reply.relaxed] == ["comedy"]
    assert reply.message == "Nothing here is comedy movies; the closest I have:"
    assert all({"movies", "no romance"} <= set(r.evidence.constraints) for r in reply.recommendations)


def test_constraints_carry_over_and_a_correction_keeps_the_topic(session: Session) -> None:
    session.handle("science fiction movies from before 1990", k=3)
    reply = session.handle("actually, books instead", k=2)
    assert kinds(reply) == {"book"} and reply.understood == "Science fiction books from before 1990"
    assert all((r.item.metadata.get("year") or 0) < 1990 for r in reply.recommendations)
    assert session.state.topic == "science fiction"


def test_seen_those_are_never_shown_again(session: Session) -> None:
    first = session.handle("a movie please", k=3)
    reply = session.handle("I've seen those, other movies?", k=3)
    shown = {r.item.id for r in first.recommendations}
    assert {r.act for r in reply.references} == {"seen"} and {r.item_id for r in reply.references} == shown
    assert not shown & {r.item.id for r in reply.recommendations}
    later = session.handle("any movie at all", k=6)
    assert not shown & {r.item.id for r in later.recommendations}


def test_older_than_the_second_one(session: Session) -> None:
    first = session.handle("science fiction movies", k=3)
    second = first.recommendations[1].item
    reply = session.handle("more like the second one, but older", k=3)
    assert reply.references[0].item_id == second.id and reply.references[0].act == "anchor"
    years = [r.item.metadata["year"] for r in reply.recommendations if "older" not in r.item.title]
    met = [r for r in reply.recommendations if r.item.metadata["year"] < second.metadata["year"]]
    assert met and reply.recommendations[: len(met)] == tuple(met), years


def test_more_like_one_brings_back_earlier_matches_but_not_the_list_just_seen(session: Session) -> None:
    first = session.handle("science fiction movies", k=2)
    last = session.handle("any other ones?", k=1)  # four science fiction movies: three shown
    anchor = last.recommendations[0].item.id
    reply = session.handle("the 1st one looks good, more like it", k=3)
    ids = [r.item.id for r in reply.recommendations]
    # the one not shown yet, then the two shown before the last list; never the one pointed at
    assert reply.references[0].act == "anchor" and anchor not in ids
    assert set(ids[1:]) == {r.item.id for r in first.recommendations}
    assert all("science fiction" in r.item.tags for r in reply.recommendations) and not reply.relaxed


def test_more_not_those_brings_back_earlier_matches_before_breaking_a_wish(session: Session) -> None:
    first = session.handle("science fiction movies", k=2)
    last = session.handle("any other ones?", k=1)  # four science fiction movies: three shown
    reply = session.handle("more? not those", k=3)
    ids = [r.item.id for r in reply.recommendations]
    # the one not shown yet, then the two shown before the last list; never the list just seen
    assert last.recommendations[0].item.id not in ids
    assert set(ids[1:]) == {r.item.id for r in first.recommendations}
    assert all("science fiction" in r.item.tags for r in reply.recommendations) and not reply.relaxed


def test_too_few_are_said_and_relaxed_in_the_open(session: Session) -> None:
    reply = session.handle("books by Agatha Christie", k=3)
    assert reply.recommendations[0].item.metadata.get("author") == "Agatha Christie"
    assert reply.message.startswith("Only 1 book by Agatha Christie here")
    assert [c.about for c in reply.relaxed] == ["person"]
    assert len(reply.recommendations) == 3 and kinds(reply) == {"book"}


def test_a_new_request_starts_over_and_the_latest_words_win(session: Session) -> None:
    session.handle("movies from the 90s", k=2)
    games = session.handle("a board game for 5 or more players", k=3)
    assert kinds(games) == {"board game"} and games.understood == "Board games for 5 or more players"
    christie = session.handle("anything by agatha christie?", k=1)
    assert christie.recommendations[0].item.metadata.get("author") == "Agatha Christie"


def test_ask_continue_carries_the_conversation_from_the_shell(home: Path, folder: Path) -> None:
    added = invoke_cli(home, "--backend", "fake", "catalog", "add", str(folder), "--name", "mixed")
    assert added.returncode == 0, added.stderr
    first = invoke_cli(home, "--backend", "fake", "ask", "--no-llm", "--json", "-k", "2", "science fiction movies")
    assert first.returncode == 0, first.stderr
    shown = [item["id"] for item in json.loads(first.stdout)["items"]]
    then = invoke_cli(
        home, "--backend", "fake", "ask", "--no-llm", "--json", "--continue", "I've seen those, other ones?"
    )
    assert then.returncode == 0, then.stderr
    document = json.loads(then.stdout)
    assert document["conversation"] == json.loads(first.stdout)["conversation"]
    assert {r["id"] for r in document["references"]} == set(shown)
    assert not set(shown) & {item["id"] for item in document["items"]}
    assert {(c["about"], c["value"]) for c in document["constraints"]} == {
        ("kind", "movie"),
        ("tag", "science fiction"),
    }
    fresh = invoke_cli(home, "--backend", "fake", "ask", "--no-llm", "--json", "those ones")
    assert json.loads(fresh.stdout)["references"] == []  # without --continue: a new conversation


def test_quicker_than_those_means_than_those_that_met_the_request(session: Session) -> None:
    first = session.handle("a strategy board game", k=4)  # Catan, then the closest others
    assert first.recommendations[0].item.title == "Catan" and len(first.recommendations) == 4
    session.handle("anything quicker than those?", k=3)
    (quicker,) = [c for c in session.state.constraints if c.about == "number"]
    assert (quicker.op, quicker.value) == ("below", 75.0)  # Catan's 75 minutes, not a filler's 15
