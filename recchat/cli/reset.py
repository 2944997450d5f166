"""`recchat reset`: delete everything recchat stored (with confirmation)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from recchat.cli.context import CliState, report_errors, stderr


def reset(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every catalog and profile, the caches and the conversation history, for good.

    config.toml is kept. Catalog source folders are never touched."""
    state: CliState = ctx.obj
    with report_errors(state):
        from recchat.reset import inventory, reset

        runtime = state.runtime()
        found = inventory(runtime.settings, runtime.store)
        if not yes:
            if not sys.stdin.isatty():
                stderr().print("refusing to delete everything without confirmation: pass --yes")
                raise typer.Exit(1)
            typer.confirm(f"Delete {found.describe()}?", abort=True)
        reset(runtime.settings, runtime.store)
        from rich.markup import escape

        stderr().print(f"deleted {escape(found.describe())}")
