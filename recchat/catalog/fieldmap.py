"""Field maps (`--map title=Film`, or a `[map]` table in recchat.toml / _recchat.toml inside the
catalog's folder) and reading one file's items through them, with what each field was read from.

A folder's map applies to the files below it; a subfolder's map adds to (and overrides) its
parent's; the flag overrides every file. Problems that are the file's, not a row's (no title
column at all, a map naming a column the file lacks), are reported once per file.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from recchat.catalog.fields import FIELDS, Plan, apply_plan, plan_for
from recchat.catalog.items import to_item
from recchat.catalog.readers import TABLE_SUFFIXES, RawRecord, read_records
from recchat.domain import Item
from recchat.errors import CatalogError, InvalidCatalogError, RecchatError
from recchat.language.quantities import read_cell

MAP_FILES = ("recchat.toml", "_recchat.toml")
MAX_MAP_FILE_BYTES = 1 << 20
MAX_PLANS = 256  # distinct column sets remembered per file (JSON records may each differ)
MAX_BUFFERED = 1000  # rows held back while it is unclear whether the whole file lacks a title
SHOWN_COLUMNS = 12
FLAG = "--map"
GUESSED = "guessed: its cells name the items"  # where a title read without a map came from
_MORE_FILES = re.compile(r"(\d+) more files")


def parse_map(entries: list[str]) -> dict[str, str]:
    """['title=Film', 'tags=Mood'] -> {'title': 'Film', 'tags': 'Mood'}; 'year=' means no year."""
    found: dict[str, Any] = {}
    for entry in entries:
        name, equals, column = entry.partition("=")
        if not equals:
            raise RecchatError(f"bad {FLAG} {entry!r}", "write FIELD=COLUMN, e.g. --map title=Film")
        found[name.strip()] = column.strip()
    try:
        return _checked(found)
    except RecchatError as error:
        raise RecchatError(f"{FLAG}: {error.message}", error.hint) from None


def _checked(entries: Mapping[str, Any]) -> dict[str, str]:
    checked: dict[str, str] = {}
    for name, column in entries.items():
        key = name.strip().lower()
        if key not in FIELDS:
            raise RecchatError(f"'{name}' is not one of recchat's fields", f"map {', '.join(FIELDS)}")
        if not isinstance(column, str):
            raise RecchatError(f"the column for '{name}' must be text (a column name)")
        checked[key] = column
    return checked


@dataclass
class FieldUsage:
    """What one file's (or several alike files') fields were read from."""

    files: list[str]  # the first few of them, as shown
    sources: dict[str, str]
    also: dict[str, list[str]] = field(default_factory=dict)
    ranges: dict[str, list[str]] = field(default_factory=dict)
    maps: list[str] = field(default_factory=list)  # where the field map came from
    more_files: int = 0  # read alike, not listed in `files`

    def describe(self) -> str:
        """'books.csv: title=Title, year=Original Publication Year (also Year Published)'."""
        parts = []
        for name, column in self.sources.items():
            also = self.also.get(name)
            parts.append(f"{name}={column}" + (f" (also {', '.join(also)})" if also else ""))
        parts += [f"{name}={'+'.join(columns)}" for name, columns in self.ranges.items()]
        parts += [f"{name}: none (found {', '.join(c)})" for name, c in self.also.items() if name not in self.sources]
        others = len(self.files) - 1 + self.more_files
        where = self.files[0] + (f" and {others} more" if others else "")
        mapped = f" [map: {', '.join(self.maps)}]" if self.maps else ""
        return f"{where}: {', '.join(parts) or 'no fields recchat knows'}{mapped}"

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "sources": self.sources,
            "also": self.also,
            "ranges": self.ranges,
            "maps": self.maps,
            "more_files": self.more_files,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldUsage:
        files = [str(f) for f in data["files"]]
        more = int(data.get("more_files", 0))
        counted = _MORE_FILES.fullmatch(files[-1]) if files else None
        if counted:  # stored before `more_files`: "161 more files" was the list's last entry
            files, more = files[:-1], int(counted.group(1))
        return cls(
            files=files,
            more_files=more,
            sources={str(k): str(v) for k, v in data["sources"].items()},
            also={str(k): [str(c) for c in v] for k, v in data.get("also", {}).items()},
            ranges={str(k): [str(c) for c in v] for k, v in data.get("ranges", {}).items()},
            maps=[str(m) for m in data.get("maps", [])],
        )

    def _key(self) -> str:
        return repr((self.sources, self.also, self.ranges, self.maps))


def grouped(usages: list[FieldUsage], max_files: int = 5) -> list[FieldUsage]:
    """Files read alike as one entry (a folder of 160 Markdown books is one line): the first
    `max_files` listed, the rest counted."""
    groups: dict[str, FieldUsage] = {}
    for usage in usages:
        key = usage._key()
        group = groups.setdefault(key, replace(usage, files=[], more_files=0))
        for name in usage.files:
            if len(group.files) < max_files:
                group.files.append(name)
            else:
                group.more_files += 1
        group.more_files += usage.more_files
    return list(groups.values())


class FieldRules:
    """The field maps of one import, and what each file's fields were read from."""

    def __init__(self, root: Path, flag_map: Mapping[str, str] | None = None) -> None:
        self.root = root if root.is_dir() else root.parent
        self.flag_map = dict(flag_map or {})
        self.usage: dict[Path, FieldUsage] = {}
        self._folders: dict[Path, dict[str, tuple[str, str]]] = {}
        self._guessed: dict[Path, str] = {}  # file -> the column its titles are read from, unmapped

    def guess_titles(self, guesses: Mapping[Path, str]) -> None:
        """Read these files' titles from these columns (the ones whose cells name the items)."""
        self._guessed.update(guesses)

    def for_file(self, path: Path) -> tuple[dict[str, str], dict[str, str]]:
        """The map for this file (field -> column), and where each entry came from."""
        guessed = {"title": (self._guessed[path], GUESSED)} if path in self._guessed else {}
        entries = {
            **guessed,
            **self._folder(path.parent),
            **{name: (column, FLAG) for name, column in self.flag_map.items()},
        }
        return {name: column for name, (column, _) in entries.items()}, {name: o for name, (_, o) in entries.items()}

    def _folder(self, folder: Path) -> dict[str, tuple[str, str]]:
        """field -> (column, map file) for files in this folder: its own map over its parents'."""
        if folder not in self._folders:
            inherited: dict[str, tuple[str, str]] = {}
            if folder != self.root and self.root in folder.parents:
                inherited = self._folder(folder.parent)
            own = _map_file(folder)
            if own is not None:
                path, entries = own
                inherited = {**inherited, **{name: (column, self._shown(path)) for name, column in entries.items()}}
            self._folders[folder] = inherited
        return self._folders[folder]

    def _shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def grouped_usage(self) -> list[FieldUsage]:
        return grouped(list(self.usage.values()))


def _map_file(folder: Path) -> tuple[Path, dict[str, str]] | None:
    """The folder's map file, read and checked. A bad one stops the import (it is not a file
    --skip-invalid could leave out: the files it maps would be read wrongly)."""
    try:
        return _read_map_file(folder)
    except CatalogError as error:
        raise InvalidCatalogError([error], "fix the field map") from None


def _read_map_file(folder: Path) -> tuple[Path, dict[str, str]] | None:
    present = [folder / name for name in MAP_FILES if (folder / name).is_file()]
    if not present:
        return None
    if len(present) > 1:
        raise CatalogError(present[1], None, f"a second field map beside {MAP_FILES[0]}", "keep one of the two")
    path = present[0]
    if path.stat().st_size > MAX_MAP_FILE_BYTES:
        raise CatalogError(path, None, "too large for a field map", "a [map] table is a few lines")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise CatalogError(path, None, "not valid UTF-8", "save the file as UTF-8") from error
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        raise CatalogError(path, int(found.group(1)) if found else None, f"bad TOML: {error}") from error
    unknown = sorted(set(data) - {"map", "fields"})
    if unknown or not isinstance(data.get("map", {}), dict):
        raise CatalogError(path, None, f"unknown entries: {', '.join(unknown) or 'map'}", "write a [map] table")
    _checked_overrides(path, data.get("fields", {}))
    try:
        return path, _checked(data.get("map", {}))
    except RecchatError as error:
        raise CatalogError(path, None, error.message, error.hint) from error


def field_overrides(root: Path) -> dict[str, FieldOverride]:
    """The `[fields]` table of the folder's map file: what a field is, where the data cannot tell
    (`[fields."Episode length"]` with `kind = "number"`, `unit = "min"`)."""
    found = _map_file(root if root.is_dir() else root.parent)
    if found is None:
        return {}
    path = found[0]
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return _checked_overrides(path, data.get("fields", {}))


def _checked_overrides(path: Path, table: Any) -> dict[str, FieldOverride]:
    from recchat.catalog.schema import FieldKind
    from recchat.language.units import units

    if not isinstance(table, dict):
        raise CatalogError(path, None, "[fields] must be a table", 'write [fields."Name"] with kind or unit')
    overrides = {}
    kinds = {kind.value for kind in FieldKind}
    for name, entry in table.items():
        if not isinstance(entry, dict) or not set(entry) <= {"kind", "unit"} or not entry:
            raise CatalogError(path, None, f"[fields.{name!r}] takes kind and/or unit", 'e.g. unit = "min"')
        kind, unit = entry.get("kind"), entry.get("unit")
        if kind is not None and kind not in kinds:
            raise CatalogError(path, None, f"[fields.{name!r}] kind {kind!r} is none of {', '.join(sorted(kinds))}")
        if unit is not None and units().named(str(unit)) is None and str(unit).lower() not in units().symbols:
            raise CatalogError(
                path, None, f"[fields.{name!r}] unit {unit!r} is no unit recchat knows", "e.g. min, km, $"
            )
        overrides[str(name)] = FieldOverride(kind, unit)
    return overrides


@dataclass(frozen=True)
class FieldOverride:
    kind: str | None = None
    unit: str | None = None


def read_items(path: Path, rules: FieldRules, errors: list[CatalogError], shown: str) -> Iterator[tuple[Item, int]]:
    """Each valid item of one file with its line; problems are appended to `errors`."""
    field_map, origins = rules.for_file(path)
    reading = _FileReading(path, field_map, origins)
    one_header = path.suffix.lower() in TABLE_SUFFIXES  # the first row tells for the whole file
    for record in read_records(path, errors):
        plan = reading.see(record.data, record.line)
        if one_header and reading.hopeless():
            if reading.records >= NAME_SAMPLE:
                break  # rows read so far tell which column names the items; the rest cannot help
            continue
        data = apply_plan(record.data, plan) if plan is not None else record.data
        try:
            item = to_item(RawRecord(record.path, record.line, data))
        except CatalogError as error:
            reading.failed(error, plan, errors)
            continue
        reading.succeeded(errors)
        yield item, record.line or 1
    errors.extend(reading.finish())
    rules.usage[path] = reading.usage(shown)


class _FileReading:
    """One file's plans per column set, what they read, and its problems held back."""

    def __init__(self, path: Path, field_map: dict[str, str], origins: dict[str, str]) -> None:
        self.path = path
        self.field_map = field_map
        self.origins = origins
        self.records = self.titled = 0
        self.first_line: int | None = None
        self.columns: dict[str, None] = {}  # every column seen, in order
        self.found_mapped: set[str] = set()  # fields whose mapped column some record has
        self.sources: dict[str, Counter[str]] = {}
        self.also: dict[str, dict[str, None]] = {}
        self.ranges: dict[str, list[str]] = {}
        self._plans: dict[tuple[Any, ...], Plan] = {}
        self._counts: Counter[tuple[Any, ...]] = Counter()  # records per plan, not yet folded
        self._held: list[CatalogError] | None = []  # rows without a title column; None once flushed
        self._named: Counter[str] = Counter()  # per column, cells that read like an item's name
        self._distinct: dict[str, set[str]] = {}  # per column, those cells' distinct values

    def see(self, data: Any, line: int | None) -> Plan | None:
        if not isinstance(data, dict):
            return None  # not an object: the item's checks say so
        self.records += 1
        if self.first_line is None:
            self.first_line = line
        columns = tuple(data)
        plan = self._plans.get(columns) or self._new_plan(columns)
        self._counts[columns] += 1
        self.titled += "title" in plan.sources
        if self.records <= NAME_SAMPLE and "title" not in plan.sources:
            named = [(str(c), value) for c, value in data.items() if _reads_like_a_name(value)]
            self._named.update(c for c, _ in named)
            for column, value in named:
                self._distinct.setdefault(column, set()).add(value.strip().lower())
        return plan

    def _new_plan(self, columns: tuple[Any, ...]) -> Plan:
        if len(self._plans) >= MAX_PLANS:
            self._fold()
            self._plans.clear()
        names = [str(column) for column in columns]  # YAML keys can be numbers
        plan = self._plans[columns] = plan_for(names, self.field_map)
        self.columns.update(dict.fromkeys(names))
        self.found_mapped.update(self.field_map.keys() - {name for name, _ in plan.missing})
        return plan

    def _fold(self) -> None:
        """Add what the plans in use read (weighted by their records) to the file's account."""
        for columns, records in self._counts.items():
            plan = self._plans[columns]
            for name, column in plan.sources.items():
                self.sources.setdefault(name, Counter())[column] += records
            for name, also in plan.also.items():
                self.also.setdefault(name, {}).update(dict.fromkeys(also))
            for name, low, high in plan.ranges:
                self.ranges.setdefault(name, [low, high])
        self._counts.clear()

    def hopeless(self) -> bool:
        return self.titled == 0 or len(self.found_mapped) < len(self.field_map)

    def failed(self, error: CatalogError, plan: Plan | None, errors: list[CatalogError]) -> None:
        if plan is not None and "title" not in plan.sources and self._held is not None:
            if len(self._held) < MAX_BUFFERED:
                self._held.append(error)
            return
        errors.append(_named_column(error, plan))

    def succeeded(self, errors: list[CatalogError]) -> None:
        if self._held is not None:
            errors.extend(self._held)
            self._held = None

    def finish(self) -> list[CatalogError]:
        if not self.records:
            return []
        line = 1 if self.path.suffix.lower() in TABLE_SUFFIXES else self.first_line
        noun = "columns" if self.path.suffix.lower() in TABLE_SUFFIXES else "fields"
        found = _listed(list(self.columns))
        missing = [
            (name, column) for name, column in self.field_map.items() if column and name not in self.found_mapped
        ]
        problems = [
            f"the map ({self.origins[name]}) reads {name} from {column!r}: no such column; found {noun} {found}"
            for name, column in missing
        ]
        if not problems and self.titled == 0:
            used = {column for counts in self.sources.values() for column in counts}
            unused = [column for column in self.columns if column not in used]
            # the column whose cells read like names, not the first one (often a rank number)
            free = max(unused, key=lambda c: (self._named[c], -unused.index(c)), default="COLUMN")
            problem = f"no title field: found {noun} {found}; recchat used none of them as title"
            # a table's column is taken without a map (importer.py) when every row has a name
            # there and nearly all of them differ, as titles do
            sampled = min(self.records, NAME_SAMPLE)
            named = (
                self.path.suffix.lower() in TABLE_SUFFIXES
                and sampled >= MIN_GUESS_ROWS
                and self._named[free] >= sampled
                and len(self._distinct.get(free, ())) >= DISTINCT_TITLES * sampled
            )
            return [NoTitleError(self.path, line, f"{problem}; add `--map title={free}`", free if named else None)]
        if problems:
            return [CatalogError(self.path, line, problem) for problem in problems]
        return self._held or []

    def usage(self, shown: str) -> FieldUsage:
        self._fold()
        return FieldUsage(
            files=[shown],
            sources={name: counts.most_common(1)[0][0] for name, counts in self.sources.items()},
            also={name: list(columns) for name, columns in self.also.items()},
            ranges=dict(self.ranges),
            maps=list(dict.fromkeys(self.origins.values())),
        )


NAME_SAMPLE = 200  # rows looked at to find the column that names the items
DISTINCT_TITLES = 0.9  # share of those rows whose names differ in a column of titles
MIN_GUESS_ROWS = 5  # fewer rows say too little about which column names the items


def _reads_like_a_name(value: Any) -> bool:
    """Words, not a number, a date or a paragraph: what a title column holds."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return 2 <= len(text) <= MAX_NAME_CHARS and any(ch.isalpha() for ch in text) and read_cell(text) is None


MAX_NAME_CHARS = 150


def _named_column(error: CatalogError, plan: Plan | None) -> CatalogError:
    """ "'popularity' must be ..." -> "'popularity' (column 'Plays') must be ..." where it was read
    from a column of another name."""
    for name, column in plan.sources.items() if plan is not None else ():
        if column != name and f"'{name}'" in error.problem:
            problem = error.problem.replace(f"'{name}'", f"'{name}' (column {column!r})", 1)
            return CatalogError(error.path, error.line, problem, error.hint)
    return error


def _listed(columns: list[str]) -> str:
    shown = ", ".join(columns[:SHOWN_COLUMNS])
    return shown + (f" and {len(columns) - SHOWN_COLUMNS} more" if len(columns) > SHOWN_COLUMNS else "")


class NoTitleError(CatalogError):
    """A file none of whose columns is a title: `guess` is the column whose cells all read like
    items' names, when there is one."""

    def __init__(self, path: Path, line: int | None, problem: str, guess: str | None) -> None:
        super().__init__(path, line, problem)
        self.guess = guess
