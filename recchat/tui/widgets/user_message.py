"""What the user typed, shown as plain text: never parsed as markup."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from recchat.text import clean


class UserMessage(Static):
    DEFAULT_CSS = """
    UserMessage {
        margin: 1 0 0 8;
        padding: 0 1;
        background: $primary 15%;
        border-left: thick $primary;
    }
    UserMessage.-action {
        text-style: italic;
        color: $text-muted;
    }
    """

    def __init__(self, text: str, *, action: bool = False) -> None:
        super().__init__(Content(clean(text)), markup=False, classes="-action" if action else "")
        self.text = text
