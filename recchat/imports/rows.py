"""Reading history exports into rows: what each row names (title, year, maker, kind) and what
the person thought of it (like, dislike, seen, wish).

CSV is read by the catalog's own reader (catalog/readers.py: streaming, UTF-8 checks, '="…"'
cells unquoted, numbers read as numbers). An export's zip is read member by member, each copied
to a private temporary folder first, within the same size limits.
"""

from __future__ import annotations

import csv
import re
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from recchat.catalog.fields import normalise
from recchat.catalog.readers import MAX_LINE_BYTES, MAX_STREAMED_FILE_BYTES, check_file, read_csv
from recchat.catalog.values import as_number, as_year, unquote
from recchat.errors import CatalogError
from recchat.imports.formats import (
    DISLIKE,
    DISLIKE_UP_TO,
    FORMATS,
    LIKE,
    LIKE_FROM,
    SEEN,
    STATUS_WORDS,
    WISH,
    ExportFormat,
    known_formats,
    recognise,
)
from recchat.text import year_in_title

MAX_ZIP_MEMBERS = 200
_OUT_OF = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/|out of)\s*(\d+(?:\.\d+)?)\s*$", re.I)
_STARS = re.compile(r"^\s*(★*)(½?)\s*$")


@dataclass(frozen=True)
class HistoryRow:
    source: str  # the file as the person knows it: "diary.csv", "letterboxd.zip/diary.csv"
    line: int
    format: str
    title: str
    titles: tuple[str, ...]  # the title and the work's other names
    year: int | None
    year_at_most: int | None
    creators: tuple[str, ...]
    kind: str | None
    verdict: str  # like, dislike, seen, wish
    opinion: bool  # a like or dislike the person gave (it outweighs a plain "seen")
    rating: str  # as written ("4.5"), "" when unrated
    date: str

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass(frozen=True)
class FileRead:
    source: str
    format: str
    rows: tuple[HistoryRow, ...]


def read_history(path: Path, errors: list[CatalogError]) -> list[FileRead]:
    """The rows of one export file (or of every export in its zip). Rows a reader can step over
    (a ragged line) go to `errors`; anything else that is wrong raises, naming file and line."""
    if path.suffix.lower() == ".zip":
        return list(_read_zip(path, errors))
    if path.suffix.lower() not in {".csv", ".tsv", ".txt"}:
        raise CatalogError(path, None, "not a history export", "give the export's .csv files, or its .zip")
    check_file(path)
    read = _read_file(path, path.name, errors, _file_key(PurePosixPath(path.parent.name, path.name)))
    if read is None:
        raise CatalogError(path, 1, "no rows in this file")
    return [read]


def _read_zip(path: Path, errors: list[CatalogError]) -> Iterator[FileRead]:
    check_file(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise CatalogError(path, None, f"not a readable zip: {error}") from error
    with archive, tempfile.TemporaryDirectory(prefix="recchat-import-") as folder:
        members = [m for m in archive.infolist() if not m.is_dir() and m.filename.lower().endswith(".csv")]
        if len(members) > MAX_ZIP_MEMBERS:
            raise CatalogError(path, None, f"{len(members)} CSV files in the zip; at most {MAX_ZIP_MEMBERS} are read")
        found = 0
        for number, member in enumerate(members):
            inner = PurePosixPath(member.filename)
            shown = f"{path.name}/{inner}"
            if member.file_size > MAX_STREAMED_FILE_BYTES:
                raise CatalogError(shown, None, "too large to read", "unzip it and import its files")
            copy = Path(folder) / f"{number}.csv"  # never the member's own name: it could climb out
            with archive.open(member) as source, copy.open("wb") as target:
                _copy_at_most(source, target, MAX_STREAMED_FILE_BYTES, shown)
            read = _read_file(copy, shown, errors, _file_key(inner), zipped=True)
            if read is not None and not _skipped(inner, read.format):
                found += 1
                yield read
        if not found:
            raise CatalogError(path, None, "no history export in this zip", f"recchat reads: {known_formats()}")


def _copy_at_most(source: Any, target: Any, limit: int, shown: str) -> None:
    copied = 0
    while chunk := source.read(1 << 20):
        copied += len(chunk)
        if copied > limit:  # the zip's stated size was wrong
            raise CatalogError(shown, None, "too large to read", "unzip it and import its files")
        target.write(chunk)


def _skipped(inner: PurePosixPath, format_name: str) -> bool:
    export = next(f for f in FORMATS if f.name == format_name)
    return any(part.lower() in export.skip_folders for part in inner.parts[:-1])


def _file_key(inner: PurePosixPath) -> tuple[str, ...]:
    """What a file's name can say about its rows: its stem, and its folder with it ('likes/films')."""
    stem = inner.stem.lower()
    return (stem, f"{inner.parent.name.lower()}/{stem}") if inner.parent.name else (stem,)


def _read_file(
    path: Path, shown: str, errors: list[CatalogError], keys: tuple[str, ...], *, zipped: bool = False
) -> FileRead | None:
    columns = _header(path, shown)
    export = recognise(columns)
    if export is None:
        if zipped:
            return None  # an export's other files (profile.csv, comments.csv, lists)
        raise CatalogError(
            shown,
            1,
            f"not a history export recchat knows (columns: {', '.join(columns[:12])})",
            f"recchat reads: {known_formats()}; a spreadsheet needs a 'title' column",
        )
    found: list[CatalogError] = []
    try:
        records = list(read_csv(path, found))
    except CatalogError as error:
        raise CatalogError(shown, error.line, error.problem, error.hint) from error
    errors.extend(CatalogError(shown, e.line, e.problem, e.hint) for e in found)
    if not records:
        return None
    named = {normalise(c): c for c in records[0].data}
    scale = export.scale or _guessed_scale(export, named, [r.data for r in records])
    rows = [_row(export, named, r.data, shown, r.line or 0, scale, keys) for r in records]
    return FileRead(shown, export.name, tuple(row for row in rows if row is not None))


def _header(path: Path, shown: str) -> list[str]:
    """The first line's column names (the same delimiters the catalog reader takes)."""
    with path.open("rb") as handle:
        raw = handle.readline(MAX_LINE_BYTES)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CatalogError(shown, 1, "UTF-16 text: recchat reads UTF-8", "save the file as UTF-8")
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogError(shown, 1, "not valid UTF-8", "save the file as UTF-8") from error
    delimiter = next((d for d in ",;\t" if d in line), ",")
    columns = [name.strip() for name in next(csv.reader([line], delimiter=delimiter), [])]
    if not any(columns):
        raise CatalogError(shown, 1, "empty file: expected a header row")
    return columns


def _cell(data: Mapping[str, Any], named: Mapping[str, str], columns: tuple[str, ...]) -> Any:
    for column in columns:
        value = data.get(named.get(column, ""))
        if value is not None and str(value).strip():
            return value
    return None


def _row(
    export: ExportFormat,
    named: Mapping[str, str],
    data: Mapping[str, Any],
    shown: str,
    line: int,
    scale: float,
    keys: tuple[str, ...],
) -> HistoryRow | None:
    title = str(_cell(data, named, export.title) or "").strip()
    if not title:
        return None
    others = tuple(str(v).strip() for c in export.also_titles if (v := _cell(data, named, (c,))) is not None)
    creators = tuple(
        name.strip() for c in export.creators for name in str(_cell(data, named, (c,)) or "").split(",") if name.strip()
    )
    raw_rating = _cell(data, named, export.rating)
    share = _share(raw_rating, scale, export.unrated)
    verdict, opinion = _verdict(export, named, data, share, keys)
    return HistoryRow(
        source=shown,
        line=line,
        format=export.name,
        title=title,
        titles=(title, *(o for o in others if o and o != title)),
        year=as_year(_cell(data, named, export.year)) or year_in_title(title),
        year_at_most=as_year(_cell(data, named, export.year_at_most)),
        creators=creators,
        kind=_kind(export, named, data),
        verdict=verdict,
        opinion=opinion,
        rating="" if share is None else str(raw_rating).strip(),
        date=str(_cell(data, named, export.date) or "").replace("/", "-"),
    )


def _share(value: Any, scale: float, unrated: frozenset[str]) -> float | None:
    """A rating as a share of its scale (0..1); None when there is none."""
    if value is None or str(value).strip().lower() in unrated:
        return None
    text = unquote(str(value))
    out_of = _OUT_OF.match(text)
    if out_of:
        score, top = float(out_of.group(1)), float(out_of.group(2))
        return score / top if top > 0 and score <= top else None
    stars = _STARS.match(text)
    if stars and (stars.group(1) or stars.group(2)):
        return (len(stars.group(1)) + (0.5 if stars.group(2) else 0.0)) / 5
    number = as_number(value)
    return number / scale if number is not None and 0 < number <= scale else None


def _guessed_scale(export: ExportFormat, named: Mapping[str, str], rows: list[Mapping[str, Any]]) -> float:
    """Out of 10 when any plain number in the file is over 5, else out of 5."""
    numbers = [as_number(_cell(row, named, export.rating)) for row in rows]
    return 10.0 if any(n is not None and n > 5 for n in numbers) else 5.0


def _verdict(
    export: ExportFormat,
    named: Mapping[str, str],
    data: Mapping[str, Any],
    share: float | None,
    keys: tuple[str, ...],
) -> tuple[str, bool]:
    if share is not None:
        if share >= LIKE_FROM:
            return LIKE, True
        if share <= DISLIKE_UP_TO:
            return DISLIKE, True
        return SEEN, False
    said = STATUS_WORDS.get(normalise(str(_cell(data, named, export.status) or "")))
    said = said or next((export.by_file[k] for k in keys if k in export.by_file), None)
    if said is not None:
        return said, said in (LIKE, DISLIKE)
    flagged = {verdict for column, verdict in export.flags if (as_number(data.get(named.get(column, ""))) or 0) > 0}
    if flagged:
        return (SEEN if SEEN in flagged else WISH), False
    return export.default, False


def _kind(export: ExportFormat, named: Mapping[str, str], data: Mapping[str, Any]) -> str | None:
    if export.kind_column is None:
        return export.kind
    value = _cell(data, named, (export.kind_column,))
    if value is None:
        return export.kind
    return export.kinds.get(normalise(str(value)), str(value).strip().lower())
