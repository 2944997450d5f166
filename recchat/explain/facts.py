"""What an explanation may say about an item, read from the item's own fields through the
catalog's learned schema: its kind (the kind field, else how its description names itself), year,
people, numbers (what each measures, as the catalog writes it), the values of its category and
list fields, its tags and description sentences. The same facts feed the reasons, the prompt and
the checks, so a claim the prompt never showed cannot pass for one it did. A kind is never
guessed from field names: a catalog that does not say what its items are gets no kind word."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from recchat.catalog.measures import header_noun
from recchat.catalog.schema import CatalogSchema, FieldInfo, FieldKind
from recchat.catalog.values import as_list, as_year
from recchat.domain import Item
from recchat.language import load
from recchat.text import clean, without_year, words
from recchat.vocabulary import KIND_GROUPS

# The everyday noun for each kind group, as explanations say it.
KIND_NOUNS = {"movie": "movie", "book": "book", "game": "board game", "show": "show"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_INITIALS = re.compile(r"\b(?:[A-Z]|Dr|Mr|Mrs|Ms|St|Jr|Sr|Vol|No)\.$")
_NOT_LABELS = re.compile(r"alias|(^|_)ids?$|isbn|href|url|link|image", re.I)
_SERIES = re.compile(r"\s*\([^()]*#\s*\d+(?:\.\d+)?\)\s*$")  # "(Hyperion Cantos, #1)"
_CURRENCY = re.compile(r"[$€£¥%]")
OWN_WORDS = frozenset(load("explaining")["own"]["words"])
YES_NO = frozenset(str(w) for key in ("yes", "no") for w in load("explaining")["yes_no"][key])
MAX_VALUE_WORDS = 4


@dataclass(frozen=True)
class NumberFact:
    """A number of the item, as the catalog writes it: 'Play Time' 30-45 min."""

    field: str
    noun: str  # how the field is named in a sentence: "play time", "IMDb rating", "your rating"
    sort: str  # "people_count", "age", a dimension ("duration", "money", "rating", ...) or "count"
    shown: str  # as written, with the field's unit when the cell has none: "30-45 min", "$27.99"
    own: bool = False  # the person's own figure (an export's "My Rating")


@dataclass(frozen=True)
class ValueFact:
    """A value of one of the item's category or list fields, as the catalog writes it."""

    field: str  # the catalog's field name; "tags" for the item's tags
    noun: str  # "region", "route type"; "" for tags
    kind: str  # "kind", "category", "list" or "tags"
    value: str  # "Rioja", "waterfall", "Cooperative Game"
    yes_no: bool = False  # a field whose values say yes or no ("Explicit", "Dogs Allowed")
    tiered: bool = False  # a field whose values sit on a scale ("Easy", "Moderate", "Hard")


@dataclass(frozen=True)
class ItemFacts:
    """One item as explanations see it. `people` and `numbers` keep the catalog's field names."""

    title: str  # as people say it, without "(2016)" or a series marker
    kind: str | None  # the name of its group of kind words (kind_group): "movie", "book", "game"
    kind_noun: str | None  # how to call it: the kind field's own value, else the group's noun
    year: int | None
    people: tuple[tuple[str, tuple[str, ...]], ...]  # ("author", ("Agatha Christie",))
    numbers: tuple[NumberFact, ...]
    tags: tuple[str, ...]
    sentences: tuple[str, ...]  # the description, sentence by sentence
    text: str  # everything the item says about itself, for checking claims against
    values: tuple[ValueFact, ...] = ()
    # Every category and list field of the catalog, as a value-less ValueFact (its noun and sort),
    # for saying what the item lacks: "does not list Worker Placement under mechanisms".
    fields: Mapping[str, ValueFact] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _, names in self.people for name in names)

    def values_of(self, field: str) -> tuple[ValueFact, ...]:
        fields = set(field.split("|"))
        return tuple(v for v in self.values if v.field in fields)


def kind_group(word: str) -> str | None:
    """'films' -> 'movie', 'novel' -> 'book', 'board game' -> 'game', 'video game' -> 'video
    game': the name of its group in vocabulary.KIND_GROUPS, the whole words first."""
    folded = " ".join(words(word))
    for candidate in (folded, folded.rsplit(" ", 1)[-1]):
        for group in KIND_GROUPS:
            if candidate in {form for member in group for form in (member, member + "s")}:
                return _group_name(group)
    return None


def _group_name(group: frozenset[str]) -> str:
    for name in ("movie", "book", "game", "show", "album", "song", "podcast", "comic", "video game"):
        if name in group:
            return name
    return sorted(group)[0]


def item_facts(item: Item, schema: CatalogSchema) -> ItemFacts:
    metadata = item.metadata
    people = tuple(
        (info.name, names)
        for info in schema.fields
        if info.kind is FieldKind.PEOPLE and (names := _names(metadata.get(info.name)))
    )
    numbers = tuple(
        _number_fact(info, shown)
        for info in schema.fields
        if info.kind in (FieldKind.NUMBER, FieldKind.RANGE)
        and info.role != "year"
        and (shown := _shown_number(metadata.get(info.name), info))
    )
    sentences = description_sentences(clean(item.description))
    values = " ".join(_flat(value) for key, value in metadata.items() if not key.startswith("_"))
    kind = item_kind(item, schema, sentences)
    field = schema.kind_field
    named = metadata.get(field.name) if field is not None else None
    return ItemFacts(
        title=spoken_title(item.title),
        kind=kind,
        kind_noun=as_noun(named) if isinstance(named, str) else KIND_NOUNS.get(kind or "", kind),
        year=_year(item, schema),
        people=people,
        numbers=numbers,
        tags=tuple(dict.fromkeys(clean(tag) for tag in (*item.tags, *_listed(item, schema)))),
        sentences=sentences,
        text=clean(f"{item.title} {' '.join(item.tags)} {item.description} {values}"),
        values=_values(item, schema),
        fields=_fields(schema),
    )


def spoken_title(title: str) -> str:
    """'Dune (Dune, #1)' -> 'Dune', 'Heat (1995)' -> 'Heat': the title as people say it."""
    return without_year(_SERIES.sub("", clean(title))) or without_year(clean(title))


def as_noun(value: str) -> str:
    """A kind field's value as a noun in a sentence: 'Red' -> 'red', 'TV Series' -> 'TV series'."""
    return " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in value.split())


def field_noun(name: str) -> str:
    """How a field is named in a sentence: 'Route Type' -> 'route type', 'IMDb Rating' -> 'IMDb
    rating', 'My Rating' -> 'your rating' (the person's own, said to them)."""
    noun = header_noun(name) or " ".join(words(name))
    written = {w.lower(): w for w in re.findall(r"[A-Za-z]+", name) if sum(c.isupper() for c in w) > 1}
    noun = " ".join(written.get(w, w) for w in noun.split())
    return f"your {noun}" if _own(name) and not noun.startswith("your ") else noun


def _own(name: str) -> bool:
    return bool(OWN_WORDS & {w.lower() for w in re.findall(r"[A-Za-z]+", name)})


def _fields(schema: CatalogSchema) -> dict[str, ValueFact]:
    """The catalog's category and list fields (and its tags), each as a ValueFact with no value."""
    kind_field = schema.kind_field
    found = {"tags": ValueFact("tags", "", "tags", "")}
    for info in schema.fields:
        if info.kind not in (FieldKind.CATEGORY, FieldKind.LIST) or _NOT_LABELS.search(info.name):
            continue
        sort = "kind" if kind_field is not None and info.name == kind_field.name else info.kind.value
        yes_no = any(v.lower() in YES_NO for v in info.values)
        found[info.name] = ValueFact(info.name, field_noun(info.name), sort, "", yes_no, _tiered(info.values))
    return found


TIERED_SHARE = 0.6  # of a field's values on one scale, for the field to be that scale's


def _tiered(values: tuple[str, ...]) -> bool:
    """Values most of which are tiers of one scale ('Easy', 'Moderate', 'Hard'): 'Medium' among
    'Low light', 'Bright indirect' and 'Direct sun' is no tier, and no card says 'is medium'."""
    for scale in load("scales")["scale"]:
        words = {str(w).lower() for tier in scale["tiers"] for w in tier}
        tiers = [v for v in values if v.lower() in words]
        if len(tiers) >= 2 and len(tiers) >= TIERED_SHARE * len(values):
            return True
    return False


def _values(item: Item, schema: CatalogSchema) -> tuple[ValueFact, ...]:
    """The item's category and list values (the kind field's too), and its tags."""
    found: list[ValueFact] = []
    for name, empty in _fields(schema).items():
        if name == "tags":
            continue
        value = item.metadata.get(name)
        parts = as_list(value) if empty.kind == "list" else (value,) if isinstance(value, str) else ()
        found += [replace(empty, value=clean(p)) for p in parts if isinstance(p, str) and _is_label(p)]
    found += [ValueFact("tags", "", "tags", tag) for tag in item.tags if _is_label(tag)]
    return tuple(dict.fromkeys(found))


def _is_label(value: str) -> bool:
    """A short value that names something ('Rioja', 'Cooperative Game'), not a sentence, a
    number or a position ('classics (#3)')."""
    text = clean(value)
    return bool(text) and len(text.split()) <= MAX_VALUE_WORDS and not any(c.isdigit() or c in "()#/" for c in text)


def item_kind(item: Item, schema: CatalogSchema, sentences: tuple[str, ...] = ()) -> str | None:
    """The kind field's value; else the first kind word of the description's opening ("X is a
    2016 American science fiction film"); else none."""
    field = schema.kind_field
    if field is not None and isinstance(value := item.metadata.get(field.name), str):
        return kind_group(value) or " ".join(words(value)) or None
    opening = (sentences or description_sentences(clean(item.description)) or ("",))[0]
    tokens = words(opening)
    for start in range(len(tokens)):
        for size in (2, 1):  # "video game" before "game"
            group = kind_group(" ".join(tokens[start : start + size])) if start + size <= len(tokens) else None
            if group:
                return group
    return None


def description_sentences(text: str) -> tuple[str, ...]:
    """Sentences, not split after initials or titles ('J. R. R. Tolkien', 'Dr. Who')."""
    parts: list[str] = []
    for piece in _SENTENCE.split(" ".join(text.split())):
        if parts and _INITIALS.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return tuple(p for p in parts if p)


def _listed(item: Item, schema: CatalogSchema) -> list[str]:
    """Values of list fields that label the item ('genres': ['drama']), not other names for it."""
    found: list[str] = []
    for info in schema.fields:
        value = item.metadata.get(info.name)
        if info.kind is FieldKind.LIST and not _NOT_LABELS.search(info.name) and isinstance(value, list):
            found += [str(v).lower() for v in value if isinstance(v, str) and len(v.split()) <= 3]
    return found


def _year(item: Item, schema: CatalogSchema) -> int | None:
    for info in schema.with_role("year"):
        year = as_year(item.metadata.get(info.name))
        if year is not None:
            return year
    return None


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in re.split(r"\s*[|;]\s*|\s*,\s*(?=[A-Z])", value) if part.strip())
    if isinstance(value, list):
        return tuple(clean(str(v)).strip() for v in value if str(v).strip())
    return ()


def _number_fact(info: FieldInfo, shown: str) -> NumberFact:
    sort = info.role if info.role in ("people_count", "age") else info.dimension or "count"
    noun = info.measure.noun if info.role == "people_count" and info.measure.noun else field_noun(info.name)
    return NumberFact(info.name, noun, sort, shown, _own(info.name))


def _shown_number(value: Any, info: FieldInfo) -> str | None:
    """The cell as written, with the field's unit when the cell has none ('125' -> '125 min')."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean(str(value)).strip()
    if not text or not any(ch.isdigit() for ch in text) or len(text) > 16:
        return None
    unit = info.measure.written
    if unit and not any(ch.isalpha() for ch in text) and not _CURRENCY.search(text) and info.dimension != "rating":
        text = f"{text} {unit}"
    return text


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return " ".join(str(v) for v in value.values())
    return str(value)
