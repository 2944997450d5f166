"""People (and makers) named in a request — "by Agatha Christie", "a Christopher Nolan film",
"something with Tom Hanks", "not by Scorsese" — found through the names the catalog holds: its
people fields (author, director, stars, ... whatever they are called) and, for catalogs without
them, the names in its descriptions (counted once, at import: people_table.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from recchat.catalog.library import CatalogIndex
from recchat.catalog.measures import header_says
from recchat.catalog.schema import CatalogSchema
from recchat.conversation.kinds import Found, misspelt
from recchat.conversation.people_table import TEXT, PeopleTable, Person
from recchat.conversation.spans import Span, Utterance
from recchat.domain import Constraint
from recchat.language import common_words
from recchat.text import STOPWORDS, normalise_title, stem
from recchat.vocabulary import GENERIC_NOUNS

MAX_NAME_WORDS = 4
FUZZY_CUTOFF = 88.0

_CAST_CUES = frozenset({"with", "starring", "featuring", "stars", "and"})
_MAKER_CUES = frozenset({"by", "from", "directed", "written", "made", "designed", "created"})
_AFTER_CUES = GENERIC_NOUNS  # "a nolan film", "tarantino movies"
_WORK_NOUNS = {word: {word} for word in _AFTER_CUES}  # for "tarantino moives"


class PeopleReader:
    def __init__(
        self,
        schema: CatalogSchema,
        index: CatalogIndex,
        ignore: set[str] = frozenset(),  # type: ignore[assignment]
        table: PeopleTable | None = None,
    ) -> None:
        """`table`: the catalog's people as saved at import; counted here from the index when
        there is none, or when it was counted from the items in another order. `ignore`: words
        that are no name on their own."""
        if table is None or table.order != index.order:
            table = PeopleTable.of(schema, index.entries)
        self._table = table
        self._ignore = ignore

    def _person(self, key: str) -> Person:
        person = self._table.person(key)
        if person is None:
            raise KeyError(key)  # the table's own lookups name only its people
        return person

    def _surnames(self, word: str) -> list[str]:
        return [] if self._ignored(word) else self._table.with_surname(word)

    def _distinctive(self, word: str) -> list[str]:
        """The names a rare word belongs to: 'ottolenghi', 'nigella'."""
        return [] if self._ignored(word) or _plain(word) else self._table.with_word(word)

    def _ignored(self, word: str) -> bool:
        """A word that is no name alone, in any number ('certificates' beside a yes/no field)."""
        return word in self._ignore or stem(word) in self._ignore

    def read(self, said: Utterance, taken: Sequence[Span], titles: Sequence[Span] = ()) -> list[Found]:
        """`titles`: where the utterance names catalog items ("Contact (1997) with Jodie Foster"
        describes that film rather than asking for hers)."""
        tokens = list(re.finditer(r"[^\W_]+(?:['’][a-z]+)?", said.text))
        found: list[Found] = []
        i = 0
        while i < len(tokens):
            match = self._at(said, tokens, i, taken)
            if match is None:
                i += 1
                continue
            person_keys, size = match
            span = Span(tokens[i].start(), tokens[i + size - 1].end())
            if not _of_a_title(said, span, titles) and not _spoken_of(said, span):
                found.append(self._found(person_keys, span, said))
            i += size
        return _alternatives(found, said)

    def _at(
        self, said: Utterance, tokens: list[re.Match[str]], i: int, taken: Sequence[Span]
    ) -> tuple[list[str], int] | None:
        for size in range(min(MAX_NAME_WORDS, len(tokens) - i), 0, -1):
            window = tokens[i : i + size]
            cue = _cue(said, tokens, i, i + size)
            span = Span(window[0].start(), window[-1].end())
            if any(span.overlaps(t) for t in taken) or (size > 1 and window[-1].group().lower() in _ENDS_A_NAME):
                continue  # 'miles davis or': no name ends in a joining word
            key = normalise_title(" ".join(t.group() for t in window))
            person = self._table.person(key)
            if person and self._plausible(person, size, cue, window, said, key):
                return [key], size
            continues = i + 1 < len(tokens) and _capitalised(tokens[i + 1], said)  # "Owen Wilson", not Clive Owen
            if (
                size == 1
                and self._surnames(key)
                and not continues
                and self._surname_said(key, cue, window[0], said, tokens, i)
            ):
                return self._surnames(key), 1
            if size >= 2 and cue and all(t.group()[:1].isupper() for t in window):
                close = self._fuzzy(key)
                if close:
                    return [close], size
            if size >= 2 and not all(_plain(w) for w in key.split()):
                close = self._part_of_one(key) or self._fuzzy(key)  # 'kenji lopez alt', 'julia childs'
                if close:
                    return [close], size
            if size == 1 and len(self._distinctive(key)) == 1:
                return self._distinctive(key), 1  # 'ottolenghi', 'nigella': no other word is one
        return None

    def _part_of_one(self, key: str) -> str | None:
        """The one name that holds these words in a row ('kenji lopez alt' of 'j kenji lopez alt')."""
        found = self._table.with_run(key)
        return found[0] if len(found) == 1 else None

    def _plausible(
        self, person: Person, size: int, cue: str | None, window: list[re.Match[str]], said: Utterance, key: str
    ) -> bool:
        """A whole name from a people field stands on its own; one only seen in descriptions
        (which also name places and studios) needs a cue or capitals; one word needs a cue."""
        if size == 1:
            return bool(cue) and key not in self._ignore and bool(person.fields.keys() - {TEXT})
        if person.fields.keys() - {TEXT}:
            return True
        return bool(cue) or all(t.group()[:1].isupper() for t in window) or said.negated(Span(window[0].start(), 0))

    def _surname_said(
        self, key: str, cue: str | None, token: re.Match[str], said: Utterance, tokens: list[re.Match[str]], i: int
    ) -> bool:
        """A surname alone ("by Scorsese", "a nolan film") needs a cue; one known only from
        descriptions needs one before it ('kids movies' is no person)."""
        before = tokens[i - 1].group().lower() if i > 0 else ""
        if not _capitalised(token, said) and _modifies_a_noun(said, token):
            return False  # "with short-ish episodes", "with long episodes": a word, not Martin Short
        cued_before = before in _CAST_CUES | _MAKER_CUES - {"and"}
        in_fields = any(self._person(k).fields.keys() - {TEXT} for k in self._surnames(key))
        if cued_before:
            return in_fields or _capitalised(token, said) or before in {"by", "starring", "directed"}
        return bool(cue) and in_fields

    def _fuzzy(self, key: str) -> str | None:
        from rapidfuzz import fuzz, process

        # a slip is seldom in the first letter: comparing with names that share it is ~20x faster
        best = process.extractOne(key, self._table.with_initial(key[:1]), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return str(best[0]) if best else None

    def _found(self, keys: list[str], span: Span, said: Utterance) -> Found:
        people = sorted((self._person(k) for k in keys), key=lambda p: -sum(p.fields.values()))
        person = people[0]  # a surname several people share: the one with most items
        cue = _cue_word(said, span)
        where = _fields_for(person, cue)
        negated = said.negated(span)
        joined = "|".join(where)
        op = "mentions" if where == [TEXT] else "has"
        preposition = "with" if cue in _CAST_CUES or (where and all(_cast(f) for f in where)) else "by"
        label = f"{'not ' if negated else ''}{preposition} {person.name}"
        constraint = Constraint("person", joined, op, person.name, negated, label, said.text[span.start : span.end])
        return Found(constraint, span)


def _cast(field: str) -> bool:
    """A field of those who appear in items ('Stars', 'cast'), not of those who make them."""
    return header_says(field, "cast")


def _fields_for(person: Person, cue: str | None) -> list[str]:
    """The people fields to look in: where the name appears, narrowed by how it was asked for
    ("with X": cast-like fields; "by X": the others) when that leaves any."""
    fields = [f for f, _ in person.fields.most_common() if f != TEXT]
    if not fields:
        return [TEXT]
    if cue in _CAST_CUES:
        narrowed = [f for f in fields if _cast(f)]
    elif cue in _MAKER_CUES:
        narrowed = [f for f in fields if not _cast(f)]
    else:
        narrowed = []
    return narrowed or fields


def _cue(said: Utterance, tokens: list[re.Match[str]], i: int, end: int) -> str | None:
    """A word before the name that says it is one ("by", "with"), or one after ("'s", "film")."""
    before = tokens[i - 1].group().lower() if i > 0 else ""
    if before in _CAST_CUES | _MAKER_CUES:
        return before
    following = said.lower[tokens[end - 1].end() :].lstrip()
    if re.match(r"['’]s\b", following):
        return "by"
    word = re.match(r"[a-z]+", following)
    return "by" if word and (word.group() in _AFTER_CUES or misspelt(word.group(), _WORK_NOUNS)) else None


def _cue_word(said: Utterance, span: Span) -> str | None:
    words = said.words_before(span.start, 2)
    for word in reversed(words):
        if word in _CAST_CUES | _MAKER_CUES:
            return word
    return None


_ENDS_A_NAME = frozenset("and or in please pls plz".split()) | GENERIC_NOUNS


def _modifies_a_noun(said: Utterance, token: re.Match[str]) -> bool:
    """A lower-case word followed by a suffix or another plain word reads as an adjective."""
    after = said.lower[token.end() :]
    if after.startswith("-"):
        return True
    following = re.match(r"\s+([a-z]+)", after)
    if following is None:
        return False
    word = following.group(1)
    if _plain(token.group().lower()):
        return True  # "card games", "short episodes": an everyday word before a noun describes it
    return word not in _ENDS_A_NAME and word not in STOPWORDS and not misspelt(word, _WORK_NOUNS)


def _plain(word: str) -> bool:
    """An everyday word, which a name made of it must not be read from alone."""
    return word in STOPWORDS or word in common_words()


def _capitalised(token: re.Match[str], said: Utterance) -> bool:
    at_start = not said.text[: token.start()].strip() or said.text[: token.start()].rstrip()[-1:] in ".!?"
    return token.group()[:1].isupper() and not at_start


_STATEMENT = re.compile(r"\s*(?:is|was|were|are|has|had|'s\s+(?:the|so|a|just|really|great|awesome|amazing))\b", re.I)
# a name the catalog does not hold, in the middle of a list ("Brad Pitt, Decaprio or ...")
_UNKNOWN_NAME = re.compile(r"(?<=,)\s*[A-Z][\w'-]+\s*(?=,)")
_OR_BETWEEN = re.compile(r"^(?:[\s,/]|\b(?:or|and|either|maybe)\b)*$", re.I)


def _of_a_title(said: Utterance, span: Span, titles: Sequence[Span]) -> bool:
    """'Title (year) with X' or 'Title by X': the name says who made or starred in that title."""
    return any(
        re.fullmatch(r"\s*(?:\(\d{4}\))?\s*,?\s*(?:with|by|starring|featuring|from)\s+", said.text[t.end : span.start])
        for t in titles
        if t.end <= span.start
    )


def _spoken_of(said: Utterance, span: Span) -> bool:
    """'Tom Cruise is the best', 'Gal Gadot was awesome in it': a verdict on a person, with no
    'by' or 'with' asking for their work."""
    before = said.words_before(span.start, 2)
    return not set(before) & (_CAST_CUES | _MAKER_CUES) and bool(_STATEMENT.match(said.text, span.end))


def _alternatives(found: list[Found], said: Utterance) -> list[Found]:
    """People joined by 'or' ("with Brad Pitt, George Clooney or Matt Damon"): any of them."""
    merged: list[list[Found]] = []
    for one in found:
        last = merged[-1][-1] if merged else None
        if (
            last is not None
            and last.constraint.negated == one.constraint.negated
            and _OR_BETWEEN.match(_UNKNOWN_NAME.sub(" ", said.text[last.span.end : one.span.start]))
        ):
            merged[-1].append(one)
        else:
            merged.append([one])
    result = []
    for group in merged:
        joints = [said.lower[a.span.end : b.span.start] for a, b in pairwise(group)]
        if len(group) == 1 or not any(re.search(r"\bor\b", j) for j in joints):
            result.extend(group)
            continue
        result.append(_any_of(group))
    return result


def _any_of(group: list[Found]) -> Found:
    names = tuple(f.constraint.value for f in group)
    fields = "|".join(dict.fromkeys(part for f in group for part in f.constraint.field.split("|")))
    first = group[0].constraint
    preposition = first.label.split()[-len(str(first.value).split()) - 1]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    label = f"{'not ' if first.negated else ''}{preposition} {listed}"
    said = " ".join(f.constraint.said for f in group)
    constraint = Constraint("person", fields, "has", names, first.negated, label, said)
    return Found(constraint, Span(group[0].span.start, group[-1].span.end))
