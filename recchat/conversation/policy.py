"""Elicit or recommend? A thin profile and a vague request get one clarifying question."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from recchat.explain import tidy
from recchat.text import clean, shorten

if TYPE_CHECKING:
    from recchat.conversation.mentions import TitleMatcher
    from recchat.conversation.understanding import Understanding
    from recchat.llm.base import ChatModel
    from recchat.profile import ProfileSnapshot
    from recchat.prompts import Prompts


@dataclass(frozen=True)
class Decision:
    recommend: bool
    question: str | None  # asked instead of suggestions, or alongside them


class Elicitor:
    def __init__(self, model: ChatModel | None, prompts: Prompts, matcher: TitleMatcher | None, kind: str) -> None:
        self.model = model
        self.prompts = prompts
        self.matcher = matcher
        self.kind = kind

    def decide(self, request: Understanding, snapshot: ProfileSnapshot, user_words: str) -> Decision:
        if snapshot.is_thin and not request.informative:
            return Decision(recommend=False, question=self.question(snapshot, user_words))
        early = len(snapshot.likes) <= 1 and not snapshot.liked_items
        # A follow-up beside suggestions comes from the template: no model call on this path.
        return Decision(
            recommend=True, question=template_question(self._missing(snapshot), self.kind) if early else None
        )

    def question(self, snapshot: ProfileSnapshot, user_words: str) -> str:
        missing = self._missing(snapshot)
        if self.model is not None:
            asked = self._ask_model(user_words, missing)
            if asked:
                return asked
        return template_question(missing, self.kind)

    def opening(self, snapshot: ProfileSnapshot) -> str:
        """The question a conversation opens with (a template: no model call, so it is instant)."""
        return template_question(self._missing(snapshot), self.kind)

    def _missing(self, snapshot: ProfileSnapshot) -> str:
        if snapshot.is_thin:
            return "anything about their taste"
        if not snapshot.liked_items:
            return f"{with_article(self._singular())} they loved"
        return "what they want to avoid"

    def _singular(self) -> str:
        return singular_kind(self.kind)

    def _ask_model(self, user_words: str, missing: str) -> str | None:
        from recchat.llm.base import complete

        assert self.model is not None
        values = {
            "catalog_kind": self.kind,
            "user_words": shorten(clean(user_words), 300) or "nothing yet",
            "missing": missing,
        }
        messages = [
            {"role": "system", "content": self.prompts.render("elicit.system", values)},
            {"role": "user", "content": self.prompts.render("elicit.user", values)},
        ]
        text = tidy(complete(self.model, messages, max_tokens=48))  # type: ignore[arg-type]
        question = text.split("?")[0].strip() + "?" if "?" in text else ""
        if not 10 <= len(question) <= 200:
            return None
        if self.matcher is not None and self.matcher.find(question, fuzzy=False):
            return None  # a question must not smuggle in a title
        return question


def singular_kind(kind: str) -> str:
    """'movies' -> 'movie'; a mixed catalog ('movies, books and board games') -> 'movie, book or
    board game', so that 'a ... you loved' reads right."""
    parts = [part.strip() for part in kind.replace(" and ", ", ").split(",") if part.strip()]
    single = [part[:-1] if part.endswith("s") else part for part in parts]
    return single[0] if len(single) == 1 else f"{', '.join(single[:-1])} or {single[-1]}"


def with_article(noun: str) -> str:
    """'a movie', 'an item', 'an author's book': the article by the noun's first letter."""
    return f"{'an' if noun[:1].lower() in _VOWELS else 'a'} {noun}"


_VOWELS = frozenset("aeiou")


def template_question(missing: str, kind: str) -> str:
    if missing.startswith("anything"):
        return f"What are you in the mood for? A genre, a feeling, or one of the {kind} you loved helps me most."
    if missing.startswith(("a ", "an ")):
        return f"Is there {missing.replace('they', 'you')}? Name it and say what you liked about it."
    return "Anything you'd rather avoid — a genre, a mood, something too long or too dark?"
