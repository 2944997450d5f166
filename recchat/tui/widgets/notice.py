"""A one-line note in the conversation ("stopped", "resumed", ...) and errors with their fix."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from recchat.errors import RecchatError
from recchat.text import clean


class Notice(Static):
    DEFAULT_CSS = """
    Notice {
        margin: 1 0 0 0;
        padding: 0 1;
        color: $text-muted;
        text-style: italic;
    }
    """

    def __init__(self, text: str) -> None:
        super().__init__(Content(clean(text)), markup=False)
        self.text = text


class ErrorMessage(Static):
    DEFAULT_CSS = """
    ErrorMessage {
        margin: 1 4 0 0;
        padding: 0 1;
        border-left: thick $error;
        background: $error 10%;
    }
    """

    def __init__(self, error: RecchatError) -> None:
        message = clean(error.message)
        parts: list[str | tuple[str, str]] = [("error: ", "bold"), message]
        if error.hint:
            parts += ["\n", ("fix: ", "bold"), clean(error.hint)]
        super().__init__(Content.assemble(*parts), markup=False)
        self.error = error
        self.text = message + (f"\nfix: {error.hint}" if error.hint else "")
