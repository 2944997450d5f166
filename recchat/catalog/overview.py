"""What `catalog show` prints: the schema learned at import (the one understanding and ranking
read), the signals the catalog has, and what recchat's fields were read from."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recchat.catalog.fieldmap import FieldUsage
from recchat.catalog.library import Catalog
from recchat.catalog.schema import CatalogSchema

if TYPE_CHECKING:
    from pathlib import Path

    from recchat.store import Store

OVERVIEW_FORMAT = "recchat.catalog/1"


@dataclass(frozen=True)
class CatalogOverview:
    name: str
    kind: str
    source: str
    schema: CatalogSchema
    fields_from: tuple[FieldUsage, ...]  # empty for catalogs imported before this was kept

    @property
    def counts(self) -> dict[str, int]:
        """Items carrying each signal (the signals themselves are on where enough do)."""
        schema = self.schema
        people = max((f.count for f in schema.fields if f.role == "people"), default=0)
        return {
            "popularity": schema.popularity,
            "usage_log": schema.usage_log,
            "tags": schema.tags,
            "descriptions": schema.descriptions,
            "people": people,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": OVERVIEW_FORMAT,
            "name": self.name,
            "kind": self.kind,
            "source": self.source,
            "items": self.schema.items,
            "fields": [info.to_json() for info in self.schema.fields],
            "signals": {name: {"present": on, "items": self.counts[name]} for name, on in self.schema.signals.items()},
            "fields_from": [usage.to_json() for usage in self.fields_from],
        }


def catalog_overview(
    store: Store, name: str, cache_dir: Path | None = None, *, write_cache: bool = False
) -> CatalogOverview:
    """Reads only the stored catalog: no embedder or model is loaded. `cache_dir`: where a
    schema learned again for a catalog imported by an older recchat is kept (and written, with
    `write_cache`), as `ask` keeps it."""
    collection = store.open("catalog", name)
    catalog = Catalog(collection, cache_dir, write_cache=write_cache)
    info = collection.info
    return CatalogOverview(
        name=name,
        kind=str(info.get("kind") or "items"),
        source=str(info.get("source") or ""),
        schema=catalog.schema,
        fields_from=_fields_from(info.get("fields_from")),
    )


def _fields_from(stored: Any) -> tuple[FieldUsage, ...]:
    if not isinstance(stored, str):
        return ()
    try:
        return tuple(FieldUsage.from_json(entry) for entry in json.loads(stored))
    except (ValueError, KeyError, TypeError):
        return ()
