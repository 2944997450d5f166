"""`recchat profile import FILE...`: a history from Letterboxd, Goodreads, IMDb, BoardGameGeek or a
spreadsheet, as likes, dislikes, seen and wishes in the profile."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from recchat.cli.context import CliState, report_errors, stderr, stdout

if TYPE_CHECKING:
    from rich.console import Console

    from recchat.imports.history import ImportPlan, RowResult

SHOWN_ROWS = 50  # per section, unless --all


def import_history(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Export files (.csv) or an export's .zip.")],
    catalog: Annotated[str | None, typer.Option("--catalog", "-c", help="The catalog to match against.")] = None,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the report; write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON (recchat.import/1).")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="List every row, matched ones too.")] = False,
) -> None:
    """Read what you have watched, read or played, match it to a catalog and add it to your
    profile: ratings of 4-5 out of 5 (8-10 out of 10) are likes, 1-2 (1-4) dislikes, anything
    else watched, read or played is seen, wish lists are wishes. Seen items are never suggested."""
    state: CliState = ctx.obj
    with report_errors(state):
        from recchat.imports.history import apply_import, plan_import

        runtime = state.runtime(profile=profile, catalog=catalog)
        stored = runtime.catalog(catalog)
        plan = plan_import(files, stored.name, stored.index, stored.schema)
        written = None
        if not dry_run:
            person = runtime.profile(profile)
            written = apply_import(plan, person, stored.vectors([o.item_id for o in plan.outcomes]), time.time())
        if as_json:
            typer.echo(json.dumps({**plan.to_json(), "written": written}, ensure_ascii=False, indent=2))
            return
        console = stdout()
        print_plan(console, plan, show_all)
        _print_outcome(plan, written, runtime.settings.profile if profile is None else profile)


def print_plan(console: Console, plan: ImportPlan, show_all: bool) -> None:
    from rich.markup import escape

    from recchat.imports.matching import AMBIGUOUS, MATCHED, NOT_FOUND

    for read in plan.files:
        console.print(f"{escape(read.source)}: {read.format}, {len(read.rows)} rows")
    counts = plan.counts()
    share = counts["matched"] / counts["rows"] if counts["rows"] else 0.0
    console.print(
        f"[bold]matched {counts['matched']} of {counts['rows']} rows[/] ({share:.1%}) to {counts['items']} items of "
        f"{escape(plan.catalog)}: {counts['like']} likes, {counts['dislike']} dislikes, {counts['seen']} seen, "
        f"{counts['wish']} wishes"
    )
    sections = [(AMBIGUOUS, "ambiguous (not imported; add the year to the file)"), (NOT_FOUND, "not found")]
    if show_all:
        sections.insert(0, (MATCHED, "matched"))
    for status, heading in sections:
        rows = plan.with_status(status)
        if rows:
            console.print(f"[bold]{heading}: {len(rows)}[/]")
            for result in rows[: None if show_all else SHOWN_ROWS]:
                console.print(f"  {escape(_line(result))}")
            if len(rows) > SHOWN_ROWS and not show_all:
                console.print(f"  ... and {len(rows) - SHOWN_ROWS} more (--all lists them)")
    for problem in plan.skipped:
        console.print(f"[yellow]skipped[/] {escape(str(problem))}")


def _line(result: RowResult) -> str:
    from recchat.imports.matching import described

    row, match = result.row, result.match
    said = f"{row.title}" + (f" ({row.year})" if row.year else "") + f" [{row.verdict}]"
    if match.item is not None:
        found = f"-> {described(match.item)} [{match.item.id}]"
    elif match.candidates:
        found = "-> one of: " + " | ".join(f"{described(e)} [{e.id}]" for e in match.candidates)
    else:
        found = ""
    note = f"({match.note})" if match.note else ""
    return " ".join(part for part in (row.where, said, found, note) if part)


def _print_outcome(plan: ImportPlan, written: int | None, profile: str) -> None:
    console = stderr()
    if written is None:
        console.print("dry run: nothing was written")
        return
    already = f" ({plan.already} already there)" if plan.already else ""
    console.print(f"wrote {written} entries to profile {profile}{already} as {plan.import_id}")
    if written:
        console.print(f"undo with `recchat profile forget --import {plan.import_id}`")
