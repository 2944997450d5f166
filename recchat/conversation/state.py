"""The state of one conversation, beside the long-term profile: the constraints in force, the
topic being explored, the suggestion to stay close to, and the last list (what "the second one"
means). Each turn updates it; retrieval obeys it; it is saved with the conversation so that
`ask --continue` and a resumed app conversation carry on where they were.

How a turn changes it: a new value for a field replaces the old one ("books instead" replaces
the kind and keeps the topic); things to avoid accumulate until asked for again; a turn with
words of its own sets a new topic, and "something completely different" drops the old one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from recchat.conversation.kinds import plural
from recchat.conversation.lifts import Lifted, named_by
from recchat.domain import Constraint, Reference
from recchat.errors import FormatError
from recchat.text import stem, words

STATE_FORMAT = 1
# Dropped first when what was carried over stands in the way of what was just asked.
RELAX_ORDER = ("tag", "category", "person", "number", "year", "kind")
# Labels that read on from a kind without a comma: "movies from the 1990s", "books by ...".
READS_ON = ("from", "for", "by", "with", "at", "about", "not by", "not with", "short", "long")


@dataclass(frozen=True)
class ConversationState:
    constraints: tuple[Constraint, ...] = ()
    topic: str = ""
    anchor: str | None = None  # an item id: "more like the second one"
    last_list: tuple[str, ...] = ()
    shown: tuple[str, ...] = field(default_factory=tuple)  # every suggestion so far, in order

    def heard(
        self,
        constraints: Sequence[Constraint],
        references: Sequence[Reference],
        topic: str,
        fresh: bool,
        *,
        new_request: bool = False,
        refines: bool = False,
        lifted: Lifted | None = None,
        of_the_person: bool = False,
        new_titles: bool = False,
    ) -> ConversationState:
        """The state after one user turn. A new request (another kind of item asked for along
        with other wishes: "a board game for 5 players" after "movies from the 90s") starts
        over, keeping only what to avoid; "books instead" alone is a correction, and keeps the rest."""
        carried = self.constraints
        if new_request:  # a new request keeps what to avoid, and the person a pronoun points at
            carried = tuple(c for c in carried if c.negated or (of_the_person and c.about == "person"))
        if lifted is not None:
            carried = tuple(c for c in carried if not taken_back(c, lifted))
        if new_request:
            fresh = True
        named_genre = any(c.about == "tag" and not c.negated for c in constraints)
        # New genres replace the old, and so does a new topic around titles named ("I loved
        # Heat, anything like it?"): the genre said before was another request. Other words add.
        if fresh or (not refines and (named_genre or (new_titles and bool(topic)))):
            carried = tuple(c for c in carried if c.about != "tag" or c.negated)
        merged = merge(carried, constraints)
        anchors = [r.item_id for r in references if r.act in {"anchor", "like"}]
        anchor = anchors[-1] if anchors else (None if fresh or topic else self.anchor)
        if refines and topic and not fresh:
            topic = f"{self.topic} {topic}".strip()
        new_topic = "" if fresh and not topic else (topic or self.topic)
        return replace(self, constraints=merged, topic=new_topic, anchor=anchor)

    def is_new_request(self, new: Sequence[Constraint], topic: str) -> bool:
        """Another kind of item, asked for along with other wishes, is a new request, not a
        correction of the old one."""
        kinds = {v for c in new if c.about == "kind" and not c.negated for v in _as_tuple(c.value)}
        switched = bool(self.kinds) and bool(kinds) and kinds != set(self.kinds)
        return switched and (bool(topic) or any(c.about != "kind" for c in new))

    def settled(
        self, new: Sequence[Constraint], new_topic: bool, possible: Callable[[Sequence[Constraint]], bool]
    ) -> ConversationState:
        """When what was just asked cannot be met together with what was asked before ("anything
        by Agatha Christie?" while movies were wanted), the latest words win: the earlier wishes in
        the way are dropped, and with them the earlier topic."""
        if not self.constraints or possible(self.constraints):
            return self
        # what was asked before could not be met together either (the last reply relaxed it):
        # the new words are not what stands in the way, so nothing earlier is dropped for them
        if not possible([c for c in self.constraints if c not in new]):
            return self
        # Genres are not settled away: too few of them is for the reply to relax, and say.
        carried = [
            c for about in RELAX_ORDER for c in self.constraints if c.about == about and c not in new and about != "tag"
        ]
        dropped: list[Constraint] = []
        for constraint in (c for c in carried if not c.negated):
            dropped.append(constraint)
            remaining = [c for c in self.constraints if c not in dropped]
            if possible(remaining):
                settled = replace(self, constraints=tuple(remaining))
                return settled if new_topic else replace(settled, topic="", anchor=None)
        return self  # the new wishes cannot be met even alone: the reply relaxes them, openly

    def without_impossible_genres(
        self, new: Sequence[Constraint], possible: Callable[[Sequence[Constraint]], bool]
    ) -> ConversationState:
        """A genre just named that no item of the wanted kind has ("kids" for movies, where only
        books and games are tagged so) is no constraint; its word still guides the search."""
        kinds = [c for c in self.constraints if c.about == "kind"]
        impossible = [c for c in new if c.about == "tag" and not c.negated and not possible([*kinds, c])]
        return replace(self, constraints=tuple(c for c in self.constraints if c not in impossible))

    def suggested(self, item_ids: Sequence[str]) -> ConversationState:
        shown = (*self.shown, *(i for i in item_ids if i not in self.shown))
        return replace(self, last_list=tuple(item_ids), shown=shown)

    @property
    def kinds(self) -> tuple[str, ...]:
        for constraint in self.constraints:
            if constraint.about == "kind" and not constraint.negated:
                value = constraint.value
                return (value,) if isinstance(value, str) else tuple(value)
        return ()

    def to_json(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "constraints": [c.to_json() for c in self.constraints],
            "topic": self.topic,
            "anchor": self.anchor,
            "last_list": list(self.last_list),
            "shown": list(self.shown),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ConversationState:
        """A state saved in this format; another is refused, never read as an empty state (the
        saved conversation rebuilds an older one from its transcript: history.py)."""
        if data.get("format") != STATE_FORMAT:
            raise FormatError(f"conversation state in format {data.get('format')!r}; this recchat reads {STATE_FORMAT}")
        return cls(
            constraints=tuple(Constraint.from_json(c) for c in data.get("constraints", ())),
            topic=str(data.get("topic", "")),
            anchor=data.get("anchor"),
            last_list=tuple(str(i) for i in data.get("last_list", ())),
            shown=tuple(str(i) for i in data.get("shown", ())),
        )


_LENGTH_LABEL = re.compile(r"\b(?:minutes|pages|short|long)\b")


def taken_back(constraint: Constraint, lifted: Lifted) -> bool:
    """Whether 'forget the crime part', 'doesn't have to be short', 'doesn't matter how long'
    takes this wish back (things to avoid are taken back by asking for them)."""
    if constraint.negated:  # taken back by asking for it, or by saying it is fine after all
        allowed = {stem(w) for w in lifted.allowed}
        return bool(allowed & {stem(w) for w in words(f"{constraint.label} {_values(constraint)}")})
    if "length" in lifted.sorts and constraint.about == "number" and _LENGTH_LABEL.search(constraint.label):
        return True
    if "year" in lifted.sorts and constraint.about == "year":
        return True
    if "people" in lifted.sorts and constraint.about == "number" and re.match(r"for (?!age)", constraint.label):
        return True  # a count of people reads 'for 8 players'
    named = {n for w in lifted.words for n in named_by(w)}
    held = {stem(w) for w in words(f"{constraint.label} {constraint.said} {_values(constraint)} {constraint.field}")}
    # 'forget the 12v bit': an amount with its unit names the wish that holds both
    amounts = [m.groups() for w in lifted.words if (m := re.fullmatch(r"(\d+(?:\.\d+)?)([a-z]+)", w))]
    return bool(named & held) or any({number, unit} <= held for number, unit in amounts)


def slot(constraint: Constraint) -> tuple[str, str]:
    """What a constraint is about, for replacing: one kind, one year range, one value per
    numeric field, one person per people field. Things to avoid, and genres, each keep their own."""
    if constraint.negated:
        return ("avoid", f"{constraint.about}:{constraint.field}:{constraint.value}")
    if constraint.about == "tag":
        return ("tag", str(constraint.value))
    if constraint.about in {"kind", "year"}:
        return (constraint.about, "")
    return (constraint.about, constraint.field)


def merge(old: Iterable[Constraint], new: Sequence[Constraint]) -> tuple[Constraint, ...]:
    """Old constraints carry over unless the turn says something new about the same thing; a
    turn that asks for something it once avoided lifts the avoidance ('no books' then 'a book')."""
    replaced = {slot(c) for c in new}
    wanted = {(c.about, _values(c)) for c in new if not c.negated}
    avoided_now = {(c.about, _values(c)) for c in new if c.negated}
    kept = []
    for constraint in old:
        if slot(constraint) in replaced:
            continue
        if constraint.negated and (constraint.about, _values(constraint)) in wanted:
            continue  # asked for again
        if not constraint.negated and (constraint.about, _values(constraint)) in avoided_now:
            continue  # now to avoid
        kept.append(constraint)
    return (*kept, *new)


def _as_tuple(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


def _values(constraint: Constraint) -> str:
    value = constraint.value
    return "|".join(sorted(map(str, value))) if isinstance(value, tuple) else str(value)


def summary(constraints: Sequence[Constraint], *, one: bool = False, leaning: Sequence[str] = ()) -> str:
    """What was understood, in one line: 'Movies from the 1990s, no romance' ('Book by ...'
    when `one` item is meant), and the soft wishes the ranking leans to ('; leaning to funny')."""
    soft = f"leaning to {', '.join(leaning)}" if leaning else ""
    if not constraints:
        return soft[:1].upper() + soft[1:]
    kinds = [c for c in constraints if c.about == "kind" and not c.negated]
    genres = [c.label for c in constraints if c.about == "tag" and not c.negated and c.label]
    rest = list(dict.fromkeys(c.label for c in constraints if c not in kinds and c.label and c.label not in genres))
    head = kinds[0].label if kinds else ""
    if one and kinds and isinstance(kinds[0].value, str):
        head = kinds[0].value
    if genres:  # "science fiction movies", "cozy mystery books"
        head = " ".join([" and ".join(genres), head]).strip()
    if head and rest:
        joined = ", ".join(rest)
        text = f"{head} {joined}" if joined.startswith(READS_ON) else f"{head}, {joined}"
    else:
        text = head or ", ".join(rest)
    text = f"{text}; {soft}" if soft else text
    return text[:1].upper() + text[1:]


def kind_label(values: Sequence[str]) -> str:
    return " or ".join(plural(v) for v in values)
