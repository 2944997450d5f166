"""How an item is stored in a Chroma record: the keys recchat adds to the catalog's own fields,
named once here and read and written only through this module."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from recchat.catalog.items import content_hash, item_from_json, item_to_json
from recchat.domain import Item

# recchat's own keys start with '_', so they never meet a catalog field (which are stored beside
# them, filterable) of the same name.
ITEM = "_item"  # the whole item as JSON: what is shown and explained
TITLE = "_title"
TAGS = "_tags"  # '|'-joined, for the in-memory index
POPULARITY = "_pop"
HASH = "_hash"  # content hash: an unchanged item is not embedded again
NEIGHBOURS = "_co"  # items brought up together in the usage log
SOURCE = "_src"  # 'file:line' the item came from


def item_metadata(item: Item, location: str, links: str) -> dict[str, Any]:
    """Chroma metadata of one item: its scalar catalog fields (filterable) and recchat's keys."""
    metadata: dict[str, Any] = {
        key: value
        for key, value in item.metadata.items()
        # '$' starts Chroma operators and 'chroma:' its own keys; such fields stay in the item JSON only.
        if isinstance(value, str | int | float | bool) and not key.startswith(("_", "#", "$", "chroma:"))
    }
    metadata.update(
        {
            TITLE: item.title,
            TAGS: "|".join(item.tags),
            HASH: content_hash(item),
            NEIGHBOURS: links,
            SOURCE: location,
            ITEM: json.dumps(item_to_json(item), ensure_ascii=False),
        }
    )
    if item.popularity is not None:
        metadata[POPULARITY] = item.popularity
    return metadata


def stored_item(metadata: Mapping[str, Any]) -> Item:
    return item_from_json(stored_json(metadata))


def stored_json(metadata: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(metadata[ITEM])
    return data


def stored_title(metadata: Mapping[str, Any]) -> str:
    return str(metadata.get(TITLE) or stored_json(metadata).get("title", ""))


def stored_tags(metadata: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(tag for tag in str(metadata.get(TAGS, "")).split("|") if tag)


def stored_popularity(metadata: Mapping[str, Any]) -> float:
    return float(metadata.get(POPULARITY, 0.0))


def stored_neighbours(metadata: Mapping[str, Any]) -> str | None:
    value = metadata.get(NEIGHBOURS)
    return str(value) if value is not None else None
