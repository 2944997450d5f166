"""Readers per file format. Each yields raw records with the file and line they came from.

Readers stream where the format allows (JSONL, CSV) so a huge file never sits in memory twice.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recchat.errors import CatalogError

INTERACTIONS_FILE = "interactions.jsonl"
ITEM_SUFFIXES = frozenset({".jsonl", ".json", ".csv", ".md"})
# Documentation files that commonly sit in a data folder; they are not items.
DOC_STEMS = frozenset({"readme", "license", "licence", "changelog", "attribution", "notice"})
MAX_WHOLE_FILE_BYTES = 64 * 1024 * 1024  # .json arrays and .md files are read whole
MAX_LINE_BYTES = 16 * 1024 * 1024
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class RawRecord:
    path: Path
    line: int | None
    data: Any


def iter_catalog_files(root: Path) -> Iterator[Path]:
    """Item files under `root`, sorted, recursing into folders once each (symlink loops end)."""
    if root.is_file():
        yield root
        return
    if not root.is_dir():
        raise CatalogError(root, None, "no such folder", "give a folder of .jsonl/.json/.csv/.md files")
    seen: set[Path] = set()
    for directory, subdirs, files in os.walk(root, followlinks=True, onerror=_raise_walk_error):
        real = Path(directory).resolve()
        if real in seen:
            subdirs[:] = []
            continue
        seen.add(real)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(directory) / name
            if is_item_file(path):
                yield path


def _raise_walk_error(error: OSError) -> None:
    raise CatalogError(error.filename or "?", None, f"cannot read folder: {error.strerror}")


def is_item_file(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name == INTERACTIONS_FILE:
        return False
    if path.stem.lower() in DOC_STEMS:
        return False
    return path.suffix.lower() in ITEM_SUFFIXES


def iter_interaction_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        return
    for directory, subdirs, files in os.walk(root, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        if INTERACTIONS_FILE in files:
            yield Path(directory) / INTERACTIONS_FILE


def read_records(path: Path) -> Iterator[RawRecord]:
    """Records of one file; raises CatalogError naming the file and line on unreadable input."""
    suffix = path.suffix.lower()
    readers = {".jsonl": read_jsonl, ".json": read_json_array, ".csv": read_csv, ".md": read_markdown}
    try:
        yield from readers[suffix](path)
    except PermissionError as error:
        raise CatalogError(path, None, "permission denied", "make the file readable") from error
    except IsADirectoryError as error:
        raise CatalogError(path, None, "is a folder, not a file") from error
    except OSError as error:
        raise CatalogError(path, None, f"cannot read: {error.strerror or error}") from error


def _decode(raw: bytes, path: Path, line: int | None, first: bool = False) -> str:
    if b"\x00" in raw:
        raise CatalogError(path, line, "binary data (NUL byte): not a text file")
    try:
        return raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as error:
        at = line if line is not None else raw.count(b"\n", 0, error.start) + 1
        raise CatalogError(
            path, at, f"not valid UTF-8 (byte 0x{raw[error.start]:02x})", "save the file as UTF-8"
        ) from error


def read_jsonl(path: Path) -> Iterator[RawRecord]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise CatalogError(path, number, f"line is {len(raw):,} bytes; the limit is {MAX_LINE_BYTES:,}")
            text = _decode(raw, path, number, first=number == 1).strip()
            if not text:
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise CatalogError(path, number, f"invalid JSON: {error.msg} (column {error.colno})") from error
            yield RawRecord(path, number, data)


def _read_whole(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_WHOLE_FILE_BYTES:
        raise CatalogError(
            path,
            None,
            f"file is {size:,} bytes; the limit for this format is {MAX_WHOLE_FILE_BYTES:,}",
            "split it, or use .jsonl, which is read line by line",
        )
    return _decode(path.read_bytes(), path, None, first=True)


def read_json_array(path: Path) -> Iterator[RawRecord]:
    """A JSON array of objects, each reported at the line where it starts."""
    text = _read_whole(path)
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    if index >= len(text):
        raise CatalogError(path, 1, "empty file: expected a JSON array of items")
    if text[index] != "[":
        raise CatalogError(path, _line_of(text, index), "expected a JSON array '[...]' of items")
    index = _skip_space(text, index + 1)
    if index < len(text) and text[index] == "]":
        return
    while True:
        line = _line_of(text, index)
        try:
            data, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            raise CatalogError(path, error.lineno, f"invalid JSON: {error.msg} (column {error.colno})") from error
        yield RawRecord(path, line, data)
        index = _skip_space(text, index)
        if index < len(text) and text[index] == ",":
            index = _skip_space(text, index + 1)
            continue
        if index < len(text) and text[index] == "]":
            if _skip_space(text, index + 1) < len(text):
                raise CatalogError(path, _line_of(text, index + 1), "unexpected data after the array")
            return
        raise CatalogError(path, _line_of(text, min(index, len(text))), "invalid JSON: expected ',' or ']'")


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def read_csv(path: Path) -> Iterator[RawRecord]:
    """CSV with a header row; ragged rows and bad quoting are errors, reported by line.

    CSV has no types, so a column whose every value is a number becomes numbers (filterable
    with `year>=2000`); a column mixing '2' and '2-4' stays text throughout.
    """
    filled: set[str] = set()
    text: set[str] = set()
    for _, row in _csv_rows(path):
        for key, value in row.items():
            if value.strip():
                filled.add(key)
                if not _NUMBER.match(value.strip()):
                    text.add(key)
    numeric = filled - text
    for line, row in _csv_rows(path):
        yield RawRecord(path, line, {key: _number(value) if key in numeric else value for key, value in row.items()})


def _number(text: str) -> int | float | str:
    text = text.strip()
    if not text:
        return text
    return float(text) if "." in text else int(text)


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    csv.field_size_limit(MAX_LINE_BYTES)
    with path.open("rb") as binary:
        head = binary.read(MAX_LINE_BYTES)
    if not head.strip():
        raise CatalogError(path, 1, "empty file: expected a header row")
    if b"\x00" in head:
        raise CatalogError(
            path, head.count(b"\n", 0, head.index(b"\x00")) + 1, "binary data (NUL byte): not a text file"
        )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        header: list[str] | None = None
        start = 1
        try:
            for row in reader:
                if header is None:
                    header = [name.strip() for name in row]
                    _check_header(path, header)
                elif any(cell.strip() for cell in row):
                    if len(row) != len(header):
                        raise CatalogError(
                            path,
                            start,
                            f"row has {len(row)} fields, the header has {len(header)}",
                            "quote fields that contain commas",
                        )
                    yield start, dict(zip(header, row, strict=True))
                start = reader.line_num + 1
        except csv.Error as error:
            raise CatalogError(path, reader.line_num or start, f"bad CSV: {error}") from error
        except UnicodeDecodeError as error:
            raise CatalogError(path, reader.line_num + 1, "not valid UTF-8", "save the file as UTF-8") from error


def _check_header(path: Path, header: list[str]) -> None:
    if "\x00" in "".join(header):
        raise CatalogError(path, 1, "binary data (NUL byte): not a text file")
    empty = [i + 1 for i, name in enumerate(header) if not name]
    if empty:
        raise CatalogError(path, 1, f"header column {empty[0]} has no name")
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise CatalogError(path, 1, f"header repeats column(s): {', '.join(duplicates)}")


def read_markdown(path: Path) -> Iterator[RawRecord]:
    """YAML front matter between '---' lines; the body becomes the description."""
    import yaml

    text = _read_whole(path)
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise CatalogError(
            path, 1, "no front matter: the file must start with a '---' line", "add front matter with at least `title:`"
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in {"---", "..."}), None)
    if end is None:
        raise CatalogError(path, 1, "front matter is not closed by a '---' line")
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise CatalogError(path, line, f"bad front matter: {problem}") from error
    if not isinstance(data, dict):
        raise CatalogError(path, 2, "front matter must be a mapping of fields (key: value)")
    body = "\n".join(lines[end + 1 :]).strip()
    if body and not data.get("description"):
        data = {**data, "description": body}
    yield RawRecord(path, 1, data)
