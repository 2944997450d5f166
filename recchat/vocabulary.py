"""Everyday words for what catalogs spell out: one table, read by understanding (what the person
asked for) and by the explanation checks (what an explanation may call an item)."""

from __future__ import annotations

# Everyday words for tags that catalogs tend to name differently.
TAG_SYNONYMS = {
    "sci fi": "science fiction",
    "scifi": "science fiction",
    "sf": "science fiction",
    "rom com": "romantic comedy",
    "romcom": "romantic comedy",
    "scary": "horror",
    "funny": "comedy",
    "hilarious": "comedy",
    "animated": "animation",
    "cartoon": "animation",
    "kids": "family",
    "children": "family",
    "superheroes": "superhero",
    "whodunit": "mystery",
    "cozy": "cozy mystery",
    "thrilling": "thriller",
    "romantic": "romance",
    "spooky": "horror",
}


def spellings(tag: str) -> tuple[str, ...]:
    """Other ways people write a tag: 'science fiction' -> ('sci fi', 'scifi', 'sf', ...)."""
    return tuple(word for word, target in TAG_SYNONYMS.items() if target == tag)
