"""Pointing at what was shown: "the second one", "the first two", "the last one", "number 3",
"that one", "it", "those", a title from the last list — and what the turn does with it: "I've
seen those" (seen), "not that one" (skip it), "the first one sounds good" (like), "hated it"
(dislike), "more like the second one" (anchor: suggest items close to it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from recchat.conversation.spans import Span, Utterance
from recchat.domain import Reference
from recchat.language import alternation, load
from recchat.language.units import units
from recchat.text import STOPWORDS, fold, normalise_title, stem, without_year
from recchat.vocabulary import GENERIC_NOUNS, NUMBER_WORDS, ORDINALS

_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))
_COUNT = "|".join(["two", "three", "four", "five", "2", "3", "4", "5"])
# "the first two hours", "the first 3 players": counts of something, no pointers
_COUNTED = alternation([*units().in_chat, *load("people")["nouns"]["words"], "years", "year"])
_POSITIONS = re.compile(
    rf"\b(?:the\s+)?(?P<edge>first|last|top|bottom)\s+(?P<count>{_COUNT})\b(?!\s*(?:{_COUNTED})\b)"
    rf"|\b(?P<the>the\s+|that\s+|this\s+)?(?P<ordinal>{_ORDINAL}|last|middle|top)(?:\s+(?P<one>one|ones|suggestion|choice|{alternation(GENERIC_NOUNS)}))?\b"
    r"|(?:\bnumber|\bno\.?|#|\boption|\bpick)\s*(?P<number>[1-9])\b"
)
MIN_SHOWN_TITLE = 4  # characters: a shorter title ('Up', 'It') is too often a plain word
_ALL = re.compile(
    r"\b(?:all\s+(?:of\s+)?(?:them|those|these|five|three|four)|those|these|them|the\s+ones\s+you\s+\w+|"
    r"the\s+(?:whole\s+)?list|any\s+of\s+(?:them|those|these)|none\s+of\s+(?:them|those|these)|both)\b"
)
_ONE = re.compile(r"\b(?:that\s+one|this\s+one|that|it)\b")
_FEELINGS = load("feelings")
_SEEN = re.compile(rf"\b(?:{alternation(_FEELINGS['seen']['words'])})\b")
_DISLIKE = re.compile(rf"\b(?:{alternation(_FEELINGS['sounds_bad']['words'])})\b")
_EXCLUDE = re.compile(
    r"\b(?:not|no|skip|none|except|other\s+than|anything\s+but|rather\s+not|nah|pass\s+on|without|drop|lose)"
    r"\W+(?:(?:on|to|of|the|that|this|those|with)\W+)?$"  # right before the pointer: "not the second one"
    r"|\b(?:not|no)\s+(?:that|this)(?:\s+one)?\W+(?:the\s+)?$"  # "not that one, the fourth"
)
# a verdict after the pointer: "the 2nd and 4th look too bleak, not those"
_EXCLUDE_AFTER = re.compile(
    r"\b(?:looks?|seems?|sounds?)\s+too\b|\btoo\s+(?:dark|bleak|long|old|slow|sad|scary|violent|much)\b"
    r"|\bnot\s+(?:those|them|these|that\s+one|for\s+me)\b|\bno\s+thanks\b"
)
_LISTED = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\s)+\s*(?:the\s+)?")
_ANCHOR = re.compile(
    r"\b(?:more\s+like|similar\s+to|something\s+like|anything\s+like|in\s+the\s+vein\s+of|"
    r"along\s+the\s+lines\s+of|same\s+as|closer\s+to|more\s+of|others?\s+like|ones?\s+like|stuff\s+like)\b"
    r"|^\W*(?:(?:but|and|ok|okay|so|hmm)\W+)?like\b"  # "like the second one, but older"
    r"|\belse\s+(?:is\s+|that'?s\s+)?like\b"  # "what else is like it"
)
_ANCHOR_AFTER = re.compile(r"\W*(?:,\s*)?(?:what|anything|something)\s+else\s+(?:is\s+)?like\b")
# said after pointing: "the 2nd one, more like that", "the third sounds perfect, anything similar?"
_MORE_AFTER = re.compile(
    r"\b(?:more\s+like|similar|anything\s+like|else\s+like|more\s+of\s+(?:that|it|those)|"
    r"in\s+that\s+vein)\b"
)
_LIKE = re.compile(rf"\b(?:{alternation(_FEELINGS['sounds_good']['words'])})\b")


@dataclass(frozen=True)
class Shown:
    """A suggestion of the last list, as the reader needs it."""

    item_id: str
    title: str


@dataclass(frozen=True)
class Pointed:
    references: tuple[Reference, ...]
    spans: tuple[Span, ...]


def read_references(said: Utterance, shown: Sequence[Shown], named: Sequence[tuple[str, Span]]) -> Pointed:
    """`named` are catalog items whose titles the utterance names, with where: those on the
    last list are references too."""
    if not shown:
        return Pointed((), ())
    found: list[tuple[list[int], Span]] = []
    for match in _POSITIONS.finditer(said.lower):
        # "the 2nd and 4th": an ordinal listed after a pointer points too
        listed = bool(found) and bool(_LISTED.fullmatch(said.lower[found[-1][1].end : match.start()]))
        positions = _positions(match, len(shown), listed)
        if positions:
            found.append((positions, Span(match.start(), match.end())))
    by_id = {s.item_id: i for i, s in enumerate(shown)}
    found += [([by_id[item]], span) for item, span in named if item in by_id]
    found += _shown_titles(said, shown, [span for _, span in found])
    found += _described(said, shown, [span for _, span in found])
    if not found:
        every = _ALL.search(said.lower)
        if every:
            found.append((list(range(len(shown))), Span(every.start(), every.end())))
    if not found:
        one = _ONE.search(said.lower)
        if one and _acts_on_one(said, Span(one.start(), one.end())) and not _named_before(said, one.start()):
            found.append(([0], Span(one.start(), one.end())))
    references: list[Reference] = []
    for positions, span in found:
        for act in _acts(said, span):
            references += [Reference(shown[p].item_id, shown[p].title, act) for p in positions]
    unique = {(r.item_id, r.act): r for r in references}
    return Pointed(tuple(unique.values()), tuple(span for _, span in found))


def _shown_titles(said: Utterance, shown: Sequence[Shown], taken: Sequence[Span]) -> list[tuple[list[int], Span]]:
    """Titles of the last list said as people type them ('not the prisoner'): lower case, without
    their article, as whole words; every shown item of that title (two vintages of one wine)."""
    found: list[tuple[list[int], Span]] = []
    positions: dict[str, list[int]] = {}
    for i, item in enumerate(shown):
        key = re.sub(r"^(?:the|a|an) ", "", normalise_title(without_year(item.title)))
        if len(key) >= MIN_SHOWN_TITLE and not key.isdigit():
            positions.setdefault(key, []).append(i)
    for key, places in positions.items():
        words = r"\W+".join(re.escape(word) for word in key.split())
        match = re.search(rf"\b{words}\b", fold(said.text))
        if match is not None and not any(Span(match.start(), match.end()).overlaps(t) for t in taken):
            found.append((places, Span(match.start(), match.end())))
    return found


_DESCRIBED = re.compile(r"\bthe\s+(?P<words>[a-z0-9][a-z0-9'-]*(?:\s+[a-z0-9][a-z0-9'-]*)?)\s+(?P<one>one|ones)\b")


def _described(said: Utterance, shown: Sequence[Shown], taken: Sequence[Span]) -> list[tuple[list[int], Span]]:
    """'not the game one', 'the python ones': the shown items whose titles hold those words."""
    found: list[tuple[list[int], Span]] = []
    titles = [{stem(w) for w in normalise_title(without_year(s.title)).split()} for s in shown]
    for match in _DESCRIBED.finditer(fold(said.text)):
        span = Span(match.start(), match.end())
        words = [stem(w) for w in match.group("words").split() if w not in STOPWORDS]
        if not words or any(span.overlaps(t) for t in taken):
            continue
        places = [i for i, title in enumerate(titles) if all(w in title for w in words)]
        if places and (match.group("one") == "ones" or len(places) == 1):
            found.append((places, span))
    return found


def _named_before(said: Utterance, position: int) -> bool:
    """A word of its own before 'it' ('not the prisoner, had it'): 'it' is that, not the first
    item; unless 'it' is what to be like ('other classics like that')."""
    before = said.lower[:position]
    if re.search(r"\b(?:like|similar\s+to|as)\s+$", before):
        return False
    return any(w not in STOPWORDS and not _SEEN.fullmatch(w) for w in re.findall(r"[a-z]{3,}", before))


def _positions(match: re.Match[str], size: int, listed: bool = False) -> list[int]:
    groups = match.groupdict()
    if groups.get("edge"):
        count = int(groups["count"]) if groups["count"].isdigit() else NUMBER_WORDS[groups["count"]]
        count = min(count, size)
        return list(range(count)) if groups["edge"] in {"first", "top"} else list(range(size - count, size))
    if groups.get("number"):
        n = int(groups["number"])
        return [n - 1] if n <= size else []
    ordinal = groups.get("ordinal")
    if ordinal is None or not (groups.get("the") or groups.get("one") or listed):
        return []  # "first" alone is not a pointer ("my first time"); "the first" or "first one" is
    if ordinal in {"last", "bottom"}:
        return [size - 1]
    if ordinal == "middle":
        return [size // 2]
    n = 1 if ordinal == "top" else ORDINALS[ordinal]
    return [n - 1] if n <= size else []


def _acts_on_one(said: Utterance, span: Span) -> bool:
    """'it' and 'that' point at a suggestion only with a verdict on it ('seen it', 'not that one')."""
    clause = said.clause_of(span.start)
    text = said.lower[clause.start : clause.end]
    return bool(
        _SEEN.search(text) or _DISLIKE.search(text) or _LIKE.search(text) or "one" in said.lower[span.start : span.end]
    )


def act_of(said: Utterance, span: Span) -> str:
    """What a turn does with what it points at, there: seen, dislike, anchor, exclude or like."""
    return _acts(said, span)[0]


def _acts(said: Utterance, span: Span) -> tuple[str, ...]:
    """The act, and 'like' beside 'anchor' when both are said ('the third one sounds perfect,
    anything similar?': liked, and more like it)."""
    act = _act(said, span)
    after = said.lower[span.end :]
    more = _MORE_AFTER.search(after)
    if act in ("like", "anchor") and more is not None:
        liked = _LIKE.search(said.lower[: span.end + more.start()]) is not None
        return ("anchor", "like") if liked else ("anchor",)
    return (act,)


def _like_as(before: str) -> bool:
    """'other classics like that': 'like' right before the pointer, after no one who likes
    ('I like that one', 'we really like it')."""
    found = re.search(r"(\w+)\s+like\s*$", before)
    return found is not None and found.group(1) not in _LIKERS


_LIKERS = frozenset("i we you they he she really also too would do 'd d still definitely".split())


def _act(said: Utterance, span: Span) -> str:
    clause = said.clause_of(span.start)
    around = said.lower[clause.start : clause.end]
    before = said.lower[clause.start : span.start]
    if _SEEN.search(around):
        return "seen"
    if _DISLIKE.search(around):
        return "dislike"
    if _ANCHOR.search(before) or _ANCHOR_AFTER.match(said.lower[span.end : clause.end]) or _like_as(before):
        return "anchor"
    if _EXCLUDE.search(before) or _EXCLUDE_AFTER.search(said.lower[span.end : clause.end]):
        return "exclude"
    if _LIKE.search(around):
        return "like"
    return "anchor"  # pointing at a suggestion without a verdict: go on from it
