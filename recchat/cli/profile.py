"""`recchat profile show | forget | export | list`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated

import typer

from recchat.cli.context import CliState, report_errors, stderr, stdout
from recchat.errors import RecchatError

app = typer.Typer(help="See, export and delete what recchat has learned about you.", no_args_is_help=True)


def _when(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M")


@app.command("show")
def show(
    ctx: typer.Context,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name.")] = None,
    limit: Annotated[int, typer.Option(help="How many recent entries to list.")] = 20,
) -> None:
    """What recchat believes: likes, dislikes, things to avoid, and recent words with weights."""
    state: CliState = ctx.obj
    with report_errors(state):
        from rich.markup import escape
        from rich.table import Table

        from recchat.profile import build_snapshot
        from recchat.text import clean

        runtime = state.runtime(profile=profile)
        person = runtime.profile(profile)
        entries = person.entries
        console = stdout()
        if not entries:
            console.print(f"profile [bold]{escape(person.name)}[/] is empty")
            return
        snapshot = build_snapshot(entries, session="", now=dt.datetime.now().timestamp())
        titles = {m.item_id: m.title for e in entries for m in e.utterance.mentions}
        console.print(f"profile [bold]{escape(person.name)}[/]: {len(entries)} entries")
        for label, ids in (
            ("likes", snapshot.liked_items),
            ("dislikes", snapshot.disliked_items),
            ("seen", snapshot.seen_items),
        ):
            if ids:
                console.print(f"[bold]{label}:[/] " + escape(clean("; ".join(titles.get(i, i) for i in ids))))
        if snapshot.avoid:
            console.print("[bold]avoid:[/] " + escape(clean(", ".join(dict.fromkeys(p for p, _ in snapshot.avoid)))))
        weights = {w.entry.utterance.id: w.weight for w in [*snapshot.likes, *snapshot.dislikes]}
        table = Table("id", "when", "said", "polarity", "weight", title="recent entries (user)")
        for entry in [e for e in entries if e.utterance.role.value == "user"][-limit:]:
            u = entry.utterance
            said = escape(clean(u.text)[:80])
            table.add_row(u.id, _when(u.time), said, u.polarity.value, f"{weights.get(u.id, 0.0):.2f}")
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
