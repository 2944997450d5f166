"""A scripted ranker behind the `Ranker` protocol, for tests of what is around ranking (the app's
screens): it suggests the items it is given, in that order, with the evidence it is given, so a
change to recchat's ranking does not change what those tests show. Like the fake models, it
obeys the rules every ranker obeys: only catalog items, none excluded, only those meeting the
request's constraints (and the evidence names the constraints each meets)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from recchat.domain import Evidence, Recommendation
from recchat.ranking.filters import labels_met

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.profile import ProfileSnapshot
    from recchat.ranking.retrieval import Query


class ScriptedRanker:
    def __init__(
        self, catalog: Catalog, item_ids: Sequence[str], evidence: Mapping[str, Evidence] | None = None
    ) -> None:
        self.catalog = catalog
        self.item_ids = list(item_ids)
        self.evidence = dict(evidence or {})

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Recommendation]:
        excluded = snapshot.excluded | query.exclude
        allowed = query.allowed
        chosen = [i for i in self.item_ids if i not in excluded and (allowed is None or i in allowed)][:k]
        items = {item.id: item for item in self.catalog.items(chosen)}
        by_id = self.catalog.index.by_id
        found = []
        for rank, item_id in enumerate(i for i in chosen if i in items):
            score = float(len(chosen) - rank)
            given = self.evidence.get(item_id, Evidence(score_parts={"scripted": score}))
            met = labels_met(items[item_id], by_id.get(item_id), query.constraints)
            found.append(
                Recommendation(items[item_id], sum(given.score_parts.values()), replace(given, constraints=met))
            )
        return found
