"""A small grammar over text for constrained generation: a choice between sequences of literal
text and smaller grammars. recchat builds one per explanation (recchat/explain/frames.py) so that
every sentence a model can write is true of its item; a backend that can constrain its sampling
(llama.cpp: GBNF) follows it, and the same object lists, checks and picks sentences in Python
(for the fake model and the tests)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Union

Part = Union[str, "Grammar"]


@dataclass(frozen=True, eq=False)
class Grammar:
    options: tuple[tuple[Part, ...], ...]

    @classmethod
    def choice(cls, *alternatives: Part | Sequence[Part]) -> Grammar:
        """One of the alternatives; each a piece of text, a grammar, or a sequence of them."""
        options = []
        for alternative in alternatives:
            sequence = (alternative,) if isinstance(alternative, str | Grammar) else tuple(alternative)
            if sequence not in options:
                options.append(sequence)
        if not options:
            raise ValueError("a grammar needs at least one alternative")
        return cls(tuple(options))

    @classmethod
    def sequence(cls, *parts: Part) -> Grammar:
        return cls((tuple(parts),))

    def texts(self, limit: int = 10_000) -> list[str]:
        """Every text the grammar allows, up to `limit` of them, in the order of its options."""
        return list(islice(self._texts(), limit))

    def _texts(self) -> Iterator[str]:
        for option in self.options:
            yield from _joined(option)

    def first(self) -> str:
        """The text of the first option all the way down."""
        return next(self._texts())

    def accepts(self, text: str) -> bool:
        return len(text) in self._ends(text, 0, {})

    def _ends(self, text: str, start: int, memo: dict[tuple[int, int], frozenset[int]]) -> frozenset[int]:
        key = (id(self), start)
        if key not in memo:
            found: set[int] = set()
            for option in self.options:
                found |= _sequence_ends(option, text, start, memo)
            memo[key] = frozenset(found)
        return memo[key]

    def after(self, text: str) -> Grammar | None:
        """What may follow `text`: the rest of every sentence that begins with it (None: none does)."""
        rests = [rest for option in self.options for rest in _rests(option, text)]
        return Grammar.choice(*rests) if rests else None

    def lead(self) -> tuple[str, bool]:
        """The text every sentence of the grammar begins with, and whether it is the only sentence."""
        leads = [_sequence_lead(option) for option in self.options]
        common = _common_start([text for text, _ in leads])
        return common, all(whole and text == common for text, whole in leads)

    def gbnf(self) -> str:
        """The grammar in llama.cpp's GBNF, its start rule named root."""
        names: dict[int, str] = {}
        rules: list[str] = []
        self._rule(names, rules)
        return "\n".join(rules) + "\n"

    def _rule(self, names: dict[int, str], rules: list[str]) -> str:
        if id(self) in names:
            return names[id(self)]
        name = "root" if not names else f"r{len(names)}"
        names[id(self)] = name
        at = len(rules)
        rules.append("")
        body = " | ".join(" ".join(_symbol(p, names, rules) for p in option) or '""' for option in self.options)
        rules[at] = f"{name} ::= {body}"
        return name


def _symbol(part: Part, names: dict[int, str], rules: list[str]) -> str:
    if isinstance(part, Grammar):
        return part._rule(names, rules)
    return _literal(part)


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _joined(parts: Sequence[Part]) -> Iterator[str]:
    if not parts:
        yield ""
        return
    head, rest = parts[0], parts[1:]
    heads = [head] if isinstance(head, str) else head._texts()
    for text in heads:
        for tail in _joined(rest):
            yield text + tail


def _sequence_ends(
    parts: Sequence[Part], text: str, start: int, memo: dict[tuple[int, int], frozenset[int]]
) -> set[int]:
    positions = {start}
    for part in parts:
        after: set[int] = set()
        for position in positions:
            if isinstance(part, str):
                if text.startswith(part, position):
                    after.add(position + len(part))
            else:
                after |= part._ends(text, position, memo)
        positions = after
        if not positions:
            break
    return positions


def _rests(parts: Sequence[Part], text: str) -> Iterator[tuple[Part, ...]]:
    """The remainders of the sequence `parts` after `text`, a grammar opened up only where the
    text runs through it."""
    if not text:
        yield tuple(parts)
        return
    if not parts:
        return
    head, rest = parts[0], tuple(parts[1:])
    if isinstance(head, str):
        if text.startswith(head):
            yield from _rests(rest, text[len(head) :])
        elif head.startswith(text):
            yield (head[len(text) :], *rest)
        return
    for option in head.options:
        yield from _rests((*option, *rest), text)


def _common_start(texts: Sequence[str]) -> str:
    shortest = min(texts, key=len)
    for at, char in enumerate(shortest):
        if any(text[at] != char for text in texts):
            return shortest[:at]
    return shortest


def _sequence_lead(parts: Sequence[Part]) -> tuple[str, bool]:
    text = ""
    for part in parts:
        if isinstance(part, str):
            text += part
            continue
        lead, whole = part.lead()
        text += lead
        if not whole:
            return text, False
    return text, True
