"""What the person asked for, gathered once per turn for the explanations: their wishes in their
own words, the constraints in force, what to avoid, and the items they liked or mentioned with
how close each suggestion is to them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from recchat.domain import Constraint, Recommendation
from recchat.explain.facts import item_facts
from recchat.explain.reasons import Asked, Seed

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.conversation.understanding import Reader
    from recchat.profile import ProfileSnapshot

MAX_SEEDS = 5  # the strongest liked items are the ones worth comparing with
MAX_WISHES = 3


def asked_for(
    catalog: Catalog,
    snapshot: ProfileSnapshot,
    constraints: Sequence[Constraint],
    reader: Reader,
    suggestions: Sequence[Recommendation],
) -> Asked:
    recent = sorted(
        (e for e in snapshot.likes if e.entry.utterance.feedback is None), key=lambda e: -e.entry.utterance.time
    )[:MAX_WISHES]
    # Only the wishes: a small model shown "no horror" tends to write "horror".
    wishes = [reader.read(e.entry.utterance.about).positive_text or e.entry.utterance.about for e in recent]
    avoid = [phrase for phrase, _ in snapshot.avoid]
    avoid += [str(c.value) for c in constraints if c.negated and c.about in ("tag", "word", "title")]
    return Asked(
        words=" / ".join(w for w in wishes if w.strip()),
        constraints=tuple(constraints),
        avoid=tuple(dict.fromkeys(avoid)),
        seeds=_seeds(catalog, snapshot, suggestions),
        rarity=catalog.lexical.idf,
    )


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
