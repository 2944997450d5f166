"""What an explanation may say about an item, read from the item's own fields through the
catalog's learned schema: its kind (the kind field, else how its description names itself, else
what its people fields imply), year, people, numbers, tags and description sentences. The same
facts feed the reasons, the prompt and the checks, so a claim the prompt never showed cannot
pass for one it did."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from recchat.catalog.schema import CatalogSchema, FieldInfo, FieldKind
from recchat.catalog.values import as_year
from recchat.domain import Item
from recchat.text import clean, without_year, words
from recchat.vocabulary import KIND_GROUPS

# The everyday noun for each kind group, as explanations say it.
KIND_NOUNS = {"movie": "movie", "book": "book", "game": "board game", "show": "show"}
# Field names that say what sort of item holds them, when nothing else does.
_KIND_BY_FIELD = (
    (re.compile(r"^(director|directors|stars|cast|starring|actors?)$", re.I), "movie"),
    (re.compile(r"^(author|authors|writer|writers|pages|page_count|isbn\d*)$", re.I), "book"),
    (re.compile(r"^(designer|designers|players|min_?players|max_?players)$", re.I), "game"),
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_INITIALS = re.compile(r"\b(?:[A-Z]|Dr|Mr|Mrs|Ms|St|Jr|Sr|Vol|No)\.$")
_NOT_LABELS = re.compile(r"alias|(^|_)ids?$|isbn|href|url|link|image", re.I)


@dataclass(frozen=True)
class ItemFacts:
    """One item as explanations see it. `people` and `numbers` keep the catalog's field names."""

    title: str  # as people say it, without "(2016)"
    kind: str | None  # the name of its group of kind words (kind_group): "movie", "book", "game"
    kind_noun: str | None  # how to call it: the kind field's own value, else the group's noun
    year: int | None
    people: tuple[tuple[str, tuple[str, ...]], ...]  # ("author", ("Agatha Christie",))
    numbers: tuple[tuple[str, str, str], ...]  # (role, field, shown value): ("players", "players", "2-4")
    tags: tuple[str, ...]
    sentences: tuple[str, ...]  # the description, sentence by sentence
    text: str  # everything the item says about itself, for checking claims against

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _, names in self.people for name in names)

    def number(self, role: str) -> str | None:
        return next((shown for r, _, shown in self.numbers if r == role), None)


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
        (_number_kind(info), info.name, shown)
        for info in schema.fields
        if info.kind in (FieldKind.NUMBER, FieldKind.RANGE)
        and info.role != "year"
        and (shown := _shown_number(metadata.get(info.name)))
    )
    sentences = description_sentences(clean(item.description))
    values = " ".join(_flat(value) for key, value in metadata.items() if not key.startswith("_"))
    kind = item_kind(item, schema, sentences)
    field = schema.kind_field
    named = metadata.get(field.name) if field is not None else None
    return ItemFacts(
        title=without_year(clean(item.title)),
        kind=kind,
        kind_noun=" ".join(words(named)) if isinstance(named, str) else KIND_NOUNS.get(kind or "", kind),
        year=_year(item, schema),
        people=people,
        numbers=numbers,
        tags=tuple(dict.fromkeys(clean(tag) for tag in (*item.tags, *_listed(item, schema)))),
        sentences=sentences,
        text=clean(f"{item.title} {' '.join(item.tags)} {item.description} {values}"),
    )


def item_kind(item: Item, schema: CatalogSchema, sentences: tuple[str, ...] = ()) -> str | None:
    """The kind field's value; else the first kind word of the description's opening ("X is a
    2016 American science fiction film"); else what its fields imply (a director: a movie)."""
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
    for pattern, kind in _KIND_BY_FIELD:
        if any(pattern.match(key) for key in item.metadata):
            return kind
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


def _number_kind(info: FieldInfo) -> str:
    """How a number reads in a reason: 'people_count' (is for 2-4 players), a dimension
    ('duration': takes 45 min), or 'count:NOUN' (has 320 pages)."""
    if info.role == "people_count":
        return f"people_count:{info.measure.noun or info.name.lower()}"
    if info.dimension:
        return f"{info.dimension}:{info.measure.noun or info.name.lower()}:{info.measure.written or ''}"
    return f"count:{info.measure.noun or info.name.lower()}"


def _shown_number(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean(str(value)).strip()
    return text if text and any(ch.isdigit() for ch in text) and len(text) <= 12 else None


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return " ".join(str(v) for v in value.values())
    return str(value)
