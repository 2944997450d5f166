"""What recchat says, rendered as Markdown. Text from the model or the catalog is untrusted:
it is cleaned of escape codes, links do not open, and Rich/Textual markup stays literal
(the Markdown widget never parses it)."""

from __future__ import annotations

import re

from textual.widgets import Markdown

from recchat.text import clean

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~])")


def md_escape(text: str) -> str:
    """Untrusted words placed inside recchat's own Markdown: shown as typed, never as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text))


class AssistantMessage(Markdown):
    DEFAULT_CSS = """
    AssistantMessage {
        margin: 1 8 0 0;
        padding: 0 1;
        background: $boost;
        border-left: thick $accent;
    }
    AssistantMessage.-question {
        border-left: thick $secondary;
    }
    AssistantMessage > MarkdownBlock:last-child {
        margin-bottom: 0;
    }
    """

    def __init__(self, markdown: str = "", *, question: bool = False, id: str | None = None) -> None:
        super().__init__(clean(markdown), open_links=False, id=id, classes="-question" if question else "")
        self.text = clean(markdown)

    async def say(self, markdown: str) -> None:
        """Replace the whole message."""
        self.text = clean(markdown)
        await self.update(self.text)
