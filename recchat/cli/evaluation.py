"""`recchat eval`: replay recorded conversations and score the suggestions: ReDial cases
(--cases) or the conversation suite (--conversations, in eval_conversations.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from recchat.cli.context import CliState, report_errors, stderr, stdout
from recchat.errors import RecchatError


def parse_ks(text: str) -> list[int]:
    try:
        ks = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError as error:
        raise RecchatError(f"bad --k {text!r}", "give cut-offs like 1,10,50") from error
    if not ks or ks[0] < 1 or ks[-1] > 500:
        raise RecchatError(f"bad --k {text!r}", "cut-offs must be between 1 and 500")
    return ks


def eval_command(
    ctx: typer.Context,
    cases: Annotated[
        Path | None, typer.Option("--cases", help="JSONL cases (see the redial-movies benchmark README).")
    ] = None,
    conversations: Annotated[
        Path | None,
        typer.Option("--conversations", help="A conversation suite: a .jsonl file or a folder of them."),
    ] = None,
    explanations: Annotated[
        Path | None,
        typer.Option("--explanations", help="An explanation set: conversations whose suggestions are explained."),
    ] = None,
    catalog: Annotated[
        str | None,
        typer.Option(
            "--catalog",
            "-c",
            help="A loaded catalog's name, or a folder to load first; with --conversations, the suite's catalog.",
        ),
    ] = None,
    k: Annotated[str, typer.Option("--k", help="Cut-offs for recall, comma-separated.")] = "1,10,50",
    method: Annotated[
        str, typer.Option(help="recchat, popularity, dense, bm25, bm25+items, bm25+items+popularity.")
    ] = "recchat",
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N cases.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Also write explanations for the top 5 and time them.")
    ] = False,
    half: Annotated[
        str | None,
        typer.Option("--half", help="With --conversations or --explanations: only the conversations of this half."),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Print every failed turn (--conversations) or faulty explanation."),
    ] = False,
    save: Annotated[
        Path | None, typer.Option("--save", help="With --explanations: write every explanation, judged, as JSONL.")
    ] = None,
    history: Annotated[
        list[Path] | None,
        typer.Option(
            "--history",
            help="With --conversations: start each conversation from a profile built over the suite's other "
            "catalogs (this export imported, their conversations said). Repeatable.",
        ),
    ] = None,
) -> None:
    """Measure recommendation quality on recorded conversations (never touches your profile)."""
    state: CliState = ctx.obj
    if sum(given is not None for given in (cases, conversations, explanations)) != 1:
        stderr().print("error: give one of --cases FILE, --conversations FILE or --explanations FILE")
        raise typer.Exit(2)
    if explanations is not None:
        from recchat.cli.eval_explanations import eval_explanations

        eval_explanations(state, explanations, catalog=catalog, half=half, as_json=as_json, verbose=verbose, save=save)
        return
    if conversations is not None:
        from recchat.cli.eval_conversations import eval_conversations

        eval_conversations(
            state, conversations, catalog=catalog, half=half, as_json=as_json, verbose=verbose, history=history
        )
        return
    assert cases is not None
    with report_errors(state):
        from recchat.eval.cases import read_cases
        from recchat.eval.harness import evaluate

        ks = parse_ks(k)
        loaded = read_cases(cases, limit)
        runtime = state.runtime(use_llm=explain, incognito=True)
        name = _catalog_name(state, catalog)
        console = stderr()
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn(f"eval {method}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
        ) as bar:
            task = bar.add_task("cases", total=len(loaded))
            result = evaluate(
                runtime,
                name,
                loaded,
                method=method,
                ks=ks,
                explain=explain,
                on_progress=lambda done, total: bar.update(task, completed=done),
            )
        if as_json:
            typer.echo(json.dumps(result))
            return
        _print_table(result)


def _catalog_name(state: CliState, catalog: str | None) -> str:
    """A folder is imported first (incrementally, so a second run costs a second)."""
    runtime = state.runtime()
    if catalog and Path(catalog).is_dir():
        from recchat.catalog.importer import import_catalog
        from recchat.cli.catalog import default_name

        name = default_name(Path(catalog))
        import_catalog(runtime.store, runtime.embedder, Path(catalog), name)
        return name
    return runtime.catalog_name(catalog)


def _print_table(result: dict[str, object]) -> None:
    from rich.table import Table

    table = Table("metric", "value", title=f"{result['method']} on {result['catalog']} ({result['cases']} cases)")
    for key, value in result.items():
        if key not in {"method", "catalog", "cases"}:
            table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    stdout().print(table)
