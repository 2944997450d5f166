"""One conversation: `handle(text) -> Reply`, `feedback(item, kind)`. The CLI, TUI and the
evaluation all drive this same object."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from recchat.domain import FeedbackKind, Mention, Polarity, Recommendation, Reply, Role, Utterance
from recchat.errors import NotFoundError, RecchatError
from recchat.profile import Profile, new_id
from recchat.ranking.retrieval import Query, Ranker
from recchat.timing import timed

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.conversation.policy import Elicitor
    from recchat.conversation.understanding import Reader, Understanding
    from recchat.embed.base import Embedder, Vector
    from recchat.explain import Explainer
    from recchat.profile import ProfileSnapshot

MAX_UTTERANCE_CHARS = 4000  # longer input is cut: it would only dilute the embedding and the prompt
AVOID_MIN_WEIGHT = 0.15  # "no horror" fades out after many turns unless said again
TokenCallback = Callable[[int, str], None]  # (suggestion index, text piece)


@dataclass(frozen=True)
class Request:
    """One thing the person asks for: typed words, or an action on a suggestion card (then
    `text` is how the action reads in the conversation, "more like Arrival")."""

    text: str
    more_like: str | None = None  # an item id: "more like it"
    different: bool = False  # "something other": away from the last list

    @property
    def is_action(self) -> bool:
        return self.more_like is not None or self.different


@dataclass(frozen=True)
class Parts:
    """Everything a Session needs, wired by factory.py."""

    catalog: Catalog
    profile: Profile
    embedder: Embedder
    reader: Reader
    retriever: Ranker
    explainer: Explainer
    elicitor: Elicitor


class Session:
    def __init__(
        self, parts: Parts, *, k: int = 5, session_id: str | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        self.parts = parts
        self.k = k
        self.id = session_id or uuid.uuid4().hex[:12]
        self._clock = clock
        self._avoid_vectors: dict[str, Vector] = {}
        self.last_reply: Reply | None = None

    @property
    def catalog(self) -> Catalog:
        return self.parts.catalog

    @property
    def profile(self) -> Profile:
        return self.parts.profile

    def snapshot(self) -> ProfileSnapshot:
        return self.profile.snapshot(self.id, self._clock())

    def handle(
        self,
        text: str,
        *,
        k: int | None = None,
        explain: bool = True,
        always_recommend: bool = False,
        where: Mapping[str, Any] | None = None,
        on_token: TokenCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Reply:
        """Answer typed words (the shell's and the evaluation's way in)."""
        return self.respond(
            Request(text),
            k=k,
            explain=explain,
            always_recommend=always_recommend,
            where=where,
            on_token=on_token,
            should_stop=should_stop,
        )

    def respond(
        self,
        request: Request,
        *,
        k: int | None = None,
        explain: bool = True,
        always_recommend: bool = False,
        where: Mapping[str, Any] | None = None,
        on_token: TokenCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Reply:
        """The one way a turn is answered, whatever asked for it."""
        if request.more_like is not None:
            snapshot = self.snapshot()
            query = self._more_like_query(request.more_like, snapshot)
            return self._suggest(query, snapshot, k, explain, on_token, should_stop, None)
        if request.different:
            snapshot = self.snapshot()
            return self._suggest(self._different_query(snapshot), snapshot, k, explain, on_token, should_stop, None)
        understood, vector = self.listen(request.text)
        snapshot = self.snapshot()
        decision = self.parts.elicitor.decide(understood, snapshot, self._user_words(snapshot))
        if not decision.recommend and not always_recommend:
            return self._finish(Reply(message=decision.question or "", question=decision.question))
        query = self._query(understood, vector if understood.informative else None, snapshot, where)
        return self._suggest(query, snapshot, k, explain, on_token, should_stop, decision.question)

    def explain(
        self,
        recommendations: Sequence[Recommendation],
        *,
        on_token: TokenCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[Recommendation]:
        """Explanations for suggestions ranked earlier without them (e.g. with explain=False); the
        TUI shows the cards at once and streams their explanations after."""
        snapshot = self.snapshot()
        words = self._user_words(snapshot)
        avoid = tuple(dict.fromkeys(phrase for phrase, _ in snapshot.avoid))
        return [
            self._explain(i, rec, words, avoid, True, on_token, should_stop) for i, rec in enumerate(recommendations)
        ]

    def listen(self, text: str) -> tuple[Understanding, Vector]:
        """Take in one user turn (understand it, store it in the profile) without answering:
        `handle` starts with this, and a replayed conversation uses it for earlier turns."""
        text = text.strip()[:MAX_UTTERANCE_CHARS]
        if not text:
            raise RecchatError("nothing to answer: the message is empty", "say what you are in the mood for")
        understood = self.parts.reader.read(text)
        vector = self.parts.embedder.embed([understood.positive_text or text])[0]
        self._record(Role.USER, text, understood, vector)
        return understood, vector

    def _more_like_query(self, item_id: str, snapshot: ProfileSnapshot) -> Query:
        """Items close to one suggestion."""
        vectors = self.catalog.vectors([item_id])
        if item_id not in vectors:
            raise NotFoundError(f"no item '{item_id}' in catalog '{self.catalog.name}'")
        return replace(self._query(None, None, snapshot, None), like_vector=vectors[item_id])

    def _different_query(self, snapshot: ProfileSnapshot) -> Query:
        """Items unlike what was just suggested: the last list counts as a dislike."""
        last = [r.item.id for r in self.last_reply.recommendations] if self.last_reply else []
        vectors = self.catalog.vectors(last)
        query = self._query(None, None, snapshot, None)
        return replace(query, avoid_vectors=[*query.avoid_vectors, *(("last list", v, 1.0) for v in vectors.values())])

    def note_assistant(self, text: str) -> None:
        """Record what the assistant said (a resumed or replayed conversation): titles in it
        count as already suggested in this session."""
        understood = self.parts.reader.read(text.strip()[:MAX_UTTERANCE_CHARS])
        self._record(
            Role.ASSISTANT, text, understood, _assistant_vector(self.parts.embedder.dimension), Polarity.NEUTRAL
        )

    def feedback(self, item_id: str, kind: FeedbackKind) -> None:
        items = self.catalog.items([item_id])
        if not items:
            raise NotFoundError(f"no item '{item_id}' in catalog '{self.catalog.name}'")
        item = items[0]
        vector = self.catalog.vectors([item_id])[item_id]
        polarity = {FeedbackKind.LIKE: Polarity.POSITIVE, FeedbackKind.DISLIKE: Polarity.NEGATIVE}.get(
            kind, Polarity.NEUTRAL
        )
        utterance = Utterance(
            id=new_id(self._clock()),
            text=f"{kind.value.replace('_', ' ')}: {item.title}",
            role=Role.USER,
            time=self._clock(),
            session=self.id,
            polarity=polarity,
            mentions=(Mention(item.id, item.title, polarity),),
            feedback=kind,
        )
        self.profile.record(utterance, vector)

    def _record(
        self, role: Role, text: str, understood: Understanding, vector: Vector, polarity: Polarity | None = None
    ) -> None:
        utterance = Utterance(
            id=new_id(self._clock()),
            text=text,
            role=role,
            time=self._clock(),
            session=self.id,
            polarity=polarity or understood.polarity,
            mentions=tuple(
                m if role is Role.USER else replace(m, polarity=Polarity.NEUTRAL) for m in understood.mentions
            ),
            avoid=understood.avoid if role is Role.USER else (),
        )
        self.profile.record(utterance, vector)

    def _query(
        self,
        understood: Understanding | None,
        vector: Vector | None,
        snapshot: ProfileSnapshot,
        where: Mapping[str, Any] | None,
    ) -> Query:
        phrases: dict[str, float] = {}
        for phrase, weight in snapshot.avoid:
            if weight >= AVOID_MIN_WEIGHT:
                phrases[phrase] = max(weight, phrases.get(phrase, 0.0))
        new = [p for p in phrases if p not in self._avoid_vectors]
        if new:
            self._avoid_vectors.update(zip(new, self.parts.embedder.embed(new), strict=True))
        avoided_tags = tuple(dict.fromkeys(t for p in phrases for t in self.parts.reader.read(f"no {p}").avoided_tags))
        return Query(
            text=understood.text if understood else "",
            vector=vector,
            wanted_tags=understood.wanted_tags if understood else (),
            avoided_tags=avoided_tags,
            avoid_vectors=[(p, self._avoid_vectors[p], w) for p, w in phrases.items()],
            where=where,
        )

    def _suggest(
        self,
        query: Query,
        snapshot: ProfileSnapshot,
        k: int | None,
        explain: bool,
        on_token: TokenCallback | None,
        should_stop: Callable[[], bool] | None,
        question: str | None,
    ) -> Reply:
        with timed("retrieve"):
            found = self.parts.retriever.recommend(query, snapshot, k or self.k)
        words = self._user_words(snapshot)
        avoid = tuple(dict.fromkeys(phrase for phrase, _ in snapshot.avoid))
        recommendations = tuple(
            self._explain(index, rec, words, avoid, explain, on_token, should_stop) for index, rec in enumerate(found)
        )
        if recommendations:
            message = (
                f"Here {'is' if len(recommendations) == 1 else 'are'} {len(recommendations)} from {self.catalog.name}:"
            )
        else:
            message = "Nothing left in this catalog fits that. Try other words, or another catalog."
        return self._finish(Reply(message=message, recommendations=recommendations, question=question))

    def _explain(
        self,
        index: int,
        rec: Recommendation,
        words: str,
        avoid: tuple[str, ...],
        explain: bool,
        on_token: TokenCallback | None,
        should_stop: Callable[[], bool] | None,
    ) -> Recommendation:
        from recchat.explain import template_explanation

        if not explain:
            return replace(rec, explanation=template_explanation(rec))
        sink = (lambda piece: on_token(index, piece)) if on_token else None
        said = [u.text for u in rec.evidence.utterances] or [words]
        # Only the wishes go to the model: a small model shown "no horror" tends to write "horror".
        wishes = " / ".join(self.parts.reader.read(text).positive_text or text for text in said if text)
        with timed("explain", index=index):
            return self.parts.explainer.explain(rec, wishes, avoid=avoid, on_token=sink, should_stop=should_stop)

    def _finish(self, reply: Reply) -> Reply:
        self.last_reply = reply
        titles = "; ".join(r.item.title for r in reply.recommendations)
        utterance = Utterance(
            id=new_id(self._clock()),
            text=f"{reply.message} {titles}".strip(),
            role=Role.ASSISTANT,
            time=self._clock(),
            session=self.id,
            polarity=Polarity.NEUTRAL,
            mentions=tuple(Mention(r.item.id, r.item.title, Polarity.NEUTRAL) for r in reply.recommendations),
        )
        self.profile.record(utterance, _assistant_vector(self.parts.embedder.dimension))
        return reply

    def _user_words(self, snapshot: ProfileSnapshot) -> str:
        recent = sorted(snapshot.likes, key=lambda e: -e.weight)[:3]
        return " / ".join(e.entry.utterance.text for e in recent if e.entry.utterance.feedback is None)


def _assistant_vector(dimension: int) -> Vector:
    # Assistant turns are stored for the record (what was suggested, for resume), never searched
    # by similarity, so they get a fixed unit vector instead of a costly embedding.
    import numpy as np

    vector = np.zeros(dimension, dtype=np.float32)
    vector[0] = 1.0
    return vector
