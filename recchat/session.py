"""One conversation: `handle(text) -> Reply`, `feedback(item, kind)`. The CLI, TUI and the
evaluation all drive this same object."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from recchat.conversation.references import Shown
from recchat.conversation.replies import reply_message
from recchat.conversation.request import Context
from recchat.conversation.state import ConversationState, summary
from recchat.domain import Constraint, FeedbackKind, Mention, Polarity, Recommendation, Reply, Role, Utterance
from recchat.errors import NotFoundError, RecchatError
from recchat.profile import Profile, new_id
from recchat.ranking.filters import admissible
from recchat.ranking.retrieval import Query, Ranker
from recchat.ranking.select import select
from recchat.text import normalise_title
from recchat.timing import timed

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.conversation.policy import Elicitor
    from recchat.conversation.understanding import Reader, Understanding
    from recchat.embed.base import Embedder, Vector
    from recchat.explain import Asked, Explainer
    from recchat.profile import ProfileSnapshot

MAX_UTTERANCE_CHARS = 4000  # longer input is cut: it would only dilute the embedding and the prompt
MAX_SAME_TITLE = 20  # items of one title that a "not that one" also puts aside
AVOID_MIN_WEIGHT = 0.15  # "no horror" fades out after many turns unless said again
TokenCallback = Callable[[int, str], None]  # (suggestion index, text piece)
# What pointing at a suggestion says about it ("I've seen those", "not that one").
_FEEDBACK_OF = {
    "seen": FeedbackKind.SEEN,
    "like": FeedbackKind.LIKE,
    "dislike": FeedbackKind.DISLIKE,
    "exclude": FeedbackKind.NOT_NOW,
}


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


class TurnOptions(TypedDict, total=False):
    k: int | None  # how many suggestions (the session's k when None)
    explain: bool  # False: template explanations now, `explain()` later (the app streams them)
    always_recommend: bool  # never answer with a question only (the evaluation)
    where: Mapping[str, Any] | None  # a Chroma filter on catalog fields (`ask --filter`)
    on_token: TokenCallback | None
    should_stop: Callable[[], bool] | None


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
        self,
        parts: Parts,
        *,
        k: int = 5,
        session_id: str | None = None,
        state: ConversationState | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.parts = parts
        self.k = k
        self.id = session_id or uuid.uuid4().hex[:12]
        self.state = state or ConversationState()  # constraints, topic, last list: saved with the conversation
        self._clock = clock
        self._vectors: dict[str, Vector] = {}  # embedded topics and phrases to avoid, by text
        self.last_reply: Reply | None = None

    @property
    def catalog(self) -> Catalog:
        return self.parts.catalog

    @property
    def profile(self) -> Profile:
        return self.parts.profile

    def snapshot(self) -> ProfileSnapshot:
        return self.profile.snapshot(self.id, self._clock(), self.catalog.name)

    def handle(self, text: str, **options: Unpack[TurnOptions]) -> Reply:
        """Answer typed words (the shell's and the evaluation's way in)."""
        return self.respond(Request(text), **options)

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
        understood: Understanding | None = None
        question: str | None = None
        before = self.state.constraints
        if request.more_like is not None:
            if not self.catalog.vectors([request.more_like]):
                raise NotFoundError(f"no item '{request.more_like}' in catalog '{self.catalog.name}'")
            self.state = replace(self.state, anchor=request.more_like)
        elif request.different:
            self.state = self.state.heard((), (), "", fresh=True)
        else:
            understood = self.listen(request.text)
            if understood.language:  # read nothing into it rather than the opposite of what was meant
                notice = (
                    f"That looks like {understood.language}; I only read English so far. Could you say it in English?"
                )
                return self._finish(Reply(message=notice, question=notice))
            snapshot = self.snapshot()
            decision = self.parts.elicitor.decide(understood, snapshot, self._user_words(snapshot))
            if not decision.recommend and not always_recommend:
                return self._finish(Reply(message=decision.question or "", question=decision.question))
            question = decision.question
        snapshot = self.snapshot()
        fresh = request.different or (understood is not None and understood.heard.fresh)
        query = self._query(understood, snapshot, where, away_from_last=fresh)
        # Earlier suggestions may come back when this turn narrowed the request ("from the 90s") or
        # answered the last list ("seen the first one": the rest still fit); the same request
        # again, or "more", asks for others.
        narrowed = bool(_asks(self.state.constraints) - _asks(before))
        answered = understood is not None and bool(understood.heard.references)
        repeats = understood is not None and (narrowed or answered) and not understood.heard.wants_new and not fresh
        # "more like the 2nd one", "more, not those": the request stands, so suggestions from before
        # the list just seen that meet it come back before any of it is given up; that list does not
        pointed_at = {r.item_id for r in understood.heard.references if r.act == "anchor"} if understood else set()
        more = len(pointed_at) == 1 or (understood is not None and understood.heard.wants_new)
        kept_out: frozenset[str] = frozenset()
        if more and not fresh and not repeats:
            repeats, kept_out = True, frozenset(self.state.last_list)
        unused = understood.heard.unused if understood else ()
        leaning = understood.heard.leaning if understood else ()
        reply = self._suggest(
            query,
            snapshot,
            k,
            explain,
            on_token,
            should_stop,
            question,
            repeats=repeats,
            kept_out=kept_out,
            notes=(unused, leaning),
        )
        return replace(reply, references=understood.heard.references if understood else ())

    def explain(
        self,
        recommendations: Sequence[Recommendation],
        *,
        on_token: TokenCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
        on_explained: Callable[[int, Recommendation], None] | None = None,
    ) -> list[Recommendation]:
        """Explanations for suggestions ranked earlier without them (e.g. with explain=False); the
        TUI shows the cards at once, streams their explanations, and shows each one checked
        (`on_explained`) as soon as it is."""
        asked = self._asked(self.snapshot(), recommendations)
        explained = []
        for i, rec in enumerate(recommendations):
            explained.append(self._explain(i, rec, asked, True, on_token, should_stop))
            if on_explained:
                on_explained(i, explained[-1])
        return explained

    def _same_title(self, item_id: str) -> list[str]:
        """The other items of an item's very title (sizes, editions, vintages of one thing)."""
        index = self.catalog.index
        entry = index.by_id.get(item_id)
        if entry is None:
            return []
        title = normalise_title(entry.title)
        same = (e.id for e in index.entries if e.id != item_id and normalise_title(e.title) == title)
        return list(itertools.islice(same, MAX_SAME_TITLE))

    def listen(self, text: str) -> Understanding:
        """Take in one user turn without answering it: understand it against the conversation so
        far, act on what it points at ("I've seen those"), update the state, and store it in the
        profile. `respond` starts with this; a replayed conversation uses it for earlier turns."""
        text = text.strip()[:MAX_UTTERANCE_CHARS]
        if not text:
            raise RecchatError("nothing to answer: the message is empty", "say what you are in the mood for")
        with timed("understand"):
            understood = self.parts.reader.read(text, self._context())
        if understood.language:
            return understood  # nothing understood: the state and the profile stay as they were
        heard = understood.heard
        for reference in heard.references:
            kind = _FEEDBACK_OF.get(reference.act)
            # 'not the dragon tree': the plant in every pot size, not only the one shown
            for item_id in self._same_title(reference.item_id) if reference.act == "exclude" else ():
                self.feedback(item_id, kind or FeedbackKind.NOT_NOW)
            if kind is not None:
                self.feedback(reference.item_id, kind)
        self.state = self.state.heard(
            heard.constraints,
            heard.references,
            understood.topic,
            heard.fresh,
            new_request=self.state.is_new_request(heard.constraints, understood.topic),
            refines=heard.refines,
            lifted=heard.lifted,
            of_the_person=heard.of_the_person,
            new_titles=any(m.item_id not in self.state.last_list for m in understood.mentions),
        )

        def possible(kept: Sequence[Constraint]) -> bool:
            return bool(admissible(self.catalog, kept))

        self.state = self.state.without_impossible_genres(heard.constraints, possible).settled(
            heard.constraints, bool(understood.topic), possible
        )
        vector = self._embedded(understood.topic or understood.positive_text or text)
        self._record(Role.USER, text, understood, vector)
        return understood

    def _context(self) -> Context:
        """What 'the second one', 'older' and 'for 4' are read against: the last list, its years,
        and the kind of item asked for so far. "Older than those" means than those that met the
        request: the closest others shown to fill the list are no measure of it."""
        index = self.catalog.index.by_id
        shown = [index[i] for i in self.state.last_list if i in index]
        fitting = admissible(self.catalog, self.state.constraints)
        met = [e for e in shown if fitting is None or e.id in fitting] or shown
        return Context(
            shown=[Shown(e.id, e.title) for e in shown],
            shown_years=[e.year for e in met if e.year],
            met=tuple(e.id for e in met),
            wanted_kinds=self.state.kinds,
            measured=tuple(c.field for c in self.state.constraints if c.about == "number"),
            bounds=tuple((c.field, c.op) for c in self.state.constraints if c.about == "number"),
        )

    def _embedded(self, text: str) -> Vector:
        if text not in self._vectors:
            self._vectors[text] = self.parts.embedder.embed([text])[0]
        return self._vectors[text]

    def note_assistant(self, text: str) -> None:
        """Record what the assistant said (a resumed or replayed conversation): titles in it
        count as already suggested in this session, and are the list "the second one" means."""
        understood = self.parts.reader.read(text.strip()[:MAX_UTTERANCE_CHARS])
        self._record(
            Role.ASSISTANT, text, understood, _assistant_vector(self.parts.embedder.dimension), Polarity.NEUTRAL
        )
        if understood.mentions:
            self.state = self.state.suggested([m.item_id for m in understood.mentions])

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
            catalog=self.catalog.name,
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
            topic=understood.topic if role is Role.USER else None,
            catalog=self.catalog.name,
        )
        self.profile.record(utterance, vector)

    def _query(
        self,
        understood: Understanding | None,
        snapshot: ProfileSnapshot,
        where: Mapping[str, Any] | None,
        *,
        away_from_last: bool = False,
    ) -> Query:
        """The request as ranking sees it: the conversation's topic and constraints, the
        suggestion to stay close to, and what to stay away from."""
        state = self.state
        phrases: dict[str, float] = {}
        for phrase, weight in snapshot.avoid:
            if weight >= AVOID_MIN_WEIGHT:
                phrases[phrase] = max(weight, phrases.get(phrase, 0.0))
        avoid_vectors = [(p, self._embedded(p), w) for p, w in phrases.items()]
        if away_from_last:  # "something different": the last list counts as a dislike
            avoid_vectors += [("last list", v, 1.0) for v in self.catalog.vectors(state.last_list).values()]
        reader = self.parts.reader
        avoided_tags = tuple(dict.fromkeys(t for p in phrases for t in reader.read(f"no {p}").avoided_tags))
        anchor = self.catalog.vectors([state.anchor]).get(state.anchor) if state.anchor else None
        wanted = understood.wanted_tags if understood and understood.wanted_tags else reader.tags_in(state.topic)
        # "more like the second one": others like it, never it again
        pointed = (
            frozenset({state.anchor}) if state.anchor and understood and understood.heard.references else frozenset()
        )
        return Query(
            exclude=pointed,
            text=state.topic,
            vector=self._embedded(state.topic) if state.topic else None,
            wanted_tags=wanted,
            avoided_tags=avoided_tags,
            avoid_vectors=avoid_vectors,
            where=where,
            like_vector=anchor,
            constraints=state.constraints,
            recent=tuple(c for c in state.constraints if understood and c in understood.heard.constraints),
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
        *,
        repeats: bool = False,
        kept_out: frozenset[str] = frozenset(),
        notes: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
    ) -> Reply:
        """`notes`: what this turn could not use, and the soft wishes it leans to."""
        with timed("retrieve"):
            selection = select(
                self.parts.retriever, self.catalog, query, snapshot, k or self.k, repeats=repeats, kept_out=kept_out
            )
        asked = self._asked(snapshot, selection.recommendations, query.constraints)
        recommendations = tuple(
            self._explain(index, rec, asked, explain, on_token, should_stop)
            for index, rec in enumerate(selection.recommendations)
        )
        constraints = query.constraints
        unused, leaning = notes
        message = reply_message(
            len(recommendations),
            selection.meeting,
            constraints,
            selection.relaxed,
            self.catalog.name,
            unused,
            leaning,
            inferred=selection.inferred,
            unavailable=selection.unavailable,
        )
        self.state = self.state.suggested([r.item.id for r in recommendations])
        reply = Reply(
            message=message,
            recommendations=recommendations,
            question=question,
            understood=summary(constraints, leaning=leaning),
            constraints=constraints,
            relaxed=selection.relaxed,
            unused=unused,
        )
        return self._finish(reply)

    def _asked(
        self,
        snapshot: ProfileSnapshot,
        suggestions: Sequence[Recommendation],
        constraints: Sequence[Constraint] | None = None,
    ) -> Asked:
        from recchat.explain.context import asked_for

        in_force = self.state.constraints if constraints is None else constraints
        return asked_for(self.catalog, snapshot, in_force, self.parts.reader, suggestions, self.id)

    def _explain(
        self,
        index: int,
        rec: Recommendation,
        asked: Asked,
        explain: bool,
        on_token: TokenCallback | None,
        should_stop: Callable[[], bool] | None,
    ) -> Recommendation:
        if not explain:
            return self.parts.explainer.template(rec, asked)
        sink = (lambda piece: on_token(index, piece)) if on_token else None
        with timed("explain", index=index):
            return self.parts.explainer.explain(rec, asked, on_token=sink, should_stop=should_stop)

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
            own_list=True,
            catalog=self.catalog.name,
        )
        self.profile.record(utterance, _assistant_vector(self.parts.embedder.dimension))
        return reply

    def _user_words(self, snapshot: ProfileSnapshot) -> str:
        recent = sorted((e for e in snapshot.likes if e.here), key=lambda e: -e.weight)[:3]
        return " / ".join(e.entry.utterance.about for e in recent if e.entry.utterance.feedback is None)


def _assistant_vector(dimension: int) -> Vector:
    # Assistant turns are stored for the record (what was suggested, for resume), never searched
    # by similarity, so they get a fixed unit vector instead of a costly embedding.
    import numpy as np

    vector = np.zeros(dimension, dtype=np.float32)
    vector[0] = 1.0
    return vector


def _asks(constraints: Sequence[Constraint]) -> set[tuple[str, str, str, str, bool]]:
    """What constraints ask for, whatever words they were read from."""
    return {(c.about, c.field, c.op, repr(c.value), c.negated) for c in constraints}
