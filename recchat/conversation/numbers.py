"""Numbers on the catalog's own fields: how many people ("for two players", "5 or more players",
"we're 8", "solo"), how long ("under an hour", "in 30 minutes", "quick", "short", "long") and
how many pages ("under 300 pages", "a short read"). Each reads only the field whose role fits
(schema roles players, minutes, pages), so a catalog without one is never asked about it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from recchat.conversation.kinds import Found
from recchat.conversation.spans import Span, Utterance
from recchat.domain import Constraint
from recchat.vocabulary import NUMBER_WORDS

_COUNT = r"(?P<n>\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_PEOPLE = r"(?:players?|people|persons|person|of\s+us|friends|kids|children|adults|guests|gamers)"
_NOT_UNIT = r"(?!\s*(?:hours?|hrs?|minutes?|mins?|pages?|years?|stars?|\d))"
_PLAYERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("span", re.compile(rf"\b(?P<low>\d{{1,2}})\s*(?:-|–|to)\s*{_COUNT}\s*{_PEOPLE}")),
    (
        "at_least",
        re.compile(rf"\b(?:at\s+least\s+)?{_COUNT}\s*(?:\+|or\s+more|and\s+up|plus|or\s+over)\s*{_PEOPLE}?{_NOT_UNIT}"),
    ),
    ("at_least", re.compile(rf"\bat\s+least\s+{_COUNT}\s+{_PEOPLE}")),
    ("covers", re.compile(rf"\b{_COUNT}[\s-]+players?\b")),
    (
        "covers",
        re.compile(
            rf"\b(?:we'?re|we\s+are|there\s+are|there'?ll\s+be|there\s+will\s+be|we'?ll\s+be|we\s+will\s+be|we\s+have|group\s+of|party\s+of|family\s+of|team\s+of|table\s+of|crowd\s+of)\s+(?:about\s+|around\s+)?{_COUNT}(?:\s+{_PEOPLE})?\b"
        ),
    ),
    ("covers", re.compile(rf"\b{_COUNT}\s+of\s+us\b")),
    ("covers", re.compile(rf"\bfor\s+(?:up\s+to\s+|about\s+|around\s+)?{_COUNT}\s*{_PEOPLE}")),
    ("covers_if_game", re.compile(rf"\bfor\s+(?:up\s+to\s+)?{_COUNT}\b(?!\s*(?:minutes|mins|hours|pages|years|\d))")),
    ("covers_if_game", re.compile(rf"\b(?:like|about|around|maybe|roughly)?\s*{_COUNT}\s+{_PEOPLE}")),
)
_SOLO = re.compile(r"\b(?:solo|by\s+myself|on\s+my\s+own|single[\s-]player|alone)\b")
_DURATION = re.compile(
    r"(?P<amount>\d+(?:\.\d+)?|an?\s+hour\s+and\s+a\s+half|hour\s+and\s+a\s+half|half(?:\s+an?)?|an?|one|two|three|four)"
    r"\s*(?P<unit>hours?|hrs?|h\b|minutes?|mins?\b|m\b)"
)
_BOUND_BEFORE = re.compile(
    r"(?P<max>under|less\s+than|below|within|at\s+most|no\s+more\s+than|shorter\s+than|in|max(?:imum)?|up\s+to|tops)"
    r"|(?P<min>over|more\s+than|longer\s+than|at\s+least|minimum|min)|(?P<about>about|around|roughly|approximately|~)"
)
_BOUND_AFTER = re.compile(
    r"^\s*(?:(?P<max>or\s+(?:less|under|shorter|so\s+max)|tops|max|at\s+most)|(?P<min>or\s+(?:more|longer)|plus))"
)
_COUNTED = re.compile(
    rf"\b(?:(?P<one>(?:a\s+)?single|only\s+one|just\s+one|one)|{_COUNT}\s*(?P<plus>\+|plus)?)[\s-]+(?P<noun>[a-z]+)\b"
)
_PAGES = re.compile(r"(?P<amount>\d{2,4})\s*pages?\b")
_SHORT = re.compile(r"\b(?:short|quick|quickly|brief|fast|not\s+too\s+long|light\s+read|quick\s+read|filler)\b")
_LONG = re.compile(r"\b(?:long|lengthy|epic|doorstop|marathon)\b(?![\s-]+(?:time|ago|story\s+short|running|runner))")


@dataclass(frozen=True)
class NumberFields:
    players: str | None = None
    minutes: str | None = None
    pages: str | None = None
    # (a third, two thirds) of each length field's values, for "short" and "long"
    thirds: dict[str, tuple[float, float]] | None = None
    # fields the items of the wanted kind have (all when no kind is asked for)
    present: frozenset[str] = frozenset()
    games: bool = False  # the wanted items have a players field: "for 4" then means players


def read_numbers(said: Utterance, taken: Sequence[Span], fields: NumberFields) -> list[Found]:
    found: list[Found] = []
    if fields.players and fields.players in fields.present:
        found += _players(said, taken, fields)
    taken = [*taken, *(f.span for f in found)]
    if fields.minutes and fields.minutes in fields.present:
        found += _minutes(said, taken, fields.minutes)
    if fields.pages and fields.pages in fields.present:
        found += _pages(said, [*taken, *(f.span for f in found)], fields.pages)
    if not any(f.constraint.field in (fields.minutes, fields.pages) for f in found):
        found += _length_words(said, [*taken, *(f.span for f in found)], fields)
    return found


def _count(text: str) -> int | None:
    text = " ".join(text.split())
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text)


def _players(said: Utterance, taken: Sequence[Span], fields: NumberFields) -> list[Found]:
    assert fields.players is not None
    solo = _SOLO.search(said.lower)
    if solo:
        return [_found("number", fields.players, "covers", 1.0, "for one player", Span(*solo.span()), said)]
    for op, pattern in _PLAYERS:
        for match in pattern.finditer(said.lower):
            span = Span(match.start(), match.end())
            count = _count(match.group("n"))
            if count is None or not 1 <= count <= 30 or any(span.overlaps(t) for t in taken):
                continue
            if op == "covers_if_game" and not fields.games:
                continue
            if op == "span":
                low = int(match.group("low"))
                if not 1 <= low <= count:
                    continue
                label = f"for {low} to {count} players"
                return [_found("number", fields.players, "covers", (float(low), float(count)), label, span, said)]
            if op == "at_least":
                label = f"for {count} or more players"
                return [_found("number", fields.players, "at_least", float(count), label, span, said)]
            label = f"for {count} player{'s' if count > 1 else ''}"
            return [_found("number", fields.players, "covers", float(count), label, span, said)]
    return []


def _minutes(said: Utterance, taken: Sequence[Span], field: str) -> list[Found]:
    """The first length with a bound said ('nothing longer than 30 min' after 'my drive is about
    half an hour'), else the first length."""
    candidates = []
    for match in _DURATION.finditer(said.lower):
        span = Span(match.start(), match.end())
        minutes = _duration(match.group("amount"), match.group("unit"))
        if minutes is None or any(span.overlaps(t) for t in taken):
            continue
        bound, span = _bound(said.lower, span)
        if bound == "min" and said.negated(span):
            bound = "max"  # "nothing longer than 30 minutes"
        candidates.append((bound, span, minutes))
    if not candidates:
        return []
    bound, span, minutes = next((c for c in candidates if c[0] in ("max", "min")), candidates[0])
    return [_limit(field, minutes, bound, "minutes", span, said)]


def counted(said: Utterance, taken: Sequence[Span], nouns: dict[str, str]) -> list[Found]:
    """Numbers on the catalog's other number fields, named by their noun: "at least 10
    seasons", "3 seasons or less", "fewer than 4 seasons", "7+ seasons", "a single season"."""
    found: list[Found] = []
    for match in _COUNTED.finditer(said.lower):
        noun = stem_noun(match.group("noun"))
        field = nouns.get(noun)
        span = Span(match.start(), match.end())
        if field is None or any(span.overlaps(t) for t in [*taken, *(f.span for f in found)]):
            continue
        amount = 1 if match.group("one") else _count(match.group("n") or "")
        if amount is None:
            continue
        low, high, span = _count_bounds(said.lower, span, amount, bool(match.group("plus")))
        label = _count_label(low, high, match.group("noun"))
        found.append(_found("number", field, "between", (low, high), label, span, said))
    return found


def _count_bounds(text: str, span: Span, amount: int, plus: bool) -> tuple[float | None, float | None, Span]:
    if plus:
        return float(amount), None, span
    before = re.search(
        r"(?P<cue>fewer\s+than|less\s+than|under|more\s+than|over|at\s+least|at\s+most|"
        r"no\s+more\s+than|up\s+to|max(?:imum)?|min(?:imum)?)\s+$",
        text[: span.start],
    )
    after = re.match(
        r"^\s*(?:(?P<max>or\s+(?:fewer|less|under)|max|tops|at\s+most)|(?P<min>or\s+more|plus))", text[span.end :]
    )
    if before:
        cue = " ".join(before.group("cue").split())
        wide = Span(before.start("cue"), span.end)
        if cue in ("fewer than", "less than", "under"):
            return None, float(amount - 1), wide
        if cue in ("more than", "over"):
            return float(amount + 1), None, wide
        if cue in ("at least", "min", "minimum"):
            return float(amount), None, wide
        return None, float(amount), wide
    if after:
        wide = Span(span.start, span.end + after.end())
        return (float(amount), None, wide) if after.group("min") else (None, float(amount), wide)
    return float(amount), float(amount), span


def _count_label(low: float | None, high: float | None, noun: str) -> str:
    noun = stem_noun(noun)
    if low is not None and high is not None:
        return f"{low:g} {noun}{'s' if low != 1 else ''}" if low == high else f"{low:g} to {high:g} {noun}s"
    if low is not None:
        return f"at least {low:g} {noun}s"
    return f"at most {high:g} {noun}{'s' if high != 1 else ''}"


def stem_noun(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _pages(said: Utterance, taken: Sequence[Span], field: str) -> list[Found]:
    for match in _PAGES.finditer(said.lower):
        span = Span(match.start(), match.end())
        if any(span.overlaps(t) for t in taken):
            continue
        bound, span = _bound(said.lower, span)
        return [_limit(field, float(match.group("amount")), bound, "pages", span, said)]
    return []


def _length_words(said: Utterance, taken: Sequence[Span], fields: NumberFields) -> list[Found]:
    """'short' / 'long' on the length field the wanted items have (minutes, else pages)."""
    field = next((f for f in (fields.minutes, fields.pages) if f and f in fields.present), None)
    if field is None or not fields.thirds or field not in fields.thirds:
        return []
    third, two_thirds = fields.thirds[field]
    unit = "minutes" if field == fields.minutes else "pages"
    for pattern, op, value, label in (
        (_SHORT, "at_most", third, f"short (at most {third:g} {unit})"),
        (_LONG, "at_least", two_thirds, f"long (at least {two_thirds:g} {unit})"),
    ):
        match = pattern.search(said.lower)
        if match is None:
            continue
        span = Span(match.start(), match.end())
        if any(span.overlaps(t) for t in taken) or (pattern is _LONG and said.negated(span)):
            continue
        return [_found("number", field, op, value, label, span, said)]
    return []


def _duration(amount: str, unit: str) -> float | None:
    amount = " ".join(amount.split())
    if "and a half" in amount:
        value = 1.5
    elif amount.startswith("half"):
        value = 0.5
    elif amount in {"a", "an", "one"}:
        value = 1.0
    elif amount in NUMBER_WORDS:
        value = float(NUMBER_WORDS[amount])
    else:
        try:
            value = float(amount)
        except ValueError:
            return None
    return value * 60 if unit.startswith("h") else value


def _bound(text: str, span: Span) -> tuple[str, Span]:
    """'under an hour' -> at most; 'over 2 hours' -> at least; 'an hour or less'; plain 'in 30
    minutes' reads as at most (what one has time for)."""
    before = re.search(r"(\S+(?:\s+\S+)?)\s*$", text[: span.start])
    if before:
        cue = _BOUND_BEFORE.search(before.group(1))
        if cue and cue.end() == len(before.group(1)):
            start = before.start(1) + cue.start()
            kind = "max" if cue.group("max") else "min" if cue.group("min") else "about"
            return kind, Span(start, span.end)
    after = _BOUND_AFTER.match(text[span.end :])
    if after:
        return ("min" if after.group("min") else "max"), Span(span.start, span.end + after.end())
    return "plain", span


def _limit(field: str, amount: float, bound: str, unit: str, span: Span, said: Utterance) -> Found:
    if bound == "min":
        return _found("number", field, "at_least", amount, f"at least {amount:g} {unit}", span, said)
    if bound == "about":
        low, high = round(amount * 0.75), round(amount * 1.25)
        return _found("number", field, "between", (float(low), float(high)), f"about {amount:g} {unit}", span, said)
    return _found("number", field, "at_most", amount, f"at most {amount:g} {unit}", span, said)


def _found(about: str, field: str, op: str, value: object, label: str, span: Span, said: Utterance) -> Found:
    constraint = Constraint(about, field, op, value, False, label, said.text[span.start : span.end])
    return Found(constraint, span)
