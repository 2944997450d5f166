"""One suggestion: title, key facts, the explanation as it streams in, and what the user can
do with it (keys on the focused card, or the buttons). The card only says what was chosen;
the screen saves it through the session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from recchat.catalog.facts import metadata_line
from recchat.domain import FeedbackKind, Recommendation
from recchat.text import clean

EXPLAINING = "…"
STATES = {
    FeedbackKind.LIKE: "liked · noted in your profile",
    FeedbackKind.DISLIKE: "disliked · won't be suggested again",
    FeedbackKind.SEEN: "seen · won't be suggested again",
    FeedbackKind.NOT_NOW: "not now · skipped for this conversation",
}
# (button name, label with its key underlined); the same keys work on the focused card
ACTIONS = (
    ("like", "[u]L[/u]ike"),
    ("dislike", "[u]D[/u]islike"),
    ("seen", "[u]S[/u]een"),
    ("not_now", "[u]N[/u]ot now"),
    ("more", "[u]M[/u]ore like it"),
    ("why", "[u]W[/u]hy?"),
    ("other", "[u]O[/u]ther"),  # short labels: the whole row fits a card in 80 columns
)


class SuggestionCard(Vertical, can_focus=True):
    DEFAULT_CSS = """
    SuggestionCard {
        height: auto;
        margin: 1 4 0 2;
        padding: 0 1;
        border: round $panel-lighten-2;
    }
    SuggestionCard:focus {
        border: round $accent;
        background: $accent 8%;
    }
    SuggestionCard .title { text-style: bold; }
    SuggestionCard .meta { color: $text-muted; }
    SuggestionCard .explanation { margin-top: 1; }
    SuggestionCard .explanation.-pending { color: $text-muted; }
    SuggestionCard .state { color: $success; text-style: italic; display: none; }
    SuggestionCard.-rated .state { display: block; }
    SuggestionCard.-dislike .state, SuggestionCard.-seen .state { color: $warning; }
    SuggestionCard.-dislike .title, SuggestionCard.-seen .title { text-style: bold strike; color: $text-muted; }
    SuggestionCard .actions { height: 1; margin-top: 1; }
    SuggestionCard .actions Button { margin-right: 1; min-width: 4; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "feedback('like')", "Like"),
        Binding("d", "feedback('dislike')", "Dislike"),
        Binding("s", "feedback('seen')", "Seen"),
        Binding("n", "feedback('not_now')", "Not now"),
        Binding("m", "more", "More like it"),
        Binding("o", "other", "Other"),
        Binding("w,enter", "why", "Why?"),
        Binding("up,k", "move(-1)", "Previous", show=False),
        Binding("down,j", "move(1)", "Next", show=False),
    ]

    @dataclass
    class FeedbackGiven(Message):
        card: SuggestionCard
        kind: FeedbackKind

    @dataclass
    class MoreLikeThisAsked(Message):
        card: SuggestionCard

    @dataclass
    class SomethingElseAsked(Message):
        card: SuggestionCard

    @dataclass
    class WhyThisAsked(Message):
        card: SuggestionCard

    def __init__(self, rec: Recommendation, number: int, *, explained: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rec = rec
        self.number = number
        self.feedback: FeedbackKind | None = None
        self._streamed = ""
        self._explained = explained

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(f"{self.number}. ", clean(self.rec.item.title)), markup=False, classes="title")
        meta = metadata_line(self.rec.item)
        if meta:
            yield Static(Content(meta), markup=False, classes="meta")
        if self.rec.evidence.related_titles:  # the usage-log neighbour that pulled it up
            related = "often liked with: " + ", ".join(self.rec.evidence.related_titles[:3])
            yield Static(Content(clean(related)), markup=False, classes="meta related")
        text = self.rec.explanation if self._explained else EXPLAINING
        yield Static(
            Content(clean(text)), markup=False, classes="explanation" + ("" if self._explained else " -pending")
        )
        yield Static("", markup=False, classes="state")
        with Horizontal(classes="actions"):
            for name, label in ACTIONS:
                button = Button(Content.from_markup(label), name=name, classes=f"action-{name}", compact=True)
                button.can_focus = False  # Tab moves between cards, not through every button
                yield button

    @property
    def explanation_text(self) -> str:
        return str(self.query_one(".explanation", Static).content)

    def add_explanation(self, piece: str) -> None:
        """A piece of the explanation, as the model writes it: shown muted, because it is not
        checked yet (set_explanation replaces it with the checked text or the reasons)."""
        if self._explained:
            return  # a late piece after the checked text arrived
        self._streamed += piece
        widget = self.query_one(".explanation", Static)
        widget.update(Content(clean(self._streamed)))

    def set_explanation(self, rec: Recommendation) -> None:
        """The final, checked explanation (the model's, or the template that replaced it)."""
        self.rec = rec
        self._explained = True
        widget = self.query_one(".explanation", Static)
        widget.remove_class("-pending")
        widget.update(Content(clean(rec.explanation)))

    def mark(self, kind: FeedbackKind) -> None:
        """Show the feedback the profile now holds for this item."""
        if self.feedback is not None:
            self.remove_class(f"-{self.feedback.value.replace('_', '-')}")
        self.feedback = kind
        self.add_class("-rated", f"-{kind.value.replace('_', '-')}")
        self.query_one(".state", Static).update(Content(STATES[kind]))

    def action_feedback(self, kind: str) -> None:
        self.post_message(self.FeedbackGiven(self, FeedbackKind(kind)))

    def action_more(self) -> None:
        self.post_message(self.MoreLikeThisAsked(self))

    def action_other(self) -> None:
        self.post_message(self.SomethingElseAsked(self))

    def action_why(self) -> None:
        self.post_message(self.WhyThisAsked(self))

    def action_move(self, step: int) -> None:
        cards = list(self.screen.query(SuggestionCard))
        index = cards.index(self) + step
        if 0 <= index < len(cards):
            cards[index].focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        name = event.button.name or ""
        self.focus()
        kinds = {kind.value for kind in FeedbackKind}
        if name in kinds:
            self.action_feedback(name)
        elif name == "more":
            self.action_more()
        elif name == "why":
            self.action_why()
        elif name == "other":
            self.action_other()
