"""Why a suggestion fits, from what ranking and the conversation already know, so true by
construction: the constraints it meets, the liked or mentioned item it is closest to and what
they share, the person's own words found in its text, and the usage log. Each reason is a short
clause about the item, built only from its fields and the person's words; the strongest one to
three are kept, one of a sort."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from recchat.domain import Constraint, Recommendation
from recchat.explain.facts import ItemFacts
from recchat.explain.words import (
    GENERIC,
    genre_phrase,
    is_function_word,
    join_words,
    looks_adjective,
    role_verb,
    shared_words,
    surface_forms,
)
from recchat.text import names_in, normalise_title, stem, without_year, words

_ROLES_IN_TEXT = (
    (r"\bdirected\b[^.]{{0,40}}?\bby\s+(?:[\w.'’-]+\s+){{0,3}}{name}\b", "is directed by"),
    (r"\b(?:written|created)\b[^.]{{0,40}}?\bby\s+(?:[\w.'’-]+\s+){{0,3}}{name}\b", "is written by"),
    (r"\b(?:stars?|starring|featuring|co-stars?|voices? of)\b[^.]{{0,160}}\b{name}\b", "stars"),
    (r"\b{name}\b[^.]{{0,60}}\b(?:also stars?|co-stars?|plays|as\s+[A-Z])", "stars"),
)
MAX_REASONS = 3
MIN_CLOSENESS = 0.35  # cosine below which a liked item is not "close" to a suggestion


@dataclass(frozen=True)
class Reason:
    """One true thing about why the item fits. `clause` completes "<title> ..." ("is written by
    Agatha Christie"); `words` are the content words and names it rests on (what links an
    explanation to the request); `asked` says it answers an explicit wish."""

    sort: str  # "person", "tag", "like", "together", "words", "year", "number", "kind"
    clause: str
    words: tuple[str, ...]
    strength: float
    asked: bool = False
    about: str = ""  # the liked item it names (a title): "Like X, ..." or "people who liked X"

    def said_of(self, title: str) -> str:
        """The reason with the item's name for "it": 'Arrival is a science fiction movie, as you asked.'"""
        if self.sort == "like":  # the liked item last, where a small model keeps it
            return f"{title} {self.clause}, like {self.about}."
        return f"{title} {self.clause}{', as you asked' if self.asked else ''}."

    @property
    def sentence(self) -> str:
        """The reason on its own, for cards, `--json` and the prompt: 'It is by Agatha Christie,
        as you asked.', 'Like Catan, it is a family board game.'"""
        if self.sort == "like":
            return f"Like {self.about}, it {self.clause}."
        return f"It {self.clause}{', as you asked' if self.asked else ''}."


@dataclass(frozen=True)
class Seed:
    """An item the person liked or mentioned, with how close each suggestion is to it."""

    item_id: str
    facts: ItemFacts
    weight: float
    closeness: Mapping[str, float] = field(default_factory=dict)  # suggestion id -> cosine


@dataclass(frozen=True)
class Asked:
    """What the person asked for, as reasons and checks read it."""

    words: str = ""  # their wishes in their own words, without what they ruled out
    constraints: tuple[Constraint, ...] = ()
    avoid: tuple[str, ...] = ()
    seeds: tuple[Seed, ...] = ()
    rarity: Callable[[str], float] | None = None  # idf of a stemmed word, when known

    @property
    def avoided_stems(self) -> set[str]:
        return {stem(w) for phrase in self.avoid for w in words(phrase) if not is_function_word(w)}


def reasons_for(rec: Recommendation, facts: ItemFacts, asked: Asked) -> tuple[Reason, ...]:
    """The one to three strongest reasons, at most one of each sort, none touching what the
    person asked to avoid."""
    found = [
        *_constraint_reasons(rec, facts, asked),
        *_seed_reasons(rec, facts, asked),
        *_together_reasons(rec, asked),
        *_word_reasons(facts, asked),
    ]
    avoided = asked.avoided_stems
    kept: list[Reason] = []
    for reason in sorted(found, key=lambda r: -r.strength):
        if any(r.sort == reason.sort for r in kept) or avoided & {stem(w) for w in words(reason.clause)}:
            continue
        if any(_repeats(reason, r) for r in kept):
            continue
        kept.append(reason)
    if len(kept) > 1:
        kept = [r for r in kept if r.sort != "kind"]
    return tuple(kept[:MAX_REASONS])


def _repeats(reason: Reason, earlier: Reason) -> bool:
    """Says nothing the earlier one did not: the same liked item again, or only its words."""
    if reason.about and reason.about == earlier.about:
        return True
    mine = {stem(w) for w in reason.words}
    return bool(mine) and mine <= {stem(w) for w in earlier.words} and reason.sort != "person"


def _constraint_reasons(rec: Recommendation, facts: ItemFacts, asked: Asked) -> list[Reason]:
    met = set(rec.evidence.constraints)
    wished = [c for c in asked.constraints if not c.negated and c.label in met]
    reasons = [r for c in wished if c.about != "tag" and (r := _constraint_reason(c, facts)) is not None]
    tags = [_tag_as_written(str(c.value), facts) for c in wished if c.about == "tag"]
    if tags:  # every genre asked for in one reason: "a space and science fiction movie"
        tags = list(dict.fromkeys(tags))[:3]
        words_of = tuple(w for t in tags for w in words(t))
        reasons.append(Reason("tag", f"is {genre_phrase(tags, facts.kind_noun)}", words_of, 0.8, asked=True))
    return reasons


def _tag_as_written(value: str, facts: ItemFacts) -> str:
    return next((t for t in facts.tags if stem(value) in {stem(w) for w in words(t)}), value)


def _constraint_reason(constraint: Constraint, facts: ItemFacts) -> Reason | None:
    about, value = constraint.about, constraint.value
    if about == "person":
        name = _name_as_written(str(value), facts)
        field_name = constraint.field.split("|")[0]
        verb = role_in_text(name, " ".join(facts.sentences)) if field_name == "text" else role_verb(field_name)
        clause = f"has {name} in its credits" if verb == "credits" else f"{verb} {name}"
        return Reason("person", clause, tuple(words(name)), 1.0, asked=True)
    if about == "year" and facts.year:
        return Reason("year", f"is from {facts.year}", (str(facts.year),), 0.4, asked=True)
    if about == "number":
        return _number_reason(constraint, facts)
    if about == "kind" and facts.kind_noun:
        return Reason("kind", f"is a {facts.kind_noun}", tuple(words(facts.kind_noun)), 0.1, asked=True)
    return None


def _number_reason(constraint: Constraint, facts: ItemFacts) -> Reason | None:
    """The number the constraint was about, as the item has it, in words of the field's own:
    'is for 2 to 4 players', 'takes 45 min', 'has 320 pages', 'has a price of $24.99'."""
    for kind, _field, shown in facts.numbers:
        if constraint.field != _field:
            continue
        sort, noun, *unit = kind.split(":")
        shown_with_unit = f"{shown} {unit[0]}" if unit and unit[0] and not any(c.isalpha() for c in shown) else shown
        if sort == "people_count":
            clause = f"is for {shown.replace('-', ' to ')} {noun}"
            if constraint.op == "at_least" and "-" in shown:
                clause = f"takes up to {shown.rsplit('-', 1)[1]} {noun}"
        elif sort == "duration":
            clause = f"takes {shown_with_unit}"
        elif sort == "count":
            clause = f"has {shown} {noun}"
        else:
            clause = f"has {noun} {shown_with_unit}"
        return Reason("number", clause, (shown, *shown.split("-")), 0.45, asked=True)
    return None


def role_in_text(name: str, text: str) -> str:
    """How a person named in a description took part: 'directed by Christopher Nolan' -> 'is
    directed by', 'It stars Julia Roberts' -> 'stars'; unknown -> 'has ... in its credits'."""
    surname = re.escape(name.split()[-1])
    for pattern, verb in _ROLES_IN_TEXT:
        if re.search(pattern.format(name=surname), text):
            return verb
    return "credits"


def _name_as_written(name: str, facts: ItemFacts) -> str:
    key = normalise_title(name)
    written = [*facts.names, *names_in(" ".join(facts.sentences), limit=40)]
    return next((n for n in written if normalise_title(n) == key), name)


def _seed_reasons(rec: Recommendation, facts: ItemFacts, asked: Asked) -> list[Reason]:
    """The liked or mentioned item closest to the suggestion, and what the two share."""
    item_id = rec.item.id
    scored = [(s.closeness.get(item_id, 0.0) * (0.5 + 0.5 * min(s.weight, 1.0)), s) for s in asked.seeds]
    for closeness, seed in sorted(scored, key=lambda pair: -pair[0]):
        shared = _shared(facts, seed.facts, asked)
        if shared is not None and (closeness >= MIN_CLOSENESS * 0.75 or shared.sort == "person"):
            return [shared]
    return []


def _shared(facts: ItemFacts, other: ItemFacts, asked: Asked) -> Reason | None:
    """What a suggestion has in common with a liked item: people, then tags, then the rarest
    words of both descriptions (the setting, the subject)."""
    liked = other.title
    for field_name, names in facts.people:
        common = [n for n in names if normalise_title(n) in {normalise_title(m) for m in other.names}]
        if common:
            verb = role_verb(field_name)
            return Reason("like", f"{verb} {common[0]}", tuple(words(common[0])), 0.9, about=liked)
    people = _shared_names(facts, other)
    if people:
        return Reason("like", f"shares {people[0]}", tuple(words(people[0])), 0.85, about=liked)
    tags = [t for t in facts.tags if t in set(other.tags) and stem(t) not in GENERIC]
    titles = words(f"{facts.title} {other.title}")
    subject = shared_words(" ".join(facts.sentences), " ".join(other.sentences), asked.rarity, exclude=titles)[:2]
    if tags and subject:
        clause = f"is {genre_phrase(tags[:1], facts.kind_noun)} with {join_words(subject)}"
        return Reason("like", clause, (*words(tags[0]), *subject), 0.75, about=liked)
    if subject:
        return Reason("like", f"has {join_words(subject)} in it", tuple(subject), 0.7, about=liked)
    if tags:
        return Reason(
            "like", f"is {genre_phrase(tags[:2], facts.kind_noun)}", tuple(words(" ".join(tags[:2]))), 0.6, about=liked
        )
    return None


def _shared_names(facts: ItemFacts, other: ItemFacts) -> list[str]:
    """People named in both descriptions (catalogs without people fields name them there)."""
    mine = names_in(" ".join(facts.sentences), limit=40)
    theirs = {normalise_title(n) for n in names_in(" ".join(other.sentences), limit=40)}
    titles = {normalise_title(facts.title), normalise_title(other.title)}
    return [n for n in mine if normalise_title(n) in theirs and normalise_title(n) not in titles]


def _together_reasons(rec: Recommendation, asked: Asked) -> list[Reason]:
    related = rec.evidence.related_titles
    if not related:
        return []
    title = without_year(related[0])
    liked = {normalise_title(s.facts.title) for s in asked.seeds}
    if normalise_title(title) not in liked:
        return []  # the usage log's neighbour of something the assistant brought up, not the person
    clause = f"is a favourite of people who liked {title}"
    return [Reason("together", clause, tuple(words(title)), 0.65, about=title)]


def _word_reasons(facts: ItemFacts, asked: Asked) -> list[Reason]:
    """The person's own content words that the item's tags or description hold."""
    wanted = [w for w in dict.fromkeys(words(asked.words)) if not is_function_word(w)]
    wanted = [w for w in wanted if stem(w) not in asked.avoided_stems and stem(w) not in _constraint_stems(asked)]
    tagged = [t for t in facts.tags if {stem(w) for w in words(t)} & {stem(w) for w in wanted}]
    wanted = [w for w in wanted if stem(w) not in GENERIC]  # 'time' may find 'time travel', not any time
    if not tagged and not wanted:
        return []
    if tagged:
        clause = f"is {genre_phrase(tagged[:2], facts.kind_noun)}"
        return [Reason("words", clause, tuple(words(" ".join(tagged[:2]))), 0.75)]
    title = {stem(w) for w in words(facts.title)}
    forms = [f for f in surface_forms(wanted, " ".join(facts.sentences)) if stem(f) not in title]
    if not forms:
        return []
    adjectives = [f for f in forms if looks_adjective(f)]
    nouns = [f for f in forms if f not in adjectives]
    if nouns:
        return [Reason("words", f"has the {join_words(nouns[:2])} you mentioned", tuple(nouns[:2]), 0.5)]
    return [Reason("words", f"is {join_words(adjectives[:2])}, as you said", tuple(adjectives[:2]), 0.5)]


def _constraint_stems(asked: Asked) -> set[str]:
    """Words already answered by a constraint ('mystery' in 'a mystery by Agatha Christie')."""
    return {stem(w) for c in asked.constraints for w in words(f"{c.said} {c.label}")}


def reason_words(reasons: Sequence[Reason]) -> set[str]:
    """Stems of every word the reasons rest on (names, tags, the person's words)."""
    return {stem(w) for r in reasons for w in (*r.words, *words(r.about))}
