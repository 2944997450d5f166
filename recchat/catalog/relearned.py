"""A catalog's schema learned again from its stored items, for a catalog whose stored schema
cannot be read (stored by another recchat's schema format, or imported before schemas existed).

Learning it means a pass over every stored item: 24-37 s at 100,000 items. So it is learned
once and kept as derived data under the catalog's revision (recchat/catalog/derived.py): the
next open reads the file, and a re-import (a new revision, with a schema of today stored) leaves
it behind. It is not a registered kind: every registered kind is built with the schema, which
is what this makes. The store is never written from a read: a reader may be incognito, or the
catalog a server's, or an import of it may start meanwhile.

The learner and its inputs are the import's: each item as read from the catalog's files (which
is what is stored), how many items the usage log linked (the stored neighbours), and the
`[fields]` table of the source folder's map file, read as found now. The schema says it was
learned again (`relearned`): the folder may have changed since the import, and `catalog add`
of it stores a schema and ends the fallback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.catalog.derived import Derived, StoredItem, read_json
from recchat.catalog.items import item_from_json
from recchat.catalog.record import stored_neighbours
from recchat.catalog.schema import CatalogSchema, SchemaLearner
from recchat.errors import RecchatError

if TYPE_CHECKING:
    from recchat.catalog.fieldmap import FieldOverride


class Relearning:
    """Fed every stored item once; makes the schema the import would have stored."""

    def __init__(self, overrides: Mapping[str, FieldOverride] | None = None) -> None:
        self._learner = SchemaLearner()
        self._overrides = dict(overrides or {})
        self._linked = 0  # items with neighbours from the usage log: the import's `usage_log`

    def add(self, item: StoredItem) -> None:
        self._learner.add(item_from_json(item.data))
        self._linked += bool(stored_neighbours(item.metadata))

    def finish(self) -> CatalogSchema:
        return replace(self._learner.schema(self._linked, self._overrides), relearned=True)


def _save(schema: CatalogSchema, path: Path) -> None:
    path.write_text(json.dumps(schema.to_json(), ensure_ascii=False), encoding="utf-8")


def _load(path: Path) -> CatalogSchema:
    return CatalogSchema.from_json(read_json(path))  # another format raises ValueError: learned again


RELEARNED: Derived[CatalogSchema] = Derived("schema", "json", lambda _schema: Relearning(), _save, _load)


def source_overrides(info: Mapping[str, Any]) -> dict[str, FieldOverride]:
    """The `[fields]` table of the map file in the folder the catalog was imported from, as an
    import of it would read it; none when the folder is gone or its map file does not read."""
    from recchat.catalog.fieldmap import field_overrides

    source = info.get("source")
    if not isinstance(source, str) or not source or not Path(source).exists():
        return {}
    try:
        return field_overrides(Path(source))
    except (RecchatError, OSError, ValueError):
        return {}  # a broken map file stops an import, not a read: learned without it
