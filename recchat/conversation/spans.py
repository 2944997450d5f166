"""Where things were said in an utterance: character spans, the clauses they sit in, and whether
a clause says *not* to something before them. Shared by the readers of kinds, times, numbers,
people, things to avoid and references, so they agree on what one clause is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from recchat.language import alternation, load
from recchat.text import fold

_NEGATION = load("negation")
# "anything but", "anywhere but", "nothing but" (negation.toml's negators that end in 'but'): no new clause
_BEFORE_BUT = sorted({p.split()[0] for p in _NEGATION["negators"]["words"] if p.endswith(" but")} | {"nothing"})
BUT = "".join(rf"(?<!{re.escape(word)}\s)" for word in _BEFORE_BUT) + "but"
CLAUSE_BREAK = re.compile(
    rf"[.;!?\n]+|,\s*(?=but\b|though\b|however\b|except\b|and\b)|\b(?:{BUT}|however|though|although|whereas)\b", re.I
)


_DO_NOT = _NEGATION["do_not"]
# Longer forms come first, so that what follows a negator ("not into horror") is what it negates.
NEGATOR_WORDS = (
    rf"(?:{alternation(_DO_NOT['auxiliaries'])})(?:\s+(?:{alternation(_DO_NOT['softeners'])}))?"
    rf"\s+(?:{alternation(_DO_NOT['verbs'])})|{alternation(_NEGATION['negators']['words'])}"
)
NEGATOR = re.compile(rf"\b(?:{NEGATOR_WORDS})\b", re.I)
_REACH = int(_NEGATION["scope"]["reach"])  # words a negator governs
_LOOK_BACK = 160  # characters: a negator, then at most `_REACH` words
_NEW_SUBJECT = re.compile(rf"\b(?:{alternation(_NEGATION['scope']['subjects'])})\b")
_NEW_WISH = re.compile(rf",\s*(?:{alternation(_NEGATION['scope']['openers'])})\b")
_OPENER_REACH = 12  # characters of the span itself read for an opener (the longest is shorter)
_NOT_NEGATING = re.compile(rf"\b(?:{alternation(_NEGATION['not_negating']['words'])})\b", re.I)


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class Utterance:
    """One utterance, folded to lower case (same length as the original, so spans carry over),
    with its clauses."""

    def __init__(self, text: str) -> None:
        self.text = text
        folded = fold(text)
        # fold() may change the length (accents, '&' -> ' and '): fall back to plain lower case
        self.lower = folded if len(folded) == len(text) else text.lower()
        self.clauses = _clauses(self.lower)

    def clause_of(self, position: int) -> Span:
        return next((c for c in self.clauses if c.start <= position < c.end), Span(0, len(self.lower)))

    def negated(self, span: Span) -> bool:
        """A negator earlier in the same clause, and close enough to govern it ('not a romance',
        'nothing from Marvel or DC', 'I don't want anything by Scorsese')."""
        clause = self.clause_of(span.start)
        # Only the last words can hold a negator close enough: a bounded look back keeps a long
        # message linear (each word of it is asked about), starting at a word boundary.
        start = max(clause.start, span.start - _LOOK_BACK)
        while start > clause.start and self.lower[start - 1].isalnum():
            start += 1
        before = self.lower[start : span.start]
        found = list(NEGATOR.finditer(before))
        if not found:
            return False
        last = found[-1]
        if _NOT_NEGATING.match(before, last.start()):
            return False
        # the span's own first words count: 'no electric, lots of cargo space'
        governed = before[last.end() :] + self.lower[span.start : min(span.end, span.start + _OPENER_REACH)]
        # "I have not seen that one, I love Gene Wilder": a new subject ends what 'not' governs, and
        # so does a new wish after a comma ("not too violent, something like Arrival")
        return len(governed.split()) <= _REACH and not _NEW_SUBJECT.search(governed) and not _NEW_WISH.search(governed)

    def words_before(self, position: int, count: int = 3) -> list[str]:
        clause = self.clause_of(position)
        return re.findall(r"[a-z0-9'+#]+", self.lower[clause.start : position])[-count:]


def _clauses(text: str) -> list[Span]:
    spans, position = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        if match.start() > position:
            spans.append(Span(position, match.start()))
        position = match.end()
    if position < len(text):
        spans.append(Span(position, len(text)))
    return [span for span in spans if text[span.start : span.end].strip()] or [Span(0, len(text))]
