"""The side panel: what recchat believes about the user, with a way to make it forget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from recchat.beliefs import SECTIONS, Belief
from recchat.text import clean, shorten


class ProfilePanel(Vertical):
    DEFAULT_CSS = """
    ProfilePanel {
        width: 36;
        height: 1fr;
        border-left: vkey $panel-lighten-2;
        padding: 0 0 0 1;
        display: none;
    }
    ProfilePanel.-open { display: block; }
    ProfilePanel .heading { text-style: bold; color: $accent; }
    ProfilePanel .hint { color: $text-muted; }
    ProfilePanel OptionList { height: 1fr; border: none; padding: 0; background: transparent; }
    ProfilePanel Button { width: 100%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace,x", "forget", "Forget entry"),
        Binding("r", "refresh", "Refresh", show=False),
    ]

    @dataclass
    class ForgetAsked(Message):
        """The user chose a row to forget: these profile entries should go."""

        entry_ids: tuple[str, ...]
        text: str

    class RefreshAsked(Message):
        """The panel was opened, or the user asked to reload it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.beliefs: list[Belief | None] = []  # one per option; None for section headings

    def compose(self) -> ComposeResult:
        yield Static("What I know about you", classes="heading", markup=False)
        yield Static("", classes="hint", id="profile-note", markup=False)
        yield OptionList(markup=False, id="beliefs")
        yield Button("Forget selected (Del)", id="forget", compact=True)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def toggle(self) -> None:
        self.set_class(not self.is_open, "-open")
        if self.is_open:
            self.post_message(self.RefreshAsked())
            self.query_one(OptionList).focus()

    def show_beliefs(self, beliefs: list[Belief], *, incognito: bool = False) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        self.beliefs = []
        for section in SECTIONS:
            rows = [b for b in beliefs if b.section == section]
            if not rows:
                continue
            options.add_option(Option(Content.styled(section, "bold underline"), disabled=True))
            self.beliefs.append(None)
            for belief in rows:
                options.add_option(Option(_row(belief)))
                self.beliefs.append(belief)
        note = (
            "incognito: nothing is stored"
            if incognito
            else ("nothing yet: tell me what you like" if not beliefs else "")
        )
        self.query_one("#profile-note", Static).update(Content(note))
        if highlighted is not None and self.beliefs:
            options.highlighted = min(highlighted, len(self.beliefs) - 1)

    def action_forget(self) -> None:
        index = self.query_one(OptionList).highlighted
        belief = self.beliefs[index] if index is not None and index < len(self.beliefs) else None
        if belief is not None:
            self.post_message(self.ForgetAsked(belief.entry_ids, belief.text))

    def action_refresh(self) -> None:
        self.post_message(self.RefreshAsked())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_forget()


def _row(belief: Belief) -> Content:
    text = shorten(clean(belief.text), 60)
    if belief.weight is None:
        return Content(text)
    return Content.assemble(text, (f"  {belief.weight:.2f}", "dim"))
