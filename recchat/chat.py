"""One conversation as both shells hold it: the Session that answers its turns and the log that
saves them. `recchat ask` and the app open, resume and carry on conversations only through this
object, so they save the same events in the same order and resume alike:

- the person's words are saved before they are answered: a reply that fails or is stopped still
  leaves them in the transcript;
- a resumed conversation whose turns the profile no longer holds (incognito, forgotten, another
  profile) gets its assistant turns back, so what it suggested stays excluded;
- explanations are written after the suggestions are ranked (the app streams them; the shell
  waits), and the reply is saved with them and the conversation's state.

One shell may call it from worker threads: turns take turns (the LLM serves one prompt at a
time), and feedback, forgetting and beliefs wait only for a turn's ranking, not for its
explanations to be written, so a like on a card is saved at once even mid-reply.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from recchat import history
from recchat.beliefs import Belief, beliefs
from recchat.session import Request

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from recchat.catalog.library import Catalog
    from recchat.domain import FeedbackKind, Recommendation, Reply
    from recchat.factory import Runtime
    from recchat.profile import Profile
    from recchat.session import Session, TokenCallback

Ranked = Callable[["Reply"], None]
Explained = Callable[[int, "Recommendation"], None]


@dataclass(frozen=True)
class Answer:
    """A turn's reply, its suggestions explained (and checked), and whether the person stopped
    the reply while the explanations were being written (the rest are then the short kind)."""

    reply: Reply
    stopped: bool = False


class Conversation:
    def __init__(
        self,
        runtime: Runtime,
        session: Session,
        log: history.ConversationLog,
        resumed: history.SavedConversation | None = None,
    ) -> None:
        self.runtime = runtime
        self.session = session
        self.log = log
        self.resumed = resumed  # the saved conversation this one carries on, as it was read
        self._turns = threading.Lock()
        self._state = threading.RLock()  # the session and its profile, for short calls

    @classmethod
    def open(
        cls,
        runtime: Runtime,
        *,
        catalog: str | None = None,
        resume: str | None = None,
        profile: Profile | None = None,
    ) -> Conversation:
        """A new conversation, or a saved one (`resume`: its id, a unique prefix, or 'last' for
        the profile's latest) with its id, state and catalog (unless `catalog` names another)."""
        settings = runtime.settings
        saved = history.load(settings.history_dir, resume, profile=settings.profile) if resume else None
        session = runtime.session(
            catalog=catalog or (saved.catalog if saved else None),
            profile=profile,
            session_id=saved.id if saved else None,
            state=saved.state if saved else None,
        )
        if saved is not None:
            _replay(session, saved)
        folder = None if settings.incognito else settings.history_dir
        log = history.ConversationLog(folder, session.id, saved.events if saved else None)
        log.start(catalog=session.catalog.name, profile=session.profile.name)
        return cls(runtime, session, log, saved)

    @property
    def id(self) -> str:
        return self.session.id

    @property
    def catalog(self) -> Catalog:
        return self.session.catalog

    @property
    def kind(self) -> str:
        """What the catalog holds, in words ('movies, books and board games')."""
        return self.session.parts.elicitor.kind

    def opening_question(self) -> str:
        """What a conversation opens with (a template: no model call)."""
        with self._state:
            return self.session.parts.elicitor.opening(self.session.snapshot())

    def turn(
        self,
        request: Request | str,
        *,
        k: int | None = None,
        where: Mapping[str, Any] | None = None,
        on_ranked: Ranked | None = None,
        on_token: TokenCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
        on_explained: Explained | None = None,
    ) -> Answer:
        """Answer one request, typed words or an action on a card: the suggestions are ranked
        (`on_ranked` shows them), then explained one by one (`on_token` streams each,
        `on_explained` gives it checked), and the reply is saved with the state it leaves."""
        request = Request(request) if isinstance(request, str) else request
        with self._turns:
            with self._state:
                if request.text.strip():
                    (self.log.action if request.is_action else self.log.user)(request.text)
                ranked = self.session.respond(request, k=k, where=where, explain=False)
            if on_ranked is not None:
                on_ranked(ranked)
            explained = self.session.explain(
                ranked.recommendations, on_token=on_token, should_stop=should_stop, on_explained=on_explained
            )
            stopped = bool(should_stop and should_stop())
            reply = replace(ranked, recommendations=tuple(explained))
            with self._state:
                self.log.reply(reply, reply.recommendations, stopped=stopped, state=self.session.state)
            return Answer(reply, stopped)

    def feedback(self, item_id: str, kind: FeedbackKind) -> None:
        """A like, dislike, seen or not now on a suggestion: in the profile and the transcript."""
        with self._state:
            self.session.feedback(item_id, kind)
            [item] = self.catalog.items([item_id])  # the session has just found it
            self.log.feedback(item_id, item.title, kind)

    def beliefs(self) -> list[Belief]:
        with self._state:
            return beliefs(self.session.profile.entries, self.session.snapshot())

    def forget(self, entry_ids: Iterable[str]) -> int:
        ids = list(entry_ids)
        return self._forgetting(lambda profile: profile.forget(ids))

    def forget_matching(self, words: str) -> int:
        return self._forgetting(lambda profile: profile.forget_matching(words))

    def forget_all(self) -> int:
        return self._forgetting(lambda profile: profile.forget_all())

    def _forgetting(self, forget: Callable[[Profile], int]) -> int:
        """Forget from the profile, and from this conversation's transcript (the profile scrubs
        the saved ones)."""
        with self._state:
            profile = self.session.profile
            before = {e.utterance.id: e.utterance.text for e in profile.entries}
            count = forget(profile)
            gone = set(before) - {e.utterance.id for e in profile.entries}
            if gone:
                self.log.scrub({before[i] for i in gone})
            return count

    def switch_catalog(self, name: str) -> None:
        """Carry on (same profile, same conversation id) suggesting from another catalog."""
        with self._state:
            old = self.session
            self.session = self.runtime.session(catalog=name, profile=old.profile, session_id=old.id)
            self.log.catalog(name)

    def rewire(self) -> None:
        """Carry on with the runtime's parts as they are now (another language model): same
        conversation, state and last reply."""
        with self._state:
            old = self.session
            session = self.runtime.session(
                catalog=old.catalog.name, profile=old.profile, session_id=old.id, state=old.state
            )
            session.last_reply = old.last_reply
            self.session = session


def _replay(session: Session, saved: history.SavedConversation) -> None:
    """A resumed conversation whose turns the profile no longer holds gets its assistant turns
    back, so what it suggested stays excluded."""
    if any(entry.utterance.session == session.id for entry in session.profile.entries):
        return
    for text in saved.assistant_texts():
        session.note_assistant(text)
