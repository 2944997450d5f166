"""What `catalog list` and the app's `/catalog` show: one row per stored catalog."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recchat.store import Store


@dataclass(frozen=True)
class CatalogSummary:
    name: str
    items: int
    kind: str
    state: str
    embedder: str
    source: str
    updated: float | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def catalog_summaries(store: Store) -> list[CatalogSummary]:
    rows = []
    for name in store.catalogs():
        info = store.open("catalog", name).info
        updated = info.get("updated")
        rows.append(
            CatalogSummary(
                name=name,
                items=int(info.get("items") or 0),
                kind=str(info.get("kind") or "items"),
                state=str(info.get("state") or ""),
                embedder=str(info.get("embedder") or ""),
                source=str(info.get("source") or ""),
                updated=float(updated) if isinstance(updated, int | float) else None,
            )
        )
    return rows
