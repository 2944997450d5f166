"""The explanation judge's reading of a whole catalog, from its own records (no word lists per
domain): every short value its fields hold (the claims an explanation can make: 'Rioja',
'waterfall', 'Cooperative Game', 'Sci-Fi'), the median of each number field (what 'short',
'cheap' or 'one of the best liked' may be said of), and which fields name people (by their
headers' general role words). Checks over these: a value the item lacks, a person credited in a
role or a field they do not have, a number with the wrong unit, a comparison the item's numbers
do not back.

Independent of recchat's explanation code and of its learned schema, like the rest of the judge.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from recchat.eval.judge import Record
from recchat.eval.judge_units import header_units, read_quantity

MAX_VALUE_WORDS = 4
LONG_TEXT = 40  # a field whose values average more characters than this is prose, not values
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*|[^\W\d_][\w'-]*")
_SPLIT = re.compile(r"\s*[,;|]\s*")
# Words that say the value is not claimed of the item ("not science fiction", "isn't a Rioja").
NEGATORS = frozenset("not no isn't isnt aren't wasn't never without though although but instead except n't".split())
# Single words too common to be a claim when they are also some field's value ("read", "yes").
_PLAIN = frozenset(
    """a an the and or of to in on at for with by from as is it its yes no none other read watch play
    list lists listed
    played listen new old more less all any one you your yours me my i we us our they them he she""".split()
)
_NOT_VALUES = re.compile(r"^(?:id|ids|title|name|url|uri|href|link|image)$|_(?:id|href|url)$|^(?:wiki|imdb)_", re.I)
_LINK = re.compile(r"https?:|www\.|/")
# Role words of headers that name people (general language of who makes things).
PEOPLE_HEADERS = frozenset(
    """author authors writer writers director directors designer designers artist artists illustrator
    illustrators narrator narrators host hosts creator creators composer composers producer producers
    maker makers publisher publishers network studio studios brand by chef chefs cook cooks winery cast
    star stars actor actors editor editors translator translators developer developers band
    instructor instructors teacher teachers lecturer lecturers tutor tutors presenter presenters
    speaker speakers coach coaches trainer trainers""".split()
)
# What a role verb says someone did, and the header words of fields that back it.
ROLE_HEADERS = {
    "written": {"author", "authors", "writer", "writers", "by"},
    "directed": {"director", "directors"},
    "designed": {"designer", "designers"},
    "illustrated": {"illustrator", "illustrators"},
    "narrated": {"narrator", "narrators"},
    "hosted": {"host", "hosts"},
    "composed": {"composer", "composers"},
    "starring": {"cast", "star", "stars", "actor", "actors"},
}
_CREDIT = re.compile(
    r"\b(?:(written|directed|designed|illustrated|narrated|hosted|composed|starring)\s+)?by\s+([^,.;:!?]+)"
)
# Comparisons a card may make, the dimension they are about, and which side of the median they
# claim (general language; units and headers say which fields are of the dimension).
COMPARISONS: tuple[tuple[str, str, str], ...] = (
    (r"\b(?:short|shorter|brief|quick|quicker|fast)\b", "length-or-duration", "low"),
    (r"\b(?:long|longer|lengthy)\b", "length-or-duration", "high"),
    (r"\b(?:cheap|cheaper|affordable|inexpensive|budget|bargain)\b", "money", "low"),
    (r"\b(?:pricey|expensive|splurge)\b", "money", "high"),
    (
        r"\b(?:best[- ]liked|well[- ]liked|highly[- ]rated|top[- ]rated|well[- ]rated|one of the best|most popular"
        r"|very popular|best[- ]loved|a favou?rite)\b",
        "rating",
        "high",
    ),
)
_RATING_HEADERS = frozenset("rating ratings score stars average votes reviews popularity plays rated".split())
# A number or range said with a unit: '45 min', '1 hr 20 min', '30-45 min', '$38.99', '12.4 km'.
_QUANTITY = re.compile(
    r"[$€£]\s*\d[\d,]*(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?(?:\s*[-–]\s*\d+(?:\.\d+)?)?\s*(?:[a-z]+\b|%)"
    r"(?:\s+\d+(?:\.\d+)?\s*[a-z]+\b)*",
    re.I,
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold().replace("’", "'"))


@dataclass(frozen=True)
class CatalogTerms:
    values: Mapping[str, frozenset[str]] = field(default_factory=dict)  # phrase (tokens joined) -> fields
    medians: Mapping[str, float] = field(default_factory=dict)  # number field -> median value
    people_fields: frozenset[str] = frozenset()
    prose_fields: frozenset[str] = frozenset()  # descriptions, notes: sentences, not values


def catalog_terms(records: Iterable[Record]) -> CatalogTerms:
    """The vocabulary and medians of a catalog, read from all its records."""
    records = list(records)
    values: dict[str, set[str]] = defaultdict(set)
    numbers: dict[str, list[float]] = defaultdict(list)
    lengths: dict[str, list[int]] = defaultdict(list)
    for record in records:
        for name, value in record.fields.items():
            for part in _parts(value):
                lengths[name].append(len(part))
            number = _number(value, name)
            if number is not None:
                numbers[name].append(number)
    prose = {name for name, sizes in lengths.items() if sizes and statistics.mean(sizes) > LONG_TEXT}
    titles = {" ".join(tokens(record.title)) for record in records}
    counts: Counter[tuple[str, str]] = Counter()
    for record in records:
        for name, value in record.fields.items():
            if name in prose or _NOT_VALUES.search(name) or _number(value, name) is not None:
                continue
            for part in _parts(value):
                phrase = " ".join(tokens(part))
                if _is_value(phrase) and phrase not in titles and not _LINK.search(part):
                    counts[(phrase, name)] += 1
    for phrase, name in counts:
        values[phrase].add(name)
    people = frozenset(n for n in {n for r in records for n in r.fields} if set(tokens(n)) & PEOPLE_HEADERS)
    medians = {name: statistics.median(found) for name, found in numbers.items() if len(found) >= 3}
    return CatalogTerms({p: frozenset(f) for p, f in values.items()}, medians, people, frozenset(prose))


def _parts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str):
        return [p for p in _SPLIT.split(value.strip()) if p]
    return []


def _is_value(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > MAX_VALUE_WORDS or any(ch.isdigit() for ch in phrase):
        return False
    return not (len(words) == 1 and (words[0] in _PLAIN or len(words[0]) <= 2))


def _number(value: Any, name: str) -> float | None:
    header = header_units(name)
    quantity = read_quantity(value, money=any(u.money for u in header))
    if quantity is None or not isinstance(value, int | float | str) or isinstance(value, bool):
        return None
    return (quantity.low + quantity.high) / 2 if quantity.high != float("inf") else quantity.low


def held(phrase: str, record_words: str) -> bool:
    """The phrase's words in a row among the record's, a plural ending aside."""
    wanted = " ".join(_root(w) for w in phrase.split())
    return f" {wanted} " in f" {record_words} "


def record_words(record: Record) -> str:
    parts = [record.title, *(" ".join(_parts(v)) or str(v) for v in record.fields.values())]
    return " ".join(_root(w) for w in tokens(" ".join(parts)))


def _root(word: str) -> str:
    word = word.removesuffix("'s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def unheld_value(text: str, record: Record, terms: CatalogTerms) -> str | None:
    """A value of the catalog that the text claims and the item's record does not hold."""
    said = tokens(text)
    rooted = [_root(w) for w in said]
    mine = record_words(record)
    for phrase in sorted(terms.values, key=lambda p: -len(p)):
        size = len(phrase.split())
        wanted = [_root(w) for w in phrase.split()]
        for start in range(len(said) - size + 1):
            if rooted[start : start + size] != wanted:
                continue
            if NEGATORS & set(said[max(0, start - 3) : start]) or any(
                w.endswith("n't") for w in said[max(0, start - 3) : start]
            ):
                continue
            if not held(phrase, mine):
                return f"says {phrase!r} (a value of {', '.join(sorted(terms.values[phrase]))}); the record does not"
    return None


def wrong_credit(text: str, record: Record, terms: CatalogTerms) -> str | None:
    """'by X', 'directed by X': X must be in a field that names people (and, with a role verb,
    in a field of that role)."""
    for match in _CREDIT.finditer(text):
        verb, named = match.group(1), match.group(2).strip()
        name = " ".join(tokens(named)[:4])
        if not name or not named[:1].isupper():
            continue  # 'by the fire', 'by far': no credit
        holders = [f for f, v in record.fields.items() if _holds_name(v, name)]
        if not holders:
            return f"credits {named!r}, who is not in the record"
        if set(holders) <= terms.prose_fields:
            continue  # named only in its description: what they did there is no field's to say
        people = [f for f in holders if f in terms.people_fields]
        if not people:
            return f"credits {named!r}, a value of {holders[0]}, which names no people"
        if verb and not any(set(tokens(f)) & ROLE_HEADERS[verb] for f in people):
            return f"says {verb} by {named!r}; the record has them as {people[0]}"
    return None


def _holds_name(value: Any, name: str) -> bool:
    first = name.split()[: max(1, min(len(name.split()), 2))]
    phrase = " ".join(first)
    return any(f" {phrase} " in f" {' '.join(tokens(part))} " for part in _parts(value) or [str(value)])


def wrong_unit(text: str, record: Record) -> str | None:
    """'takes about 10.1 minutes' of a length of 10.1 km: a number said with a unit must be one
    of the item's numbers in that unit's dimension (rounding aside)."""
    for said in _said_quantities(text):
        if any(_close(v, name, said) for name, v in record.fields.items()):
            continue
        number = said.low
        if any(_holds_number(v, number) for v in record.fields.values()):
            return f"says {number:g} {said.units[0].name}; the record's {number:g} is in another unit"
        dimensions = {u.dimension for u in said.units}
        if any(_of_dimension(v, name, dimensions) for name, v in record.fields.items()):
            return f"says {number:g} {said.units[0].name}; the record's value differs"
    return None


def _said_quantities(text: str) -> list[Any]:
    found = []
    for match in _QUANTITY.finditer(text):
        quantity = read_quantity(match.group().strip())
        if quantity is not None and quantity.units:
            found.append(quantity)
    return found


def _close(value: Any, name: str, said: Any) -> bool:
    header = header_units(name)
    quantity = read_quantity(value, money=any(u.money for u in header))
    if quantity is None or isinstance(value, bool):
        return False
    for own in quantity.units or header:
        for unit in said.units:
            if unit.dimension == own.dimension:
                low, high = said.low * unit.factor / own.factor, said.high * unit.factor / own.factor
                if low <= quantity.high * 1.05 + 0.5 and high >= quantity.low * 0.95 - 0.5:
                    return True
    return False


def _holds_number(value: Any, number: float) -> bool:
    return any(float(d) == number for d in re.findall(r"\d+(?:\.\d+)?", str(value).replace(",", "")))


def _of_dimension(value: Any, name: str, dimensions: set[str]) -> bool:
    header = header_units(name)
    quantity = read_quantity(value, money=any(u.money for u in header))
    return quantity is not None and any(u.dimension in dimensions for u in (quantity.units or header))


def false_comparison(text: str, record: Record, terms: CatalogTerms) -> str | None:
    """'short' of an item longer than most, 'one of the best liked' of one below the median:
    the item must be on the claimed side of the catalog's median on a field of that measure."""
    lowered = text.casefold()
    for pattern, measure, side in COMPARISONS:
        found = re.search(pattern, lowered)
        if not found or _negated_before(lowered, found.start()):
            continue
        sides = [_side(record.fields[name], name, terms) for name in record.fields if _measures(record, name, measure)]
        sides = [s for s in sides if s is not None]
        if sides and side not in sides and "middle" not in sides:
            return f"says {found.group()!r}; the item is on the other side of the catalog's median"
    return None


def _negated_before(text: str, at: int) -> bool:
    before = tokens(text[:at])[-3:]
    return bool(NEGATORS & set(before)) or any(w.endswith("n't") for w in before)


def _measures(record: Record, name: str, measure: str) -> bool:
    value = record.fields.get(name)
    header = header_units(name)
    quantity = read_quantity(value, money=any(u.money for u in header))
    if quantity is None or isinstance(value, bool):
        return False
    dimensions = {u.dimension for u in (quantity.units or header)}
    if measure == "rating":
        return bool(set(tokens(name)) & _RATING_HEADERS)
    if measure == "money":
        return any(d.startswith("currency") for d in dimensions)
    return bool(dimensions & {"length", "duration"})


def _side(value: Any, name: str, terms: CatalogTerms) -> str | None:
    median = terms.medians.get(name)
    number = _number(value, name)
    if median is None or number is None:
        return None
    if number == median:
        return "middle"
    return "low" if number < median else "high"
