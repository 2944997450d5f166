"""The TUI's one door to the core: a Runtime and the open Conversation (recchat/chat.py).

Every method here blocks (Chroma, models) and is called from Textual thread workers, never from
the UI thread. No conversation logic lives here: each call delegates to `Conversation`, which
also keeps turns taking turns and lets feedback through while explanations stream. What is
left is the app's: waiting for the catalog to open, the greeting, catalogs and models.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recchat import history
from recchat.catalog.summary import CatalogSummary, catalog_summaries
from recchat.chat import Conversation
from recchat.errors import NotFoundError, RecchatError
from recchat.factory import Runtime

if TYPE_CHECKING:
    from recchat.beliefs import Belief
    from recchat.catalog.importer import ImportReport, Progress
    from recchat.chat import Answer, Explained, Ranked
    from recchat.config import Settings
    from recchat.domain import FeedbackKind
    from recchat.history import ConversationLog, SavedConversation
    from recchat.session import Request, Session, TokenCallback

OPEN_TIMEOUT = 600.0  # seconds a turn waits for the catalog to open before giving up
StopCheck = Callable[[], bool]
NO_CATALOG_HINT = "add one with `/catalog add FOLDER` (for example /catalog add ./sample_catalog)"


@dataclass(frozen=True)
class Opened:
    """A conversation ready to go: what the greeting needs, and what a resume brings back."""

    catalog: str
    kind: str
    items: int
    question: str
    resumed: SavedConversation | None = None


class Backend:
    def __init__(self, settings: Settings, runtime: Runtime | None = None) -> None:
        self.settings = settings
        self.runtime = runtime or Runtime(settings)
        self._conversation: Conversation | None = None
        self._opened = threading.Event()
        self._open_error: RecchatError | None = None
        self._swap = threading.Lock()  # one conversation replaces another at a time
        self._model_names: list[str] | None = None

    def listen(self, on_notice: Callable[[str], None]) -> None:
        """Hear what the person should know but that is no failure (the chosen model did not
        load, and the default one answers instead)."""
        self.runtime.on_notice = on_notice

    # -- opening -------------------------------------------------------------------------------

    def open(self, catalog: str | None = None, resume: str | None = None) -> Opened:
        """Open the catalog and a conversation (a new one, or a saved one to resume)."""
        try:
            return self._install(lambda: Conversation.open(self.runtime, catalog=catalog, resume=resume))
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
    def conversation(self) -> Conversation:
        """The open conversation; a turn sent while the catalog is still opening waits for it."""
        self._opened.wait(OPEN_TIMEOUT)
        if self._conversation is None:
            raise self._open_error or NotFoundError("no catalog is open", NO_CATALOG_HINT)
        return self._conversation

    @property
    def session(self) -> Session:
        return self.conversation.session

    @property
    def log(self) -> ConversationLog | None:
        return self._conversation.log if self._conversation else None

    def _install(self, opening: Callable[[], Conversation]) -> Opened:
        with self._swap:
            conversation = opening()
            self._conversation = conversation
            self._open_error = None
            self._opened.set()
        return Opened(
            catalog=conversation.catalog.name,
            kind=conversation.kind,
            items=len(conversation.catalog.index),
            question=conversation.opening_question(),
            resumed=conversation.resumed,
        )

    # -- replies, feedback, the profile ---------------------------------------------------------

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
        return self.conversation.turn(
            request, on_ranked=on_ranked, on_token=on_token, should_stop=should_stop, on_explained=on_explained
        )

    def feedback(self, item_id: str, kind: FeedbackKind) -> None:
        self.conversation.feedback(item_id, kind)

    def beliefs(self) -> list[Belief]:
        return self.conversation.beliefs()

    def forget(self, entry_ids: list[str]) -> int:
        return self.conversation.forget(entry_ids)

    def forget_matching(self, words: str) -> int:
        return self.conversation.forget_matching(words)

    def forget_all(self) -> int:
        return self.conversation.forget_all()

    # -- catalogs, conversations, models -------------------------------------------------------

    def catalogs(self) -> list[CatalogSummary]:
        return catalog_summaries(self.runtime.store)

    @property
    def catalog_name(self) -> str | None:
        return self._conversation.catalog.name if self._conversation else None

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
        """Carry on the same conversation (same profile and id) in another catalog."""
        current = self._conversation

        def switched() -> Conversation:
            if current is None:
                return Conversation.open(self.runtime, catalog=name)
            current.switch_catalog(name)
            return current

        return self._install(switched)

    def new_conversation(self) -> Opened:
        old = self.conversation
        return self._install(
            lambda: Conversation.open(self.runtime, catalog=old.catalog.name, profile=old.session.profile)
        )

    def conversations(self) -> list[SavedConversation]:
        return history.recent(self.settings.history_dir)

    def resume(self, conversation_id: str) -> Opened:
        profile = self._conversation.session.profile if self._conversation else None
        return self._install(lambda: Conversation.open(self.runtime, resume=conversation_id, profile=profile))

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
        if self._conversation is not None:
            self._conversation.rewire()
        model = self.runtime.chat_model
        if model is not None:
            model.load()  # a bad file fails here, with its fix, not in the middle of a reply
        return self.model_name()


def _with_tui_hint(error: RecchatError) -> RecchatError:
    """Hints written for the shell, said the TUI's way."""
    if isinstance(error, NotFoundError) and "no catalog" in error.message:
        return NotFoundError(error.message, NO_CATALOG_HINT)
    if isinstance(error, NotFoundError) and "several catalogs" in error.message:
        return NotFoundError(error.message, "choose one with `/catalog NAME`")
    return error
