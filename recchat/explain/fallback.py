"""The explanation shown when the LLM's text fails its checks (or there is no LLM): the first of
the card's true sentences (frames.py), so always true. The frame and the wordings vary from item
to item (a stable choice, so the same suggestion reads the same way twice)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from recchat.domain import Recommendation
from recchat.explain.facts import ItemFacts
from recchat.explain.frames import plan
from recchat.explain.reasons import Reason


def fallback_text(rec: Recommendation, facts: ItemFacts, reasons: Sequence[Reason], *, complete: bool = True) -> str:
    variant = zlib.crc32(rec.item.id.encode("utf-8"))
    return plan(facts.title or rec.item.title, reasons, variant, complete=complete).text()


def template_explanation(rec: Recommendation) -> str:
    """The fallback for a suggestion whose reasons were not built (an old saved card)."""
    from recchat.catalog.schema import CatalogSchema
    from recchat.explain.facts import item_facts

    return fallback_text(rec, item_facts(rec.item, CatalogSchema()), ())
