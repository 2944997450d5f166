"""Evaluation cases: a conversation so far, and what a human recommender suggested next."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from recchat.catalog.readers import read_jsonl
from recchat.errors import CatalogError, InvalidCatalogError


@dataclass(frozen=True)
class Turn:
    role: str  # "user" or "assistant"
    text: str


@dataclass(frozen=True)
class Case:
    id: str
    context: tuple[Turn, ...]
    targets: tuple[str, ...]
    exclude: frozenset[str]


def read_cases(path: Path, limit: int | None = None) -> list[Case]:
    """All cases of a JSONL file, or an error naming every bad line."""
    cases: list[Case] = []
    errors: list[CatalogError] = []
    if not path.is_file():
        raise CatalogError(path, None, "no such cases file")
    for record in read_jsonl(path):
        try:
            cases.append(_case(record.data, f"line {record.line}"))
        except ValueError as error:
            errors.append(CatalogError(path, record.line, str(error)))
        if limit is not None and len(cases) >= limit:
            break
    if errors:
        raise InvalidCatalogError(errors, "each line needs id, context [{role, text}], targets and exclude")
    if not cases:
        raise CatalogError(path, None, "no cases in file")
    return cases


def _case(data: object, where: str) -> Case:
    if not isinstance(data, dict):
        raise ValueError("expected an object")
    context = data.get("context")
    if not isinstance(context, list) or not context:
        raise ValueError("'context' must be a non-empty list of turns")
    turns = []
    for turn in context:
        if (
            not isinstance(turn, dict)
            or turn.get("role") not in {"user", "assistant"}
            or not isinstance(turn.get("text"), str)
        ):
            raise ValueError("each turn needs 'role' (user|assistant) and 'text'")
        turns.append(Turn(turn["role"], turn["text"]))
    if turns[-1].role != "user":
        raise ValueError("the last turn must be the user's: recchat answers it")
    targets = data.get("targets")
    if not isinstance(targets, list) or not targets or not all(isinstance(t, str | int) for t in targets):
        raise ValueError("'targets' must be a non-empty list of item ids")
    exclude = data.get("exclude", [])
    if not isinstance(exclude, list):
        raise ValueError("'exclude' must be a list of item ids")
    return Case(
        id=str(data.get("id", where)),
        context=tuple(turns),
        targets=tuple(str(t) for t in targets),
        exclude=frozenset(str(e) for e in exclude),
    )
