"""One utterance read for what it asks of the catalog: the explicit constraints (kind, years,
numbers on fields, people, things to avoid), the suggestions it points at, and the topic that
is left once those words are taken out ("thoughtful science fiction"), against one catalog's
learned schema. Rules, not a model: fast, predictable, testable, and the same for any catalog."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from recchat.catalog.library import CatalogIndex
from recchat.catalog.schema import CatalogSchema, FieldKind
from recchat.conversation.avoid import read_avoid, read_name_avoid, read_title_avoid
from recchat.conversation.day_parts import parts_of_week, times_of_day
from recchat.conversation.genres import requested_genres
from recchat.conversation.graded import graded_fields, read_graded
from recchat.conversation.kinds import Found, KindReader
from recchat.conversation.lifts import Lifted, read_lifts
from recchat.conversation.measured import MeasuredFields, Pivot
from recchat.conversation.opposites import opposite_said
from recchat.conversation.people import PeopleReader
from recchat.conversation.people_table import PeopleTable
from recchat.conversation.references import Pointed, Shown, read_references
from recchat.conversation.relative import SHARED_ROOT, Ordinal, or_beyond, ordinal_fields, read_scaled
from recchat.conversation.same_people import PeopleOf, SamePeople, pointing_by_person
from recchat.conversation.spans import Span, Utterance
from recchat.conversation.times import YearContext, read_years
from recchat.conversation.unused import Catalogued, unused_wishes
from recchat.conversation.values import Value, ValueVocabulary, plain, value_constraint
from recchat.domain import Constraint, Reference
from recchat.language import alternation, everyday_words, load
from recchat.ranking.filters import ALL_TEXT
from recchat.text import content_words, normalise_title, root, stem

MAX_LEANING = 4  # soft wishes said in the understood line
NAME_WORDS = 5  # a text field's value longer than this is a note, not a name
RARE_WORD_SHARE = 0.1  # a word of the items' fields held by at most this share of them names them
MOST_ITEMS = 0.5  # a word in more of the items' texts than this distinguishes none of them
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
) | frozenset(w for w in load("feelings")["seen"]["words"] if " " not in w)  # "we've played the first two"
# Of those, words a category field may hold as a value of its own (a class in the 'Evening', a
# 'Modern' style): read as that value where a category has it.
_CATEGORY_WORDS = frozenset({"evening", "night", "weekend", "modern", "vintage"})
_SEEN_WORDS = frozenset(w for w in load("feelings")["seen"]["words"] if " " not in w)
# "more recent", "more modern": a comparison, not a wish for more items
_WANTS_NEW = re.compile(
    r"\b(?:other|others|else|another|new|different|rest|besides|instead|"
    r"more(?!\s+(?:recent|modern|current|up[\s-]to[\s-]date|\w+(?:ous|ful|ic|al|ive|ing|ed|y)\b)))\b"
)
# Measure words beside an explicit amount ("a quick game, 20 minutes tops", "a small one, under
# 30cm tall"): said already, by the amount (language/measures.toml, one-word entries).
_LENGTH_WORDS = frozenset(
    w
    for section in ("adjective", "comparative", "named")
    for entry in load("measures")[section]
    for w in entry["words"]
    if " " not in w
)
_REFINES = re.compile(
    r"^\W*(?:with|and|also|plus|preferably|ideally|but\s+with|maybe\s+with|especially)\b|\b(?:too|as\s+well|also)\W*$"
)
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b")
_CONTRAST_HEAD = re.compile(rf"\b(?:{alternation(load('negation')['contrast']['words'])})\s+(?:(?:an?|some)\s+)?$")
_CONTRAST_GAP = re.compile(r"\s*,\s*(?:(?:an?|some)\s+)?")
_LIST_GOES_ON = re.compile(r"\s*(?:,|or\b|and\b|nor\b)")
_CORRECTION = re.compile(rf"\b(?:{alternation(load('negation')['corrections']['words'])})\b")
_PLACED = re.compile(rf"\b(?:{alternation(load('places')['placed']['words'])})\s+(?:the\s+)?$")
_THAN_SHOWN = re.compile(rf"\b(?:{alternation(load('comparisons')['than_shown']['words'])})\b")
_FRESH = re.compile(
    r"\b(?:something|anything)\s+(?P<how>completely|totally|entirely|really|very)?\s*different\b"
    r"|\b(?:change\s+of\s+(?:topic|subject|plan)|start\s+over|forget\s+(?:that|it|all\s+that)|new\s+topic)\b"
)


@dataclass(frozen=True)
class Context:
    """What the conversation brings to reading one utterance."""

    shown: Sequence[Shown] = ()  # the last list, in order
    shown_years: Sequence[int] = ()
    wanted_kinds: tuple[str, ...] = ()  # the kind in force before this turn, if any
    measured: tuple[str, ...] = ()  # number fields the conversation put amounts on, oldest first
    bounds: tuple[tuple[str, str], ...] = ()  # (field, op) of those amounts: 'make it 100' keeps the op
    met: tuple[str, ...] = ()  # the shown items that met the request ("cheaper than those": than these)


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
    unused: tuple[str, ...] = ()  # wishes read but not usable here: "nothing here records distances"
    leaning: tuple[str, ...] = ()  # soft wishes the ranking leans to: "thoughtful"


class RequestReader:
    def __init__(
        self,
        schema: CatalogSchema,
        index: CatalogIndex,
        values: ValueVocabulary,
        generic: set[str],
        held: Callable[[str], float] | None = None,
        people: PeopleTable | None = None,
    ) -> None:
        """`held(words)`: does any item's text hold these words? A word to avoid that none
        holds ("not an endless weekly thing") rules nothing out and is not taken as one.
        `people`: the catalog's people as saved at import (counted from the index without)."""
        self.schema = schema
        self.index = index
        self.kinds = KindReader(schema)
        # a word that names one of the catalog's values ('rioja', 'blanc') is no person's name alone
        value_words = {w for key in values.spellings for w in key.split()}
        self.people = PeopleReader(schema, index, set(generic) | self.kinds.words | value_words, people)
        self.values = values
        self._value_words = value_words
        self._tags_in = values.tags_in
        self._held = held
        # kind words carry no topic, unless the catalog has them as genres ("sitcom")
        genres = {w for w in self.kinds.words if self._tags_in(w) and w not in self.kinds.names}
        self._generic = (set(generic) | self.kinds.words) - genres
        years = [e.year for e in index.entries if e.year]
        year_fields = schema.with_role("year")
        self._year_field = year_fields[0].name if year_fields else "year"
        self._years = (min(years), max(years)) if years else None
        self.measured = MeasuredFields(schema, index, frozenset(self._generic))
        self.same_people = SamePeople(schema)
        self.ordinals = ordinal_fields(schema)
        self.graded = graded_fields(schema, self.ordinals)

    def read(self, text: str, context: Context, named: Sequence[tuple[str, Span]] = ()) -> Heard:
        """`named`: items whose titles the utterance names (found by the title matcher), with spans."""
        said = Utterance(text)
        titles = [span for _, span in named]
        pointed = read_references(said, context.shown, named)
        lifted = read_lifts(said)
        lifted = replace(lifted, words=(*lifted.words, *self._tags_in(" ".join(lifted.words))))
        corrections = [Span(m.start(), m.end()) for m in _CORRECTION.finditer(said.lower)]  # 'no wait'
        taken: list[Span] = [*titles, *pointed.spans, *lifted.spans, *corrections]
        found: list[Found] = read_name_avoid(said, taken)
        for reader in (self._kinds, self._people, self._same_people, self._years_in, self._amounts_in, self._graded_in):
            found += reader(said, [*taken, *(f.span for f in found)], context, pointed.references, named)
        found, by_person = self._people_pointing(said, found, context)
        pointed = Pointed((*pointed.references, *by_person), pointed.spans)
        # values may share words with the kind ("a card game", "a horror movie")
        found += self._values_in(
            said, [*taken, *(f.span for f in found if f.constraint.about != "kind")], bool(pointed.references)
        )
        found = [_beyond(self.ordinals, f, said) for f in found]  # 'medium or lighter'
        found += parts_of_week(self.schema, said, [*taken, *(f.span for f in found)])  # 'on a weekday'
        measured = {f.constraint.field for f in found if f.constraint.about == "number"}
        found += self._relative_in(
            said, [*taken, *(f.span for f in found)], context, pointed.references, named, measured
        )
        found += self._avoid(said, [*taken, *(f.span for f in found)])
        found += read_title_avoid(said, [s for s in titles if not any(s.overlaps(p) for p in pointed.spans)])
        found += self._named_by_fields(said, [*taken, *(f.span for f in found)])
        spans = (*pointed.spans, *lifted.spans, *(f.span for f in found))
        kinds = _kinds_said(taken, said, self.kinds) or context.wanted_kinds
        unused = unused_wishes(said, [*spans, *titles], self._catalogued(kinds), self.values.spellings)
        fresh = _fresh(said, found)
        lengths = any(f.constraint.about == "number" for f in found)
        # the values asked for stay in the topic: "thoughtful science fiction" is what to search by
        wishes = [f.span for f in found if f.constraint.about in ("tag", "category") and not f.constraint.negated]
        kept = [s for s in spans if s not in wishes]
        topic = self.topic(said, [*kept, *titles], _LENGTH_WORDS if lengths else frozenset())
        return Heard(
            constraints=tuple(f.constraint for f in found),
            references=pointed.references,
            topic=topic,
            fresh=fresh,
            refines=bool(_REFINES.search(said.lower)),
            wants_new=bool(_WANTS_NEW.search(said.lower)),
            lifted=lifted,
            of_the_person=bool(_PERSON_PRONOUN.search(said.lower)),
            spans=tuple(spans),
            unused=unused,
            leaning=self.leaning(topic, [f.constraint for f in found], text),
        )

    def _named_by_fields(self, said: Utterance, taken: Sequence[Span]) -> list[Found]:
        """'looking for a monstera', 'do you have a ficus': in a catalog told by its fields (no
        descriptions, whose words may say anything), a rare word of the items' own words that no
        value, person or kind takes is a wish for the few items that have it."""
        if self.schema.descriptions or self._held is None or self._notes:
            return []
        found = []
        for match in re.finditer(r"[a-z][a-z'-]{3,}", said.lower):
            span, word = Span(match.start(), match.end()), match.group()
            if any(span.overlaps(t) for t in taken) or said.negated(span) or not self._rare(word):
                continue
            label = said.text[span.start : span.end]
            found.append(Found(Constraint("word", ALL_TEXT, "mentions", word, False, label, label), span))
        return found

    @cached_property
    def _notes(self) -> bool:
        """Does a text field hold sentences ('Steep rock scramble from the first minute.')? Then
        its words may say anything, as a description's do."""
        return any(
            len(example.split()) > NAME_WORDS or example.rstrip().endswith(".")
            for f in self.schema.fields
            if f.kind is FieldKind.TEXT
            for example in f.examples
        )

    def _rare(self, word: str) -> bool:
        if word in _FILLER or stem(word) in self._generic or word in self._value_words or plain(word):
            return False
        if word in everyday_words() or stem(word) in everyday_words():
            return False  # 'a book from the library' beside a publisher 'Modern Library'; not 'monstera'

        share = self._held(word) if self._held else 0.0
        # held beyond the titles that have it: a fact of the items ('Monstera deliciosa' of the Swiss
        # Cheese Plant), not a title's word only ('a steep hike', 'Steep Ravine')
        titled = len(self.index.title_words.get(stem(word), ())) / max(len(self.index), 1)
        return titled < share <= RARE_WORD_SHARE

    def _values_in(self, said: Utterance, taken: Sequence[Span], pointing: bool = False) -> list[Found]:
        """The catalog's values named: wanted (one each, or any of several joined by 'or'; not
        when said of an item on the table, inside a name, or as a taste) or, under a 'not', to
        avoid."""
        located = [
            (value, span)
            for value, span in self.values.spans(said.text)
            if not any(span.overlaps(t) for t in taken) and not self._only_filler(said, span, value, pointing)
        ]
        located += times_of_day(self.values, said, [*taken, *(s for _, s in located)])  # 'after work'
        located = [(self._placed(said, value, span), span) for value, span in located]
        mark = _corrected_at(said)
        if mark is not None:
            later = {v.field for v, span in located if span.start >= mark and not said.negated(span)}
            located = [(v, s) for v, s in located if s.start >= mark or said.negated(s) or v.field not in later]
        instead = _contrasted(said, located)
        # 'open on a monday' for 'Days closed': not said with a 'not', but ruled out all the same
        opposite = {span: word for value, span in located if (word := opposite_said(said, span, value.fields))}
        # the opposite word says which way, and is no value of its own ('open' is no 'Open studio')
        located = [(v, s) for v, s in located if not any(s.overlaps(o) for o in opposite.values())]
        ruled_out = {span for _, span in located if said.negated(span) != (span in opposite)}
        found = [
            Found(
                _said_as(
                    value_constraint(self._widened((value,)), True, said.text[span.start : span.end]),
                    said.text[o.start : o.end] if (o := opposite.get(span)) else None,
                ),
                span,
            )
            for value, span in located
            if span in ruled_out and span not in instead
        ]
        # 'not the leather ones': a word that is a list value and a category value rules out both
        found += [
            Found(
                replace(value_constraint((other,), True, said.text[span.start : span.end]), label=f"no {value.text}"),
                span,
            )
            for value, span in located
            if span in ruled_out
            and span not in instead
            and (other := self.values.placed.get(value.text)) not in (None, value)
        ]
        wanted = [(value, span) for value, span in located if span not in ruled_out or span in instead]
        # a yes/no field asked for by its name is one wish of its own: many share the text 'No'
        found += [
            Found(value_constraint((value,), False, said.text[span.start : span.end]), span)
            for value, span in wanted
            if value.named
        ]
        wanted = [(value, span) for value, span in wanted if not value.named]
        by_text = {value.text: (value, span) for value, span in reversed(wanted)}
        groups = requested_genres(said, list(by_text), lambda _: [(v.text, s) for v, s in wanted])
        for group in groups:
            values = self._widened(tuple(by_text[t][0] for t in group))
            span = Span(by_text[group[0]][1].start, by_text[group[-1]][1].end)
            found.append(Found(value_constraint(values, False, said.text[span.start : span.end]), span))
        return found

    def _placed(self, said: Utterance, value: Value, span: Span) -> Value:
        """'taught in spanish': the category value ('Language: Spanish') a list value shares its
        word with ('Skills: spanish'), said as where the item is (language/places.toml), or
        beside a word of its field's name ('honey processed' for Process: Honey, not the tasting
        note 'honey')."""
        placed = self.values.placed.get(value.text)
        if placed is None:
            return value
        beside = said.lower[: span.start].split()[-1:] + said.lower[span.end :].split()[:1]
        if _PLACED.search(said.lower[: span.start]) or any(_names_field(w, placed.fields) for w in beside):
            return placed
        return value

    def _widened(self, values: tuple[Value, ...]) -> tuple[Value, ...]:
        """'funny' where a few items are tagged funny and many comedy: either."""
        wider = tuple(self.values.wider[v.text] for v in values if v.text in self.values.wider)
        return tuple(dict.fromkeys((*values, *wider)))

    def _only_filler(self, said: Utterance, span: Span, value: Value | None = None, pointing: bool = False) -> bool:
        """A value made of words about the conversation or of this catalog's kind words; but a
        category's own time of day or style ('Evening', 'Weekend', 'Modern') is that value, and so
        is its 'Finished' or 'Completed' where the turn points at nothing it could be said of
        ('a finished series'; not 'finished the 2nd one')."""
        words = re.findall(r"[a-z0-9]+", said.lower[span.start : span.end])
        if value is not None and value.category and all(w in _CATEGORY_WORDS for w in words):
            return False
        if value is not None and value.category and not pointing and all(w in _SEEN_WORDS for w in words):
            return False
        return all(w in _FILLER or (stem(w) in self.kinds.words and stem(w) in self._generic) for w in words)

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
        found = self.kinds.read(said, taken)
        mark = _corrected_at(said)
        if mark is not None:
            after = self.kinds.read(said, [*taken, Span(0, mark)])  # 'a red, actually a white'
            found = after if any(not f.constraint.negated for f in after) else found
        # a word about the chat is no kind its stem happens to share ('new' podcasts: not News)
        found = [f for f in found if f.constraint.said.lower() not in _FILLER or _names_kind(f.constraint)]
        return [
            f for f in found if f.constraint.said.lower() in self.kinds.names or not self._tags_in(f.constraint.said)
        ]

    def _people(
        self, said: Utterance, taken: list[Span], _: Context, __: object, named: Sequence[tuple[str, Span]]
    ) -> list[Found]:
        return self.people.read(said, taken, [span for _, span in named])

    def _people_pointing(
        self, said: Utterance, found: list[Found], context: Context
    ) -> tuple[list[Found], list[Reference]]:
        """'seen the trevor noah one': a person named to point at an item of the last list."""
        by_id = self.index.by_id
        shown = [(s, by_id[s.item_id].facts) for s in context.shown if s.item_id in by_id]
        return pointing_by_person(said, found, shown)

    def _same_people(
        self,
        said: Utterance,
        taken: list[Span],
        context: Context,
        references: Sequence[Reference],
        named: Sequence[tuple[str, Span]],
    ) -> list[Found]:
        """'by the same author' as the title named or the item pointed at; 'a different designer'."""
        by_id = self.index.by_id
        ids = [i for i, _ in named] + [r.item_id for r in references] + [s.item_id for s in context.shown[:1]]
        item = next((by_id[i] for i in ids if i in by_id), None)
        people = PeopleOf({k: v for k, v in item.facts.items() if isinstance(v, list)}) if item else None
        return self.same_people.read(said, taken, people)

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

    def _graded_in(self, said: Utterance, taken: list[Span], *_: object) -> list[Found]:
        return read_graded(self.graded, said, taken)

    def _amounts_in(self, said: Utterance, taken: list[Span], context: Context, *_: object) -> list[Found]:
        kinds = _kinds_said(taken, said, self.kinds) or context.wanted_kinds
        return self.measured.amounts(said, taken, kinds, context.measured, dict(context.bounds))

    def _relative_in(
        self,
        said: Utterance,
        taken: list[Span],
        context: Context,
        references: Sequence[Reference],
        named: Sequence[tuple[str, Span]],
        measured: set[str],
    ) -> list[Found]:
        """'short', 'cheaper', 'easier': on fields this turn put no amount on (`measured`)."""
        kinds = _kinds_said(taken, said, self.kinds) or context.wanted_kinds
        pivot = self._pivot(context, references, () if _THAN_SHOWN.search(said.lower) else named)
        found = self.measured.relative(said, taken, kinds, pivot, measured)
        return found + read_scaled(self.ordinals, said, [*taken, *(f.span for f in found)], pivot)

    def leaning(self, topic: str, constraints: Sequence[Constraint], said: str = "") -> tuple[str, ...]:
        """The soft wishes of a topic ('thoughtful' in 'a thoughtful science fiction movie'): its
        words that no constraint holds and some item's text does, which the ranking leans to; not
        the names in what was `said` ('something like Arrival')."""
        held = {stem(w) for c in constraints for w in re.findall(r"[a-z0-9]+", f"{c.label} {c.said}".lower())}
        named = {w.lower() for w in re.findall(r"(?<=[\w,]\s)[A-Z][a-z]+", said)}
        words = [
            w
            for w in content_words(topic)
            if w not in named
            if w not in _FILLER and stem(w) not in self._generic and stem(w) not in held and not w.isdigit()
        ]
        held_by = self._held
        # a word most items hold ('wine' in a cellar) leans nowhere; 'fruity' leans to fruit
        kept = (w for w in words if held_by is None or 0 < max(held_by(w), held_by(root(w))) <= MOST_ITEMS)
        return tuple(dict.fromkeys(kept))[:MAX_LEANING]

    def _catalogued(self, kinds: Sequence[str]) -> Catalogued:
        dimensions = {f.info.dimension for f in self.measured.present(kinds) if f.info.dimension}
        return Catalogued(frozenset(dimensions), self._years is not None)

    def _pivot(self, context: Context, references: Sequence[Reference], named: Sequence[tuple[str, Span]]) -> Pivot:
        """What 'shorter' or 'easier' is read against: the items pointed at, else the last list."""
        by_id = self.index.by_id
        pointed = [r.item_id for r in references if r.act in ("anchor", "like")] + [i for i, _ in named]
        every = {s.item_id for s in context.shown}
        last = context.met or tuple(every)
        if every and set(pointed) == every:  # 'than those' points at the whole list: those that met it
            pointed = list(last)
        ids = [i for i in pointed if i in by_id] or [i for i in last if i in by_id]
        return Pivot(tuple(dict(by_id[i].facts) for i in ids))

    def _avoid(self, said: Utterance, taken: list[Span], *_: object) -> list[Found]:
        found = read_avoid(said, taken, self.values.values_in, self._generic)
        held = self._held
        return [f for f in found if held is None or f.constraint.about != "word" or held(str(f.constraint.value))]


def _fresh(said: Utterance, found: Sequence[Found]) -> bool:
    """'something completely different' drops the topic carried so far; 'not german, something
    different' is different from what it rules out, and keeps the rest."""
    match = _FRESH.search(said.lower)
    if match is None:
        return False
    plain = "different" in match.group() and not match.group("how")
    return not plain or not any(f.constraint.negated for f in found)


def _contrasted(said: Utterance, located: Sequence[tuple[Value, Span]]) -> set[Span]:
    """'not french, italian': the value after 'not X,' on X's field, ending the list, is what is
    wanted instead of X."""
    instead = set()
    ordered = sorted(located, key=lambda pair: pair[1].start)
    for (first, before), (second, after) in itertools.pairwise(ordered):
        gap = said.lower[before.end : after.start]
        if not set(first.fields) & set(second.fields) or not _CONTRAST_GAP.fullmatch(gap):
            continue
        if _CONTRAST_HEAD.search(said.lower[: before.start]) and not _LIST_GOES_ON.match(said.lower[after.end :]):
            instead.add(after)
    return instead


def _corrected_at(said: Utterance) -> int | None:
    """Where a correction ends ('italy or spain.. actually just spain'): what is said after it on a
    field replaces what was said before it on that field."""
    marks = [m.end() for m in _CORRECTION.finditer(said.lower)]
    return marks[-1] if marks else None


def _alternatives(group: Sequence[str]) -> str:
    return group[0] if len(group) == 1 else f"{', '.join(group[:-1])} or {group[-1]}"


def _names_kind(constraint: Constraint) -> bool:
    """Not a word whose stem only happens to be a kind's ('new' of News): the kind as written, or
    a kind reached another way ('something to read': books)."""
    values = constraint.value if isinstance(constraint.value, tuple) else (constraint.value,)
    said = constraint.said.lower()
    return not any(str(v).lower().startswith(said) and str(v).lower() != said for v in values)


def _kinds_said(taken: list[Span], said: Utterance, kinds: KindReader) -> tuple[str, ...]:
    """The kind this very utterance asks for, if the kind reader found one (read again: cheap)."""
    found = [f for f in kinds.read(said, []) if not f.constraint.negated]
    if not found:
        return ()
    value = found[0].constraint.value
    return (value,) if isinstance(value, str) else tuple(value)


def _said_as(constraint: Constraint, opposite: str | None) -> Constraint:
    """'open tuesday' rather than 'no tuesday', where the value was ruled out by its opposite."""
    return constraint if opposite is None else replace(constraint, label=f"{opposite} {constraint.value}")


def _names_field(word: str, fields: Sequence[str]) -> bool:
    """Is the word one of these fields' names, in some form ('processed' for Process)?"""
    word = re.sub(r"[^a-z]", "", word)
    for name in fields:
        for part in normalise_title(name).split():
            size = min(SHARED_ROOT, len(part))  # 'processed' of Process
            if size >= 4 and len(word) >= size and word[:size] == part[:size]:
                return True
    return False


def _beyond(ordinals: Sequence[Ordinal], found: Found, said: Utterance) -> Found:
    for ordinal in ordinals:
        found = or_beyond(ordinal, found, said)
    return found
