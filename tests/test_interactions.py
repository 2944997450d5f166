from __future__ import annotations

from recchat.catalog.interactions import Session, neighbours


def session(items: list[str], liked: list[str] | None = None, disliked: list[str] | None = None) -> Session:
    return Session(tuple(items), frozenset(liked or []), frozenset(disliked or []))


def test_items_brought_up_together_become_neighbours_both_ways() -> None:
    found = neighbours([session(["a", "b"])], {"a", "b"})
    assert [other for other, _ in found["a"]] == ["b"]
    assert [other for other, _ in found["b"]] == ["a"]


def test_liked_pairs_outweigh_merely_mentioned_pairs() -> None:
    found = neighbours([session(["a", "b", "c"], liked=["a", "b"])], {"a", "b", "c"})
    weights = dict(found["a"])
    assert weights["b"] > weights["c"]


def test_disliked_items_and_unknown_ids_make_no_pairs() -> None:
    found = neighbours([session(["a", "b", "zz"], disliked=["b"])], {"a", "b"})
    assert found == {}
