"""The conversation screen: the log, the suggestion cards, the input, the profile panel.

Everything that blocks (Chroma, the models) runs in thread workers through `Backend`; the
workers post messages (recchat.tui.messages) back, and the handlers here only touch widgets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header

from recchat import history
from recchat.domain import FeedbackKind
from recchat.errors import RecchatError
from recchat.serialize import recommendation_from_json
from recchat.session import Request
from recchat.tui import messages as msg
from recchat.tui.backend import Opened
from recchat.tui.commands import COMMANDS, Command, completions, message_text, parse
from recchat.tui.screens.help import HelpScreen
from recchat.tui.screens.history import HistoryScreen
from recchat.tui.screens.slash import SlashCommands
from recchat.tui.screens.why import WhyScreen
from recchat.tui.widgets.assistant_message import AssistantMessage, md_escape
from recchat.tui.widgets.chat_input import ChatInput
from recchat.tui.widgets.chat_log import ChatLog
from recchat.tui.widgets.notice import ErrorMessage, Notice
from recchat.tui.widgets.profile_panel import ProfilePanel
from recchat.tui.widgets.status_line import StatusLine
from recchat.tui.widgets.suggestion_card import SuggestionCard
from recchat.tui.widgets.user_message import UserMessage

if TYPE_CHECKING:
    from recchat.catalog.importer import ImportReport
    from recchat.tui.backend import Backend

PLACEHOLDER = "Tell me what you're in the mood for (Enter sends, /help for commands)"


class ChatScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", "Stop reply"),
        Binding("ctrl+c", "stop", "Stop reply", show=False),
        Binding("ctrl+b,f2", "toggle_profile", "Profile"),
        Binding("f1", "help", "Help"),
        Binding("ctrl+r", "history", "History"),
        Binding("ctrl+n", "new", "New chat", show=False),
        # The input is a line or two: page keys scroll the conversation, wherever the focus is.
        Binding("pageup", "scroll_log(-1)", "Scroll up", show=False, priority=True),
        Binding("pagedown", "scroll_log(1)", "Scroll down", show=False, priority=True),
    ]

    def __init__(self, backend: Backend, *, catalog: str | None = None, resume: str | None = None) -> None:
        super().__init__()
        self.backend = backend
        self._catalog = catalog
        self._resume = resume
        self.turn = 0
        self.cards: dict[int, list[SuggestionCard]] = {}
        self.replying = False
        self.opened: Opened | None = None
        self._stop = threading.Event()
        self._loading = ""
        self.commands = SlashCommands(self)

    # -- layout and start-up ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal():
            with Vertical(id="conversation"):
                yield ChatLog(id="log")
                yield StatusLine(id="status")
                yield ChatInput(placeholder=PLACEHOLDER, id="input", completer=self.complete)
            yield ProfilePanel(id="profile")
        yield Footer()

    def on_mount(self) -> None:
        self.backend.listen(lambda text: self.post(msg.Noted(text)))
        self.query_one(ChatInput).focus()
        self.show_step("opening the catalog")
        self.in_thread(self._open_and_warm_up, "start")

    def _open_and_warm_up(self) -> None:
        try:
            self.post(msg.ConversationOpened(self.backend.open(self._catalog, self._resume), "start"))
        except RecchatError as error:
            self.post(msg.WorkFailed(error))
        self.backend.warm_up(lambda step: self.post(msg.ModelsLoading(step)))
        self.post(msg.ModelsLoaded())

    @property
    def log_view(self) -> ChatLog:
        return self.query_one(ChatLog)

    # -- input ----------------------------------------------------------------------------------

    @on(ChatInput.Submitted)
    async def _submitted(self, event: ChatInput.Submitted) -> None:
        try:
            command = parse(event.text)
        except RecchatError as error:
            await self.log_view.add(ErrorMessage(error))
            return
        if command is not None:
            await self.run_command(command)
            return
        await self.send(Request(message_text(event.text)))

    def complete(self, text: str) -> list[str]:
        """What the typed text may become (Tab): a command, or `/model` with a model's name."""
        arguments = {"model": ["default", "off", *self.backend.model_names()]} if text.startswith("/model ") else {}
        return completions(text, arguments)

    async def on_chat_input_completions_offered(self, event: ChatInput.CompletionsOffered) -> None:
        shown = [
            option.strip().partition(" ")[2] or option.strip() for option in event.options
        ]  # the part that differs
        await self.log_view.add(Notice("Tab: " + "  ".join(shown[:20]) + ("  …" if len(shown) > 20 else "")))

    def busy_replying(self) -> bool:
        if self.replying:
            self.notify("A reply is still being written: Esc stops it.", severity="warning")
        return self.replying

    # -- replies --------------------------------------------------------------------------------

    async def send(self, request: Request) -> None:
        """Show the request in the conversation and answer it: typed words and card actions alike."""
        if self.busy_replying():
            return
        await self.log_view.add(UserMessage(request.text, action=request.is_action))
        self.turn += 1
        turn = self.turn
        self.replying = True
        self._stop.clear()
        self.log_view.anchor()  # a new turn is worth following again
        self._refresh_status()

        def work() -> None:
            try:
                answer = self.backend.reply(
                    request,
                    on_ranked=lambda reply: self.post(msg.ReplyRanked(turn, reply)),
                    on_token=lambda index, piece: self.post(msg.ExplanationStreamed(turn, index, piece)),
                    should_stop=self._stop.is_set,
                    on_explained=lambda index, rec: self.post(msg.ExplanationChecked(turn, index, rec)),
                )
                self.post(msg.ReplyFinished(turn, answer))
            except RecchatError as error:
                self.post(msg.TurnFailed(turn, error))

        self.in_thread(work, "reply")

    async def on_reply_ranked(self, event: msg.ReplyRanked) -> None:
        reply = event.reply
        widgets: list[Widget] = []
        if reply.recommendations:
            widgets.append(AssistantMessage(md_escape(reply.message)))
            cards = [
                SuggestionCard(rec, number, id=f"card-{event.turn}-{number}")
                for number, rec in enumerate(reply.recommendations, start=1)
            ]
            self.cards[event.turn] = cards
            widgets.extend(cards)
        if reply.question:
            widgets.append(AssistantMessage(md_escape(reply.question), question=True))
        elif not reply.recommendations:
            widgets.append(AssistantMessage(md_escape(reply.message)))
        await self.log_view.add(*widgets)
        self._refresh_status()

    def on_explanation_streamed(self, event: msg.ExplanationStreamed) -> None:
        cards = self.cards.get(event.turn, [])
        if event.index < len(cards):
            cards[event.index].add_explanation(event.piece)

    def on_explanation_checked(self, event: msg.ExplanationChecked) -> None:
        cards = self.cards.get(event.turn, [])
        if event.index < len(cards):
            cards[event.index].set_explanation(event.rec)

    async def on_reply_finished(self, event: msg.ReplyFinished) -> None:
        for card, rec in zip(self.cards.get(event.turn, []), event.answer.reply.recommendations, strict=False):
            card.set_explanation(rec)
        if event.answer.stopped:
            await self.log_view.add(Notice("stopped: the rest of the explanations are the short kind"))
        self._reply_done()

    async def on_turn_failed(self, event: msg.TurnFailed) -> None:
        await self.log_view.add(ErrorMessage(event.error))
        self._reply_done()

    def _reply_done(self) -> None:
        self.replying = False
        self._refresh_status()

    def action_stop(self) -> None:
        if self.replying:
            self._stop.set()
            self.notify("Stopping the reply…")
        elif self.query_one(ProfilePanel).is_open:
            self.action_toggle_profile()
        else:
            self.query_one(ChatInput).focus()

    # -- cards ----------------------------------------------------------------------------------

    @on(SuggestionCard.FeedbackGiven)
    def _feedback(self, event: SuggestionCard.FeedbackGiven) -> None:
        card, kind = event.card, event.kind
        card_id = card.id or ""

        def work() -> None:
            self.backend.feedback(card.rec.item.id, kind)
            self.post(msg.FeedbackSaved(card_id, kind))

        self.in_thread(work, "feedback")

    def on_feedback_saved(self, event: msg.FeedbackSaved) -> None:
        card = self.query_one(f"#{event.card_id}", SuggestionCard)
        card.mark(event.kind)
        self._refresh_profile()

    @on(SuggestionCard.MoreLikeThisAsked)
    async def _more_like(self, event: SuggestionCard.MoreLikeThisAsked) -> None:
        await self.more_like_card(event.card)

    async def more_like_card(self, card: SuggestionCard) -> None:
        await self.send(Request(f"more like {card.rec.item.title}", more_like=card.rec.item.id))

    @on(SuggestionCard.SomethingElseAsked)
    async def _something_else(self, event: SuggestionCard.SomethingElseAsked) -> None:
        await self.something_different()

    async def something_different(self) -> None:
        await self.send(Request("something different", different=True))

    @on(SuggestionCard.WhyThisAsked)
    def _why(self, event: SuggestionCard.WhyThisAsked) -> None:
        self.app.push_screen(WhyScreen(event.card.rec))

    def focused_or_last_card(self) -> SuggestionCard | None:
        if isinstance(self.focused, SuggestionCard):
            return self.focused
        return self.latest_card()

    def latest_card(self) -> SuggestionCard | None:
        """The first card of the latest reply with suggestions."""
        cards = self.cards.get(max(self.cards), []) if self.cards else []
        return cards[0] if cards else None

    def action_to_suggestions(self) -> None:
        """Tab from the input: the latest reply's first card (the next widget in the screen's
        order would be the first card ever shown)."""
        card = self.latest_card()
        if card is None:
            self.focus_next()
        else:
            card.focus()

    # -- profile panel --------------------------------------------------------------------------

    def action_scroll_log(self, pages: int) -> None:
        if pages < 0:
            self.log_view.scroll_page_up(animate=False)
        else:
            self.log_view.scroll_page_down(animate=False)

    def action_toggle_profile(self) -> None:
        panel = self.query_one(ProfilePanel)
        panel.toggle()
        if not panel.is_open:
            self.query_one(ChatInput).focus()

    def _refresh_profile(self) -> None:
        if self.query_one(ProfilePanel).is_open:
            self.in_thread(lambda: self.post(msg.BeliefsLoaded(self.backend.beliefs())), "profile")

    @on(ProfilePanel.RefreshAsked)
    def _profile_refresh_asked(self) -> None:
        self._refresh_profile()

    def on_beliefs_loaded(self, event: msg.BeliefsLoaded) -> None:
        self.query_one(ProfilePanel).show_beliefs(event.beliefs, incognito=self.backend.settings.incognito)

    @on(ProfilePanel.ForgetAsked)
    def _forget_asked(self, event: ProfilePanel.ForgetAsked) -> None:
        ids, text = list(event.entry_ids), event.text
        self.in_thread(lambda: self.post(msg.ProfileForgotten(self.backend.forget(ids), text)), "profile")

    async def on_profile_forgotten(self, event: msg.ProfileForgotten) -> None:
        entries = f"{event.count} entr{'y' if event.count == 1 else 'ies'}"
        await self.log_view.add(Notice(f"forgotten: {event.what} ({entries})"))
        self._refresh_profile()

    # -- conversations --------------------------------------------------------------------------

    async def on_conversation_opened(self, event: msg.ConversationOpened) -> None:
        opened = self.opened = event.opened
        self.app.sub_title = f"{opened.catalog} · {opened.items} {opened.kind}"
        if event.how in {"new", "resume"}:
            await self.log_view.clear()
            self.cards.clear()
        if opened.resumed is not None:
            await self._show_transcript(opened.resumed)
            await self.log_view.add(Notice(f"resumed conversation {opened.resumed.id}"))
        elif event.how == "catalog":
            await self.log_view.add(Notice(f"now suggesting from {opened.catalog} ({opened.items} {opened.kind})"))
        else:  # above anything typed while the catalog was opening
            await self.log_view.add(AssistantMessage(_greeting(opened), question=True), first=True)
        if self._loading == "opening the catalog":
            self.show_step("")
        self._refresh_status()
        self._refresh_profile()

    async def _show_transcript(self, conversation: history.SavedConversation) -> None:
        widgets: list[Widget] = []
        given = history.feedback_given(conversation.events)
        for event in conversation.events:
            if event["type"] in {"user", "action"}:
                widgets.append(UserMessage(str(event.get("text", "")), action=event["type"] == "action"))
            elif event["type"] == "reply":
                widgets.extend(self._replayed_reply(event, given))
        self.query_one(ChatInput).remember(conversation.user_texts())
        await self.log_view.add(*widgets)

    def _replayed_reply(self, event: history.Event, given: dict[str, FeedbackKind]) -> list[Widget]:
        self.turn += 1
        recs = [recommendation_from_json(item) for item in event.get("items", [])]
        cards = [
            SuggestionCard(rec, number, explained=True, id=f"card-{self.turn}-{number}")
            for number, rec in enumerate(recs, start=1)
        ]
        self.cards[self.turn] = cards
        widgets: list[Widget] = [AssistantMessage(md_escape(str(event.get("message", ""))))] if recs else []
        widgets.extend(cards)
        if event.get("question") or not recs:
            widgets.append(AssistantMessage(md_escape(str(event.get("question") or event.get("message", "")))))
        for card in cards:
            if card.rec.item.id in given:
                card.call_after_refresh(card.mark, given[card.rec.item.id])
        return widgets

    async def on_noted(self, event: msg.Noted) -> None:
        await self.log_view.add(Notice(event.text))

    async def on_work_failed(self, event: msg.WorkFailed) -> None:
        await self.log_view.add(ErrorMessage(event.error))
        if self._loading == "opening the catalog":
            self.show_step("")

    def on_models_loading(self, event: msg.ModelsLoading) -> None:
        self.show_step(event.step)

    def on_models_loaded(self) -> None:
        self.show_step("")

    def on_model_changed(self, event: msg.ModelChanged) -> None:
        self.show_step("")
        self.notify(f"language model: {event.name}")

    def show_step(self, step: str) -> None:
        self._loading = step
        self._refresh_status()

    def _refresh_status(self) -> None:
        status = self.query_one(StatusLine)
        if self.replying:
            status.busy = "thinking… (Esc stops)"
        else:
            status.busy = f"{self._loading}…" if self._loading else ""
        opened = self.opened
        mode = " · incognito: nothing is saved" if self.backend.settings.incognito else ""
        status.idle_text = (f"{opened.catalog} · {opened.items} {opened.kind}" if opened else "no catalog") + mode

    # -- slash commands (recchat/tui/screens/slash.py) -----------------------------------------

    async def run_command(self, command: Command) -> None:
        await self.commands.run(command)

    def on_catalog_import_progressed(self, event: msg.CatalogImportProgressed) -> None:
        self.show_step(f"importing: {event.done}/{event.total} items")

    async def on_catalog_imported(self, event: msg.CatalogImported) -> None:
        self.show_step("")
        await self.log_view.add(Notice(f"imported catalog {event.report.name}: {_report_line(event.report)}"))

    def action_new(self) -> None:
        if not self.busy_replying():
            self.in_thread(lambda: self.post(msg.ConversationOpened(self.backend.new_conversation(), "new")), "open")

    def action_history(self) -> None:
        def show(conversations: list[history.SavedConversation]) -> None:
            self.app.push_screen(HistoryScreen(conversations), self._resume_chosen)

        self.in_thread(lambda: self.app.call_from_thread(show, self.backend.conversations()), "history")

    def _resume_chosen(self, conversation_id: str | None) -> None:
        if conversation_id and not self.busy_replying():
            self.turn = 0
            self.in_thread(
                lambda: self.post(msg.ConversationOpened(self.backend.resume(conversation_id), "resume")),
                "open",
            )

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    # -- workers --------------------------------------------------------------------------------

    def post(self, message: Message) -> None:
        """post_message for lambdas that must return None (thread-safe, like post_message)."""
        self.post_message(message)

    def in_thread(self, work: Callable[[], object], group: str) -> None:
        """Run blocking work off the UI thread; a RecchatError (or a bug) becomes a message in the
        conversation, and the app keeps running."""

        def guarded() -> None:
            try:
                work()
            except RecchatError as error:
                self.post(msg.WorkFailed(error))
            except Exception as error:  # a bug must not take the conversation down with it
                failure = RecchatError(
                    f"unexpected {type(error).__name__}: {error}", "please report it; the conversation goes on"
                )
                # a failed reply must also free the input for the next one
                self.post(msg.TurnFailed(self.turn, failure) if group == "reply" else msg.WorkFailed(failure))

        self.run_worker(guarded, thread=True, group=group, exit_on_error=False)


def _greeting(opened: Opened) -> str:
    return (
        f"Hi! I suggest {md_escape(opened.kind)} from the **{md_escape(opened.catalog)}** catalog "
        f"({opened.items} of them), and only from it.\n\n{md_escape(opened.question)}"
    )


def _report_line(report: ImportReport) -> str:
    return f"{report.added} added, {report.updated} updated, {report.total} in all"


def palette_commands() -> list[tuple[str, str, str]]:
    """(name, usage, what it does) for the command palette."""
    return [(name, usage, what) for name, (usage, what) in COMMANDS.items()]
