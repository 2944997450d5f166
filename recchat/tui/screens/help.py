"""F1 / `/help`: the keys and the slash commands."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from recchat.tui.commands import COMMANDS
from recchat.tui.screens.panel import PanelScreen

KEYS = (
    ("Enter", "send"),
    ("Ctrl+J / Shift+Enter", "new line"),
    ("Up / Down", "earlier inputs (on the first / last line)"),
    ("Esc", "stop the reply in progress (or back to the input)"),
    ("PgUp / PgDn", "scroll the conversation"),
    ("Tab / Shift+Tab", "move between the input and the suggestions"),
    ("l d s n", "like, dislike, seen, not now (focused suggestion)"),
    ("m / o", "more like it / something other (a different direction)"),
    ("w or Enter", "why this? (the evidence)"),
    ("Ctrl+B", "profile panel; Del forgets the selected entry"),
    ("Ctrl+P", "command palette"),
    ("F1", "this help"),
    ("Ctrl+Q", "quit"),
)


def help_text() -> str:
    width = max(len(k) for k, _ in KEYS)
    keys = [f"  {key:<{width}}  {what}" for key, what in KEYS]
    usage_width = max(len(u) for u, _ in COMMANDS.values())
    commands = [f"  {usage:<{usage_width}}  {what}" for usage, what in COMMANDS.values()]
    return "\n".join(["Keys", *keys, "", "Commands", *commands, "", "A message starting with // is sent as /…"])


class HelpScreen(PanelScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,f1", "close", "Close")]
    heading = "recchat help  (Esc closes)"

    def body(self) -> ComposeResult:
        yield Static(Content(help_text()), markup=False, id="help-text")
