"""What the person asked for, gathered once per turn for the explanations: their wishes in their
own words, the constraints in force, what to avoid, and the items they liked or mentioned with
how close each suggestion is to them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from recchat.domain import Constraint, Recommendation, Role
from recchat.explain.facts import item_facts
from recchat.explain.reasons import Asked, Seed
from recchat.explain.words import is_function_word
from recchat.text import words

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.conversation.understanding import Reader
    from recchat.profile import ProfileSnapshot

_NEGATED = re.compile(
    r"\b(?:no|not|nothing|without|never|avoid|except|don't|dont|doesn't|isn't|aren't|hate|hates|dislike|dislikes)"
    r"\b((?:\s+[\w'-]+){1,5}?)(?=\s*(?:[,.;:!?]|\bbut\b|\band\b|\bplease\b|$))",
    re.I,
)
MAX_SEEDS = 5  # the strongest liked items are the ones worth comparing with
MAX_WISHES = 3


def asked_for(
    catalog: Catalog,
    snapshot: ProfileSnapshot,
    constraints: Sequence[Constraint],
    reader: Reader,
    suggestions: Sequence[Recommendation],
) -> Asked:
    # Only what was said over this catalog: words said over another never become an explanation's.
    said = [
        e.entry.utterance
        for e in (*snapshot.likes, *snapshot.dislikes)
        if e.here and e.entry.utterance.feedback is None and e.entry.utterance.role is Role.USER
    ]
    recent = sorted(said, key=lambda u: -u.time)[:MAX_WISHES]
    # The whole request in the person's words (its constraints too: "a Christopher Nolan film"),
    # but only the wishes: a small model shown "no horror" tends to write "horror".
    wishes = [reader.read(u.text).positive_text or u.text for u in recent]
    avoid = [phrase for phrase, _ in snapshot.avoid]
    avoid += [str(c.value) for c in constraints if c.negated and c.about in ("tag", "word", "title")]
    avoid += [word for u in said for word in negated_words(u.text)]
    return Asked(
        words=" / ".join(w for w in wishes if w.strip()),
        constraints=tuple(constraints),
        avoid=tuple(dict.fromkeys(avoid)),
        seeds=_seeds(catalog, snapshot, suggestions),
        rarity=catalog.lexical.idf,
    )


def negated_words(text: str) -> list[str]:
    """Every content word of a clause that says what not to bring up ('not set in space',
    'nothing too sad', 'no party games'): a wider net than understanding casts, because an
    explanation that calls a thing wanted after the person ruled it out costs more trust than a
    reason left unsaid."""
    found = []
    for match in _NEGATED.finditer(text):
        found += [w for w in words(match.group(1)) if not is_function_word(w)]
    return found


def _seeds(catalog: Catalog, snapshot: ProfileSnapshot, suggestions: Sequence[Recommendation]) -> tuple[Seed, ...]:
    """The person's liked or mentioned items, with each suggestion's cosine to them."""
    strongest = sorted(snapshot.liked_items, key=lambda i: -snapshot.liked_items[i])[:MAX_SEEDS]
    if not strongest:
        return ()
    vectors = catalog.vectors([*strongest, *(r.item.id for r in suggestions)])
    seeds = []
    for item in catalog.items(strongest):
        mine = vectors.get(item.id)
        closeness = {
            r.item.id: float(mine @ vectors[r.item.id])
            for r in suggestions
            if mine is not None and r.item.id in vectors
        }
        facts = item_facts(item, catalog.schema)
        seeds.append(Seed(item.id, facts, snapshot.liked_items[item.id], closeness))
    return tuple(seeds)
