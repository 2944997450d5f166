"""The people of an item, asked for again or away from: "anything by the same author?" (the
author of the title just named, or of the item pointed at), "something like it from a different
designer", "someone else", "not that director". The nouns are the catalog's people fields' own
names ("Author(s)", "designers") and a few general ones (language/people.toml)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from recchat.catalog.schema import CatalogSchema, FieldKind
from recchat.conversation.kinds import Found
from recchat.conversation.references import Shown, act_of
from recchat.conversation.spans import Span, Utterance
from recchat.domain import Constraint, Reference
from recchat.language import alternation, load
from recchat.text import stem


@dataclass(frozen=True)
class PeopleOf:
    """One item's people, field by field, as the index keeps them."""

    fields: Mapping[str, Sequence[str]]


class SamePeople:
    def __init__(self, schema: CatalogSchema) -> None:
        self._fields = [f.name for f in schema.fields if f.kind is FieldKind.PEOPLE]
        data = load("people")
        nouns = {stem(w) for name in self._fields for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 2}
        nouns |= set(data["same_people"]["nouns"])
        self._by_noun = {stem(w): name for name in self._fields for w in re.findall(r"[a-z]+", name.lower())}
        noun = rf"(?P<noun>{alternation(nouns | {n + 's' for n in nouns})})"
        self._same = re.compile(rf"\b(?:{alternation(data['same_people']['before'])})\s+{noun}\b")
        self._other = re.compile(
            rf"\b(?:{alternation(data['other_people']['before'])})\s+{noun}\b"
            rf"|\b(?:{alternation(data['other_people']['words'])})\b"
        )

    def read(self, said: Utterance, taken: Sequence[Span], pivot: PeopleOf | None) -> list[Found]:
        """Constraints on the pivot item's people: had ('same'), or to avoid ('different')."""
        if not self._fields or pivot is None:
            return []
        for pattern, negated in ((self._same, False), (self._other, True)):
            match = pattern.search(said.lower)
            if match is None or any(Span(match.start(), match.end()).overlaps(t) for t in taken):
                continue
            noun = match.groupdict().get("noun") or ""
            field = self._by_noun.get(stem(noun.rstrip("s"))) or self._by_noun.get(stem(noun))
            fields = [field] if field else [f for f in self._fields if pivot.fields.get(f)]
            names = tuple(dict.fromkeys(n for f in fields for n in pivot.fields.get(f, ())))
            if not names:
                continue
            value: str | tuple[str, ...] = names[0] if len(names) == 1 else names
            listed = " or ".join(names)
            label = f"not by {listed}" if negated else f"by {listed}"
            span = Span(match.start(), match.end())
            text = said.text[span.start : span.end]
            return [Found(Constraint("person", "|".join(fields), "has", value, negated, label, text), span)]
        return []


def pointing_by_person(
    said: Utterance, found: list[Found], shown: Sequence[tuple[Shown, Mapping[str, Any]]]
) -> tuple[list[Found], list[Reference]]:
    """'the trevor noah one': a person read as a way to point at the items of the last list that
    are theirs (those items are referred to, what the turn says of them acted on), not as a wish
    for their work. The other readings are kept."""
    kept: list[Found] = []
    pointing: list[Reference] = []
    for one in found:
        constraint, span = one.constraint, one.span
        the_one = re.match(r"\s+ones?\b", said.lower[span.end :]) and re.search(r"\bthe\s+$", said.lower[: span.start])
        theirs = [item for item, facts in shown if _has_person(facts, constraint.value)]
        if constraint.about == "person" and the_one and theirs:
            pointing += [Reference(item.item_id, item.title, act_of(said, span)) for item in theirs]
        else:
            kept.append(one)
    return kept, pointing


def _has_person(facts: Mapping[str, Any], value: Any) -> bool:
    names = {str(v).lower() for v in (value if isinstance(value, tuple) else (value,))}
    return any(str(n).lower() in names for v in facts.values() if isinstance(v, list) for n in v)
