"""The recchat app (`recchat` with no arguments): one chat screen over the same core as `ask`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from recchat.config import Settings
from recchat.tui.backend import Backend
from recchat.tui.commands import Command
from recchat.tui.screens.chat import ChatScreen, palette_commands
from recchat.tui.widgets.chat_input import ChatInput


class RecchatApp(App[None]):
    TITLE = "recchat"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, backend: Backend, *, resume: str | None = None) -> None:
        super().__init__()
        self.backend = backend
        self.chat = ChatScreen(backend, catalog=backend.settings.catalog, resume=resume)

    def on_mount(self) -> None:
        self.push_screen(self.chat)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for name, usage, what in palette_commands():
            yield SystemCommand(usage, what, lambda name=name, usage=usage: self._from_palette(name, usage))

    async def _from_palette(self, name: str, usage: str) -> None:
        if " " in usage.strip("/"):  # takes an argument: let the user type it
            chat_input = self.chat.query_one(ChatInput)
            chat_input.load_text(f"/{name} ")
            chat_input.move_cursor(chat_input.document.end)
            chat_input.focus()
        else:
            await self.chat.run_command(Command(name, ""))


def run(settings: Settings, resume: str | None = None) -> None:
    RecchatApp(Backend(settings), resume=resume).run()
