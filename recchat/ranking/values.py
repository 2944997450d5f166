"""How a wished-for value is found among an item's values: the value itself, or a value holding
it or one of its everyday spellings as whole words ("romance" also finds "romantic comedy")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from recchat.text import stem, words
from recchat.vocabulary import spellings


def alternatives(value: Any) -> tuple[Any, ...]:
    """The values of a wish ("comedy or action": two; most wishes: one)."""
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [value] if isinstance(value, str) else []


def has_any_tag(tags: Sequence[str], value: Any) -> bool:
    return any(has_tag(tags, str(tag)) for tag in alternatives(value))


def has_tag(tags: Sequence[str], tag: str) -> bool:
    """The tag itself, or a tag holding it or one of its everyday spellings as whole words
    ("romance" also rules out "romantic comedy")."""
    wanted = [set(stems(form)) for form in (tag, *spellings(tag))]
    return any(tag == t or any(w and w <= set(stems(t)) for w in wanted) for t in tags)


def has_words(text: str, phrase: str) -> bool:
    wanted = set(stems(phrase))
    return bool(wanted) and wanted <= set(stems(text))


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def category(value: Any) -> str:
    """A category value as the index keeps it (schema.normalised)."""
    return " ".join(str(value).split()).lower()
