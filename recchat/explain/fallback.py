"""The explanation shown when the LLM's fails its checks (or there is no LLM): the reasons as
plain sentences, so always true. The wording varies from item to item (a stable choice, so the
same suggestion reads the same way twice) and uses only content words and names."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from recchat.domain import Recommendation
from recchat.explain.facts import ItemFacts
from recchat.explain.reasons import Reason
from recchat.explain.words import genre_phrase


def fallback_text(rec: Recommendation, facts: ItemFacts, reasons: Sequence[Reason]) -> str:
    title = facts.title or rec.item.title
    variant = zlib.crc32(rec.item.id.encode("utf-8"))
    if not reasons:
        return _no_reason(title, facts, rec)
    like = next((r for r in reasons if r.about and r.sort == "like"), None)
    rest = [r for r in reasons if r is not like]
    if like is not None:
        first = _like_sentence(title, like, variant)
        return " ".join([first, *(_also(rest, variant),)]) if rest else first
    return _plain(title, rest, variant)


def _like_sentence(title: str, reason: Reason, variant: int) -> str:
    forms = (
        f"Like {reason.about}, {title} {reason.clause}.",
        f"If you liked {reason.about}, {title} {reason.clause} too.",
        f"{title} {reason.clause}, just as {reason.about} does.",
    )
    return forms[variant % len(forms)] if " is " not in f" {reason.clause} " else forms[variant % 2]


def _also(reasons: Sequence[Reason], variant: int) -> str:
    clauses = _clauses(reasons)
    asked = all(r.asked for r in reasons)
    tail = ", as you asked" if asked else ""
    if variant % 2 == 0:
        return f"On top of that, it {clauses}{tail}."
    if clauses.startswith("is "):
        return f"It is also {clauses[3:]}{tail}."
    return f"It also {clauses}{tail}."


def _plain(title: str, reasons: Sequence[Reason], variant: int) -> str:
    asked = [r for r in reasons if r.asked]
    other = [r for r in reasons if not r.asked]
    forms: tuple[str, ...]
    if asked and other:
        forms = (
            f"{title} {_clauses(asked)}, as you asked, and it {_clauses(other)}.",
            f"{title} {_clauses(other)}, and it {_clauses(asked)}, which is what you asked for.",
        )
        return forms[variant % 2]
    clauses = _clauses(reasons)
    if asked:
        forms = (
            f"{title} {clauses}, as you asked.",
            f"{title} {clauses}: just what you asked for.",
            f"{title} fits your request: it {clauses}.",
        )
        return forms[variant % 3]
    forms = (f"{title} {clauses}.", f"{title} {clauses}, which matches what you said.")
    return forms[variant % 2]


def _clauses(reasons: Sequence[Reason]) -> str:
    parts = [r.clause for r in reasons]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _no_reason(title: str, facts: ItemFacts, rec: Recommendation) -> str:
    """Nothing the person said singles it out: say what it is, and why it came up at all."""
    why = "one of the best liked here" if rec.item.popularity else "among the closest matches to what you said"
    if facts.tags:
        return f"{title} is {genre_phrase(facts.tags[:2], facts.kind_noun)}, {why}."
    return f"{title} is {why}."


def template_explanation(rec: Recommendation) -> str:
    """The fallback for a suggestion whose reasons were not built (an old saved card)."""
    from recchat.catalog.schema import CatalogSchema
    from recchat.explain.facts import item_facts

    return fallback_text(rec, item_facts(rec.item, CatalogSchema()), ())
