"""The chat input: Enter sends, Ctrl+J (or Shift+Enter) starts a new line, Up recalls, Tab
completes a slash command (and what some take, such as a model's name), and with nothing to
complete goes to the latest suggestions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea


class ChatInput(TextArea):
    DEFAULT_CSS = """
    ChatInput {
        height: auto;
        min-height: 3;
        max-height: 8;
        border: round $primary 40%;
        padding: 0 1;
    }
    ChatInput:focus {
        border: round $primary;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+j,shift+enter", "newline", "New line", show=False),
        # The screen's own action, run as the key is handled (a message would arrive after the
        # next key: "l" typed right after Tab would land in the input).
        Binding("tab", "screen.to_suggestions", "Suggestions", show=False),
    ]

    @dataclass
    class Submitted(Message):
        """The user pressed Enter on some text."""

        text: str

    @dataclass
    class CompletionsOffered(Message):
        """Tab found several ways to go on: the shared start was typed, these are the options."""

        options: list[str]

    def __init__(
        self, *, placeholder: str = "", id: str | None = None, completer: Callable[[str], list[str]] | None = None
    ) -> None:
        super().__init__(
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=placeholder,
            id=id,
        )
        self.recalled: list[str] = []  # earlier inputs, oldest first
        self._recall_index: int | None = None
        self._draft = ""
        self.completer = completer  # text -> what it may become; none: Tab moves the focus

    def remember(self, texts: list[str]) -> None:
        """Earlier inputs (e.g. of a resumed conversation) that Up can bring back."""
        self.recalled.extend(t for t in texts if t.strip())

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._submit()
            return
        if event.key == "tab" and self._complete():
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    def _complete(self) -> bool:
        """Complete the text as far as its options agree; False when there is nothing to complete."""
        options = self.completer(self.text) if self.completer else []
        if not options:
            return False
        shared = _shared_start(options)
        if len(shared) > len(self.text):
            self.load_text(shared)
            self.move_cursor(self.document.end)
        if len(options) > 1:
            self.post_message(self.CompletionsOffered(options))
        return True

    def _submit(self) -> None:
        text = self.text.strip()
        if not text:
            return
        if not self.recalled or self.recalled[-1] != text:
            self.recalled.append(text)
        self._recall_index = None
        self.clear()
        self.post_message(self.Submitted(text))

    def action_newline(self) -> None:
        self.insert("\n")

    def action_cursor_up(self, select: bool = False) -> None:
        if not select and self.cursor_location[0] == 0 and self._recall(-1):
            return
        super().action_cursor_up(select)

    def action_cursor_down(self, select: bool = False) -> None:
        last_row = self.document.line_count - 1
        if not select and self.cursor_location[0] == last_row and self._recall(+1):
            return
        super().action_cursor_down(select)

    def _recall(self, step: int) -> bool:
        """Move through earlier inputs; past the newest one, the unsent draft comes back."""
        if not self.recalled or (self._recall_index is None and step > 0):
            return False
        if self._recall_index is None:
            self._draft = self.text
            index = len(self.recalled) - 1
        else:
            index = self._recall_index + step
        if index < 0:
            return True  # already at the oldest: stay
        if index >= len(self.recalled):
            self._recall_index = None
            self.load_text(self._draft)
        else:
            self._recall_index = index
            self.load_text(self.recalled[index])
        self.move_cursor(self.document.end)
        return True


def _shared_start(options: list[str]) -> str:
    first, last = min(options), max(options)
    length = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), min(len(first), len(last)))
    return first[:length]
