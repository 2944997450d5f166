"""A card's sentence: one of the frames of language/explaining.toml ("{title} {met}, as you
asked, though it {missed}.") filled with the reasons' true wordings. For each card, the frames
its reasons can fill, in an order of its own (so that five cards do not read alike), make a
grammar of every sentence the model may write (recchat.llm.grammar: the subject is the item's
title, every content word one of its values or the person's words for a wish it meets, "as you
asked" only beside a wish it meets, a wish it misses said as missed); without a model the card
shows the first of them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import permutations

from recchat.explain.reasons import Reason
from recchat.language import load
from recchat.llm.grammar import Grammar, Part

_SLOT = re.compile(r"\{(\w+)\}")
MAX_TEXT = 240  # characters: longer sentences are not offered (the checks allow 260)
MET_AT_ONCE = 2  # wishes met named in one sentence
FACTS_OFFERED = 2  # the item's first facts (its people, tags, kind, year ...) are the telling ones


@dataclass(frozen=True)
class Frame:
    text: str
    needs: frozenset[str]

    @property
    def claims_all(self) -> bool:
        return "all met" in self.needs


@cache
def frames() -> tuple[Frame, ...]:
    return tuple(Frame(str(f["text"]), frozenset(map(str, f["needs"]))) for f in load("explaining")["frame"])


@dataclass(frozen=True)
class Slots:
    """The reasons of one card, by the slot they fill."""

    met: tuple[Reason, ...]
    missed: tuple[Reason, ...]
    facts: tuple[Reason, ...]
    like: Reason | None
    words: Reason | None
    complete: bool = True  # it meets every wish of the request (some may have no reason to say so)

    @classmethod
    def of(cls, reasons: Sequence[Reason], complete: bool = True) -> Slots:
        like = next((r for r in reasons if r.sort in ("like", "together") and r.about), None)
        return cls(
            met=tuple(r for r in reasons if r.asked),
            missed=tuple(r for r in reasons if r.sort == "missed"),
            facts=tuple(r for r in reasons if r.sort == "fact"),
            like=like,
            words=next((r for r in reasons if r.sort == "words"), None),
            complete=complete and not any(r.sort == "missed" for r in reasons),
        )

    @property
    def available(self) -> set[str]:
        found = {"met"} if self.met else set()
        found |= {"all met"} if self.met and self.complete else set()
        found |= {"said"} if any(r.said for r in self.met) else set()
        found |= {"missed"} if self.missed else set()
        found |= {"fact"} if self.facts else set()
        found |= {"fact2"} if len(self.facts) > 1 else set()
        found |= {"liked"} if self.like is not None else set()
        found |= {"words"} if self.words is not None else set()
        return found

    def fits(self, frame: Frame) -> bool:
        """A frame this card can fill, and one that says what matters most: the wish missed
        when there is one, else a wish met, else the liked item, the person's words, the facts."""
        if not frame.needs <= self.available:
            return False
        for slot, present in (
            ("missed", self.missed),
            ("met", self.met),
            ("liked", self.like),
            ("words", self.words),
            ("fact", self.facts),
        ):
            if present:
                return slot in frame.needs
        return not frame.needs


@dataclass(frozen=True)
class Plan:
    """The frames one card can be written in, in its own order, and their fillings."""

    title: str
    slots: Slots
    order: tuple[Frame, ...]

    def grammar(self, start: int = 0, count: int = 2) -> Grammar:
        """Every sentence of `count` frames from `start` (wrapping round)."""
        chosen = [self.order[(start + i) % len(self.order)] for i in range(min(count, len(self.order)))]
        options = [option for frame in chosen for option in self._options(frame)]
        return Grammar.choice(*options)

    def text(self) -> str:
        """The first frame, filled with the first wordings: the card without a model."""
        return "".join(p if isinstance(p, str) else p.first() for p in next(self._options(self.order[0])))

    def frame_of(self, text: str) -> Frame | None:
        return next((f for f in self.order if Grammar.choice(*self._options(f)).accepts(text)), None)

    def _options(self, frame: Frame) -> Iterator[tuple[Part, ...]]:
        found = False
        for filling in self._fillings(frame):
            option = _filled(frame.text, filling)
            if _longest(option) <= MAX_TEXT:
                found = True
                yield option
        if not found:  # every filling too long: the shortest of them still says it truly
            fillings = [_filled(frame.text, f) for f in self._fillings(frame)]
            if fillings:
                yield min(fillings, key=_longest)

    def _fillings(self, frame: Frame) -> Iterator[dict[str, Part]]:
        slots, needs = self.slots, frame.needs
        base: dict[str, Part] = {"title": self.title}
        if slots.like is not None:
            # Named once: "If you liked Titanic, X is a favourite of people who liked it too."
            shared = (w.replace(slots.like.about, "it") for w in slots.like.wordings)
            base |= {"liked": slots.like.about, "shared": Grammar.choice(*shared)}
        if slots.words is not None:
            base |= {"words": _wordings(slots.words)}
        if slots.missed:
            base |= {"missed": Grammar.choice(*(_wordings(r) for r in slots.missed[:2]))}
        for met in _met_choices(slots.met, said="said" in needs):
            filling = dict(base)
            if met:
                filling["met"] = _joined(met)
                filling["said"] = met[0].said
            for facts in _fact_choices(slots.facts, two="fact2" in needs):
                yield (
                    filling | {"fact": facts[0], "fact2": facts[1]}
                    if len(facts) > 1
                    else filling | ({"fact": facts[0]} if facts else {})
                )


def _met_choices(met: Sequence[Reason], *, said: bool) -> Iterator[tuple[Reason, ...]]:
    """Pairs of wishes met first (a card that names two says more), then each alone; with
    `said`, the first one named is one the person put in words."""
    if not met:
        yield ()
        return
    quoted = [r for r in met if r.said][:1] if said else []
    strongest = (quoted + [r for r in met if r not in quoted])[:3]
    # Two wishes named when two are met (a card that names both says more), else the one.
    for chosen in permutations(strongest, min(MET_AT_ONCE, len(strongest))):
        if not said or chosen[0].said:
            yield chosen


def _fact_choices(facts: Sequence[Reason], *, two: bool) -> Iterator[tuple[Grammar, ...]]:
    if not facts:
        yield ()
        return
    if two:
        for first, second in permutations(facts[:3], 2):
            yield _wordings(first), _wordings(second)
        return
    for fact in facts[:FACTS_OFFERED]:
        yield (_wordings(fact),)


def _wordings(reason: Reason) -> Grammar:
    return Grammar.choice(*reason.wordings)


def _joined(reasons: Sequence[Reason]) -> Grammar:
    parts: list[Part] = []
    for i, reason in enumerate(reasons):
        parts += [" and "] if i else []
        parts.append(_wordings(reason))
    return Grammar.sequence(*parts)


def _filled(text: str, filling: dict[str, Part]) -> tuple[Part, ...]:
    parts: list[Part] = []
    at = 0
    for slot in _SLOT.finditer(text):
        parts.append(text[at : slot.start()])
        parts.append(filling[slot.group(1)])
        at = slot.end()
    parts.append(text[at:])
    return tuple(p for p in parts if p != "")


def _longest(option: Sequence[Part]) -> int:
    return sum(len(p) if isinstance(p, str) else max(len(t) for t in p.texts(200)) for p in option)


def plan(
    title: str, reasons: Sequence[Reason], offset: int, avoid: Sequence[str] = (), *, complete: bool = True
) -> Plan:
    """The card's frames: those its reasons fit, from `offset` round, frames in `avoid` (used by
    the cards just before) last. `complete`: the item meets every wish of the request."""
    slots = Slots.of(reasons, complete)
    fitting = [f for f in frames() if slots.fits(f)]
    if not fitting:
        fitting = [f for f in frames() if not f.needs]
    turned = fitting[offset % len(fitting) :] + fitting[: offset % len(fitting)]
    order = sorted(turned, key=lambda f: f.text in avoid)
    return Plan(title, slots, tuple(order))
