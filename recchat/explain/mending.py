"""Slips around the title that a small model makes and recchat mends before checking: the
sentence's subject is always the item. The model writes the reason; which item it is about is
recchat's to say ("The Quiet Orchard is a horror movie", the worked example's title copied over
the real one; "The Finding Nemo"; "Jumanji (movie, 1995)"). A subject that is another item the
person named is left alone, and the checks refuse it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from recchat.text import normalise_title

_VERB = re.compile(r"\s(?:is|was|has|offers|follows|tells|brings|takes|features|stars|delivers|blends)\s")
MAX_SUBJECT_WORDS = 8
_OPENERS = ("like ", "if ", "for ", "as ", "with ", "just ", "you ")


def mended(text: str, title: str, named: Iterable[str] = ()) -> str:
    if not title:
        return text
    text = re.sub(rf"({re.escape(title)})\s*\([^)]{{0,40}}\)", r"\1", text)
    if not title.lower().startswith("the ") and text.startswith(f"The {title}"):
        text = text[4:]
    return _subject(text, title, named)


def _subject(text: str, title: str, named: Iterable[str]) -> str:
    if normalise_title(text).startswith(normalise_title(title)):
        return text
    found = _VERB.search(text[:120])
    if found is None:
        return text
    subject = text[: found.start()].strip()
    key = normalise_title(subject)
    if not key or len(subject.split()) > MAX_SUBJECT_WORDS or "," in subject or key.startswith(_OPENERS):
        return text
    if set(key.split()) <= set(normalise_title(title).split()):
        return text  # a short form of the title, or the character it is named after: "Harry Potter"
    if any((other := normalise_title(n)) and (other in key or key in other) for n in named):
        return text  # about a liked item instead: the checks say so
    return title + text[found.start() :]
