"""Readers per file format. Each yields raw records with the file and line they came from.

Readers stream where the format allows (JSONL, CSV), reading at most one line (16 MiB) at a
time, so memory never grows with the file. Files over a size limit are refused before a byte is
read, and anything that is not a regular file (a pipe, a device, a broken or looping link) is
refused without opening it, so nothing can hang or flood the import.

`read_records(path)` raises on the first problem. Given an `errors` list it records problems a
reader can step over (a bad JSONL line, a ragged CSV row) and goes on with the next record.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from recchat.catalog.values import is_exact_code, unquote
from recchat.errors import CatalogError

INTERACTIONS_FILE = "interactions.jsonl"
ITEM_SUFFIXES = frozenset({".jsonl", ".json", ".csv", ".md"})
# Documentation files that commonly sit in a data folder; they are not items.
DOC_STEMS = frozenset({"readme", "license", "licence", "changelog", "attribution", "notice"})
MAX_WHOLE_FILE_BYTES = 64 * 1024 * 1024  # .json arrays and .md files are read whole
MAX_STREAMED_FILE_BYTES = 512 * 1024 * 1024  # .jsonl and .csv are read a line at a time
MAX_LINE_BYTES = 16 * 1024 * 1024
DELIMITERS = ",;\t"  # what spreadsheets in most locales save CSV with
SNIFF_LINES = 20  # lines csv.Sniffer reads to tell the delimiter (a header and some rows)
SNIFF_CHARS = 64 * 1024
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

Errors = list[CatalogError] | None


@dataclass(frozen=True)
class RawRecord:
    path: Path
    line: int | None
    data: Any


def iter_catalog_files(root: Path, errors: Errors = None) -> Iterator[Path]:
    """Item files under `root`, sorted, recursing into folders once each (symlink loops end).
    An unreadable folder is an error: raised, or recorded in `errors` when given."""
    if not root.is_dir():
        if root.exists() or root.is_symlink():
            yield root
            return
        raise CatalogError(root, None, "no such folder", "give a folder of .jsonl/.json/.csv/.md files")
    top = root.resolve()
    seen: set[Path] = set()
    for directory, subdirs, files in os.walk(root, followlinks=True, onerror=_walk_error_handler(errors)):
        real = Path(directory).resolve()
        # A link back to the folder or above it would only walk what is walked already, or more.
        if real in seen or (real != top and real in top.parents):
            subdirs[:] = []
            continue
        seen.add(real)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(directory) / name
            if is_item_file(path):
                yield path


def _walk_error_handler(errors: Errors):  # type: ignore[no-untyped-def]
    def handle(error: OSError) -> None:
        problem = CatalogError(error.filename or "?", None, f"cannot read folder: {error.strerror}")
        if errors is None:
            raise problem
        errors.append(problem)

    return handle


def is_item_file(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name == INTERACTIONS_FILE:
        return False
    if path.stem.lower() in DOC_STEMS:
        return False
    return path.suffix.lower() in ITEM_SUFFIXES


def iter_interaction_files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for directory, subdirs, files in os.walk(root, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        if INTERACTIONS_FILE in files:
            yield Path(directory) / INTERACTIONS_FILE


def read_records(path: Path, errors: Errors = None) -> Iterator[RawRecord]:
    """Records of one file; raises CatalogError naming the file and line on unreadable input.
    A file without a single record is an error too: it is almost always a mistake."""
    readers = {".jsonl": read_jsonl, ".json": read_json_array, ".csv": read_csv, ".md": read_markdown}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise CatalogError(path, None, "not a catalog file", "give .jsonl, .json, .csv or .md files")
    check_file(path)
    count = 0
    reported = len(errors) if errors is not None else 0
    try:
        for record in reader(path, errors):
            count += 1
            yield record
    except PermissionError as error:
        raise CatalogError(path, None, "permission denied", "make the file readable") from error
    except OSError as error:
        raise CatalogError(path, None, f"cannot read: {error.strerror or error}") from error
    if count == 0 and (errors is None or len(errors) == reported):
        raise CatalogError(path, 1, "no items in this file", "remove it, or add at least one item")


def check_file(path: Path) -> None:
    """Refuse what must not be opened or read whole, before opening it."""
    try:
        info = path.stat()  # follows links: a loop or a dangling link fails here
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise CatalogError(path, None, "symbolic link loop") from error
        if error.errno == errno.ENOENT and path.is_symlink():
            raise CatalogError(path, None, f"broken symbolic link (to {path.readlink()})") from error
        if isinstance(error, PermissionError):
            raise CatalogError(path, None, "permission denied", "make the file readable") from error
        raise CatalogError(path, None, f"cannot read: {error.strerror or error}") from error
    if stat.S_ISDIR(info.st_mode):
        raise CatalogError(path, None, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise CatalogError(path, None, "not a regular file (a pipe, socket or device)", "catalogs are plain files")
    whole = path.suffix.lower() in {".json", ".md"}
    limit = MAX_WHOLE_FILE_BYTES if whole else MAX_STREAMED_FILE_BYTES
    if info.st_size > limit:
        raise CatalogError(
            path,
            None,
            f"file is {_size(info.st_size)}; the limit for {path.suffix.lower() or 'this format'} is {_size(limit)}",
            "split it into smaller files" + (", or use .jsonl" if whole else ""),
        )
    if not os.access(path, os.R_OK):
        raise CatalogError(path, None, "permission denied", "make the file readable")


def _size(count: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{count} bytes"


def _report(error: CatalogError, errors: Errors) -> None:
    """Record a problem the reader can step over, or raise it when nobody collects them."""
    if errors is None:
        raise error
    errors.append(error)


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Physical lines, each at most MAX_LINE_BYTES; a longer one comes as None (and is skipped)."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the over-long line without holding it
            yield number, None
            continue
        yield number, raw


def _refuse_utf16(head: bytes, path: Path) -> None:
    if head.startswith(_UTF16_BOMS):
        raise CatalogError(path, 1, "UTF-16 text: recchat reads UTF-8", "save the file as UTF-8")


def _decode(raw: bytes, path: Path, line: int | None, first: bool = False) -> str:
    if b"\x00" in raw:
        at = line if line is not None else raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise CatalogError(path, at, "binary data (NUL byte): not a text file")
    try:
        return raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as error:
        at = line if line is not None else raw.count(b"\n", 0, error.start) + 1
        raise CatalogError(
            path, at, f"not valid UTF-8 (byte 0x{raw[error.start]:02x})", "save the file as UTF-8"
        ) from error


def _too_long(path: Path, line: int) -> CatalogError:
    return CatalogError(path, line, f"line is longer than {_size(MAX_LINE_BYTES)}", "split the item's text")


def read_jsonl(path: Path, errors: Errors = None) -> Iterator[RawRecord]:
    with path.open("rb") as handle:
        _refuse_utf16(handle.read(2), path)
        handle.seek(0)
        for number, raw in _lines(handle):
            try:
                if raw is None:
                    raise _too_long(path, number)
                text = _decode(raw, path, number, first=number == 1).strip()
                if text:
                    yield RawRecord(path, number, _parse_json(text, path, number))
            except CatalogError as error:
                _report(error, errors)


def _parse_json(text: str, path: Path, line: int) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogError(path, line, f"invalid JSON: {error.msg} (column {error.colno})") from error
    except RecursionError as error:
        raise CatalogError(path, line, "invalid JSON: nested too deeply") from error
    except ValueError as error:  # e.g. an integer with thousands of digits
        raise CatalogError(path, line, f"invalid JSON: {str(error).split(';')[0]}") from error


def _read_whole(path: Path) -> str:
    with path.open("rb") as handle:
        raw = handle.read(MAX_WHOLE_FILE_BYTES + 1)
    if len(raw) > MAX_WHOLE_FILE_BYTES:  # it grew after check_file looked
        raise CatalogError(path, None, f"file is larger than {_size(MAX_WHOLE_FILE_BYTES)}", "split it")
    _refuse_utf16(raw, path)
    return _decode(raw, path, None, first=True)


def read_json_array(path: Path, errors: Errors = None) -> Iterator[RawRecord]:
    """A JSON array of objects, each reported at the line where it starts. A syntax error ends
    the file: there is no telling where the next element starts."""
    text = _read_whole(path)
    lines = _LineNumbers(text)
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    if index >= len(text):
        raise CatalogError(path, 1, "empty file: expected a JSON array of items")
    if text[index] != "[":
        raise CatalogError(path, lines.at(index), "expected a JSON array '[...]' of items")
    index = _skip_space(text, index + 1)
    if index < len(text) and text[index] == "]":
        return
    while True:
        line = lines.at(index)
        try:
            data, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            raise CatalogError(path, error.lineno, f"invalid JSON: {error.msg} (column {error.colno})") from error
        except RecursionError as error:
            raise CatalogError(path, line, "invalid JSON: nested too deeply") from error
        except ValueError as error:
            raise CatalogError(path, line, f"invalid JSON: {str(error).split(';')[0]}") from error
        yield RawRecord(path, line, data)
        index = _skip_space(text, index)
        if index < len(text) and text[index] == ",":
            index = _skip_space(text, index + 1)
            continue
        if index < len(text) and text[index] == "]":
            if _skip_space(text, index + 1) < len(text):
                raise CatalogError(path, lines.at(index + 1), "unexpected data after the array")
            return
        raise CatalogError(path, lines.at(min(index, len(text))), "invalid JSON: expected ',' or ']'")


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n\ufeff":
        index += 1
    return index


class _LineNumbers:
    """The line of each offset in one text, asked in increasing order: the count carries on from
    the last offset asked, so a whole file costs one pass (counting from the start for each of
    20,000 elements took 44 s for 8.8 MB)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def at(self, offset: int) -> int:
        if offset < self._offset:  # never in a forward read; counted afresh rather than wrong
            return self._text.count("\n", 0, offset) + 1
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line


def read_csv(path: Path, errors: Errors = None) -> Iterator[RawRecord]:
    """CSV with a header row; ragged rows and bad quoting are errors, reported by line.

    CSV has no types, so a column whose every value is a number becomes numbers (filterable
    with `year>=2000`); a column mixing '2' and '2-4' stays text throughout. Spreadsheet exports
    quote some cells as '="0441013597"' to keep them exact: the quotes go, and a column holding
    such codes (an ISBN, a leading zero) stays text, digit for digit.
    """
    filled: set[str] = set()
    text: set[str] = set()
    with contextlib.suppress(CatalogError):  # problems are reported by the second pass, in order
        for _, row in _csv_rows(path, []):
            for key, value in row.items():
                cell = _unquoted(value).strip()
                if cell:
                    filled.add(key)
                    if not _NUMBER.match(cell) or (cell != value.strip() and is_exact_code(cell)):
                        text.add(key)
    numeric = filled - text
    for line, row in _csv_rows(path, errors):
        data = {key: _number(_unquoted(value)) if key in numeric else _unquoted(value) for key, value in row.items()}
        yield RawRecord(path, line, data)


def _unquoted(cell: str) -> str:
    """'="0441013597"' -> '0441013597'; any other cell as it is."""
    stripped = cell.strip()
    return unquote(stripped) if stripped.startswith('="') and stripped.endswith('"') else cell


def _number(text: str) -> int | float | str:
    text = text.strip()
    if not text:
        return text
    return float(text) if "." in text else int(text)


def _csv_rows(path: Path, errors: Errors) -> Iterator[tuple[int, dict[str, str]]]:
    csv.field_size_limit(MAX_LINE_BYTES)
    with path.open("rb") as handle:
        lines = _CsvLines(handle, path)
        reader = csv.reader(lines, delimiter=lines.delimiter, strict=True)
        header: list[str] | None = None
        start = 1
        try:
            for row in reader:
                if header is None:
                    header = [name.strip() for name in row]
                    _check_header(path, header)
                elif any(cell.strip() for cell in row):
                    if len(row) == len(header):
                        yield start, dict(zip(header, row, strict=True))
                    else:
                        message = f"row has {len(row)} fields, the header has {len(header)}"
                        _report(CatalogError(path, start, message, "quote fields that contain commas"), errors)
                start = lines.number + 1
        except csv.Error as error:
            raise CatalogError(path, lines.number or start, f"bad CSV: {error}") from error
        if header is None:
            raise CatalogError(path, 1, "empty file: expected a header row")


class _CsvLines:
    """Decoded lines for csv.reader, so an encoding problem is reported at its own line.

    The delimiter is sniffed from the first lines (csv.Sniffer, restricted to those spreadsheets
    save with): the header alone can mislead, as in 'Name;Rating (out of 5, avg)'."""

    def __init__(self, handle: BinaryIO, path: Path) -> None:
        _refuse_utf16(handle.read(2), path)
        handle.seek(0)
        self._lines = _lines(handle)
        self._path = path
        self.number = 0  # the line last handed to csv.reader
        self._ahead: list[tuple[int, str]] = []
        self._problem: CatalogError | None = None
        self._read_ahead()
        self.delimiter = _delimiter([text for _, text in self._ahead])

    def _read_ahead(self) -> None:
        """The first lines, for the sniffer; a line that cannot be read ends them, and its
        problem is raised when the reader gets there, after the rows before it."""
        size = 0
        while len(self._ahead) < SNIFF_LINES and size < SNIFF_CHARS:
            try:
                found = self._read_line()
            except CatalogError as problem:
                self._problem = problem
                return
            if found is None:
                return
            self._ahead.append(found)
            size += len(found[1])

    def _read_line(self) -> tuple[int, str] | None:
        for number, raw in self._lines:
            if raw is None:
                raise _too_long(self._path, number)
            return number, _decode(raw, self._path, number, first=number == 1)
        return None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self._ahead:
            self.number, line = self._ahead.pop(0)
            return line
        if self._problem is not None:
            problem, self._problem = self._problem, None
            raise problem
        found = self._read_line()
        if found is None:
            raise StopIteration
        self.number, line = found
        return line


def _delimiter(sample: list[str]) -> str:
    """',' ';' or tab: csv.Sniffer's pick from the first lines, unless another of them splits
    every sampled row into more columns, alike ('Name;Rating (out of 5, avg);Notes' with a
    comma in a note is consistent with ',' too). Without a sample: the header's first of them."""
    header = sample[0] if sample else ""
    try:
        sniffed = csv.Sniffer().sniff("".join(sample), delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = next((d for d in DELIMITERS if d in header), ",")
    widths = {d: _columns(sample, d) for d in DELIMITERS}
    even = [d for d in (sniffed, *DELIMITERS) if widths[d] > 1]
    return max(even, key=lambda d: widths[d]) if even else sniffed


def _columns(sample: list[str], delimiter: str) -> int:
    """How many columns every sampled row has with this delimiter; 0 when they differ."""
    try:
        rows = [row for row in csv.reader(sample, delimiter=delimiter) if row]
    except csv.Error:  # the sample ends inside a quoted cell: its rows so far are too few to tell
        return 0
    widths = {len(row) for row in rows}
    return widths.pop() if len(widths) == 1 else 0


def _check_header(path: Path, header: list[str]) -> None:
    empty = [i + 1 for i, name in enumerate(header) if not name]
    if empty:
        raise CatalogError(path, 1, f"header column {empty[0]} has no name")
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise CatalogError(path, 1, f"header repeats column(s): {', '.join(duplicates)}")


def read_markdown(path: Path, errors: Errors = None) -> Iterator[RawRecord]:
    """YAML front matter between '---' lines; the body becomes the description."""
    text = _read_whole(path)
    lines = text.splitlines()
    if not lines or not "".join(lines).strip():
        raise CatalogError(path, 1, "empty file: expected front matter with at least `title:`")
    if lines[0].strip() != "---":
        raise CatalogError(
            path, 1, "no front matter: the file must start with a '---' line", "add front matter with at least `title:`"
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in {"---", "..."}), None)
    if end is None:
        raise CatalogError(path, 1, "front matter is not closed by a '---' line")
    data = _front_matter(path, "\n".join(lines[1:end]))
    body = "\n".join(lines[end + 1 :]).strip()
    if body and not data.get("description"):
        data = {**data, "description": body}
    yield RawRecord(path, 1, data)


def _front_matter(path: Path, text: str) -> dict[str, Any]:
    import yaml

    try:
        # Aliases let a few lines expand into gigabytes ("billion laughs"); item fields never need them.
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 2 if event.start_mark else 2
                raise CatalogError(path, line, "bad front matter: YAML aliases (*name) are not allowed")
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise CatalogError(path, line, f"bad front matter: {problem}") from error
    except RecursionError as error:
        raise CatalogError(path, 2, "bad front matter: nested too deeply") from error
    if not isinstance(data, dict):
        raise CatalogError(path, 2, "front matter must be a mapping of fields (key: value)")
    return data
