"""One utterance read for what it asks of the catalog: the explicit constraints (kind, years,
numbers on fields, people, things to avoid), the suggestions it points at, and the topic that
is left once those words are taken out ("thoughtful science fiction"), against one catalog's
learned schema. Rules, not a model: fast, predictable, testable, and the same for any catalog."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from recchat.catalog.library import CatalogIndex
from recchat.catalog.schema import CatalogSchema, FieldKind
from recchat.conversation.avoid import read_avoid, read_name_avoid, read_title_avoid
from recchat.conversation.genres import TagSpans, alternatives_label, requested_genres
from recchat.conversation.kinds import Found, KindReader
from recchat.conversation.lifts import Lifted, read_lifts
from recchat.conversation.numbers import NumberFields, counted, read_numbers, stem_noun
from recchat.conversation.people import PeopleReader
from recchat.conversation.references import Shown, read_references
from recchat.conversation.spans import Span, Utterance
from recchat.conversation.times import YearContext, read_years
from recchat.domain import Constraint, Reference
from recchat.text import content_words, stem

# Words about the conversation itself, not the topic ("actually, books instead").
_FILLER = frozenset(
    """actually instead rather maybe perhaps please thanks ok okay hmm well also again else
    different completely totally entirely something anything suggestion suggestions option options
    recommend recommendation recommendations one ones idea ideas prefer preferably ideally
    vein lines along look looks looking sort kind type possible please plz pls tonight today
    tomorrow weekend evening night now still tho though honestly anyway stuff make just ok matter
    acted act starred been
    older newer earlier later recent latest modern old new vintage published released came out made
    vibe vibes feel same similar style along vein sorts
    sounds sound good great perfect nice cool interesting fine awesome lovely yes yeah sure
    no not nothing none without never hate hated dislike disliked adore adored
    already starring featuring directed written made
    """.split()
)
# "more recent", "more modern": a comparison, not a wish for more items
_WANTS_NEW = re.compile(
    r"\b(?:other|others|else|another|new|different|rest|besides|instead|"
    r"more(?!\s+(?:recent|modern|current|up[\s-]to[\s-]date|\w+(?:ous|ful|ic|al|ive|ing|ed|y)\b)))\b"
)
# Length words beside an explicit length ("a quick game, 20 minutes tops"): said already.
_LENGTH_WORDS = frozenset("quick quickly short shorter brief fast long longer lengthy epic".split())
_REFINES = re.compile(
    r"^\W*(?:with|and|also|plus|preferably|ideally|but\s+with|maybe\s+with|especially)\b|\b(?:too|as\s+well|also)\W*$"
)
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b")
_FRESH = re.compile(
    r"\b(?:something|anything)\s+(?:completely|totally|entirely|really|very)?\s*different\b"
    r"|\b(?:change\s+of\s+(?:topic|subject|plan)|start\s+over|forget\s+(?:that|it|all\s+that)|new\s+topic)\b"
)


@dataclass(frozen=True)
class Context:
    """What the conversation brings to reading one utterance."""

    shown: Sequence[Shown] = ()  # the last list, in order
    shown_years: Sequence[int] = ()
    wanted_kinds: tuple[str, ...] = ()  # the kind in force before this turn, if any


@dataclass(frozen=True)
class Heard:
    constraints: tuple[Constraint, ...] = ()
    references: tuple[Reference, ...] = ()
    topic: str = ""  # what is left to search by, once constraints and pointers are taken out
    fresh: bool = False  # "something completely different": drop the carried topic
    refines: bool = False  # "with dragons", "and funny": adds to the topic rather than replacing it
    wants_new: bool = False  # "other ones", "anything else", "more": nothing shown before, please
    lifted: Lifted = field(default_factory=Lifted)  # wishes taken back: "forget the crime part"
    of_the_person: bool = False  # "what else has she been in?": the person asked about stays
    spans: tuple[Span, ...] = field(default_factory=tuple)


class RequestReader:
    def __init__(
        self,
        schema: CatalogSchema,
        index: CatalogIndex,
        tags_in: Callable[[str], tuple[str, ...]],
        generic: set[str],
        tag_spans: TagSpans,
        held: Callable[[str], bool] | None = None,
    ) -> None:
        """`held(words)`: does any item's text hold these words? A word to avoid that none
        holds ("not an endless weekly thing") rules nothing out and is not taken as one."""
        self.schema = schema
        self.index = index
        self.kinds = KindReader(schema)
        self.people = PeopleReader(schema, index, ignore=set(generic) | self.kinds.words)
        self._tags_in = tags_in
        self._tag_spans = tag_spans
        self._held = held
        # kind words carry no topic, unless the catalog has them as genres ("sitcom")
        genres = {w for w in self.kinds.words if self._tags_in(w) and w not in self.kinds.names}
        self._generic = (set(generic) | self.kinds.words) - genres
        years = [e.year for e in index.entries if e.year]
        year_fields = schema.with_role("year")
        self._year_field = year_fields[0].name if year_fields else "year"
        self._years = (min(years), max(years)) if years else None
        self._numbers = _number_fields(schema, index)
        # tags, and the catalog's list fields that hold tag-like values ("genres", "shelves")
        self.tag_field = "|".join(["tags", *(f.name for f in schema.fields if f.kind is FieldKind.LIST)])

    def read(self, text: str, context: Context, named: Sequence[tuple[str, Span]] = ()) -> Heard:
        """`named`: items whose titles the utterance names (found by the title matcher), with spans."""
        said = Utterance(text)
        titles = [span for _, span in named]
        pointed = read_references(said, context.shown, named)
        lifted = read_lifts(said)
        lifted = replace(lifted, words=(*lifted.words, *self._tags_in(" ".join(lifted.words))))
        taken: list[Span] = [*titles, *pointed.spans, *lifted.spans]
        found: list[Found] = read_name_avoid(said, taken)
        for reader in (self._kinds, self._people, self._years_in, self._numbers_in, self._avoid):
            found += reader(said, [*taken, *(f.span for f in found)], context, pointed.references, named)
        found += read_title_avoid(said, [s for s in titles if not any(s.overlaps(p) for p in pointed.spans)])
        spans = (*pointed.spans, *lifted.spans, *(f.span for f in found))
        fresh = bool(_FRESH.search(said.lower))
        lengths = any(f.constraint.field in self._numbers.lengths for f in found)
        topic = self.topic(said, [*spans, *titles], _LENGTH_WORDS if lengths else frozenset())
        # genres may share words with the kind ("a card game", "a horror movie")
        not_kinds = [f.span for f in found if f.constraint.about != "kind"]
        tag_text = self.topic(
            said, [*pointed.spans, *lifted.spans, *not_kinds, *titles], _LENGTH_WORDS if lengths else frozenset()
        )
        genres = requested_genres(said, self._tags_in(tag_text), self._tag_spans)
        wanted = [self._tag(group) for group in genres]
        return Heard(
            constraints=(*wanted, *(self._on_tags(f.constraint) for f in found)),
            references=pointed.references,
            topic=topic,
            fresh=fresh,
            refines=bool(_REFINES.match(said.lower)),
            wants_new=bool(_WANTS_NEW.search(said.lower)),
            lifted=lifted,
            of_the_person=bool(_PERSON_PRONOUN.search(said.lower)),
            spans=tuple(spans),
        )

    def _tag(self, group: tuple[str, ...]) -> Constraint:
        """A genre or tag named in the request is asked for, not just hinted at; several named
        as alternatives ("comedy or action"), any of them."""
        value: str | tuple[str, ...] = group[0] if len(group) == 1 else group
        label = alternatives_label(group)
        return Constraint("tag", self.tag_field, "has", value, False, label, label)

    def _on_tags(self, constraint: Constraint) -> Constraint:
        return replace(constraint, field=self.tag_field) if constraint.about == "tag" else constraint

    def topic(self, said: Utterance, spans: Sequence[Span], also: frozenset[str] = frozenset()) -> str:
        """The words left once constraints, pointers, titles, kinds and negated clauses are out
        (and `also` these words)."""
        kept = []
        for clause in said.clauses:
            for match in re.finditer(r"[A-Za-z0-9][A-Za-z0-9'-]*", said.text[clause.start : clause.end]):
                span = Span(clause.start + match.start(), clause.start + match.end())
                if said.negated(span) or any(span.overlaps(s) for s in spans):
                    continue
                kept.append(match.group())
        words = [
            w
            for w in content_words(" ".join(kept))
            if w not in _FILLER and w not in also and stem(w) not in self._generic
        ]
        return " ".join(words)

    # -- the readers, one signature each ------------------------------------------------------

    def _kinds(self, said: Utterance, taken: list[Span], *_: object) -> list[Found]:
        # a word that is one of the catalog's genres and no kind of its own ("sitcom") is a genre
        return [
            f
            for f in self.kinds.read(said, taken)
            if f.constraint.said.lower() in self.kinds.names or not self._tags_in(f.constraint.said)
        ]

    def _people(
        self, said: Utterance, taken: list[Span], _: Context, __: object, named: Sequence[tuple[str, Span]]
    ) -> list[Found]:
        return self.people.read(said, taken, [span for _, span in named])

    def _years_in(
        self,
        said: Utterance,
        taken: list[Span],
        context: Context,
        references: Sequence[Reference],
        named: Sequence[tuple[str, Span]],
    ) -> list[Found]:
        if self._years is None:
            return []
        by_id = self.index.by_id
        pointed = [r.item_id for r in references] + [item for item, _ in named]
        referenced = [y for i in pointed if i in by_id and (y := by_id[i].year)]
        year_context = YearContext(
            self._year_field, self._years[1], self._years[0], referenced, list(context.shown_years)
        )
        return read_years(said, taken, year_context)

    def _numbers_in(self, said: Utterance, taken: list[Span], context: Context, *_: object) -> list[Found]:
        kinds = _kinds_said(taken, said, self.kinds) or context.wanted_kinds
        present = self._numbers.present(kinds)
        fields = NumberFields(
            players=self._numbers.players,
            minutes=self._numbers.minutes,
            pages=self._numbers.pages,
            thirds=self._numbers.thirds_for(kinds),
            present=present,
            games=bool(self._numbers.players and self._numbers.players in present),
        )
        found = read_numbers(said, taken, fields)
        return found + counted(said, [*taken, *(f.span for f in found)], self._numbers.counts)

    def _avoid(self, said: Utterance, taken: list[Span], *_: object) -> list[Found]:
        found = read_avoid(said, taken, self._tags_in, self._generic)
        held = self._held
        return [f for f in found if held is None or f.constraint.about != "word" or held(str(f.constraint.value))]


def _kinds_said(taken: list[Span], said: Utterance, kinds: KindReader) -> tuple[str, ...]:
    """The kind this very utterance asks for, if the kind reader found one (read again: cheap)."""
    found = [f for f in kinds.read(said, []) if not f.constraint.negated]
    if not found:
        return ()
    value = found[0].constraint.value
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass
class _NumberFieldsOfCatalog:
    players: str | None
    minutes: str | None
    pages: str | None
    thirds: dict[str, tuple[float, float]]
    by_kind: dict[str, set[str]]  # kind value -> numeric fields its items have
    kind_field: str | None
    counts: dict[str, str] = field(default_factory=dict)  # noun -> other number field ("season" -> Seasons)
    kind_thirds: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)

    def thirds_for(self, kinds: Sequence[str]) -> dict[str, tuple[float, float]]:
        """'Short' for the one kind asked for is short among its own items (a short documentary
        is not a short podcast episode); otherwise among all."""
        return self.kind_thirds.get(kinds[0], self.thirds) if len(kinds) == 1 else self.thirds

    @property
    def lengths(self) -> set[str]:
        return {f for f in (self.minutes, self.pages) if f}

    def present(self, kinds: Sequence[str]) -> frozenset[str]:
        if not kinds or self.kind_field is None:
            return frozenset(set().union(*self.by_kind.values()) if self.by_kind else set())
        return frozenset(set().union(*(self.by_kind.get(k, set()) for k in kinds)))


def _number_fields(schema: CatalogSchema, index: CatalogIndex) -> _NumberFieldsOfCatalog:
    def first(role: str) -> str | None:
        found = schema.with_role(role)
        return found[0].name if found else None

    players, minutes, pages = first("players"), first("minutes"), first("pages")
    kind_field = schema.kind_field.name if schema.kind_field else None
    numeric = [f for f in (players, minutes, pages) if f]
    by_kind: dict[str, set[str]] = {}
    values: dict[str, list[float]] = {f: [] for f in numeric}
    of_kind: dict[str, dict[str, list[float]]] = {}
    for entry in index.entries:
        kind = str(entry.facts.get(kind_field, "")) if kind_field else ""
        for name in numeric:
            value = entry.facts.get(name)
            if value is None:
                continue
            by_kind.setdefault(kind, set()).add(name)
            number = float(max(value)) if isinstance(value, list) else float(value)
            values[name].append(number)
            of_kind.setdefault(kind, {}).setdefault(name, []).append(number)
    kind_thirds = {kind: _thirds(found) for kind, found in of_kind.items()}
    return _NumberFieldsOfCatalog(
        players, minutes, pages, _thirds(values), by_kind, kind_field, _counted_fields(schema), kind_thirds
    )


def _thirds(values: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    """(a third, two thirds) of each field's values: where 'short' ends and 'long' begins."""
    thirds = {}
    for name, found in values.items():
        found.sort()
        if found:
            thirds[name] = (found[len(found) // 3], found[2 * len(found) // 3])
    return thirds


_NOT_A_NOUN = frozenset("number num no count total of my avg average the".split())


def _counted_fields(schema: CatalogSchema) -> dict[str, str]:
    """Number fields without a role, by the noun their name ends in ("Number of Seasons" ->
    season): what "at least 10 seasons" is about."""
    nouns: dict[str, str] = {}
    for info in schema.fields:
        if info.kind is not FieldKind.NUMBER or info.role:
            continue
        words = [w for w in re.findall(r"[a-z]+", info.name.lower()) if w not in _NOT_A_NOUN]
        if words and len(words[-1]) >= 4:
            nouns.setdefault(stem_noun(words[-1]), info.name)
    return nouns
