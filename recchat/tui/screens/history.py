"""`/history`: saved conversations, newest first; Enter resumes one."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from recchat.text import clean
from recchat.tui.history import Conversation


def _label(conversation: Conversation) -> str:
    when = dt.datetime.fromtimestamp(conversation.updated).strftime("%Y-%m-%d %H:%M")
    turns = f"{conversation.turns} message{'s' if conversation.turns != 1 else ''}"
    return f"{when}  {clean(conversation.title)}  ({turns}, {conversation.catalog or '?'}) [{conversation.id}]"


class HistoryScreen(ModalScreen[str | None]):
    """Dismisses with the chosen conversation id, or None."""

    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical {
        width: 90%;
        max-width: 110;
        height: 80%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    HistoryScreen .heading { text-style: bold; color: $accent; }
    HistoryScreen OptionList { height: 1fr; border: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self, conversations: list[Conversation]) -> None:
        super().__init__()
        self.conversations = conversations

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Saved conversations: Enter resumes, Esc closes", classes="heading", markup=False)
            if not self.conversations:
                yield Static("none yet: conversations are saved as you chat", markup=False)
            yield OptionList(*(Option(Content(_label(c)), id=c.id) for c in self.conversations), markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
