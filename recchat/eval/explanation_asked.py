"""Does an explanation claim the request for a wish its item breaks? The set's author writes each
conversation's wishes as the conversation suite's predicates over the raw record (`wants`), and
the suite's own judge says which the item meets. A card may say "as you asked" only of a wish it
meets, named in the same clause; a claim of the whole request ("just what you asked for", "fits
your request") only when it meets them all. "Not science fiction, but from the 80s as you asked"
is fine: the claim's clause names a wish met, the broken one is said to be broken.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from recchat.eval.explanation_terms import NEGATORS, tokens
from recchat.eval.judge import Record, failure
from recchat.eval.suite import Predicate

# Phrases that claim the request as a whole, and phrases that claim one wish (general language).
WHOLE = re.compile(
    r"\b(?:just what you(?:'re| are)? (?:asked|wanted|looking)|exactly what you|your request|fits the bill"
    r"|ticks (?:every|all)|checks (?:every|all)|everything you (?:asked|wanted)|all you asked)\b",
    re.I,
)
ONE = re.compile(
    r"\b(?:as you (?:asked|wanted|said|requested)|as requested|you asked for|you wanted|you're after|you are after"
    r"|you were after|you mentioned|you said|you're looking for|you are looking for|like you asked)\b",
    re.I,
)
_GLUE = frozenset("which that is was what just exactly it this so and all".split())  # no wish in them
_CLAUSE = re.compile(r"[,;:!?—–]|\.(?!\d)|\b(?:but|though|although|while|whereas)\b", re.I)


def broken_wishes(record: Record, wants: Sequence[Predicate]) -> list[Predicate]:
    return [want for want in wants if failure(want, record) is not None]


def false_claim(text: str, record: Record, wants: Sequence[Predicate]) -> str | None:
    """Why a claim of the request is untrue of this item, or None. A claim beside one of the
    item's own values that the author did not list as a wish ('has 301 pages, as you asked'
    where recchat read a length into 'not too long') is no claim of a broken wish: not a fault."""
    broken = broken_wishes(record, wants)
    if not broken:
        return None
    met = [want for want in wants if want not in broken]
    whole = WHOLE.search(text)
    if whole:
        return f"says {whole.group()!r}; it breaks {broken[0].describe()}"
    for claim in ONE.finditer(text):
        clause = _clause_of(text, claim.start(), claim.end())
        said = tokens(clause)
        if NEGATORS & set(said) or any(w.endswith("n't") for w in said):
            continue
        named = [want for want in broken if _names(want, said) or _names_value(want, record, said)]
        if named:
            return f"says {claim.group()!r} of {named[0].describe()}, which it breaks"
        if any(_names(want, said) or _names_value(want, record, said) for want in met):
            continue
        if not _holds_value(record, clause):
            return f"says {claim.group()!r} of nothing it meets; it breaks {broken[0].describe()}"
    return None


def _clause_of(text: str, start: int, end: int) -> str:
    """The clause holding the claim; a claim standing alone (', as you asked.') takes the clause
    before it too."""
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(text) if m.end() <= start)]
    begin = bounds[-1]
    after = _CLAUSE.search(text, end)
    finish = after.start() if after else len(text)
    clause = text[begin:finish]
    if all(w in _GLUE for w in tokens(clause.replace(text[start:end], " "))) and len(bounds) > 1:
        clause = text[bounds[-2] : finish]
    return clause


def _names(want: Predicate, said: list[str]) -> bool:
    """The clause names what the wish is about: its value's words, or one of its numbers."""
    if isinstance(want.value, str):
        wanted = tokens(want.value)
        joined = f" {' '.join(_stem(w) for w in said)} "
        return bool(wanted) and f" {' '.join(_stem(w) for w in wanted)} " in joined
    numbers = [v for v in (want.value if isinstance(want.value, tuple) else (want.value,)) if v is not None]
    said_numbers = _numbers(" ".join(said))
    if want.kind == "year":
        decades = {int(n) // 10 * 10 for n in numbers if isinstance(n, int | float)}
        said_numbers |= {float(int(w[:4]) // 10 * 10) for w in said if re.fullmatch(r"\d{4}s?", w)}
        return bool({float(d) for d in decades} & said_numbers) or bool({float(n) for n in numbers} & said_numbers)
    return bool({float(n) for n in numbers if isinstance(n, int | float)} & said_numbers)


def _holds_value(record: Record, clause: str) -> bool:
    """The clause names one of the record's own values (a number, or a value's words in a row)."""
    said = f" {' '.join(tokens(clause))} "
    for value in record.fields.values():
        for part in value if isinstance(value, list) else re.split(r"\s*[,;|]\s*", str(value)):
            words = tokens(str(part))
            if words and len(words) <= 4 and f" {' '.join(words)} " in said:
                return True
    return False


def _names_value(want: Predicate, record: Record, said: list[str]) -> bool:
    """The clause names the item's own value of the wish's field ('takes 1h 25m', 'for 3 to 4',
    'is from Burgundy'); not for a list field, whose other values may be other wishes met."""
    if want.field is None or want.op in ("has", "not_has") or record.fields.get(want.field) in (None, "", []):
        return False
    value = record.fields[want.field]
    numbers = re.findall(r"\d+(?:\.\d+)?", str(value).replace(",", ""))
    if numbers:
        return {float(n) for n in numbers} <= _numbers(" ".join(said))
    joined = f" {' '.join(said)} "
    parts = value if isinstance(value, list) else re.split(r"\s*[,;|]\s*", str(value))
    return any((words := tokens(str(p))) and f" {' '.join(words)} " in joined for p in parts)


def _numbers(text: str) -> set[float]:
    return {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))}


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word
