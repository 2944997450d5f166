"""Genres named in a request, read where they were said. A genre in a clause about an item
already on the table ("is it funny?", "it has great music", "I think it's a comedy") describes
that item and asks for nothing; a genre word inside a name ("Star Wars", "Infinity War") is no
genre; several joined by "or" ("comedy or action", "horror, sci-fi or fantasy") ask for any of
them, while "action comedies" asks for both."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from recchat.conversation.spans import Span, Utterance
from recchat.language import alternation
from recchat.text import STOPWORDS
from recchat.vocabulary import GENERIC_NOUNS

TagSpans = Callable[[str], list[tuple[str, Span]]]

_PRONOUN = r"(?:it|that|this|they|he|she)"
_VERB = r"(?:is|was|are|were|has|had|have|does|did|do|sounds?|seems?|looks?|gets?|got)"
_ABOUT_AN_ITEM = re.compile(rf"\b(?:{_VERB}\s+{_PRONOUN}|{_PRONOUN}(?:\s+one)?(?:'s|\s+{_VERB})|its|thats)\b", re.I)
# "something that is funny", "dinner thats vegetarian": 'that' after a word that is no verb of
# thinking or saying starts a relative clause, which describes what is wanted
_RELATIVE = re.compile(r"\b(?!(?:think|thought|guess|know|knew|bet|say|said|heard|hear|believe|sure|hope)\b)[a-z]+\s+$")
_TASTE = re.compile(r"\b(?:like|likes|love|loves|enjoy|enjoys|into|fan\s+of|favou?rites?|prefer|adore)\b")
_ASKS = re.compile(
    r"\?|\b(?:looking\s+for|look\s+for|want|wanna|need|recommend|suggest|something|anything|any|some|"
    r"in\s+the\s+mood|how\s+about|what\s+about|give\s+me|show\s+me|find\s+me|got\s+any|can\s+you|"
    r"could\s+you|should\s+(?:i|we)|only|more|please|pls|instead)\b"
)
_SEPARATOR = re.compile(r"^(?:[\s,/]|\b(?:or|and|either|maybe|perhaps|a|an|the|some|any)\b)*$")
# Words allowed between genres of one list: "comedy movies or action movies".
_LIST_FILLER = re.compile(rf"\b(?:ones|stuff|kind|type|{alternation(GENERIC_NOUNS)})\b")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
# Capitalised only because they start a sentence or a shout: no part of a name.
_OPENERS = frozenset(
    "hi hello hey yes yeah yep no nope ok okay maybe also any some more good great funny scary old classic "
    "new recent light dark love like loved liked really just".split()
)


def alternatives_label(values: Sequence[str]) -> str:
    """'comedy or action', 'action, fantasy or horror'."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


def requested_genres(said: Utterance, wanted: Sequence[str], spans_of: TagSpans) -> list[tuple[str, ...]]:
    """The genres asked for, in groups: a group of one is asked for, a group of several asks for
    any of them. `wanted` are the genres read from the request's words, in any order."""
    located: dict[str, Span] = {}
    for tag, span in spans_of(said.lower):
        if tag in wanted and tag not in located:
            located[tag] = span
    kept = [
        tag
        for tag in wanted
        if tag not in located
        or not (
            _about_an_item(said, located[tag])
            or _inside_a_name(said, located[tag], located)
            or _taste(said, located[tag])
        )
    ]
    placed = sorted((t for t in kept if t in located), key=lambda t: located[t].start)
    return [(t,) for t in kept if t not in located] + _grouped(said, placed, located)


def _about_an_item(said: Utterance, span: Span) -> bool:
    """The genre follows, in its clause, a pronoun with a verb: it describes or asks about
    something already named ("is it funny", "it has great music", "that one was creepy")."""
    clause = said.clause_of(span.start)
    before = said.lower[clause.start : span.start]
    for match in _ABOUT_AN_ITEM.finditer(before):
        if re.match(r"\s+(?:to|got\s+to)\b", before[match.end() :]):
            continue  # "it has to be dog friendly", "it needs to be": what is wanted
        if match.group().startswith("that") and _RELATIVE.search(before[: match.start()]):
            continue  # "dinner that's vegetarian": a relative clause about what is wanted
        return True
    return False


def _taste(said: Utterance, span: Span) -> bool:
    """'I love horror movies', with nothing asked: a taste the ranking leans towards, not a
    limit on what may be shown ('I love horror, anything from the 80s?' asks)."""
    clause = said.clause_of(span.start)
    return bool(_TASTE.search(said.lower[clause.start : span.start])) and not _ASKS.search(said.lower)


def _inside_a_name(said: Utterance, span: Span, located: Mapping[str, Span]) -> bool:
    """Capitalised beside another capitalised word that is no genre: part of a name."""
    if not _CAPITALISED.match(said.text[span.start : span.end]):
        return False
    neighbours: list[tuple[int, str]] = []
    before = re.search(r"([A-Za-z]+)[\s:'-]{1,2}$", said.text[: span.start])
    if before:
        neighbours.append((before.start(1), before.group(1)))
    after = re.match(r"[\s:'-]{1,2}([A-Za-z]+)", said.text[span.end :])
    if after:
        neighbours.append((span.end + after.start(1), after.group(1)))
    genres = list(located.values())
    for at, word in neighbours:
        if not _CAPITALISED.fullmatch(word) or any(g.start <= at < g.end for g in genres):
            continue  # lower case, or another genre ("Action Comedy")
        if word.lower() in STOPWORDS or word.lower() in _OPENERS:
            continue  # "Any Westerns?", "Hi! Horror please"
        return True
    return False


def _grouped(said: Utterance, placed: Sequence[str], located: Mapping[str, Span]) -> list[tuple[str, ...]]:
    """Consecutive genres with only separators between them form one list; a list joined by
    'or', or of three or more joined by commas alone, asks for any of its genres."""
    chains: list[list[str]] = []
    joints: list[list[str]] = []
    for tag in placed:
        if chains:
            between = said.lower[located[chains[-1][-1]].end : located[tag].start]
            between = _LIST_FILLER.sub(" ", between)
            if _SEPARATOR.match(between):
                chains[-1].append(tag)
                joints[-1].append(between)
                continue
        chains.append([tag])
        joints.append([])
    groups: list[tuple[str, ...]] = []
    for chain, joint in zip(chains, joints, strict=True):
        said_or = any(re.search(r"\bor\b", j) for j in joint)
        commas_only = len(chain) >= 3 and all("," in j and not re.search(r"\band\b", j) for j in joint)
        if len(chain) > 1 and (said_or or commas_only):
            groups.append(tuple(chain))
        else:
            groups.extend((t,) for t in chain)
    return groups
