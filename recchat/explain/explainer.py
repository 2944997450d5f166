"""Explanations: reasons first (reasons.py), then a card's sentence. The LLM writes it from a
short prompt of the request, the reasons and a few facts, held by a grammar to the true sentences
the reasons make (frames.py): it chooses which wishes to name, in which words and which frame,
and cannot name a value the item lacks, a number it does not have, or claim a wish it misses.
recchat still checks every claim (checks.py) as a net, and shows the first of those sentences
when the LLM's text fails or there is no LLM."""

from __future__ import annotations

import re
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from recchat.catalog.schema import CatalogSchema
from recchat.domain import Recommendation
from recchat.errors import ConfigError
from recchat.explain.checks import MAX_CHARS, Grounds, rejection, sentences, tidy
from recchat.explain.facts import ItemFacts, item_facts
from recchat.explain.frames import Plan, plan
from recchat.explain.mending import mended
from recchat.explain.phrases import role
from recchat.explain.reasons import Asked, Reason, reasons_for
from recchat.explain.selection import prompt_sentences
from recchat.explain.words import article
from recchat.text import clean, shorten

if TYPE_CHECKING:
    from recchat.conversation.mentions import TitleMatcher
    from recchat.llm.base import ChatMessage, ChatModel
    from recchat.llm.grammar import Grammar
    from recchat.prompts import Prompts

TokenSink = Callable[[str], None]
StopCheck = Callable[[], bool]
WRITTEN_SENTENCES = 1  # one sentence reads best on a card, and is half the tokens of two
REQUEST_CHARS = 200
# A refused text gets one more try: the prompt is in llama.cpp's cache by then, so a second
# sentence costs about a quarter of a second, and about half of the refused ones pass then.
RETRIES = 1
# how the system prompt's {sentences} reads for a budget of one sentence, or of more
SENTENCES_WORDS = {1: "one sentence", 2: "one or two sentences"}
RECENT_FRAMES = 4  # a card's frame is not one of the last few cards' frames, where it can help
OFFERED_FRAMES = 2  # frames the model chooses between, per try
_DECIMAL_OPEN = re.compile(r"\d\.$")


class Explainer:
    def __init__(
        self,
        model: ChatModel | None,
        prompts: Prompts,
        matcher: TitleMatcher | None,
        max_tokens: int = 72,
        *,
        schema: CatalogSchema | None = None,
        tags: Iterable[str] = (),
        retries: int = RETRIES,
        sentences: int = WRITTEN_SENTENCES,
        constrained: bool = True,
    ) -> None:
        self.model = model
        self.prompts = prompts
        self.matcher = matcher
        self.max_tokens = max_tokens
        self.schema = schema or CatalogSchema()
        self.retries = retries
        self.sentences = sentences  # how many the model writes: its budget (recchat.llm.limits)
        # The catalog's tags (and list-field values): each one is a claim when an explanation uses it.
        self.tags = tuple(sorted(t for t in set(tags) if 1 <= len(t.split()) <= 3 and not t.isdigit()))
        # Whether the model writes under the card's grammar (False: free text, checked after).
        self.constrained = constrained
        self._recent: deque[str] = deque(maxlen=RECENT_FRAMES)  # the frames of the last cards

    def explain(
        self,
        rec: Recommendation,
        asked: Asked | str,
        *,
        avoid: Iterable[str] = (),
        on_token: TokenSink | None = None,
        should_stop: StopCheck | None = None,
    ) -> Recommendation:
        """The suggestion with its reasons and an explanation: the LLM's when it passes every
        check, else the card's first true sentence. `asked` as plain words: what the person said."""
        asked = _as_asked(asked, avoid)
        facts = item_facts(rec.item, self.schema)
        reasons = reasons_for(rec, facts, asked)
        card = self._plan(rec, facts, reasons, asked)
        if self.model is None or (should_stop and should_stop()):
            return self._fallback(rec, card, reasons)
        messages = self.messages(rec, asked, facts, reasons)
        grounds = self.grounds(rec, asked, facts, reasons)
        first = ""
        for attempt in range(1 + self.retries):
            # A retry offers the next frames; it is not streamed: the card keeps the first try,
            # muted, until the checked text.
            grammar = card.grammar(start=attempt * OFFERED_FRAMES, count=OFFERED_FRAMES) if self.constrained else None
            raw = self._generate(messages, facts.title, on_token if attempt == 0 else None, should_stop, grammar)
            text = tidy(raw)
            if grammar is None or facts.title not in text:  # a grammar's text names its item already
                text = mended(text, facts.title, [r.about for r in reasons if r.about])
            refused = rejection(text, grounds)
            if refused is None:
                self._used(card.frame_of(text))
                return replace(rec, explanation=text, explanation_source="llm", reasons=_sentences(reasons))
            first = first or refused
            if should_stop and should_stop():
                break
        return replace(self._fallback(rec, card, reasons), refused=first)

    def template(self, rec: Recommendation, asked: Asked | str) -> Recommendation:
        """The suggestion with its reasons and its card's first true sentence, without the LLM."""
        facts = item_facts(rec.item, self.schema)
        asked = _as_asked(asked, ())
        reasons = reasons_for(rec, facts, asked)
        return self._fallback(rec, self._plan(rec, facts, reasons, asked), reasons)

    def _plan(self, rec: Recommendation, facts: ItemFacts, reasons: tuple[Reason, ...], asked: Asked) -> Plan:
        offset = zlib.crc32(rec.item.id.encode("utf-8"))
        complete = not asked.verdict(rec).missed
        return plan(facts.title or rec.item.title, reasons, offset, tuple(self._recent), complete=complete)

    def _used(self, frame: object) -> None:
        text = getattr(frame, "text", None)
        if isinstance(text, str):
            self._recent.append(text)

    def grounds(self, rec: Recommendation, asked: Asked, facts: ItemFacts, reasons: tuple[Reason, ...]) -> Grounds:
        example = self.prompts.template("explain.example.assistant")
        return Grounds(rec, self.matcher, asked.avoid, asked.words, example, facts, reasons, self.tags)

    def _fallback(self, rec: Recommendation, card: Plan, reasons: tuple[Reason, ...]) -> Recommendation:
        self._used(card.order[0])
        text = card.text()
        return replace(rec, explanation=text, explanation_source="template", reasons=_sentences(reasons))

    def messages(
        self, rec: Recommendation, asked: Asked, facts: ItemFacts, reasons: tuple[Reason, ...]
    ) -> list[ChatMessage]:
        chosen = prompt_sentences(facts, asked, reasons)
        # Under a grammar no sentence can carry a description's words: the prompt leaves them out
        # (a third of a card's prompt, and prompt reading is most of an explanation's time).
        shown = "" if self.constrained else chosen
        # What it is, unless a reason says so already: the model copies it ("X is a movie").
        named = bool(facts.kind_noun) and any(str(facts.kind_noun) in r.clause for r in reasons if r.sort != "fact")
        about = _about(facts, kind=not named)
        values = {
            "user_words": shorten(clean(asked.words), REQUEST_CHARS) or "something good",
            "title": facts.title,  # "Arrival", as people say it
            "about": about or "an item",
            "tags": ", ".join(facts.tags[:4]) or "none",
            # Said of the item by name: a reason the model copies is still about the right item.
            "reasons": " ".join(r.said_of(facts.title) for r in reasons if r.sort != "fact")
            or f"{facts.title} is close to what you said.",
            "facts": " ".join(part for part in (about, shown) if part) or "none",
            "description": chosen or "no description",  # the name older prompt folders use
            "sentences": self._sentences_words(),
        }
        return [*self._start(values), {"role": "user", "content": self.prompts.render("explain.user", values)}]

    def shared_start(self) -> list[ChatMessage]:
        """The instructions and the worked example that begin every explanation prompt: what a
        model can read ahead before the suggestions are known. When an edited prompt makes
        them depend on the item or the person's words: empty."""
        try:
            return self._start({"sentences": self._sentences_words()})
        except ConfigError:
            return []

    def _sentences_words(self) -> str:
        return SENTENCES_WORDS.get(self.sentences, SENTENCES_WORDS[2])

    def _start(self, values: Mapping[str, str]) -> list[ChatMessage]:
        return [
            {"role": "system", "content": self.prompts.render("explain.system", values)},
            {"role": "user", "content": self.prompts.render("explain.example.user", values)},
            {"role": "assistant", "content": self.prompts.render("explain.example.assistant", values)},
        ]

    def _generate(
        self,
        messages: list[ChatMessage],
        title: str,
        on_token: TokenSink | None,
        should_stop: StopCheck | None,
        grammar: Grammar | None = None,
    ) -> str:
        assert self.model is not None
        text = ""
        pieces = self.model.stream(messages, max_tokens=self.max_tokens, grammar=grammar)
        for piece in pieces:
            text += piece
            if on_token:
                on_token(clean(piece))
            # Past MAX_CHARS the reply can only end too long: stop, and keep its whole sentences.
            # "Sushi Go!" ends no sentence: the title's own punctuation is not counted; nor does
            # a full stop after a digit yet, which may be a decimal point ("16." of "16.7 km").
            settled = text[:-1] if _DECIMAL_OPEN.search(text) else text
            done = len(sentences(settled.replace(title, "Title"))) >= self.sentences or len(text) > MAX_CHARS
            if (should_stop and should_stop()) or done:
                close = getattr(pieces, "close", None)
                if close:
                    close()  # stop llama.cpp now rather than generating tokens nobody reads
                break
        return text


def _as_asked(asked: Asked | str, avoid: Iterable[str]) -> Asked:
    extra = tuple(avoid)
    if isinstance(asked, str):
        return Asked(words=asked, avoid=extra)
    return replace(asked, avoid=tuple(dict.fromkeys((*asked.avoid, *extra)))) if extra else asked


def _about(facts: ItemFacts, kind: bool) -> str:
    """'Curtain is a book by Agatha Christie.': what it is (unless a reason says so) and who made
    it. No year: a small model copies it wrong ("a movie from 1942"); a year asked for is a reason."""
    noun = facts.kind_noun if kind else None
    person = next(((field, names[0]) for field, names in facts.people if names), None)
    if noun and person:
        verb = role(person[0])[0].removeprefix("is ").replace("written by", "by")
        maker = f"with {person[1]}" if verb == "stars" else f"{verb} {person[1]}"
        return f"{facts.title} is {article(noun)} {noun} {maker}."
    if noun:
        return f"{facts.title} is {article(noun)} {noun}."
    return f"{facts.title} {role(person[0])[0]} {person[1]}." if person else ""


def _sentences(reasons: tuple[Reason, ...]) -> tuple[str, ...]:
    """The reasons in full, for "why this?": every wish met or missed, the liked item, the words."""
    return tuple(r.sentence for r in reasons if r.sort != "fact")
