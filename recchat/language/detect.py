"""Which language a message is in, when it is clearly not English (language/languages.toml):
recchat reads English and says so, rather than reading a French "pas de romance" as "romance"."""

from __future__ import annotations

import re
from functools import cache

from recchat.language import load

MIN_OWN_WORDS = 2  # fewer than this many of a language's own words is a borrowed phrase


@cache
def _languages() -> tuple[frozenset[str], tuple[tuple[str, frozenset[str]], ...]]:
    data = load("languages")
    english = frozenset(data["english"]["words"])
    others = tuple((str(lang["name"]), frozenset(lang["words"]) - english) for lang in data["language"])
    return english, others


def foreign_language(text: str) -> str | None:
    """The name of the language the message is in, when it is one recchat does not read."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    english, others = _languages()
    in_english = sum(token in english for token in tokens)
    scores = [(sum(token in own for token in tokens), name) for name, own in others]
    best, name = max(scores, default=(0, ""))
    return name if best >= MIN_OWN_WORDS and best > in_english else None
