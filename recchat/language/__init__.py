"""General language, as data: numbers, units, comparisons, negation, time, kinds of item and the
words people use for them. Each file sits beside this module, one subject a file, every entry with
an example that is also a test (tests/test_language_data.py). Nothing here names a catalog's own
fields or values: those come from the catalog's learned schema."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The data file `name`.toml of this package, parsed once per process."""
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def words(name: str, key: str, part: str = "words") -> tuple[str, ...]:
    """A list of words or phrases from a data file (`key`, or its `part`), longest first (so that
    a pattern built from them prefers 'no more than' to 'no')."""
    found = load(name)[key]
    listed = found[part] if isinstance(found, dict) else found
    return tuple(sorted(dict.fromkeys(str(w) for w in listed), key=lambda w: (-len(w), w)))


@cache
def common_words() -> frozenset[str]:
    """Everyday English words (common_words.txt): a word here is a plain word, not a slip of the
    keyboard nor a catalog's own name for something."""
    text = resources.files(__package__).joinpath("common_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split() if line and not line.startswith("#"))


@cache
def everyday_words() -> frozenset[str]:
    """Words English text uses every day (everyday_words.txt, the embedder's whole words): a
    catalog's own names ('monstera', 'ficus') are not among them."""
    text = resources.files(__package__).joinpath("everyday_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split() if line and not line.startswith("#"))


MIN_COMPOUND_PART = 3  # letters of each word a compound is made of ('gun' + 'dog', 'bed' + 'rooms')


def compound_parts(word: str, *, plural_tail: bool = False) -> list[tuple[str, str]]:
    """Where a word splits into two everyday words ('gundog': gun, dog). `plural_tail`: the second
    may also be a plural the word list lacks, told by its stem ('bedrooms': bed, rooms)."""
    from recchat.text import stem

    known = everyday_words()
    cuts = range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1)
    return [
        (word[:i], word[i:])
        for i in cuts
        if word[:i] in known and (word[i:] in known or (plural_tail and stem(word[i:]) in known))
    ]


def alternation(phrases: Iterable[str]) -> str:
    """Phrases as one regex alternation, longest first, a space matching any run of spaces and
    an apostrophe optional ("don't" also matches "dont")."""
    ordered = sorted(dict.fromkeys(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word).replace("'", "'?") for word in p.split()) for p in ordered)
