"""What sort of item a request is for ("a movie for tonight", "something to read", "films",
"a game for the family"), matched to the values of the catalog's own kind field."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from recchat.catalog.schema import CatalogSchema
from recchat.conversation.spans import NEGATOR, Span, Utterance
from recchat.domain import Constraint
from recchat.language import load
from recchat.text import STOPWORDS, fold, root, stem
from recchat.vocabulary import KIND_GROUPS, KIND_VERBS, TAG_SYNONYMS

MAX_WORDS = 3
_MODIFIERS = frozenset(load("negation")["scope"]["modifiers"])
_VERB_OBJECTS = frozenset({"me", "us", "you", "them"})  # "show me", "play us": verbs, not kinds


@dataclass(frozen=True)
class Found:
    """A constraint read from the utterance, and the words it was read from."""

    constraint: Constraint
    span: Span


def _key(words: Iterable[str]) -> str:
    return " ".join(stem(fold(w)) for w in words)  # 'rose' and 'rosés' for 'Rosé'


class KindReader:
    """Words for each value of the kind field: the value itself, its last word ("board game" ->
    "game"), and the everyday words of its group ("film" and "flick" for "movie")."""

    def __init__(self, schema: CatalogSchema) -> None:
        field = schema.kind_field
        self.field = field.name if field else None
        self.values: tuple[str, ...] = tuple(field.values) if field else ()
        self._cues: dict[str, set[str]] = {}
        shared = _compound_heads(self.values)
        for value in self.values:
            for cue in _cues_for(value) - shared:
                self._cues.setdefault(cue, set()).add(value)
        for value in self.values:  # a value's own name means it alone: "miniseries", not every show
            for form in (value.lower(), plural(value.lower())):
                self._cues[_key(form.split())] = {value}
                self._cues[_key(form.replace("-", " ").split())] = {value}  # 'e-bike' is typed as two words
        for phrase, target in TAG_SYNONYMS.items():  # everyday words for a kind value: "bubbly"
            for value in self.values:
                if target == value.lower():
                    self._cues.setdefault(_key(phrase.split()), {value})
        self._verbs = {
            stem(verb): values for verb, noun in KIND_VERBS.items() if (values := self._cues.get(stem(noun)))
        }
        # another form of a one-word value: 'dramatisations' for Dramatised (text.root)
        self._roots = {r: {v} for v in self.values if " " not in v and len(r := root(_key([v.lower()]))) >= 5}
        # single words as typed, singular and plural: what a misspelling is compared with
        self._words = {
            form: {v for v in self.values if _key([form]) in _cues_for(v)}
            for value in self.values
            for member in _members(value)
            for form in (member, plural(member))
            if " " not in form
        }

    @cached_property
    def names(self) -> set[str]:
        """The kind values as written, singular and plural ("board game", "board games")."""
        # as written and as typed without the hyphen ('multi tool' for Multi-Tool)
        written = {form for v in self.values for form in (v.lower(), plural(v.lower()))}
        return written | {form.replace("-", " ") for form in written}

    @property
    def words(self) -> set[str]:
        """Every stemmed cue: kind words carry no topic of their own."""
        return set(self._cues) | set(self._verbs)

    def read(self, said: Utterance, taken: Sequence[Span]) -> list[Found]:
        if self.field is None:
            return []
        found = self._nouns(said, taken)
        if not found:
            found = self._verb(said, taken)
        return found

    def _nouns(self, said: Utterance, taken: Sequence[Span]) -> list[Found]:
        tokens = list(re.finditer(r"[^\W_]+", said.lower))  # letters of any alphabet: 'rosé' is one word
        found: list[Found] = []
        i = 0
        while i < len(tokens):
            for size in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
                window = tokens[i : i + size]
                values = self._cues.get(_key(t.group() for t in window))
                if values is None and size == 1:
                    values = self._misspelt(window[0].group()) or self._roots.get(root(_key([window[0].group()])))
                span = Span(window[0].start(), window[-1].end())
                after = tokens[i + size].group() if i + size < len(tokens) else ""
                if values and after not in _VERB_OBJECTS and not any(span.overlaps(t) for t in taken):
                    kind = self._found(values, span, said)
                    if kind is not None:
                        found.append(kind)
                    i += size
                    break
            else:
                i += 1
        return _merged(found)

    def _misspelt(self, word: str) -> set[str] | None:
        """'moives', 'moveis', 'bokos': one slip (a swap counts as one) in a word of five or more."""
        return misspelt(word, self._words)

    def _verb(self, said: Utterance, taken: Sequence[Span]) -> list[Found]:
        # "something to read", "what should we play": the verb names the kind when no noun does
        for match in re.finditer(r"\b(?:to|we|i|you|can|could|should|good|let'?s)\s+(?=([a-z]+)\b)", said.lower):
            values = self._verbs.get(stem(match.group(1)))
            span = Span(match.start(1), match.end(1))
            kind = self._found(values, span, said) if values and not any(span.overlaps(t) for t in taken) else None
            if kind is not None:
                return [kind]
        return []

    def _found(self, values: set[str], span: Span, said: Utterance) -> Found | None:
        assert self.field is not None
        chosen = tuple(v for v in self.values if v in values)
        negated = said.negated(span)
        if negated and _modified(said, span):
            return None  # "no party games": the party is to avoid, the games are still wanted
        if negated and modified_after(said, span):
            negated = False  # "no books from before 1950": books, from 1950 on
        label = _label(chosen, negated)
        value: str | tuple[str, ...] = chosen[0] if len(chosen) == 1 else chosen
        constraint = Constraint("kind", self.field, "is", value, negated, label, said.text[span.start : span.end])
        return Found(constraint, span)


def misspelt(word: str, known: dict[str, set[str]]) -> set[str] | None:
    """The values of the one known word `word` is a slip of (one edit; a swap is one)."""
    from rapidfuzz.distance import OSA

    word = word.lower()
    if len(word) < 5 or word in known:
        return None
    close = {
        frozenset(values) for form, values in known.items() if form[:1] == word[:1] and OSA.distance(word, form) <= 1
    }
    return set(next(iter(close))) if len(close) == 1 else None


def modified_after(said: Utterance, span: Span) -> bool:
    """A modifier right after the kind word ('books from before 1950', 'a movie by Nolan'): the
    'not' before the kind falls on it."""
    following = re.match(r"\s+([a-z]+)", said.lower[span.end :])
    return following is not None and following.group(1) in _MODIFIERS


def _modified(said: Utterance, span: Span) -> bool:
    """A word of its own between the 'not' and the kind word ('no party games')."""
    clause = said.clause_of(span.start)
    before = said.lower[clause.start : span.start]
    negators = list(NEGATOR.finditer(before))
    between = before[negators[-1].end() :] if negators else ""
    return bool([w for w in re.findall(r"[a-z]+", between) if w not in STOPWORDS and w not in {"too", "more"}])


def _members(value: str) -> set[str]:
    """The words for one kind value: itself, its last word, and its everyday group."""
    words = value.lower().split()
    members = {" ".join(words), words[-1]}
    own = {*members, stem(words[-1])}
    for group in KIND_GROUPS:
        if own & group or {stem(w) for w in own} & {stem(g) for g in group}:
            members.update(group)
    return members


def _compound_heads(values: tuple[str, ...]) -> set[str]:
    """The last word of a kind value of several words that another value ends with as one word
    ('site' of Farm site, where there is Campsite): it names neither alone."""
    heads = {value.lower().split()[-1] for value in values if len(value.split()) > 1}
    ends = {h for h in heads for v in values if " " not in v and v.lower() != h and v.lower().endswith(h)}
    return {_key([form]) for head in ends for form in (head, plural(head))}


def _cues_for(value: str) -> set[str]:
    # singular and plural, each as the stemmer leaves it ("movies" stems to "movy")
    return {_key(form.split()) for member in _members(value) for form in (member, plural(member))}


def _merged(found: list[Found]) -> list[Found]:
    """'movies or books' is one wish for either; 'not a book' stays apart from 'a movie'."""
    positive = [f for f in found if not f.constraint.negated]
    if len(positive) <= 1:
        return found
    values: list[str] = []
    for f in positive:
        value = f.constraint.value
        values.extend([value] if isinstance(value, str) else value)
    first = positive[0]
    merged = Constraint(
        "kind",
        first.constraint.field,
        "is",
        tuple(dict.fromkeys(values)),
        False,
        _label(tuple(dict.fromkeys(values)), False),
        " or ".join(f.constraint.said for f in positive),
    )
    return [Found(merged, first.span), *(f for f in found if f.constraint.negated)]


def plural(value: str) -> str:
    # a participle names no thing to count: 'Unabridged', 'Dramatised' stay as they are ('Beds' do not)
    if value.endswith("s") or (len(value) > 5 and value.endswith("ed") and not value.endswith("eed")):
        return value
    if value.endswith("y") and value[-2:-1] not in set("aeiou"):
        return value[:-1] + "ies"
    return value + "s"


def _label(values: Sequence[str], negated: bool) -> str:
    named = " or ".join(plural(v) for v in values)
    return f"no {named}" if negated else named
