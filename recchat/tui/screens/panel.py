"""The frame shared by the app's pop-up screens (help, why this?, history): a bordered box over
the conversation with a heading, closed with Esc or the screen's own keys."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

Result = TypeVar("Result")


class PanelScreen(ModalScreen[Result], Generic[Result]):
    DEFAULT_CSS = """
    PanelScreen { align: center middle; }
    PanelScreen > .panel {
        width: 90%;
        max-width: 110;
        height: 85%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    PanelScreen .heading { text-style: bold; color: $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]
    heading = ""
    scrolls = True  # the body scrolls as one; a screen with its own list says False

    def compose(self) -> ComposeResult:
        frame = VerticalScroll(classes="panel") if self.scrolls else Vertical(classes="panel")
        with frame:
            yield Static(self.heading, classes="heading", markup=False)
            yield from self.body()

    def body(self) -> ComposeResult:
        yield from ()

    def action_close(self) -> None:
        self.dismiss(None)
