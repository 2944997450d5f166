"""Reading one utterance: which titles it names and how it feels about them, which tags it asks
for, and what it asks to avoid. Rules, not a model: fast, predictable and testable."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from recchat.conversation.mentions import CUES, TitleMatch, TitleMatcher
from recchat.conversation.request import Context, Heard, RequestReader
from recchat.conversation.spans import BUT, NEGATOR_WORDS, Span, Utterance
from recchat.conversation.values import ValueVocabulary
from recchat.domain import Mention, Polarity
from recchat.language import load
from recchat.language.detect import foreign_language
from recchat.text import SPOKEN_YEAR_DIGITS, STOPWORDS, content_words, stem, words
from recchat.vocabulary import GENERIC_NOUNS

if TYPE_CHECKING:
    from recchat.catalog.library import CatalogIndex
    from recchat.catalog.schema import CatalogSchema
    from recchat.conversation.mentions import TitleTable
    from recchat.conversation.people_table import PeopleTable

_CLAUSE_BREAK = re.compile(
    rf"[.;!?\n]+|,\s*(?=but\b|though\b|however\b|except\b)|\b(?:{BUT}|however|though|except|although)\b", re.I
)
_NEGATORS = re.compile(
    rf"\b(?:{NEGATOR_WORDS}|none\s+of)\b\s+(?:any|too|very|so|much|more|really|the|a|an|"
    r"of|those|that|all|kind of|sort of)?\s*",
    re.I,
)
NEGATIVE_CUES = tuple(load("feelings")["dislike"]["words"])  # "I hated Titanic"
POSITIVE_CUES = tuple(load("feelings")["like"]["words"])  # "I loved Interstellar"
_AVOID_STOP = frozenset("bad sure seen watched read heard yet it that this one ones thing things stuff".split())
GENERIC = GENERIC_NOUNS  # kind words and nouns for any item: no topic, nothing to avoid


@dataclass(frozen=True)
class Understanding:
    text: str
    polarity: Polarity
    mentions: tuple[Mention, ...]
    avoid: tuple[str, ...]
    wanted_tags: tuple[str, ...]
    avoided_tags: tuple[str, ...]
    positive_text: str  # the utterance without its negative clauses: what to embed as a like
    heard: Heard = field(default_factory=Heard)  # constraints, pointers and the topic left over
    language: str | None = None  # the language it is in, when recchat cannot read it

    @property
    def topic(self) -> str:
        """What the turn is about, without constraint or pointer words ("second", "instead")."""
        return self.heard.topic if self.heard.spans or self.heard.fresh else self.positive_text

    @property
    def informative(self) -> bool:
        heard = self.heard
        return bool(
            self.mentions
            or self.wanted_tags
            or self.avoid
            or heard.constraints
            or heard.references
            or content_words(self.topic)
        )


def reader_for(
    schema: CatalogSchema,
    index: CatalogIndex,
    held: Callable[[str], float] | None = None,
    saved: tuple[TitleTable, PeopleTable] | None = None,
    name: str = "",
) -> Reader:
    """The reader of one catalog: its titles, its values, and (through its schema) its fields.
    `saved`: its title keys and people as its import saved them (built from the index without).
    The catalog's `name` is what its owner calls the items ('courses', 'my-plants'): a noun for
    any of them, like 'item'."""
    titles, people = saved or (None, None)
    values = ValueVocabulary(schema, index, index.tag_vocabulary(), held)
    reader = Reader(TitleMatcher(index, titles), values)
    generic = {stem(word) for word in GENERIC} | {stem(w) for w in catalog_nouns(name)}
    reader.request = RequestReader(schema, index, values, generic, held, people)
    return reader


def catalog_nouns(name: str) -> list[str]:
    """The words of a catalog's name that may be its owner's noun for its items ('my-plants':
    plants)."""
    return [w for w in re.findall(r"[a-z]+", name.lower()) if len(w) >= 3 and w not in STOPWORDS]


class Reader:
    """Understands utterances against one catalog's titles and values, and (given the catalog's
    schema, through a RequestReader) the constraints and pointers in them."""

    def __init__(self, matcher: TitleMatcher, values: ValueVocabulary, request: RequestReader | None = None) -> None:
        self.matcher = matcher
        self.values = values
        self.request = request

    def read(self, text: str, context: Context | None = None) -> Understanding:
        clauses = _clauses(text)
        found = self.matcher.find(text)
        language = foreign_language(_without_titles(text, found))
        if language:
            return Understanding(text, Polarity.NEUTRAL, (), (), (), (), "", language=language)
        matches = [m for m in found if not _a_year_not_a_title(text, m) and not self._a_value(text, m)]
        heard = Heard()
        if self.request is not None:
            named = [(m.item_id, Span(m.start, m.end)) for m in matches]
            heard = self.request.read(text, context or Context(), named)
        # "an 80s sci-fi movie, not Star Wars": a title under a 'not' is to avoid this turn (the
        # request reader makes it so), never a like; "I hated Titanic" is a verdict, and stays
        said = Utterance(text)
        mentions = tuple(
            Mention(m.item_id, m.title, polarity)
            for m in matches
            if (polarity := _mention_polarity(text, m, clauses)) is Polarity.NEGATIVE
            or not said.negated(Span(m.start, m.end))
        )
        avoid = _avoid_phrases(clauses, matches)
        avoided_tags = self._tags_in(" ".join(avoid))
        positive_clauses = [c for start, c in clauses if not _is_negative_clause(c, start, matches)]
        positive_text = " ".join(positive_clauses).strip()
        wanted = tuple(t for t in self._tags_in(positive_text) if t not in avoided_tags)
        return Understanding(
            text=text,
            polarity=_overall(mentions, avoid, positive_text),
            mentions=mentions,
            avoid=avoid,
            wanted_tags=wanted,
            avoided_tags=avoided_tags,
            positive_text=positive_text,
            heard=heard,
        )

    def tags_in(self, text: str) -> tuple[str, ...]:
        return self._tags_in(text)

    def _a_value(self, text: str, match: TitleMatch) -> bool:
        """'a sauvignon blanc from new zealand': a title that is also one of the catalog's values
        (a grape, a style) is that value, unless cued as a title ('I loved ...', a year after it)."""
        said = text[match.start : match.end]
        if match.explicit_year or any(cue in words(text[: match.start])[-2:] for cue in CUES):
            return False
        found = self.values.spans(said, fuzzy=False)
        return len(found) == 1 and found[0][1].start == 0 and found[0][1].end >= len(said.rstrip())

    def _tags_in(self, text: str) -> tuple[str, ...]:
        """Tags (and list values) named in the text, longest first: "science fiction" is that tag,
        not also "science"."""
        return self.values.tags_in(text)


def _without_titles(text: str, matches: list[TitleMatch]) -> str:
    """The words outside titles ('La La Land' is no French)."""
    for match in sorted(matches, key=lambda m: -m.start):
        text = text[: match.start] + " " + text[match.end :]
    return text


_TIME_CUE = re.compile(
    r"\b(?:from|after|before|since|in|until|till|to|between|and|of|circa|around|pre|post|than|by|the|or)\s*$", re.I
)


def _a_year_not_a_title(text: str, match: TitleMatch) -> bool:
    """'from after 2010' names a year, not the film "2010"; 'I loved 1984' names the book."""
    said = text[match.start : match.end]
    return bool(re.fullmatch(SPOKEN_YEAR_DIGITS, said)) and bool(_TIME_CUE.search(text[: match.start]))


def _clauses(text: str) -> list[tuple[int, str]]:
    """Clauses with their start offsets; 'X but no Y' splits before 'but'."""
    result = []
    position = 0
    for match in _CLAUSE_BREAK.finditer(text):
        if match.start() > position:
            result.append((position, text[position : match.start()]))
        position = match.end()
    if position < len(text):
        result.append((position, text[position:]))
    return [(start, clause) for start, clause in result if clause.strip()]


def _has_cue(text: str, cues: tuple[str, ...]) -> bool:
    lowered = " " + " ".join(words(text)).replace("’", "'") + " "
    return any(f" {cue} " in lowered for cue in cues)


def _mention_polarity(text: str, match: TitleMatch, clauses: list[tuple[int, str]]) -> Polarity:
    clause = next((c for start, c in clauses if start <= match.start < start + len(c)), text)
    around = clause.replace(text[match.start : match.end], " ")
    if _has_cue(around, NEGATIVE_CUES):
        return Polarity.NEGATIVE
    if _has_cue(around, POSITIVE_CUES):
        return Polarity.POSITIVE
    return Polarity.NEUTRAL


def _is_negative_clause(clause: str, start: int, matches: list[TitleMatch]) -> bool:
    if _NEGATORS.search(clause) and not _has_cue(clause, ("not only", "no doubt")):
        return bool(_phrase_after_negator(clause))
    inside = [m for m in matches if start <= m.start < start + len(clause)]
    return bool(inside) and _has_cue(clause, NEGATIVE_CUES)


def _phrase_after_negator(clause: str) -> str:
    match = _NEGATORS.search(clause)
    if match is None:
        return ""
    kept: list[str] = []
    for word in words(clause[match.end() :])[:5]:
        if word in GENERIC or (kept and word in STOPWORDS):
            break
        if word not in STOPWORDS and word not in _AVOID_STOP:
            kept.append(word)
    return " ".join(kept[:3])


def _avoid_phrases(clauses: list[tuple[int, str]], matches: list[TitleMatch]) -> tuple[str, ...]:
    phrases: list[str] = []
    for start, clause in clauses:
        if any(start <= m.start < start + len(clause) for m in matches):
            continue  # "I hated Titanic" is a disliked item, not a phrase to avoid
        phrase = _phrase_after_negator(clause)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return tuple(phrases)


def _overall(mentions: tuple[Mention, ...], avoid: tuple[str, ...], positive_text: str) -> Polarity:
    liked = any(m.polarity is Polarity.POSITIVE for m in mentions)
    disliked = any(m.polarity is Polarity.NEGATIVE for m in mentions)
    if liked or _has_cue(positive_text, POSITIVE_CUES):
        return Polarity.POSITIVE
    if disliked or (avoid and not content_words(positive_text)):
        return Polarity.NEGATIVE
    return Polarity.NEUTRAL
