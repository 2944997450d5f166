"""The stable JSON shapes recchat prints (`ask --json`). Documented in the README; change the
schema version when a field's meaning changes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recchat.domain import Evidence, Inferred, Item, MatchedUtterance, Recommendation, Reply

ASK_SCHEMA = "recchat.ask/1"


def recommendation_json(rec: Recommendation) -> dict[str, Any]:
    evidence = rec.evidence
    return {
        "id": rec.item.id,
        "title": rec.item.title,
        "score": rec.score,
        "explanation": rec.explanation,
        "explanation_source": rec.explanation_source,
        "reasons": list(rec.reasons),
        "explanation_refused": rec.refused or None,
        "tags": list(rec.item.tags),
        "metadata": dict(rec.item.metadata),
        "evidence": {
            "utterances": [
                {"text": u.text, "weight": u.weight, "similarity": u.similarity} for u in evidence.utterances
            ],
            "fields": list(evidence.fields),
            "related_titles": list(evidence.related_titles),
            "score_parts": dict(evidence.score_parts),
            "constraints": list(evidence.constraints),
            "inferred": [i.to_json() for i in evidence.inferred],
            "misses": list(evidence.misses),
        },
    }


def reply_json(
    reply: Reply, *, query: str, catalog: str, profile: str, conversation: str | None = None
) -> dict[str, Any]:
    return {
        "schema": ASK_SCHEMA,
        "type": "recommendations" if reply.recommendations else ("question" if reply.question else "empty"),
        "query": query,
        "catalog": catalog,
        "profile": profile,
        "conversation": conversation,
        "message": reply.message,
        "question": reply.question,
        "understood": reply.understood,
        "constraints": [c.to_json() for c in reply.constraints],
        "relaxed": [c.to_json() for c in reply.relaxed],
        "references": [{"id": r.item_id, "title": r.title, "act": r.act} for r in reply.references],
        "unused": list(reply.unused),
        "items": [recommendation_json(rec) for rec in reply.recommendations],
    }


def recommendation_from_json(data: Mapping[str, Any]) -> Recommendation:
    """Inverse of recommendation_json, for cards shown again on resume."""
    evidence = data.get("evidence") or {}
    item = Item(
        id=str(data["id"]),
        title=str(data.get("title", data["id"])),
        tags=tuple(str(t) for t in data.get("tags", ())),
        metadata=dict(data.get("metadata") or {}),
    )
    return Recommendation(
        item=item,
        score=float(data.get("score", 0.0)),
        evidence=Evidence(
            utterances=tuple(
                MatchedUtterance(str(u["text"]), float(u["weight"]), float(u["similarity"]))
                for u in evidence.get("utterances", ())
            ),
            fields=tuple(str(f) for f in evidence.get("fields", ())),
            related_titles=tuple(str(t) for t in evidence.get("related_titles", ())),
            score_parts={str(k): float(v) for k, v in (evidence.get("score_parts") or {}).items()},
            constraints=tuple(str(c) for c in evidence.get("constraints", ())),
            inferred=tuple(Inferred(str(i["label"]), str(i["why"])) for i in evidence.get("inferred", ())),
            misses=tuple(str(m) for m in evidence.get("misses", ())),
        ),
        explanation=str(data.get("explanation", "")),
        explanation_source=str(data.get("explanation_source", "template")),
        reasons=tuple(str(r) for r in data.get("reasons", ())),
        refused=str(data.get("explanation_refused") or ""),
    )
