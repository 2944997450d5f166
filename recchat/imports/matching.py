"""Which catalog item a history row means: by title, then year, maker and kind.

Titles are compared as keys (accents, case, punctuation and apostrophes dropped, '&' read as
'and', a year or a series in brackets cut off: 'Dune (Dune #1)', 'The Colour of Magic
(Discworld, #1)'), in levels: the whole title, then without its article, then the part before a
colon (or after it), then a near spelling. The first level with a candidate that fits decides (the whole
title and the title without its article are one level: "Hangover, 2009" is The Hangover
(2009), not Hangover (2010), by the year; with no year the title as written wins). A candidate
fits unless something known says it is another work: a year more than two off (a remake, an
original), a different maker, another kind of item. A shortened or misspelt title must also have
the very same year ("The Godfather: Part II", 1974, is not The Godfather, 1972). Several
fitting equally well are ambiguous, never guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from recchat.catalog.library import CatalogIndex, IndexEntry
from recchat.catalog.schema import CatalogSchema, FieldKind
from recchat.text import fold, without_year
from recchat.vocabulary import KIND_GROUPS

WHOLE, NO_ARTICLE, HEAD, NEAR = 0, 1, 2, 3
YEAR_SLACK = 2  # sources disagree on years by one or two (release or premiere, first edition or printing)
NEAR_CUTOFF = 90.0
NEAR_MIN_CHARS = 8
_SERIES = re.compile(r"\s*\([^()]*?(?:,\s*|\s+)#\s*\d+(?:\.\d+)?(?:\s*[-–]\s*\d+)?\)\s*$")
_ARTICLE_LAST = re.compile(r"^(.*),\s*(the|a|an)$", re.I)
_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ARTICLES = ("the ", "a ", "an ")
_ROMAN = {r: str(n) for n, r in enumerate("i ii iii iv v vi vii viii ix x".split(), start=1)}
MATCHED, AMBIGUOUS, NOT_FOUND = "matched", "ambiguous", "not found"


def work_key(title: str) -> str:
    return " ".join(_NON_WORD.sub(" ", _APOSTROPHES.sub("", fold(title))).split())


def title_forms(title: str) -> dict[str, int]:
    """A title's keys, each with how loosely it names the work."""
    base = without_year(title.strip())
    moved = _ARTICLE_LAST.match(base)
    names = [base, _SERIES.sub("", base)]
    if moved:
        names.append(f"{moved.group(2)} {moved.group(1)}")
    forms: dict[str, int] = {}
    for name in names:
        forms.setdefault(work_key(name), WHOLE)
    for name in names:
        for separator in (":", " - ", " – "):
            if separator in name:  # "Star Wars: Episode IV - A New Hope", "Mistborn: The Final Empire"
                head, tail = name.split(separator, 1)
                forms.setdefault(work_key(head), HEAD)
                forms.setdefault(work_key(tail), HEAD)
    for key, level in list(forms.items()):
        if key.startswith(_ARTICLES):
            forms.setdefault(key.split(" ", 1)[1], max(level, NO_ARTICLE))
    forms.pop("", None)
    return forms


def numbers_in(key: str) -> frozenset[str]:
    """'rocky ii', 'saw 3': a sequel's number, which a near spelling must not change."""
    return frozenset(_ROMAN.get(w, w) for w in key.split() if w.isdigit() or w in _ROMAN)


@dataclass(frozen=True)
class Wanted:
    """What a row says about the work it names."""

    titles: tuple[str, ...]
    year: int | None = None
    year_at_most: int | None = None
    creators: tuple[str, ...] = ()
    kind: str | None = None


@dataclass(frozen=True)
class Match:
    status: str  # matched, ambiguous, not found
    item: IndexEntry | None = None
    candidates: tuple[IndexEntry, ...] = ()  # ambiguous: the ones it could be
    note: str = ""  # how, or why not: "near spelling", "same title, another year: Halloween (1978)"


@dataclass(frozen=True)
class _Fit:
    entry: IndexEntry
    # exact year, year within the slack, kind known to agree, maker known to agree, closer title
    strength: tuple[int, int, int, int, int]


class Matcher:
    def __init__(self, index: CatalogIndex, schema: CatalogSchema) -> None:
        self._by_key: dict[str, list[tuple[IndexEntry, int]]] = defaultdict(list)
        for entry in index.entries:
            for name in (entry.title, *entry.aliases):
                for key, level in title_forms(name).items():
                    self._by_key[key].append((entry, level))
        self._keys = [k for k in self._by_key if len(k) >= NEAR_MIN_CHARS]
        people = [f.name for f in schema.fields if f.kind is FieldKind.PEOPLE]
        kind = schema.kind_field
        self._people = {e.id: _surnames(_names(e, people)) for e in index.entries}
        self._kinds = {e.id: str(e.facts.get(kind.name, "")) for e in index.entries} if kind else {}

    def match(self, wanted: Wanted) -> Match:
        forms: dict[str, int] = {}
        for title in wanted.titles:
            for key, level in title_forms(title).items():
                forms[key] = min(level, forms.get(key, level))
        by_level: dict[int, dict[str, IndexEntry]] = defaultdict(dict)
        for key, level in forms.items():
            for entry, theirs in self._by_key.get(key, ()):
                by_level[max(level, theirs)].setdefault(entry.id, entry)
        named = [(e, level) for level in (WHOLE, NO_ARTICLE) for e in by_level[level].values()]
        rejected: list[str] = []
        found = self._decide(wanted, named, rejected)
        if found is None:
            found = self._decide(wanted, [(e, HEAD) for e in by_level[HEAD].values()], [])
        if found is None:
            found = self._decide(wanted, [(e, NEAR) for e in self._near(forms)], [])
        if found is not None:
            return found
        note = f"same title, not this work: {'; '.join(dict.fromkeys(rejected))}" if rejected else ""
        return Match(NOT_FOUND, note=note)

    def _decide(self, wanted: Wanted, entries: Sequence[tuple[IndexEntry, int]], rejected: list[str]) -> Match | None:
        fits: dict[str, tuple[_Fit, int]] = {}
        for entry, level in entries:
            fit = self._fit(wanted, entry, level)
            if fit is None:
                rejected.append(described(entry))
            elif entry.id not in fits or fits[entry.id][0].strength < fit.strength:
                fits[entry.id] = (fit, level)
        if not fits:
            return None
        best = max(f.strength for f, _ in fits.values())
        top = sorted(((f.entry, level) for f, level in fits.values() if f.strength == best), key=_by_year)
        notes = {NO_ARTICLE: "without its article", HEAD: "by the part before the colon", NEAR: "near spelling"}
        if len(top) == 1:
            return Match(MATCHED, top[0][0], note=notes.get(top[0][1], ""))
        return Match(AMBIGUOUS, candidates=tuple(e for e, _ in top))

    def _fit(self, wanted: Wanted, entry: IndexEntry, level: int) -> _Fit | None:
        year = entry.year
        if year is not None and wanted.year is not None and abs(year - wanted.year) > YEAR_SLACK:
            return None
        if year is not None and wanted.year_at_most is not None and year > wanted.year_at_most + YEAR_SLACK:
            return None
        kind = self._kind_agrees(wanted.kind, entry)
        maker = self._maker_agrees(wanted.creators, entry)
        if kind is False or maker is False:
            return None
        close = year is not None and wanted.year is not None
        exact = close and year == wanted.year
        if level >= HEAD and not exact:
            return None  # a part of a title, or a near spelling, only with the very year: not a sequel
        return _Fit(entry, (int(exact), int(close), int(bool(kind)), int(bool(maker)), -level))

    def _kind_agrees(self, kind: str | None, entry: IndexEntry) -> bool | None:
        theirs = self._kinds.get(entry.id, "")
        if not kind or not theirs:
            return None
        return bool(_kind_words(kind) & _kind_words(theirs))

    def _maker_agrees(self, creators: Sequence[str], entry: IndexEntry) -> bool | None:
        theirs = self._people.get(entry.id)
        if not creators or not theirs:
            return None
        return bool(_surnames(creators) & theirs)

    def _near(self, forms: dict[str, int]) -> list[IndexEntry]:
        from rapidfuzz import fuzz, process

        found: dict[str, IndexEntry] = {}
        for key in forms:
            if len(key) < NEAR_MIN_CHARS:
                continue
            for other, _, _ in process.extract(key, self._keys, scorer=fuzz.ratio, score_cutoff=NEAR_CUTOFF, limit=5):
                if numbers_in(other) == numbers_in(key):
                    for entry, _ in self._by_key[other]:
                        found.setdefault(entry.id, entry)
        return list(found.values())


def _names(entry: IndexEntry, fields: Iterable[str]) -> list[str]:
    names: list[str] = []
    for name in fields:
        value = entry.facts.get(name)
        names += [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)] if value else []
    return names


def _surnames(names: Iterable[str]) -> frozenset[str]:
    """Last names, folded: 'Frank Herbert' -> 'herbert'; 'Terry Pratchett and Neil Gaiman' -> both."""
    found = set()
    for name in names:
        for person in re.split(r"\band\b|&|;", name):
            words = work_key(person).split()
            if words:
                found.add(words[-1])
    return frozenset(found)


def _kind_words(kind: str) -> frozenset[str]:
    """A kind with every word of its group: 'film' -> {'film', 'movie', ...}."""
    words = {kind.lower(), kind.lower().split()[-1]} if kind.strip() else set()
    for group in KIND_GROUPS:
        if words & group:
            words |= group
    return frozenset(words)


def _by_year(pair: tuple[IndexEntry, int]) -> tuple[int, str]:
    return (pair[0].year or 0, pair[0].title)


def described(entry: IndexEntry) -> str:
    """Its title with its year: 'Little Women (1994)'."""
    year = f" ({entry.year})" if entry.year and f"({entry.year})" not in entry.title else ""
    return f"{entry.title}{year}"
