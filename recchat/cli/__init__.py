"""The `recchat` command: a thin Typer shell over the core. stdout is data, stderr narration.

Exit codes: 0 ok, 1 error, 2 usage. Heavy libraries are imported inside commands, never here,
so `recchat --help` stays instant.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from recchat import __version__
from recchat.cli.context import CliState, report_errors
from recchat.errors import RecchatError

app = typer.Typer(
    name="recchat",
    help="An offline conversational recommender. Run without a command to chat.",
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"recchat {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    home: Annotated[
        Path | None, typer.Option(help="Data folder (default: the user data dir; env RECCHAT_HOME).")
    ] = None,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name (default: 'default').")] = None,
    catalog: Annotated[
        str | None, typer.Option("--catalog", "-c", help="Catalog name (default: the only one).")
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="A name from `recchat models` or a GGUF file (default: bundled SmolLM2-135M)."),
    ] = None,
    embedder: Annotated[str | None, typer.Option(help="A local sentence-transformers folder.")] = None,
    backend: Annotated[str | None, typer.Option(help="'real' (default) or 'fake' (scripted model; for tests).")] = None,
    prompts: Annotated[
        Path | None, typer.Option(help="Folder of prompt files to use instead of the bundled ones.")
    ] = None,
    chroma_url: Annotated[str | None, typer.Option(help="Use a Chroma server, e.g. http://127.0.0.1:8000.")] = None,
    temperature: Annotated[float | None, typer.Option(help="Sampling temperature.")] = None,
    top_p: Annotated[float | None, typer.Option(help="Nucleus sampling p.")] = None,
    top_k: Annotated[int | None, typer.Option(help="Top-k sampling.")] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Most tokens per explanation.")] = None,
    threads: Annotated[int | None, typer.Option(help="CPU threads for the models.")] = None,
    context_size: Annotated[int | None, typer.Option(help="LLM context window in tokens.")] = None,
    incognito: Annotated[bool, typer.Option("--incognito", help="Store nothing from this run.")] = False,
    resume: Annotated[
        str | None, typer.Option(help="Resume a saved conversation (TUI): an id, or 'last' (the default).")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    flags: dict[str, Any] = {
        "home": home,
        "profile": profile,
        "catalog": catalog,
        "model": model,
        "embedder": embedder,
        "backend": backend,
        "prompts_dir": prompts,
        "chroma_url": chroma_url,
        "temperature": temperature,
        "top_p": top_p,
        "top_k": top_k,
        "max_tokens": max_tokens,
        "threads": threads,
        "context_size": context_size,
        "incognito": incognito or None,
        "debug": debug or None,
    }
    ctx.obj = CliState(flags=flags)
    if ctx.invoked_subcommand is None:
        with report_errors(ctx.obj):
            from recchat.cli.chat import run_tui

            run_tui(ctx.obj, resume)


def _register() -> None:
    from recchat.cli import ask, catalog, doctor, evaluation, models, profile, reset

    app.command(name="ask")(ask.ask)
    app.command(name="doctor")(doctor.doctor)
    app.command(name="models")(models.models)
    app.command(name="eval")(evaluation.eval_command)
    app.command(name="reset")(reset.reset)
    app.add_typer(catalog.app, name="catalog")
    app.add_typer(profile.app, name="profile")


_register()


def _bare_resume_means_last(args: list[str]) -> list[str]:
    """`recchat --resume` alone resumes the latest conversation (Typer has no optional values)."""
    if "--resume" not in args:
        return args
    at = args.index("--resume")
    if at + 1 == len(args) or args[at + 1].startswith("-"):
        return [*args[: at + 1], "last", *args[at + 1 :]]
    return args


def main() -> None:
    # Offline before anything can import a Hugging Face library.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    # Everything recchat writes (the store, caches, history) is readable by this user only.
    os.umask(0o077)
    from recchat.cli.trace import enable_if_asked

    enable_if_asked(os.environ)
    try:
        app(args=_bare_resume_means_last(sys.argv[1:]))
    except RecchatError as error:  # raised outside a command's own handler (e.g. settings)
        from recchat.cli.context import print_error

        print_error(error)
        sys.exit(1)
