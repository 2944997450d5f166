"""Wishes taken back: "forget the crime part", "drop the sports thing", "doesn't have to be short
or funny", "doesn't matter how long", "any decade is fine". Read into the words that name what is
dropped, and, for lengths and periods said in general words, which sort of wish goes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from recchat.conversation.spans import Span, Utterance
from recchat.language import load
from recchat.language.units import units
from recchat.text import STOPWORDS, stem, words

_DROP = re.compile(
    r"\b(?:forget(?:\s+about)?|drop|scrap|ditch|lose|ignore|never\s*mind|nvm|remove|no\s+need\s+for)\s+"
    r"(?:the\s+|that\s+|my\s+)?(?P<what>[a-z0-9][a-z0-9' -]{0,30}?)\s*"
    r"(?:part|thing|bit|requirement|stuff|idea|filter|restriction|limit)?(?=\s*(?:[,.;!?]|$|\band\b|\bjust\b|\bwhat\b))"
)
_NEED_NOT = re.compile(
    r"\b(?:doesn'?t|does\s+not|don'?t|do\s+not|needn'?t|need\s+not)\s+(?:have|need)\s+to\s+be\s+"
    r"(?P<what>[a-z][a-z ,/-]{0,40}?)(?=\s*(?:[,.;!?]|$|\banything\b|\bany\b|\bjust\b))"
)
# "price doesn't matter", "the year isn't important": that wish goes
_NO_MATTER = re.compile(
    r"\b(?P<what>[a-z]+)\s+(?:doesn'?t|does\s+not|don'?t|do\s+not|isn'?t|is\s+not)\s+(?:really\s+)?"
    r"(?:matter|important|an?\s+issue|a\s+problem)\b"
)
_ANY = re.compile(
    r"\b(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+(?:really\s+)?(?:matter|care)\s+(?:about\s+)?how\s+(?P<how>long|short|old|new|recent)"
    r"|\b(?:any|whatever)\s+(?P<any>length|year|decade|era|age|period)\b"
)
# what general words take back: lengths are number wishes on a length field, periods are years
_SORTS = {
    "long": "length",
    "short": "length",
    "length": "length",
    "old": "year",
    "new": "year",
    "recent": "year",
    "year": "year",
    "decade": "year",
    "era": "year",
    "age": "year",
    "period": "year",
    "longer": "length",
    "shorter": "length",
    "older": "year",
    "newer": "year",
    "earlier": "year",
    "later": "year",
}
# "it doesn't matter", "that's fine": words that point back, naming no wish
_POINTERS = frozenset({"it", "that", "this", "which"})
# "longer is fine", "older is ok too": that limit goes
_FINE = re.compile(
    r"\b(?P<what>[a-z]+)(?:\s+(?:is|are|would\s+be)|\s*'s)\s+(?:totally\s+|also\s+)?(?:fine|ok|okay|alright|all\s+right)\b"
)

# "doesn't need to feed that many", "it can be for fewer people": the count of people goes
_FEWER = re.compile(
    r"\b(?:doesn'?t|does\s+not|don'?t|do\s+not|needn'?t|need\s+not)\s+(?:need|have)?\s*(?:to\s+)?"
    r"(?:feed|serve|seat|fit|be\s+for|cater\s+for)\s+(?:that|so|as|too)?\s*many\b"
    r"|\b(?:fewer|less)\s+(?:people|of\s+us|guests)\b"
)


@dataclass(frozen=True)
class Lifted:
    words: tuple[str, ...] = ()  # "crime", "sports", "short", "funny"
    sorts: tuple[str, ...] = ()  # "length", "year", "people"
    allowed: tuple[str, ...] = ()  # "kestrel's fine then": what was ruled out is no longer
    spans: tuple[Span, ...] = field(default_factory=tuple)


def read_lifts(said: Utterance) -> Lifted:
    found_words: list[str] = []
    sorts: list[str] = []
    spans: list[Span] = []
    for pattern in (_DROP, _NEED_NOT):
        for match in pattern.finditer(said.lower):
            named = [w for w in words(match.group("what")) if w not in STOPWORDS and w not in {"or", "too"}]
            if named:
                found_words += named
                spans.append(Span(match.start(), match.end()))
    for match in _NO_MATTER.finditer(said.lower):
        word = match.group("what")
        if word not in STOPWORDS and word not in _POINTERS:
            found_words.append(word)
            spans.append(Span(match.start(), match.end()))
    allowed: list[str] = []
    for match in _FINE.finditer(said.lower):
        sort = _SORTS.get(match.group("what"))
        if sort is not None:
            sorts.append(sort)
            spans.append(Span(match.start(), match.end()))
        elif match.group("what") not in STOPWORDS and match.group("what") not in _POINTERS:
            allowed.append(match.group("what"))
            spans.append(Span(match.start(), match.end()))
    for match in _FEWER.finditer(said.lower):
        sorts.append("people")
        spans.append(Span(match.start(), match.end()))
    for match in _ANY.finditer(said.lower):
        sorts.append(_SORTS[match.group("how") or match.group("any")])
        spans.append(Span(match.start(), match.end()))
    return Lifted(
        tuple(dict.fromkeys(found_words)), tuple(dict.fromkeys(sorts)), allowed=tuple(allowed), spans=tuple(spans)
    )


@cache
def named_by(word: str) -> frozenset[str]:
    """The word, and where it is a general word for what a field measures ('budget', 'cost'),
    every other word for that and its units' names ('price', 'gbp'): 'forget the budget' takes
    back 'at most 15,000 GBP' on a field called 'Price' (language/fields.toml [[measure]])."""
    found = {stem(word)}
    for entry in load("fields")["measure"]:
        if entry["dimension"] and stem(word) in {stem(w) for w in entry["words"]}:
            found |= {stem(w) for w in entry["words"]}
            found |= {u.id.lower() for u in units().by_id.values() if u.dimension == entry["dimension"]}
    return frozenset(found)
