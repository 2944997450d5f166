"""Turning raw records into validated Items: field rules, stable ids, content hashes."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from recchat.catalog.readers import RawRecord
from recchat.domain import Item
from recchat.errors import CatalogError
from recchat.text import clean

CORE_FIELDS = ("id", "title", "description", "tags", "popularity")
MAX_ID = 256
MAX_TITLE = 500
MAX_DESCRIPTION = 100_000
MAX_TAGS = 100
MAX_TAG = 100
MAX_METADATA_VALUE = 10_000
MAX_FIELDS = 200
MAX_FIELD_NAME = 100
INT64 = 2**63 - 1  # Chroma stores integers in 64 bits
# The stored text (what BM25 indexes) keeps a description's first 1,000 characters; the embedded
# text its first 200: a sentence vector of a film's opening retrieves as well as one of its whole
# lead (ReDial dev, int8: R@10 / R@50 .2078 / .4041 at 200, .2067 / .4046 at 300, .2060 / .3962 at
# 1,000, against .2098 / .4032 for the float model at 1,000; benchmarks/embedding_quality.py),
# and the model's time grows with its word pieces (int8: 140 items per CPU-second at 200, 98 at 300).
DOCUMENT_DESCRIPTION_CHARS = 1_000
EMBED_DESCRIPTION_CHARS = 200
# In every content hash: bump it (or change the cap) when item_text or embed_text changes, and
# every item is embedded again.
EMBED_TEXT_VERSION = f"3:{EMBED_DESCRIPTION_CHARS}"
# An item with no description (a spreadsheet export) is told by its worded fields instead, this
# much of them: 'Botanical name: Monstera deliciosa; Light: Bright indirect; Features: trailing'.
FIELDS_TEXT_CHARS = 400
SHORT_FIELD = 200  # characters: fields that name an item (not its notes) tell two of a name apart

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def to_item(record: RawRecord) -> Item:
    """Validate one record. Raises CatalogError naming the file, line and field."""
    data = record.data
    if not isinstance(data, dict):
        raise _bad(record, f"expected an object with fields, got {type(data).__name__}")
    _check_shape(record, data)
    title = _text_field(record, data, "title", MAX_TITLE, required=True)
    description = _text_field(record, data, "description", MAX_DESCRIPTION, required=False)
    metadata = {
        str(key): _metadata_value(record, str(key), value)
        for key, value in data.items()
        if key not in CORE_FIELDS and value is not None and value != ""
    }
    item_id = _id_field(record, data.get("id"), title, metadata)
    return Item(
        id=item_id,
        title=title,
        description=description,
        tags=_tags(record, data.get("tags")),
        popularity=_popularity(record, data.get("popularity")),
        metadata=metadata,
    )


def _bad(record: RawRecord, problem: str) -> CatalogError:
    return CatalogError(record.path, record.line, problem)


def _check_shape(record: RawRecord, data: dict[Any, Any]) -> None:
    if len(data) > MAX_FIELDS:
        raise _bad(record, f"{len(data):,} fields; the limit is {MAX_FIELDS}")
    for key in data:
        name = str(key)
        if not name.strip() or len(name) > MAX_FIELD_NAME or clean(name) != name:
            raise _bad(record, f"field name {_shown(name)} must be 1-{MAX_FIELD_NAME} printable characters")
    try:  # JSON escapes can smuggle in lone surrogates, which no file or database can store
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError as error:
        raise _bad(record, f"not valid Unicode: a lone surrogate (\\u{ord(error.object[error.start]):04x})") from error
    except (ValueError, RecursionError) as error:
        raise _bad(record, f"cannot be stored: {error}") from error


def _shown(text: str, limit: int = 40) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def _text_field(record: RawRecord, data: dict[str, Any], name: str, limit: int, *, required: bool) -> str:
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _bad(record, f"missing '{name}'")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _bad(record, f"'{name}' must be text, got {type(value).__name__}")
    # Escape codes and control characters are stripped: catalog text is shown in terminals.
    text = " ".join(clean(str(value)).split()) if name == "title" else clean(str(value)).strip()
    if required and not text:
        raise _bad(record, f"missing '{name}'")
    if len(text) > limit:
        raise _bad(record, f"'{name}' is {len(text):,} characters; the limit is {limit:,}")
    return text


def derived_id(title: str, metadata: Mapping[str, Any], *, whole: bool = False) -> str:
    """The id of an item that has none: from what names it (title, year, author), stable across
    edits of its description; `whole`: from all its short fields too, for items that share a name
    (the same wine name from two producers)."""
    named: list[Any] = [title.casefold(), metadata.get("year"), metadata.get("author")]
    if whole:
        named.append(sorted((k, v) for k, v in metadata.items() if len(json.dumps(v, default=str)) <= SHORT_FIELD))
    basis = json.dumps(named, default=str)
    return "h" + hashlib.sha1(basis.encode()).hexdigest()[:15]


class DerivedIds:
    """Gives items whose derived id an earlier item of the same import took (a title that repeats
    in two places) an id of their own, the same one on every read of the same files."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}  # derived id -> the content of the item that has it

    def assign(self, item: Item) -> Item:
        if item.id != derived_id(item.title, item.metadata):
            return item  # its own id, from the catalog: a repeat is the catalog's to fix
        content = content_hash(item)
        if self._first.setdefault(item.id, content) == content:
            return item
        return replace(item, id=derived_id(item.title, item.metadata, whole=True))


def _id_field(record: RawRecord, value: Any, title: str, metadata: dict[str, Any]) -> str:
    if value is None or value == "":
        return derived_id(title, metadata)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _bad(record, f"'id' must be text or an integer, got {type(value).__name__}")
    text = str(value).strip()
    if not text or len(text) > MAX_ID or clean(text) != text or "\t" in text or "\n" in text:
        raise _bad(record, f"'id' must be 1-{MAX_ID} printable characters")
    return text


def _tags(record: RawRecord, value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        separator = next((sep for sep in "|;," if sep in value), None)
        parts: list[Any] = value.split(separator) if separator else [value]
    elif isinstance(value, list):
        parts = value
    else:
        raise _bad(record, f"'tags' must be a list of text or a '|'-separated string, got {type(value).__name__}")
    tags: list[str] = []
    for part in parts:
        if not isinstance(part, str | int | float) or isinstance(part, bool):
            raise _bad(record, "'tags' must contain only text")
        tag = " ".join(clean(str(part)).split()).lower()
        if len(tag) > MAX_TAG:
            raise _bad(record, f"a tag is {len(tag):,} characters; the limit is {MAX_TAG}")
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise _bad(record, f"{len(tags)} tags; the limit is {MAX_TAGS}")
    return tuple(tags)


def _popularity(record: RawRecord, value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and _NUMBER.match(value.strip()):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise _bad(record, f"'popularity' must be a non-negative number, got {value!r}")
    return float(value)


def _metadata_value(record: RawRecord, key: str, value: Any) -> Any:
    if isinstance(value, str):
        text = clean(value).strip()
        if len(text) > MAX_METADATA_VALUE:
            raise _bad(record, f"'{key}' is {len(text):,} characters; the limit is {MAX_METADATA_VALUE:,}")
        return text
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        raise _bad(record, f"'{key}' must be a finite number")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > INT64:
        raise _bad(record, f"'{key}' is too large a number to store")
    if isinstance(value, bool | int | float):
        return value
    try:
        encoded = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError) as error:
        raise _bad(record, f"'{key}' cannot be stored: {error}") from error
    if len(encoded) > MAX_METADATA_VALUE:
        raise _bad(record, f"'{key}' is {len(encoded):,} characters; the limit is {MAX_METADATA_VALUE:,}")
    return json.loads(encoded)


def item_to_json(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "title": item.title}
    if item.description:
        data["description"] = item.description
    if item.tags:
        data["tags"] = list(item.tags)
    if item.popularity is not None:
        data["popularity"] = item.popularity
    data.update(item.metadata)
    return data


def item_from_json(data: dict[str, Any]) -> Item:
    """Inverse of item_to_json, for items already validated on import."""
    metadata = {key: value for key, value in data.items() if key not in CORE_FIELDS}
    return Item(
        id=str(data["id"]),
        title=str(data["title"]),
        description=str(data.get("description", "")),
        tags=tuple(data.get("tags", ())),
        popularity=data.get("popularity"),
        metadata=metadata,
    )


def content_hash(item: Item) -> str:
    canonical = json.dumps(item_to_json(item), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{EMBED_TEXT_VERSION}\n{canonical}".encode()).hexdigest()[:32]


def embed_text(item: Item) -> str:
    """What the embedder reads of an item: `item_text` with the description's opening only."""
    return item_text(item, description_chars=EMBED_DESCRIPTION_CHARS)


def item_text(item: Item, *, description_chars: int | None = DOCUMENT_DESCRIPTION_CHARS) -> str:
    """An item as one text: the title, who made it, its tags and its description (what is stored
    and indexed by BM25, with the description's start only; what BM25 is queried with, whole)."""
    parts = [item.title]
    creator = item.metadata.get("author") or item.metadata.get("director") or item.metadata.get("brand")
    if isinstance(creator, str) and creator:
        parts.append(f"by {creator}")
    if item.tags:
        parts.append(", ".join(item.tags))
    if item.description:
        parts.append(item.description[:description_chars])
    elif fields := fields_text(item.metadata):
        parts.append(fields)
    return ". ".join(parts)


def fields_text(metadata: Mapping[str, Any]) -> str:
    """The fields of an item that are words ('Light: Bright indirect', a list's values), not
    numbers, amounts, codes or links: what it is, for an item that has no description."""
    parts = []
    for key, value in metadata.items():
        values = value if isinstance(value, list) else [value]
        said = [str(v) for v in values if isinstance(v, str) and _worded(v)]
        if said:
            parts.append(f"{key}: {', '.join(said)}")
    text = "; ".join(parts)
    return text if len(text) <= FIELDS_TEXT_CHARS else text[:FIELDS_TEXT_CHARS].rsplit(" ", 1)[0]


@functools.cache
def _yes_no() -> frozenset[str]:
    """The words a yes/no cell is written with (language/explaining.toml, as the cards read them)."""
    from recchat.language import load

    table = load("explaining")["yes_no"]
    return frozenset(str(w) for key in ("yes", "no") for w in table[key])


def _worded(value: str) -> bool:
    """Words a person may say: 'Bright indirect', 'Every 2 weeks'; not '€129', '45 cm', 'HP-101-17'
    or a link."""
    from recchat.language.quantities import read_cell

    if not re.search(r"[^\W\d_]", value) or len(value) > SHORT_FIELD or "://" in value:
        return False
    if " " not in value.strip() and re.search(r"\d", value):
        return False  # a code
    if value.strip().lower() in _yes_no():
        return False  # 'Pet safe: No' would read as pet safe
    return read_cell(value) is None
