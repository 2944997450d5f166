"""`recchat eval --explanations SET`: explain each conversation's suggestions with the configured
model and print the judge's figures (recchat/eval/explanations.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

from recchat.cli.context import CliState, report_errors, stderr, stdout
from recchat.errors import RecchatError


def eval_explanations(
    state: CliState,
    path: Path,
    *,
    catalog: str | None,
    half: str | None,
    as_json: bool,
    verbose: bool,
    save: Path | None,
) -> None:
    with report_errors(state):
        from recchat.eval.conversations import stored_name
        from recchat.eval.explanation_set import read_explanation_set
        from recchat.eval.explanations import run_explanations, summary
        from recchat.eval.judge import read_truth

        explanation_set = read_explanation_set(path)
        cases = tuple(
            c
            for c in explanation_set.cases
            if (catalog is None or c.catalog == catalog) and (half is None or c.half == half)
        )
        if not cases:
            names = ", ".join(sorted(explanation_set.catalogs))
            raise RecchatError("no conversation matches", f"catalogs: {names}; halves: a, b (or none given)")
        explanation_set = replace(explanation_set, cases=cases)
        used = sorted({c.catalog for c in cases})
        truths = {name: read_truth(explanation_set.catalogs[name]) for name in used}
        runtime = state.runtime(incognito=True)  # a throwaway copy of the store: nothing changes
        console = stderr()
        with console.status(f"importing {', '.join(used)}…"):
            from recchat.catalog.importer import import_catalog

            for name in used:
                import_catalog(runtime.store, runtime.embedder, explanation_set.catalogs[name], stored_name(name))
                runtime.forget_catalog(stored_name(name))
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("explanations"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
        ) as bar:
            task = bar.add_task("conversations", total=len(cases))
            results = run_explanations(
                runtime,
                explanation_set,
                truths,
                example=_example(runtime),
                on_progress=lambda done, _: bar.update(task, completed=done),
            )
        if save is not None:
            save.write_text("".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in results))
        report = summary(results)
        report["model"] = runtime.chat_model.name if runtime.chat_model is not None else None
        if as_json:
            typer.echo(json.dumps(report, ensure_ascii=False))
            return
        if verbose:
            _print_faults([r.to_json() for r in results])
        _print(report)


def _example(runtime: Any) -> str:
    """The prompt's worked example, whose words must not turn up in explanations."""
    prompts = runtime.prompts
    return " ".join(prompts.template(name) for name in ("explain.example.user", "explain.example.assistant"))


def _print_faults(results: list[dict[str, Any]]) -> None:
    from rich.markup import escape

    console = stdout()
    for result in results:
        if result["shown_faults"]:
            console.print(f"[bold]{result['case']}[/] {escape(result['title'])}: {escape(result['shown'])}")
            for check, fault in result["shown_faults"].items():
                console.print(f"  - {check}: {escape(fault)}")


def _print(report: dict[str, Any]) -> None:
    from rich.table import Table

    console = stdout()
    overall = Table("", "explanations", "faulty shown", "faulty raw", "linked", "by the LLM", "tokens/s")
    rows = [("all", report), *((f"half {h}", f) for h, f in report["by_half"].items())]
    rows += list(report["by_catalog"].items())
    for name, figures in rows:
        overall.add_row(
            name,
            str(figures["explanations"]),
            _percent(figures["faulty_shown"]),
            _percent(figures["faulty_raw"]),
            _percent(figures["linked_shown"]),
            _percent(figures["written_by_llm"]),
            "-" if figures["tokens_per_s"] is None else f"{figures['tokens_per_s']:.0f}",
        )
    console.print(overall)
    checks = Table("check", "faulty shown", "faulty raw")
    for check, figures in report["by_check"].items():
        checks.add_row(check, _percent(figures["shown"]), _percent(figures["raw"]))
    console.print(checks)


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.1%}"
