"""`recchat catalog add | list | remove`."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from recchat.cli.context import SHOWN_ERRORS, CliState, report_errors, stderr, stdout

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID

    from recchat.catalog.importer import ImportReport
    from recchat.catalog.overview import CatalogOverview
    from recchat.catalog.schema import FieldInfo

app = typer.Typer(help="Load, list and remove catalogs.", no_args_is_help=True)


def default_name(folder: Path) -> str:
    stem = folder.resolve().name if folder.is_dir() else folder.stem
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-._")
    return (slug or "catalog")[:63]


@app.command("add")
def add(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="A folder of .jsonl, .json, .csv, .tsv or .md items (or one file).")],
    name: Annotated[str | None, typer.Option("--name", "-n", help="Catalog name (default: the folder's name).")] = None,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Import the valid items and report the rest.")
    ] = False,
    field_map: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            "-m",
            metavar="FIELD=COLUMN",
            help="Read recchat's FIELD (id, title, description, tags, year, popularity) from COLUMN; "
            "FIELD= reads it from none. Repeatable; wins over a recchat.toml in the folder.",
        ),
    ] = None,
) -> None:
    """Add or update a catalog; only new and changed items are embedded."""
    state: CliState = ctx.obj
    mapped = _field_map(field_map or [])
    with report_errors(state):
        from recchat.catalog.caches import remove_superseded
        from recchat.catalog.importer import import_catalog
        from recchat.config import check_name

        catalog_name = check_name(name or default_name(folder), "catalog")
        runtime = state.runtime()
        console = stderr()
        cache = None if runtime.settings.incognito else runtime.settings.cache_dir
        stored = [0, 0]  # items stored so far, of how many: what an interruption keeps

        def progressed(done: int, total: int) -> None:
            stored[:] = [done, total]
            update(done, total)

        with _progress(console, f"Reading {folder.name or folder}", f"Embedding {catalog_name}") as (read, update):
            try:
                report = import_catalog(
                    runtime.store,
                    runtime.embedder,
                    folder,
                    catalog_name,
                    skip_invalid=skip_invalid,
                    field_map=mapped,
                    on_progress=progressed,
                    on_read=read,
                    cache_dir=cache,
                )
            except KeyboardInterrupt:
                console.print(
                    f"interrupted: {stored[0]:,} of {stored[1]:,} items stored; the same `recchat catalog add` "
                    "carries on from there"
                )
                raise typer.Exit(130) from None
        if not runtime.settings.incognito:  # incognito changes nothing in the data folder
            remove_superseded(runtime.settings.cache_dir, runtime.store.where, catalog_name, report.revision)
        _print_report(console, report)


def _print_report(console: Console, report: ImportReport) -> None:
    for usage in report.fields:
        console.print(f"[dim]fields:[/] {_escape(usage.describe())}")
    for error in report.skipped[:SHOWN_ERRORS]:
        console.print(f"[yellow]skipped:[/] {_escape(str(error))}")
    if report.skipped_count > SHOWN_ERRORS:
        console.print(f"[yellow]... and {report.skipped_count - SHOWN_ERRORS} more skipped[/]")
    if report.replaced_embedder:
        console.print(
            f"[yellow]embedded again:[/] the catalog had been embedded by {_escape(report.replaced_embedder)}, "
            "another variant of the model recchat uses now; its vectors were replaced"
        )
    embedded = report.added + report.updated
    console.print(
        f"catalog [bold]{report.name}[/]: {report.total} items "
        f"({report.added} added, {report.updated} updated, {report.unchanged} unchanged, {report.removed} removed"
        f"{f', {report.skipped_count} skipped' if report.skipped else ''}) in {report.seconds:.1f}s"
        + (f", {items_per_second(embedded / report.seconds)}" if embedded and report.seconds else "")
    )
    if report.interactions:
        console.print(f"usage log: collaborative neighbours for {report.interactions} items")


def items_per_second(rate: float) -> str:
    """'1,234 items/s', and for a small catalog (2 items with the model's start-up) '0.2 items/s'."""
    return f"{rate:,.0f} items/s" if rate >= 10 else f"{rate:.2g} items/s"


def _field_map(entries: list[str]) -> dict[str, str]:
    from recchat.catalog.fieldmap import parse_map
    from recchat.errors import RecchatError

    try:
        return parse_map(entries)
    except RecchatError as error:
        raise typer.BadParameter(f"{error.message} ({error.hint})" if error.hint else error.message) from None


def _escape(text: str) -> str:
    from rich.markup import escape

    from recchat.text import clean

    return escape(clean(text))  # paths and names can hold escape codes too


@contextlib.contextmanager
def _progress(
    console: Console, reading: str, embedding: str
) -> Iterator[tuple[Callable[[int], None], Callable[[int, int], None]]]:
    """Two progress reports: items read and checked (the first pass), then items embedded, with
    items/s and the time left. On a terminal, bars; elsewhere (a log, a pipe) a plain line every
    few seconds, so whoever reads stderr sees how far the import got and how long it will take."""
    if console.is_terminal:
        with _bar(console) as bar:
            read_task = bar.add_task(reading, total=None)
            embed_task: list[TaskID] = []

            def embedded(done: int, total: int) -> None:
                if not embed_task:
                    bar.update(read_task, visible=False)
                    embed_task.append(bar.add_task(embedding, total=total))
                bar.update(embed_task[0], completed=done, total=total)

            yield (lambda done: bar.update(read_task, completed=done)), embedded
        return
    pace = Pace(console.print)
    yield (
        (lambda done: pace.say(reading, done, None, every=5.0)),
        (lambda done, total: pace.say(embedding, done, total)),
    )


class Pace:
    """Plain progress lines with items/s and the time left: one per report, or at most one every
    `every` seconds (the read pass reports every thousand items)."""

    def __init__(self, print_line: Callable[[str], None]) -> None:
        self._print = print_line
        self._stages: dict[str, tuple[float, int]] = {}  # stage -> (started, done at start)
        self._last = (0.0, "", -1)

    def say(self, stage: str, done: int, total: int | None, every: float = 0.0) -> None:
        now = time.monotonic()
        started, first = self._stages.setdefault(stage, (now, done))
        finished = total is not None and done >= total
        said_at, said_stage, said_done = self._last
        repeated = (stage, done) == (said_stage, said_done)
        too_soon = said_stage == stage and now - said_at < every
        if repeated or (too_soon and not finished):
            return
        self._last = (now, stage, done)
        rate = (done - first) / (now - started) if now > started and done > first else 0.0
        line = f"{stage}: {done:,}" + (f"/{total:,}" if total is not None else " items")
        if rate:
            line += f", {items_per_second(rate)}"
            if total is not None and not finished:
                line += f", {_duration((total - done) / rate)} left"
        self._print(line)


def _duration(seconds: float) -> str:
    minutes, rest = divmod(int(seconds + 0.5), 60)
    return f"{minutes}m {rest:02d}s" if minutes else f"{rest}s"


def _bar(console: Console):  # type: ignore[no-untyped-def]
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class RateColumn(TextColumn):
        def render(self, task):  # type: ignore[no-untyped-def]
            from rich.text import Text

            speed = task.finished_speed or task.speed
            return Text(items_per_second(speed) if speed else "", style="dim")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        RateColumn(""),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,  # gone when the import ends, well or not: the summary (or the error) says the rest
    )


@app.command("list")
def list_catalogs(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the loaded catalogs."""
    state: CliState = ctx.obj
    with report_errors(state):
        from recchat.catalog.summary import catalog_summaries

        rows = catalog_summaries(state.runtime().store)
        if as_json:
            import json

            typer.echo(json.dumps([row.to_json() for row in rows], indent=2))
            return
        if not rows:
            stderr().print("no catalogs yet: add one with `recchat catalog add FOLDER`")
            return
        from rich.table import Table

        table = Table("name", "items", "kind", "state", "updated", "source")
        for row in rows:
            updated = dt.datetime.fromtimestamp(row.updated).strftime("%Y-%m-%d %H:%M") if row.updated else ""
            cells = (row.name, row.items, row.kind, row.state, updated, row.source)
            table.add_row(*(_escape(str(cell)) for cell in cells))
        stdout().print(table)


@app.command("remove")
def remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The catalog to remove.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a catalog and its vectors (the source files are not touched)."""
    state: CliState = ctx.obj
    with report_errors(state):
        from recchat.catalog.caches import remove_superseded
        from recchat.config import check_name

        runtime = state.runtime()
        store = runtime.store
        store.open("catalog", check_name(name, "catalog"))  # a clear error before asking
        if not yes:
            if not sys.stdin.isatty():
                stderr().print("refusing to remove without confirmation: pass --yes")
                raise typer.Exit(1)
            typer.confirm(f"Remove catalog '{name}'?", abort=True)
        store.delete("catalog", name)
        if not runtime.settings.incognito:
            remove_superseded(runtime.settings.cache_dir, store.where, name, None)
        stderr().print(f"removed catalog {name}")


@app.command("show")
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The catalog to show.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What recchat learned of a catalog: each field's kind, role and examples, its signals, and
    which columns recchat's own fields were read from."""
    state: CliState = ctx.obj
    with report_errors(state):
        from recchat.catalog.overview import catalog_overview
        from recchat.config import check_name

        runtime = state.runtime()
        settings = runtime.settings
        overview = catalog_overview(
            runtime.store, check_name(name, "catalog"), settings.cache_dir, write_cache=not settings.incognito
        )
        if as_json:
            import json

            typer.echo(json.dumps(overview.to_json(), indent=2, ensure_ascii=False))
            return
        _print_overview(overview)


def _print_overview(overview: CatalogOverview) -> None:
    from rich.table import Table

    console = stdout()
    console.print(f"[bold]{_escape(overview.name)}[/]: {overview.schema.items} {_escape(overview.kind)}")
    table = Table("field", "kind", "role", "measures", "items", "values")
    for info in overview.schema.fields:
        unit = f" {info.measure.unit}" if info.measure.unit and info.kind.value in ("number", "range") else ""
        spread = f"{_number(info.low)} to {_number(info.high)}{unit}; " if info.low is not None else ""
        measures = _measures(info)
        cells = (info.name, info.kind.value, info.role or "", measures, info.count, spread + ", ".join(info.examples))
        table.add_row(*(_escape(str(cell)) for cell in cells))
    console.print(table)
    counts = overview.counts
    signals = [
        f"{name.replace('_', ' ')} {'yes' if on else 'no'} ({counts[name]} items)"
        for name, on in overview.schema.signals.items()
    ]
    console.print("signals: " + ", ".join(signals))
    for usage in overview.fields_from:
        console.print(f"read from: {_escape(usage.describe())}")
    if overview.schema.relearned:
        again = f"recchat catalog add {overview.source or 'FOLDER'} --name {overview.name}"
        said = f"learned again from the stored items (an older recchat imported it): `{again}` stores it"
        console.print(_escape(said))


def _measures(info: FieldInfo) -> str:
    """'duration (written in h, kept in min)', 'money (USD)', 'count of seasons'."""
    measure = info.measure
    if info.kind.value not in ("number", "range") or info.role == "year":
        return ""
    if measure.dimension is None:
        return f"count of {measure.noun}" if measure.noun else "count"
    if measure.dimension == "money":
        return f"money ({measure.unit})" if measure.unit else "money"
    written = f"written in {measure.written}, " if measure.written and measure.written != measure.unit else ""
    return f"{measure.dimension} ({written}kept in {measure.unit})" if measure.unit else measure.dimension


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"
