"""Replaying the conversation suite through the real Session and judging each turn's suggestions
against the catalog's own data.

Each conversation gets a fresh profile held in memory and a Session on its catalog; every turn
is answered with `handle(say, k=5, always_recommend=True)`. A turn's first min(5, N) suggestions
are judged, N being how many catalog items meet all its predicates and are not ruled out as
repeats: a turn that only 3 items can satisfy asks for those 3, not for 5.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.errors import CatalogError, InvalidCatalogError
from recchat.eval.judge import Record, Truth, at_position, failure, read_truth, resolve, unit_problem
from recchat.eval.suite import KINDS, Conversation, Predicate, Suite, SuiteTurn
from recchat.profile import MemoryProfileStore, Profile

if TYPE_CHECKING:
    from recchat.domain import Reply
    from recchat.factory import Runtime
    from recchat.session import Session

JUDGED = 5  # what a person sees first
SCHEMA = "recchat.eval.conversations/1"
STORE_PREFIX = "suite-"
Progress = Callable[[int, int], None]
Respond = Callable[[SuiteTurn, Sequence["Shown"]], "Reply"]  # a turn, and what earlier turns showed


@dataclass(frozen=True)
class Shown:
    """One earlier reply: its suggestions' ids, and how many of them were judged (the ones
    meant to meet that turn's request: "older than those" is read against these)."""

    ids: tuple[str, ...]
    judged: int


@dataclass
class TurnResult:
    conversation: str
    catalog: str
    half: str
    number: int
    turn: SuiteTurn
    path: Path
    understood: str = ""
    constraints: tuple[str, ...] = ()
    suggested: tuple[str, ...] = ()  # titles, in order
    eligible: int = 0  # N
    judged: int = 0  # min(5, N)
    met: int = 0
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [met, judged]
    problems: list[str] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return not self.problems

    @property
    def counted(self) -> int:
        """Suggestions that count towards the share meeting the request."""
        return self.judged if self.turn.where or self.turn.not_repeated else 0


def load_truths(suite: Suite) -> dict[str, Truth]:
    """Each catalog's records, and a suite error (file:line) for a predicate on a field that no
    record of its catalog has, or a number predicate that cannot be read in its unit."""
    truths = {name: read_truth(folder) for name, folder in suite.catalogs.items()}
    errors = []
    for conversation in suite.conversations:
        truth = truths[conversation.catalog]
        for turn in conversation.turns:
            for p in turn.where:
                if p.field is not None and p.field not in truth.fields:
                    why: str | None = f"catalog {conversation.catalog!r} has no field {p.field!r}"
                else:
                    why = unit_problem(p, truth)
                if why:
                    errors.append(CatalogError(conversation.path, turn.line, f"{conversation.id}: {why}"))
    if errors:
        raise InvalidCatalogError(errors, "a predicate that cannot be read would pass or fail for nothing")
    return truths


def stored_name(name: str) -> str:
    """A suite catalog's name in the store: prefixed, so that it never replaces a catalog of the
    user's (a Chroma server is shared, and an incognito run does not copy it)."""
    return f"{STORE_PREFIX}{name}"


def import_catalogs(runtime: Runtime, suite: Suite, names: Sequence[str]) -> None:
    """Each catalog the chosen conversations use, imported (incrementally) under its stored name."""
    from recchat.catalog.importer import import_catalog

    for name in names:
        import_catalog(runtime.store, runtime.embedder, suite.catalogs[name], stored_name(name))
        runtime.forget_catalog(stored_name(name))


def run_suite(
    runtime: Runtime,
    suite: Suite,
    truths: Mapping[str, Truth],
    *,
    on_progress: Progress | None = None,
    start: Callable[[str], Profile] | None = None,
) -> list[TurnResult]:
    """Every turn of every conversation, answered by a real Session and judged. The catalogs
    must be imported already (`import_catalogs`). `start`: the profile a conversation over a
    suite catalog starts from (default: an empty one; rich_profile.py builds others)."""
    results: list[TurnResult] = []
    for done, conversation in enumerate(suite.conversations, start=1):
        catalog = stored_name(conversation.catalog)
        profile = start(conversation.catalog) if start else Profile("eval", MemoryProfileStore())
        session = runtime.session(catalog=catalog, profile=profile)

        def respond(turn: SuiteTurn, _shown: Sequence[Shown], session: Session = session) -> Reply:
            return session.handle(turn.say, k=JUDGED, explain=False, always_recommend=True)

        results.extend(replay(conversation, truths[conversation.catalog], respond))
        if on_progress:
            on_progress(done, len(suite.conversations))
    return results


def replay(conversation: Conversation, truth: Truth, respond: Respond) -> list[TurnResult]:
    """One conversation, turn by turn: `respond` answers, each answer is judged."""
    shown: list[Shown] = []
    results = []
    for number, turn in enumerate(conversation.turns, start=1):
        reply = respond(turn, shown)
        result = TurnResult(conversation.id, conversation.catalog, conversation.half, number, turn, conversation.path)
        judge_turn(result, reply, shown, truth)
        results.append(result)
        shown.append(Shown(tuple(rec.item.id for rec in reply.recommendations), result.judged))
    return results


@dataclass(frozen=True)
class Expectation:
    """What a turn asks for, made concrete after the replies before it."""

    predicates: tuple[Predicate, ...]
    ruled_out: frozenset[str]  # shown before, when the turn asks for no repeats
    eligible: tuple[Record, ...]  # every item that meets it, in catalog order
    problems: tuple[str, ...] = ()  # why it cannot be judged, when it cannot


def expectation(turn: SuiteTurn, shown: Sequence[Shown], truth: Truth) -> Expectation:
    previous = shown[-1] if shown else Shown((), 0)
    predicates, problems = _resolved(turn.where, previous, truth)
    ruled_out = _ruled_out(turn.not_repeated, shown)
    eligible = tuple(
        record
        for record in truth.records.values()
        if record.id not in ruled_out and all(failure(p, record) is None for p in predicates)
    )
    if not eligible and turn.where and not problems:  # only an earlier reply can make a valid turn impossible
        asked = "; ".join(_describe(p) for p in predicates)
        problems.append(f"after the last list no item can meet this turn: {asked}")
    return Expectation(tuple(predicates), frozenset(ruled_out), eligible, tuple(problems))


def judge_turn(result: TurnResult, reply: Reply, shown: Sequence[Shown], truth: Truth) -> None:
    """Fill `result` from the reply, given what earlier turns showed."""
    ids = [rec.item.id for rec in reply.recommendations]
    result.understood = reply.understood
    result.constraints = tuple(c.label or f"{c.field} {c.op} {c.value}" for c in reply.constraints)
    result.suggested = tuple(rec.item.title for rec in reply.recommendations)
    expected = expectation(result.turn, shown, truth)
    result.problems.extend(expected.problems)
    result.eligible = len(expected.eligible)
    result.judged = min(JUDGED, result.eligible)
    if result.turn.where or result.turn.not_repeated:  # else any list would do: nothing to count
        for position in range(result.judged):
            _judge_suggestion(result, position, ids, expected, truth)
    _judge_refs(result, reply, shown[-1].ids if shown else ())


def _resolved(where: Sequence[Predicate], previous: Shown, truth: Truth) -> tuple[list[Predicate], list[str]]:
    """Relative predicates made absolute: a position points into the whole last list, "all"
    means the items of it that were judged (the rest were shown only to fill the list)."""
    shown = [truth.get(i) for i in previous.ids]
    resolved, problems = [], []
    for predicate in where:
        chosen = shown[: max(previous.judged, 1)] if predicate.value == "all" else shown
        if any(record is None for record in chosen):  # an item outside the catalog: nothing to compare
            chosen = []
        made = resolve(predicate, [record for record in chosen if record is not None])
        if isinstance(made, str):  # cannot be judged: every suggestion fails it, and says why
            problems.append(f"{predicate.describe()}: {made}")
            made = Predicate("lt", float("-inf"), predicate.kind, predicate.field, predicate.unit)
        resolved.append(made)
    return resolved, problems


def _ruled_out(mode: str | None, shown: Sequence[Shown]) -> set[str]:
    if mode == "previous":
        return set(shown[-1].ids) if shown else set()
    if mode == "all":
        return {item for earlier in shown for item in earlier.ids}
    return set()


def _judge_suggestion(
    result: TurnResult, position: int, ids: Sequence[str], expected: Expectation, truth: Truth
) -> None:
    record = truth.get(ids[position]) if position < len(ids) else None
    label = f"#{position + 1} {record.title!r}" if record else f"#{position + 1}"
    absent = "missing" if position >= len(ids) else "not in the catalog"
    failed: dict[str, str] = {}
    predicates, ruled_out = expected.predicates, expected.ruled_out
    for predicate in predicates:
        if predicate.kind in failed:
            continue
        why = absent if record is None else failure(predicate, record)
        if why:
            failed[predicate.kind] = f"{label} fails {_describe(predicate)}: {why}"
    if result.turn.not_repeated and (record is None or record.id in ruled_out):
        failed["no repeats"] = f"{label}: {absent if record is None else 'shown before'}"
    kinds = {p.kind for p in predicates} | ({"no repeats"} if result.turn.not_repeated else set())
    for kind in kinds:
        tally = result.kinds.setdefault(kind, [0, 0])
        tally[0] += kind not in failed
        tally[1] += 1
    result.met += not failed
    result.problems.extend(failed.values())


def _judge_refs(result: TurnResult, reply: Reply, previous: Sequence[str]) -> None:
    if not result.turn.refs:
        return
    given = {(ref.item_id, ref.act) for ref in reply.references}
    tally = result.kinds.setdefault("references", [0, 0])
    for expected in result.turn.refs:
        targets = at_position(previous, expected.pos)
        ok = bool(targets) and all(any((t, act) in given for act in expected.acts) for t in targets)
        tally[0] += ok
        tally[1] += 1
        if not ok:
            acts = "/".join(expected.acts)
            got = ", ".join(f"{ref.act} {ref.title!r}" for ref in reply.references) or "none"
            result.problems.append(f"reference {acts} of item {expected.pos} of the last list missing (got: {got})")


def _describe(predicate: Predicate) -> str:
    if predicate.op in ("lt", "gt"):
        unit = f" {predicate.unit}" if predicate.unit else ""
        return f"{predicate.field} {'<' if predicate.op == 'lt' else '>'} {predicate.value:g}{unit}"
    return predicate.describe()


def summary(results: Sequence[TurnResult], suite: Suite) -> dict[str, Any]:
    """Overall figures, by kind of constraint, by catalog and by half, and every failed turn."""
    data: dict[str, Any] = {"schema": SCHEMA, "conversations": len({r.conversation for r in results})}
    data.update(_figures(results))
    data["by_kind"] = _by_kind(results)
    data["by_catalog"] = {name: _figures([r for r in results if r.catalog == name]) for name in suite.catalogs}
    halves = sorted({r.half for r in results if r.half})
    data["by_half"] = {half: _figures([r for r in results if r.half == half]) for half in halves}
    data["failures"] = [_failure_json(r) for r in results if r.turn.scored and not r.right]
    data["turns_detail"] = [_turn_json(r) for r in results]
    return data


def _figures(results: Sequence[TurnResult]) -> dict[str, Any]:
    scored = [r for r in results if r.turn.scored]
    judged = sum(r.counted for r in scored)
    return {
        "turns": len(results),
        "scored_turns": len(scored),
        "suggestions_judged": judged,
        "suggestions_met": _share(sum(r.met for r in scored), judged),
        "turns_fully_right": _share(sum(r.right for r in scored), len(scored)),
    }


def _by_kind(results: Sequence[TurnResult]) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        having = [r for r in results if kind in r.turn.kinds]
        judged = sum(r.kinds.get(kind, [0, 0])[1] for r in having)
        table[kind] = {
            "turns": len(having),
            "judged": judged,
            "met": _share(sum(r.kinds.get(kind, [0, 0])[0] for r in having), judged),
            "turns_fully_right": _share(sum(r.right for r in having), len(having)),
        }
    return table


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def _turn_json(result: TurnResult) -> dict[str, Any]:
    return {
        "conversation": result.conversation,
        "turn": result.number,
        "say": result.turn.say,
        "understood": result.understood,
        "constraints": list(result.constraints),
        "suggested": list(result.suggested),
        "eligible": result.eligible,
        "judged": result.judged,
        "met": result.met,
        "right": result.right if result.turn.scored else None,
    }


def _failure_json(result: TurnResult) -> dict[str, Any]:
    return {
        "where": f"{result.path.name}:{result.turn.line}",
        "conversation": result.conversation,
        "turn": result.number,
        "say": result.turn.say,
        "understood": result.understood,
        "problems": result.problems,
    }


def static_eligible(turn: SuiteTurn, truth: Truth) -> int | None:
    """How many items meet a turn's predicates before anything is shown (None when one of them
    depends on the last list): the suite's own check that no turn asks for the impossible and
    few are trivially met."""
    if any(p.op in ("below", "above") for p in turn.where):
        return None
    return sum(1 for record in truth.records.values() if all(failure(p, record) is None for p in turn.where))
