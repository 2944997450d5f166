"""`/history`: saved conversations, newest first; Enter resumes one."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from recchat.history import SavedConversation
from recchat.text import clean
from recchat.tui.screens.panel import PanelScreen


def _label(conversation: SavedConversation) -> str:
    when = dt.datetime.fromtimestamp(conversation.updated).strftime("%Y-%m-%d %H:%M")
    turns = f"{conversation.turns} message{'s' if conversation.turns != 1 else ''}"
    return f"{when}  {clean(conversation.title)}  ({turns}, {conversation.catalog or '?'}) [{conversation.id}]"


class HistoryScreen(PanelScreen[str | None]):
    """Dismisses with the chosen conversation id, or None."""

    DEFAULT_CSS = """
    HistoryScreen OptionList { height: 1fr; border: none; }
    """
    heading = "Saved conversations: Enter resumes, Esc closes"
    scrolls = False  # the list scrolls itself

    def __init__(self, conversations: list[SavedConversation]) -> None:
        super().__init__()
        self.conversations = conversations

    def body(self) -> ComposeResult:
        if not self.conversations:
            yield Static("none yet: conversations are saved as you chat", markup=False)
        yield OptionList(*(Option(Content(_label(c)), id=c.id) for c in self.conversations), markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
