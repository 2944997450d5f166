"""Finding catalog titles in free text: exact phrases first, then fuzzy, year-aware.

"I loved Interstellar", "the mask (1994)" and "Interstelar" all resolve to catalog items; a
plain word that merely happens to be a title ("an alien invasion") does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recchat.catalog.derived import Derived
from recchat.catalog.groups import Groups
from recchat.catalog.index import from_entries, order_of
from recchat.catalog.library import CatalogIndex, IndexEntry
from recchat.text import SPOKEN_YEAR_DIGITS, STOPWORDS, normalise_title, without_year

if TYPE_CHECKING:
    pass

_TOKEN = re.compile(r"[^\W_]+|&", re.UNICODE)
_YEAR_AFTER = re.compile(rf"^\s*[(\[]?\s*({SPOKEN_YEAR_DIGITS})\s*[)\]]?")
MAX_TITLE_WORDS = 12
FUZZY_CUTOFF = 90.0
# Words that, just before a title, say it is a title ("I loved the notebook").
CUES = frozenset(
    """
    like liked love loved loves enjoy enjoyed adore adored hate hated dislike disliked seen
    saw watch watched watching read reading finished played play fan favorite favourite
    """.split()
)


@dataclass(frozen=True)
class TitleMatch:
    item_id: str
    title: str
    start: int
    end: int
    explicit_year: bool = False
    fuzzy: bool = False


@dataclass(frozen=True)
class _Token:
    text: str
    key: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        key = "and" if match.group() == "&" else normalise_title(match.group())
        if key:
            tokens.append(_Token(match.group(), key, match.start(), match.end()))
    return tokens


# How a key names an entry: its whole title (or alias), the title without its article, or the
# part before a colon. A whole-title match beats a shortened one ("Lord of the Rings" is the
# film of that name, not "The Lord of the Rings: The Fellowship of the Ring").
WHOLE, NO_ARTICLE, HEAD = 0, 1, 2


def title_keys(entry: IndexEntry) -> dict[str, int]:
    """Normalised names of an entry, each with how closely it names it."""
    base = without_year(entry.title)
    keys: dict[str, int] = {}
    for name in (base, *(without_year(alias) for alias in entry.aliases)):
        keys.setdefault(normalise_title(name), WHOLE)
    if ":" in base:  # "Star Wars: A New Hope" is also said as "Star Wars"
        head = normalise_title(base.split(":", 1)[0])
        if len(head.split()) >= 2:
            keys.setdefault(head, HEAD)
    for key, kind in list(keys.items()):
        if key.startswith(("the ", "a ", "an ")):
            keys.setdefault(key.split(" ", 1)[1], max(kind, NO_ARTICLE))
    keys.pop("", None)
    return keys


TITLES_FORMAT = 1  # bump when what a key is changes (title_keys, normalise_title): old files are then rebuilt


@dataclass(frozen=True)
class TitleTable:
    """Every name of every entry: key -> (row, how it names it) pairs, flat, in catalog order.
    Built at import and saved with the catalog (`TITLES`): at 100,000 items making the keys
    takes about a second, reading them back a few tens of milliseconds. Rows count in the
    entries it was built from, whose `order` it records."""

    order: str
    keys: Groups

    @classmethod
    def of(cls, entries: Sequence[IndexEntry]) -> TitleTable:
        by_key: dict[str, list[int]] = {}
        for row, entry in enumerate(entries):
            for key, kind in title_keys(entry).items():
                by_key.setdefault(key, []).extend((row, kind))
        return cls(order_of(entry.id for entry in entries), Groups.of(by_key))

    def to_json(self) -> dict[str, Any]:
        return {"format": TITLES_FORMAT, "order": self.order, "keys": self.keys.to_json()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TitleTable:
        if data.get("format") != TITLES_FORMAT:
            raise ValueError("old title keys format")
        return cls(str(data["order"]), Groups.from_json(data["keys"]))


TITLES: Derived[TitleTable] = from_entries(
    "titles", lambda _schema, entries: TitleTable.of(entries), TitleTable.from_json
)


class TitleMatcher:
    def __init__(self, index: CatalogIndex, table: TitleTable | None = None) -> None:
        """`table`: the catalog's saved title keys; built here from the index when there are
        none, or when they were built from the items in another order."""
        if table is None or table.order != index.order:
            table = TitleTable.of(index.entries)
        self._rows = index.entries
        self._table = table.keys
        self._keys = table.keys.names

    def find(self, text: str, *, fuzzy: bool = True, strict: bool = False) -> list[TitleMatch]:
        """Titles named in `text`: first those followed by a year ("Star Wars (1977)"), then
        the longest plausible phrases, then (if `fuzzy`) near-misses of capitalised phrases.
        `strict` is for checking model output, where only whole titles count and an adjective
        ("an American film") must not pass for a title ("The American")."""
        tokens = _tokens(text)
        matches: list[TitleMatch] = []
        covered: set[int] = set()
        for match, span in self._before_years(text, tokens, strict):
            matches.append(match)
            covered.update(span)
        i = 0
        while i < len(tokens):
            found = None if i in covered else self._longest_at(text, tokens, i, covered, strict)
            if found is None:
                i += 1
                continue
            match, length = found
            matches.append(match)
            covered.update(range(i, i + length))
            i += length
        if fuzzy:
            matches.extend(self._fuzzy(text, tokens, covered))
        return _unique(matches)

    def _entries(self, key: str, strict: bool) -> list[tuple[IndexEntry, int]]:
        """The entries a key names, each with how (WHOLE, NO_ARTICLE, HEAD)."""
        flat = self._table.get(key)
        found = [(self._rows[flat[i]], flat[i + 1]) for i in range(0, len(flat), 2)]
        return [pair for pair in found if pair[1] == WHOLE] if strict else found

    def _before_years(self, text: str, tokens: list[_Token], strict: bool) -> list[tuple[TitleMatch, range]]:
        """'... Star Wars (1977)': of the titles ending right before a year, the one whose year
        fits best (then the most whole name, then the longest)."""
        found = []
        for end in range(len(tokens)):
            year = _year_after(text, tokens[end].end)
            if year is None:
                continue
            options = [
                (entry, kind, start)
                for start in range(max(0, end - MAX_TITLE_WORDS + 1), end + 1)
                for entry, kind in self._entries(" ".join(t.key for t in tokens[start : end + 1]), strict)
            ]
            if not options:
                continue
            entry, _, start = min(
                options, key=lambda o: (abs((o[0].year or year + 50) - year), o[1], o[2], -o[0].popularity)
            )
            match = TitleMatch(entry.id, entry.title, tokens[start].start, tokens[end].end, explicit_year=True)
            found.append((match, range(start, end + 1)))
        return found

    def _longest_at(
        self, text: str, tokens: list[_Token], i: int, covered: set[int], strict: bool
    ) -> tuple[TitleMatch, int] | None:
        for length in range(min(MAX_TITLE_WORDS, len(tokens) - i), 0, -1):
            if covered.intersection(range(i, i + length)):
                continue
            span = tokens[i : i + length]
            entries = self._entries(" ".join(token.key for token in span), strict)
            if not entries or not _plausible(text, tokens, i, length):
                continue
            if strict and length == 1 and not _quoted(text, span[0]):
                continue
            entry = _choose(entries, None)
            return TitleMatch(entry.id, entry.title, span[0].start, span[-1].end), length
        return None

    def _fuzzy(self, text: str, tokens: list[_Token], covered: set[int]) -> list[TitleMatch]:
        from rapidfuzz import fuzz, process

        found = []
        for run in _capitalised_runs(tokens, covered):
            if not run:
                continue
            key = " ".join(token.key for token in run)
            if len(key) < (5 if len(run) > 1 else 7) or key in STOPWORDS:
                continue  # short words match too many titles by accident
            best = process.extractOne(key, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is None:
                continue
            year = _year_after(text, run[-1].end)
            entry = _choose(self._entries(best[0], strict=False), year)
            found.append(TitleMatch(entry.id, entry.title, run[0].start, run[-1].end, year is not None, fuzzy=True))
        return found


def _quoted(text: str, token: _Token) -> bool:
    before, after = text[token.start - 1 : token.start], text[token.end : token.end + 1]
    return before in {'"', "“", "'", "*"} and after in {'"', "”", "'", "*"}


def _year_after(text: str, end: int) -> int | None:
    match = _YEAR_AFTER.match(text[end : end + 12])
    return int(match.group(1)) if match else None


def _choose(entries: list[tuple[IndexEntry, int]], year: int | None) -> IndexEntry:
    """The entry a name most likely means: the closest year if one was given, then the most
    whole name, then the best known."""
    if year is None:
        return min(entries, key=lambda p: (p[1], -p[0].popularity, -(p[0].year or 0)))[0]
    return min(entries, key=lambda p: (abs((p[0].year or year + 50) - year), p[1], -p[0].popularity))[0]


def _is_capitalised(token: _Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _plausible(text: str, tokens: list[_Token], i: int, length: int) -> bool:
    """Without a year, accept a title only where it reads like one, not like a plain phrase."""
    span = tokens[i : i + length]
    significant = [t for t in span if t.key not in STOPWORDS]
    cued = any(t.key in CUES for t in tokens[max(0, i - 3) : i])
    capitalised = bool(significant) and all(_is_capitalised(t) for t in significant)
    at_sentence_start = i == 0 or text[: span[0].start].rstrip()[-1:] in {".", "!", "?"}
    if not significant:
        return length >= 2 and all(_is_capitalised(t) for t in span) and not at_sentence_start
    if length == 1:
        return cued or (capitalised and not at_sentence_start)
    return cued or capitalised or len(significant) >= 2


def _capitalised_runs(tokens: list[_Token], covered: set[int]) -> Iterable[list[_Token]]:
    run: list[_Token] = []
    for index, token in enumerate(tokens):
        if index not in covered and (_is_capitalised(token) or (run and token.key in STOPWORDS)):
            run.append(token)
            continue
        if run:
            yield _trim(run)
        run = []
    if run:
        yield _trim(run)


def _trim(run: list[_Token]) -> list[_Token]:
    while run and run[0].key in STOPWORDS:
        run = run[1:]
    while run and run[-1].key in STOPWORDS:
        run = run[:-1]
    return run


def _unique(matches: list[TitleMatch]) -> list[TitleMatch]:
    seen: set[str] = set()
    result = []
    for match in sorted(matches, key=lambda m: m.start):
        if match.item_id not in seen:
            seen.add(match.item_id)
            result.append(match)
    return result
