"""`recchat profile show | forget | export | list | import`."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from recchat.cli.context import CliState, report_errors, stderr, stdout
from recchat.cli.profile_import import import_history
from recchat.errors import RecchatError

if TYPE_CHECKING:
    from rich.console import Console

    from recchat.profile import Profile, ProfileEntry

app = typer.Typer(help="See, export and delete what recchat has learned about you.", no_args_is_help=True)
app.command("import")(import_history)
UNRECORDED = "(catalog not recorded)"  # entries stored before entries kept their catalog


@app.command("show")
def show(
    ctx: typer.Context,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name.")] = None,
    limit: Annotated[int, typer.Option(help="How many recent entries to list.")] = 20,
) -> None:
    """What recchat believes, catalog by catalog: likes, dislikes, seen, wishes, things to avoid,
    and recent words, with weights and the entry ids behind each (for `profile forget`); then the
    imported histories."""
    state: CliState = ctx.obj
    with report_errors(state):
        from rich.markup import escape

        runtime = state.runtime(profile=profile)
        person = runtime.profile(profile)
        console = stdout()
        if not person.entries:
            console.print(f"profile [bold]{escape(person.name)}[/] is empty")
            return
        console.print(f"profile [bold]{escape(person.name)}[/]: {len(person.entries)} entries")
        by_catalog: dict[str | None, list[ProfileEntry]] = {}
        for entry in person.entries:
            by_catalog.setdefault(entry.utterance.catalog, []).append(entry)
        for catalog in sorted(by_catalog, key=lambda name: (name is None, name or "")):
            _show_catalog(console, catalog, by_catalog[catalog], limit)
        _show_imports(console, person)


def _show_catalog(console: Console, catalog: str | None, entries: list[ProfileEntry], limit: int) -> None:
    import time

    from rich.markup import escape
    from rich.table import Table

    from recchat.beliefs import SECTIONS, beliefs
    from recchat.profile import build_snapshot
    from recchat.text import clean

    console.rule(escape(catalog or UNRECORDED), align="left")
    # No conversation is open here: every session's words count as background.
    rows = beliefs(entries, build_snapshot(entries, "", time.time(), catalog), recent=limit)
    for section in SECTIONS:
        shown = [row for row in rows if row.section == section]
        if not shown:
            continue
        table = Table("entries", section.lower(), "weight", title=None, title_justify="left")
        for row in shown[: max(limit, 1) * 5]:
            weight = "" if row.weight is None else f"{row.weight:.2f}"
            table.add_row(" ".join(row.entry_ids), escape(clean(row.text)[:80]), weight)
        if len(shown) > max(limit, 1) * 5:
            table.add_row("", f"... and {len(shown) - max(limit, 1) * 5} more", "")
        console.print(table)


def _show_imports(console: Console, person: Profile) -> None:
    from rich.markup import escape

    from recchat.profile import is_imported

    imports: dict[str, list[ProfileEntry]] = {}
    for entry in person.entries:
        if is_imported(entry.utterance):
            imports.setdefault(entry.utterance.session, []).append(entry)
    for import_id, entries in imports.items():
        catalog = entries[0].utterance.catalog or UNRECORDED
        console.print(
            f"imported [bold]{escape(import_id)}[/] into {escape(catalog)}: {len(entries)} entries "
            f"(undo: recchat profile forget --import {escape(import_id)})"
        )


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
    imported: Annotated[
        str | None, typer.Option("--import", help="Undo one imported history (its id, see `profile show`).")
    ] = None,
    catalog: Annotated[
        str | None, typer.Option("--catalog", "-c", help="Delete everything said over this catalog.")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name.")] = None,
) -> None:
    """Delete entries for good (from Chroma and disk)."""
    state: CliState = ctx.obj
    with report_errors(state):
        if sum((bool(ids), all_entries, imported is not None, catalog is not None)) != 1:
            raise RecchatError(
                "give entry ids, --all, --import ID or --catalog NAME (one of them)",
                "see ids, imports and catalogs with `recchat profile show`",
            )
        runtime = state.runtime(profile=profile)
        person = runtime.profile(profile)
        if imported is not None or catalog is not None:
            _forget_part(person, imported, catalog)
            return
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


def _forget_part(person: Profile, imported: str | None, catalog: str | None) -> None:
    """One imported history, or everything said over one catalog."""
    if imported is not None:
        removed, what = person.forget_import(imported), f"import {imported}"
    else:
        removed, what = person.forget_catalog(catalog or ""), f"catalog {catalog}"
    stderr().print(f"deleted {removed} entr{'y' if removed == 1 else 'ies'} of {what} from profile {person.name}")
    if not removed:
        raise RecchatError(f"profile '{person.name}' has nothing from {what}", "see `recchat profile show`")
