"""`recchat doctor`: check the set-up and say what to fix. Exit 0 only when all is well."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from recchat.cli.context import CliState, report_errors, stdout


def doctor(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False,
) -> None:
    """Check Python, the model files, the embedder, the store, the catalogs and disk space."""
    state: CliState = ctx.obj
    with report_errors(state):
        from dataclasses import asdict

        from rich.markup import escape

        from recchat.doctor import run_checks
        from recchat.text import clean

        checks = run_checks(state.runtime())
        if as_json:
            typer.echo(json.dumps({"ok": all(c.ok for c in checks), "checks": [asdict(c) for c in checks]}, indent=2))
        else:
            console = stdout()
            for check in checks:
                mark = "[green]ok[/]  " if check.ok else "[bold red]FAIL[/]"
                console.print(f"{mark} {check.name:<15} {escape(clean(check.detail))}", soft_wrap=True)
                if check.fix:
                    console.print(f"     {'':<15} [dim]fix:[/] {escape(clean(check.fix))}", soft_wrap=True)
        if not all(check.ok for check in checks):
            raise typer.Exit(1)
