"""`recchat models`: the chat models on this machine that --model can name."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from recchat.cli.context import CliState, report_errors

if TYPE_CHECKING:
    from recchat.models.listing import Listed

COLUMNS = ("NAME", "ARCH", "PARAMS", "QUANT", "CONTEXT", "SIZE", "LOADS")


def models(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (schema recchat.models/1).")] = False,
    everything: Annotated[
        bool, typer.Option("--all", help="Also the GGUF files that are no chat model, and why (projectors, ...).")
    ] = False,
) -> None:
    """List the chat models found on this machine (the bundled one, Ollama's, LM Studio's, the
    Hugging Face cache's, llama.cpp's, and `model_dirs` in config.toml), reading only their
    headers. Use one with `--model NAME`."""
    state: CliState = ctx.obj
    with report_errors(state):
        from recchat.models.listing import list_models

        settings = state.settings()
        # The headers read are kept in the data folder, once there is one (a listing creates none).
        cache = None if settings.incognito or not settings.home.is_dir() else settings.cache_dir / "models.json"
        listed = list_models(settings.model_search, cache=cache, everything=everything)
        if as_json:
            document = {"schema": "recchat.models/1", "models": [_as_json(entry) for entry in listed]}
            typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
            return
        rows = [COLUMNS, *(_row(entry) for entry in listed)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            typer.echo("  ".join([*cells, row[-1]]).rstrip())
        if sys.stderr.isatty():  # (Rich is not imported for one line: listing stays quick)
            typer.echo('use one with --model NAME (or model = "NAME" in config.toml)', err=True)


def _row(entry: Listed) -> tuple[str, ...]:
    facts = entry.facts
    if facts is None:
        return (entry.name, "?", "?", "?", "?", "?", f"no: {entry.error}")
    loads = "yes" if facts.loads else f"no: {facts.problem}"
    context = f"{facts.context_length:,}" if facts.context_length else "?"
    return (
        entry.name,
        facts.architecture,
        facts.size_label,
        facts.quantization,
        context,
        _size(facts.file_size),
        f"left out: {facts.left_out}" if facts.left_out else loads,
    )


def _size(count: int) -> str:
    if count >= 1 << 30:
        return f"{count / (1 << 30):.1f} GiB"
    return f"{count / (1 << 20):.0f} MiB"


def _as_json(entry: Listed) -> dict[str, Any]:
    facts = entry.facts
    shown: dict[str, Any] = {"name": entry.name, "store": entry.store, "path": str(entry.path)}
    if facts is None:
        return {**shown, "loads": False, "problem": entry.error}
    return {
        **shown,
        "architecture": facts.architecture,
        "parameters": facts.parameters,
        "size_label": facts.size_label,
        "quantization": facts.quantization,
        "context_length": facts.context_length,
        "file_size": facts.file_size,
        "loads": facts.loads and facts.left_out is None,
        "problem": facts.problem,
        "left_out": facts.left_out,
    }
