"""'EPC C or better', '10th floor or above', 'at least a B': a value of an ordered category field
with a bound, read as that value and every value on the bound's side of it. The order comes from
the values themselves: letter grades (A best), numbered levels ('Ground', '1st', '2nd' ...), or
one of the scales of language/scales.toml ('moderate or harder' is not read here: only bounds)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from recchat.catalog.schema import CatalogSchema, FieldKind
from recchat.conversation.kinds import Found
from recchat.conversation.relative import Ordinal
from recchat.conversation.spans import Span, Utterance
from recchat.domain import Constraint
from recchat.language import alternation, load

_GRADE = re.compile(r"^([a-z])([+-]?)$")
_NUMBERED = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")
MIN_VALUES = 3  # an order needs at least this many values to be one
MOSTLY = 0.9  # share of a field's values that must fit the order
_NEXT_WORD = re.compile(r"\s+[a-z]+")
FIELD_WORDS = 2  # words of the field's name that may come between a value and its bound ('10th floor or above')


@dataclass(frozen=True)
class Graded:
    """A category field whose values are in an order: each value (lower case) -> its place,
    higher is better or above."""

    field: str
    places: dict[str, float]
    shown: dict[str, str]  # lower case -> as the catalog writes it


def graded_fields(schema: CatalogSchema, ordinals: Sequence[Ordinal]) -> list[Graded]:
    found = []
    scaled = {o.field: o for o in ordinals}
    for info in schema.fields:
        if info.kind is not FieldKind.CATEGORY or len(info.values) < MIN_VALUES:
            continue
        shown = {v.lower(): v for v in info.values}
        places = _grades(shown) or _levels(shown)
        if places is None and info.name in scaled:
            places = {v: float(t) for v, t in scaled[info.name].tiers.items()}
        if places is not None:
            found.append(Graded(info.name, places, shown))
    return found


def _grades(values: dict[str, str]) -> dict[str, float] | None:
    """Single letters, maybe with + or -: A is the best, so the highest place."""
    shades = {"+": 0.3, "-": -0.3, "": 0.0}  # 'B+' above B, below A
    matched = {v: _GRADE.match(v) for v in values}
    places = {v: ord("a") - ord(m.group(1)) + shades[m.group(2)] for v, m in matched.items() if m}
    return places if len(places) >= MOSTLY * len(values) and len(places) >= MIN_VALUES else None


def _levels(values: dict[str, str]) -> dict[str, float] | None:
    """'1st', '2nd', '11th', with the words for levels among them ('Ground', 'Basement')."""
    words = {str(k): float(v) for k, v in load("scales")["levels"]["words"].items()}
    numbered = {v: float(m.group(1)) for v in values if (m := _NUMBERED.match(v))}
    places = {**{v: words[v] for v in values if v in words and v not in numbered}, **numbered}
    enough = len(places) >= MOSTLY * len(values) and len(numbered) >= MIN_VALUES
    return places if enough else None


@cache
def _bounds() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], dict[str, str]]:
    """The bound words after a value and before it, the strict ones, and each one's direction."""
    data = load("scales")["graded"]
    after = {**dict.fromkeys(data["at_least_after"], "at_least"), **dict.fromkeys(data["at_most_after"], "at_most")}
    before = {**dict.fromkeys(data["at_least_before"], "at_least"), **dict.fromkeys(data["at_most_before"], "at_most")}
    after_re = re.compile(rf"\s*(?P<bound>{alternation(after)})(?![\w])")
    before_re = re.compile(rf"(?<![\w-])(?P<bound>{alternation(before)})\s+(?:(?:a|an|the)\s+)?$")
    # a phrase in both lists ('at least' before or after) goes the same way in each
    return after_re, before_re, frozenset(data["strict"]), {**before, **after}


def _bound_after(after_re: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    """The bound right after a value, or after a word or two of its field's name ('10th floor or above')."""
    for _ in range(FIELD_WORDS + 1):
        found = after_re.match(text, at)
        if found is not None:
            return found
        word = _NEXT_WORD.match(text, at)
        if word is None:
            return None
        at = word.end()
    return None


def read_graded(fields: Sequence[Graded], said: Utterance, taken: Sequence[Span]) -> list[Found]:
    """Each bounded value once; where fields share their values (an 'EPC rating' and a 'Council
    tax band' both A to G), the one whose name the turn says, else the first."""
    by_span: dict[Span, list[Found]] = {}
    after_re, before_re, strict, directions = _bounds()
    for graded in fields:
        values = alternation(graded.places)
        for match in re.finditer(rf"(?<![\w-])(?P<value>{values})(?![\w+-])", said.lower):
            value = match.group("value")
            span = Span(match.start("value"), match.end("value"))
            if any(span.overlaps(t) for t in taken) or _an_article(value, said.lower[match.end("value") :]):
                continue
            made = _bounded(graded, value, match, said, (before_re, after_re), strict, directions)
            if made is not None:
                by_span.setdefault(made.span, []).append(made)
                break
    return [_named_or_first(found, said) for found in by_span.values()]


def _an_article(value: str, after: str) -> bool:
    """'at least a B rating': 'a' before another word is the article, not the grade A."""
    return value in ("a", "an") and re.match(r"\s+[a-z]", after) is not None and not _bounds()[0].match(after)


def _named_or_first(found: list[Found], said: Utterance) -> Found:
    for one in found:
        words = [w for w in re.findall(r"[a-z]+", one.constraint.field.lower()) if len(w) >= 3]
        if any(re.search(rf"\b{w}", said.lower) for w in words):
            return one
    return found[0]


def _bounded(
    graded: Graded,
    value: str,
    match: re.Match[str],
    said: Utterance,
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
    strict: frozenset[str],
    directions: dict[str, str],
) -> Found | None:
    before_re, after_re = patterns
    text = said.lower
    ahead = _bound_after(after_re, text, match.end("value"))
    behind = before_re.search(text[: match.start("value")])
    if ahead is not None:
        phrase, start, end = ahead.group("bound"), match.start("value"), ahead.end()
    elif behind is not None:
        phrase, start, end = behind.group("bound"), behind.start("bound"), match.end("value")
    else:
        return None
    edge, side = graded.places[value], 1.0 if directions[phrase] == "at_least" else -1.0
    keep = phrase not in strict  # 'C or better' holds C; 'better than C' does not
    ordered = sorted(graded.places.items(), key=lambda p: -p[1])
    chosen = tuple(graded.shown[v] for v, place in ordered if side * (place - edge) > 0 or (keep and place == edge))
    if not chosen:
        return None
    value_shown: str | tuple[str, ...] = chosen[0] if len(chosen) == 1 else chosen
    label = f"{said.text[start:end]} ({', '.join(chosen)})"
    constraint = Constraint("category", graded.field, "is", value_shown, False, label, said.text[start:end])
    return Found(constraint, Span(start, end))
