"""Shared CLI state and error reporting: one place that turns RecchatError into stderr + exit 1."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

from recchat.errors import ConfigError, InvalidCatalogError, RecchatError

if TYPE_CHECKING:
    from rich.console import Console

    from recchat.config import Settings
    from recchat.factory import Runtime


SHOWN_ERRORS = 200


@dataclass
class CliState:
    flags: dict[str, Any]
    overrides: dict[str, Any] = field(default_factory=dict)
    _runtime: Runtime | None = None
    _settings: Settings | None = None

    @property
    def debug(self) -> bool:
        """--debug, RECCHAT_DEBUG or `debug` in config.toml, read by the config's own parser."""
        if self._settings is not None:
            return self._settings.debug
        if self.flags.get("debug"):
            return True
        from recchat.config import environment_value

        try:
            return bool(environment_value("debug", os.environ))
        except ConfigError:
            return False  # loading the settings reports the bad value

    def settings(self, **overrides: Any) -> Settings:
        from recchat.config import load_settings

        merged = {**self.flags, **{k: v for k, v in overrides.items() if v is not None}}
        self._settings = load_settings(merged, os.environ)
        return self._settings

    def runtime(self, **overrides: Any) -> Runtime:
        from recchat.factory import Runtime

        if self._runtime is None:
            self._runtime = Runtime(
                self.settings(**overrides),
                on_wait=lambda message: stderr().print(message),
                on_notice=lambda message: stderr().print(f"[yellow]note:[/] {escape_text(message)}"),
            )
        return self._runtime


def escape_text(text: str) -> str:
    """Untrusted text (a file name, a model's message) as Rich prints it: no markup, one line."""
    from rich.markup import escape

    from recchat.text import clean

    return escape(clean(text))


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def print_error(error: RecchatError) -> None:
    from rich.markup import escape

    from recchat.text import clean

    console = stderr()
    if isinstance(error, InvalidCatalogError):
        # Every problem on its own line, file:line first, so each can be found and fixed.
        console.print(f"[bold red]error:[/] {error.total} invalid record(s):")
        for problem in error.errors[:SHOWN_ERRORS]:
            console.print(f"  {escape(clean(str(problem)))}")
        if error.total > SHOWN_ERRORS:
            console.print(f"  ... and {error.total - SHOWN_ERRORS} more")
    else:
        console.print(f"[bold red]error:[/] {escape(clean(error.message))}")
    if error.hint:
        console.print(f"[dim]hint:[/] {escape(clean(error.hint))}")


@contextlib.contextmanager
def report_errors(state: CliState) -> Iterator[None]:
    """Errors the user can act on become a message and exit 1; surprises too, unless --debug."""
    try:
        yield
    except RecchatError as error:
        if state.debug:
            raise
        print_error(error)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        stderr().print("interrupted")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as error:  # a bug: say so briefly; --debug shows the traceback
        if state.debug:
            raise
        from rich.markup import escape

        stderr().print(f"[bold red]internal error:[/] {escape(type(error).__name__)}: {escape(str(error))}")
        stderr().print("[dim]hint:[/] run again with --debug for the traceback, and please report it")
        raise typer.Exit(1) from None


def read_text_argument(text: str) -> str:
    """`-` means stdin, so `echo ... | recchat ask -` works."""
    if text == "-":
        data = sys.stdin.read()
        if not data.strip():
            raise RecchatError("stdin was empty", "pipe some text in, or pass it as an argument")
        return data
    return text
