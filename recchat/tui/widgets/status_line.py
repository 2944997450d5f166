"""One line above the input: what recchat is doing (loading, thinking) or what is loaded."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from recchat.text import clean

FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 2;
        color: $text-muted;
    }
    StatusLine.-busy {
        color: $accent;
    }
    """

    busy: reactive[str] = reactive("")  # what is running now; empty when idle
    idle_text: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self._frame = 0

    def on_mount(self) -> None:
        self._timer = self.set_interval(0.1, self._spin, pause=True)

    def watch_busy(self, busy: str) -> None:
        self.set_class(bool(busy), "-busy")
        if hasattr(self, "_timer"):
            if busy:
                self._timer.resume()
            else:
                self._timer.pause()
        self._show()

    def watch_idle_text(self) -> None:
        self._show()

    def _spin(self) -> None:
        self._frame = (self._frame + 1) % len(FRAMES)
        self._show()

    def _show(self) -> None:
        if self.busy:
            self.update(Content(f"{FRAMES[self._frame]} {clean(self.busy)}"))
        else:
            self.update(Content(clean(self.idle_text)))
