"""Starting the interactive app. Textual is imported here, only when the TUI is wanted."""

from __future__ import annotations

from recchat.cli.context import CliState
from recchat.errors import RecchatError


def run_tui(state: CliState, resume: str | None) -> None:
    try:
        from recchat.tui.app import run
    except ImportError as error:
        raise RecchatError(f"the interactive app is unavailable: {error}", "use `recchat ask` meanwhile") from error
    run(state.settings(), resume=resume)
