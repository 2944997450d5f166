"""`recchat profile show | forget | export | list`."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from recchat.cli.context import CliState, report_errors, stderr, stdout
from recchat.errors import RecchatError

app = typer.Typer(help="See, export and delete what recchat has learned about you.", no_args_is_help=True)


@app.command("show")
def show(
    ctx: typer.Context,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name.")] = None,
    limit: Annotated[int, typer.Option(help="How many recent entries to list.")] = 20,
) -> None:
    """What recchat believes: likes, dislikes, seen, things to avoid, and recent words, with weights
    and the entry ids behind each (for `profile forget`)."""
    state: CliState = ctx.obj
    with report_errors(state):
        from rich.markup import escape
        from rich.table import Table

        from recchat.beliefs import SECTIONS, beliefs
        from recchat.text import clean

        runtime = state.runtime(profile=profile)
        person = runtime.profile(profile)
        console = stdout()
        if not person.entries:
            console.print(f"profile [bold]{escape(person.name)}[/] is empty")
            return
        # No conversation is open here: every session's words count as background.
        rows = beliefs(person.entries, person.snapshot(session=""), recent=limit)
        console.print(f"profile [bold]{escape(person.name)}[/]: {len(person.entries)} entries")
        for section in SECTIONS:
            shown = [row for row in rows if row.section == section]
            if not shown:
                continue
            table = Table("entries", section.lower(), "weight", title=None, title_justify="left")
            for row in shown:
                weight = "" if row.weight is None else f"{row.weight:.2f}"
                table.add_row(" ".join(row.entry_ids), escape(clean(row.text)[:80]), weight)
            console.print(table)


@app.command("export")
def export(
    ctx: typer.Context,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name.")] = None,
) -> None:
    """Print the whole profile as JSON (redirect it to a file to keep it)."""
    state: CliState = ctx.obj
    with report_errors(state):
        runtime = state.runtime(profile=profile)
        typer.echo(json.dumps(runtime.profile(profile).export(), ensure_ascii=False, indent=2))


@app.command("forget")
def forget(
    ctx: typer.Context,
    ids: Annotated[list[str] | None, typer.Argument(help="Entry ids to delete (see `profile show`).")] = None,
    all_entries: Annotated[bool, typer.Option("--all", help="Delete every entry of the profile.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name.")] = None,
) -> None:
    """Delete entries for good (from Chroma and disk)."""
    state: CliState = ctx.obj
    with report_errors(state):
        if bool(ids) == all_entries:
            raise RecchatError("give entry ids or --all (not both)", "see ids with `recchat profile show`")
        runtime = state.runtime(profile=profile)
        person = runtime.profile(profile)
        if all_entries and not yes:
            if not sys.stdin.isatty():
                stderr().print("refusing to delete everything without confirmation: pass --yes")
                raise typer.Exit(1)
            typer.confirm(f"Delete all {len(person.entries)} entries of profile '{person.name}'?", abort=True)
        removed = person.forget_all() if all_entries else person.forget(ids or [])
        missing = 0 if all_entries else len(set(ids or [])) - removed
        stderr().print(f"deleted {removed} entr{'y' if removed == 1 else 'ies'} from profile {person.name}")
        if missing:
            raise RecchatError(
                f"{missing} id(s) not found in profile '{person.name}'", "see ids with `recchat profile show`"
            )


@app.command("list")
def list_profiles(ctx: typer.Context) -> None:
    """List profile names."""
    state: CliState = ctx.obj
    with report_errors(state):
        for name in state.runtime().store.profiles():
            typer.echo(name)
