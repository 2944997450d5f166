"""The explanation shown when the LLM's fails its checks (or there is no LLM): built only from
the evidence, so always true."""

from __future__ import annotations

from recchat.domain import Recommendation
from recchat.text import clean, shorten


def template_explanation(rec: Recommendation) -> str:
    """A plain explanation built only from the evidence: always true, never pretty."""
    evidence = rec.evidence
    tags = [f.split(": ", 1)[1] for f in evidence.fields if f.startswith("tags: ")]
    matched = next((f.split(": ", 1)[1] for f in evidence.fields if f.startswith("description: ")), "")
    reasons = []
    if evidence.related_titles:
        reasons.append(f"people who liked {clean(evidence.related_titles[0])} often bring it up")
    if tags:
        reasons.append(f"it is {_join(tags)}, as you asked")
    if matched and len(reasons) < 2:
        reasons.append(f"it touches on {matched}, which you mentioned")
    if not reasons and evidence.utterances:
        reasons.append(f"it is close to what you said: “{shorten(clean(evidence.utterances[0].text), 80)}”")
    if not reasons:
        reasons.append("it is well liked here" if rec.item.popularity else "it is among the closest matches")
    text = f"{clean(rec.item.title)}: {'; '.join(reasons)}."
    if rec.item.tags and not tags:
        text += f" Tagged {_join(list(rec.item.tags[:3]))}."
    return text


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
