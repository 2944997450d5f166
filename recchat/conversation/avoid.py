"""What to stay away from: "not a romance", "no slasher", "nothing from Marvel", "not the Matrix
ones". A tag the catalog has is avoided as a tag (with its everyday spellings: "no scary stuff"
avoids horror); anything else as words the item's title, tags and description must not contain.
Kinds and people said after a "not" are the kind and people readers' (they see the negation)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from recchat.conversation.kinds import Found
from recchat.conversation.spans import NEGATOR, Span, Utterance
from recchat.conversation.values import Value, value_constraint
from recchat.domain import Constraint
from recchat.language import alternation, load
from recchat.text import STOPWORDS, stem
from recchat.vocabulary import GENERIC_NOUNS

MAX_PHRASE_WORDS = 3
_SKIP = frozenset(
    """a an the any too very so much more really all kind sort of some another other
    anything something stuff things thing ones type types kinds from with about involving including
    having featuring containing
    """.split()
)
_ABOUT_ONESELF = re.compile(r"\b(?:i'?m|i\s+am|we'?re|we\s+are|i\s+was|we\s+were)\s+(?:really\s+|just\s+)?$")
_POINTERS = frozenset("that this it those these them one".split())
# A verb after the 'not' says something happened or not ("never saw it"), not what to avoid.
_VERBS = frozenset(
    """saw seen see watch watched watching read reading heard hear play played playing tried try
    finished like liked love loved enjoy enjoyed care think thought know knew want wanted mind get
    got go went been be was is sure remember recall own owned have had seeing interested yet aware
    familiar picky fussy quite exactly necessarily
    """.split()
)
# Words that end the phrase: what follows is no longer the thing to avoid.
_END = GENERIC_NOUNS | frozenset(
    """please thanks pls plz though tho thx lol for with and or but tonight today this either""".split()
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
# How something feels rather than what it is: too blunt to forbid as a word ("nothing too long"
# must not rule out every item whose text says "long"); the profile keeps them as soft avoids.
_QUALITIES = frozenset(
    """long short quick slow fast big small old new recent dark light sad happy heavy serious silly
    boring cheesy depressing intense complicated complex simple easy hard difficult expensive cheap
    weird strange loud quiet violent gory scary enough way much many lot""".split()
)


def read_avoid(
    said: Utterance, taken: Sequence[Span], values_in: Callable[[str], tuple[Value, ...]], generic: set[str]
) -> list[Found]:
    found: list[Found] = []
    for clause in said.clauses:
        text = said.lower[clause.start : clause.end]
        for negator in NEGATOR.finditer(text):
            if _ABOUT_ONESELF.search(text[: negator.start()]) and negator.group() == "not":
                continue  # "I'm not picky", "we're not sure": about the person, not the items
            phrase = _phrase(text, negator.end(), clause.start, generic)
            if phrase is None:
                continue
            words, span = phrase
            if any(span.overlaps(t) for t in [*taken, *(f.span for f in found)]):
                continue
            found.extend(_classified(" ".join(words), span, said, values_in))
    return found


# "never saw X", "other than X", "not even X": the title is not a ban on a series.
_NOT_A_BAN = re.compile(r"\b(?:saw|seen|watched|read|heard|played|other\s+than|even|sure|think)\b")
_DISLIKE_VERB = re.compile(rf"\b(?:{alternation(load('feelings')['dislike']['words'])})\b")


def read_title_avoid(said: Utterance, titles: Sequence[Span]) -> list[Found]:
    """'not the Matrix ones', 'nothing from Star Wars': titles named after a 'not' stand for
    everything titled so. ('I hated Titanic' is a verdict on one item, which the profile keeps.)"""
    found = []
    for span in titles:
        clause = said.clause_of(span.start)
        before = said.lower[clause.start : span.start]
        if not said.negated(span) or _DISLIKE_VERB.search(before) or _NOT_A_BAN.search(before):
            continue
        words = said.text[span.start : span.end]
        value = " ".join(w for w in _WORD.findall(words.lower()) if w not in STOPWORDS)
        if not value:
            continue  # "not even Up": no word of its own to rule out
        shown = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I)
        # the title's words anywhere in an item's text: "no Star Wars" also rules out "Return of the Jedi"
        found.append(Found(Constraint("title", "text", "mentions", value, True, f"no {shown}", words), span))
    return found


_IN_THE_NAME = re.compile(
    r"(?:['\"‘“](?P<quoted>[^'\"’”]{1,40})['\"’”]|(?P<plain>[a-z0-9-]+(?:\s+[a-z0-9-]+){0,2}))"
    r"\s+in\s+(?:the|its|their)\s+(?:names?|titles?)\b"
)


def read_name_avoid(said: Utterance, taken: Sequence[Span]) -> list[Found]:
    """ "skip anything with 'planet' in the name": words the titles must not hold."""
    found = []
    for match in _IN_THE_NAME.finditer(said.lower):
        span = Span(match.start(), match.end())
        said_words = match.group("quoted") or match.group("plain")
        words = [w for w in _WORD.findall(said_words) if w not in STOPWORDS and w not in _SKIP]
        words = words[max((i + 1 for i, w in enumerate(words) if NEGATOR.fullmatch(w)), default=0) :]
        # the negator may be among the words caught ('nothing with marine in the name')
        group = "quoted" if match.group("quoted") else "plain"
        last = Span(match.end(group) - 1, match.end(group))
        if not words or not (said.negated(span) or said.negated(last)) or any(span.overlaps(t) for t in taken):
            continue
        value = " ".join(words[-MAX_PHRASE_WORDS:])
        constraint = Constraint("title", "title", "has", value, True, f"no '{value}' in the title", value)
        found.append(Found(constraint, span))
    return found


def _phrase(text: str, start: int, offset: int, generic: set[str]) -> tuple[list[str], Span] | None:
    """The words right after a negator, past articles and 'too'/'any': 'not a romance' ->
    romance. A comma right after the negator ('No, does it ...'), a verb, or a number is not a
    thing to avoid."""
    if re.match(r"\s*[,.;:!?]", text[start:]):
        return None
    words: list[str] = []
    first = last = None
    for match in _WORD.finditer(text, start):
        word = match.group().strip("'-")
        if word in _END or stem(word) in generic:
            break
        if word in _POINTERS and not words:
            return None  # "hated that one", "not those": a verdict on what was shown
        if word in _SKIP:
            if words:
                break
            continue
        if word in STOPWORDS or word in _VERBS or word.isdigit():
            break
        words.append(word)
        first = match.start() if first is None else first
        last = match.end()
        if len(words) >= MAX_PHRASE_WORDS:
            break
    if not words or first is None or last is None:
        return None
    return words, Span(offset + first, offset + last)


def _classified(phrase: str, span: Span, said: Utterance, values_in: Callable[[str], tuple[Value, ...]]) -> list[Found]:
    said_words = said.text[span.start : span.end]
    values = values_in(phrase)
    if not values and all(word in _QUALITIES for word in phrase.split()):
        return []
    if values:
        return [Found(value_constraint((value,), True, said_words), span) for value in values]
    constraint = Constraint("word", "text", "mentions", phrase, True, f"no {said_words}", said_words)
    return [Found(constraint, span)]
