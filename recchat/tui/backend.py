"""The TUI's one door to the core: a Runtime, the current Session and the conversation log.

Every method here blocks (Chroma, models) and is called from Textual thread workers, never from
the UI thread. No recommendation logic lives here: each call delegates to `Session`.

Two locks: `_turn` makes replies take turns (the LLM serves one prompt at a time), and `_state`
guards the session and profile for short calls. A reply holds `_state` only while ranking, not
while its explanations stream, so feedback on a card is saved at once even mid-reply.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recchat import history
from recchat.beliefs import Belief, beliefs
from recchat.catalog.summary import CatalogSummary, catalog_summaries
from recchat.domain import FeedbackKind, Recommendation, Reply
from recchat.errors import NotFoundError, RecchatError
from recchat.factory import Runtime
from recchat.history import Conversation, ConversationLog

if TYPE_CHECKING:
    from recchat.catalog.importer import ImportReport, Progress
    from recchat.config import Settings
    from recchat.profile import Profile
    from recchat.session import Request, Session, TokenCallback

OPEN_TIMEOUT = 600.0  # seconds a turn waits for the catalog to open before giving up
Ranked = Callable[[Reply], None]
Explained = Callable[[int, Recommendation], None]
StopCheck = Callable[[], bool]
NO_CATALOG_HINT = "add one with `/catalog add FOLDER` (for example /catalog add ./sample_catalog)"


@dataclass(frozen=True)
class Opened:
    """A conversation ready to go: what the greeting needs, and what a resume brings back."""

    catalog: str
    kind: str
    items: int
    question: str
    resumed: Conversation | None = None


@dataclass(frozen=True)
class Answer:
    reply: Reply
    recommendations: tuple[Recommendation, ...]
    stopped: bool


class Backend:
    def __init__(self, settings: Settings, runtime: Runtime | None = None) -> None:
        self.settings = settings
        self.runtime = runtime or Runtime(settings)
        self._session: Session | None = None
        self._log: ConversationLog | None = None
        self._opened = threading.Event()
        self._open_error: RecchatError | None = None
        self._turn = threading.Lock()
        self._state = threading.RLock()
        self._model_names: list[str] | None = None

    def listen(self, on_notice: Callable[[str], None]) -> None:
        """Hear what the person should know but that is no failure (the chosen model did not
        load, and the default one answers instead)."""
        self.runtime.on_notice = on_notice

    # -- opening -------------------------------------------------------------------------------

    def open(self, catalog: str | None = None, resume: str | None = None) -> Opened:
        """Open the catalog and a conversation (a new one, or a saved one to resume)."""
        try:
            with self._state:
                conversation = history.load(self.settings.history_dir, resume) if resume else None
                chosen = catalog or (conversation.catalog if conversation else None)
                session = self.runtime.session(
                    catalog=chosen,
                    session_id=conversation.id if conversation else None,
                    state=conversation.state if conversation else None,
                )
                if conversation is not None:
                    _replay(session, conversation)
                self._install(session, conversation)
                return self._opening(conversation)
        except RecchatError as error:
            self._open_error = _with_tui_hint(error)
            raise self._open_error from error
        finally:
            self._opened.set()

    def warm_up(self, on_step: Callable[[str], None]) -> None:
        """Load the models now, so the first reply does not wait for them."""
        on_step(f"loading the embedder ({self.runtime.embedder.name})")
        self.runtime.embedder.embed(["warm up"])
        model = self.runtime.chat_model
        if model is not None:
            on_step(f"loading the language model ({model.name})")
            model.prefill(self.runtime.explanation_start())
        self.model_names()  # read now, so that completing `/model NAME` does not wait

    @property
    def session(self) -> Session:
        """The open session; a turn sent while the catalog is still opening waits for it."""
        self._opened.wait(OPEN_TIMEOUT)
        if self._session is None:
            raise self._open_error or NotFoundError("no catalog is open", NO_CATALOG_HINT)
        return self._session

    @property
    def log(self) -> ConversationLog | None:
        return self._log

    def _install(self, session: Session, conversation: Conversation | None) -> None:
        folder = None if self.settings.incognito else self.settings.history_dir
        self._log = ConversationLog(folder, session.id, conversation.events if conversation else None)
        self._log.start(catalog=session.catalog.name, profile=session.profile.name)
        self._session = session
        self._open_error = None
        self._opened.set()

    def _opening(self, conversation: Conversation | None = None) -> Opened:
        session = self.session
        return Opened(
            catalog=session.catalog.name,
            kind=session.parts.elicitor.kind,
            items=len(session.catalog.index),
            question=session.parts.elicitor.opening(session.snapshot()),
            resumed=conversation,
        )

    # -- replies -------------------------------------------------------------------------------

    def reply(
        self,
        request: Request,
        *,
        on_ranked: Ranked,
        on_token: TokenCallback,
        should_stop: StopCheck,
        on_explained: Explained | None = None,
    ) -> Answer:
        """Answer one request: the cards come (`on_ranked`), then their explanations stream, each
        one checked as it ends (`on_explained`)."""
        with self._turn:
            with self._state:
                session = self.session
                if request.is_action:
                    self._logged().action(request.text)
                else:
                    self._logged().user(request.text)
                reply = session.respond(request, explain=False)
            return self._explained(reply, on_ranked, on_token, should_stop, on_explained)

    def _explained(
        self,
        reply: Reply,
        on_ranked: Ranked,
        on_token: TokenCallback,
        should_stop: StopCheck,
        on_explained: Explained | None,
    ) -> Answer:
        on_ranked(reply)  # the cards show now; their explanations stream in below
        recommendations = tuple(
            self.session.explain(
                reply.recommendations, on_token=on_token, should_stop=should_stop, on_explained=on_explained
            )
        )
        stopped = should_stop()
        self._logged().reply(reply, recommendations, stopped=stopped, state=self.session.state)
        return Answer(reply, recommendations, stopped)

    def _logged(self) -> ConversationLog:
        assert self._log is not None  # set together with the session
        return self._log

    # -- feedback and profile ------------------------------------------------------------------

    def feedback(self, item_id: str, title: str, kind: FeedbackKind) -> None:
        with self._state:
            self.session.feedback(item_id, kind)
            self._logged().feedback(item_id, title, kind)

    def beliefs(self) -> list[Belief]:
        with self._state:
            session = self.session
            return beliefs(session.profile.entries, session.snapshot())

    def forget(self, entry_ids: list[str]) -> int:
        return self._forgetting(lambda profile: profile.forget(entry_ids))

    def forget_matching(self, words: str) -> int:
        return self._forgetting(lambda profile: profile.forget_matching(words))

    def forget_all(self) -> int:
        return self._forgetting(lambda profile: profile.forget_all())

    def _forgetting(self, forget: Callable[[Profile], int]) -> int:
        """Forget from the profile, and from the open conversation's transcript (the saved ones
        are the profile's to scrub)."""
        with self._state:
            profile = self.session.profile
            before = {e.utterance.id: e.utterance.text for e in profile.entries}
            count = forget(profile)
            gone = set(before) - {e.utterance.id for e in profile.entries}
            if gone and self._log is not None:
                self._log.scrub({before[i] for i in gone})
            return count

    # -- catalogs, conversations, models -------------------------------------------------------

    def catalogs(self) -> list[CatalogSummary]:
        return catalog_summaries(self.runtime.store)

    @property
    def catalog_name(self) -> str | None:
        return self._session.catalog.name if self._session else None

    def import_catalog(self, folder: Path, name: str, on_progress: Progress) -> ImportReport:
        from recchat.catalog.caches import remove_superseded
        from recchat.catalog.importer import import_catalog

        cache = None if self.settings.incognito else self.settings.cache_dir
        report = import_catalog(
            self.runtime.store, self.runtime.embedder, folder, name, on_progress=on_progress, cache_dir=cache
        )
        if not self.settings.incognito:  # incognito changes nothing in the data folder
            remove_superseded(self.settings.cache_dir, self.runtime.store.where, name, report.revision)
        # A Runtime that caches opened catalogs must forget this one: its index changed.
        forget_cached = getattr(self.runtime, "forget_catalog", None)
        if forget_cached is not None:
            forget_cached(name)
        return report

    def switch_catalog(self, name: str) -> Opened:
        """Carry on the same conversation (same profile and session id) in another catalog."""
        with self._state:
            old = self._session
            session = self.runtime.session(
                catalog=name, profile=old.profile if old else None, session_id=old.id if old else None
            )
            if old is None or self._log is None:
                self._install(session, None)
            else:
                self._session = session
                self._log.catalog(name)
            return self._opening()

    def new_conversation(self) -> Opened:
        with self._state:
            old = self.session
            self._install(self.runtime.session(catalog=old.catalog.name, profile=old.profile), None)
            return self._opening()

    def conversations(self) -> list[Conversation]:
        return history.recent(self.settings.history_dir)

    def resume(self, conversation_id: str) -> Opened:
        with self._state:
            conversation = history.load(self.settings.history_dir, conversation_id)
            profile = self._session.profile if self._session else None
            session = self.runtime.session(
                catalog=conversation.catalog, profile=profile, session_id=conversation.id, state=conversation.state
            )
            _replay(session, conversation)
            self._install(session, conversation)
            return self._opening(conversation)

    def model_name(self) -> str:
        model = self.runtime.chat_model
        return model.name if model is not None else "none (template explanations)"

    def model_names(self) -> list[str]:
        """The names `/model` takes: the chat models on this machine (read once per app)."""
        if self._model_names is None:
            from recchat.models.listing import list_models

            settings = self.settings
            keep = not settings.incognito and settings.home.is_dir()
            listed = list_models(settings.model_search, cache=settings.cache_dir / "models.json" if keep else None)
            self._model_names = [entry.name for entry in listed]
        return self._model_names

    def use_model(self, choice: str) -> str:
        """`default`, `off`, a name from `recchat models` or a path to a GGUF file. The
        conversation carries on; a name that names nothing changes nothing."""
        if choice in {"off", "none"}:
            self.runtime.use_model(None, use_llm=False)
        else:
            self.runtime.use_model(None if choice == "default" else choice, use_llm=True)
        with self._state:
            old = self._session
            if old is not None:
                session = self.runtime.session(
                    catalog=old.catalog.name, profile=old.profile, session_id=old.id, state=old.state
                )
                session.last_reply = old.last_reply
                self._session = session
        model = self.runtime.chat_model
        if model is not None:
            model.load()  # a bad file fails here, with its fix, not in the middle of a reply
        return self.model_name()


def _replay(session: Session, conversation: Conversation) -> None:
    """A resumed conversation whose turns the profile no longer holds (incognito, forgotten,
    another profile) gets its assistant turns back, so what it suggested stays excluded."""
    if any(entry.utterance.session == session.id for entry in session.profile.entries):
        return
    for text in conversation.assistant_texts():
        session.note_assistant(text)


def _with_tui_hint(error: RecchatError) -> RecchatError:
    """Hints written for the shell, said the TUI's way."""
    if isinstance(error, NotFoundError) and "no catalog" in error.message:
        return NotFoundError(error.message, NO_CATALOG_HINT)
    if isinstance(error, NotFoundError) and "several catalogs" in error.message:
        return NotFoundError(error.message, "choose one with `/catalog NAME`")
    return error
