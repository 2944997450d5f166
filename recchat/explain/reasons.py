"""Why a suggestion fits, from what the conversation and the item already know, so true by
construction: the wishes of this request it meets (and, for an item shown after "the closest
others", those it misses, said as missed), the liked or mentioned item it is closest to and what
they share, the person's own words found in its values or text, and a few more of its own values.
Each reason is a short clause about the item, built only from its values as the catalog writes
them and the person's words, in one or more true wordings."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from recchat.domain import Constraint, Recommendation
from recchat.explain.facts import ItemFacts, ValueFact
from recchat.explain.phrases import (
    missed_person_clause,
    missed_value_clause,
    number_clauses,
    person_clauses,
    value_clauses,
    values_clauses,
    year_clauses,
)
from recchat.explain.wishes import Verdict, verdict_from_labels
from recchat.explain.words import (
    GENERIC,
    is_function_word,
    join_words,
    looks_adjective,
    shared_words,
    surface_forms,
)
from recchat.text import names_in, normalise_title, stem, without_year, words
from recchat.vocabulary import NUMBER_WORDS, ORDINALS

_ROLES_IN_TEXT = (
    (r"\bdirected\b[^.]{{0,40}}?\bby\s+(?:[\w.'’-]+\s+){{0,3}}{name}\b", "is directed by"),
    (r"\b(?:written|created)\b[^.]{{0,40}}?\bby\s+(?:[\w.'’-]+\s+){{0,3}}{name}\b", "is written by"),
    (r"\b(?:stars?|starring|featuring|co-stars?|voices? of)\b[^.]{{0,160}}\b{name}\b", "stars"),
    (r"\b{name}\b[^.]{{0,60}}\b(?:also stars?|co-stars?|plays|as\s+[A-Z])", "stars"),
)
NUMBER_NAMES = frozenset((*NUMBER_WORDS, *ORDINALS))
MAX_FACTS = 3  # more of its own values, for a card that has few reasons
MIN_CLOSENESS = 0.35  # cosine below which a liked item is not "close" to a suggestion
SAID_WORDS = 5  # the person's words for a wish, quoted on a card only when this short


@dataclass(frozen=True)
class Reason:
    """One true thing about the item. `clause` completes "<title> ..." ("is written by Agatha
    Christie"), `forms` are all its true wordings (the clause first); `words` are the content
    words and names it rests on (what links an explanation to the request); `asked` says it is a
    wish of this request that the item meets, `sort` "missed" one it does not meet; `said` is the
    person's own words for that wish."""

    sort: str  # "person", "tag", "category", "number", "year", "kind", "like", "together", "words", "fact", "missed"
    clause: str
    words: tuple[str, ...]
    strength: float
    asked: bool = False
    about: str = ""  # the liked item it names (a title): "Like X, ..." or "people who liked X"
    forms: tuple[str, ...] = ()
    said: str = ""
    field: str = ""  # the catalog field it is about, when one

    @property
    def wordings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.clause, *self.forms)))

    def said_of(self, title: str) -> str:
        """The reason with the item's name for "it": 'Arrival is a science fiction movie, as you asked.'"""
        if self.sort == "like":  # the liked item last, where a small model keeps it
            return f"{title} {self.clause}, like {self.about}."
        return f"{title} {self.clause}{', as you asked' if self.asked else ''}."

    @property
    def sentence(self) -> str:
        """The reason on its own, for cards, `--json` and the prompt: 'It is by Agatha Christie,
        as you asked.', 'Like Catan, it is a family board game.', 'It does not fall under Sci-Fi.'"""
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

    words: str = ""  # their wishes in their own words (this conversation), without what they ruled out
    constraints: tuple[Constraint, ...] = ()
    avoid: tuple[str, ...] = ()
    seeds: tuple[Seed, ...] = ()
    rarity: Callable[[str], float] | None = None  # idf of a stemmed word, when known
    verdicts: Mapping[str, Verdict] = field(default_factory=dict)  # suggestion id -> wishes met and missed
    is_title: Callable[[str], bool] | None = None  # whether a name is also a title in the catalog

    @property
    def avoided_stems(self) -> set[str]:
        return {stem(w) for phrase in self.avoid for w in words(phrase) if not is_function_word(w)}

    def verdict(self, rec: Recommendation) -> Verdict:
        found = self.verdicts.get(rec.item.id)
        return found if found is not None else verdict_from_labels(rec, self.constraints)


def reasons_for(rec: Recommendation, facts: ItemFacts, asked: Asked) -> tuple[Reason, ...]:
    """Every wish met (strongest first), the like or word reason that says most, the wishes
    missed, and a few more of the item's values; none touching what the person asked to avoid."""
    verdict = asked.verdict(rec)
    met = [r for c in verdict.met if c.about != "tag" and (r := _met_reason(c, facts)) is not None]
    met += _tag_reasons([c for c in verdict.met if c.about == "tag"], facts)
    if len(met) > 1:  # what it is says least: "a space and science fiction movie" says it too
        met = [r for r in met if r.sort != "kind"]
    missed = [r for c in verdict.missed if not c.negated and (r := _missed_reason(c, facts, asked)) is not None]
    found = [*_seed_reasons(rec, facts, asked), *_together_reasons(rec, asked), *_word_reasons(facts, asked)]
    avoided = asked.avoided_stems
    kept: list[Reason] = sorted(met, key=lambda r: -r.strength)
    for reason in sorted(found, key=lambda r: -r.strength):
        if avoided & {stem(w) for w in words(reason.clause)} or any(_repeats(reason, r) for r in kept):
            continue
        if reason.sort == "words" and _about_missed(reason, verdict):
            continue
        kept.append(reason)
        break  # one of them: a card says one thing besides the wishes
    kept += _dedupe(missed)
    said = " ".join(w for r in kept for w in r.wordings)
    facts_left = _fact_reasons(facts, {r.field for r in kept if r.field}, avoided, said)
    # A fact worded as a kept reason is ("is a glacier trail" for the word glacier) says it twice.
    wordings = {w for r in kept for w in r.wordings}
    return tuple(kept + [r for r in facts_left if not wordings & set(r.wordings)])


def _repeats(reason: Reason, earlier: Reason) -> bool:
    """Says nothing the earlier one did not: the same liked item again, or only its words."""
    if reason.about and reason.about == earlier.about:
        return True
    mine = {stem(w) for w in reason.words}
    return bool(mine) and mine <= {stem(w) for w in earlier.words} and reason.sort != "person"


def _met_reason(constraint: Constraint, facts: ItemFacts) -> Reason | None:
    """A wish the item meets, in its own values: its value for the field, never the wish's words;
    with the person's words for it when a card can quote them."""
    reason = _met_clause(constraint, facts)
    return replace(reason, said=_said(constraint, " ".join(reason.wordings))) if reason else None


def _met_clause(constraint: Constraint, facts: ItemFacts) -> Reason | None:
    about, value = constraint.about, constraint.value
    said = ""
    if about == "person":
        name = _name_as_written(str(value), facts)
        field_name = constraint.field.split("|")[0]
        if field_name == "text":
            verb = role_in_text(name, " ".join(facts.sentences))
            clause = f"has {name} in its credits" if verb == "credits" else f"{verb} {name}"
            return Reason("person", clause, tuple(words(name)), 1.0, asked=True, said=said, field=field_name)
        clause = person_clauses(field_name, [name])[0]
        return Reason("person", clause, tuple(words(name)), 1.0, asked=True, said=said, field=field_name)
    if about == "year" and facts.year:
        return Reason("year", year_clauses(facts.year)[0], (str(facts.year),), 0.5, asked=True, said=said, field="year")
    if about == "number":
        return _number_reason(constraint, facts, asked=True)
    if about in ("category", "kind"):
        held = _held_values(constraint, facts)[:1]
        if not held:
            return None
        forms = values_clauses(held, facts.kind_noun)
        strength = 0.7 if about == "category" else 0.1
        return Reason(about, forms[0], tuple(words(held[0].value)), strength, True, "", forms, said, held[0].field)
    return None


def _held_values(constraint: Constraint, facts: ItemFacts) -> tuple[ValueFact, ...]:
    """The item's own values that meet the constraint, as the catalog writes them: for a tag,
    those holding the whole wish ('cozy mystery', not 'cozy'); for a category or a kind, its
    value of the field (for 'not No', what it has instead)."""
    fields = constraint.field.split("|")
    mine = [v for v in facts.values if v.field in fields or (v.kind == "tags" and "tags" in fields)]
    if constraint.about == "tag":
        wanted = [_stems(w) for w in _alternatives(constraint.value)]
        holding = [v for v in mine if any(w and w <= _stems(v.value) for w in wanted)]
        exact = [v for v in holding if _stems(v.value) in wanted]
        return tuple(exact or holding[:1])
    if constraint.negated:
        return tuple(mine[:1])
    wanted_values = {str(w).lower() for w in _alternatives(constraint.value)}
    return tuple(v for v in mine if v.value.lower() in wanted_values) or tuple(mine[:1])


def _number_reason(constraint: Constraint, facts: ItemFacts, *, asked: bool) -> Reason | None:
    """The number the constraint was about, as the item has it: 'is for 2 to 4 players',
    'takes 45 min', 'has 320 pages', 'costs $24.99'."""
    fact = next((n for n in facts.numbers if n.field == constraint.field), None)
    if fact is None:
        return None
    forms = number_clauses(fact)
    numbers = (fact.shown, *re.findall(r"\d+(?:\.\d+)?", fact.shown))
    if not asked:
        return Reason("missed", forms[0], numbers, 0.3, forms=forms, field=fact.field)
    return Reason("number", forms[0], numbers, 0.6, True, "", forms, "", fact.field)


def _missed_reason(constraint: Constraint, facts: ItemFacts, asked: Asked) -> Reason | None:
    """A wish the item does not meet, said as missed: 'does not fall under Sci-Fi', 'is not by
    Agatha Christie'; for a number or a year, the item's own value ('takes 45-60 min')."""
    about, value = constraint.about, constraint.value
    if about == "number":
        return _number_reason(constraint, facts, asked=False)
    if about == "year":
        if facts.year is None:
            return None
        return Reason("missed", year_clauses(facts.year)[0], (str(facts.year),), 0.3, field="year")
    if about == "person":
        field_name = constraint.field.split("|")[0]
        names = [str(v) for v in _alternatives(value)]
        clause = missed_person_clause(field_name if field_name != "text" else "", names)
        if asked.is_title is not None and any(asked.is_title(n) for n in names):
            # A maker named like another item ('Château Cheval Blanc'): not named again here.
            clause = missed_person_clause(field_name if field_name != "text" else "", ["the one you named"])
        return Reason("missed", clause, tuple(w for n in names for w in words(n)), 0.3, field=field_name)
    if about in ("tag", "category", "kind"):
        fields = constraint.field.split("|")
        field_name = next((f for f in fields if f != "tags"), fields[0])
        empty = facts.fields.get(field_name) or ValueFact(field_name, field_name.lower(), "list", "")
        wanted = [replace(empty, value=str(v)) for v in _alternatives(value)]
        clause = missed_value_clause(wanted)
        return Reason("missed", clause, tuple(w for v in wanted for w in words(v.value)), 0.3, field=field_name)
    return None


def _said_already(value: str, said: str) -> bool:
    return bool(_stems(value)) and _stems(value) <= _stems(said)


def _fact_reasons(facts: ItemFacts, used: set[str], avoided: set[str], said: str = "") -> list[Reason]:
    """More of the item's own values, for a card to add one: its people, tags, kind, year, how
    many it is for, how long it takes, what it costs, and its categories, in that order, none
    about a field a reason already speaks of."""
    found: list[Reason] = []
    for field_name, names in facts.people[:1]:
        if field_name not in used:
            clause = person_clauses(field_name, names)[0]
            found.append(Reason("fact", clause, tuple(words(names[0])), 0.2, field=field_name))
    tags = [v for v in facts.values if v.kind == "tags"][:2]
    if tags and "tags" not in used:
        forms = values_clauses(tags, facts.kind_noun)
        found.append(
            Reason("fact", forms[0], tuple(w for v in tags for w in words(v.value)), 0.2, forms=forms, field="tags")
        )
    kind = next((v for v in facts.values if v.kind == "kind"), None)
    if kind is not None and kind.field not in used and not _said_already(kind.value, said):
        found.append(Reason("fact", values_clauses([kind])[0], tuple(words(kind.value)), 0.2, field=kind.field))
    if facts.year and "year" not in used:
        found.append(Reason("fact", year_clauses(facts.year)[0], (str(facts.year),), 0.2, field="year"))
    for number in facts.numbers:
        if number.field not in used and number.sort in ("people_count", "duration", "money"):
            forms = number_clauses(number)
            found.append(Reason("fact", forms[0], (number.shown,), 0.2, forms=forms, field=number.field))
            used = used | {number.field}
    for value in facts.values:
        if value.field not in used and value.kind == "category" and not value.yes_no:
            forms = value_clauses(value, facts.kind_noun)
            found.append(Reason("fact", forms[0], tuple(words(value.value)), 0.1, forms=forms, field=value.field))
            used = used | {value.field}
    found = [r for r in found if not avoided & {stem(w) for w in words(r.clause)}]
    return found[:MAX_FACTS]


def _tag_reasons(wishes: list[Constraint], facts: ItemFacts) -> list[Reason]:
    """Tag and list wishes met, one reason per field, in the item's own values: 'falls under
    cozy and mystery', 'lists waterfall under features'."""
    groups: dict[str, tuple[list[ValueFact], list[Constraint]]] = {}
    for wish in wishes:
        for value in _held_values(wish, facts):
            held, by = groups.setdefault(value.field, ([], []))
            if value not in held:
                held.append(value)
                by += [wish] if wish not in by else []
    reasons = []
    for field_name, (held, by) in groups.items():
        forms = values_clauses(held[:3], facts.kind_noun)
        found = tuple(w for v in held[:3] for w in words(v.value))
        said = [s for wish in by if (s := _said(wish, " ".join(forms)))]
        reasons.append(Reason("tag", forms[0], found, 0.8, True, "", forms, " and ".join(said[:2]), field_name))
    return reasons


def _dedupe(reasons: list[Reason]) -> list[Reason]:
    seen: set[str] = set()
    kept = []
    for reason in reasons:
        if reason.clause not in seen:
            seen.add(reason.clause)
            kept.append(reason)
    return kept


def _about_missed(reason: Reason, verdict: Verdict) -> bool:
    """A word reason on part of a wish the item misses ('cozy' of 'cozy mystery'): no reason."""
    missed = {stem(w) for c in verdict.missed for w in words(str(c.value))}
    return bool(missed & {stem(w) for w in reason.words})


def _said(constraint: Constraint, clause: str = "") -> str:
    """The person's words for a wish, when a card can quote them: short, with a word of their
    own (not '2'), not a wish to avoid ('strenuous' of "isn't strenuous"), and saying more than
    the clause that meets it ('under 40 bucks' beside 'costs $30.99', not 'thriller' beside
    'falls under thriller')."""
    said = " ".join(constraint.said.split())
    if constraint.negated or constraint.about in ("number", "year") or not said or len(said.split()) > SAID_WORDS:
        return ""  # a number said ('under two hours') is read, not quoted: a card quotes words
    if any(ch.isdigit() for ch in said) or set(words(said)) & NUMBER_NAMES:
        return ""
    own = [w for w in words(said) if len(w) > 2 and not w.isdigit()]
    if not own or {stem(w) for w in own} <= _stems(clause):
        return ""
    return said


def _alternatives(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def _stems(text: object) -> set[str]:
    return {stem(w) for w in words(str(text))}


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
    """What a suggestion has in common with a liked item: people, then values of its fields
    (tags, categories, lists), then the rarest words of both descriptions (the setting, the
    subject)."""
    liked = other.title
    for field_name, names in facts.people:
        common = [n for n in names if normalise_title(n) in {normalise_title(m) for m in other.names}]
        if common:
            clause = person_clauses(field_name, common[:1])[0]
            return Reason("like", clause, tuple(words(common[0])), 0.9, about=liked, field=field_name)
    people = _shared_names(facts, other)
    if people:
        return Reason("like", f"shares {people[0]}", tuple(words(people[0])), 0.85, about=liked)
    theirs = {(v.field, v.value.lower()) for v in other.values}
    common_values = [
        v
        for v in facts.values
        if (v.field, v.value.lower()) in theirs and stem(v.value) not in GENERIC and v.kind in ("tags", "list")
    ]
    titles = words(f"{facts.title} {other.title}")
    subject = shared_words(" ".join(facts.sentences), " ".join(other.sentences), asked.rarity, exclude=titles)[:2]
    if subject and not common_values:
        return Reason("like", f"has {join_words(subject)} in it", tuple(subject), 0.7, about=liked)
    if common_values:
        chosen = [v for v in common_values if v.field == common_values[0].field][:2]
        forms = values_clauses(chosen, facts.kind_noun)
        return Reason("like", forms[0], tuple(w for v in chosen for w in words(v.value)), 0.6, about=liked, forms=forms)
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
    """The person's own content words that the item's values (whole) or description hold."""
    wanted = [w for w in dict.fromkeys(words(asked.words)) if not is_function_word(w)]
    wanted = [w for w in wanted if stem(w) not in asked.avoided_stems and stem(w) not in _constraint_stems(asked)]
    said = {stem(w) for w in wanted}
    tagged = [v for v in facts.values if v.kind != "kind" and _stems(v.value) and _stems(v.value) <= said]
    wanted = [w for w in wanted if stem(w) not in GENERIC]  # 'time' may find 'time travel', not any time
    if tagged:
        chosen = [v for v in tagged if v.field == tagged[0].field][:2]
        clauses = values_clauses(chosen, facts.kind_noun)
        return [Reason("words", clauses[0], tuple(w for v in chosen for w in words(v.value)), 0.75, forms=clauses)]
    if not wanted:
        return []
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
    return {w for r in reasons for part in (*r.words, r.about) for w in sequence_of(part)}


def sequence_of(text: str) -> list[str]:
    """Stems of the words, numbers kept whole or in parts as a text splits them ('$19.99')."""
    found = []
    for word in words(text):
        found.append(stem(word))
        found += [stem(p) for p in re.split(r"[-.$,]", word) if p and p != word]
    return found
