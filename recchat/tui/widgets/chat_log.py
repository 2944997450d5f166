"""The scrolling conversation. It follows new text, unless the user has scrolled up to read."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget


class ChatLog(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    ChatLog {
        height: 1fr;
        padding: 0 1 1 1;
        scrollbar-size-vertical: 1;
    }
    """

    def on_mount(self) -> None:
        self.anchor()

    async def add(self, *widgets: Widget, first: bool = False) -> None:
        """Append (or, with `first`, put above everything shown so far)."""
        if first and self.children:
            await self.mount_all(widgets, before=0)
        else:
            await self.mount_all(widgets)

    async def clear(self) -> None:
        await self.remove_children()
        self.anchor()
