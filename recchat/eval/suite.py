"""A conversation suite: multi-turn conversations whose turns say, as data, what the suggestions
must satisfy. Read and checked here, with every problem named by file and line; the format is
defined in tests/conversations/README.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recchat.catalog.readers import read_jsonl
from recchat.errors import CatalogError, InvalidCatalogError
from recchat.eval.judge_units import header_units, unit_named

CATALOGS_FILE = "catalogs.json"
REPEAT_MODES = ("previous", "all")
ACTS = ("anchor", "seen", "like", "dislike", "exclude")
# One name per kind of constraint in reports; a predicate may say its own with "kind".
KINDS = (
    "kind",
    "category",
    "year",
    "relative year",
    "number",
    "unit number",
    "relative number",
    "minutes",
    "person",
    "list value",
    "tag",
    "avoid tag",
    "avoid word/title",
    "references",
    "no repeats",
)
TAG_FIELDS = {"tags", "genres", "genre", "categories", "category", "keywords", "labels", "subjects"}
# Fields that say what sort of item it is: eq/ne on them is a "kind", on any other a "category".
KIND_FIELDS = {"type", "kind", "format", "item type", "media type"}
_NUMBER_OPS = ("min", "max")
_RANGE_OPS = ("covers", "max_at_least", "min_at_most")
_RELATIVE_OPS = ("below", "above")
_NAME_OPS = ("has", "not_has")
_CATEGORY_OPS = ("eq", "ne")
_FIELD_OPS = (*_NUMBER_OPS, *_RANGE_OPS, *_RELATIVE_OPS, *_NAME_OPS, *_CATEGORY_OPS)
# Ops on numbers, as read (min/max become "between"; below/above become "lt"/"gt" when resolved).
NUMERIC_OPS = ("between", *_RANGE_OPS, *_RELATIVE_OPS, "lt", "gt")
_WORD_OPS = ("text_not_contains", "title_not_contains")

Position = int | str  # 1-based, "last" or "all"


@dataclass(frozen=True)
class Predicate:
    """One condition on an item. `op` is one of _FIELD_OPS or _WORD_OPS; "between" stands for
    min and/or max (value: (low, high), either None); relative ops hold a Position."""

    op: str
    value: Any
    kind: str
    field: str | None = None
    unit: str | None = None  # the unit of a number op's bounds: the item's value is read in it

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.op == "between":
            low, high = self.value
            bounds = [f">= {low}{unit}"] if low is not None else []
            bounds += [f"<= {high}{unit}"] if high is not None else []
            return f"{self.field} {' and '.join(bounds)}"
        if self.op in _RELATIVE_OPS:
            return f"{self.field}{unit} {self.op} the {_position_words(self.value)} of the last list"
        if self.field is None:
            return f"{self.op.replace('_', ' ')} {self.value!r}"
        return f"{self.field} {self.op.replace('_', ' ')} {self.value!r}{unit}"


@dataclass(frozen=True)
class ExpectedRef:
    acts: tuple[str, ...]  # any of these is right ("not that one": exclude or dislike)
    pos: Position


@dataclass(frozen=True)
class SuiteTurn:
    say: str
    line: int
    where: tuple[Predicate, ...] = ()
    not_repeated: str | None = None
    refs: tuple[ExpectedRef, ...] = ()

    @property
    def scored(self) -> bool:
        return bool(self.where or self.not_repeated or self.refs)

    @property
    def kinds(self) -> set[str]:
        """The kinds of constraint this turn states."""
        kinds = {p.kind for p in self.where}
        if self.refs:
            kinds.add("references")
        if self.not_repeated:
            kinds.add("no repeats")
        return kinds


@dataclass(frozen=True)
class Conversation:
    id: str
    catalog: str
    half: str
    turns: tuple[SuiteTurn, ...]
    path: Path
    line: int


@dataclass(frozen=True)
class Suite:
    conversations: tuple[Conversation, ...]
    catalogs: Mapping[str, Path]  # suite name -> catalog folder

    @property
    def turns(self) -> int:
        return sum(len(c.turns) for c in self.conversations)


def _position_words(pos: Position) -> str:
    return {"all": "items", "last": "last item"}.get(str(pos), f"item #{pos}")


def read_suite(path: Path) -> Suite:
    """A suite file (.jsonl) or a folder of them, with the catalogs.json beside it."""
    files, catalogs = set_files(path, "conversation suite")
    conversations: list[Conversation] = []
    errors: list[CatalogError] = []
    seen: dict[str, str] = {}
    for file in files:
        for conversation in _read_file(file, catalogs, errors):
            where = f"{file.name}:{conversation.line}"
            if conversation.id in seen:
                errors.append(
                    CatalogError(
                        file, conversation.line, f"duplicate id {conversation.id!r} (first at {seen[conversation.id]})"
                    )
                )
            seen.setdefault(conversation.id, where)
            conversations.append(conversation)
    if errors:
        raise InvalidCatalogError(errors, "see tests/conversations/README.md for the format")
    if not conversations:
        raise CatalogError(path, None, "no conversations in the suite")
    return Suite(tuple(conversations), catalogs)


def check_line(data: Any, keys: set[str], catalogs: Mapping[str, Path]) -> None:
    """What every line of a set needs: an object of known keys, an id, a catalog that is named
    in catalogs.json. ValueError says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("expected an object")
    unknown = set(data) - keys
    if unknown:
        raise ValueError(f"unknown key(s) {sorted(unknown)}")
    if not isinstance(data.get("id"), str) or not data["id"].strip():
        raise ValueError("'id' must be a non-empty string")
    if data.get("catalog") not in catalogs:
        raise ValueError(f"'catalog' must be one of {sorted(catalogs)}, got {data.get('catalog')!r}")


def set_files(path: Path, what: str) -> tuple[list[Path], dict[str, Path]]:
    """The .jsonl files of a set (one file, or a folder of them) and the catalogs named in the
    catalogs.json beside them."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    folder = path if path.is_dir() else path.parent
    if not path.exists() or not files:
        raise CatalogError(path, None, f"no {what} here", "give a .jsonl file or a folder of them")
    return files, read_catalogs(folder / CATALOGS_FILE)


def read_catalogs(path: Path) -> dict[str, Path]:
    """{"name": "folder"}: folders relative to the catalogs file's own folder."""
    if not path.is_file():
        raise CatalogError(path, None, f"no {CATALOGS_FILE} beside the suite", 'write {"name": "catalog folder"}')
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise CatalogError(path, None, f"not JSON: {error}") from error
    if not isinstance(data, dict) or not data or not all(isinstance(v, str) for v in data.values()):
        raise CatalogError(path, None, 'expected {"name": "catalog folder", ...}')
    catalogs = {str(name): (path.parent / folder).resolve() for name, folder in data.items()}
    for name, folder in catalogs.items():
        if not folder.exists():
            raise CatalogError(path, None, f"catalog {name!r}: no such folder {folder}")
    return catalogs


def _read_file(path: Path, catalogs: Mapping[str, Path], errors: list[CatalogError]) -> Iterator[Conversation]:
    try:
        for record in read_jsonl(path):
            line = record.line or 1
            try:
                yield read_conversation(record.data, catalogs, path, line)
            except ValueError as error:
                errors.append(CatalogError(path, line, str(error)))
    except CatalogError as error:
        errors.append(error)


def read_conversation(data: Any, catalogs: Mapping[str, Path], path: Path, line: int) -> Conversation:
    """One conversation from its JSON object (a line of a suite file)."""
    check_line(data, {"id", "catalog", "half", "turns", "note"}, catalogs)
    turns = data.get("turns")
    if not isinstance(turns, list) or not turns:
        raise ValueError("'turns' must be a non-empty list")
    read = tuple(_turn(turn, number, line) for number, turn in enumerate(turns, start=1))
    return Conversation(data["id"], data["catalog"], str(data.get("half", "")), read, path, line)


def _turn(data: Any, number: int, line: int) -> SuiteTurn:
    at = f"turn {number}"
    if not isinstance(data, dict) or not isinstance(data.get("say"), str) or not data["say"].strip():
        raise ValueError(f"{at}: needs 'say' (text)")
    if set(data) - {"say", "expect"}:
        raise ValueError(f"{at}: unknown key(s) {sorted(set(data) - {'say', 'expect'})}")
    expect = data.get("expect", {})
    if not isinstance(expect, dict) or set(expect) - {"where", "not_repeated", "refs"}:
        raise ValueError(f"{at}: 'expect' may hold only 'where', 'not_repeated' and 'refs'")
    where = expect.get("where", [])
    if not isinstance(where, list):
        raise ValueError(f"{at}: 'where' must be a list")
    predicates = tuple(_predicate(p, f"{at}, where[{i}]") for i, p in enumerate(where))
    repeat = expect.get("not_repeated")
    if repeat is not None and repeat not in REPEAT_MODES:
        raise ValueError(f"{at}: 'not_repeated' must be 'previous' or 'all'")
    refs = expect.get("refs", [])
    if not isinstance(refs, list):
        raise ValueError(f"{at}: 'refs' must be a list")
    expected = tuple(_ref(r, f"{at}, refs[{i}]") for i, r in enumerate(refs))
    looks_back = repeat or expected or any(p.op in _RELATIVE_OPS for p in predicates)
    if number == 1 and looks_back:
        raise ValueError(f"{at}: the first turn has no earlier suggestions to refer to")
    return SuiteTurn(data["say"], line, predicates, repeat, expected)


def _ref(data: Any, at: str) -> ExpectedRef:
    if not isinstance(data, dict) or set(data) != {"act", "pos"}:
        raise ValueError(f"{at}: a reference is {{'act': ..., 'pos': ...}}")
    acts = data["act"] if isinstance(data["act"], list) else [data["act"]]
    if not acts or not all(act in ACTS for act in acts):
        raise ValueError(f"{at}: 'act' must be one of {', '.join(ACTS)} (or a list of them)")
    return ExpectedRef(tuple(acts), _position(data["pos"], at))


def _position(value: Any, at: str) -> Position:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    if value in ("all", "last"):
        return str(value)
    raise ValueError(f"{at}: a position is 1-5, 'last' or 'all'")


def _predicate(data: Any, at: str) -> Predicate:
    if not isinstance(data, dict):
        raise ValueError(f"{at}: expected an object")
    kind = data.get("kind")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"{at}: 'kind' must be one of {', '.join(KINDS)}")
    words = [op for op in _WORD_OPS if op in data]
    if words:
        if len(data) - (kind is not None) != 1 or not isinstance(data[words[0]], str) or not data[words[0]].strip():
            raise ValueError(f"{at}: {words[0]} takes one word or phrase and nothing else")
        return Predicate(words[0], data[words[0]].strip(), kind or "avoid word/title")
    field = data.get("field")
    if not isinstance(field, str) or not field:
        raise ValueError(f"{at}: needs 'field' (or text_not_contains / title_not_contains)")
    ops = [key for key in data if key not in {"field", "kind", "unit"}]
    if not ops or not all(op in _FIELD_OPS for op in ops):
        raise ValueError(f"{at}: operators are {', '.join(_FIELD_OPS)}; got {ops}")
    unit = _unit(data.get("unit"), ops, at)
    if set(ops) <= set(_NUMBER_OPS):
        return _between(data, field, kind, unit, at)
    if len(ops) != 1:
        raise ValueError(f"{at}: one operator per predicate (min with max is the exception)")
    return _single(ops[0], data[ops[0]], field, kind or _default_kind(ops[0], field, unit), at, unit)


def _unit(value: Any, ops: list[str], at: str) -> str | None:
    """A predicate's unit, by its canonical name ('mins' -> 'min', '$' -> 'USD')."""
    if value is None:
        return None
    if not set(ops) <= {*_NUMBER_OPS, *_RANGE_OPS, *_RELATIVE_OPS}:
        raise ValueError(f"{at}: 'unit' goes with number operators only")
    if not isinstance(value, str):
        raise ValueError(f"{at}: 'unit' must be a unit's name")
    return unit_named(value).name  # ValueError names the unknown unit


def _default_kind(op: str, field: str, unit: str | None) -> str:
    name = " ".join("".join(c if c.isalnum() else " " for c in field.casefold()).split())
    if op in _RELATIVE_OPS:
        return "relative number" if unit or header_units(field) else "relative year"
    if op in _RANGE_OPS:
        return "unit number" if unit or header_units(field) else "number"
    if op in _CATEGORY_OPS:
        return "kind" if name in KIND_FIELDS else "category"
    tagged = field.casefold() in TAG_FIELDS
    return ("tag" if op == "has" else "avoid tag") if tagged else "person"


def _between(data: Mapping[str, Any], field: str, kind: str | None, unit: str | None, at: str) -> Predicate:
    low, high = data.get("min"), data.get("max")
    for bound in (low, high):
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int | float)):
            raise ValueError(f"{at}: min and max must be numbers")
    if low is not None and high is not None and low > high:
        raise ValueError(f"{at}: min is above max")
    return Predicate("between", (low, high), kind or _number_kind(field, unit), field, unit)


def _single(op: str, value: Any, field: str, kind: str, at: str, unit: str | None) -> Predicate:
    if op in _RANGE_OPS:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{at}: {op} takes a number")
        return Predicate(op, value, kind, field, unit)
    if op in _RELATIVE_OPS:
        if not isinstance(value, dict) or set(value) != {"ref"}:
            raise ValueError(f"{at}: {op} takes {{'ref': position}}")
        return Predicate(op, _position(value["ref"], at), kind, field, unit)
    if op in _CATEGORY_OPS:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"{at}: {op} takes a value")
        return Predicate(op, value, kind, field)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{at}: {op} takes a name or a tag")
    return Predicate(op, value.strip(), kind, field)


def _number_kind(field: str, unit: str | None) -> str:
    """min/max: a number with a unit; else a year, minutes, a number whose header names a unit
    ('Price (USD)'), or a plain number, by the field's name."""
    name = field.casefold()
    if unit:
        return "unit number"
    if "year" in name or "date" in name:
        return "year"
    if any(word in name for word in ("minute", "time", "duration", "length")):
        return "minutes"
    return "unit number" if header_units(field) else "number"
