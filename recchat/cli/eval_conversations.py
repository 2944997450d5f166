"""`recchat eval --conversations SUITE`: replay the conversation suite and print its scores."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from recchat.cli.context import CliState, report_errors, stderr, stdout
from recchat.errors import RecchatError

if TYPE_CHECKING:
    from recchat.profile import Profile


def eval_conversations(
    state: CliState,
    path: Path,
    *,
    catalog: str | None,
    half: str | None,
    as_json: bool,
    verbose: bool,
    history: list[Path] | None = None,
) -> None:
    """`history`: start every conversation from a rich profile built over the suite's other
    catalogs (these exports imported, and those catalogs' conversations said)."""
    with report_errors(state):
        from recchat.eval.conversations import import_catalogs, load_truths, run_suite, stored_name, summary
        from recchat.eval.suite import read_suite

        suite = full = read_suite(path)
        chosen = tuple(
            c
            for c in suite.conversations
            if (catalog is None or c.catalog == catalog) and (half is None or c.half == half)
        )
        if not chosen:
            raise RecchatError(
                "no conversation matches", f"catalogs: {', '.join(suite.catalogs)}; halves: a, b (or none given)"
            )
        suite = replace(suite, conversations=chosen)
        truths = load_truths(suite)
        # Incognito: the store is a throwaway copy, so neither profiles nor catalogs change.
        runtime = state.runtime(use_llm=False, incognito=True)
        console = stderr()
        names = sorted(full.catalogs if history else {c.catalog for c in chosen})
        with console.status(f"importing {', '.join(names)}…"):
            import_catalogs(runtime, suite, names)
        start = None
        if history:
            from recchat.eval.rich_profile import built_over, elsewhere

            with console.status("building a profile over each catalog…"):
                built = built_over(runtime, full, {name: stored_name(name) for name in names}, history)

            def start(name: str) -> Profile:
                return elsewhere(built, name)

        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("conversations"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
        ) as bar:
            task = bar.add_task("conversations", total=len(chosen))
            results = run_suite(
                runtime, suite, truths, on_progress=lambda done, _: bar.update(task, completed=done), start=start
            )
        report = summary(results, suite)
        if as_json:
            typer.echo(json.dumps(report, ensure_ascii=False))
            return
        _print(report, verbose)


def _print(report: dict[str, Any], verbose: bool) -> None:
    from rich.markup import escape
    from rich.table import Table

    console = stdout()
    if verbose:
        for failed in report["failures"]:
            console.print(
                f"[bold]{failed['where']}[/] {failed['conversation']} turn {failed['turn']}: {escape(failed['say'])}"
            )
            console.print(f"  understood: {escape(failed['understood'] or '(nothing)')}")
            for problem in failed["problems"]:
                console.print(f"  - {escape(problem)}")
    overall = Table("", "turns", "scored", "suggestions judged", "suggestions met", "turns fully right")
    rows = [("all", report), *report["by_catalog"].items(), *((f"half {h}", f) for h, f in report["by_half"].items())]
    for name, figures in rows:
        overall.add_row(
            name,
            str(figures["turns"]),
            str(figures["scored_turns"]),
            str(figures["suggestions_judged"]),
            _percent(figures["suggestions_met"]),
            _percent(figures["turns_fully_right"]),
        )
    console.print(overall)
    kinds = Table("kind of constraint", "turns", "judged", "met", "turns fully right")
    for kind, figures in report["by_kind"].items():
        kinds.add_row(
            kind,
            str(figures["turns"]),
            str(figures["judged"]),
            _percent(figures["met"]),
            _percent(figures["turns_fully_right"]),
        )
    console.print(kinds)


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.1%}"
