"""Wishes said relative to the catalog or to what was shown: "a short hike", "something cheap",
"highly rated" (the low or high third of the catalog's own values of the field that measures
it), "something shorter", "cheaper" (than the last list, or the item pointed at), and, on a
category field whose values sit on an ordered scale ("Easy", "Moderate", "Hard"), "something
easier". The words, their dimensions and the scales are data (language/measures.toml,
scales.toml)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from recchat.catalog.schema import CatalogSchema, FieldKind
from recchat.conversation.kinds import Found
from recchat.conversation.spans import Span, Utterance
from recchat.domain import Constraint
from recchat.language import load
from recchat.language.units import units
from recchat.text import STOPWORDS, figure, normalise_title, stem

if TYPE_CHECKING:
    from recchat.conversation.measured import MeasuredFields, NumberField, Pivot


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    direction: str  # "low"/"high" (adjectives), "less"/"more" (comparatives)
    dimensions: tuple[str, ...]
    nouns: frozenset[str]
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    then: frozenset[str] = frozenset()  # words that may follow it and leave it about the items
    named: frozenset[str] = frozenset()  # if any: only a field whose name holds one ('height')


@cache
def _entries(section: str) -> tuple[_Entry, ...]:
    return tuple(
        _Entry(
            tuple(sorted(e["words"], key=len, reverse=True)),
            str(e["direction"]),
            tuple(e["dimensions"]),
            frozenset(e["nouns"]),
            tuple(e.get("not_before", ())),
            tuple(e.get("not_after", ())),
            frozenset(e.get("then", ())),
            frozenset(stem(w) for w in e.get("named", ())),
        )
        for e in load("measures")[section]
    )


def read_relative(
    fields: MeasuredFields,
    said: Utterance,
    taken: Sequence[Span],
    present: Sequence[NumberField],
    kinds: Sequence[str],
    pivot: Pivot,
    already: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Found]:
    """`already`: fields this turn put an amount on; a word whose field is one of them is said
    ('well reviewed, 9.0 or higher'), and falls on no other field of its dimension."""
    found = _none_or_some(fields, said, taken, present)
    found = [f for f in found if f.constraint.field not in already]
    for entry in _entries("comparative"):
        for span, word in _said(entry, said, [*taken, *(f.span for f in found)]):
            field = _field(entry, present)
            made = _than(field, entry, pivot, word, span, said) if field and field.name not in already else None
            if made is not None:
                found.append(made)
    constrained = {f.constraint.field for f in found} | set(already)
    for entry in _entries("adjective"):
        for span, word in _said(entry, said, [*taken, *(f.span for f in found)]):
            field = _field(entry, present)
            if field is None or field.name in constrained:
                continue
            made = _third(fields, field, entry, kinds, word, span, said)
            if made is not None:
                found.append(made)
                constrained.add(field.name)
    for entry in _entries("named"):
        for span, _ in _said(entry, said, [*taken, *(f.span for f in found)]):
            named = _named_field(said, span, [f for f in present if f.name not in constrained], entry.dimensions)
            if named is None:
                continue
            field, whole = named
            text = said.text[whole.start : whole.end]
            if _THAN.match(said.lower[whole.end :]):  # 'a bigger pot than that': than the pivot
                more = _Entry(entry.words, "more" if entry.direction == "high" else "less", (), frozenset())
                made = _than(field, more, pivot, text, whole, said)
            else:
                made = _third(fields, field, entry, kinds, text, whole, said)
            if made is not None:
                found.append(made)
                constrained.add(field.name)
    return found


_THAN = re.compile(r"\s+than\b")


def _none_or_some(
    fields: MeasuredFields, said: Utterance, taken: Sequence[Span], present: Sequence[NumberField]
) -> list[Found]:
    """'free ones': the field at most 0; 'the paid ones', 'not free': above 0. Only on a field
    whose values start at 0, and only where the word is about the items ('free wifi' is not)."""
    found: list[Found] = []
    for entry in _entries("none"):
        for span, word in _said(entry, said, [*taken, *(f.span for f in found)]):
            field = _field(entry, present)
            if field is None or field.info.low != 0 or _says_else(entry, said, span, taken, fields.generic):
                continue
            negated = said.negated(span)
            none = (entry.direction == "none") != negated
            said_as = f"not {word}" if negated else word
            op, label = ("at_most", "at most") if none else ("above", "over")
            label = f"{said_as} ({label} {_amount(field, 0)})"
            text = said.text[span.start : span.end]
            found.append(Found(Constraint("number", field.name, op, 0.0, False, label, text), span))
    return found[:1]


def _says_else(entry: _Entry, said: Utterance, span: Span, taken: Sequence[Span], generic: frozenset[str]) -> bool:
    """'free wifi', 'gluten free': the word is about something other than the items."""
    before = re.search(r"([a-z]+)[\s-]*$", said.lower[: span.start])
    if before is not None and before.group(1) in entry.not_after:
        return True
    after = span.end
    for _ in range(2):  # 'free python courses': a value, then the noun for the items
        following = re.match(r"[\s-]*([a-z0-9]+)", said.lower[after:])
        if following is None:
            return False
        word, start = following.group(1), after + following.start(1)
        if word in STOPWORDS or word in entry.then or stem(word) in generic:
            return False
        value = next((t for t in taken if t.start <= start < t.end), None)
        if value is None:
            return True
        after = value.end
    return True


def _named_field(
    said: Utterance, span: Span, present: Sequence[NumberField], dimensions: Sequence[str] = ()
) -> tuple[NumberField, Span] | None:
    """'big screen': the number field whose own name holds the word after the size word; a
    length word ('long episodes') only a field of its `dimensions`."""
    following = re.match(r"[\s-]+(?:of\s+)?([a-z]+)", said.lower[span.end :])
    if following is None:
        return None
    word = following.group(1)
    noun = stem(word)
    if dimensions:
        field = next((f for f in present if noun in f.nouns and f.info.dimension in dimensions), None)
        return (field, Span(span.start, span.end + following.end())) if field else None
    # 'loads of episodes' counts them: a plural is no measure of one ('Episode Length')
    field = next((f for f in present if noun in f.nouns and (noun == word or f.info.dimension is None)), None)
    if field is None:  # 'less miles than those': the one field measured in the unit named
        unit = units().named(word, chat=True)
        measured = [f for f in present if unit is not None and f.info.dimension == unit.dimension]
        field = measured[0] if len(measured) == 1 else None
    return (field, Span(span.start, span.end + following.end())) if field else None


def _said(entry: _Entry, said: Utterance, taken: Sequence[Span]) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    unless = "|".join(re.escape(w) for w in entry.not_before)
    after = rf"(?![\s-]+(?:{unless})\b)" if unless else ""
    for word in entry.words:
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-]){after}", said.lower):
            span = Span(match.start(), match.end())
            if not any(span.overlaps(t) for t in [*taken, *(s for s, _ in found)]):
                found.append((span, word))
    return found[:1]


def _field(entry: _Entry, present: Sequence[NumberField]) -> NumberField | None:
    """The field a word is about: of the first dimension (in the entry's order) the wanted items
    have, the one with the largest values; else a count whose noun the entry names."""
    for dimension in entry.dimensions:
        same = [f for f in present if f.info.dimension == dimension and (not entry.named or f.nouns & entry.named)]
        if same:
            return max(same, key=lambda f: (f.info.high or 0.0, f.info.count))
    return next((f for f in present if f.info.dimension is None and f.nouns & _stems(entry.nouns)), None)


def _stems(words: frozenset[str]) -> set[str]:
    return {stem(w) for w in words}


def _third(
    fields: MeasuredFields,
    field: NumberField,
    entry: _Entry,
    kinds: Sequence[str],
    word: str,
    span: Span,
    said: Utterance,
) -> Found | None:
    thirds = fields.thirds(field.name, kinds)
    if thirds is None:
        return None
    low = (entry.direction == "low") != said.negated(span)  # "isn't too long": not long
    third, two_thirds = thirds
    if low:
        label = f"{word} (at most {_amount(field, third)})"
        constraint = Constraint("number", field.name, "at_most", third, False, label, said.text[span.start : span.end])
    else:
        label = f"{word} (at least {_amount(field, two_thirds)})"
        constraint = Constraint(
            "number", field.name, "at_least", two_thirds, False, label, said.text[span.start : span.end]
        )
    return Found(constraint, span)


def _than(field: NumberField, entry: _Entry, pivot: Pivot, word: str, span: Span, said: Utterance) -> Found | None:
    """'shorter': below every item of the pivot; 'longer': above every one."""
    values = [_bounds(facts.get(field.name)) for facts in pivot.facts]
    known = [v for v in values if v is not None]
    if not known:
        return None
    text = said.text[span.start : span.end]
    if entry.direction == "less":
        edge = min(v[0] for v in known)
        label = f"{word} (under {_amount(field, edge)})"
        return Found(Constraint("number", field.name, "below", edge, False, label, text), span)
    edge = max(v[1] for v in known)
    label = f"{word} (over {_amount(field, edge)})"
    return Found(Constraint("number", field.name, "above", edge, False, label, text), span)


def _bounds(value: Any) -> tuple[float, float] | None:
    if isinstance(value, list) and len(value) == 2:
        return float(value[0]), float(value[1])
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), float(value)
    return None


def _amount(field: NumberField, value: float) -> str:
    """A value of the field as its export wrote it: '15.6 in' (kept in metres), '512 GB',
    '1049 EUR', '$40', '90 minutes', '300 pages'."""
    measure = field.info.measure
    if field.info.dimension == "duration":
        return f"{figure(value)} minutes"
    if field.info.dimension == "money":
        return f"${figure(value)}" if measure.unit in (None, "USD") else f"{figure(value)} {measure.unit}"
    written = units().with_id(measure.written) if measure.written else None
    if written is not None and field.info.dimension is not None:
        return f"{figure(float(f'{value / written.factor:.3g}'))} {written.id}"  # 43,200 mi, not 4.32e+04
    if measure.unit and field.info.dimension is not None:
        return f"{figure(value)} {measure.unit}"
    return f"{figure(value)} {measure.noun}" if measure.noun else f"{figure(value)}"


# -- ordered category values ------------------------------------------------------------------


@dataclass(frozen=True)
class Ordinal:
    """A category field whose values sit on one scale: each value's tier, and the scale's words."""

    field: str
    tiers: dict[str, int]  # the field's value (as the index keeps it, lower case) -> tier
    shown: dict[str, str]  # lower case -> as the catalog writes it
    words: dict[str, int]  # every word of the scale -> its tier
    less: tuple[str, ...]
    more: tuple[str, ...]


def ordinal_fields(schema: CatalogSchema) -> list[Ordinal]:
    """Category fields at least two of whose values (and most) are tiers of one scale."""
    found = []
    for info in schema.fields:
        if info.kind is not FieldKind.CATEGORY or len(info.values) < 2:
            continue
        for scale in load("scales")["scale"]:
            words = {_tier_key(w): i for i, tier in enumerate(scale["tiers"]) for w in tier}
            tiers = {v.lower(): words[_tier_key(v)] for v in info.values if _tier_key(v) in words}
            if len(set(tiers.values())) >= 2 and len(tiers) >= 0.6 * len(info.values):
                shown = {v.lower(): v for v in info.values}
                found.append(Ordinal(info.name, tiers, shown, words, tuple(scale["less"]), tuple(scale["more"])))
                break
    return found


def _tier_key(value: str) -> str:
    """A value as scales compare it: words without case or accents, or its signs ('$$')."""
    return normalise_title(value) or "".join(value.split())


def read_scaled(ordinals: Sequence[Ordinal], said: Utterance, taken: Sequence[Span], pivot: Pivot) -> list[Found]:
    """'something easier', 'harder': the values of a lower (higher) tier than every pivot item's."""
    found: list[Found] = []
    for ordinal in ordinals:
        for direction, phrases in (("less", ordinal.less), ("more", ordinal.more)):
            for phrase in sorted(phrases, key=len, reverse=True):
                match = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", said.lower)
                if match is None or any(Span(match.start(), match.end()).overlaps(t) for t in taken):
                    continue
                made = _scaled(ordinal, direction, pivot, phrase, Span(match.start(), match.end()), said)
                if made is not None:
                    found.append(made)
                break
    for ordinal in ordinals:
        if not any(f.constraint.field == ordinal.field for f in found):
            found += _tier_named(ordinal, said, [*taken, *(f.span for f in found)])
    for ordinal in ordinals:
        if not any(f.constraint.field == ordinal.field for f in found):
            found += _field_word(ordinal, said, [*taken, *(f.span for f in found)])
    return found


SHARED_ROOT = 6  # letters a word and the field's name share: 'intense' of Intensity


def _field_word(ordinal: Ordinal, said: Utterance, taken: Sequence[Span]) -> list[Found]:
    """'something intense' where Intensity runs Low..Very high: the word of the field's own name
    asks for its upper half; 'not too intense' for the rest."""
    name = normalise_title(ordinal.field).split()
    if not name or len(name[0]) < SHARED_ROOT:
        return []
    root = name[0][:SHARED_ROOT]
    for match in re.finditer(rf"\b{re.escape(root)}[a-z]*", said.lower):
        span = Span(match.start(), match.end())
        before = said.lower[: span.start].split()[-1:]
        # the field's name itself is no wish ('what intensity?'), nor after a tier ('high intensity')
        if match.group() in (name[0], f"{name[0]}s") or any(span.overlaps(t) for t in taken):
            continue
        if before and (before[0] in ordinal.words or before[0] in ordinal.shown):
            continue
        negated = said.negated(span)
        top = max(ordinal.tiers.values())
        ordered = sorted(ordinal.tiers.items(), key=lambda p: p[1])
        chosen = tuple(ordinal.shown[v] for v, t in ordered if (t > top / 2) != negated)
        if not chosen or len(chosen) == len(ordered):
            return []
        word = said.text[span.start : span.end]
        return [_tiers_wish(ordinal, chosen, negated, word, word, span)]
    return []


def _tier_named(ordinal: Ordinal, said: Utterance, taken: Sequence[Span]) -> list[Found]:
    """'something cheap' where Price is '$'..'$$$$', 'beginner friendly' for Easy: a word of a
    tier asks for the field's values of that tier."""
    for word, span in _tier_words(ordinal, said):
        if any(span.overlaps(t) for t in taken):
            continue
        tier, negated = ordinal.words[word], said.negated(span)
        top = max(ordinal.words.values())
        ordered = sorted(ordinal.tiers.items(), key=lambda p: p[1])
        chosen = tuple(ordinal.shown[v] for v, t in ordered if _tier_meant(t, tier, top, negated))
        if not chosen:
            continue
        return [_tiers_wish(ordinal, chosen, negated, word, said.text[span.start : span.end], span)]
    return []


def _tiers_wish(ordinal: Ordinal, chosen: tuple[str, ...], negated: bool, word: str, text: str, span: Span) -> Found:
    """A wish for these values of an ordered field, labelled by the word that asked ('cheap ($)')."""
    value: str | tuple[str, ...] = chosen[0] if len(chosen) == 1 else chosen
    label = f"{'not ' if negated else ''}{word} ({' or '.join(chosen)})"
    return Found(Constraint("category", ordinal.field, "is", value, False, label, text), span)


MIN_FUZZY_TIER = 6  # letters: a tier word this long is still read with one slip ('beginer')


def _tier_words(ordinal: Ordinal, said: Utterance) -> list[tuple[str, Span]]:
    """Where the scale's words are said, longest first; then words one slip away from a long one."""
    found = []
    for word in sorted(ordinal.words, key=len, reverse=True):
        match = re.search(rf"(?<![\w$-]){re.escape(word)}(?![\w$-])", said.lower)
        if match is not None:
            found.append((word, Span(match.start(), match.end())))
    from rapidfuzz.distance import OSA

    long_words = [w for w in ordinal.words if len(w) >= MIN_FUZZY_TIER and " " not in w]
    for match in re.finditer(r"[a-z]{6,}", said.lower):
        near = [w for w in long_words if w[0] == match.group()[0] and OSA.distance(w, match.group()) == 1]
        if len(near) == 1 and match.group() not in ordinal.words:
            found.append((near[0], Span(match.start(), match.end())))
    return found


def _tier_meant(t: int, said: int, top: int, negated: bool) -> bool:
    """Whether tier `t` is meant by a word of tier `said`: that tier, or under a 'not' the tiers
    on the other side ('not too pricey': below it; 'not too easy': above)."""
    if not negated:
        return t == said
    return t < said if said > top / 2 else t > said


def _scaled(ordinal: Ordinal, direction: str, pivot: Pivot, phrase: str, span: Span, said: Utterance) -> Found | None:
    held = [ordinal.tiers.get(str(f.get(ordinal.field, ""))) for f in pivot.facts]
    tiers = [t for t in held if t is not None]
    if not tiers:
        return None
    edge = min(tiers) if direction == "less" else max(tiers)
    chosen = tuple(
        ordinal.shown[v]
        for v, t in sorted(ordinal.tiers.items(), key=lambda p: p[1])
        if (t < edge if direction == "less" else t > edge)
    )
    if not chosen:
        return None
    value: str | tuple[str, ...] = chosen[0] if len(chosen) == 1 else chosen
    label = f"{phrase} ({' or '.join(chosen)})"
    constraint = Constraint("category", ordinal.field, "is", value, False, label, said.text[span.start : span.end])
    return Found(constraint, span)


def or_beyond(ordinal: Ordinal, found: Found, said: Utterance) -> Found:
    """'medium roast or lighter', 'hard or harder': the tier named and every tier beyond it in the
    direction the comparative says, on an ordered field (one word of the field's name may come
    between)."""
    constraint = found.constraint
    if constraint.field != ordinal.field or constraint.negated or not isinstance(constraint.value, str):
        return found
    tier = ordinal.tiers.get(constraint.value.lower())
    after = re.match(r"\s*(?:[a-z]+\s+)?(?:or|and)\s+([a-z]+(?:\s+[a-z]+)?)", said.lower[found.span.end :])
    if tier is None or after is None:
        return found
    said_more = next(
        (w for w in (after.group(1), after.group(1).split()[0]) if w in (*ordinal.less, *ordinal.more)), None
    )
    if said_more is None:
        return found
    lower = said_more in ordinal.less
    chosen = tuple(
        ordinal.shown[v]
        for v, t in sorted(ordinal.tiers.items(), key=lambda p: p[1])
        if (t <= tier if lower else t >= tier)
    )
    span = Span(found.span.start, found.span.end + after.end())
    text = said.text[span.start : span.end]
    return _tiers_wish(ordinal, chosen, False, text, text, span)
