"""The people a catalog names, counted once: who appears in which people field (author,
director, stars, ... whatever they are called) and how often, the names its descriptions open
with, and the lookups a request is read through (surnames, rare words of a name, words in a row
inside one). Built at import and saved with the catalog (`PEOPLE`, derived data): a
100,000-item catalog names people about 930,000 times, counted in about a second, read back in
tens of milliseconds. `PeopleReader` (people.py) reads requests through it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from recchat.catalog.derived import Derived
from recchat.catalog.groups import SEP, Groups
from recchat.catalog.index import from_entries, order_of
from recchat.catalog.schema import FieldKind
from recchat.text import STOPWORDS, normalise_title, without_year

if TYPE_CHECKING:
    from recchat.catalog.index import IndexEntry
    from recchat.catalog.schema import CatalogSchema

PEOPLE_FORMAT = 1  # bump when what is counted changes (normalise_title, MIN_SURNAME): old files are rebuilt
TEXT = "text"  # a name found in descriptions, not in a people field
MIN_SURNAME = 4  # a surname alone shorter than this is too easily a plain word


@dataclass
class Person:
    name: str  # as the catalog writes it
    fields: Counter[str] = field(default_factory=Counter)  # where it appears: field -> items


class PeopleTable:
    """Names (normalised) -> where they appear, and the lookups over them. What depends on the
    reader (the words it ignores, everyday words) is applied by the reader when it looks up, so
    the table is the same for every reader of the catalog. `order`: the entries it was counted
    from, which decide which of two names comes first."""

    def __init__(self, order: str, fields: list[str], people: Groups, names: list[str], lookups: dict[str, Groups]):
        if len(names) != len(people) or set(lookups) != {"surnames", "words", "runs"}:
            raise ValueError("people: the columns do not agree")
        self.order = order
        self._fields = fields  # field names, numbered in `people`'s members
        self._people = people  # key -> field number, count, field number, count, ...
        self._names = names  # as written, in the keys' order
        self._lookups = lookups  # surname / rare word / words in a row -> people (by number)
        self._decoded: dict[str, Person] = {}
        self._initials: dict[str, list[str]] = {}

    @classmethod
    def of(cls, schema: CatalogSchema, entries: Sequence[IndexEntry]) -> PeopleTable:
        return _count(schema, entries).table(order_of(entry.id for entry in entries))

    def person(self, key: str) -> Person | None:
        """The person a normalised name is, or None."""
        found = self._decoded.get(key)
        if found is None:
            slot = self._people.slot(key)
            if slot is None:
                return None
            flat = self._people.get(key)
            counts = Counter({self._fields[flat[i]]: flat[i + 1] for i in range(0, len(flat), 2)})
            found = self._decoded[key] = Person(self._names[slot], counts)
        return found

    def with_surname(self, word: str) -> list[str]:
        """Names of two words or more ending in this one (of four letters or more)."""
        return self._keys("surnames", word)

    def with_word(self, word: str) -> list[str]:
        """Names from a people field with this word (of four letters or more) in them."""
        return self._keys("words", word)

    def with_run(self, words: str) -> list[str]:
        """Names from a people field that hold these words in a row, not the whole of them."""
        return self._keys("runs", words)

    def with_initial(self, letter: str) -> list[str]:
        """Names starting with this letter, in the table's order: what a near miss is compared with."""
        found = self._initials.get(letter)
        if found is None:
            found = self._initials[letter] = [key for key in self._people.names if key[:1] == letter]
        return found

    def _keys(self, lookup: str, word: str) -> list[str]:
        keys = self._people.names
        return [keys[slot] for slot in self._lookups[lookup].get(word)]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PeopleTable):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]  # equal by value, not hashable

    def to_json(self) -> dict[str, Any]:
        return {
            "format": PEOPLE_FORMAT,
            "order": self.order,
            "fields": self._fields,
            "people": self._people.to_json(),
            "names": SEP.join(self._names),
            "lookups": {name: groups.to_json() for name, groups in self._lookups.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PeopleTable:
        if data.get("format") != PEOPLE_FORMAT:
            raise ValueError("old people format")
        people = Groups.from_json(data["people"])
        names = str(data["names"]).split(SEP) if len(people) else []
        lookups = {name: Groups.from_json(groups) for name, groups in data["lookups"].items()}
        return cls(str(data["order"]), list(data["fields"]), people, names, lookups)


class _Counted:
    def __init__(self) -> None:
        self.people: dict[str, Person] = {}

    def add(self, name: str, where: str, count: int) -> None:
        key = normalise_title(name)
        if key and key not in STOPWORDS:
            person = self.people.get(key)
            if person is None:
                person = self.people[key] = Person(name)
            person.fields[where] += count

    def table(self, order: str) -> PeopleTable:
        fields = list(dict.fromkeys(where for person in self.people.values() for where in person.fields))
        number = {name: n for n, name in enumerate(fields)}
        people = {
            key: [v for where, count in p.fields.items() for v in (number[where], count)]
            for key, p in self.people.items()
        }
        lookups: dict[str, dict[str, list[int]]] = {"surnames": {}, "words": {}, "runs": {}}
        for slot, (key, person) in enumerate(self.people.items()):
            parts = key.split()
            if len(parts) > 1 and len(parts[-1]) >= MIN_SURNAME and parts[-1] not in STOPWORDS:
                _join(lookups["surnames"], parts[-1], slot)
            if person.fields.keys() - {TEXT}:
                for word in parts:
                    if len(word) >= MIN_SURNAME:
                        _join(lookups["words"], word, slot)
                for size in range(2, len(parts)):
                    for start in range(len(parts) - size + 1):
                        _join(lookups["runs"], " ".join(parts[start : start + size]), slot)
        grouped = {name: Groups.of(groups) for name, groups in lookups.items()}
        return PeopleTable(order, fields, Groups.of(people), [p.name for p in self.people.values()], grouped)


def _join(lookup: dict[str, list[int]], word: str, slot: int) -> None:
    """Each person once in a lookup, however often the word appears in their name."""
    found = lookup.setdefault(word, [])
    if not found or found[-1] != slot:
        found.append(slot)


def _count(schema: CatalogSchema, entries: Sequence[IndexEntry]) -> _Counted:
    people_fields = [f.name for f in schema.fields if f.kind is FieldKind.PEOPLE]
    counted = _Counted()
    # counted first, in C: a 100,000-item catalog names people ~930,000 times, ~10x fewer apart
    occurrences: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        for name in people_fields:
            occurrences.update((person, name) for person in entry.facts.get(name, ()))
    for (person, where), count in occurrences.items():
        counted.add(person, where, count)
    # Names in descriptions, less other titles ("Spy Kids", "Amityville Horror") a lead mentions.
    titles = {normalise_title(without_year(e.title)) for e in entries}
    named = Counter(person for entry in entries for person in entry.names)
    for person, count in named.items():
        if normalise_title(person) not in titles:
            counted.add(person, TEXT, count)
    return counted


PEOPLE: Derived[PeopleTable] = from_entries("people", PeopleTable.of, PeopleTable.from_json)
