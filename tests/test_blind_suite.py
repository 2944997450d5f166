"""The blind suites (tests/blind: wines and hiking trails; tests/blind3: hotels and houseplants;
both written without reading recchat's understanding code) are sound: big enough, split in
alternating halves, every kind of constraint on each catalog, few turns that half the catalog
meets, and every turn can be met after any reply that a correct recommender could have given to
the turns before it (the worst case, not only the oracle's own replies, which
tests/test_conversations_eval.py scores)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from conftest import ROOT
from recchat.eval.conversations import load_truths, static_eligible
from recchat.eval.judge import Record, Truth, failure, span
from recchat.eval.suite import Conversation, Predicate, Suite, SuiteTurn, read_suite

BLIND = ROOT / "tests" / "blind"
BLIND_3 = ROOT / "tests" / "blind3"
UNTOUCHED_2 = ROOT / "tests" / "untouched2"  # apartments and bicycles: run once, at the round's end
BLIND_5 = ROOT / "tests" / "blind5"  # a coffee roaster's beans and a dog-breed guide
UNTOUCHED_3 = ROOT / "tests" / "untouched3"  # campsites and headphones: run once, at the round's end
UNTOUCHED_4 = ROOT / "tests" / "untouched4"  # cheeses and a gym's timetable: run once, at the round's end
UNTOUCHED_5 = ROOT / "tests" / "untouched5"  # used cars and podcasts: run once, at the round's end
BLIND_6 = ROOT / "tests" / "blind6"  # an audiobook store and a restaurant guide: half b held out
UNTOUCHED_6 = ROOT / "tests" / "untouched6"  # perfumes, attractions, power tools: run once, at the end of session 7
SHARED = {"category", "unit number", "relative number", "list value", "references", "no repeats"}
KINDS_BY_CATALOG = {
    "wines": SHARED | {"kind", "year", "relative year", "person"},
    "trails": SHARED,
    "hotels": SHARED | {"kind", "year", "number"},
    "houseplants": SHARED | {"avoid word/title"},
    "apartments": SHARED | {"kind", "number"},
    "bicycles": SHARED | {"kind", "year", "number", "avoid word/title"},
    "beans": SHARED | {"year", "relative year", "number", "avoid word/title"},
    "dogs": SHARED | {"year", "relative year", "number", "avoid word/title"},
    "campsites": SHARED | {"kind", "year", "relative year", "number", "avoid word/title"},
    "headphones": SHARED | {"kind", "year", "relative year", "number", "minutes", "avoid word/title"},
    "cheeses": SHARED | {"kind", "year", "relative year", "number", "person", "avoid word/title"},
    "gym": SHARED | {"kind", "year", "relative year", "number", "person", "avoid word/title"},
    "cars": SHARED | {"kind", "year", "relative year", "number", "avoid word/title"},
    "podcasts": SHARED | {"kind", "year", "relative year", "number", "person", "avoid word/title"},
    "audiobooks": SHARED | {"kind", "year", "relative year", "number", "person", "avoid word/title"},
    "restaurants": SHARED | {"kind", "year", "relative year", "number", "person", "avoid word/title"},
    "perfumes": SHARED | {"kind", "year", "relative year", "number", "person", "avoid word/title"},
    "attractions": SHARED | {"kind", "year", "relative year", "number", "minutes", "person", "avoid word/title"},
    "tools": SHARED | {"kind", "year", "relative year", "number", "avoid word/title"},
}
Blind = tuple[Suite, dict[str, Truth]]


@pytest.fixture(
    scope="module",
    params=[BLIND, BLIND_3, UNTOUCHED_2, BLIND_5, UNTOUCHED_3, UNTOUCHED_4, UNTOUCHED_5, BLIND_6, UNTOUCHED_6],
    ids=[
        "blind",
        "blind-3",
        "untouched-2",
        "blind-5",
        "untouched-3",
        "untouched-4",
        "untouched-5",
        "blind-6",
        "untouched-6",
    ],
)
def blind(request: pytest.FixtureRequest) -> Blind:
    suite = read_suite(request.param)
    return suite, load_truths(suite)


def test_each_catalog_has_enough_conversations_in_alternating_halves(blind: Blind) -> None:
    suite, _ = blind
    for catalog in suite.catalogs:
        conversations = [c for c in suite.conversations if c.catalog == catalog]
        scored = [t for c in conversations for t in c.turns if t.scored]
        assert len(conversations) >= 25 and len(scored) >= 60, catalog
        assert [c.half for c in conversations] == ["a", "b"] * (len(conversations) // 2) + ["a"] * (
            len(conversations) % 2
        )


def test_every_kind_appears_on_each_catalog(blind: Blind) -> None:
    suite, _ = blind
    for catalog in suite.catalogs:
        kinds = KINDS_BY_CATALOG[catalog]
        seen = [t.kinds for c in suite.conversations if c.catalog == catalog for t in c.turns]
        for kind in kinds:
            assert sum(kind in turn for turn in seen) >= 3, f"{kind} too rare on {catalog}"


def test_few_turns_are_met_by_half_the_catalog(blind: Blind) -> None:
    suite, truths = blind
    scored = [(c, t) for c in suite.conversations for t in c.turns if t.scored]
    trivial = []
    for conversation, turn in scored:
        n = static_eligible(turn, truths[conversation.catalog])
        if not turn.refs and (not turn.where or (n is not None and n >= len(truths[conversation.catalog]) / 2)):
            trivial.append(turn.say)
    assert len(trivial) <= len(scored) / 5, trivial


def test_every_turn_can_be_met_after_any_correct_reply(blind: Blind) -> None:
    suite, truths = blind
    for conversation in suite.conversations:
        problems = worst_case_problems(conversation, truths[conversation.catalog])
        assert not problems, f"{conversation.id}: {problems}"


def worst_case_problems(conversation: Conversation, truth: Truth) -> list[str]:
    """Turn by turn, the items a correct reply could have judged (a superset: each relative
    predicate at its loosest), and whether the next turn still has an item at the strictest
    reading: the referenced item the one that leaves least room, every possible repeat shown."""
    problems: list[str] = []
    could: list[Record] = []  # what the last correct reply could have judged
    least_judged = 0  # the fewest items it judged
    for number, turn in enumerate(conversation.turns, start=1):
        for ref in [*(p.value for p in turn.where if p.op in ("below", "above")), *(r.pos for r in turn.refs)]:
            if isinstance(ref, int) and ref > least_judged:
                problems.append(f"turn {number} points at item {ref} of a list that may judge {least_judged}")
        strict = _meeting(turn, truth, could, strictest=True)
        room = len(strict) - _possible_repeats(turn, number) - _ruled_out_by_refs(turn)
        if turn.where and room < 1:
            problems.append(f"turn {number} ({turn.say!r}) can be left with nothing")
        could = _meeting(turn, truth, could, strictest=False) if turn.where else list(truth.records.values())
        least_judged = min(5, max(room, 0)) if turn.where else 5
    return problems


def _meeting(turn: SuiteTurn, truth: Truth, previous: Sequence[Record], *, strictest: bool) -> list[Record]:
    made = [_bound(p, previous, strictest) for p in turn.where]
    return [r for r in truth.records.values() if all(failure(p, r) is None for p in made)]


def _bound(predicate: Predicate, previous: Sequence[Record], strictest: bool) -> Predicate:
    if predicate.op not in ("below", "above"):
        return predicate
    spans = [s for r in previous if (s := span(r.fields.get(predicate.field), predicate.unit, predicate.field))]
    if not spans:  # a correct earlier reply could have judged nothing with that value
        return replace(predicate, op="lt", value=float("-inf"))
    if predicate.op == "below":
        lows = [low for low, _ in spans]
        return replace(predicate, op="lt", value=min(lows) if strictest else max(lows))
    highs = [high for _, high in spans]
    return replace(predicate, op="gt", value=max(highs) if strictest else min(highs))


def _possible_repeats(turn: SuiteTurn, number: int) -> int:
    """How many items that meet the turn the earlier replies may have shown (5 a reply)."""
    if turn.not_repeated == "previous":
        return 5
    if turn.not_repeated == "all":
        return 5 * (number - 1)
    return 0


def _ruled_out_by_refs(turn: SuiteTurn) -> int:
    """Items a reference takes out of the list ("had the first one"): a reply that leaves them
    out must still be able to fill its judged places."""
    out = [r for r in turn.refs if set(r.acts) & {"seen", "exclude", "dislike"}]
    return sum(5 if r.pos == "all" else 1 for r in out)


def test_the_worst_case_check_catches_a_turn_an_earlier_reply_can_empty() -> None:
    records = [Record(str(i), f"T{i}", {"Length": f"{i} km"}) for i in range(1, 8)]
    truth = Truth(records)
    longer_than_3 = Predicate("between", (3, None), "unit number", "Length", "km")
    shorter = Predicate("below", "all", "relative number", "Length", "km")
    conversation = Conversation(
        "c",
        "x",
        "a",
        (SuiteTurn("over 3 km", 1, (longer_than_3,)), SuiteTurn("shorter", 1, (shorter,))),
        BLIND,
        1,
    )
    assert not worst_case_problems(conversation, truth)  # anything from 3 km is longer than 1 km
    from_1_km = Predicate("between", (1, None), "unit number", "Length", "km")
    emptied = replace(conversation, turns=(SuiteTurn("over 1 km", 1, (from_1_km,)), conversation.turns[1]))
    assert worst_case_problems(emptied, truth) == ["turn 2 ('shorter') can be left with nothing"]
